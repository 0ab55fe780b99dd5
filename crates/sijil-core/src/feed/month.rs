//! One month of the feed, wire → model: every field of a month and its breakdown lines.
//!
//! A month is checked on its own against the (already valid) party list; the first error in it
//! is returned, and `validate` goes on with the next month. Breakdown lines may not repeat a
//! party or governorate: a widget looks lines up by party, and two lines for one party would make
//! it show either one.

use super::calendar::YearMonth;
use super::error::{ErrorKind, Expected};
use super::fields::{self, error, required, Res};
use super::governorates::governorate;
use super::model::*;
use super::path::Path;
use super::validate::date;
use super::wire::*;

pub(crate) fn month(value: Obj<WireMonth>, path: &Path, parties: &[Party]) -> Res<Month> {
    let m = required(fields::obj(Some(value), path)?, path)?;
    let month_path = path.field("month");
    let text = required(fields::string(m.month, &month_path)?, &month_path)?;
    let month = YearMonth::parse(&text)
        .ok_or_else(|| error(&month_path, ErrorKind::BadMonth { value: text }))?;
    let sources_path = path.field("sources");
    let sources = fields::list(m.sources, &sources_path)?
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(j, s)| {
            let p = sources_path.index(j);
            match s {
                Scalar::String(s) => Ok(UrlText::new(s)),
                other => Err(error(
                    &p,
                    ErrorKind::WrongType {
                        expected: Expected::String,
                        found: other.json_type(),
                    },
                )),
            }
        })
        .collect::<Res<Vec<_>>>()?;
    let civ_path = path.field("civilians");
    let civ = required(fields::obj(m.civilians, &civ_path)?, &civ_path)?;
    let total_path = civ_path.field("total");
    let civilians = Civilians {
        total: required(fields::count(civ.total, &total_path)?, &total_path)?,
        children: fields::count(civ.children, &civ_path.field("children"))?,
        women: fields::count(civ.women, &civ_path.field("women"))?,
    };
    let torture_path = path.field("torture");
    let torture = match fields::obj(m.torture, &torture_path)? {
        None => None,
        Some(t) => Some(Torture {
            total: fields::count(t.total, &torture_path.field("total"))?,
            children: fields::count(t.children, &torture_path.field("children"))?,
            included_in_civilians: fields::boolean(
                t.included_in_civilians,
                &torture_path.field("included_in_civilians"),
            )?,
            by_party: party_counts(t.by_party, &torture_path.field("by_party"), parties)?,
        }),
    };
    let personnel_path = path.field("personnel");
    let personnel = match fields::obj(m.personnel, &personnel_path)? {
        None => None,
        Some(p) => Some(Personnel {
            media: fields::count(p.media, &personnel_path.field("media"))?,
            medical: fields::count(p.medical, &personnel_path.field("medical"))?,
            civil_defense: fields::count(p.civil_defense, &personnel_path.field("civil_defense"))?,
        }),
    };
    let massacres_path = path.field("massacres");
    let massacres = match fields::obj(m.massacres, &massacres_path)? {
        None => None,
        Some(x) => Some(Massacres {
            count: fields::count(x.count, &massacres_path.field("count"))?,
            deaths: fields::count(x.deaths, &massacres_path.field("deaths"))?,
            children: fields::count(x.children, &massacres_path.field("children"))?,
            women: fields::count(x.women, &massacres_path.field("women"))?,
        }),
    };
    Ok(Month {
        month,
        published: date(m.published, &path.field("published"), false)?,
        sources,
        civilians,
        by_party: party_counts(m.by_party, &path.field("by_party"), parties)?,
        by_governorate: governorate_counts(m.by_governorate, &path.field("by_governorate"))?,
        torture,
        personnel,
        massacres,
        notes: fields::text(m.notes, &path.field("notes"))?,
    })
}

fn party_counts(
    value: Option<PartyList>,
    path: &Path,
    parties: &[Party],
) -> Res<Option<Vec<PartyCount>>> {
    let Some(list) = fields::list(value, path)? else {
        return Ok(None);
    };
    let mut out: Vec<PartyCount> = Vec::with_capacity(list.len());
    for (j, entry) in list.into_iter().enumerate() {
        let path = path.index(j);
        let e = required(fields::obj(Some(entry), &path)?, &path)?;
        let party_path = path.field("party");
        let id = required(fields::string(e.party, &party_path)?, &party_path)?;
        // A scan of at most 100 ids: cheaper in wasm bytes than a map, and fast enough.
        let Some(party) = parties.iter().position(|p| p.id == id) else {
            return Err(error(&party_path, ErrorKind::UnknownParty { id }));
        };
        if out.iter().any(|c| c.party == party) {
            return Err(error(&party_path, ErrorKind::DuplicateEntry { key: id }));
        }
        out.push(PartyCount {
            party,
            total: fields::count(e.total, &path.field("total"))?,
            children: fields::count(e.children, &path.field("children"))?,
            women: fields::count(e.women, &path.field("women"))?,
        });
    }
    Ok(Some(out))
}

fn governorate_counts(
    value: Option<List<Obj<WireGovernorateCount>, 14>>,
    path: &Path,
) -> Res<Option<Vec<GovernorateCount>>> {
    let Some(list) = fields::list(value, path)? else {
        return Ok(None);
    };
    let mut out: Vec<GovernorateCount> = Vec::with_capacity(list.len());
    for (j, entry) in list.into_iter().enumerate() {
        let path = path.index(j);
        let e = required(fields::obj(Some(entry), &path)?, &path)?;
        let code_path = path.field("governorate");
        let code = required(fields::string(e.governorate, &code_path)?, &code_path)?;
        let Some(g) = governorate(&code) else {
            return Err(error(&code_path, ErrorKind::UnknownGovernorate { code }));
        };
        if out.iter().any(|c| c.governorate.code == g.code) {
            return Err(error(&code_path, ErrorKind::DuplicateEntry { key: code }));
        }
        let total = fields::count(e.total, &path.field("total"))?;
        let share = fields::share(e.share, &path.field("share"))?;
        if total.is_none() && share.is_none() {
            return Err(error(&path, ErrorKind::NoFigure));
        }
        out.push(GovernorateCount {
            governorate: g,
            total,
            share,
            approximate: fields::boolean(e.approximate, &path.field("approximate"))?
                .unwrap_or(false),
        });
    }
    Ok(Some(out))
}
