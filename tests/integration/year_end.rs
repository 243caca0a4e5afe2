//! Year-end returns (issue 18): actual income and spending against plan, variance in
//! words and tables, reconciled with the plan by `check`.

use crate::support::*;

const RETURN: &str = "kind: year_end
year: 2023-24
plan: plan-2023-25
submitted: 2024-05-23
summary: What came in and what we spent in 2023/24.
income:
  nhs-minimum: {planned: 98000, actual: 98000}
  dfg: {actual: 0.30}
expenditure:
  falls-lifting: {planned: 1200, actual: 1158.5, note: Two posts vacant until October}
  reablement-service: {actual: 3400}
  secret-pilot: {planned: 999, actual: 1000, confidential: true}
  secret-trial: {actual: 500, confidential: true}
totals:
  expenditure: {actual: 6058.5}
conditions:
  - {id: nc1, title: A jointly agreed plan, status: met}
";

fn site() -> TestSite {
    let site = TestSite::copy("valid/data");
    site.write("content/data/year-end-2023-24.yaml", RETURN);
    site
}

/// `valid/data` with this year-end return, the capacity and demand of
/// `capacity.rs` and the quarter's national conditions of `conditions.rs`.
pub(crate) fn site_with_every_return() -> TestSite {
    let site = crate::conditions::site_with_quarter_conditions();
    site.write("content/data/year-end-2023-24.yaml", RETURN);
    site.write("content/data/capacity-2024-25.yaml", crate::capacity::DOC);
    site
}

#[test]
fn a_year_end_return_shows_actuals_against_plan_in_words_and_tables() {
    let b = site()
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    assert!(b.warnings.is_empty(), "{}", b.warnings.render_human(false));
    let html = file(&b, "year-end/2023-24/index.html");
    let main = main_of(&html);
    assert!(main.contains("Year-end return, 2023/24"), "{main}");
    assert!(main.contains("Spending by scheme, planned and actual in 2023/24 (£000)"));
    // A planned figure left out is the plan's (3,349.869); the variance is exact.
    assert!(main.contains("<td class=\"numeric\">3,349.869</td><td class=\"numeric\">3,400</td><td class=\"numeric\">50.131</td><td>50.131 over plan</td>"), "{main}");
    assert!(main.contains("<td>41.5 under plan</td>"));
    assert!(main.contains("<td>0.20 over plan</td>"));
    assert!(
        main.contains("2 entries withheld from this page because they are confidential"),
        "{main}"
    );
    // The declared total gives the two withheld lines' actual spending together
    // (6,058.5 less the published 4,558.5): the page says so itself. Their planned
    // figures are not tied to anything published, so nothing is said of them.
    assert!(
        main.contains("The lines of 2 schemes are withheld from this return because they are confidential. Together their actual spending comes to £1,500,000."),
        "{main}"
    );
    assert!(!main.contains("Together their planned"), "{main}");
    assert!(main.contains("National conditions"));
    assert!(main.contains("href=\"/conditions/2023-24/\""));
    assert!(main.contains("<dt>Money spent</dt><dd>£4,558,500 against £4,549,869 planned: £8,631 more than planned</dd>"), "{main}");
    assert!(main.contains("<dt>Money in the fund</dt><dd>£98,000,300 against £98,000,100 planned: £200 more than planned</dd>"), "{main}");
    let csv = file(&b, "year-end/2023-24/expenditure.csv");
    assert!(
        csv.starts_with("scheme_id,scheme,planned (£000),actual (£000),difference (£000),note\r\n"),
        "{csv}"
    );
    assert!(csv.contains("falls-lifting,Falls Lifting Response Service,1200,1158.5,-41.5,Two posts vacant until October\r\n"), "{csv}");
    assert!(!csv.contains("secret-pilot"));
    assert!(file(&b, "year-end/2023-24/income.json").contains("\"actual (£000)\": 0.30"));
    assert!(file(&b, "datapackage.json").contains("year-end/2023-24/income.csv"));
    assert!(file(&b, "year-end/index.html").contains("/year-end/2023-24/"));
    assert!(
        file(&b, "plans/plan-2023-25/index.html").contains(
            "<dt>Year-end return</dt><dd><a href=\"/year-end/2023-24/\">2023/24</a></dd>"
        )
    );
    assert!(file(&b, "conditions/2023-24/index.html").contains("href=\"/year-end/2023-24/\""));
    for (path, text) in all_bytes(&b) {
        assert!(!text.contains("CANARY"), "{path}");
    }
}

#[test]
fn check_reconciles_a_year_end_return_with_its_plan() {
    let site = site();
    site.write(
        "content/data/year-end-2023-24.yaml",
        &RETURN
            .replace(
                "falls-lifting: {planned: 1200",
                "falls-lifting: {planned: 1250",
            )
            .replace("actual: 6058.5}", "actual: 6060}")
            .replace("  reablement-service:", "  reablement-servce:"),
    );
    let d = match site.build() {
        Ok(b) => b.warnings,
        Err(d) => d,
    };
    let found: Vec<(&str, String)> = d
        .errors()
        .chain(d.warnings())
        .map(|d| (d.code, d.message.clone()))
        .collect();
    let text = d.render_human(false);
    assert!(
        found.iter().any(|(c, m)| *c == "year-end-planned-differs"
            && m == "the return gives 1,250 as planned for `falls-lifting` in 2023/24, but the plan `plan-2023-25` gives 1,200 (a difference of £50,000)"),
        "{text}"
    );
    // The lines' sum includes two withheld ones, so it is not printed: less the
    // published lines it would be their amount, in a log anyone may read.
    assert!(found.iter().any(|(c, m)| *c == "year-end-total-differs" && m == "the declared actual expenditure total is 6,060, but the schemes (with 2 withheld) add up to a different figure"), "{text}");
    assert!(
        !text.contains("6,058.5") && !text.contains("1,500"),
        "{text}"
    );
    assert!(found.iter().any(|(c, _)| *c == "unknown-id"), "{text}");
    assert!(
        text.contains("did you mean `reablement-service`?"),
        "{text}"
    );

    site.write(
        "content/data/year-end-2023-24.yaml",
        &RETURN.replace("year: 2023-24", "year: 2023-24-Q4"),
    );
    let Err(d) = site.build() else { panic!() };
    let e = d.errors().next().unwrap();
    assert_eq!(e.code, "not-a-year");
    assert_eq!(e.line_column(), Some((2, 1)));
}

/// The return's lines are listed in the plan's order, as the plan's page lists them
/// (the example site's plan starts with falls lifting; by id, advocacy would lead).
#[test]
fn lines_follow_the_plans_order() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut opts = bcfsite::BuildOptions::new(root);
    opts.now = time::macros::datetime!(2024-12-01 12:00 UTC);
    let built =
        bcfsite::build_in_memory(&opts).unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    let page = file(&built, "year-end/2023-24/index.html");
    let page = &page[page.find("<table").expect("a table")..];
    let at = |text: &str| {
        page.find(text)
            .unwrap_or_else(|| panic!("no {text} on the page"))
    };
    assert!(at("Falls Lifting Response Service") < at("Discharge to Assess"));
    assert!(at("Discharge to Assess") < at("Lancashire Advocacy"));
    assert!(at("NHS minimum contribution</") < at("Additional Discharge Fund</"));
}
