//! CSV downloads of each widget's numbers (RFC 4180: CRLF line ends, fields with commas, quotes
//! or line breaks quoted). A UTF-8 byte-order mark comes first so spreadsheet programs open
//! Arabic names correctly. "Not published" is an empty cell, never 0. Every flag the feed gives
//! a figure is kept (a governorate's `approximate`), and the file ends with where the figures
//! come from and on what terms ([`with_footer`]): a CSV travels without the page it came from.

use super::{Glance, Governorates, Parties, TimeSeries};

fn opt(v: Option<u64>) -> String {
    v.map(|n| n.to_string()).unwrap_or_default()
}

fn join(rows: Vec<Vec<String>>) -> String {
    let mut out = String::from("\u{feff}");
    for r in rows {
        out.push_str(&crate::csv_cell::line(&r));
        out.push_str("\r\n");
    }
    out
}

/// Stat labels in display order, then one row per stat: label, value, previous.
pub fn glance(v: &Glance, labels: &dyn Fn(super::StatKey) -> String, header: [&str; 3]) -> String {
    let mut rows = vec![header.iter().map(|s| s.to_string()).collect()];
    for s in &v.stats {
        rows.push(vec![labels(s.key), opt(s.value), opt(s.previous)]);
    }
    join(rows)
}

/// Party, total, children, women; sub-parties follow their parent as "parent / child".
pub fn parties(v: &Parties, header: [&str; 4]) -> String {
    let mut rows = vec![header.iter().map(|s| s.to_string()).collect()];
    for r in &v.rows {
        rows.push(vec![
            r.name.clone(),
            opt(r.total),
            opt(r.children),
            opt(r.women),
        ]);
        for s in &r.sub {
            rows.push(vec![
                format!("{} / {}", r.name, s.name),
                opt(s.total),
                opt(s.children),
                opt(s.women),
            ]);
        }
    }
    join(rows)
}

/// Governorate, p-code, total, share, approximate (`true` where the source said "about"), then,
/// when the month lists its massacres one by one, the massacres it lists in each governorate
/// (the map's dots and the table's column: 0 where it lists none; a month without a list has
/// no such column, as its table has none, rather than a column of zeros it never said).
pub fn governorates(v: &Governorates, header: [&str; 6]) -> String {
    let listed = v.unplaced.is_some();
    let head = if listed { &header[..] } else { &header[..5] };
    let mut rows = vec![head.iter().map(|s| s.to_string()).collect()];
    for r in &v.rows {
        let mut row = vec![
            r.name.clone(),
            r.code.clone(),
            opt(r.total),
            r.share.map(crate::chart::num::decimal).unwrap_or_default(),
            if r.approximate { "true" } else { "" }.to_owned(),
        ];
        if listed {
            row.push(r.massacres.to_string());
        }
        rows.push(row);
    }
    join(rows)
}

/// `csv` followed by an empty line and the footer rows (source, date, licence), quoted as the
/// rest of the file.
pub fn with_footer(mut csv: String, footer: &[Vec<String>]) -> String {
    csv.push_str("\r\n");
    for r in footer {
        csv.push_str(&crate::csv_cell::line(r));
        csv.push_str("\r\n");
    }
    csv
}

/// Month, then one column per series.
pub fn series(v: &TimeSeries, month_header: &str) -> String {
    let mut head = vec![month_header.to_owned()];
    head.extend(v.series.iter().map(|s| s.name.clone()));
    let mut rows = vec![head];
    for (i, m) in v.months.iter().enumerate() {
        let mut r = vec![m.clone()];
        r.extend(
            v.series
                .iter()
                .map(|s| opt(s.values.get(i).copied().flatten())),
        );
        rows.push(r);
    }
    join(rows)
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use super::*;

    #[test]
    fn quotes_escapes_and_leaves_unpublished_empty() {
        let v = TimeSeries {
            breaks: Vec::new(),
            months: vec!["2021-01".into(), "2021-02".into()],
            series: vec![Series {
                id: "a".into(),
                name: "Killed, \"civilians\"".into(),
                colour: 0,
                values: vec![None, Some(138)],
            }],
        };
        assert_eq!(
            series(&v, "Month"),
            "\u{feff}Month,\"Killed, \"\"civilians\"\"\"\r\n2021-01,\r\n2021-02,138\r\n"
        );
    }

    #[test]
    fn approximate_figures_stay_flagged_and_the_file_ends_with_its_source_and_licence() {
        // Built from a feed, as the widget builds it: Aleppo "about 60", Homs 3.
        let feed = crate::feed::parse_feed(
            br#"{"format":"sijil-monthly-tallies","version":1,"publisher":{"name":{"en":"P"}},
            "updated":"2025-01-02","parties":[],"months":[{"month":"2021-02","civilians":{"total":63},
            "by_governorate":[{"governorate":"SY02","total":60,"approximate":true},
            {"governorate":"SY04","total":3}]}]}"#,
        )
        .expect("valid feed");
        let month = feed.latest_month().expect("a month");
        let v = build::governorates(month, crate::lang::Lang::En).expect("a breakdown");
        let csv = governorates(&v, HEAD);
        assert!(csv.starts_with("\u{feff}Governorate,pcode,Total,Share,Approximate\r\n"));
        assert!(csv.contains(",SY02,60,,true\r\n"), "{csv}");
        assert!(csv.contains(",SY04,3,,\r\n"), "{csv}");
        assert!(
            csv.contains(",SY01,,,\r\n"),
            "not named is empty, not 0: {csv}"
        );
        let out = with_footer(
            csv,
            &[
                vec![
                    "Source".into(),
                    "SNHR, Syria".into(),
                    "https://snhr.org".into(),
                ],
                vec!["Licence".into(), "CC BY 4.0".into()],
            ],
        );
        assert!(
            out.ends_with(
                "\r\n\r\nSource,\"SNHR, Syria\",https://snhr.org\r\nLicence,CC BY 4.0\r\n"
            ),
            "{out}"
        );
    }

    const HEAD: [&str; 6] = [
        "Governorate",
        "pcode",
        "Total",
        "Share",
        "Approximate",
        "Massacres listed",
    ];

    #[test]
    fn a_month_that_lists_its_massacres_has_their_column_and_keeps_its_flags() {
        // The fixture's January lists two massacres: one in Aleppo (9 killed, 45%), one in
        // Idleb (which its breakdown does not name).
        let feed = crate::feed::read_feed(include_bytes!("../../tests/feeds/good-incidents.json"))
            .expect("the fixture reads");
        let month = feed.month_str("2021-01").expect("January");
        let v = build::governorates(month, crate::lang::Lang::En).expect("a breakdown");
        let csv = with_footer(
            governorates(&v, HEAD),
            &[vec!["Licence".into(), "CC BY 4.0".into()]],
        );
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "\u{feff}Governorate,pcode,Total,Share,Approximate,Massacres listed"
        );
        let row = |code: &str| {
            *lines
                .iter()
                .find(|l| l.contains(&format!(",{code},")))
                .expect(code)
        };
        let aleppo = v.rows.iter().find(|r| r.code == "SY02").expect("Aleppo");
        assert!(aleppo.total.is_some() && aleppo.massacres == 1);
        assert!(row("SY02").ends_with(",1"), "{csv}");
        // Not named: its figures are empty (not published), its massacre is counted.
        assert!(row("SY07").ends_with(",SY07,,,,1"), "{csv}");
        // Listed nowhere else: 0, the table's figure, on all 12 other governorates.
        let zeros = lines.iter().filter(|l| l.ends_with(",0")).count();
        assert_eq!(zeros, 12, "{csv}");
        assert!(row("SY02").starts_with("Aleppo,SY02,9,45,,"), "{csv}");
        // Every governorate's row has the header's six fields; the file still ends with its
        // licence.
        for l in &lines[1..15] {
            assert_eq!(l.matches(',').count(), 5, "{l}");
        }
        assert!(csv.ends_with("\r\n\r\nLicence,CC BY 4.0\r\n"), "{csv}");
    }

    #[test]
    fn a_month_without_a_list_has_no_massacres_column() {
        // January with its count and without its list: no column, not a column of zeros.
        let text = include_str!("../../tests/feeds/good-incidents.json").replacen(
            "\"incidents\": [",
            "\"listed_elsewhere\": [",
            1,
        );
        let feed = crate::feed::read_feed(text.as_bytes()).expect("the fixture reads");
        let month = feed.month_str("2021-01").expect("January");
        let v = build::governorates(month, crate::lang::Lang::En).expect("a breakdown");
        assert_eq!(v.unplaced, None);
        let csv = governorates(&v, HEAD);
        assert!(!csv.contains("Massacres"), "{csv}");
        assert!(csv.starts_with("\u{feff}Governorate,pcode,Total,Share,Approximate\r\n"));
        assert!(csv.contains("\r\nAleppo,SY02,9,45,\r\n"), "{csv}");
    }
}
