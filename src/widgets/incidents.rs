//! The massacres widget's list under its chart: the month the reader picked (the month whose
//! bar they focus, with the keyboard, a click or a tap; first the permalink's `month=`, else
//! the last month of the range), its massacres one by one, or what the month says instead of
//! a list.
//!
//! The list is the core's markup (`views::incidents`: escaped, bounded, one string), and it is
//! not a component with state: the pick is read from the focus events of the chart's own marks
//! (their `data-i` is the month's index) and the core's markup for that month is written into
//! the list's section. A component with a state and a memo measured +4.0 KB brotli on the
//! series page; this way the list costs about a third of that. Yew keeps the section (its markup
//! for the first month is unchanged while the range is), and a new range renders it afresh. The
//! server's page is this rendered natively, so the takeover finds the same list.

use super::marks::mark_index;
use crate::feed_state::SharedFeed;
use crate::format::Fmt;
use sijil_core::views::{incidents, TimeSeries};
use std::rc::Rc;
use yew::prelude::*;

/// `chart` with the list of the first month under it, both in an element that follows the
/// marks' focus.
pub fn with_list(
    chart: Html,
    feed: SharedFeed,
    data: Rc<TimeSeries>,
    id: &str,
    fmt: Fmt,
    month: Option<&String>,
) -> Html {
    let months = &data.months;
    let first = month
        .filter(|m| months.contains(m))
        .or(months.last())
        .cloned()
        .unwrap_or_default();
    let list = incidents::html(&feed, &first, id, fmt.lang, &fmt);
    let at = format!("{id}-incidents");
    let onfocusin = Callback::from(move |e: FocusEvent| {
        let month = mark_index(e.target()).and_then(|i| data.months.get(i));
        if let (Some(m), Some(el)) = (month, crate::browser::element_by_id(&at)) {
            el.set_inner_html(&incidents::inner(&feed, m, &at, fmt.lang, &fmt));
        }
    });
    html! {
        <div {onfocusin}>
            { chart }
            { Html::from_html_unchecked(list.into()) }
        </div>
    }
}
