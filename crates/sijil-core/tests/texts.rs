//! Every sentence the core writes, in both languages, against `tests/texts.txt`: each kind of
//! feed error and consistency warning (the checker's words and the reader's), the months the
//! widgets cannot show, the definition breaks, and every widget summary, party row and report
//! headline of the real feeds. The file is what these texts were before they moved to
//! `texts!`: any change to a sentence shows here as a diff. After an intended change of
//! wording, `SIJIL_BLESS=1 cargo test -p sijil-core --test texts` rewrites the file; review
//! its diff with the change.

use std::fmt::Write;
use std::path::Path;

use sijil_core::embed::Range;
use sijil_core::feed::*;
use sijil_core::lang::Lang;
use sijil_core::views::summary::Formatters;
use sijil_core::views::{build, notes, report, summary};

const LANGS: [Lang; 2] = [Lang::En, Lang::Ar];

fn text(s: &str) -> LocalText {
    LocalText::new(Some(format!("{s} (en)")), Some(format!("{s} (ar)"))).unwrap()
}

fn error_kinds() -> Vec<ErrorKind> {
    use ErrorKind::*;
    let value = || "12.5".to_string();
    let mut kinds = vec![
        TooLarge {
            bytes: 3_000_000,
            max: 2_000_000,
        },
        NotJson {
            line: 3,
            column: 14,
        },
        Truncated { line: 9, column: 1 },
        DuplicateKey {
            key: "total".into(),
        },
        WrongFormat {
            found: "snhr\u{1b}[31m".into(),
        },
        UnsupportedVersion { found: 2 },
        UnsupportedVersion { found: 0 },
        Missing,
        Negative { value: value() },
        NotInteger { value: value() },
        TooBig { value: value() },
        OutOfRange {
            value: "1e400".into(),
        },
        BadMonth {
            value: "2021-13".into(),
        },
        BadDate {
            value: "2021-02-30".into(),
        },
        BadDayOrMonth {
            value: "31-01-2021".into(),
        },
        DuplicateMonth {
            month: YearMonth::parse("2021-02").unwrap(),
            first: 4,
        },
        BadPartyId {
            id: "Syrian Regime".into(),
        },
        DuplicateParty { id: "isis".into() },
        UnknownParty {
            id: "nobody".into(),
        },
        UnknownGovernorate {
            code: "SY99".into(),
        },
        UnknownParent {
            id: "nobody".into(),
        },
        ParentCycle { id: "a".into() },
        NestedParent { parent: "b".into() },
        DuplicateEntry { key: "SY01".into() },
        NoFigure,
        EmptyText,
        TooMany {
            count: 1_201,
            max: 1_200,
        },
    ];
    let expected = [
        Expected::Object,
        Expected::Array,
        Expected::String,
        Expected::Integer,
        Expected::Number,
        Expected::Bool,
    ];
    let found = [
        JsonType::Null,
        JsonType::Bool,
        JsonType::Number,
        JsonType::String,
        JsonType::Array,
        JsonType::Object,
    ];
    for (expected, found) in expected.into_iter().zip(found) {
        kinds.push(WrongType { expected, found });
    }
    kinds
}

fn warning_kinds() -> Vec<WarningKind> {
    use WarningKind::*;
    let date = DayOrMonth::parse("2021-01-31").unwrap();
    let figures = [
        Figure::Civilians,
        Figure::Party(text("ISIS")),
        Figure::Torture,
        Figure::TortureParty(text("Syrian regime")),
        Figure::Massacres,
        Figure::Incident(date),
    ];
    let mut kinds = Vec::new();
    for figure in figures {
        kinds.push(ChildrenOverTotal {
            figure: figure.clone(),
            children: 62,
            total: 57,
        });
        kinds.push(WomenOverTotal {
            figure: figure.clone(),
            women: 1,
            total: 0,
        });
        kinds.push(ChildrenAndWomenOverTotal {
            figure,
            children: 3,
            women: 11,
            total: 12,
        });
    }
    for tally in [Tally::Civilians, Tally::Torture] {
        kinds.push(BreakdownIncomplete {
            tally,
            sum: 495,
            total: 503,
        });
        kinds.push(BreakdownExceeds {
            tally,
            sum: 2,
            total: 1,
        });
        kinds.push(SubPartiesExceedParent {
            tally,
            parent: text("Other parties"),
            sum: 10,
            parent_total: 9,
        });
    }
    kinds.extend([
        PartyChildrenExceed {
            sum: 21,
            children: 1,
        },
        PartyWomenExceed { sum: 3, women: 2 },
        GovernoratesExceedTotal {
            sum: 140,
            total: 138,
        },
        SharesExceedHundred { sum: 104.456 },
        IncidentUnderFive { date, deaths: 4 },
        IncidentDeathsExceed {
            sum: 20,
            deaths: 18,
        },
        MoreIncidentsThanCount {
            listed: 3,
            count: 2,
        },
    ]);
    kinds
}

/// Counts in the reader's digits, months as given, shares with the feed's decimals.
fn with<T>(lang: Lang, go: impl FnOnce(&Formatters) -> T) -> T {
    let count = |n: u64| match lang {
        Lang::En => n.to_string(),
        Lang::Ar => sijil_core::digits::DigitSystem::ArabicIndic.apply(&n.to_string()),
    };
    let month = |m: &str| format!("<{m}>");
    let percent = |p: f64| format!("{}%", sijil_core::chart::num::decimal(p));
    go(&Formatters {
        count: &count,
        month: &month,
        percent: &percent,
    })
}

fn feeds() -> Vec<(String, Vec<u8>)> {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = vec![
        crate_dir.join("../../static/data/feed.json"),
        crate_dir.join("../../../shared/data/snhr-2019-2022.feed.json"),
        crate_dir.join("tests/feeds/good-incidents.json"),
        crate_dir.join("tests/feeds/good-minimal.json"),
    ];
    for dir in ["tests/feeds/field", "tests/feeds/bad"] {
        let mut more: Vec<_> = std::fs::read_dir(crate_dir.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        more.sort();
        paths.extend(more);
    }
    paths
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect()
}

fn all_texts() -> String {
    let mut out = String::new();
    let month = YearMonth::parse("2021-02").unwrap();
    for lang in LANGS {
        let o = &mut out;
        writeln!(o, "## {lang:?}").unwrap();
        for kind in error_kinds() {
            let e = FeedError {
                path: "months[3].civilians".into(),
                kind,
            };
            writeln!(o, "error: {}", e.message(lang)).unwrap();
        }
        for kind in warning_kinds() {
            let w = Warning {
                month,
                path: "months[3].by_party".into(),
                kind,
            };
            writeln!(o, "checker: {}", w.message(lang)).unwrap();
            with(lang, |f| {
                writeln!(o, "reader: {}", notes::warning(&w, lang, f))
            })
            .unwrap();
        }
        writeln!(o, "unavailable: {}", notes::unavailable("<2021-02>", lang)).unwrap();
        for included in [true, false] {
            let said = notes::definition_break("<2021-02>", included, lang);
            writeln!(o, "break: {said}").unwrap();
        }
    }
    for (name, bytes) in feeds() {
        writeln!(out, "## {name}").unwrap();
        let feed = match check_feed(&bytes) {
            Ok(feed) => feed,
            Err(errors) => {
                for e in errors {
                    for lang in LANGS {
                        writeln!(out, "error: {}", e.message(lang)).unwrap();
                    }
                }
                match read_feed(&bytes) {
                    Ok(feed) => feed,
                    Err(_) => continue,
                }
            }
        };
        for lang in LANGS {
            with(lang, |f| feed_texts(&mut out, &feed, lang, f));
        }
    }
    out
}

fn feed_texts(o: &mut String, feed: &Feed, lang: Lang, f: &Formatters) {
    for u in feed.unavailable() {
        writeln!(o, "unreadable: {}", u.error.message(lang)).unwrap();
    }
    for w in feed.warnings() {
        writeln!(o, "checker: {}", w.message(lang)).unwrap();
        writeln!(o, "reader: {}", notes::warning(w, lang, f)).unwrap();
    }
    for month in feed.months() {
        let m = month.month;
        writeln!(
            o,
            "glance {m}: {}",
            summary::glance(&build::glance(feed, month), lang, f)
        )
        .unwrap();
        if let Some(p) = build::parties(feed, month, lang) {
            for r in &p.rows {
                writeln!(o, "party row {m}: {}", r.name).unwrap();
            }
            writeln!(o, "parties {m}: {}", summary::parties(&p, lang, f)).unwrap();
        }
        if let Some(g) = build::governorates(month, lang) {
            writeln!(
                o,
                "governorates {m}: {}",
                summary::governorates(&g, lang, f)
            )
            .unwrap();
        }
        writeln!(o, "headline {m}: {}", report::headline(month, lang, f)).unwrap();
    }
    let series = [
        build::trend(feed, Range::All, ["Civilians", "Children", "Women"]),
        build::torture(feed, Range::All, "Under torture", lang),
        build::massacres(feed, Range::All, ["Massacres", "Deaths"]),
        build::trend(feed, Range::Year(2021), ["Civilians", "Children", "Women"]),
    ];
    for s in series {
        writeln!(o, "series: {}", summary::series("Title", &s, lang, f)).unwrap();
    }
}

#[test]
fn every_sentence_reads_as_it_did_in_both_languages() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/texts.txt");
    let now = all_texts();
    if std::env::var_os("SIJIL_BLESS").is_some() {
        std::fs::write(&path, &now).unwrap();
    }
    let before = std::fs::read_to_string(&path).unwrap();
    // Line by line, so a failure names the first sentence that changed.
    for (n, (was, is)) in before.lines().zip(now.lines()).enumerate() {
        assert_eq!(is, was, "tests/texts.txt:{}", n + 1);
    }
    assert_eq!(now.lines().count(), before.lines().count());
    assert!(
        before.lines().count() > 500,
        "the sentences were all written"
    );
}
