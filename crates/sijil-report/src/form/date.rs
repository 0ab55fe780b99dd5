//! Dates as relatives know them: an exact day, a month and year, or only a year, any of them
//! "approximately". A partial date stands for the span of days it could be, and the form's date
//! rules only fail when a date is *certainly* wrong: "March 2013" is not before "2013", but
//! "2012" is before "March 2013".
//!
//! The calendar day itself is the feed's [`Date`] (real Gregorian days, leap years checked), so
//! the crate has one date type; this module adds day counting and partial dates. No chrono or
//! time crate: "today" is always a parameter and this is all the calendar the form needs.

pub use sijil_core::feed::Date;

use sijil_core::digits::normalize;

/// Days since 1970-01-01 (negative before). Howard Hinnant's `days_from_civil`.
pub fn day_number(date: Date) -> i64 {
    let (m, d) = (i64::from(date.year_month().month()), i64::from(date.day()));
    let y = i64::from(date.year_month().year()) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `n` days since 1970-01-01; `None` outside years 1–9999. Inverse of [`day_number`].
/// The server uses it to turn its clock into "today".
pub fn from_day_number(n: i64) -> Option<Date> {
    let z = n + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Date::new(u16::try_from(y).ok()?, m as u8, d as u8)
}

/// Whole years from `from` to `to` (an age): 0 if `to` is before the first birthday.
pub fn whole_years(from: Date, to: Date) -> i32 {
    let (a, b) = (from.year_month(), to.year_month());
    let mut years = i32::from(b.year()) - i32::from(a.year());
    if (b.month(), to.day()) < (a.month(), from.day()) {
        years -= 1;
    }
    years
}

/// How much of a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    Day,
    Month,
    Year,
}

/// A possibly partial date. Invariant: `day` is only set with `month`, and together they name a
/// real day of `year` (guaranteed by the constructors).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PartialDate {
    year: u16,
    month: Option<u8>,
    day: Option<u8>,
    /// The user ticked "approximately".
    pub approximate: bool,
}

/// Why the parts typed into a date field do not make a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateProblem {
    /// A day or month without a year.
    YearMissing,
    /// A day without a month.
    DayWithoutMonth,
    /// A part is not a whole number.
    NotANumber,
    /// Year before [`MIN_YEAR`] or after 9999.
    YearOutOfRange,
    /// Month not 1–12.
    BadMonth,
    /// No such day in that month (31 April, 29 February 2023).
    NoSuchDay,
}

/// Earliest year the form accepts: a victim born in 1900 would be 111 in 2011.
pub const MIN_YEAR: u16 = 1900;

impl PartialDate {
    /// A date from its parts; `None` unless they name a real (partial) date from [`MIN_YEAR`].
    pub fn new(year: u16, month: Option<u8>, day: Option<u8>, approximate: bool) -> Option<Self> {
        if !(MIN_YEAR..=9999).contains(&year) {
            return None;
        }
        match (month, day) {
            (None, Some(_)) => return None,
            (Some(m), None) if !(1..=12).contains(&m) => return None,
            (Some(m), Some(d)) => {
                Date::new(year, m, d)?;
            }
            _ => {}
        }
        Some(PartialDate {
            year,
            month,
            day,
            approximate,
        })
    }

    /// Reads the three boxes of a date field as typed (Arabic-Indic and Persian digits accepted,
    /// surrounding spaces ignored). All empty is `Ok(None)`: the date was not given.
    pub fn from_parts(
        day: &str,
        month: &str,
        year: &str,
        approximate: bool,
    ) -> Result<Option<Self>, DateProblem> {
        let part = |s: &str| -> Result<Option<u32>, DateProblem> {
            let s = normalize(s.trim());
            if s.is_empty() {
                return Ok(None);
            }
            if s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(DateProblem::NotANumber);
            }
            Ok(s.parse().ok())
        };
        let (d, m, y) = (part(day)?, part(month)?, part(year)?);
        let Some(y) = y else {
            return if d.is_none() && m.is_none() {
                Ok(None)
            } else {
                Err(DateProblem::YearMissing)
            };
        };
        if !(u32::from(MIN_YEAR)..=9999).contains(&y) {
            return Err(DateProblem::YearOutOfRange);
        }
        if d.is_some() && m.is_none() {
            return Err(DateProblem::DayWithoutMonth);
        }
        if m.is_some_and(|m| !(1..=12).contains(&m)) {
            return Err(DateProblem::BadMonth);
        }
        let (y, m, d) = (y as u16, m.map(|m| m as u8), d.map(|d| d.min(99) as u8));
        PartialDate::new(y, m, d, approximate)
            .map(Some)
            .ok_or(DateProblem::NoSuchDay)
    }

    /// Parses the wire form `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse_iso(s: &str, approximate: bool) -> Option<Self> {
        let mut parts = s.split('-');
        let year = parts.next()?;
        let (month, day) = (parts.next(), parts.next());
        let widths_ok = year.len() == 4
            && month.is_none_or(|m| m.len() == 2)
            && day.is_none_or(|d| d.len() == 2)
            && parts.next().is_none();
        if !widths_ok || !s.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
            return None;
        }
        let num = |p: &str| p.parse::<u16>().ok();
        PartialDate::new(
            num(year)?,
            month.map(|m| num(m).map(|m| m as u8)).unwrap_or(None),
            day.map(|d| num(d).map(|d| d as u8)).unwrap_or(None),
            approximate,
        )
        .filter(|p| p.month.is_some() == month.is_some() && p.day.is_some() == day.is_some())
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: the wire form, and the value the UI puts back in boxes.
    pub fn to_iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    pub fn year(&self) -> u16 {
        self.year
    }

    pub fn month(&self) -> Option<u8> {
        self.month
    }

    pub fn day(&self) -> Option<u8> {
        self.day
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The first day this date could be.
    pub fn earliest(&self) -> Date {
        let d = Date::new(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1));
        d.expect("constructors only build real dates")
    }

    /// The last day this date could be.
    pub fn latest(&self) -> Date {
        if self.day.is_some() {
            return self.earliest();
        }
        let month = self.month.unwrap_or(12);
        (28..=31)
            .rev()
            .find_map(|d| Date::new(self.year, month, d))
            .expect("every month has a 28th")
    }

    /// The whole-year span of ages between `self` (a birth) and `to` (a death): the smallest
    /// and largest age the two spans allow.
    pub fn age_range(&self, to: &PartialDate) -> (i32, i32) {
        (
            whole_years(self.latest(), to.earliest()).max(0),
            whole_years(self.earliest(), to.latest()).max(0),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(day_number(date("1970-01-01")), 0);
        assert_eq!(day_number(date("2000-03-01")), 11_017);
        assert_eq!(day_number(date("1969-12-31")), -1);
        for n in [-30_000, -1, 0, 1, 11_016, 11_017, 19_782, 60_000] {
            assert_eq!(day_number(from_day_number(n).unwrap()), n);
        }
        assert_eq!(from_day_number(19_782).unwrap().to_string(), "2024-02-29");
    }

    #[test]
    fn parts_as_typed() {
        let p = PartialDate::from_parts("٥", "٣", "٢٠١٣", false)
            .unwrap()
            .unwrap();
        assert_eq!(p.to_iso(), "2013-03-05");
        assert_eq!(p.precision(), Precision::Day);
        let p = PartialDate::from_parts("", " 03 ", "۲۰۱۳", true)
            .unwrap()
            .unwrap();
        assert_eq!((p.to_iso(), p.approximate), ("2013-03".into(), true));
        assert_eq!(PartialDate::from_parts("", "", "", false), Ok(None));
        assert_eq!(
            PartialDate::from_parts("29", "2", "2023", false),
            Err(DateProblem::NoSuchDay)
        );
        assert!(PartialDate::from_parts("29", "2", "2024", false).is_ok());
        assert_eq!(
            PartialDate::from_parts("5", "", "2013", false),
            Err(DateProblem::DayWithoutMonth)
        );
        assert_eq!(
            PartialDate::from_parts("5", "3", "", false),
            Err(DateProblem::YearMissing)
        );
        assert_eq!(
            PartialDate::from_parts("", "13", "2013", false),
            Err(DateProblem::BadMonth)
        );
        assert_eq!(
            PartialDate::from_parts("", "", "20x3", false),
            Err(DateProblem::NotANumber)
        );
        assert_eq!(
            PartialDate::from_parts("", "", "-201", false),
            Err(DateProblem::NotANumber)
        );
        assert_eq!(
            PartialDate::from_parts("", "", "1850", false),
            Err(DateProblem::YearOutOfRange)
        );
    }

    #[test]
    fn spans_and_ages() {
        let y = PartialDate::parse_iso("2013", false).unwrap();
        assert_eq!(
            (y.earliest(), y.latest()),
            (date("2013-01-01"), date("2013-12-31"))
        );
        let feb = PartialDate::parse_iso("2024-02", false).unwrap();
        assert_eq!(feb.latest(), date("2024-02-29"));
        let day = PartialDate::parse_iso("2013-03-05", false).unwrap();
        assert_eq!(
            (day.earliest(), day.latest()),
            (date("2013-03-05"), date("2013-03-05"))
        );
        let birth = PartialDate::parse_iso("1990", false).unwrap();
        assert_eq!(birth.age_range(&day), (22, 23));
        assert_eq!(whole_years(date("2000-03-05"), date("2013-03-04")), 12);
        assert_eq!(whole_years(date("2000-03-05"), date("2013-03-05")), 13);
        for bad in [
            "13",
            "2013-3",
            "2013-13",
            "2013-02-30",
            "2013-03-05-01",
            "+013",
            "1899",
        ] {
            assert_eq!(PartialDate::parse_iso(bad, false), None, "{bad}");
        }
    }
}
