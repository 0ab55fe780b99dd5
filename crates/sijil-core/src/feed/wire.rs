//! The feed as it is on the wire: serde structs mirroring the JSON of version 1, field for field.
//!
//! This is the versioned boundary. Nothing here is trusted or interpreted: every field is
//! optional and every leaf accepts any JSON type, so that `validate` can say exactly which path
//! is missing or has the wrong type (serde's own errors name neither). Three lenient shapes:
//!
//! - [`Scalar`]: a leaf. Strings, numbers, booleans and null are kept; an array or object where a
//!   leaf belongs is skipped without being built and remembered only by its type.
//! - [`Obj<T>`]: a nested object, or the type of whatever stood there instead.
//! - [`List<T, MAX>`]: an array that stops storing after `MAX` items and only counts the rest,
//!   so a hostile 5 MB array of months costs a counter, not a gigabyte of structs.
//!
//! Unknown fields are skipped by serde without being built (forward compatibility, and no cost).
//! Nesting depth is bounded by serde_json's recursion limit, so deep documents are an error, not
//! a stack overflow.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

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

#[derive(Debug, Default, serde::Deserialize)]
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
#[derive(Debug, Default, serde::Deserialize)]
pub struct WireText {
    pub en: Option<Scalar>,
    pub ar: Option<Scalar>,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct WirePublisher {
    pub name: Option<Obj<WireText>>,
    pub url: Option<Scalar>,
    pub methodology_url: Option<Scalar>,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct WireParty {
    pub id: Option<Scalar>,
    pub name: Option<Obj<WireText>>,
    pub parent: Option<Scalar>,
}

/// A party breakdown has at most one entry per party, so more entries than parties is an error.
pub type PartyList = List<Obj<WirePartyCount>, MAX_PARTIES>;

#[derive(Debug, Default, serde::Deserialize)]
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

#[derive(Debug, Default, serde::Deserialize)]
pub struct WireCounts {
    pub total: Option<Scalar>,
    pub children: Option<Scalar>,
    pub women: Option<Scalar>,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct WirePartyCount {
    pub party: Option<Scalar>,
    pub total: Option<Scalar>,
    pub children: Option<Scalar>,
    pub women: Option<Scalar>,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct WireGovernorateCount {
    pub governorate: Option<Scalar>,
    pub total: Option<Scalar>,
    pub share: Option<Scalar>,
    pub approximate: Option<Scalar>,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct WireTorture {
    pub total: Option<Scalar>,
    pub children: Option<Scalar>,
    pub included_in_civilians: Option<Scalar>,
    pub by_party: Option<PartyList>,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct WirePersonnel {
    pub media: Option<Scalar>,
    pub medical: Option<Scalar>,
    pub civil_defense: Option<Scalar>,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct WireMassacres {
    pub count: Option<Scalar>,
    pub deaths: Option<Scalar>,
    pub children: Option<Scalar>,
    pub women: Option<Scalar>,
}

// The visitors below differ only in what they do with the value they expect; every other JSON
// type becomes "wrong type" through this macro. Arrays and objects in the wrong place must still
// be consumed (with `IgnoredAny`), or serde_json would stop at their first item.
macro_rules! wrong_types {
    ($wrong:expr; $($skip:ident),*) => {
        fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> { Ok($wrong(JsonType::Bool)) }
        fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> { Ok($wrong(JsonType::Number)) }
        fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> { Ok($wrong(JsonType::Number)) }
        fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> { Ok($wrong(JsonType::Number)) }
        fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> { Ok($wrong(JsonType::String)) }
        fn visit_unit<E>(self) -> Result<Self::Value, E> { Ok($wrong(JsonType::Null)) }
        $(wrong_types!(@$skip $wrong);)*
    };
    (@seq $wrong:expr) => {
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok($wrong(JsonType::Array))
        }
    };
    (@map $wrong:expr) => {
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok($wrong(JsonType::Object))
        }
    };
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Number(Num::I(v)))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar::Number(Num::U(v)))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar::Number(Num::F(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::String(v.to_owned()))
            }
            fn visit_unit<E>(self) -> Result<Scalar, E> {
                Ok(Scalar::Null)
            }
            wrong_types!(@seq |_| Scalar::Array);
            wrong_types!(@map |_| Scalar::Object);
        }
        d.deserialize_any(V)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Obj<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Obj<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Obj<T>, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(Obj::Ok)
            }
            wrong_types!(Obj::Wrong; seq);
        }
        d.deserialize_any(V(PhantomData))
    }
}

impl<'de, T: Deserialize<'de>, const MAX: usize> Deserialize<'de> for List<T, MAX> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T, const MAX: usize>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>, const MAX: usize> Visitor<'de> for V<T, MAX> {
            type Value = List<T, MAX>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<List<T, MAX>, A::Error> {
                bounded(seq)
            }
            wrong_types!(List::Wrong; map);
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// Keeps at most `MAX` items; past that, drops what it kept and only counts.
fn bounded<'de, T: Deserialize<'de>, A: SeqAccess<'de>, const MAX: usize>(
    mut seq: A,
) -> Result<List<T, MAX>, A::Error> {
    let mut items = Vec::new();
    while items.len() < MAX {
        match seq.next_element::<T>()? {
            Some(item) => items.push(item),
            None => return Ok(List::Items(items)),
        }
    }
    // Exactly MAX items is still within the limit: look one element ahead before giving up.
    if seq.next_element::<IgnoredAny>()?.is_none() {
        return Ok(List::Items(items));
    }
    drop(items);
    let mut len = MAX + 1;
    while seq.next_element::<IgnoredAny>()?.is_some() {
        len += 1;
    }
    Ok(List::TooMany(len))
}
