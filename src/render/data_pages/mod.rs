//! Pages generated from data documents: plans, schemes, funding sources, metrics and
//! quarters, each at a stable address, and an index page for each kind.
//!
//! Every figure goes through `data::format`; every status is given in words. Totals
//! are computed from the published records only, and a page says when records were
//! withheld.

mod money;
pub(crate) use money::{funding_lines_table_id, scheme_facts};
mod conditions;
mod progress;
pub(crate) use conditions::tables as conditions_tables;
mod minimums;
pub(crate) use minimums::tables as minimums_tables;
mod year_end;
pub(crate) use year_end::tables as year_end_tables;
mod capacity;
pub(crate) use capacity::tables as capacity_tables;

pub use progress::{metric_table, metric_title, status_view};

use std::collections::BTreeMap;

use serde::Serialize;

use super::theme::Theme;
use super::views::{Link, ListItem, PageView};
use crate::data::amount::Amount;
use crate::data::format::{self, Units, metric_value};
use crate::data::metrics::{self, Better, Metric, Position};
use crate::data::period::Period;
use crate::data::plan::{Funding, Scheme};
use crate::diagnostic::{Diagnostic, plural};
use crate::model::SiteModel;
use crate::model::data::PlanEntry;
use crate::model::data::{DataModel, Target};

/// A row of amounts before formatting: label, link, amounts by year, confidential.
type AmountRow = (String, Option<String>, BTreeMap<Period, Amount>, bool);
/// A row of [`Ctx::amount_table`]: label, link, amounts by year, confidential.
pub(crate) type AmountRowRef<'a> = (String, Option<String>, &'a BTreeMap<Period, Amount>, bool);

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
    if !d.year_ends.is_empty() {
        out.push(ctx.year_ends_index());
        for i in 0..d.year_ends.len() {
            out.push(ctx.year_end(i));
        }
    }
    if !d.capacity.is_empty() {
        out.push(ctx.capacity_index());
        for i in 0..d.capacity.len() {
            match ctx.capacity(i) {
                Ok(page) => out.push(page),
                Err(d) => problems.push(d),
            }
        }
    }
    if !d.conditions.is_empty() {
        out.push(ctx.conditions_index());
        for i in 0..d.conditions.len() {
            out.push(ctx.conditions(i));
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
                    url: Some(self.url(&format!("schemes/{}/", s.id))),
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
                            Some(self.url(&format!("schemes/{}/", s.id))),
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
                    url: Some(self.url(&format!("funding/{}/", f.id))),
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
        Some(
            self.amount_table(
                "funding-table",
                format!(
                    "Money paid into the fund, by year ({})",
                    plan.units.heading()
                ),
                "Funding source",
                plan.units,
                &plan.years,
                plan.funding
                    .iter()
                    .map(|f| {
                        (
                            f.name.clone(),
                            Some(self.url(&format!("funding/{}/", f.id))),
                            &f.amounts,
                            f.confidential,
                        )
                    })
                    .chain(public_amounts_row(
                        &entry.disclosure.funding,
                        "funding source",
                    )),
                Some(&entry.funding_totals),
            ),
        )
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
}

/// The row that stands for withheld records whose amounts are public
/// (`amount_public`): their amounts, without their names.
pub(crate) fn public_amounts_row<'a>(
    p: &'a crate::visibility::disclosure::PublicAmounts,
    noun: &str,
) -> Option<AmountRowRef<'a>> {
    (p.count > 0).then(|| (public_amounts_label(p.count, noun), None, &p.amounts, false))
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

/// What the home page shows besides its own text: where the money goes, whether
/// each measure is on track, and the latest feedback.
#[derive(Clone, Debug, Default, Serialize)]
pub struct HomeView {
    /// One entry per headline plan (usually one; several side by side when
    /// `site.yaml` names them), each saying which plan and year it shows.
    pub money: Vec<MoneyView>,
    /// Where the plans are listed, if there are any.
    pub money_url: Option<String>,
    pub metrics: Vec<DataItem>,
    pub metrics_url: Option<String>,
    pub feedback: Vec<ListItem>,
}

/// "Where does the money go?" for one plan and year.
#[derive(Clone, Debug, Default, Serialize)]
pub struct MoneyView {
    /// The plan's title.
    pub title: String,
    pub url: String,
    /// "2024/25"
    pub year: String,
    /// One sentence with the whole: which plan, which year, how much, on how many
    /// schemes.
    pub sentence: String,
    /// The spending in groups, as a chart (output with `| safe`) and the same figures
    /// as a table; both absent when there is only one figure to give (the sentence
    /// says it).
    pub chart: Option<String>,
    pub table: Option<TableView>,
    /// "Some figures are illustrative ...", when they are.
    pub notice: Option<String>,
}

pub fn home(model: &SiteModel, theme: &Theme, root: &str) -> Result<HomeView, Diagnostic> {
    let d = &model.data;
    let mut feedback: Vec<&crate::model::Page> = model
        .pages
        .iter()
        .filter(|p| p.doc.doc.front.kind.listed_as_feedback())
        .collect();
    feedback.sort_by_key(|p| std::cmp::Reverse(p.doc.doc.front.date));
    let money = d
        .headlines(&model.settings, model.now)
        .into_iter()
        .map(|h| money_view(d, theme, h, root))
        .collect::<Result<_, _>>()?;
    Ok(HomeView {
        money,
        money_url: (!d.plans.is_empty()).then(|| format!("{root}plans/")),
        metrics: d
            .metrics
            .iter()
            .map(|m| DataItem {
                title: metric_title(&m.metric),
                url: format!("{root}metrics/{}/", m.metric.id),
                summary: None,
                status: Some(status_view(d, &m.metric)),
            })
            .collect(),
        metrics_url: (!d.metrics.is_empty()).then(|| format!("{root}metrics/")),
        feedback: feedback
            .into_iter()
            .take(3)
            .map(|p| super::views::list_item(&p.doc, format!("{root}{}", p.url)))
            .collect(),
    })
}

/// How a plan's spending in a year is grouped for the chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Grouping {
    /// By national scheme type: most of the money (three quarters) has one.
    Type,
    /// By the funding stream that pays for each scheme (`fund`): most of the money
    /// has one, and types are not given.
    Fund,
    /// The largest schemes, the rest together.
    LargestSchemes,
}

/// The most bars a chart of schemes gets before the rest are put together.
const MAX_BARS: usize = 7;

/// Groups a plan's spending in `year`: (label, amount), largest first, and how.
/// `None` when fewer than two groups would be drawn: a chart of one bar says nothing
/// a sentence cannot.
fn spending_groups(entry: &PlanEntry, year: Period) -> Option<(Grouping, Vec<(String, Amount)>)> {
    let schemes: Vec<(&Scheme, Amount)> = entry
        .plan
        .schemes
        .iter()
        .filter_map(|s| Some((s, *s.amounts.get(&year)?)))
        .collect();
    let withheld = entry.disclosure.schemes.amounts.get(&year).map(|a| {
        (
            public_amounts_label(entry.disclosure.schemes.count, "scheme"),
            *a,
        )
    });
    let total: Amount = schemes
        .iter()
        .map(|(_, a)| *a)
        .chain(withheld.iter().map(|w| w.1))
        .sum();
    let share = |f: &dyn Fn(&Scheme) -> bool| -> Amount {
        schemes.iter().filter(|(s, _)| f(s)).map(|(_, a)| *a).sum()
    };
    // "Most" is three quarters: below that, the largest bar would be "Type not given",
    // which tells a resident nothing.
    let most = |part: Amount| {
        part.0 * rust_decimal::Decimal::from(4) >= total.0 * rust_decimal::Decimal::from(3)
    };
    let by = |key: &dyn Fn(&Scheme) -> String| -> Vec<(String, Amount)> {
        let mut groups: BTreeMap<String, Amount> = BTreeMap::new();
        for (s, a) in &schemes {
            let g = groups.entry(key(s)).or_default();
            *g = *g + *a;
        }
        groups.into_iter().chain(withheld.clone()).collect()
    };
    let candidates = [
        (
            Grouping::Type,
            most(share(&|s| s.scheme_type.is_some())),
            by(&|s| {
                s.scheme_type
                    .clone()
                    .unwrap_or_else(|| "Type not given".into())
            }),
        ),
        (
            Grouping::Fund,
            most(share(&|s| s.fund.is_some())),
            by(&|s| {
                s.fund
                    .clone()
                    .map_or_else(|| "Fund not given".into(), |f| format!("Paid from {f}"))
            }),
        ),
    ];
    let sort = |mut rows: Vec<(String, Amount)>| {
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        rows
    };
    for (how, mostly, rows) in candidates {
        if mostly && rows.len() >= 2 {
            return Some((how, sort(rows)));
        }
    }
    let mut rows = sort(
        schemes
            .iter()
            .map(|(s, a)| (s.name.clone(), *a))
            .chain(withheld.clone())
            .collect(),
    );
    if rows.len() < 2 {
        return None;
    }
    if rows.len() > MAX_BARS {
        let rest = rows.split_off(MAX_BARS - 1);
        let sum: Amount = rest.iter().map(|r| r.1).sum();
        rows.push((format!("Other schemes ({})", rest.len()), sum));
    }
    Some((Grouping::LargestSchemes, rows))
}

fn money_view(
    d: &DataModel,
    theme: &Theme,
    h: crate::model::data::Headline,
    root: &str,
) -> Result<MoneyView, Diagnostic> {
    let entry = &d.plans[h.plan];
    let plan = &entry.plan;
    let year = h.year;
    let total = d.plan_total(h.plan, year);
    let (words, rounded) = format::prose_money(total, plan.units);
    let schemes = entry
        .plan
        .schemes
        .iter()
        .filter(|s| s.amounts.contains_key(&year))
        .count()
        + entry.disclosure.schemes.count;
    let spent = if entry.scheme_totals.contains_key(&year) {
        format!("{words} spent on {}", plural(schemes, "scheme"))
    } else {
        format!("{words} paid in")
    };
    let withheld = if entry.withheld_records > 0 {
        format!(
            "; {} confidential and not shown",
            plural(entry.withheld_records, "item")
        )
    } else {
        String::new()
    };
    let sentence = format!(
        "{}, {}: {spent}{}{withheld}.",
        plan.title,
        year.label(),
        if rounded {
            " (rounded; the exact figures are in the tables)"
        } else {
            ""
        },
    );
    let groups = spending_groups(entry, year);
    let (chart, table) = match groups {
        None => (None, None),
        Some((how, rows)) => {
            let by = match how {
                Grouping::Type => "by type of scheme",
                Grouping::Fund => "by the fund that pays for it",
                Grouping::LargestSchemes => "by scheme, largest first",
            };
            let caption = format!(
                "Spending in {}, {by} ({})",
                year.label(),
                plan.units.heading()
            );
            let chart_rows: Vec<(String, rust_decimal::Decimal, String)> = rows
                .iter()
                .map(|(l, a)| (l.clone(), a.0, format::money_exact(*a, plan.units)))
                .collect();
            let chart = super::charts::bar_chart(
                theme,
                &format!("spend-chart-{}", plan.id),
                &format!("{}: spending in {}, {by}", plan.title, year.label()),
                &chart_rows,
            )?;
            let first = match how {
                Grouping::Type => "Type of scheme",
                Grouping::Fund => "Fund",
                Grouping::LargestSchemes => "Scheme",
            };
            let table = TableView {
                id: format!("spend-{}", plan.id),
                caption,
                downloads: Vec::new(),
                unit: Some(format!("{} ({})", plan.units.heading(), plan.units.words())),
                columns: vec![Column::text(first), Column::number(year.short_label())],
                rows: rows
                    .into_iter()
                    .map(|(label, a)| Row {
                        label,
                        url: None,
                        cells: vec![format::table_amount(a)],
                        confidential: false,
                    })
                    .collect(),
                total: Some(Row {
                    label: "Total".into(),
                    url: None,
                    cells: vec![format::table_amount(total)],
                    confidential: false,
                }),
            };
            (chart, Some(table))
        }
    };
    let illustrative = plan.illustrative
        || plan.schemes.iter().any(|s| s.illustrative)
        || plan.funding.iter().any(|f| f.illustrative);
    Ok(MoneyView {
        title: plan.title.clone(),
        url: format!("{root}plans/{}/", plan.id),
        year: year.label(),
        sentence,
        chart,
        table,
        notice: illustrative.then(|| {
            "These figures are illustrative: they show how the site works and are not taken from a published paper.".to_string()
        }),
    })
}
