//! Fuzz target `feed_parse`: any bytes through the feed reader must never panic.
//!
//! Also checks what must hold when a feed is accepted: the writer's output is read back into the
//! same months, and the checker's multi-error mode agrees with `parse_feed` on the first error.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sijil_core::feed::{check_feed, parse_feed};
use sijil_core::lang::Lang;
use sijil_report::feed_writer::to_json;

fuzz_target!(|data: &[u8]| {
    match parse_feed(data) {
        Ok(feed) => {
            for w in feed.warnings() {
                let _ = (w.message(Lang::Ar), w.message(Lang::En));
            }
            let written = serde_json::to_vec(&to_json(&feed)).expect("a Value always serializes");
            let again = parse_feed(&written).expect("what the reader writes, it reads");
            assert_eq!(again.months(), feed.months());
            assert_eq!(again.parties(), feed.parties());
        }
        Err(first) => {
            let _ = (first.message(Lang::Ar), first.message(Lang::En));
            let all = check_feed(data).expect_err("same input, same verdict");
            assert_eq!(all[0], first);
        }
    }
});
