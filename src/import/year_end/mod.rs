//! The year-end return template ("Better Care Fund 2023-24 End of Year Template"):
//! actual income by funding source, the year's expenditure totals, and actual
//! spending by scheme (one row per scheme per source of funding, added up exactly),
//! with the national conditions, into one `kind: year_end` document.
//!
//! A profile with a `year_end:` section (described here, [`YearEndSheets`]) is a
//! year-end profile; [`super::import`] hands such a workbook to [`import`] once it has
//! refused what is hidden, and the plan's sheets are never looked for. The sheets are
//! read in `read.rs`; scheme ids come from the plan import's own rule
//! ([`records::assign_ids`]), then, where `--into` already holds the plan, from the
//! plan's scheme of the same name (`plan.rs`), so a plan and its year-end agree; the
//! YAML is written in `write.rs`.

mod plan;
mod read;
mod write;

use serde::Deserialize;

use super::conditions::{self, ConditionOut};
use super::profile::Profile;
use super::records::{self, SchemeOut};
use super::workbook::Workbook;
use super::{ImportOptions, Imported};
use crate::data::Id;
use crate::data::amount::Amount;
use crate::data::year_end::PlannedActual;
use crate::diagnostic::{Diagnostic, Diagnostics, plural};

/// The year-end sheets of a profile.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearEndSheets {
    pub income: IncomeTable,
    /// The year's expenditure totals, under their own header on the income sheet.
    pub expenditure: Option<TotalsBox>,
    pub spend: SpendSheet,
}

/// The income table: a row per funding source, planned and actual.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncomeTable {
    pub sheet: Vec<String>,
    pub label: Vec<String>,
    #[serde(default)]
    pub planned: Vec<String>,
    pub actual: Vec<String>,
}

/// Where the income sheet gives the year's expenditure totals: under a header of
/// their own (`planned`, `actual`: the labels over the row of figures), or as a row
/// of the income table (`label`: its words, such as "Expenditure"), in the table's
/// planned and actual columns.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TotalsBox {
    #[serde(default)]
    pub planned: Vec<String>,
    #[serde(default)]
    pub actual: Vec<String>,
    #[serde(default)]
    pub label: Vec<String>,
}

/// The spend sheet's columns: each a list of label variants.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpendSheet {
    pub sheet: Vec<String>,
    #[serde(default)]
    pub scheme_id: Vec<String>,
    pub name: Vec<String>,
    #[serde(default)]
    pub source: Vec<String>,
    #[serde(default)]
    pub planned: Vec<String>,
    pub actual: Vec<String>,
    /// A text column kept as each line's `note` ("Implementation Issues").
    #[serde(default)]
    pub note: Vec<String>,
}

impl YearEndSheets {
    /// The sheets read, for refusing their hidden rows and columns.
    pub fn sheets(&self) -> [&[String]; 2] {
        [&self.income.sheet, &self.spend.sheet]
    }
}

/// One line of the return: a funding source's income or a scheme's spending.
#[derive(Debug, Default)]
pub struct LineOut {
    pub planned: Option<Amount>,
    pub actual: Option<Amount>,
    pub note: Option<String>,
}

#[derive(Debug)]
pub struct YearEndOut {
    pub year: crate::data::period::Period,
    pub plan: String,
    pub income: Vec<(Id, LineOut, String)>,
    /// The scheme (its id, name, Scheme ID and rows) and its line.
    pub schemes: Vec<(SchemeOut, LineOut)>,
    pub income_total: Option<(String, PlannedActual)>,
    pub expenditure_total: Option<(String, PlannedActual)>,
    pub conditions: Vec<ConditionOut>,
    /// Set when the plan in `--into` is in thousands: amounts were divided by 1,000.
    pub thousands: bool,
}

/// Imports a year-end workbook; on any error nothing is written.
pub fn import(
    wb: &Workbook,
    profile: &Profile,
    opts: &ImportOptions,
    mut warnings: Vec<Diagnostic>,
) -> Result<Imported, Diagnostics> {
    let (Some(sheets), Some(year)) = (&profile.year_end, profile.years.first()) else {
        return Err(vec![Diagnostic::error(
            "import-unknown-profile",
            format!("{} is not a year-end profile", profile.name),
        )]
        .into());
    };
    if opts.table.is_some() {
        return Err(vec![
            Diagnostic::error(
                "import-unknown-template",
                format!(
                    "{} is a year-end template; --table reads a plan's tables only",
                    profile.name
                ),
            )
            .in_file(wb.file.clone())
            .with_help("import the year-end workbook itself, without --table"),
        ]
        .into());
    }
    let mut problems = Vec::new();
    let mut out = YearEndOut {
        year: *year,
        plan: profile.plan.id.to_string(),
        income: Vec::new(),
        schemes: Vec::new(),
        income_total: None,
        expenditure_total: None,
        conditions: Vec::new(),
        thousands: false,
    };
    read::income(wb, sheets, profile, &mut out, &mut problems);
    read::spend(wb, sheets, profile, &mut out, &mut problems, &mut warnings);
    out.conditions = conditions::read(wb, profile, &mut problems);
    if !problems.is_empty() {
        return Err(problems.into());
    }
    let mut schemes: Vec<SchemeOut> = out
        .schemes
        .iter_mut()
        .map(|(s, _)| std::mem::take(s))
        .collect();
    records::assign_ids(&mut schemes);
    for ((s, _), named) in out.schemes.iter_mut().zip(schemes) {
        *s = named;
    }
    warnings.extend(plan::match_plan(&opts.into, wb, &mut out));
    let name = opts
        .input
        .file_name()
        .map_or_else(|| wb.file.clone(), |n| n.to_string_lossy().into_owned());
    let text = write::write(&out, &name, profile);
    let path = opts.into.join(format!("year-end-{year}.yaml"));
    warnings.extend(super::validate(&path, &text)?);
    let mut counts = vec![format!(
        "1 year-end return ({}, {})",
        plural(out.income.len(), "funding source"),
        plural(out.schemes.len(), "scheme")
    )];
    if !out.conditions.is_empty() {
        counts.push(plural(out.conditions.len(), "national condition"));
    }
    let files = vec![(path, text)];
    super::write_files(&files, opts)?;
    let verb = if opts.dry_run { "would write" } else { "wrote" };
    let summary = format!(
        "imported {}, 0 errors; {verb} {}",
        counts.join(" and "),
        files[0].0.display()
    );
    Ok(Imported {
        files,
        warnings: warnings.into(),
        summary,
    })
}
