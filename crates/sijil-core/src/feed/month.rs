//! One month of the feed, wire → model: every field of a month and its breakdown lines.
//!
//! A month is checked on its own against the (already valid) party list; the first error in it
//! is returned, and `validate` goes on with the next month. Breakdown lines may not repeat a
//! party or governorate: a widget looks lines up by party, and two lines for one party would make
//! it show either one.

use super::calendar::YearMonth;
use super::error::{ErrorKind, Expected};
use super::fields::{entry, Check, Res};
use super::governorates::governorate;
use super::model::*;
use super::path::Path;
use super::validate::date;
use super::wire::*;

pub(crate) fn month(value: Obj<WireMonth>, path: &Path, parties: &[Party]) -> Res<Month> {
    let m = entry(value, path)?;
    // The fields are read in the order the month's error has always been looked for in: the
    // first error in this order is the month's error.
    let c = &mut Check::default();
    let month_path = path.field("month");
    let month = c.required_string(m.month, &month_path).and_then(|text| {
        let month = YearMonth::parse(&text);
        if month.is_none() {
            c.fail(&month_path, ErrorKind::BadMonth { value: text });
        }
        month
    });
    let sources_path = path.field("sources");
    let mut sources = Vec::new();
    for (j, s) in c
        .list(m.sources, &sources_path)
        .unwrap_or_default()
        .into_iter()
        .enumerate()
    {
        match s {
            Scalar::String(s) => sources.push(UrlText::new(s)),
            other => c.fail(
                &sources_path.index(j),
                ErrorKind::WrongType {
                    expected: Expected::String,
                    found: other.json_type(),
                },
            ),
        }
    }
    let civ_path = path.field("civilians");
    let civ = c.obj(m.civilians, &civ_path);
    let civilians = c.required(civ, &civ_path).map(|civ| Civilians {
        // 0 only stands in for a missing total, which is an error: never seen.
        total: c
            .required_count(civ.total, &civ_path.field("total"))
            .unwrap_or(0),
        children: c.count(civ.children, &civ_path.field("children")),
        women: c.count(civ.women, &civ_path.field("women")),
    });
    let torture_path = path.field("torture");
    let torture = c.obj(m.torture, &torture_path).map(|t| Torture {
        total: c.count(t.total, &torture_path.field("total")),
        children: c.count(t.children, &torture_path.field("children")),
        included_in_civilians: c.boolean(
            t.included_in_civilians,
            &torture_path.field("included_in_civilians"),
        ),
        by_party: party_counts(c, t.by_party, &torture_path.field("by_party"), parties),
    });
    let personnel_path = path.field("personnel");
    let personnel = c.obj(m.personnel, &personnel_path).map(|p| Personnel {
        media: c.count(p.media, &personnel_path.field("media")),
        medical: c.count(p.medical, &personnel_path.field("medical")),
        civil_defense: c.count(p.civil_defense, &personnel_path.field("civil_defense")),
    });
    let massacres_path = path.field("massacres");
    let massacres = c.obj(m.massacres, &massacres_path).map(|x| Massacres {
        count: c.count(x.count, &massacres_path.field("count")),
        deaths: c.count(x.deaths, &massacres_path.field("deaths")),
        children: c.count(x.children, &massacres_path.field("children")),
        women: c.count(x.women, &massacres_path.field("women")),
    });
    let published = date(c, m.published, &path.field("published"));
    let by_party = party_counts(c, m.by_party, &path.field("by_party"), parties);
    let by_governorate = governorate_counts(c, m.by_governorate, &path.field("by_governorate"));
    let notes = c.text(m.notes, &path.field("notes"));
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

fn party_counts(
    c: &mut Check,
    value: Option<PartyList>,
    path: &Path,
    parties: &[Party],
) -> Option<Vec<PartyCount>> {
    let list = c.list(value, path)?;
    let mut out: Vec<PartyCount> = Vec::with_capacity(list.len());
    for (j, entry) in list.into_iter().enumerate() {
        let path = path.index(j);
        let Some(e) = c.obj(Some(entry), &path) else {
            continue;
        };
        let party_path = path.field("party");
        let Some(id) = c.required_string(e.party, &party_path) else {
            continue;
        };
        // A scan of at most 100 ids: cheaper in wasm bytes than a map, and fast enough.
        let Some(party) = parties.iter().position(|p| p.id == id) else {
            c.fail(&party_path, ErrorKind::UnknownParty { id });
            continue;
        };
        if out.iter().any(|c| c.party == party) {
            c.fail(&party_path, ErrorKind::DuplicateEntry { key: id });
            continue;
        }
        out.push(PartyCount {
            party,
            total: c.count(e.total, &path.field("total")),
            children: c.count(e.children, &path.field("children")),
            women: c.count(e.women, &path.field("women")),
        });
    }
    Some(out)
}

fn governorate_counts(
    c: &mut Check,
    value: Option<List<Obj<WireGovernorateCount>, 14>>,
    path: &Path,
) -> Option<Vec<GovernorateCount>> {
    let list = c.list(value, path)?;
    let mut out: Vec<GovernorateCount> = Vec::with_capacity(list.len());
    for (j, entry) in list.into_iter().enumerate() {
        let path = path.index(j);
        let Some(e) = c.obj(Some(entry), &path) else {
            continue;
        };
        let code_path = path.field("governorate");
        let Some(code) = c.required_string(e.governorate, &code_path) else {
            continue;
        };
        let Some(g) = governorate(&code) else {
            c.fail(&code_path, ErrorKind::UnknownGovernorate { code });
            continue;
        };
        if out.iter().any(|c| c.governorate.code == g.code) {
            c.fail(&code_path, ErrorKind::DuplicateEntry { key: code });
            continue;
        }
        let total = c.count(e.total, &path.field("total"));
        let share = c.share(e.share, &path.field("share"));
        if total.is_none() && share.is_none() {
            c.fail(&path, ErrorKind::NoFigure);
        }
        out.push(GovernorateCount {
            governorate: g,
            total,
            share,
            approximate: c
                .boolean(e.approximate, &path.field("approximate"))
                .unwrap_or(false),
        });
    }
    Some(out)
}
