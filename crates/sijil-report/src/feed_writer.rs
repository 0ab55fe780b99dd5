//! Model → feed v1 JSON: the writing side of the boundary.
//!
//! Writes what the model holds, in the contract's field names, months in ascending order, and
//! nothing for what was not published (absent stays absent, never `0`). Parsing the output gives
//! back an equal [`Feed`] (`sijil_core::feed::parse_feed`); the round-trip property tests hold the reader and this writer to the
//! same contract. Tools that normalize a feed use it; the widgets never do.
//!
//! It builds a `serde_json::Value`, unlike the reader: its callers (the schema test, the
//! round-trip tests and the fuzz target) work with serde_json values. It lives here, not beside
//! the reader in `sijil-core`, so serde stays out of the crate the widget pages link.

use serde_json::{json, Map, Value};

use sijil_core::feed::*;

/// The feed as a JSON value of version 1.
pub fn to_json(feed: &Feed) -> Value {
    let mut doc = Map::new();
    doc.insert("format".into(), json!(FORMAT));
    doc.insert("version".into(), json!(SUPPORTED_VERSION));
    let p = feed.publisher();
    let mut publisher = Map::new();
    publisher.insert("name".into(), text(&p.name));
    put(
        &mut publisher,
        "url",
        p.url.as_ref().map(|u| json!(u.text())),
    );
    put(
        &mut publisher,
        "methodology_url",
        p.methodology_url.as_ref().map(|u| json!(u.text())),
    );
    doc.insert("publisher".into(), Value::Object(publisher));
    doc.insert("updated".into(), json!(feed.updated().to_string()));
    put(&mut doc, "notes", feed.notes().map(text));
    let parties = feed.parties().iter().map(|party| {
        let mut o = Map::new();
        o.insert("id".into(), json!(party.id));
        o.insert("name".into(), text(&party.name));
        put(
            &mut o,
            "parent",
            party.parent.map(|i| json!(feed.parties()[i].id)),
        );
        Value::Object(o)
    });
    doc.insert("parties".into(), Value::Array(parties.collect()));
    let months = feed.months().iter().map(|m| month(m, feed.parties()));
    doc.insert("months".into(), Value::Array(months.collect()));
    Value::Object(doc)
}

fn month(m: &Month, parties: &[Party]) -> Value {
    let mut o = Map::new();
    o.insert("month".into(), json!(m.month.to_string()));
    put(
        &mut o,
        "published",
        m.published.map(|d| json!(d.to_string())),
    );
    if !m.sources.is_empty() {
        o.insert(
            "sources".into(),
            m.sources.iter().map(|s| s.text()).collect(),
        );
    }
    let c = &m.civilians;
    o.insert(
        "civilians".into(),
        counts(&[
            ("total", Some(c.total)),
            ("children", c.children),
            ("women", c.women),
        ]),
    );
    put(
        &mut o,
        "by_party",
        m.by_party.as_deref().map(|l| party_lines(l, parties)),
    );
    put(
        &mut o,
        "by_governorate",
        m.by_governorate.as_deref().map(governorate_lines),
    );
    put(
        &mut o,
        "torture",
        m.torture.as_ref().map(|t| {
            let mut v = counts(&[("total", t.total), ("children", t.children)]);
            let t_obj = v.as_object_mut().expect("counts builds an object");
            put(
                t_obj,
                "included_in_civilians",
                t.included_in_civilians.map(Value::Bool),
            );
            put(
                t_obj,
                "by_party",
                t.by_party.as_deref().map(|l| party_lines(l, parties)),
            );
            v
        }),
    );
    put(
        &mut o,
        "personnel",
        m.personnel.as_ref().map(|p| {
            counts(&[
                ("media", p.media),
                ("medical", p.medical),
                ("civil_defense", p.civil_defense),
            ])
        }),
    );
    put(
        &mut o,
        "massacres",
        m.massacres.as_ref().map(|x| {
            let mut v = counts(&[
                ("count", x.count),
                ("deaths", x.deaths),
                ("children", x.children),
                ("women", x.women),
            ]);
            let o = v.as_object_mut().expect("counts builds an object");
            put(
                o,
                "incidents",
                x.incidents.as_deref().map(|l| incidents(l, parties)),
            );
            v
        }),
    );
    put(&mut o, "notes", m.notes.as_ref().map(text));
    Value::Object(o)
}

fn party_lines(lines: &[PartyCount], parties: &[Party]) -> Value {
    lines
        .iter()
        .map(|l| {
            let mut v = counts(&[
                ("total", l.total),
                ("children", l.children),
                ("women", l.women),
            ]);
            let o = v.as_object_mut().expect("counts builds an object");
            o.insert("party".into(), json!(parties[l.party].id));
            v
        })
        .collect()
}

fn incidents(list: &[Incident], parties: &[Party]) -> Value {
    list.iter()
        .map(|i| {
            let mut v = counts(&[
                ("deaths", Some(i.deaths)),
                ("children", i.children),
                ("women", i.women),
            ]);
            let o = v.as_object_mut().expect("counts builds an object");
            o.insert("date".into(), json!(i.date.to_string()));
            put(o, "governorate", i.governorate.map(|g| json!(g.code)));
            put(o, "place", i.place.as_ref().map(text));
            put(o, "party", i.party.map(|p| json!(parties[p].id)));
            put(o, "summary", i.summary.as_ref().map(text));
            v
        })
        .collect()
}

fn governorate_lines(lines: &[GovernorateCount]) -> Value {
    lines
        .iter()
        .map(|g| {
            let mut o = Map::new();
            o.insert("governorate".into(), json!(g.governorate.code));
            put(&mut o, "total", g.total.map(Value::from));
            put(
                &mut o,
                "share",
                g.share
                    .and_then(serde_json::Number::from_f64)
                    .map(Value::Number),
            );
            if g.approximate {
                o.insert("approximate".into(), Value::Bool(true));
            }
            Value::Object(o)
        })
        .collect()
}

fn counts(fields: &[(&str, Option<u64>)]) -> Value {
    let mut o = Map::new();
    for (name, n) in fields {
        put(&mut o, name, n.map(Value::from));
    }
    Value::Object(o)
}

fn text(t: &LocalText) -> Value {
    let mut o = Map::new();
    put(
        &mut o,
        "en",
        t.exact(sijil_core::lang::Lang::En).map(Value::from),
    );
    put(
        &mut o,
        "ar",
        t.exact(sijil_core::lang::Lang::Ar).map(Value::from),
    );
    Value::Object(o)
}

fn put(o: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(v) = value {
        o.insert(key.into(), v);
    }
}
