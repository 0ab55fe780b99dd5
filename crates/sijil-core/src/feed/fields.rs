//! Readers for single fields of the wire structs: each checks one value and names its path.
//!
//! They all take the wire value (`None` = absent or `null`) and return `Ok(None)` for it, so
//! "not published" stays distinguishable from zero; [`required`] turns `None` into an error where
//! the contract demands a value.

use super::error::{decimal, ErrorKind, Expected, FeedError};
use super::model::{LocalText, UrlText};
use super::path::Path;
use super::wire::{List, Num, Obj, Scalar, WireText};
use super::MAX_COUNT;

pub(crate) type Res<T> = Result<T, FeedError>;

pub(crate) fn error(path: &Path, kind: ErrorKind) -> FeedError {
    FeedError::new(path.render(), kind)
}

fn wrong(path: &Path, expected: Expected, found: &Scalar) -> FeedError {
    error(
        path,
        ErrorKind::WrongType {
            expected,
            found: found.json_type(),
        },
    )
}

pub(crate) fn required<T>(value: Option<T>, path: &Path) -> Res<T> {
    value.ok_or_else(|| error(path, ErrorKind::Missing))
}

pub(crate) fn string(value: Option<Scalar>, path: &Path) -> Res<Option<String>> {
    match value {
        None | Some(Scalar::Null) => Ok(None),
        Some(Scalar::String(s)) => Ok(Some(s)),
        Some(other) => Err(wrong(path, Expected::String, &other)),
    }
}

pub(crate) fn boolean(value: Option<Scalar>, path: &Path) -> Res<Option<bool>> {
    match value {
        None | Some(Scalar::Null) => Ok(None),
        Some(Scalar::Bool(b)) => Ok(Some(b)),
        Some(other) => Err(wrong(path, Expected::Bool, &other)),
    }
}

/// A count: a whole number in `0..=MAX_COUNT`. `3.0` is accepted as 3 (JSON does not tell
/// integers from floats, and JSON Schema's `integer` accepts it too); `3.5` is not.
pub(crate) fn count(value: Option<Scalar>, path: &Path) -> Res<Option<u64>> {
    let n = match value {
        None | Some(Scalar::Null) => return Ok(None),
        Some(Scalar::Number(n)) => n,
        Some(other) => return Err(wrong(path, Expected::Integer, &other)),
    };
    let n = match n {
        Num::U(u) => u,
        Num::I(i) => {
            return Err(error(
                path,
                ErrorKind::Negative {
                    value: i.to_string(),
                },
            ))
        }
        Num::F(f) if f < 0.0 => return Err(error(path, ErrorKind::Negative { value: decimal(f) })),
        Num::F(f) if f.fract() != 0.0 => {
            return Err(error(path, ErrorKind::NotInteger { value: decimal(f) }))
        }
        Num::F(f) if f > MAX_COUNT as f64 => {
            return Err(error(path, ErrorKind::TooBig { value: decimal(f) }))
        }
        Num::F(f) => f as u64,
    };
    if n > MAX_COUNT {
        return Err(error(
            path,
            ErrorKind::TooBig {
                value: n.to_string(),
            },
        ));
    }
    Ok(Some(n))
}

/// A share in percent: any number from 0 up. Over 100 is left to the consistency warnings.
pub(crate) fn share(value: Option<Scalar>, path: &Path) -> Res<Option<f64>> {
    let f = match value {
        None | Some(Scalar::Null) => return Ok(None),
        Some(Scalar::Number(Num::U(u))) => u as f64,
        Some(Scalar::Number(Num::I(i))) => i as f64,
        Some(Scalar::Number(Num::F(f))) => f,
        Some(other) => return Err(wrong(path, Expected::Number, &other)),
    };
    if f < 0.0 {
        return Err(error(path, ErrorKind::Negative { value: decimal(f) }));
    }
    Ok(Some(f))
}

/// Localized text. Blank in both languages counts as absent: an error only where required.
pub(crate) fn text(value: Option<Obj<WireText>>, path: &Path) -> Res<Option<LocalText>> {
    let t = match obj(value, path)? {
        None => return Ok(None),
        Some(t) => t,
    };
    let en = string(t.en, &path.field("en"))?;
    let ar = string(t.ar, &path.field("ar"))?;
    Ok(LocalText::new(en, ar))
}

pub(crate) fn required_text(value: Option<Obj<WireText>>, path: &Path) -> Res<LocalText> {
    let present = value.is_some();
    match text(value, path)? {
        Some(t) => Ok(t),
        None if present => Err(error(path, ErrorKind::EmptyText)),
        None => Err(error(path, ErrorKind::Missing)),
    }
}

pub(crate) fn url(value: Option<Scalar>, path: &Path) -> Res<Option<UrlText>> {
    Ok(string(value, path)?.map(UrlText::new))
}

pub(crate) fn obj<T>(value: Option<Obj<T>>, path: &Path) -> Res<Option<T>> {
    match value {
        None => Ok(None),
        Some(Obj::Ok(t)) => Ok(Some(t)),
        Some(Obj::Wrong(found)) => Err(error(
            path,
            ErrorKind::WrongType {
                expected: Expected::Object,
                found,
            },
        )),
    }
}

pub(crate) fn list<T, const MAX: usize>(
    value: Option<List<T, MAX>>,
    path: &Path,
) -> Res<Option<Vec<T>>> {
    match value {
        None => Ok(None),
        Some(List::Items(items)) => Ok(Some(items)),
        Some(List::TooMany(count)) => Err(error(path, ErrorKind::TooMany { count, max: MAX })),
        Some(List::Wrong(found)) => Err(error(
            path,
            ErrorKind::WrongType {
                expected: Expected::Array,
                found,
            },
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(n: Num) -> Option<Scalar> {
        Some(Scalar::Number(n))
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
