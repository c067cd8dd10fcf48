//! Dates: ages, whole-month periods and look-back windows.

use std::fmt;

use jiff::ToSpan;
use jiff::civil::Date;

/// The message for text that is not a date, without the text: what household fields say
/// (their values are never echoed). [`NotADate`] prefixes the text where it may be shown.
pub const NOT_A_DATE: &str = "not a date (YYYY-MM-DD)";

/// Text that is not a date written `YYYY-MM-DD`; shows as
/// `` `2026-13-01` is not a date (YYYY-MM-DD) ``.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotADate {
    text: String,
}

impl NotADate {
    /// The text that was given.
    pub fn text(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for NotADate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never a full identity number, and never a page of text.
        const SHOWN: usize = 40;
        let mut shown: String = self.text.chars().take(SHOWN).collect();
        if self.text.chars().count() > SHOWN {
            shown.push('…');
        }
        write!(
            f,
            "`{}` is {NOT_A_DATE}",
            crate::case::decode::scrub(&shown)
        )
    }
}

impl std::error::Error for NotADate {}

/// The one date parser of every front end: exactly `YYYY-MM-DD` (four-digit year, hyphens,
/// zero-padded month and day) and a real calendar day. Nothing else of ISO 8601 is accepted
/// (no basic format, time, zone or expanded year), so a value means the same to the case
/// format, policy files, reforms, tables, the CLI, C and Python.
pub fn parse_date(s: &str) -> Result<Date, NotADate> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    let bad = || NotADate { text: s.to_owned() };
    if !shape {
        return Err(bad());
    }
    s.parse::<Date>().map_err(|_| bad())
}

/// Serde `deserialize_with` helpers for dates in household data, through [`parse_date`];
/// their message is [`NOT_A_DATE`], without the value.
pub(crate) mod serde_date {
    use jiff::civil::Date;
    use serde::{Deserialize, Deserializer};

    pub(crate) fn required<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        super::parse_date(&s).map_err(|_| serde::de::Error::custom(super::NOT_A_DATE))
    }

    pub(crate) fn optional<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        let s: Option<String> = Option::deserialize(d)?;
        s.map(|s| super::parse_date(&s).map_err(|_| serde::de::Error::custom(super::NOT_A_DATE)))
            .transpose()
    }
}

/// When a person reaches an age (docs/law/boundaries.md §3, docs/law/open-points.md §6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgeRule {
    /// On the birthday itself (social-assistance practice; the default).
    Birthday,
    /// On the day after the birthday (the criminal-law reading, 法释〔2006〕1号 第2条).
    DayAfterBirthday,
}

impl AgeRule {
    /// Parses the policy value.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "birthday" => Some(Self::Birthday),
            "day_after_birthday" => Some(Self::DayAfterBirthday),
            _ => None,
        }
    }
}

/// Whole years of age on `on`. A 29 February birthday falls on 28 February in common years
/// (民法典 第202条: without a corresponding day, the month's last day).
pub fn age_on(birth: Date, on: Date, rule: AgeRule) -> i32 {
    if on < birth {
        return 0;
    }
    let mut years = i32::from(on.year()) - i32::from(birth.year());
    // The birthday in `on`'s year, compared as (month, day): no span arithmetic.
    let day = if birth.month() == 2 && birth.day() == 29 && !on.in_leap_year() {
        28
    } else {
        birth.day()
    };
    let anniversary = (birth.month(), day);
    let today = (on.month(), on.day());
    let reached = match rule {
        AgeRule::Birthday => today >= anniversary,
        AgeRule::DayAfterBirthday => today > anniversary,
    };
    if !reached {
        years -= 1;
    }
    years.max(0)
}

/// Whether `on` is at least `years` after `from` (含本数: exactly N years counts).
pub fn at_least_years_after(from: Date, on: Date, years: i16) -> bool {
    match from.checked_add(i64::from(years).years()) {
        Ok(d) => on >= d,
        Err(_) => false,
    }
}

/// The first day of `date`'s month.
pub fn month_start(date: Date) -> Date {
    date.first_of_month()
}

/// Whether the inclusive period `[start, end]` covers whole calendar months.
pub fn is_whole_months(start: Date, end: Date) -> bool {
    start.day() == 1 && end == end.last_of_month() && start <= end
}

/// Calendar months from `start` (a 1st) to `end` (a last day), inclusive.
pub fn months_between(start: Date, end: Date) -> i64 {
    let s = i64::from(start.year()) * 12 + i64::from(start.month());
    let e = i64::from(end.year()) * 12 + i64::from(end.month());
    (e - s + 1).max(0)
}

/// Months overlapping between two whole-month inclusive periods.
pub fn overlap_months(a: (Date, Date), b: (Date, Date)) -> i64 {
    let start = a.0.max(b.0);
    let end = a.1.min(b.1);
    if start > end {
        return 0;
    }
    months_between(start, end)
}

/// The look-back window: the `months` whole months before `as_of`'s month.
pub fn lookback_window(as_of: Date, months: i64) -> Option<(Date, Date)> {
    let first = month_start(as_of);
    let start = first.checked_sub(months.months()).ok()?;
    let end = first.yesterday().ok()?;
    Some((start, end))
}

/// `date` plus `months` months (clamped to the month's end).
pub fn add_months(date: Date, months: i64) -> Option<Date> {
    date.checked_add(months.months()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::Span;
    use jiff::civil::date;

    #[test]
    fn one_date_form() {
        assert_eq!(parse_date("2026-11-01"), Ok(date(2026, 11, 1)));
        assert_eq!(parse_date("0001-01-01"), Ok(date(1, 1, 1)));
        for bad in [
            "2026-13-01",
            "2026-02-30",
            "20261101",
            "2026-11-01T00:00:00",
            "2026-11-01Z",
            "+002026-11-01",
            "2026/11/01",
            "2026-11-1",
            " 2026-11-01",
            "",
        ] {
            assert_eq!(
                parse_date(bad).map_err(|e| e.text().to_owned()),
                Err(bad.to_owned())
            );
        }
        assert_eq!(
            parse_date("2026-13-01").unwrap_err().to_string(),
            "`2026-13-01` is not a date (YYYY-MM-DD)"
        );
        // An identity number given as a date is masked, and long text is cut.
        let e = parse_date("11010519491231002X").unwrap_err().to_string();
        assert_eq!(e, "`110105********002X` is not a date (YYYY-MM-DD)");
        let e = parse_date(&"a".repeat(100)).unwrap_err().to_string();
        assert_eq!(
            e,
            format!("`{}…` is not a date (YYYY-MM-DD)", "a".repeat(40))
        );
    }

    #[test]
    fn ages_on_and_around_the_birthday() {
        let b = date(1966, 11, 1);
        assert_eq!(age_on(b, date(2026, 11, 1), AgeRule::Birthday), 60);
        assert_eq!(age_on(b, date(2026, 10, 31), AgeRule::Birthday), 59);
        assert_eq!(age_on(b, date(2026, 11, 1), AgeRule::DayAfterBirthday), 59);
        assert_eq!(age_on(b, date(2026, 11, 2), AgeRule::DayAfterBirthday), 60);
    }

    #[test]
    fn leap_day_birthday() {
        let b = date(2008, 2, 29);
        assert_eq!(age_on(b, date(2026, 2, 28), AgeRule::Birthday), 18);
        assert_eq!(age_on(b, date(2026, 2, 27), AgeRule::Birthday), 17);
    }

    /// The span arithmetic `age_on` replaced, for comparison.
    fn age_by_span(birth: Date, on: Date, rule: AgeRule) -> i32 {
        if on < birth {
            return 0;
        }
        let mut years = i32::from(on.year()) - i32::from(birth.year());
        let anniversary = birth
            .checked_add(Span::new().years(i64::from(years)))
            .unwrap_or(birth);
        let reached = match rule {
            AgeRule::Birthday => on >= anniversary,
            AgeRule::DayAfterBirthday => on > anniversary,
        };
        if !reached {
            years -= 1;
        }
        years.max(0)
    }

    #[test]
    fn ages_equal_span_arithmetic() {
        let births = [
            date(2008, 2, 29),
            date(1966, 11, 1),
            date(2000, 1, 1),
            date(1999, 12, 31),
            date(2004, 2, 28),
            date(2004, 3, 1),
        ];
        let mut on = date(1999, 1, 1);
        while on < date(2030, 1, 1) {
            for b in births {
                for rule in [AgeRule::Birthday, AgeRule::DayAfterBirthday] {
                    assert_eq!(age_on(b, on, rule), age_by_span(b, on, rule), "{b} {on}");
                }
            }
            on = on.tomorrow().unwrap();
        }
    }

    #[test]
    fn windows_and_months() {
        let (s, e) = lookback_window(date(2026, 11, 15), 6).unwrap();
        assert_eq!((s, e), (date(2026, 5, 1), date(2026, 10, 31)));
        assert_eq!(months_between(s, e), 6);
        assert!(is_whole_months(date(2026, 2, 1), date(2026, 2, 28)));
        assert!(!is_whole_months(date(2026, 2, 2), date(2026, 2, 28)));
        assert_eq!(
            overlap_months((date(2026, 1, 1), date(2026, 12, 31)), (s, e)),
            6
        );
        assert!(at_least_years_after(
            date(2023, 11, 1),
            date(2026, 11, 1),
            3
        ));
        assert!(!at_least_years_after(
            date(2023, 11, 2),
            date(2026, 11, 1),
            3
        ));
    }
}
