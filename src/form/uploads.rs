//! Attached files on their way to the organization: a tus 1.0 client (core + creation) in the
//! form's wasm, and the queue it works through.
//!
//! **Order.** A file is uploaded only after its report has been delivered (the report has left
//! the [`super::outbox`]): the organization never holds an attachment without the report that
//! names it, and since the report lists every attachment with its SHA-256, `sijil export` names
//! any file that has not arrived (yet) instead of skipping it.
//!
//! **Protocol** (`/api/uploads`, see the server's `uploads.rs`): `POST` with `Upload-Length` (the
//! ciphertext's length) and `Upload-Metadata` (`filename`, `report`, `attachment`, base64)
//! creates the upload or answers the same one again; `HEAD` gives the server's `Upload-Offset`;
//! each `PATCH` sends one stored piece ([`super::idb::PIECE`]) from that offset. After a drop the
//! phone asks `HEAD` and goes on from the last byte the server confirmed, never from zero. The
//! server stores each piece once under its offset, so a retry, a second tab or a double tap can
//! never store a file twice.
//!
//! **Retries** behave as the report outbox's: backoff from 5 s doubling to 5 minutes, at once on
//! `online`, on every visit and on "try now". A file the server refuses (400/413) is not retried.
//! Only ciphertext is kept (IndexedDB) and sent; the queue in localStorage (`sijil.uploads.v1`)
//! names files by id and ciphertext length only.

use super::idb::{self, PIECE};
use super::outbox;
use crate::{browser, net};
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};

const KEY: &str = "sijil.uploads.v1";
const TIMEOUT_MS: u32 = 120_000;

/// One file waiting to be uploaded (a versioned boundary: `v`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Upload {
    pub v: u32,
    /// The report (its first id: the one the report carries and the upload names).
    pub report: String,
    pub id: String,
    pub name: String,
    /// Ciphertext bytes, what `Upload-Length` announces.
    pub len: u64,
    pub attempts: u32,
    pub next_at: f64,
    /// The server refused this file: it is not retried.
    #[serde(default)]
    pub refused: bool,
}

pub fn load() -> Vec<Upload> {
    browser::storage_get(KEY)
        .and_then(|s| serde_json::from_str::<Vec<Upload>>(&s).ok())
        .unwrap_or_default()
        .into_iter()
        .filter(|u| u.v == 1)
        .collect()
}

fn save(all: &[Upload]) -> bool {
    if all.is_empty() {
        browser::storage_remove(KEY);
        return true;
    }
    serde_json::to_string(all).is_ok_and(|s| browser::storage_set(KEY, &s))
}

/// Queues a delivered-or-waiting report's files (once per id). False if the device refused.
pub fn enqueue(report: &str, files: &[(String, String, u64)], now: f64) -> bool {
    let mut all = load();
    for (id, name, len) in files {
        if !all.iter().any(|u| u.id == *id) {
            all.push(Upload {
                v: 1,
                report: report.to_owned(),
                id: id.clone(),
                name: name.clone(),
                len: *len,
                attempts: 0,
                next_at: now,
                refused: false,
            });
        }
    }
    save(&all)
}

/// Ids of the files still queued (their ciphertext must stay on the device).
pub fn queued_ids() -> Vec<String> {
    load().into_iter().map(|u| u.id).collect()
}

/// Cancels one file: it is not sent and its ciphertext is deleted (export will name it
/// missing).
pub fn cancel(id: &str) {
    let mut all = load();
    all.retain(|u| u.id != id);
    save(&all);
    forget_progress(id);
    let id = id.to_owned();
    yew::platform::spawn_local(async move { super::files::forget(&id).await });
}

/// Cancels every file of a report (the waiting report itself was cancelled).
pub fn cancel_report(report: &str) {
    for u in load().into_iter().filter(|u| u.report == report) {
        cancel(&u.id);
    }
}

/// Quick exit: queued files are still sent, but their names leave the device, and the page
/// no longer shows them (the next person to open the form on this phone sees nothing).
pub fn hush() {
    let mut all = load();
    if all.is_empty() {
        return;
    }
    for u in &mut all {
        u.name.clear();
    }
    save(&all);
}

/// "Delete everything from this device": the queue and every stored piece.
pub fn clear() {
    browser::storage_remove(KEY);
    PROGRESS.with(|p| p.borrow_mut().clear());
    yew::platform::spawn_local(async move {
        super::files::forget_all_but(&[]).await;
        idb::clear().await;
    });
}

/// How far each file is: bytes the server confirmed, of how many.
#[derive(Clone, Debug, PartialEq)]
pub struct FileProgress {
    pub id: String,
    pub name: String,
    pub sent: u64,
    pub len: u64,
    pub refused: bool,
}

thread_local! {
    static IN_FLIGHT: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    static PROGRESS: RefCell<Vec<(String, u64)>> = const { RefCell::new(Vec::new()) };
    static PAUSED: Cell<bool> = const { Cell::new(false) };
    /// Bytes confirmed this visit and since when: the rate behind the time estimate.
    static RATE: Cell<(f64, u64)> = const { Cell::new((0.0, 0)) };
    /// Files that finished this visit (shown as sent until the page is left).
    static FINISHED: Cell<usize> = const { Cell::new(0) };
}

fn set_progress(id: &str, sent: u64) {
    PROGRESS.with(|p| {
        let mut p = p.borrow_mut();
        match p.iter_mut().find(|x| x.0 == id) {
            Some(x) => x.1 = sent,
            None => p.push((id.to_owned(), sent)),
        }
    })
}

fn forget_progress(id: &str) {
    PROGRESS.with(|p| p.borrow_mut().retain(|x| x.0 != id));
}

fn confirmed(bytes: u64) {
    RATE.with(|r| {
        let (since, n) = r.get();
        let since = if since == 0.0 {
            browser::now_ms()
        } else {
            since
        };
        r.set((since, n + bytes));
    })
}

/// Every queued file and how far it is.
pub fn progress() -> Vec<FileProgress> {
    load()
        .into_iter()
        .map(|u| FileProgress {
            sent: PROGRESS.with(|p| p.borrow().iter().find(|x| x.0 == u.id).map_or(0, |x| x.1)),
            id: u.id,
            name: u.name,
            len: u.len,
            refused: u.refused,
        })
        .collect()
}

/// Estimated seconds left for `remaining` bytes, from this visit's rate (None before any
/// byte was confirmed).
pub fn seconds_left(remaining: u64) -> Option<f64> {
    let (since, n) = RATE.with(Cell::get);
    let elapsed = (browser::now_ms() - since) / 1000.0;
    (n > 0 && elapsed > 0.5).then(|| remaining as f64 / (n as f64 / elapsed))
}

pub fn finished() -> usize {
    FINISHED.with(Cell::get)
}

pub fn paused() -> bool {
    PAUSED.with(Cell::get)
}

pub fn set_paused(p: bool) {
    PAUSED.with(|c| c.set(p));
}

fn b64(s: &str) -> String {
    sijil_core::base64::encode(s.as_bytes())
}

enum Step {
    Done,
    /// Try again later (network, server busy or failing).
    Later,
    Refused,
    /// Paused or cancelled: stop without counting a failure.
    Stopped,
}

/// Uploads one file from wherever the server is, piece by piece.
async fn upload(url: &str, u: &Upload, on_change: &dyn Fn()) -> Step {
    let tus = ("Tus-Resumable", "1.0.0");
    let len = u.len.to_string();
    let mut meta = format!("report {},attachment {}", b64(&u.report), b64(&u.id));
    if !u.name.is_empty() {
        meta = format!("filename {},{meta}", b64(&u.name));
    }
    let created = net::request(
        "POST",
        url,
        &[tus, ("Upload-Length", &len), ("Upload-Metadata", &meta)],
        None,
        TIMEOUT_MS,
        &["location"],
    )
    .await;
    let location = match created {
        Ok(r) if r.status == 201 || r.status == 200 => match r.header("location") {
            Some(l) => resolve(url, l),
            None => format!("{url}/{}/{}", u.report, u.id),
        },
        Ok(r) if matches!(r.status, 400 | 409 | 413 | 415) => return Step::Refused,
        _ => return Step::Later,
    };
    let head = net::request(
        "HEAD",
        &location,
        &[tus],
        None,
        TIMEOUT_MS,
        &["upload-offset"],
    )
    .await;
    let mut offset = match head {
        Ok(r) if r.status == 200 => match r.header("upload-offset").and_then(|o| o.parse().ok()) {
            Some(o) => o,
            None => return Step::Later,
        },
        _ => return Step::Later,
    };
    set_progress(&u.id, offset);
    on_change();
    while offset < u.len {
        if paused() || !load().iter().any(|x| x.id == u.id) {
            return Step::Stopped;
        }
        let n = (offset / PIECE as u64) as usize;
        let Some(piece) = idb::get(&idb::key(&u.id, n)).await else {
            // The ciphertext is gone from the device (storage evicted): nothing to send.
            return Step::Refused;
        };
        let from = (offset % PIECE as u64) as usize;
        if from >= piece.len() {
            return Step::Refused;
        }
        let at = offset.to_string();
        let sent = net::request(
            "PATCH",
            &location,
            &[
                tus,
                ("Upload-Offset", &at),
                ("Content-Type", "application/offset+octet-stream"),
            ],
            Some(&piece[from..]),
            TIMEOUT_MS,
            &["upload-offset"],
        )
        .await;
        let server_offset = |r: &net::HttpResponse| {
            r.header("upload-offset")
                .and_then(|o| o.parse::<u64>().ok())
        };
        match sent {
            Ok(r) if r.status == 204 || r.status == 200 => {
                let next = server_offset(&r).unwrap_or(offset + (piece.len() - from) as u64);
                confirmed(next.saturating_sub(offset));
                offset = next;
            }
            // Another tab (or a lost answer) moved the server on: go on from there.
            Ok(r) if r.status == 409 => match server_offset(&r) {
                Some(o) => offset = o,
                None => return Step::Later,
            },
            Ok(r) if matches!(r.status, 400 | 404 | 410 | 413 | 415) => return Step::Refused,
            _ => return Step::Later,
        }
        set_progress(&u.id, offset);
        on_change();
    }
    Step::Done
}

/// `location` (often a path) against the uploads URL.
fn resolve(base: &str, location: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let page = browser::origin();
        if let Some(u) = web_sys::Url::new_with_base(base, &page)
            .ok()
            .and_then(|b| web_sys::Url::new_with_base(location, &b.href()).ok())
        {
            return u.href();
        }
    }
    let _ = base;
    location.to_owned()
}

/// Whether a report is still waiting in the outbox (its files wait for it).
fn report_waiting(report: &str, waiting: &[outbox::Entry]) -> bool {
    waiting
        .iter()
        .any(|e| e.id == report || e.replaces.as_deref() == Some(report))
}

/// Uploads every due file whose report has been delivered (all of them when `force`).
async fn flush(url: &str, force: bool, on_change: &dyn Fn()) {
    let now = browser::now_ms();
    let waiting = outbox::load();
    for u in load() {
        let busy = IN_FLIGHT.with(|f| f.borrow().contains(&u.id));
        if u.refused || busy || paused() || report_waiting(&u.report, &waiting) {
            continue;
        }
        if !(force || u.next_at <= now) {
            continue;
        }
        IN_FLIGHT.with(|f| f.borrow_mut().push(u.id.clone()));
        let step = upload(url, &u, on_change).await;
        IN_FLIGHT.with(|f| f.borrow_mut().retain(|x| *x != u.id));
        let mut all = load();
        match step {
            Step::Done => {
                all.retain(|x| x.id != u.id);
                FINISHED.with(|f| f.set(f.get() + 1));
                forget_progress(&u.id);
                save(&all);
                super::files::forget(&u.id).await;
            }
            Step::Later | Step::Refused => {
                if let Some(x) = all.iter_mut().find(|x| x.id == u.id) {
                    x.attempts += 1;
                    x.next_at = browser::now_ms() + outbox::backoff_ms(x.attempts - 1);
                    x.refused = matches!(step, Step::Refused);
                }
                save(&all);
            }
            Step::Stopped => {}
        }
        on_change();
    }
}

/// Uploads in the background, telling the page after each piece.
pub fn spawn_flush(url: String, force: bool, on_change: yew::Callback<()>) {
    if load().is_empty() {
        return;
    }
    yew::platform::spawn_local(async move {
        flush(&url, force, &|| on_change.emit(())).await;
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_wait_for_their_report_even_after_it_was_renumbered() {
        let entry = |id: &str, replaces: Option<&str>| outbox::Entry {
            v: 1,
            id: id.into(),
            receipt: String::new(),
            body: String::new(),
            queued_at: 0.0,
            attempts: 0,
            next_at: 0.0,
            last_error: None,
            replaces: replaces.map(Into::into),
            quiet: false,
        };
        assert!(report_waiting("a", &[entry("a", None)]));
        assert!(report_waiting("a", &[entry("b", Some("a"))]));
        assert!(!report_waiting("a", &[entry("b", None)]));
        assert!(!report_waiting("a", &[]));
    }

    #[test]
    fn queue_entries_round_trip() {
        let u = Upload {
            v: 1,
            report: "r".into(),
            id: "i".into(),
            name: "صورة.jpg".into(),
            len: 12,
            attempts: 0,
            next_at: 0.0,
            refused: false,
        };
        let json = serde_json::to_string(&u).unwrap();
        assert_eq!(serde_json::from_str::<Upload>(&json).unwrap(), u);
    }
}
