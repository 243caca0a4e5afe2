//! A plan's ring-fenced minimums: a table on the plan's page and its download, both
//! from one descriptor (see `columns.rs`): a row per minimum the plan declares, an
//! amount per year of the plan.

use super::columns::{Col, Columns, Value, number, text_about};
use super::{Column, Ctx, TableView};
use crate::data::format::Units;
use crate::data::minimums::{Minimum, Minimums};
use crate::data::plan::Plan;
use crate::model::SiteModel;
use crate::render::downloads::Table;

const TABLE_ID: &str = "minimums-table";

/// A row: one minimum of a plan's.
type MinimumRow<'a> = (Minimum, &'a Minimums);

/// The minimums a plan declares, in order.
fn rows(minimums: &Minimums) -> Vec<MinimumRow<'_>> {
    Minimum::ALL
        .into_iter()
        .filter(|m| !minimums.of(*m).is_empty())
        .map(|m| (m, minimums))
        .collect()
}

/// The columns: the minimum's key (downloads only) and what it is, then its amount
/// for each year of the plan.
fn columns(plan: &Plan) -> Columns<'_, MinimumRow<'_>> {
    let units: Units = plan.units;
    let mut cols = vec![
        Col::download(
            text_about("minimum", "adult_social_care or out_of_hospital"),
            |(m, _): &MinimumRow| Value::Text(m.key().into()),
        ),
        Col::both(
            Column::text("Minimum"),
            "",
            text_about("description", "What the minimum is"),
            |(m, _): &MinimumRow| Value::Text(m.label().into()),
        ),
    ];
    for &y in &plan.years {
        cols.push(Col::both(
            Column::number(y.label()),
            "not given",
            number(
                format!("{y} ({})", units.heading()),
                Some(format!(
                    "The minimum for {}, in {}",
                    y.label(),
                    units.words()
                )),
            ),
            move |(m, ms): &MinimumRow| ms.of(*m).get(&y).copied().into(),
        ));
    }
    Columns {
        cols,
        url: Box::new(|_| None),
        confidential: Box::new(|_| false),
    }
}

impl Ctx<'_> {
    /// The minimums the plan declares, by year.
    pub(super) fn minimums_table(&self, i: usize) -> Option<TableView> {
        let plan = &self.data().plans[i].plan;
        let rows = rows(plan.minimums.as_ref()?);
        if rows.is_empty() {
            return None;
        }
        let columns = columns(plan);
        Some(TableView {
            id: TABLE_ID.into(),
            caption: format!(
                "Ring-fenced minimums: the least the plan must spend, by year ({})",
                plan.units.heading()
            ),
            downloads: Vec::new(),
            unit: Some(format!("{} ({})", plan.units.heading(), plan.units.words())),
            columns: columns.headings(),
            rows: rows.iter().map(|r| columns.row(r)).collect(),
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
        let rows = rows(minimums);
        if rows.is_empty() {
            continue;
        }
        let columns = columns(plan);
        out.push(Table {
            page: crate::model::records::plan_url(&plan.id),
            table_id: TABLE_ID.into(),
            name: "minimums".into(),
            title: format!("{}: ring-fenced minimums", plan.title),
            fields: columns.fields(),
            rows: rows.iter().map(|r| columns.cells(r)).collect(),
            withheld: 0,
        });
    }
    out
}
