//! `kind: quarter`: the quarterly position as submitted to the national team.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Id;
use super::amount::Amount;
use super::period::Period;
use crate::content::front_matter::Date;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Quarter {
    #[allow(dead_code)]
    kind: String,
    pub period: Period,
    pub plan: Id,
    pub submitted: Option<Date>,
    pub summary: Option<String>,
    /// When the record was last changed, and what changed (`src/content/history.rs`).
    pub updated: Option<crate::content::front_matter::Date>,
    #[serde(default)]
    pub changes: Vec<crate::content::history::Change>,
    #[serde(default)]
    pub confidential: bool,
    /// Spend figures are illustrative, not taken from the return; pages say so.
    #[serde(default)]
    pub illustrative: bool,
    #[serde(default)]
    pub metrics: BTreeMap<Id, Reported>,
    #[serde(default)]
    pub spend: BTreeMap<Id, Spend>,
    /// The national conditions as this return reported them.
    #[serde(default)]
    pub conditions: Vec<super::conditions::Condition>,
    /// How many conditions the visibility stage withheld (not read from the file).
    #[serde(skip)]
    pub withheld_conditions: usize,
}

/// A metric's status as the area reported it.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Reported {
    pub status: ReportedStatus,
    pub note: Option<String>,
    #[serde(default)]
    pub confidential: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportedStatus {
    OnTrack,
    NotOnTrack,
    DataNotAvailable,
    NotApplicable,
}

impl ReportedStatus {
    pub fn words(self) -> &'static str {
        match self {
            ReportedStatus::OnTrack => "On track",
            ReportedStatus::NotOnTrack => "Not on track",
            ReportedStatus::DataNotAvailable => "Data not available",
            ReportedStatus::NotApplicable => "Not applicable",
        }
    }
}

/// Spend on a scheme in the quarter: planned against actual, in the plan's units.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Spend {
    pub planned: Option<Amount>,
    pub actual: Option<Amount>,
    pub note: Option<String>,
    #[serde(default)]
    pub confidential: bool,
}
