//! `bcfsite import`: the national BCF workbook (or one of its tables as CSV) to
//! bcfsite YAML.
//!
//! (Over 500 lines (just): the import's entry point and its options, reading, checking
//! and writing in order; each step's work is in its own module.)
//!
//! The steps, each its own module: read the workbook and refuse what is hidden
//! ([`workbook`]; CSV in [`table`]); pick the template's [`profile`]; find sheets,
//! header rows and columns by their labels ([`header`]); read cells exactly
//! ([`cell`]) into records ([`records`]); write YAML with a comment per record
//! ([`write`]). The YAML is then parsed as bcfsite would parse it, so what is written
//! builds. Nothing in the build depends on this module, and nothing here opens the
//! network.

pub mod capacity;
pub mod cell;
pub mod conditions;
pub mod header;
pub mod profile;
pub mod records;
pub mod table;
pub mod workbook;
pub mod write;
pub mod year_end;

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics, SourceText, plural};
use profile::Profile;
use records::PlanOut;
use table::Table;
use workbook::Workbook;

/// Which profile to read the workbook with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProfileChoice {
    /// From the Cover sheet's title (for a CSV table: the first whose labels fit).
    Auto,
    BuiltIn(String),
    File(PathBuf),
}

impl ProfileChoice {
    /// `auto`, a built-in profile's id, or a file that exists; anything else is a
    /// usage error naming the choices.
    pub fn parse(text: &str) -> Result<ProfileChoice, String> {
        if text == "auto" {
            return Ok(ProfileChoice::Auto);
        }
        if profile::BUILT_IN.iter().any(|(id, _)| *id == text) {
            return Ok(ProfileChoice::BuiltIn(text.into()));
        }
        let path = PathBuf::from(text);
        if path.is_file() {
            return Ok(ProfileChoice::File(path));
        }
        let ids: Vec<&str> = profile::BUILT_IN.iter().map(|(id, _)| *id).collect();
        Err(format!(
            "`{text}` is not a profile: use auto, {}, or the path of a profile file",
            ids.join(", ")
        ))
    }
}

#[derive(Clone, Debug)]
pub struct ImportOptions {
    pub input: PathBuf,
    pub into: PathBuf,
    pub profile: ProfileChoice,
    pub table: Option<Table>,
    pub dry_run: bool,
    pub force: bool,
    pub include_hidden: bool,
}

impl ImportOptions {
    pub fn new(input: impl Into<PathBuf>) -> ImportOptions {
        ImportOptions {
            input: input.into(),
            into: PathBuf::from("content/data"),
            profile: ProfileChoice::Auto,
            table: None,
            dry_run: false,
            force: false,
            include_hidden: false,
        }
    }
}

/// What an import made: the files (written, or only shown with `--dry-run`), the
/// warnings, and the summary line.
#[derive(Debug)]
pub struct Imported {
    pub files: Vec<(PathBuf, String)>,
    pub warnings: Diagnostics,
    pub summary: String,
}

/// Imports a workbook or table; on any error nothing is written.
pub fn import(opts: &ImportOptions) -> Result<Imported, Diagnostics> {
    let shown = opts.input.display().to_string();
    let wb = match opts.table {
        Some(_) => table::read_csv(&opts.input, &shown),
        None => workbook::open(&opts.input, &shown),
    }
    .map_err(|d| Diagnostics::from(vec![d]))?;
    import_workbook(&wb, opts)
}

/// Everything after the file is read: the same for a workbook, a CSV table and the
/// fuzzer's grids (`src/fuzzing.rs`).
pub fn import_workbook(wb: &Workbook, opts: &ImportOptions) -> Result<Imported, Diagnostics> {
    let shown = wb.file.clone();
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut warnings: Vec<Diagnostic> = Vec::new();
    if opts.include_hidden {
        warnings.push(
            Diagnostic::warning(
                "import-include-hidden",
                "--include-hidden: hidden sheets, rows and columns are read as if they were shown",
            )
            .in_file(shown.clone())
            .with_help("councils have been fined for publishing what a spreadsheet hid; check every imported record before you publish it"),
        );
    }
    let profile = choose_profile(wb, opts).map_err(|d| Diagnostics::from(vec![d]))?;
    let name = file_name(&opts.input);
    // Hidden data is refused before anything is read, so no message shows it either.
    if !opts.include_hidden {
        let hidden = hidden(wb, &profile, opts.table);
        if !hidden.is_empty() {
            return Err(hidden.into());
        }
    }
    if profile.year_end.is_some() {
        return year_end::import(wb, &profile, opts, warnings);
    }
    let (plan, metrics) = read(wb, &profile, opts, &mut problems);
    let conditions = match opts.table {
        None => conditions::read(wb, &profile, &mut problems),
        Some(_) => Vec::new(),
    };
    let capacity = match opts.table {
        None => capacity::read(wb, &profile, &mut problems, &mut warnings),
        Some(_) => None,
    };
    if !problems.is_empty() {
        return Err(problems.into());
    }
    let mut files = Vec::new();
    let mut counts = Vec::new();
    if let Some(plan) = &plan {
        let text = write::plan(plan, &name, &profile);
        let path = opts.into.join(format!(
            "{}-{}.yaml",
            table_prefix(opts.table, "plan"),
            profile.id
        ));
        warnings.extend(validate(&path, &text)?);
        counts.push(format!(
            "1 plan ({}, {})",
            plural(plan.funding.len(), "funding source"),
            plural(plan.schemes.len(), "scheme")
        ));
        files.push((path, text));
    }
    if let Some(ms) = &metrics {
        let text = write::metrics(ms, &name, &profile);
        let path = opts.into.join(format!("metrics-{}.yaml", profile.id));
        warnings.extend(validate(&path, &text)?);
        counts.push(plural(ms.len(), "metric"));
        files.push((path, text));
    }
    if !conditions.is_empty() {
        let text = conditions::write(&conditions, &name, &profile);
        let path = opts.into.join(format!("conditions-{}.yaml", profile.id));
        warnings.extend(validate(&path, &text)?);
        counts.push(plural(conditions.len(), "national condition"));
        files.push((path, text));
    }
    if let Some(c) = capacity.as_ref().filter(|c| !c.services.is_empty()) {
        let text = capacity::write(c, &name, &profile);
        let path = opts.into.join(format!("capacity-{}.yaml", c.year));
        warnings.extend(validate(&path, &text)?);
        counts.push(plural(c.services.len(), "capacity and demand service"));
        files.push((path, text));
    }
    write_files(&files, opts)?;
    let verb = if opts.dry_run { "would write" } else { "wrote" };
    let summary = format!(
        "imported {}, 0 errors; {verb} {}",
        counts.join(" and "),
        files
            .iter()
            .map(|(p, _)| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok(Imported {
        files,
        warnings: warnings.into(),
        summary,
    })
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn table_prefix(table: Option<Table>, whole: &'static str) -> &'static str {
    match table {
        Some(Table::Expenditure) => "expenditure",
        Some(Table::Income) => "income",
        _ => whole,
    }
}

/// The plan and the metrics the workbook (or table) holds.
fn read(
    wb: &Workbook,
    profile: &Profile,
    opts: &ImportOptions,
    problems: &mut Vec<Diagnostic>,
) -> (Option<PlanOut>, Option<Vec<records::MetricOut>>) {
    let area = records::cover_area(wb, profile);
    let title = profile
        .plan
        .title
        .replace("{area}", area.as_deref().unwrap_or(""))
        .trim()
        .to_string();
    let mut plan = PlanOut {
        id: profile.plan.id.to_string(),
        title,
        years: profile.years.clone(),
        ..PlanOut::default()
    };
    let sheet = wb.sheets.first();
    let metrics = match (opts.table, sheet) {
        (Some(Table::Metrics), Some(s)) => {
            return (None, Some(records::read_metrics(wb, s, profile, problems)));
        }
        (Some(Table::Income), Some(s)) => {
            records::read_income(wb, s, profile, &mut plan, problems);
            None
        }
        (Some(Table::Expenditure), Some(s)) => {
            records::read_expenditure(wb, s, profile, &mut plan, problems);
            None
        }
        (Some(_), None) => return (None, None),
        (None, _) => {
            records::income(wb, profile, &mut plan, problems);
            records::expenditure(wb, profile, &mut plan, problems);
            let ms = records::metrics(wb, profile, problems, false);
            (!ms.is_empty()).then_some(ms)
        }
    };
    add_named_sources(&mut plan, profile);
    records::assign_ids(&mut plan.schemes);
    (Some(plan), metrics)
}

/// Sources the expenditure sheet names that the income sheet has no row for are
/// still funding sources of the plan (without amounts), so every line has its source.
fn add_named_sources(plan: &mut PlanOut, profile: &Profile) {
    let named: Vec<crate::data::Id> = plan
        .schemes
        .iter()
        .flat_map(|s| s.lines.iter().map(|(id, _)| id.clone()))
        .collect();
    for id in named {
        if plan.funding.iter().any(|f| f.id == id) {
            continue;
        }
        if let Some(s) = profile.sources.iter().find(|s| s.id == id) {
            plan.funding.push(records::FundingOut {
                id: s.id.clone(),
                name: s.name.clone(),
                amounts: Default::default(),
                origin: None,
            });
        }
    }
}

/// The profile asked for, or (`auto`) the built-in one the Cover sheet's title names;
/// for a CSV table, the newest whose labels the table has.
fn choose_profile(wb: &Workbook, opts: &ImportOptions) -> Result<Profile, Diagnostic> {
    match &opts.profile {
        ProfileChoice::BuiltIn(id) => Profile::built_in(id).ok_or_else(|| {
            Diagnostic::error(
                "import-unknown-profile",
                format!("there is no built-in profile `{id}`"),
            )
        }),
        ProfileChoice::File(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                Diagnostic::error(
                    "import-unknown-profile",
                    format!("the profile could not be read: {e}"),
                )
                .in_file(path.display().to_string())
            })?;
            profile::parse(&path.display().to_string(), &text)
        }
        ProfileChoice::Auto if opts.table.is_some() => auto_for_table(wb, opts.table),
        ProfileChoice::Auto => auto_from_cover(wb),
    }
}

fn auto_from_cover(wb: &Workbook) -> Result<Profile, Diagnostic> {
    let ids: Vec<&str> = profile::BUILT_IN.iter().map(|(id, _)| *id).collect();
    let Some(title) = records::cover_title(wb) else {
        return Err(Diagnostic::error(
            "import-unknown-template",
            "the workbook has no Cover sheet, so bcfsite cannot tell which year's template it is",
        )
        .in_file(wb.file.clone())
        .with_help(format!(
            "name the template with --profile, one of: {}",
            ids.join(", ")
        )));
    };
    let key = profile::normalise(&title);
    // The longest text recognised wins: "BCF 2024-25 Year-End Template" holds the
    // plan template's "BCF 2024-25" and the year-end template's "2024-25 Year-End".
    let fit = |p: &Profile| {
        p.recognise
            .iter()
            .map(|r| profile::normalise(r))
            .filter(|r| key.contains(r.as_str()))
            .map(|r| r.len())
            .max()
    };
    let all = Profile::all_built_in();
    let best = all.iter().filter_map(fit).max();
    let matching: Vec<Profile> = all
        .into_iter()
        .filter(|p| best.is_some() && fit(p) == best)
        .collect();
    match <[Profile; 1]>::try_from(matching) {
        Ok([p]) => Ok(p),
        Err(found) => Err(Diagnostic::error(
            "import-unknown-template",
            if found.is_empty() {
                format!("the Cover sheet's title \"{}\" is not one of the templates bcfsite knows", cell::one_line(&title))
            } else {
                format!("the Cover sheet's title \"{}\" fits more than one template", cell::one_line(&title))
            },
        )
        .in_file(wb.file.clone())
        .with_help(format!(
            "name the template with --profile, one of: {}; or write a profile for it (see docs/import.md)",
            ids.join(", ")
        ))),
    }
}

fn auto_for_table(wb: &Workbook, table: Option<Table>) -> Result<Profile, Diagnostic> {
    let sheet = wb.sheets.first().cloned().unwrap_or_default();
    let table = table.unwrap_or(Table::Expenditure);
    // The most columns recognised wins; of equals, the newest template.
    let best = Profile::all_built_in()
        .into_iter()
        .rev()
        .filter_map(|p| records::fit(wb, &sheet, &p, table).map(|n| (n, p)))
        .fold(None::<(usize, Profile)>, |best, (n, p)| match best {
            Some((m, _)) if m >= n => best,
            _ => Some((n, p)),
        });
    best.map(|(_, p)| p).ok_or_else(|| {
        Diagnostic::error(
            "import-unknown-template",
            "the table's labels fit none of the templates bcfsite knows",
        )
        .in_file(wb.file.clone())
        .with_help(
            "name the template with --profile, or write a profile for it (see docs/import.md)",
        )
    })
}

/// Hidden sheets anywhere in the workbook, and hidden rows and columns of the sheets
/// read, each an error: what a spreadsheet hides is not for publishing.
fn hidden(wb: &Workbook, profile: &Profile, table: Option<Table>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let help = |what: &str| {
        let (holds, gone) = if what == "them" {
            ("they hold", "them")
        } else {
            ("it holds", "it")
        };
        format!(
            "unhide {what} and check what {holds}, or delete {gone}, and save the workbook; if you are sure it may all be published, import with --include-hidden"
        )
    };
    for s in &wb.sheets {
        if let Some(how) = s.hidden {
            out.push(
                Diagnostic::error(
                    "import-hidden-sheet",
                    format!("the sheet {} is {how}", s.quoted_name()),
                )
                .at_place(wb.file.clone(), s.quoted_name())
                .with_help(help("the sheet")),
            );
        }
    }
    let read: Vec<&[String]> = match table {
        Some(_) => Vec::new(),
        None => [
            profile.income.as_ref().map(|s| s.sheet.as_slice()),
            profile.expenditure.as_ref().map(|s| s.sheet.as_slice()),
            profile.metrics.as_ref().map(|m| m.sheet.as_slice()),
            profile.conditions.as_ref().map(|c| c.sheet.as_slice()),
            profile.cover.as_ref().map(|c| c.sheet.as_slice()),
        ]
        .into_iter()
        .flatten()
        .chain(profile.capacity.iter().flat_map(|c| c.sheet_patterns()))
        .chain(profile.year_end.iter().flat_map(|y| y.sheets()))
        .collect(),
    };
    let mut seen: Vec<&str> = Vec::new();
    for patterns in read {
        let Some(s) = header::find_sheet(wb, patterns) else {
            continue;
        };
        if seen.contains(&s.name.as_str()) {
            continue;
        }
        seen.push(&s.name);
        for (first, last) in runs(&s.hidden_rows) {
            let (what, them) = if first == last {
                (
                    format!("row {} of {} is hidden", first + 1, s.quoted_name()),
                    "it",
                )
            } else {
                (
                    format!(
                        "rows {} to {} of {} are hidden",
                        first + 1,
                        last + 1,
                        s.quoted_name()
                    ),
                    "them",
                )
            };
            let place = format!("{}!{}:{}", s.quoted_name(), first + 1, last + 1);
            out.push(
                Diagnostic::error("import-hidden-row", what)
                    .at_place(wb.file.clone(), place)
                    .with_help(help(them)),
            );
        }
        for (first, last) in runs(&s.hidden_cols) {
            let (a, b) = (workbook::column_name(first), workbook::column_name(last));
            let (what, them) = if first == last {
                (format!("column {a} of {} is hidden", s.quoted_name()), "it")
            } else {
                (
                    format!("columns {a} to {b} of {} are hidden", s.quoted_name()),
                    "them",
                )
            };
            let place = format!("{}!{a}:{b}", s.quoted_name());
            out.push(
                Diagnostic::error("import-hidden-column", what)
                    .at_place(wb.file.clone(), place)
                    .with_help(help(them)),
            );
        }
    }
    out
}

/// Consecutive numbers as (first, last) runs.
fn runs(set: &std::collections::BTreeSet<u32>) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for &n in set {
        match out.last_mut() {
            Some((_, last)) if *last + 1 == n => *last = n,
            _ => out.push((n, n)),
        }
    }
    out
}

/// Parses the YAML as a build would, and reconciles its declared totals: an error
/// here means the import would have written a file that does not build.
fn validate(path: &Path, text: &str) -> Result<Vec<Diagnostic>, Diagnostics> {
    let source = SourceText {
        path: path.display().to_string(),
        text: text.into(),
    };
    let file = crate::load::ContentFile {
        rel: path.display().to_string(),
        source: source.clone(),
        digest: 0,
        link_target: None,
    };
    match crate::data::parse(file) {
        Ok(f) => Ok(match &f.doc {
            crate::data::DataDoc::Plan(p) => crate::data::plan::reconcile_totals(p, &source),
            crate::data::DataDoc::YearEnd(y) => crate::data::year_end::reconcile(y, &source),
            _ => Vec::new(),
        }),
        Err(d) => Err(vec![d].into()),
    }
}

/// Writes every file, or none: each is checked first (no overwriting without
/// `--force`), and `--dry-run` writes nothing.
fn write_files(files: &[(PathBuf, String)], opts: &ImportOptions) -> Result<(), Diagnostics> {
    let exists: Vec<Diagnostic> = files
        .iter()
        .filter(|(p, _)| p.exists() && !opts.force && !opts.dry_run)
        .map(|(p, _)| {
            Diagnostic::error("import-would-overwrite", "this file is already there; bcfsite import never overwrites a file unless told to")
                .in_file(p.display().to_string())
                .with_help("compare it with the new import using --dry-run, then run again with --force to replace it, or import --into another folder")
        })
        .collect();
    if !exists.is_empty() {
        return Err(exists.into());
    }
    if opts.dry_run {
        return Ok(());
    }
    for (path, text) in files {
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(path, text));
        if let Err(e) = written {
            return Err(vec![
                Diagnostic::error(
                    "import-cannot-write",
                    format!("could not write the file: {e}"),
                )
                .in_file(path.display().to_string())
                .with_help("check that the folder exists and can be written to"),
            ]
            .into());
        }
    }
    Ok(())
}
