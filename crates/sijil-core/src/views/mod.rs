//! Widget view models: what each widget shows, computed from a validated feed.
//!
//! The Yew widgets render these structs and nothing else, so which month counts as "previous",
//! how parties are ranked, where a governorate tile sits and what the screen-reader summary says
//! are all decided (and tested) here. Names are already in the reader's language.
//!
//! `None` always means "not published" and is carried through to the screen.

pub mod build;
pub mod csv;
pub mod incidents;
pub mod notes;
pub mod report;
pub mod summary;
pub mod table;

/// Where the numbers come from, shown under every chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub publisher: String,
    /// Only http(s) URLs ever get here.
    pub publisher_url: Option<String>,
    /// The month's first http(s) source (the report).
    pub report_url: Option<String>,
    /// `YYYY-MM` of the month shown, or of the last month of a range.
    pub month: String,
    /// The feed's `updated` date, `YYYY-MM-DD`.
    pub updated: String,
    /// The publisher's methodology page (http(s) only).
    pub methodology_url: Option<String>,
    /// The feed's own notes, in the reader's language or else the other (which it names).
    pub about: Option<(crate::lang::Lang, String)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StatKey {
    Civilians,
    Children,
    Women,
    Torture,
    Massacres,
    Media,
    Medical,
    CivilDefense,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stat {
    pub key: StatKey,
    pub value: Option<u64>,
    /// The same figure in the previous published month, if that month published it.
    pub previous: Option<u64>,
}

/// Month at a glance.
#[derive(Clone, Debug, PartialEq)]
pub struct Glance {
    pub month: String,
    pub previous_month: Option<String>,
    pub stats: Vec<Stat>,
    /// Whether deaths under torture are part of the civilian total (unknown: `None`).
    pub torture_included: Option<bool>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PartyRow {
    pub id: String,
    pub name: String,
    /// Palette index, stable per party across widgets.
    pub colour: usize,
    pub total: Option<u64>,
    pub children: Option<u64>,
    pub women: Option<u64>,
    /// Sub-parties (e.g. "other parties" → landmines, …), ranked.
    pub sub: Vec<PartyRow>,
    /// For a sub-party shown as a top-level row because the month gave its parent no line:
    /// the parent's name (the row's `name` already says "part of …, total not published").
    pub parent: Option<String>,
}

/// Deaths by perpetrator for one month, top-level parties ranked by total.
#[derive(Clone, Debug, PartialEq)]
pub struct Parties {
    pub month: String,
    pub civilians: u64,
    pub rows: Vec<PartyRow>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct GovRow {
    pub code: String,
    pub name: String,
    pub col: u32,
    pub row: u32,
    pub total: Option<u64>,
    pub share: Option<f64>,
    pub approximate: bool,
    /// Massacres the month lists in this governorate (`massacres.incidents`; 0 when it lists
    /// none here, or none at all: see [`Governorates::unplaced`]).
    pub massacres: u32,
}

/// Deaths by governorate for one month: all 14 governorates, with `None` for those the month
/// did not name (the widget says how many it named).
#[derive(Clone, Debug, PartialEq)]
pub struct Governorates {
    pub month: String,
    pub civilians: u64,
    pub rows: Vec<GovRow>,
    pub named: usize,
    /// Tiles are shaded (and ranked) by share, not count: the month gives shares for more of
    /// the governorates it names than counts (SNHR's recent reports give only shares).
    pub by_share: bool,
    pub cols: u32,
    pub rows_count: u32,
    /// `Some` when the month lists its massacres one by one (the map then marks them): how
    /// many of them name no governorate. `None`: no list, and the map is as it always was.
    pub unplaced: Option<u32>,
}

impl Governorates {
    /// The figure tiles are shaded and ranked by: the count, or the share when `by_share`.
    pub fn metric(&self, r: &GovRow) -> Option<f64> {
        if self.by_share {
            r.share
        } else {
            r.total.map(|t| t as f64)
        }
    }
}

impl GovRow {
    /// Whether the month named this governorate at all (with a count, a share or both).
    pub fn named(&self) -> bool {
        self.total.is_some() || self.share.is_some()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub id: String,
    pub name: String,
    pub colour: usize,
    pub values: Vec<Option<u64>>,
}

/// Several series over the same months (ascending, consecutive: missing months are present
/// with `None` values, so gaps stay visible).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct TimeSeries {
    pub months: Vec<String>,
    pub series: Vec<Series>,
    /// Where the definition of the figures changes: from `months[i]` on, deaths under torture
    /// are (`true`) or are not (`false`) part of the civilian total, unlike the month before
    /// that said. Only the trend and the torture series carry them.
    pub breaks: Vec<(usize, bool)>,
}

impl TimeSeries {
    /// Whether any value of any series is unpublished (the chart then says what a gap means).
    pub fn has_gaps(&self) -> bool {
        self.series.iter().any(|s| s.values.contains(&None))
    }
}

impl TimeSeries {
    pub fn max(&self) -> u64 {
        self.series
            .iter()
            .flat_map(|s| s.values.iter().flatten())
            .copied()
            .max()
            .unwrap_or(0)
    }
}

/// `YYYY-MM` without `fmt` (a 180-month range writes 180 of them on every redraw).
fn year_month(y: i32, m: u32) -> String {
    if !(0..10_000).contains(&y) {
        return format!("{y:04}-{m:02}");
    }
    let mut s = String::with_capacity(7);
    for d in [y / 1000, y / 100 % 10, y / 10 % 10, y % 10] {
        s.push(char::from(b'0' + d as u8));
    }
    s.push('-');
    s.push(char::from(b'0' + (m / 10 % 10) as u8));
    s.push(char::from(b'0' + (m % 10) as u8));
    s
}

/// Every month from `first` to `last` inclusive (`YYYY-MM`), so a series has a slot for months
/// the feed lacks.
pub fn month_span(first: &str, last: &str) -> Vec<String> {
    let parse = |s: &str| -> Option<(i32, u32)> {
        let (y, m) = s.split_once('-')?;
        Some((y.parse().ok()?, m.parse().ok()?))
    };
    let (Some((mut y, mut m)), Some(end)) = (parse(first), parse(last)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    while (y, m) <= end && out.len() < 2400 {
        out.push(year_month(y, m));
        m += 1;
        if m > 12 {
            m = 1;
            y += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_span_covers_year_boundaries_and_gaps() {
        assert_eq!(
            month_span("2020-11", "2021-02"),
            vec!["2020-11", "2020-12", "2021-01", "2021-02"]
        );
        assert_eq!(month_span("2021-02", "2021-02"), vec!["2021-02"]);
        assert!(month_span("2021-03", "2021-02").is_empty());
        assert!(month_span("bad", "2021-02").is_empty());
        assert_eq!(month_span("0999-12", "1000-01"), vec!["0999-12", "1000-01"]);
    }
}
