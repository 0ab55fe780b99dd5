//! The path-carrying reader: single values of the parsed document ([`crate::json::JsonValue`]), each
//! checked and named by its JSON path (`months[3].civilians.total`).
//!
//! An [`Obj`] is an object of the document with its [`Path`]; [`Check`]'s readers take an object
//! and a key (`c.count(&civilians, "total")`) and return `None` for an absent or `null` field,
//! so "not published" stays distinguishable from zero. [`Check::required`] and the `required_*`
//! readers also record an error for it where the contract demands a value; on any error they
//! record it and return `None` too. A nested object or list is read the same way
//! (`c.obj(&month, "civilians")`, `c.list(&month, "by_party", MAX_PARTIES)`) and carries its own
//! path, so a new field is one line where its section is read.
//!
//! The document itself is the only copy of the feed while it is read: nothing is built for a
//! field the format does not know (unknown fields are never looked at), and a list over its
//! limit is refused by its length before any item is read.
//!
//! A key the reader asks for that appears twice in its object is an error of that object
//! (which one should count?); unknown keys may repeat, as they are never read. Numbers are split
//! as serde_json split them (see [`num`]), so every count reads, and every message words its
//! value, as under the serde reader this format was first read with.

use super::error::{decimal, ErrorKind, Expected, FeedError, JsonType};
use super::model::{LocalText, UrlText};
use super::path::Path;
use super::MAX_COUNT;
use crate::json::{JsonNumber, JsonValue};

pub(crate) type Res<T> = Result<T, FeedError>;

pub(crate) fn error(path: &Path, kind: ErrorKind) -> FeedError {
    FeedError::new(path.render(), kind)
}

/// The JSON type of a value, for "expected …, found …".
pub(crate) fn json_type(v: &JsonValue) -> JsonType {
    match v {
        JsonValue::Null => JsonType::Null,
        JsonValue::Bool(_) => JsonType::Bool,
        JsonValue::Number(_) => JsonType::Number,
        JsonValue::String(_) => JsonType::String,
        JsonValue::Array(_) => JsonType::Array,
        JsonValue::Object(_) => JsonType::Object,
    }
}

/// An object of the document, and where it is.
pub(crate) struct Obj<'a> {
    members: &'a [(String, JsonValue)],
    pub(crate) path: Path<'a>,
}

impl<'a> Obj<'a> {
    /// `value` at `path` as an object, or the error of whatever stood there instead.
    pub(crate) fn new(value: &'a JsonValue, path: Path<'a>) -> Res<Obj<'a>> {
        match value {
            JsonValue::Object(members) => Ok(Obj { members, path }),
            other => Err(error(&path, wrong(Expected::Object, other))),
        }
    }

    /// The member `key`, `null` included; `Err(())` if the key appears more than once.
    pub(crate) fn member(&self, key: &str) -> Result<Option<&'a JsonValue>, ()> {
        let mut found = self.members.iter().filter(|(k, _)| k == key);
        let first = found.next().map(|(_, v)| v);
        match found.next() {
            Some(_) => Err(()),
            None => Ok(first),
        }
    }
}

/// An array of the document (within its limit), and where it is.
pub(crate) struct List<'a> {
    pub(crate) items: &'a [JsonValue],
    pub(crate) path: Path<'a>,
}

fn wrong(expected: Expected, found: &JsonValue) -> ErrorKind {
    ErrorKind::WrongType {
        expected,
        found: json_type(found),
    }
}

/// A JSON number as serde_json split it: an integer that fits a `u64`, a negative one that fits
/// an `i64`, otherwise a float (`-0` included, as `-0.0`).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Num {
    U(u64),
    I(i64),
    F(f64),
}

/// `None` if the magnitude is too large for an `f64` (`1e400`).
fn num(n: &JsonNumber) -> Option<Num> {
    let negative = n.text().starts_with('-');
    match (n.as_u64(), n.as_i64()) {
        (Some(u), _) if !negative => Some(Num::U(u)),
        (_, Some(i)) if i < 0 => Some(Num::I(i)),
        _ => n.as_f64().map(Num::F),
    }
}

/// A number's text in a message: at most 40 characters (the document may hold any length).
fn number_text(n: &JsonNumber) -> String {
    let text = n.text();
    match text.get(..40) {
        Some(cut) if cut.len() < text.len() => format!("{cut}…"),
        _ => text.to_owned(),
    }
}

/// The first error of one unit being checked (the header, a party, a month), collected while its
/// reader carries on.
///
/// Why not `?` on every field: wasm size. Each `?` in a long reader was an exit of its own, with
/// its own clean-up of whatever had been built and not yet moved, and those exits were most of
/// the feed reader's code. Here a reader that finds an error records it and goes on with `None`
/// (or a placeholder the caller never sees), and returns once at the end. Only the first error is
/// kept, and everything up to it ran exactly as an early-returning reader would have, so the
/// error reported is the same; what runs after it can only record errors that are dropped.
#[derive(Default)]
pub(crate) struct Check {
    first: Option<FeedError>,
}

impl Check {
    /// Records `kind` at `path`, unless an earlier error was recorded.
    pub(crate) fn fail(&mut self, path: &Path, kind: ErrorKind) {
        if self.first.is_none() {
            self.first = Some(error(path, kind));
        }
    }

    /// True while no error is recorded.
    pub(crate) fn is_ok(&self) -> bool {
        self.first.is_none()
    }

    /// Moves the first error recorded, if any, to `errors`, leaving `self` empty for the next
    /// unit. (One function rather than `Vec::extend` inlined at each call: wasm size.)
    pub(crate) fn move_to(&mut self, errors: &mut Vec<FeedError>) {
        if let Some(e) = self.first.take() {
            errors.push(e);
        }
    }

    /// `Err` with the first error recorded, if any.
    pub(crate) fn finish(&mut self) -> Res<()> {
        self.first.take().map_or(Ok(()), Err)
    }

    /// Records [`ErrorKind::Missing`] at `o.key` if `value` is `None`.
    pub(crate) fn required<T>(&mut self, value: Option<T>, o: &Obj, key: &str) -> Option<T> {
        if value.is_none() {
            self.fail(&o.path.field(key), ErrorKind::Missing);
        }
        value
    }

    /// The field `key` of `o`; `None` if absent or `null`, or given twice (an error).
    pub(crate) fn get<'v>(&mut self, o: &Obj<'v>, key: &str) -> Option<&'v JsonValue> {
        match o.member(key) {
            Ok(v) => v.filter(|v| !matches!(v, JsonValue::Null)),
            Err(()) => {
                self.fail(&o.path, ErrorKind::DuplicateKey { key: key.into() });
                None
            }
        }
    }

    /// `value` as a string, or a wrong-type error at `path` (an array item: `null` is wrong too).
    pub(crate) fn string_value(&mut self, value: &JsonValue, path: &Path) -> Option<String> {
        match value {
            JsonValue::String(s) => Some(s.clone()),
            other => {
                self.fail(path, wrong(Expected::String, other));
                None
            }
        }
    }

    pub(crate) fn string(&mut self, o: &Obj, key: &str) -> Option<String> {
        let v = self.get(o, key)?;
        self.string_value(v, &o.path.field(key))
    }

    pub(crate) fn required_string(&mut self, o: &Obj, key: &str) -> Option<String> {
        let s = self.string(o, key);
        self.required(s, o, key)
    }

    pub(crate) fn boolean(&mut self, o: &Obj, key: &str) -> Option<bool> {
        match self.get(o, key)? {
            JsonValue::Bool(b) => Some(*b),
            other => {
                self.fail(&o.path.field(key), wrong(Expected::Bool, other));
                None
            }
        }
    }

    /// A number (of the `expected` kind, for the wrong-type message) that an `f64` can hold.
    fn number(&mut self, o: &Obj, key: &str, expected: Expected) -> Option<Num> {
        let v = self.get(o, key)?;
        let path = o.path.field(key);
        let JsonValue::Number(n) = v else {
            self.fail(&path, wrong(expected, v));
            return None;
        };
        let n_ = num(n);
        if n_.is_none() {
            self.fail(
                &path,
                ErrorKind::OutOfRange {
                    value: number_text(n),
                },
            );
        }
        n_
    }

    /// A count: a whole number in `0..=MAX_COUNT`. `3.0` is accepted as 3 (JSON does not tell
    /// integers from floats, and JSON Schema's `integer` accepts it too); `3.5` is not.
    pub(crate) fn count(&mut self, o: &Obj, key: &str) -> Option<u64> {
        let kind = match self.number(o, key, Expected::Integer)? {
            Num::U(u) if u <= MAX_COUNT => return Some(u),
            Num::U(u) => ErrorKind::TooBig {
                value: u.to_string(),
            },
            Num::I(i) => ErrorKind::Negative {
                value: i.to_string(),
            },
            Num::F(f) if f < 0.0 => ErrorKind::Negative { value: decimal(f) },
            Num::F(f) if f.fract() != 0.0 => ErrorKind::NotInteger { value: decimal(f) },
            Num::F(f) if f > MAX_COUNT as f64 => ErrorKind::TooBig { value: decimal(f) },
            Num::F(f) => return Some(f as u64),
        };
        self.fail(&o.path.field(key), kind);
        None
    }

    pub(crate) fn required_count(&mut self, o: &Obj, key: &str) -> Option<u64> {
        let n = self.count(o, key);
        self.required(n, o, key)
    }

    /// A version: any whole number, however large (a version too large to be a count is still
    /// just a newer version), else read as a count, for its message.
    pub(crate) fn version(&mut self, o: &Obj, key: &str) -> Option<u64> {
        match self
            .get(o, key)
            .and_then(JsonValue::as_number)
            .and_then(num)
        {
            Some(Num::U(v)) => Some(v),
            _ => self.required_count(o, key),
        }
    }

    /// A share in percent: any number from 0 up. Over 100 is left to the consistency warnings.
    pub(crate) fn share(&mut self, o: &Obj, key: &str) -> Option<f64> {
        let f = match self.number(o, key, Expected::Number)? {
            Num::U(u) => u as f64,
            Num::I(i) => i as f64,
            Num::F(f) => f,
        };
        if f < 0.0 {
            self.fail(
                &o.path.field(key),
                ErrorKind::Negative { value: decimal(f) },
            );
            return None;
        }
        Some(f)
    }

    /// Localized text. Blank in both languages counts as absent: an error only where required.
    pub(crate) fn text(&mut self, o: &Obj, key: &str) -> Option<LocalText> {
        let t = self.obj(o, key)?;
        let en = self.string(&t, "en");
        let ar = self.string(&t, "ar");
        LocalText::new(en, ar)
    }

    pub(crate) fn required_text(&mut self, o: &Obj, key: &str) -> Option<LocalText> {
        let present = matches!(o.member(key), Ok(Some(v)) if !matches!(v, JsonValue::Null));
        let text = self.text(o, key);
        if text.is_none() {
            let kind = match present {
                true => ErrorKind::EmptyText,
                false => ErrorKind::Missing,
            };
            self.fail(&o.path.field(key), kind);
        }
        text
    }

    pub(crate) fn url(&mut self, o: &Obj, key: &str) -> Option<UrlText> {
        self.string(o, key).map(UrlText::new)
    }

    /// `value` as an object at `path`, or a wrong-type error (an array item: `null` is wrong).
    pub(crate) fn object<'b>(&mut self, value: &'b JsonValue, path: Path<'b>) -> Option<Obj<'b>> {
        match Obj::new(value, path) {
            Ok(o) => Some(o),
            Err(e) => {
                self.first.get_or_insert(e);
                None
            }
        }
    }

    pub(crate) fn obj<'b>(&mut self, o: &'b Obj, key: &'b str) -> Option<Obj<'b>> {
        let v = self.get(o, key)?;
        self.object(v, o.path.field(key))
    }

    /// The array `key` of `o`, refused by its length over `max` before any item is read.
    pub(crate) fn list<'b>(&mut self, o: &'b Obj, key: &'b str, max: usize) -> Option<List<'b>> {
        let v = self.get(o, key)?;
        let path = o.path.field(key);
        let kind = match v {
            JsonValue::Array(items) if items.len() <= max => return Some(List { items, path }),
            JsonValue::Array(items) => ErrorKind::TooMany {
                count: items.len(),
                max,
            },
            other => wrong(Expected::Array, other),
        };
        self.fail(&path, kind);
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{parse, Limits};

    /// Reads `key` of the object `doc` with `read`: the value, or the error.
    fn read<T>(doc: &str, read: fn(&mut Check, &Obj, &str) -> Option<T>) -> Res<Option<T>> {
        let value = parse(doc.as_bytes(), Limits::default()).unwrap();
        let root = Path::ROOT;
        let o = Obj::new(&value, root.field("x"))?;
        let mut c = Check::default();
        let n = read(&mut c, &o, "n");
        c.finish().map(|()| n)
    }

    #[test]
    fn counts_are_whole_bounded_and_absent_is_none() {
        let count = |n: &str| read(&format!("{{\"n\": {n}}}"), Check::count);
        assert_eq!(read("{}", Check::count), Ok(None));
        assert_eq!(count("null"), Ok(None));
        assert_eq!(count("0"), Ok(Some(0)));
        assert_eq!(count("3.0"), Ok(Some(3)));
        assert_eq!(count("-0"), Ok(Some(0)));
        assert_eq!(count(&MAX_COUNT.to_string()), Ok(Some(MAX_COUNT)));
        let kind = |n: &str| count(n).unwrap_err().kind;
        assert_eq!(kind("-1"), ErrorKind::Negative { value: "-1".into() });
        assert!(matches!(kind("-0.5"), ErrorKind::Negative { .. }));
        assert_eq!(
            kind("2.5"),
            ErrorKind::NotInteger {
                value: "2.5".into()
            }
        );
        assert!(matches!(kind("10000001"), ErrorKind::TooBig { .. }));
        assert!(matches!(kind("1e300"), ErrorKind::TooBig { .. }));
        assert!(matches!(kind("\"3\""), ErrorKind::WrongType { .. }));
        // Too large for any reading: an error at its path, its text cut short.
        let huge = format!("{}e400", "9".repeat(100));
        assert_eq!(
            count(&huge).unwrap_err(),
            FeedError::new(
                "x.n".into(),
                ErrorKind::OutOfRange {
                    value: format!("{}…", "9".repeat(40))
                }
            )
        );
    }

    #[test]
    fn a_key_read_twice_is_an_error_of_its_object_and_unknown_keys_may_repeat() {
        let e = read(r#"{"n": 1, "n": 2}"#, Check::count).unwrap_err();
        assert_eq!(e.path, "x");
        assert_eq!(e.kind, ErrorKind::DuplicateKey { key: "n".into() });
        assert_eq!(
            read(r#"{"z": 1, "z": 2, "n": 4}"#, Check::count),
            Ok(Some(4))
        );
    }

    #[test]
    fn lists_are_refused_by_length_and_type() {
        let list = |doc: &str| read(doc, |c, o, k| c.list(o, k, 2).map(|l| l.items.len()));
        assert_eq!(list(r#"{"n": [1, 2]}"#), Ok(Some(2)));
        assert_eq!(
            list(r#"{"n": [1, 2, 3]}"#).unwrap_err().kind,
            ErrorKind::TooMany { count: 3, max: 2 }
        );
        assert_eq!(
            list(r#"{"n": {}}"#).unwrap_err().kind,
            ErrorKind::WrongType {
                expected: Expected::Array,
                found: JsonType::Object
            }
        );
    }
}
