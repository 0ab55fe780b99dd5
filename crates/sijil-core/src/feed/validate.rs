//! Document → model: checks every rule of the contract that makes a feed invalid, and builds the
//! validated [`Feed`].
//!
//! Order matters, and so does stopping: `format` and `version` are checked first and alone (a
//! version 2 document may have any shape, so reporting its fields would only confuse). Then the
//! header and the party list, whose errors are all collected; months are only checked against a
//! party list that is valid, so one bad party id does not produce a hundred "unknown party"
//! errors. Each month is checked independently: the first error in a month is reported and the
//! next month is checked, up to [`MAX_ERRORS`].
//!
//! Strict (`check_feed`, the publisher's checker) or lenient (`read_feed`, the widgets): errors
//! in the document or the party list reject the feed either way; an error confined to one month
//! rejects it only when strict. Lenient, that month (every copy of a repeated month) is left out
//! and listed in [`Feed::unavailable`], so one bad governorate line cannot blank every widget.

use super::calendar::{Date, YearMonth};
use super::consistency::month_warnings;
use super::error::{ErrorKind, FeedError};
use super::fields::{error, Check, List, Obj, Res};
use super::model::*;
use super::month;
use super::path::Path;
use super::{FORMAT, MAX_ERRORS, MAX_MONTHS, MAX_PARTIES, SUPPORTED_VERSION};
use crate::json::JsonValue;

pub(crate) fn validate(root: &JsonValue, lenient: bool) -> Result<Feed, Vec<FeedError>> {
    let (head, list) = head(root)?;
    let mut months = Months::new(lenient, list.len());
    for (i, m) in list.iter().enumerate() {
        months.add(i, m, &head.parties);
    }
    months.finish(head)
}

/// A feed's header, valid: everything but its months.
pub(crate) struct Head {
    publisher: Publisher,
    updated: Date,
    notes: Option<LocalText>,
    pub(crate) parties: Vec<Party>,
}

/// The header of `root` (format and version first, then each part's first error: the publisher,
/// `updated`, the notes, the party list with all of its errors, and the month list itself) and
/// the months, unread.
pub(crate) fn head(root: &JsonValue) -> Result<(Head, &[JsonValue]), Vec<FeedError>> {
    let doc = Obj::new(root, Path::ROOT).map_err(|e| vec![e])?;
    check_format_and_version(&doc).map_err(|e| vec![e])?;
    let mut errors = Vec::new();
    let c = &mut Check::default();
    let publisher = publisher(c, &doc);
    c.move_to(&mut errors);
    let updated = date(c, &doc, "updated");
    let updated = c.required(updated, &doc, "updated");
    c.move_to(&mut errors);
    let notes = c.text(&doc, "notes");
    c.move_to(&mut errors);
    let list = c.list(&doc, "parties", MAX_PARTIES);
    let parties = match c.required(list, &doc, "parties") {
        Some(list) => parties(&list).unwrap_or_else(|mut e| {
            errors.append(&mut e);
            Vec::new()
        }),
        None => Vec::new(),
    };
    c.move_to(&mut errors);
    let list = c.list(&doc, "months", MAX_MONTHS);
    let found = c.required(list, &doc, "months").is_some();
    c.move_to(&mut errors);
    match (publisher, updated) {
        // The array the checks above found (a single `months`, within its limit).
        (Some(publisher), Some(updated)) if found && errors.is_empty() => Ok((
            Head {
                publisher,
                updated,
                notes,
                parties,
            },
            root.get("months")
                .and_then(JsonValue::as_array)
                .unwrap_or_default(),
        )),
        _ => Err(errors),
    }
}

/// The months of a feed as they are read, one by one (`add`), then checked against each other
/// (`finish`): [`validate`] reads them all at once, `feed::Reading` a few per step.
pub(crate) struct Months {
    lenient: bool,
    /// Each read month with its index in the document.
    months: Vec<(usize, Month)>,
    unavailable: Vec<Unavailable>,
    errors: Vec<FeedError>,
}

impl Months {
    pub(crate) fn new(lenient: bool, count: usize) -> Months {
        Months {
            lenient,
            months: Vec::with_capacity(count),
            unavailable: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// Reads month `i` of the document: the month, or (lenient) its error noted against it.
    pub(crate) fn add(&mut self, i: usize, m: &JsonValue, parties: &[Party]) {
        match month::month(m, Path::MONTHS.index(i), parties) {
            Ok(m) => self.months.push((i, m)),
            // The month's own key, when it can be read: a lenient reader names the month it
            // leaves out.
            Err(error) if self.lenient => by_month(
                &mut self.unavailable,
                Unavailable {
                    month: Obj::new(m, Path::ROOT)
                        .ok()
                        .and_then(|o| o.member("month").ok().flatten())
                        .and_then(JsonValue::as_str)
                        .and_then(YearMonth::parse),
                    error,
                },
            ),
            Err(e) if self.errors.len() < MAX_ERRORS => self.errors.push(e),
            Err(_) => {}
        }
    }

    /// The feed: its months in order, a repeated month refused (lenient: left out), the
    /// months' warnings.
    pub(crate) fn finish(self, head: Head) -> Result<Feed, Vec<FeedError>> {
        let Months {
            lenient,
            mut months,
            mut unavailable,
            mut errors,
        } = self;
        let months_path = Path::MONTHS;
        // Stably by month: of equal months, the first in the document comes first and is the one
        // the others are reported against.
        months.sort_by_key(|a| a.1.month);
        let mut first = 0;
        let mut repeated = Vec::new();
        for k in 1..months.len() {
            if months[k].1.month != months[first].1.month {
                first = k;
            } else {
                let path = months_path.index(months[k].0);
                let kind = ErrorKind::DuplicateMonth {
                    month: months[k].1.month,
                    first: months[first].0,
                };
                if lenient {
                    // Two versions of one month: which is right is unknown, so neither is shown.
                    repeated.push(first);
                    repeated.push(k);
                    by_month(
                        &mut unavailable,
                        Unavailable {
                            month: Some(months[k].1.month),
                            error: error(&path.field("month"), kind),
                        },
                    );
                } else if errors.len() < MAX_ERRORS {
                    errors.push(error(&path.field("month"), kind));
                }
            }
        }
        if !errors.is_empty() {
            errors.truncate(MAX_ERRORS);
            return Err(errors);
        }
        if !repeated.is_empty() {
            let mut k = 0;
            months.retain(|_| {
                k += 1;
                !repeated.contains(&(k - 1))
            });
        }

        let mut warnings = Vec::new();
        for (i, m) in &months {
            month_warnings(m, &months_path.index(*i), &head.parties, &mut warnings);
        }
        Ok(Feed {
            publisher: head.publisher,
            updated: head.updated,
            notes: head.notes,
            parties: head.parties,
            months: months.into_iter().map(|(_, m)| m).collect(),
            warnings,
            unavailable,
        })
    }
}

fn check_format_and_version(doc: &Obj) -> Res<()> {
    let c = &mut Check::default();
    let format = c.required_string(doc, "format");
    c.finish()?;
    if let Some(format) = format.filter(|f| f.as_str() != FORMAT) {
        return Err(error(
            &doc.path.field("format"),
            ErrorKind::WrongFormat { found: format },
        ));
    }
    let version = c.version(doc, "version");
    c.finish()?;
    match version {
        Some(version) if version != SUPPORTED_VERSION => Err(error(
            &doc.path.field("version"),
            ErrorKind::UnsupportedVersion { found: version },
        )),
        _ => Ok(()),
    }
}

fn publisher(c: &mut Check, doc: &Obj) -> Option<Publisher> {
    let p = c.obj(doc, "publisher");
    let p = c.required(p, doc, "publisher")?;
    let name = c.required_text(&p, "name");
    let url = c.url(&p, "url");
    let methodology_url = c.url(&p, "methodology_url");
    Some(Publisher {
        name: name?,
        url,
        methodology_url,
    })
}

/// A date, if present: `YYYY-MM-DD`, a real day.
pub(crate) fn date(c: &mut Check, o: &Obj, key: &str) -> Option<Date> {
    let s = c.string(o, key)?;
    let date = Date::parse(&s);
    if date.is_none() {
        c.fail(&o.path.field(key), ErrorKind::BadDate { value: s });
    }
    date
}

fn is_party_id(id: &str) -> bool {
    (1..=40).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Validates the party list: each party on its own first, then the parent relation, which
/// needs every id.
fn parties(list: &List) -> Result<Vec<Party>, Vec<FeedError>> {
    let mut errors = Vec::new();
    let list_path = list.path;
    let mut raw: Vec<(Party, Option<String>)> = Vec::with_capacity(list.items.len());
    for (i, entry) in list.items.iter().enumerate() {
        let c = &mut Check::default();
        let Some(p) = c.object(entry, list_path.index(i)) else {
            c.move_to(&mut errors);
            continue;
        };
        let id_path = p.path.field("id");
        let id = c.required_string(&p, "id").and_then(|id| {
            if !is_party_id(&id) {
                c.fail(&id_path, ErrorKind::BadPartyId { id });
                None
            } else if raw.iter().any(|(q, _)| q.id == id) {
                c.fail(&id_path, ErrorKind::DuplicateParty { id });
                None
            } else {
                Some(id)
            }
        });
        let name = c.required_text(&p, "name");
        let parent = c.string(&p, "parent");
        match (id, name) {
            (Some(id), Some(name)) if c.is_ok() => raw.push((
                Party {
                    id,
                    name,
                    parent: None,
                    index: i,
                },
                parent,
            )),
            _ => c.move_to(&mut errors),
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

/// Adds `u` to `list`, kept in order by month (after those of its month already there, so the
/// order is stable). An insertion rather than a sort at the end: the list is short (months with
/// an error of their own), and a sort of its type is another copy of the sort in every widget's
/// wasm (size budget).
fn by_month(list: &mut Vec<Unavailable>, u: Unavailable) {
    let at = list.partition_point(|x| x.month <= u.month);
    list.insert(at, u);
}
