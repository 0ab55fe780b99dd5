//! The widgets on real-month shapes: `tests/feeds/field/snhr-shapes.json` holds real SNHR months
//! (2020-10 … 2022-03, copied from the sample) and two made in the shapes the field gives:
//! governorates given only as shares, a sub-party without its parent's figure, months that skip
//! a section, a definition that changes (torture deaths counted in addition to the civilian
//! total before 2021), one month with an error confined to it, and a month whose perpetrators
//! are named for 495 of 503 victims. Each test names the behaviour a reader depends on.

use std::path::Path;

use sijil_core::chart::draw::series::{self, Style};
use sijil_core::chart::draw::{tilemap, Labels, Words};
use sijil_core::chart::theme::Colors;
use sijil_core::embed::Range;
use sijil_core::feed::*;
use sijil_core::lang::Lang;
use sijil_core::views::{build, csv, notes, summary};

fn bytes() -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/feeds/field/snhr-shapes.json");
    std::fs::read(path).unwrap()
}

fn feed() -> Feed {
    read_feed(&bytes()).expect("only one month has an error: the feed is read")
}

fn ym(s: &str) -> YearMonth {
    YearMonth::parse(s).unwrap()
}

struct Plain;
impl Labels for Plain {
    fn count(&self, n: u64) -> String {
        n.to_string()
    }
    fn percent(&self, p: f64) -> String {
        format!("{}%", sijil_core::chart::num::decimal(p))
    }
    fn month(&self, ym: &str) -> String {
        ym.to_owned()
    }
    fn month_short(&self, ym: &str) -> String {
        ym.to_owned()
    }
    fn digits(&self, s: &str) -> String {
        s.to_owned()
    }
    fn rtl(&self) -> bool {
        false
    }
}

const WORDS: Words = Words {
    not_published: "not published",
    children: "Children",
    women: "Women",
    not_named: "not named",
    shade_count: "Shade: civilians killed",
    shade_share: "Shade: share of the month's total",
    torture_included_from: "definition changes (included)",
    torture_added_from: "definition changes (in addition)",
};

fn with_formatters<T>(f: impl FnOnce(&summary::Formatters) -> T) -> T {
    let count = |n: u64| n.to_string();
    let month = |m: &str| m.to_owned();
    let percent = |p: f64| Plain.percent(p);
    f(&summary::Formatters {
        count: &count,
        month: &month,
        percent: &percent,
    })
}

#[test]
fn one_bad_month_is_left_out_and_the_others_are_shown() {
    let feed = feed();
    assert_eq!(feed.months().len(), 8);
    assert!(feed.month(ym("2021-03")).is_none());
    assert!(feed.is_unavailable(ym("2021-03")));
    let [u] = feed.unavailable() else {
        panic!("{:?}", feed.unavailable())
    };
    assert_eq!(u.month, Some(ym("2021-03")));
    assert_eq!(u.error.path, "months[5].by_governorate[0].share");
    // Its neighbours are whole.
    assert_eq!(feed.month(ym("2021-02")).unwrap().civilians.total, 138);
    assert_eq!(feed.month(ym("2022-02")).unwrap().civilians.total, 161);
    // The publisher's checker still rejects the feed, naming the line.
    let errors = check_feed(&bytes()).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0], u.error);
    assert_eq!(parse_feed(&bytes()).unwrap_err(), u.error);
}

#[test]
fn only_document_level_errors_reject_the_widgets_reader() {
    let mut v: serde_json::Value = serde_json::from_slice(&bytes()).unwrap();
    let read = |v: &serde_json::Value| read_feed(&serde_json::to_vec(v).unwrap());
    // A month with a bad key is left out too, unnamed.
    let mut bad_key = v.clone();
    bad_key["months"][0]["month"] = "2020-13".into();
    let feed = read(&bad_key).unwrap();
    assert!(feed.unavailable().iter().any(|u| u.month.is_none()));
    assert!(feed.month(ym("2020-10")).is_none());
    // A repeated month: which copy is right is unknown, so neither is shown.
    let mut twice = v.clone();
    let copy = twice["months"][1].clone();
    twice["months"].as_array_mut().unwrap().push(copy);
    let feed = read(&twice).unwrap();
    assert!(feed.month(ym("2020-11")).is_none());
    assert!(feed.is_unavailable(ym("2020-11")));
    assert!(check_feed(&serde_json::to_vec(&twice).unwrap()).is_err());
    // The document itself: rejected.
    for (field, value) in [
        ("format", serde_json::json!("other-format")),
        ("version", serde_json::json!(2)),
        ("updated", serde_json::json!("soon")),
        (
            "parties",
            serde_json::json!([{"id": "Bad Id", "name": {"en": "x"}}]),
        ),
    ] {
        let mut doc = v.clone();
        doc[field] = value;
        assert!(read(&doc).is_err(), "{field}");
    }
    assert!(read_feed(b"{\"format\":").is_err());
    let mut big = serde_json::to_vec(&v).unwrap();
    big.resize(MAX_FEED_BYTES + 1, b' ');
    assert!(read_feed(&big).is_err());
    v["months"] = serde_json::json!((0..1201).map(|_| serde_json::json!({})).collect::<Vec<_>>());
    assert!(read(&v).is_err(), "over the month limit");
}

#[test]
fn governorates_given_only_as_shares_are_shaded_labelled_and_summarised_by_share() {
    let feed = feed();
    // February 2022: Rural Damascus ~42%, Idleb ~20%, Aleppo ~16%, no counts.
    let v = build::governorates(feed.month(ym("2022-02")).unwrap(), Lang::En).unwrap();
    assert!(v.by_share);
    assert_eq!(v.named, 3);
    let d = tilemap::draw(&v, 336.0, "g", &WORDS, &Colors::new(false), &Plain);
    // Three shaded tiles (none hatched but the 11 unnamed and the legend's swatch).
    assert_eq!(d.markup.matches("fill=\"url(#g-hatch)\"").count(), 12);
    assert!(d
        .markup
        .contains("aria-label=\"Rural Damascus: ~42%\" data-i=\"0\""));
    assert!(
        d.markup
            .contains(">Shade: share of the month&#39;s total</text>")
            || d.markup
                .contains(">Shade: share of the month's total</text>")
    );
    let text = with_formatters(|f| summary::governorates(&v, Lang::En, f));
    assert_eq!(
        text,
        "Share of the civilians killed in 2022-02 by governorate (3 governorates of 14 named; the report gives shares, not counts). Highest: Rural Damascus about 42%; Idleb about 20%; Aleppo about 16%."
    );
    let csv = csv::governorates(
        &v,
        [
            "Governorate",
            "pcode",
            "Total",
            "Share",
            "Approximate",
            "Massacres listed",
        ],
    );
    // The share and its "about" flag, as the feed gave them.
    assert!(csv.contains("Rural Damascus,SY03,,42,true\r\n"), "{csv}");
    // February 2021 gives a count and a share: shaded by count, the share kept to 2 decimals.
    let v = build::governorates(feed.month(ym("2021-02")).unwrap(), Lang::En).unwrap();
    assert!(!v.by_share);
    let d = tilemap::draw(&v, 336.0, "g", &WORDS, &Colors::new(false), &Plain);
    assert!(
        d.markup.contains("aria-label=\"Aleppo: 60, 43.48%\""),
        "{}",
        d.markup
    );
    assert!(d.markup.contains(">Shade: civilians killed</text>"));
}

#[test]
fn a_sub_party_without_its_parents_figure_is_shown_everywhere() {
    let feed = feed();
    // The shape: "Israeli forces: 9, 6 of them children", no total for other parties.
    let v = build::parties(&feed, feed.month(ym("2024-12")).unwrap(), Lang::En).unwrap();
    let row = v
        .rows
        .iter()
        .find(|r| r.id == "israel")
        .expect("a top-level row");
    assert_eq!((row.total, row.children), (Some(9), Some(6)));
    assert_eq!(row.parent.as_deref(), Some("Other parties"));
    assert_eq!(
        row.name,
        "Israeli forces (part of Other parties, whose total was not published)"
    );
    let d =
        sijil_core::chart::draw::parties::draw(&v, &[], 336.0, &WORDS, &Colors::new(false), &Plain);
    assert!(d.overlay.contains(
        "Israeli forces (part of Other parties, whose total was not published): 9 (Children 6)"
    ));
    let csv = csv::parties(&v, ["Party", "Total", "Children", "Women"]);
    assert!(
        csv.contains("whose total was not published)\",9,6,\r\n"),
        "{csv}"
    );
    // January 2021 named only landmines: the summary names them, not "no breakdown".
    let v = build::parties(&feed, feed.month(ym("2021-01")).unwrap(), Lang::Ar).unwrap();
    let text = with_formatters(|f| summary::parties(&v, Lang::Ar, f));
    assert!(
        text.contains("ألغام مجهولة المصدر (ضمن جهات أخرى، ولم يُنشر مجموعها) 18"),
        "{text}"
    );
}

#[test]
fn torture_and_massacres_tell_an_unpublished_month_from_a_zero() {
    let feed = feed();
    let t = build::torture(&feed, Range::All, "Under torture", Lang::En);
    let at = |m: &str| t.months.iter().position(|x| x == m).unwrap();
    let values = &t.series[0].values;
    assert_eq!(values[at("2020-10")], None, "no torture section");
    assert_eq!(values[at("2021-03")], None, "the unreadable month");
    assert_eq!(values[at("2024-12")], Some(0), "a published 0");
    let d = series::draw(&t, Style::Bars, 336.0, &WORDS, &Colors::new(false), &Plain);
    assert!(d.markup.contains("data-gaps"));
    assert!(d.marks[at("2024-12")]
        .tip
        .starts_with("2024-12\nUnder torture: 0\n"));
    assert!(d.marks[at("2020-10")]
        .tip
        .starts_with("2020-10\nUnder torture: not published\n"));
    let m = build::massacres(&feed, Range::All, ["Massacres", "Deaths"]);
    assert_eq!(m.series[0].values[at("2021-01")], Some(0));
    assert_eq!(m.series[0].values[at("2020-11")], None);
    assert!(m.has_gaps());
}

#[test]
fn the_change_of_definition_in_2021_is_a_break_in_the_trend_and_torture_series() {
    let feed = feed();
    let trend = build::trend(&feed, Range::All, ["Civilians", "Children", "Women"]);
    let jan = trend.months.iter().position(|m| m == "2021-01").unwrap();
    assert_eq!(trend.breaks, vec![(jan, true)]);
    let torture = build::torture(&feed, Range::All, "Under torture", Lang::En);
    assert_eq!(torture.breaks, vec![(jan, true)]);
    assert!(build::massacres(&feed, Range::All, ["M", "D"])
        .breaks
        .is_empty());
    // A range after the change has no break.
    assert!(build::trend(&feed, Range::Year(2022), ["C", "Ch", "W"])
        .breaks
        .is_empty());
    let d = series::draw(
        &trend,
        Style::Lines,
        336.0,
        &WORDS,
        &Colors::new(false),
        &Plain,
    );
    assert_eq!(d.markup.matches("data-break").count(), 1);
    assert!(d.marks[jan].tip.ends_with("definition changes (included)"));
    assert!(notes::definition_break("January 2021", true, Lang::En).contains("in addition"));
}

#[test]
fn readers_are_told_in_plain_words_what_the_checker_tells_publishers() {
    let feed = feed();
    let w = feed.warnings_in(ym("2024-12"));
    let publisher: Vec<String> = w.iter().map(|w| w.message(Lang::En)).collect();
    assert!(
        publisher.contains(
            &"2024-12: breakdown incomplete: the parties sum to 495, the total is 503".to_owned()
        ),
        "{publisher:?}"
    );
    let reader: Vec<String> = w
        .iter()
        .map(|w| with_formatters(|f| notes::warning(w, Lang::En, f)))
        .collect();
    assert!(
        reader.contains(&"The report names the perpetrator for 495 of 503 victims.".to_owned()),
        "{reader:?}"
    );
}

#[test]
fn every_party_keeps_one_colour_and_the_ninth_is_not_the_first() {
    let feed = feed();
    let c = Colors::new(false);
    let regime = feed.party("regime").unwrap().index;
    let other = feed.party("other").unwrap().index;
    let israel = feed.party("israel").unwrap().index;
    assert_eq!(other, 8);
    assert_ne!(c.series(regime), c.series(other));
    let colours: Vec<&str> = feed.parties().iter().map(|p| c.series(p.index)).collect();
    for (i, a) in colours.iter().enumerate() {
        assert!(!colours[i + 1..].contains(a), "party {i} shares its colour");
    }
    // Across months the colour follows the party, not its rank.
    for month in ["2020-11", "2024-12"] {
        let v = build::parties(&feed, feed.month(ym(month)).unwrap(), Lang::En).unwrap();
        for r in &v.rows {
            assert_eq!(r.colour, feed.party(&r.id).unwrap().index);
        }
    }
    assert_eq!(israel, 15);
}

#[test]
fn the_torture_total_and_the_massacres_wear_colours_no_party_wears() {
    let feed = feed();
    let t = build::torture(&feed, Range::All, "Under torture", Lang::En);
    let m = build::massacres(&feed, Range::All, ["Massacres", "Deaths"]);
    assert!(t.series.len() > 1, "the torture chart draws parties too");
    for dark in [false, true] {
        let c = Colors::new(dark);
        let parties: Vec<&str> = (0..feed.parties().len()).map(|i| c.series(i)).collect();
        let own = [&t.series[0], &m.series[0], &m.series[1]];
        for s in own {
            let colour = c.series(s.colour);
            assert!(
                !parties.contains(&colour),
                "{} wears a party's colour {colour}",
                s.name
            );
        }
        assert_ne!(c.series(m.series[0].colour), c.series(m.series[1].colour));
        // The parties on the torture chart keep their own colours.
        for s in &t.series[1..] {
            assert!(parties.contains(&c.series(s.colour)), "{}", s.name);
        }
    }
}

#[test]
fn parties_are_ranked_biggest_first_with_ties_in_feed_order_and_keep_their_own_figures() {
    let feed = feed();
    let v = build::parties(&feed, feed.month(ym("2021-02")).unwrap(), Lang::En).unwrap();
    type Row = (String, Option<u64>, Option<u64>, Option<u64>);
    let rows = |rows: &[sijil_core::views::PartyRow]| -> Vec<Row> {
        rows.iter()
            .map(|r| (r.id.clone(), r.total, r.children, r.women))
            .collect()
    };
    let row = |id: &str, t: u64, c: Option<u64>, w: Option<u64>| (id.to_string(), Some(t), c, w);
    // The feed lists regime, isis, hts, opposition, sdf, other: isis, hts and opposition tie
    // at 1 and keep that order; every figure is its own row's (19 is only the regime's).
    assert_eq!(
        rows(&v.rows),
        [
            row("other", 110, Some(19), Some(10)),
            row("regime", 19, Some(2), Some(1)),
            row("sdf", 6, Some(1), None),
            row("isis", 1, None, None),
            row("hts", 1, Some(1), None),
            row("opposition", 1, None, None),
        ]
    );
    let other = &v.rows[0];
    assert_eq!(
        rows(&other.sub),
        [
            row("unknown_persons", 38, Some(2), Some(5)),
            row("gunfire_unknown", 29, Some(2), Some(1)),
            row("bombings_unidentified", 22, Some(7), Some(2)),
            row("landmines", 16, Some(6), Some(1)),
            row("turkish_border_guards", 4, Some(2), Some(1)),
            row("lebanese_forces", 1, None, None),
        ]
    );
}
