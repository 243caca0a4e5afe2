//! A plan's ring-fenced minimums: a table on the plan's page, and its download.

use super::{Column, Ctx, Row, TableView};
use crate::data::format::{self, Units};
use crate::data::minimums::Minimum;
use crate::model::SiteModel;
use crate::render::downloads::{Cell, Field, Table};

const TABLE_ID: &str = "minimums-table";

impl Ctx<'_> {
    /// The minimums the plan declares, by year.
    pub(super) fn minimums_table(&self, i: usize) -> Option<TableView> {
        let plan = &self.data().plans[i].plan;
        let minimums = plan.minimums.as_ref()?;
        let rows: Vec<Row> = Minimum::ALL
            .into_iter()
            .filter(|m| !minimums.of(*m).is_empty())
            .map(|m| Row {
                label: m.label().into(),
                url: None,
                cells: plan
                    .years
                    .iter()
                    .map(|y| {
                        minimums
                            .of(m)
                            .get(y)
                            .map_or_else(|| "not given".into(), |a| format::table_amount(*a))
                    })
                    .collect(),
                confidential: false,
            })
            .collect();
        if rows.is_empty() {
            return None;
        }
        Some(TableView {
            id: TABLE_ID.into(),
            caption: format!(
                "Ring-fenced minimums: the least the plan must spend, by year ({})",
                plan.units.heading()
            ),
            downloads: Vec::new(),
            unit: Some(format!("{} ({})", plan.units.heading(), plan.units.words())),
            columns: std::iter::once(Column::text("Minimum"))
                .chain(plan.years.iter().map(|y| Column::number(y.label())))
                .collect(),
            rows,
            total: None,
        })
    }
}

/// Each plan's minimums as a download beside its table.
pub(crate) fn tables(model: &SiteModel) -> Vec<Table> {
    let mut out = Vec::new();
    for entry in &model.data.plans {
        let plan = &entry.plan;
        let Some(minimums) = &plan.minimums else {
            continue;
        };
        let which: Vec<Minimum> = Minimum::ALL
            .into_iter()
            .filter(|m| !minimums.of(*m).is_empty())
            .collect();
        if which.is_empty() {
            continue;
        }
        let units: Units = plan.units;
        out.push(Table {
            page: crate::model::records::plan_url(&plan.id),
            table_id: TABLE_ID.into(),
            name: "minimums".into(),
            title: format!("{}: ring-fenced minimums", plan.title),
            fields: [
                ("minimum", "adult_social_care or out_of_hospital"),
                ("description", "What the minimum is"),
            ]
            .into_iter()
            .map(|(n, d)| Field {
                name: n.into(),
                numeric: false,
                description: Some(d.into()),
            })
            .chain(plan.years.iter().map(|y| Field {
                name: format!("{y} ({})", units.heading()),
                numeric: true,
                description: Some(format!(
                    "The minimum for {}, in {}",
                    y.label(),
                    units.words()
                )),
            }))
            .collect(),
            rows: which
                .into_iter()
                .map(|m| {
                    [Cell::Text(m.key().into()), Cell::Text(m.label().into())]
                        .into_iter()
                        .chain(
                            plan.years
                                .iter()
                                .map(|y| minimums.of(m).get(y).copied().into()),
                        )
                        .collect()
                })
                .collect(),
            withheld: 0,
        });
    }
    out
}
