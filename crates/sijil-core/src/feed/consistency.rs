//! The consistency rules of the contract, applied to one validated month: which figures do not add
//! up, as [`Warning`]s with the numbers.
//!
//! Absent figures are unknown, not zero, which decides what can be claimed: a sum of published
//! figures above a total is certainly too much, but a sum below it only proves an incomplete
//! breakdown when every line that should count was published. Unknowns never produce warnings.
//!
//! Sub-parties break down their parent's figure, so a party breakdown is summed over its
//! top-level lines; a sub-party line counts toward the sum only when its parent has no line of
//! its own that month (SNHR sometimes gives only "landmines", not "other parties"). Beyond the
//! contract's list, the parties' children and women are also checked against the month's:
//! SNHR's January 2019 press copies give 62 children by party for 57 in total.

use super::model::{Incident, Massacres, Month, Party, PartyCount};
use super::path::Path;
use super::warning::{Figure, Tally, Warning, WarningKind};

/// Names are copied into warnings cut to what a message shows (see `error::quoted`), so a feed
/// with a huge party name and a warning on every line cannot multiply its size in memory.
const NAME_CHARS: usize = 41;

pub(crate) fn month_warnings(m: &Month, path: &Path, parties: &[Party], out: &mut Vec<Warning>) {
    let warn = &mut Sink { month: m, out };
    let c = &m.civilians;
    parts(
        &|| Figure::Civilians,
        Some(c.total),
        c.children,
        c.women,
        &path.field("civilians"),
        warn,
    );

    if let Some(lines) = &m.by_party {
        let by_party = path.field("by_party");
        for (j, line) in lines.iter().enumerate() {
            let figure = || Figure::Party(parties[line.party].name.shortened(NAME_CHARS));
            parts(
                &figure,
                line.total,
                line.children,
                line.women,
                &by_party.index(j),
                warn,
            );
        }
        tally(
            Tally::Civilians,
            lines,
            parties,
            Some(c.total),
            &by_party,
            warn,
        );
        let (sum, _) = top_level_sum(lines, parties, |l| l.children);
        if let Some(children) = c.children.filter(|&n| sum > n) {
            warn.push(
                &by_party,
                WarningKind::PartyChildrenExceed { sum, children },
            );
        }
        let (sum, _) = top_level_sum(lines, parties, |l| l.women);
        if let Some(women) = c.women.filter(|&n| sum > n) {
            warn.push(&by_party, WarningKind::PartyWomenExceed { sum, women });
        }
    }

    if let Some(t) = &m.torture {
        let torture = path.field("torture");
        parts(
            &|| Figure::Torture,
            t.total,
            t.children,
            None,
            &torture,
            warn,
        );
        if let Some(lines) = &t.by_party {
            let by_party = torture.field("by_party");
            for (j, line) in lines.iter().enumerate() {
                let figure =
                    || Figure::TortureParty(parties[line.party].name.shortened(NAME_CHARS));
                parts(
                    &figure,
                    line.total,
                    line.children,
                    line.women,
                    &by_party.index(j),
                    warn,
                );
            }
            tally(Tally::Torture, lines, parties, t.total, &by_party, warn);
        }
    }

    if let Some(x) = &m.massacres {
        let massacres = path.field("massacres");
        parts(
            &|| Figure::Massacres,
            x.deaths,
            x.children,
            x.women,
            &massacres,
            warn,
        );
        if let Some(list) = &x.incidents {
            incidents(x, list, &massacres.field("incidents"), warn);
        }
    }

    if let Some(lines) = &m.by_governorate {
        let by_governorate = path.field("by_governorate");
        let sum: u64 = lines.iter().filter_map(|g| g.total).sum();
        if sum > c.total {
            warn.push(
                &by_governorate,
                WarningKind::GovernoratesExceedTotal {
                    sum,
                    total: c.total,
                },
            );
        }
        let shares = lines.iter().filter_map(|g| g.share);
        let (sum, slack) = shares.fold((0.0, 0.0), |(s, k), x| (s + x, k + rounding_slack(x)));
        if sum > 100.0 + slack + 1e-9 {
            warn.push(&by_governorate, WarningKind::SharesExceedHundred { sum });
        }
    }
}

/// The massacres listed one by one against the month's massacre figures: each is 5 deaths or
/// more, with no more children and women than deaths; together no more deaths than
/// `massacres.deaths` and no more incidents than `massacres.count`. A list may be shorter than
/// the count (a publisher may list only some), so fewer is not a warning.
fn incidents(x: &Massacres, list: &[Incident], path: &Path, warn: &mut Sink) {
    for (j, i) in list.iter().enumerate() {
        let at = path.index(j);
        if i.deaths < 5 {
            let (date, deaths) = (i.date, i.deaths);
            warn.push(&at, WarningKind::IncidentUnderFive { date, deaths });
        }
        parts(
            &|| Figure::Incident(i.date),
            Some(i.deaths),
            i.children,
            i.women,
            &at,
            warn,
        );
    }
    let sum: u64 = list.iter().map(|i| i.deaths).sum();
    if let Some(deaths) = x.deaths.filter(|&d| sum > d) {
        warn.push(path, WarningKind::IncidentDeathsExceed { sum, deaths });
    }
    let listed = list.len() as u64;
    if let Some(count) = x.count.filter(|&n| listed > n) {
        warn.push(path, WarningKind::MoreIncidentsThanCount { listed, count });
    }
}

/// Collects the warnings of one month.
struct Sink<'a> {
    month: &'a Month,
    out: &'a mut Vec<Warning>,
}

impl Sink<'_> {
    fn push(&mut self, path: &Path, kind: WarningKind) {
        let month = self.month.month;
        self.out.push(Warning {
            month,
            path: path.render(),
            kind,
        });
    }
}

/// Children, women, and both together, each at most the figure's total.
///
/// `figure` is a `&dyn Fn` (built only for a warning) rather than a generic, for wasm size: one
/// copy of this function instead of one per figure.
fn parts(
    figure: &dyn Fn() -> Figure,
    total: Option<u64>,
    children: Option<u64>,
    women: Option<u64>,
    path: &Path,
    warn: &mut Sink,
) {
    let Some(total) = total else { return };
    match (children, women) {
        (Some(children), _) if children > total => warn.push(
            path,
            WarningKind::ChildrenOverTotal {
                figure: figure(),
                children,
                total,
            },
        ),
        (_, Some(women)) if women > total => warn.push(
            path,
            WarningKind::WomenOverTotal {
                figure: figure(),
                women,
                total,
            },
        ),
        (Some(children), Some(women)) if children + women > total => warn.push(
            path,
            WarningKind::ChildrenAndWomenOverTotal {
                figure: figure(),
                children,
                women,
                total,
            },
        ),
        _ => {}
    }
}

/// The top-level sum against the tally, then each parent against its sub-parties.
fn tally(
    tally: Tally,
    lines: &[PartyCount],
    parties: &[Party],
    total: Option<u64>,
    path: &Path,
    warn: &mut Sink,
) {
    let (sum, complete) = top_level_sum(lines, parties, |l| l.total);
    if let Some(total) = total {
        if sum > total {
            warn.push(path, WarningKind::BreakdownExceeds { tally, sum, total });
        } else if sum < total && complete {
            warn.push(path, WarningKind::BreakdownIncomplete { tally, sum, total });
        }
    }
    for (j, parent) in lines.iter().enumerate() {
        let Some(parent_total) = parent.total else {
            continue;
        };
        let sum: u64 = lines
            .iter()
            .filter(|l| parties[l.party].parent == Some(parent.party))
            .filter_map(|l| l.total)
            .sum();
        if sum > parent_total {
            let name = parties[parent.party].name.shortened(NAME_CHARS);
            let kind = WarningKind::SubPartiesExceedParent {
                tally,
                parent: name,
                sum,
                parent_total,
            };
            warn.push(&path.index(j), kind);
        }
    }
}

/// Sum of `field` over the lines that divide the tally directly, and whether all of them had it.
/// `field` is a function pointer rather than a generic, for wasm size: one copy, not three.
fn top_level_sum(
    lines: &[PartyCount],
    parties: &[Party],
    field: fn(&PartyCount) -> Option<u64>,
) -> (u64, bool) {
    let has_line = |party: usize| lines.iter().any(|l| l.party == party);
    lines
        .iter()
        .filter(|l| parties[l.party].parent.is_none_or(|p| !has_line(p)))
        .fold((0, true), |(sum, complete), l| match field(l) {
            Some(n) => (sum + n, complete),
            None => (sum, false),
        })
}

/// Half a unit of the last decimal the share was written with: `27` may be 27.4, `43.48` may be
/// 43.484. Shares are summed with this slack, so rounding alone never raises a warning.
fn rounding_slack(share: f64) -> f64 {
    // The fewest decimals that give back exactly the parsed number are the ones the publisher
    // wrote (up to trailing zeros). Found by arithmetic, not by printing the number: Rust's
    // float printing would add tens of kilobytes to the wasm.
    const SCALES: [f64; 7] = [1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6];
    let scale = SCALES
        .into_iter()
        .find(|s| (share * s).round() / s == share)
        .unwrap_or(1e6);
    0.5 / scale
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slack_follows_the_written_precision() {
        assert_eq!(rounding_slack(27.0), 0.5);
        assert_eq!(rounding_slack(43.48), 0.005);
        assert_eq!(rounding_slack(40.5), 0.05);
        assert_eq!(
            rounding_slack(0.1 + 0.2),
            0.5e-6,
            "more than 6 decimals: the finest slack"
        );
    }
}
