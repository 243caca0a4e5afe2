//! The words a resident reads on the home page and the metric pages, on data shaped
//! like two councils' papers (issue 16): a borough's mid-year report with a pooled
//! plan and a longer grant plan, and a county's pooled fund in thousands beside a
//! Disabled Facilities Grant plan in pounds.

use crate::support::*;

fn borough() -> bcfsite::Built {
    TestSite::copy("valid/borough")
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)))
}

fn county() -> bcfsite::Built {
    TestSite::copy("valid/county")
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)))
}

/// The text a reader gets: tags dropped, space squeezed.
fn words(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_home_page_says_what_the_board_reported() {
    let b = borough();
    let home = words(main_of(&file(&b, "index.html")));
    assert!(
        home.contains("Older people moving permanently into a care home : Not on track (reported to the board, quarter 2, 2019/20)"),
        "{home}"
    );
    // Reported on track, though the figures say otherwise: the board's word leads.
    assert!(home.contains(
        "Emergency admissions to hospital : On track (reported to the board, quarter 2, 2019/20)"
    ));
    assert!(home.contains(
        "Older people still at home three months after help to recover : Data not available (reported to the board, quarter 2, 2019/20)"
    ));
}

#[test]
fn a_year_to_date_figure_is_carried_forward_to_the_annual_target() {
    let b = borough();
    let page = words(main_of(&file(
        &b,
        "metrics/residential-admissions/index.html",
    )));
    assert!(page.contains("Status: Not on track"));
    assert!(page.contains("Reported to the board as not on track (quarter 2, 2019/20)."));
    assert!(
        page.contains("What the return said: On course to exceed the target of 425.0 per 100,000")
    );
    // The one sentence a resident can check against the table beneath it.
    assert!(
        page.contains("The estimated figure for April to September 2019 was 216.3: at that pace it is on course for 432.6 in the year, above the target of 425.0 for 2019/20 (lower is better)."),
        "{page}"
    );
    assert!(page.contains("figure covers the financial year so far"));
    // The target as published: a value and the count behind it.
    assert!(page.contains("425.0"));
    assert!(page.contains("Target: count 245."), "{page}");
}

#[test]
fn our_reading_is_a_labelled_second_line_where_it_differs() {
    let b = borough();
    let page = words(main_of(&file(
        &b,
        "metrics/non-elective-admissions/index.html",
    )));
    assert!(
        page.contains("Status: On track Reported to the board as on track (quarter 2, 2019/20).")
    );
    assert!(
        page.contains("Our reading of the figures: 5,300 for quarter 2, 2019/20, above the target of 5,100 for that period (lower is better)."),
        "{page}"
    );
    let warnings: Vec<_> = b.warnings.warnings().map(|w| w.code).collect();
    assert!(
        warnings.contains(&"reported-status-differs"),
        "{warnings:?}"
    );
    // The year-to-date measure agrees with its return once compared like with like.
    assert!(
        !b.warnings
            .warnings()
            .any(|w| w.message.contains("residential-admissions")),
        "no warning for a figure compared like with like"
    );
}

#[test]
fn targets_with_notes_pending_and_partial_figures() {
    let b = borough();
    let page = words(main_of(&file(&b, "metrics/reablement/index.html")));
    assert!(page.contains("90.1%"));
    assert!(page.contains("Target: count 446; 446 of 495."), "{page}");
    assert!(page.contains("Expected June 2020."));
    let csv = file(&b, "metrics/reablement/figures.csv");
    assert!(csv.contains("2019-20,90.1,Agreed,446,446 of 495,"), "{csv}");
    let page = words(main_of(&file(&b, "metrics/delayed-transfers/index.html")));
    assert!(
        page.contains("The partial figure (April and May only) for the end of quarter 1, 2019/20 was 13.9, below the target of 14.4 for 2019/20 (lower is better)."),
        "{page}"
    );
}

#[test]
fn the_headline_is_the_pooled_fund_in_the_current_year() {
    let b = borough();
    let home = words(main_of(&file(&b, "index.html")));
    assert!(
        home.contains(
            "Riverside pooled fund 2019 to 2021, 2019/20: £23.9 million spent on 11 schemes."
        ),
        "{home}"
    );
    // Few schemes give a type or fund: the largest schemes, the rest together.
    assert!(home.contains("Spending in 2019/20, by scheme, largest first (£)"));
    assert!(home.contains("Other schemes (5)"));
    assert!(home.contains("£6,200,000"));
    assert!(
        !home.contains("4,600,000"),
        "not the grant plan's last year"
    );
    assert!(!home.contains("Type not given"));
}

#[test]
fn plans_in_different_units_compare_as_money() {
    let b = county();
    let home = words(main_of(&file(&b, "index.html")));
    assert!(
        home.contains("Shireland pooled fund 2023 to 2025, 2024/25: £55.9 million spent on 6 schemes (rounded; the exact figures are in the tables)."),
        "{home}"
    );
    // Most of the money has a national type: grouped by it.
    assert!(home.contains("Spending in 2024/25, by type of scheme (£000)"));
    assert!(
        home.contains("Home-based intermediate care services £26,300,000"),
        "{home}"
    );
    assert!(!home.contains("£ "), "never a space after £");
    assert!(!home.contains("3,632,291"));
}

#[test]
fn site_yaml_may_name_several_plans_side_by_side() {
    let site = TestSite::copy("valid/county");
    let settings = std::fs::read_to_string(site.path().join("content/site.yaml")).unwrap();
    site.write(
        "content/site.yaml",
        &format!("{settings}headline:\n  plans: [bcf-2023-25, dfg-2023-25]\n  year: 2023-24\n"),
    );
    let b = site.build().unwrap();
    let home = words(main_of(&file(&b, "index.html")));
    assert!(
        home.contains("Shireland pooled fund 2023 to 2025 , 2023/24"),
        "{home}"
    );
    assert!(home.contains("Shireland Disabled Facilities Grant 2023 to 2025 , 2023/24"));
    // One scheme is one figure: a sentence, not a chart of one bar.
    assert!(home.contains(
        "Shireland Disabled Facilities Grant 2023 to 2025, 2023/24: £3.5 million spent on 1 scheme (rounded; the exact figures are in the tables)."
    ));
    assert_eq!(file(&b, "index.html").matches("<svg").count(), 1);
}

#[test]
fn a_headline_naming_no_plan_is_an_error() {
    let site = TestSite::copy("valid/county");
    let settings = std::fs::read_to_string(site.path().join("content/site.yaml")).unwrap();
    site.write(
        "content/site.yaml",
        &format!("{settings}headline:\n  plans: [bcf-2023-26]\n"),
    );
    let d = site.build().unwrap_err();
    let e = d.errors().next().unwrap();
    assert_eq!(e.code, "unknown-id");
    assert_eq!(e.help.as_deref(), Some("did you mean `bcf-2023-25`?"));
}
