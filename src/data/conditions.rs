//! National conditions: whether each condition of the Better Care Fund was met, as a
//! return reported it. A `conditions:` list inside a quarterly return, or a
//! `kind: conditions` document for a return whose other parts are not on the site.

use serde::{Deserialize, Serialize};

use super::Id;
use super::period::Period;
use crate::content::front_matter::Date;

/// `kind: conditions`: the national conditions of one return.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionsDoc {
    #[allow(dead_code)]
    kind: String,
    /// The period the return covers: a quarter, or a year for a year-end return.
    pub period: Period,
    /// The plan the return reports on.
    pub plan: Id,
    pub submitted: Option<Date>,
    pub summary: Option<String>,
    #[serde(default)]
    pub confidential: bool,
    /// The statuses are examples, not taken from a return; the page says so.
    #[serde(default)]
    pub illustrative: bool,
    #[serde(default)]
    pub conditions: Vec<Condition>,
    /// How many conditions the visibility stage withheld (not read from the file).
    #[serde(skip)]
    pub withheld_conditions: usize,
}

/// One national condition, as the return reported it.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// Unique within its return (`nc1`, `nc2`, ... or the template's numbers).
    pub id: Id,
    pub title: String,
    pub status: ConditionStatus,
    /// What the return says about it: how it is met, or why not and what is being done.
    pub narrative: Option<String>,
    #[serde(default)]
    pub confidential: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionStatus {
    Met,
    NotMet,
    PartlyMet,
}

impl ConditionStatus {
    /// The status in words, as pages and downloads show it.
    pub fn words(self) -> &'static str {
        match self {
            ConditionStatus::Met => "Met",
            ConditionStatus::NotMet => "Not met",
            ConditionStatus::PartlyMet => "Partly met",
        }
    }

    /// A key for styling (never colour alone: the words are always shown).
    pub fn key(self) -> &'static str {
        match self {
            ConditionStatus::Met => "met",
            ConditionStatus::NotMet => "not-met",
            ConditionStatus::PartlyMet => "partly-met",
        }
    }
}

/// "3 of 4 met", "all 4 met", "1 met, 1 partly met and 1 not met".
pub fn summary(conditions: &[Condition]) -> String {
    let count = |s: ConditionStatus| conditions.iter().filter(|c| c.status == s).count();
    let (met, partly, not) = (
        count(ConditionStatus::Met),
        count(ConditionStatus::PartlyMet),
        count(ConditionStatus::NotMet),
    );
    let n = conditions.len();
    match (partly, not) {
        _ if n == 0 => "no conditions reported".into(),
        (0, 0) if n == 1 => "the 1 condition met".into(),
        (0, 0) => format!("all {n} met"),
        _ => {
            let mut parts = vec![format!("{met} met")];
            if partly > 0 {
                parts.push(format!("{partly} partly met"));
            }
            if not > 0 {
                parts.push(format!("{not} not met"));
            }
            let last = parts.pop().unwrap_or_default();
            format!("{} and {last}", parts.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(status: ConditionStatus) -> Condition {
        Condition {
            id: Id("c".into()),
            title: "T".into(),
            status,
            narrative: None,
            confidential: false,
        }
    }

    #[test]
    fn the_summary_says_every_status_in_words() {
        use ConditionStatus::*;
        assert_eq!(summary(&[c(Met), c(Met)]), "all 2 met");
        assert_eq!(summary(&[c(Met)]), "the 1 condition met");
        assert_eq!(
            summary(&[c(Met), c(NotMet), c(PartlyMet)]),
            "1 met, 1 partly met and 1 not met"
        );
        assert_eq!(summary(&[c(Met), c(NotMet)]), "1 met and 1 not met");
        assert_eq!(summary(&[]), "no conditions reported");
    }
}
