//! `kind: capacity`: expected demand and available capacity by month, for the
//! hospital-discharge pathways and community services, as the national template's
//! capacity and demand sheet gives them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Id;
use super::amount::Amount;
use super::period::{Month, Period};

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Capacity {
    #[allow(dead_code)]
    kind: String,
    /// The financial year the months fall in.
    pub year: Period,
    /// The plan it belongs with, if any.
    pub plan: Option<Id>,
    pub summary: Option<String>,
    /// What demand and capacity count: "people", "referrals", "packages of care".
    pub unit: Option<String>,
    #[serde(default)]
    pub confidential: bool,
    /// The figures are examples, not taken from a return; the page says so.
    #[serde(default)]
    pub illustrative: bool,
    #[serde(default)]
    pub services: Vec<Service>,
}

/// One service or pathway: demand and capacity by month.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub id: Id,
    pub name: String,
    /// `hospital_discharge` or `community`, as the template's two tables.
    pub group: Group,
    /// The hospital discharge pathway (0 to 3), where it is one.
    pub pathway: Option<u8>,
    pub note: Option<String>,
    #[serde(default)]
    pub demand: BTreeMap<Month, Amount>,
    #[serde(default)]
    pub capacity: BTreeMap<Month, Amount>,
    #[serde(default)]
    pub confidential: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    HospitalDischarge,
    Community,
}

impl Group {
    pub fn words(self) -> &'static str {
        match self {
            Group::HospitalDischarge => "Hospital discharge",
            Group::Community => "Community services",
        }
    }
}

impl Service {
    /// Every month with a figure, in order.
    pub fn months(&self) -> Vec<Month> {
        let mut m: Vec<Month> = self
            .demand
            .keys()
            .chain(self.capacity.keys())
            .copied()
            .collect();
        m.sort();
        m.dedup();
        m
    }

    /// The months where demand is more than capacity, with the gap.
    pub fn short_months(&self) -> Vec<(Month, Amount)> {
        self.months()
            .into_iter()
            .filter_map(|m| {
                let (d, c) = (self.demand.get(&m)?, self.capacity.get(&m)?);
                (d.0 > c.0).then(|| (m, Amount(d.0 - c.0)))
            })
            .collect()
    }

    /// The service's year in a sentence, with the gap in words.
    pub fn sentence(&self, unit: &str) -> String {
        let total = |m: &BTreeMap<Month, Amount>| m.values().copied().sum::<Amount>();
        let g = |a: Amount| super::format::table_amount(a);
        let (demand, capacity) = (total(&self.demand), total(&self.capacity));
        let short = self.short_months();
        let mut s = format!(
            "Expected demand {} {unit}, capacity {} {unit} over the months given",
            g(demand),
            g(capacity)
        );
        if short.is_empty() {
            s.push_str("; capacity meets demand in every month.");
        } else {
            let most = short
                .iter()
                .max_by_key(|(_, a)| *a)
                .map(|(m, a)| (m.label(), g(*a)));
            s.push_str(&format!(
                "; demand is more than capacity in {} of {} months",
                short.len(),
                self.months().len()
            ));
            if let Some((month, gap)) = most {
                s.push_str(&format!(
                    ", most in {month} ({gap} {unit} more than capacity)"
                ));
            }
            s.push('.');
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gap_is_said_in_words() {
        let m = |s: &str| Month::parse(s).unwrap();
        let a = |s: &str| Amount::parse(s).unwrap();
        let s = Service {
            id: Id("p1".into()),
            name: "Reablement".into(),
            group: Group::HospitalDischarge,
            pathway: Some(1),
            note: None,
            demand: [(m("2024-04"), a("120")), (m("2024-05"), a("130"))].into(),
            capacity: [(m("2024-04"), a("125")), (m("2024-05"), a("110"))].into(),
            confidential: false,
        };
        assert_eq!(
            s.sentence("people"),
            "Expected demand 250 people, capacity 235 people over the months given; demand is more than capacity in 1 of 2 months, most in May 2024 (20 people more than capacity)."
        );
    }
}
