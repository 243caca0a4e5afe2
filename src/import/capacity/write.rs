//! Writing the `kind: capacity` document: one comment per service naming the rows
//! its figures came from, and the rows added where demand was given per trust.

use std::fmt::Write as _;

use super::{CapacityOut, Kind, ServiceOut};
use crate::data::capacity::Group;
use crate::import::profile::Profile;

/// The `kind: capacity` document.
pub fn write(c: &CapacityOut, source: &str, profile: &Profile) -> String {
    use crate::import::write::scalar;
    let mut out = String::new();
    crate::import::write::imported_from(&mut out, source, profile);
    out.push_str("# Each service's comment names the rows it came from; demand given per referring\n# trust is added up, and the comment names the rows added. A month left blank in\n# the workbook is not given. Re-import with --force to replace this file.\n");
    out.push_str("kind: capacity\n");
    let _ = writeln!(out, "year: {}", c.year);
    let _ = writeln!(out, "plan: {}", profile.plan.id);
    if let Some(u) = &c.unit {
        let _ = writeln!(out, "unit: {}", scalar(u));
    }
    out.push_str("services:\n");
    for s in &c.services {
        let _ = writeln!(out, "  # {}", origin(s));
        let _ = writeln!(out, "  - id: {}", s.id);
        let _ = writeln!(out, "    name: {}", scalar(&s.name));
        let group = match s.group {
            Group::HospitalDischarge => "hospital_discharge",
            Group::Community => "community",
        };
        let _ = writeln!(out, "    group: {group}");
        if let Some(p) = s.pathway {
            let _ = writeln!(out, "    pathway: {p}");
        }
        for (key, map) in [("demand", &s.demand), ("capacity", &s.capacity)] {
            if !map.is_empty() {
                let items: Vec<String> = map
                    .iter()
                    .map(|(m, a)| format!("{:04}-{:02}: {a}", m.year, m.month))
                    .collect();
                let _ = writeln!(out, "    {key}: {{{}}}", items.join(", "));
            }
        }
    }
    out
}

/// "capacity '5.2 C&D Hospital Discharge'!9:9; demand the sum of ...!20:20 (Royal
/// Preston) and ...!21:21 (Blackpool)", on one line.
fn origin(s: &ServiceOut) -> String {
    let mut parts = Vec::new();
    for kind in [Kind::Capacity, Kind::Demand] {
        let rows: Vec<String> = s
            .rows
            .iter()
            .filter(|(k, _, _)| *k == kind)
            .map(|(_, r, trust)| match trust {
                Some(t) => format!("{r} ({})", crate::import::cell::one_line(t)),
                None => r.clone(),
            })
            .collect();
        match rows.as_slice() {
            [] => {}
            [one] => parts.push(format!("{} {one}", kind.word())),
            [rest @ .., last] => parts.push(format!(
                "{} the sum of {} and {last}",
                kind.word(),
                rest.join(", ")
            )),
        }
    }
    parts
        .join("; ")
        .replace(crate::import::workbook::breaks_a_line, " ")
}
