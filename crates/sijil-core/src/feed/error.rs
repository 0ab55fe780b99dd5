//! Why a feed was rejected: a path into the document and a kind, renderable in Arabic and English.
//!
//! Kinds carry the offending values (shortened and escaped by [`quoted`], since a hostile feed can
//! put anything in a string, including terminal escape sequences), so the message can say what
//! was found and what was expected.

use std::fmt;

use super::calendar::YearMonth;
use super::wire::JsonType;
use super::{FORMAT, MAX_COUNT, SUPPORTED_VERSION};
use crate::lang::Lang;

/// A rejected feed: where, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedError {
    /// Like `months[3].civilians.total`; empty for the whole document.
    pub path: String,
    pub kind: ErrorKind,
}

/// What a value should have been, in a wrong-type error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    Object,
    Array,
    String,
    /// A count: a whole number.
    Integer,
    Number,
    Bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// Over [`MAX_FEED_BYTES`](super::MAX_FEED_BYTES); rejected before parsing.
    TooLarge {
        bytes: usize,
        max: usize,
    },
    NotJson {
        line: usize,
        column: usize,
    },
    /// The JSON ends early, as a cut-off download does.
    Truncated {
        line: usize,
        column: usize,
    },
    DuplicateKey {
        line: usize,
        column: usize,
    },
    WrongFormat {
        found: String,
    },
    UnsupportedVersion {
        found: u64,
    },
    Missing,
    WrongType {
        expected: Expected,
        found: JsonType,
    },
    Negative {
        value: String,
    },
    NotInteger {
        value: String,
    },
    TooBig {
        value: String,
    },
    BadMonth {
        value: String,
    },
    BadDate {
        value: String,
    },
    /// The same month twice; `first` is the index of its first occurrence in `months`.
    DuplicateMonth {
        month: YearMonth,
        first: usize,
    },
    BadPartyId {
        id: String,
    },
    DuplicateParty {
        id: String,
    },
    UnknownParty {
        id: String,
    },
    UnknownGovernorate {
        code: String,
    },
    UnknownParent {
        id: String,
    },
    /// `parent` leads back to this party.
    ParentCycle {
        id: String,
    },
    /// The parent has a parent itself: only one level of nesting is allowed.
    NestedParent {
        parent: String,
    },
    /// The same party or governorate twice in one breakdown.
    DuplicateEntry {
        key: String,
    },
    /// A governorate line with neither `total` nor `share`.
    NoFigure,
    /// Localized text with neither a non-blank `en` nor `ar`.
    EmptyText,
    /// An array over its limit (parties, months, sources, breakdown lines).
    TooMany {
        count: usize,
        max: usize,
    },
}

impl FeedError {
    pub(crate) fn new(path: String, kind: ErrorKind) -> Self {
        FeedError { path, kind }
    }

    /// The full sentence for a reader or publisher: path, then what is wrong.
    pub fn message(&self, lang: Lang) -> String {
        match self.path.is_empty() {
            true => self.kind.describe(lang),
            false => format!("{}: {}", self.path, self.kind.describe(lang)),
        }
    }
}

impl fmt::Display for FeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for FeedError {}

impl ErrorKind {
    /// What is wrong, without the path.
    pub fn describe(&self, lang: Lang) -> String {
        use ErrorKind::*;
        let en = lang == Lang::En;
        let pick = |e: String, a: String| if en { e } else { a };
        match self {
            TooLarge { bytes, max } => pick(
                format!("the document is {bytes} bytes, over the limit of {max} bytes"),
                format!("حجم المستند {bytes} بايت، وهو أكبر من الحد المسموح ({max} بايت)"),
            ),
            NotJson { line, column } => pick(
                format!("not valid JSON (line {line}, column {column})"),
                format!("ليس JSON صالحاً (السطر {line}، العمود {column})"),
            ),
            Truncated { line, column } => pick(
                format!("the JSON ends too early (line {line}, column {column}): the file may be cut off"),
                format!("ينتهي JSON قبل اكتماله (السطر {line}، العمود {column}): قد يكون الملف مقطوعاً"),
            ),
            DuplicateKey { line, column } => pick(
                format!("a field appears twice in the same object (line {line}, column {column})"),
                format!("حقل مكرر في الكائن نفسه (السطر {line}، العمود {column})"),
            ),
            WrongFormat { found } => pick(
                format!("format is {}, expected \"{FORMAT}\"", quoted(found)),
                format!("قيمة format هي {}، والمتوقع \"{FORMAT}\"", quoted(found)),
            ),
            UnsupportedVersion { found } if *found > SUPPORTED_VERSION => pick(
                format!("feed version {found} is newer than this reader, which understands version {SUPPORTED_VERSION}: update Sijil to read it"),
                format!("إصدار الملف {found} أحدث من هذا القارئ الذي يفهم الإصدار {SUPPORTED_VERSION}: حدّث سِجِل لقراءته"),
            ),
            UnsupportedVersion { found } => pick(
                format!("unsupported version {found}: this reader understands version {SUPPORTED_VERSION}"),
                format!("الإصدار {found} غير مدعوم: هذا القارئ يفهم الإصدار {SUPPORTED_VERSION}"),
            ),
            Missing => pick("required field missing".into(), "حقل مطلوب مفقود".into()),
            WrongType { expected, found } => pick(
                format!("expected {}, found {}", expected.name(lang), type_name(*found, lang)),
                format!("المتوقع {}، والموجود {}", expected.name(lang), type_name(*found, lang)),
            ),
            Negative { value } => pick(
                format!("negative number {value}: counts and shares are 0 or more"),
                format!("عدد سالب {value}: الأعداد والنسب صفر أو أكثر"),
            ),
            NotInteger { value } => pick(
                format!("{value} is not a whole number"),
                format!("{value} ليس عدداً صحيحاً"),
            ),
            TooBig { value } => pick(
                format!("count {value} is over the limit of {MAX_COUNT}"),
                format!("العدد {value} أكبر من الحد {MAX_COUNT}"),
            ),
            BadMonth { value } => pick(
                format!("{} is not a month written YYYY-MM", quoted(value)),
                format!("{} ليس شهراً بالصيغة YYYY-MM", quoted(value)),
            ),
            BadDate { value } => pick(
                format!("{} is not a real date written YYYY-MM-DD", quoted(value)),
                format!("{} ليس تاريخاً صحيحاً بالصيغة YYYY-MM-DD", quoted(value)),
            ),
            DuplicateMonth { month, first } => pick(
                format!("month {month} appears twice (first at months[{first}])"),
                format!("الشهر {month} مكرر (ورد أولاً في months[{first}])"),
            ),
            BadPartyId { id } => pick(
                format!("party id {} must be 1 to 40 characters from a-z, 0-9 and _", quoted(id)),
                format!("معرّف الجهة {} يجب أن يكون من 1 إلى 40 محرفاً من a-z و0-9 و_", quoted(id)),
            ),
            DuplicateParty { id } => pick(
                format!("party id {} is used twice", quoted(id)),
                format!("معرّف الجهة {} مستخدم مرتين", quoted(id)),
            ),
            UnknownParty { id } => pick(
                format!("unknown party {}: not in the feed's parties", quoted(id)),
                format!("جهة غير معروفة {}: ليست في قائمة الجهات في الملف", quoted(id)),
            ),
            UnknownGovernorate { code } => pick(
                format!("unknown governorate {}: expected a p-code SY01 to SY14", quoted(code)),
                format!("محافظة غير معروفة {}: المتوقع رمز من SY01 إلى SY14", quoted(code)),
            ),
            UnknownParent { id } => pick(
                format!("parent {} is not a party in this feed", quoted(id)),
                format!("الجهة الأم {} ليست جهة في هذا الملف", quoted(id)),
            ),
            ParentCycle { id } => pick(
                format!("the parent of {} leads back to it (a cycle)", quoted(id)),
                format!("الجهة الأم لـ{} تعود إليها (حلقة)", quoted(id)),
            ),
            NestedParent { parent } => pick(
                format!("parent {} has a parent itself: only one level of nesting is allowed", quoted(parent)),
                format!("الجهة الأم {} لها جهة أم بدورها: يُسمح بمستوى واحد فقط من التفرع", quoted(parent)),
            ),
            DuplicateEntry { key } => pick(
                format!("{} appears twice in this breakdown", quoted(key)),
                format!("{} مكرر في هذا التوزيع", quoted(key)),
            ),
            NoFigure => pick(
                "a governorate line needs a total, a share, or both".into(),
                "سطر المحافظة يحتاج total أو share أو كليهما".into(),
            ),
            EmptyText => pick(
                "text needs a non-empty \"en\" or \"ar\"".into(),
                "النص يحتاج قيمة غير فارغة في \"en\" أو \"ar\"".into(),
            ),
            TooMany { count, max } => pick(
                format!("{count} items, over the limit of {max}"),
                format!("{count} عنصراً، أكثر من الحد المسموح ({max})"),
            ),
        }
    }
}

impl Expected {
    fn name(self, lang: Lang) -> &'static str {
        let (en, ar) = match self {
            Expected::Object => ("an object", "كائن"),
            Expected::Array => ("an array", "مصفوفة"),
            Expected::String => ("a string", "نص"),
            Expected::Integer => ("a whole number", "عدد صحيح"),
            Expected::Number => ("a number", "رقم"),
            Expected::Bool => ("true or false", "true أو false"),
        };
        if lang == Lang::En {
            en
        } else {
            ar
        }
    }
}

fn type_name(t: JsonType, lang: Lang) -> &'static str {
    let (en, ar) = match t {
        JsonType::Null => ("null", "null"),
        JsonType::Bool => ("true/false", "قيمة منطقية"),
        JsonType::Number => ("a number", "رقم"),
        JsonType::String => ("a string", "نص"),
        JsonType::Array => ("an array", "مصفوفة"),
        JsonType::Object => ("an object", "كائن"),
    };
    if lang == Lang::En {
        en
    } else {
        ar
    }
}

/// A number from the feed in a message, with up to 6 decimals, e.g. `2.5`, `-4.5`, `0.001`.
/// Written by hand: Rust's float formatting would add tens of kilobytes to the wasm.
pub(crate) fn decimal(f: f64) -> String {
    let sign = if f < 0.0 { "-" } else { "" };
    let a = f.abs();
    if a.is_nan() || a >= 1e15 {
        return format!("{sign}1000000000000000+");
    }
    let (mut whole, mut millionths) = (a.trunc() as u64, ((a - a.trunc()) * 1e6).round() as u64);
    if millionths == 1_000_000 {
        (whole, millionths) = (whole + 1, 0);
    }
    match millionths {
        0 => format!("{sign}{whole}"),
        m => {
            let digits = format!("{m:06}");
            format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
        }
    }
}

/// Feed text inside a message: quoted, cut to 40 characters, control characters escaped, so a
/// hostile value can neither flood a terminal nor drive it with escape sequences.
pub(crate) fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for (i, c) in s.chars().enumerate() {
        if i == 40 {
            out.push('…');
            break;
        }
        match c {
            '"' | '\\' => out.extend(['\\', c]),
            c if c.is_control() || is_bidi_control(c) => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Bidirectional overrides and isolates could reorder the rest of the message around them.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_path_in_both_languages() {
        let e = FeedError::new("months[3].civilians.total".into(), ErrorKind::Missing);
        assert_eq!(
            e.message(Lang::En),
            "months[3].civilians.total: required field missing"
        );
        assert_eq!(
            e.message(Lang::Ar),
            "months[3].civilians.total: حقل مطلوب مفقود"
        );
        let v = ErrorKind::UnsupportedVersion { found: 2 };
        assert!(v.describe(Lang::En).contains("newer than this reader"));
        assert!(v.describe(Lang::Ar).contains("أحدث"));
    }

    #[test]
    fn decimals_print_without_float_formatting() {
        let cases = [
            (2.5, "2.5"),
            (-4.5, "-4.5"),
            (0.001, "0.001"),
            (3.0, "3"),
            (1e300, "1000000000000000+"),
        ];
        for (f, text) in cases {
            assert_eq!(decimal(f), text);
        }
        assert_eq!(decimal(43.4799999999), "43.48");
        assert_eq!(decimal(0.9999999), "1");
    }

    #[test]
    fn quoted_values_are_short_and_inert() {
        assert_eq!(quoted("a\u{1b}[31m\"b"), "\"a\\u{1b}[31m\\\"b\"");
        assert_eq!(quoted(&"x".repeat(100)).chars().count(), 43);
        assert_eq!(quoted("\u{202E}evil"), "\"\\u{202e}evil\"");
    }
}
