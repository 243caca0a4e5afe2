//! National conditions as published: one entry per return, whether the conditions
//! came inside a quarterly return or in a `kind: conditions` document, with the
//! checks that need the other documents (the plan exists, one list per return, each
//! condition once).

use std::collections::BTreeMap;

use super::{DataModel, record, unknown};
use crate::content::front_matter::Date;
use crate::data::Id;
use crate::data::conditions::{Condition, ConditionStatus, ConditionsDoc};
use crate::data::period::Period;
use crate::data::quarter::Quarter;
use crate::diagnostic::{Diagnostic, Diagnostics, SourceText};
use crate::yaml::place;

/// The national conditions of one return.
#[derive(Debug)]
pub struct ConditionsEntry {
    pub period: Period,
    pub plan: Id,
    pub submitted: Option<Date>,
    pub summary: Option<String>,
    pub illustrative: bool,
    pub conditions: Vec<Condition>,
    pub source: SourceText,
    /// Conditions withheld from this build because they are confidential.
    pub withheld: usize,
    /// The list is inside a quarterly or year-end return (which checks its plan).
    pub in_return: bool,
}

impl ConditionsEntry {
    /// The address of the return's conditions page.
    pub fn url(&self) -> String {
        crate::model::records::conditions_url(self.period)
    }

    /// The page's title: "National conditions: 2024/25 Q2".
    pub fn title(&self) -> String {
        format!("National conditions: {}", self.period.label())
    }

    pub fn from_quarter(q: &Quarter, source: &SourceText) -> Option<ConditionsEntry> {
        (!q.conditions.is_empty() || q.withheld_conditions > 0).then(|| ConditionsEntry {
            period: q.period,
            plan: q.plan.clone(),
            submitted: q.submitted,
            summary: None,
            illustrative: q.illustrative,
            conditions: q.conditions.clone(),
            source: source.clone(),
            withheld: q.withheld_conditions,
            in_return: true,
        })
    }

    pub fn from_year_end(
        y: &crate::data::year_end::YearEnd,
        source: &SourceText,
    ) -> Option<ConditionsEntry> {
        (!y.conditions.is_empty() || y.withheld_conditions > 0).then(|| ConditionsEntry {
            period: y.year,
            plan: y.plan.clone(),
            submitted: y.submitted,
            summary: None,
            illustrative: y.illustrative,
            conditions: y.conditions.clone(),
            source: source.clone(),
            withheld: y.withheld_conditions,
            in_return: true,
        })
    }

    pub fn from_doc(doc: ConditionsDoc, source: &SourceText) -> ConditionsEntry {
        ConditionsEntry {
            period: doc.period,
            plan: doc.plan,
            submitted: doc.submitted,
            summary: doc.summary,
            illustrative: doc.illustrative,
            conditions: doc.conditions,
            source: source.clone(),
            withheld: doc.withheld_conditions,
            in_return: false,
        }
    }
}

impl DataModel {
    /// The conditions of the return for `period`, if the site has them.
    pub fn conditions_for(&self, period: Period) -> Option<&ConditionsEntry> {
        self.conditions.iter().find(|c| c.period == period)
    }

    /// One list of conditions per return; each condition once in it; the plan a
    /// `kind: conditions` document names exists and is published; a condition not
    /// met says why.
    pub(super) fn check_conditions(
        &self,
        withheld: &BTreeMap<String, String>,
        diags: &mut Diagnostics,
    ) {
        let mut seen: BTreeMap<Period, &str> = BTreeMap::new();
        for entry in &self.conditions {
            let src = &entry.source;
            if let Some(first) = seen.insert(entry.period, &src.path) {
                diags.push(
                    Diagnostic::error(
                        "duplicate-conditions",
                        format!(
                            "the national conditions for {} are given twice",
                            entry.period.short_label()
                        ),
                    )
                    .at(src, place(src, |r| Some(r.get("period")?.span())))
                    .with_note(format!("{first} gives them first"))
                    .with_help("keep one list of conditions per return: in the quarterly return, or in one `kind: conditions` document"),
                );
            }
            if !entry.in_return && !self.plans.iter().any(|p| p.plan.id == entry.plan) {
                let at = place(src, |r| Some(r.get("plan")?.span()));
                let id = entry.plan.as_str();
                diags.push(match withheld.get(id) {
                    Some(file) => Diagnostic::error(
                        "quarter-names-confidential",
                        format!("these conditions are about the plan `{id}`, which is confidential and withheld from the public build"),
                    )
                    .at(src, at)
                    .with_note(format!("{file} marks it confidential"))
                    .with_help("add `confidential: true` to this document, so it is withheld with its plan"),
                    None => {
                        let ids: Vec<&str> = self.plans.iter().map(|p| p.plan.id.as_str()).collect();
                        unknown("plan", id, &ids, src, at)
                    }
                });
            }
            let mut ids: Vec<&str> = Vec::new();
            for c in &entry.conditions {
                let id = c.id.as_str();
                let n = ids.iter().filter(|i| **i == id).count();
                ids.push(id);
                if n > 0 {
                    diags.push(
                        Diagnostic::error(
                            "duplicate-id",
                            format!("the condition `{id}` is listed twice in this return"),
                        )
                        .at(
                            src,
                            place(src, |r| record(r, "conditions", id, n)?.get("id")?.entry_span()),
                        )
                        .with_help("give each condition its own id, such as its number in the template: `nc1`, `nc2`"),
                    );
                }
                if c.status != ConditionStatus::Met && c.narrative.is_none() {
                    diags.push(
                        Diagnostic::warning(
                            "condition-unexplained",
                            format!(
                                "the condition `{id}` is {} but the return says nothing about it",
                                c.status.words().to_lowercase()
                            ),
                        )
                        .at(
                            src,
                            place(src, |r| record(r, "conditions", id, 0)?.get("status")?.entry_span()),
                        )
                        .with_help("add a `narrative` saying why it is not met and what is being done, as the return does"),
                    );
                }
            }
        }
    }
}
