//! Year-end return pages: `/year-end/`, and `/year-end/<year>/` with actual income
//! by funding source and actual spending by scheme against plan, the variance in
//! words and in tables, and the same tables as CSV and JSON.

use std::collections::BTreeMap;

use super::{Column, Ctx, DataItem, DataPage, DataView, Fact, Row, TableView, notices};
use crate::data::Id;
use crate::data::amount::Amount;
use crate::data::format::{self, Units};
use crate::data::period::Period;
use crate::data::year_end::{Outturn, YearEnd, variance_words};
use crate::model::SiteModel;
use crate::model::data::{DataModel, PlanEntry};
use crate::render::downloads::{Cell, Field, Table};

/// A line of a table: (id, name, link path, planned, actual, note).
type Line<'a> = (
    &'a Id,
    String,
    Option<String>,
    Option<Amount>,
    Option<Amount>,
    Option<String>,
);

/// One side of the return, ready for a table or a download.
struct Side<'a> {
    table_id: &'static str,
    name: &'static str,
    record: &'static str,
    caption: &'static str,
    rows: Vec<Line<'a>>,
}

fn sides<'a>(d: &'a DataModel, y: &'a YearEnd) -> Vec<Side<'a>> {
    let plan = d.year_end_plan(y);
    let planned = |amounts: Option<&BTreeMap<Period, Amount>>, line: &Outturn| {
        line.planned.or_else(|| amounts?.get(&y.year).copied())
    };
    let income = y
        .income
        .iter()
        .map(|(id, line)| {
            let f = plan.and_then(|p| p.plan.funding.iter().find(|f| &f.id == id));
            (
                id,
                f.map_or_else(|| id.to_string(), |f| f.name.clone()),
                f.map(|_| crate::model::records::funding_url(id)),
                planned(f.map(|f| &f.amounts), line),
                line.actual,
                line.note.clone(),
            )
        })
        .collect();
    let expenditure = y
        .expenditure
        .iter()
        .map(|(id, line)| {
            let s = plan.and_then(|p| p.plan.schemes.iter().find(|s| &s.id == id));
            (
                id,
                s.map_or_else(|| id.to_string(), |s| s.name.clone()),
                s.map(|_| crate::model::records::scheme_url(id)),
                planned(s.map(|s| &s.amounts), line),
                line.actual,
                line.note.clone(),
            )
        })
        .collect();
    vec![
        Side {
            table_id: "income-table",
            name: "income",
            record: "Funding source",
            caption: "Income by funding source, planned and actual",
            rows: income,
        },
        Side {
            table_id: "expenditure-table",
            name: "expenditure",
            record: "Scheme",
            caption: "Spending by scheme, planned and actual",
            rows: expenditure,
        },
    ]
}

fn units(plan: Option<&PlanEntry>) -> Units {
    plan.map_or(Units::Pounds, |p| p.plan.units)
}

fn sum(values: impl Iterator<Item = Option<Amount>>) -> Option<Amount> {
    values.fold(None, |acc, v| match v {
        Some(v) => Some(acc.unwrap_or_default() + v),
        None => acc,
    })
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
        for side in &sides {
            let planned = sum(side.rows.iter().map(|r| r.3));
            let actual = sum(side.rows.iter().map(|r| r.4));
            if let Some(words) = sentence(planned, actual, units) {
                data.facts.push(Fact {
                    label: if side.name == "income" {
                        "Money in the fund".into()
                    } else {
                        "Money spent".into()
                    },
                    value: words,
                    url: None,
                });
            }
        }
        notices(&mut data, y.illustrative, entry.withheld_records, "entry");
        for side in sides.into_iter().filter(|s| !s.rows.is_empty()) {
            let planned = sum(side.rows.iter().map(|r| r.3));
            let actual = sum(side.rows.iter().map(|r| r.4));
            let show =
                |a: Option<Amount>| a.map_or_else(|| "not given".to_string(), format::table_amount);
            let variance = |p: Option<Amount>, a: Option<Amount>| match (p, a) {
                (Some(p), Some(a)) => format::table_amount(Amount(a.0 - p.0)),
                _ => "not given".into(),
            };
            data.tables.push(TableView {
                id: side.table_id.into(),
                caption: format!(
                    "{} in {} ({})",
                    side.caption,
                    y.year.label(),
                    units.heading()
                ),
                downloads: Vec::new(),
                unit: Some(format!("{} ({})", units.heading(), units.words())),
                columns: vec![
                    Column::text(side.record),
                    Column::number("Planned"),
                    Column::number("Actual"),
                    Column::number("Difference"),
                    Column::text("Against plan"),
                    Column::text("Note"),
                ],
                rows: side
                    .rows
                    .iter()
                    .map(|(_, name, link, p, a, note)| Row {
                        label: name.clone(),
                        url: link.as_ref().map(|l| self.url(l)),
                        cells: vec![
                            show(*p),
                            show(*a),
                            variance(*p, *a),
                            variance_words(*p, *a),
                            note.clone().unwrap_or_default(),
                        ],
                        confidential: false,
                    })
                    .collect(),
                total: Some(Row {
                    label: "Total".into(),
                    url: None,
                    cells: vec![
                        show(planned),
                        show(actual),
                        variance(planned, actual),
                        variance_words(planned, actual),
                        String::new(),
                    ],
                    confidential: false,
                }),
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
        let money = |n: &str, what: &str| Field {
            name: format!("{n} ({})", units.heading()),
            numeric: true,
            description: Some(format!("{what}, in {}", units.words())),
        };
        let text = |n: &str| Field {
            name: n.into(),
            numeric: false,
            description: None,
        };
        for side in sides(d, y).into_iter().filter(|s| !s.rows.is_empty()) {
            out.push(Table {
                page: entry.url(),
                table_id: side.table_id.into(),
                name: side.name.into(),
                title: format!("{}: {}", y.year.label(), side.caption.to_lowercase()),
                fields: vec![
                    text(if side.name == "income" {
                        "source_id"
                    } else {
                        "scheme_id"
                    }),
                    text(if side.name == "income" {
                        "source"
                    } else {
                        "scheme"
                    }),
                    money("planned", "Planned"),
                    money("actual", "Actual"),
                    money("difference", "Actual less planned"),
                    text("note"),
                ],
                rows: side
                    .rows
                    .iter()
                    .map(|(id, name, _, p, a, note)| {
                        vec![
                            Cell::Text(id.to_string()),
                            Cell::Text(name.clone()),
                            (*p).into(),
                            (*a).into(),
                            p.zip(*a).map(|(p, a)| Amount(a.0 - p.0)).into(),
                            note.clone().into(),
                        ]
                    })
                    .collect(),
                withheld: entry.withheld_records,
            });
        }
    }
    out
}
