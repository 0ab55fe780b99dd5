//! The draft on this device: the raw answers saved as the user types, so a reload, a closed tab
//! or a dead battery loses nothing. The format (versioned, with migration and 30-day expiry) is
//! `sijil-report`'s [`sijil_report::form::Draft`]; this module only stores it. Nothing here ever leaves
//! the device, and quick exit removes it.
//!
//! Also here: the receipt codes a relative chose to keep on the phone (to add information to a
//! report later). Kept only on request, shown only on the form's first step, removed by quick
//! exit and by "delete everything".

use super::state::FormState;
use crate::browser;
use sijil_report::form::{parse_draft, Draft, FormInput, Step};
use sijil_report::receipt::ReportId;

pub const KEY: &str = "sijil.draft";

pub struct Restored {
    pub input: FormInput,
    pub step: Step,
    pub id: ReportId,
    pub started_ms: f64,
}

pub fn save(s: &FormState) -> bool {
    let today = browser::today();
    let draft = Draft {
        id: s.id,
        started: today,
        updated: today,
        step: s.step,
        input: s.input.clone(),
    };
    // Keep the original start date if a draft is already stored.
    let started = browser::storage_get(KEY)
        .and_then(|j| parse_draft(&j, today, s.id))
        .filter(|d| d.id == s.id)
        .map(|d| d.started)
        .unwrap_or(today);
    browser::storage_set(KEY, &Draft { started, ..draft }.to_json())
}

/// The id of the report a draft's JSON is of (`None` if it cannot be read).
pub fn id_of(json: &str) -> Option<ReportId> {
    let mut fresh = [0u8; 16];
    browser::random_bytes(&mut fresh);
    parse_draft(json, browser::today(), ReportId::from_random(fresh)).map(|d| d.id)
}

/// The stored draft, if any and not expired. An unreadable or expired one is deleted.
pub fn load(today: sijil_core::feed::Date, now: f64) -> Option<Restored> {
    let json = browser::storage_get(KEY)?;
    let mut fresh = [0u8; 16];
    browser::random_bytes(&mut fresh);
    match parse_draft(&json, today, ReportId::from_random(fresh)) {
        Some(d) => Some(Restored {
            input: d.input,
            step: d.step,
            id: d.id,
            started_ms: now,
        }),
        None => {
            clear();
            None
        }
    }
}

pub fn clear() {
    browser::storage_remove(KEY);
}

/// Receipt codes kept on this device (a versioned boundary: a JSON array of `XXXX-XXXX`).
const RECEIPTS: &str = "sijil.receipts.v1";

pub fn kept_receipts() -> Vec<String> {
    browser::storage_get(RECEIPTS)
        .and_then(|s| serde_json::from_str::<Vec<String>>(&s).ok())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|c| sijil_report::receipt::normalize_receipt(&c))
        .collect()
}

/// Keeps a receipt code (once). False if the device could not store it.
pub fn keep_receipt(code: &str) -> bool {
    let mut all = kept_receipts();
    if !all.iter().any(|c| c == code) {
        all.push(code.to_owned());
    }
    serde_json::to_string(&all).is_ok_and(|s| browser::storage_set(RECEIPTS, &s))
}

pub fn forget_receipts() {
    browser::storage_remove(RECEIPTS);
}
