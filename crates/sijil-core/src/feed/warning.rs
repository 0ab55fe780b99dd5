//! Consistency warnings: figures that do not add up. The feed is still accepted and shown.
//!
//! Real published figures do not always add up (a press copy drops a line, a report's headline
//! and body disagree). A warning carries the month, the path of the breakdown and the numbers,
//! so the publisher can find the line and the reader can see why a chart has a gap or a note.
//! The rules that produce them live in `consistency`.

use std::fmt;

use super::calendar::{DayOrMonth, YearMonth};
use super::error::{decimal, fill, quoted};
use super::model::LocalText;
use crate::lang::Lang;

#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    pub month: YearMonth,
    /// The breakdown or line concerned, like `months[20].by_party`.
    pub path: String,
    pub kind: WarningKind,
}

/// Which figure a children/women check is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Figure {
    Civilians,
    Party(LocalText),
    Torture,
    TortureParty(LocalText),
    /// Massacres: children and women are compared with `deaths`.
    Massacres,
    /// One massacre listed in `massacres.incidents`, by its date.
    Incident(DayOrMonth),
}

/// Which tally a party breakdown divides: `civilians.total` or `torture.total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tally {
    Civilians,
    Torture,
}

#[derive(Clone, Debug, PartialEq)]
pub enum WarningKind {
    ChildrenOverTotal {
        figure: Figure,
        children: u64,
        total: u64,
    },
    WomenOverTotal {
        figure: Figure,
        women: u64,
        total: u64,
    },
    ChildrenAndWomenOverTotal {
        figure: Figure,
        children: u64,
        women: u64,
        total: u64,
    },
    /// The top-level parties sum to less than the tally ("breakdown incomplete").
    BreakdownIncomplete {
        tally: Tally,
        sum: u64,
        total: u64,
    },
    /// The top-level parties sum to more than the tally ("breakdown exceeds total").
    BreakdownExceeds {
        tally: Tally,
        sum: u64,
        total: u64,
    },
    /// The parties' children add up to more than `civilians.children`.
    PartyChildrenExceed {
        sum: u64,
        children: u64,
    },
    /// The parties' women add up to more than `civilians.women`.
    PartyWomenExceed {
        sum: u64,
        women: u64,
    },
    SubPartiesExceedParent {
        tally: Tally,
        parent: LocalText,
        sum: u64,
        parent_total: u64,
    },
    GovernoratesExceedTotal {
        sum: u64,
        total: u64,
    },
    /// Percent, beyond what rounding of the published shares can explain.
    SharesExceedHundred {
        sum: f64,
    },
    /// A massacre listed with fewer than 5 deaths (a massacre is 5 or more).
    IncidentUnderFive {
        date: DayOrMonth,
        deaths: u64,
    },
    /// The listed massacres' deaths add up to more than `massacres.deaths`.
    IncidentDeathsExceed {
        sum: u64,
        deaths: u64,
    },
    /// More massacres listed than `massacres.count`.
    MoreIncidentsThanCount {
        listed: u64,
        count: u64,
    },
}

impl Warning {
    /// The full sentence: month, then what does not add up, with the numbers.
    pub fn message(&self, lang: Lang) -> String {
        format!("{}: {}", self.month, self.kind.describe(lang))
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

crate::texts! {
    /// What does not add up, one text per [`WarningKind`] (two where the torture tally is said
    /// otherwise), and the figures they are about ([`Figure`]).
    WarningText;
    children_over_total: "{}: {} children, more than the total of {}", "{}: {} من الأطفال، أكثر من الإجمالي {}";
    women_over_total: "{}: {} women, more than the total of {}", "{}: {} من النساء، أكثر من الإجمالي {}";
    children_and_women_over_total: "{}: {} children + {} women = {}, more than the total of {}", "{}: {} من الأطفال + {} من النساء = {}، أكثر من الإجمالي {}";
    breakdown_incomplete: "breakdown incomplete: the parties sum to {}, the total is {}", "التوزيع غير مكتمل: مجموع الجهات {} والإجمالي {}";
    torture_breakdown_incomplete: "torture breakdown incomplete: the parties sum to {}, the torture total is {}", "توزيع ضحايا التعذيب غير مكتمل: مجموع الجهات {} وإجمالي التعذيب {}";
    breakdown_exceeds: "breakdown exceeds total: the parties sum to {}, the total is {}", "التوزيع يتجاوز الإجمالي: مجموع الجهات {} والإجمالي {}";
    torture_breakdown_exceeds: "torture breakdown exceeds total: the parties sum to {}, the torture total is {}", "توزيع ضحايا التعذيب يتجاوز الإجمالي: مجموع الجهات {} وإجمالي التعذيب {}";
    party_children_exceed: "the parties' children sum to {}, more than the month's {} children", "مجموع الأطفال لدى الجهات {}، أكثر من عدد الأطفال في الشهر {}";
    party_women_exceed: "the parties' women sum to {}, more than the month's {} women", "مجموع النساء لدى الجهات {}، أكثر من عدد النساء في الشهر {}";
    sub_parties_exceed_parent: "the sub-parties of {} sum to {}, more than its {}", "مجموع الجهات الفرعية لـ{} {}، أكثر من رقمها {}";
    torture_sub_parties_exceed_parent: "torture: the sub-parties of {} sum to {}, more than its {}", "التعذيب: مجموع الجهات الفرعية لـ{} {}، أكثر من رقمها {}";
    governorates_exceed_total: "the governorate totals sum to {}, more than the month's total of {}", "مجموع أرقام المحافظات {}، أكثر من إجمالي الشهر {}";
    shares_exceed_hundred: "the governorate shares sum to {}%, more than 100%", "مجموع نسب المحافظات {}٪، أكثر من 100٪";
    incident_under_five: "the massacre of {} lists {} deaths: a massacre is 5 or more", "مجزرة {} تذكر {} من الضحايا: المجزرة خمسة ضحايا أو أكثر";
    incident_deaths_exceed: "the massacres listed sum to {} deaths, more than massacres.deaths ({})", "مجموع ضحايا المجازر المذكورة {}، أكثر من massacres.deaths ({})";
    more_incidents_than_count: "{} massacres listed, more than massacres.count ({})", "{} مجزرة مذكورة، أكثر من massacres.count ({})";
    civilians: "civilians", "المدنيون";
    torture: "torture", "التعذيب";
    massacres: "massacres", "المجازر";
    incident: "massacre of {}", "مجزرة {}";
    party: "party {}", "الجهة {}";
    torture_party: "torture, party {}", "التعذيب، الجهة {}";
}

impl WarningKind {
    /// What does not add up, without the month.
    pub fn describe(&self, lang: Lang) -> String {
        use WarningKind::*;
        // One `fill` with the template of `lang`, rather than a `format!` for each language: half
        // the formatting code in the wasm (see `error::fill`).
        let m = WarningText::get(lang);
        let by_tally = |tally: &Tally, civilians, torture| match tally {
            Tally::Civilians => civilians,
            Tally::Torture => torture,
        };
        match self {
            ChildrenOverTotal {
                figure,
                children,
                total,
            } => fill(
                m.children_over_total,
                &[&figure.name(lang), children, total],
            ),
            WomenOverTotal {
                figure,
                women,
                total,
            } => fill(m.women_over_total, &[&figure.name(lang), women, total]),
            ChildrenAndWomenOverTotal {
                figure,
                children,
                women,
                total,
            } => fill(
                m.children_and_women_over_total,
                &[
                    &figure.name(lang),
                    children,
                    women,
                    &(children + women),
                    total,
                ],
            ),
            BreakdownIncomplete { tally, sum, total } => fill(
                by_tally(
                    tally,
                    m.breakdown_incomplete,
                    m.torture_breakdown_incomplete,
                ),
                &[sum, total],
            ),
            BreakdownExceeds { tally, sum, total } => fill(
                by_tally(tally, m.breakdown_exceeds, m.torture_breakdown_exceeds),
                &[sum, total],
            ),
            PartyChildrenExceed { sum, children } => {
                fill(m.party_children_exceed, &[sum, children])
            }
            PartyWomenExceed { sum, women } => fill(m.party_women_exceed, &[sum, women]),
            SubPartiesExceedParent {
                tally,
                parent,
                sum,
                parent_total,
            } => fill(
                by_tally(
                    tally,
                    m.sub_parties_exceed_parent,
                    m.torture_sub_parties_exceed_parent,
                ),
                &[&quoted(parent.get(lang)), sum, parent_total],
            ),
            GovernoratesExceedTotal { sum, total } => {
                fill(m.governorates_exceed_total, &[sum, total])
            }
            SharesExceedHundred { sum } => {
                let sum = decimal((sum * 100.0).round() / 100.0);
                fill(m.shares_exceed_hundred, &[&sum])
            }
            IncidentUnderFive { date, deaths } => fill(m.incident_under_five, &[date, deaths]),
            IncidentDeathsExceed { sum, deaths } => fill(m.incident_deaths_exceed, &[sum, deaths]),
            MoreIncidentsThanCount { listed, count } => {
                fill(m.more_incidents_than_count, &[listed, count])
            }
        }
    }
}

impl Figure {
    fn name(&self, lang: Lang) -> String {
        let m = WarningText::get(lang);
        match self {
            Figure::Civilians => m.civilians.into(),
            Figure::Torture => m.torture.into(),
            Figure::Massacres => m.massacres.into(),
            Figure::Incident(date) => fill(m.incident, &[date]),
            Figure::Party(name) => fill(m.party, &[&quoted(name.get(lang))]),
            Figure::TortureParty(name) => fill(m.torture_party, &[&quoted(name.get(lang))]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_has_month_and_numbers_in_both_languages() {
        let w = Warning {
            month: YearMonth::parse("2021-02").unwrap(),
            path: "months[21].by_party".into(),
            kind: WarningKind::BreakdownIncomplete {
                tally: Tally::Civilians,
                sum: 129,
                total: 138,
            },
        };
        assert_eq!(
            w.message(Lang::En),
            "2021-02: breakdown incomplete: the parties sum to 129, the total is 138"
        );
        assert_eq!(
            w.message(Lang::Ar),
            "2021-02: التوزيع غير مكتمل: مجموع الجهات 129 والإجمالي 138"
        );
    }
}
