//! A plan's tables: money paid in by each funding source, and spent on each scheme,
//! by year, with totals (for its page and for shortcodes).

use super::*;
use crate::data::plan::Plan;

impl Ctx<'_> {
    /// A plan's table of spending by scheme, with totals (for pages and shortcodes).
    pub(crate) fn schemes_table(&self, i: usize) -> Option<TableView> {
        let entry = &self.data().plans[i];
        let plan = &entry.plan;
        if plan.schemes.is_empty() && entry.disclosure.schemes.count == 0 {
            return None;
        }
        if plan.schemes.iter().all(|s| s.amounts.is_empty())
            && entry.disclosure.schemes.amounts.is_empty()
        {
            // No amounts published: list the schemes, without a grid of blanks.
            let rows = plan
                .schemes
                .iter()
                .map(|s| Row {
                    label: s.name.clone(),
                    url: Some(self.url(&scheme_url(&s.id))),
                    cells: [&s.fund, &s.commissioner]
                        .iter()
                        .map(|v| v.as_deref().unwrap_or("not given").to_string())
                        .collect(),
                    confidential: s.confidential,
                })
                .collect();
            return Some(TableView {
                id: "schemes-table".into(),
                downloads: Vec::new(),
                caption: "Schemes in this plan (amounts not yet published)".into(),
                unit: None,
                columns: ["Scheme", "Fund", "Commissioner"]
                    .iter()
                    .map(|l| Column::text(*l))
                    .collect(),
                rows,
                total: None,
            });
        }
        let columns = scheme_columns::columns(plan, self.root);
        Some(
            self.money_table(
                "schemes-table",
                format!(
                    "Money spent on each scheme, by year ({})",
                    plan.units.heading()
                ),
                plan,
                columns.headings(),
                scheme_columns::SchemeRow::of(plan, &entry.disclosure.schemes)
                    .iter()
                    .map(|r| columns.row(r))
                    .collect(),
                &entry.scheme_totals,
            ),
        )
    }

    /// A plan's table of money paid in by each funding source, with totals.
    pub(crate) fn funding_table(&self, i: usize) -> Option<TableView> {
        let entry = &self.data().plans[i];
        let plan = &entry.plan;
        if plan.funding.is_empty() && entry.disclosure.funding.count == 0 {
            return None;
        }
        if plan.funding.iter().all(|f| f.amounts.is_empty())
            && entry.disclosure.funding.amounts.is_empty()
        {
            let rows = plan
                .funding
                .iter()
                .map(|f| Row {
                    label: f.name.clone(),
                    url: Some(self.url(&funding_url(&f.id))),
                    cells: Vec::new(),
                    confidential: f.confidential,
                })
                .collect();
            return Some(TableView {
                id: "funding-table".into(),
                downloads: Vec::new(),
                caption: "Where the money comes from (amounts not yet published)".into(),
                unit: None,
                columns: vec![Column::text("Funding source")],
                rows,
                total: None,
            });
        }
        let columns = funding_columns::columns(plan, self.root);
        Some(
            self.money_table(
                "funding-table",
                format!(
                    "Money paid into the fund, by year ({})",
                    plan.units.heading()
                ),
                plan,
                columns.headings(),
                funding_columns::FundingRow::of(plan, &entry.disclosure.funding)
                    .iter()
                    .map(|r| columns.row(r))
                    .collect(),
                &entry.funding_totals,
            ),
        )
    }

    /// A plan's money table: its descriptor's headings and rows, the unit, and a
    /// total row of `totals` by year.
    fn money_table(
        &self,
        id: &str,
        caption: String,
        plan: &Plan,
        columns: Vec<Column>,
        rows: Vec<Row>,
        totals: &BTreeMap<Period, Amount>,
    ) -> TableView {
        TableView {
            id: id.into(),
            downloads: Vec::new(),
            caption,
            unit: Some(format!("{} ({})", plan.units.heading(), plan.units.words())),
            columns,
            rows,
            total: Some(Row {
                label: "Total".into(),
                url: None,
                cells: plan
                    .years
                    .iter()
                    .map(|y| {
                        totals
                            .get(y)
                            .map_or_else(|| "not given".to_string(), |a| format::table_amount(*a))
                    })
                    .collect(),
                confidential: false,
            }),
        }
    }
}
