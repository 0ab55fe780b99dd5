//! Consistency warnings: figures that do not add up. The feed is still accepted and shown.
//!
//! Real published figures do not always add up (a press copy drops a line, a report's headline
//! and body disagree). A warning carries the month, the path of the breakdown and the numbers,
//! so the publisher can find the line and the reader can see why a chart has a gap or a note.
//! The rules that produce them live in `consistency`.

use std::fmt;

use super::calendar::YearMonth;
use super::error::{decimal, quoted};
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
        let en = lang == Lang::En;
        let pick = |e: String, a: String| if en { e } else { a };
        match self {
            ChildrenOverTotal { figure, children, total } => pick(
                format!("{}: {children} children, more than the total of {total}", figure.name(lang)),
                format!("{}: {children} من الأطفال، أكثر من الإجمالي {total}", figure.name(lang)),
            ),
            WomenOverTotal { figure, women, total } => pick(
                format!("{}: {women} women, more than the total of {total}", figure.name(lang)),
                format!("{}: {women} من النساء، أكثر من الإجمالي {total}", figure.name(lang)),
            ),
            ChildrenAndWomenOverTotal { figure, children, women, total } => pick(
                format!(
                    "{}: {children} children + {women} women = {}, more than the total of {total}",
                    figure.name(lang),
                    children + women
                ),
                format!(
                    "{}: {children} من الأطفال + {women} من النساء = {}، أكثر من الإجمالي {total}",
                    figure.name(lang),
                    children + women
                ),
            ),
            BreakdownIncomplete { tally: Tally::Civilians, sum, total } => pick(
                format!("breakdown incomplete: the parties sum to {sum}, the total is {total}"),
                format!("التوزيع غير مكتمل: مجموع الجهات {sum} والإجمالي {total}"),
            ),
            BreakdownIncomplete { tally: Tally::Torture, sum, total } => pick(
                format!("torture breakdown incomplete: the parties sum to {sum}, the torture total is {total}"),
                format!("توزيع ضحايا التعذيب غير مكتمل: مجموع الجهات {sum} وإجمالي التعذيب {total}"),
            ),
            BreakdownExceeds { tally: Tally::Civilians, sum, total } => pick(
                format!("breakdown exceeds total: the parties sum to {sum}, the total is {total}"),
                format!("التوزيع يتجاوز الإجمالي: مجموع الجهات {sum} والإجمالي {total}"),
            ),
            BreakdownExceeds { tally: Tally::Torture, sum, total } => pick(
                format!("torture breakdown exceeds total: the parties sum to {sum}, the torture total is {total}"),
                format!("توزيع ضحايا التعذيب يتجاوز الإجمالي: مجموع الجهات {sum} وإجمالي التعذيب {total}"),
            ),
            PartyChildrenExceed { sum, children } => pick(
                format!("the parties' children sum to {sum}, more than the month's {children} children"),
                format!("مجموع الأطفال لدى الجهات {sum}، أكثر من عدد الأطفال في الشهر {children}"),
            ),
            PartyWomenExceed { sum, women } => pick(
                format!("the parties' women sum to {sum}, more than the month's {women} women"),
                format!("مجموع النساء لدى الجهات {sum}، أكثر من عدد النساء في الشهر {women}"),
            ),
            SubPartiesExceedParent { tally, parent, sum, parent_total } => {
                let name = quoted(parent.get(lang));
                let (pre_en, pre_ar) = match tally {
                    Tally::Civilians => ("", ""),
                    Tally::Torture => ("torture: ", "التعذيب: "),
                };
                pick(
                    format!("{pre_en}the sub-parties of {name} sum to {sum}, more than its {parent_total}"),
                    format!("{pre_ar}مجموع الجهات الفرعية لـ{name} {sum}، أكثر من رقمها {parent_total}"),
                )
            }
            GovernoratesExceedTotal { sum, total } => pick(
                format!("the governorate totals sum to {sum}, more than the month's total of {total}"),
                format!("مجموع أرقام المحافظات {sum}، أكثر من إجمالي الشهر {total}"),
            ),
            SharesExceedHundred { sum } => {
                let sum = decimal((sum * 100.0).round() / 100.0);
                pick(
                    format!("the governorate shares sum to {sum}%, more than 100%"),
                    format!("مجموع نسب المحافظات {sum}٪، أكثر من 100٪"),
                )
            }
        }
    }
}

impl Figure {
    fn name(&self, lang: Lang) -> String {
        let en = lang == Lang::En;
        match self {
            Figure::Civilians => (if en { "civilians" } else { "المدنيون" }).into(),
            Figure::Torture => (if en { "torture" } else { "التعذيب" }).into(),
            Figure::Massacres => (if en { "massacres" } else { "المجازر" }).into(),
            Figure::Party(name) if en => format!("party {}", quoted(name.get(lang))),
            Figure::Party(name) => format!("الجهة {}", quoted(name.get(lang))),
            Figure::TortureParty(name) if en => {
                format!("torture, party {}", quoted(name.get(lang)))
            }
            Figure::TortureParty(name) => format!("التعذيب، الجهة {}", quoted(name.get(lang))),
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
