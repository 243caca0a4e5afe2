//! Issue 18, part B: `bcfsite import` of the national workbooks. Each test writes a
//! synthetic workbook (see `workbooks.rs`) into a temporary folder, imports it, and
//! either builds the YAML in a small site or snapshots the diagnostics.

use std::path::{Path, PathBuf};

use bcfsite::import::{ImportOptions, ProfileChoice, import};

use crate::support::*;
use crate::workbooks::{self, C, SheetSpec};

/// A fixture site to import into, and the workbook's path beside it.
fn site_with(name: &str, sheets: &[SheetSpec]) -> (TestSite, PathBuf) {
    let site = TestSite::copy("edges/import-site");
    let book = site.path().join(name);
    workbooks::write(&book, sheets);
    (site, book)
}

/// Imports, then builds the site; returns the YAML written and the build.
fn import_and_build(site: &TestSite, book: &Path) -> (String, bcfsite::Built) {
    let done = import(&workbooks::import_options(site, book))
        .unwrap_or_else(|d| panic!("import failed:\n{}", d.render_human(false)));
    assert!(
        done.warnings.is_empty(),
        "{}",
        done.warnings.render_human(false)
    );
    let yaml = std::fs::read_to_string(&done.files[0].0).unwrap();
    let built = workbooks::build_imported(site, &yaml);
    (yaml, built)
}

#[test]
fn a_2023_25_workbook_imports_to_yaml_that_builds_with_totals_that_reconcile() {
    let (site, book) = site_with("bcf.xlsx", &workbooks::plan_2023_25());
    let (yaml, built) = import_and_build(&site, &book);
    insta::assert_snapshot!("plan-2023-25-yaml", yaml);
    // Extra columns are ignored, never copied.
    assert!(!yaml.contains("CANARY") && !yaml.contains("AB\n"));
    let page = file(&built, "schemes/falls-lifting-service/index.html");
    for words in [
        "Jointly commissioned: 60% by the NHS, 40% by the council",
        "1,250 call-outs planned in 2024/25",
        "Importshire Community Trust",
        "NHS minimum contribution",
        "Improved Better Care Fund grant",
    ] {
        assert!(main_of(&page).contains(words), "{words}");
    }
    let plan = file(&built, "plans/bcf-2023-25/index.html");
    assert!(plan.contains("Importshire Better Care Fund Plan 2023 to 2025"));
}

#[test]
fn a_2024_25_workbook_is_recognised_by_its_cover_and_imports() {
    let (site, book) = site_with("update.xlsx", &workbooks::plan_2024_25());
    let (yaml, _) = import_and_build(&site, &book);
    assert!(yaml.contains("id: bcf-2024-25\ntitle: Updateshire Better Care Fund Plan 2024 to 2025\nyears: [2024-25]\n"), "{yaml}");
    assert!(yaml.contains("  - id: carers-breaks\n"), "{yaml}");
    assert!(
        yaml.contains("      - {source: nhs-additional, amounts: {2024-25: 50000}}"),
        "{yaml}"
    );
    assert!(yaml.contains("    new_or_existing: new\n"), "{yaml}");
    assert!(yaml.contains("  funding: {2024-25: 850000}"), "{yaml}");
}

#[test]
fn re_importing_gives_the_same_ids_and_never_overwrites_without_force() {
    let (site, book) = site_with("bcf.xlsx", &workbooks::plan_2023_25());
    let mut o = workbooks::import_options(&site, &book);
    let first = import(&o).unwrap();
    let written = std::fs::read_to_string(&first.files[0].0).unwrap();
    let again = import(&o).expect_err("a second import must not overwrite");
    assert_eq!(
        again.errors().map(|d| d.code).collect::<Vec<_>>(),
        ["import-would-overwrite"]
    );
    o.dry_run = true;
    let dry = import(&o).unwrap();
    assert_eq!(
        dry.files[0].1, written,
        "the same workbook gives the same YAML"
    );
    assert!(dry.summary.contains("would write"), "{}", dry.summary);
    o.dry_run = false;
    o.force = true;
    let forced = import(&o).unwrap();
    assert_eq!(
        forced.summary,
        format!(
            "imported 1 plan (3 funding sources, 4 schemes), 0 errors; wrote {}",
            site.path().join("content/data/plan-2023-25.yaml").display()
        )
    );
}

#[test]
fn a_dry_run_writes_nothing() {
    let (site, book) = site_with("bcf.xlsx", &workbooks::plan_2023_25());
    let mut o = workbooks::import_options(&site, &book);
    o.dry_run = true;
    let done = import(&o).unwrap();
    assert!(
        done.files[0]
            .1
            .starts_with("# Imported by `bcfsite import` from bcf.xlsx")
    );
    assert!(!site.path().join("content/data").exists());
}

#[test]
fn a_hidden_sheet_is_refused() {
    let mut sheets = workbooks::plan_2023_25();
    sheets.push(SheetSpec {
        hidden: true,
        ..workbooks::sheet("Working", vec![vec![C::T("CANARY-HIDDEN-SHEET")]])
    });
    let (site, book) = site_with("bcf.xlsx", &sheets);
    let (codes, text) = workbooks::refused_import(&site, &book);
    assert_eq!(codes, ["import-hidden-sheet"], "{text}");
    assert!(!text.contains("CANARY"));
    insta::assert_snapshot!("hidden-sheet", text);
}

#[test]
fn a_hidden_row_is_refused_and_not_shown() {
    let mut sheets = workbooks::plan_2023_25();
    sheets[3].rows[9] = vec![
        C::T("9"),
        C::T("CANARY-HIDDEN-ROW"),
        C::E,
        C::T("iBCF"),
        C::N(1.0),
        C::N(1.0),
    ];
    sheets[3].hidden_rows = vec![9];
    let (site, book) = site_with("bcf.xlsx", &sheets);
    let (codes, text) = workbooks::refused_import(&site, &book);
    assert_eq!(codes, ["import-hidden-row"], "{text}");
    assert!(!text.contains("CANARY"));
    insta::assert_snapshot!("hidden-row", text);
}

#[test]
fn a_hidden_column_is_refused() {
    let mut sheets = workbooks::plan_2023_25();
    sheets[3].hidden_cols = vec![2, 3];
    let (site, book) = site_with("bcf.xlsx", &sheets);
    let (codes, text) = workbooks::refused_import(&site, &book);
    assert_eq!(codes, ["import-hidden-column"], "{text}");
    insta::assert_snapshot!("hidden-column", text);
}

#[test]
fn include_hidden_reads_them_with_a_warning() {
    let mut sheets = workbooks::plan_2023_25();
    sheets[3].hidden_cols = vec![2];
    let (site, book) = site_with("bcf.xlsx", &sheets);
    let mut o = workbooks::import_options(&site, &book);
    o.include_hidden = true;
    let done = import(&o).unwrap();
    assert_eq!(
        done.warnings.warnings().map(|d| d.code).collect::<Vec<_>>(),
        ["import-include-hidden"]
    );
}

#[test]
fn a_formula_total_without_a_saved_value_is_refused() {
    let mut sheets = workbooks::plan_2023_25();
    let last = sheets[3].rows.len() - 1;
    sheets[3].rows[last][5] = C::F("=SUM(F8:F14)", None);
    let (site, book) = site_with("bcf.xlsx", &sheets);
    let (codes, text) = workbooks::refused_import(&site, &book);
    assert_eq!(codes, ["import-formula-without-value"], "{text}");
    insta::assert_snapshot!("formula-without-value", text);
}

#[test]
fn a_declared_total_that_differs_is_reported_by_check() {
    let mut sheets = workbooks::plan_2023_25();
    let last = sheets[3].rows.len() - 1;
    sheets[3].rows[last][5] = C::F("=SUM(F8:F14)+1", Some("1700001"));
    let (site, book) = site_with("bcf.xlsx", &sheets);
    let done = import(&workbooks::import_options(&site, &book)).unwrap();
    assert_eq!(
        done.warnings.warnings().map(|d| d.code).collect::<Vec<_>>(),
        ["total-differs"]
    );
}

#[test]
fn a_money_cell_with_words_is_refused_naming_the_cell() {
    let mut sheets = workbooks::plan_2023_25();
    sheets[3].rows[10][5] = C::T("about £1m");
    let (site, book) = site_with("bcf.xlsx", &sheets);
    let (codes, text) = workbooks::refused_import(&site, &book);
    assert_eq!(codes, ["import-not-money"], "{text}");
    insta::assert_snapshot!("not-money", text);
}

#[test]
fn every_problem_of_a_workbook_is_reported_together() {
    let mut sheets = workbooks::plan_2023_25();
    sheets[3].rows[10][5] = C::T("about £1m");
    sheets[3].rows[11][3] = C::T("IBCF grant");
    sheets[3].rows[7][11] = C::N(0.7);
    let (site, book) = site_with("bcf.xlsx", &sheets);
    let (codes, text) = workbooks::refused_import(&site, &book);
    assert_eq!(
        codes,
        ["joint-not-100", "import-not-money", "import-unknown-source"],
        "{text}"
    );
    insta::assert_snapshot!("several-problems", text);
}

#[test]
fn a_workbook_from_no_known_template_asks_for_a_profile() {
    let mut sheets = workbooks::plan_2023_25();
    sheets[1] = workbooks::cover("Local Spending Return", "Importshire");
    let (site, book) = site_with("bcf.xlsx", &sheets);
    let (codes, text) = workbooks::refused_import(&site, &book);
    assert_eq!(codes, ["import-unknown-template"], "{text}");
    let mut o = workbooks::import_options(&site, &book);
    o.profile = ProfileChoice::BuiltIn("2023-25".into());
    import(&o).unwrap();
}

#[test]
fn a_csv_table_imports_like_its_sheet() {
    let site = TestSite::copy("edges/import-site");
    let csv = site.path().join("expenditure.csv");
    std::fs::write(
        &csv,
        "Scheme Name,Source of Funding,Expenditure for 2023-24 (£),Expenditure for 2024-25 (£)\nFalls Lifting,DFG,\"£1,200.50\",1300\n,,,\nTotal,,1200.50,1300\n",
    )
    .unwrap();
    let mut o = workbooks::import_options(&site, &csv);
    o.table = Some(bcfsite::import::table::Table::Expenditure);
    let done = import(&o).unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    let yaml = &done.files[0].1;
    assert!(
        yaml.contains("      - {source: dfg, amounts: {2023-24: 1200.50, 2024-25: 1300}}"),
        "{yaml}"
    );
    assert!(done.files[0].0.ends_with("expenditure-2023-25.yaml"));
    site.build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
}

#[test]
fn the_command_prints_one_summary_line_and_exits_by_the_readme() {
    let (site, book) = site_with("bcf.xlsx", &workbooks::plan_2023_25());
    let run = |args: &[&str]| {
        assert_cmd::Command::cargo_bin("bcfsite")
            .unwrap()
            .current_dir(site.path())
            .args(args)
            .output()
            .unwrap()
    };
    let ok = run(&["import", book.to_str().unwrap()]);
    assert_eq!(ok.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&ok.stdout),
        "imported 1 plan (3 funding sources, 4 schemes), 0 errors; wrote content/data/plan-2023-25.yaml\n"
    );
    let again = run(&["import", book.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
    let usage = run(&["import", "table.csv"]);
    assert_eq!(usage.status.code(), Some(2));
    let usage = run(&["import", book.to_str().unwrap(), "--profile", "1999-00"]);
    assert_eq!(usage.status.code(), Some(2));
}

/// The example site's plan and its companion workbook (made by
/// `examples/bcf_workbook.rs`) say the same: the same funding sources and schemes,
/// with the same ids, names, commissioners and amounts. They differ, by design, in
/// that the import is in pounds (the plan in thousands), gives each scheme funding
/// lines where the plan gives `fund` words, declares the workbook's Total rows as
/// `totals` (which reconcile), and does not know the plan is illustrative.
#[test]
fn the_example_workbook_imports_to_the_example_plan() {
    use bcfsite::data::{DataDoc, plan::Plan};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let mut o = ImportOptions::new(root.join("examples/workbooks/lancashire-bcf-2023-25.xlsx"));
    o.into = dir.path().to_path_buf();
    let done = import(&o).unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    assert!(
        done.warnings.is_empty(),
        "{}",
        done.warnings.render_human(false)
    );
    let parse = |path: &Path| -> Plan {
        match data_doc(path) {
            DataDoc::Plan(p) => p,
            _ => panic!("not a plan"),
        }
    };
    let imported = parse(&done.files[0].0);
    let example = parse(&root.join("content/data/plan-2023-25.yaml"));
    let pounds = |p: &Plan, a: &std::collections::BTreeMap<_, bcfsite::data::amount::Amount>| {
        a.iter()
            .map(|(y, v)| (*y, p.units.to_pounds(*v).normalize()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        (&imported.id, &imported.title, &imported.years),
        (&example.id, &example.title, &example.years)
    );
    let funding = |p: &Plan| {
        p.funding
            .iter()
            .map(|f| (f.id.clone(), f.name.clone(), pounds(p, &f.amounts)))
            .collect::<Vec<_>>()
    };
    assert_eq!(funding(&imported), funding(&example));
    let schemes = |p: &Plan| {
        p.schemes
            .iter()
            .map(|s| {
                (
                    s.id.clone(),
                    s.name.clone(),
                    s.commissioner.clone(),
                    pounds(p, &s.amounts),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(schemes(&imported), schemes(&example));
    // The differences, by design.
    assert!(
        imported
            .schemes
            .iter()
            .all(|s| s.fund.is_none() && !s.funding_lines.is_empty())
    );
    assert!(example.totals.is_none() && imported.totals.is_some());
    assert!(example.illustrative && !imported.illustrative);
}

/// The YAML the good 2023-25 workbook imports to, for the tests of one awkward case each.
fn good_yaml(sheets: &[SheetSpec]) -> String {
    let (site, book) = site_with("bcf.xlsx", sheets);
    import_and_build(&site, &book).0
}

#[test]
fn the_header_may_be_on_any_row() {
    // Row 7 in the good workbook; here row 12 of the expenditure sheet, row 3 of income.
    let mut sheets = workbooks::plan_2023_25();
    sheets[3].rows.splice(0..0, vec![Vec::new(); 5]);
    sheets[2].rows.drain(0..4);
    for row in sheets.iter_mut().flat_map(|s| s.rows.iter_mut()).flatten() {
        if let C::F(_, Some(v)) = row {
            // The totals' formulas point at moved rows; their saved values still stand.
            *row = C::F("=1", Some(v));
        }
    }
    let yaml = good_yaml(&sheets);
    assert!(
        yaml.contains("  # '6a. Expenditure'!13:13, '6a. Expenditure'!14:14 (Scheme ID 1)"),
        "{yaml}"
    );
    assert!(
        yaml.contains("  # '5. Income'!4:4\n  - id: nhs-minimum"),
        "{yaml}"
    );
}

#[test]
fn columns_in_another_order_and_extra_columns_are_read_by_label() {
    let yaml = good_yaml(&workbooks::plan_2023_25());
    // Expenditure for 2024-25 comes before 2023-24 in the sheet; "Internal notes" and
    // "Checked by" are not the template's and are not copied.
    assert!(
        yaml.contains("      - {source: nhs-minimum, amounts: {2023-24: 600000, 2024-25: 630000}}")
    );
    assert!(!yaml.contains("CANARY") && !yaml.contains("Checked"));
}

#[test]
fn merged_title_cells_and_spacer_rows_are_passed_over() {
    let sheets = workbooks::plan_2023_25();
    assert!(sheets.iter().filter(|s| s.merged_title.is_some()).count() >= 3);
    assert!(sheets[3].rows.iter().skip(7).any(Vec::is_empty));
    let yaml = good_yaml(&sheets);
    assert_eq!(yaml.matches("\n  - id: ").count(), 3 + 4, "{yaml}");
}

#[test]
fn numbers_typed_as_text_are_read_exactly() {
    let yaml = good_yaml(&workbooks::plan_2023_25());
    assert!(
        yaml.contains("    amounts: {2023-24: 500000.00, 2024-25: 500000}"),
        "{yaml}"
    );
    assert!(
        yaml.contains("      - {source: ibcf, amounts: {2023-24: 400000.00, 2024-25: 400000}}"),
        "{yaml}"
    );
}

#[test]
fn a_formula_total_with_a_saved_value_is_the_declared_total() {
    let yaml = good_yaml(&workbooks::plan_2023_25());
    assert!(
        yaml.contains(
            "  # '6a. Expenditure'!15:15\n  schemes: {2023-24: 1700000, 2024-25: 1750000}"
        ),
        "{yaml}"
    );
}

#[test]
fn a_jointly_commissioned_scheme_gets_its_split() {
    let yaml = good_yaml(&workbooks::plan_2023_25());
    assert!(yaml.contains("    commissioner: Joint\n    provider: Importshire Community Trust\n    joint: {nhs: 60, council: 40}\n"), "{yaml}");
    assert_eq!(yaml.matches("joint:").count(), 1);
}

#[test]
fn a_scheme_with_two_rows_gets_two_funding_lines() {
    let yaml = good_yaml(&workbooks::plan_2023_25());
    assert!(yaml.contains("    funding:\n      - {source: nhs-minimum, amounts: {2023-24: 600000, 2024-25: 630000}}\n      - {source: ibcf, amounts: {2023-24: 100000, 2024-25: 100000}}\n"), "{yaml}");
}

fn metrics_sheet(extra: Option<(&'static str, f64)>) -> SheetSpec {
    let mut rows = vec![
        vec![],
        vec![
            C::T("Metric"),
            C::T("Definition"),
            C::T("2023-24 Plan"),
            C::T("2024-25 Plan"),
        ],
        vec![
            C::T("Avoidable admissions"),
            C::T("Unplanned hospitalisation"),
            C::N(612.5),
            C::N(600.0),
        ],
        vec![
            C::T("Discharge to normal place of residence"),
            C::E,
            C::N(0.92),
            C::N(0.925),
        ],
    ];
    if let Some((name, v)) = extra {
        rows.push(vec![C::T(name), C::E, C::N(v)]);
    }
    workbooks::sheet("7. Metrics", rows)
}

#[test]
fn the_metrics_sheet_gives_the_targets_of_the_metrics_the_template_knows() {
    let mut sheets = workbooks::plan_2023_25();
    sheets.push(metrics_sheet(None));
    let (site, book) = site_with("bcf.xlsx", &sheets);
    let done = import(&workbooks::import_options(&site, &book))
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    assert!(
        done.summary.starts_with(
            "imported 1 plan (3 funding sources, 4 schemes) and 2 metrics, 0 errors; wrote "
        ),
        "{}",
        done.summary
    );
    let metrics = &done.files[1].1;
    assert!(
        metrics.contains("  - id: avoidable-admissions\n"),
        "{metrics}"
    );
    assert!(
        metrics.contains("    targets: {2023-24: 612.5, 2024-25: 600}"),
        "{metrics}"
    );
    // Cells formatted as percentages hold fractions.
    assert!(
        metrics.contains("    targets: {2023-24: 92, 2024-25: 92.5}"),
        "{metrics}"
    );
    site.build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
}

#[test]
fn a_metric_the_template_does_not_know_is_refused() {
    let mut sheets = workbooks::plan_2023_25();
    sheets.push(metrics_sheet(Some(("Avoidable admisions", 5.0))));
    let (site, book) = site_with("bcf.xlsx", &sheets);
    let (codes, text) = workbooks::refused_import(&site, &book);
    assert_eq!(codes, ["import-unknown-metric"], "{text}");
    assert!(
        text.contains("did you mean \"Avoidable admissions\"?"),
        "{text}"
    );
}

#[test]
fn the_conditions_sheet_imports_as_a_conditions_document_that_builds() {
    let (site, book) = site_with("update.xlsx", &workbooks::plan_2024_25_with_conditions());
    let done = import(&workbooks::import_options(&site, &book))
        .unwrap_or_else(|d| panic!("import failed:\n{}", d.render_human(false)));
    assert!(
        done.summary.contains("and 3 national conditions"),
        "{}",
        done.summary
    );
    let (_, yaml) = done
        .files
        .iter()
        .find(|(p, _)| p.ends_with("conditions-2024-25.yaml"))
        .expect("a conditions file");
    assert!(
        yaml.contains("kind: conditions\nperiod: 2024-25\nplan: bcf-2024-25\nconditions:\n"),
        "{yaml}"
    );
    assert!(
        yaml.contains("  # '5. Conditions'!7:7\n  - id: nc2\n"),
        "{yaml}"
    );
    assert!(yaml.contains("    status: partly_met\n"), "{yaml}");
    assert!(yaml.contains("  - id: nc3\n    title: \"3) Provide the right care in the right place at the right time\"\n    status: met\n"), "{yaml}");
    assert!(!yaml.contains("Planning requirements"), "{yaml}");
    let built = site
        .build()
        .unwrap_or_else(|d| panic!("{}\n{yaml}", d.render_human(false)));
    let page = file(&built, "conditions/2024-25/index.html");
    assert!(
        page.contains("Two falls posts were vacant until October"),
        "{page}"
    );
    assert!(page.contains("Partly met"));
}

#[test]
fn an_unknown_answer_in_the_conditions_sheet_names_its_cell() {
    let mut sheets = workbooks::plan_2024_25_with_conditions();
    let conditions = sheets.last_mut().unwrap();
    conditions.rows[5][1] = C::T("Yse");
    let (site, book) = site_with("update.xlsx", &sheets);
    let (codes, text) = workbooks::refused_import(&site, &book);
    assert_eq!(codes, ["import-unknown-choice"], "{text}");
    assert!(text.contains("'5. Conditions'!B6"), "{text}");
    assert!(
        text.contains("the profile knows: \"Met\", \"No\""),
        "{text}"
    );
}
