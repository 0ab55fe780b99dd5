//! Paths into the feed document, like `months[3].civilians.total`, for errors and warnings.
//!
//! A path is a chain of borrowed segments on the stack and is only rendered to a `String` when
//! something is reported, so walking a valid feed allocates nothing for paths.

use std::fmt;

#[derive(Clone, Copy)]
enum Segment<'a> {
    Root,
    Field(&'a str),
    Index(usize),
}

/// A location in the document. `Path::ROOT` renders as the empty string.
#[derive(Clone, Copy)]
pub(crate) struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    segment: Segment<'a>,
}

impl<'a> Path<'a> {
    pub(crate) const ROOT: Path<'static> = Path {
        parent: None,
        segment: Segment::Root,
    };

    /// `months`: where a feed's months are.
    pub(crate) const MONTHS: Path<'static> = Path {
        parent: Some(&Path::ROOT),
        segment: Segment::Field("months"),
    };

    pub(crate) fn field(&'a self, name: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Segment::Field(name),
        }
    }

    pub(crate) fn index(&'a self, i: usize) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Segment::Index(i),
        }
    }

    pub(crate) fn render(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(parent) = self.parent {
            parent.fmt(f)?;
        }
        match self.segment {
            Segment::Root => Ok(()),
            Segment::Field(name)
                if matches!(self.parent.map(|p| p.segment), Some(Segment::Root) | None) =>
            {
                f.write_str(name)
            }
            Segment::Field(name) => write!(f, ".{name}"),
            Segment::Index(i) => write!(f, "[{i}]"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_dotted_paths_with_indices() {
        let months = Path::ROOT.field("months");
        let m3 = months.index(3);
        let civ = m3.field("civilians");
        assert_eq!(civ.field("total").render(), "months[3].civilians.total");
        assert_eq!(Path::ROOT.render(), "");
        assert_eq!(Path::ROOT.field("version").render(), "version");
    }
}
