//! Generated pages about progress: metrics against their targets, and quarters.

use std::collections::BTreeSet;

use crate::model::data::DataModel;

use super::*;

impl Ctx<'_> {
    pub(super) fn metrics_index(&self) -> DataPage {
        let url = "metrics/";
        let d = self.data();
        let items = d
            .metrics
            .iter()
            .map(|m| DataItem {
                title: metric_title(&m.metric),
                url: self.url(&format!("metrics/{}/", m.metric.id)),
                summary: m.metric.plain_name.as_ref().map(|_| m.metric.name.clone()),
                status: Some(status_view(d, &m.metric)),
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

    pub(super) fn metric(&self, i: usize) -> Result<DataPage, Diagnostic> {
        let entry = &self.data().metrics[i];
        let m = &entry.metric;
        let url = format!("metrics/{}/", m.id);
        let mut data = DataView {
            status: Some(status_view(self.data(), m)),
            chart: crate::render::charts::metric_chart(
                self.theme,
                m,
                &format!("{}: figures against targets", metric_title(m)),
            )?,
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
        if !m.actuals.is_empty() {
            data.facts.push(Fact {
                label: "Each quarter's figure covers".into(),
                value: m.basis.words().into(),
                url: None,
            });
        }
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
        Ok(DataPage {
            page: self.page(
                &url,
                metric_title(m),
                m.plain_name.as_ref().map(|_| m.name.clone()),
                "metric",
                vec![self.crumb("Are we on track?", "metrics/")],
            ),
            url,
            data,
        })
    }

    pub(super) fn quarters_index(&self) -> DataPage {
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

    pub(super) fn quarter(&self, i: usize) -> DataPage {
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
        data.facts.extend(self.conditions_fact(q.period));
        notices(&mut data, q.illustrative, entry.withheld_records, "entry");
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
                downloads: Vec::new(),
                caption: format!(
                    "Progress on each measure, as reported for {}",
                    q.period.short_label()
                ),
                unit: None,
                columns: vec![
                    Column::text("Measure"),
                    Column::text("Reported status"),
                    Column::text("Note"),
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
                downloads: Vec::new(),
                caption: format!(
                    "Spend in {}, planned and actual ({})",
                    q.period.short_label(),
                    units.heading()
                ),
                unit: Some(format!("{} ({})", units.heading(), units.words())),
                columns: vec![
                    Column::text("Scheme"),
                    Column::number("Planned"),
                    Column::number("Actual"),
                    Column::text("Note"),
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

/// Residents see the plain name first.
pub fn metric_title(m: &Metric) -> String {
    m.plain_name.clone().unwrap_or_else(|| m.name.clone())
}

pub(super) fn unit_words(m: &Metric, settings: &crate::data::settings::Settings) -> String {
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
pub fn status_view(d: &DataModel, m: &Metric) -> StatusView {
    use crate::data::quarter::ReportedStatus;
    use crate::model::data::Leads;
    let st = d.status_of(m);
    let reading = st.reading;
    match (st.leads, st.reported) {
        (Leads::Reported, Some((period, reported))) => {
            let words = reported.status.words();
            // Our reading is shown only where it says otherwise.
            let differs = reading.is_some_and(|r| r.position.words() != words);
            StatusView {
                key: match reported.status {
                    ReportedStatus::OnTrack => "on-track",
                    ReportedStatus::NotOnTrack => "not-on-track",
                    ReportedStatus::DataNotAvailable | ReportedStatus::NotApplicable => "no-data",
                }
                .into(),
                words: words.into(),
                source: "reported".into(),
                attribution: Some(format!(
                    "Reported to the board as {} ({}).",
                    words.to_lowercase(),
                    period.quarter_words()
                )),
                short_attribution: format!("reported to the board, {}", period.quarter_words()),
                reported_note: reported.note.clone(),
                reading: reading.filter(|_| differs).map(|r| {
                    format!(
                        "Our reading of the figures: {}.",
                        metrics::reading_clause(m, &r)
                    )
                }),
                basis: reading
                    .filter(|_| !differs)
                    .map(|r| metrics::reading_sentence(m, &r)),
            }
        }
        (_, reported) => {
            let (key, words) = match reading.map(|r| r.position) {
                Some(Position::OnTrack) => ("on-track", Position::OnTrack.words()),
                Some(Position::NotOnTrack) => ("not-on-track", Position::NotOnTrack.words()),
                _ => ("no-data", Position::NoDataYet.words()),
            };
            StatusView {
                key: key.into(),
                words: words.into(),
                source: "computed".into(),
                attribution: reading.map(|r| {
                    format!(
                        "Our reading of the figures for {}; no quarterly return to the board covers it yet.{}",
                        r.period.quarter_words(),
                        reported
                            .map(|(p, rep)| format!(
                                " The last return, for {}, reported it as {}.",
                                p.quarter_words(),
                                rep.status.words().to_lowercase()
                            ))
                            .unwrap_or_default()
                    )
                }),
                short_attribution: reading.map_or_else(
                    || "no figures yet".into(),
                    |r| format!("our reading of the figures, {}", r.period.quarter_words()),
                ),
                reported_note: None,
                reading: None,
                basis: reading.map(|r| metrics::reading_sentence(m, &r)),
            }
        }
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
            if let Some(r) = v.and_then(|v| crate::data::revision::words(&v.revised, m.unit)) {
                note = format!("{note} {r}").trim().to_string();
            }
            if let Some(t) = m.targets.get(&p) {
                let mut about = Vec::new();
                if t.status != metrics::ValueStatus::Actual {
                    about.push(t.status.target_words().to_lowercase());
                }
                if let Some(c) = t.count {
                    about.push(format!("count {}", format::grouped(c.0)));
                }
                if let Some(n) = &t.note {
                    about.push(n.clone());
                }
                if let Some(e) = t.expected {
                    about.push(format!("expected {}", e.label()));
                }
                if !about.is_empty() {
                    note = format!("{note} Target: {}.", about.join("; "))
                        .trim()
                        .to_string();
                }
            }
            Row {
                label: p.short_label(),
                url: None,
                cells: vec![
                    match (
                        m.targets.get(&p).and_then(|t| t.value),
                        metrics::target_for(m, p),
                    ) {
                        (Some(t), _) => metric_value(t, m.unit),
                        // A quarter measured against its year's target says so.
                        (None, Some((year, t))) => {
                            format!("{} ({} target)", metric_value(t, m.unit), year.label())
                        }
                        (None, None) => "no target".to_string(),
                    },
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
        downloads: Vec::new(),
        caption: format!("{}: targets and figures", metric_title(m)),
        unit: None,
        columns: vec![
            Column::text("Period"),
            Column::number(format!("Target ({})", m.unit.heading().to_lowercase())),
            Column::number(format!("Figure ({})", m.unit.heading().to_lowercase())),
            Column::text("Status of figure"),
            Column::text("Note"),
        ],
        rows,
        total: None,
    }
}
