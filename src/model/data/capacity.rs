//! Capacity and demand documents as published, with the checks that need the other
//! documents: the plan named exists, one document per year.

use std::collections::BTreeMap;

use super::{DataModel, unknown};
use crate::data::capacity::Capacity;
use crate::data::period::Period;
use crate::diagnostic::{Diagnostic, Diagnostics, SourceText};
use crate::yaml::place;

#[derive(Debug)]
pub struct CapacityEntry {
    pub capacity: Capacity,
    pub source: SourceText,
    /// Services withheld from this build because they are confidential.
    pub withheld_records: usize,
}

impl CapacityEntry {
    pub fn url(&self) -> String {
        crate::model::records::capacity_url(self.capacity.year)
    }

    /// The page's title: "Capacity and demand, 2024/25".
    pub fn title(&self) -> String {
        format!("Capacity and demand, {}", self.capacity.year.label())
    }
}

impl DataModel {
    pub(super) fn check_capacity(
        &self,
        withheld: &BTreeMap<String, String>,
        diags: &mut Diagnostics,
    ) {
        let mut seen: BTreeMap<Period, &str> = BTreeMap::new();
        for entry in &self.capacity {
            let c = &entry.capacity;
            let src = &entry.source;
            if let Some(first) = seen.insert(c.year, &src.path) {
                diags.push(
                    Diagnostic::error(
                        "duplicate-id",
                        format!(
                            "there are two capacity and demand documents for {}",
                            c.year.short_label()
                        ),
                    )
                    .at(src, place(src, |r| Some(r.get("year")?.span())))
                    .with_note(format!("{first} is the first"))
                    .with_help("keep one capacity and demand document per year"),
                );
            }
            let Some(plan) = &c.plan else { continue };
            if let Some(p) = self.plans.iter().find(|p| &p.plan.id == plan) {
                if !p.plan.years.contains(&c.year) {
                    diags.push(
                        Diagnostic::warning(
                            "period-outside-plan",
                            format!(
                                "this capacity and demand document is for {}, which is not one of the years of `{plan}`",
                                c.year
                            ),
                        )
                        .at(src, place(src, |r| Some(r.get("year")?.span())))
                        .with_help("check the year, or name the plan that covers it"),
                    );
                }
                continue;
            }
            let at = place(src, |r| Some(r.get("plan")?.span()));
            diags.push(match withheld.get(plan.as_str()) {
                Some(file) => Diagnostic::error(
                    "quarter-names-confidential",
                    format!("this capacity and demand document names the plan `{plan}`, which is confidential and withheld from the public build"),
                )
                .at(src, at)
                .with_note(format!("{file} marks it confidential"))
                .with_help("add `confidential: true` to this document, so it is withheld with its plan"),
                None => {
                    let ids: Vec<&str> = self.plans.iter().map(|p| p.plan.id.as_str()).collect();
                    unknown("plan", plan.as_str(), &ids, src, at)
                }
            });
        }
    }
}
