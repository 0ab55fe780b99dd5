//! Plain-language summaries of each widget, in the reader's language, for screen readers (and
//! for anyone who prefers a sentence to a chart). Generated from the same view models as the
//! charts, so they can never disagree with them.
//!
//! Numbers are formatted by the caller (the browser's `Intl`, with the chosen digit system).
//!
//! Each summary's text is one `texts!` struct, so a page carries only its own, except
//! [`series`]'s: written as a `texts!` struct filled by `fill` it weighed 174 B brotli more on
//! the time-series page (`cargo xtask build`: 102,051 → 102,225 B of its 102,400 B budget), so
//! it keeps a `format!` per language.

use super::{Glance, Governorates, Parties, StatKey, TimeSeries};
use crate::feed::fill;
use crate::lang::Lang;
use crate::plural::{self, counted, Noun};

/// Formatting the caller supplies: counts, shares and month names in the reader's language and
/// digits.
pub struct Formatters<'a> {
    pub count: &'a dyn Fn(u64) -> String,
    pub month: &'a dyn Fn(&str) -> String,
    /// A percentage with the decimals the feed gave: 43.48% / ٤٣٫٤٨٪.
    pub percent: &'a dyn Fn(f64) -> String,
}

impl Formatters<'_> {
    /// `n` with its noun, in the right Arabic form: "٣٤ شهرًا", "٥ أطفال".
    pub fn counted(&self, n: u64, noun: &Noun, lang: Lang) -> String {
        counted(n, &(self.count)(n), noun, lang)
    }
}

crate::texts! {
    /// The glance widget's summary.
    GlanceSummary;
    total: "In {}, at least {} were documented killed in Syria", "في {} وُثّق مقتل ما لا يقل عن {} في سوريا";
    no_total: "No total was published for {}", "لم يُنشر مجموع لشهر {}";
    including: ", including ", "، بينهم ";
    and: " and ", " و";
    torture: " {} died under torture.", " وتوفي {} بسبب التعذيب.";
    massacres: " {} documented.", " ووُثّقت {}.";
}

crate::texts! {
    /// The perpetrators widget's summary.
    PartiesSummary;
    none: "No breakdown by perpetrator was published for {}.", "لم يُنشر توزيع حسب الجهة المسؤولة لشهر {}.";
    ranked: "Civilians killed in {} by perpetrator, of {} in total. Highest: {}.", "الضحايا المدنيون في {} حسب الجهة المسؤولة، من أصل {}. الأعلى: {}.";
    sep: "; ", "؛ ";
}

crate::texts! {
    /// The governorates widget's summary.
    GovernoratesSummary;
    none: "No breakdown by governorate was published for {}.", "لم يُنشر توزيع حسب المحافظة لشهر {}.";
    /// `{}`s: what is counted, the month, how many named, of 14, `by_share` or nothing, the
    /// highest.
    ranked: "{} in {} by governorate ({} of {} named{}). Highest: {}.", "{} في {} حسب المحافظة (ذُكرت {} من أصل {}{}). الأعلى: {}.";
    killed: "Civilians killed", "الضحايا المدنيون";
    share_killed: "Share of the civilians killed", "نسبة الضحايا المدنيين";
    by_share: "; the report gives shares, not counts", "؛ يذكر التقرير النسب لا الأعداد";
    about: "about ", "نحو ";
    sep: "; ", "؛ ";
    /// Between the governorates where the month's massacres were.
    list_sep: ", ", "، ";
}

pub fn glance(v: &Glance, lang: Lang, f: &Formatters) -> String {
    let t = GlanceSummary::get(lang);
    let get = |k: StatKey| v.stats.iter().find(|s| s.key == k).and_then(|s| s.value);
    let month = (f.month)(&v.month);
    let mut s = match get(StatKey::Civilians) {
        Some(n) => fill(t.total, &[&month, &f.counted(n, &plural::CIVILIANS, lang)]),
        None => fill(t.no_total, &[&month]),
    };
    let parts: Vec<String> = [
        (StatKey::Children, &plural::CHILDREN),
        (StatKey::Women, &plural::WOMEN),
    ]
    .iter()
    .filter_map(|(k, noun)| get(*k).map(|n| f.counted(n, noun, lang)))
    .collect();
    if !parts.is_empty() {
        s.push_str(t.including);
        s.push_str(&parts.join(t.and));
    }
    s.push('.');
    if let Some(n) = get(StatKey::Torture) {
        s.push_str(&fill(t.torture, &[&(f.count)(n)]));
    }
    if let Some(m) = get(StatKey::Massacres) {
        s.push_str(&fill(
            t.massacres,
            &[&f.counted(m, &plural::MASSACRES, lang)],
        ));
    }
    s
}

pub fn parties(v: &Parties, lang: Lang, f: &Formatters) -> String {
    let t = PartiesSummary::get(lang);
    let month = (f.month)(&v.month);
    let ranked: Vec<String> = v
        .rows
        .iter()
        .filter_map(|r| r.total.map(|n| format!("{} {}", r.name, (f.count)(n))))
        .take(3)
        .collect();
    if ranked.is_empty() {
        return fill(t.none, &[&month]);
    }
    let total = (f.count)(v.civilians);
    fill(t.ranked, &[&month, &total, &ranked.join(t.sep)])
}

/// By count, or by share when the map is shaded by share (the month gave shares only); then,
/// when the month lists its massacres, where they were (the map's dots).
pub fn governorates(v: &Governorates, lang: Lang, f: &Formatters) -> String {
    let mut s = shaded(v, lang, f);
    if let Some(unplaced) = v.unplaced {
        // In p-code order (the built-in order of the governorates).
        let said = super::incidents::MapSaid::get(lang);
        let sep = GovernoratesSummary::get(lang).list_sep;
        let mut parts = String::new();
        for r in v.rows.iter().filter(|r| r.massacres > 0) {
            if !parts.is_empty() {
                parts.push_str(sep);
            }
            parts.push_str(&r.name);
            parts.push(' ');
            parts.push_str(&(f.count)(r.massacres.into()));
        }
        if unplaced > 0 {
            if !parts.is_empty() {
                parts.push_str(sep);
            }
            let n = (f.count)(unplaced.into());
            parts.push_str(&fill(said.unplaced, &[&n]));
        }
        s.push(' ');
        s.push_str(&fill(said.by_governorate, &[&parts]));
    }
    s
}

fn shaded(v: &Governorates, lang: Lang, f: &Formatters) -> String {
    let t = GovernoratesSummary::get(lang);
    let month = (f.month)(&v.month);
    let mut named: Vec<_> = v.rows.iter().filter(|r| v.metric(r).is_some()).collect();
    named.sort_by(|a, b| {
        let (a, b) = (v.metric(a), v.metric(b));
        b.unwrap_or(0.0).total_cmp(&a.unwrap_or(0.0))
    });
    let top: Vec<String> = named
        .iter()
        .take(3)
        .map(|r| {
            let value = match (v.by_share, r.share, r.total) {
                (true, Some(sh), _) => (f.percent)(sh),
                (_, _, n) => (f.count)(n.unwrap_or(0)),
            };
            let about = if r.approximate { t.about } else { "" };
            format!("{} {about}{value}", r.name)
        })
        .collect();
    if top.is_empty() {
        return fill(t.none, &[&month]);
    }
    let named_count = f.counted(v.named as u64, &plural::GOVERNORATES, lang);
    let (what, shares) = match v.by_share {
        false => (t.killed, ""),
        true => (t.share_killed, t.by_share),
    };
    let of = (f.count)(14);
    fill(
        t.ranked,
        &[&what, &month, &named_count, &of, &shares, &top.join(t.sep)],
    )
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
            let months = f.counted(missing as u64, &plural::MONTHS, lang);
            s.push_str(&match lang {
                Lang::En => format!(", not published for {months}"),
                Lang::Ar => format!("، ولم يُنشر في {months}"),
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

    fn pct(p: f64) -> String {
        format!("{}%", crate::chart::num::decimal(p))
    }

    #[test]
    fn glance_summary_says_at_least_and_skips_unpublished() {
        let (c, m) = fmts();
        let f = Formatters {
            count: &c,
            month: &m,
            percent: &pct,
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
    fn the_map_summary_says_where_the_months_massacres_were() {
        let text = include_str!("../../tests/feeds/good-incidents.json");
        let feed = crate::feed::read_feed(text.as_bytes()).unwrap();
        let month = feed.month_str("2021-01").unwrap();
        let (count, m) = fmts();
        let f = Formatters {
            count: &count,
            month: &m,
            percent: &pct,
        };
        let mut v = super::super::build::governorates(month, Lang::En).unwrap();
        let said = governorates(&v, Lang::En, &f);
        assert!(
            said.ends_with(". Massacres listed in the report, by governorate: Aleppo 1, Idleb 1."),
            "{said}"
        );
        v.rows[0].massacres = 3;
        v.unplaced = Some(2);
        let said = governorates(&v, Lang::En, &f);
        let first = v.rows[0].name.clone();
        assert!(
            said.ends_with(&format!(
                "by governorate: {first} 3, Aleppo 1, Idleb 1, 2 with no governorate."
            )),
            "{said}"
        );
        v.rows[0].massacres = 0;
        let said = governorates(&v, Lang::En, &f);
        assert!(said.ends_with("by governorate: Aleppo 1, Idleb 1, 2 with no governorate."));
        let ar = super::super::build::governorates(month, Lang::Ar).unwrap();
        let said = governorates(&ar, Lang::Ar, &f);
        assert!(
            said.ends_with(" المجازر المُدرجة في التقرير حسب المحافظة: حلب 1، إدلب 1."),
            "{said}"
        );
        // A month that lists none says nothing about them.
        v.unplaced = None;
        assert!(!governorates(&v, Lang::En, &f).contains("Massacres"));
    }

    #[test]
    fn series_summary_names_peak_and_gaps() {
        let (c, m) = fmts();
        let f = Formatters {
            count: &c,
            month: &m,
            percent: &pct,
        };
        let v = TimeSeries {
            breaks: Vec::new(),
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
            "Trend, 2021-01 to 2021-04. Civilians: highest 9 in 2021-03, not published for 1 month."
        );
        let mut long = v.clone();
        long.series[0].values = vec![None; 35];
        long.series[0].values.push(Some(3));
        long.months = month_span("2019-01", "2021-12");
        let ar = series("الرسم", &long, Lang::Ar, &f);
        assert!(ar.contains("ولم يُنشر في 35 شهرًا"), "{ar}");
        assert!(!ar.contains("أشهر"), "{ar}");
    }
}
