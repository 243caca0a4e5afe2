//! Carets on the place meant, not on the first place the same text is written.
//!
//! Diagnostics about data already read used to find their place by searching the
//! file for an id, a name or a period, and so pointed at an earlier mention of it (in
//! a title, a summary, a target) when there was one. They are now looked up by path
//! in the file's spans (`yaml::Spans`). Each test writes such an earlier mention into
//! a rule's fixture and checks the caret is on the right line and column.

use crate::support::*;

/// The one diagnostic with `code`: its line and column.
fn place(site: &TestSite, code: &str) -> (usize, usize) {
    let diags = match site.build() {
        Ok(b) => b.warnings,
        Err(d) => d,
    };
    let found: Vec<_> = diags
        .errors()
        .chain(diags.warnings())
        .filter(|d| d.code == code)
        .collect();
    assert_eq!(found.len(), 1, "{}", diags.render_human(false));
    found[0].line_column().expect("a place")
}

#[test]
fn relates_to_points_at_the_id_in_the_list_not_in_the_title() {
    let site = TestSite::copy("rules/relates-to-unknown-id");
    site.write(
        "content/story.md",
        "---\ntitle: Why falls-admission matters\nrelates_to: [falls-admission]\n---\n",
    );
    assert_eq!(place(&site, "unknown-id"), (3, 14));
}

#[test]
fn a_quarters_metric_is_pointed_at_under_metrics_not_in_the_summary() {
    let site = TestSite::copy("rules/reported-status-differs");
    site.write(
        "content/quarter.yaml",
        "kind: quarter\nperiod: 2024-25-Q2\nplan: p\nsummary: admissions rose\nmetrics:\n  admissions: {status: on_track}\n",
    );
    assert_eq!(place(&site, "reported-status-differs"), (6, 3));
}

#[test]
fn an_outlying_figure_is_pointed_at_in_actuals_not_at_a_target_for_the_same_period() {
    let site = TestSite::copy("rules/value-out-of-scale");
    site.write(
        "content/metrics.yaml",
        "kind: metrics\nmetrics:\n  - id: discharge\n    name: Discharge home\n    unit: percent\n    better: higher\n    targets: {2024-25-Q2: 92.5}\n    actuals:\n      2024-25-Q1: 93.1\n      2024-25-Q2: 9.31\n",
    );
    assert_eq!(place(&site, "value-out-of-scale"), (10, 7));
}

#[test]
fn a_renamed_scheme_is_pointed_at_its_name_not_at_a_description_quoting_it() {
    let site = TestSite::copy("rules/scheme-renamed");
    site.write(
        "content/p2.yaml",
        "kind: plan\nid: p2\ntitle: Plan two\nyears: [2025-26]\nunits: thousands\nschemes:\n  - {id: lifts, name: Lifts, description: Replaces the Falls lifting service}\n  - {id: falls, name: Falls lifting service}\n",
    );
    assert_eq!(place(&site, "scheme-renamed"), (8, 23));
}

#[test]
fn an_amount_outside_the_plan_is_pointed_at_its_year_not_at_a_description() {
    let site = TestSite::copy("rules/period-outside-plan");
    site.write(
        "content/plan.yaml",
        "kind: plan\nid: p\ntitle: Plan\nyears: [2024-25]\nunits: thousands\nschemes:\n  - {id: falls, name: Falls service, description: Ends in 2025-26, amounts: {2024-25: 100, 2025-26: 110}}\n",
    );
    assert_eq!(place(&site, "period-outside-plan"), (7, 92));
}

#[test]
fn an_id_repeated_in_a_plan_is_pointed_at_where_it_is_repeated() {
    let site = TestSite::copy("rules/period-outside-plan");
    site.write(
        "content/plan.yaml",
        "kind: plan\nid: p\ntitle: Plan\nyears: [2024-25]\nunits: thousands\nschemes:\n  - {id: care-home, name: Care homes}\n  - {id: care, name: Care at home}\n  - {id: care, name: Care again}\n",
    );
    // `id: care` is also the start of `id: care-home`, on line 7.
    assert_eq!(place(&site, "duplicate-id"), (9, 6));
}

#[test]
fn a_figure_broken_by_its_status_is_pointed_at_the_status_not_at_a_note() {
    let site = TestSite::copy("rules/value-out-of-scale");
    site.write(
        "content/metrics.yaml",
        "kind: metrics\nmetrics:\n  - id: discharge\n    name: Discharge home\n    unit: percent\n    better: higher\n    actuals:\n      2024-25-Q1: {note: pending review, status: pending}\n",
    );
    assert_eq!(place(&site, "invalid-value"), (8, 50));
}
