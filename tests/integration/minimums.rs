//! Ring-fenced minimums (issue 18): declared on a plan, shown on its page and in its
//! downloads; `check` names a shortfall in pounds (tests/sites/rules/minimum-short).

use crate::support::*;

#[test]
fn a_plans_minimums_are_a_table_and_a_download() {
    let site = TestSite::copy("rules/minimum-short");
    let b = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    let w: Vec<String> = b.warnings.warnings().map(|d| d.message.clone()).collect();
    assert_eq!(
        w,
        [
            "the schemes counted towards the minimum NHS contribution to adult social care come to £450,500 for 2024/25, £49,500 short of the minimum of £500,000"
        ]
    );
    let main = file(&b, "plans/p/index.html");
    assert!(
        main.contains("Ring-fenced minimums: the least the plan must spend, by year (£000)"),
        "{main}"
    );
    assert!(main.contains("Adult social care, from the NHS minimum contribution"));
    assert!(main.contains("<td class=\"numeric\">500</td>"));
    let csv = file(&b, "plans/p/minimums.csv");
    assert!(
        csv.contains(
            "adult_social_care,\"Adult social care, from the NHS minimum contribution\",500\r\n"
        ),
        "{csv}"
    );
    let schemes = file(&b, "plans/p/schemes.csv");
    assert!(
        schemes.lines().next().unwrap().ends_with(",counts_towards"),
        "{schemes}"
    );
    assert!(schemes.contains(",out_of_hospital\r\n"), "{schemes}");
    assert!(file(&b, "datapackage.json").contains("plans/p/minimums.csv"));
}

#[test]
fn a_confidential_scheme_counts_and_the_minimum_is_met() {
    let site = TestSite::copy("rules/minimum-short");
    let plan = std::fs::read_to_string(site.path().join("content/plan.yaml")).unwrap();
    site.write(
        "content/plan.yaml",
        &format!("{plan}  - {{id: care-homes, name: Care homes, counts_towards: adult_social_care, confidential: true, amounts: {{2024-25: 49.5}}}}\n  - {{id: care-homes-2, name: Care homes 2, confidential: true, amounts: {{2024-25: 10}}}}\n"),
    );
    let b = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    assert!(b.warnings.is_empty(), "{}", b.warnings.render_human(false));

    // Still short with a withheld scheme counted: the warning does not give the sum
    // or the shortfall, either of which (less the published schemes) would be its
    // amount, in a build log anyone may read.
    site.write(
        "content/plan.yaml",
        &format!("{plan}  - {{id: care-homes, name: Care homes, counts_towards: adult_social_care, confidential: true, amounts: {{2024-25: 40.5}}}}\n  - {{id: care-homes-2, name: Care homes 2, confidential: true, amounts: {{2024-25: 10}}}}\n"),
    );
    let b = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    let w: Vec<String> = b.warnings.warnings().map(|d| d.message.clone()).collect();
    assert_eq!(
        w,
        [
            "the schemes counted towards the minimum NHS contribution to adult social care (with 1 withheld) come to less than the minimum of £500,000 for 2024/25"
        ]
    );
    let text = b.warnings.render_human(false);
    assert!(
        !text.contains("491,000") && !text.contains("9,000") && !text.contains("40,500"),
        "{text}"
    );

    site.write(
        "content/plan.yaml",
        &plan.replace("source: nhs-minimum", "source: nhs-minimun"),
    );
    let Err(d) = site.build() else { panic!() };
    let e = d.errors().next().unwrap();
    assert_eq!(e.code, "unknown-funding-source");
    assert_eq!(e.line_column(), Some((7, 11)));
    assert_eq!(e.help.as_deref(), Some("did you mean `nhs-minimum`?"));
}
