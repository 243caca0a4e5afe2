//! Issue 18: `bcfsite import` of the year-end return template (`kind: year_end`).
//! Each test writes a synthetic workbook (see `workbooks.rs`) into a copy of the
//! import fixture site, imports it, and builds the site or looks at the errors.

use std::path::{Path, PathBuf};

use bcfsite::import::{ImportOptions, ProfileChoice, import};

use crate::support::*;
use crate::workbooks::{self, C, SheetSpec};

fn site_with(books: &[(&str, Vec<SheetSpec>)]) -> (TestSite, Vec<PathBuf>) {
    let site = TestSite::copy("edges/import-site");
    let paths = books
        .iter()
        .map(|(name, sheets)| {
            let path = site.path().join(name);
            workbooks::write(&path, sheets);
            path
        })
        .collect();
    (site, paths)
}

fn imported(site: &TestSite, book: &Path) -> bcfsite::import::Imported {
    import(&workbooks::import_options(site, book))
        .unwrap_or_else(|d| panic!("import failed:\n{}", d.render_human(false)))
}

fn year_end_yaml(done: &bcfsite::import::Imported) -> &str {
    &done
        .files
        .iter()
        .find(|(p, _)| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("year-end-"))
        })
        .expect("a year-end file")
        .1
}

#[test]
fn a_plan_and_its_year_end_import_into_one_folder_that_builds_with_the_variance() {
    let (site, books) = site_with(&[
        ("plan.xlsx", workbooks::plan_2023_25()),
        ("year-end.xlsx", workbooks::year_end_2023_24()),
    ]);
    imported(&site, &books[0]);
    let done = imported(&site, &books[1]);
    assert!(
        done.warnings.is_empty(),
        "{}",
        done.warnings.render_human(false)
    );
    assert_eq!(
        done.summary,
        format!(
            "imported 1 year-end return (3 funding sources, 4 schemes) and 2 national conditions, 0 errors; wrote {}",
            site.path()
                .join("content/data/year-end-2023-24.yaml")
                .display()
        )
    );
    let yaml = year_end_yaml(&done).to_string();
    insta::assert_snapshot!("year-end-2023-24-yaml", yaml);
    // The ids agree with the plan's.
    let plan = std::fs::read_to_string(site.path().join("content/data/plan-2023-25.yaml")).unwrap();
    for id in [
        "falls-lifting-service",
        "home-care",
        "reablement",
        "home-adaptations",
    ] {
        assert!(plan.contains(&format!("  - id: {id}\n")), "{id}");
        assert!(yaml.contains(&format!("\n  {id}:")), "{id}\n{yaml}");
    }
    let built = workbooks::build_imported(&site, &yaml);
    let page = file(&built, "year-end/2023-24/index.html");
    let page = main_of(&page);
    for words in [
        "10,000 under plan",
        "20,000.00 under plan",
        "5,000 under plan",
        "10,000 over plan",
        "On plan",
        "Not given",
        "Two posts were vacant until October.",
        "1 met and 1 not met",
    ] {
        assert!(page.contains(words), "{words}\n{page}");
    }
    assert!(!page.contains("CANARY"));
    // The return's national conditions have their own page.
    let conditions = file(&built, "conditions/2023-24/index.html");
    assert!(conditions.contains("Falls posts were vacant until October."));
}

#[test]
fn two_rows_of_one_scheme_add_up_exactly_and_the_comment_names_them() {
    let (site, books) = site_with(&[("year-end.xlsx", workbooks::year_end_2024_25())]);
    let done = imported(&site, &books[0]);
    let yaml = year_end_yaml(&done);
    assert!(
        yaml.contains("  # '6. Spend and activity'!5:5, '6. Spend and activity'!6:6\n  carers-breaks: {planned: 350000, actual: 340000.0}\n"),
        "{yaml}"
    );
    // Without a plan in the folder, the profile's plan id.
    assert!(
        yaml.contains("kind: year_end\nyear: 2024-25\nplan: bcf-2023-25\n"),
        "{yaml}"
    );
    assert!(
        done.warnings.is_empty(),
        "{}",
        done.warnings.render_human(false)
    );
}

#[test]
fn the_plan_already_in_the_folder_names_the_year_end_and_checks_its_ids() {
    let mut year_end = workbooks::year_end_2024_25();
    year_end[2].rows[3][0] = C::T("Discharge to Asses");
    year_end[2].rows[6][3] = C::F("=SUM(D4:D6)", Some("860001"));
    let (site, books) = site_with(&[
        ("plan.xlsx", workbooks::plan_2024_25()),
        ("year-end.xlsx", year_end),
    ]);
    imported(&site, &books[0]);
    let done = imported(&site, &books[1]);
    let yaml = year_end_yaml(&done);
    assert!(yaml.contains("plan: bcf-2024-25\n"), "{yaml}");
    let codes: Vec<_> = done.warnings.warnings().map(|d| d.code).collect();
    assert_eq!(
        codes,
        ["import-not-in-plan", "year-end-total-differs"],
        "{}",
        done.warnings.render_human(false)
    );
    let text = done.warnings.render_human(false);
    assert!(text.contains("discharge-to-asses"), "{text}");
    assert!(text.contains("discharge-to-assess"), "{text}");
}

#[test]
fn a_formula_total_without_a_saved_value_is_refused() {
    let mut sheets = workbooks::year_end_2023_24();
    let last = sheets[5].rows.len() - 1;
    sheets[5].rows[last][3] = C::F("=SUM(D9:D15)", None);
    let (site, books) = site_with(&[("year-end.xlsx", sheets)]);
    let (codes, text) = workbooks::refused_import(&site, &books[0]);
    assert_eq!(codes, ["import-formula-without-value"], "{text}");
    assert!(text.contains("'6. Spend and activity'!D16"), "{text}");
}

#[test]
fn a_hidden_row_of_the_spend_sheet_is_refused_and_not_shown() {
    let mut sheets = workbooks::year_end_2023_24();
    sheets[5].rows[10] = vec![
        C::T("9"),
        C::T("CANARY-HIDDEN-YEAR-END-ROW"),
        C::T("iBCF"),
        C::N(1.0),
        C::N(1.0),
    ];
    sheets[5].hidden_rows = vec![10];
    let (site, books) = site_with(&[("year-end.xlsx", sheets)]);
    let (codes, text) = workbooks::refused_import(&site, &books[0]);
    assert_eq!(codes, ["import-hidden-row"], "{text}");
    assert!(!text.contains("CANARY"), "{text}");
    assert!(text.contains("'6. Spend and activity'!11:11"), "{text}");
}

#[test]
fn a_hidden_row_of_the_income_sheet_is_refused() {
    let mut sheets = workbooks::year_end_2024_25();
    sheets[1].hidden_rows = vec![2];
    let (site, books) = site_with(&[("year-end.xlsx", sheets)]);
    let (codes, text) = workbooks::refused_import(&site, &books[0]);
    assert_eq!(codes, ["import-hidden-row"], "{text}");
}

#[test]
fn a_cover_title_not_known_names_the_choices() {
    let mut sheets = workbooks::year_end_2023_24();
    sheets[1] = workbooks::cover("Better Care Fund Outturn Return", "Importshire");
    let (site, books) = site_with(&[("year-end.xlsx", sheets)]);
    let (codes, text) = workbooks::refused_import(&site, &books[0]);
    assert_eq!(codes, ["import-unknown-template"], "{text}");
    assert!(
        text.contains("2023-24-year-end, 2024-25-year-end"),
        "{text}"
    );
    let mut o = workbooks::import_options(&site, &books[0]);
    o.profile = ProfileChoice::BuiltIn("2023-24-year-end".into());
    import(&o).unwrap_or_else(|d| panic!("{}", d.render_human(false)));
}

#[test]
fn a_year_end_workbook_needs_no_plan_sheets_and_a_plan_workbook_no_year_end_ones() {
    // The 2024-25 year-end title also holds "BCF 2024-25", the plan template's words:
    // the longer, more particular, match wins.
    let (site, books) = site_with(&[
        ("year-end.xlsx", workbooks::year_end_2024_25()),
        ("plan.xlsx", workbooks::plan_2024_25()),
    ]);
    let done = imported(&site, &books[0]);
    assert_eq!(done.files.len(), 1);
    assert!(done.files[0].0.ends_with("year-end-2024-25.yaml"));
    let done = imported(&site, &books[1]);
    assert!(done.files[0].0.ends_with("plan-2024-25.yaml"));
}

#[test]
fn re_importing_never_overwrites_without_force() {
    let (site, books) = site_with(&[("year-end.xlsx", workbooks::year_end_2024_25())]);
    let mut o = workbooks::import_options(&site, &books[0]);
    let first = import(&o).unwrap();
    let again = import(&o).expect_err("a second import must not overwrite");
    assert_eq!(
        again.errors().map(|d| d.code).collect::<Vec<_>>(),
        ["import-would-overwrite"]
    );
    o.force = true;
    let forced = import(&o).unwrap();
    assert_eq!(first.files, forced.files);
}

#[test]
fn a_scheme_whose_rows_give_an_actual_for_one_source_only_has_no_actual() {
    let mut sheets = workbooks::year_end_2024_25();
    sheets[2].rows[5][3] = C::E;
    sheets[2].rows[6][3] = C::F("=SUM(D4:D6)", Some("810000.5"));
    let (site, books) = site_with(&[("year-end.xlsx", sheets)]);
    let done = imported(&site, &books[0]);
    let yaml = year_end_yaml(&done);
    assert!(
        yaml.contains("  carers-breaks: {planned: 350000}\n"),
        "{yaml}"
    );
    let warnings = done.warnings.render_human(false);
    // The declared total counts the row left out, so it no longer reconciles: the
    // check says so too.
    assert_eq!(
        done.warnings.warnings().map(|d| d.code).collect::<Vec<_>>(),
        ["import-partly-given", "year-end-total-differs"],
        "{warnings}"
    );
    assert!(
        warnings.contains("'6. Spend and activity'!D6"),
        "{warnings}"
    );
}

#[test]
fn a_spend_total_that_differs_from_the_income_sheets_totals_is_a_warning() {
    let mut sheets = workbooks::year_end_2023_24();
    let last = sheets[5].rows.len() - 1;
    sheets[5].rows[last][3] = C::F("=SUM(D9:D15)+1", Some("1480001"));
    let (site, books) = site_with(&[("year-end.xlsx", sheets)]);
    let done = imported(&site, &books[0]);
    assert_eq!(
        done.warnings.warnings().map(|d| d.code).collect::<Vec<_>>(),
        ["import-totals-differ"],
        "{}",
        done.warnings.render_human(false)
    );
    // The income sheet's figures are the declared totals, and they reconcile.
    assert!(year_end_yaml(&done).contains("  expenditure: {planned: 1700000, actual: 1480000}\n"));
}

/// A plan written by hand, in thousands, with its own id for one scheme: the return
/// takes the plan's scheme id by name and its amounts in thousands, and builds clean.
#[test]
fn a_plan_in_thousands_with_its_own_ids_gets_a_return_in_its_units_and_ids() {
    let (site, books) = site_with(&[("year-end.xlsx", workbooks::year_end_2024_25())]);
    site.write(
        "content/data/plan.yaml",
        "kind: plan\nid: bcf-2023-25\ntitle: Updateshire Better Care Fund Plan 2023 to 2025\nyears: [2023-24, 2024-25]\nunits: thousands\nfunding:\n  - {id: nhs-minimum, name: NHS minimum contribution, amounts: {2024-25: 800}}\n  - {id: nhs-additional, name: NHS additional contribution, amounts: {2024-25: 50}}\nschemes:\n  - id: d2a\n    name: Discharge to Assess\n    funding:\n      - {source: nhs-minimum, amounts: {2024-25: 500}}\n  - id: carers-breaks\n    name: Carers' Breaks\n    funding:\n      - {source: nhs-minimum, amounts: {2024-25: 300}}\n      - {source: nhs-additional, amounts: {2024-25: 50}}\n",
    );
    let done = imported(&site, &books[0]);
    assert!(
        done.warnings.is_empty(),
        "{}",
        done.warnings.render_human(false)
    );
    let yaml = year_end_yaml(&done).to_string();
    assert!(
        yaml.contains("# Amounts are in thousands of pounds"),
        "{yaml}"
    );
    assert!(
        yaml.contains("\n  d2a: {planned: 500, actual: 520}\n"),
        "{yaml}"
    );
    let built = site
        .build()
        .unwrap_or_else(|d| panic!("{}\n{yaml}", d.render_human(false)));
    assert!(
        built.warnings.is_empty(),
        "{}\n{yaml}",
        built.warnings.render_human(false)
    );
}

#[test]
fn the_command_prints_one_summary_line() {
    let (site, books) = site_with(&[("year-end.xlsx", workbooks::year_end_2024_25())]);
    let run = assert_cmd::Command::cargo_bin("bcfsite")
        .unwrap()
        .current_dir(site.path())
        .args(["import", books[0].to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&run.stdout),
        "imported 1 year-end return (2 funding sources, 2 schemes), 0 errors; wrote content/data/year-end-2024-25.yaml\n"
    );
}

#[test]
fn the_expenditure_totals_may_be_a_row_of_the_income_table() {
    let mut sheets = workbooks::year_end_2024_25();
    sheets[1].rows.push(vec![
        C::T("Total Expenditure"),
        C::N(850_000.0),
        C::N(860_000.0),
    ]);
    let (site, books) = site_with(&[("year-end.xlsx", sheets)]);
    let done = imported(&site, &books[0]);
    assert!(
        done.warnings.is_empty(),
        "{}",
        done.warnings.render_human(false)
    );
    let yaml = year_end_yaml(&done);
    assert!(
        yaml.contains("totals:\n  # '5. Income and Expenditure'!4:4\n  income: {planned: 850000, actual: 850000}\n  # '5. Income and Expenditure'!5:5\n  expenditure: {planned: 850000, actual: 860000}\n"),
        "{yaml}"
    );
}

/// The example site's 2023-24 return is the import of its companion workbook
/// (`examples/bcf_workbook.rs`), with the plan in the folder: the same figures, ids
/// and conditions.
#[test]
fn the_example_year_end_workbook_imports_to_the_example_return() {
    use bcfsite::data::{DataDoc, year_end::YearEnd};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root.join("content/data/plan-2023-25.yaml"),
        dir.path().join("plan-2023-25.yaml"),
    )
    .unwrap();
    let mut o =
        ImportOptions::new(root.join("examples/workbooks/lancashire-bcf-2023-24-year-end.xlsx"));
    o.into = dir.path().to_path_buf();
    let done = import(&o).unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    assert!(
        done.warnings.is_empty(),
        "{}",
        done.warnings.render_human(false)
    );
    let parse = |path: &Path| -> YearEnd {
        match data_doc(path) {
            DataDoc::YearEnd(y) => y,
            _ => panic!("not a year-end return"),
        }
    };
    let imported = parse(&dir.path().join("year-end-2023-24.yaml"));
    let example = parse(&root.join("content/data/year-end-2023-24.yaml"));
    let json = |y: &YearEnd| {
        serde_json::json!({
            "plan": y.plan,
            "year": y.year,
            "income": y.income,
            "expenditure": y.expenditure,
            "totals": y.totals,
            "conditions": y.conditions,
        })
    };
    assert_eq!(json(&imported), json(&example));
    assert_eq!(example.expenditure.len(), 16);
}
