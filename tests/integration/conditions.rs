//! National conditions (issue 18): in a quarterly return or a `kind: conditions`
//! document, a page per return with each status in words, CSV and JSON beside it,
//! confidential conditions withheld.

use crate::support::*;

const QUARTER: &str = "content/data/quarter-2024-25-q2.yaml";

const QUARTER_CONDITIONS: &str = "conditions:
  - id: nc1
    title: A jointly agreed plan
    status: met
    narrative: Signed off by the Health and Wellbeing Board on 12 September 2024.
  - id: nc2
    title: Enabling people to stay well, safe and independent at home for longer
    status: partly_met
    narrative: The falls service is short of two posts, recruited to in October.
  - id: nc3
    title: Provide the right care in the right place at the right time
    status: not_met
    narrative: \"Discharges before noon stayed at 18%, below the 30% we planned.\"
  - id: nc4
    title: Maintaining NHS contribution to adult social care
    status: met
    confidential: true
    narrative: A passage about the contract negotiation that must never be published anywhere.
";

pub(crate) fn site_with_quarter_conditions() -> TestSite {
    let site = TestSite::copy("valid/data");
    let quarter = std::fs::read_to_string(site.path().join(QUARTER)).unwrap();
    site.write(QUARTER, &format!("{quarter}{QUARTER_CONDITIONS}"));
    site
}

fn codes(site: &TestSite) -> Vec<String> {
    match site.build() {
        Ok(b) => b.warnings.warnings().map(|d| d.code.to_string()).collect(),
        Err(d) => d
            .errors()
            .chain(d.warnings())
            .map(|d| d.code.to_string())
            .collect(),
    }
}

#[test]
fn a_quarters_conditions_have_a_page_with_each_status_in_words() {
    let site = site_with_quarter_conditions();
    let b = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    let html = file(&b, "conditions/2024-25-q2/index.html");
    let main = main_of(&html);
    assert!(
        main.contains("National conditions: Quarter 2 2024/25"),
        "{main}"
    );
    assert!(
        main.contains("tag--partly-met\">Partly met</strong>"),
        "{main}"
    );
    assert!(main.contains("tag--not-met\">Not met</strong>"));
    assert!(main.contains("Discharges before noon stayed at 18%"));
    assert!(main.contains("1 met, 1 partly met and 1 not met"), "{main}");
    assert!(main.contains("1 condition withheld from this page because it is confidential"));
    assert!(main.contains("href=\"#condition-nc3\""));
    assert!(main.contains("id=\"condition-nc3\""));
    // The return links to its conditions, and they back to it.
    let quarter = file(&b, "quarters/2024-25-q2/index.html");
    assert!(
        quarter
            .contains("<a href=\"/conditions/2024-25-q2/\">1 met, 1 partly met and 1 not met</a>"),
        "{}",
        main_of(&quarter)
    );
    assert!(main.contains("href=\"/quarters/2024-25-q2/\""));
    assert!(file(&b, "conditions/index.html").contains("/conditions/2024-25-q2/"));
    // The withheld condition is nowhere.
    for (path, text) in all_bytes(&b) {
        assert!(!text.contains("contract negotiation"), "{path}");
        assert!(!text.contains("Maintaining NHS contribution"), "{path}");
    }
}

#[test]
fn conditions_are_downloads_in_the_data_package() {
    let b = site_with_quarter_conditions().build().unwrap();
    let csv = file(&b, "conditions/2024-25-q2/conditions.csv");
    assert!(
        csv.starts_with("condition_id,condition,status,narrative\r\n"),
        "{csv}"
    );
    assert!(csv.contains("nc2,\"Enabling people to stay well, safe and independent at home for longer\",Partly met,"), "{csv}");
    assert!(!csv.contains("nc4"));
    let json = file(&b, "conditions/2024-25-q2/conditions.json");
    assert!(json.contains("\"status\": \"Not met\""), "{json}");
    assert!(file(&b, "datapackage.json").contains("conditions/2024-25-q2/conditions.csv"));
    assert!(
        main_of(&file(&b, "conditions/2024-25-q2/index.html"))
            .contains("href=\"/conditions/2024-25-q2/conditions.csv\"")
    );
}

#[test]
fn a_conditions_document_gives_a_return_its_conditions() {
    let site = TestSite::copy("valid/data");
    site.write(
        "content/data/conditions-2023-24.yaml",
        "kind: conditions\nperiod: 2023-24\nplan: plan-2023-25\nsubmitted: 2024-05-23\nsummary: Our year-end return.\nillustrative: true\nconditions:\n  - {id: nc1, title: A jointly agreed plan, status: met}\n",
    );
    let b = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    let main = file(&b, "conditions/2023-24/index.html");
    assert!(main.contains("National conditions: 2023/24"), "{main}");
    assert!(main.contains("The 1 condition met"));
    assert!(main.contains("are illustrative"));
    assert!(main.contains("23 May 2024"));
}

#[test]
fn conditions_are_strict_and_checked_against_the_other_documents() {
    let site = TestSite::copy("valid/data");
    site.write(
        "content/data/conditions.yaml",
        "kind: conditions\nperiod: 2023-24\nplan: plan-2023-25\nconditions:\n  - {id: nc1, title: A plan, status: met, narative: typo}\n",
    );
    let Err(d) = site.build() else { panic!() };
    let e = d.errors().next().unwrap();
    assert_eq!(e.code, "unknown-key", "{}", d.render_human(false));
    assert_eq!(e.line_column(), Some((5, 43)));

    site.write(
        "content/data/conditions.yaml",
        "kind: conditions\nperiod: 2023-24\nplan: plan-2023-52\nconditions:\n  - {id: nc1, title: A plan, status: maybe}\n",
    );
    let Err(d) = site.build() else { panic!() };
    assert_eq!(
        d.errors().next().unwrap().code,
        "invalid-value",
        "{}",
        d.render_human(false)
    );

    site.write(
        "content/data/conditions.yaml",
        "kind: conditions\nperiod: 2023-24\nplan: plan-2023-52\nconditions:\n  - {id: nc1, title: A plan, status: met}\n  - {id: nc1, title: A plan again, status: not_met}\n",
    );
    let found = codes(&site);
    assert!(found.contains(&"unknown-id".to_string()), "{found:?}");
    assert!(found.contains(&"duplicate-id".to_string()), "{found:?}");
    assert!(
        found.contains(&"condition-unexplained".to_string()),
        "{found:?}"
    );

    // One list per return.
    site.write(
        "content/data/conditions.yaml",
        "kind: conditions\nperiod: 2024-25-Q2\nplan: plan-2023-25\nconditions:\n  - {id: nc1, title: A plan, status: met}\n",
    );
    let quarter = std::fs::read_to_string(site.path().join(QUARTER)).unwrap();
    site.write(QUARTER, &format!("{quarter}{QUARTER_CONDITIONS}"));
    assert!(codes(&site).contains(&"duplicate-conditions".to_string()));
}
