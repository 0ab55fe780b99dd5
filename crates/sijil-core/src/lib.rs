//! Sijil's pure core: everything that can be decided without a browser, a disk or a network.
//!
//! The Yew app, the intake server and the command-line tools all call into this crate, so a
//! rule (a digit normalization, a feed check, a form validation) is written once and behaves
//! the same on a phone and on the organization's server.
//!
//! Invariant: this crate never depends on yew, web-sys, gloo or js-sys and never does IO
//! (no files, no clock, no randomness, no network). Callers pass in what the outside world
//! said (bytes, "today", random bytes) and get plain values back. This keeps it testable natively
//! and lets it `cargo check` for wasm32.

pub mod age;
pub mod base64;
pub mod chart;
pub mod config;
pub mod csv;
pub mod digits;
pub mod embed;
pub mod exif;
pub mod feed;
pub mod form;
pub mod json;
pub mod lang;
pub mod markup;
pub mod plural;
pub mod receipt;
pub mod sort;
pub mod views;
