//! Why a feed was rejected: a path into the document and a kind, renderable in Arabic and English.
//!
//! Kinds carry the offending values (shortened and escaped by [`quoted`], since a hostile feed can
//! put anything in a string, including terminal escape sequences), so the message can say what
//! was found and what was expected.

use std::fmt::{self, Write};

use super::calendar::YearMonth;
use super::{FORMAT, MAX_COUNT, SUPPORTED_VERSION};
use crate::lang::Lang;

/// A rejected feed: where, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedError {
    /// Like `months[3].civilians.total`; empty for the whole document.
    pub path: String,
    pub kind: ErrorKind,
}

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
    /// A field the format reads, given twice in one object (which one should count?); the
    /// error's path is the object's.
    DuplicateKey {
        key: String,
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
    /// A number too large for any reading (`1e400`), as written (cut to 40 characters).
    OutOfRange {
        value: String,
    },
    BadMonth {
        value: String,
    },
    BadDate {
        value: String,
    },
    /// A massacre's date: neither a real `YYYY-MM-DD` nor a `YYYY-MM`.
    BadDayOrMonth {
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

crate::texts! {
    /// Why a feed was rejected, one text per [`ErrorKind`] (and two for a version).
    FeedErrorText;
    too_large: "the document is {} bytes, over the limit of {} bytes", "حجم المستند {} بايت، وهو أكبر من الحد المسموح ({} بايت)";
    not_json: "not valid JSON (line {}, column {})", "ليس JSON صالحاً (السطر {}، العمود {})";
    truncated: "the JSON ends too early (line {}, column {}): the file may be cut off", "ينتهي JSON قبل اكتماله (السطر {}، العمود {}): قد يكون الملف مقطوعاً";
    duplicate_key: "field {} appears twice in the same object", "الحقل {} مكرر في الكائن نفسه";
    wrong_format: "format is {}, expected \"{}\"", "قيمة format هي {}، والمتوقع \"{}\"";
    newer_version: "feed version {} is newer than this reader, which understands version {}: update Sijil to read it", "إصدار الملف {} أحدث من هذا القارئ الذي يفهم الإصدار {}: حدّث سِجِل لقراءته";
    unsupported_version: "unsupported version {}: this reader understands version {}", "الإصدار {} غير مدعوم: هذا القارئ يفهم الإصدار {}";
    missing: "required field missing", "حقل مطلوب مفقود";
    wrong_type: "expected {}, found {}", "المتوقع {}، والموجود {}";
    negative: "negative number {}: counts and shares are 0 or more", "عدد سالب {}: الأعداد والنسب صفر أو أكثر";
    not_integer: "{} is not a whole number", "{} ليس عدداً صحيحاً";
    too_big: "count {} is over the limit of {}", "العدد {} أكبر من الحد {}";
    out_of_range: "number {} is too large to read", "الرقم {} أكبر من أن يُقرأ";
    bad_month: "{} is not a month written YYYY-MM", "{} ليس شهراً بالصيغة YYYY-MM";
    bad_date: "{} is not a real date written YYYY-MM-DD", "{} ليس تاريخاً صحيحاً بالصيغة YYYY-MM-DD";
    bad_day_or_month: "{} is not a real date written YYYY-MM-DD, nor a month written YYYY-MM", "{} ليس تاريخاً صحيحاً بالصيغة YYYY-MM-DD ولا شهراً بالصيغة YYYY-MM";
    duplicate_month: "month {} appears twice (first at months[{}])", "الشهر {} مكرر (ورد أولاً في months[{}])";
    bad_party_id: "party id {} must be 1 to 40 characters from a-z, 0-9 and _", "معرّف الجهة {} يجب أن يكون من 1 إلى 40 محرفاً من a-z و0-9 و_";
    duplicate_party: "party id {} is used twice", "معرّف الجهة {} مستخدم مرتين";
    unknown_party: "unknown party {}: not in the feed's parties", "جهة غير معروفة {}: ليست في قائمة الجهات في الملف";
    unknown_governorate: "unknown governorate {}: expected a p-code SY01 to SY14", "محافظة غير معروفة {}: المتوقع رمز من SY01 إلى SY14";
    unknown_parent: "parent {} is not a party in this feed", "الجهة الأم {} ليست جهة في هذا الملف";
    parent_cycle: "the parent of {} leads back to it (a cycle)", "الجهة الأم لـ{} تعود إليها (حلقة)";
    nested_parent: "parent {} has a parent itself: only one level of nesting is allowed", "الجهة الأم {} لها جهة أم بدورها: يُسمح بمستوى واحد فقط من التفرع";
    duplicate_entry: "{} appears twice in this breakdown", "{} مكرر في هذا التوزيع";
    no_figure: "a governorate line needs a total, a share, or both", "سطر المحافظة يحتاج total أو share أو كليهما";
    empty_text: "text needs a non-empty \"en\" or \"ar\"", "النص يحتاج قيمة غير فارغة في \"en\" أو \"ar\"";
    too_many: "{} items, over the limit of {}", "{} عنصراً، أكثر من الحد المسموح ({})";
}

crate::texts! {
    /// The names of JSON types, for "expected …, found …": what was expected ([`Expected`]),
    /// then what was found ([`JsonType`]) where it is said otherwise.
    TypeNames;
    object: "an object", "كائن";
    array: "an array", "مصفوفة";
    string: "a string", "نص";
    integer: "a whole number", "عدد صحيح";
    number: "a number", "رقم";
    expected_bool: "true or false", "true أو false";
    found_bool: "true/false", "قيمة منطقية";
    null: "null", "null";
}

impl ErrorKind {
    /// What is wrong, without the path.
    pub fn describe(&self, lang: Lang) -> String {
        use ErrorKind::*;
        // One `fill` with the template of `lang`, rather than a `format!` for each language: half
        // the formatting code in the wasm, and the other language is not formatted for nothing.
        let m = FeedErrorText::get(lang);
        match self {
            TooLarge { bytes, max } => fill(m.too_large, &[bytes, max]),
            NotJson { line, column } => fill(m.not_json, &[line, column]),
            Truncated { line, column } => fill(m.truncated, &[line, column]),
            DuplicateKey { key } => fill(m.duplicate_key, &[&quoted(key)]),
            WrongFormat { found } => fill(m.wrong_format, &[&quoted(found), &FORMAT]),
            UnsupportedVersion { found } if *found > SUPPORTED_VERSION => {
                fill(m.newer_version, &[found, &SUPPORTED_VERSION])
            }
            UnsupportedVersion { found } => {
                fill(m.unsupported_version, &[found, &SUPPORTED_VERSION])
            }
            Missing => fill(m.missing, &[]),
            WrongType { expected, found } => fill(
                m.wrong_type,
                &[&expected.name(lang), &type_name(*found, lang)],
            ),
            Negative { value } => fill(m.negative, &[value]),
            NotInteger { value } => fill(m.not_integer, &[value]),
            TooBig { value } => fill(m.too_big, &[value, &MAX_COUNT]),
            OutOfRange { value } => fill(m.out_of_range, &[value]),
            BadMonth { value } => fill(m.bad_month, &[&quoted(value)]),
            BadDate { value } => fill(m.bad_date, &[&quoted(value)]),
            BadDayOrMonth { value } => fill(m.bad_day_or_month, &[&quoted(value)]),
            DuplicateMonth { month, first } => fill(m.duplicate_month, &[month, first]),
            BadPartyId { id } => fill(m.bad_party_id, &[&quoted(id)]),
            DuplicateParty { id } => fill(m.duplicate_party, &[&quoted(id)]),
            UnknownParty { id } => fill(m.unknown_party, &[&quoted(id)]),
            UnknownGovernorate { code } => fill(m.unknown_governorate, &[&quoted(code)]),
            UnknownParent { id } => fill(m.unknown_parent, &[&quoted(id)]),
            ParentCycle { id } => fill(m.parent_cycle, &[&quoted(id)]),
            NestedParent { parent } => fill(m.nested_parent, &[&quoted(parent)]),
            DuplicateEntry { key } => fill(m.duplicate_entry, &[&quoted(key)]),
            NoFigure => fill(m.no_figure, &[]),
            EmptyText => fill(m.empty_text, &[]),
            TooMany { count, max } => fill(m.too_many, &[count, max]),
        }
    }
}

impl Expected {
    fn name(self, lang: Lang) -> &'static str {
        let n = TypeNames::get(lang);
        match self {
            Expected::Object => n.object,
            Expected::Array => n.array,
            Expected::String => n.string,
            Expected::Integer => n.integer,
            Expected::Number => n.number,
            Expected::Bool => n.expected_bool,
        }
    }
}

fn type_name(t: JsonType, lang: Lang) -> &'static str {
    let n = TypeNames::get(lang);
    match t {
        JsonType::Null => n.null,
        JsonType::Bool => n.found_bool,
        JsonType::Number => n.number,
        JsonType::String => n.string,
        JsonType::Array => n.array,
        JsonType::Object => n.object,
    }
}

/// `template` with each `{}` replaced by the next of `args`, in order (the messages' templates
/// have no other braces). The messages of both languages go through this one function instead
/// of a `format!` each: wasm size.
pub fn fill(template: &str, args: &[&dyn fmt::Display]) -> String {
    let mut out = String::new();
    let mut args = args.iter();
    for (i, piece) in template.split('{').enumerate() {
        let piece = match i {
            0 => piece,
            _ => {
                if let Some(arg) = args.next() {
                    let _ = write!(out, "{arg}");
                }
                piece.strip_prefix('}').unwrap_or(piece)
            }
        };
        out.push_str(piece);
    }
    out
}

/// A number from the feed in a message, with up to 6 decimals, e.g. `2.5`, `-4.5`, `0.001`.
/// Written by hand: Rust's float formatting would add tens of kilobytes to the wasm.
pub fn decimal(f: f64) -> String {
    let sign = if f < 0.0 { "-" } else { "" };
    let a = f.abs();
    if a.is_nan() || a >= 1e15 {
        return format!("{sign}1000000000000000+");
    }
    let (mut whole, mut millionths) = (a.trunc() as u64, ((a - a.trunc()) * 1e6).round() as u64);
    if millionths == 1_000_000 {
        (whole, millionths) = (whole + 1, 0);
    }
    // Digits pushed by hand rather than `format!`: shares are written on every widget page.
    let mut out = String::from(sign);
    crate::chart::num::push_uint(&mut out, whole);
    if millionths > 0 {
        out.push('.');
        let mut frac = String::new();
        crate::chart::num::push_uint(&mut frac, millionths + 1_000_000);
        out.push_str(frac[1..].trim_end_matches('0'));
    }
    out
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
