//! Links to the parts of a return (issue 18): the index pages (or, where those are
//! missing, the main navigation) lead to `/year-end/`, `/conditions/` and
//! `/capacity/` when the site has them,
//! and `relates_to` names a year-end return (`2023-24-year-end`), capacity and demand
//! (`2024-25-capacity`) or a return's national conditions (`2024-25-Q2-conditions`),
//! whose pages then list the pages that relate to them.

use crate::support::*;

const YEAR_END: &str = "kind: year_end
year: 2023-24
plan: plan-2023-25
income:
  nhs-minimum: {actual: 98000}
expenditure:
  falls-lifting: {actual: 1158.5}
conditions:
  - {id: nc1, title: A jointly agreed plan, status: met}
";

const CAPACITY: &str = "kind: capacity
year: 2024-25
plan: plan-2023-25
services:
  - id: reablement-at-home
    name: Reablement at home
    group: hospital_discharge
    demand: {2024-04: 120}
    capacity: {2024-04: 125}
";

const CONDITIONS: &str = "kind: conditions
period: 2024-25-Q2
plan: plan-2023-25
conditions:
  - {id: nc1, title: A jointly agreed plan, status: met}
";

fn site() -> TestSite {
    let site = TestSite::copy("valid/data");
    site.write("content/data/year-end-2023-24.yaml", YEAR_END);
    site.write("content/data/capacity-2024-25.yaml", CAPACITY);
    site.write("content/data/conditions-2024-25-q2.yaml", CONDITIONS);
    site
}

fn story(relates_to: &str) -> String {
    format!(
        "---\ntitle: What the board heard\nsummary: A story.\nrelates_to: [{relates_to}]\n---\n\nThe board heard from residents.\n"
    )
}

#[test]
fn the_navigation_and_the_indexes_lead_to_every_part_of_a_return() {
    let b = site()
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    let home = file(&b, "index.html");
    let nav = &home[home.find("aria-label=\"Main\"").unwrap()..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    // The indexes they belong with are in the navigation, so they are not.
    for href in ["/plans/", "/quarters/"] {
        assert!(nav.contains(&format!("href=\"{href}\"")), "{nav}");
    }
    for href in ["/year-end/", "/conditions/", "/capacity/"] {
        assert!(!nav.contains(&format!("href=\"{href}\"")), "{nav}");
    }
    let plans = file(&b, "plans/index.html");
    let plans = main_of(&plans);
    assert!(
        plans.contains("<dt>Year-end returns</dt><dd><a href=\"/year-end/\">"),
        "{plans}"
    );
    assert!(plans.contains("<dt>Capacity and demand</dt><dd><a href=\"/capacity/\">"));
    let quarters = file(&b, "quarters/index.html");
    let quarters = main_of(&quarters);
    assert!(
        quarters.contains("<dt>National conditions</dt><dd><a href=\"/conditions/\">"),
        "{quarters}"
    );
}

#[test]
fn a_site_without_them_does_not_link_to_them() {
    let b = TestSite::copy("valid/data")
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    for (path, text) in all_bytes(&b) {
        for href in [
            "href=\"/year-end/\"",
            "href=\"/capacity/\"",
            "href=\"/conditions/\"",
        ] {
            assert!(!text.contains(href), "{href} in {path}");
        }
    }
}

#[test]
fn a_page_relates_to_a_year_end_return_capacity_and_conditions() {
    let site = site();
    site.write(
        "content/stories/board.md",
        &story("2023-24-year-end, 2024-25-capacity, 2024-25-q2-conditions, 2023-24-conditions"),
    );
    let b = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    for page in [
        "year-end/2023-24/index.html",
        "capacity/2024-25/index.html",
        "conditions/2024-25-q2/index.html",
        "conditions/2023-24/index.html",
    ] {
        let html = file(&b, page);
        let main = main_of(&html);
        assert!(
            main.contains("href=\"/stories/board/\""),
            "{page} does not list the story: {main}"
        );
    }
}

#[test]
fn an_id_of_a_part_that_is_not_there_suggests_the_nearest() {
    let site = site();
    site.write("content/stories/board.md", &story("2024-25-year-end"));
    let d = site.build().unwrap_err();
    let e = d.errors().next().unwrap();
    assert_eq!(e.code, "unknown-id");
    assert_eq!(e.help.as_deref(), Some("did you mean `2023-24-year-end`?"));
    site.write("content/stories/board.md", &story("year-end-return"));
    let d = site.build().unwrap_err();
    let help = d.errors().next().unwrap().help.clone().unwrap();
    assert!(
        help.contains("2024-25-year-end") && help.contains("2024-25-Q2-conditions"),
        "{help}"
    );
}

#[test]
fn relating_to_a_withheld_part_of_a_return_is_refused_by_name() {
    for (file_name, text, id) in [
        (
            "content/data/year-end-2023-24.yaml",
            YEAR_END.replace(
                "plan: plan-2023-25",
                "plan: plan-2023-25\nconfidential: true",
            ),
            "2023-24-year-end",
        ),
        (
            "content/data/year-end-2023-24.yaml",
            YEAR_END.replace(
                "plan: plan-2023-25",
                "plan: plan-2023-25\nconfidential: true",
            ),
            "2023-24-conditions",
        ),
        (
            "content/data/capacity-2024-25.yaml",
            CAPACITY.replace(
                "plan: plan-2023-25",
                "plan: plan-2023-25\nconfidential: true",
            ),
            "2024-25-capacity",
        ),
        (
            "content/data/conditions-2024-25-q2.yaml",
            CONDITIONS.replace(
                "plan: plan-2023-25",
                "plan: plan-2023-25\nconfidential: true",
            ),
            "2024-25-Q2-conditions",
        ),
    ] {
        let site = site();
        site.write(file_name, &text);
        site.write("content/stories/board.md", &story(id));
        let d = site.build().unwrap_err();
        let e = d.errors().next().unwrap();
        assert_eq!(
            e.code,
            "relates-to-confidential",
            "{id}: {}",
            d.render_human(false)
        );
        assert_eq!(
            e.message,
            format!("this page relates to `{id}`, which is confidential")
        );
        assert!(e.notes[0].contains(file_name), "{:?}", e.notes);
    }
}

#[test]
fn a_part_whose_index_is_missing_is_in_the_navigation_itself() {
    let site = site();
    std::fs::remove_file(site.path().join("content/data/quarter-2024-25-q2.yaml")).unwrap();
    let story = site.path().join("content/stories/carers.md");
    let text = std::fs::read_to_string(&story).unwrap();
    std::fs::write(&story, text.replace(", 2024-25-Q2]", "]")).unwrap();
    let b = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    let home = file(&b, "index.html");
    let nav = &home[home.find("aria-label=\"Main\"").unwrap()..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    assert!(!nav.contains("href=\"/quarters/\""), "{nav}");
    assert!(
        nav.contains("<a href=\"/conditions/\">National conditions</a>"),
        "{nav}"
    );
    assert!(!nav.contains("href=\"/year-end/\""), "{nav}");
}
