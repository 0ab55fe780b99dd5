//! Readers for single fields of the wire structs: each checks one value and names its path.
//!
//! They are methods of [`Check`], which keeps the first error of the unit being read. They all
//! take the wire value (`None` = absent or `null`) and return `None` for it, so "not published"
//! stays distinguishable from zero; [`Check::required`] and the `required_*` readers also record
//! an error for it where the contract demands a value. On an error they record it and return
//! `None` too.

use super::error::{decimal, ErrorKind, Expected, FeedError};
use super::model::{LocalText, UrlText};
use super::path::Path;
use super::wire::{JsonType, List, Num, Obj, Scalar, WireText};
use super::MAX_COUNT;

pub(crate) type Res<T> = Result<T, FeedError>;

pub(crate) fn error(path: &Path, kind: ErrorKind) -> FeedError {
    FeedError::new(path.render(), kind)
}

/// An entry of a list that must be an object (a party, a month, a breakdown line): the first
/// check of its reader, so an early return here has nothing to clean up.
pub(crate) fn entry<T>(value: Obj<T>, path: &Path) -> Res<T> {
    match value {
        Obj::Ok(t) => Ok(t),
        Obj::Wrong(found) => Err(wrong_type(path, Expected::Object, found)),
    }
}

fn wrong_type(path: &Path, expected: Expected, found: JsonType) -> FeedError {
    error(path, ErrorKind::WrongType { expected, found })
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

    fn wrong(&mut self, path: &Path, expected: Expected, found: JsonType) {
        self.fail(path, ErrorKind::WrongType { expected, found });
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

    /// Records [`ErrorKind::Missing`] if `value` is `None`.
    pub(crate) fn required<T>(&mut self, value: Option<T>, path: &Path) -> Option<T> {
        if value.is_none() {
            self.fail(path, ErrorKind::Missing);
        }
        value
    }

    pub(crate) fn string(&mut self, value: Option<Scalar>, path: &Path) -> Option<String> {
        match value {
            None | Some(Scalar::Null) => None,
            Some(Scalar::String(s)) => Some(s),
            Some(other) => {
                self.wrong(path, Expected::String, other.json_type());
                None
            }
        }
    }

    pub(crate) fn required_string(&mut self, value: Option<Scalar>, path: &Path) -> Option<String> {
        let s = self.string(value, path);
        self.required(s, path)
    }

    pub(crate) fn boolean(&mut self, value: Option<Scalar>, path: &Path) -> Option<bool> {
        match value {
            None | Some(Scalar::Null) => None,
            Some(Scalar::Bool(b)) => Some(b),
            Some(other) => {
                self.wrong(path, Expected::Bool, other.json_type());
                None
            }
        }
    }

    /// A count: a whole number in `0..=MAX_COUNT`. `3.0` is accepted as 3 (JSON does not tell
    /// integers from floats, and JSON Schema's `integer` accepts it too); `3.5` is not.
    pub(crate) fn count(&mut self, value: Option<Scalar>, path: &Path) -> Option<u64> {
        let n = match value {
            None | Some(Scalar::Null) => return None,
            Some(Scalar::Number(n)) => n,
            Some(other) => {
                self.wrong(path, Expected::Integer, other.json_type());
                return None;
            }
        };
        let kind = match n {
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
        self.fail(path, kind);
        None
    }

    pub(crate) fn required_count(&mut self, value: Option<Scalar>, path: &Path) -> Option<u64> {
        let n = self.count(value, path);
        self.required(n, path)
    }

    /// A share in percent: any number from 0 up. Over 100 is left to the consistency warnings.
    pub(crate) fn share(&mut self, value: Option<Scalar>, path: &Path) -> Option<f64> {
        let f = match value {
            None | Some(Scalar::Null) => return None,
            Some(Scalar::Number(Num::U(u))) => u as f64,
            Some(Scalar::Number(Num::I(i))) => i as f64,
            Some(Scalar::Number(Num::F(f))) => f,
            Some(other) => {
                self.wrong(path, Expected::Number, other.json_type());
                return None;
            }
        };
        if f < 0.0 {
            self.fail(path, ErrorKind::Negative { value: decimal(f) });
            return None;
        }
        Some(f)
    }

    /// Localized text. Blank in both languages counts as absent: an error only where required.
    pub(crate) fn text(&mut self, value: Option<Obj<WireText>>, path: &Path) -> Option<LocalText> {
        let t = self.obj(value, path)?;
        let en = self.string(t.en, &path.field("en"));
        let ar = self.string(t.ar, &path.field("ar"));
        LocalText::new(en, ar)
    }

    pub(crate) fn required_text(
        &mut self,
        value: Option<Obj<WireText>>,
        path: &Path,
    ) -> Option<LocalText> {
        let present = value.is_some();
        let text = self.text(value, path);
        if text.is_none() {
            let kind = match present {
                true => ErrorKind::EmptyText,
                false => ErrorKind::Missing,
            };
            self.fail(path, kind);
        }
        text
    }

    pub(crate) fn url(&mut self, value: Option<Scalar>, path: &Path) -> Option<UrlText> {
        self.string(value, path).map(UrlText::new)
    }

    pub(crate) fn obj<T>(&mut self, value: Option<Obj<T>>, path: &Path) -> Option<T> {
        match value? {
            Obj::Ok(t) => Some(t),
            Obj::Wrong(found) => {
                self.wrong(path, Expected::Object, found);
                None
            }
        }
    }

    pub(crate) fn list<T, const MAX: usize>(
        &mut self,
        value: Option<List<T, MAX>>,
        path: &Path,
    ) -> Option<Vec<T>> {
        let kind = match value? {
            List::Items(items) => return Some(items),
            List::TooMany(count) => ErrorKind::TooMany { count, max: MAX },
            List::Wrong(found) => ErrorKind::WrongType {
                expected: Expected::Array,
                found,
            },
        };
        self.fail(path, kind);
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(n: Num) -> Option<Scalar> {
        Some(Scalar::Number(n))
    }

    fn count(value: Option<Scalar>, path: &Path) -> Res<Option<u64>> {
        let mut c = Check::default();
        let n = c.count(value, path);
        c.finish().map(|()| n)
    }

    #[test]
    fn counts_are_whole_bounded_and_absent_is_none() {
        let p = Path::ROOT.field("x");
        assert_eq!(count(None, &p), Ok(None));
        assert_eq!(count(Some(Scalar::Null), &p), Ok(None));
        assert_eq!(count(num(Num::U(0)), &p), Ok(Some(0)));
        assert_eq!(count(num(Num::F(3.0)), &p), Ok(Some(3)));
        assert_eq!(count(num(Num::U(MAX_COUNT)), &p), Ok(Some(MAX_COUNT)));
        let kind = |v| count(v, &p).unwrap_err().kind;
        assert!(matches!(kind(num(Num::I(-1))), ErrorKind::Negative { .. }));
        assert!(matches!(
            kind(num(Num::F(-0.5))),
            ErrorKind::Negative { .. }
        ));
        assert!(matches!(
            kind(num(Num::F(2.5))),
            ErrorKind::NotInteger { .. }
        ));
        assert!(matches!(
            kind(num(Num::U(MAX_COUNT + 1))),
            ErrorKind::TooBig { .. }
        ));
        assert!(matches!(kind(num(Num::F(1e300))), ErrorKind::TooBig { .. }));
        assert!(matches!(
            kind(Some(Scalar::String("3".into()))),
            ErrorKind::WrongType { .. }
        ));
    }
}
