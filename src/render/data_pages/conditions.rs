//! The national conditions pages: `/conditions/`, and `/conditions/<period>/` for each
//! return, a list of the conditions with each status in words, a table of the same
//! statuses (with its CSV and JSON, both from `conditions_columns.rs`), and links
//! between the return and its conditions.

use serde::Serialize;

use super::{Ctx, DataItem, DataPage, DataView, Fact, TableView, conditions_columns, notices};
use crate::data::conditions::summary;
use crate::data::period::Period;
use crate::model::SiteModel;
use crate::render::downloads::Table;

/// One national condition as the page lists it.
#[derive(Clone, Debug, Serialize)]
pub struct ConditionView {
    /// The condition's id, for an anchor: `condition-nc1`.
    pub id: String,
    pub title: String,
    /// For styling: `met`, `not-met`, `partly-met`; the words are always shown.
    pub key: String,
    /// "Met", "Not met", "Partly met".
    pub words: String,
    pub narrative: Option<String>,
    /// Members' builds only: the condition is confidential.
    pub confidential: bool,
}

impl Ctx<'_> {
    pub(super) fn conditions_index(&self) -> DataPage {
        let mut data = DataView::default();
        data.items = self
            .data()
            .conditions
            .iter()
            .rev()
            .map(|c| DataItem {
                title: c.period.label(),
                url: self.url(&c.url()),
                summary: Some(capitalised(&summary(&c.conditions))),
                status: None,
            })
            .collect();
        let url = "conditions/".to_string();
        DataPage {
            page: self.page(
                &url,
                "National conditions".into(),
                Some("Whether each national condition of the Better Care Fund was met, as each return reported it.".into()),
                "conditions-index",
                Vec::new(),
            ),
            url,
            data,
        }
    }

    pub(super) fn conditions(&self, i: usize) -> DataPage {
        let d = self.data();
        let entry = &d.conditions[i];
        let url = entry.url();
        let mut data = DataView::default();
        if let Some(p) = d.plans.iter().find(|p| p.plan.id == entry.plan) {
            data.facts.push(Fact {
                label: "Plan".into(),
                value: p.plan.title.clone(),
                url: Some(self.url(&crate::model::records::plan_url(&p.plan.id))),
            });
        }
        if let Some(q) = d.quarters.iter().find(|q| q.quarter.period == entry.period) {
            data.facts.push(Fact {
                label: "Return".into(),
                value: format!("Quarterly update, {}", q.quarter.period.short_label()),
                url: Some(self.url(&crate::model::records::quarter_url(q.quarter.period))),
            });
        }
        if let Some(y) = d.year_ends.iter().find(|y| y.year_end.year == entry.period) {
            data.facts.push(Fact {
                label: "Return".into(),
                value: format!("Year-end return, {}", entry.period.label()),
                url: Some(self.url(&y.url())),
            });
        }
        if let Some(s) = entry.submitted {
            data.facts.push(Fact {
                label: "Submitted".into(),
                value: s.label(),
                url: None,
            });
        }
        data.facts.push(Fact {
            label: "In short".into(),
            value: capitalised(&summary(&entry.conditions)),
            url: None,
        });
        notices(&mut data, false, entry.withheld, "condition");
        if entry.illustrative {
            data.notices.push("The statuses on this page are illustrative: they show how the page works and are not taken from a published return.".into());
        }
        data.conditions = entry
            .conditions
            .iter()
            .map(|c| ConditionView {
                id: format!("condition-{}", c.id),
                title: c.title.clone(),
                key: c.status.key().into(),
                words: c.status.words().into(),
                narrative: c.narrative.clone(),
                confidential: c.confidential,
            })
            .collect();
        if !entry.conditions.is_empty() {
            let columns = conditions_columns::columns();
            data.tables.push(TableView {
                id: conditions_columns::TABLE_ID.into(),
                caption: format!(
                    "National conditions at a glance, {}",
                    entry.period.short_label()
                ),
                downloads: Vec::new(),
                unit: None,
                columns: columns.headings(),
                rows: entry.conditions.iter().map(|c| columns.row(&c)).collect(),
                total: None,
            });
        }
        DataPage {
            page: self.page(
                &url,
                format!("National conditions: {}", entry.period.label()),
                entry.summary.clone(),
                "conditions",
                vec![self.crumb("National conditions", "conditions/")],
            ),
            url,
            data,
        }
    }

    /// The fact on a return's page that links to its conditions: "All 4 met".
    pub(super) fn conditions_fact(&self, period: Period) -> Option<Fact> {
        let c = self.data().conditions_for(period)?;
        Some(Fact {
            label: "National conditions".into(),
            value: capitalised(&summary(&c.conditions)),
            url: Some(self.url(&c.url())),
        })
    }
}

/// Each return's conditions as a download beside its table.
pub(crate) fn tables(model: &SiteModel) -> Vec<Table> {
    let columns = conditions_columns::columns();
    model
        .data
        .conditions
        .iter()
        .filter(|c| !c.conditions.is_empty())
        .map(|c| Table {
            page: c.url(),
            table_id: conditions_columns::TABLE_ID.into(),
            name: conditions_columns::FILE_NAME.into(),
            title: format!("{}: national conditions", c.period.label()),
            fields: columns.fields(),
            rows: c.conditions.iter().map(|k| columns.cells(&k)).collect(),
            withheld: c.withheld,
        })
        .collect()
}

fn capitalised(s: &str) -> String {
    super::capitalise(s)
}
