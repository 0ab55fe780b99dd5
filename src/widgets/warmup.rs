//! A widget drawn out of sight while the feed is on the network, so its code is compiled and
//! its page laid out by then.
//!
//! Browsers compile WebAssembly lazily, function by function, the first time each is called;
//! on a phone-class CPU that made a widget's first render three times slower than the next
//! one, and the page's first layout (fonts, text shaping) cost as much again. While the config
//! and the feed download, the page renders its widget from [`warm_feed`] (two tiny months of
//! made-up figures) in a box that is laid out but never painted (`[data-warmup]`: no height,
//! overflow hidden; `inert` and `aria-hidden`, so never read by screen readers or reached by
//! keyboard). When the feed arrives, the same component in the same place is shown with it, so
//! only what the real figures change is drawn again; the box's `inert` is lifted after that
//! first paint (`browser::lift_inert_after_paint`).

use crate::feed_state::SharedFeed;
use std::rc::Rc;

/// Two months with every section the widgets draw, and a note and a warning (the parties sum
/// to less than the total) for the latest, so its list of notes is in place too. Nothing here
/// is ever shown, and no URL: the app names no other host.
const WARM_FEED: &str = r#"{"format":"sijil-monthly-tallies","version":1,
"publisher":{"name":{"en":"-"}},"updated":"2021-03-01",
"parties":[{"id":"a","name":{"en":"a"}},{"id":"b","name":{"en":"b"}},{"id":"c","name":{"en":"c"},"parent":"b"}],
"months":[{"month":"2021-01",
"civilians":{"total":3,"children":1,"women":1},
"by_party":[{"party":"a","total":1,"children":1},{"party":"b","total":2,"women":1},{"party":"c","total":2}],
"by_governorate":[{"governorate":"SY02","total":3,"share":100}],
"torture":{"total":1,"included_in_civilians":true,"by_party":[{"party":"a","total":1}]},
"personnel":{"media":0,"medical":0,"civil_defense":0},"massacres":{"count":0}},
{"month":"2021-02","notes":{"en":"-"},
"civilians":{"total":3,"children":1,"women":0},
"by_party":[{"party":"a","total":2}],
"by_governorate":[{"governorate":"SY02","total":2,"share":100}],
"torture":{"total":0,"included_in_civilians":true},
"personnel":{"media":0,"medical":0,"civil_defense":0},"massacres":{"count":1,"deaths":5}}]}"#;

/// The warm-up feed, parsed by the real parser (which warms it too). `None` never happens with
/// this text (a test checks), but a warm-up is never worth a failure.
pub fn warm_feed() -> Option<SharedFeed> {
    sijil_core::feed::read_feed(WARM_FEED.as_bytes())
        .ok()
        .map(|f| SharedFeed(Rc::new(f)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_warm_up_feed_is_valid_and_has_every_section() {
        let feed = super::warm_feed().expect("valid feed");
        let m = feed.latest_month().expect("a month");
        assert_eq!(m.month.to_string(), "2021-02");
        assert_eq!(feed.months().len(), 2);
        assert!(feed
            .month_str("2021-01")
            .is_some_and(|m| m.torture.is_some()));
        assert!(m.notes.is_some());
        assert_eq!(feed.warnings_in(m.month).len(), 1);
    }
}
