//! The family form's rules: every rule of `shared/spec/family-form.md`, no UI.
//!
//! # API (what the Yew form calls)
//!
//! - Choice lists: [`Relationship`], [`ContactMethod`], [`Sex`], [`YesNoUnknown`],
//!   [`Profession`], [`Method`] (with [`Method::asks_weapon`]), [`Weapon`], [`LearnedHow`],
//!   [`AgeGroup`]; each has `ALL`, `id()`, `label(Lang)`, `from_id(&str)`.
//! - Places: [`places::districts_of`]`("SY02")`, [`places::district_by_code`]; governorates are
//!   [`sijil_core::feed::governorates::GOVERNORATES`].
//! - Raw state: [`FormInput`] (and its sections, [`DateInput`]): strings exactly as typed, serde.
//! - Steps: [`Step`] (`id`, `from_id`, `title`), [`steps`]`(input)` (the visible ones),
//!   [`detention_applies`].
//! - Rules: [`validate`]`(input, today, parties) -> Result<Report, Vec<FieldError>>`,
//!   [`validate_step`]`(input, step, today, parties)`, [`warnings`], [`age_group`]; [`AllowedParties`]
//!   says which party ids are allowed. [`FieldError`] (`field` = DOM id, `message(Lang)`,
//!   `step_id()`), [`FieldWarning`].
//! - Report: [`Report`] (domain), [`Report::to_wire_json`]`(&Submission)`,
//!   [`parse_report_json`]`(bytes, today, parties)`; [`Submission`] is id, time and language.
//! - Drafts: [`Draft`] (`new`, `to_json`, `receipt`, `is_expired`),
//!   [`parse_draft`]`(json, today, fresh_id)`.
//! - Helpers the UI may use live: [`normalize_phone`], [`date::PartialDate`].
//!
//! # Size (wasm32, opt-level z, LTO, one codegen unit, panic=abort, `wasm-opt -Oz`, brotli 11)
//!
//! | what a scratch export pulls in                         | raw bytes | brotli |
//! |--------------------------------------------------------|----------:|-------:|
//! | `crate::age::encrypt` only                             |    39,439 | 16,846 |
//! | the `age` 0.11.5 crate, same export (+ getrandom/js)   |   470,585 |121,607 |
//! | validate + wire JSON, `nfc` feature on                  |   256,849 | 96,731 |
//! | validate + wire JSON, `nfc` feature off                 |   134,512 | 48,751 |
//! | validate + wire JSON + encrypt, `nfc` off              |   158,093 | 58,098 |
//!
//! So the form's wasm should depend on this crate with `default-features = false` and normalize
//! typed text with `String.prototype.normalize("NFC")` (see [`text`]); `sijil export` keeps the
//! feature and normalizes again.
//!
//! # Layers
//!
//! `input` (raw, serde) → `validate` (using `text`, `phone`, `date`, `places`, `choices`;
//! errors in `error`) → `report` (domain) → `wire` (v1 JSON) and back. `draft` wraps `input` for
//! the device's storage. Encryption of the wire JSON is [`crate::age`].

pub mod attachment;
pub mod choices;
pub mod date;
pub mod draft;
pub mod error;
pub mod input;
pub mod phone;
pub mod places;
pub mod report;
pub mod steps;
pub mod text;
pub mod validate;
pub mod wire;

pub use choices::{
    AgeGroup, ContactMethod, LearnedHow, Method, Profession, Relationship, Sex, Weapon,
    YesNoUnknown,
};
pub use date::{Date, PartialDate};
pub use draft::{parse_draft, Draft};
pub use error::{FieldError, FieldErrorKind, FieldWarning, FieldWarningKind};
pub use input::{
    AboutYouInput, DateInput, DeathInput, DetentionInput, EvidenceInput, FormInput, VictimInput,
};
pub use phone::normalize_phone;
pub use report::{AboutYou, Contact, Death, Detention, Report, Victim, VictimName};
pub use steps::{detention_applies, steps, Step};
pub use validate::{age_group, validate, validate_step, warnings, AllowedParties, UNKNOWN_PARTY};
pub use wire::{parse_report_json, ReceivedReport, Submission, WireError};
