//! Notes for readers: the feed checker's warnings said as plain sentences, and what a widget
//! says about months it cannot show or figures whose definition changed.
//!
//! The checker speaks to publishers ("breakdown incomplete: the parties sum to 495, the total
//! is 503", with JSON paths and raw months; [`crate::feed::Warning::message`]). A reader gets
//! the same fact as a sentence about the report ("The report names the perpetrator for 495 of
//! 503 victims"), in their language, their digits and Arabic month names, with Arabic nouns in
//! the form their number needs.

use super::summary::Formatters;
use crate::feed::{fill, Figure, LocalText, Tally, Warning, WarningKind};
use crate::lang::Lang;
use crate::plural;

// The reader's notes come in four structs, one for each set of pages that says them, so a
// page's wasm carries only its own: the warnings (every page but the map), the governorate
// warnings (the map, and the others through `warning`), a month that cannot be read (every
// page) and the definition breaks (the time series).
crate::texts! {
    /// A consistency warning as a reader reads it, and the phrases its sentences are made of.
    WarningNotes;
    disagree: "The report's figures do not add up: {}{}, of {} victims in all.", "أرقام التقرير غير متسقة: {}{}، من أصل {} من الضحايا.";
    both: "{} and {}", "{} و{}";
    killed_by: " killed by {}", " قتلتهم {}";
    among_torture: " among the deaths under torture", " بين ضحايا التعذيب";
    among_torture_by: " among the deaths under torture by {}", " بين ضحايا التعذيب على يد {}";
    in_massacres: " in massacres", " في المجازر";
    in_one_massacre: " in one massacre", " في إحدى المجازر";
    victims: "victims", "الضحايا";
    torture_victims: "deaths under torture", "ضحايا التعذيب";
    /// Arabic says "the killing of" victims, and only of them.
    killing_of: "", "مقتل ";
    names_perpetrator: "The report names the perpetrator for {}{} of {} {}.", "يحدد التقرير الجهة المسؤولة عن {}{} من أصل {} من {}.";
    breakdown_exceeds: "The report's figures by perpetrator add up to {}, more than its total of {} {}.", "مجموع أرقام التقرير حسب الجهة المسؤولة {}، أكثر من مجموع {} فيه ({}).";
    party_children_exceed: "The report's figures by perpetrator count {}, more than the {} in its total.", "تذكر أرقام التقرير حسب الجهة المسؤولة {}، أكثر من عددهم في المجموع ({}).";
    party_women_exceed: "The report's figures by perpetrator count {}, more than the {} in its total.", "تذكر أرقام التقرير حسب الجهة المسؤولة {}، أكثر من عددهن في المجموع ({}).";
    sub_parties_exceed: "The report's figures within {} add up to {}, more than its total of {}.", "مجموع أرقام التقرير ضمن {} {}، أكثر من مجموعها ({}).";
    incident_under_five: "The report lists a massacre with {} victims, though a massacre is 5 or more.", "يذكر التقرير مجزرة راح ضحيتها {}، مع أن المجزرة خمسة ضحايا أو أكثر.";
    incident_deaths_exceed: "The massacres the report lists add up to {} victims, more than its total of {} killed in massacres.", "مجموع ضحايا المجازر التي يذكرها التقرير {}، أكثر من مجموع ضحايا المجازر فيه ({}).";
    more_incidents: "The report lists {}, more than its count of {}.", "يذكر التقرير {}، أكثر من عددها فيه ({}).";
}

crate::texts! {
    /// A warning about the governorate breakdown as a reader reads it.
    GovernorateNotes;
    exceed_total: "The report's figures by governorate add up to {}, more than its total of {} victims.", "مجموع أرقام التقرير حسب المحافظة {}، أكثر من مجموع الضحايا فيه ({}).";
    shares_exceed: "The report's shares by governorate add up to {}, more than {}.", "مجموع نسب المحافظات في التقرير {}، أكثر من {}.";
}

crate::texts! {
    /// A month the widget cannot show; `{}`: the month.
    UnavailableNote;
    month: "The figures for {} could not be read: the publisher's file has an error there.", "تعذّرت قراءة أرقام {}: في ملف الناشر خطأ فيه.";
}

crate::texts! {
    /// What a definition break (the dashed line) means; `{}`: the month.
    BreakNotes;
    included: "Dashed line: from {}, deaths under torture are counted within the civilian total; before, in addition to it.", "الخط المتقطع: منذ {} تُحتسب الوفيات بسبب التعذيب ضمن مجموع المدنيين، وقبله كانت تُحتسب إضافة إليه.";
    added: "Dashed line: from {}, deaths under torture are counted in addition to the civilian total; before, within it.", "الخط المتقطع: منذ {} تُحتسب الوفيات بسبب التعذيب إضافة إلى مجموع المدنيين، وقبله كانت ضمنه.";
}

/// Who or what a children/women figure is about, as a phrase after the numbers.
fn figure_phrase(figure: &Figure, m: &WarningNotes, lang: Lang) -> String {
    let name = |n: &LocalText| n.get(lang).to_owned();
    match figure {
        Figure::Civilians => String::new(),
        Figure::Party(n) => fill(m.killed_by, &[&name(n)]),
        Figure::Torture => m.among_torture.into(),
        Figure::TortureParty(n) => fill(m.among_torture_by, &[&name(n)]),
        Figure::Massacres => m.in_massacres.into(),
        Figure::Incident(_) => m.in_one_massacre.into(),
    }
}

/// A consistency warning as a reader reads it.
///
/// Like the checker's messages, every sentence is one template per language filled by
/// [`fill`], not a `format!` each: the widget pages carry this code, and each `format!` costs
/// wasm bytes.
pub fn warning(w: &Warning, lang: Lang, f: &Formatters) -> String {
    use WarningKind::*;
    if let Some(said) = governorate_warning(w, lang, f) {
        return said;
    }
    let m = WarningNotes::get(lang);
    let n = |v: &u64| (f.count)(*v);
    let children = |c: &u64| f.counted(*c, &plural::CHILDREN, lang);
    let women = |c: &u64| f.counted(*c, &plural::WOMEN, lang);
    let disagree = |parts: String, figure: &Figure, total: &u64| {
        let about = figure_phrase(figure, m, lang);
        fill(m.disagree, &[&parts, &about, &n(total)])
    };
    let victims = |tally: &Tally| match tally {
        Tally::Civilians => m.victims,
        Tally::Torture => m.torture_victims,
    };
    match &w.kind {
        ChildrenOverTotal {
            figure,
            children: c,
            total,
        } => disagree(children(c), figure, total),
        WomenOverTotal {
            figure,
            women: c,
            total,
        } => disagree(women(c), figure, total),
        ChildrenAndWomenOverTotal {
            figure,
            children: c,
            women: wo,
            total,
        } => disagree(fill(m.both, &[&children(c), &women(wo)]), figure, total),
        BreakdownIncomplete { tally, sum, total } => {
            let killing = if *tally == Tally::Civilians {
                m.killing_of
            } else {
                ""
            };
            fill(
                m.names_perpetrator,
                &[&killing, &n(sum), &n(total), &victims(tally)],
            )
        }
        BreakdownExceeds { tally, sum, total } => {
            fill(m.breakdown_exceeds, &[&n(sum), &n(total), &victims(tally)])
        }
        PartyChildrenExceed { sum, children: c } => {
            fill(m.party_children_exceed, &[&children(sum), &n(c)])
        }
        PartyWomenExceed { sum, women: c } => fill(m.party_women_exceed, &[&women(sum), &n(c)]),
        SubPartiesExceedParent {
            parent,
            sum,
            parent_total,
            ..
        } => fill(
            m.sub_parties_exceed,
            &[&parent.get(lang), &n(sum), &n(parent_total)],
        ),
        IncidentUnderFive { deaths, .. } => fill(m.incident_under_five, &[&n(deaths)]),
        IncidentDeathsExceed { sum, deaths } => {
            fill(m.incident_deaths_exceed, &[&n(sum), &n(deaths)])
        }
        MoreIncidentsThanCount { listed, count } => {
            let listed = f.counted(*listed, &plural::MASSACRES, lang);
            fill(m.more_incidents, &[&listed, &n(count)])
        }
        // Said by `governorate_warning`, above.
        GovernoratesExceedTotal { .. } | SharesExceedHundred { .. } => String::new(),
    }
}

/// A warning about the governorate breakdown as a reader reads it, `None` for the others: the
/// tile map shows only these (a perpetrator count does not explain a map), and its page then
/// carries none of the other sentences.
pub fn governorate_warning(w: &Warning, lang: Lang, f: &Formatters) -> Option<String> {
    let m = GovernorateNotes::get(lang);
    let n = |v: &u64| (f.count)(*v);
    Some(match &w.kind {
        WarningKind::GovernoratesExceedTotal { sum, total } => {
            fill(m.exceed_total, &[&n(sum), &n(total)])
        }
        WarningKind::SharesExceedHundred { sum } => {
            let sum = (f.percent)((sum * 100.0).round() / 100.0);
            fill(m.shares_exceed, &[&sum, &(f.percent)(100.0)])
        }
        _ => return None,
    })
}

/// A month the widget cannot show because the feed has an error in it (`month` formatted by
/// the caller, e.g. "شباط ٢٠٢١").
pub fn unavailable(month: &str, lang: Lang) -> String {
    fill(UnavailableNote::get(lang).month, &[&month])
}

/// What a definition break (the dashed line) means: from `month`, deaths under torture are
/// counted within the civilian total (`included`) or in addition to it.
pub fn definition_break(month: &str, included: bool, lang: Lang) -> String {
    let m = BreakNotes::get(lang);
    fill(if included { m.included } else { m.added }, &[&month])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::YearMonth;

    fn w(kind: WarningKind) -> Warning {
        Warning {
            month: YearMonth::parse("2024-12").unwrap(),
            path: "months[71].by_party".into(),
            kind,
        }
    }

    fn arab(n: u64) -> String {
        crate::digits::DigitSystem::ArabicIndic.apply(&n.to_string())
    }

    #[test]
    fn readers_get_a_sentence_about_the_report_in_their_digits() {
        let count = |n: u64| n.to_string();
        let month = |m: &str| m.to_owned();
        let pct = |p: f64| format!("{}%", crate::chart::num::decimal(p));
        let f = Formatters {
            count: &count,
            month: &month,
            percent: &pct,
        };
        let kind = WarningKind::BreakdownIncomplete {
            tally: Tally::Civilians,
            sum: 495,
            total: 503,
        };
        assert_eq!(
            warning(&w(kind.clone()), Lang::En, &f),
            "The report names the perpetrator for 495 of 503 victims."
        );
        let pct_ar = |p: f64| format!("{}٪", arab(p as u64));
        let ar = Formatters {
            count: &arab,
            month: &month,
            percent: &pct_ar,
        };
        let text = warning(&w(kind), Lang::Ar, &ar);
        assert_eq!(
            text,
            "يحدد التقرير الجهة المسؤولة عن مقتل ٤٩٥ من أصل ٥٠٣ من الضحايا."
        );
        // No publisher words, no raw month, no Latin digits.
        for kind in [
            WarningKind::ChildrenOverTotal {
                figure: Figure::Party(LocalText::new(Some("ISIS".into()), None).unwrap()),
                children: 62,
                total: 57,
            },
            WarningKind::SharesExceedHundred { sum: 104.5 },
            WarningKind::PartyWomenExceed { sum: 12, women: 11 },
        ] {
            let text = warning(&w(kind), Lang::Ar, &ar);
            assert!(
                !text.contains("2024") && !text.contains("breakdown"),
                "{text}"
            );
            assert!(!text.chars().any(|c| c.is_ascii_digit()), "{text}");
        }
        let kids = WarningKind::ChildrenOverTotal {
            figure: Figure::Civilians,
            children: 62,
            total: 57,
        };
        assert_eq!(
            warning(&w(kids.clone()), Lang::En, &f),
            "The report's figures do not add up: 62 children, of 57 victims in all."
        );
        assert!(warning(&w(kids), Lang::Ar, &ar).contains("٦٢ طفلًا"));
        // The massacres listed one by one (`massacres.incidents`).
        let date = crate::feed::DayOrMonth::parse("2021-01-31").unwrap();
        let said = |kind: WarningKind, lang| match lang {
            Lang::En => warning(&w(kind), lang, &f),
            Lang::Ar => warning(&w(kind), lang, &ar),
        };
        let under = WarningKind::IncidentUnderFive { date, deaths: 4 };
        assert_eq!(
            said(under.clone(), Lang::En),
            "The report lists a massacre with 4 victims, though a massacre is 5 or more."
        );
        assert!(said(under, Lang::Ar).contains("راح ضحيتها ٤"));
        let more = WarningKind::MoreIncidentsThanCount {
            listed: 3,
            count: 2,
        };
        assert_eq!(
            said(more.clone(), Lang::En),
            "The report lists 3 massacres, more than its count of 2."
        );
        assert_eq!(
            said(more, Lang::Ar),
            "يذكر التقرير ٣ مجازر، أكثر من عددها فيه (٢)."
        );
        let sum = WarningKind::IncidentDeathsExceed {
            sum: 20,
            deaths: 18,
        };
        assert!(
            said(sum.clone(), Lang::En).contains("add up to 20 victims, more than its total of 18")
        );
        assert!(said(sum, Lang::Ar).contains("٢٠"));
        let women = WarningKind::WomenOverTotal {
            figure: Figure::Incident(date),
            women: 6,
            total: 5,
        };
        assert!(said(women, Lang::En).ends_with("6 women in one massacre, of 5 victims in all."));
    }

    #[test]
    fn unavailable_and_break_sentences_take_the_formatted_month() {
        let text = unavailable("شباط ٢٠٢١", Lang::Ar);
        assert!(
            text.contains("شباط ٢٠٢١") && !text.contains("2021"),
            "{text}"
        );
        assert!(definition_break("January 2021", true, Lang::En).contains("within"));
    }
}
