//! The template's capacity and demand sheets ("5.2 C&D Hospital Discharge", "5.3 C&D
//! Community"), where a profile has a `capacity:` section: each sheet's blocks
//! ("Capacity - Hospital Discharge", "Demand - Hospital Discharge"), each block's header
//! row of month columns, and a row per service. Demand given per referring trust is
//! added up per service, exactly. Written as a `kind: capacity` document.
//!
//! Month labels are read from text ("Apr-24", "May 24", "April 2024", "2024-04",
//! "01/04/2024") and from date cells (or the serial number a date cell holds) to
//! `YYYY-MM` ([`months`]), each checked to fall in the profile's capacity year. A
//! blank figure is not given, never zero. A row's service is found in the profile, or
//! kept with a warning ([`services`]); [`write`] writes the document.

pub mod months;
pub mod services;
pub mod write;

use std::collections::BTreeMap;

use serde::Deserialize;

use super::header::find_sheet;
use super::profile::{Profile, normalise};
use super::records::Reader;
use super::workbook::{Sheet, Value, Workbook};
use crate::data::Id;
use crate::data::amount::Amount;
use crate::data::capacity::Group;
use crate::data::period::{Month, Period};
use crate::diagnostic::Diagnostic;
use months::{Label, label};
use services::service_index;

pub use write::write;

/// A profile's `capacity:` section: where the sheets are and what their blocks and
/// services are called.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapacitySheets {
    /// The financial year the template's months fall in.
    pub year: Period,
    /// Parts of the sheet names, per group.
    pub sheets: SheetNames,
    /// Text heading a block of capacity figures ("Capacity - Hospital Discharge").
    pub capacity: Vec<String>,
    /// Text heading a block of demand figures ("Demand - Hospital Discharge").
    pub demand: Vec<String>,
    /// The label of the column naming the service or pathway.
    pub service: Vec<String>,
    /// The label of the column naming the trust a demand row's referrals come from.
    #[serde(default)]
    pub referral: Vec<String>,
    /// Labels of the cell left of the unit the figures count ("Unit:").
    #[serde(default)]
    pub unit: Vec<String>,
    pub known: Vec<KnownService>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SheetNames {
    pub hospital_discharge: Vec<String>,
    pub community: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownService {
    pub id: Id,
    pub name: String,
    pub group: Group,
    pub pathway: Option<u8>,
    /// The row labels the template uses for it.
    pub text: Vec<String>,
}

impl CapacitySheets {
    /// The sheet patterns of both groups, for the hidden-rows check.
    pub fn sheet_patterns(&self) -> [&[String]; 2] {
        [&self.sheets.hospital_discharge, &self.sheets.community]
    }
}

/// What the sheets hold: the year, the unit if a sheet says one, and the services.
#[derive(Debug)]
pub struct CapacityOut {
    pub year: Period,
    pub unit: Option<String>,
    pub services: Vec<ServiceOut>,
}

#[derive(Debug)]
pub struct ServiceOut {
    pub id: String,
    pub name: String,
    pub group: Group,
    pub pathway: Option<u8>,
    pub demand: BTreeMap<Month, Amount>,
    pub capacity: BTreeMap<Month, Amount>,
    /// The rows each figure came from, by kind, with the referring trust if named.
    pub rows: Vec<(Kind, String, Option<String>)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Capacity,
    Demand,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Capacity => "capacity",
            Kind::Demand => "demand",
        }
    }
}

/// A cell's text compared with the markers: as labels are, with dashes made one and
/// any section number in front ("3.1 Demand - Community") left out.
fn key(text: &str) -> String {
    let t = text.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | ')' | ' '));
    normalise(t).replace(['\u{2013}', '\u{2014}', '\u{2212}'], "-")
}

/// Reads both sheets; `None` when the profile has no section or the workbook no
/// capacity and demand sheet.
pub fn read(
    wb: &Workbook,
    profile: &Profile,
    problems: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Option<CapacityOut> {
    let spec = profile.capacity.as_ref()?;
    let sheets: Vec<(Group, &Sheet)> = [
        (Group::HospitalDischarge, &spec.sheets.hospital_discharge),
        (Group::Community, &spec.sheets.community),
    ]
    .into_iter()
    .filter_map(|(g, p)| find_sheet(wb, p).map(|s| (g, s)))
    .collect();
    if sheets.is_empty() {
        return None;
    }
    let mut out = CapacityOut {
        year: spec.year,
        unit: None,
        services: Vec::new(),
    };
    for (group, sheet) in sheets {
        read_sheet(wb, sheet, group, profile, &mut out, problems, warnings);
    }
    Some(out)
}

/// A block: its kind and the rows from its heading to the next block's.
struct Block {
    kind: Kind,
    /// The heading's row and column.
    from: u32,
    col: u32,
    to: u32,
}

fn blocks(sheet: &Sheet, spec: &CapacitySheets) -> Vec<Block> {
    let markers = |list: &[String]| -> Vec<String> { list.iter().map(|m| key(m)).collect() };
    let (cap, dem) = (markers(&spec.capacity), markers(&spec.demand));
    let mut heads: Vec<(u32, u32, Kind)> = Vec::new();
    for row in 0..sheet.height() {
        let kind = sheet.row(row).iter().enumerate().find_map(|(col, v)| {
            let Value::Text(t) = v else { return None };
            let k = key(t);
            if cap.iter().any(|m| k.starts_with(m.as_str())) {
                Some((col as u32, Kind::Capacity))
            } else if dem.iter().any(|m| k.starts_with(m.as_str())) {
                Some((col as u32, Kind::Demand))
            } else {
                None
            }
        });
        if let Some((col, kind)) = kind {
            heads.push((row, col, kind));
        }
    }
    heads
        .iter()
        .enumerate()
        .map(|(i, (row, col, kind))| Block {
            kind: *kind,
            from: *row,
            col: *col,
            to: heads.get(i + 1).map_or(sheet.height(), |(r, _, _)| *r),
        })
        .collect()
}

fn read_sheet(
    wb: &Workbook,
    sheet: &Sheet,
    group: Group,
    profile: &Profile,
    out: &mut CapacityOut,
    problems: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) {
    let Some(spec) = &profile.capacity else {
        return;
    };
    if out.unit.is_none() {
        out.unit = unit(sheet, spec);
    }
    let found = blocks(sheet, spec);
    if found.is_empty() {
        problems.push(
            Diagnostic::error(
                "import-no-header",
                format!(
                    "the sheet {} has no block headed \"{}\" or \"{}\"",
                    sheet.name,
                    spec.capacity.first().cloned().unwrap_or_default(),
                    spec.demand.first().cloned().unwrap_or_default()
                ),
            )
            .in_file(wb.file.clone())
            .with_help("the headings are compared without case or spaces; if your workbook words them differently, copy the built-in profile, add the words under `capacity:` and pass it with --profile FILE"),
        );
    }
    for block in found {
        read_block(wb, sheet, group, profile, &block, out, problems, warnings);
    }
}

/// The unit the sheet says its figures count, from the cell right of a unit label.
fn unit(sheet: &Sheet, spec: &CapacitySheets) -> Option<String> {
    let labels: Vec<String> = spec.unit.iter().map(|u| normalise(u)).collect();
    (0..sheet.height()).find_map(|row| {
        let cells = sheet.row(row);
        let at = cells
            .iter()
            .position(|v| v.text().is_some_and(|t| labels.contains(&normalise(&t))))?;
        cells[at + 1..]
            .iter()
            .find_map(Value::text)
            .map(|t| super::cell::one_line(&t))
    })
}

#[allow(clippy::too_many_arguments)]
fn read_block(
    wb: &Workbook,
    sheet: &Sheet,
    group: Group,
    profile: &Profile,
    block: &Block,
    out: &mut CapacityOut,
    problems: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) {
    let Some(spec) = &profile.capacity else {
        return;
    };
    let labels = |list: &[String]| -> Vec<String> { list.iter().map(|l| normalise(l)).collect() };
    let (service_labels, referral_labels) = (labels(&spec.service), labels(&spec.referral));
    let col_of = |row: u32, wanted: &[String]| {
        sheet
            .row(row)
            .iter()
            .position(|v| v.text().is_some_and(|t| wanted.contains(&normalise(&t))))
            .map(|c| c as u32)
    };
    // The header is the first row with the service column's label; failing that, a
    // heading that tops the service column itself, with the months beside it.
    let months_beside = sheet
        .row(block.from)
        .iter()
        .any(|v| matches!(label(v), Label::Month(_)));
    let found = (block.from..block.to)
        .find_map(|r| col_of(r, &service_labels).map(|c| (r, c)))
        .or(months_beside.then_some((block.from, block.col)));
    let Some((header, service_col)) = found else {
        problems.push(
            wb.at(
                Diagnostic::error(
                    "import-no-header",
                    format!(
                        "the block under {} has no row with the label \"{}\"",
                        sheet.cell_ref(block.from, 0),
                        spec.service.first().cloned().unwrap_or_default()
                    ),
                ),
                sheet,
                block.from,
                0,
            )
            .with_help("add the words your workbook uses for the service column under `capacity: service:` in a profile, and pass it with --profile FILE"),
        );
        return;
    };
    let referral_col = col_of(header, &referral_labels);
    let mut r = Reader {
        wb,
        sheet,
        problems,
    };
    let months = month_columns(&mut r, header, spec.year);
    for row in header + 1..block.to {
        let mut figures: BTreeMap<Month, Amount> = BTreeMap::new();
        for (col, m) in &months {
            if let Some(a) = r.count(row, *col, "a number (of people, referrals or the like)") {
                figures.insert(*m, a);
            }
        }
        let Some(name) = r.text(row, Some(service_col), false) else {
            if !figures.is_empty() {
                r.err(
                    Diagnostic::error(
                        "import-missing-name",
                        format!("{} has figures but no service", sheet.row_ref(row)),
                    )
                    .with_help("name the service or pathway, or delete the figures"),
                    row,
                    service_col,
                );
            }
            continue;
        };
        // A row without figures is a heading, a note or a service not given; a
        // Total row is the template's own sum, not a service.
        if figures.is_empty() || profile.is_total(&name) {
            continue;
        }
        let Some(i) = service_index(&mut r, out, spec, group, &name, row, service_col, warnings)
        else {
            continue;
        };
        let trust = referral_col.and_then(|c| r.text(row, Some(c), false));
        let service = &mut out.services[i];
        let map = match block.kind {
            Kind::Capacity => &mut service.capacity,
            Kind::Demand => &mut service.demand,
        };
        let again = service.rows.iter().any(|(k, _, _)| *k == block.kind);
        if again && referral_col.is_none() {
            let what = service.name.clone();
            r.err(
                Diagnostic::error(
                    "import-duplicate-row",
                    format!(
                        "{} gives the {} of \"{what}\" a second time",
                        sheet.row_ref(row),
                        block.kind.word()
                    ),
                )
                .with_help("keep one row per service, with the figures added together"),
                row,
                service_col,
            );
            continue;
        }
        for (m, a) in figures {
            map.entry(m)
                .and_modify(|sum| *sum = Amount(sum.0 + a.0))
                .or_insert(a);
        }
        service.rows.push((block.kind, sheet.row_ref(row), trust));
    }
}

/// The month columns of a header row; a label meant as a month that is not one, a
/// month outside the year, or a month given twice is an error at its cell.
fn month_columns(r: &mut Reader, header: u32, year: Period) -> Vec<(u32, Month)> {
    let mut out: Vec<(u32, Month)> = Vec::new();
    let first = Month {
        year: year.start_year(),
        month: 4,
    };
    let last = Month {
        year: year.start_year() + 1,
        month: 3,
    };
    for (col, v) in r.sheet.row(header).iter().enumerate() {
        let col = col as u32;
        let place = r.sheet.cell_ref(header, col);
        match label(v) {
            Label::Other => {}
            Label::NotAMonth => {
                r.err(
                    Diagnostic::error(
                        "import-not-a-month",
                        format!("{place} should name a month"),
                    )
                    .with_help("write the month as Apr-24, April 2024 or 2024-04, or make the cell a date; a column that is not a month needs a heading without digits or month names"),
                    header,
                    col,
                );
            }
            Label::Month(m) if m < first || m > last => {
                let d = Diagnostic::error(
                    "import-month-outside-year",
                    format!(
                        "{place} is {}, outside {} (April {} to March {})",
                        m.label(),
                        year.label(),
                        first.year,
                        last.year
                    ),
                )
                .with_help(format!(
                    "the template's capacity and demand figures are for {}; correct the month, or import with a profile for the year it belongs to",
                    year.label()
                ));
                r.problems
                    .push(d.at_cell(r.wb.file.clone(), place, shown(v, m)));
            }
            Label::Month(m) if out.iter().any(|(_, o)| *o == m) => {
                r.err(
                    Diagnostic::error(
                        "import-duplicate-column",
                        format!("two columns of {} are headed {}", r.sheet.name, m.label()),
                    )
                    .with_help("bcfsite cannot tell which to read; correct or delete one of them"),
                    header,
                    col,
                );
            }
            Label::Month(m) => out.push((col, m)),
        }
    }
    out
}

/// A header cell as a person sees it: a date cell as its month.
fn shown(v: &Value, m: Month) -> String {
    match v {
        Value::Date(_) | Value::Number(_) | Value::Int(_) => m.label(),
        v => v.shown(),
    }
}

#[cfg(test)]
mod tests;
