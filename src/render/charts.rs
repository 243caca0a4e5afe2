//! Charts drawn on the server as SVG: no JavaScript, no fonts or files fetched.
//!
//! Rust works out what to draw and where (the scale, each bar's place and size, the
//! words), as a view; the built-in templates `charts/metric.svg` and
//! `charts/bars.svg` write the SVG, so a theme can restyle a chart as it restyles a
//! page (`docs/templates.md` lists what they see). Coordinates reach the templates as
//! text, already rounded, so every theme draws the same figures.
//!
//! Every chart has `role="img"`, a `<title>` and a `<desc>` that says what it shows in
//! words, and is always shown next to a table of the same figures. Nothing depends on
//! colour alone: every bar is labelled with its value, estimates and partial figures
//! are hatched and say so in words, and pending figures are an empty outline labelled
//! "pending".

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;
use tera::Context;

use super::theme::{Theme, template_error};
use crate::data::format::metric_value;
use crate::data::metrics::{Metric, ValueStatus, target_for};
use crate::diagnostic::Diagnostic;

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// A coordinate as the SVG writes it: to a tenth.
fn at(v: f64) -> String {
    format!("{v:.1}")
}

/// `chart` in `charts/metric.svg`: a metric's figures against its targets.
#[derive(Serialize)]
struct MetricChart {
    /// The start of every id in the chart (`chart-<metric id>`).
    id: String,
    title: String,
    width: String,
    height: String,
    /// The zero line: its height, and where it starts and ends.
    base: String,
    left: String,
    right: String,
    bars: Vec<MetricBar>,
    /// Where the key ("dashed line: target") goes: the line's end and the text's
    /// place; the line starts at `left`, at `legend_y`.
    legend_y: String,
    legend_x2: String,
    legend_text_x: String,
    legend_text_y: String,
    /// What the chart shows, in words.
    desc: String,
}

/// One period of a metric chart.
#[derive(Serialize)]
struct MetricBar {
    /// `actual`, `estimate`, `partial`, `pending` or `not_applicable`.
    status: &'static str,
    /// The bar's left edge, width and centre.
    x: String,
    width: String,
    centre: String,
    /// The bar's top and height when the period has a figure; null when not (the
    /// chart draws an outline `outline_height` tall from `outline_top` instead).
    top: Option<String>,
    height: Option<String>,
    outline_top: String,
    outline_height: String,
    /// The words above the bar (the figure, and its status unless actual) and their
    /// height.
    label: String,
    label_y: String,
    /// The target for the period, as a line from `x1` to `x2` at `y`.
    target: Option<TargetLine>,
    /// The period, below the zero line.
    period: String,
    period_y: String,
}

#[derive(Serialize)]
struct TargetLine {
    x1: String,
    x2: String,
    y: String,
}

/// A metric's figures against its targets, a bar per period with a figure or target.
pub fn metric_chart(theme: &Theme, m: &Metric, title: &str) -> Result<Option<String>, Diagnostic> {
    let id = format!("chart-{}", m.id);
    let periods: Vec<_> = m.actuals.keys().copied().collect();
    if periods.is_empty() {
        return Ok(None);
    }
    // Scale: drawing only; the figures shown in words are the exact ones.
    let mut max = 0.0f64;
    for p in &periods {
        if let Some(v) = m.actuals[p].value {
            max = max.max(f(v.0));
        }
        if let Some((_, t)) = target_for(m, *p) {
            max = max.max(f(t.0));
        }
    }
    if max <= 0.0 {
        max = 1.0;
    }
    let (w, h, top, bottom, left) = (640.0, 300.0, 40.0, 60.0, 20.0);
    let slot = (w - left * 2.0) / periods.len() as f64;
    let bar = (slot * 0.5).min(90.0);
    let y = |v: f64| top + (h - top - bottom) * (1.0 - v / (max * 1.1));
    let base = y(0.0);
    let mut desc = Vec::new();
    let mut bars = Vec::with_capacity(periods.len());
    for (i, p) in periods.iter().enumerate() {
        let v = &m.actuals[p];
        let cx = left + slot * (i as f64 + 0.5);
        let x = cx - bar / 2.0;
        let (status, words) = match v.status {
            ValueStatus::Actual => ("actual", ""),
            ValueStatus::Estimate => ("estimate", " (estimate)"),
            ValueStatus::Partial => ("partial", " (partial)"),
            ValueStatus::Pending => ("pending", "pending"),
            ValueStatus::NotApplicable => ("not_applicable", "not applicable"),
        };
        let (top, label, label_y) = match v.value {
            Some(val) => {
                let top_y = y(f(val.0));
                let figure = metric_value(val, m.unit);
                desc.push(format!("{}: {figure}{words}", p.short_label()));
                (Some(top_y), format!("{figure}{words}"), top_y - 8.0)
            }
            None => {
                desc.push(format!("{}: {words}", p.short_label()));
                (None, words.to_string(), base - 38.0)
            }
        };
        let target = target_for(m, *p).map(|(tp, t)| {
            desc.push(format!(
                "target for {}: {}",
                tp.label(),
                metric_value(t, m.unit)
            ));
            TargetLine {
                x1: at(x - 10.0),
                x2: at(x + bar + 10.0),
                y: at(y(f(t.0))),
            }
        });
        bars.push(MetricBar {
            status,
            x: at(x),
            width: at(bar),
            centre: at(cx),
            top: top.map(at),
            height: top.map(|t| at(base - t)),
            outline_top: at(base - 30.0),
            outline_height: "30".into(),
            label,
            label_y: at(label_y),
            target,
            period: p.short_label(),
            period_y: at(base + 22.0),
        });
    }
    desc.dedup();
    let chart = MetricChart {
        id,
        title: title.to_string(),
        width: w.to_string(),
        height: h.to_string(),
        base: base.to_string(),
        left: left.to_string(),
        right: (w - left).to_string(),
        bars,
        legend_y: at(h - 14.0),
        legend_x2: at(left + 30.0),
        legend_text_x: at(left + 38.0),
        legend_text_y: at(h - 10.0),
        desc: desc.join("; "),
    };
    draw(theme, "charts/metric.svg", &chart).map(Some)
}

/// `chart` in `charts/bars.svg`: horizontal bars, one per row.
#[derive(Serialize)]
struct BarChart {
    id: String,
    title: String,
    width: String,
    height: String,
    rows: Vec<BarRow>,
    desc: String,
}

/// One bar: its label above it, the bar, and the amount as written at its end.
#[derive(Serialize)]
struct BarRow {
    label: String,
    label_y: String,
    bar_y: String,
    length: String,
    value: String,
    value_x: String,
    value_y: String,
}

/// Horizontal bars, one per row of (label, amount, the amount as written): each bar
/// is labelled with the amount as people write it ("£3,632,291"), formatted by the
/// caller so that chart and sentence agree.
pub fn bar_chart(
    theme: &Theme,
    id: &str,
    title: &str,
    rows: &[(String, Decimal, String)],
) -> Result<Option<String>, Diagnostic> {
    if rows.is_empty() {
        return Ok(None);
    }
    let max = rows
        .iter()
        .map(|(_, v, _)| f(*v))
        .fold(0.0f64, f64::max)
        .max(1.0);
    let (w, row_h, label_w) = (640.0, 44.0, 0.0);
    let h = row_h * rows.len() as f64 + 10.0;
    let chart = BarChart {
        id: id.to_string(),
        title: title.to_string(),
        width: w.to_string(),
        height: h.to_string(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, (label, v, value))| {
                let y = i as f64 * row_h;
                let len = ((w - label_w - 160.0) * f(*v) / max).max(2.0);
                BarRow {
                    label: label.clone(),
                    label_y: at(y + 14.0),
                    bar_y: at(y + 20.0),
                    length: at(len),
                    value: value.clone(),
                    value_x: at(len + 8.0),
                    value_y: at(y + 34.0),
                }
            })
            .collect(),
        desc: rows
            .iter()
            .map(|(label, _, value)| format!("{label}: {value}"))
            .collect::<Vec<_>>()
            .join("; "),
    };
    draw(theme, "charts/bars.svg", &chart).map(Some)
}

/// Renders a chart's template. The SVG goes inline into a page, so the line end an
/// editor leaves at the end of a template is dropped.
fn draw(theme: &Theme, template: &str, chart: &impl Serialize) -> Result<String, Diagnostic> {
    let mut ctx = Context::new();
    ctx.insert("chart", chart);
    theme
        .tera
        .render(template, &ctx)
        .map(|mut svg| {
            svg.truncate(svg.trim_end().len());
            svg
        })
        .map_err(|e| template_error(&e, &theme.sources).remove(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bar_chart_is_labelled_and_described() {
        let empty = tempfile::tempdir().unwrap();
        let theme = super::super::theme::load(empty.path(), "default").unwrap();
        let svg = bar_chart(
            &theme,
            "c",
            "Spend",
            &[
                ("Falls".into(), Decimal::new(1240, 0), "£1,240".into()),
                ("Carers <&>".into(), Decimal::new(620, 0), "£620".into()),
            ],
        )
        .unwrap()
        .unwrap();
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title id=\"c-title\">Spend</title>"));
        assert!(svg.contains("£1,240"));
        assert!(svg.contains("Carers &lt;&amp;&gt;"));
        assert!(svg.contains("<desc id=\"c-desc\">Falls: £1,240; Carers &lt;&amp;&gt;: £620."));
        assert!(svg.ends_with("</svg>"));
        assert!(bar_chart(&theme, "c", "t", &[]).unwrap().is_none());
    }
}
