//! Pages generated from data documents: plans, schemes, funding sources, metrics and
//! quarters, each at a stable address, and an index page for each kind.
//!
//! Every figure goes through `data::format`; every status is given in words. Totals
//! are computed from the published records only, and a page says when records were
//! withheld.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::views::{Link, ListItem, PageView};
use crate::data::amount::Amount;
use crate::data::format::{self, Units, metric_value};
use crate::data::metrics::{self, Better, Metric, Position};
use crate::data::period::Period;
use crate::data::plan::{Funding, Scheme};
use crate::diagnostic::plural;
use crate::model::SiteModel;
use crate::model::data::{DataModel, Target};

/// A row of amounts before formatting: label, link, amounts by year, confidential.
type AmountRow = (String, Option<String>, BTreeMap<Period, Amount>, bool);

/// A table of figures: caption, unit, columns, rows and a totals row.
#[derive(Clone, Debug, Serialize)]
pub struct TableView {
    /// A stable id a link can target, e.g. `schemes-table`.
    pub id: String,
    pub caption: String,
    /// The unit of every numeric cell, e.g. `£000 (thousands of pounds)`.
    pub unit: Option<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub total: Option<Row>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Column {
    pub label: String,
    pub numeric: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub label: String,
    pub url: Option<String>,
    pub cells: Vec<String>,
    /// Members' builds only: the record is confidential.
    pub confidential: bool,
}

/// A status in words, with a key for styling (never colour alone).
#[derive(Clone, Debug, Serialize)]
pub struct StatusView {
    pub key: String,
    pub words: String,
    pub basis: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Fact {
    pub label: String,
    pub value: String,
    pub url: Option<String>,
}

/// One entry of a data index page.
#[derive(Clone, Debug, Serialize)]
pub struct DataItem {
    pub title: String,
    pub url: String,
    pub summary: Option<String>,
    pub status: Option<StatusView>,
}

/// `data`: what a generated page shows besides the common page fields.
#[derive(Clone, Debug, Default, Serialize)]
pub struct DataView {
    pub facts: Vec<Fact>,
    pub status: Option<StatusView>,
    pub notices: Vec<String>,
    pub tables: Vec<TableView>,
    pub items: Vec<DataItem>,
    /// Narrative pages that relate to this record.
    pub related: Vec<ListItem>,
    /// Feedback pages (lived experience) that relate to it.
    pub feedback: Vec<ListItem>,
}

/// A generated page ready for the template: where it goes and what it shows.
pub struct DataPage {
    pub url: String,
    pub page: PageView,
    pub data: DataView,
}

/// All the pages the data generates, in a stable order.
pub fn pages(model: &SiteModel, root: &str, base_url: &str) -> Vec<DataPage> {
    let d = &model.data;
    let mut out = Vec::new();
    let ctx = Ctx {
        model,
        root,
        base_url,
    };
    if !d.plans.is_empty() {
        out.push(ctx.plans_index());
        out.push(ctx.schemes_index());
        out.push(ctx.funding_index());
        for i in 0..d.plans.len() {
            out.push(ctx.plan(i));
        }
        for id in d.schemes.keys() {
            out.push(ctx.scheme(id));
        }
        for id in d.funding.keys() {
            out.push(ctx.funding(id));
        }
    }
    if !d.metrics.is_empty() {
        out.push(ctx.metrics_index());
        for i in 0..d.metrics.len() {
            out.push(ctx.metric(i));
        }
    }
    if !d.quarters.is_empty() {
        out.push(ctx.quarters_index());
        for i in 0..d.quarters.len() {
            out.push(ctx.quarter(i));
        }
    }
    out
}

/// The index pages for the main navigation, if the site has that kind of data.
pub fn nav_links(data: &DataModel, root: &str) -> Vec<Link> {
    let mut links = Vec::new();
    if !data.plans.is_empty() {
        links.push(Link {
            title: "Money".into(),
            url: format!("{root}plans/"),
        });
    }
    if !data.metrics.is_empty() {
        links.push(Link {
            title: "Progress".into(),
            url: format!("{root}metrics/"),
        });
    }
    if !data.quarters.is_empty() {
        links.push(Link {
            title: "Quarterly updates".into(),
            url: format!("{root}quarters/"),
        });
    }
    links
}

pub(crate) struct Ctx<'a> {
    model: &'a SiteModel,
    root: &'a str,
    base_url: &'a str,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(model: &'a SiteModel, root: &'a str, base_url: &'a str) -> Self {
        Ctx {
            model,
            root,
            base_url,
        }
    }

    /// A plan's table of spending by scheme, with totals (for pages and shortcodes).
    pub(crate) fn schemes_table(&self, i: usize) -> Option<TableView> {
        let entry = &self.data().plans[i];
        let plan = &entry.plan;
        (!plan.schemes.is_empty()).then(|| {
            self.amount_table(
                "schemes-table",
                format!(
                    "Money spent on each scheme, by year ({})",
                    plan.units.heading()
                ),
                "Scheme",
                plan.units,
                &plan.years,
                plan.schemes.iter().map(|s| {
                    (
                        s.name.clone(),
                        Some(self.url(&format!("schemes/{}/", s.id))),
                        &s.amounts,
                        s.confidential,
                    )
                }),
                Some(&entry.scheme_totals),
            )
        })
    }

    /// A scheme's amounts across every plan that names it.
    pub(crate) fn scheme_table(&self, id: &crate::data::Id) -> Option<TableView> {
        let d = self.data();
        self.across_plans(d.schemes.get(id)?, |p, i| {
            let s = &d.plans[p].plan.schemes[i];
            (&s.amounts, s.confidential)
        })
    }

    pub(crate) fn link(&self, path: &str) -> String {
        self.url(path)
    }

    fn data(&self) -> &DataModel {
        &self.model.data
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.root)
    }

    fn page(
        &self,
        url: &str,
        title: String,
        summary: Option<String>,
        kind: &'static str,
        crumbs: Vec<Link>,
    ) -> PageView {
        let mut page = PageView::blank(
            title,
            kind,
            self.url(url),
            format!("{}{url}", self.base_url),
        );
        page.summary = summary;
        page.breadcrumbs = std::iter::once(Link {
            title: "Home".into(),
            url: self.root.to_string(),
        })
        .chain(crumbs)
        .collect();
        page
    }

    fn crumb(&self, title: &str, url: &str) -> Link {
        Link {
            title: title.into(),
            url: self.url(url),
        }
    }

    /// Pages whose `relates_to` names `id`, split into narratives and feedback.
    fn related(&self, id: &str) -> (Vec<ListItem>, Vec<ListItem>) {
        let mut narratives = Vec::new();
        let mut feedback = Vec::new();
        for &p in self.model.related.get(id).into_iter().flatten() {
            let page = &self.model.pages[p];
            let item = super::list_item(&page.doc, self.url(&page.url));
            if page.doc.doc.front.kind == crate::content::front_matter::PageKind::Feedback {
                feedback.push(item);
            } else {
                narratives.push(item);
            }
        }
        (narratives, feedback)
    }

    fn with_related(&self, id: &str, mut data: DataView) -> DataView {
        (data.related, data.feedback) = self.related(id);
        data
    }

    // ----- plans, schemes, funding -----

    fn plans_index(&self) -> DataPage {
        let url = "plans/";
        let items = self
            .data()
            .plans
            .iter()
            .map(|p| DataItem {
                title: p.plan.title.clone(),
                url: self.url(&format!("plans/{}/", p.plan.id)),
                summary: p.plan.summary.clone(),
                status: None,
            })
            .collect();
        DataPage {
            url: url.into(),
            page: self.page(url, "Where the money goes".into(), Some("Our Better Care Fund plans: the money that goes into the fund, and the schemes it pays for.".into()), "plans", vec![]),
            data: DataView { items, ..DataView::default() },
        }
    }

    fn plan(&self, i: usize) -> DataPage {
        let entry = &self.data().plans[i];
        let plan = &entry.plan;
        let url = format!("plans/{}/", plan.id);
        let years = &plan.years;
        let mut data = DataView::default();
        data.facts.push(Fact {
            label: "Years".into(),
            value: years
                .iter()
                .map(|y| y.label())
                .collect::<Vec<_>>()
                .join(", "),
            url: None,
        });
        if let Some(total) = years.last().and_then(|y| entry.funding_totals.get(y)) {
            let (words, rounded) = format::prose_money(*total, plan.units);
            let year = years.last().map(|y| y.label()).unwrap_or_default();
            data.facts.push(Fact {
                label: format!("Money in the fund in {year}"),
                value: if rounded {
                    format!("{words} (rounded; exact figures in the table below)")
                } else {
                    words
                },
                url: None,
            });
        }
        notices(
            &mut data,
            plan.illustrative
                || plan.funding.iter().any(|f| f.illustrative)
                || plan.schemes.iter().any(|s| s.illustrative),
            entry.withheld_records,
            "item",
        );
        if !plan.funding.is_empty() {
            data.tables.push(self.amount_table(
                "funding-table",
                format!(
                    "Money paid into the fund, by year ({})",
                    plan.units.heading()
                ),
                "Funding source",
                plan.units,
                years,
                plan.funding.iter().map(|f| {
                    (
                        f.name.clone(),
                        Some(self.url(&format!("funding/{}/", f.id))),
                        &f.amounts,
                        f.confidential,
                    )
                }),
                Some(&entry.funding_totals),
            ));
        }
        data.tables.extend(self.schemes_table(i));
        let data = self.with_related(plan.id.as_str(), data);
        DataPage {
            page: self.page(
                &url,
                plan.title.clone(),
                plan.summary.clone(),
                "plan",
                vec![self.crumb("Where the money goes", "plans/")],
            ),
            url,
            data,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn amount_table<'r>(
        &self,
        id: &str,
        caption: String,
        first: &str,
        units: Units,
        years: &[Period],
        rows: impl Iterator<Item = (String, Option<String>, &'r BTreeMap<Period, Amount>, bool)>,
        totals: Option<&BTreeMap<Period, Amount>>,
    ) -> TableView {
        let mut columns = vec![Column {
            label: first.into(),
            numeric: false,
        }];
        columns.extend(years.iter().map(|y| Column {
            label: y.short_label(),
            numeric: true,
        }));
        let cells = |amounts: &BTreeMap<Period, Amount>| {
            years
                .iter()
                .map(|y| {
                    amounts
                        .get(y)
                        .map_or_else(|| "not given".to_string(), |a| format::table_amount(*a))
                })
                .collect()
        };
        let rows = rows
            .map(|(label, url, amounts, confidential)| Row {
                label,
                url,
                cells: cells(amounts),
                confidential,
            })
            .collect();
        TableView {
            id: id.into(),
            caption,
            unit: Some(format!("{} ({})", units.heading(), units.words())),
            columns,
            rows,
            total: totals.map(|t| Row {
                label: "Total".into(),
                url: None,
                cells: cells(t),
                confidential: false,
            }),
        }
    }

    /// A scheme or funding source across every plan that names it.
    fn across_plans<'s>(
        &'s self,
        places: &[(usize, usize)],
        pick: impl Fn(usize, usize) -> (&'s BTreeMap<Period, Amount>, bool),
    ) -> Option<TableView> {
        let d = self.data();
        let units: BTreeSet<_> = places.iter().map(|&(p, _)| d.plans[p].plan.units).collect();
        let years: Vec<Period> = places
            .iter()
            .flat_map(|&(p, _)| d.plans[p].plan.years.iter().copied())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        // Plans in different units are shown in pounds so the rows compare.
        let same_units = units.len() == 1;
        let units = if same_units {
            *units.iter().next()?
        } else {
            Units::Pounds
        };
        let rows: Vec<AmountRow> = places
            .iter()
            .map(|&(p, i)| {
                let plan = &d.plans[p].plan;
                let (amounts, confidential) = pick(p, i);
                let converted = amounts
                    .iter()
                    .map(|(y, a)| {
                        (
                            *y,
                            if same_units {
                                *a
                            } else {
                                Amount(plan.units.to_pounds(*a))
                            },
                        )
                    })
                    .collect();
                (
                    plan.title.clone(),
                    Some(self.url(&format!("plans/{}/", plan.id))),
                    converted,
                    confidential,
                )
            })
            .collect();
        if rows.iter().all(|r| r.2.is_empty()) {
            return None;
        }
        Some(
            self.amount_table(
                "amounts-table",
                format!("Amounts by plan and year ({})", units.heading()),
                "Plan",
                units,
                &years,
                rows.iter()
                    .map(|(l, u, a, c)| (l.clone(), u.clone(), a, *c)),
                None,
            ),
        )
    }

    fn schemes_index(&self) -> DataPage {
        let url = "schemes/";
        let d = self.data();
        let rows = d
            .schemes
            .keys()
            .filter_map(|id| d.scheme(id).map(|s| (id, s)))
            .map(|(id, s)| Row {
                label: s.name.clone(),
                url: Some(self.url(&format!("schemes/{id}/"))),
                cells: vec![
                    s.scheme_type.clone().unwrap_or_else(|| "not given".into()),
                    s.fund.clone().unwrap_or_else(|| "not given".into()),
                ],
                confidential: s.confidential,
            })
            .collect();
        let table = TableView {
            id: "schemes-table".into(),
            caption: "Schemes paid for by the fund".into(),
            unit: None,
            columns: vec![
                Column {
                    label: "Scheme".into(),
                    numeric: false,
                },
                Column {
                    label: "Type".into(),
                    numeric: false,
                },
                Column {
                    label: "Fund".into(),
                    numeric: false,
                },
            ],
            rows,
            total: None,
        };
        DataPage {
            url: url.into(),
            page: self.page(
                url,
                "Schemes".into(),
                Some("The services and projects the Better Care Fund pays for.".into()),
                "schemes",
                vec![self.crumb("Where the money goes", "plans/")],
            ),
            data: DataView {
                tables: vec![table],
                ..DataView::default()
            },
        }
    }

    fn scheme(&self, id: &crate::data::Id) -> DataPage {
        let d = self.data();
        let places = &d.schemes[id];
        let scheme: &Scheme = d.scheme(id).expect("indexed scheme exists");
        let url = format!("schemes/{id}/");
        let mut data = DataView::default();
        for (label, value) in [
            ("Type", &scheme.scheme_type),
            ("Commissioner", &scheme.commissioner),
            ("Fund", &scheme.fund),
        ] {
            if let Some(v) = value {
                data.facts.push(Fact {
                    label: label.into(),
                    value: v.clone(),
                    url: None,
                });
            }
        }
        let illustrative = places
            .iter()
            .any(|&(p, i)| d.plans[p].plan.illustrative || d.plans[p].plan.schemes[i].illustrative);
        notices(&mut data, illustrative, 0, "item");
        data.tables.extend(self.scheme_table(id));
        let data = self.with_related(id.as_str(), data);
        DataPage {
            page: self.page(
                &url,
                scheme.name.clone(),
                scheme.description.clone(),
                "scheme",
                vec![
                    self.crumb("Where the money goes", "plans/"),
                    self.crumb("Schemes", "schemes/"),
                ],
            ),
            url,
            data,
        }
    }

    fn funding_index(&self) -> DataPage {
        let url = "funding/";
        let d = self.data();
        let items = d
            .funding
            .keys()
            .filter_map(|id| d.funding_source(id).map(|f| (id, f)))
            .map(|(id, f)| DataItem {
                title: f.name.clone(),
                url: self.url(&format!("funding/{id}/")),
                summary: f.description.clone(),
                status: None,
            })
            .collect();
        DataPage {
            url: url.into(),
            page: self.page(
                url,
                "Funding sources".into(),
                Some("Where the money in the Better Care Fund comes from.".into()),
                "funding-index",
                vec![self.crumb("Where the money goes", "plans/")],
            ),
            data: DataView {
                items,
                ..DataView::default()
            },
        }
    }

    fn funding(&self, id: &crate::data::Id) -> DataPage {
        let d = self.data();
        let places = &d.funding[id];
        let source: &Funding = d.funding_source(id).expect("indexed funding exists");
        let url = format!("funding/{id}/");
        let mut data = DataView::default();
        let illustrative = places
            .iter()
            .any(|&(p, i)| d.plans[p].plan.illustrative || d.plans[p].plan.funding[i].illustrative);
        notices(&mut data, illustrative, 0, "item");
        if let Some(t) = self.across_plans(places, |p, i| {
            let f = &d.plans[p].plan.funding[i];
            (&f.amounts, f.confidential)
        }) {
            data.tables.push(t);
        }
        let data = self.with_related(id.as_str(), data);
        DataPage {
            page: self.page(
                &url,
                source.name.clone(),
                source.description.clone(),
                "funding",
                vec![
                    self.crumb("Where the money goes", "plans/"),
                    self.crumb("Funding sources", "funding/"),
                ],
            ),
            url,
            data,
        }
    }

    // ----- metrics -----

    fn metrics_index(&self) -> DataPage {
        let url = "metrics/";
        let d = self.data();
        let items = d
            .metrics
            .iter()
            .map(|m| DataItem {
                title: metric_title(&m.metric),
                url: self.url(&format!("metrics/{}/", m.metric.id)),
                summary: m.metric.plain_name.as_ref().map(|_| m.metric.name.clone()),
                status: Some(status_view(&m.metric)),
            })
            .collect();
        let mut data = DataView {
            items,
            ..DataView::default()
        };
        notices(&mut data, false, d.withheld_metrics, "metric");
        DataPage {
            url: url.into(),
            page: self.page(url, "Are we on track?".into(), Some("How we measure what the Better Care Fund achieves, and where each measure stands against its target.".into()), "metrics", vec![]),
            data,
        }
    }

    fn metric(&self, i: usize) -> DataPage {
        let entry = &self.data().metrics[i];
        let m = &entry.metric;
        let url = format!("metrics/{}/", m.id);
        let mut data = DataView {
            status: Some(status_view(m)),
            ..DataView::default()
        };
        if m.plain_name.is_some() {
            data.facts.push(Fact {
                label: "Official name".into(),
                value: m.name.clone(),
                url: None,
            });
        }
        if let Some(def) = &m.definition {
            data.facts.push(Fact {
                label: "What it measures".into(),
                value: def.clone(),
                url: None,
            });
        }
        data.facts.push(Fact {
            label: "Unit".into(),
            value: unit_words(m, &self.model.settings),
            url: None,
        });
        data.facts.push(Fact {
            label: "Better is".into(),
            value: match m.better {
                Better::Lower => "lower".into(),
                Better::Higher => "higher".into(),
            },
            url: None,
        });
        if let Some(src) = &m.source {
            data.facts.push(Fact {
                label: "Source".into(),
                value: src.clone(),
                url: None,
            });
        }
        data.tables.push(metric_table(m));
        if let Some(n) = &m.notes {
            data.notices.push(n.clone());
        }
        let data = self.with_related(m.id.as_str(), data);
        DataPage {
            page: self.page(
                &url,
                metric_title(m),
                m.plain_name.as_ref().map(|_| m.name.clone()),
                "metric",
                vec![self.crumb("Are we on track?", "metrics/")],
            ),
            url,
            data,
        }
    }

    // ----- quarters -----

    fn quarters_index(&self) -> DataPage {
        let url = "quarters/";
        let items = self
            .data()
            .quarters
            .iter()
            .rev()
            .map(|q| DataItem {
                title: q.quarter.period.label(),
                url: self.url(&format!("quarters/{}/", q.quarter.period.slug())),
                summary: q.quarter.summary.clone(),
                status: None,
            })
            .collect();
        DataPage {
            url: url.into(),
            page: self.page(
                url,
                "Quarterly updates".into(),
                Some("What we report to the national Better Care Fund team each quarter.".into()),
                "quarters",
                vec![],
            ),
            data: DataView {
                items,
                ..DataView::default()
            },
        }
    }

    fn quarter(&self, i: usize) -> DataPage {
        let d = self.data();
        let entry = &d.quarters[i];
        let q = &entry.quarter;
        let url = format!("quarters/{}/", q.period.slug());
        let mut data = DataView::default();
        let plan = d.plans.iter().find(|p| p.plan.id == q.plan);
        if let Some(p) = plan {
            data.facts.push(Fact {
                label: "Plan".into(),
                value: p.plan.title.clone(),
                url: Some(self.url(&format!("plans/{}/", p.plan.id))),
            });
        }
        if let Some(s) = q.submitted {
            data.facts.push(Fact {
                label: "Submitted".into(),
                value: s.label(),
                url: None,
            });
        }
        notices(&mut data, false, entry.withheld_records, "entry");
        if !q.metrics.is_empty() {
            let rows = q
                .metrics
                .iter()
                .map(|(id, r)| {
                    let metric = d.metric(id.as_str());
                    Row {
                        label: metric.map_or_else(|| id.to_string(), |m| metric_title(&m.metric)),
                        url: metric.map(|_| self.url(&format!("metrics/{id}/"))),
                        cells: vec![r.status.words().into(), r.note.clone().unwrap_or_default()],
                        confidential: r.confidential,
                    }
                })
                .collect();
            data.tables.push(TableView {
                id: "metrics-table".into(),
                caption: format!(
                    "Progress on each measure, as reported for {}",
                    q.period.short_label()
                ),
                unit: None,
                columns: vec![
                    Column {
                        label: "Measure".into(),
                        numeric: false,
                    },
                    Column {
                        label: "Reported status".into(),
                        numeric: false,
                    },
                    Column {
                        label: "Note".into(),
                        numeric: false,
                    },
                ],
                rows,
                total: None,
            });
        }
        if !q.spend.is_empty() {
            let units = plan.map_or(Units::Pounds, |p| p.plan.units);
            let scheme_name = |id: &crate::data::Id| {
                d.scheme(id)
                    .map_or_else(|| id.to_string(), |s| s.name.clone())
            };
            let show =
                |a: Option<Amount>| a.map_or_else(|| "not given".to_string(), format::table_amount);
            let rows = q
                .spend
                .iter()
                .map(|(id, s)| Row {
                    label: scheme_name(id),
                    url: d
                        .schemes
                        .contains_key(id)
                        .then(|| self.url(&format!("schemes/{id}/"))),
                    cells: vec![
                        show(s.planned),
                        show(s.actual),
                        s.note.clone().unwrap_or_default(),
                    ],
                    confidential: s.confidential,
                })
                .collect();
            let planned: Amount = q.spend.values().filter_map(|s| s.planned).sum();
            let actual: Amount = q.spend.values().filter_map(|s| s.actual).sum();
            data.tables.push(TableView {
                id: "spend-table".into(),
                caption: format!(
                    "Spend in {}, planned and actual ({})",
                    q.period.short_label(),
                    units.heading()
                ),
                unit: Some(format!("{} ({})", units.heading(), units.words())),
                columns: vec![
                    Column {
                        label: "Scheme".into(),
                        numeric: false,
                    },
                    Column {
                        label: "Planned".into(),
                        numeric: true,
                    },
                    Column {
                        label: "Actual".into(),
                        numeric: true,
                    },
                    Column {
                        label: "Note".into(),
                        numeric: false,
                    },
                ],
                rows,
                total: Some(Row {
                    label: "Total".into(),
                    url: None,
                    cells: vec![
                        format::table_amount(planned),
                        format::table_amount(actual),
                        String::new(),
                    ],
                    confidential: false,
                }),
            });
        }
        let data = self.with_related(&q.period.to_string(), data);
        DataPage {
            page: self.page(
                &url,
                q.period.label(),
                q.summary.clone(),
                "quarter",
                vec![self.crumb("Quarterly updates", "quarters/")],
            ),
            url,
            data,
        }
    }
}

/// The notices every data page may carry: illustrative figures, withheld records.
fn notices(data: &mut DataView, illustrative: bool, withheld: usize, noun: &str) {
    if illustrative {
        data.notices.push("Some amounts on this page are illustrative: they show how the page works and are not taken from a published paper.".into());
    }
    if withheld > 0 {
        data.notices.push(format!(
            "{} withheld from this page because {} confidential. Totals are worked out from the published figures only.",
            capitalise(&plural(withheld, noun)),
            if withheld == 1 { "it is" } else { "they are" }
        ));
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// Residents see the plain name first.
pub fn metric_title(m: &Metric) -> String {
    m.plain_name.clone().unwrap_or_else(|| m.name.clone())
}

fn unit_words(m: &Metric, settings: &crate::data::settings::Settings) -> String {
    use crate::data::format::MetricUnit::*;
    match m.unit {
        Count => "a number of people or events".into(),
        Percent => "a percentage".into(),
        Days => "days".into(),
        RatePer100k => {
            let who = m
                .population
                .as_deref()
                .map(|p| p.replace('_', " ").replace(" plus", " and over"))
                .unwrap_or_else(|| "people".into());
            let size = m
                .population
                .as_ref()
                .and_then(|p| settings.area.population.get(p))
                .map(|n| format!(" (a population of {})", format::grouped((*n).into())))
                .unwrap_or_default();
            format!("a rate for every 100,000 people {who}{size}")
        }
    }
}

/// The metric's position, in words, and what it is based on.
pub fn status_view(m: &Metric) -> StatusView {
    let (pos, period) = metrics::position(m, None);
    let basis = period.and_then(|p| {
        let v = m.actuals.get(&p)?;
        let (tp, target) = metrics::target_for(m, p)?;
        Some(format!(
            "{} for {} was {}, against a target of {} for {}.",
            v.status.words(),
            p.label(),
            metric_value(v.value?, m.unit),
            metric_value(target, m.unit),
            tp.label()
        ))
    });
    StatusView {
        key: match pos {
            Position::OnTrack => "on-track",
            Position::NotOnTrack => "not-on-track",
            Position::NoDataYet => "no-data",
        }
        .into(),
        words: pos.words().into(),
        basis,
    }
}

/// Targets against figures, a row per period.
pub fn metric_table(m: &Metric) -> TableView {
    let periods: BTreeSet<Period> = m.targets.keys().chain(m.actuals.keys()).copied().collect();
    let rows = periods
        .into_iter()
        .map(|p| {
            let v = m.actuals.get(&p);
            let figure = v
                .and_then(|v| v.value)
                .map_or_else(|| "no figure".to_string(), |x| metric_value(x, m.unit));
            let status = v.map_or("", |v| v.status.words()).to_string();
            let mut note = v.and_then(|v| v.note.clone()).unwrap_or_default();
            if let Some(month) = v.and_then(|v| v.expected) {
                note = format!("Expected {}. {note}", month.label())
                    .trim()
                    .to_string();
            }
            if let Some(count) = v.and_then(|v| v.count) {
                note = format!("{note} Count: {}.", format::grouped(count.0))
                    .trim()
                    .to_string();
            }
            Row {
                label: p.short_label(),
                url: None,
                cells: vec![
                    m.targets
                        .get(&p)
                        .map_or_else(|| "no target".to_string(), |t| metric_value(*t, m.unit)),
                    figure,
                    status,
                    note,
                ],
                confidential: false,
            }
        })
        .collect();
    TableView {
        id: format!("{}-table", m.id),
        caption: format!("{}: targets and figures", metric_title(m)),
        unit: None,
        columns: vec![
            Column {
                label: "Period".into(),
                numeric: false,
            },
            Column {
                label: format!("Target ({})", m.unit.heading().to_lowercase()),
                numeric: true,
            },
            Column {
                label: format!("Figure ({})", m.unit.heading().to_lowercase()),
                numeric: true,
            },
            Column {
                label: "Status of figure".into(),
                numeric: false,
            },
            Column {
                label: "Note".into(),
                numeric: false,
            },
        ],
        rows,
        total: None,
    }
}

/// Where `relates_to` ids point, for a feedback page's "what this is about" links.
pub fn about_links(model: &SiteModel, ids: &[String], root: &str) -> Vec<Link> {
    let d = &model.data;
    ids.iter()
        .filter_map(|id| {
            let (title, url) = match d.resolve(id)? {
                Target::Plan(p) => (d.plans[p].plan.title.clone(), format!("plans/{id}/")),
                Target::Scheme => (
                    d.scheme(&crate::data::Id(id.clone()))?.name.clone(),
                    format!("schemes/{id}/"),
                ),
                Target::Funding => (
                    d.funding_source(&crate::data::Id(id.clone()))?.name.clone(),
                    format!("funding/{id}/"),
                ),
                Target::Metric(m) => (metric_title(&d.metrics[m].metric), format!("metrics/{id}/")),
                Target::Quarter(q) => {
                    let period = d.quarters[q].quarter.period;
                    (period.label(), format!("quarters/{}/", period.slug()))
                }
            };
            Some(Link {
                title,
                url: format!("{root}{url}"),
            })
        })
        .collect()
}
