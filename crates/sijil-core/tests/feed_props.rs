//! Property tests of the feed reader: it never panics on any input, and valid feeds round-trip.
//!
//! The feed comes from another origin and may be hostile, so "never panics" is checked on three
//! kinds of input: arbitrary bytes, the real sample cut or with a byte changed, and the real
//! sample with one value anywhere replaced by an arbitrary JSON value. Case counts are kept low
//! enough for the whole file to run in a few seconds on a debug build.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{json, Value};
use sijil_core::feed::*;
use sijil_report::feed_writer::to_json;

fn sample_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../static/data/feed.json");
        std::fs::read(path).expect("the shipped sample feed")
    })
}

fn sample_value() -> &'static Value {
    static VALUE: OnceLock<Value> = OnceLock::new();
    VALUE.get_or_init(|| serde_json::from_slice(sample_bytes()).unwrap())
}

/// JSON pointers to every value in the sample (objects, arrays and leaves).
fn sample_pointers() -> &'static [String] {
    static POINTERS: OnceLock<Vec<String>> = OnceLock::new();
    POINTERS.get_or_init(|| {
        fn walk(v: &Value, at: String, out: &mut Vec<String>) {
            match v {
                Value::Object(o) => o
                    .iter()
                    .for_each(|(k, v)| walk(v, format!("{at}/{k}"), out)),
                Value::Array(a) => a
                    .iter()
                    .enumerate()
                    .for_each(|(i, v)| walk(v, format!("{at}/{i}"), out)),
                _ => {}
            }
            out.push(at);
        }
        let mut out = Vec::new();
        walk(sample_value(), String::new(), &mut out);
        out
    })
}

/// Whatever a hostile or careless publisher could put in a field.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |f| f.is_finite())
            .prop_map(Value::from),
        (0u64..20_000_000).prop_map(Value::from),
        prop_oneof![
            Just("2021-02".to_string()),
            Just("2021-02-30".to_string()),
            Just("regime".to_string()),
            Just("SY02".to_string()),
            Just("javascript:alert(1)".to_string()),
            ".{0,12}",
        ]
        .prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Whatever the reader accepted must survive being written and read again unchanged.
fn assert_round_trips(feed: &Feed) {
    let written = serde_json::to_vec(&to_json(feed)).unwrap();
    let again = parse_feed(&written).unwrap_or_else(|e| panic!("written feed rejected: {e}"));
    assert_eq!(feed.months(), again.months());
    assert_eq!(feed.parties(), again.parties());
    assert_eq!(feed.publisher(), again.publisher());
    let kinds = |f: &Feed| {
        f.warnings()
            .iter()
            .map(|w| (w.month, w.kind.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(kinds(feed), kinds(&again));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = check_feed(&bytes);
    }

    #[test]
    fn a_cut_or_damaged_sample_never_panics(cut in any::<Index>(), at in any::<Index>(), byte in any::<u8>()) {
        let mut bytes = sample_bytes().to_vec();
        let i = at.index(bytes.len());
        bytes[i] = byte;
        let _ = check_feed(&bytes);
        bytes.truncate(cut.index(bytes.len()));
        let _ = check_feed(&bytes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_value_anywhere_in_the_sample_never_panics(which in any::<Index>(), replacement in any_json(), delete in any::<bool>()) {
        let mut doc = sample_value().clone();
        let pointer = which.get(sample_pointers());
        match pointer.rsplit_once('/') {
            Some((parent, key)) if delete => match doc.pointer_mut(parent) {
                Some(Value::Object(o)) => { o.remove(key); }
                Some(Value::Array(a)) => { a.remove(key.parse::<usize>().unwrap()); }
                _ => unreachable!("pointers lead to containers"),
            },
            _ => *doc.pointer_mut(pointer).unwrap() = replacement,
        }
        let bytes = serde_json::to_vec(&doc).unwrap();
        let lenient = read_feed(&bytes);
        match check_feed(&bytes) {
            Ok(feed) => {
                assert_round_trips(&feed);
                // The widgets' reader reads the same feed, leaving nothing out.
                prop_assert_eq!(lenient.as_ref().ok(), Some(&feed));
            }
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                for e in &errors {
                    prop_assert!(!e.message(sijil_core::lang::Lang::Ar).is_empty());
                }
                // Damage inside one month leaves the others for the widgets: the month with
                // the error is the only one missing.
                if errors.iter().all(|e| e.path.starts_with("months[")) {
                    let feed = lenient.as_ref().unwrap_or_else(|e| panic!("a month's error rejected the feed: {e}"));
                    prop_assert!(!feed.unavailable().is_empty());
                    // Counted against the damaged document: the replacement may be the months
                    // array itself (`"months": [null]`), which leaves one unreadable month.
                    let given = doc["months"].as_array().map_or(0, Vec::len);
                    prop_assert!(feed.months().len() + feed.unavailable().len() >= given.saturating_sub(1));
                }
            }
        }
    }
}

/// A valid feed: parties with one level of nesting, unique months, optional everything.
fn valid_feed() -> impl Strategy<Value = Value> {
    let count = || prop::option::of(0u64..=MAX_COUNT);
    let small = || prop::option::of(0u64..500);
    let parties = (1usize..8, prop::collection::vec(any::<Index>(), 8)).prop_map(|(n, parents)| {
        (0..n)
            .map(|i| {
                // A party may break down an earlier top-level party: every third one tries.
                let parent = (i % 3 == 2)
                    .then(|| parents[i].index(i))
                    .filter(|&p| p % 3 != 2);
                let mut p =
                    json!({"id": format!("party_{i}"), "name": {"en": format!("Party {i}")}});
                if i % 2 == 0 {
                    p["name"]["ar"] = json!(format!("جهة {i}"));
                }
                if let Some(parent) = parent {
                    p["parent"] = json!(format!("party_{parent}"));
                }
                p
            })
            .collect::<Vec<_>>()
    });
    let month = (
        0u64..=MAX_COUNT,
        (small(), small()),
        prop::collection::vec((any::<bool>(), count(), small(), small()), 8),
        prop::option::of(prop::collection::btree_map(
            1usize..=14,
            (small(), prop::option::of(0u32..10_000), any::<bool>()),
            0..4,
        )),
        prop::option::of((
            small(),
            small(),
            prop::option::of(any::<bool>()),
            prop::option::of(prop::collection::vec(any::<bool>(), 8)),
        )),
        prop::option::of((small(), small(), small())),
        prop::option::of((small(), small(), small(), small())),
        // The massacres listed one by one: (day or none, governorate, party or none, deaths,
        // children), each with a place in one or both languages.
        prop::option::of(prop::collection::vec(
            (
                prop::option::of(1u8..=28),
                1u8..=14,
                prop::option::of(any::<Index>()),
                count(),
                small(),
                any::<bool>(),
            ),
            0..4,
        )),
        (
            prop::option::of(1u8..=28),
            prop::collection::vec(
                prop_oneof![Just("https://example.org/r"), Just("not a url")],
                0..3,
            ),
        ),
    );
    (parties, prop::collection::btree_set(0u16..600, 0..12), prop::collection::vec(month, 12), any::<bool>()).prop_map(
        |(parties, month_numbers, months, by_party_absent)| {
            let n = parties.len();
            let months: Vec<Value> = month_numbers
                .iter()
                .zip(months)
                .map(|(&k, (total, (children, women), lines, govs, torture, personnel, massacres, incidents, (day, sources)))| {
                    let (year, mon) = (2000 + k / 12, k % 12 + 1);
                    let mut m = json!({"month": format!("{year:04}-{mon:02}"), "civilians": {"total": total}});
                    put(&mut m["civilians"], "children", children);
                    put(&mut m["civilians"], "women", women);
                    if let Some(day) = day {
                        m["published"] = json!(format!("{year:04}-{mon:02}-{day:02}"));
                    }
                    if !sources.is_empty() {
                        m["sources"] = json!(sources);
                    }
                    if !by_party_absent {
                        let lines: Vec<Value> = lines
                            .iter()
                            .take(n)
                            .enumerate()
                            .filter(|(_, (keep, ..))| *keep)
                            .map(|(i, (_, t, c, w))| counts(json!({"party": format!("party_{i}")}), &[("total", *t), ("children", *c), ("women", *w)]))
                            .collect();
                        m["by_party"] = json!(lines);
                    }
                    if let Some(govs) = govs {
                        let lines: Vec<Value> = govs
                            .into_iter()
                            .map(|(g, (t, share, approx))| {
                                // A line needs a total or a share.
                                let t = if share.is_none() { Some(t.unwrap_or(0)) } else { t };
                                let mut line = counts(json!({"governorate": format!("SY{g:02}")}), &[("total", t)]);
                                if let Some(s) = share {
                                    line["share"] = json!(f64::from(s) / 100.0);
                                }
                                if approx {
                                    line["approximate"] = json!(true);
                                }
                                line
                            })
                            .collect();
                        m["by_governorate"] = json!(lines);
                    }
                    if let Some((t, c, included, by_party)) = torture {
                        let mut o = counts(json!({}), &[("total", t), ("children", c)]);
                        if let Some(b) = included {
                            o["included_in_civilians"] = json!(b);
                        }
                        if let Some(keep) = by_party {
                            let lines: Vec<Value> = (0..n)
                                .filter(|&i| keep[i])
                                .map(|i| json!({"party": format!("party_{i}"), "total": i * 3}))
                                .collect();
                            o["by_party"] = json!(lines);
                        }
                        m["torture"] = o;
                    }
                    if let Some((a, b, c)) = personnel {
                        m["personnel"] = counts(json!({}), &[("media", a), ("medical", b), ("civil_defense", c)]);
                    }
                    if let Some((a, b, c, d)) = massacres {
                        m["massacres"] = counts(json!({}), &[("count", a), ("deaths", b), ("children", c), ("women", d)]);
                        if let Some(list) = &incidents {
                            let list: Vec<Value> = list
                                .iter()
                                .map(|(day, g, party, deaths, kids, both)| {
                                    let date = match day {
                                        Some(d) => format!("{year:04}-{mon:02}-{d:02}"),
                                        None => format!("{year:04}-{mon:02}"),
                                    };
                                    let mut i = counts(json!({"date": date, "governorate": format!("SY{g:02}"), "place": {"ar": "مكان"}}), &[("deaths", Some(deaths.unwrap_or(5))), ("children", *kids)]);
                                    if *both {
                                        i["place"]["en"] = json!("A place");
                                        i["summary"] = json!({"en": "What happened."});
                                    }
                                    if let Some(p) = party {
                                        i["party"] = json!(format!("party_{}", p.index(n)));
                                    }
                                    i
                                })
                                .collect();
                            m["massacres"]["incidents"] = json!(list);
                        }
                    }
                    m
                })
                .collect();
            json!({
                "format": FORMAT,
                "version": 1,
                "publisher": {"name": {"ar": "ناشر"}, "url": "https://example.org"},
                "updated": "2025-01-02",
                "parties": parties,
                "months": months,
            })
        },
    )
}

fn put(o: &mut Value, key: &str, n: Option<u64>) {
    if let Some(n) = n {
        o[key] = json!(n);
    }
}

fn counts(mut o: Value, fields: &[(&str, Option<u64>)]) -> Value {
    for (k, n) in fields {
        put(&mut o, k, *n);
    }
    o
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn valid_generated_feeds_round_trip(doc in valid_feed(), shuffle in any::<Index>()) {
        let bytes = serde_json::to_vec(&doc).unwrap();
        let feed = parse_feed(&bytes).unwrap_or_else(|e| panic!("generated feed rejected: {e}\n{doc}"));
        // What was written is what is read: months sorted, every total kept, absent stays absent.
        let written: BTreeSet<String> = doc["months"].as_array().unwrap().iter().map(|m| m["month"].as_str().unwrap().to_string()).collect();
        let read: Vec<String> = feed.months().iter().map(|m| m.month.to_string()).collect();
        prop_assert_eq!(read, written.into_iter().collect::<Vec<_>>());
        for m in doc["months"].as_array().unwrap() {
            let got = feed.month_str(m["month"].as_str().unwrap()).unwrap();
            prop_assert_eq!(Some(got.civilians.total), m["civilians"]["total"].as_u64());
            prop_assert_eq!(got.civilians.children, m["civilians"]["children"].as_u64());
            prop_assert_eq!(got.massacres.is_some(), m.get("massacres").is_some());
            let listed = m["massacres"]["incidents"].as_array().map(Vec::len);
            let read = got.massacres.as_ref().and_then(|x| x.incidents.as_ref()).map(Vec::len);
            prop_assert_eq!(read, listed);
        }
        assert_round_trips(&feed);
        // Writing is a fixed point: the written feed is read back into the same document.
        let written = to_json(&feed);
        prop_assert_eq!(&to_json(&parse_feed(&serde_json::to_vec(&written).unwrap()).unwrap()), &written);

        // Month order in the document does not matter.
        let mut shuffled = doc.clone();
        let months = shuffled["months"].as_array_mut().unwrap();
        if !months.is_empty() {
            let k = shuffle.index(months.len());
            months.rotate_left(k);
        }
        let again = parse_feed(&serde_json::to_vec(&shuffled).unwrap()).unwrap();
        prop_assert_eq!(again.months(), feed.months());
    }
}

/// The sample's months, repeated under consecutive keys from `start` (a month index, year × 12
/// + month − 1) up to `n` months, listed newest first when `reversed`.
fn many_months(start: u32, n: usize, reversed: bool) -> Vec<u8> {
    let mut doc = sample_value().clone();
    let sample = doc["months"].as_array().unwrap().clone();
    let mut months: Vec<Value> = (0..n)
        .map(|i| {
            let k = start + i as u32;
            let mut m = sample[i % sample.len()].clone();
            m["month"] = json!(format!("{:04}-{:02}", k / 12, k % 12 + 1));
            m
        })
        .collect();
    if reversed {
        months.reverse();
    }
    doc["months"] = Value::Array(months);
    serde_json::to_vec(&doc).unwrap()
}

/// Median wall time of reading `bytes` three times, and the last feed read.
fn timed_read(bytes: &[u8]) -> (std::time::Duration, Feed) {
    let mut times = Vec::new();
    let mut feed = None;
    for _ in 0..3 {
        let t = std::time::Instant::now();
        feed = Some(read_feed(bytes).unwrap());
        times.push(t.elapsed());
    }
    times.sort();
    (times[1], feed.unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3, failure_persistence: None, ..ProptestConfig::default() })]

    /// The feed's months are untrusted and may come in any order: the most months a feed may
    /// have, newest first (the worst order for a quadratic sort), read back in ascending order,
    /// in about the time the same months take in ascending order. The bound is generous (3× and
    /// 200 ms, for a debug build on a loaded machine: medians here were 0.1-0.2 s either way).
    #[test]
    fn the_most_months_in_reverse_order_are_sorted_in_about_the_time_of_sorted_ones(start in (1990u32 * 12)..(2400 * 12)) {
        let (sorted_time, sorted) = timed_read(&many_months(start, MAX_MONTHS, false));
        let (reversed_time, reversed) = timed_read(&many_months(start, MAX_MONTHS, true));
        prop_assert_eq!(reversed.months().len(), MAX_MONTHS);
        prop_assert!(reversed.months().windows(2).all(|w| w[0].month < w[1].month));
        prop_assert_eq!(reversed.months(), sorted.months());
        prop_assert!(
            reversed_time <= sorted_time * 3 + std::time::Duration::from_millis(200),
            "reversed {reversed_time:?}, sorted {sorted_time:?}"
        );
    }
}
