//! The data side of the site model: plans, funding sources, schemes, metrics and
//! quarters as published, with the indexes the generated pages need (a scheme across
//! every plan that names it), totals computed from the published records, and the
//! `relates_to` links from narrative pages.
//!
//! (Over 500 lines: the indexes and the checks across records that read them —
//! duplicate ids, a quarter's references, the headline plans, a metric's status —
//! are here together; each record kind's addresses, titles and summaries are in its
//! descriptor, `records.rs`.)

use std::collections::BTreeMap;
use std::ops::Range;

use crate::data::amount::Amount;
use crate::data::metrics::Metric;
use crate::data::period::Period;
use crate::data::plan::{Plan, sum_by_year};
use crate::data::quarter::Quarter;
use crate::data::{DataDoc, Id};
use crate::diagnostic::{Diagnostic, Diagnostics, SourceText, did_you_mean};
use crate::visibility::PublicData;
use crate::yaml::{At, place};

mod conditions;
pub use conditions::ConditionsEntry;
mod year_end;
pub use year_end::YearEndEntry;
mod capacity;
pub use capacity::CapacityEntry;

/// A published plan with its computed totals.
#[derive(Debug)]
pub struct PlanEntry {
    pub plan: Plan,
    pub source: SourceText,
    pub withheld_records: usize,
    /// Totals of everything published: the published records, and the amounts of
    /// withheld records marked `amount_public`.
    pub funding_totals: BTreeMap<Period, Amount>,
    pub scheme_totals: BTreeMap<Period, Amount>,
    /// Withheld amounts that are published anyway, and sums a reader can work out.
    pub disclosure: crate::visibility::disclosure::PlanDisclosure,
}

#[derive(Debug)]
pub struct MetricEntry {
    pub metric: Metric,
    pub source: SourceText,
}

#[derive(Debug)]
pub struct QuarterEntry {
    pub quarter: Quarter,
    pub source: SourceText,
    pub withheld_records: usize,
}

/// Where a scheme or funding source appears: (plan index, record index).
pub type Appearances = Vec<(usize, usize)>;

#[derive(Debug, Default)]
pub struct DataModel {
    pub plans: Vec<PlanEntry>,
    pub metrics: Vec<MetricEntry>,
    pub quarters: Vec<QuarterEntry>,
    /// National conditions, one entry per return, in period order.
    pub conditions: Vec<ConditionsEntry>,
    /// Year-end returns, in year order.
    pub year_ends: Vec<YearEndEntry>,
    /// Capacity and demand, in year order.
    pub capacity: Vec<CapacityEntry>,
    /// Scheme id → where it appears, in plan order.
    pub schemes: BTreeMap<Id, Appearances>,
    pub funding: BTreeMap<Id, Appearances>,
    /// Metrics withheld from this build (for the count on the metrics page).
    pub withheld_metrics: usize,
    /// How many data documents were published.
    pub documents: usize,
}

/// What an id in `relates_to` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Plan(usize),
    Funding,
    Scheme,
    Metric(usize),
    Quarter(usize),
    Conditions(usize),
    YearEnd(usize),
    Capacity(usize),
}

impl DataModel {
    /// `withheld` maps the ids of records withheld from this build to their files.
    pub fn build(
        data: Vec<PublicData>,
        withheld: &BTreeMap<String, String>,
        diags: &mut Diagnostics,
    ) -> DataModel {
        let mut model = DataModel::default();
        let mut defined: BTreeMap<String, String> = BTreeMap::new();
        // `at` finds where this definition is written, only if it is a repeat.
        let mut define = |id: &str,
                          what: &str,
                          source: &SourceText,
                          at: &dyn Fn(At) -> Option<At>,
                          diags: &mut Diagnostics| {
            if let Some(first) = defined.get(id) {
                diags.push(
                    Diagnostic::error(
                        "duplicate-id",
                        format!("the id `{id}` is defined twice ({what})"),
                    )
                    .at(source, place(source, |root| Some(at(root)?.span())))
                    .with_note(format!("{first} defines it first"))
                    .with_help("ids become web addresses, so each must be unique; rename one"),
                );
            } else {
                defined.insert(id.to_string(), source.path.clone());
            }
        };
        model.documents = data.len();
        for d in data {
            let file = d.file.file.source.clone();
            match d.file.doc {
                DataDoc::Plan(plan) => {
                    define(plan.id.as_str(), "plan", &file, &|r| r.get("id"), diags);
                    // Funding sources and schemes may recur across plans under one id
                    // (that is how a scheme's page gathers its years), but not twice
                    // in one plan.
                    let mut in_plan = std::collections::BTreeSet::new();
                    for (list, id) in plan
                        .funding
                        .iter()
                        .map(|f| ("funding", &f.id))
                        .chain(plan.schemes.iter().map(|s| ("schemes", &s.id)))
                    {
                        if !in_plan.insert(id.as_str()) {
                            // The second record with the id: on either list, so
                            // the one after the first, in the order they are read.
                            let second = |root: At| {
                                let first = ["funding", "schemes"]
                                    .into_iter()
                                    .find_map(|l| Some((l, record(root, l, id.as_str(), 0)?)))?;
                                let n = usize::from(first.0 == list);
                                record(root, list, id.as_str(), n)?.get("id")?.entry_span()
                            };
                            diags.push(
                                Diagnostic::error(
                                    "duplicate-id",
                                    format!("the id `{id}` is used twice in this plan"),
                                )
                                .at(&file, place(&file, second))
                                .with_help(
                                    "each funding source and scheme in a plan needs its own id",
                                ),
                            );
                        }
                    }
                    let disclosure = d.disclosure;
                    let funding_totals = sum_by_year(
                        plan.funding
                            .iter()
                            .map(|f| &f.amounts)
                            .chain([&disclosure.funding.amounts]),
                    );
                    let scheme_totals = sum_by_year(
                        plan.schemes
                            .iter()
                            .map(|s| &s.amounts)
                            .chain([&disclosure.schemes.amounts]),
                    );
                    model.plans.push(PlanEntry {
                        plan,
                        source: file,
                        withheld_records: d.withheld_records,
                        funding_totals,
                        scheme_totals,
                        disclosure,
                    });
                }
                DataDoc::Metrics(doc) => {
                    model.withheld_metrics += d.withheld_records;
                    for metric in doc.metrics {
                        let id = metric.id.as_str();
                        define(
                            id,
                            "metric",
                            &file,
                            &|r| record(r, "metrics", id, 0)?.get("id"),
                            diags,
                        );
                        model.metrics.push(MetricEntry {
                            metric,
                            source: file.clone(),
                        });
                    }
                }
                DataDoc::Quarter(quarter) => {
                    define(
                        &quarter.period.to_string(),
                        "quarter",
                        &file,
                        &|r| r.get("period"),
                        diags,
                    );
                    model
                        .conditions
                        .extend(ConditionsEntry::from_quarter(&quarter, &file));
                    model.quarters.push(QuarterEntry {
                        quarter,
                        source: file,
                        withheld_records: d.withheld_records,
                    });
                }
                DataDoc::Conditions(doc) => {
                    model.conditions.push(ConditionsEntry::from_doc(doc, &file));
                }
                DataDoc::Capacity(capacity) => model.capacity.push(CapacityEntry {
                    capacity,
                    source: file,
                    withheld_records: d.withheld_records,
                }),
                DataDoc::YearEnd(year_end) => {
                    model
                        .conditions
                        .extend(ConditionsEntry::from_year_end(&year_end, &file));
                    model.year_ends.push(YearEndEntry {
                        year_end,
                        source: file,
                        withheld_records: d.withheld_records,
                        sums: d.year_end_sums,
                    });
                }
            }
        }
        model.plans.sort_by(|a, b| {
            a.plan
                .years
                .first()
                .cmp(&b.plan.years.first())
                .then(a.plan.id.cmp(&b.plan.id))
        });
        model.quarters.sort_by_key(|q| q.quarter.period);
        model.conditions.sort_by_key(|c| c.period);
        model.year_ends.sort_by_key(|y| y.year_end.year);
        model.capacity.sort_by_key(|c| c.capacity.year);
        // A scheme may appear in several plans under one id; a funding source too.
        for (p, entry) in model.plans.iter().enumerate() {
            for (i, s) in entry.plan.schemes.iter().enumerate() {
                model.schemes.entry(s.id.clone()).or_default().push((p, i));
            }
            for (i, f) in entry.plan.funding.iter().enumerate() {
                model.funding.entry(f.id.clone()).or_default().push((p, i));
            }
        }
        for (id, places) in &model.schemes {
            let clash = model.funding.contains_key(id) || defined.contains_key(id.as_str());
            if clash {
                let source = &model.plans[places[0].0].source;
                let at = place(source, |r| {
                    record(r, "schemes", id.as_str(), 0)?
                        .get("id")?
                        .entry_span()
                });
                diags.push(
                    Diagnostic::error("duplicate-id", format!("the id `{id}` names a scheme and something else"))
                        .at(source, at)
                        .with_help("ids become web addresses and are used in relates_to, so each must name one thing; rename one"),
                );
            }
        }
        for (id, places) in &model.funding {
            if defined.contains_key(id.as_str()) {
                let source = &model.plans[places[0].0].source;
                let at = place(source, |r| {
                    record(r, "funding", id.as_str(), 0)?
                        .get("id")?
                        .entry_span()
                });
                diags.push(
                    Diagnostic::error("duplicate-id", format!("the id `{id}` names a funding source and something else"))
                        .at(source, at)
                        .with_help("ids become web addresses and are used in relates_to, so each must name one thing; rename one"),
                );
            }
        }
        model.check_scheme_names(diags);
        model.check_quarter_references(withheld, diags);
        model.check_reported_status(diags);
        model.check_conditions(withheld, diags);
        model.check_year_ends(withheld, diags);
        model.check_capacity(withheld, diags);
        model
    }

    /// The record an id names, if it is published.
    pub fn resolve(&self, id: &str) -> Option<Target> {
        if let Some(p) = self.plans.iter().position(|p| p.plan.id.as_str() == id) {
            return Some(Target::Plan(p));
        }
        if let Some(m) = self.metrics.iter().position(|m| m.metric.id.as_str() == id) {
            return Some(Target::Metric(m));
        }
        let as_id = Id(id.to_string());
        if self.schemes.contains_key(&as_id) {
            return Some(Target::Scheme);
        }
        if self.funding.contains_key(&as_id) {
            return Some(Target::Funding);
        }
        if let Some((part, period)) = super::records::ReturnPart::parse(id) {
            use super::records::ReturnPart;
            return match part {
                ReturnPart::Conditions => self
                    .conditions
                    .iter()
                    .position(|c| c.period == period)
                    .map(Target::Conditions),
                ReturnPart::YearEnd => self
                    .year_ends
                    .iter()
                    .position(|y| y.year_end.year == period)
                    .map(Target::YearEnd),
                ReturnPart::Capacity => self
                    .capacity
                    .iter()
                    .position(|c| c.capacity.year == period)
                    .map(Target::Capacity),
            };
        }
        let period = Period::parse(id)?;
        self.quarters
            .iter()
            .position(|q| q.quarter.period == period)
            .map(Target::Quarter)
    }

    /// Every page the data generates (URL path, the file behind it), for the URL
    /// clash check and for rendering.
    pub fn urls(&self) -> Vec<(String, String)> {
        let mut urls = Vec::new();
        let mut add = |url: String, file: &str| urls.push((url, file.to_string()));
        use super::records::{self, Record, funding_url, scheme_url};
        if !self.plans.is_empty() {
            for kind in [records::PLAN, records::SCHEME, records::FUNDING] {
                add(kind.index.into(), "(generated from plans)");
            }
        }
        for p in &self.plans {
            add(p.plan.url(), &p.source.path);
        }
        for (id, places) in &self.schemes {
            add(scheme_url(id), &self.plans[places[0].0].source.path);
        }
        for (id, places) in &self.funding {
            add(funding_url(id), &self.plans[places[0].0].source.path);
        }
        if !self.metrics.is_empty() {
            add(records::METRIC.index.into(), "(generated from metrics)");
        }
        for m in &self.metrics {
            add(m.metric.url(), &m.source.path);
        }
        if !self.quarters.is_empty() {
            add(records::QUARTER.index.into(), "(generated from quarters)");
        }
        for q in &self.quarters {
            add(q.quarter.url(), &q.source.path);
        }
        if !self.conditions.is_empty() {
            add("conditions/".into(), "(generated from returns)");
        }
        for c in &self.conditions {
            add(c.url(), &c.source.path);
        }
        if !self.year_ends.is_empty() {
            add("year-end/".into(), "(generated from year-end returns)");
        }
        for y in &self.year_ends {
            add(y.url(), &y.source.path);
        }
        if !self.capacity.is_empty() {
            add("capacity/".into(), "(generated from capacity and demand)");
        }
        for c in &self.capacity {
            add(c.url(), &c.source.path);
        }
        urls
    }

    /// Every id a page may relate to, for suggestions.
    pub fn all_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.plans.iter().map(|p| p.plan.id.0.clone()).collect();
        ids.extend(self.metrics.iter().map(|m| m.metric.id.0.clone()));
        ids.extend(self.schemes.keys().map(|k| k.0.clone()));
        ids.extend(self.funding.keys().map(|k| k.0.clone()));
        ids.extend(self.quarters.iter().map(|q| q.quarter.period.to_string()));
        use super::records::ReturnPart;
        ids.extend(
            self.conditions
                .iter()
                .map(|c| ReturnPart::Conditions.id(c.period)),
        );
        ids.extend(
            self.year_ends
                .iter()
                .map(|y| ReturnPart::YearEnd.id(y.year_end.year)),
        );
        ids.extend(
            self.capacity
                .iter()
                .map(|c| ReturnPart::Capacity.id(c.capacity.year)),
        );
        ids
    }

    /// The scheme record for an id in its first plan (its name, type, ...).
    pub fn scheme(&self, id: &Id) -> Option<&crate::data::plan::Scheme> {
        let &(p, i) = self.schemes.get(id)?.first()?;
        Some(&self.plans[p].plan.schemes[i])
    }

    pub fn funding_source(&self, id: &Id) -> Option<&crate::data::plan::Funding> {
        let &(p, i) = self.funding.get(id)?.first()?;
        Some(&self.plans[p].plan.funding[i])
    }

    pub fn metric(&self, id: &str) -> Option<&MetricEntry> {
        self.metrics.iter().find(|m| m.metric.id.as_str() == id)
    }

    /// A scheme id reused with a different name is probably two different schemes.
    fn check_scheme_names(&self, diags: &mut Diagnostics) {
        for (id, places) in &self.schemes {
            let (p0, i0) = places[0];
            let first = &self.plans[p0].plan.schemes[i0].name;
            for &(p, i) in &places[1..] {
                let name = &self.plans[p].plan.schemes[i].name;
                if name != first {
                    diags.push(
                        Diagnostic::warning(
                            "scheme-renamed",
                            format!(
                                "the scheme `{id}` is called \"{name}\" here but \"{first}\" in {}",
                                self.plans[p0].source.path
                            ),
                        )
                        .at(
                            &self.plans[p].source,
                            place(&self.plans[p].source, |r| {
                                Some(record(r, "schemes", id.as_str(), 0)?.get("name")?.span())
                            }),
                        )
                        .with_help(
                            "use one name for one scheme, or give a different scheme its own id",
                        ),
                    );
                }
            }
        }
    }

    /// A quarter names its plan, and metrics and schemes by id. A name of a record
    /// withheld from this build is an error that says so: the quarter would publish
    /// a figure about something confidential.
    fn check_quarter_references(
        &self,
        withheld: &BTreeMap<String, String>,
        diags: &mut Diagnostics,
    ) {
        let metric_ids: Vec<&str> = self.metrics.iter().map(|m| m.metric.id.as_str()).collect();
        let missing = |what: Named, id: &str, known: &[&str], source: &SourceText| {
            let at = place(source, |root| what.place(root, id));
            match withheld.get(id) {
                Some(file) => names_confidential(what, id, file, source, at),
                None => unknown(what.words(), id, known, source, at),
            }
        };
        for q in &self.quarters {
            let plan = self.plans.iter().find(|p| p.plan.id == q.quarter.plan);
            if plan.is_none() {
                let ids: Vec<&str> = self.plans.iter().map(|p| p.plan.id.as_str()).collect();
                diags.push(missing(
                    Named::Plan,
                    q.quarter.plan.as_str(),
                    &ids,
                    &q.source,
                ));
            }
            for id in q.quarter.metrics.keys() {
                if !metric_ids.contains(&id.as_str()) {
                    diags.push(missing(Named::Metric, id.as_str(), &metric_ids, &q.source));
                }
            }
            if let Some(plan) = plan {
                let scheme_ids: Vec<&str> =
                    plan.plan.schemes.iter().map(|s| s.id.as_str()).collect();
                for id in q.quarter.spend.keys() {
                    if !scheme_ids.contains(&id.as_str()) {
                        diags.push(missing(Named::Scheme, id.as_str(), &scheme_ids, &q.source));
                    }
                }
            }
        }
    }
}

/// What a quarter names by id.
#[derive(Clone, Copy)]
enum Named {
    Plan,
    Metric,
    Scheme,
}

impl Named {
    /// Where a quarter names it: its `plan`, or its key under `metrics` or `spend`.
    fn place(self, root: At, id: &str) -> Option<Range<usize>> {
        match self {
            Named::Plan => Some(root.get("plan")?.span()),
            Named::Metric => root.get("metrics")?.get(id)?.key_span(),
            Named::Scheme => root.get("spend")?.get(id)?.key_span(),
        }
    }

    fn words(self) -> &'static str {
        match self {
            Named::Plan => "plan",
            Named::Metric => "metric",
            Named::Scheme => "scheme of the plan",
        }
    }
}

/// A quarter that names a withheld plan, metric or scheme, and how to withhold what
/// it says about it too.
fn names_confidential(
    what: Named,
    id: &str,
    file: &str,
    source: &SourceText,
    at: Range<usize>,
) -> Diagnostic {
    let (message, help) = match what {
        Named::Plan => (
            format!(
                "this quarter is about the plan `{id}`, which is confidential and withheld from the public build"
            ),
            "add `confidential: true` to this quarter, so it is withheld with its plan".to_string(),
        ),
        Named::Metric => (
            format!(
                "this quarter reports on the metric `{id}`, which is confidential and withheld from the public build"
            ),
            format!(
                "add `confidential: true` to this quarter's entry for it, e.g. `{id}: {{status: on_track, confidential: true}}`, or remove the entry"
            ),
        ),
        Named::Scheme => (
            format!(
                "this quarter reports spending on the scheme `{id}`, which is confidential and withheld from the public build"
            ),
            format!(
                "add `confidential: true` to this quarter's spend entry for it, e.g. `{id}: {{planned: 620, actual: 598, confidential: true}}`, or remove the entry"
            ),
        ),
    };
    Diagnostic::error("quarter-names-confidential", message)
        .at(source, at)
        .with_note(format!("{file} marks `{id}` confidential"))
        .with_help(help)
}

/// A plan the home page leads with, and the year it shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Headline {
    /// Index into [`DataModel::plans`].
    pub plan: usize,
    pub year: Period,
}

impl DataModel {
    /// The plans the home page leads with. Named in `site.yaml` (`headline: {plans,
    /// year}`), or else the one plan that covers the current year with the most money:
    /// the current year is that of the latest quarterly return, or of `now` when there
    /// is none. A plan without amounts is never a headline (it has nothing to chart).
    pub fn headlines(
        &self,
        settings: &crate::data::settings::Settings,
        now: time::OffsetDateTime,
    ) -> Vec<Headline> {
        let current = self
            .quarters
            .last()
            .map(|q| q.quarter.period.financial_year())
            .unwrap_or_else(|| financial_year_of(now));
        let wanted = settings.headline.year.unwrap_or(current);
        if !settings.headline.plans.is_empty() {
            return settings
                .headline
                .plans
                .iter()
                .filter_map(|id| self.plans.iter().position(|p| p.plan.id == *id))
                .filter_map(|plan| {
                    let year = self.year_to_show(plan, wanted)?;
                    Some(Headline { plan, year })
                })
                .collect();
        }
        let best = (0..self.plans.len())
            .filter_map(|plan| {
                let year = self.year_to_show(plan, wanted)?;
                // In pounds: plans in thousands and in pounds compare as money.
                let total = self.plans[plan]
                    .plan
                    .units
                    .to_pounds(self.plan_total(plan, year));
                // Covering the wanted year first, then the nearest year, then money.
                let key = (
                    year == wanted,
                    std::cmp::Reverse(year.start_year().abs_diff(wanted.start_year())),
                    total,
                );
                Some((key, Headline { plan, year }))
            })
            .max_by(|a, b| a.0.cmp(&b.0))
            .map(|(_, h)| h);
        best.into_iter().collect()
    }

    /// The plan's money in a year: what it spends on schemes, else what is paid in.
    pub fn plan_total(&self, plan: usize, year: Period) -> Amount {
        let e = &self.plans[plan];
        e.scheme_totals
            .get(&year)
            .or_else(|| e.funding_totals.get(&year))
            .copied()
            .unwrap_or_default()
    }

    /// The year of a plan to show when `wanted` is asked for: it, if the plan has
    /// amounts for it; else the latest year before it with amounts; else the first.
    fn year_to_show(&self, plan: usize, wanted: Period) -> Option<Period> {
        let e = &self.plans[plan];
        let years: Vec<Period> = e
            .plan
            .years
            .iter()
            .copied()
            .filter(|y| e.scheme_totals.contains_key(y) || e.funding_totals.contains_key(y))
            .collect();
        years
            .iter()
            .copied()
            .find(|y| *y == wanted)
            .or_else(|| years.iter().rev().copied().find(|y| *y < wanted))
            .or_else(|| years.first().copied())
    }

    /// `site.yaml`'s `headline` must name published plans and a year one of them has.
    pub fn check_headline(
        &self,
        settings: &crate::data::settings::Settings,
        withheld: &BTreeMap<String, String>,
        diags: &mut Diagnostics,
    ) {
        let h = &settings.headline;
        for id in &h.plans {
            if self.plans.iter().any(|p| p.plan.id == *id) {
                continue;
            }
            let d = if let Some(file) = withheld.get(id.as_str()) {
                Diagnostic::error(
                    "headline-confidential",
                    format!("`headline` names the plan `{id}`, which is confidential"),
                )
                .with_note(format!("{file} marks it confidential"))
                .with_help("name a published plan, or remove it from `headline: plans`")
            } else {
                let ids: Vec<&str> = self.plans.iter().map(|p| p.plan.id.as_str()).collect();
                let help = match did_you_mean(id.as_str(), ids.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None if ids.is_empty() => {
                        "there are no plans; add one under content/ or remove `headline`".into()
                    }
                    None => format!("the plans are: {}", ids.join(", ")),
                };
                Diagnostic::error(
                    "unknown-id",
                    format!("`headline` names the plan `{id}`, but there is no such plan"),
                )
                .with_help(help)
            };
            diags.push(d.in_file("content/site.yaml"));
        }
        if let Some(year) = h.year {
            let named: Vec<&PlanEntry> = if h.plans.is_empty() {
                self.plans.iter().collect()
            } else {
                self.plans
                    .iter()
                    .filter(|p| h.plans.contains(&p.plan.id))
                    .collect()
            };
            if !named.is_empty() && !named.iter().any(|p| p.plan.years.contains(&year)) {
                diags.push(
                    Diagnostic::error(
                        "headline-year-outside-plans",
                        format!("`headline: year` is {year}, which no headline plan covers"),
                    )
                    .in_file("content/site.yaml")
                    .with_help("give a year in the plan's `years`, or remove `year` to show the current one"),
                );
            }
        }
    }
}

/// The financial year (April to March) a moment falls in.
fn financial_year_of(now: time::OffsetDateTime) -> Period {
    let y = now.year() as u16;
    if u8::from(now.month()) >= 4 {
        Period::year(y)
    } else {
        Period::year(y - 1)
    }
}

/// Who says where a metric stands: the board's return, or bcfsite's reading of the
/// figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leads {
    /// A quarterly return reports a status for the latest period with a figure (or
    /// later): that is the fact, and it is what the site shows.
    Reported,
    /// No return covers the latest figure: the computed reading is shown, labelled.
    Computed,
}

/// Where a metric stands, as the site shows it.
#[derive(Clone, Copy, Debug)]
pub struct MetricStatus<'a> {
    pub leads: Leads,
    /// The latest return that reports this metric, with its period.
    pub reported: Option<(Period, &'a crate::data::quarter::Reported)>,
    /// The computed reading: at the reported period when the return leads, else at
    /// the latest figure.
    pub reading: Option<crate::data::metrics::Reading>,
}

impl DataModel {
    /// Where a metric stands. **What the board reported is the fact; what bcfsite
    /// computes is a check.** The latest quarterly return that reports the metric
    /// leads, unless there is a figure for a later period than it covers; then the
    /// computed reading leads, and the page says it is bcfsite's.
    pub fn status_of(&self, metric: &Metric) -> MetricStatus<'_> {
        use crate::data::metrics::reading;
        let reported = self
            .quarters
            .iter()
            .rev()
            .find_map(|q| Some((q.quarter.period, q.quarter.metrics.get(&metric.id)?)));
        let latest = reading(metric, None);
        match reported {
            Some((period, _)) if latest.is_none_or(|r| r.period <= period) => MetricStatus {
                leads: Leads::Reported,
                reported,
                reading: reading(metric, Some(period)),
            },
            _ => MetricStatus {
                leads: Leads::Computed,
                reported,
                reading: latest,
            },
        }
    }

    /// A quarter's reported status is shown as reported; where the figures say
    /// otherwise (by the rule in `metrics::position`), the editor is warned.
    fn check_reported_status(&self, diags: &mut Diagnostics) {
        use crate::data::metrics::{Position, reading};
        use crate::data::quarter::ReportedStatus;
        for q in &self.quarters {
            for (id, reported) in &q.quarter.metrics {
                let Some(m) = self.metric(id.as_str()) else {
                    continue;
                };
                let Some(reading) = reading(&m.metric, Some(q.quarter.period)) else {
                    continue;
                };
                let computed = reading.position;
                let differs = matches!(
                    (reported.status, computed),
                    (ReportedStatus::OnTrack, Position::NotOnTrack)
                        | (ReportedStatus::NotOnTrack, Position::OnTrack)
                );
                if differs {
                    diags.push(
                        Diagnostic::warning(
                            "reported-status-differs",
                            format!(
                                "`{id}` is reported as \"{}\" for {}, but its figures say \"{}\": {}",
                                reported.status.words(),
                                q.quarter.period.quarter_words(),
                                computed.words(),
                                crate::data::metrics::reading_clause(&m.metric, &reading)
                            ),
                        )
                        .at(&q.source, place(&q.source, |r| Named::Metric.place(r, id.as_str())))
                        .with_help("the page shows the status as reported, with our reading beside it; check the figures in the metrics file (and its `basis`), or the status here"),
                    );
                }
            }
        }
    }
}

/// The `n`th record (from 0) in the list under `list` whose `id` is `id`.
fn record<'a>(root: At<'a>, list: &str, id: &str, n: usize) -> Option<At<'a>> {
    root.get(list)?
        .children()
        .filter(|r| r.get("id").and_then(At::scalar) == Some(id))
        .nth(n)
}

/// Where a metric's `key: value` is written, for a problem with that key.
pub fn metric_key_span(source: &SourceText, id: &Id, key: &str) -> Range<usize> {
    place(source, |r| {
        record(r, "metrics", id.as_str(), 0)?.get(key)?.entry_span()
    })
}

fn unknown(
    what: &str,
    id: &str,
    known: &[&str],
    source: &SourceText,
    at: Range<usize>,
) -> Diagnostic {
    let help = match did_you_mean(id, known.iter().copied()) {
        Some(near) => format!("did you mean `{near}`?"),
        None if known.is_empty() => format!("no {what} is defined yet"),
        None => format!("the ids defined are: {}", known.join(", ")),
    };
    Diagnostic::error(
        "unknown-id",
        format!("there is no {what} with the id `{id}`"),
    )
    .at(source, at)
    .with_help(help)
}
