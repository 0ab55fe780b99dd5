//! Wire → model: checks every rule of the contract that makes a feed invalid, and builds the
//! validated [`Feed`].
//!
//! Order matters, and so does stopping: `format` and `version` are checked first and alone (a
//! version 2 document may have any shape, so reporting its fields would only confuse). Then the
//! header and the party list, whose errors are all collected; months are only checked against a
//! party list that is valid, so one bad party id does not produce a hundred "unknown party"
//! errors. Each month is checked independently: the first error in a month is reported and the
//! next month is checked, up to [`MAX_ERRORS`].

use super::calendar::Date;
use super::consistency::month_warnings;
use super::error::{ErrorKind, FeedError};
use super::fields::{self, error, required, Res};
use super::model::*;
use super::month;
use super::path::Path;
use super::wire::*;
use super::{FORMAT, MAX_ERRORS, SUPPORTED_VERSION};

pub(crate) fn validate(wire: WireFeed) -> Result<Feed, Vec<FeedError>> {
    let root = Path::ROOT;
    check_format_and_version(wire.format, wire.version).map_err(|e| vec![e])?;

    let mut errors = Vec::new();
    let publisher = keep(
        publisher(wire.publisher, &root.field("publisher")),
        &mut errors,
    );
    let updated = keep(
        date(wire.updated, &root.field("updated"), true),
        &mut errors,
    );
    let notes = keep(fields::text(wire.notes, &root.field("notes")), &mut errors);
    let parties = match fields::list(wire.parties, &root.field("parties"))
        .and_then(|p| required(p, &root.field("parties")))
    {
        Ok(list) => parties(list).unwrap_or_else(|mut e| {
            errors.append(&mut e);
            Vec::new()
        }),
        Err(e) => {
            errors.push(e);
            Vec::new()
        }
    };
    let months_path = root.field("months");
    let wire_months = keep(
        fields::list(wire.months, &months_path).and_then(|m| required(m, &months_path)),
        &mut errors,
    );
    if !errors.is_empty() {
        return Err(errors);
    }
    let (Some(publisher), Some(Some(updated)), Some(notes), Some(wire_months)) =
        (publisher, updated, notes, wire_months)
    else {
        unreachable!("every None above pushed an error");
    };

    let mut months = Vec::with_capacity(wire_months.len());
    for (i, m) in wire_months.into_iter().enumerate() {
        match month::month(m, &months_path.index(i), &parties) {
            Ok(m) => months.push((i, m)),
            Err(e) if errors.len() < MAX_ERRORS => errors.push(e),
            Err(_) => {}
        }
    }
    // Stable sort: of equal months, the first in the document comes first and is the one the
    // others are reported against.
    months.sort_by_key(|(_, m)| m.month);
    let mut first = 0;
    for k in 1..months.len() {
        if months[k].1.month != months[first].1.month {
            first = k;
        } else if errors.len() < MAX_ERRORS {
            let path = months_path.index(months[k].0);
            let kind = ErrorKind::DuplicateMonth {
                month: months[k].1.month,
                first: months[first].0,
            };
            errors.push(error(&path.field("month"), kind));
        }
    }
    if !errors.is_empty() {
        errors.truncate(MAX_ERRORS);
        return Err(errors);
    }

    let mut warnings = Vec::new();
    for (i, m) in &months {
        month_warnings(m, &months_path.index(*i), &parties, &mut warnings);
    }
    Ok(Feed {
        publisher,
        updated,
        notes,
        parties,
        months: months.into_iter().map(|(_, m)| m).collect(),
        warnings,
    })
}

/// Moves an error into the list, keeping the value if there was none.
fn keep<T>(r: Res<T>, errors: &mut Vec<FeedError>) -> Option<T> {
    r.map_err(|e| errors.push(e)).ok()
}

fn check_format_and_version(format: Option<Scalar>, version: Option<Scalar>) -> Res<()> {
    let path = Path::ROOT.field("format");
    let format = required(fields::string(format, &path)?, &path)?;
    if format != FORMAT {
        return Err(error(&path, ErrorKind::WrongFormat { found: format }));
    }
    let path = Path::ROOT.field("version");
    let version = match version {
        // A version too large to be a count is still just an unsupported (newer) version.
        Some(Scalar::Number(Num::U(v))) => v,
        other => required(fields::count(other, &path)?, &path)?,
    };
    if version != SUPPORTED_VERSION {
        return Err(error(
            &path,
            ErrorKind::UnsupportedVersion { found: version },
        ));
    }
    Ok(())
}

fn publisher(value: Option<Obj<WirePublisher>>, path: &Path) -> Res<Publisher> {
    let p = required(fields::obj(value, path)?, path)?;
    Ok(Publisher {
        name: fields::required_text(p.name, &path.field("name"))?,
        url: fields::url(p.url, &path.field("url"))?,
        methodology_url: fields::url(p.methodology_url, &path.field("methodology_url"))?,
    })
}

pub(crate) fn date(value: Option<Scalar>, path: &Path, is_required: bool) -> Res<Option<Date>> {
    let Some(s) = fields::string(value, path)? else {
        return if is_required {
            Err(error(path, ErrorKind::Missing))
        } else {
            Ok(None)
        };
    };
    Date::parse(&s)
        .map(Some)
        .ok_or_else(|| error(path, ErrorKind::BadDate { value: s }))
}

fn is_party_id(id: &str) -> bool {
    (1..=40).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Validates the party list: each party on its own first, then the parent relation, which
/// needs every id.
fn parties(list: Vec<Obj<WireParty>>) -> Result<Vec<Party>, Vec<FeedError>> {
    let mut errors = Vec::new();
    let list_path = Path::ROOT.field("parties");
    let mut raw: Vec<(Party, Option<String>)> = Vec::with_capacity(list.len());
    for (i, entry) in list.into_iter().enumerate() {
        let path = list_path.index(i);
        let one = || -> Res<(Party, Option<String>)> {
            let p = required(fields::obj(Some(entry), &path)?, &path)?;
            let id_path = path.field("id");
            let id = required(fields::string(p.id, &id_path)?, &id_path)?;
            if !is_party_id(&id) {
                return Err(error(&id_path, ErrorKind::BadPartyId { id }));
            }
            if raw.iter().any(|(q, _)| q.id == id) {
                return Err(error(&id_path, ErrorKind::DuplicateParty { id }));
            }
            let name = fields::required_text(p.name, &path.field("name"))?;
            let parent = fields::string(p.parent, &path.field("parent"))?;
            Ok((
                Party {
                    id,
                    name,
                    parent: None,
                    index: i,
                },
                parent,
            ))
        };
        match one() {
            Ok(p) => raw.push(p),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let index_of = |id: &str| raw.iter().position(|(p, _)| p.id == id);
    let mut parents = Vec::with_capacity(raw.len());
    for (i, (party, parent)) in raw.iter().enumerate() {
        let Some(parent) = parent else {
            parents.push(None);
            continue;
        };
        let path = list_path.index(i);
        let path = path.field("parent");
        let Some(p) = index_of(parent) else {
            errors.push(error(
                &path,
                ErrorKind::UnknownParent { id: parent.clone() },
            ));
            continue;
        };
        // Walk up from the parent: reaching this party again is a cycle; any level above the
        // parent at all is nesting deeper than the contract's one level. Bounded by the list
        // length, so a cycle elsewhere cannot loop forever.
        let mut cycle = p == i;
        let mut at = p;
        for _ in 0..raw.len() {
            if cycle {
                break;
            }
            match raw[at].1.as_deref().and_then(index_of) {
                Some(up) => {
                    cycle = up == i;
                    at = up;
                }
                None => break,
            }
        }
        if cycle {
            errors.push(error(
                &path,
                ErrorKind::ParentCycle {
                    id: party.id.clone(),
                },
            ));
        } else if raw[p].1.is_some() {
            errors.push(error(
                &path,
                ErrorKind::NestedParent {
                    parent: parent.clone(),
                },
            ));
        }
        parents.push(Some(p));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(raw
        .into_iter()
        .zip(parents)
        .map(|((party, _), parent)| Party { parent, ..party })
        .collect())
}
