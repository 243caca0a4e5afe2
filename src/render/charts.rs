//! Charts drawn on the server as SVG: no JavaScript, no fonts or files fetched.
//!
//! Every chart has `role="img"`, a `<title>` and a `<desc>` that says what it shows in
//! words, and is always shown next to a table of the same figures. Nothing depends on
//! colour alone: every bar is labelled with its value, estimates and partial figures
//! are hatched and say so in words, and pending figures are an empty outline labelled
//! "pending".

use std::fmt::Write as _;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::data::format::metric_value;
use crate::data::metrics::{Metric, ValueStatus, target_for};

/// Shared pattern definitions: hatching for estimates, dots for partial figures.
const PATTERNS: &str = r##"<defs><pattern id="{id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><rect width="3" height="6" fill="#1d4f91"/></pattern><pattern id="{id}-dots" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#ffffff"/><circle cx="3" cy="3" r="1.6" fill="#1d4f91"/></pattern></defs>"##;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// A metric's figures against its targets, a bar per period with a figure or target.
pub fn metric_chart(m: &Metric, title: &str) -> Option<String> {
    let id = format!("chart-{}", m.id);
    let periods: Vec<_> = m.actuals.keys().copied().collect();
    if periods.is_empty() {
        return None;
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
    let mut svg = String::new();
    let mut desc = Vec::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{}</title>"#,
        esc(title)
    );
    svg.push_str(&PATTERNS.replace("{id}", &id));
    let base = y(0.0);
    let _ = write!(
        svg,
        r##"<line x1="{left}" y1="{base}" x2="{}" y2="{base}" stroke="#0b0c0c" stroke-width="1"/>"##,
        w - left
    );
    for (i, p) in periods.iter().enumerate() {
        let v = &m.actuals[p];
        let cx = left + slot * (i as f64 + 0.5);
        let x = cx - bar / 2.0;
        let words = match v.status {
            ValueStatus::Actual => "",
            ValueStatus::Estimate => " (estimate)",
            ValueStatus::Partial => " (partial)",
            ValueStatus::Pending => "pending",
            ValueStatus::NotApplicable => "not applicable",
        };
        match v.value {
            Some(val) => {
                let top_y = y(f(val.0));
                let fill = match v.status {
                    ValueStatus::Estimate => format!("url(#{id}-hatch)"),
                    ValueStatus::Partial => format!("url(#{id}-dots)"),
                    _ => "#1d4f91".to_string(),
                };
                let _ = write!(
                    svg,
                    r##"<rect x="{x:.1}" y="{top_y:.1}" width="{bar:.1}" height="{:.1}" fill="{fill}" stroke="#1d4f91" stroke-width="2"/><text x="{cx:.1}" y="{:.1}" text-anchor="middle" font-size="14" fill="#0b0c0c">{}{}</text>"##,
                    base - top_y,
                    top_y - 8.0,
                    esc(&metric_value(val, m.unit)),
                    esc(words)
                );
                desc.push(format!(
                    "{}: {}{}",
                    p.short_label(),
                    metric_value(val, m.unit),
                    words
                ));
            }
            None => {
                let _ = write!(
                    svg,
                    r##"<rect x="{x:.1}" y="{:.1}" width="{bar:.1}" height="30" fill="none" stroke="#505a5f" stroke-width="2" stroke-dasharray="4 3"/><text x="{cx:.1}" y="{:.1}" text-anchor="middle" font-size="14" fill="#0b0c0c">{}</text>"##,
                    base - 30.0,
                    base - 38.0,
                    esc(words)
                );
                desc.push(format!("{}: {words}", p.short_label()));
            }
        }
        if let Some((tp, t)) = target_for(m, *p) {
            let ty = y(f(t.0));
            let _ = write!(
                svg,
                r##"<line x1="{:.1}" y1="{ty:.1}" x2="{:.1}" y2="{ty:.1}" stroke="#0b0c0c" stroke-width="3" stroke-dasharray="8 4"/>"##,
                x - 10.0,
                x + bar + 10.0
            );
            desc.push(format!(
                "target for {}: {}",
                tp.label(),
                metric_value(t, m.unit)
            ));
        }
        let _ = write!(
            svg,
            r##"<text x="{cx:.1}" y="{:.1}" text-anchor="middle" font-size="14" fill="#0b0c0c">{}</text>"##,
            base + 22.0,
            esc(&p.short_label())
        );
    }
    let _ = write!(
        svg,
        r##"<line x1="{left}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#0b0c0c" stroke-width="3" stroke-dasharray="8 4"/><text x="{:.1}" y="{:.1}" font-size="13" fill="#0b0c0c">dashed line: target</text>"##,
        h - 14.0,
        left + 30.0,
        h - 14.0,
        left + 38.0,
        h - 10.0
    );
    desc.dedup();
    let _ = write!(
        svg,
        r#"<desc id="{id}-desc">{}. The same figures are in the table below.</desc></svg>"#,
        esc(&desc.join("; "))
    );
    Some(svg)
}

/// Horizontal bars, one per row of (label, amount, the amount as written): each bar
/// is labelled with the amount as people write it ("£3,632,291"), formatted by the
/// caller so that chart and sentence agree.
pub fn bar_chart(id: &str, title: &str, rows: &[(String, Decimal, String)]) -> Option<String> {
    if rows.is_empty() {
        return None;
    }
    let max = rows
        .iter()
        .map(|(_, v, _)| f(*v))
        .fold(0.0f64, f64::max)
        .max(1.0);
    let (w, row_h, label_w) = (640.0, 44.0, 0.0);
    let h = row_h * rows.len() as f64 + 10.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{}</title>"#,
        esc(title)
    );
    let mut desc = Vec::new();
    for (i, (label, v, value)) in rows.iter().enumerate() {
        let y = i as f64 * row_h;
        let len = ((w - label_w - 160.0) * f(*v) / max).max(2.0);
        let _ = write!(
            svg,
            r##"<text x="0" y="{:.1}" font-size="14" fill="#0b0c0c">{}</text><rect x="0" y="{:.1}" width="{len:.1}" height="18" fill="#1d4f91"/><text x="{:.1}" y="{:.1}" font-size="14" fill="#0b0c0c">{}</text>"##,
            y + 14.0,
            esc(label),
            y + 20.0,
            len + 8.0,
            y + 34.0,
            esc(value)
        );
        desc.push(format!("{label}: {value}"));
    }
    let _ = write!(
        svg,
        r#"<desc id="{id}-desc">{}. The same figures are in the table below.</desc></svg>"#,
        esc(&desc.join("; "))
    );
    Some(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bar_chart_is_labelled_and_described() {
        let svg = bar_chart(
            "c",
            "Spend",
            &[
                ("Falls".into(), Decimal::new(1240, 0), "£1,240".into()),
                ("Carers <&>".into(), Decimal::new(620, 0), "£620".into()),
            ],
        )
        .unwrap();
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title id=\"c-title\">Spend</title>"));
        assert!(svg.contains("£1,240"));
        assert!(svg.contains("Carers &lt;&amp;&gt;"));
        assert!(svg.contains("<desc id=\"c-desc\">Falls: £1,240; Carers &lt;&amp;&gt;: £620."));
        assert!(bar_chart("c", "t", &[]).is_none());
    }
}
