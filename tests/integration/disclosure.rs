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
