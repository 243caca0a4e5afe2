//! `kind: plan`: funding sources and schemes, with amounts by financial year.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Id;
use super::amount::Amount;
use super::format::Units;
use super::period::Period;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    #[allow(dead_code)]
    kind: String,
    pub id: Id,
    pub title: String,
    pub summary: Option<String>,
    pub years: Vec<Period>,
    pub units: Units,
    /// The whole plan is withheld from public builds.
    #[serde(default)]
    pub confidential: bool,
    /// Amounts are illustrative, not taken from a published paper; pages say so.
    #[serde(default)]
    pub illustrative: bool,
    #[serde(default)]
    pub funding: Vec<Funding>,
    #[serde(default)]
    pub schemes: Vec<Scheme>,
    pub totals: Option<Totals>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    pub id: Id,
    pub name: String,
    pub description: Option<String>,
    #[serde(default)]
    pub amounts: BTreeMap<Period, Amount>,
    #[serde(default)]
    pub confidential: bool,
    /// On a confidential record: its amounts may be published (they are in a
    /// published plan), though its details may not. They then count in the totals.
    #[serde(default)]
    pub amount_public: bool,
    #[serde(default)]
    pub illustrative: bool,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scheme {
    pub id: Id,
    pub name: String,
    pub description: Option<String>,
    /// The national scheme type.
    #[serde(rename = "type")]
    pub scheme_type: Option<String>,
    pub commissioner: Option<String>,
    /// The funding stream's short name as the area writes it (BCF, iBCF, DFG, ...).
    pub fund: Option<String>,
    #[serde(default)]
    pub amounts: BTreeMap<Period, Amount>,
    #[serde(default)]
    pub confidential: bool,
    /// On a confidential record: its amounts may be published (they are in a
    /// published plan), though its details may not. They then count in the totals.
    #[serde(default)]
    pub amount_public: bool,
    #[serde(default)]
    pub illustrative: bool,
}

/// Totals as the source paper declares them; bcfsite reconciles them with the sums.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Totals {
    pub funding: Option<BTreeMap<Period, Amount>>,
    pub schemes: Option<BTreeMap<Period, Amount>>,
}

/// Sums amounts per year over records.
pub fn sum_by_year<'a>(
    amounts: impl IntoIterator<Item = &'a BTreeMap<Period, Amount>>,
) -> BTreeMap<Period, Amount> {
    let mut totals: BTreeMap<Period, Amount> = BTreeMap::new();
    for map in amounts {
        for (period, amount) in map {
            *totals.entry(*period).or_default() =
                totals.get(period).copied().unwrap_or_default() + *amount;
        }
    }
    totals
}

/// Reconciles declared totals with the sums of all the plan's records (confidential
/// ones included: the paper's totals include them). A difference is a warning giving
/// both figures; within one unit it is probably rounding, and the message says so.
pub fn reconcile_totals(
    plan: &Plan,
    source: &crate::diagnostic::SourceText,
) -> Vec<crate::diagnostic::Diagnostic> {
    use crate::data::format::grouped;
    use crate::diagnostic::Diagnostic;
    let Some(totals) = &plan.totals else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let checks = [
        (
            "funding",
            "funding sources",
            totals.funding.as_ref(),
            sum_by_year(plan.funding.iter().map(|f| &f.amounts)),
        ),
        (
            "schemes",
            "schemes",
            totals.schemes.as_ref(),
            sum_by_year(plan.schemes.iter().map(|s| &s.amounts)),
        ),
    ];
    for (what, records, declared, sums) in checks {
        let Some(declared) = declared else { continue };
        for (year, stated) in declared {
            let sum = sums.get(year).copied().unwrap_or_default();
            if sum == *stated {
                continue;
            }
            let diff = stated.0 - sum.0;
            let rounding = diff.abs() < rust_decimal::Decimal::ONE;
            // The year's key under `totals.funding` or `totals.schemes`.
            let span = crate::yaml::place(source, |root| {
                root.get("totals")?
                    .get(what)?
                    .get_where(|k| Period::parse(k) == Some(*year))?
                    .key_span()
            });
            let mut d = Diagnostic::warning(
                "total-differs",
                format!(
                    "the declared {what} total for {year} is {} but the {records} add up to {} (a difference of {})",
                    grouped(stated.0),
                    grouped(sum.0),
                    crate::data::format::money_exact(Amount(diff), plan.units),
                ),
            )
            .at(source, span);
            d = if rounding {
                d.with_help("the difference is less than one unit, so it is probably rounding in the source paper; pages show the sum of the records")
            } else {
                d.with_help("check each amount against the paper; pages show the sum of the records, not the declared total")
            };
            out.push(d);
        }
    }
    out
}
