//! The monthly report page's own words: its headline, in the form SNHR's monthly reports use
//! ("Extrajudicial killing claims the lives of 138 civilians, including 23 children, 11 women,
//! and 14 victims due to torture, in February 2021"), in both languages, from one month of the
//! feed. Counts the feed did not publish are left out of the sentence, never said as zero.
//!
//! Whether deaths under torture are part of the civilian total changed over time (SNHR counted
//! them in addition before 2021): when the month says they are not included, the headline says
//! "a further …", so the two numbers are not read as one inside the other.

use super::summary::Formatters;
use crate::feed::{fill, Month};
use crate::lang::Lang;
use crate::plural::{self, Noun};

/// "victims due to torture" / "ضحايا بسبب التعذيب" as counted nouns.
const TORTURE_VICTIMS: Noun = Noun {
    en: ("victim due to torture", "victims due to torture"),
    ar: [
        "ضحية واحدة بسبب التعذيب",
        "ضحيتين بسبب التعذيب",
        "ضحايا بسبب التعذيب",
        "ضحية بسبب التعذيب",
        "ضحية بسبب التعذيب",
    ],
};

/// The headline of `month`'s report page.
pub fn headline(month: &Month, lang: Lang, f: &Formatters) -> String {
    let name = (f.month)(&month.month.to_string());
    let c = &month.civilians;
    let mut parts: Vec<String> = [(c.children, &plural::CHILDREN), (c.women, &plural::WOMEN)]
        .into_iter()
        .filter_map(|(n, noun)| n.map(|n| f.counted(n, noun, lang)))
        .collect();
    let torture = month.torture.as_ref().and_then(|t| t.total.map(|n| (n, t)));
    let mut further = None;
    if let Some((n, t)) = torture {
        let said = f.counted(n, &TORTURE_VICTIMS, lang);
        if t.included_in_civilians == Some(false) {
            further = Some(said);
        } else {
            parts.push(said);
        }
    }
    let t = Headline::get(lang);
    let total = f.counted(c.total, &plural::CIVILIANS, lang);
    let and = if parts.len() > 2 { t.and_last } else { t.and };
    let mut s = match parts.split_last() {
        None => fill(t.claims, &[&total]),
        Some((last, rest)) => {
            let mut including = rest.join(t.comma);
            if !rest.is_empty() {
                including.push_str(and);
            }
            including.push_str(last);
            fill(t.claims_including, &[&total, &including])
        }
    };
    if let Some(further) = further {
        s.push_str(&fill(t.further, &[&further]));
    }
    s.push_str(&fill(t.in_month, &[&name]));
    s
}

crate::texts! {
    /// The headline's parts.
    Headline;
    claims: "Extrajudicial killing claims the lives of {}", "القتل خارج نطاق القانون يحصد أرواح {}";
    claims_including: "Extrajudicial killing claims the lives of {}, including {}", "القتل خارج نطاق القانون يحصد أرواح {}، بينهم {}";
    /// Between the listed counts: Arabic joins every item with "و", not with commas.
    comma: ", ", " و";
    and: " and ", " و";
    /// Before the last of three or more.
    and_last: ", and ", " و";
    further: ", and a further {}", "، إضافة إلى {}";
    in_month: ", in {}", "، في {}";
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::{read_feed, YearMonth};

    fn with<T>(lang: Lang, go: impl FnOnce(&Formatters) -> T) -> T {
        let count = |n: u64| match lang {
            Lang::En => n.to_string(),
            Lang::Ar => crate::digits::DigitSystem::ArabicIndic.apply(&n.to_string()),
        };
        let month = |m: &str| match (lang, m) {
            (Lang::En, "2021-02") => "February 2021".to_owned(),
            (Lang::Ar, "2021-02") => "شباط ٢٠٢١".to_owned(),
            (_, other) => other.to_owned(),
        };
        let percent = |p: f64| format!("{p}%");
        go(&Formatters {
            count: &count,
            month: &month,
            percent: &percent,
        })
    }

    fn february() -> Month {
        let feed = read_feed(include_bytes!("../../../../static/data/feed.json")).unwrap();
        feed.month(YearMonth::parse("2021-02").unwrap())
            .unwrap()
            .clone()
    }

    #[test]
    fn february_2021_reads_as_the_report_does() {
        let m = february();
        assert_eq!(
            with(Lang::En, |f| headline(&m, Lang::En, f)),
            "Extrajudicial killing claims the lives of 138 civilians, including 23 children, \
             11 women, and 14 victims due to torture, in February 2021"
        );
        assert_eq!(
            with(Lang::Ar, |f| headline(&m, Lang::Ar, f)),
            "القتل خارج نطاق القانون يحصد أرواح ١٣٨ مدنيًا، بينهم ٢٣ طفلًا و١١ سيدة و١٤ ضحية \
             بسبب التعذيب، في شباط ٢٠٢١"
        );
    }

    #[test]
    fn unpublished_counts_are_left_out_and_torture_in_addition_is_said_so() {
        let mut m = february();
        m.civilians.women = None;
        if let Some(t) = m.torture.as_mut() {
            t.included_in_civilians = Some(false);
        }
        assert_eq!(
            with(Lang::En, |f| headline(&m, Lang::En, f)),
            "Extrajudicial killing claims the lives of 138 civilians, including 23 children, \
             and a further 14 victims due to torture, in February 2021"
        );
        m.civilians.children = None;
        m.torture = None;
        assert_eq!(
            with(Lang::Ar, |f| headline(&m, Lang::Ar, f)),
            "القتل خارج نطاق القانون يحصد أرواح ١٣٨ مدنيًا، في شباط ٢٠٢١"
        );
    }
}
