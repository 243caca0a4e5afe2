//! Exact numbers in data documents: money, targets and actuals.
//!
//! An [`Amount`] is a `rust_decimal::Decimal` read from the digits the editor wrote:
//! it is always a scalar, so it is read as text (`deserialize_str`, which the YAML
//! crate answers with the scalar as written), and no value ever passes through a
//! float. Only a metric's figure, which may also be a block, is handed over as a
//! float; it finds its digits through `yaml::exact_decimal`. Text with a thousands
//! separator is refused: `60,582` and `60.582` must not be confusable.

use std::fmt;
use std::iter::Sum;
use std::ops::Add;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

use crate::yaml;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(pub Decimal);

impl Amount {
    pub const ZERO: Amount = Amount(Decimal::ZERO);

    pub fn parse(text: &str) -> Option<Amount> {
        yaml::parse_decimal_text(text).map(Amount)
    }
}

impl Add for Amount {
    type Output = Amount;
    fn add(self, rhs: Amount) -> Amount {
        Amount(self.0 + rhs.0)
    }
}

impl Sum for Amount {
    fn sum<I: Iterator<Item = Amount>>(iter: I) -> Amount {
        iter.fold(Amount::ZERO, Add::add)
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Serialised as its exact decimal text (for JSON and templates), named so the leak
/// audit knows a figure (see [`crate::leaves`]).
impl Serialize for Amount {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::leaves::tagged(s, crate::leaves::AMOUNT, &self.0)
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(AmountText)
    }
}

/// An amount read as the text of its scalar. The YAML crate gives every plain scalar
/// to `deserialize_str` as text, so the words it would otherwise read as nothing or
/// as true or false, and its hexadecimal and octal integers, are told apart here,
/// with the messages they had when read as any value.
struct AmountText;

impl Visitor<'_> for AmountText {
    type Value = Amount;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        AmountVisitor.expecting(f)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
        match v {
            "" | "~" | "null" | "Null" | "NULL" => {
                return Err(E::custom(yaml::no_value_error("a number")));
            }
            "true" | "True" | "TRUE" => {
                return Err(E::invalid_type(de::Unexpected::Bool(true), &self));
            }
            "false" | "False" | "FALSE" => {
                return Err(E::invalid_type(de::Unexpected::Bool(false), &self));
            }
            _ => {}
        }
        let (sign, digits) = match v.strip_prefix('-') {
            Some(rest) => (-1, rest),
            None => (1, v.strip_prefix('+').unwrap_or(v)),
        };
        let radix = [("0x", 16), ("0o", 8)]
            .into_iter()
            .find_map(|(prefix, radix)| Some((digits.strip_prefix(prefix)?, radix)));
        if let Some((digits, radix)) = radix
            && let Ok(n) = i128::from_str_radix(digits, radix)
            && let Ok(n) = Decimal::try_from_i128_with_scale(n, 0)
        {
            return Ok(Amount(n * Decimal::from(sign)));
        }
        AmountVisitor.visit_str(v)
    }

    // Other formats (JSON, in tests) give numbers as numbers.
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
        AmountVisitor.visit_u64(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
        AmountVisitor.visit_i64(v)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
        AmountVisitor.visit_f64(v)
    }
}

pub(crate) struct AmountVisitor;

impl Visitor<'_> for AmountVisitor {
    type Value = Amount;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
        Ok(Amount(Decimal::from(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
        Ok(Amount(Decimal::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
        yaml::exact_decimal(v).map(Amount).ok_or_else(|| {
            E::custom(format!(
                "`{v}` has more digits than bcfsite can read exactly; write it in quotes, e.g. \"{v}\""
            ))
        })
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
        if v.contains(',') {
            return Err(E::custom(format!(
                "`{v}` has a comma; write numbers without thousands separators, e.g. {}",
                v.replace(',', "")
            )));
        }
        let cleaned = v.trim().trim_start_matches('£');
        Amount::parse(cleaned).ok_or_else(|| E::custom(format!("`{v}` is not a number")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceText;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn parse(text: &str) -> Result<BTreeMap<String, Amount>, crate::diagnostic::Diagnostic> {
        let src = SourceText {
            path: "content/x.yaml".into(),
            text: text.into(),
        };
        yaml::parse(&src, 0..text.len())
    }

    #[test]
    fn decimals_are_exact() {
        let m = parse("a: 0.10\nb: 0.20\nc: 683.96\nd: 98000\ne: \"1200.50\"\n").unwrap();
        assert_eq!((m["a"] + m["b"]).to_string(), "0.30");
        assert_eq!(m["c"].to_string(), "683.96");
        assert_eq!(m["d"].to_string(), "98000");
        assert_eq!(m["e"].to_string(), "1200.50");
    }

    #[test]
    fn thousands_separators_are_refused() {
        let e = parse("a: \"60,582\"\n").unwrap_err();
        assert_eq!(e.code, "invalid-value");
        assert!(e.message.contains("without thousands separators"));
        assert_eq!(e.line_column(), Some((1, 5)));
        // Unquoted, YAML reads 60,582 as text too.
        assert!(parse("a: 60,582\n").is_err());
    }

    #[test]
    fn decimals_with_more_digits_than_a_float_are_exact() {
        // Two amounts a float cannot tell apart, each read as written.
        let m = parse("a: 0.12345678901234567890\nb: 0.12345678901234567891\n").unwrap();
        assert_eq!(m["a"].to_string(), "0.12345678901234567890");
        assert_eq!(m["b"].to_string(), "0.12345678901234567891");
        let m = parse("a: 123456789012345678901234\n").unwrap();
        // Too large for a decimal: refused, not a panic.
        assert!(parse("a: 0x7fffffffffffffffffffffffffffffff\n").is_err());
        assert_eq!(m["a"].to_string(), "123456789012345678901234");
    }

    #[test]
    fn other_scalars_are_read_as_they_were() {
        let m = parse("a: 0x1F\nb: -0o17\nc: +5\nd: 1.5e3\ne: 0123\n").unwrap();
        let shown: Vec<String> = m.values().map(|a| a.to_string()).collect();
        assert_eq!(shown, ["31", "-15", "5", "1500", "123"]);
        let e = parse("a: true\n").unwrap_err();
        assert_eq!(e.message, "`a` should be a number, not `true`");
        for empty in ["a:\n", "a: ~\n", "a: null\n"] {
            let e = parse(empty).unwrap_err();
            assert_eq!(e.code, "no-value", "{empty}");
            assert_eq!(
                e.help.as_deref(),
                Some("write a number, or remove the line")
            );
        }
    }

    #[test]
    fn words_are_not_numbers() {
        assert!(parse("a: lots\n").is_err());
    }

    proptest! {
        #[test]
        fn sums_of_random_amounts_are_exact(cents in proptest::collection::vec(-10_000_000i64..10_000_000, 1..40)) {
            // Written as decimal text with two places, read back and summed.
            let text: String = cents.iter().enumerate()
                .map(|(i, c)| format!("k{i}: {}\n", Decimal::new(*c, 2)))
                .collect();
            let m = parse(&text).unwrap();
            let total: Amount = m.values().copied().sum();
            prop_assert_eq!(total.0, Decimal::new(cents.iter().sum::<i64>(), 2));
        }
    }
}
