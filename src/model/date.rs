//! Calendar dates as every layer holds them: always valid, printed and stored as ISO.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A calendar date; only constructed through [`Date::new`], so it is always valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// Years outside this window are far more likely to be numbers than briefing dates.
const MIN_YEAR: u16 = 1900;
const MAX_YEAR: u16 = 2199;

impl Date {
    /// Validated constructor (month 1–12, day within the month, leap years; years 1900–2199).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return None;
        }
        let max = days_in_month(year, month)?;
        if day == 0 || day > max {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// "YYYY-MM-DD"
    pub fn to_iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for Date {
    /// Same as [`Date::to_iso`], so dates print the way they sort.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso())
    }
}

/// Gregorian rule: 2000 was a leap year, 1900 and 2100 are not.
fn is_leap(year: u16) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

fn days_in_month(year: u16, month: u8) -> Option<u8> {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 => Some(if is_leap(year) { 29 } else { 28 }),
        _ => None,
    }
}

/// Dates travel as ISO strings: what scripts expect and what sorts correctly as text.
impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_iso())
    }
}

/// Read back from the same ISO form (the on-disk index stores documents with their dates), and
/// validated again, so a damaged index cannot smuggle in an impossible date.
impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        let bad = || serde::de::Error::custom(format!("not an ISO date: {s:?}"));
        let mut parts = s.splitn(3, '-');
        let mut next = || parts.next().and_then(|p| p.parse::<u16>().ok());
        let (y, m, day) = (next(), next(), next());
        match (y, m, day) {
            (Some(y), Some(m), Some(day)) if m <= 12 && day <= 31 => {
                Date::new(y, m as u8, day as u8).ok_or_else(bad)
            }
            _ => Err(bad()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_validates_months_days_and_years() {
        assert!(Date::new(2025, 12, 11).is_some());
        assert!(Date::new(2025, 0, 1).is_none());
        assert!(Date::new(2025, 13, 1).is_none());
        assert!(Date::new(2025, 3, 0).is_none(), "day 0");
        assert!(Date::new(2025, 2, 31).is_none(), "31 February");
        assert!(Date::new(2025, 4, 31).is_none(), "31 April");
        assert!(Date::new(2025, 1, 31).is_some());
        assert!(Date::new(1899, 1, 1).is_none());
        assert!(Date::new(2200, 1, 1).is_none());
        assert!(Date::new(1900, 1, 1).is_some());
        assert!(Date::new(2199, 12, 31).is_some());
    }

    #[test]
    fn leap_years() {
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2025, 2, 29).is_none());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2100, 2, 29).is_none());
    }

    #[test]
    fn iso_and_display_are_zero_padded() {
        let d = Date::new(2026, 3, 1);
        assert_eq!(d.map(|d| d.to_iso()), Some("2026-03-01".to_string()));
        assert_eq!(d.map(|d| d.to_string()), Some("2026-03-01".to_string()));
        assert!(Date::new(2025, 12, 11) > Date::new(2025, 2, 28));
    }
}
