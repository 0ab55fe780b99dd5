//! Calendar values of the feed: a month (`YYYY-MM`) and a day (`YYYY-MM-DD`).
//!
//! Parsing is strict on purpose: exactly the ISO shapes the contract names, real calendar days
//! only (`2021-02-30` and `2023-02-29` are rejected, `2024-02-29` is accepted). A lenient parser
//! here would let a typo in a publisher's spreadsheet shift a month's figures to the wrong bar.

use std::fmt;

/// A calendar month. Ordered chronologically, which is what sorting the feed's months relies on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: u16,
    month: u8,
}

impl YearMonth {
    /// A month from its numbers; `None` unless `1 <= year <= 9999` and `1 <= month <= 12`.
    pub fn new(year: u16, month: u8) -> Option<Self> {
        ((1..=9999).contains(&year) && (1..=12).contains(&month))
            .then_some(YearMonth { year, month })
    }

    /// Parses exactly `YYYY-MM`.
    pub fn parse(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        if b.len() != 7 || b[4] != b'-' {
            return None;
        }
        YearMonth::new(digits(&b[0..4])? as u16, digits(&b[5..7])? as u8)
    }

    pub fn year(self) -> u16 {
        self.year
    }

    /// 1 = January.
    pub fn month(self) -> u8 {
        self.month
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// A calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year_month: YearMonth,
    day: u8,
}

impl Date {
    /// A day from its numbers; `None` unless it exists in the (proleptic Gregorian) calendar.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        let year_month = YearMonth::new(year, month)?;
        (day >= 1 && day <= days_in_month(year, month)).then_some(Date { year_month, day })
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        Date::new(
            digits(&b[0..4])? as u16,
            digits(&b[5..7])? as u8,
            digits(&b[8..10])? as u8,
        )
    }

    pub fn year_month(self) -> YearMonth {
        self.year_month
    }

    pub fn day(self) -> u8 {
        self.day
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:02}", self.year_month, self.day)
    }
}

/// When a massacre happened: a day, or only its month when the day is not known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DayOrMonth {
    Day(Date),
    Month(YearMonth),
}

impl DayOrMonth {
    /// Parses exactly `YYYY-MM-DD` (a real day) or `YYYY-MM`.
    pub fn parse(s: &str) -> Option<Self> {
        match Date::parse(s) {
            Some(d) => Some(DayOrMonth::Day(d)),
            None => YearMonth::parse(s).map(DayOrMonth::Month),
        }
    }

    pub fn year_month(self) -> YearMonth {
        match self {
            DayOrMonth::Day(d) => d.year_month(),
            DayOrMonth::Month(m) => m,
        }
    }
}

impl fmt::Display for DayOrMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DayOrMonth::Day(d) => d.fmt(f),
            DayOrMonth::Month(m) => m.fmt(f),
        }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

/// ASCII digits only: `str::parse` would also take a sign, which `+021-02` must not sneak past.
fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_strictly_and_print_back() {
        let m = YearMonth::parse("2021-02").unwrap();
        assert_eq!((m.year(), m.month()), (2021, 2));
        assert_eq!(m.to_string(), "2021-02");
        for bad in [
            "2021-2",
            "2021-13",
            "2021-00",
            "0000-01",
            "+021-02",
            "2021/02",
            "2021-02-01",
        ] {
            assert_eq!(YearMonth::parse(bad), None, "{bad}");
        }
        assert!(YearMonth::parse("2020-12").unwrap() < m);
    }

    #[test]
    fn dates_are_real_calendar_days() {
        assert_eq!(Date::parse("2021-03-01").unwrap().to_string(), "2021-03-01");
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2000-02-29").is_some());
        for bad in [
            "2021-02-30",
            "2023-02-29",
            "1900-02-29",
            "2021-04-31",
            "2021-01-00",
            "2021-1-01",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }
}
