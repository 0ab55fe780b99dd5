//! Feed v1 reader against real data: the SNHR 2019–2022 sample (the shared copy and the one the
//! app ships), hand-made bad feeds under `tests/feeds/bad/`, and the limits.
//!
//! Expected values were read off the sample by hand (and summed with a script); they are the
//! numbers a reader sees, so a change here is a change in what the widgets show.

use std::path::{Path, PathBuf};

use sijil_core::feed::*;
use sijil_core::lang::Lang;
use sijil_report::feed_writer::to_json;

fn manifest(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The copy shipped in `static/data/` and, where the checkout sits beside `../shared/` (the
/// project's data folder), the shared original too; every sample test runs on each. The shipped
/// copy is always there, so the assertions never depend on the layout around the clone.
fn samples() -> Vec<(PathBuf, Feed)> {
    [
        "../../static/data/feed.json",
        "../../../shared/data/snhr-2019-2022.feed.json",
    ]
    .into_iter()
    .filter(|rel| rel.starts_with("../../static") || manifest(rel).exists())
    .map(|rel| {
        let path = manifest(rel);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let feed = parse_feed(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        (path, feed)
    })
    .collect()
}

fn ym(s: &str) -> YearMonth {
    YearMonth::parse(s).unwrap()
}

#[test]
fn february_2021_has_the_published_figures() {
    for (path, feed) in samples() {
        let m = feed
            .month_str("2021-02")
            .unwrap_or_else(|| panic!("{}", path.display()));
        assert_eq!(
            m.civilians,
            Civilians {
                total: 138,
                children: Some(23),
                women: Some(11)
            }
        );
        assert_eq!(m.published.unwrap().to_string(), "2021-03-01");
        let line = |id: &str| m.party(feed.party(id).unwrap().index).unwrap();
        assert_eq!(line("regime").total, Some(19));
        assert_eq!(
            (line("regime").children, line("regime").women),
            (Some(2), Some(1))
        );
        assert_eq!(line("other").total, Some(110));
        assert_eq!(line("landmines").total, Some(16));
        assert_eq!(
            line("isis").women,
            None,
            "absent is not published, not zero"
        );
        assert!(m.party(feed.party("russia").unwrap().index).is_none());
        let torture = m.torture.as_ref().unwrap();
        assert_eq!((torture.total, torture.children), (Some(14), Some(1)));
        assert_eq!(torture.included_in_civilians, Some(true));
        let massacres = m.massacres.as_ref().unwrap();
        assert_eq!((massacres.count, massacres.deaths), (Some(3), Some(18)));
        assert_eq!((massacres.children, massacres.women), (Some(7), Some(2)));
        let p = m.personnel.as_ref().unwrap();
        assert_eq!(
            (p.media, p.medical, p.civil_defense),
            (Some(0), Some(0), Some(0)),
            "published zeros stay zeros"
        );
        let aleppo = m.governorate("SY02").unwrap();
        assert_eq!(
            (aleppo.total, aleppo.share, aleppo.approximate),
            (Some(60), Some(43.48), false)
        );
        assert_eq!(aleppo.governorate.name(Lang::Ar), "حلب");
        assert_eq!(m.sources.len(), 2);
        assert_eq!(
            m.sources[0].href(),
            None,
            "a note after the URL makes it text, not a link"
        );
        assert!(m.sources[1]
            .href()
            .unwrap()
            .starts_with("https://syrianobserver.com/"));
    }
}

#[test]
fn months_are_sorted_and_gaps_are_absent() {
    for (_, feed) in samples() {
        assert_eq!(feed.months().len(), 42);
        assert!(feed.months().windows(2).all(|w| w[0].month < w[1].month));
        assert_eq!(feed.range(), Some((ym("2019-01"), ym("2022-12"))));
        assert_eq!(feed.latest_month().unwrap().month, ym("2022-12"));
        // June and July 2019 were not found in public sources.
        assert!(feed.month(ym("2019-06")).is_none());
        assert_eq!(
            feed.previous_month(ym("2019-08")).unwrap().month,
            ym("2019-05")
        );
        assert_eq!(
            feed.previous_month(ym("2019-07")).unwrap().month,
            ym("2019-05")
        );
        assert_eq!(feed.next_month(ym("2019-05")).unwrap().month, ym("2019-08"));
        assert!(feed.previous_month(ym("2019-01")).is_none());
        assert!(feed.month_str("2021-2").is_none());
        // January 2021 has no publication date, and no massacres figure: not published, not 0.
        let jan = feed.month_str("2021-01").unwrap();
        assert_eq!(jan.published, None);
        assert!(jan.massacres.is_none() && jan.personnel.is_none());
        assert_eq!(jan.civilians.total, 113);
    }
}

#[test]
fn parties_are_data_with_a_tree_and_stable_colours() {
    for (_, feed) in samples() {
        assert_eq!(feed.parties().len(), 15);
        for (i, p) in feed.parties().iter().enumerate() {
            assert_eq!(
                p.index, i,
                "colour index is the position in the feed's list"
            );
        }
        let tree = feed.party_tree();
        let top: Vec<&str> = tree.iter().map(|n| n.party.id.as_str()).collect();
        assert_eq!(
            top,
            [
                "regime",
                "russia",
                "isis",
                "hts",
                "tip",
                "opposition",
                "sdf",
                "coalition",
                "other"
            ]
        );
        let other = tree.iter().find(|n| n.party.id == "other").unwrap();
        let subs: Vec<&str> = other.children.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(
            subs,
            [
                "landmines",
                "gunfire_unknown",
                "bombings_unidentified",
                "unknown_persons",
                "turkish_border_guards",
                "lebanese_forces"
            ]
        );
        assert!(tree
            .iter()
            .filter(|n| n.party.id != "other")
            .all(|n| n.children.is_empty()));
        let landmines = feed.party("landmines").unwrap();
        assert_eq!(landmines.parent, Some(feed.party("other").unwrap().index));
        assert_eq!(landmines.name.get(Lang::Ar), "ألغام مجهولة المصدر");
        assert_eq!(landmines.name.get(Lang::En), "Landmines of unknown source");
    }
}

#[test]
fn publisher_and_notes_fall_back_between_languages() {
    for (_, feed) in samples() {
        let p = feed.publisher();
        assert_eq!(p.name.get(Lang::Ar), "الشبكة السورية لحقوق الإنسان");
        assert_eq!(p.url.as_ref().unwrap().href(), Some("https://snhr.org"));
        assert_eq!(p.methodology_url, None);
        assert_eq!(feed.updated().to_string(), "2023-01-01");
        // The notes are in English only: an Arabic reader gets the English, marked as such.
        let notes = feed.notes().unwrap();
        assert_eq!(notes.exact(Lang::Ar), None);
        assert_eq!(notes.get_with_lang(Lang::Ar).0, Lang::En);
        assert!(notes
            .get(Lang::Ar)
            .starts_with("Figures compiled from public SNHR"));
    }
}

/// Every warning the sample produces, found by summing the file by script and checked by hand
/// against the months' own notes (e.g. 2019-01: "stated parties sum to 179, not 197").
#[test]
fn sample_warnings_are_exactly_the_months_that_do_not_add_up() {
    use Tally::*;
    use WarningKind::*;
    let expected = [
        (
            "2019-01",
            "months[0].by_party",
            BreakdownIncomplete {
                tally: Civilians,
                sum: 179,
                total: 197,
            },
        ),
        (
            "2019-01",
            "months[0].by_party",
            PartyChildrenExceed {
                sum: 62,
                children: 57,
            },
        ),
        (
            "2019-01",
            "months[0].by_party",
            PartyWomenExceed { sum: 33, women: 27 },
        ),
        (
            "2019-02",
            "months[1].torture.by_party",
            BreakdownIncomplete {
                tally: Torture,
                sum: 26,
                total: 29,
            },
        ),
        (
            "2019-04",
            "months[3].by_party",
            BreakdownIncomplete {
                tally: Civilians,
                sum: 200,
                total: 324,
            },
        ),
        (
            "2020-11",
            "months[18].by_party",
            BreakdownExceeds {
                tally: Civilians,
                sum: 175,
                total: 172,
            },
        ),
        (
            "2020-11",
            "months[18].torture.by_party",
            BreakdownIncomplete {
                tally: Torture,
                sum: 29,
                total: 30,
            },
        ),
        // Only "landmines" is given, without "other parties": its line counts toward the sum.
        (
            "2021-01",
            "months[20].by_party",
            BreakdownIncomplete {
                tally: Civilians,
                sum: 18,
                total: 113,
            },
        ),
        (
            "2021-03",
            "months[22].by_party",
            BreakdownIncomplete {
                tally: Civilians,
                sum: 41,
                total: 177,
            },
        ),
        (
            "2021-05",
            "months[24].by_party",
            BreakdownIncomplete {
                tally: Civilians,
                sum: 94,
                total: 96,
            },
        ),
        (
            "2021-05",
            "months[24].torture.by_party",
            BreakdownIncomplete {
                tally: Torture,
                sum: 7,
                total: 9,
            },
        ),
        (
            "2021-08",
            "months[27].by_party",
            BreakdownIncomplete {
                tally: Civilians,
                sum: 49,
                total: 94,
            },
        ),
        (
            "2022-02",
            "months[32].torture.by_party",
            BreakdownIncomplete {
                tally: Torture,
                sum: 64,
                total: 66,
            },
        ),
        (
            "2022-06",
            "months[36].by_party",
            BreakdownIncomplete {
                tally: Civilians,
                sum: 15,
                total: 92,
            },
        ),
    ];
    for (path, feed) in samples() {
        let got: Vec<(String, &str, &WarningKind)> = feed
            .warnings()
            .iter()
            .map(|w| (w.month.to_string(), w.path.as_str(), &w.kind))
            .collect();
        let want: Vec<(String, &str, &WarningKind)> = expected
            .iter()
            .map(|(m, p, k)| (m.to_string(), *p, k))
            .collect();
        assert_eq!(got, want, "{}", path.display());
        // A month's own warnings are those of the whole list with its month, found directly.
        for m in feed.months() {
            let by_scan: Vec<_> = feed
                .warnings()
                .iter()
                .filter(|w| w.month == m.month)
                .collect();
            let found: Vec<_> = feed.warnings_in(m.month).iter().collect();
            assert_eq!(found, by_scan, "{}", m.month);
        }
        let jan = YearMonth::parse("2019-01").unwrap();
        assert_eq!(feed.warnings_in(jan).len(), 3);
        assert!(feed
            .warnings_in(YearMonth::parse("2019-03").unwrap())
            .is_empty());
    }
}

#[test]
fn consistent_months_raise_no_warning() {
    for (_, feed) in samples() {
        // Feb 2021 adds up (19+1+1+1+6+110 = 138; sub-parties 110 of 110); April 2020's torture
        // lists "lebanese_forces" without "other", which completes 9 to 10.
        for month in ["2021-02", "2020-04", "2022-03"] {
            assert!(
                feed.warnings().iter().all(|w| w.month != ym(month)),
                "{month}"
            );
        }
    }
}

#[test]
fn warnings_read_in_both_languages_with_month_and_numbers() {
    let (_, feed) = samples().remove(0);
    let w = &feed.warnings()[0];
    assert_eq!(
        w.message(Lang::En),
        "2019-01: breakdown incomplete: the parties sum to 179, the total is 197"
    );
    assert_eq!(
        w.message(Lang::Ar),
        "2019-01: التوزيع غير مكتمل: مجموع الجهات 179 والإجمالي 197"
    );
    let exceeds = feed
        .warnings()
        .iter()
        .find(|w| w.month == ym("2020-11"))
        .unwrap();
    assert_eq!(
        exceeds.message(Lang::En),
        "2020-11: breakdown exceeds total: the parties sum to 175, the total is 172"
    );
    assert!(exceeds.message(Lang::Ar).contains("يتجاوز"));
}

#[test]
fn the_sample_round_trips_through_the_writer() {
    for (_, feed) in samples() {
        let json = serde_json::to_vec(&to_json(&feed)).unwrap();
        assert_eq!(parse_feed(&json).unwrap(), feed);
    }
}

/// file in tests/feeds/bad → the exact error path and the kind's name.
const BAD: &[(&str, &str, &str)] = &[
    ("bad-date-feb-30", "months[0].published", "BadDate"),
    ("bad-month", "months[1].month", "BadMonth"),
    ("bad-month-shape", "months[1].month", "BadMonth"),
    ("bad-party-id", "parties[0].id", "BadPartyId"),
    ("bad-updated", "updated", "BadDate"),
    ("count-too-big", "months[0].massacres.deaths", "TooBig"),
    (
        "duplicate-governorate-line",
        "months[0].by_governorate[1].governorate",
        "DuplicateEntry",
    ),
    ("duplicate-key", "", "DuplicateKey"),
    ("duplicate-month", "months[2].month", "DuplicateMonth"),
    ("duplicate-party", "parties[1].id", "DuplicateParty"),
    (
        "duplicate-party-line",
        "months[1].by_party[1].party",
        "DuplicateEntry",
    ),
    ("empty-party-name", "parties[0].name", "EmptyText"),
    (
        "fractional-count",
        "months[0].civilians.women",
        "NotInteger",
    ),
    (
        "governorate-no-figure",
        "months[0].by_governorate[0]",
        "NoFigure",
    ),
    (
        "incident-bad-date",
        "months[0].massacres.incidents[1].date",
        "BadDayOrMonth",
    ),
    (
        "incident-unknown-party",
        "months[0].massacres.incidents[1].party",
        "UnknownParty",
    ),
    (
        "missing-civilians-total",
        "months[1].civilians.total",
        "Missing",
    ),
    ("missing-month", "months[0].month", "Missing"),
    ("missing-months", "months", "Missing"),
    ("missing-publisher-name", "publisher.name", "Missing"),
    ("missing-updated", "updated", "Missing"),
    ("missing-version", "version", "Missing"),
    (
        "negative-count",
        "months[1].by_party[0].children",
        "Negative",
    ),
    (
        "negative-share",
        "months[0].by_governorate[0].share",
        "Negative",
    ),
    ("nested-parent", "parties[3].parent", "NestedParent"),
    ("not-json-syntax", "", "NotJson"),
    ("not-json-truncated", "", "Truncated"),
    (
        "null-civilians-total",
        "months[1].civilians.total",
        "Missing",
    ),
    ("parent-cycle", "parties[0].parent", "ParentCycle"),
    ("root-array", "", "WrongType"),
    ("self-parent", "parties[0].parent", "ParentCycle"),
    (
        "too-many-incidents",
        "months[0].massacres.incidents",
        "TooMany",
    ),
    ("too-many-months", "months", "TooMany"),
    ("too-many-parties", "parties", "TooMany"),
    (
        "unknown-governorate",
        "months[0].by_governorate[0].governorate",
        "UnknownGovernorate",
    ),
    ("unknown-parent", "parties[2].parent", "UnknownParent"),
    (
        "unknown-party",
        "months[0].by_party[1].party",
        "UnknownParty",
    ),
    (
        "unknown-torture-party",
        "months[0].torture.by_party[0].party",
        "UnknownParty",
    ),
    ("version-2", "version", "UnsupportedVersion"),
    ("version-string", "version", "WrongType"),
    ("wrong-format", "format", "WrongFormat"),
    (
        "wrong-type-bool",
        "months[0].torture.included_in_civilians",
        "WrongType",
    ),
    ("wrong-type-civilians", "months[0].civilians", "WrongType"),
    (
        "wrong-type-count-string",
        "months[0].by_party[0].total",
        "WrongType",
    ),
    ("wrong-type-month-entry", "months[1]", "WrongType"),
    ("wrong-type-months", "months", "WrongType"),
    ("wrong-type-notes", "notes", "WrongType"),
    ("wrong-type-source", "months[0].sources[1]", "WrongType"),
];

#[test]
fn every_bad_feed_is_rejected_at_its_path() {
    let dir = manifest("tests/feeds/bad");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            e.unwrap()
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    files.sort();
    let listed: Vec<String> = BAD.iter().map(|(f, _, _)| f.to_string()).collect();
    assert_eq!(
        files, listed,
        "every file in tests/feeds/bad has a row in BAD, and the reverse"
    );
    for (file, path, kind) in BAD {
        let bytes = std::fs::read(dir.join(format!("{file}.json"))).unwrap();
        let err = parse_feed(&bytes).expect_err(file);
        assert_eq!(err.path, *path, "{file}: {err}");
        assert!(
            format!("{:?}", err.kind).starts_with(kind),
            "{file}: {:?}",
            err.kind
        );
        for lang in [Lang::Ar, Lang::En] {
            assert!(
                err.message(lang).starts_with(*path),
                "{file}: the message names the path"
            );
        }
    }
}

#[test]
fn the_minimal_good_feed_is_valid_without_warnings() {
    let bytes = std::fs::read(manifest("tests/feeds/good-minimal.json")).unwrap();
    let feed = parse_feed(&bytes).unwrap();
    assert_eq!(feed.months().len(), 2);
    assert!(feed.warnings().is_empty(), "{:?}", feed.warnings());
}

#[test]
fn messages_say_what_was_found_and_why() {
    let read = |f: &str| {
        parse_feed(&std::fs::read(manifest(&format!("tests/feeds/bad/{f}.json"))).unwrap())
            .unwrap_err()
    };
    let v2 = read("version-2");
    assert_eq!(
        v2.message(Lang::En),
        "version: feed version 2 is newer than this reader, which understands version 1: update Sijil to read it"
    );
    assert!(v2.message(Lang::Ar).contains("أحدث"));
    let feb30 = read("bad-date-feb-30");
    assert_eq!(
        feb30.message(Lang::En),
        "months[0].published: \"2021-02-30\" is not a real date written YYYY-MM-DD"
    );
    let ty = read("wrong-type-count-string");
    assert_eq!(
        ty.message(Lang::En),
        "months[0].by_party[0].total: expected a whole number, found a string"
    );
    assert_eq!(
        ty.message(Lang::Ar),
        "months[0].by_party[0].total: المتوقع عدد صحيح، والموجود نص"
    );
    let dup = read("duplicate-month");
    assert_eq!(
        dup.message(Lang::En),
        "months[2].month: month 2021-01 appears twice (first at months[0])"
    );
}

fn minimal() -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(manifest("tests/feeds/good-minimal.json")).unwrap())
        .unwrap()
}

#[test]
fn limits_are_enforced_at_their_edges() {
    // 5 MiB is accepted in size (then checked as JSON); one byte more is refused unparsed.
    let mut doc = serde_json::to_vec(&minimal()).unwrap();
    doc.resize(MAX_FEED_BYTES, b' ');
    assert!(
        parse_feed(&doc).is_ok(),
        "trailing whitespace up to the limit is fine"
    );
    doc.push(b' ');
    let e = parse_feed(&doc).unwrap_err();
    assert_eq!(
        e.kind,
        ErrorKind::TooLarge {
            bytes: MAX_FEED_BYTES + 1,
            max: MAX_FEED_BYTES
        }
    );
    assert!(e.message(Lang::En).contains("over the limit"));

    let mut v = minimal();
    v["parties"] = (0..MAX_PARTIES)
        .map(|i| serde_json::json!({"id": format!("p{i}"), "name": {"en": "P"}}))
        .collect();
    v["months"] = serde_json::json!([{"month": "2021-01", "civilians": {"total": MAX_COUNT}}]);
    let feed = parse_feed(&serde_json::to_vec(&v).unwrap()).unwrap();
    assert_eq!(
        (feed.parties().len(), feed.months()[0].civilians.total),
        (100, 10_000_000)
    );

    v["months"] = (0..MAX_MONTHS)
        .map(|i| serde_json::json!({"month": format!("{:04}-{:02}", 1900 + i / 12, i % 12 + 1), "civilians": {"total": 1}}))
        .collect();
    assert_eq!(
        parse_feed(&serde_json::to_vec(&v).unwrap())
            .unwrap()
            .months()
            .len(),
        1200
    );
}

#[test]
fn check_feed_reports_every_bad_month() {
    let mut v = minimal();
    v["months"][0]["civilians"]["total"] = serde_json::json!(-1);
    v["months"][1]["month"] = serde_json::json!("2021-02-01");
    let errors = check_feed(&serde_json::to_vec(&v).unwrap()).unwrap_err();
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["months[0].civilians.total", "months[1].month"]);
    assert_eq!(
        parse_feed(&serde_json::to_vec(&v).unwrap()).unwrap_err(),
        errors[0]
    );
}

#[test]
fn unknown_fields_and_a_byte_order_mark_are_accepted() {
    let mut v = minimal();
    v["future_field"] = serde_json::json!({"deeply": [1, 2, {"x": null}]});
    v["months"][0]["civilians"]["elderly"] = serde_json::json!(4);
    v["parties"][0]["colour"] = serde_json::json!("#123456");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(serde_json::to_vec(&v).unwrap());
    let feed = parse_feed(&bytes).unwrap();
    assert_eq!(feed.months()[0].civilians.total, 20);
}

#[test]
fn only_http_and_https_become_links() {
    let mut v = minimal();
    v["publisher"]["url"] = serde_json::json!("javascript:alert(1)");
    v["publisher"]["methodology_url"] = serde_json::json!("http://example.org/method");
    v["months"][0]["sources"] = serde_json::json!([
        "data:text/html,x",
        "HTTPS://example.org/a",
        "see the annual report"
    ]);
    let feed = parse_feed(&serde_json::to_vec(&v).unwrap()).unwrap();
    let p = feed.publisher();
    assert_eq!(
        (
            p.url.as_ref().unwrap().href(),
            p.url.as_ref().unwrap().text()
        ),
        (None, "javascript:alert(1)")
    );
    assert_eq!(
        p.methodology_url.as_ref().unwrap().href(),
        Some("http://example.org/method")
    );
    let hrefs: Vec<Option<&str>> = feed.months()[0].sources.iter().map(|s| s.href()).collect();
    assert_eq!(hrefs, [None, Some("HTTPS://example.org/a"), None]);
}

#[test]
fn every_consistency_rule_warns_with_its_numbers() {
    use WarningKind::*;
    let mut v = minimal();
    let m = &mut v["months"][0];
    m["civilians"] = serde_json::json!({"total": 20, "children": 15, "women": 10});
    m["by_party"] = serde_json::json!([
        {"party": "regime", "total": 5, "children": 6},
        {"party": "other", "total": 4},
        {"party": "landmines", "total": 7}
    ]);
    m["by_governorate"] = serde_json::json!([
        {"governorate": "SY01", "total": 15, "share": 60.5},
        {"governorate": "SY02", "total": 6, "share": 41}
    ]);
    m["torture"] = serde_json::json!({"total": 2, "children": 3, "by_party": [{"party": "regime", "total": 4}]});
    m["massacres"] = serde_json::json!({"count": 1, "deaths": 5, "children": 3, "women": 3});
    let feed = parse_feed(&serde_json::to_vec(&v).unwrap()).unwrap();
    let jan: Vec<(&str, &WarningKind)> = feed
        .warnings()
        .iter()
        .filter(|w| w.month == ym("2021-01"))
        .map(|w| (w.path.as_str(), &w.kind))
        .collect();
    let name = |en: &str, ar: &str| LocalText::new(Some(en.into()), Some(ar.into())).unwrap();
    let regime = name("Syrian regime forces", "قوات النظام السوري");
    let expected = vec![
        (
            "months[0].civilians",
            ChildrenAndWomenOverTotal {
                figure: Figure::Civilians,
                children: 15,
                women: 10,
                total: 20,
            },
        ),
        (
            "months[0].by_party[0]",
            ChildrenOverTotal {
                figure: Figure::Party(regime.clone()),
                children: 6,
                total: 5,
            },
        ),
        (
            "months[0].by_party",
            BreakdownIncomplete {
                tally: Tally::Civilians,
                sum: 9,
                total: 20,
            },
        ),
        (
            "months[0].by_party[1]",
            SubPartiesExceedParent {
                tally: Tally::Civilians,
                parent: name("Other parties", "جهات أخرى"),
                sum: 7,
                parent_total: 4,
            },
        ),
        (
            "months[0].torture",
            ChildrenOverTotal {
                figure: Figure::Torture,
                children: 3,
                total: 2,
            },
        ),
        (
            "months[0].torture.by_party",
            BreakdownExceeds {
                tally: Tally::Torture,
                sum: 4,
                total: 2,
            },
        ),
        // 3 children and 3 women are each within 5 deaths, but not together.
        (
            "months[0].massacres",
            ChildrenAndWomenOverTotal {
                figure: Figure::Massacres,
                children: 3,
                women: 3,
                total: 5,
            },
        ),
        (
            "months[0].by_governorate",
            GovernoratesExceedTotal { sum: 21, total: 20 },
        ),
        (
            "months[0].by_governorate",
            SharesExceedHundred { sum: 101.5 },
        ),
    ];
    let expected: Vec<(&str, &WarningKind)> = expected.iter().map(|(p, k)| (*p, k)).collect();
    assert_eq!(jan, expected);
    let shares = feed
        .warnings()
        .iter()
        .find(|w| matches!(w.kind, SharesExceedHundred { .. }))
        .unwrap();
    assert_eq!(
        shares.message(Lang::En),
        "2021-01: the governorate shares sum to 101.5%, more than 100%"
    );
}

#[test]
fn shares_within_rounding_do_not_warn() {
    let mut v = minimal();
    // Rounded to whole percent, three thirds are 33 + 33 + 34 or, rounding half up, 34 + 34 + 33.
    v["months"][0]["by_governorate"] = serde_json::json!([
        {"governorate": "SY01", "share": 34}, {"governorate": "SY02", "share": 34}, {"governorate": "SY03", "share": 33}
    ]);
    let feed = parse_feed(&serde_json::to_vec(&v).unwrap()).unwrap();
    assert!(feed.warnings().is_empty(), "{:?}", feed.warnings());
    v["months"][0]["by_governorate"][2]["share"] = serde_json::json!(33.6);
    let feed = parse_feed(&serde_json::to_vec(&v).unwrap()).unwrap();
    assert_eq!(
        feed.warnings().len(),
        1,
        "101.6 is more than rounding of 34, 34 and 33.6 explains"
    );
}

#[test]
fn repeated_months_are_reported_against_the_first() {
    let mut v = minimal();
    let jan = v["months"][0].clone();
    v["months"]
        .as_array_mut()
        .unwrap()
        .extend([jan.clone(), jan]);
    let errors = check_feed(&serde_json::to_vec(&v).unwrap()).unwrap_err();
    let got: Vec<(&str, &ErrorKind)> = errors.iter().map(|e| (e.path.as_str(), &e.kind)).collect();
    let month = ym("2021-01");
    assert_eq!(
        got,
        [
            (
                "months[2].month",
                &ErrorKind::DuplicateMonth { month, first: 0 }
            ),
            (
                "months[3].month",
                &ErrorKind::DuplicateMonth { month, first: 0 }
            ),
        ]
    );
}

#[test]
fn party_errors_are_all_reported_even_after_a_header_error() {
    let mut v = minimal();
    v["updated"] = serde_json::json!("yesterday");
    v["parties"][2]["parent"] = serde_json::json!("nobody");
    let errors = check_feed(&serde_json::to_vec(&v).unwrap()).unwrap_err();
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["updated", "parties[2].parent"]);
}

/// The app ships its own copy of the sample; where the shared original is beside the checkout,
/// the two must be the same file.
#[test]
fn the_shipped_sample_is_the_shared_one() {
    let shared = manifest("../../../shared/data/snhr-2019-2022.feed.json");
    let shipped = std::fs::read(manifest("../../static/data/feed.json")).unwrap();
    assert!(parse_feed(&shipped).is_ok());
    if let Ok(original) = std::fs::read(&shared) {
        assert!(
            original == shipped,
            "static/data/feed.json differs from {}",
            shared.display()
        );
    }
}

fn with_incidents() -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(manifest("tests/feeds/good-incidents.json")).unwrap())
        .unwrap()
}

/// `massacres.incidents` (the report's section V), from a fixture of made-up massacres.
#[test]
fn incidents_are_read_with_every_field_and_round_trip() {
    let bytes = std::fs::read(manifest("tests/feeds/good-incidents.json")).unwrap();
    let feed = parse_feed(&bytes).unwrap();
    assert!(feed.warnings().is_empty(), "{:?}", feed.warnings());
    let x = feed
        .month_str("2021-01")
        .unwrap()
        .massacres
        .as_ref()
        .unwrap();
    let list = x.incidents.as_deref().unwrap();
    assert_eq!(list.len(), 2);
    let (a, b) = (&list[0], &list[1]);
    // A day before the month (counted when documented), and a month without its day.
    assert_eq!(a.date, DayOrMonth::Day(Date::new(2020, 12, 31).unwrap()));
    assert_eq!(b.date, DayOrMonth::Month(ym("2021-01")));
    assert_eq!(
        (a.date.to_string(), b.date.to_string()),
        ("2020-12-31".into(), "2021-01".into())
    );
    assert_eq!(a.governorate.unwrap().name(Lang::En), "Aleppo");
    assert_eq!(b.governorate.unwrap().code, "SY07");
    assert_eq!(a.party, Some(feed.party("landmines").unwrap().index));
    assert_eq!(b.party, None, "not attributed");
    assert_eq!((a.deaths, a.children, a.women), (6, Some(3), Some(1)));
    assert_eq!(
        (b.deaths, b.children, b.women),
        (8, Some(2), None),
        "absent is not zero"
    );
    assert_eq!(
        a.place.as_ref().unwrap().get(Lang::Ar),
        "قرية تجريبية <b>أولى</b>"
    );
    assert_eq!(
        b.place.as_ref().unwrap().get_with_lang(Lang::En).0,
        Lang::Ar
    );
    assert!(
        a.summary
            .as_ref()
            .unwrap()
            .get(Lang::En)
            .contains("<script>"),
        "kept as text"
    );
    assert_eq!(b.summary, None);
    // A month without the list: not listed, which is not "no massacres".
    let feb = feed.month_str("2021-02").unwrap();
    assert!(feb.massacres.is_none());
    let sample = parse_feed(&std::fs::read(manifest("../../static/data/feed.json")).unwrap());
    let sample = sample.unwrap();
    assert!(sample
        .months()
        .iter()
        .filter_map(|m| m.massacres.as_ref())
        .all(|x| x.incidents.is_none()));
    // Written and read back the same.
    let json = serde_json::to_vec(&to_json(&feed)).unwrap();
    assert_eq!(parse_feed(&json).unwrap(), feed);
}

#[test]
fn incident_checks_warn_with_their_numbers_in_both_languages() {
    use WarningKind::*;
    let mut v = with_incidents();
    let x = &mut v["months"][0]["massacres"];
    x["count"] = serde_json::json!(1);
    x["incidents"][1]["deaths"] = serde_json::json!(4);
    x["incidents"][1]["women"] = serde_json::json!(3);
    x["incidents"][0]["deaths"] = serde_json::json!(11);
    let feed = parse_feed(&serde_json::to_vec(&v).unwrap()).unwrap();
    let got: Vec<(&str, &WarningKind)> = feed
        .warnings()
        .iter()
        .map(|w| (w.path.as_str(), &w.kind))
        .collect();
    let late = DayOrMonth::Month(ym("2021-01"));
    let expected = [
        (
            "months[0].massacres.incidents[1]",
            IncidentUnderFive {
                date: late,
                deaths: 4,
            },
        ),
        (
            "months[0].massacres.incidents[1]",
            ChildrenAndWomenOverTotal {
                figure: Figure::Incident(late),
                children: 2,
                women: 3,
                total: 4,
            },
        ),
        // 11 + 4 = 15 deaths listed, 14 in the month's figure; 2 listed, 1 counted.
        (
            "months[0].massacres.incidents",
            IncidentDeathsExceed {
                sum: 15,
                deaths: 14,
            },
        ),
        (
            "months[0].massacres.incidents",
            MoreIncidentsThanCount {
                listed: 2,
                count: 1,
            },
        ),
    ];
    let expected: Vec<(&str, &WarningKind)> = expected.iter().map(|(p, k)| (*p, k)).collect();
    assert_eq!(got, expected);
    let say = |i: usize, lang| feed.warnings()[i].message(lang);
    assert_eq!(
        say(0, Lang::En),
        "2021-01: the massacre of 2021-01 lists 4 deaths: a massacre is 5 or more"
    );
    assert_eq!(
        say(0, Lang::Ar),
        "2021-01: مجزرة 2021-01 تذكر 4 من الضحايا: المجزرة خمسة ضحايا أو أكثر"
    );
    assert_eq!(
        say(1, Lang::En),
        "2021-01: massacre of 2021-01: 2 children + 3 women = 5, more than the total of 4"
    );
    assert_eq!(
        say(2, Lang::En),
        "2021-01: the massacres listed sum to 15 deaths, more than massacres.deaths (14)"
    );
    assert_eq!(
        say(3, Lang::En),
        "2021-01: 2 massacres listed, more than massacres.count (1)"
    );
    assert!(say(3, Lang::Ar).contains("massacres.count"));
    // Fewer listed than counted is not a warning: a publisher may list only some.
    let mut v = with_incidents();
    v["months"][0]["massacres"]["count"] = serde_json::json!(5);
    v["months"][0]["massacres"]["deaths"] = serde_json::json!(100);
    assert!(parse_feed(&serde_json::to_vec(&v).unwrap())
        .unwrap()
        .warnings()
        .is_empty());
}

/// Hostile or careless incident lists: each an error at its path, confined to its month in the
/// widgets' reader.
#[test]
fn bad_incidents_are_errors_at_their_path_and_cost_only_their_month() {
    let at = "months[0].massacres.incidents";
    let cases: Vec<(&str, serde_json::Value, String, &str)> = vec![
        (
            "deaths",
            serde_json::json!("6"),
            format!("{at}[0].deaths"),
            "WrongType",
        ),
        (
            "deaths",
            serde_json::json!(-6),
            format!("{at}[0].deaths"),
            "Negative",
        ),
        (
            "deaths",
            serde_json::json!(6.5),
            format!("{at}[0].deaths"),
            "NotInteger",
        ),
        (
            "deaths",
            serde_json::json!(10_000_001),
            format!("{at}[0].deaths"),
            "TooBig",
        ),
        (
            "deaths",
            serde_json::Value::Null,
            format!("{at}[0].deaths"),
            "Missing",
        ),
        (
            "date",
            serde_json::json!("2021-02-30"),
            format!("{at}[0].date"),
            "BadDayOrMonth",
        ),
        (
            "date",
            serde_json::json!("2021-13"),
            format!("{at}[0].date"),
            "BadDayOrMonth",
        ),
        (
            "date",
            serde_json::json!(""),
            format!("{at}[0].date"),
            "BadDayOrMonth",
        ),
        (
            "date",
            serde_json::json!(20201231),
            format!("{at}[0].date"),
            "WrongType",
        ),
        (
            "date",
            serde_json::Value::Null,
            format!("{at}[0].date"),
            "Missing",
        ),
        (
            "party",
            serde_json::json!("Regime"),
            format!("{at}[0].party"),
            "UnknownParty",
        ),
        (
            "party",
            serde_json::json!(["regime"]),
            format!("{at}[0].party"),
            "WrongType",
        ),
        (
            "governorate",
            serde_json::json!("SY15"),
            format!("{at}[0].governorate"),
            "UnknownGovernorate",
        ),
        (
            "governorate",
            serde_json::json!("Aleppo"),
            format!("{at}[0].governorate"),
            "UnknownGovernorate",
        ),
        (
            "place",
            serde_json::json!("Aleppo"),
            format!("{at}[0].place"),
            "WrongType",
        ),
        (
            "summary",
            serde_json::json!({"en": 5}),
            format!("{at}[0].summary.en"),
            "WrongType",
        ),
        (
            "children",
            serde_json::json!(true),
            format!("{at}[0].children"),
            "WrongType",
        ),
    ];
    for (field, value, path, kind) in cases {
        let mut v = with_incidents();
        v["months"][0]["massacres"]["incidents"][0][field] = value.clone();
        let bytes = serde_json::to_vec(&v).unwrap();
        let e = parse_feed(&bytes).expect_err(field);
        assert_eq!(e.path, path, "{field} = {value}: {e}");
        assert!(
            format!("{:?}", e.kind).starts_with(kind),
            "{field} = {value}: {e:?}"
        );
        for lang in [Lang::Ar, Lang::En] {
            assert!(e.message(lang).starts_with(&path));
        }
        let feed = read_feed(&bytes).unwrap();
        assert!(feed.is_unavailable(ym("2021-01")), "{field} = {value}");
        assert!(
            feed.month_str("2021-02").is_some(),
            "the other month is read"
        );
    }
    let message = |v: &serde_json::Value| {
        parse_feed(&serde_json::to_vec(v).unwrap())
            .unwrap_err()
            .message(Lang::En)
    };
    let mut v = with_incidents();
    v["months"][0]["massacres"]["incidents"][0]["date"] = serde_json::json!("31/12/2020");
    assert_eq!(
        message(&v),
        format!("{at}[0].date: \"31/12/2020\" is not a real date written YYYY-MM-DD, nor a month written YYYY-MM")
    );
    // The list and its items: an array of objects.
    let mut v = with_incidents();
    v["months"][0]["massacres"]["incidents"] = serde_json::json!({"date": "2021-01"});
    assert_eq!(
        message(&v),
        format!("{at}: expected an array, found an object")
    );
    v["months"][0]["massacres"]["incidents"] = serde_json::json!([null]);
    assert_eq!(
        message(&v),
        format!("{at}[0]: expected an object, found null")
    );
    // `null` for the list is "not listed".
    v["months"][0]["massacres"]["incidents"] = serde_json::Value::Null;
    let feed = parse_feed(&serde_json::to_vec(&v).unwrap()).unwrap();
    assert_eq!(feed.months()[0].massacres.as_ref().unwrap().incidents, None);
}

#[test]
fn incidents_are_limited_to_200_a_month() {
    let mut v = with_incidents();
    let one = v["months"][0]["massacres"]["incidents"][1].clone();
    v["months"][0]["massacres"]["incidents"] = serde_json::Value::Array(vec![one; MAX_INCIDENTS]);
    v["months"][0]["massacres"]["count"] = serde_json::json!(MAX_INCIDENTS);
    v["months"][0]["massacres"]["deaths"] = serde_json::json!(8 * MAX_INCIDENTS);
    let feed = parse_feed(&serde_json::to_vec(&v).unwrap()).unwrap();
    let x = feed.months()[0].massacres.as_ref().unwrap();
    assert_eq!(x.incidents.as_ref().map(Vec::len), Some(200));
    let list = v["months"][0]["massacres"]["incidents"]
        .as_array_mut()
        .unwrap();
    list.push(list[0].clone());
    let e = parse_feed(&serde_json::to_vec(&v).unwrap()).unwrap_err();
    assert_eq!(
        (e.path.as_str(), &e.kind),
        (
            "months[0].massacres.incidents",
            &ErrorKind::TooMany {
                count: 201,
                max: 200
            }
        )
    );
    assert_eq!(
        e.message(Lang::En),
        "months[0].massacres.incidents: 201 items, over the limit of 200"
    );
}

#[test]
fn a_field_given_twice_is_an_error_of_its_object() {
    let text = std::fs::read_to_string(manifest("tests/feeds/good-incidents.json")).unwrap();
    let twice = text.replacen("\"deaths\": 8,", "\"deaths\": 8, \"deaths\": 80,", 1);
    assert_ne!(twice, text);
    let e = parse_feed(twice.as_bytes()).unwrap_err();
    assert_eq!(e.path, "months[0].massacres.incidents[1]");
    assert_eq!(
        e.message(Lang::En),
        "months[0].massacres.incidents[1]: field \"deaths\" appears twice in the same object"
    );
    // Unknown fields are never read, so they may repeat.
    let unknown = text.replacen(
        "\"future_field\"",
        "\"x\": 1, \"x\": 2, \"future_field\"",
        1,
    );
    assert_ne!(unknown, text);
    assert!(parse_feed(unknown.as_bytes()).is_ok());
}
