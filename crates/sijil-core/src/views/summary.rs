//! Plain-language summaries of each widget, in the reader's language, for screen readers (and
//! for anyone who prefers a sentence to a chart). Generated from the same view models as the
//! charts, so they can never disagree with them.
//!
//! Numbers are formatted by the caller (the browser's `Intl`, with the chosen digit system).

use super::{Glance, Governorates, Parties, StatKey, TimeSeries};
use crate::lang::Lang;

/// Formatting the caller supplies: counts and month names in the reader's language and digits.
pub struct Formatters<'a> {
    pub count: &'a dyn Fn(u64) -> String,
    pub month: &'a dyn Fn(&str) -> String,
}

pub fn glance(v: &Glance, lang: Lang, f: &Formatters) -> String {
    let get = |k: StatKey| v.stats.iter().find(|s| s.key == k).and_then(|s| s.value);
    let month = (f.month)(&v.month);
    let total = get(StatKey::Civilians).map(|n| (f.count)(n));
    let mut s = match (lang, total) {
        (Lang::En, Some(t)) => {
            format!("In {month}, at least {t} civilians were documented killed in Syria")
        }
        (Lang::Ar, Some(t)) => format!("في {month} وُثّق مقتل ما لا يقل عن {t} مدنيًا في سوريا"),
        (Lang::En, None) => format!("No total was published for {month}"),
        (Lang::Ar, None) => format!("لم يُنشر مجموع لشهر {month}"),
    };
    let parts: Vec<String> = [
        (StatKey::Children, "children", "طفلًا"),
        (StatKey::Women, "women", "سيدة"),
    ]
    .iter()
    .filter_map(|(k, en, ar)| {
        get(*k).map(|n| match lang {
            Lang::En => format!("{} {en}", (f.count)(n)),
            Lang::Ar => format!("{} {ar}", (f.count)(n)),
        })
    })
    .collect();
    if !parts.is_empty() {
        s.push_str(match lang {
            Lang::En => ", including ",
            Lang::Ar => "، بينهم ",
        });
        s.push_str(&parts.join(match lang {
            Lang::En => " and ",
            Lang::Ar => " و",
        }));
    }
    s.push('.');
    if let Some(t) = get(StatKey::Torture) {
        s.push_str(&match lang {
            Lang::En => format!(" {} died under torture.", (f.count)(t)),
            Lang::Ar => format!(" وتوفي {} بسبب التعذيب.", (f.count)(t)),
        });
    }
    if let Some(m) = get(StatKey::Massacres) {
        s.push_str(&match lang {
            Lang::En => format!(" {} massacres were documented.", (f.count)(m)),
            Lang::Ar => format!(" ووُثّقت {} مجازر.", (f.count)(m)),
        });
    }
    s
}

pub fn parties(v: &Parties, lang: Lang, f: &Formatters) -> String {
    let month = (f.month)(&v.month);
    let ranked: Vec<String> = v
        .rows
        .iter()
        .filter_map(|r| r.total.map(|t| format!("{} {}", r.name, (f.count)(t))))
        .take(3)
        .collect();
    if ranked.is_empty() {
        return match lang {
            Lang::En => format!("No breakdown by perpetrator was published for {month}."),
            Lang::Ar => format!("لم يُنشر توزيع حسب الجهة المسؤولة لشهر {month}."),
        };
    }
    match lang {
        Lang::En => format!(
            "Civilians killed in {month} by perpetrator, of {} in total. Highest: {}.",
            (f.count)(v.civilians),
            ranked.join("; ")
        ),
        Lang::Ar => format!(
            "الضحايا المدنيون في {month} حسب الجهة المسؤولة، من أصل {}. الأعلى: {}.",
            (f.count)(v.civilians),
            ranked.join("؛ ")
        ),
    }
}

pub fn governorates(v: &Governorates, lang: Lang, f: &Formatters) -> String {
    let month = (f.month)(&v.month);
    let mut named: Vec<_> = v.rows.iter().filter(|r| r.total.is_some()).collect();
    crate::sort::sort_by(&mut named, &|a, b| b.total.cmp(&a.total));
    let top: Vec<String> = named
        .iter()
        .take(3)
        .map(|r| format!("{} {}", r.name, (f.count)(r.total.unwrap_or(0))))
        .collect();
    match (lang, top.is_empty()) {
        (Lang::En, true) => format!("No breakdown by governorate was published for {month}."),
        (Lang::Ar, true) => format!("لم يُنشر توزيع حسب المحافظة لشهر {month}."),
        (Lang::En, false) => format!(
            "Civilians killed in {month} by governorate ({} of 14 governorates named). Highest: {}.",
            (f.count)(v.named as u64),
            top.join("; ")
        ),
        (Lang::Ar, false) => format!(
            "الضحايا المدنيون في {month} حسب المحافظة (ذُكرت {} من ١٤ محافظة). الأعلى: {}.",
            (f.count)(v.named as u64),
            top.join("؛ ")
        ),
    }
}

pub fn series(title: &str, v: &TimeSeries, lang: Lang, f: &Formatters) -> String {
    let (Some(first), Some(last)) = (v.months.first(), v.months.last()) else {
        return title.to_owned();
    };
    let mut s = match lang {
        Lang::En => format!("{title}, {} to {}.", (f.month)(first), (f.month)(last)),
        Lang::Ar => format!("{title}، من {} إلى {}.", (f.month)(first), (f.month)(last)),
    };
    for series in &v.series {
        let published: Vec<(usize, u64)> = series
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| (i, v)))
            .collect();
        let Some(&(imax, max)) = published
            .iter()
            .max_by_key(|(i, v)| (*v, std::cmp::Reverse(*i)))
        else {
            continue;
        };
        let missing = series.values.len() - published.len();
        s.push(' ');
        s.push_str(&match lang {
            Lang::En => format!(
                "{}: highest {} in {}",
                series.name,
                (f.count)(max),
                (f.month)(&v.months[imax])
            ),
            Lang::Ar => format!(
                "{}: الأعلى {} في {}",
                series.name,
                (f.count)(max),
                (f.month)(&v.months[imax])
            ),
        });
        if missing > 0 {
            s.push_str(&match lang {
                Lang::En => format!(", not published for {} months", (f.count)(missing as u64)),
                Lang::Ar => format!("، ولم يُنشر في {} أشهر", (f.count)(missing as u64)),
            });
        }
        s.push('.');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use super::*;

    fn fmts() -> (impl Fn(u64) -> String, impl Fn(&str) -> String) {
        (|n: u64| n.to_string(), |m: &str| m.to_owned())
    }

    #[test]
    fn glance_summary_says_at_least_and_skips_unpublished() {
        let (c, m) = fmts();
        let f = Formatters {
            count: &c,
            month: &m,
        };
        let v = Glance {
            month: "2021-02".into(),
            previous_month: None,
            stats: vec![
                Stat {
                    key: StatKey::Civilians,
                    value: Some(138),
                    previous: None,
                },
                Stat {
                    key: StatKey::Children,
                    value: Some(23),
                    previous: None,
                },
                Stat {
                    key: StatKey::Women,
                    value: None,
                    previous: None,
                },
                Stat {
                    key: StatKey::Torture,
                    value: Some(14),
                    previous: None,
                },
            ],
            torture_included: Some(true),
        };
        assert_eq!(
            glance(&v, Lang::En, &f),
            "In 2021-02, at least 138 civilians were documented killed in Syria, including 23 children. 14 died under torture."
        );
        let ar = glance(&v, Lang::Ar, &f);
        assert!(
            ar.contains("ما لا يقل عن 138") && ar.contains("23 طفلًا") && !ar.contains("سيدة"),
            "{ar}"
        );
    }

    #[test]
    fn series_summary_names_peak_and_gaps() {
        let (c, m) = fmts();
        let f = Formatters {
            count: &c,
            month: &m,
        };
        let v = TimeSeries {
            months: month_span("2021-01", "2021-04"),
            series: vec![Series {
                id: "c".into(),
                name: "Civilians".into(),
                colour: 0,
                values: vec![Some(5), None, Some(9), Some(9)],
            }],
        };
        assert_eq!(
            series("Trend", &v, Lang::En, &f),
            "Trend, 2021-01 to 2021-04. Civilians: highest 9 in 2021-03, not published for 1 months."
        );
    }
}
