//! One month of the feed, document → model: every field of a month and its breakdown lines.
//!
//! A month is checked on its own against the (already valid) party list; the first error in it
//! is returned, and `validate` goes on with the next month. Breakdown lines may not repeat a
//! party or governorate: a widget looks lines up by party, and two lines for one party would make
//! it show either one.

use super::calendar::{DayOrMonth, YearMonth};
use super::error::ErrorKind;
use super::fields::{Check, Obj, Res};
use super::governorates::{governorate, Governorate};
use super::model::*;
use super::path::Path;
use super::validate::date;
use super::{MAX_INCIDENTS, MAX_PARTIES, MAX_SOURCES};
use crate::json::JsonValue;

pub(crate) fn month(value: &JsonValue, path: Path, parties: &[Party]) -> Res<Month> {
    let m = Obj::new(value, path)?;
    // The fields are read in the order the month's error has always been looked for in: the
    // first error in this order is the month's error.
    let c = &mut Check::default();
    let month = c.required_string(&m, "month").and_then(|text| {
        let month = YearMonth::parse(&text);
        if month.is_none() {
            c.fail(&m.path.field("month"), ErrorKind::BadMonth { value: text });
        }
        month
    });
    let mut sources = Vec::new();
    if let Some(list) = c.list(&m, "sources", MAX_SOURCES) {
        for (j, s) in list.items.iter().enumerate() {
            if let Some(s) = c.string_value(s, &list.path.index(j)) {
                sources.push(UrlText::new(s));
            }
        }
    }
    let civ = c.obj(&m, "civilians");
    let civilians = c.required(civ, &m, "civilians").map(|civ| Civilians {
        // 0 only stands in for a missing total, which is an error: never seen.
        total: c.required_count(&civ, "total").unwrap_or(0),
        children: c.count(&civ, "children"),
        women: c.count(&civ, "women"),
    });
    let torture = c.obj(&m, "torture").map(|t| Torture {
        total: c.count(&t, "total"),
        children: c.count(&t, "children"),
        included_in_civilians: c.boolean(&t, "included_in_civilians"),
        by_party: party_counts(c, &t, parties),
    });
    let personnel = c.obj(&m, "personnel").map(|p| Personnel {
        media: c.count(&p, "media"),
        medical: c.count(&p, "medical"),
        civil_defense: c.count(&p, "civil_defense"),
    });
    let massacres = c.obj(&m, "massacres").map(|x| Massacres {
        count: c.count(&x, "count"),
        deaths: c.count(&x, "deaths"),
        children: c.count(&x, "children"),
        women: c.count(&x, "women"),
        incidents: incidents(c, &x, parties),
    });
    let published = date(c, &m, "published");
    let by_party = party_counts(c, &m, parties);
    let by_governorate = governorate_counts(c, &m);
    let notes = c.text(&m, "notes");
    c.finish()?;
    let (Some(month), Some(civilians)) = (month, civilians) else {
        unreachable!("a missing month or civilians recorded an error");
    };
    Ok(Month {
        month,
        published,
        sources,
        civilians,
        by_party,
        by_governorate,
        torture,
        personnel,
        massacres,
        notes,
    })
}

/// The `by_party` list of `o` (a month or its torture figures): one line per party at most.
fn party_counts(c: &mut Check, o: &Obj, parties: &[Party]) -> Option<Vec<PartyCount>> {
    let list = c.list(o, "by_party", MAX_PARTIES)?;
    let mut out: Vec<PartyCount> = Vec::with_capacity(list.items.len());
    for (j, entry) in list.items.iter().enumerate() {
        let Some(e) = c.object(entry, list.path.index(j)) else {
            continue;
        };
        let Some(id) = c.required_string(&e, "party") else {
            continue;
        };
        let Some(party) = party_of(c, &e, id.clone(), parties) else {
            continue;
        };
        if out.iter().any(|c| c.party == party) {
            c.fail(
                &e.path.field("party"),
                ErrorKind::DuplicateEntry { key: id },
            );
            continue;
        }
        out.push(PartyCount {
            party,
            total: c.count(&e, "total"),
            children: c.count(&e, "children"),
            women: c.count(&e, "women"),
        });
    }
    Some(out)
}

/// The month's `by_governorate` list: the 14 governorates, each at most once.
fn governorate_counts(c: &mut Check, m: &Obj) -> Option<Vec<GovernorateCount>> {
    let list = c.list(m, "by_governorate", 14)?;
    let mut out: Vec<GovernorateCount> = Vec::with_capacity(list.items.len());
    for (j, entry) in list.items.iter().enumerate() {
        let Some(e) = c.object(entry, list.path.index(j)) else {
            continue;
        };
        let Some(code) = c.required_string(&e, "governorate") else {
            continue;
        };
        let Some(g) = governorate_of(c, &e, code.clone()) else {
            continue;
        };
        if out.iter().any(|c| c.governorate.code == g.code) {
            c.fail(
                &e.path.field("governorate"),
                ErrorKind::DuplicateEntry { key: code },
            );
            continue;
        }
        let total = c.count(&e, "total");
        let share = c.share(&e, "share");
        if total.is_none() && share.is_none() {
            c.fail(&e.path, ErrorKind::NoFigure);
        }
        out.push(GovernorateCount {
            governorate: g,
            total,
            share,
            approximate: c.boolean(&e, "approximate").unwrap_or(false),
        });
    }
    Some(out)
}

/// The index of party `id` (the `party` field of `e`), or an error there.
fn party_of(c: &mut Check, e: &Obj, id: String, parties: &[Party]) -> Option<usize> {
    // A scan of at most 100 ids: cheaper in wasm bytes than a map, and fast enough.
    let party = parties.iter().position(|p| p.id == id);
    if party.is_none() {
        c.fail(&e.path.field("party"), ErrorKind::UnknownParty { id });
    }
    party
}

/// The governorate of p-code `code` (the `governorate` field of `e`), or an error there.
fn governorate_of(c: &mut Check, e: &Obj, code: String) -> Option<&'static Governorate> {
    let g = governorate(&code);
    if g.is_none() {
        c.fail(
            &e.path.field("governorate"),
            ErrorKind::UnknownGovernorate { code },
        );
    }
    g
}

/// The massacres' `incidents` (the report's section V), at most [`MAX_INCIDENTS`]: each with its
/// date and deaths; the party and governorate, when given, must be known ones.
fn incidents(c: &mut Check, x: &Obj, parties: &[Party]) -> Option<Vec<Incident>> {
    let list = c.list(x, "incidents", MAX_INCIDENTS)?;
    let mut out = Vec::with_capacity(list.items.len());
    for (j, entry) in list.items.iter().enumerate() {
        let Some(e) = c.object(entry, list.path.index(j)) else {
            continue;
        };
        let date = c.required_string(&e, "date").and_then(|text| {
            let date = DayOrMonth::parse(&text);
            if date.is_none() {
                c.fail(
                    &e.path.field("date"),
                    ErrorKind::BadDayOrMonth { value: text },
                );
            }
            date
        });
        let governorate = c
            .string(&e, "governorate")
            .and_then(|code| governorate_of(c, &e, code));
        let party = c
            .string(&e, "party")
            .and_then(|id| party_of(c, &e, id, parties));
        let place = c.text(&e, "place");
        let deaths = c.required_count(&e, "deaths");
        let (children, women) = (c.count(&e, "children"), c.count(&e, "women"));
        let summary = c.text(&e, "summary");
        // Without its date or deaths an incident recorded an error, and the month is not read.
        if let (Some(date), Some(deaths)) = (date, deaths) {
            out.push(Incident {
                date,
                governorate,
                place,
                party,
                deaths,
                children,
                women,
                summary,
            });
        }
    }
    Some(out)
}
