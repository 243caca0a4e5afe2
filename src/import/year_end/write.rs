//! Writing the `kind: year_end` document: a comment per record naming the rows it
//! came from, amounts as their exact decimal text, a line's `note` in block style
//! (so no comma in it can end a flow mapping).

use std::fmt::Write as _;

use super::super::profile::Profile;
use super::super::write::scalar;
use super::{LineOut, YearEndOut};
use crate::data::amount::Amount;
use crate::data::year_end::PlannedActual;

/// `{planned: 700000, actual: 690000}`, leaving out what is not given.
fn pair(planned: Option<Amount>, actual: Option<Amount>) -> String {
    let items: Vec<String> = [("planned", planned), ("actual", actual)]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| format!("{k}: {v}")))
        .collect();
    format!("{{{}}}", items.join(", "))
}

fn line(out: &mut String, id: &str, l: &LineOut) {
    match &l.note {
        None => {
            let _ = writeln!(out, "  {id}: {}", pair(l.planned, l.actual));
        }
        Some(note) => {
            let _ = writeln!(out, "  {id}:");
            for (k, v) in [("planned", l.planned), ("actual", l.actual)] {
                if let Some(v) = v {
                    let _ = writeln!(out, "    {k}: {v}");
                }
            }
            let _ = writeln!(out, "    note: {}", scalar(note));
        }
    }
}

/// The `kind: year_end` document, a comment per record naming its rows.
pub fn write(y: &YearEndOut, source: &str, profile: &Profile) -> String {
    let mut out = String::new();
    super::super::write::imported_from(&mut out, source, profile);
    out.push_str("# Each record's comment names the rows it came from; a scheme's rows (one per\n");
    out.push_str("# source of funding) are added up. A blank actual is not given, never zero.\n");
    if y.thousands {
        out.push_str("# Amounts are in thousands of pounds, as the plan gives them: the workbook's\n# pounds divided by 1,000, exactly.\n");
    } else {
        out.push_str("# Amounts are in pounds, exactly as the workbook gives them.\n");
    }
    out.push_str("# Re-import with --force to replace this file.\n");
    out.push_str("kind: year_end\n");
    let _ = writeln!(out, "year: {}", y.year);
    let _ = writeln!(out, "plan: {}", y.plan);
    let given = |l: &LineOut| l.planned.is_some() || l.actual.is_some() || l.note.is_some();
    if y.income.iter().any(|(_, l, _)| given(l)) {
        out.push_str("income:\n");
        for (id, l, at) in y.income.iter().filter(|(_, l, _)| given(l)) {
            let _ = writeln!(out, "  # {at}");
            line(&mut out, id.as_str(), l);
        }
    }
    if y.schemes.iter().any(|(_, l)| given(l)) {
        out.push_str("expenditure:\n");
        for (s, l) in y.schemes.iter().filter(|(_, l)| given(l)) {
            let from = s.origin.join(", ");
            match &s.template_id {
                Some(t) => {
                    let _ = writeln!(
                        out,
                        "  # {from} (Scheme ID {})",
                        t.replace(crate::import::workbook::breaks_a_line, " ")
                    );
                }
                None => {
                    let _ = writeln!(out, "  # {from}");
                }
            }
            line(&mut out, &s.id, l);
        }
    }
    let totals: Vec<(&str, &(String, PlannedActual))> = [
        ("income", &y.income_total),
        ("expenditure", &y.expenditure_total),
    ]
    .into_iter()
    .filter_map(|(k, t)| t.as_ref().map(|t| (k, t)))
    .filter(|(_, (_, t))| t.planned.is_some() || t.actual.is_some())
    .collect();
    if !totals.is_empty() {
        out.push_str("totals:\n");
        for (key, (at, t)) in totals {
            let _ = writeln!(out, "  # {at}");
            let _ = writeln!(out, "  {key}: {}", pair(t.planned, t.actual));
        }
    }
    if !y.conditions.is_empty() {
        out.push_str("conditions:\n");
        for c in &y.conditions {
            super::super::write::condition(&mut out, c, "  ");
        }
    }
    out
}
