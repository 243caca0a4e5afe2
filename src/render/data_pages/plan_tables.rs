//! A plan's tables: money paid in by each funding source, and spent on each scheme,
//! by year, with totals (for its page and for shortcodes).

use super::*;

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
        Some(
            self.amount_table(
                "schemes-table",
                format!(
                    "Money spent on each scheme, by year ({})",
                    plan.units.heading()
                ),
                "Scheme",
                plan.units,
                &plan.years,
                plan.schemes
                    .iter()
                    .map(|s| {
                        (
                            s.name.clone(),
                            Some(self.url(&scheme_url(&s.id))),
                            &s.amounts,
                            s.confidential,
                        )
                    })
                    .chain(public_amounts_row(&entry.disclosure.schemes, "scheme")),
                Some(&entry.scheme_totals),
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
        let cells = |amounts: &BTreeMap<Period, Amount>| {
            plan.years
                .iter()
                .map(|y| {
                    amounts
                        .get(y)
                        .map_or_else(|| "not given".to_string(), |a| format::table_amount(*a))
                })
                .collect()
        };
        Some(TableView {
            id: "funding-table".into(),
            downloads: Vec::new(),
            caption: format!(
                "Money paid into the fund, by year ({})",
                plan.units.heading()
            ),
            unit: Some(format!("{} ({})", plan.units.heading(), plan.units.words())),
            columns: columns.headings(),
            rows: funding_columns::FundingRow::of(plan, &entry.disclosure.funding)
                .iter()
                .map(|r| columns.row(r))
                .collect(),
            total: Some(Row {
                label: "Total".into(),
                url: None,
                cells: cells(&entry.funding_totals),
                confidential: false,
            }),
        })
    }
}
