//! A year-end return against the plan it reports on: finding that plan in the folder
//! imported into (`--into`), taking its id, its scheme ids and its units, warning of
//! any line that is not one of its records.
//!
//! Without a plan in the folder the profile's `plan.id` is used and nothing is checked
//! here; `bcfsite check` reconciles the return with the plan once both are in place.

use std::path::Path;

use rust_decimal::Decimal;

use super::super::profile::normalise;
use super::super::workbook::Workbook;
use super::YearEndOut;
use crate::data::amount::Amount;
use crate::data::format::Units;
use crate::data::plan::Plan;
use crate::diagnostic::{Diagnostic, did_you_mean};

/// The plans already in `dir`, with their files, in name order; files that are not
/// plans, or do not parse, are passed over (`check` reports those).
fn plans_in(dir: &Path) -> Vec<(String, Plan)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            let shown = path.display().to_string();
            let file = crate::load::ContentFile {
                rel: shown.clone(),
                source: crate::diagnostic::SourceText {
                    path: shown.clone(),
                    text: text.into(),
                },
                digest: 0,
                link_target: None,
            };
            match crate::data::parse(file).ok()?.doc {
                crate::data::DataDoc::Plan(p) => Some((shown, p)),
                _ => None,
            }
        })
        .collect()
}

/// Takes the plan in `dir` that covers the return's year (the profile's plan, or
/// else the only one), its id, its units, and the id of its scheme of the same name
/// for a scheme whose own id it does not have; warns of each line still not in it.
pub fn match_plan(dir: &Path, wb: &Workbook, out: &mut YearEndOut) -> Vec<Diagnostic> {
    let plans: Vec<(String, Plan)> = plans_in(dir)
        .into_iter()
        .filter(|(_, p)| p.years.contains(&out.year))
        .collect();
    let chosen = plans
        .iter()
        .find(|(_, p)| p.id.as_str() == out.plan)
        .or(match plans.as_slice() {
            [only] => Some(only),
            _ => None,
        });
    let Some((file, plan)) = chosen else {
        return Vec::new();
    };
    out.plan = plan.id.to_string();
    for i in 0..out.schemes.len() {
        let (s, _) = &out.schemes[i];
        if plan.schemes.iter().any(|p| p.id.as_str() == s.id) {
            continue;
        }
        let same: Vec<&str> = plan
            .schemes
            .iter()
            .filter(|p| normalise(&p.name) == normalise(&s.name))
            .map(|p| p.id.as_str())
            .collect();
        if let [id] = same.as_slice()
            && !out.schemes.iter().any(|(o, _)| o.id == *id)
        {
            out.schemes[i].0.id = (*id).to_string();
        }
    }
    if plan.units == Units::Thousands {
        out.thousands = true;
        let k = |a: &mut Option<Amount>| {
            if let Some(v) = a {
                *v = Amount(v.0 / Decimal::ONE_THOUSAND);
            }
        };
        let lines = out.income.iter_mut().map(|(_, l, _)| l);
        for l in lines.chain(out.schemes.iter_mut().map(|(_, l)| l)) {
            k(&mut l.planned);
            k(&mut l.actual);
        }
        for (_, t) in [&mut out.income_total, &mut out.expenditure_total]
            .into_iter()
            .flatten()
        {
            k(&mut t.planned);
            k(&mut t.actual);
        }
    }
    let mut warnings = Vec::new();
    let sources: Vec<&str> = plan.funding.iter().map(|f| f.id.as_str()).collect();
    let schemes: Vec<&str> = plan.schemes.iter().map(|s| s.id.as_str()).collect();
    let unknown = out
        .income
        .iter()
        .map(|(id, _, at)| {
            (
                "funding source",
                id.to_string(),
                id.to_string(),
                at.clone(),
                &sources,
            )
        })
        .chain(out.schemes.iter().map(|(s, _)| {
            (
                "scheme",
                s.id.clone(),
                format!("\"{}\"", s.name),
                s.origin.join(", "),
                &schemes,
            )
        }))
        .filter(|(_, id, _, _, known)| !known.contains(&id.as_str()));
    for (what, id, shown, at, known) in unknown {
        let help = match did_you_mean(&id, known.iter().copied()) {
            Some(near) => format!("did you mean `{near}`? Make the name agree in both workbooks, or change the id in the YAML written"),
            None => "check the return is for this plan; add the record to the plan, or change the id in the YAML written".to_string(),
        };
        warnings.push(
            Diagnostic::warning(
                "import-not-in-plan",
                format!(
                    "{at}: the {what} {shown} is `{id}`, which is not a {what} of the plan `{}` in {file}",
                    plan.id
                ),
            )
            .at_place(
                wb.file.clone(),
                at.split(", ").next().unwrap_or_default().to_string(),
            )
            .with_help(help),
        );
    }
    warnings
}
