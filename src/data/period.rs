//! Periods: financial years (`2024-25`, April to March) and their quarters
//! (`2024-25-Q2`; Q1 is April to June). Ordered by time, a year before its quarters.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    /// The calendar year the financial year starts in: 2024 for 2024-25.
    start: u16,
    /// 0 for the whole year, else 1 to 4.
    quarter: u8,
}

const MONTHS: [&str; 12] = [
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

impl Period {
    pub fn year(start: u16) -> Period {
        Period { start, quarter: 0 }
    }

    pub fn quarter_of(start: u16, quarter: u8) -> Period {
        Period { start, quarter }
    }

    /// Parses `2024-25` or `2024-25-Q2` (the `Q` in either case).
    pub fn parse(text: &str) -> Option<Period> {
        let text = text.trim();
        let (year, quarter) = match text.len() {
            7 => (text, 0),
            10 => {
                let (y, q) = text.split_at(7);
                let q = q.strip_prefix("-Q").or_else(|| q.strip_prefix("-q"))?;
                let q: u8 = q.parse().ok()?;
                if !(1..=4).contains(&q) {
                    return None;
                }
                (y, q)
            }
            _ => return None,
        };
        let (a, b) = year.split_once('-')?;
        if a.len() != 4 || b.len() != 2 || !a.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit()) {
            return None;
        }
        let start: u16 = a.parse().ok()?;
        let end: u16 = b.parse().ok()?;
        if (start + 1) % 100 != end || !(1900..=2200).contains(&start) {
            return None;
        }
        Some(Period { start, quarter })
    }

    pub fn is_quarter(self) -> bool {
        self.quarter != 0
    }

    pub fn start_year(self) -> u16 {
        self.start
    }

    pub fn quarter_number(self) -> Option<u8> {
        self.is_quarter().then_some(self.quarter)
    }

    /// The financial year a period belongs to (itself, for a year).
    pub fn financial_year(self) -> Period {
        Period::year(self.start)
    }

    /// Whether `other` is this period or lies inside it.
    pub fn contains(self, other: Period) -> bool {
        self == other || (!self.is_quarter() && other.start == self.start)
    }

    /// "2024/25" or "Quarter 2 2024/25 (July to September 2024)".
    pub fn label(self) -> String {
        match self.quarter {
            0 => self.year_label(),
            q => {
                let (first, last, year) = self.months();
                format!(
                    "Quarter {q} {} ({} to {} {year})",
                    self.year_label(),
                    MONTHS[first],
                    MONTHS[last]
                )
            }
        }
    }

    /// "2024/25" or "Q2 2024/25", for table headings.
    pub fn short_label(self) -> String {
        match self.quarter {
            0 => self.year_label(),
            q => format!("Q{q} {}", self.year_label()),
        }
    }

    /// "quarter 2, 2024/25" or "2024/25", for attributions in running text.
    pub fn quarter_words(self) -> String {
        match self.quarter {
            0 => self.year_label(),
            q => format!("quarter {q}, {}", self.year_label()),
        }
    }

    /// The months a period covers: "July to September 2024", "April 2024 to March
    /// 2025".
    pub fn months_words(self) -> String {
        match self.quarter {
            0 => format!("April {} to March {}", self.start, self.start + 1),
            _ => {
                let (first, last, year) = self.months();
                format!("{} to {} {year}", MONTHS[first], MONTHS[last])
            }
        }
    }

    /// The financial year so far at the end of the period: "April to September
    /// 2024", "April 2024 to March 2025".
    pub fn year_to_date_words(self) -> String {
        match self.quarter {
            0 | 4 => format!("April {} to March {}", self.start, self.start + 1),
            _ => {
                let (_, last, year) = self.months();
                format!("April to {} {year}", MONTHS[last])
            }
        }
    }

    /// The address segment: `2024-25` or `2024-25-q2`.
    pub fn slug(self) -> String {
        self.to_string().to_lowercase()
    }

    fn year_label(self) -> String {
        format!("{}/{:02}", self.start, (self.start + 1) % 100)
    }

    /// First and last month (0-based) and the calendar year of a quarter.
    fn months(self) -> (usize, usize, u16) {
        match self.quarter {
            1 => (3, 5, self.start),
            2 => (6, 8, self.start),
            3 => (9, 11, self.start),
            _ => (0, 2, self.start + 1),
        }
    }

    /// The last day of the period, as `(year, month 1-12)`, for "actual after now" checks.
    pub fn end_month(self) -> (u16, u8) {
        match self.quarter {
            0 | 4 => (self.start + 1, 3),
            q => (self.start, 3 + 3 * q),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:02}", self.start, (self.start + 1) % 100)?;
        if self.quarter != 0 {
            write!(f, "-Q{}", self.quarter)?;
        }
        Ok(())
    }
}

/// As its text; named a time, which the leak audit does not look for.
impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::leaves::tagged(s, crate::leaves::WHEN, self)
    }
}

const PERIOD_HELP: &str = "write financial years as 2024-25 and quarters as 2024-25-Q2";

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Period;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a period such as 2024-25 or 2024-25-Q2")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Period, E> {
                Period::parse(v)
                    .ok_or_else(|| E::custom(format!("`{v}` is not a period; {PERIOD_HELP}")))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Period, E> {
                Err(E::custom(format!("`{v}` is not a period; {PERIOD_HELP}")))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Period, E> {
                Err(E::custom(format!("`{v}` is not a period; {PERIOD_HELP}")))
            }
        }
        d.deserialize_any(V)
    }
}

/// A month written `2024-12`, for when a pending figure is expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month {
    pub year: u16,
    pub month: u8,
}

impl Month {
    pub fn parse(text: &str) -> Option<Month> {
        let (y, m) = text.trim().split_once('-')?;
        let (year, month): (u16, u8) = (y.parse().ok()?, m.parse().ok()?);
        (y.len() == 4 && m.len() == 2 && (1..=12).contains(&month)).then_some(Month { year, month })
    }

    /// "December 2024".
    pub fn label(self) -> String {
        format!("{} {}", MONTHS[self.month as usize - 1], self.year)
    }
}

/// As `2024-12`; named a time, which the leak audit does not look for.
impl Serialize for Month {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text = format!("{:04}-{:02}", self.year, self.month);
        crate::leaves::tagged(s, crate::leaves::WHEN, &text)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Month::parse(&text).ok_or_else(|| {
            de::Error::custom(format!(
                "`{text}` is not a month; write it as YYYY-MM, e.g. 2024-12"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_and_labels() {
        let y = Period::parse("2024-25").unwrap();
        assert_eq!(y.label(), "2024/25");
        let q = Period::parse("2024-25-Q2").unwrap();
        assert_eq!(q.label(), "Quarter 2 2024/25 (July to September 2024)");
        assert_eq!(
            Period::parse("2024-25-q4").unwrap().label(),
            "Quarter 4 2024/25 (January to March 2025)"
        );
        assert_eq!(q.slug(), "2024-25-q2");
        assert_eq!(q.to_string(), "2024-25-Q2");
        assert_eq!(Period::parse("1999-00").unwrap().label(), "1999/00");
        assert!(y.contains(q));
        assert!(!q.contains(y));
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "2024-26",
            "2024",
            "24-25",
            "2024-25-Q5",
            "2024-25-Q0",
            "2024/25",
            "abcd-ef",
            "2024-25-Q",
            "",
        ] {
            assert!(Period::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn months() {
        assert_eq!(Month::parse("2024-12").unwrap().label(), "December 2024");
        assert!(Month::parse("2024-13").is_none());
        assert!(Month::parse("Dec 2024").is_none());
    }

    fn any_period() -> impl Strategy<Value = Period> {
        (2000u16..2100, 0u8..=4).prop_map(|(s, q)| Period {
            start: s,
            quarter: q,
        })
    }

    proptest! {
        #[test]
        fn ordering_is_total_and_follows_time(a in any_period(), b in any_period(), c in any_period()) {
            // Antisymmetric and transitive, as Ord requires.
            prop_assert_eq!(a.cmp(&b), b.cmp(&a).reverse());
            if a <= b && b <= c { prop_assert!(a <= c); }
            // Earlier financial years come first.
            if a.start < b.start { prop_assert!(a < b); }
        }

        #[test]
        fn text_round_trips(p in any_period()) {
            prop_assert_eq!(Period::parse(&p.to_string()), Some(p));
        }
    }
}
