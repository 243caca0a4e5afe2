//! Year-end returns as published, and their reconciliation with the plan: every
//! funding source and scheme named is one of the plan's, and a planned figure the
//! return gives is the plan's amount for the year. (Declared totals are reconciled
//! with all the rows, confidential ones too, in `check::rules`.)

use std::collections::BTreeMap;
use std::ops::Range;

use super::{DataModel, PlanEntry, unknown};
use crate::data::amount::Amount;
use crate::data::format::money_exact;
use crate::data::year_end::{Side, YearEnd};
use crate::diagnostic::{Diagnostic, Diagnostics, SourceText};
use crate::yaml::{At, place};

#[derive(Debug)]
pub struct YearEndEntry {
    pub year_end: YearEnd,
    pub source: SourceText,
    /// Entries (and conditions) withheld from this build because they are confidential.
    pub withheld_records: usize,
    /// Sums of withheld lines a reader can work out; the page states them.
    pub sums: Vec<crate::visibility::disclosure::YearEndSum>,
}

impl YearEndEntry {
    pub fn url(&self) -> String {
        crate::model::records::year_end_url(self.year_end.year)
    }

    /// The page's title: "Year-end return, 2024/25".
    pub fn title(&self) -> String {
        format!("Year-end return, {}", self.year_end.year.label())
    }
}

/// How a check names the plan's record a line must be: "scheme of the plan".
fn words(side: Side) -> &'static str {
    match side {
        Side::Income => "funding source of the plan",
        Side::Expenditure => "scheme of the plan",
    }
}

fn entry_key<'a>(root: At<'a>, side: Side, id: &str) -> Option<At<'a>> {
    root.get(side.key())?.get(id)
}

impl DataModel {
    /// The plan a year-end return names, where it is published.
    pub fn year_end_plan(&self, y: &YearEnd) -> Option<&PlanEntry> {
        self.plans.iter().find(|p| p.plan.id == y.plan)
    }

    pub(super) fn check_year_ends(
        &self,
        withheld: &BTreeMap<String, String>,
        diags: &mut Diagnostics,
    ) {
        let mut seen: BTreeMap<crate::data::period::Period, &str> = BTreeMap::new();
        for entry in &self.year_ends {
            let y = &entry.year_end;
            let src = &entry.source;
            if let Some(first) = seen.insert(y.year, &src.path) {
                diags.push(
                    Diagnostic::error(
                        "duplicate-id",
                        format!(
                            "there are two year-end returns for {}",
                            y.year.short_label()
                        ),
                    )
                    .at(src, place(src, |r| Some(r.get("year")?.span())))
                    .with_note(format!("{first} is the first"))
                    .with_help("keep one year-end return per year"),
                );
            }
            let Some(plan) = self.year_end_plan(y) else {
                let at = place(src, |r| Some(r.get("plan")?.span()));
                diags.push(self.missing(y.plan.as_str(), "plan", &[], withheld, src, at));
                continue;
            };
            if !plan.plan.years.contains(&y.year) {
                diags.push(
                    Diagnostic::warning(
                        "period-outside-plan",
                        format!(
                            "this year-end return is for {}, which is not one of the years of `{}`",
                            y.year, plan.plan.id
                        ),
                    )
                    .at(src, place(src, |r| Some(r.get("year")?.span())))
                    .with_help("check the year, or name the plan that covers it"),
                );
            }
            for side in Side::BOTH {
                let records = side.plan_records(&plan.plan);
                let ids: Vec<&str> = records.iter().map(|(id, ..)| id.as_str()).collect();
                for (id, line) in side.lines(y) {
                    let Some((.., amounts)) = records.iter().find(|(r, ..)| *r == id) else {
                        let at = place(src, |r| entry_key(r, side, id.as_str())?.key_span());
                        diags.push(self.missing(id.as_str(), words(side), &ids, withheld, src, at));
                        continue;
                    };
                    let Some(planned) = line.planned else {
                        continue;
                    };
                    let in_plan = amounts.get(&y.year).copied();
                    if in_plan == Some(planned) {
                        continue;
                    }
                    let at = place(src, |r| {
                        Some(entry_key(r, side, id.as_str())?.get("planned")?.span())
                    });
                    let units = plan.plan.units;
                    let message = match in_plan {
                        Some(p) => format!(
                            "the return gives {} as planned for `{id}` in {}, but the plan `{}` gives {} (a difference of {})",
                            crate::data::format::table_amount(planned),
                            y.year.short_label(),
                            plan.plan.id,
                            crate::data::format::table_amount(p),
                            money_exact(Amount(planned.0 - p.0), units),
                        ),
                        None => format!(
                            "the return gives {} as planned for `{id}` in {}, but the plan `{}` gives no amount for that year",
                            crate::data::format::table_amount(planned),
                            y.year.short_label(),
                            plan.plan.id,
                        ),
                    };
                    diags.push(
                        Diagnostic::warning("year-end-planned-differs", message)
                            .at(src, at)
                            .with_help("the planned figure is the plan's: correct whichever is wrong, or leave `planned` out and the page uses the plan's"),
                    );
                }
            }
        }
    }

    /// An id nothing published defines: unknown, or withheld (then publishing a
    /// figure about it would be a leak).
    fn missing(
        &self,
        id: &str,
        what: &str,
        known: &[&str],
        withheld: &BTreeMap<String, String>,
        src: &SourceText,
        at: Range<usize>,
    ) -> Diagnostic {
        match withheld.get(id) {
            Some(file) => Diagnostic::error(
                "quarter-names-confidential",
                format!("this year-end return names `{id}`, which is confidential and withheld from the public build"),
            )
            .at(src, at)
            .with_note(format!("{file} marks `{id}` confidential"))
            .with_help("add `confidential: true` to this entry (or, for a plan, to the whole return), or remove it"),
            None if what == "plan" => {
                let ids: Vec<&str> = self.plans.iter().map(|p| p.plan.id.as_str()).collect();
                unknown(what, id, &ids, src, at)
            }
            None => unknown(what, id, known, src, at),
        }
    }
}
