//! Capacity and demand pages: `/capacity/`, and `/capacity/<year>/` with each
//! service's year in words, an SVG chart of the year's demand and capacity beside a
//! table of the months, and the same figures as CSV and JSON (both from
//! `capacity_columns.rs`).

use rust_decimal::Decimal;

use super::{Ctx, DataItem, DataPage, DataView, Fact, TableView, capacity_columns, notices};
use crate::data::amount::Amount;
use crate::data::capacity::{Capacity, Group, Service};
use crate::data::format;
use crate::data::period::Month;
use crate::diagnostic::Diagnostic;
use crate::model::SiteModel;
use crate::render::downloads::Table;

fn unit(c: &Capacity) -> &str {
    c.unit.as_deref().unwrap_or("people")
}

fn months(c: &Capacity) -> Vec<Month> {
    let mut m: Vec<Month> = c.services.iter().flat_map(Service::months).collect();
    m.sort();
    m.dedup();
    m
}

fn total(m: &std::collections::BTreeMap<Month, Amount>) -> Amount {
    m.values().copied().sum()
}

impl Ctx<'_> {
    /// Links from a plan's page to the capacity and demand that goes with it.
    pub(super) fn capacity_facts(&self, plan: &crate::data::Id) -> Vec<Fact> {
        self.data()
            .capacity
            .iter()
            .filter(|e| e.capacity.plan.as_ref() == Some(plan))
            .map(|e| Fact {
                label: "Capacity and demand".into(),
                value: e.capacity.year.label(),
                url: Some(self.url(&e.url())),
            })
            .collect()
    }

    pub(super) fn capacity_index(&self) -> DataPage {
        let mut data = DataView::default();
        data.items = self
            .data()
            .capacity
            .iter()
            .rev()
            .map(|e| DataItem {
                title: format!("Capacity and demand, {}", e.capacity.year.label()),
                url: self.url(&e.url()),
                summary: e.capacity.summary.clone(),
                status: None,
            })
            .collect();
        let url = "capacity/".to_string();
        DataPage {
            page: self.page(
                &url,
                "Capacity and demand".into(),
                Some("How many people we expect to need each service month by month, and how many the services can take.".into()),
                "capacity-index",
                Vec::new(),
            ),
            url,
            data,
        }
    }

    pub(super) fn capacity(&self, i: usize) -> Result<DataPage, Diagnostic> {
        let d = self.data();
        let entry = &d.capacity[i];
        let c = &entry.capacity;
        let url = entry.url();
        let unit = unit(c);
        let mut data = DataView::default();
        if let Some(p) = c
            .plan
            .as_ref()
            .and_then(|id| d.plans.iter().find(|p| &p.plan.id == id))
        {
            data.facts.push(Fact {
                label: "Plan".into(),
                value: p.plan.title.clone(),
                url: Some(self.url(&crate::model::records::plan_url(&p.plan.id))),
            });
        }
        for s in &c.services {
            // The service's note (what the figures assume, say) follows its sentence.
            let value = match s.note.as_deref().map(str::trim) {
                Some(note) if !note.is_empty() => format!("{} {note}", s.sentence(unit)),
                _ => s.sentence(unit),
            };
            data.facts.push(Fact {
                label: s.name.clone(),
                value,
                url: None,
            });
        }
        notices(&mut data, false, entry.withheld_records, "service");
        if c.illustrative {
            data.notices.push("The figures on this page are illustrative: they show how the page works and are not taken from a published return.".into());
        }
        let bars: Vec<(String, Decimal, String)> = c
            .services
            .iter()
            .flat_map(|s| {
                [
                    ("expected demand", total(&s.demand)),
                    ("capacity", total(&s.capacity)),
                ]
                .map(|(what, a)| {
                    (
                        format!("{}: {what}", s.name),
                        a.0,
                        format!("{} {unit}", format::table_amount(a)),
                    )
                })
            })
            .collect();
        data.chart = super::super::charts::bar_chart(
            self.theme(),
            "capacity-chart",
            &format!(
                "Expected demand and capacity over {}, by service",
                c.year.label()
            ),
            &bars,
        )?;
        let months = months(c);
        let measures = capacity_columns::measures(unit);
        let columns = capacity_columns::page(&months);
        for group in [Group::HospitalDischarge, Group::Community] {
            let services: Vec<&Service> = c.services.iter().filter(|s| s.group == group).collect();
            if services.is_empty() {
                continue;
            }
            let (columns, measures) = (&columns, &measures);
            let rows = services
                .iter()
                .flat_map(|&s| measures.iter().map(move |m| columns.row(&(s, m))))
                .collect();
            data.tables.push(TableView {
                id: capacity_columns::table_id(group).into(),
                caption: format!(
                    "{}: expected demand and capacity by month ({unit})",
                    group.words()
                ),
                downloads: Vec::new(),
                unit: Some(format!(
                    "{unit}; a negative \"capacity less demand\" is more demand than capacity"
                )),
                columns: columns.headings(),
                rows,
                total: None,
            });
        }
        Ok(DataPage {
            page: self.page(
                &url,
                format!("Capacity and demand, {}", c.year.label()),
                c.summary.clone(),
                "capacity",
                vec![self.crumb("Capacity and demand", "capacity/")],
            ),
            url,
            data,
        })
    }
}

/// Each document's figures, one row per service and month, beside its first table.
pub(crate) fn tables(model: &SiteModel) -> Vec<Table> {
    let mut out = Vec::new();
    for entry in &model.data.capacity {
        let c = &entry.capacity;
        let Some(first) = c.services.iter().map(|s| s.group).min() else {
            continue;
        };
        let measures = capacity_columns::measures(unit(c));
        let columns = capacity_columns::download(&measures);
        out.push(Table {
            page: entry.url(),
            table_id: capacity_columns::table_id(first).into(),
            name: capacity_columns::FILE_NAME.into(),
            title: format!("{}: expected demand and capacity by month", c.year.label()),
            fields: columns.fields(),
            rows: c
                .services
                .iter()
                .flat_map(|s| s.months().into_iter().map(move |m| (s, m)))
                .map(|r| columns.cells(&r))
                .collect(),
            withheld: entry.withheld_records,
        });
    }
    out
}
