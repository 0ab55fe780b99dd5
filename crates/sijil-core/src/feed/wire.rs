//! The feed as it is on the wire: structs mirroring the JSON of version 1, field for field, and
//! the [`Shape`] table that says which fields and arrays exist and how long arrays may be.
//!
//! This is the versioned boundary. Nothing here is trusted or interpreted: every field is
//! optional and every leaf accepts any JSON type, so that `validate` can say exactly which path
//! is missing or has the wrong type. Three lenient shapes:
//!
//! - [`Scalar`]: a leaf. Strings, numbers, booleans and null are kept; an array or object where a
//!   leaf belongs is dropped unread and remembered only by its type.
//! - [`Obj<T>`]: a nested object, or the type of whatever stood there instead.
//! - [`List<T, MAX>`]: an array of at most `MAX` items; of a longer one only the length is
//!   kept, so a hostile array of a million months never becomes a million structs.
//!
//! `null` reads as absent (`None`) for a field, and as a wrong type for an array item. Unknown
//! fields are dropped unread (forward compatibility). The reading itself is `tree` (one walk
//! over the parsed JSON for the whole format), and `shapes` describes v1 to it and fills these
//! structs from what it read.

pub use super::shapes::read;
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

/// A JSON number: an integer that fits a `u64`, a negative one that fits an `i64`, or any
/// other number as the nearest `f64` (the split serde_json makes; `tree` keeps it).
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
