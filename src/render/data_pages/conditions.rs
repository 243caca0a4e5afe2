//! The national conditions pages: `/conditions/`, and `/conditions/<period>/` for each
//! return, a list of the conditions with each status in words, a table of the same
//! statuses (with its CSV and JSON), and links between the return and its conditions.

use serde::Serialize;

use super::{Column, Ctx, DataItem, DataPage, DataView, Fact, Row, TableView, notices};
use crate::data::conditions::summary;
use crate::data::period::Period;
use crate::model::SiteModel;
use crate::render::downloads::{Cell, Field, Table};

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

const TABLE_ID: &str = "conditions-table";

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
            data.tables.push(TableView {
                id: TABLE_ID.into(),
                caption: format!(
                    "National conditions at a glance, {}",
                    entry.period.short_label()
                ),
                downloads: Vec::new(),
                unit: None,
                columns: vec![Column::text("Condition"), Column::text("Status")],
                rows: entry
                    .conditions
                    .iter()
                    .map(|c| Row {
                        label: c.title.clone(),
                        url: Some(format!("#condition-{}", c.id)),
                        cells: vec![c.status.words().into()],
                        confidential: c.confidential,
                    })
                    .collect(),
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
    let text = |name: &str, description: &str| Field {
        name: name.into(),
        numeric: false,
        description: Some(description.into()),
    };
    model
        .data
        .conditions
        .iter()
        .filter(|c| !c.conditions.is_empty())
        .map(|c| Table {
            page: c.url(),
            table_id: TABLE_ID.into(),
            name: "conditions".into(),
            title: format!("{}: national conditions", c.period.label()),
            fields: vec![
                text("condition_id", "The condition's id in the return"),
                text("condition", "The condition"),
                text("status", "Met, Not met or Partly met, as reported"),
                text("narrative", "What the return says about it"),
            ],
            rows: c
                .conditions
                .iter()
                .map(|k| {
                    vec![
                        Cell::Text(k.id.to_string()),
                        Cell::Text(k.title.clone()),
                        Cell::Text(k.status.words().into()),
                        k.narrative.clone().into(),
                    ]
                })
                .collect(),
            withheld: c.withheld,
        })
        .collect()
}

fn capitalised(s: &str) -> String {
    super::capitalise(s)
}
