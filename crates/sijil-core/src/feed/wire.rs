//! The feed as it is on the wire: structs mirroring the JSON of version 1, field for field, and
//! the [`Shape`] table that says which fields and arrays exist and how long arrays may be.
//!
//! This is the versioned boundary. Nothing here is trusted or interpreted: every field is
//! optional and every leaf accepts any JSON type, so that `validate` can say exactly which path
//! is missing or has the wrong type. Three lenient shapes:
//!
//! - [`Scalar`]: a leaf. Strings, numbers, booleans and null are kept; an array or object where a
//!   leaf belongs is skipped without being built and remembered only by its type.
//! - [`Obj<T>`]: a nested object, or the type of whatever stood there instead.
//! - [`List<T, MAX>`]: an array that stops storing after `MAX` items and only counts the rest,
//!   so a hostile 5 MB array of months costs a counter, not a gigabyte of structs.
//!
//! `null` reads as absent (`None`) for a field, and as a wrong type for an array item. Unknown
//! fields are skipped without being built (forward compatibility, and no cost). The reading
//! itself is `tree` (one serde visitor for the whole format); the structs are filled from it here.

use super::tree::{self, Field, Fields, Node, Shape};
use super::{MAX_MONTHS, MAX_PARTIES, MAX_SOURCES};

/// The type of a JSON value, for "expected …, found …" messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonType {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

/// A JSON number as serde_json reports it (non-negative integer, negative integer, or other).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Num {
    U(u64),
    I(i64),
    F(f64),
}

/// A leaf value. Arrays and objects are not built, only recorded.
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar {
    Null,
    Bool(bool),
    Number(Num),
    String(String),
    Array,
    Object,
}

impl Scalar {
    pub fn json_type(&self) -> JsonType {
        match self {
            Scalar::Null => JsonType::Null,
            Scalar::Bool(_) => JsonType::Bool,
            Scalar::Number(_) => JsonType::Number,
            Scalar::String(_) => JsonType::String,
            Scalar::Array => JsonType::Array,
            Scalar::Object => JsonType::Object,
        }
    }
}

/// A field that should hold an object of shape `T`.
#[derive(Clone, Debug, PartialEq)]
pub enum Obj<T> {
    Ok(T),
    Wrong(JsonType),
}

/// A field that should hold an array of at most `MAX` items.
#[derive(Clone, Debug, PartialEq)]
pub enum List<T, const MAX: usize> {
    Items(Vec<T>),
    /// More than `MAX` items; the number found. None of them were kept.
    TooMany(usize),
    Wrong(JsonType),
}

#[derive(Debug, Default)]
pub struct WireFeed {
    pub format: Option<Scalar>,
    pub version: Option<Scalar>,
    pub publisher: Option<Obj<WirePublisher>>,
    pub updated: Option<Scalar>,
    pub notes: Option<Obj<WireText>>,
    pub parties: Option<List<Obj<WireParty>, MAX_PARTIES>>,
    pub months: Option<List<Obj<WireMonth>, MAX_MONTHS>>,
}

/// Localized text: `{"en": …, "ar": …}`.
#[derive(Debug, Default)]
pub struct WireText {
    pub en: Option<Scalar>,
    pub ar: Option<Scalar>,
}

#[derive(Debug, Default)]
pub struct WirePublisher {
    pub name: Option<Obj<WireText>>,
    pub url: Option<Scalar>,
    pub methodology_url: Option<Scalar>,
}

#[derive(Debug, Default)]
pub struct WireParty {
    pub id: Option<Scalar>,
    pub name: Option<Obj<WireText>>,
    pub parent: Option<Scalar>,
}

/// A party breakdown has at most one entry per party, so more entries than parties is an error.
pub type PartyList = List<Obj<WirePartyCount>, MAX_PARTIES>;

#[derive(Debug, Default)]
pub struct WireMonth {
    pub month: Option<Scalar>,
    pub published: Option<Scalar>,
    pub sources: Option<List<Scalar, MAX_SOURCES>>,
    pub civilians: Option<Obj<WireCounts>>,
    pub by_party: Option<PartyList>,
    pub by_governorate: Option<List<Obj<WireGovernorateCount>, 14>>,
    pub torture: Option<Obj<WireTorture>>,
    pub personnel: Option<Obj<WirePersonnel>>,
    pub massacres: Option<Obj<WireMassacres>>,
    pub notes: Option<Obj<WireText>>,
}

#[derive(Debug, Default)]
pub struct WireCounts {
    pub total: Option<Scalar>,
    pub children: Option<Scalar>,
    pub women: Option<Scalar>,
}

#[derive(Debug, Default)]
pub struct WirePartyCount {
    pub party: Option<Scalar>,
    pub total: Option<Scalar>,
    pub children: Option<Scalar>,
    pub women: Option<Scalar>,
}

#[derive(Debug, Default)]
pub struct WireGovernorateCount {
    pub governorate: Option<Scalar>,
    pub total: Option<Scalar>,
    pub share: Option<Scalar>,
    pub approximate: Option<Scalar>,
}

#[derive(Debug, Default)]
pub struct WireTorture {
    pub total: Option<Scalar>,
    pub children: Option<Scalar>,
    pub included_in_civilians: Option<Scalar>,
    pub by_party: Option<PartyList>,
}

#[derive(Debug, Default)]
pub struct WirePersonnel {
    pub media: Option<Scalar>,
    pub medical: Option<Scalar>,
    pub civil_defense: Option<Scalar>,
}

#[derive(Debug, Default)]
pub struct WireMassacres {
    pub count: Option<Scalar>,
    pub deaths: Option<Scalar>,
    pub children: Option<Scalar>,
    pub women: Option<Scalar>,
}

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
/// twice); everything else is in the returned structs for `validate` to judge.
pub fn read(bytes: &[u8]) -> Result<Obj<WireFeed>, serde_json::Error> {
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
