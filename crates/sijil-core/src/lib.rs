//! Sijil's pure feed and chart core: what the widget pages run. Feed reading and checking,
//! the widgets' view models, chart layout and SVG markup, embeds, languages and digits.
//!
//! The widget pages, the server's pages and the publisher's checker all call into this crate,
//! so a rule (a digit normalization, a feed check, a chart's layout) is written once and
//! behaves the same on a phone and on the organization's server. The report side (the family
//! form, the config, encryption) is `sijil-report`, which builds on this crate.
//!
//! Invariants: this crate never depends on yew, web-sys, gloo or js-sys and never does IO
//! (no files, no clock, no randomness, no network): callers pass in what the outside world said
//! (bytes, "today") and get plain values back, so it is tested natively and `cargo check`s for
//! wasm32. It never depends on serde either (checked by `cargo xtask lint`): its JSON is
//! [`json`], which the size budget of every widget page pays for.

pub mod base64;
pub mod chart;
pub mod csv_cell;
pub mod digits;
pub mod embed;
pub mod feed;
pub mod json;
pub mod lang;
pub mod markup;
pub mod plural;
pub mod views;
