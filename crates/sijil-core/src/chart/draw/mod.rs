//! Whole charts drawn as SVG markup: the marks, axes and labels of the trend and bar charts, the
//! party ranking and the governorate tile map, from the view models in [`crate::views`].
//!
//! The app puts [`Drawing::markup`] (then [`Drawing::overlay`]) inside its `<svg>` element and
//! adds only what changes with the reader's pointer or keyboard (the tooltip, a guide line,
//! which mark is the Tab stop). So
//! what a chart shows is decided and tested here, natively, and the browser parses one string
//! instead of the app building hundreds of elements one by one.
//!
//! Marks are the elements a reader can move between with the keyboard: each has `data-i="{i}"`,
//! `role="img"`, an `aria-label` saying everything its tooltip says, and `tabindex` 0 for the
//! first mark and -1 for the others (a roving tabindex: the chart is one Tab stop, arrow keys
//! move within it, and the app moves the 0). Nothing else goes on a mark, not even an id: a
//! 180-month trend has 180 of them, and every attribute is parsed and styled again each time
//! the range changes.

pub mod export;
pub mod parties;
pub mod series;
pub mod tilemap;

use crate::markup::Markup;

/// How the reader's language writes numbers and months (the app implements this with `Intl`).
pub trait Labels {
    /// An integer with grouping: 1,234 / ١٬٢٣٤.
    fn count(&self, n: u64) -> String;
    /// A percentage with the decimals the feed gave: 43.48% / ٤٣٫٤٨٪.
    fn percent(&self, p: f64) -> String;
    /// `2021-02` → "February 2021".
    fn month(&self, ym: &str) -> String;
    /// `2021-02` → "Feb 21", for axis labels.
    fn month_short(&self, ym: &str) -> String;
    /// Digits in the reader's digit system, no grouping (years).
    fn digits(&self, s: &str) -> String;
    /// Right-to-left layout: value axes and time run from the right.
    fn rtl(&self) -> bool;
}

/// Words a chart writes, in the reader's language.
#[derive(Clone, Copy, Debug)]
pub struct Words<'a> {
    pub not_published: &'a str,
    pub children: &'a str,
    pub women: &'a str,
    pub not_named: &'a str,
    /// The tile map's legend: what the shade measures.
    pub shade_count: &'a str,
    pub shade_share: &'a str,
    /// Said at a definition break (see [`crate::views::TimeSeries::breaks`]): from this month
    /// deaths under torture are included in the civilian total, or counted in addition to it.
    pub torture_included_from: &'a str,
    pub torture_added_from: &'a str,
}

/// A drawn chart: the inside of its `<svg>` and where each mark's tooltip goes.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Drawing {
    pub width: f64,
    pub height: f64,
    pub markup: String,
    /// Marks that paint nothing, drawn over [`markup`](Self::markup): the month bands of a time
    /// series (180 labelled elements for 15 years), the row bands of the party ranking. The app
    /// adds them from the task after the chart is painted on, a group (at most [`PART`] marks)
    /// per task, so a new range is on screen within a frame. Where there is an overlay, the drawing under it is hidden from screen readers
    /// (the marks' labels say all it shows). Empty when the marks are the visible shapes
    /// themselves (the tiles).
    pub overlay: String,
    pub marks: Vec<Mark>,
    /// For time series: the vertical extent (top, bottom) of the guide line drawn through the
    /// active month at its mark's `x`.
    pub guide: Option<(f64, f64)>,
}

/// One keyboard-reachable mark: its tooltip anchor (pixels in the chart box) and text.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub x: f64,
    pub y: f64,
    /// The tooltip's lines, separated by `\n` (one string per mark: a 180-month chart makes
    /// 180 of them on every redraw). Empty: no tooltip.
    pub tip: String,
}

/// Starts a mark element (`<g>` or `<rect>`) with its class (if any: the trend's bands style
/// themselves through their group), tabindex, role, label and index; the caller adds geometry
/// and ends it.
fn mark<'s>(
    svg: &'s mut Markup,
    tag: &str,
    class: &'static str,
    i: usize,
    label: &str,
) -> &'s mut Markup {
    svg.tag(tag);
    if !class.is_empty() {
        svg.fixed(class);
    }
    // Roving tabindex: every mark can take focus (a click gives it, arrow keys move it), only
    // one is reached by Tab.
    svg.fixed(if i == 0 {
        "tabindex=\"0\""
    } else {
        "tabindex=\"-1\""
    })
    .fixed("role=\"img\"")
    .attr("aria-label", label)
    .int("data-i", i as u64)
}

/// The most marks in one group of an overlay: the app mounts an overlay a group per task (a
/// mark is an element the browser parses, styles and lays out; 180 at once held the main thread
/// longer than a frame at 4x CPU throttling).
pub const PART: usize = 60;

/// Starts an overlay (see [`Drawing::overlay`]) for `n` marks: a group of bands that paint
/// nothing but take the pointer over their whole area, said once for all of them.
fn overlay(n: usize) -> Markup {
    let mut over = Markup::with_capacity(80 + n * 150);
    marks_group(&mut over);
    over
}

/// Opens a group of an overlay's marks.
fn marks_group(over: &mut Markup) {
    over.tag("g")
        .fixed("class=\"marks\" fill=\"none\" pointer-events=\"all\"")
        .open();
}

/// The list separator of the reader's language.
fn sep(l: &dyn Labels) -> &'static str {
    if l.rtl() {
        "، "
    } else {
        ", "
    }
}

#[cfg(test)]
pub(crate) mod test_labels {
    use super::{Labels, Words};

    pub const WORDS: Words = Words {
        not_published: "not published",
        children: "children",
        women: "women",
        not_named: "not named",
        shade_count: "Shade: number killed",
        shade_share: "Shade: share of the month's total",
        torture_included_from: "definition changes: torture deaths included in the total from here",
        torture_added_from: "definition changes: torture deaths counted in addition from here",
    };

    /// Plain English formatting for tests: grouping with commas, months as written.
    pub struct Plain(pub bool);

    impl Labels for Plain {
        fn count(&self, n: u64) -> String {
            let s = n.to_string();
            let mut out = String::new();
            for (i, c) in s.chars().enumerate() {
                if i > 0 && (s.len() - i).is_multiple_of(3) {
                    out.push(',');
                }
                out.push(c);
            }
            out
        }
        fn percent(&self, p: f64) -> String {
            format!("{}%", crate::chart::num::decimal(p))
        }
        fn month(&self, ym: &str) -> String {
            format!("month {ym}")
        }
        fn month_short(&self, ym: &str) -> String {
            format!("m{ym}")
        }
        fn digits(&self, s: &str) -> String {
            s.to_owned()
        }
        fn rtl(&self) -> bool {
            self.0
        }
    }
}
