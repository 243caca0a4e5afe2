//! The data side of the site model: plans, funding sources, schemes, metrics and
//! quarters as published, with the indexes the generated pages need (a scheme across
//! every plan that names it), totals computed from the published records, and the
//! `relates_to` links from narrative pages.

use std::collections::BTreeMap;

use crate::data::amount::Amount;
use crate::data::metrics::Metric;
use crate::data::period::Period;
use crate::data::plan::{Plan, sum_by_year};
use crate::data::quarter::Quarter;
use crate::data::{DataDoc, Id};
use crate::diagnostic::{Diagnostic, Diagnostics, SourceText, did_you_mean};
use crate::visibility::PublicData;

/// A published plan with its computed totals.
#[derive(Debug)]
pub struct PlanEntry {
    pub plan: Plan,
    pub source: SourceText,
    pub withheld_records: usize,
    pub funding_totals: BTreeMap<Period, Amount>,
    pub scheme_totals: BTreeMap<Period, Amount>,
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
        let mut define = |id: &str, what: &str, source: &SourceText, diags: &mut Diagnostics| {
            if let Some(first) = defined.get(id) {
                diags.push(
                    Diagnostic::error(
                        "duplicate-id",
                        format!("the id `{id}` is defined twice ({what})"),
                    )
                    .at(source, span_of(source, id))
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
                    define(plan.id.as_str(), "plan", &file, diags);
                    // Funding sources and schemes may recur across plans under one id
                    // (that is how a scheme's page gathers its years), but not twice
                    // in one plan.
                    let mut in_plan = std::collections::BTreeSet::new();
                    for id in plan
                        .funding
                        .iter()
                        .map(|f| &f.id)
                        .chain(plan.schemes.iter().map(|s| &s.id))
                    {
                        if !in_plan.insert(id.as_str()) {
                            diags.push(
                                Diagnostic::error(
                                    "duplicate-id",
                                    format!("the id `{id}` is used twice in this plan"),
                                )
                                .at(&file, span_of(&file, &format!("id: {id}")))
                                .with_help(
                                    "each funding source and scheme in a plan needs its own id",
                                ),
                            );
                        }
                    }
                    let funding_totals = sum_by_year(plan.funding.iter().map(|f| &f.amounts));
                    let scheme_totals = sum_by_year(plan.schemes.iter().map(|s| &s.amounts));
                    model.plans.push(PlanEntry {
                        plan,
                        source: file,
                        withheld_records: d.withheld_records,
                        funding_totals,
                        scheme_totals,
                    });
                }
                DataDoc::Metrics(doc) => {
                    model.withheld_metrics += d.withheld_records;
                    for metric in doc.metrics {
                        define(metric.id.as_str(), "metric", &file, diags);
                        model.metrics.push(MetricEntry {
                            metric,
                            source: file.clone(),
                        });
                    }
                }
                DataDoc::Quarter(quarter) => {
                    define(&quarter.period.to_string(), "quarter", &file, diags);
                    model.quarters.push(QuarterEntry {
                        quarter,
                        source: file,
                        withheld_records: d.withheld_records,
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
                diags.push(
                    Diagnostic::error("duplicate-id", format!("the id `{id}` names a scheme and something else"))
                        .at(source, span_of(source, &format!("id: {id}")))
                        .with_help("ids become web addresses and are used in relates_to, so each must name one thing; rename one"),
                );
            }
        }
        for (id, places) in &model.funding {
            if defined.contains_key(id.as_str()) {
                let source = &model.plans[places[0].0].source;
                diags.push(
                    Diagnostic::error("duplicate-id", format!("the id `{id}` names a funding source and something else"))
                        .at(source, span_of(source, &format!("id: {id}")))
                        .with_help("ids become web addresses and are used in relates_to, so each must name one thing; rename one"),
                );
            }
        }
        model.check_scheme_names(diags);
        model.check_quarter_references(withheld, diags);
        model.check_reported_status(diags);
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
        if !self.plans.is_empty() {
            add("plans/".into(), "(generated from plans)");
            add("schemes/".into(), "(generated from plans)");
            add("funding/".into(), "(generated from plans)");
        }
        for p in &self.plans {
            add(format!("plans/{}/", p.plan.id), &p.source.path);
        }
        for (id, places) in &self.schemes {
            add(
                format!("schemes/{id}/"),
                &self.plans[places[0].0].source.path,
            );
        }
        for (id, places) in &self.funding {
            add(
                format!("funding/{id}/"),
                &self.plans[places[0].0].source.path,
            );
        }
        if !self.metrics.is_empty() {
            add("metrics/".into(), "(generated from metrics)");
        }
        for m in &self.metrics {
            add(format!("metrics/{}/", m.metric.id), &m.source.path);
        }
        if !self.quarters.is_empty() {
            add("quarters/".into(), "(generated from quarters)");
        }
        for q in &self.quarters {
            add(
                format!("quarters/{}/", q.quarter.period.slug()),
                &q.source.path,
            );
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
                        .at(&self.plans[p].source, span_of(&self.plans[p].source, name))
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
        let missing =
            |what: Named, id: &str, known: &[&str], source: &SourceText| match withheld.get(id) {
                Some(file) => names_confidential(what, id, file, source),
                None => unknown(what.words(), id, known, source),
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
fn names_confidential(what: Named, id: &str, file: &str, source: &SourceText) -> Diagnostic {
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
        .at(source, span_of(source, id))
        .with_note(format!("{file} marks `{id}` confidential"))
        .with_help(help)
}

impl DataModel {
    /// A quarter's reported status is shown as reported; where the figures say
    /// otherwise (by the rule in `metrics::position`), the editor is warned.
    fn check_reported_status(&self, diags: &mut Diagnostics) {
        use crate::data::metrics::{Position, position};
        use crate::data::quarter::ReportedStatus;
        for q in &self.quarters {
            for (id, reported) in &q.quarter.metrics {
                let Some(m) = self.metric(id.as_str()) else {
                    continue;
                };
                let (computed, basis) = position(&m.metric, Some(q.quarter.period));
                let differs = matches!(
                    (reported.status, computed),
                    (ReportedStatus::OnTrack, Position::NotOnTrack)
                        | (ReportedStatus::NotOnTrack, Position::OnTrack)
                );
                if differs {
                    let basis = basis
                        .map(|p| format!(" (from the figure for {})", p.label()))
                        .unwrap_or_default();
                    diags.push(
                        Diagnostic::warning(
                            "reported-status-differs",
                            format!(
                                "`{id}` is reported as \"{}\" for {}, but its figures say \"{}\"{basis}",
                                reported.status.words(),
                                q.quarter.period,
                                computed.words()
                            ),
                        )
                        .at(&q.source, span_of(&q.source, id.as_str()))
                        .with_help("the page shows the status as reported; check the figures in the metrics file, or the status here"),
                    );
                }
            }
        }
    }
}

/// Where a word first appears in a file, for diagnostics about data already parsed.
pub fn span_of(source: &SourceText, needle: &str) -> std::ops::Range<usize> {
    source
        .text
        .find(needle)
        .map_or(0..0, |i| i..i + needle.len())
}

fn unknown(what: &str, id: &str, known: &[&str], source: &SourceText) -> Diagnostic {
    let help = match did_you_mean(id, known.iter().copied()) {
        Some(near) => format!("did you mean `{near}`?"),
        None if known.is_empty() => format!("no {what} is defined yet"),
        None => format!("the ids defined are: {}", known.join(", ")),
    };
    Diagnostic::error(
        "unknown-id",
        format!("there is no {what} with the id `{id}`"),
    )
    .at(source, span_of(source, id))
    .with_help(help)
}
