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

/// The fields of an object, or the type found instead. The generic `obj` and `list` are thin
/// wrappers around this and `items`, so that each copy of them holds little more than its
/// `from_fields` (wasm size).
fn fields(node: Node) -> Result<Fields, JsonType> {
    match node {
        Node::Obj(f) => Ok(f),
        Node::Wrong(t) => Err(t),
        other => Err(scalar(other).json_type()),
    }
}

fn obj<T: FromFields>(node: Node) -> Obj<T> {
    match fields(node) {
        Ok(f) => Obj::Ok(T::from_fields(f)),
        Err(t) => Obj::Wrong(t),
    }
}

/// The items of an array, or what stood there instead: the length of an over-long array, or the
/// type found.
fn items(node: Node) -> Result<Vec<Node>, Result<usize, JsonType>> {
    match node {
        Node::List(items) => Ok(items),
        Node::TooMany(n) => Err(Ok(n)),
        Node::Wrong(t) => Err(Err(t)),
        other => Err(Err(scalar(other).json_type())),
    }
}

fn list<T, const MAX: usize>(node: Node, item: fn(Node) -> T) -> List<T, MAX> {
    match items(node) {
        Ok(items) => List::Items(items.into_iter().map(item).collect()),
        Err(Ok(n)) => List::TooMany(n),
        Err(Err(t)) => List::Wrong(t),
    }
}

/// The node of a field; `null` and absence are the same for a field: not published.
fn field(f: &mut Fields, name: &str) -> Option<Node> {
    match f.take(name)? {
        Node::Leaf(Scalar::Null) => None,
        node => Some(node),
    }
}

/// A field holding a leaf. Not generic, unlike `field(..).map(..)`, so the many leaves of the
/// format share one copy (wasm size).
fn leaf(f: &mut Fields, name: &str) -> Option<Scalar> {
    field(f, name).map(scalar)
}

impl FromFields for WireFeed {
    fn from_fields(mut f: Fields) -> Self {
        WireFeed {
            format: leaf(&mut f, "format"),
            version: leaf(&mut f, "version"),
            publisher: field(&mut f, "publisher").map(obj),
            updated: leaf(&mut f, "updated"),
            notes: field(&mut f, "notes").map(obj),
            parties: field(&mut f, "parties").map(|n| list(n, obj)),
            months: field(&mut f, "months").map(|n| list(n, obj)),
        }
    }
}

impl FromFields for WireText {
    fn from_fields(mut f: Fields) -> Self {
        WireText {
            en: leaf(&mut f, "en"),
            ar: leaf(&mut f, "ar"),
        }
    }
}

impl FromFields for WirePublisher {
    fn from_fields(mut f: Fields) -> Self {
        WirePublisher {
            name: field(&mut f, "name").map(obj),
            url: leaf(&mut f, "url"),
            methodology_url: leaf(&mut f, "methodology_url"),
        }
    }
}

impl FromFields for WireParty {
    fn from_fields(mut f: Fields) -> Self {
        WireParty {
            id: leaf(&mut f, "id"),
            name: field(&mut f, "name").map(obj),
            parent: leaf(&mut f, "parent"),
        }
    }
}

impl FromFields for WireMonth {
    fn from_fields(mut f: Fields) -> Self {
        WireMonth {
            month: leaf(&mut f, "month"),
            published: leaf(&mut f, "published"),
            sources: field(&mut f, "sources").map(|n| list(n, scalar)),
            civilians: field(&mut f, "civilians").map(obj),
            by_party: field(&mut f, "by_party").map(|n| list(n, obj)),
            by_governorate: field(&mut f, "by_governorate").map(|n| list(n, obj)),
            torture: field(&mut f, "torture").map(obj),
            personnel: field(&mut f, "personnel").map(obj),
            massacres: field(&mut f, "massacres").map(obj),
            notes: field(&mut f, "notes").map(obj),
        }
    }
}

impl FromFields for WireCounts {
    fn from_fields(mut f: Fields) -> Self {
        WireCounts {
            total: leaf(&mut f, "total"),
            children: leaf(&mut f, "children"),
            women: leaf(&mut f, "women"),
        }
    }
}

impl FromFields for WirePartyCount {
    fn from_fields(mut f: Fields) -> Self {
        WirePartyCount {
            party: leaf(&mut f, "party"),
            total: leaf(&mut f, "total"),
            children: leaf(&mut f, "children"),
            women: leaf(&mut f, "women"),
        }
    }
}

impl FromFields for WireGovernorateCount {
    fn from_fields(mut f: Fields) -> Self {
        WireGovernorateCount {
            governorate: leaf(&mut f, "governorate"),
            total: leaf(&mut f, "total"),
            share: leaf(&mut f, "share"),
            approximate: leaf(&mut f, "approximate"),
        }
    }
}

impl FromFields for WireTorture {
    fn from_fields(mut f: Fields) -> Self {
        WireTorture {
            total: leaf(&mut f, "total"),
            children: leaf(&mut f, "children"),
            included_in_civilians: leaf(&mut f, "included_in_civilians"),
            by_party: field(&mut f, "by_party").map(|n| list(n, obj)),
        }
    }
}

impl FromFields for WirePersonnel {
    fn from_fields(mut f: Fields) -> Self {
        WirePersonnel {
            media: leaf(&mut f, "media"),
            medical: leaf(&mut f, "medical"),
            civil_defense: leaf(&mut f, "civil_defense"),
        }
    }
}

impl FromFields for WireMassacres {
    fn from_fields(mut f: Fields) -> Self {
        WireMassacres {
            count: leaf(&mut f, "count"),
            deaths: leaf(&mut f, "deaths"),
            children: leaf(&mut f, "children"),
            women: leaf(&mut f, "women"),
        }
    }
}
