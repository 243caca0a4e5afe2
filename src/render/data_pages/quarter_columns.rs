//! The quarter's descriptor for its tables: progress on each measure as reported, and
//! spend against plan, each column said once for the page and the downloads (see
//! `columns.rs`).

use super::Column;
use super::columns::{Col, Columns, Value, number, text};
use crate::data::Id;
use crate::data::format::Units;
use crate::data::quarter::{Reported, Spend};
use crate::model::data::DataModel;
use crate::model::records::Record;
use crate::model::records::{metric_url, scheme_url};

/// A row of the measures table: the metric's id and what the return reported.
pub type MetricRow<'a> = (&'a Id, &'a Reported);
/// A row of the spend table: the scheme's id and its spend.
pub type SpendRow<'a> = (&'a Id, &'a Spend);

/// Progress on each measure, as reported. `root` starts the page's links.
pub fn metrics<'a>(d: &'a DataModel, root: &'a str) -> Columns<'a, MetricRow<'a>> {
    Columns {
        cols: vec![
            Col::download(text("metric_id"), |r: &MetricRow| {
                Value::Text(r.0.to_string())
            }),
            Col::both(
                Column::text("Measure"),
                "",
                text("metric"),
                move |r: &MetricRow| d.metric(r.0.as_str()).map(|m| m.metric.title()).into(),
            ),
            Col::both(
                Column::text("Reported status"),
                "",
                text("reported_status"),
                |r: &MetricRow| Value::Text(r.1.status.words().into()),
            ),
            Col::both(Column::text("Note"), "", text("note"), |r: &MetricRow| {
                r.1.note.clone().into()
            }),
        ],
        url: Box::new(move |r: &MetricRow| {
            d.metric(r.0.as_str())
                .map(|_| format!("{root}{}", metric_url(r.0)))
        }),
        confidential: Box::new(|r: &MetricRow| r.1.confidential),
    }
}

/// Spend in the quarter, planned and actual, in the plan's `units`.
pub fn spend<'a>(d: &'a DataModel, units: Units, root: &'a str) -> Columns<'a, SpendRow<'a>> {
    let money = |n: &str| {
        number(
            format!("{n} ({})", units.heading()),
            Some(format!("In {}", units.words())),
        )
    };
    Columns {
        cols: vec![
            Col::download(text("scheme_id"), |r: &SpendRow| {
                Value::Text(r.0.to_string())
            }),
            Col::both(
                Column::text("Scheme"),
                "",
                text("scheme"),
                move |r: &SpendRow| d.scheme(r.0).map(|s| s.name.clone()).into(),
            ),
            Col::both(
                Column::number("Planned"),
                "not given",
                money("planned"),
                |r: &SpendRow| r.1.planned.into(),
            ),
            Col::both(
                Column::number("Actual"),
                "not given",
                money("actual"),
                |r: &SpendRow| r.1.actual.into(),
            ),
            Col::both(Column::text("Note"), "", text("note"), |r: &SpendRow| {
                r.1.note.clone().into()
            }),
        ],
        url: Box::new(move |r: &SpendRow| {
            d.schemes
                .contains_key(r.0)
                .then(|| format!("{root}{}", scheme_url(r.0)))
        }),
        confidential: Box::new(|r: &SpendRow| r.1.confidential),
    }
}
