//! `schema/feed-v1.schema.json` against real feeds: it accepts the sample (both copies) and what
//! the reader writes, rejects the bad feeds a schema can see, and leaves the rest (calendar days,
//! uniqueness, references) to the reader, which rejects them.

use std::path::PathBuf;

use serde_json::Value;
use sijil_core::feed::parse_feed;
use sijil_report::feed_writer::to_json;

fn repo(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

fn json(rel: &str) -> Value {
    let path = repo(rel);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn validator() -> jsonschema::Validator {
    let schema = json("schema/feed-v1.schema.json");
    assert!(
        jsonschema::meta::is_valid(&schema),
        "the schema is valid draft 2020-12"
    );
    jsonschema::draft202012::new(&schema).expect("schema compiles")
}

fn errors(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn the_sample_feeds_are_valid() {
    let v = validator();
    for rel in [
        "static/data/feed.json",
        "crates/sijil-core/tests/feeds/good-minimal.json",
        "crates/sijil-core/tests/feeds/good-incidents.json",
        "../shared/data/snhr-2019-2022.feed.json",
    ] {
        // The shared original is checked too where the checkout sits beside `../shared/`.
        if rel.starts_with("../shared") && !repo(rel).exists() {
            continue;
        }
        let doc = json(rel);
        assert_eq!(errors(&v, &doc), Vec::<String>::new(), "{rel}");
        // What the reader writes back is valid too.
        let feed = parse_feed(&serde_json::to_vec(&doc).unwrap()).unwrap();
        assert!(v.is_valid(&to_json(&feed)), "{rel} as written by to_json");
    }
}

/// Bad feeds the schema itself rejects, with a path its first error must mention.
const REJECTED_BY_SCHEMA: &[(&str, &str)] = &[
    ("wrong-format", "/format"),
    ("version-2", "/version"),
    ("version-string", "/version"),
    ("missing-version", ""),
    ("missing-updated", ""),
    ("missing-publisher-name", "/publisher"),
    ("missing-civilians-total", "/months/1/civilians"),
    ("null-civilians-total", "/months/1/civilians/total"),
    ("wrong-type-civilians", "/months/0/civilians"),
    ("wrong-type-months", "/months"),
    ("wrong-type-count-string", "/months/0/by_party/0/total"),
    ("wrong-type-source", "/months/0/sources/1"),
    ("negative-count", "/months/1/by_party/0/children"),
    ("negative-share", "/months/0/by_governorate/0"),
    ("fractional-count", "/months/0/civilians/women"),
    ("count-too-big", "/months/0/massacres/deaths"),
    ("bad-month", "/months/1/month"),
    ("bad-month-shape", "/months/1/month"),
    ("bad-updated", "/updated"),
    ("bad-party-id", "/parties/0/id"),
    ("empty-party-name", "/parties/0/name"),
    ("unknown-governorate", "/months/0/by_governorate/0"),
    ("governorate-no-figure", "/months/0/by_governorate/0"),
    ("too-many-parties", "/parties"),
    ("too-many-months", "/months"),
    ("wrong-type-bool", "/months/0/torture/included_in_civilians"),
    ("wrong-type-month-entry", "/months/1"),
    ("wrong-type-notes", "/notes"),
    ("root-array", ""),
    ("incident-bad-date", "/months/0/massacres/incidents/1/date"),
    ("too-many-incidents", "/months/0/massacres/incidents"),
];

/// Bad feeds only the reader can tell: the schema accepts them, `parse_feed` does not.
const FOR_THE_READER: &[&str] = &[
    "bad-date-feb-30",
    "duplicate-month",
    "duplicate-party",
    "duplicate-party-line",
    "duplicate-governorate-line",
    "unknown-party",
    "unknown-torture-party",
    "unknown-parent",
    "self-parent",
    "parent-cycle",
    "nested-parent",
    "incident-unknown-party",
];

fn bad(name: &str) -> Value {
    json(&format!("crates/sijil-core/tests/feeds/bad/{name}.json"))
}

#[test]
fn the_schema_rejects_what_it_can_see() {
    let v = validator();
    for (name, path) in REJECTED_BY_SCHEMA {
        let found = errors(&v, &bad(name));
        assert!(!found.is_empty(), "{name} should be invalid");
        assert!(
            found
                .iter()
                .any(|e| e.starts_with(&format!("{path}:")) || e.starts_with(&format!("{path}/"))),
            "{name}: {found:?}"
        );
    }
}

#[test]
fn the_reader_rejects_what_the_schema_cannot_see() {
    let v = validator();
    for name in FOR_THE_READER {
        let doc = bad(name);
        assert!(v.is_valid(&doc), "{name}: {:?}", errors(&v, &doc));
        assert!(
            parse_feed(&serde_json::to_vec(&doc).unwrap()).is_err(),
            "{name}"
        );
    }
}
