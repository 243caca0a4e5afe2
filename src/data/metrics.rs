//! `kind: metrics`: metric definitions with targets and actuals, and the one rule
//! that says whether a metric is on track.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::Id;
use super::amount::{Amount, AmountVisitor};
use super::format::MetricUnit;
use super::period::{Month, Period};

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MetricsDoc {
    #[allow(dead_code)]
    kind: String,
    #[serde(default)]
    pub confidential: bool,
    pub metrics: Vec<Metric>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    pub id: Id,
    /// The official name.
    pub name: String,
    /// What it means, in plain English.
    pub plain_name: Option<String>,
    pub definition: Option<String>,
    pub unit: MetricUnit,
    /// A key of `area.population` in site.yaml, for rates per 100,000.
    pub population: Option<String>,
    pub better: Better,
    #[serde(default)]
    pub targets: BTreeMap<Period, Amount>,
    #[serde(default)]
    pub actuals: BTreeMap<Period, Value>,
    pub notes: Option<String>,
    pub source: Option<String>,
    #[serde(default)]
    pub confidential: bool,
}

/// Which direction is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    Lower,
    Higher,
}

/// How far a figure can be relied on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueStatus {
    #[default]
    Actual,
    Estimate,
    Partial,
    Pending,
    NotApplicable,
}

impl ValueStatus {
    /// Always shown in words, never by colour or symbol alone.
    pub fn words(self) -> &'static str {
        match self {
            ValueStatus::Actual => "Actual",
            ValueStatus::Estimate => "Estimate",
            ValueStatus::Partial => "Partial data",
            ValueStatus::Pending => "Not yet available",
            ValueStatus::NotApplicable => "Not applicable",
        }
    }
}

/// A figure for one period: a number, or a map with its status and notes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Value {
    pub value: Option<Amount>,
    pub status: ValueStatus,
    pub count: Option<Amount>,
    pub note: Option<String>,
    pub expected: Option<Month>,
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ValueMap {
    value: Option<Amount>,
    #[serde(default)]
    status: ValueStatus,
    count: Option<Amount>,
    note: Option<String>,
    expected: Option<Month>,
}

impl ValueVisitor {
    fn plain<E: de::Error>(a: Result<Amount, E>) -> Result<Value, E> {
        a.map(|v| Value {
            value: Some(v),
            status: ValueStatus::Actual,
            count: None,
            note: None,
            expected: None,
        })
    }
}

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number, or a map with `value` and `status`")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Self::plain(AmountVisitor.visit_u64(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Self::plain(AmountVisitor.visit_i64(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Self::plain(AmountVisitor.visit_f64(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Self::plain(AmountVisitor.visit_str(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Value, A::Error> {
        let m = ValueMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
        // Rules that make a figure honest; messages start with the status in
        // backticks so the error points at it.
        let status = m.status;
        let fail = |msg: &str| Err(de::Error::custom(msg.to_string()));
        match status {
            ValueStatus::Partial if m.note.is_none() => {
                return fail(
                    "`partial` figures need a `note` saying what they cover, e.g. note: July and August only",
                );
            }
            ValueStatus::Pending if m.expected.is_none() => {
                return fail(
                    "`pending` figures need `expected`, the month they are due, e.g. expected: 2024-12",
                );
            }
            ValueStatus::Pending | ValueStatus::NotApplicable if m.value.is_some() => {
                return fail(
                    "`pending` and `not_applicable` figures have no `value`; remove it or change the status",
                );
            }
            ValueStatus::Actual | ValueStatus::Estimate | ValueStatus::Partial
                if m.value.is_none() =>
            {
                return fail("`value` is missing; give the figure, or use status: pending");
            }
            _ => {}
        }
        Ok(Value {
            value: m.value,
            status,
            count: m.count,
            note: m.note,
            expected: m.expected,
        })
    }
}

/// Where a metric stands against its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    OnTrack,
    NotOnTrack,
    NoDataYet,
}

impl Position {
    pub fn words(self) -> &'static str {
        match self {
            Position::OnTrack => "On track",
            Position::NotOnTrack => "Not on track",
            Position::NoDataYet => "No data yet",
        }
    }
}

/// The target that applies to a period: the period's own, else its financial year's.
pub fn target_for(metric: &Metric, period: Period) -> Option<(Period, Amount)> {
    metric
        .targets
        .get(&period)
        .map(|t| (period, *t))
        .or_else(|| {
            metric
                .targets
                .get(&period.financial_year())
                .map(|t| (period.financial_year(), *t))
        })
}

/// **The rule.** Take the latest period, up to and including `at` (or the latest of
/// all when `at` is `None`), that has a figure (actual, estimate or partial) and a
/// target (its own or its financial year's). The metric is on track if that figure
/// is no worse than the target in the metric's better direction (equal counts as on
/// track); otherwise not on track. With no such period there is no data yet.
pub fn position(metric: &Metric, at: Option<Period>) -> (Position, Option<Period>) {
    let latest = metric
        .actuals
        .iter()
        .rev()
        .filter(|(p, _)| at.is_none_or(|at| **p <= at))
        .find_map(|(p, v)| Some((*p, v.value?, target_for(metric, *p)?.1)));
    match latest {
        None => (Position::NoDataYet, None),
        Some((p, value, target)) => {
            let ok = match metric.better {
                Better::Lower => value <= target,
                Better::Higher => value >= target,
            };
            (
                if ok {
                    Position::OnTrack
                } else {
                    Position::NotOnTrack
                },
                Some(p),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceText;

    fn doc(text: &str) -> Result<MetricsDoc, crate::diagnostic::Diagnostic> {
        let src = SourceText {
            path: "content/m.yaml".into(),
            text: text.into(),
        };
        crate::yaml::parse(&src, 0..text.len())
    }

    const SPEC: &str = "kind: metrics\nmetrics:\n  - id: residential-admissions\n    name: Permanent admissions\n    plain_name: Older people moving into a care home\n    unit: rate_per_100k\n    population: aged_65_plus\n    better: lower\n    targets: {2024-25: 657}\n    actuals:\n      2024-25-Q1: {value: 683.96, status: estimate}\n      2024-25-Q2: {status: pending, expected: 2024-12}\n";

    #[test]
    fn the_spec_example_parses_exactly() {
        let d = doc(SPEC).unwrap();
        let m = &d.metrics[0];
        let q1 = &m.actuals[&Period::parse("2024-25-Q1").unwrap()];
        assert_eq!(q1.value.unwrap().to_string(), "683.96");
        assert_eq!(q1.status, ValueStatus::Estimate);
        let q2 = &m.actuals[&Period::parse("2024-25-Q2").unwrap()];
        assert_eq!(q2.expected.unwrap().label(), "December 2024");
        assert_eq!(
            position(m, None),
            (Position::NotOnTrack, Period::parse("2024-25-Q1"))
        );
    }

    #[test]
    fn plain_numbers_are_actuals() {
        let d = doc("kind: metrics\nmetrics:\n  - id: a\n    name: A\n    unit: percent\n    better: higher\n    targets: {2024-25: 90}\n    actuals: {2024-25-Q1: 91.5}\n").unwrap();
        let m = &d.metrics[0];
        assert_eq!(position(m, None).0, Position::OnTrack);
        assert_eq!(position(m, Period::parse("2023-24")).0, Position::NoDataYet);
    }

    #[test]
    fn honest_figures() {
        let e = doc("kind: metrics\nmetrics:\n  - id: a\n    name: A\n    unit: count\n    better: higher\n    actuals:\n      2024-25-Q1: {value: 3, status: partial}\n").unwrap_err();
        assert!(e.message.contains("need a `note`"), "{}", e.message);
        assert_eq!(e.line_column().unwrap().0, 8);
        let e = doc("kind: metrics\nmetrics:\n  - id: a\n    name: A\n    unit: count\n    better: higher\n    actuals:\n      2024-25-Q1: {status: pending}\n").unwrap_err();
        assert!(e.message.contains("need `expected`"));
        let e = doc("kind: metrics\nmetrics:\n  - id: a\n    name: A\n    unit: count\n    better: higher\n    actuals:\n      2024-25-Q1: {value: 3, staus: actual}\n").unwrap_err();
        assert_eq!(e.code, "unknown-key");
        assert_eq!(e.help.as_deref(), Some("did you mean `status`?"));
    }
}
