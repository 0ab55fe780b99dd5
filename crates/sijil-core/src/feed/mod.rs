//! Feed v1 reader: the published monthly tallies, parsed, validated and checked for consistency.
//!
//! The contract is `shared/spec/feed-v1.md`. The widgets and the publisher's checker
//! (`sijil feed check`) share this one reader, so a feed that passes the checker is exactly a
//! feed the widgets show whole, with the same warnings. The widgets read leniently: an error
//! confined to one month leaves that month out (and says so) instead of rejecting the feed,
//! while the checker reports it as an error.
//!
//! # API
//!
//! - [`parse_feed`]`(bytes) -> Result<Feed, FeedError>`: strict; the first error.
//! - [`read_feed`]`(bytes) -> Result<Feed, FeedError>`: what the widgets read with: a month with
//!   an error is left out and listed in [`Feed::unavailable`]; only document-level errors reject.
//! - [`Reading`]: the same read in steps, a few months each (a page's own copy of a long feed,
//!   read without holding its reader's input).
//! - [`check_feed`]`(bytes) -> Result<Feed, Vec<FeedError>>`: the same, collecting up to
//!   [`MAX_ERRORS`] errors (every bad month, not just the first) for the checker.
//! - [`Feed`]: publisher, `updated`, notes, [`Party`] list (ids, localized names, parent, display
//!   order = colour index), [`Month`]s sorted ascending, and `warnings()`. Helpers: `month`,
//!   `month_str("2021-02")`, `previous_month`, `next_month`, `latest_month`, `range`, `party`,
//!   `top_level_parties`, `sub_parties`, `party_tree`.
//! - [`FeedError`] `{ path, kind }` and [`Warning`] `{ month, path, kind }`, each with
//!   `message(Lang)` in Arabic or English.
//! - [`LocalText::get`] (with fallback to the other language), [`UrlText::href`] (only http/https
//!   become links), [`governorates`] (the 14 built in, with [`governorates::ATTRIBUTION`]).
//! - The writer (the model back as feed v1 JSON) is `sijil_report::feed_writer`: it builds
//!   serde_json values, and this crate has no serde.
//!
//! # Layers
//!
//! [`crate::json`] (the parser, with its size and depth limits) → `validate` and `month`, which
//! read the parsed value directly with the path-carrying reader in `fields` (every error names
//! its JSON path, `path`; error kinds in both languages, `error`) into `model` (domain types) →
//! `consistency` (warnings). A new field is read where its section is read, kept in `model`,
//! written in `sijil_report::feed_writer` and described in the JSON Schema.
//!
//! # Limits, enforced before the work they bound
//!
//! The byte length is checked before parsing, and nesting depth ([`MAX_DEPTH`]) while parsing.
//! The document is then parsed whole, so a hostile feed costs its parsed value in memory: up
//! to about 40 times its size for a 5 MB document of tiny values (an unknown field holding
//! `[0,0,0,…]`, a heap-allocated number text per two bytes of input), bounded by
//! [`MAX_FEED_BYTES`] and accepted as the price of a parser small enough for the widgets. The
//! format's arrays over [`MAX_PARTIES`], [`MAX_MONTHS`], [`MAX_SOURCES`] (and 14 governorate
//! lines) are refused by their length before any item is read, and unknown fields are never
//! looked at. The model is built from the parsed value, which is dropped after reading.

mod calendar;
mod consistency;
mod error;
mod fields;
pub mod governorates;
mod model;
mod month;
mod path;
mod steps;
mod validate;
mod warning;

use crate::json::JsonValue;

pub use calendar::{Date, DayOrMonth, YearMonth};
pub use error::fill;
pub use error::{decimal, ErrorKind, Expected, FeedError, JsonType};
pub use governorates::{Governorate, GOVERNORATES};
pub use model::{
    Civilians, Feed, GovernorateCount, Incident, LocalText, Massacres, Month, Party, PartyCount,
    PartyNode, Personnel, Publisher, Torture, Unavailable, UrlText,
};
pub use steps::{Reading, STEP_BYTES};
pub use warning::{Figure, Tally, Warning, WarningKind};

/// The value of `format`.
pub const FORMAT: &str = "sijil-monthly-tallies";
/// The major version this reader understands; a higher one is refused by name.
pub const SUPPORTED_VERSION: u64 = 1;
/// Largest accepted document, 5 MiB; checked before parsing. The checker's download cap too.
pub const MAX_FEED_BYTES: usize = 5 * 1024 * 1024;
pub const MAX_PARTIES: usize = 100;
pub const MAX_MONTHS: usize = 1200;
/// Largest accepted count: more than any monthly figure can be, small enough for any sum.
pub const MAX_COUNT: u64 = 10_000_000;
/// Sources per month. Not in the contract's list, but a month citing more than 100 sources is
/// not a real month, and without a limit a 5 MB array of `""` would cost far more than 5 MB.
pub const MAX_SOURCES: usize = 100;
/// Massacres listed in one month (`massacres.incidents`).
pub const MAX_INCIDENTS: usize = 200;
/// Deepest nesting of arrays and objects accepted anywhere in a document, unknown fields
/// included: an error of the parser, never a stack overflow. v1 needs 6
/// (`months[].torture.by_party[]`); the rest is room for later minor versions.
pub const MAX_DEPTH: usize = crate::json::DEFAULT_MAX_DEPTH;
/// Errors reported by [`check_feed`] before it stops collecting.
pub const MAX_ERRORS: usize = 50;

/// Parses and validates a feed, returning the first error. Consistency problems are not errors:
/// they are in [`Feed::warnings`].
pub fn parse_feed(bytes: &[u8]) -> Result<Feed, FeedError> {
    check_feed(bytes).map_err(|mut errors| errors.swap_remove(0))
}

/// The widgets' reader: like [`parse_feed`], but an error confined to one month leaves only that
/// month out (listed in [`Feed::unavailable`], every other month shown). Only errors of the
/// document itself reject the feed: not JSON, wrong format or version, over a limit, a bad
/// header or party list.
pub fn read_feed(bytes: &[u8]) -> Result<Feed, FeedError> {
    document(bytes)
        .and_then(|value| validate::validate(&value, true))
        .map_err(|mut errors| errors.swap_remove(0))
}

/// Like [`parse_feed`], but reports every month's first error (up to [`MAX_ERRORS`]); the
/// vector is never empty.
pub fn check_feed(bytes: &[u8]) -> Result<Feed, Vec<FeedError>> {
    validate::validate(&document(bytes)?, false)
}

fn document(bytes: &[u8]) -> Result<JsonValue, Vec<FeedError>> {
    let root = |kind| vec![FeedError::new(String::new(), kind)];
    if bytes.len() > MAX_FEED_BYTES {
        return Err(root(ErrorKind::TooLarge {
            bytes: bytes.len(),
            max: MAX_FEED_BYTES,
        }));
    }
    // Editors on Windows like to start UTF-8 files with a byte-order mark; it is not content.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let limits = crate::json::Limits {
        max_depth: MAX_DEPTH,
        max_bytes: MAX_FEED_BYTES,
    };
    crate::json::parse(bytes, limits).map_err(|e| {
        let (line, column) = (e.line, e.column);
        root(match e.kind {
            crate::json::JsonErrorKind::UnexpectedEnd => ErrorKind::Truncated { line, column },
            _ => ErrorKind::NotJson { line, column },
        })
    })
}
