//! Issue 18, part A: schemes carry the national template's fields (sub-type, area of
//! spend, provider, outputs, new or existing, the joint split, funding lines), shown
//! in words, in the downloads, and withheld whole with a confidential scheme.
//!
//! The fixture is `tests/sites/edges/template-schemes/`; its confidential scheme's
//! every new field carries a `CANARY-TPL-...` string.

use crate::support::*;

const PLAN: &str = "content/data/plan.yaml";

fn built() -> bcfsite::Built {
    let site = TestSite::copy("edges/template-schemes");
    site.build()
        .unwrap_or_else(|d| panic!("build failed:\n{}", d.render_human(false)))
}

/// The codes and rendered text when the fixture's plan has `from` replaced by `to`.
fn errors_with(from: &str, to: &str) -> (Vec<&'static str>, String) {
    let site = TestSite::copy("edges/template-schemes");
    let plan = std::fs::read_to_string(site.path().join(PLAN)).unwrap();
    assert!(plan.contains(from), "{from}");
    site.write(PLAN, &plan.replacen(from, to, 1));
    match site.build() {
        Ok(_) => panic!("the site should not build"),
        Err(d) => (d.errors().map(|d| d.code).collect(), d.render_human(false)),
    }
}

#[test]
fn a_scheme_page_says_the_template_fields_in_words() {
    let built = built();
    let page = file(&built, "schemes/falls-response/index.html");
    let main = main_of(&page);
    for words in [
        "Templeton Community Trust",
        "Falls response",
        "Community Health",
        "1,250 call-outs planned in 2024/25",
        "Jointly commissioned: 60% by the NHS, 40% by the council",
        "Carried on from an earlier plan",
        "Where the money for this scheme comes from",
        "NHS minimum contribution",
        "Improved Better Care Fund grant",
        "150,000",
        "50,000",
        "200,000",
    ] {
        assert!(main.contains(words), "missing {words:?} in\n{main}");
    }
}

#[test]
fn downloads_carry_every_new_field_and_each_funding_line() {
    let built = built();
    let csv = file(&built, "plans/bcf-2024-25/schemes.csv");
    let header = csv.lines().next().unwrap();
    for field in [
        "sub_type",
        "area_of_spend",
        "provider",
        "new_or_existing",
        "joint_nhs_percent",
        "joint_council_percent",
        "output_unit",
        "output 2024-25",
    ] {
        assert!(header.contains(field), "{header}");
    }
    let row = csv
        .lines()
        .find(|l| l.starts_with("falls-response"))
        .unwrap();
    assert_eq!(
        row,
        "falls-response,Falls Response Service,Urgent Community Response,Joint,,200000,Falls response,Community Health,Templeton Community Trust,existing,60,40,call-outs,1250,"
    );
    let lines = file(&built, "schemes/falls-response/funding-lines.csv");
    assert_eq!(
        lines.lines().skip(1).collect::<Vec<_>>(),
        [
            "nhs-minimum,NHS minimum contribution,150000",
            "ibcf,Improved Better Care Fund grant,50000"
        ]
    );
    let json = file(&built, "schemes/falls-response/funding-lines.json");
    assert!(
        json.contains("\"150000\"") || json.contains("150000"),
        "{json}"
    );
}

#[test]
fn a_confidential_scheme_withholds_every_template_field() {
    let built = built();
    for (path, text) in all_bytes(&built) {
        assert!(!text.contains("CANARY"), "a canary leaked into {path}");
        assert!(
            !text.contains("98765") && !text.contains("98,765"),
            "an output leaked into {path}"
        );
    }
}

#[test]
fn shares_that_do_not_add_to_100_are_an_error() {
    let (codes, rendered) = errors_with(
        "joint: {nhs: 60, council: 40}",
        "joint: {nhs: 60, council: 30}",
    );
    assert_eq!(codes, ["joint-not-100"], "{rendered}");
    insta::assert_snapshot!("joint-not-100", rendered);
}

#[test]
fn a_funding_line_from_an_unknown_source_suggests_the_nearest() {
    let (codes, rendered) = errors_with("{source: ibcf,", "{source: ibfc,");
    assert_eq!(codes, ["unknown-funding-source"], "{rendered}");
    insta::assert_snapshot!("unknown-funding-source", rendered);
}

#[test]
fn amounts_that_differ_from_the_funding_lines_are_an_error() {
    let (codes, rendered) = errors_with(
        "    new_or_existing: existing\n",
        "    new_or_existing: existing\n    amounts: {2024-25: 210000}\n",
    );
    assert_eq!(codes, ["funding-lines-differ"], "{rendered}");
    insta::assert_snapshot!("funding-lines-differ", rendered);
}

#[test]
fn a_published_scheme_cannot_show_a_line_from_a_withheld_source() {
    let (codes, rendered) = errors_with(
        "name: Improved Better Care Fund grant,",
        "name: Improved Better Care Fund grant, confidential: true,",
    );
    assert_eq!(codes, ["confidential-funding-line"], "{rendered}");
    insta::assert_snapshot!("confidential-funding-line", rendered);
}

#[test]
fn the_new_fields_are_strict() {
    let (codes, _) = errors_with("joint: {nhs: 60, council: 40}", "joint: {nhs: 60, la: 40}");
    assert_eq!(codes, ["unknown-key"]);
    let (codes, _) = errors_with("new_or_existing: existing", "new_or_existing: old");
    assert_eq!(codes, ["invalid-value"]);
    let (codes, _) = errors_with("outputs: {2024-25: 1250}", "outputs: {2024-25: lots}");
    assert_eq!(codes, ["invalid-value"]);
    let (codes, _) = errors_with(
        "{source: ibcf, amounts: {2024-25: 50000}}",
        "{source: ibcf, amount: {2024-25: 50000}}",
    );
    assert_eq!(codes, ["unknown-key"]);
}
