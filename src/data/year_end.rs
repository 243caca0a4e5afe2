//! `kind: year_end`: the year-end return, actual income by funding source and actual
//! expenditure by scheme against the plan, with the national conditions.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Id;
use super::amount::Amount;
use super::conditions::Condition;
use super::period::Period;
use crate::content::front_matter::Date;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct YearEnd {
    #[allow(dead_code)]
    kind: String,
    /// The financial year the return covers.
    pub year: Period,
    /// The plan it reports on; ids below are its funding sources and schemes.
    pub plan: Id,
    pub submitted: Option<Date>,
    pub summary: Option<String>,
    #[serde(default)]
    pub confidential: bool,
    /// The figures are examples, not taken from a return; the page says so.
    #[serde(default)]
    pub illustrative: bool,
    /// By funding source id: planned and actual income, in the plan's units.
    #[serde(default)]
    pub income: BTreeMap<Id, Outturn>,
    /// By scheme id: planned and actual expenditure, in the plan's units.
    #[serde(default)]
    pub expenditure: BTreeMap<Id, Outturn>,
    /// Totals as the return declares them; `check` adds the rows up and compares.
    pub totals: Option<YearEndTotals>,
    /// The national conditions as this return reported them.
    #[serde(default)]
    pub conditions: Vec<Condition>,
    /// How many conditions the visibility stage withheld (not read from the file).
    #[serde(skip)]
    pub withheld_conditions: usize,
}

/// The two lists of a return. Each stage words them its own way (the model's checks,
/// the disclosure control, the page's tables); what they are is said here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Income,
    Expenditure,
}

impl Side {
    pub const BOTH: [Side; 2] = [Side::Income, Side::Expenditure];

    /// Its key in the file: `income`, `expenditure`.
    pub fn key(self) -> &'static str {
        match self {
            Side::Income => "income",
            Side::Expenditure => "expenditure",
        }
    }

    /// What a line on this side is of: "funding source", "scheme".
    pub fn record(self) -> &'static str {
        match self {
            Side::Income => "funding source",
            Side::Expenditure => "scheme",
        }
    }

    /// What a line on this side counts: "income", "spending".
    pub fn money(self) -> &'static str {
        match self {
            Side::Income => "income",
            Side::Expenditure => "spending",
        }
    }

    /// The return's lines on this side.
    pub fn lines(self, y: &YearEnd) -> &BTreeMap<Id, Outturn> {
        match self {
            Side::Income => &y.income,
            Side::Expenditure => &y.expenditure,
        }
    }

    /// The plan's records on this side, in the plan's order: (id, confidential,
    /// amount_public, amounts by year).
    pub fn plan_records(self, plan: &super::plan::Plan) -> Vec<PlanRecord<'_>> {
        match self {
            Side::Income => plan
                .funding
                .iter()
                .map(|f| (&f.id, f.confidential, f.amount_public, &f.amounts))
                .collect(),
            Side::Expenditure => plan
                .schemes
                .iter()
                .map(|s| (&s.id, s.confidential, s.amount_public, &s.amounts))
                .collect(),
        }
    }
}

/// A plan's funding source or scheme as a return's line sees it: (id, confidential,
/// amount_public, amounts by year).
pub type PlanRecord<'a> = (&'a Id, bool, bool, &'a BTreeMap<Period, Amount>);

/// A line of the return: what was planned and what happened.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Outturn {
    /// As the return gives it; `check` compares it with the plan's amount.
    pub planned: Option<Amount>,
    pub actual: Option<Amount>,
    pub note: Option<String>,
    #[serde(default)]
    pub confidential: bool,
}

/// Declared totals of planned and actual figures.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct YearEndTotals {
    pub income: Option<PlannedActual>,
    pub expenditure: Option<PlannedActual>,
}

#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PlannedActual {
    pub planned: Option<Amount>,
    pub actual: Option<Amount>,
}

/// The variance in words, for a table cell: "42 under plan", "12.5 over plan",
/// "On plan"; "Not given" without both figures.
pub fn variance_words(planned: Option<Amount>, actual: Option<Amount>) -> String {
    let (Some(planned), Some(actual)) = (planned, actual) else {
        return "Not given".into();
    };
    let v = actual.0 - planned.0;
    if v.is_zero() {
        "On plan".into()
    } else if v.is_sign_negative() {
        format!("{} under plan", super::format::table_amount(Amount(-v)))
    } else {
        format!("{} over plan", super::format::table_amount(Amount(v)))
    }
}

/// Declared totals against the sums of every line (confidential ones included, as
/// the return's totals include them): a warning for each that differs.
pub fn reconcile(
    y: &YearEnd,
    source: &crate::diagnostic::SourceText,
) -> Vec<crate::diagnostic::Diagnostic> {
    use super::format::grouped;
    let Some(totals) = &y.totals else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (side, records, declared, lines) in [
        ("income", "funding sources", totals.income, &y.income),
        ("expenditure", "schemes", totals.expenditure, &y.expenditure),
    ] {
        let Some(declared) = declared else { continue };
        for (which, stated, sum) in [
            (
                "planned",
                declared.planned,
                lines.values().filter_map(|l| l.planned).sum::<Amount>(),
            ),
            (
                "actual",
                declared.actual,
                lines.values().filter_map(|l| l.actual).sum::<Amount>(),
            ),
        ] {
            let Some(stated) = stated else { continue };
            if stated == sum {
                continue;
            }
            let span = crate::yaml::place(source, |r| {
                Some(r.get("totals")?.get(side)?.get(which)?.span())
            });
            // With a withheld line in the sum, the sum less the published lines is
            // the withheld amount, and build logs may be read by anyone: say that
            // the lines differ, not by how much.
            let withheld = lines.values().filter(|l| l.confidential).count();
            let message = if withheld > 0 {
                format!(
                    "the declared {which} {side} total is {}, but the {records} (with {withheld} withheld) add up to a different figure",
                    grouped(stated.0),
                )
            } else {
                format!(
                    "the declared {which} {side} total is {} but the {records} add up to {} (a difference of {})",
                    grouped(stated.0),
                    grouped(sum.0),
                    grouped(stated.0 - sum.0)
                )
            };
            out.push(
                crate::diagnostic::Diagnostic::warning("year-end-total-differs", message)
                .at(source, span)
                .with_help("check each line against the return; pages show the sum of the lines, not the declared total"),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn o(planned: &str, actual: &str) -> String {
        variance_words(Amount::parse(planned), Amount::parse(actual))
    }

    #[test]
    fn variance_is_exact_and_in_words() {
        assert_eq!(o("1240", "1198"), "42 under plan");
        assert_eq!(o("0.10", "0.30"), "0.20 over plan");
        assert_eq!(o("1000", "1000.00"), "On plan");
        assert_eq!(o("x", "1"), "Not given");
        assert_eq!(o("1000", "2500"), "1,500 over plan");
    }
}
