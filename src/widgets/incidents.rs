//! The massacres widget's list of a month's massacres: the month the reader picked (the month
//! whose bar they focus, with the keyboard, a click or a tap; first the permalink's `month=`,
//! else the last month of the range), its massacres one by one, or what the month says instead
//! of a list.
//!
//! The list is the core's markup (`views::incidents`: escaped, bounded, one string), and it is
//! not a component with state: the pick is read from the focus events of the chart's own marks
//! (their `data-i` is the month's index) and the core's markup for that month is written into
//! the list's section. A component with a state and a memo measured +4.0 KB brotli on the
//! series page; this way the list costs about a third of that. The server's page is this
//! rendered natively, so the takeover finds the same list.
//!
//! The list is not in the chart's box but under it, in the frame (`Frame::below`): the box is
//! hidden while the reader has the table instead (the accessible alternative a screen-reader
//! user may prefer), and the list is for both.
//!
//! Yew keeps the section while its markup is unchanged, so a month the reader picked (written
//! into the section behind Yew's back) would stay after a new range whose default month makes
//! the same markup as before (all months -> one year, both ending on the same month), even when
//! that range leaves the picked month out. The markup names the range's first and last months
//! (`data-months`), so a new range writes the list afresh with its default month: the
//! permalink's if the range has it, else the range's last. Remembering a pick the new range
//! keeps (a thread-local set by the handler) measured +100 B brotli on the series page, which
//! had 336 B of headroom then: left out.

use super::marks::mark_index;
use crate::feed_state::SharedFeed;
use crate::format::Fmt;
use sijil_core::views::{incidents, TimeSeries};
use std::rc::Rc;
use yew::prelude::*;

/// `chart` in an element that follows the marks' focus, and the list of the month it shows
/// first (to go under the chart and its table: see the module doc).
pub fn with_list(
    chart: Html,
    feed: SharedFeed,
    data: Rc<TimeSeries>,
    id: &str,
    fmt: Fmt,
    month: Option<&String>,
) -> (Html, Html) {
    let months = &data.months;
    let first = month
        .filter(|m| months.contains(m))
        .or(months.last())
        .cloned()
        .unwrap_or_default();
    let ends = [months.first(), months.last()].map(|m| m.map_or("", String::as_str));
    let list = incidents::html(&feed, &first, id, fmt.lang, &fmt, ends);
    let at = format!("{id}-incidents");
    let onfocusin = Callback::from(move |e: FocusEvent| {
        let month = mark_index(e.target()).and_then(|i| data.months.get(i));
        if let (Some(m), Some(el)) = (month, crate::browser::element_by_id(&at)) {
            el.set_inner_html(&incidents::inner(&feed, m, &at, fmt.lang, &fmt));
        }
    });
    (
        html! { <div {onfocusin}>{ chart }</div> },
        Html::from_html_unchecked(list.into()),
    )
}
