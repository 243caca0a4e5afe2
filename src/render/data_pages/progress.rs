//! Generated pages about progress: metrics against their targets, and quarters.

use crate::model::data::DataModel;

use super::*;

impl Ctx<'_> {
    pub(super) fn metrics_index(&self) -> DataPage {
        let url = records::METRIC.index;
        let d = self.data();
        let items = d
            .metrics
            .iter()
            .map(|m| DataItem {
                title: m.metric.title(),
                url: self.url(&m.metric.url()),
                summary: m.metric.summary(),
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
            page: self.index_page(&records::METRIC),
            data,
        }
    }

    pub(super) fn metric(&self, i: usize) -> Result<DataPage, Diagnostic> {
        let entry = &self.data().metrics[i];
        let m = &entry.metric;
        let url = m.url();
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
            page: self.record_page(m),
            url,
            data,
        })
    }

    pub(super) fn quarters_index(&self) -> DataPage {
        let url = records::QUARTER.index;
        let items = self
            .data()
            .quarters
            .iter()
            .rev()
            .map(|q| DataItem {
                title: q.quarter.title(),
                url: self.url(&q.quarter.url()),
                summary: q.quarter.summary(),
                status: None,
            })
            .collect();
        DataPage {
            url: url.into(),
            page: self.index_page(&records::QUARTER),
            data: DataView {
                items,
                facts: self.part_facts(&[ReturnPart::Conditions]),
                ..DataView::default()
            },
        }
    }

    pub(super) fn quarter(&self, i: usize) -> DataPage {
        let d = self.data();
        let entry = &d.quarters[i];
        let q = &entry.quarter;
        let url = q.url();
        let mut data = DataView::default();
        let plan = d.plans.iter().find(|p| p.plan.id == q.plan);
        if let Some(p) = plan {
            data.facts.push(Fact {
                label: "Plan".into(),
                value: p.plan.title.clone(),
                url: Some(self.url(&p.plan.url())),
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
            let columns = quarter_columns::metrics(d, self.root);
            data.tables.push(TableView {
                id: "metrics-table".into(),
                downloads: Vec::new(),
                caption: format!(
                    "Progress on each measure, as reported for {}",
                    q.period.short_label()
                ),
                unit: None,
                columns: columns.headings(),
                rows: q.metrics.iter().map(|r| columns.row(&r)).collect(),
                total: None,
            });
        }
        if !q.spend.is_empty() {
            let units = plan.map_or(Units::Pounds, |p| p.plan.units);
            let columns = quarter_columns::spend(d, units, self.root);
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
                columns: columns.headings(),
                rows: q.spend.iter().map(|r| columns.row(&r)).collect(),
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
            page: self.record_page(q),
            url,
            data,
        }
    }
}

/// Residents see the plain name first (the metric's descriptor says so).
pub fn metric_title(m: &Metric) -> String {
    m.title()
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

/// Targets against figures, a row per period, from the metric's descriptor.
pub fn metric_table(m: &Metric) -> TableView {
    let columns = metric_columns::columns(m);
    TableView {
        id: format!("{}-table", m.id),
        downloads: Vec::new(),
        caption: format!("{}: targets and figures", metric_title(m)),
        unit: None,
        columns: columns.headings(),
        rows: metric_columns::periods(m)
            .iter()
            .map(|p| columns.row(p))
            .collect(),
        total: None,
    }
}
