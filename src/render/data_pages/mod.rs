//! Pages generated from data documents: plans, schemes, funding sources, metrics and
//! quarters, each at a stable address, and an index page for each kind.
//!
//! Every figure goes through `data::format`; every status is given in words. Totals
//! are computed from the published records only, and a page says when records were
//! withheld.

pub mod across_columns;
pub mod columns;
pub mod funding_columns;
mod home;
pub mod scheme_columns;
pub use home::{HomeView, MoneyView, home};
pub mod metric_columns;
mod money;
mod plan_tables;
pub(crate) use money::{funding_lines_table_id, scheme_facts};
mod conditions;
pub mod conditions_columns;
mod progress;
pub(crate) use conditions::tables as conditions_tables;
mod minimums;
pub(crate) use minimums::tables as minimums_tables;
mod year_end;
pub mod year_end_columns;
pub(crate) use year_end::tables as year_end_tables;
mod capacity;
pub mod capacity_columns;
pub(crate) use capacity::tables as capacity_tables;
pub mod quarter_columns;

pub use progress::{metric_table, metric_title, status_view};

use std::collections::BTreeMap;

use serde::Serialize;

use super::theme::Theme;
use super::views::{Link, ListItem, PageView};
use crate::data::amount::Amount;
use crate::data::format::{self, Units};
use crate::data::metrics::{self, Better, Metric, Position};
use crate::data::period::Period;
use crate::data::plan::{Funding, Scheme};
use crate::diagnostic::{Diagnostic, plural};
use crate::model::SiteModel;
use crate::model::data::{DataModel, Target};
use crate::model::records::{self, Record, ReturnPart, funding_url, scheme_url};

/// A table of figures: caption, unit, columns, rows and a totals row.
#[derive(Clone, Debug, Serialize)]
pub struct TableView {
    /// A stable id a link can target, e.g. `schemes-table`.
    pub id: String,
    pub caption: String,
    /// The same table as CSV and JSON files, with their sizes.
    pub downloads: Vec<super::downloads::DownloadLink>,
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

impl Column {
    pub fn text(label: impl Into<String>) -> Column {
        Column {
            label: label.into(),
            numeric: false,
        }
    }

    /// A column of figures: right-aligned in the theme.
    pub fn number(label: impl Into<String>) -> Column {
        Column {
            label: label.into(),
            numeric: true,
        }
    }
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
    /// For styling: `on-track`, `not-on-track`, `no-data`.
    pub key: String,
    /// The status in words: "Not on track".
    pub words: String,
    /// Who says so: `reported` (a quarterly return) or `computed` (bcfsite's reading).
    pub source: String,
    /// The attribution in a sentence: "Reported to the board as not on track
    /// (quarter 2, 2024/25)."
    pub attribution: Option<String>,
    /// The same, short, for lists: "reported to the board, quarter 2, 2024/25".
    pub short_attribution: String,
    /// What the return said about it, where it said anything.
    pub reported_note: Option<String>,
    /// Where our reading of the figures differs from what was reported: it, labelled.
    pub reading: Option<String>,
    /// One sentence that explains the status from the figures in the table.
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
    /// An SVG chart of the page's main figures (always beside their table).
    pub chart: Option<String>,
    pub facts: Vec<Fact>,
    pub status: Option<StatusView>,
    pub notices: Vec<String>,
    pub tables: Vec<TableView>,
    pub items: Vec<DataItem>,
    /// Narrative pages that relate to this record.
    pub related: Vec<ListItem>,
    /// Feedback pages (lived experience) that relate to it.
    pub feedback: Vec<ListItem>,
    /// National conditions, each with its status in words.
    pub conditions: Vec<conditions::ConditionView>,
}

/// A generated page ready for the template: where it goes and what it shows.
pub struct DataPage {
    pub url: String,
    pub page: PageView,
    pub data: DataView,
}

/// All the pages the data generates, in a stable order, and the problems drawing
/// their charts with the theme's templates.
pub fn pages(
    model: &SiteModel,
    theme: &Theme,
    root: &str,
    base_url: &str,
) -> (Vec<DataPage>, Vec<Diagnostic>) {
    let d = &model.data;
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let ctx = Ctx::new(model, theme, root, base_url);
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
            match ctx.metric(i) {
                Ok(page) => out.push(page),
                Err(d) => problems.push(d),
            }
        }
    }
    if !d.quarters.is_empty() {
        out.push(ctx.quarters_index());
        for i in 0..d.quarters.len() {
            out.push(ctx.quarter(i));
        }
    }
    // The parts of a return list the pages that relate to them, by their ids
    // (`records::ReturnPart`).
    if !d.year_ends.is_empty() {
        out.push(ctx.year_ends_index());
        for (i, y) in d.year_ends.iter().enumerate() {
            let id = ReturnPart::YearEnd.id(y.year_end.year);
            out.push(ctx.with_related_page(&id, ctx.year_end(i)));
        }
    }
    if !d.capacity.is_empty() {
        out.push(ctx.capacity_index());
        for (i, c) in d.capacity.iter().enumerate() {
            let id = ReturnPart::Capacity.id(c.capacity.year);
            match ctx.capacity(i) {
                Ok(page) => out.push(ctx.with_related_page(&id, page)),
                Err(d) => problems.push(d),
            }
        }
    }
    if !d.conditions.is_empty() {
        out.push(ctx.conditions_index());
        for (i, c) in d.conditions.iter().enumerate() {
            let id = ReturnPart::Conditions.id(c.period);
            out.push(ctx.with_related_page(&id, ctx.conditions(i)));
        }
    }
    super::history::attach(model, &mut out);
    (out, problems)
}

/// The index pages for the main navigation, if the site has that kind of data.
pub fn nav_links(data: &DataModel, root: &str) -> Vec<Link> {
    let mut links = Vec::new();
    if !data.plans.is_empty() {
        links.push(Link {
            title: "Money".into(),
            url: format!("{root}{}", records::PLAN.index),
        });
    }
    if !data.metrics.is_empty() {
        links.push(Link {
            title: "Progress".into(),
            url: format!("{root}{}", records::METRIC.index),
        });
    }
    if !data.quarters.is_empty() {
        links.push(Link {
            title: records::QUARTER.index_title.into(),
            url: format!("{root}{}", records::QUARTER.index),
        });
    }
    // The parts of a return are in the main navigation only where the index they
    // belong with is not: `/plans/` leads to year-end returns and capacity, and
    // `/quarters/` to the national conditions. A short navigation matters on a
    // phone, where every link is a line before the page begins.
    for (present, part) in [
        (
            !data.year_ends.is_empty() && data.plans.is_empty(),
            ReturnPart::YearEnd,
        ),
        (
            !data.conditions.is_empty() && data.quarters.is_empty(),
            ReturnPart::Conditions,
        ),
        (
            !data.capacity.is_empty() && data.plans.is_empty(),
            ReturnPart::Capacity,
        ),
    ] {
        if present {
            links.push(Link {
                title: part.index_title().into(),
                url: format!("{root}{}", part.index()),
            });
        }
    }
    links
}

pub(crate) struct Ctx<'a> {
    model: &'a SiteModel,
    /// For the charts' templates.
    theme: &'a Theme,
    root: &'a str,
    base_url: &'a str,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(
        model: &'a SiteModel,
        theme: &'a Theme,
        root: &'a str,
        base_url: &'a str,
    ) -> Self {
        Ctx {
            model,
            theme,
            root,
            base_url,
        }
    }

    pub(crate) fn theme(&self) -> &'a Theme {
        self.theme
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

    /// A kind's index page: its title and summary, under its parent's crumb.
    fn index_page(&self, kind: &records::Kind) -> PageView {
        self.page(
            kind.index,
            kind.index_title.into(),
            Some(kind.index_summary.into()),
            kind.index_page_kind,
            kind.parent
                .map(|p| self.crumb(p.index_title, p.index))
                .into_iter()
                .collect(),
        )
    }

    /// A record's page: its title and summary, under its kind's parents' crumbs.
    fn record_page<R: Record>(&self, r: &R) -> PageView {
        let kind = R::KIND;
        self.page(
            &r.url(),
            r.title(),
            r.summary(),
            kind.page_kind,
            kind.parent
                .map(|p| self.crumb(p.index_title, p.index))
                .into_iter()
                .chain([self.crumb(kind.index_title, kind.index)])
                .collect(),
        )
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
            let item = super::views::list_item(&page.doc, self.url(&page.url));
            if page.doc.doc.front.kind.listed_as_feedback() {
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

    /// Links from an index page to the indexes of the parts of a return the site
    /// has: "Year-end returns: What came into the fund ...".
    fn part_facts(&self, parts: &[ReturnPart]) -> Vec<Fact> {
        let d = self.data();
        parts
            .iter()
            .filter(|p| match p {
                ReturnPart::Conditions => !d.conditions.is_empty(),
                ReturnPart::YearEnd => !d.year_ends.is_empty(),
                ReturnPart::Capacity => !d.capacity.is_empty(),
            })
            .map(|p| Fact {
                label: p.index_title().into(),
                value: p.index_summary().into(),
                url: Some(self.url(p.index())),
            })
            .collect()
    }

    fn with_related_page(&self, id: &str, mut page: DataPage) -> DataPage {
        page.data = self.with_related(id, page.data);
        page
    }
}

/// "Confidential scheme (details withheld)", "2 confidential schemes (details withheld)".
pub(crate) fn public_amounts_label(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("Confidential {noun} (details withheld)")
    } else {
        format!("{count} confidential {noun}s (details withheld)")
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

/// Where `relates_to` ids point, for a feedback page's "what this is about" links.
pub fn about_links(model: &SiteModel, ids: &[String], root: &str) -> Vec<Link> {
    let d = &model.data;
    ids.iter()
        .filter_map(|id| {
            let (title, url) = match d.resolve(id)? {
                Target::Plan(p) => (d.plans[p].plan.title(), d.plans[p].plan.url()),
                Target::Scheme => {
                    let s = d.scheme(&crate::data::Id(id.clone()))?;
                    (s.title(), s.url())
                }
                Target::Funding => {
                    let f = d.funding_source(&crate::data::Id(id.clone()))?;
                    (f.title(), f.url())
                }
                Target::Metric(m) => (d.metrics[m].metric.title(), d.metrics[m].metric.url()),
                Target::Quarter(q) => (d.quarters[q].quarter.title(), d.quarters[q].quarter.url()),
                Target::Conditions(c) => (d.conditions[c].title(), d.conditions[c].url()),
                Target::YearEnd(y) => (d.year_ends[y].title(), d.year_ends[y].url()),
                Target::Capacity(c) => (d.capacity[c].title(), d.capacity[c].url()),
            };
            Some(Link {
                title,
                url: format!("{root}{url}"),
            })
        })
        .collect()
}
