//! Issue 18: `bcfsite import` of the capacity and demand sheets ("5.2 C&D Hospital
//! Discharge", "5.3 C&D Community") to a `kind: capacity` document. Each test writes
//! a synthetic workbook (`workbooks::plan_2024_25_with_capacity`), imports it into a
//! small site, and builds it or reads the errors.

use std::path::PathBuf;

use bcfsite::import::import;

use crate::support::*;
use crate::workbooks::{self, C, CAPACITY_DATES, DateCell, SheetSpec};

fn site_with(sheets: &[SheetSpec], dates: &[DateCell]) -> (TestSite, PathBuf) {
    let site = TestSite::copy("edges/import-site");
    let book = site.path().join("bcf.xlsx");
    workbooks::write_with_dates(&book, sheets, dates);
    (site, book)
}

/// The import's errors: their codes, and the text with the site's folder left out.
fn refused(sheets: &[SheetSpec], dates: &[DateCell]) -> (Vec<&'static str>, String) {
    let (site, book) = site_with(sheets, dates);
    workbooks::refused_import(&site, &book)
}

/// The workbook with one cell of one sheet replaced.
fn with_cell(sheet: &str, row: usize, col: usize, cell: C) -> Vec<SheetSpec> {
    let mut book = workbooks::plan_2024_25_with_capacity();
    let s = book.iter_mut().find(|s| s.name == sheet).unwrap();
    let r = &mut s.rows[row];
    if r.len() <= col {
        r.resize(col + 1, C::E);
    }
    r[col] = cell;
    book
}

#[test]
fn the_capacity_and_demand_sheets_import_to_a_document_that_builds() {
    let (site, book) = site_with(&workbooks::plan_2024_25_with_capacity(), &CAPACITY_DATES);
    let done = import(&workbooks::import_options(&site, &book))
        .unwrap_or_else(|d| panic!("import failed:\n{}", d.render_human(false)));
    // The service the template does not list is kept, with a warning at its cell.
    let warnings: Vec<&str> = done.warnings.warnings().map(|d| d.code).collect();
    assert_eq!(warnings, ["import-unknown-service"]);
    let warning = done.warnings.render_human(false);
    assert!(
        warning.contains("'5.2 C&D Hospital Discharge'!A9 names a service that is not one of the template's hospital discharge services; it is kept as `step-down-flats-pathway-2`"),
        "{warning}"
    );
    assert!(
        done.summary
            .contains("and 5 capacity and demand services, 0 errors; wrote "),
        "{}",
        done.summary
    );
    assert!(
        done.summary.contains("content/data/capacity-2024-25.yaml"),
        "{}",
        done.summary
    );
    let yaml =
        std::fs::read_to_string(site.path().join("content/data/capacity-2024-25.yaml")).unwrap();
    insta::assert_snapshot!("capacity-2024-25-yaml", yaml);
    // Demand from two trusts is added exactly (400.1 + 200.2, not 600.3000000000001).
    assert!(
        yaml.contains("demand: {2024-04: 600.3, 2024-05: 640, 2024-06: 700}"),
        "{yaml}"
    );
    // A blank month is not given, never zero.
    assert!(
        yaml.contains("capacity: {2024-04: 160, 2024-06: 160}"),
        "{yaml}"
    );
    assert!(
        !yaml.contains("790"),
        "the Total row is not a service:\n{yaml}"
    );
    let built = workbooks::build_imported(&site, &yaml);
    let page = file(&built, "capacity/2024-25/index.html");
    let main = main_of(&page);
    for words in [
        "Reablement and rehabilitation at home (pathway 1)",
        "Expected demand 1,940.3 people, capacity 1,880 people over the months given; demand is more than capacity in 2 of 3 months, most in June 2024 (60 people more than capacity).",
        "Step-down flats (pathway 2)",
        "Urgent community response",
        "<td class=\"numeric\">600.3</td>",
    ] {
        assert!(main.contains(words), "{words}\n{main}");
    }
}

#[test]
fn a_month_outside_the_year_is_refused_naming_its_cell() {
    let book = with_cell("5.2 C&D Hospital Discharge", 12, 4, C::T("June 2025"));
    let (codes, text) = refused(&book, &CAPACITY_DATES);
    assert_eq!(codes, ["import-month-outside-year"], "{text}");
    assert!(
        text.contains("'5.2 C&D Hospital Discharge'!E13 is June 2025, outside 2024/25 (April 2024 to March 2025)"),
        "{text}"
    );
    assert!(text.contains("June 2025"), "{text}");
    // A date cell is named by its month.
    let dates = [
        CAPACITY_DATES[0],
        CAPACITY_DATES[1],
        ("5.2 C&D Hospital Discharge", 4, 4, (2023, 6, 1)),
    ];
    let (codes, text) = refused(&workbooks::plan_2024_25_with_capacity(), &dates);
    assert_eq!(codes, ["import-month-outside-year"], "{text}");
    assert!(
        text.contains("'5.2 C&D Hospital Discharge'!E5 is June 2023"),
        "{text}"
    );
}

#[test]
fn a_heading_that_is_not_a_month_is_refused() {
    let book = with_cell("5.3 C&D Community", 2, 3, C::T("Mayy 2024"));
    let (codes, text) = refused(&book, &CAPACITY_DATES);
    assert_eq!(codes, ["import-not-a-month"], "{text}");
    assert!(
        text.contains("'5.3 C&D Community'!D3 should name a month"),
        "{text}"
    );
    assert!(text.contains("Mayy 2024"), "{text}");
}

#[test]
fn a_figure_that_is_not_a_number_is_refused_naming_its_cell() {
    let book = with_cell("5.3 C&D Community", 8, 2, C::T("about 900"));
    let (codes, text) = refused(&book, &CAPACITY_DATES);
    assert_eq!(codes, ["import-not-a-number"], "{text}");
    assert!(text.contains("'5.3 C&D Community'!C9"), "{text}");
    assert!(text.contains("about 900"), "{text}");
}

#[test]
fn a_hidden_row_in_a_capacity_and_demand_sheet_is_refused() {
    let mut book = workbooks::plan_2024_25_with_capacity();
    let s = book
        .iter_mut()
        .find(|s| s.name == "5.3 C&D Community")
        .unwrap();
    s.hidden_rows = vec![4];
    let (codes, text) = refused(&book, &CAPACITY_DATES);
    assert_eq!(codes, ["import-hidden-row"], "{text}");
    assert!(
        text.contains("row 5 of '5.3 C&D Community' is hidden"),
        "{text}"
    );
    assert!(!text.contains("Social support"), "{text}");
}

#[test]
fn a_service_given_twice_without_a_trust_column_is_refused() {
    let book = with_cell("5.3 C&D Community", 4, 1, C::T("Urgent community response"));
    let (codes, text) = refused(&book, &CAPACITY_DATES);
    assert_eq!(codes, ["import-duplicate-row"], "{text}");
    assert!(
        text.contains("'5.3 C&D Community'!5:5 gives the capacity of \"Urgent community response\" a second time"),
        "{text}"
    );
}

#[test]
fn a_workbook_without_capacity_sheets_imports_as_before() {
    let (site, book) = site_with(&workbooks::plan_2024_25(), &[]);
    let done = import(&workbooks::import_options(&site, &book)).unwrap();
    assert_eq!(done.files.len(), 1);
    assert!(!done.summary.contains("capacity"), "{}", done.summary);
}
