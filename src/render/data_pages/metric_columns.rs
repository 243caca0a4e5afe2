//! The metric's descriptor for its table of targets and figures: a row per period,
//! each column said once for the page and the downloads (see `columns.rs`).

use std::collections::BTreeSet;

use super::Column;
use super::columns::{Col, Columns, Value, number, text};
use crate::data::format::{self, metric_value};
use crate::data::metrics::{self, Metric};
use crate::data::period::Period;

/// The periods of the table, in order: every period with a target or a figure.
pub fn periods(m: &Metric) -> Vec<Period> {
    m.targets
        .keys()
        .chain(m.actuals.keys())
        .copied()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// The columns of a metric's table. The page puts a period's target and its notes in
/// sentences; the downloads give each fact its own field.
pub fn columns(m: &Metric) -> Columns<'_, Period> {
    let unit = m.unit.heading().to_lowercase();
    Columns {
        cols: vec![
            Col::both(Column::text("Period"), "", text("period"), |p: &Period| {
                Value::Period(*p)
            }),
            Col::page(
                Column::number(format!("Target ({unit})")),
                "",
                move |p: &Period| Value::Text(target_words(m, *p)),
            ),
            Col::download(number(format!("target ({unit})"), None), move |p| {
                m.targets.get(p).and_then(|t| t.value).into()
            }),
            Col::download(text("target status"), move |p| {
                m.targets.get(p).map_or(Value::Empty, |t| {
                    Value::Text(t.status.target_words().into())
                })
            }),
            Col::download(
                number(
                    "target count",
                    Some("The number of people or events behind the target, where given".into()),
                ),
                move |p| m.targets.get(p).and_then(|t| t.count).into(),
            ),
            Col::download(text("target note"), move |p| {
                m.targets.get(p).and_then(|t| t.note.clone()).into()
            }),
            Col::both(
                Column::number(format!("Figure ({unit})")),
                "no figure",
                number(format!("value ({unit})"), None),
                move |p| {
                    m.actuals
                        .get(p)
                        .and_then(|v| v.value)
                        .map_or(Value::Empty, |x| Value::Figure(x, m.unit))
                },
            ),
            Col::both(
                Column::text("Status of figure"),
                "",
                text("status"),
                move |p| {
                    m.actuals
                        .get(p)
                        .map_or(Value::Empty, |v| Value::Text(v.status.words().into()))
                },
            ),
            Col::download(
                number(
                    "count",
                    Some("The number of people or events behind a rate, where given".into()),
                ),
                move |p| m.actuals.get(p).and_then(|v| v.count).into(),
            ),
            Col::download(text("note"), move |p| {
                m.actuals.get(p).and_then(|v| v.note.clone()).into()
            }),
            Col::download(text("expected"), move |p| {
                m.actuals
                    .get(p)
                    .and_then(|v| v.expected)
                    .map(|e| format!("{}-{:02}", e.year, e.month))
                    .into()
            }),
            Col::download(
                number(
                    format!("revised from ({unit})"),
                    Some("The figure published before this one, where it was revised".into()),
                ),
                move |p| {
                    m.actuals
                        .get(p)
                        .and_then(|v| v.revised.last())
                        .map(|r| r.value)
                        .into()
                },
            ),
            Col::download(text("revisions"), move |p| {
                m.actuals
                    .get(p)
                    .and_then(|v| crate::data::revision::text(&v.revised))
                    .into()
            }),
            Col::page(Column::text("Note"), "", move |p: &Period| {
                Value::Text(note_words(m, *p))
            }),
        ],
        url: Box::new(|_| None),
        confidential: Box::new(|_| false),
    }
}

/// The page's target for a period: its own, or its year's, said so.
fn target_words(m: &Metric, p: Period) -> String {
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
    }
}

/// The page's note for a period: the figure's note, when it is expected, its count,
/// and what the target says besides its value.
fn note_words(m: &Metric, p: Period) -> String {
    let v = m.actuals.get(&p);
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
    note
}
