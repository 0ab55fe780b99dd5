//! Draft format v1: the form's progress as kept on the user's device between visits, and the
//! migration path for drafts written by older versions of the app.
//!
//! ```json
//! {"format": "sijil-draft", "version": 1, "id": "<uuid v4>", "receipt": "XXXX-XXXX",
//!  "started": "2024-05-01", "updated": "2024-05-03", "step": "death", "input": {…FormInput…}}
//! ```
//!
//! A draft is never trusted more than a keystroke: its `input` is raw and gets validated like
//! typing. Drafts expire [`MAX_AGE_DAYS`] days after their last update (a phone may be searched;
//! an abandoned draft should not wait there forever). Anything unreadable is dropped rather than
//! half-loaded.
//!
//! Migration: [`parse_draft`] reads the version, then lifts the draft step by step to the current
//! version (`v0 → v1`, later `v1 → v2` …) on the JSON value, and only then parses the current
//! shape. Version 0 is what the first prototype stored: the bare [`FormInput`] object, with no
//! envelope, no id and no dates; it migrates to v1 with the caller's fresh id, dated today.

use super::date::{day_number, Date};
use super::input::FormInput;
use super::steps::Step;
use crate::receipt::ReportId;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The `format` value of a draft.
pub const FORMAT: &str = "sijil-draft";
/// The draft version this code writes.
pub const VERSION: u64 = 1;
/// Days after the last update when a draft is no longer offered.
pub const MAX_AGE_DAYS: i64 = 30;

/// A report in progress.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    /// The report's id, drawn when it was started: also the delivery's idempotency key.
    pub id: ReportId,
    pub started: Date,
    pub updated: Date,
    /// The step the user was on.
    pub step: Step,
    pub input: FormInput,
}

#[derive(Serialize, Deserialize)]
struct DraftV1 {
    format: String,
    version: u64,
    id: String,
    receipt: String,
    started: String,
    updated: String,
    step: String,
    input: FormInput,
}

impl Draft {
    /// A new, empty draft started today.
    pub fn new(id: ReportId, today: Date) -> Draft {
        Draft {
            id,
            started: today,
            updated: today,
            step: Step::AboutYou,
            input: FormInput::default(),
        }
    }

    /// The receipt code the user writes down.
    pub fn receipt(&self) -> String {
        self.id.receipt_code()
    }

    /// The draft as v1 JSON, for the device's storage.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&DraftV1 {
            format: FORMAT.into(),
            version: VERSION,
            id: self.id.to_string(),
            receipt: self.receipt(),
            started: self.started.to_string(),
            updated: self.updated.to_string(),
            step: self.step.id().into(),
            input: self.input.clone(),
        })
        .expect("plain structs serialize")
    }

    /// Whether the draft is too old to offer on `today`.
    pub fn is_expired(&self, today: Date) -> bool {
        day_number(today) - day_number(self.updated) > MAX_AGE_DAYS
    }
}

/// Reads a stored draft. `None` when it is unreadable, of a newer version than this code, or
/// older than [`MAX_AGE_DAYS`]: the caller then deletes it. `fresh_id` is used only when
/// migrating a version-0 draft, which had no id (pass new random bytes through
/// [`ReportId::from_random`]).
pub fn parse_draft(json: &str, today: Date, fresh_id: ReportId) -> Option<Draft> {
    let value: Value = serde_json::from_str(json).ok()?;
    let v1 = migrate(value, today, fresh_id)?;
    let draft: DraftV1 = serde_json::from_value(v1).ok()?;
    if draft.format != FORMAT || draft.version != VERSION {
        return None;
    }
    let id = ReportId::parse(&draft.id)?;
    let draft = Draft {
        id,
        started: Date::parse(&draft.started)?,
        updated: Date::parse(&draft.updated)?,
        // A step id from a later version falls back to the start, never loses the answers.
        step: Step::from_id(&draft.step).unwrap_or(Step::AboutYou),
        input: draft.input,
    };
    (!draft.is_expired(today)).then_some(draft)
}

/// Which version a stored value is: an object with our `format` carries its `version`; an
/// object without `format` is a version-0 draft (bare form input).
fn version_of(value: &Value) -> Option<u64> {
    let object = value.as_object()?;
    match object.get("format") {
        None => Some(0),
        Some(f) if f == FORMAT => object.get("version")?.as_u64(),
        Some(_) => None,
    }
}

/// Lifts a stored draft to the current version, one version at a time.
fn migrate(mut value: Value, today: Date, fresh_id: ReportId) -> Option<Value> {
    loop {
        match version_of(&value)? {
            0 => value = v0_to_v1(value, today, fresh_id),
            VERSION => return Some(value),
            _ => return None, // written by a newer app: do not guess
        }
    }
}

/// v0 → v1: wrap the bare input in the envelope, with a new id, dated today.
fn v0_to_v1(input: Value, today: Date, fresh_id: ReportId) -> Value {
    serde_json::json!({
        "format": FORMAT,
        "version": 1,
        "id": fresh_id.to_string(),
        "receipt": fresh_id.receipt_code(),
        "started": today.to_string(),
        "updated": today.to_string(),
        "step": Step::AboutYou.id(),
        "input": input,
    })
}
