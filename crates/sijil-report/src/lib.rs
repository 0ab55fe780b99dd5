//! Sijil's pure report side: the family form's rules and its serialized formats (drafts, the
//! report's wire JSON), the runtime config, age encryption, report ids and receipts, photo
//! cleaning, and the feed writer. The form page, `sijil serve`'s intake and `sijil export`
//! call into it, so a report is validated by the same function on the phone and at export.
//!
//! Built on `sijil-core` (languages, digits, the feed's governorates and dates). Unlike it,
//! this crate may use serde: of it, the widget pages use only the config's `is_url`, `FORMAT`
//! and `VERSION` (to read `feed_url`).
//!
//! Invariant: never depends on yew, web-sys, gloo or js-sys and never does IO (no files, no
//! clock, no randomness, no network). Callers pass in "today" and random bytes.

pub mod age;
pub mod config;
pub mod exif;
pub mod feed_writer;
pub mod form;
pub mod receipt;
