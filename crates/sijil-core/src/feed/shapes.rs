//! Version 1 described to the reader: the [`Shape`] of every object and array (which fields
//! exist, how long each array may be), and the filling of the `wire` structs from the tree read
//! with it.
//!
//! The field names appear twice, in a table and in a `from_fields`; `Fields::take` checks in
//! debug builds that every name taken is in its table, and the round-trip tests read every field.

use super::error::ErrorKind;
use super::tree::{self, Field, Fields, Node, Shape};
use super::wire::*;
use super::{MAX_MONTHS, MAX_PARTIES, MAX_SOURCES};

const LEAF: Shape = Shape::Leaf;
const TEXT: Shape = Shape::Obj(&[("en", LEAF), ("ar", LEAF)]);
const PARTY: Shape = Shape::Obj(&[("id", LEAF), ("name", TEXT), ("parent", LEAF)]);
const PUBLISHER: Shape = Shape::Obj(&[("name", TEXT), ("url", LEAF), ("methodology_url", LEAF)]);
const COUNTS: Shape = Shape::Obj(&[("total", LEAF), ("children", LEAF), ("women", LEAF)]);
const PARTY_COUNT: Shape = Shape::Obj(&[
    ("party", LEAF),
    ("total", LEAF),
    ("children", LEAF),
    ("women", LEAF),
]);
const PARTY_LIST: Shape = Shape::List(&PARTY_COUNT, MAX_PARTIES);
const GOVERNORATE_COUNT: Shape = Shape::Obj(&[
    ("governorate", LEAF),
    ("total", LEAF),
    ("share", LEAF),
    ("approximate", LEAF),
]);
const TORTURE: Shape = Shape::Obj(&[
    ("total", LEAF),
    ("children", LEAF),
    ("included_in_civilians", LEAF),
    ("by_party", PARTY_LIST),
]);
const PERSONNEL: Shape = Shape::Obj(&[("media", LEAF), ("medical", LEAF), ("civil_defense", LEAF)]);
const MASSACRES: Shape = Shape::Obj(&[
    ("count", LEAF),
    ("deaths", LEAF),
    ("children", LEAF),
    ("women", LEAF),
]);
const MONTH: Shape = Shape::Obj(&[
    ("month", LEAF),
    ("published", LEAF),
    ("sources", Shape::List(&LEAF, MAX_SOURCES)),
    ("civilians", COUNTS),
    ("by_party", PARTY_LIST),
    // 14 governorates, each at most once.
    ("by_governorate", Shape::List(&GOVERNORATE_COUNT, 14)),
    ("torture", TORTURE),
    ("personnel", PERSONNEL),
    ("massacres", MASSACRES),
    ("notes", TEXT),
]);
const FEED_FIELDS: &[Field] = &[
    ("format", LEAF),
    ("version", LEAF),
    ("publisher", PUBLISHER),
    ("updated", LEAF),
    ("notes", TEXT),
    ("parties", Shape::List(&PARTY, MAX_PARTIES)),
    ("months", Shape::List(&MONTH, MAX_MONTHS)),
];

/// Reads a document. `Err` only for what is not JSON at all (syntax, truncation, a key given
/// twice, a number out of range; see `tree`), as the kind of an error of the whole document;
/// everything else is in the returned structs for `validate` to judge.
pub fn read(bytes: &[u8]) -> Result<Obj<WireFeed>, ErrorKind> {
    Ok(obj(tree::read(bytes, Shape::Obj(FEED_FIELDS))?))
}

/// Filling a wire struct from the fields read for it.
trait FromFields {
    fn from_fields(f: Fields) -> Self;
}

fn scalar(node: Node) -> Scalar {
    match node {
        Node::Leaf(s) => s,
        Node::Obj(_) => Scalar::Object,
        Node::List(_) | Node::TooMany(_) => Scalar::Array,
        // `tree` keeps every scalar found at a leaf position, so what it skipped there was a
        // container (and `Wrong` is only produced where a container belongs anyway).
        Node::Wrong(JsonType::Array) => Scalar::Array,
        Node::Wrong(_) => Scalar::Object,
    }
}

fn obj<T: FromFields>(node: Node) -> Obj<T> {
    match node {
        Node::Obj(f) => Obj::Ok(T::from_fields(f)),
        Node::Wrong(t) => Obj::Wrong(t),
        other => Obj::Wrong(scalar(other).json_type()),
    }
}

fn list<T, const MAX: usize>(node: Node, item: fn(Node) -> T) -> List<T, MAX> {
    match node {
        Node::List(items) => List::Items(items.into_iter().map(item).collect()),
        Node::TooMany(n) => List::TooMany(n),
        Node::Wrong(t) => List::Wrong(t),
        other => List::Wrong(scalar(other).json_type()),
    }
}

/// `null` and absence are the same for a field: not published.
fn field<T>(f: &mut Fields, name: &str, convert: impl FnOnce(Node) -> T) -> Option<T> {
    match f.take(name)? {
        Node::Leaf(Scalar::Null) => None,
        node => Some(convert(node)),
    }
}

impl FromFields for WireFeed {
    fn from_fields(mut f: Fields) -> Self {
        WireFeed {
            format: field(&mut f, "format", scalar),
            version: field(&mut f, "version", scalar),
            publisher: field(&mut f, "publisher", obj),
            updated: field(&mut f, "updated", scalar),
            notes: field(&mut f, "notes", obj),
            parties: field(&mut f, "parties", |n| list(n, obj)),
            months: field(&mut f, "months", |n| list(n, obj)),
        }
    }
}

impl FromFields for WireText {
    fn from_fields(mut f: Fields) -> Self {
        WireText {
            en: field(&mut f, "en", scalar),
            ar: field(&mut f, "ar", scalar),
        }
    }
}

impl FromFields for WirePublisher {
    fn from_fields(mut f: Fields) -> Self {
        WirePublisher {
            name: field(&mut f, "name", obj),
            url: field(&mut f, "url", scalar),
            methodology_url: field(&mut f, "methodology_url", scalar),
        }
    }
}

impl FromFields for WireParty {
    fn from_fields(mut f: Fields) -> Self {
        WireParty {
            id: field(&mut f, "id", scalar),
            name: field(&mut f, "name", obj),
            parent: field(&mut f, "parent", scalar),
        }
    }
}

impl FromFields for WireMonth {
    fn from_fields(mut f: Fields) -> Self {
        WireMonth {
            month: field(&mut f, "month", scalar),
            published: field(&mut f, "published", scalar),
            sources: field(&mut f, "sources", |n| list(n, scalar)),
            civilians: field(&mut f, "civilians", obj),
            by_party: field(&mut f, "by_party", |n| list(n, obj)),
            by_governorate: field(&mut f, "by_governorate", |n| list(n, obj)),
            torture: field(&mut f, "torture", obj),
            personnel: field(&mut f, "personnel", obj),
            massacres: field(&mut f, "massacres", obj),
            notes: field(&mut f, "notes", obj),
        }
    }
}

impl FromFields for WireCounts {
    fn from_fields(mut f: Fields) -> Self {
        WireCounts {
            total: field(&mut f, "total", scalar),
            children: field(&mut f, "children", scalar),
            women: field(&mut f, "women", scalar),
        }
    }
}

impl FromFields for WirePartyCount {
    fn from_fields(mut f: Fields) -> Self {
        WirePartyCount {
            party: field(&mut f, "party", scalar),
            total: field(&mut f, "total", scalar),
            children: field(&mut f, "children", scalar),
            women: field(&mut f, "women", scalar),
        }
    }
}

impl FromFields for WireGovernorateCount {
    fn from_fields(mut f: Fields) -> Self {
        WireGovernorateCount {
            governorate: field(&mut f, "governorate", scalar),
            total: field(&mut f, "total", scalar),
            share: field(&mut f, "share", scalar),
            approximate: field(&mut f, "approximate", scalar),
        }
    }
}

impl FromFields for WireTorture {
    fn from_fields(mut f: Fields) -> Self {
        WireTorture {
            total: field(&mut f, "total", scalar),
            children: field(&mut f, "children", scalar),
            included_in_civilians: field(&mut f, "included_in_civilians", scalar),
            by_party: field(&mut f, "by_party", |n| list(n, obj)),
        }
    }
}

impl FromFields for WirePersonnel {
    fn from_fields(mut f: Fields) -> Self {
        WirePersonnel {
            media: field(&mut f, "media", scalar),
            medical: field(&mut f, "medical", scalar),
            civil_defense: field(&mut f, "civil_defense", scalar),
        }
    }
}

impl FromFields for WireMassacres {
    fn from_fields(mut f: Fields) -> Self {
        WireMassacres {
            count: field(&mut f, "count", scalar),
            deaths: field(&mut f, "deaths", scalar),
            children: field(&mut f, "children", scalar),
            women: field(&mut f, "women", scalar),
        }
    }
}
