//! The template's national conditions sheet, where a profile says where it is: each
//! row a condition, whether it is met (the dropdown's words mapped to a status by the
//! profile) and its narrative; written as a `kind: conditions` document.

use std::fmt::Write as _;

use super::header::{find_header, find_sheet};
use super::profile::{Profile, normalise};
use super::records::Reader;
use super::workbook::Workbook;
use crate::data::conditions::ConditionStatus;
use crate::diagnostic::{Diagnostic, did_you_mean};

#[derive(Debug)]
pub struct ConditionOut {
    pub id: String,
    pub title: String,
    pub status: ConditionStatus,
    pub narrative: Option<String>,
    pub origin: String,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Col {
    Label,
    Status,
    Narrative,
}

/// `nc3` for "National Condition 3: ..." or "3. ...", else `nc<n>` by position.
fn id_for(title: &str, n: usize) -> String {
    let digits: String = title
        .split(|c: char| !c.is_ascii_digit())
        .find(|s| !s.is_empty())
        .unwrap_or_default()
        .to_string();
    let early = title.find(&digits).is_some_and(|i| i < 25);
    if !digits.is_empty() && early && digits.len() <= 2 {
        format!("nc{digits}")
    } else {
        format!("nc{n}")
    }
}

pub fn read(wb: &Workbook, profile: &Profile, problems: &mut Vec<Diagnostic>) -> Vec<ConditionOut> {
    let Some(spec) = &profile.conditions else {
        return Vec::new();
    };
    let Some(sheet) = find_sheet(wb, &spec.sheet) else {
        return Vec::new();
    };
    let wanted: Vec<(Col, &[String])> = vec![
        (Col::Label, spec.label.as_slice()),
        (Col::Status, spec.status.as_slice()),
        (Col::Narrative, spec.narrative.as_slice()),
    ];
    let describe = |k: Col| {
        let v = match k {
            Col::Label => &spec.label,
            Col::Status => &spec.status,
            Col::Narrative => &spec.narrative,
        };
        format!("\"{}\"", v.first().cloned().unwrap_or_default())
    };
    let header = match find_header(wb, sheet, &wanted, &[Col::Label, Col::Status], &describe) {
        Ok(h) => h,
        Err(d) => {
            problems.push(d);
            return Vec::new();
        }
    };
    let (label_col, status_col) = (
        header.col(Col::Label).unwrap_or(0),
        header.col(Col::Status).unwrap_or(0),
    );
    let mut r = Reader {
        wb,
        sheet,
        problems,
    };
    let mut out: Vec<ConditionOut> = Vec::new();
    for row in header.row + 1..sheet.height() {
        let Some(title) = r.text(row, Some(label_col), false) else {
            continue;
        };
        // A row without an answer is a heading or a note, not a condition.
        let Some(answer) = r.text(row, Some(status_col), false) else {
            continue;
        };
        let status = spec
            .statuses
            .iter()
            .find(|(k, _)| normalise(k) == normalise(&answer))
            .map(|(_, s)| *s);
        let Some(status) = status else {
            let help = match did_you_mean(&answer, spec.statuses.keys().map(String::as_str)) {
                Some(near) => format!("did you mean \"{near}\"?"),
                None => format!(
                    "the profile knows: {}",
                    spec.statuses
                        .keys()
                        .map(|k| format!("\"{k}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            r.err(
                Diagnostic::error(
                    "import-unknown-choice",
                    format!(
                        "{} is not one of the template's choices",
                        sheet.cell_ref(row, status_col)
                    ),
                )
                .with_help(help),
                row,
                status_col,
            );
            continue;
        };
        let narrative = r.text(row, header.col(Col::Narrative), true);
        let mut id = id_for(&title, out.len() + 1);
        if out.iter().any(|c| c.id == id) {
            id = format!("nc{}", out.len() + 1);
        }
        out.push(ConditionOut {
            id,
            title,
            status,
            narrative,
            origin: sheet.row_ref(row),
        });
    }
    out
}

/// The `kind: conditions` document, for the profile's first year.
pub fn write(cs: &[ConditionOut], source: &str, profile: &Profile) -> String {
    let mut out = String::new();
    super::write::imported_from(&mut out, source, profile);
    out.push_str("# Each condition's comment names the row it came from. Re-import with --force\n# to replace this file.\n");
    out.push_str("kind: conditions\n");
    if let Some(year) = profile.years.first() {
        let _ = writeln!(out, "period: {year}");
    }
    let _ = writeln!(out, "plan: {}", profile.plan.id);
    out.push_str("conditions:\n");
    for c in cs {
        super::write::condition(&mut out, c, "  ");
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_come_from_the_conditions_numbers() {
        assert_eq!(super::id_for("National Condition 3: right care", 1), "nc3");
        assert_eq!(super::id_for("2. Enabling people", 1), "nc2");
        assert_eq!(super::id_for("A jointly agreed plan", 4), "nc4");
    }
}
