//! Withheld amounts a reader could work out from published figures (issue 15, class
//! 1): a balanced plan with one scheme withheld gives it away by subtraction.

use assert_cmd::Command;

use crate::support::*;

const SITE: &str = "edges/derivable-amount";
const PLAN: &str = "content/data/plan.yaml";

/// The fixture's plan with `edit` applied to its text.
fn site_with(edit: impl Fn(String) -> String) -> TestSite {
    let site = TestSite::copy(SITE);
    let text = std::fs::read_to_string(site.path().join(PLAN)).unwrap();
    site.write(PLAN, &edit(text));
    site
}

/// No output file holds any of these.
fn assert_no_leak(b: &bcfsite::Built, secrets: &[&str]) {
    for (path, text) in all_bytes(b) {
        for s in secrets {
            assert!(!text.contains(s), "{s} in {path}");
        }
    }
}

#[test]
fn one_withheld_scheme_in_a_balanced_plan_stops_the_build() {
    let d = TestSite::copy(SITE).build().unwrap_err();
    let errors: Vec<_> = d.errors().collect();
    assert_eq!(errors.len(), 1, "{}", d.render_human(false));
    let e = errors[0];
    assert_eq!(e.code, "derivable-withheld-amount");
    assert!(e.message.contains("`provider-contract`"));
    // The published figures that give it away are named; the amount itself is not
    // printed, since build logs may be public.
    assert!(e.notes[0].contains("£3,632,291") && e.notes[0].contains("£3,150,000"));
    let text = d.render_human(false);
    assert!(
        !text.contains("482,291") && !text.contains("482291"),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn check_reports_it_too() {
    let site = TestSite::copy(SITE);
    let out = Command::cargo_bin("bcfsite")
        .unwrap()
        .args(["check", "--format", "json"])
        .arg(site.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["errors"][0]["code"], "derivable-withheld-amount");
}

#[test]
fn a_withheld_funding_source_is_caught_as_well() {
    let site = site_with(|t| {
        t.replace("    confidential: true\n", "").replace(
            "name: Disabled Facilities Grant,",
            "name: Disabled Facilities Grant, confidential: true,",
        )
    });
    let d = site.build().unwrap_err();
    let e = d.errors().next().unwrap();
    assert_eq!(e.code, "derivable-withheld-amount");
    assert!(e.message.contains("funding source `dfg`"), "{}", e.message);
}

#[test]
fn a_declared_total_gives_it_away_even_when_the_plan_does_not_balance() {
    let site = site_with(|t| {
        t.replace("2024-25: 2450000", "2024-25: 2500000")
            + "totals:\n  schemes: {2024-25: 3632291}\n"
    });
    let e = site.build().unwrap_err();
    let e = e.errors().next().unwrap();
    assert_eq!(e.code, "derivable-withheld-amount");
    assert!(
        e.notes[0].contains("declared schemes total"),
        "{:?}",
        e.notes
    );
}

#[test]
fn an_unbalanced_plan_without_declared_totals_builds() {
    let site = site_with(|t| t.replace("2024-25: 2450000", "2024-25: 2500000"));
    let b = site.build().unwrap();
    assert_no_leak(
        &b,
        &["CANARY-PROVIDER", "provider-contract", "482,291", "482291"],
    );
}

#[test]
fn amount_public_publishes_the_amount_without_the_details() {
    let site = site_with(|t| {
        t.replace(
            "    confidential: true\n",
            "    confidential: true\n    amount_public: true\n",
        )
    });
    let b = site.build().unwrap();
    let html = file(&b, "plans/pooled-2024-25/index.html");
    let main = main_of(&html);
    assert!(
        main.contains("Confidential scheme (details withheld)"),
        "{main}"
    );
    assert!(main.contains("<td class=\"numeric\">482,291</td>"));
    // The totals are now the plan's true totals, and both sides agree.
    assert_eq!(
        main.matches("<td class=\"numeric\">3,632,291</td>").count(),
        2
    );
    let csv = file(&b, "plans/pooled-2024-25/schemes.csv");
    assert!(
        csv.contains(",Confidential scheme (details withheld),,,,482291"),
        "{csv}"
    );
    assert_no_leak(&b, &["CANARY-PROVIDER", "provider-contract"]);
}

#[test]
fn two_withheld_together_give_only_their_sum_which_the_page_states() {
    let site = site_with(|t| {
        t.replace(
            "  - id: equipment\n    name: Community equipment\n",
            "  - id: equipment\n    name: Community equipment CANARY-EQUIPMENT\n    confidential: true\n",
        )
    });
    let b = site.build().unwrap();
    let html = file(&b, "plans/pooled-2024-25/index.html");
    assert!(
        main_of(&html).contains(
            "2 schemes are withheld for 2024/25 because they are confidential. Together they come to £1.7 million (rounded)."
        ),
        "{html}"
    );
    assert_no_leak(
        &b,
        &[
            "CANARY",
            "provider-contract",
            "482,291",
            "1,250,000",
            "1250000",
        ],
    );
}

#[test]
fn a_members_build_shows_everything_and_is_not_refused() {
    let b = TestSite::copy(SITE).build_for(bcfsite::visibility::Audience::Members, false);
    let html = file(&b, "plans/pooled-2024-25/index.html");
    assert!(html.contains("482,291"));
}

#[test]
fn amount_public_on_a_public_record_is_a_mistake() {
    let site = site_with(|t| {
        t.replace(
            "    name: Reablement at home\n",
            "    name: Reablement at home\n    amount_public: true\n",
        )
    });
    let d = site.build().unwrap_err();
    let codes: Vec<_> = d.errors().map(|e| e.code).collect();
    assert!(
        codes.contains(&"amount-public-but-not-confidential"),
        "{codes:?}"
    );
}

/// A year-end return for the `valid/data` plan's 2023-24 (in £000) that balances:
/// 5,000.1 came in and 5,000.1 was spent, with one scheme's line withheld.
const YEAR_END: &str = "kind: year_end
year: 2023-24
plan: plan-2023-25
income:
  nhs-minimum: {actual: 5000}
  dfg: {actual: 0.10}
expenditure:
  falls-lifting: {actual: 1158.5, note: CANARY-YEAR-END-NOTE, confidential: true}
  reablement-service: {actual: 3841.6}
";

fn year_end_site(text: &str) -> TestSite {
    let site = TestSite::copy("valid/data");
    site.write("content/data/year-end-2023-24.yaml", text);
    site
}

#[test]
fn one_withheld_year_end_line_in_a_balanced_return_stops_the_build() {
    let d = year_end_site(YEAR_END).build().unwrap_err();
    let errors: Vec<_> = d.errors().collect();
    assert_eq!(errors.len(), 1, "{}", d.render_human(false));
    let e = errors[0];
    assert_eq!(e.code, "derivable-withheld-amount");
    assert_eq!(
        e.message,
        "the actual spending of the withheld year-end line `falls-lifting` for 2023-24 can be worked out from published figures"
    );
    assert_eq!(e.line_column(), Some((8, 3)));
    // The published figures are named, the withheld one never.
    assert!(
        e.notes[0].contains("£5,000,100") && e.notes[0].contains("£3,841,600"),
        "{:?}",
        e.notes
    );
    // Not even in the line the caret would show, written on one line as it is here.
    let text = d.render_human(false);
    assert!(
        !text.contains("1,158,500") && !text.contains("1158.5"),
        "{text}"
    );
    assert!(!text.contains("CANARY"), "{text}");
    assert!(text.contains("withhold another scheme's line"), "{text}");
}

#[test]
fn two_withheld_year_end_lines_build_and_publish_neither() {
    let b = year_end_site(&YEAR_END.replace(
        "reablement-service: {actual: 3841.6}",
        "reablement-service: {actual: 3841.6, confidential: true}",
    ))
    .build()
    .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    assert_no_leak(&b, &["CANARY", "1,158.5", "1158.5", "3,841.6", "3841.6"]);
}

#[test]
fn a_year_end_return_that_does_not_balance_builds() {
    let site = year_end_site(&YEAR_END.replace("3841.6", "3800"));
    let b = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    assert_no_leak(&b, &["CANARY", "1,158.5", "1158.5"]);
}

#[test]
fn a_year_end_returns_declared_total_gives_it_away_even_when_it_does_not_balance() {
    let site = year_end_site(
        &(YEAR_END.replace("3841.6", "3800") + "totals:\n  expenditure: {actual: 4958.5}\n"),
    );
    let d = site.build().unwrap_err();
    let e = d.errors().next().unwrap();
    assert_eq!(e.code, "derivable-withheld-amount");
    assert!(
        e.notes[0].contains("declared actual spending total is £4,958,500"),
        "{:?}",
        e.notes
    );
}

#[test]
fn a_members_build_shows_the_year_end_line_and_is_not_refused() {
    let b = year_end_site(YEAR_END).build_for(bcfsite::visibility::Audience::Members, false);
    assert!(file(&b, "year-end/2023-24/index.html").contains("1,158.5"));
}

#[test]
fn four_published_quarters_give_a_withheld_year_end_line_away() {
    // The site's Q2 spends 598 on falls lifting; Q1, Q3 and Q4 add 200, 150 and
    // 210.5: 1,158.5, the withheld year-end line. The return does not balance.
    let site = year_end_site(
        &YEAR_END
            .replace("3841.6", "3800")
            .replace("2023-24", "2024-25"),
    );
    for (q, spend) in [("Q1", "200"), ("Q3", "150"), ("Q4", "210.5")] {
        site.write(
            &format!("content/data/quarter-2024-25-{q}.yaml"),
            &format!("kind: quarter\nperiod: 2024-25-{q}\nplan: plan-2023-25\nspend:\n  falls-lifting: {{actual: {spend}}}\n"),
        );
    }
    let d = site.build().unwrap_err();
    let e = d.errors().next().unwrap();
    assert_eq!(
        e.code,
        "derivable-withheld-amount",
        "{}",
        d.render_human(false)
    );
    assert!(
        e.notes[0].contains("quarterly returns for 2024-25"),
        "{:?}",
        e.notes
    );
    // With Q4's entry withheld as well, only their sum can be worked out.
    site.write(
        "content/data/quarter-2024-25-Q4.yaml",
        "kind: quarter\nperiod: 2024-25-Q4\nplan: plan-2023-25\nspend:\n  falls-lifting: {actual: 210.5, confidential: true}\n",
    );
    let b = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    assert_no_leak(&b, &["CANARY", "1,158.5", "1158.5", "210.5"]);
}
