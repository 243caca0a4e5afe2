//! From a cell to a value bcfsite keeps: money, a count, a percentage, text.
//!
//! Money is exact. A number cell becomes a decimal through its shortest round-trip
//! text (Rust's `{}` of the `f64`, which is what Excel shows at full precision), never
//! through arithmetic; money written as text is read from its digits, with `£`,
//! thousands separators in the right places, and spaces allowed. Anything else is
//! refused with the cell named, so a typo never becomes a figure.

use rust_decimal::Decimal;

use super::workbook::Value;
use crate::data::amount::Amount;

/// Why a cell could not be read as a number, for the message.
#[derive(Debug, PartialEq, Eq)]
pub enum NotANumber {
    /// A formula Excel saved no value for.
    Unsaved,
    /// Text, an error value, a date or a tick box.
    Other,
}

/// A money, count or percentage cell: `None` when empty, an error when not a number.
pub fn number(v: &Value) -> Result<Option<Amount>, NotANumber> {
    match v {
        Value::Empty => Ok(None),
        Value::Int(i) => Ok(Some(Amount(Decimal::from(*i)))),
        Value::Number(f) => float(*f).map(Some).ok_or(NotANumber::Other),
        Value::Text(t) if t.trim().is_empty() => Ok(None),
        Value::Text(t) => number_text(t).map(Some).ok_or(NotANumber::Other),
        Value::Unsaved(_) => Err(NotANumber::Unsaved),
        Value::Bool(_) | Value::Other(_) | Value::Date(_) => Err(NotANumber::Other),
    }
}

/// The decimal a float cell shows: its shortest round-trip text, read exactly.
fn float(f: f64) -> Option<Amount> {
    if !f.is_finite() {
        return None;
    }
    crate::yaml::parse_decimal_text(&format!("{f}")).map(Amount)
}

/// `£1,234,567.00`, `1,234`, `-£500`, `£ 12 000` → exact decimals; `1,23`, `12p`,
/// `about £5m` → `None`. Commas must group thousands, so `60,582` and `60.582` are
/// never confused.
pub fn number_text(text: &str) -> Option<Amount> {
    let t = text.trim();
    let (negative, t) = match t.strip_prefix('-').or_else(|| t.strip_prefix('−')) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, t),
    };
    let t = t.strip_prefix('£').unwrap_or(t).trim_start();
    let (whole, frac) = match t.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (t, None),
    };
    if let Some(f) = frac
        && (f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let digits = grouped_digits(whole)?;
    let text = match frac {
        Some(f) => format!("{}{digits}.{f}", if negative { "-" } else { "" }),
        None => format!("{}{digits}", if negative { "-" } else { "" }),
    };
    text.parse::<Decimal>().ok().map(Amount)
}

/// The digits of `1,234,567` or `1 234 567` or `1234567`, if grouped correctly.
fn grouped_digits(whole: &str) -> Option<String> {
    if whole.is_empty() {
        return None;
    }
    let sep = whole.chars().find(|c| matches!(c, ',' | ' ' | '\u{a0}'));
    let Some(sep) = sep else {
        return whole
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| whole.to_string());
    };
    let groups: Vec<&str> = whole.split(sep).collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    let all_digits = groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    (first_ok && rest_ok && all_digits).then(|| groups.concat())
}

/// A percentage: `60`, `60%`, or a cell formatted as a percentage (`0.6`). The two
/// shares of a joint scheme are read together by [`shares`].
pub fn percent_text(v: &Value) -> Result<Option<(Amount, bool)>, NotANumber> {
    if let Value::Text(t) = v
        && let Some(n) = t.trim().strip_suffix('%')
    {
        return number_text(n)
            .map(|a| Some((a, true)))
            .ok_or(NotANumber::Other);
    }
    number(v).map(|n| n.map(|a| (a, false)))
}

/// The NHS and council shares, as percentages. Cells formatted as percentages hold
/// fractions (0.6 and 0.4): when both are numbers of at most 1 they are read as
/// fractions and multiplied by 100 (exactly), since read as percentages they could
/// not add up to 100. Otherwise they are taken as written.
pub fn shares(nhs: (Amount, bool), council: (Amount, bool)) -> (Amount, Amount) {
    let fractions = !nhs.1 && !council.1 && nhs.0.0 <= Decimal::ONE && council.0.0 <= Decimal::ONE;
    if fractions {
        let hundred = Decimal::ONE_HUNDRED;
        (
            Amount((nhs.0.0 * hundred).normalize()),
            Amount((council.0.0 * hundred).normalize()),
        )
    } else {
        (nhs.0, council.0)
    }
}

/// Single-line text: runs of spaces, tabs, line breaks and no-break spaces become one
/// space, and invisible characters go (a zero-width space pasted from a web page).
pub fn one_line(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .filter(|c| !is_invisible(*c))
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text that may run over lines (a description): each line tidied, blank lines kept
/// as paragraph breaks.
pub fn paragraphs(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .split("\n\n")
        .map(one_line)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn is_invisible(c: char) -> bool {
    !c.is_whitespace() && crate::yaml::invisible_name(c).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(v: Value) -> String {
        number(&v).unwrap().unwrap().to_string()
    }

    #[test]
    fn number_cells_become_the_decimal_they_show() {
        assert_eq!(n(Value::Number(1234567.0)), "1234567");
        assert_eq!(n(Value::Number(0.1 + 0.2)), "0.30000000000000004");
        assert_eq!(n(Value::Number(1240.5)), "1240.5");
        assert_eq!(n(Value::Number(98_000_000.0)), "98000000");
        assert_eq!(n(Value::Int(-12)), "-12");
        assert_eq!(number(&Value::Empty), Ok(None));
        assert_eq!(number(&Value::Number(f64::NAN)), Err(NotANumber::Other));
    }

    #[test]
    fn money_written_as_text_is_read_exactly() {
        for (text, want) in [
            ("£1,234,567.00", "1234567.00"),
            ("1,234", "1234"),
            (" 1234 ", "1234"),
            ("-£500", "-500"),
            ("£ 12 000", "12000"),
            ("0.10", "0.10"),
        ] {
            assert_eq!(number_text(text).unwrap().to_string(), want, "{text}");
        }
        for bad in [
            "1,23",
            "12p",
            "about £5m",
            "1.2.3",
            "£",
            "-",
            "1,2345",
            "12.",
            "£1.2m",
        ] {
            assert_eq!(number_text(bad), None, "{bad}");
        }
        assert_eq!(number(&Value::Text("n/a".into())), Err(NotANumber::Other));
        assert_eq!(
            number(&Value::Unsaved("SUM(A1:A3)".into())),
            Err(NotANumber::Unsaved)
        );
    }

    #[test]
    fn shares_as_fractions_become_percentages() {
        let a = |s: &str| Amount(s.parse().unwrap());
        assert_eq!(
            shares((a("0.6"), false), (a("0.4"), false)),
            (a("60"), a("40"))
        );
        assert_eq!(
            shares((a("60"), false), (a("40"), false)),
            (a("60"), a("40"))
        );
        assert_eq!(shares((a("1"), true), (a("0"), true)), (a("1"), a("0")));
        let p = percent_text(&Value::Text("60%".into())).unwrap().unwrap();
        assert_eq!(p, (a("60"), true));
    }

    #[test]
    fn text_is_tidied_to_one_line() {
        assert_eq!(
            one_line("  Falls\u{a0}Lifting\n Service\u{200b} "),
            "Falls Lifting Service"
        );
        assert_eq!(paragraphs("One\r\ntwo.\n\nThree."), "One two.\n\nThree.");
    }
}
