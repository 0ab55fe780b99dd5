//! Numbers and months in the reader's language and digit system.
//!
//! Integers are grouped by thousands here, in the browser and natively alike, as CLDR writes
//! them for the two languages and two digit systems a widget offers (1,234 and ١٬٢٣٤; the
//! language does not change them, the digit system does). `Intl.NumberFormat` is not asked: its
//! first use on a page loads the locale's data, one of the longest tasks of a widget's start on
//! a phone, for these four fixed answers; and the server's page (written natively) and the
//! app's must write every number alike, or the app draws the chart again. An end-to-end test
//! (`tests/e2e/numbers.spec.ts`) checks these answers against the browser's own `Intl`.

use sijil_core::digits::DigitSystem;
use sijil_core::lang::Lang;

/// A formatter for one language + digit system. Cheap to clone and compare, so components can
/// take it as a prop.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fmt {
    pub lang: Lang,
    pub digits: DigitSystem,
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
// Levantine month names, as SNHR's Arabic reports use them.
const MONTHS_AR: [&str; 12] = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
];

impl Fmt {
    pub fn new(lang: Lang, digits: DigitSystem) -> Self {
        Fmt { lang, digits }
    }

    /// An integer with grouping: 1,234 / ١٬٢٣٤.
    pub fn count(&self, n: u64) -> String {
        match self.digits {
            DigitSystem::ArabicIndic => group_with(n, '٠', "٬"),
            DigitSystem::Latin => group_with(n, '0', ","),
        }
    }

    /// A percentage with the decimals the feed gave (up to six): 43.48% / ٤٣٫٤٨٪.
    pub fn percent(&self, p: f64) -> String {
        let text = sijil_core::chart::num::decimal(p);
        match self.digits {
            DigitSystem::ArabicIndic => format!("{}٪", self.digits.apply(&text).replace('.', "٫")),
            DigitSystem::Latin => format!("{text}%"),
        }
    }

    /// A signed change: +12 / −3 (a real minus sign, read correctly by screen readers).
    pub fn change(&self, delta: i64) -> String {
        let sign = match delta.signum() {
            1 => "+",
            -1 => "\u{2212}",
            _ => "±",
        };
        format!("{sign}{}", self.count(delta.unsigned_abs()))
    }

    /// `2021-02` → "February 2021" / "شباط ٢٠٢١".
    pub fn month(&self, ym: &str) -> String {
        let (y, m) = ym.split_once('-').unwrap_or((ym, "01"));
        let idx = m.parse::<usize>().unwrap_or(1).clamp(1, 12) - 1;
        let name = match self.lang {
            Lang::Ar => MONTHS_AR[idx],
            Lang::En => MONTHS_EN[idx],
        };
        let mut out = String::with_capacity(name.len() + 1 + y.len() * 2);
        out.push_str(name);
        out.push(' ');
        self.digits.push(&mut out, y);
        out
    }

    /// `2021-02` → "Feb 21" for axis labels.
    pub fn month_short(&self, ym: &str) -> String {
        let (y, m) = ym.split_once('-').unwrap_or((ym, "01"));
        let idx = m.parse::<usize>().unwrap_or(1).clamp(1, 12) - 1;
        let yy = y.get(2..).unwrap_or(y);
        match self.lang {
            Lang::En => format!("{} {}", &MONTHS_EN[idx][..3], yy),
            Lang::Ar => format!("{} {}", MONTHS_AR[idx], self.digits.apply(yy)),
        }
    }

    /// `2025-01-02` → "2 January 2025" / "٢ كانون الثاني ٢٠٢٥".
    pub fn date(&self, ymd: &str) -> String {
        let day = ymd.get(8..10).unwrap_or("1").trim_start_matches('0');
        format!(
            "{} {}",
            self.plain(day),
            self.month(ymd.get(..7).unwrap_or(ymd))
        )
    }

    /// Digits only, no grouping (years, codes).
    pub fn plain(&self, s: &str) -> String {
        self.digits.apply(s)
    }
}

/// What the core's chart drawing needs to write numbers and months.
impl sijil_core::chart::draw::Labels for Fmt {
    fn count(&self, n: u64) -> String {
        Fmt::count(self, n)
    }
    fn percent(&self, p: f64) -> String {
        Fmt::percent(self, p)
    }
    fn month(&self, ym: &str) -> String {
        Fmt::month(self, ym)
    }
    fn month_short(&self, ym: &str) -> String {
        Fmt::month_short(self, ym)
    }
    fn digits(&self, s: &str) -> String {
        self.plain(s)
    }
    fn rtl(&self) -> bool {
        self.lang.dir() == "rtl"
    }
}

/// `n` with groups of three separated by `sep`, digits counted from `zero`.
fn group_with(n: u64, zero: char, sep: &str) -> String {
    let mut ascii = String::new();
    sijil_core::chart::num::push_uint(&mut ascii, n);
    let len = ascii.len();
    let mut out = String::with_capacity(len * (zero.len_utf8() + 1));
    for (i, d) in ascii.bytes().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(char::from_u32(u32::from(zero) + u32::from(d - b'0')).unwrap_or('?'));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_months_follow_cldr() {
        let ar = Fmt::new(Lang::Ar, DigitSystem::ArabicIndic);
        let en = Fmt::new(Lang::En, DigitSystem::Latin);
        assert_eq!(en.count(1234567), "1,234,567");
        assert_eq!(ar.count(1234), "١٬٢٣٤");
        assert_eq!(en.count(138), "138");
        assert_eq!(en.percent(43.48), "43.48%");
        assert_eq!(ar.percent(43.48), "٤٣٫٤٨٪");
        assert_eq!(en.percent(27.0), "27%");
        assert_eq!(en.change(-3), "\u{2212}3");
        assert_eq!(en.month("2021-02"), "February 2021");
        assert_eq!(ar.month("2021-02"), "شباط ٢٠٢١");
        assert_eq!(en.month_short("2021-12"), "Dec 21");
    }

    #[test]
    fn groups_of_three_in_either_digit_system() {
        assert_eq!(group_with(1234567, '٠', "٬"), "١٬٢٣٤٬٥٦٧");
        assert_eq!(group_with(138, '0', ","), "138");
        assert_eq!(group_with(0, '0', ","), "0");
        assert_eq!(group_with(100_000, '0', ","), "100,000");
        assert_eq!(group_with(u64::MAX, '0', ""), u64::MAX.to_string());
        // The language does not change the grouping; the digit system does.
        for lang in [Lang::Ar, Lang::En] {
            assert_eq!(
                Fmt::new(lang, DigitSystem::Latin).count(1234567),
                "1,234,567"
            );
            assert_eq!(
                Fmt::new(lang, DigitSystem::ArabicIndic).count(1234567),
                "١٬٢٣٤٬٥٦٧"
            );
        }
    }
}
