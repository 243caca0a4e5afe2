//! `kind: plan`: funding sources and schemes, with amounts by financial year.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::Id;
use super::amount::Amount;
use super::format::Units;
use super::period::Period;

#[derive(Clone, Debug, Deserialize)]
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

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    pub id: Id,
    pub name: String,
    pub description: Option<String>,
    #[serde(default)]
    pub amounts: BTreeMap<Period, Amount>,
    #[serde(default)]
    pub confidential: bool,
    #[serde(default)]
    pub illustrative: bool,
}

#[derive(Clone, Debug, Deserialize)]
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
    #[serde(default)]
    pub illustrative: bool,
}

/// Totals as the source paper declares them; bcfsite reconciles them with the sums.
#[derive(Clone, Debug, Default, Deserialize)]
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
