//! Every number residents read is formatted here, so tables, prose, charts and
//! downloads agree. Tables show exact values with thousands separators under a unit
//! heading; prose may round, and says so.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::amount::Amount;

/// How a plan writes its amounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Units {
    Pounds,
    Thousands,
}

impl Units {
    /// The heading over a column of amounts: `£000` or `£`.
    pub fn heading(self) -> &'static str {
        match self {
            Units::Pounds => "£",
            Units::Thousands => "£000",
        }
    }

    /// Words for the heading, for screen readers and captions.
    pub fn words(self) -> &'static str {
        match self {
            Units::Pounds => "pounds",
            Units::Thousands => "thousands of pounds",
        }
    }

    /// An amount in these units, in pounds.
    pub fn to_pounds(self, a: Amount) -> Decimal {
        match self {
            Units::Pounds => a.0,
            Units::Thousands => a.0 * Decimal::ONE_THOUSAND,
        }
    }
}

/// `3349869` → `3,349,869`; `-1240.5` → `-1,240.5`. Exact: the digits are never rounded.
pub fn grouped(d: Decimal) -> String {
    let text = d.to_string();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (whole, frac) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let mut out = String::with_capacity(text.len() + whole.len() / 3);
    out.push_str(sign);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// An amount for a table cell (the unit is in the column heading).
pub fn table_amount(a: Amount) -> String {
    grouped(a.0)
}

/// An amount for prose: `£23.9 million`, `£240,000`, `£950`, `-£2,500`. Millions are
/// rounded to one decimal place, smaller sums to the pound (`rounded` is then true,
/// and the sentence should say so). Never a space after `£`, never `£000`: the units
/// are only for table headings.
pub fn prose_money(a: Amount, units: Units) -> (String, bool) {
    let pounds = units.to_pounds(a);
    let sign = if pounds.is_sign_negative() && !pounds.is_zero() {
        "-"
    } else {
        ""
    };
    let pounds = pounds.abs();
    let million = Decimal::from(1_000_000);
    if pounds >= million {
        let m =
            (pounds / million).round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
        let exact = m * million == pounds;
        (format!("{sign}£{} million", m.normalize()), !exact)
    } else {
        let whole = pounds.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
        (format!("{sign}£{}", grouped(whole)), whole != pounds)
    }
}

/// An amount in full, in pounds, for chart labels and sentences that give the exact
/// figure: `£3,632,291`, `£4,600,000` (4,600 in thousands), `-£2,500`, `£950.40`.
pub fn money_exact(a: Amount, units: Units) -> String {
    let pounds = units.to_pounds(a);
    let sign = if pounds.is_sign_negative() && !pounds.is_zero() {
        "-"
    } else {
        ""
    };
    // Thousands with three decimal places are whole pounds: say so without ".000".
    let pounds = pounds.abs().normalize();
    let pounds = if pounds.scale() == 1 {
        pounds.round_dp(2).trunc_with_scale(2)
    } else {
        pounds
    };
    format!("{sign}£{}", grouped(pounds))
}

/// The unit of a metric.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricUnit {
    Count,
    #[serde(rename = "rate_per_100k")]
    RatePer100k,
    Percent,
    Days,
}

impl MetricUnit {
    /// Words for a column heading.
    pub fn heading(self) -> &'static str {
        match self {
            MetricUnit::Count => "Number",
            MetricUnit::RatePer100k => "Rate per 100,000 people",
            MetricUnit::Percent => "Per cent",
            MetricUnit::Days => "Days",
        }
    }
}

/// A metric value for a table or sentence: `683.96`, `1,204`, `91.2%`, `3.5 days`.
pub fn metric_value(v: Amount, unit: MetricUnit) -> String {
    match unit {
        MetricUnit::Count | MetricUnit::RatePer100k => grouped(v.0),
        MetricUnit::Percent => format!("{}%", grouped(v.0)),
        MetricUnit::Days if v.0 == Decimal::ONE => "1 day".into(),
        MetricUnit::Days => format!("{} days", grouped(v.0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn a(s: &str) -> Amount {
        Amount(s.parse().unwrap())
    }

    #[test]
    fn grouping() {
        assert_eq!(grouped("3349869".parse().unwrap()), "3,349,869");
        assert_eq!(grouped("-1240.50".parse().unwrap()), "-1,240.50");
        assert_eq!(grouped("999".parse().unwrap()), "999");
        assert_eq!(grouped("0.30".parse().unwrap()), "0.30");
    }

    #[test]
    fn prose() {
        assert_eq!(
            prose_money(a("23940"), Units::Thousands),
            ("£23.9 million".into(), true)
        );
        assert_eq!(
            prose_money(a("103500"), Units::Thousands),
            ("£103.5 million".into(), false)
        );
        assert_eq!(
            prose_money(a("240"), Units::Thousands),
            ("£240,000".into(), false)
        );
        assert_eq!(
            prose_money(a("950.40"), Units::Pounds),
            ("£950".into(), true)
        );
    }

    #[test]
    fn money_as_people_write_it() {
        let cases = [
            ("3632291", Units::Pounds, "£3,632,291", "£3.6 million", true),
            (
                "4600",
                Units::Thousands,
                "£4,600,000",
                "£4.6 million",
                false,
            ),
            (
                "23940",
                Units::Thousands,
                "£23,940,000",
                "£23.9 million",
                true,
            ),
            ("0", Units::Pounds, "£0", "£0", false),
            ("0", Units::Thousands, "£0", "£0", false),
            ("-2500", Units::Pounds, "-£2,500", "-£2,500", false),
            (
                "-1250",
                Units::Thousands,
                "-£1,250,000",
                "-£1.3 million",
                true,
            ),
            ("950.40", Units::Pounds, "£950.40", "£950", true),
            ("950.5", Units::Pounds, "£950.50", "£951", true),
            (
                "3349.869",
                Units::Thousands,
                "£3,349,869",
                "£3.3 million",
                true,
            ),
            ("0.10", Units::Thousands, "£100", "£100", false),
            (
                "1249999.5",
                Units::Pounds,
                "£1,249,999.50",
                "£1.2 million",
                true,
            ),
            ("1250000", Units::Pounds, "£1,250,000", "£1.3 million", true),
            ("999999.5", Units::Pounds, "£999,999.50", "£1,000,000", true),
        ];
        for (amount, units, exact, prose, rounded) in cases {
            assert_eq!(money_exact(a(amount), units), exact, "{amount} {units:?}");
            assert_eq!(
                prose_money(a(amount), units),
                (prose.to_string(), rounded),
                "{amount} {units:?}"
            );
            for text in [
                money_exact(a(amount), units),
                prose_money(a(amount), units).0,
            ] {
                assert!(!text.contains("£ ") && !text.contains("£000"), "{text}");
            }
        }
    }

    #[test]
    fn metric_values() {
        assert_eq!(metric_value(a("683.96"), MetricUnit::RatePer100k), "683.96");
        assert_eq!(metric_value(a("91.2"), MetricUnit::Percent), "91.2%");
        assert_eq!(metric_value(a("1"), MetricUnit::Days), "1 day");
        assert_eq!(metric_value(a("12040"), MetricUnit::Count), "12,040");
    }

    proptest! {
        #[test]
        fn grouping_then_parsing_round_trips(n in any::<i64>(), scale in 0u32..6) {
            let d = Decimal::new(n, scale);
            let back: Decimal = grouped(d).replace(',', "").parse().unwrap();
            prop_assert_eq!(back, d);
        }
    }
}
