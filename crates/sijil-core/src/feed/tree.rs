//! Reading a feed document into a tree shaped by a static description of the format: the JSON is
//! parsed by [`crate::json`], then walked once with a [`Shape`] table, keeping only what the
//! format can use.
//!
//! Why not serde: serde instantiates serde_json's parser once per visitor type, and the serde
//! code behind this reader, although it was a single table-driven visitor, cost about 100 KB of
//! raw wasm (see `json`'s documentation) in a widget page whose whole budget is 100 KB
//! compressed. `json` is one non-generic parser; this walk over its [`Value`] is small.
//!
//! What the walk keeps, by the shape at each position:
//!
//! - object keys the shape does not name are dropped without a look inside;
//! - an object or array where the shape has no place for one is dropped and remembered only by
//!   its type (for "expected …, found an array");
//! - arrays over their shape's limit are dropped and only counted.
//!
//! Beyond `json`'s own errors (syntax, truncation, nesting), two things are errors of the
//! document as a whole, as they were for the serde reader this replaced:
//!
//! - a key of the format given twice in one object (which one should count?). Unknown keys may
//!   repeat: they are not read;
//! - a number the format reads whose magnitude is too large for an `f64` (`1e400`). `json`
//!   accepts any magnitude, as RFC 8259 allows, so this walk is where it is refused.
//!
//! They are found in document order, as a streaming reader finds them (the first `MAX` items of
//! an over-long array are walked for them before it is dropped), and located where serde_json
//! located them, just after the offending text (counting characters, not bytes), so their
//! messages are unchanged wherever a line is ASCII up to them.
//!
//! # Differences from the serde reader
//!
//! Every accepted feed, and every path and kind of error, is the same, with these exceptions,
//! all in documents that are broken anyway or nested beyond any use. (Checked when this reader
//! replaced the serde one, on the bad fixtures and 14 000 cut, damaged and hand-made documents:
//! 4 200 accepted, with identical feeds and warnings; the rest rejected with identical paths
//! and kinds, except 11 hand-made cases of the exceptions below.)
//!
//! - serde_json skipped what it did not read (unknown fields, a container where a leaf
//!   belongs) without checking its strings, so invalid UTF-8 or a lone surrogate escape
//!   (`"\ud800"`) there was accepted; `json` checks the whole document and calls it not JSON;
//! - nesting deeper than [`MAX_DEPTH`] is not JSON here, even inside an unknown field;
//! - a document with a syntax error is not JSON, even if a duplicate key comes before the error;
//! - lines and columns of syntax errors are `json`'s: 1-based, the column counted in characters
//!   rather than bytes, and at the offending character, so they sometimes differ from serde_json's
//!   (by one at the end of a truncated document).
//!
//! # Memory and depth
//!
//! The whole document is parsed into a [`Value`] before the walk, so a feed costs its `Value`
//! tree in memory, not just the part the format uses. That is bounded, since the byte length is
//! checked first ([`MAX_FEED_BYTES`], also given to the parser), and accepted as the price of a
//! parser small enough for the widgets; but it is a multiple of the input. Measured natively
//! (64-bit) at the 5 MB limit: 53 KB of real feed peaks at 191 KB; an unknown field holding
//! `[0,0,0,…]`, the worst case found (a heap-allocated number text per two bytes of input), at
//! 218 MB, 41 times its size, and arrays of `[]`, `{}` or `""` at 100 MB. wasm32's pointers are
//! half the size. The walk consumes the tree as it goes, so it adds little to that peak.
//!
//! Nesting is limited to [`MAX_DEPTH`] levels anywhere in the document by the parser: an error,
//! never a stack overflow (`json` parses iteratively, and dropping a `Value` recurses at most
//! that deep). The format itself needs 6. The serde reader had no limit inside skipped values.

use crate::json::{self, Limits, Number, Value};

use super::error::ErrorKind;
use super::wire::{JsonType, Num, Scalar};
use super::MAX_FEED_BYTES;

/// Deepest nesting of arrays and objects accepted anywhere in a document, unknown fields
/// included. v1 needs 6 (`months[].torture.by_party[]`); the rest is room for later minor
/// versions, whose fields this reader skips.
pub(crate) const MAX_DEPTH: usize = json::DEFAULT_MAX_DEPTH;

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
    /// A value of the wrong kind for its position (an object where a list belongs, …), dropped.
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

/// Parses `bytes` as a value of `shape`. The error is one of the document as a whole:
/// [`ErrorKind::NotJson`], [`ErrorKind::Truncated`], [`ErrorKind::DuplicateKey`] or (if the
/// caller did not check the length first) [`ErrorKind::TooLarge`].
pub(crate) fn read(bytes: &[u8], shape: Shape) -> Result<Node, ErrorKind> {
    let limits = Limits {
        max_depth: MAX_DEPTH,
        max_bytes: MAX_FEED_BYTES,
    };
    let value = json::parse(bytes, limits).map_err(|e| {
        let (line, column) = (e.line, e.column);
        match e.kind {
            json::ErrorKind::UnexpectedEnd => ErrorKind::Truncated { line, column },
            json::ErrorKind::TooLarge { size, max } => ErrorKind::TooLarge { bytes: size, max },
            _ => ErrorKind::NotJson { line, column },
        }
    })?;
    // The member and item indices leading to the value being walked, for locating an error.
    let mut at = Vec::new();
    node(value, shape, &mut at).map_err(|fault| {
        let (line, column) = locate(bytes, &at, fault);
        match fault {
            Fault::DuplicateKey => ErrorKind::DuplicateKey { line, column },
            Fault::OutOfRange => ErrorKind::NotJson { line, column },
        }
    })
}

/// An error found while walking; the path to it is left in the walk's `at`.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Fault {
    /// The key of the member at `at` is a known one already seen in its object.
    DuplicateKey,
    /// The number at `at` is too large for an `f64`.
    OutOfRange,
}

/// Walks `value` as a value of `shape`, consuming it: strings move into the tree uncopied, and
/// what the format does not use is freed as soon as it is passed. On success `at` is as it was;
/// on error it leads to the fault.
fn node(value: Value, shape: Shape, at: &mut Vec<usize>) -> Result<Node, Fault> {
    let scalar = match value {
        Value::Null => return Ok(Node::Leaf(Scalar::Null)),
        Value::Bool(b) => Scalar::Bool(b),
        Value::Number(n) => Scalar::Number(num(&n).ok_or(Fault::OutOfRange)?),
        Value::String(s) => Scalar::String(s),
        Value::Object(members) => {
            let Shape::Obj(table) = shape else {
                return Ok(misplaced(shape, Scalar::Object));
            };
            let mut items: Vec<(usize, Node)> = Vec::new();
            for (i, (key, value)) in members.into_iter().enumerate() {
                let Some(k) = table.iter().position(|(name, _)| *name == key) else {
                    continue;
                };
                at.push(i);
                if items.iter().any(|(j, _)| *j == k) {
                    return Err(Fault::DuplicateKey);
                }
                items.push((k, node(value, table[k].1, at)?));
                at.pop();
            }
            return Ok(Node::Obj(Fields { table, items }));
        }
        Value::Array(values) => {
            let Shape::List(item, max) = shape else {
                return Ok(misplaced(shape, Scalar::Array));
            };
            let len = values.len();
            let mut items = Vec::with_capacity(len.min(max));
            for (i, value) in values.into_iter().take(max).enumerate() {
                at.push(i);
                items.push(node(value, *item, at)?);
                at.pop();
            }
            return Ok(if len > max {
                Node::TooMany(len)
            } else {
                Node::List(items)
            });
        }
    };
    Ok(misplaced(shape, scalar))
}

/// What is kept of a value that is not the container `shape` asks for: at a leaf position the
/// scalar itself (an object or array there only as its type, its contents dropped), anywhere
/// else only its type, for "expected …, found …".
fn misplaced(shape: Shape, found: Scalar) -> Node {
    match shape {
        Shape::Leaf => Node::Leaf(found),
        Shape::Obj(_) | Shape::List(..) => Node::Wrong(found.json_type()),
    }
}

/// A number split as serde_json split it, so that `fields` judges every number as before:
/// unsigned if written as an integer that fits a `u64`, signed if a negative one that fits an
/// `i64`, otherwise a float (`-0` included, as `-0.0`). `None` if too large for an `f64`.
fn num(n: &Number) -> Option<Num> {
    let negative = n.text().starts_with('-');
    match (n.as_u64(), n.as_i64()) {
        (Some(u), _) if !negative => Some(Num::U(u)),
        (_, Some(i)) if i < 0 => Some(Num::I(i)),
        _ => n.as_f64().map(Num::F),
    }
}

/// Line and column (1-based, the column counting characters) of the end of the faulty text:
/// just after the number, or after the key and any whitespace before its colon. That is where
/// serde_json, and so the reader before this one, reported these errors.
///
/// `json` keeps no positions, so the text is found again by skipping over `bytes`, which is
/// known to be valid JSON, along the member and item indices in `at`. Only error paths pay for
/// this. Every access is checked: whatever the bytes, a position comes back, never a panic.
fn locate(bytes: &[u8], at: &[usize], fault: Fault) -> (usize, usize) {
    let mut c = Cursor { b: bytes, i: 0 };
    c.space();
    for (depth, &index) in at.iter().enumerate() {
        let object = c.peek() == Some(b'{');
        c.i += 1;
        c.space();
        for _ in 0..index {
            if object {
                c.member_key();
            }
            c.skip_value();
            c.space();
            c.i += 1; // ','
            c.space();
        }
        let key_wanted = fault == Fault::DuplicateKey && depth + 1 == at.len();
        if object && !key_wanted {
            c.member_key();
        }
    }
    // At the key or the number: past it, and (for a key) the whitespace before its colon.
    c.skip_value();
    if fault == Fault::DuplicateKey {
        c.space();
    }
    let end = c.i.min(bytes.len());
    let before = &bytes[..end];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    // Characters, not bytes (as `json` counts): UTF-8 continuation bytes are not counted.
    let column = before[line_start..]
        .iter()
        .filter(|&&b| b & 0xC0 != 0x80)
        .count();
    (line, column)
}

/// A position in a valid JSON document, moving over it without building anything.
struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    /// From an object member's key to its value.
    fn member_key(&mut self) {
        self.skip_value();
        self.space();
        self.i += 1; // ':'
        self.space();
    }

    /// From the start of a value (or key) to just past it.
    fn skip_value(&mut self) {
        let mut depth = 0usize;
        while let Some(b) = self.peek() {
            match b {
                b'"' => self.skip_string(),
                b'[' | b'{' => depth += 1,
                b']' | b'}' if depth > 0 => depth -= 1,
                // The end of a scalar: it is not part of it.
                b',' | b':' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r' if depth == 0 => return,
                _ => {}
            }
            if b != b'"' {
                self.i += 1;
            }
            if depth == 0 && matches!(b, b'"' | b']' | b'}') {
                return;
            }
        }
    }

    /// From an opening quote to just past the closing one.
    fn skip_string(&mut self) {
        self.i += 1;
        while let Some(b) = self.peek() {
            // An escape is two bytes or more, and its second byte never ends the string.
            self.i += if b == b'\\' { 2 } else { 1 };
            if b == b'"' {
                return;
            }
        }
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

    fn leaf(json: &str) -> Scalar {
        match read(json.as_bytes(), Shape::Leaf).unwrap() {
            Node::Leaf(s) => s,
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
    fn numbers_split_as_serde_json_split_them() {
        let n = |json: &str| match leaf(json) {
            Scalar::Number(n) => n,
            other => panic!("{other:?}"),
        };
        assert_eq!(n("0"), Num::U(0));
        assert_eq!(n("18446744073709551615"), Num::U(u64::MAX));
        assert_eq!(n("18446744073709551616"), Num::F(1.8446744073709552e19));
        assert_eq!(n("-5"), Num::I(-5));
        assert_eq!(n("-9223372036854775809"), Num::F(-9.223372036854776e18));
        assert_eq!(n("3.0"), Num::F(3.0));
        assert_eq!(n("25e-1"), Num::F(2.5));
        // serde_json reads `-0` as the float -0.0, not as an integer.
        assert!(matches!(n("-0"), Num::F(f) if f == 0.0 && f.is_sign_negative()));
        assert_eq!(n("1e-400"), Num::F(0.0));
    }

    #[test]
    fn document_errors_are_located_where_serde_json_put_them() {
        let err = |json: &str| read(json.as_bytes(), DOC).unwrap_err();
        // Just after the second key, and any whitespace before its colon.
        assert_eq!(
            err(r#"{"a": 1, "a": 2}"#),
            ErrorKind::DuplicateKey {
                line: 1,
                column: 12
            }
        );
        assert_eq!(
            err("{\"list\": [{\"n\": \"ش\"},\n {\"n\": [\"]\"], \"n\"  :\n2}]}"),
            ErrorKind::DuplicateKey {
                line: 2,
                column: 19
            }
        );
        // Just after a number too large for an f64, where the format reads it: at a leaf or
        // where a container belongs. Escaped quotes and brackets in strings are skipped over.
        assert_eq!(
            err(r#"{"zzz": {"a": "\"}[", "b": 2}, "list": [{"n": 1}, {"n": -1e400}]}"#),
            ErrorKind::NotJson {
                line: 1,
                column: 62
            }
        );
        assert_eq!(
            err("{\"list\":\n  1E+999 }"),
            ErrorKind::NotJson { line: 2, column: 8 }
        );
        // Not where it is skipped: unknown fields, containers at a leaf, items over the limit.
        for skipped in [
            r#"{"zzz": 1e400}"#,
            r#"{"a": [1e400]}"#,
            r#"{"list": [{}, {}, {"n": 1e400}]}"#,
        ] {
            assert!(read(skipped.as_bytes(), DOC).is_ok(), "{skipped}");
        }
        // The first error in document order, even in an array then dropped for its length.
        assert_eq!(
            err(r#"{"list": [{"n": 1, "n": 2}, {}, {}], "a": 1e400}"#),
            ErrorKind::DuplicateKey {
                line: 1,
                column: 22
            }
        );
        assert!(
            read(br#"{"zzz": 1, "zzz": 2}"#, DOC).is_ok(),
            "unknown keys are not checked"
        );
    }

    #[test]
    fn parse_errors_keep_their_position_and_cut_documents_are_truncated() {
        let err = |json: &[u8]| read(json, DOC).unwrap_err();
        assert_eq!(err(b"{} {}"), ErrorKind::NotJson { line: 1, column: 4 });
        assert_eq!(
            err(b"{\"a\": [1,\n"),
            ErrorKind::Truncated { line: 2, column: 1 }
        );
        assert_eq!(err(b""), ErrorKind::Truncated { line: 1, column: 1 });
        let nested = |n: usize| format!("{{\"zzz\": {}{}}}", "[".repeat(n), "]".repeat(n));
        assert!(read(nested(MAX_DEPTH - 1).as_bytes(), DOC).is_ok());
        assert!(matches!(
            err(nested(MAX_DEPTH).as_bytes()),
            ErrorKind::NotJson { line: 1, .. }
        ));
        // Stricter than serde_json, which did not check the strings of what it skipped.
        assert!(matches!(
            err(b"{\"zzz\": \"\xff\"}"),
            ErrorKind::NotJson { line: 1, .. }
        ));
        let big = vec![b' '; MAX_FEED_BYTES + 1];
        assert!(matches!(err(&big), ErrorKind::TooLarge { .. }));
    }
}
