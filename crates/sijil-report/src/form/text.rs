//! Cleaning what was typed into text boxes: names, free text, web addresses and whole numbers.
//!
//! Every cleaner takes the raw string exactly as typed and returns the value to store, `None`
//! when the box is empty, or the reason it cannot be accepted. Stored text is Unicode NFC, so
//! the same name typed on two phones (one composing "أ" as one code point, one as alef + hamza
//! above) is the same string in the organization's database, and lengths count characters
//! (Unicode scalar values) after normalization, as the user sees them.
//!
//! NFC comes from the `unicode-normalization` crate behind the default `nfc` feature. Its tables
//! cost about 48 KB brotli in wasm, a fifth of the form's 250 KB budget (measured on a scratch
//! wasm32 export that parses a `FormInput`, validates it and writes the wire JSON; opt-level z,
//! LTO, one codegen unit, panic=abort, wasm-opt -Oz: 256,849 bytes raw / 96,731 brotli with the
//! feature, 134,512 / 48,751 without).
//! Without the feature, [`nfc`] calls the normalizer the page installs with [`set_normalizer`]:
//! the form page (built without the feature) passes the browser's
//! `String.prototype.normalize("NFC")`, and `sijil export` (always built with the feature)
//! normalizes again, so the organization's data is NFC either way. `tests/nfc.rs` shows the
//! crate and the JavaScript engine agree on every place and party name of `../shared/data` and
//! on a generated corpus of decomposed Arabic, Latin, Greek, Cyrillic, Hangul and Indic text.

use sijil_core::digits::normalize;

/// Longest name part, in characters.
pub const NAME_MAX: usize = 100;

/// Why a name part was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameProblem {
    TooLong,
    /// Digits are never part of a name (a common slip: the age typed into the name box).
    Digits,
    /// A character that is not a letter, space, hyphen or apostrophe.
    BadChar(char),
    /// Only punctuation, no letter.
    NoLetter,
    /// The name in Latin letters contains letters of another script.
    NotLatin,
}

/// Cleans one name part: NFC, runs of spaces collapsed, trimmed; letters of any script (with
/// their combining marks, e.g. Arabic harakat), spaces, hyphens and apostrophes only.
pub fn clean_name(raw: &str) -> Result<Option<String>, NameProblem> {
    let text = collapse_spaces(&nfc(raw));
    if text.is_empty() {
        return Ok(None);
    }
    for c in text.chars() {
        let allowed = c.is_alphabetic()
            || is_mark(c)
            || matches!(c, ' ' | '-' | '\u{2010}' | '\'' | '\u{2019}' | '\u{02BC}' | '\u{2018}')
            // Zero-width (non-)joiners are part of correct Persian and Kurdish spelling.
            || matches!(c, '\u{200C}' | '\u{200D}');
        if !allowed {
            return Err(if c.is_numeric() {
                NameProblem::Digits
            } else {
                NameProblem::BadChar(c)
            });
        }
    }
    if !text.chars().any(char::is_alphabetic) {
        return Err(NameProblem::NoLetter);
    }
    if text.chars().count() > NAME_MAX {
        return Err(NameProblem::TooLong);
    }
    Ok(Some(text))
}

/// [`clean_name`], and every letter must be Latin (with accents and transliteration marks such
/// as "Ḥ" or "ʿ"): this box exists so the organization gets one agreed spelling in Latin letters.
pub fn clean_latin_name(raw: &str) -> Result<Option<String>, NameProblem> {
    let name = clean_name(raw)?;
    let latin = |c: char| {
        !c.is_alphabetic()
            || c.is_ascii_alphabetic()
            || matches!(c, '\u{00C0}'..='\u{02FF}' | '\u{1E00}'..='\u{1EFF}')
    };
    match name {
        Some(n) if !n.chars().all(latin) => Err(NameProblem::NotLatin),
        other => Ok(other),
    }
}

/// Why a free-text answer was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextProblem {
    /// Longer than `max` characters; `len` is how long it is, so the UI can say by how much.
    TooLong { max: usize, len: usize },
}

/// Cleans a one-line answer (a town, a place): NFC, control characters dropped, line breaks
/// and runs of spaces become one space, trimmed.
pub fn clean_line(raw: &str, max: usize) -> Result<Option<String>, TextProblem> {
    limit(collapse_spaces(&nfc(raw)), max)
}

/// Cleans a multi-line answer ("what happened"): NFC, `\r\n` → `\n`, control characters other
/// than line breaks and tabs dropped (they are invisible and were never meant), trimmed.
pub fn clean_multiline(raw: &str, max: usize) -> Result<Option<String>, TextProblem> {
    let text: String = nfc(raw)
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect();
    limit(text.trim().to_owned(), max)
}

/// Unicode NFC, with the crate's tables.
#[cfg(feature = "nfc")]
pub fn nfc(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfc().collect()
}

/// Unicode NFC by the normalizer the page installed ([`set_normalizer`]: the browser's
/// `String.prototype.normalize`), or the text unchanged when none was installed.
#[cfg(not(feature = "nfc"))]
pub fn nfc(text: &str) -> String {
    match NORMALIZER.get() {
        Some(f) => f(text),
        None => text.to_owned(),
    }
}

#[cfg(not(feature = "nfc"))]
static NORMALIZER: std::sync::OnceLock<fn(&str) -> String> = std::sync::OnceLock::new();

/// Installs the NFC normalizer used when the crate is built without its own tables (the form
/// page passes the browser's `String.prototype.normalize("NFC")`, which `tests/nfc.rs` shows
/// agrees with the crate). With the `nfc` feature the crate's tables are used and this does
/// nothing. The first installed normalizer stays.
pub fn set_normalizer(f: fn(&str) -> String) {
    #[cfg(not(feature = "nfc"))]
    let _ = NORMALIZER.set(f);
    #[cfg(feature = "nfc")]
    let _ = f;
}

/// Combining marks that are not letters themselves but belong to names: Latin accents typed as
/// separate marks (when NFC has no precomposed form), Arabic harakat and Quranic marks. Most
/// marks of other scripts (Indic vowel signs…) are already `Alphabetic`. Ranges, not a table:
/// a few bytes instead of a Unicode database.
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'   // combining diacritical marks
        | '\u{0483}'..='\u{0489}' // Cyrillic
        | '\u{0610}'..='\u{061A}' // Arabic signs
        | '\u{064B}'..='\u{065F}' // Arabic harakat
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{08D3}'..='\u{08FF}' // Arabic Extended-A marks
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}')
}

fn limit(text: String, max: usize) -> Result<Option<String>, TextProblem> {
    let len = text.chars().count();
    if len > max {
        Err(TextProblem::TooLong { max, len })
    } else if text.is_empty() {
        Ok(None)
    } else {
        Ok(Some(text))
    }
}

/// Whitespace of any kind (including no-break spaces and line breaks) collapsed to single
/// spaces; other control characters dropped; trimmed.
fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(char::is_whitespace)
        .map(|w| w.chars().filter(|c| !c.is_control()).collect::<String>())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}

/// Longest accepted link.
pub const URL_MAX: usize = 2000;

/// Why a link was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlProblem {
    /// Not `http://` or `https://` (also `javascript:`, `file:`, `data:` …).
    NotHttp,
    /// No host, spaces inside, or a user name before the host (`https://bank@evil.example`, a
    /// phishing trick).
    Malformed,
    TooLong,
}

/// Cleans a link to a photo, video or post: trimmed, `http`/`https` only, scheme lowercased.
pub fn clean_url(raw: &str) -> Result<Option<String>, UrlProblem> {
    let url = raw.trim();
    if url.is_empty() {
        return Ok(None);
    }
    if let Some(problem) = url_problem(url) {
        return Err(problem);
    }
    let (scheme, rest) = url.split_once("://").unwrap_or_default();
    Ok(Some(format!("{}://{rest}", scheme.to_ascii_lowercase())))
}

/// What is wrong with a (trimmed, non-empty) link, by [`clean_url`]'s rules, without making
/// its clean copy (the widget pages check the config's feed URL with it: `config::is_url`).
pub fn url_problem(url: &str) -> Option<UrlProblem> {
    let Some((scheme, rest)) = url.split_once("://") else {
        return Some(UrlProblem::NotHttp);
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Some(UrlProblem::NotHttp);
    }
    if url.chars().count() > URL_MAX {
        return Some(UrlProblem::TooLong);
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    (host.is_empty()
        || host.contains('@')
        || url.chars().any(|c| c.is_whitespace() || c.is_control()))
    .then_some(UrlProblem::Malformed)
}

/// Why a number box was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberProblem {
    NotANumber,
    TooBig,
}

/// A whole number typed in any digit set (٠–٩, ۰–۹, 0–9), at most `max`; empty is `None`.
pub fn parse_count(raw: &str, max: u32) -> Result<Option<u32>, NumberProblem> {
    let text = normalize(raw.trim());
    if text.is_empty() {
        return Ok(None);
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NumberProblem::NotANumber);
    }
    match text.parse::<u32>() {
        Ok(n) if n <= max => Ok(Some(n)),
        _ => Err(NumberProblem::TooBig),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_any_script_are_accepted_cleaned() {
        assert_eq!(clean_name("  محمد   أحمد "), Ok(Some("محمد أحمد".into())));
        assert_eq!(
            clean_name("O'Brien-Smith"),
            Ok(Some("O'Brien-Smith".into()))
        );
        assert_eq!(clean_name("مُحَمَّد"), Ok(Some("مُحَمَّد".into())));
        assert_eq!(clean_name("Zoë"), Ok(Some("Zoë".into())));
        assert_eq!(clean_name("Şêrko"), Ok(Some("Şêrko".into())));
        assert_eq!(clean_name("   "), Ok(None));
    }

    #[cfg(feature = "nfc")]
    #[test]
    fn names_are_stored_in_nfc() {
        // "e" + combining acute becomes one code point.
        assert_eq!(clean_name("Rene\u{0301}"), Ok(Some("Ren\u{e9}".into())));
        // Alef + combining hamza above composes to أ.
        assert_eq!(clean_name("\u{0627}\u{0654}حمد"), Ok(Some("أحمد".into())));
        // Shadda then fatha, or fatha then shadda: one canonical order.
        assert_eq!(
            clean_name("م\u{0651}\u{064E}"),
            clean_name("م\u{064E}\u{0651}")
        );
        // A mark with no precomposed form stays, and is accepted.
        assert_eq!(clean_name("q\u{0307}"), Ok(Some("q\u{0307}".into())));
        assert_eq!(clean_line("Rene\u{0301}", 10), Ok(Some("Ren\u{e9}".into())));
    }

    #[test]
    fn names_refuse_digits_symbols_and_overlong_parts() {
        assert_eq!(clean_name("Ahmad 2"), Err(NameProblem::Digits));
        assert_eq!(clean_name("أحمد ٢"), Err(NameProblem::Digits));
        assert_eq!(clean_name("a\u{0}b"), Ok(Some("ab".into())));
        assert_eq!(clean_name("<script>"), Err(NameProblem::BadChar('<')));
        assert_eq!(clean_name("--"), Err(NameProblem::NoLetter));
        assert_eq!(clean_name(&"ب".repeat(100)).map(|n| n.is_some()), Ok(true));
        assert_eq!(clean_name(&"ب".repeat(101)), Err(NameProblem::TooLong));
        assert_eq!(
            clean_latin_name("Ḥasan ʿAli"),
            Ok(Some("Ḥasan ʿAli".into()))
        );
        assert_eq!(clean_latin_name("Hasan حسن"), Err(NameProblem::NotLatin));
    }

    #[test]
    fn free_text_limits_and_cleaning() {
        assert_eq!(
            clean_line(" حي\n الشعار ", 10),
            Ok(Some("حي الشعار".into()))
        );
        assert_eq!(
            clean_multiline("a\r\nb\u{7}\n", 10),
            Ok(Some("a\nb".into()))
        );
        assert_eq!(
            clean_multiline(&"x".repeat(5001), 5000),
            Err(TextProblem::TooLong {
                max: 5000,
                len: 5001
            })
        );
        assert_eq!(
            clean_multiline(&"ض".repeat(5000), 5000).map(|t| t.is_some()),
            Ok(true)
        );
        assert_eq!(clean_line("  ", 10), Ok(None));
    }

    #[test]
    fn only_http_links() {
        assert_eq!(
            clean_url(" HTTPS://example.org/a?b#c "),
            Ok(Some("https://example.org/a?b#c".into()))
        );
        assert_eq!(clean_url("http://x.y"), Ok(Some("http://x.y".into())));
        assert_eq!(clean_url("javascript:alert(1)"), Err(UrlProblem::NotHttp));
        assert_eq!(
            clean_url("javascript://x.y/%0aalert(1)"),
            Err(UrlProblem::NotHttp)
        );
        assert_eq!(clean_url("ftp://x.y"), Err(UrlProblem::NotHttp));
        assert_eq!(clean_url("example.org"), Err(UrlProblem::NotHttp));
        assert_eq!(clean_url("https://"), Err(UrlProblem::Malformed));
        assert_eq!(clean_url("https://a b.org"), Err(UrlProblem::Malformed));
        assert_eq!(
            clean_url("https://bank@evil.example"),
            Err(UrlProblem::Malformed)
        );
        assert_eq!(
            clean_url(&format!("https://x.y/{}", "a".repeat(2000))),
            Err(UrlProblem::TooLong)
        );
        assert_eq!(clean_url(""), Ok(None));
    }

    #[test]
    fn counts_in_any_digits() {
        assert_eq!(parse_count("١٢", 100), Ok(Some(12)));
        assert_eq!(parse_count("۱۲", 100), Ok(Some(12)));
        assert_eq!(parse_count(" 7 ", 100), Ok(Some(7)));
        assert_eq!(parse_count("", 100), Ok(None));
        assert_eq!(parse_count("-1", 100), Err(NumberProblem::NotANumber));
        assert_eq!(parse_count("1.5", 100), Err(NumberProblem::NotANumber));
        assert_eq!(parse_count("101", 100), Err(NumberProblem::TooBig));
        assert_eq!(
            parse_count("99999999999999", 100),
            Err(NumberProblem::TooBig)
        );
    }
}
