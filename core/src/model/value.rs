//! Parsed value types: ids, dates, durations and percentages.
//!
//! Each parser returns the expectation ("expected a duration like \"60s\"") as its error, so the
//! loader can say what was expected at the value's location.

use serde::{Serialize, Serializer};
use std::fmt;

/// A DNS-1123 label: a service, project, pattern or rule id.
///
/// Kept inline up to 24 bytes, as most ids are, and on the heap beyond: a tree names every
/// service once per dependency on it, so most of its ids are the 100k of the dependency lists.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Id(compact_str::CompactString);

/// What a valid id looks like, for messages.
pub const ID_EXPECTATION: &str = "a DNS-1123 label (lowercase letters, digits and '-', starting with a letter, at most 63 characters)";

impl Id {
    /// Parses a DNS-1123 label: `^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$`.
    pub fn parse(text: &str) -> Result<Id, String> {
        let bytes = text.as_bytes();
        let valid = !bytes.is_empty()
            && bytes.len() <= 63
            && bytes[0].is_ascii_lowercase()
            && bytes.iter().all(|&b| ID_BYTE[b as usize])
            && bytes[bytes.len() - 1] != b'-';
        if valid {
            Ok(Id(compact_str::CompactString::new(text)))
        } else {
            Err(format!("expected {ID_EXPECTATION}, found \"{text}\""))
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The bytes of an id: lowercase ASCII letters, digits and `-` (a table: every id and every
/// dependency of a tree is checked).
static ID_BYTE: [bool; 256] = crate::bytes::byte_table!(|byte| byte.is_ascii_lowercase()
    || byte.is_ascii_digit()
    || byte == b'-');

/// A map from ids to positions, hashed with foldhash: every dependency edge looks its target
/// up here, and SipHash's DoS resistance buys nothing against a reviewed repository.
pub(crate) type IdIndex = std::collections::HashMap<Id, usize, foldhash::fast::RandomState>;

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::borrow::Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

/// A calendar date (proleptic Gregorian), written `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

impl Date {
    /// A date from its parts, if they name a real day.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Date, String> {
        let expected =
            || format!("expected a date like \"2026-05-20\" (YYYY-MM-DD), found \"{text}\"");
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(expected());
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = &text[r];
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        match (num(0..4), num(5..7), num(8..10)) {
            (Some(y), Some(m), Some(d)) => {
                Date::from_ymd(y as i32, m as u8, d as u8).ok_or_else(expected)
            }
            _ => Err(expected()),
        }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The same day `months` later, clamped to the end of a shorter month (Aug 31 + 6 = Feb 28).
    pub fn add_months(self, months: u32) -> Date {
        let total = self.year as i64 * 12 + (self.month as i64 - 1) + months as i64;
        let year = total.div_euclid(12) as i32;
        let month = (total.rem_euclid(12) + 1) as u8;
        Date {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = self.year as i64 - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after this one (before, if negative).
    pub fn add_days(self, days: i64) -> Date {
        Date::from_days(self.to_days() + days)
    }

    /// The date `days` after 1970-01-01 (before, if negative): how a door turns its clock into
    /// *today*.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Whole days from `self` to `later` (negative if `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.to_days() - self.to_days()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Date, String> {
        Date::parse(s)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A length of time, exact to the millisecond: `"250ms"`, `"60s"`, `"5m"`, `"2h"`, `"30d"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Duration {
    millis: u64,
}

const UNITS: [(&str, u64); 5] = [
    ("d", 86_400_000),
    ("h", 3_600_000),
    ("m", 60_000),
    ("s", 1_000),
    ("ms", 1),
];

impl Duration {
    /// A duration of `millis` milliseconds.
    pub fn from_millis(millis: u64) -> Self {
        Duration { millis }
    }

    /// Parses a whole number followed by a unit: `ms`, `s`, `m`, `h` or `d`.
    pub fn parse(text: &str) -> Result<Duration, String> {
        let expected = || {
            format!(
                "expected a duration like \"60s\" (a whole number and ms, s, m, h or d), found \"{text}\""
            )
        };
        let split = text
            .find(|c: char| !c.is_ascii_digit())
            .ok_or_else(expected)?;
        let (number, unit) = text.split_at(split);
        let number: u64 = number.parse().map_err(|_| expected())?;
        let scale = UNITS
            .iter()
            .find(|(name, _)| *name == unit)
            .ok_or_else(expected)?
            .1;
        number
            .checked_mul(scale)
            .map(Duration::from_millis)
            .ok_or_else(expected)
    }

    /// The length in milliseconds.
    pub fn as_millis(self) -> u64 {
        self.millis
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (unit, scale) = UNITS
            .iter()
            .find(|(_, scale)| self.millis % scale == 0 && self.millis >= *scale)
            .unwrap_or(&("ms", 1));
        write!(f, "{}{}", self.millis / scale, unit)
    }
}

impl Serialize for Duration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A percentage from 0 to 100, exact to ten decimal places (no floating point): `"99.95%"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Percentage {
    /// Hundred-billionths of a percent, so 100% is `ONE`.
    units: u64,
}

/// Decimal places of a percent a [`Percentage`] keeps.
const PERCENT_DECIMALS: u32 = 10;
const PER_PERCENT: u64 = 10u64.pow(PERCENT_DECIMALS);

impl Percentage {
    /// 100%.
    pub const ONE: Percentage = Percentage {
        units: 100 * PER_PERCENT,
    };

    /// Parses `"99.95%"`, `"99.95"` or the source text of a TOML number (`99.95`, `100`).
    pub fn parse(text: &str) -> Result<Percentage, String> {
        let expected =
            || format!("expected a percentage from 0 to 100 like \"99.9%\", found \"{text}\"");
        let number = text.strip_suffix('%').unwrap_or(text).trim();
        let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit() || b == b'_');
        if whole.is_empty()
            || !digits(whole)
            || !digits(fraction)
            || fraction.len() > PERCENT_DECIMALS as usize
            || (number.contains('.') && fraction.is_empty())
        {
            return Err(expected());
        }
        /// The value of digits with `_` between them, and how many digits there are.
        fn value(digits: &str) -> Option<(u64, u32)> {
            digits
                .bytes()
                .filter(|&b| b != b'_')
                .try_fold((0u64, 0u32), |(value, count), digit| {
                    let value = value
                        .checked_mul(10)?
                        .checked_add(u64::from(digit - b'0'))?;
                    Some((value, count + 1))
                })
        }
        let (whole, fraction) = match (value(whole), value(fraction)) {
            (Some((whole, 1..)), Some(fraction)) => (whole, fraction),
            _ => return Err(expected()),
        };
        let fraction_units = match fraction {
            (_, 0) => 0,
            (units, count) => units * 10u64.pow(PERCENT_DECIMALS - count),
        };
        let units = whole
            .checked_mul(PER_PERCENT)
            .and_then(|w| w.checked_add(fraction_units))
            .filter(|&u| u <= Percentage::ONE.units)
            .ok_or_else(expected)?;
        Ok(Percentage { units })
    }

    /// The product of two percentages (`99.9% × 99.9% = 99.8001%`), rounded down past ten
    /// decimal places of a percent.
    pub fn product(self, other: Percentage) -> Percentage {
        let units = self.units as u128 * other.units as u128 / Percentage::ONE.units as u128;
        Percentage {
            units: units as u64,
        }
    }
}

impl fmt::Display for Percentage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.units / PER_PERCENT;
        let fraction = self.units % PER_PERCENT;
        if fraction == 0 {
            write!(f, "{whole}%")
        } else {
            let digits = format!("{fraction:0width$}", width = PERCENT_DECIMALS as usize);
            write!(f, "{whole}.{}%", digits.trim_end_matches('0'))
        }
    }
}

impl Serialize for Percentage {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_dns_labels() {
        assert!(Id::parse("shared-auth").is_ok());
        assert!(Id::parse("a").is_ok());
        for bad in ["", "Auth", "1auth", "auth-", "auth_x", &"a".repeat(64)] {
            assert!(Id::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_parse_and_do_calendar_arithmetic() {
        let d = Date::parse("2025-08-31").unwrap();
        assert_eq!(d.add_months(6).to_string(), "2026-02-28");
        assert_eq!(
            Date::parse("2024-02-29").unwrap().add_days(1).to_string(),
            "2024-03-01"
        );
        assert_eq!(Date::parse("1970-01-01").unwrap().to_days(), 0);
        assert_eq!(
            Date::parse("2025-11-20")
                .unwrap()
                .days_until(Date::parse("2026-05-20").unwrap()),
            181
        );
        assert!(Date::parse("2025-02-29").is_err());
        assert!(Date::parse("2025-1-01").is_err());
    }

    #[test]
    fn durations_keep_milliseconds() {
        assert_eq!(Duration::parse("60s").unwrap().as_millis(), 60_000);
        assert_eq!(Duration::parse("5m").unwrap().to_string(), "5m");
        assert_eq!(Duration::parse("1500ms").unwrap().to_string(), "1500ms");
        assert!(Duration::parse("5").is_err());
        assert!(Duration::parse("5 minutes").is_err());
        assert!(Duration::parse("-5s").is_err());
    }

    #[test]
    fn percentages_are_exact() {
        let p = Percentage::parse("99.9%").unwrap();
        assert_eq!(p.product(p).to_string(), "99.8001%");
        assert_eq!(p.product(Percentage::ONE), p);
        assert_eq!(Percentage::parse("100").unwrap(), Percentage::ONE);
        assert!(Percentage::parse("100.1%").is_err());
        assert!(Percentage::parse("abc").is_err());
        assert!(Percentage::parse("-1%").is_err());
        assert_eq!(Percentage::parse("0.1").unwrap().to_string(), "0.1%");
    }
}
