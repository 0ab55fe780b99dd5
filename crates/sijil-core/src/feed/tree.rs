//! Reading JSON into a tree shaped by a static description of the format, in one serde visitor.
//!
//! Why not `#[derive(Deserialize)]` on the wire structs: serde instantiates serde_json's parser
//! once per visitor type, and a dozen lenient structs cost about 50 KB of wasm, half the size
//! budget of a whole widget. Why not `serde_json::Value`: a 5 MB document of tiny objects becomes
//! hundreds of megabytes of B-tree nodes. This reader is one non-generic visitor driven by a
//! [`Shape`] table, and it keeps only what the format can use:
//!
//! - object keys the shape does not name are skipped without being built;
//! - an object or array where the shape has no place for one is skipped and remembered only by
//!   its type (for "expected …, found an array");
//! - arrays stop storing at their shape's limit and only count the rest.
//!
//! So memory stays proportional to the useful part of the document. Nesting depth is bounded by
//! serde_json's recursion limit (an error, not a stack overflow).

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::wire::{JsonType, Num, Scalar};

/// What the format allows at a position.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Shape {
    /// A string, number, boolean or null.
    Leaf,
    /// An object with these known fields.
    Obj(&'static [Field]),
    /// An array of at most `.1` items of shape `.0`.
    List(&'static Shape, usize),
}

pub(crate) type Field = (&'static str, Shape);

/// A value as read. `null` is always `Leaf(Scalar::Null)`, whatever the shape.
#[derive(Debug)]
pub(crate) enum Node {
    Leaf(Scalar),
    Obj(Fields),
    List(Vec<Node>),
    /// An array over its limit: how many items it had.
    TooMany(usize),
    /// A value of the wrong kind for its position (an object where a list belongs, …), skipped.
    Wrong(JsonType),
}

/// The known fields present in one object, by index in its shape's table.
#[derive(Debug)]
pub(crate) struct Fields {
    table: &'static [Field],
    items: Vec<(usize, Node)>,
}

impl Fields {
    /// Removes and returns the field `name`; `None` if it was absent.
    pub(crate) fn take(&mut self, name: &str) -> Option<Node> {
        let index = self.table.iter().position(|(n, _)| *n == name);
        debug_assert!(index.is_some(), "field `{name}` is not in its shape table");
        let at = self.items.iter().position(|(i, _)| Some(*i) == index)?;
        Some(self.items.swap_remove(at).1)
    }
}

/// Parses `bytes` as a value of `shape`.
pub(crate) fn read(bytes: &[u8], shape: Shape) -> Result<Node, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let node = Reader(shape).deserialize(&mut de)?;
    de.end()?;
    Ok(node)
}

#[derive(Clone, Copy)]
struct Reader(Shape);

impl<'de> DeserializeSeed<'de> for Reader {
    type Value = Node;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Reader {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(self.leaf(JsonType::Bool, || Scalar::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(self.leaf(JsonType::Number, || Scalar::Number(Num::I(v))))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(self.leaf(JsonType::Number, || Scalar::Number(Num::U(v))))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(self.leaf(JsonType::Number, || Scalar::Number(Num::F(v))))
    }
    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(self.leaf(JsonType::String, || Scalar::String(v.to_owned())))
    }
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Leaf(Scalar::Null))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let Shape::Obj(table) = self.0 else {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            return Ok(self.leaf(JsonType::Object, || Scalar::Object));
        };
        let mut items: Vec<(usize, Node)> = Vec::new();
        while let Some(key) = map.next_key_seed(Key(table))? {
            match key {
                Some(i) if items.iter().any(|(j, _)| *j == i) => {
                    // The message serde's derive gives, which `json_error` maps to DuplicateKey.
                    return Err(de::Error::custom(format_args!(
                        "duplicate field `{}`",
                        table[i].0
                    )));
                }
                Some(i) => items.push((i, map.next_value_seed(Reader(table[i].1))?)),
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Node::Obj(Fields { table, items }))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let Shape::List(item, max) = self.0 else {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(self.leaf(JsonType::Array, || Scalar::Array));
        };
        let mut items = Vec::new();
        while items.len() < max {
            match seq.next_element_seed(Reader(*item))? {
                Some(node) => items.push(node),
                None => return Ok(Node::List(items)),
            }
        }
        // Exactly `max` items is within the limit: look one ahead before giving up on them.
        if seq.next_element::<IgnoredAny>()?.is_none() {
            return Ok(Node::List(items));
        }
        drop(items);
        let mut len = max + 1;
        while seq.next_element::<IgnoredAny>()?.is_some() {
            len += 1;
        }
        Ok(Node::TooMany(len))
    }
}

impl Reader {
    /// A scalar is kept where a leaf belongs, and only typed anywhere else.
    fn leaf(self, found: JsonType, value: impl FnOnce() -> Scalar) -> Node {
        match self.0 {
            Shape::Leaf => Node::Leaf(value()),
            Shape::Obj(_) | Shape::List(..) => Node::Wrong(found),
        }
    }
}

/// An object key: its index in the table, or `None` for a key the format does not know.
struct Key(&'static [Field]);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Option<usize>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Option<usize>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object key")
    }
    fn visit_str<E>(self, v: &str) -> Result<Option<usize>, E> {
        Ok(self.0.iter().position(|(name, _)| *name == v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ITEM: Shape = Shape::Obj(&[("n", Shape::Leaf)]);
    const DOC: Shape = Shape::Obj(&[("a", Shape::Leaf), ("list", Shape::List(&ITEM, 2))]);

    fn read_doc(json: &str) -> Fields {
        match read(json.as_bytes(), DOC).unwrap() {
            Node::Obj(f) => f,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unknown_keys_are_skipped_and_known_ones_kept() {
        let mut f = read_doc(r#"{"zzz": [1, {"deep": [2]}], "a": "x"}"#);
        assert!(matches!(f.take("a"), Some(Node::Leaf(Scalar::String(s))) if s == "x"));
        assert!(f.items.is_empty(), "nothing of `zzz` was kept");
    }

    #[test]
    fn containers_out_of_place_are_only_typed() {
        let mut f = read_doc(r#"{"a": {"n": 1}, "list": "no"}"#);
        assert!(matches!(f.take("a"), Some(Node::Leaf(Scalar::Object))));
        assert!(matches!(
            f.take("list"),
            Some(Node::Wrong(JsonType::String))
        ));
        let mut f = read_doc(r#"{"list": [[1], null]}"#);
        let Some(Node::List(items)) = f.take("list") else {
            panic!()
        };
        assert!(matches!(
            items[..],
            [Node::Wrong(JsonType::Array), Node::Leaf(Scalar::Null)]
        ));
    }

    #[test]
    fn lists_stop_at_their_limit_and_count_the_rest() {
        let mut f = read_doc(r#"{"list": [{"n": 1}, {"n": 2}]}"#);
        assert!(matches!(f.take("list"), Some(Node::List(items)) if items.len() == 2));
        let mut f = read_doc(r#"{"list": [{}, {}, {}, 4, "x"]}"#);
        assert!(matches!(f.take("list"), Some(Node::TooMany(5))));
    }

    #[test]
    fn a_known_key_twice_is_an_error_and_trailing_text_too() {
        let e = read(br#"{"a": 1, "a": 2}"#, DOC).unwrap_err();
        assert!(e.to_string().starts_with("duplicate field `a`"), "{e}");
        assert!(
            read(br#"{"zzz": 1, "zzz": 2}"#, DOC).is_ok(),
            "unknown keys are not checked"
        );
        assert!(read(br#"{} {}"#, DOC).is_err());
    }
}
