//! Building the widget view models from a validated [`Feed`].
//!
//! Rules decided here, once for every widget:
//! - "previous month" is the latest earlier month in the feed, and a change is only shown when
//!   both months published that figure;
//! - parties are ranked by total (unpublished last), sub-parties under their parent; a sub-party
//!   whose parent has no line that month is a top-level row of its own, named with its parent
//!   ("Landmines (part of Other parties, whose total was not published)"), never dropped;
//! - governorates are shaded by count, or by share when the month gives shares for more of
//!   the governorates it names (most recent SNHR reports give only shares);
//! - a range marks where `torture.included_in_civilians` changes (a definition break);
//! - every one of the 14 governorates is listed, named or not;
//! - a range covers every calendar month between its ends, so unpublished months are gaps.

use super::*;
use crate::chart::palette::OWN;
use crate::chart::tiles::tile_layout;
use crate::embed::Range;
use crate::feed::governorates::GOVERNORATES;
use crate::feed::{fill, Feed, Month, PartyCount};
use crate::lang::Lang;

/// Tile-map grid for the 14 governorates: wide, like the country.
pub const TILE_COLS: u32 = 5;
pub const TILE_ROWS: u32 = 4;

pub fn source(feed: &Feed, month: &Month, lang: Lang) -> Source {
    let p = feed.publisher();
    Source {
        publisher: p.name.get(lang).to_owned(),
        publisher_url: p.url.as_ref().and_then(|u| u.href()).map(str::to_owned),
        report_url: month
            .sources
            .iter()
            .find_map(|u| u.href())
            .map(str::to_owned),
        month: month.month.to_string(),
        updated: feed.updated().to_string(),
        methodology_url: p
            .methodology_url
            .as_ref()
            .and_then(|u| u.href())
            .map(str::to_owned),
        about: feed.notes().map(|n| {
            let (l, text) = n.get_with_lang(lang);
            (l, text.to_owned())
        }),
    }
}

pub fn glance(feed: &Feed, month: &Month) -> Glance {
    let prev = feed.previous_month(month.month);
    let pick = |m: &Month, k: StatKey| -> Option<u64> {
        match k {
            StatKey::Civilians => Some(m.civilians.total),
            StatKey::Children => m.civilians.children,
            StatKey::Women => m.civilians.women,
            StatKey::Torture => m.torture.as_ref()?.total,
            StatKey::Massacres => m.massacres.as_ref()?.count,
            StatKey::Media => m.personnel.as_ref()?.media,
            StatKey::Medical => m.personnel.as_ref()?.medical,
            StatKey::CivilDefense => m.personnel.as_ref()?.civil_defense,
        }
    };
    let keys = [
        StatKey::Civilians,
        StatKey::Children,
        StatKey::Women,
        StatKey::Torture,
        StatKey::Massacres,
        StatKey::Media,
        StatKey::Medical,
        StatKey::CivilDefense,
    ];
    Glance {
        month: month.month.to_string(),
        previous_month: prev.map(|p| p.month.to_string()),
        stats: keys
            .into_iter()
            .map(|key| Stat {
                key,
                value: pick(month, key),
                previous: prev.and_then(|p| pick(p, key)),
            })
            .collect(),
        torture_included: month.torture.as_ref().and_then(|t| t.included_in_civilians),
    }
}

fn rank(rows: &mut [PartyRow]) {
    // Published totals first, biggest first; ties keep feed order (stable sort).
    rows.sort_by(|a, b| {
        b.total
            .is_some()
            .cmp(&a.total.is_some())
            .then(b.total.cmp(&a.total))
    });
}

crate::texts! {
    /// A sub-party's row when the month gave no figure for its parent; `{}`s: its name, the
    /// parent's.
    PartOf;
    unpublished: "{} (part of {}, whose total was not published)", "{} (ضمن {}، ولم يُنشر مجموعها)";
}

/// `None` when the month published no breakdown by party.
pub fn parties(feed: &Feed, month: &Month, lang: Lang) -> Option<Parties> {
    let counts = month.by_party.as_deref()?;
    let row = |c: &PartyCount| {
        let party = &feed.parties()[c.party];
        PartyRow {
            id: party.id.clone(),
            name: party.name.get(lang).to_owned(),
            colour: party.index,
            total: c.total,
            children: c.children,
            women: c.women,
            sub: Vec::new(),
            parent: None,
        }
    };
    let has_line = |party: usize| counts.iter().any(|c| c.party == party);
    let mut rows: Vec<PartyRow> = counts
        .iter()
        .filter(|c| feed.parties()[c.party].parent.is_none_or(|p| !has_line(p)))
        .map(|c| {
            let mut r = row(c);
            if let Some(parent) = feed.parties()[c.party].parent {
                // The month gave this sub-party and not its parent ("Israeli forces: 9" with no
                // total for "other parties"): a row of its own, saying what it is part of.
                let parent = feed.parties()[parent].name.get(lang);
                r.name = fill(PartOf::get(lang).unpublished, &[&r.name, &parent]);
                r.parent = Some(parent.to_owned());
                return r;
            }
            r.sub = counts
                .iter()
                .filter(|s| feed.parties()[s.party].parent == Some(c.party))
                .map(row)
                .collect();
            rank(&mut r.sub);
            r
        })
        .collect();
    rank(&mut rows);
    Some(Parties {
        month: month.month.to_string(),
        civilians: month.civilians.total,
        rows,
    })
}

/// `None` when the month published no breakdown by governorate.
pub fn governorates(month: &Month, lang: Lang) -> Option<Governorates> {
    month.by_governorate.as_ref()?;
    let areas: Vec<(&str, f64, f64)> = GOVERNORATES
        .iter()
        .map(|g| (g.code, g.lat, g.lon))
        .collect();
    let tiles = tile_layout(&areas, TILE_COLS, TILE_ROWS);
    // The massacres the month lists, where they happened (the map marks them).
    let (massacres, unplaced) = match super::incidents::listed(Some(month)) {
        super::incidents::Listed::Listed(list, _) => {
            let (counts, unplaced) = super::incidents::by_governorate(list);
            (counts, Some(unplaced))
        }
        _ => ([0; 14], None),
    };
    let rows: Vec<GovRow> = GOVERNORATES
        .iter()
        .zip(tiles)
        .zip(massacres)
        .map(|((g, t), massacres)| {
            let c = month.governorate(g.code);
            GovRow {
                code: g.code.to_owned(),
                name: g.name(lang).to_owned(),
                col: t.col,
                row: t.row,
                total: c.and_then(|c| c.total),
                share: c.and_then(|c| c.share),
                approximate: c.is_some_and(|c| c.approximate),
                massacres,
            }
        })
        .collect();
    let named = rows.iter().filter(|r| r.named()).count();
    let counts = rows.iter().filter(|r| r.total.is_some()).count();
    let shares = rows.iter().filter(|r| r.share.is_some()).count();
    Some(Governorates {
        month: month.month.to_string(),
        civilians: month.civilians.total,
        rows,
        named,
        by_share: shares > counts,
        cols: TILE_COLS,
        rows_count: TILE_ROWS,
        unplaced,
    })
}

/// The months a range covers: `(first, last)` as `YYYY-MM`, clipped to the feed.
pub fn range_bounds(feed: &Feed, range: Range) -> Option<(String, String)> {
    let (first, last) = feed.range()?;
    let (first, last) = (first.to_string(), last.to_string());
    match range {
        Range::All => Some((first, last)),
        Range::Last(n) => {
            let span = month_span(&first, &last);
            let start = span.len().saturating_sub(n as usize);
            Some((span[start].clone(), last))
        }
        Range::Year(y) => {
            let (a, b) = (format!("{y:04}-01"), format!("{y:04}-12"));
            let a = if a < first { first } else { a };
            let b = if b > last { last } else { b };
            (a <= b).then_some((a, b))
        }
    }
}

/// Series over a range, one value per calendar month (`None` where the feed has no month or the
/// month did not publish the figure).
/// One series to pick out of each month: id, name, colour index, and the figure.
type Pick<'a> = (String, String, usize, &'a dyn Fn(&Month) -> Option<u64>);

fn over_range(feed: &Feed, range: Range, series: Vec<Pick>) -> TimeSeries {
    let months = range_bounds(feed, range)
        .map(|(a, b)| month_span(&a, &b))
        .unwrap_or_default();
    let found: Vec<Option<&Month>> = months.iter().map(|m| feed.month_str(m)).collect();
    // Where `included_in_civilians` differs from the last month in the range that said it.
    let mut breaks = Vec::new();
    let mut last = None;
    for (i, m) in found.iter().enumerate() {
        let said = m.and_then(|m| m.torture.as_ref()?.included_in_civilians);
        if let Some(now) = said {
            if last.is_some_and(|l| l != now) {
                breaks.push((i, now));
            }
            last = Some(now);
        }
    }
    TimeSeries {
        breaks,
        series: series
            .into_iter()
            .map(|(id, name, colour, f)| Series {
                id,
                name,
                colour,
                values: found.iter().map(|m| m.and_then(f)).collect(),
            })
            .collect(),
        months,
    }
}

/// Civilians, children and women per month. `names` are the three series names.
pub fn trend(feed: &Feed, range: Range, names: [&str; 3]) -> TimeSeries {
    over_range(
        feed,
        range,
        vec![
            ("civilians".into(), names[0].into(), 0, &|m: &Month| {
                Some(m.civilians.total)
            }),
            ("children".into(), names[1].into(), 1, &|m: &Month| {
                m.civilians.children
            }),
            ("women".into(), names[2].into(), 2, &|m: &Month| {
                m.civilians.women
            }),
        ],
    )
}

/// Deaths under torture per month (first series), then one series per party that any month in
/// the range attributes torture deaths to.
pub fn torture(feed: &Feed, range: Range, total_name: &str, lang: Lang) -> TimeSeries {
    let mut ts = over_range(
        feed,
        range,
        vec![("torture".into(), total_name.into(), OWN, &|m: &Month| {
            m.torture.as_ref()?.total
        })],
    );
    for party in feed.parties() {
        let values: Vec<Option<u64>> = ts
            .months
            .iter()
            .map(|m| {
                let t = feed.month_str(m)?.torture.as_ref()?;
                t.by_party
                    .as_deref()?
                    .iter()
                    .find(|c| c.party == party.index)?
                    .total
            })
            .collect();
        if values.iter().any(Option::is_some) {
            ts.series.push(Series {
                id: party.id.clone(),
                name: party.name.get(lang).to_owned(),
                colour: party.index,
                values,
            });
        }
    }
    ts
}

/// Massacres (count of incidents) per month, then the deaths in them. The torture definition
/// does not touch them: no breaks.
pub fn massacres(feed: &Feed, range: Range, names: [&str; 2]) -> TimeSeries {
    let mut ts = over_range(
        feed,
        range,
        vec![
            ("massacres".into(), names[0].into(), OWN, &|m: &Month| {
                m.massacres.as_ref()?.count
            }),
            ("deaths".into(), names[1].into(), OWN + 1, &|m: &Month| {
                m.massacres.as_ref()?.deaths
            }),
        ],
    );
    ts.breaks.clear();
    ts
}
