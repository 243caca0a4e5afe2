//! Month headings of the capacity and demand sheets, to `YYYY-MM`: text as the
//! templates write it ("Apr-24", "May 24", "April 2024", "2024-04", "01/04/2024"),
//! date cells, and the serial number a date cell holds.

use crate::data::period::{Month, Period};
use crate::import::workbook::Value;

/// What a header cell says about its column.
#[derive(Debug, PartialEq, Eq)]
pub enum Label {
    Month(Month),
    /// Meant as a month (a month's name, a date, digits) but not one.
    NotAMonth,
    /// Something else ("Notes", "Total", "2024-25"): the column is not read.
    Other,
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A month's number from its English name or abbreviation ("Apr", "April", "Sept").
fn month_name(word: &str) -> Option<u8> {
    let w = word.to_ascii_lowercase();
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if w == "sept" {
        return Some(9);
    }
    (0..12)
        .find(|&i| w == MONTHS[i] || w == full[i])
        .map(|i| i as u8 + 1)
}

/// A year written with four digits, or two (`24` is 2024).
fn year_of(text: &str) -> Option<u16> {
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match text.len() {
        2 => text.parse::<u16>().ok().map(|y| 2000 + y),
        4 => text.parse().ok(),
        _ => None,
    }
}

fn month(year: u16, month: u8) -> Option<Month> {
    ((1..=12).contains(&month) && (1900..=2200).contains(&year)).then_some(Month { year, month })
}

/// The month a header's text names: "Apr-24", "May 24", "April 2024", "Sept-2024",
/// "2024-04", "2024/04", "04/2024", "01/04/2024" (day first, as in the UK) and
/// "2024-04-01" (with or without a time).
pub fn month_text(text: &str) -> Label {
    let t = text.trim();
    let t = t.split_once('T').map_or(t, |(d, _)| d);
    let parts: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '/' | '.' | '\'' | ','))
        .filter(|p| !p.is_empty())
        .collect();
    let found = match parts.as_slice() {
        [name, y] if month_name(name).is_some() => {
            year_of(y).and_then(|y| month(y, month_name(name)?))
        }
        [a, b] if a.len() == 4 => year_of(a)
            .zip(b.parse().ok())
            .and_then(|(y, m)| month(y, m)),
        [a, b] if b.len() == 4 && a.len() <= 2 => year_of(b)
            .zip(a.parse().ok())
            .and_then(|(y, m)| month(y, m)),
        [y, m, d] if y.len() == 4 => {
            let ok = d.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d));
            year_of(y)
                .zip(m.parse().ok())
                .filter(|_| ok)
                .and_then(|(y, m)| month(y, m))
        }
        [d, m, y] if y.len() == 4 || (y.len() == 2 && d.len() <= 2) => {
            let ok = d.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d));
            let m = m.parse().ok().or_else(|| month_name(m));
            year_of(y)
                .zip(m)
                .filter(|_| ok)
                .and_then(|(y, m)| month(y, m))
        }
        _ => None,
    };
    if let Some(m) = found {
        return Label::Month(m);
    }
    // A financial year ("2024-25") heads a total column, not a month.
    if Period::parse(t).is_some() {
        return Label::Other;
    }
    let digits = t.bytes().any(|b| b.is_ascii_digit());
    let only_digits = digits
        && t.chars().all(|c| {
            c.is_ascii_digit() || c.is_whitespace() || matches!(c, '-' | '/' | '.' | '\'' | ',')
        });
    let named = parts.iter().any(|p| month_name(p).is_some());
    let misspelt = digits
        && parts.iter().any(|p| {
            let p = p.to_ascii_lowercase();
            p.len() >= 3 && MONTHS.iter().any(|m| p.starts_with(m))
        });
    if only_digits || named || misspelt {
        Label::NotAMonth
    } else {
        Label::Other
    }
}

/// The month of an Excel date serial (days since 30 December 1899, as Excel counts
/// from 1 March 1900): `45383` is 1 April 2024.
pub fn month_of_serial(serial: f64) -> Option<Month> {
    // 1 January 2000 to 31 December 2199: anything else is not a month heading.
    if !(36_526.0..=109_572.0).contains(&serial) {
        return None;
    }
    let base = time::Date::from_calendar_date(1899, time::Month::December, 30).ok()?;
    let date = base.checked_add(time::Duration::days(serial.floor() as i64))?;
    month(u16::try_from(date.year()).ok()?, date.month() as u8)
}

/// What a header cell says: a date cell, a number a date cell holds, or text.
pub fn label(v: &Value) -> Label {
    match v {
        Value::Date(serial) | Value::Number(serial) => {
            month_of_serial(*serial).map_or(Label::NotAMonth, Label::Month)
        }
        Value::Int(i) => month_of_serial(*i as f64).map_or(Label::NotAMonth, Label::Month),
        Value::Text(t) | Value::Other(t) => month_text(t),
        Value::Empty | Value::Bool(_) | Value::Unsaved(_) => Label::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Label {
        Label::Month(Month::parse(s).unwrap())
    }

    #[test]
    fn month_labels_as_the_templates_write_them() {
        for (text, want) in [
            ("Apr-24", "2024-04"),
            ("May 24", "2024-05"),
            ("April 2024", "2024-04"),
            ("Sept-24", "2024-09"),
            ("sep 2024", "2024-09"),
            ("Jan-25", "2025-01"),
            ("2024-04", "2024-04"),
            ("2024/11", "2024-11"),
            ("03/2025", "2025-03"),
            ("01/04/2024", "2024-04"),
            ("2024-04-01", "2024-04"),
            ("2024-04-01T00:00:00", "2024-04"),
            (" December  2024 ", "2024-12"),
            ("Mar'25", "2025-03"),
        ] {
            assert_eq!(month_text(text), m(want), "{text}");
        }
    }

    #[test]
    fn what_is_not_a_month_is_told_apart_from_other_headings() {
        for text in [
            "Apr-2",
            "Aprl 2024",
            "2024-13",
            "13/2024",
            "April",
            "45/04/2024",
            "2024",
        ] {
            assert_eq!(month_text(text), Label::NotAMonth, "{text}");
        }
        for text in [
            "Notes",
            "Total",
            "2024-25",
            "Trust Referral Source",
            "Q1 24",
            "Decisions",
            "",
        ] {
            assert_eq!(month_text(text), Label::Other, "{text}");
        }
    }

    #[test]
    fn date_cells_and_their_serial_numbers_are_months() {
        // 1 April 2024 is 45383 in Excel's count; 31 March 2025 is 45747.
        assert_eq!(label(&Value::Date(45383.0)), m("2024-04"));
        assert_eq!(label(&Value::Number(45747.0)), m("2025-03"));
        assert_eq!(label(&Value::Int(45413)), m("2024-05"));
        assert_eq!(label(&Value::Number(12.0)), Label::NotAMonth);
    }
}
