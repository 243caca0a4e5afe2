//! Capacity and demand (issue 18): a page with the gap in words, a chart beside
//! tables of the same figures, and CSV and JSON.

use crate::support::*;

pub(crate) const DOC: &str = "kind: capacity
year: 2024-25
plan: plan-2023-25
summary: Discharge and community capacity.
services:
  - id: reablement-at-home
    name: Reablement and rehabilitation at home
    group: hospital_discharge
    pathway: 1
    demand: {2024-04: 120, 2024-05: 130.5}
    capacity: {2024-04: 125, 2024-05: 110}
  - id: urgent-community-response
    name: Urgent community response
    group: community
    demand: {2024-04: 300, 2024-05: 310}
    capacity: {2024-04: 320, 2024-05: 320}
  - id: secret-service
    name: A service CANARY-CAP
    group: community
    demand: {2024-04: 1}
    capacity: {2024-04: 1}
    confidential: true
";

#[test]
fn capacity_and_demand_is_a_page_a_chart_tables_and_downloads() {
    let site = TestSite::copy("valid/data");
    site.write("content/data/capacity-2024-25.yaml", DOC);
    let b = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    assert!(b.warnings.is_empty(), "{}", b.warnings.render_human(false));
    let html = file(&b, "capacity/2024-25/index.html");
    let main = main_of(&html);
    assert!(main.contains("Capacity and demand, 2024/25"), "{main}");
    assert!(main.contains("Expected demand 250.5 people, capacity 235 people over the months given; demand is more than capacity in 1 of 2 months, most in May 2024 (20.5 people more than capacity)."), "{main}");
    assert!(main.contains("capacity meets demand in every month."));
    assert!(main.contains("<svg class=\"chart\""));
    assert!(main.contains("Reablement and rehabilitation at home: expected demand: 250.5 people"));
    assert!(main.contains("Hospital discharge: expected demand and capacity by month (people)"));
    assert!(main.contains("<th scope=\"col\" class=\"numeric\">May 2024</th>"));
    assert!(main.contains("<td class=\"numeric\">-20.5</td>"), "{main}");
    assert!(main.contains("1 service withheld from this page because it is confidential"));
    let csv = file(&b, "capacity/2024-25/capacity.csv");
    assert!(
        csv.starts_with(
            "service_id,service,group,pathway,month,demand,capacity,capacity_less_demand\r\n"
        ),
        "{csv}"
    );
    assert!(csv.contains("reablement-at-home,Reablement and rehabilitation at home,hospital_discharge,1,2024-05,130.5,110,-20.5\r\n"), "{csv}");
    assert!(file(&b, "datapackage.json").contains("capacity/2024-25/capacity.csv"));
    assert!(file(&b, "capacity/index.html").contains("/capacity/2024-25/"));
    assert!(file(&b, "plans/plan-2023-25/index.html").contains(
        "<dt>Capacity and demand</dt><dd><a href=\"/capacity/2024-25/\">2024/25</a></dd>"
    ));
    for (path, text) in all_bytes(&b) {
        assert!(!text.contains("CANARY"), "{path}");
    }
}

#[test]
fn capacity_is_strict() {
    let site = TestSite::copy("valid/data");
    site.write(
        "content/data/capacity.yaml",
        &DOC.replace("    pathway: 1\n", "    pathway: 1\n    pathwya: 1\n"),
    );
    let Err(d) = site.build() else { panic!() };
    let e = d.errors().next().unwrap();
    assert_eq!(e.code, "unknown-key", "{}", d.render_human(false));
    assert_eq!(e.line_column(), Some((10, 5)));
    site.write(
        "content/data/capacity.yaml",
        &DOC.replace("2024-05: 130.5", "2024-13: 130.5"),
    );
    let Err(d) = site.build() else { panic!() };
    assert!(
        d.render_human(false).contains("is not a month"),
        "{}",
        d.render_human(false)
    );
    site.write(
        "content/data/capacity.yaml",
        &DOC.replace("plan: plan-2023-25", "plan: plan-2023-52"),
    );
    let Err(d) = site.build() else { panic!() };
    assert_eq!(d.errors().next().unwrap().code, "unknown-id");
}

#[test]
fn a_month_outside_the_documents_year_is_an_error_at_the_month() {
    let site = TestSite::copy("valid/data");
    // March 2024 is in 2023/24, not 2024/25.
    site.write(
        "content/data/capacity.yaml",
        &DOC.replace("2024-05: 110}", "2024-05: 110, 2024-03: 90}"),
    );
    let Err(d) = site.build() else { panic!() };
    let e = d.errors().next().unwrap();
    assert_eq!(e.code, "month-outside-year", "{}", d.render_human(false));
    assert_eq!(
        e.message,
        "`reablement-at-home` has capacity for March 2024, which is not in 2024/25 (April 2024 to March 2025)"
    );
    assert_eq!(e.line_column(), Some((11, 44)));
    // A confidential service is checked too (editors need it right); the error
    // names its id, as every build error does, and never its figures.
    site.write(
        "content/data/capacity.yaml",
        &DOC.replace("demand: {2024-04: 1}", "demand: {2025-04: 1}"),
    );
    let Err(d) = site.build() else { panic!() };
    assert_eq!(d.errors().next().unwrap().code, "month-outside-year");
    // January to March of the next calendar year are in the year.
    site.write(
        "content/data/capacity.yaml",
        &DOC.replace("2024-05: 110}", "2024-05: 110, 2025-03: 90}"),
    );
    site.build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
}

#[test]
fn a_capacity_year_is_a_year_and_service_ids_and_pathways_are_checked() {
    let site = TestSite::copy("valid/data");
    site.write(
        "content/data/capacity.yaml",
        &DOC.replace("year: 2024-25", "year: 2024-25-Q1"),
    );
    let Err(d) = site.build() else { panic!() };
    let e = d.errors().next().unwrap();
    assert_eq!(e.code, "not-a-year", "{}", d.render_human(false));
    assert_eq!(e.line_column(), Some((2, 1)));
    site.write(
        "content/data/capacity.yaml",
        &DOC.replace("id: urgent-community-response", "id: reablement-at-home")
            .replace("pathway: 1", "pathway: 5"),
    );
    let Err(d) = site.build() else { panic!() };
    let codes: Vec<_> = d.errors().map(|e| e.code).collect();
    assert!(codes.contains(&"duplicate-id"), "{codes:?}");
    assert!(codes.contains(&"unknown-pathway"), "{codes:?}");
}

#[test]
fn a_year_its_plan_does_not_cover_is_a_warning() {
    let site = TestSite::copy("valid/data");
    // plan-2023-25 covers 2023-24 and 2024-25.
    site.write(
        "content/data/capacity.yaml",
        &DOC.replace("year: 2024-25", "year: 2025-26")
            .replace("2024-0", "2025-0"),
    );
    let b = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    let w: Vec<_> = b
        .warnings
        .warnings()
        .map(|w| (w.code, w.line_column()))
        .collect();
    assert_eq!(w, [("period-outside-plan", Some((2, 7)))]);
}

#[test]
fn a_services_note_follows_its_sentence() {
    let site = TestSite::copy("valid/data");
    site.write(
        "content/data/capacity-2024-25.yaml",
        &DOC.replace(
            "    pathway: 1\n",
            "    pathway: 1\n    note: Capacity counts the new night team from May.\n",
        ),
    );
    let b = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    let html = file(&b, "capacity/2024-25/index.html");
    assert!(
        main_of(&html).contains(
            "(20.5 people more than capacity). Capacity counts the new night team from May."
        ),
        "{html}"
    );
}
