//! Data rules: figures that do not add up, rates that do not match their counts,
//! values out of scale with the rest of their metric, and periods that cannot be
//! right. They run on every record (confidential ones too, since editors need them
//! right) at every build and `check`, and report warnings: the editor decides. (A
//! capacity and demand document's months, ids and pathways are errors, in
//! `capacity.rs`: a month in the wrong year cannot be right.)
//!
//! Each rule's code, reason and an example are in `docs/check.md`.

use std::ops::Range;

use rust_decimal::Decimal;
use time::OffsetDateTime;

use crate::data::metrics::Metric;
use crate::data::period::Period;
use crate::data::settings::Settings;
use crate::data::{DataDoc, DataFile};
use crate::diagnostic::{Diagnostic, SourceText};

/// A value this many times larger or smaller than the median of its metric's other
/// values is probably a typo (a misplaced decimal point is ten times).
const OUTLIER_RATIO: i64 = 8;

pub fn run(data: &[DataFile], settings: &Settings, now: OffsetDateTime) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for f in data {
        let src = &f.file.source;
        match &f.doc {
            DataDoc::Metrics(doc) => {
                for (i, m) in doc.metrics.iter().enumerate() {
                    let at = Record::Metric(i);
                    out.extend(rates(m, at, settings, src));
                    out.extend(outliers(m, at, src));
                    out.extend(future_actuals(m, at, now, src));
                }
            }
            DataDoc::Plan(p) => {
                out.extend(crate::data::minimums::shortfalls(p, src));
                for (at, id, amounts) in p
                    .funding
                    .iter()
                    .enumerate()
                    .map(|(i, f)| (Record::Funding(i), &f.id, &f.amounts))
                    .chain(
                        p.schemes
                            .iter()
                            .enumerate()
                            .map(|(i, s)| (Record::Scheme(i), &s.id, &s.amounts)),
                    )
                {
                    for period in amounts.keys().filter(|y| !p.years.contains(y)) {
                        out.push(
                            Diagnostic::warning(
                                "period-outside-plan",
                                format!("`{id}` has an amount for {period}, which is not one of the plan's years"),
                            )
                            .at(src, at.period_span(src, "amounts", *period))
                            .with_help(format!(
                                "the plan covers {}; add {period} to `years`, or move the amount to the right plan",
                                p.years.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", ")
                            )),
                        );
                    }
                }
            }
            DataDoc::YearEnd(y) => out.extend(crate::data::year_end::reconcile(y, src)),
            DataDoc::Capacity(c) => out.extend(super::capacity::check(c, src)),
            DataDoc::Quarter(_) | DataDoc::Conditions(_) => {}
        }
    }
    out
}

/// A rate per 100,000 recomputed from its count and the metric's population.
fn rates(m: &Metric, at: Record, settings: &Settings, src: &SourceText) -> Vec<Diagnostic> {
    use crate::data::format::MetricUnit;
    let mut out = Vec::new();
    let Some(pop) = m
        .population
        .as_ref()
        .and_then(|p| settings.area.population.get(p))
    else {
        return out;
    };
    if m.unit != MetricUnit::RatePer100k || *pop == 0 {
        return out;
    }
    for (period, v) in &m.actuals {
        let (Some(value), Some(count)) = (v.value, v.count) else {
            continue;
        };
        let computed = count.0 * Decimal::from(100_000) / Decimal::from(*pop);
        // Within rounding to the places the value is written with.
        let tolerance = Decimal::new(5, value.0.scale() + 1);
        if (computed - value.0).abs() > tolerance {
            let shown = computed.round_dp(value.0.scale() + 1);
            out.push(
                Diagnostic::warning(
                    "rate-differs",
                    format!(
                        "the {period} rate for `{}` is {} but its count gives {shown} ({} ÷ {} × 100,000)",
                        m.id,
                        value,
                        crate::data::format::grouped(count.0),
                        crate::data::format::grouped(Decimal::from(*pop))
                    ),
                )
                .at(src, at.period_span(src, "actuals", *period))
                .with_help("check the value, the count, and the population in site.yaml"),
            );
        }
    }
    out
}

/// A target or figure out of scale with the rest of its metric.
fn outliers(m: &Metric, at: Record, src: &SourceText) -> Vec<Diagnostic> {
    // (period, value, what, explained): a value with a note is compared with the
    // others but never warned about: the note says why it is what it is.
    let mut values: Vec<(Period, Decimal, &'static str, bool)> = m
        .targets
        .iter()
        .filter_map(|(p, t)| t.value.map(|v| (*p, v.0, "target", t.note.is_some())))
        .chain(
            m.actuals
                .iter()
                .filter_map(|(p, v)| v.value.map(|x| (*p, x.0, "figure", v.note.is_some()))),
        )
        .collect();
    values.retain(|(_, v, _, _)| !v.is_zero());
    let mut out = Vec::new();
    if values.len() < 2 {
        return out;
    }
    let ratio = Decimal::from(OUTLIER_RATIO);
    for (i, (period, v, what, explained)) in values.iter().enumerate() {
        if *explained {
            continue;
        }
        let mut others: Vec<Decimal> = values
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, (_, x, _, _))| x.abs())
            .collect();
        others.sort();
        let median = others[others.len() / 2];
        if median.is_zero() {
            continue;
        }
        let r = v.abs() / median;
        if r >= ratio || r <= Decimal::ONE / ratio {
            out.push(
                Diagnostic::warning(
                    "value-out-of-scale",
                    format!("the {what} for {period} of `{}` is {v}, far from its other values (around {median})", m.id),
                )
                .at(src, at.period_span(src, if *what == "target" { "targets" } else { "actuals" }, *period))
                .with_help("check for a decimal point in the wrong place or a missing digit; if it is right, say why in a `note` on the figure (a figure with a note is not warned about)"),
            );
        }
    }
    out
}

/// A figure for a period that has not started cannot be an actual.
fn future_actuals(
    m: &Metric,
    at: Record,
    now: OffsetDateTime,
    src: &SourceText,
) -> Vec<Diagnostic> {
    let (y, mo) = (now.year() as u16, u8::from(now.month()));
    m.actuals
        .iter()
        .filter(|(_, v)| v.value.is_some())
        .filter(|(p, _)| {
            // The period's first month: April of its year, or its quarter's first.
            let (start_y, start_m) = match p.quarter_number() {
                None | Some(1) => (p.start_year(), 4),
                Some(2) => (p.start_year(), 7),
                Some(3) => (p.start_year(), 10),
                Some(_) => (p.start_year() + 1, 1),
            };
            (start_y, start_m) > (y, mo)
        })
        .map(|(p, _)| {
            Diagnostic::warning(
                "figure-in-the-future",
                format!("`{}` has a figure for {p}, which has not started yet", m.id),
            )
            .at(src, at.period_span(src, "actuals", *p))
            .with_help("check the period; a target belongs under `targets`, and a forecast should say `status: estimate`")
        })
        .collect()
}

/// A record of a data document, by its place in its list (the rules read every
/// record, so places are as in the file).
#[derive(Clone, Copy)]
enum Record {
    Funding(usize),
    Scheme(usize),
    Metric(usize),
}

impl Record {
    /// Where this record's entry for `period` is written under `map` (`amounts`,
    /// `targets`, `actuals`): its key, looked up in the file's spans, read only now.
    fn period_span(self, src: &SourceText, map: &str, period: Period) -> Range<usize> {
        let (list, index) = match self {
            Record::Funding(i) => ("funding", i),
            Record::Scheme(i) => ("schemes", i),
            Record::Metric(i) => ("metrics", i),
        };
        crate::yaml::place(src, |root| {
            root.get(list)?
                .item(index)?
                .get(map)?
                .get_where(|k| Period::parse(k) == Some(period))?
                .key_span()
        })
    }
}
