//! `kind: metrics`: metric definitions with targets and actuals, and the one rule
//! that says whether a metric is on track.
//!
//! (Over 500 lines: the schema, the reading rule and the sentences that explain a
//! reading belong together (a change to the rule must change the words); the tests are
//! the rest.)

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::Id;
use super::amount::{Amount, AmountVisitor};
use super::format::{MetricUnit, metric_value};
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
    /// How a period's figure accumulates over the year (default: year to date).
    #[serde(default)]
    pub basis: Basis,
    /// Targets take the same forms as figures: a number, or `{value, count, note,
    /// status}` (a provisional target is `status: estimate`).
    #[serde(default)]
    pub targets: BTreeMap<Period, Value>,
    #[serde(default)]
    pub actuals: BTreeMap<Period, Value>,
    pub notes: Option<String>,
    pub source: Option<String>,
    #[serde(default)]
    pub confidential: bool,
    /// When the record was last changed, and what changed (`src/content/history.rs`).
    pub updated: Option<crate::content::front_matter::Date>,
    #[serde(default)]
    pub changes: Vec<crate::content::history::Change>,
}

/// Which direction is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    Lower,
    Higher,
}

/// What a quarter's figure covers, so that it is compared with an annual target like
/// with like.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The year so far: a quarter 2 figure covers April to September. The national
    /// quarterly returns report the admissions measures this way, so it is the default.
    #[default]
    YearToDate,
    /// That quarter alone.
    Quarter,
    /// The twelve months to the end of the quarter.
    #[serde(rename = "rolling_12_months")]
    Rolling12Months,
    /// A snapshot at the end of the quarter.
    PointInTime,
    /// Already scaled up to a full year by whoever reported it ("an annualised rate").
    Annualised,
}

impl Basis {
    /// Words for the metric page: "Each figure covers ...".
    pub fn words(self) -> &'static str {
        match self {
            Basis::YearToDate => "the financial year so far",
            Basis::Quarter => "that quarter alone",
            Basis::Rolling12Months => "the twelve months to the end of the period",
            Basis::PointInTime => "the position at the end of the period",
            Basis::Annualised => "a full year, scaled up from the months so far",
        }
    }
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

    /// The same, for a target: an estimated target is a provisional one.
    pub fn target_words(self) -> &'static str {
        match self {
            ValueStatus::Actual => "Agreed",
            ValueStatus::Estimate => "Provisional",
            ValueStatus::Partial => "Partial",
            ValueStatus::Pending => "Not yet set",
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
    /// Figures published before this one, oldest first (`src/data/revision.rs`).
    pub revised: Vec<super::revision::Revision>,
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
    #[serde(default)]
    revised: Vec<super::revision::Revision>,
}

impl ValueVisitor {
    fn plain<E: de::Error>(a: Result<Amount, E>) -> Result<Value, E> {
        a.map(|v| Value {
            value: Some(v),
            status: ValueStatus::Actual,
            count: None,
            note: None,
            expected: None,
            revised: Vec::new(),
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
            revised: m.revised,
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
/// Only a target with a value counts (a pending target has none yet).
pub fn target_for(metric: &Metric, period: Period) -> Option<(Period, Amount)> {
    let with_value = |p: Period| Some((p, metric.targets.get(&p)?.value?));
    with_value(period).or_else(|| with_value(period.financial_year()))
}

/// How a figure was set against its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparison {
    /// As they are: the target is for the same period, the measure is a percentage or
    /// an average, or the figure already covers a year.
    Direct,
    /// A year-to-date count or rate carried forward to the whole year at the same
    /// pace: a quarter 2 figure doubled.
    ProjectedFromYearToDate { projected: Amount },
    /// One quarter's count or rate, at that pace for a year (four times it).
    QuarterAtAnnualPace { annual: Amount },
}

/// The computed reading of a metric: which figure, which target, how they were
/// compared, and the result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reading {
    pub position: Position,
    pub period: Period,
    pub value: Amount,
    pub status: ValueStatus,
    pub target_period: Period,
    pub target: Amount,
    pub comparison: Comparison,
}

impl Reading {
    /// The figure that was set against the target.
    pub fn compared_value(&self) -> Amount {
        match self.comparison {
            Comparison::Direct => self.value,
            Comparison::ProjectedFromYearToDate { projected } => projected,
            Comparison::QuarterAtAnnualPace { annual } => annual,
        }
    }
}

/// Whether a measure adds up over time (counts, and rates per 100,000 which are counts
/// scaled), so that a part-year figure must be scaled before it meets an annual target.
/// Percentages and averages do not add up: a year-to-date percentage already estimates
/// the year's.
fn additive(unit: MetricUnit) -> bool {
    matches!(unit, MetricUnit::Count | MetricUnit::RatePer100k)
}

/// A figure scaled by `num / den`, rounded to one more decimal place than it was
/// written with (a projection is an estimate; the exact figure stays in the table).
fn scaled(value: Amount, num: u32, den: u32) -> Amount {
    let exact = value.0 * rust_decimal::Decimal::from(num) / rust_decimal::Decimal::from(den);
    let places = value.0.scale().max(1);
    Amount(
        exact.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero),
    )
}

/// How `value` for `period` meets a target for `target_period`, by the metric's
/// basis.
fn comparison(metric: &Metric, period: Period, target_period: Period, value: Amount) -> Comparison {
    let Some(q) = period.quarter_number() else {
        return Comparison::Direct;
    };
    if target_period == period || !additive(metric.unit) {
        return Comparison::Direct;
    }
    match metric.basis {
        Basis::YearToDate if q == 4 => Comparison::Direct,
        Basis::YearToDate => Comparison::ProjectedFromYearToDate {
            projected: scaled(value, 4, u32::from(q)),
        },
        Basis::Quarter => Comparison::QuarterAtAnnualPace {
            annual: scaled(value, 4, 1),
        },
        Basis::Rolling12Months | Basis::PointInTime | Basis::Annualised => Comparison::Direct,
    }
}

/// **The rule.** Take the latest period, up to and including `at` (or the latest of
/// all when `at` is `None`), that has a figure (actual, estimate or partial) and a
/// target (its own or its financial year's). Compare like with like ([`Basis`]): a
/// year-to-date count or rate is carried forward to the year before it meets an annual
/// target; a quarter's alone is taken at that pace for a year; anything else is
/// compared as it is. The metric is on track if that is no worse than the target in
/// the metric's better direction (equal counts as on track); otherwise not on track.
/// With no such period there is no reading.
pub fn reading(metric: &Metric, at: Option<Period>) -> Option<Reading> {
    let (period, v, (target_period, target)) = metric
        .actuals
        .iter()
        .rev()
        .filter(|(p, _)| at.is_none_or(|at| **p <= at))
        .find_map(|(p, v)| {
            v.value?;
            Some((*p, v, target_for(metric, *p)?))
        })?;
    let value = v.value?;
    let comparison = comparison(metric, period, target_period, value);
    let mut r = Reading {
        position: Position::NoDataYet,
        period,
        value,
        status: v.status,
        target_period,
        target,
        comparison,
    };
    let compared = r.compared_value();
    let ok = match metric.better {
        Better::Lower => compared <= target,
        Better::Higher => compared >= target,
    };
    r.position = if ok {
        Position::OnTrack
    } else {
        Position::NotOnTrack
    };
    Some(r)
}

/// [`reading`]'s position, and the period it is for.
pub fn position(metric: &Metric, at: Option<Period>) -> (Position, Option<Period>) {
    reading(metric, at).map_or((Position::NoDataYet, None), |r| {
        (r.position, Some(r.period))
    })
}

// The words that explain a reading, shared by the pages and `check`'s messages.

/// "The figure for April to September 2024 was 216.3", with its status in words.
fn figure_words(m: &Metric, r: &Reading) -> String {
    let covers = match (r.period.quarter_number(), m.basis, r.comparison) {
        (None, _, _) => r.period.label(),
        (Some(_), _, Comparison::ProjectedFromYearToDate { .. }) => r.period.year_to_date_words(),
        (Some(_), Basis::YearToDate, _) => r.period.year_to_date_words(),
        (Some(_), Basis::Rolling12Months, _) => {
            format!(
                "the twelve months to {}",
                r.period
                    .months_words()
                    .rsplit(" to ")
                    .next()
                    .unwrap_or_default()
            )
        }
        (Some(_), Basis::PointInTime, _) => {
            format!("the end of {}", r.period.quarter_words())
        }
        (Some(_), _, _) => r.period.label(),
    };
    let note = m.actuals.get(&r.period).and_then(|v| v.note.as_deref());
    let kind = match (r.status, note) {
        (ValueStatus::Estimate, _) => "estimated figure".to_string(),
        (ValueStatus::Partial, Some(n)) => format!("partial figure ({n})"),
        (ValueStatus::Partial, None) => "partial figure".to_string(),
        _ => "figure".to_string(),
    };
    format!(
        "The {kind} for {covers} was {}",
        metric_value(r.value, m.unit)
    )
}

/// "above the target of 425.0 for 2024/25 (lower is better)".
fn against_target(m: &Metric, r: &Reading) -> String {
    let compared = r.compared_value();
    let side = match compared.cmp(&r.target) {
        std::cmp::Ordering::Greater => "above",
        std::cmp::Ordering::Less => "below",
        std::cmp::Ordering::Equal => "level with",
    };
    let year = if r.target_period == r.period {
        "that period".to_string()
    } else {
        r.target_period.label()
    };
    let better = match m.better {
        Better::Lower => "lower is better",
        Better::Higher => "higher is better",
    };
    format!(
        "{side} the target of {} for {year} ({better})",
        metric_value(r.target, m.unit)
    )
}

/// How the figure met the target, in one clause: "on course for 432.6 in the year,
/// above the target of 425.0 for 2024/25 (lower is better)".
pub fn reading_clause(m: &Metric, r: &Reading) -> String {
    match r.comparison {
        Comparison::ProjectedFromYearToDate { projected } => format!(
            "on course for {} in the year, {}",
            metric_value(projected, m.unit),
            against_target(m, r)
        ),
        Comparison::QuarterAtAnnualPace { annual } => format!(
            "{} for {}, a pace of {} a year, {}",
            metric_value(r.value, m.unit),
            r.period.months_words(),
            metric_value(annual, m.unit),
            against_target(m, r)
        ),
        Comparison::Direct => format!(
            "{} for {}, {}",
            metric_value(r.value, m.unit),
            r.period.quarter_words(),
            against_target(m, r)
        ),
    }
}

/// The one sentence a resident can check against the table: which figure, how it was
/// set against which target, and the result.
pub fn reading_sentence(m: &Metric, r: &Reading) -> String {
    let figure = figure_words(m, r);
    match r.comparison {
        Comparison::ProjectedFromYearToDate { projected } => format!(
            "{figure}: at that pace it is on course for {} in the year, {}.",
            metric_value(projected, m.unit),
            against_target(m, r)
        ),
        Comparison::QuarterAtAnnualPace { annual } => format!(
            "{figure}, a pace of {} a year, {}.",
            metric_value(annual, m.unit),
            against_target(m, r)
        ),
        Comparison::Direct => format!("{figure}, {}.", against_target(m, r)),
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
