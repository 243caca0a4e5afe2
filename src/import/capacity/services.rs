//! The service a capacity and demand row names: one the profile knows, or a new one
//! kept with an id from its name and a warning.

use std::collections::BTreeMap;

use super::{CapacityOut, CapacitySheets, ServiceOut};
use crate::content::slug::slugify;
use crate::data::Id;
use crate::data::capacity::Group;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::import::profile::normalise;
use crate::import::records::Reader;

/// The service a row names: one the profile knows (in the sheet's group), or a new
/// one with an id from its name and a warning, so nothing is dropped.
#[allow(clippy::too_many_arguments)]
pub fn service_index(
    r: &mut Reader,
    out: &mut CapacityOut,
    spec: &CapacitySheets,
    group: Group,
    name: &str,
    row: u32,
    col: u32,
    warnings: &mut Vec<Diagnostic>,
) -> Option<usize> {
    let k = normalise(name);
    let known = spec.known.iter().filter(|s| s.group == group).find(|s| {
        s.text.iter().any(|t| normalise(t) == k) || normalise(&s.name) == k || s.id.as_str() == k
    });
    if let Some(s) = known {
        if let Some(i) = out.services.iter().position(|o| o.id == s.id.as_str()) {
            return Some(i);
        }
        out.services.push(ServiceOut {
            id: s.id.to_string(),
            name: s.name.clone(),
            group,
            pathway: s.pathway,
            demand: BTreeMap::new(),
            capacity: BTreeMap::new(),
            rows: Vec::new(),
        });
        return Some(out.services.len() - 1);
    }
    if let Some(i) = out
        .services
        .iter()
        .position(|o| o.group == group && normalise(&o.name) == k)
    {
        return Some(i);
    }
    let mut base = slugify(name);
    base.truncate(90);
    let base = base.trim_end_matches('-').to_string();
    let base = if Id::is_valid(&base) {
        base
    } else {
        "service".to_string()
    };
    let taken = |id: &str| {
        out.services.iter().any(|o| o.id == id) || spec.known.iter().any(|s| s.id.as_str() == id)
    };
    let mut id = base.clone();
    let mut n = 2;
    while taken(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    let names: Vec<&str> = spec
        .known
        .iter()
        .filter(|s| s.group == group)
        .flat_map(|s| s.text.iter().map(String::as_str))
        .collect();
    let near = did_you_mean(name, names.iter().copied())
        .map(|n| format!(" (did you mean \"{n}\"?)"))
        .unwrap_or_default();
    let d = r.wb.at(
        Diagnostic::warning(
            "import-unknown-service",
            format!(
                "{} names a service that is not one of the template's {} services; it is kept as `{id}`",
                r.sheet.cell_ref(row, col),
                group.words().to_lowercase().trim_end_matches(" services")
            ),
        )
        .with_help(format!(
            "check the name{near}; if it is right, the page shows it under its own name, and you can add it to a profile (--profile FILE) to give it a pathway"
        )),
        r.sheet,
        row,
        col,
    );
    warnings.push(d);
    out.services.push(ServiceOut {
        id,
        name: name.to_string(),
        group,
        pathway: pathway_in(name).filter(|_| group == Group::HospitalDischarge),
        demand: BTreeMap::new(),
        capacity: BTreeMap::new(),
        rows: Vec::new(),
    });
    Some(out.services.len() - 1)
}

/// The pathway a name gives: "... (pathway 2)" → 2.
fn pathway_in(name: &str) -> Option<u8> {
    let lower = name.to_ascii_lowercase();
    let at = lower.find("pathway")? + "pathway".len();
    let digits: String = lower[at..]
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok().filter(|p| *p <= 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pathways_come_from_the_name() {
        assert_eq!(pathway_in("Step-down beds (Pathway 2)"), Some(2));
        assert_eq!(pathway_in("Night sitting"), None);
    }
}
