//! Year-end return pages: `/year-end/`, and `/year-end/<year>/` with actual income
//! by funding source and actual spending by scheme against plan, the variance in
//! words and in tables, and the same tables as CSV and JSON (both from
//! `year_end_columns.rs`).

use std::collections::BTreeMap;

use super::year_end_columns::{self, Line, Side};
use super::{Ctx, DataItem, DataPage, DataView, Fact, TableView, notices};
use crate::data::Id;
use crate::data::amount::Amount;
use crate::data::format::{self, Units};
use crate::data::period::Period;
use crate::data::year_end::{Outturn, YearEnd};
use crate::model::SiteModel;
use crate::model::data::{DataModel, PlanEntry};
use crate::render::downloads::Table;

/// The lines of each side of the return, in the plan's order (as its page lists
/// them, so a reader can hold one beside the other); lines the plan does not have
/// come last, by id.
fn sides<'a>(d: &'a DataModel, y: &'a YearEnd) -> [(Side, Vec<Line<'a>>); 2] {
    let plan = d.year_end_plan(y);
    let order = |ids: Vec<&Id>, lines: &mut Vec<Line<'a>>| {
        lines.sort_by_key(|l| {
            l.id.and_then(|id| ids.iter().position(|i| *i == id))
                .unwrap_or(usize::MAX)
        });
    };
    let planned = |amounts: Option<&BTreeMap<Period, Amount>>, line: &Outturn| {
        line.planned.or_else(|| amounts?.get(&y.year).copied())
    };
    let mut income: Vec<Line> = y
        .income
        .iter()
        .map(|(id, line)| {
            let f = plan.and_then(|p| p.plan.funding.iter().find(|f| &f.id == id));
            Line {
                id: Some(id),
                name: f.map_or_else(|| id.to_string(), |f| f.name.clone()),
                link: f.map(|_| crate::model::records::funding_url(id)),
                planned: planned(f.map(|f| &f.amounts), line),
                actual: line.actual,
                note: line.note.clone(),
            }
        })
        .collect();
    order(
        plan.map_or_else(Vec::new, |p| p.plan.funding.iter().map(|f| &f.id).collect()),
        &mut income,
    );
    let mut expenditure: Vec<Line> = y
        .expenditure
        .iter()
        .map(|(id, line)| {
            let s = plan.and_then(|p| p.plan.schemes.iter().find(|s| &s.id == id));
            Line {
                id: Some(id),
                name: s.map_or_else(|| id.to_string(), |s| s.name.clone()),
                link: s.map(|_| crate::model::records::scheme_url(id)),
                planned: planned(s.map(|s| &s.amounts), line),
                actual: line.actual,
                note: line.note.clone(),
            }
        })
        .collect();
    order(
        plan.map_or_else(Vec::new, |p| p.plan.schemes.iter().map(|s| &s.id).collect()),
        &mut expenditure,
    );
    [(Side::Income, income), (Side::Expenditure, expenditure)]
}

fn units(plan: Option<&PlanEntry>) -> Units {
    plan.map_or(Units::Pounds, |p| p.plan.units)
}

/// "£4,558,500 against £4,549,869 planned: £8,631 more than planned". Exact, since
/// a difference that rounds away would read as a contradiction.
fn sentence(planned: Option<Amount>, actual: Option<Amount>, units: Units) -> Option<String> {
    let money = |a: Amount| format::money_exact(a, units);
    let actual = actual?;
    let Some(planned) = planned else {
        return Some(money(actual));
    };
    let v = actual.0 - planned.0;
    let diff = money(Amount(v.abs()));
    Some(if v.is_zero() {
        format!("{}, as planned", money(actual))
    } else if v.is_sign_negative() {
        format!(
            "{} against {} planned: {diff} less than planned",
            money(actual),
            money(planned)
        )
    } else {
        format!(
            "{} against {} planned: {diff} more than planned",
            money(actual),
            money(planned)
        )
    })
}

impl Ctx<'_> {
    /// Links from a plan's page to its year-end returns.
    pub(super) fn year_end_facts(&self, plan: &Id) -> Vec<Fact> {
        self.data()
            .year_ends
            .iter()
            .filter(|e| &e.year_end.plan == plan)
            .map(|e| Fact {
                label: "Year-end return".into(),
                value: e.year_end.year.label(),
                url: Some(self.url(&e.url())),
            })
            .collect()
    }

    pub(super) fn year_ends_index(&self) -> DataPage {
        let mut data = DataView::default();
        data.items = self
            .data()
            .year_ends
            .iter()
            .rev()
            .map(|e| DataItem {
                title: format!("Year-end return, {}", e.year_end.year.label()),
                url: self.url(&e.url()),
                summary: e.year_end.summary.clone(),
                status: None,
            })
            .collect();
        let url = "year-end/".to_string();
        DataPage {
            page: self.page(
                &url,
                "Year-end returns".into(),
                Some(
                    "What came into the fund and what it spent in each year, against the plan."
                        .into(),
                ),
                "year-ends",
                Vec::new(),
            ),
            url,
            data,
        }
    }

    pub(super) fn year_end(&self, i: usize) -> DataPage {
        let d = self.data();
        let entry = &d.year_ends[i];
        let y = &entry.year_end;
        let url = entry.url();
        let plan = d.year_end_plan(y);
        let units = units(plan);
        let mut data = DataView::default();
        if let Some(p) = plan {
            data.facts.push(Fact {
                label: "Plan".into(),
                value: p.plan.title.clone(),
                url: Some(self.url(&crate::model::records::plan_url(&p.plan.id))),
            });
        }
        if let Some(s) = y.submitted {
            data.facts.push(Fact {
                label: "Submitted".into(),
                value: s.label(),
                url: None,
            });
        }
        data.facts.extend(self.conditions_fact(y.year));
        let sides = sides(d, y);
        for (side, lines) in &sides {
            let total = Line::total(lines);
            if let Some(words) = sentence(total.planned, total.actual, units) {
                data.facts.push(Fact {
                    label: side.fact_label().into(),
                    value: words,
                    url: None,
                });
            }
        }
        notices(&mut data, y.illustrative, entry.withheld_records, "entry");
        // What a reader can work out is said by the site, not found by accident.
        // Exact, as the page's other sentences are.
        for sum in &entry.sums {
            data.notices.push(format!(
                "The lines of {} {}s are withheld from this return because they are confidential. Together their {} {} comes to {}.",
                sum.count,
                sum.record,
                sum.figure,
                sum.money,
                format::money_exact(sum.amount, units)
            ));
        }
        for (side, lines) in sides.iter().filter(|(_, l)| !l.is_empty()) {
            let columns = year_end_columns::columns(*side, units, self.root);
            data.tables.push(TableView {
                id: side.table_id().into(),
                caption: format!(
                    "{} in {} ({})",
                    side.caption(),
                    y.year.label(),
                    units.heading()
                ),
                downloads: Vec::new(),
                unit: Some(format!("{} ({})", units.heading(), units.words())),
                columns: columns.headings(),
                rows: lines.iter().map(|l| columns.row(l)).collect(),
                total: Some(columns.row(&Line::total(lines))),
            });
        }
        DataPage {
            page: self.page(
                &url,
                format!("Year-end return, {}", y.year.label()),
                y.summary.clone(),
                "year-end",
                vec![self.crumb("Year-end returns", "year-end/")],
            ),
            url,
            data,
        }
    }
}

/// Each return's income and spending as downloads beside their tables.
pub(crate) fn tables(model: &SiteModel) -> Vec<Table> {
    let d = &model.data;
    let mut out = Vec::new();
    for entry in &d.year_ends {
        let y = &entry.year_end;
        let units = units(d.year_end_plan(y));
        for (side, lines) in sides(d, y).iter().filter(|(_, l)| !l.is_empty()) {
            let columns = year_end_columns::columns(*side, units, "");
            out.push(Table {
                page: entry.url(),
                table_id: side.table_id().into(),
                name: side.key().into(),
                title: format!("{}: {}", y.year.label(), side.caption().to_lowercase()),
                fields: columns.fields(),
                rows: lines.iter().map(|l| columns.cells(l)).collect(),
                withheld: entry.withheld_records,
            });
        }
    }
    out
}
