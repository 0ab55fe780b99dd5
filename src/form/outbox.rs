//! The encrypted outbox: reports waiting to reach the organization, and the loop that delivers
//! them exactly once.
//!
//! An entry holds only ciphertext (age format), the report's UUID and its receipt code — nothing
//! a person could read. It is written to the device before the first attempt, so closing the tab,
//! losing the connection or a server error loses nothing. Delivery is `POST intake_url` with the
//! UUID as `Idempotency-Key`; the server stores one report per UUID, so a retry after a lost
//! answer, a double click or a second tab can never create a second report.
//!
//! Delivered means the answer is a 200/201 whose body carries the receipt this id expects: a
//! captive portal's or a proxy's "200 OK" page must never make the phone forget a report.
//!
//! A 409 means another body is already stored under this id (someone who held the phone, or a
//! forged post, got there first). The report is not lost: the same ciphertext is sent again
//! under a new id with a `Replaces` header naming the first one (the report inside still carries
//! it, and so does the receipt the relative was shown); the server stores it as
//! `<new>.replaces-<old>.age`.
//!
//! Retries: exponential backoff from 5 s, doubling, capped at 5 minutes; and at once when the
//! browser says it is online again, on every visit, and on "try now". A report the server
//! refused (400/413) is never retried: the screen says so, with the organization's contact.

use super::state::{Action, Env, FormState, SendStatus};
use crate::browser;
use crate::net;
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use yew::Callback;

const KEY: &str = "sijil.outbox.v1";
const TIMEOUT_MS: u32 = 30_000;
pub const MAX_BACKOFF_MS: f64 = 300_000.0;

/// One waiting report. Serialized into localStorage (a versioned boundary: `v`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub v: u32,
    pub id: String,
    pub receipt: String,
    /// Base64 of the age ciphertext.
    pub body: String,
    pub queued_at: f64,
    pub attempts: u32,
    /// Earliest time of the next attempt (ms since epoch).
    pub next_at: f64,
    /// Last failure, shown to the user in plain words.
    pub last_error: Option<Failure>,
    /// After a 409: the report's first id, which `id` (a new one) replaces. Absent in entries
    /// written before this field existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<String>,
    /// Set by quick exit: the report is still delivered, silently; the form never shows it
    /// again (its receipt is blanked too), so the next person to open the form on this phone
    /// sees nothing of it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub quiet: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Failure {
    Offline,
    Server,
    Busy,
    /// The server refused the report itself (400/413): retrying will not help, a person must.
    Refused,
}

/// What happened to one attempt.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Delivered { receipt: String },
    Failed(Failure),
}

pub fn load() -> Vec<Entry> {
    browser::storage_get(KEY)
        .and_then(|s| serde_json::from_str::<Vec<Entry>>(&s).ok())
        .unwrap_or_default()
        .into_iter()
        .filter(|e| e.v == 1)
        .collect()
}

fn save(entries: &[Entry]) -> bool {
    if entries.is_empty() {
        browser::storage_remove(KEY);
        return true;
    }
    serde_json::to_string(entries).is_ok_and(|s| browser::storage_set(KEY, &s))
}

/// Adds a report to the outbox (once per id). False if the device refused to store it.
pub fn enqueue(id: &str, receipt: &str, ciphertext: &[u8], now: f64) -> bool {
    let mut all = load();
    if all.iter().any(|e| e.id == id) {
        return true;
    }
    all.push(Entry {
        v: 1,
        id: id.to_owned(),
        receipt: receipt.to_owned(),
        body: sijil_core::base64::encode(ciphertext),
        queued_at: now,
        attempts: 0,
        next_at: now,
        last_error: None,
        replaces: None,
        quiet: false,
    });
    save(&all)
}

/// Removes everything (the "delete everything from this device" action).
pub fn clear() {
    browser::storage_remove(KEY);
}

/// Cancels the waiting report with this receipt: it is deleted from the device, unsent.
/// False if the device could not write the outbox (the report is then still there).
pub fn remove(receipt: &str) -> bool {
    let mut all = load();
    for e in all.iter().filter(|e| e.receipt == receipt) {
        super::uploads::cancel_report(e.replaces.as_deref().unwrap_or(&e.id));
    }
    all.retain(|e| e.receipt != receipt);
    save(&all)
}

/// Quick exit: every waiting report is still delivered, but silently and without its receipt
/// (see [`Entry::quiet`]).
pub fn hush() {
    let mut all = load();
    if all.is_empty() {
        return;
    }
    for e in &mut all {
        e.quiet = true;
        e.receipt.clear();
    }
    save(&all);
}

/// What the pending screen says after a failed attempt.
pub fn status_after(f: Failure, next_at: f64) -> SendStatus {
    match f {
        Failure::Refused => SendStatus::Refused,
        // The browser cannot tell a dead line from a dead server: `onLine` decides which
        // sentence the relative reads.
        Failure::Offline if !browser::online() => SendStatus::Offline,
        Failure::Offline | Failure::Server | Failure::Busy => SendStatus::ServerFailed { next_at },
    }
}

/// The status of a stored entry (on arrival, before any attempt of this visit).
fn status_of(e: &Entry) -> SendStatus {
    match e.last_error {
        Some(f) => status_after(f, e.next_at),
        None if !browser::online() => SendStatus::Offline,
        None => SendStatus::Sending,
    }
}

/// Backoff before attempt `attempts + 1`: 5 s, 10 s, 20 s … capped at 5 minutes.
pub fn backoff_ms(attempts: u32) -> f64 {
    (5_000.0 * 2f64.powi(attempts.min(16) as i32)).min(MAX_BACKOFF_MS)
}

thread_local! {
    /// Ids of the entries this tab is sending right now. A slow upload on a poor connection can
    /// take longer than the retry tick; without this, each tick would start another upload of
    /// the same report (harmless for the organization thanks to the idempotency key, but paid
    /// for by the relative's data plan and battery).
    static IN_FLIGHT: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn in_flight(id: &str) -> bool {
    IN_FLIGHT.with(|f| f.borrow().iter().any(|x| x == id))
}

/// Sends one entry and records the result in storage.
pub async fn attempt(intake_url: &str, entry: &Entry, now: f64) -> Outcome {
    IN_FLIGHT.with(|f| f.borrow_mut().push(entry.id.clone()));
    let outcome = attempt_once(intake_url, entry, now).await;
    IN_FLIGHT.with(|f| f.borrow_mut().retain(|x| *x != entry.id));
    outcome
}

async fn attempt_once(intake_url: &str, entry: &Entry, now: f64) -> Outcome {
    let Some(body) = sijil_core::base64::decode(&entry.body) else {
        return Outcome::Failed(Failure::Refused);
    };
    let mut headers = vec![
        ("Idempotency-Key", entry.id.as_str()),
        ("Content-Type", "application/octet-stream"),
    ];
    if let Some(old) = &entry.replaces {
        headers.push(("Replaces", old.as_str()));
    }
    let outcome = match net::post(intake_url, &headers, &body, TIMEOUT_MS).await {
        Ok(r) if (r.status == 200 || r.status == 201) && carries_receipt(&r.body, &entry.id) => {
            Outcome::Delivered {
                receipt: entry.receipt.clone(),
            }
        }
        Ok(r) if r.status == 409 => {
            renumber(entry);
            Outcome::Failed(Failure::Server)
        }
        Ok(r) if r.status == 429 => Outcome::Failed(Failure::Busy),
        Ok(r) if r.status == 400 || r.status == 413 => Outcome::Failed(Failure::Refused),
        Ok(_) => Outcome::Failed(Failure::Server),
        Err(_) => Outcome::Failed(Failure::Offline),
    };
    // Re-read: another tab may have delivered or changed the outbox meanwhile.
    let mut all = load();
    match &outcome {
        Outcome::Delivered { .. } => all.retain(|e| e.id != entry.id),
        Outcome::Failed(f) => {
            if let Some(e) = all.iter_mut().find(|e| e.id == entry.id) {
                e.attempts += 1;
                e.next_at = now + backoff_ms(e.attempts - 1);
                e.last_error = Some(*f);
            }
        }
    }
    save(&all);
    outcome
}

/// True when an intake answer names the receipt code of `id` (what our server sends).
fn carries_receipt(body: &[u8], id: &str) -> bool {
    let Some(expected) = sijil_report::receipt::ReportId::parse(id).map(|i| i.receipt_code())
    else {
        return false;
    };
    serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|v| v.get("receipt")?.as_str().map(|r| r == expected))
        .unwrap_or(false)
}

/// After a 409: the entry gets a new id and names the one it replaces (the first, always: the
/// report inside carries that one). Without random bytes it keeps its id and retries later.
fn renumber(entry: &Entry) {
    let mut bytes = [0u8; 16];
    if !browser::random_bytes(&mut bytes) {
        return;
    }
    let new_id = sijil_report::receipt::ReportId::from_random(bytes).to_string();
    let mut all = load();
    if let Some(e) = all.iter_mut().find(|e| e.id == entry.id) {
        e.replaces = Some(e.replaces.clone().unwrap_or_else(|| e.id.clone()));
        e.id = new_id.clone();
        // The next attempt is due at once (the failure bookkeeping below finds it by new id).
        e.next_at = 0.0;
    }
    save(&all);
}

/// Sends every entry that is due (or all of them when `force`, e.g. on `online` or "try
/// now"), telling the page about each: sending, delivered, or why not and until when.
/// A refused report is never sent again: the same bytes would be refused the same way.
async fn flush(intake_url: &str, force: bool, dispatch: &Callback<Action>) {
    let now = browser::now_ms();
    for e in load() {
        let refused = e.last_error == Some(Failure::Refused);
        if refused || !(force || e.next_at <= now) || in_flight(&e.id) {
            continue;
        }
        let receipt = e.receipt.clone();
        dispatch.emit(Action::Status {
            receipt: receipt.clone(),
            status: SendStatus::Sending,
        });
        match attempt(intake_url, &e, now).await {
            Outcome::Delivered { receipt } => dispatch.emit(Action::Delivered { receipt }),
            Outcome::Failed(f) => {
                let next_at = load()
                    .iter()
                    .find(|x| x.receipt == receipt)
                    .map_or(now, |x| x.next_at);
                dispatch.emit(Action::Status {
                    receipt,
                    status: status_after(f, next_at),
                });
            }
        }
    }
}

/// On arrival: a report still waiting shows its "not sent yet" screen (unless quick exit
/// hushed it).
pub fn show_waiting(dispatch: &Callback<Action>) {
    if let Some(e) = load().into_iter().find(|e| !e.quiet) {
        let status = status_of(&e);
        dispatch.emit(Action::Queued {
            receipt: e.receipt.clone(),
        });
        dispatch.emit(Action::Status {
            receipt: e.receipt,
            status,
        });
    }
}

/// Delivers in the background and reports what happened to the page.
pub fn spawn_flush(intake_url: String, force: bool, dispatch: Callback<Action>) {
    if load().is_empty() {
        return;
    }
    yew::platform::spawn_local(async move { flush(&intake_url, force, &dispatch).await });
}

/// Validates the whole form; if it is complete, encrypts it to the organization's recipients,
/// puts the ciphertext in the outbox, forgets the plaintext and starts delivery.
pub fn send(
    s: &FormState,
    config: &Rc<super::config::FormConfig>,
    env: &Env,
    dispatch: Callback<Action>,
) {
    use sijil_report::form::{validate, AllowedParties, Submission};
    if !super::files::preparing().is_empty() {
        return dispatch.emit(Action::Files(super::state::FilesNote::StillEncrypting));
    }
    // Each file's ciphertext must still be on the device, or the report would name a file
    // that can never arrive.
    let mut files = Vec::new();
    for a in &s.input.evidence.attachments {
        match super::files::cipher_len(&a.id) {
            Some(len) => files.push((a.id.clone(), a.name.clone(), len)),
            None => return dispatch.emit(Action::Files(super::state::FilesNote::Gone)),
        }
    }
    // Every report names its incident, so another victim of the same attack reported after it
    // ("report another person killed in the same incident") can share the id.
    let mut input = s.input.clone();
    if input.incident.trim().is_empty() {
        let mut b = [0u8; 16];
        if !browser::random_bytes(&mut b) {
            return dispatch.emit(Action::CannotSend);
        }
        input.incident = sijil_report::receipt::ReportId::from_random(b).to_string();
    }
    let report = match validate(&input, env.today, AllowedParties::Known(&env.parties)) {
        Ok(r) => r,
        Err(errors) => return dispatch.emit(Action::Invalid(errors)),
    };
    let json = report.to_wire_json(&Submission {
        id: s.id,
        submitted_at: browser::now_iso(),
        lang: s.lang,
    });
    let recipients: Vec<&str> = config.recipients.iter().map(String::as_str).collect();
    let mut random_ok = true;
    let mut random = |b: &mut [u8]| random_ok &= browser::random_bytes(b);
    let Ok(cipher) = sijil_report::age::encrypt(&recipients, json.as_bytes(), &mut random) else {
        return dispatch.emit(Action::CannotSend);
    };
    if !random_ok {
        return dispatch.emit(Action::CannotSend);
    }
    let receipt = s.id.receipt_code();
    if !enqueue(&s.id.to_string(), &receipt, &cipher, browser::now_ms()) {
        return dispatch.emit(Action::CannotSend);
    }
    // The files are queued behind the report: they go once it has been delivered.
    if !super::uploads::enqueue(&s.id.to_string(), &files, browser::now_ms()) {
        remove(&receipt);
        return dispatch.emit(Action::CannotSend);
    }
    super::drafts::clear();
    dispatch.emit(Action::Incident(input.incident.clone()));
    dispatch.emit(Action::Queued { receipt });
    spawn_flush(config.intake_url.clone(), true, dispatch);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_answer_with_the_expected_receipt_is_a_delivery() {
        let id = "0123abcd-ef01-4234-8567-89abcdef0123";
        assert!(carries_receipt(
            br#"{"receipt":"04HT-QKFF","status":"stored"}"#,
            id
        ));
        assert!(!carries_receipt(
            b"<html>Welcome to the hotel Wi-Fi</html>",
            id
        ));
        assert!(!carries_receipt(br#"{"receipt":"AAAA-BBBB"}"#, id));
        assert!(!carries_receipt(br#"{"status":"stored"}"#, id));
    }

    #[test]
    fn entries_written_before_replaces_existed_still_load() {
        let old = r#"{"v":1,"id":"x","receipt":"r","body":"","queued_at":0,"attempts":0,"next_at":0,"last_error":null}"#;
        let e: Entry = serde_json::from_str(old).unwrap();
        assert_eq!(e.replaces, None);
        assert!(!e.quiet);
        assert!(!serde_json::to_string(&e).unwrap().contains("quiet"));
    }

    #[test]
    fn backoff_doubles_and_caps_at_five_minutes() {
        assert_eq!(backoff_ms(0), 5_000.0);
        assert_eq!(backoff_ms(1), 10_000.0);
        assert_eq!(backoff_ms(5), 160_000.0);
        assert_eq!(backoff_ms(6), MAX_BACKOFF_MS);
        assert_eq!(backoff_ms(40), MAX_BACKOFF_MS);
    }
}
