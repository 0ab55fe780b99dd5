//! Digit systems: reading numbers typed in any of the digit sets our users have on their
//! keyboards, and choosing which set to display.
//!
//! Arabic keyboards on Android type Arabic-Indic digits (٠–٩); Persian keyboards, common among
//! Syrian Kurds and in Iran-made phones, type Extended Arabic-Indic digits (۰–۹). A date or an age
//! typed in either must mean the same as in ASCII, so every numeric input goes through
//! [`normalize`] before it is parsed.

/// Replaces Arabic-Indic (U+0660–0669) and Extended Arabic-Indic (U+06F0–06F9) digits with ASCII
/// digits, and the Arabic decimal/thousands separators with ASCII ones. Everything else is kept.
pub fn normalize(input: &str) -> String {
    input
        .chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => ascii_digit(c as u32 - 0x0660),
            '\u{06F0}'..='\u{06F9}' => ascii_digit(c as u32 - 0x06F0),
            '\u{066B}' => '.', // ARABIC DECIMAL SEPARATOR
            '\u{066C}' => ',', // ARABIC THOUSANDS SEPARATOR
            other => other,
        })
        .collect()
}

fn ascii_digit(offset: u32) -> char {
    char::from_digit(offset, 10).expect("offset is 0..=9 by construction")
}

/// How numbers are displayed to the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum DigitSystem {
    /// 0–9
    #[default]
    Latin,
    /// ٠–٩
    ArabicIndic,
}

impl DigitSystem {
    /// The Unicode numbering-system id used by `Intl.NumberFormat` (`-u-nu-…`).
    pub fn nu(self) -> &'static str {
        match self {
            DigitSystem::Latin => "latn",
            DigitSystem::ArabicIndic => "arab",
        }
    }

    pub fn parse(s: &str) -> Option<DigitSystem> {
        match s {
            "latn" | "latin" => Some(DigitSystem::Latin),
            "arab" | "arabic" => Some(DigitSystem::ArabicIndic),
            _ => None,
        }
    }

    /// Rewrites the ASCII digits of an already formatted string into this system. Used where
    /// `Intl` is not available (server-side rendering, SVG exported files).
    pub fn apply(self, ascii: &str) -> String {
        let mut out = String::with_capacity(ascii.len() * 2);
        self.push(&mut out, ascii);
        out
    }

    /// Appends `ascii` to `out` with its digits in this system (no new string: charts write
    /// hundreds of months at a time).
    pub fn push(self, out: &mut String, ascii: &str) {
        match self {
            DigitSystem::Latin => out.push_str(ascii),
            DigitSystem::ArabicIndic => out.extend(ascii.chars().map(|c| match c.to_digit(10) {
                Some(d) => char::from_u32(0x0660 + d).unwrap_or(c),
                None => c,
            })),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_indic_and_persian_become_ascii() {
        assert_eq!(normalize("١٩٨٤"), "1984");
        assert_eq!(normalize("۱۹۸۴"), "1984");
        assert_eq!(normalize("٠٩٣٣ ١٢٣ ٤٥٦"), "0933 123 456");
        assert_eq!(normalize("٣٫٥"), "3.5");
        assert_eq!(normalize("mixed ٢ and 3 and ۴"), "mixed 2 and 3 and 4");
    }

    #[test]
    fn non_digits_are_untouched() {
        let s = "محمد O'Brien-Smith";
        assert_eq!(normalize(s), s);
    }

    #[test]
    fn round_trip_through_display_system() {
        let shown = DigitSystem::ArabicIndic.apply("138 (2021-02)");
        assert_eq!(shown, "١٣٨ (٢٠٢١-٠٢)");
        assert_eq!(normalize(&shown), "138 (2021-02)");
        assert_eq!(DigitSystem::Latin.apply("138"), "138");
        assert_eq!(DigitSystem::parse("arab"), Some(DigitSystem::ArabicIndic));
        assert_eq!(DigitSystem::ArabicIndic.nu(), "arab");
    }
}
