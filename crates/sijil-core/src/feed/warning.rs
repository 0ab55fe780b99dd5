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

impl WarningKind {
    /// What does not add up, without the month.
    pub fn describe(&self, lang: Lang) -> String {
        use WarningKind::*;
        // One `fill` with the template of `lang`, rather than a `format!` for each language: half
        // the formatting code in the wasm (see `error::fill`).
        let t = |en: &str, ar: &str, args: &[&dyn fmt::Display]| {
            fill(if lang == Lang::En { en } else { ar }, args)
        };
        match self {
            ChildrenOverTotal {
                figure,
                children,
                total,
            } => t(
                "{}: {} children, more than the total of {}",
                "{}: {} من الأطفال، أكثر من الإجمالي {}",
                &[&figure.name(lang), children, total],
            ),
            WomenOverTotal {
                figure,
                women,
                total,
            } => t(
                "{}: {} women, more than the total of {}",
                "{}: {} من النساء، أكثر من الإجمالي {}",
                &[&figure.name(lang), women, total],
            ),
            ChildrenAndWomenOverTotal {
                figure,
                children,
                women,
                total,
            } => t(
                "{}: {} children + {} women = {}, more than the total of {}",
                "{}: {} من الأطفال + {} من النساء = {}، أكثر من الإجمالي {}",
                &[
                    &figure.name(lang),
                    children,
                    women,
                    &(children + women),
                    total,
                ],
            ),
            BreakdownIncomplete {
                tally: Tally::Civilians,
                sum,
                total,
            } => t(
                "breakdown incomplete: the parties sum to {}, the total is {}",
                "التوزيع غير مكتمل: مجموع الجهات {} والإجمالي {}",
                &[sum, total],
            ),
            BreakdownIncomplete {
                tally: Tally::Torture,
                sum,
                total,
            } => t(
                "torture breakdown incomplete: the parties sum to {}, the torture total is {}",
                "توزيع ضحايا التعذيب غير مكتمل: مجموع الجهات {} وإجمالي التعذيب {}",
                &[sum, total],
            ),
            BreakdownExceeds {
                tally: Tally::Civilians,
                sum,
                total,
            } => t(
                "breakdown exceeds total: the parties sum to {}, the total is {}",
                "التوزيع يتجاوز الإجمالي: مجموع الجهات {} والإجمالي {}",
                &[sum, total],
            ),
            BreakdownExceeds {
                tally: Tally::Torture,
                sum,
                total,
            } => t(
                "torture breakdown exceeds total: the parties sum to {}, the torture total is {}",
                "توزيع ضحايا التعذيب يتجاوز الإجمالي: مجموع الجهات {} وإجمالي التعذيب {}",
                &[sum, total],
            ),
            PartyChildrenExceed { sum, children } => t(
                "the parties' children sum to {}, more than the month's {} children",
                "مجموع الأطفال لدى الجهات {}، أكثر من عدد الأطفال في الشهر {}",
                &[sum, children],
            ),
            PartyWomenExceed { sum, women } => t(
                "the parties' women sum to {}, more than the month's {} women",
                "مجموع النساء لدى الجهات {}، أكثر من عدد النساء في الشهر {}",
                &[sum, women],
            ),
            SubPartiesExceedParent {
                tally,
                parent,
                sum,
                parent_total,
            } => {
                let name = quoted(parent.get(lang));
                let pre = match (tally, lang) {
                    (Tally::Civilians, _) => "",
                    (Tally::Torture, Lang::En) => "torture: ",
                    (Tally::Torture, Lang::Ar) => "التعذيب: ",
                };
                t(
                    "{}the sub-parties of {} sum to {}, more than its {}",
                    "{}مجموع الجهات الفرعية لـ{} {}، أكثر من رقمها {}",
                    &[&pre, &name, sum, parent_total],
                )
            }
            GovernoratesExceedTotal { sum, total } => t(
                "the governorate totals sum to {}, more than the month's total of {}",
                "مجموع أرقام المحافظات {}، أكثر من إجمالي الشهر {}",
                &[sum, total],
            ),
            SharesExceedHundred { sum } => {
                let sum = decimal((sum * 100.0).round() / 100.0);
                t(
                    "the governorate shares sum to {}%, more than 100%",
                    "مجموع نسب المحافظات {}٪، أكثر من 100٪",
                    &[&sum],
                )
            }
            IncidentUnderFive { date, deaths } => t(
                "the massacre of {} lists {} deaths: a massacre is 5 or more",
                "مجزرة {} تذكر {} من الضحايا: المجزرة خمسة ضحايا أو أكثر",
                &[date, deaths],
            ),
            IncidentDeathsExceed { sum, deaths } => t(
                "the massacres listed sum to {} deaths, more than massacres.deaths ({})",
                "مجموع ضحايا المجازر المذكورة {}، أكثر من massacres.deaths ({})",
                &[sum, deaths],
            ),
            MoreIncidentsThanCount { listed, count } => t(
                "{} massacres listed, more than massacres.count ({})",
                "{} مجزرة مذكورة، أكثر من massacres.count ({})",
                &[listed, count],
            ),
        }
    }
}

impl Figure {
    fn name(&self, lang: Lang) -> String {
        let (en, ar, party) = match self {
            Figure::Civilians => ("civilians", "المدنيون", None),
            Figure::Torture => ("torture", "التعذيب", None),
            Figure::Massacres => ("massacres", "المجازر", None),
            Figure::Incident(date) => {
                let en = lang == Lang::En;
                let template = if en {
                    "massacre of {}"
                } else {
                    "مجزرة {}"
                };
                return fill(template, &[date]);
            }
            Figure::Party(name) => ("party {}", "الجهة {}", Some(name)),
            Figure::TortureParty(name) => ("torture, party {}", "التعذيب، الجهة {}", Some(name)),
        };
        let template = if lang == Lang::En { en } else { ar };
        match party {
            None => template.into(),
            Some(name) => fill(template, &[&quoted(name.get(lang))]),
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
