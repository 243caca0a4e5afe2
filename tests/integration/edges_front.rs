//! Issue 15, at the front: visibility keys just outside the front matter (class 5),
//! visibility keys with no value (class 6), and the messages of the cases that did
//! fail closed: one shortened line of source at most, the repeated key, the invisible
//! character named, plain English, a confidential id called confidential.
//!
//! Fixture sites are in `tests/sites/edges/`; confidential text in them carries a
//! `CANARY-...` string, which must appear in no public output and, where the
//! offending line does not hold it, in no diagnostic either.

use crate::support::*;
use bcfsite::diagnostic::Diagnostics;

/// The longest source line a diagnostic may print: a line shown whole (160
/// characters) behind the gutter; a longer one is cut to 120 around the column.
const LONGEST_LINE: usize = 175;

fn diagnose(site: &TestSite) -> (Vec<&'static str>, Diagnostics) {
    let diags = match site.build() {
        Ok(_) => panic!("the site should not build"),
        Err(d) => d,
    };
    let codes = diags.errors().map(|d| d.code).collect();
    (codes, diags)
}

/// Builds the case, expects exactly `code`, and checks that neither format prints
/// a canary, a source line longer than one shortened line, or a long message.
fn refused(case: &str, code: &str) -> String {
    let site = TestSite::copy(&format!("edges/{case}"));
    let (codes, diags) = diagnose(&site);
    let rendered = diags.render_human(false);
    assert_eq!(codes, [code], "{rendered}");
    let json = diags.render_json();
    for out in [&rendered, &json] {
        assert!(
            !out.contains("CANARY"),
            "a diagnostic printed confidential text:\n{out}"
        );
    }
    for line in rendered.lines().filter(|l| l.contains(" | ")) {
        assert!(
            line.chars().count() <= LONGEST_LINE,
            "overlong line: {line}"
        );
    }
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    for d in json["errors"].as_array().unwrap() {
        let message = d["message"].as_str().unwrap();
        assert!(
            message.chars().count() <= 300 && !message.contains('\n'),
            "{message}"
        );
    }
    rendered
}

macro_rules! refused_case {
    ($name:ident, $case:literal, $code:literal) => {
        #[test]
        fn $name() {
            let rendered = refused($case, $code);
            insta::assert_snapshot!($case, rendered);
        }
    };
}

/// The codes of the errors when `text` is added to a copy of `case` at `rel`.
fn codes_with(case: &str, rel: &str, text: &str) -> Vec<&'static str> {
    let site = TestSite::copy(&format!("edges/{case}"));
    site.write(rel, text);
    match site.build() {
        Ok(built) => {
            for (path, bytes) in all_bytes(&built) {
                assert!(!bytes.contains("CANARY"), "published a canary in {path}");
            }
            Vec::new()
        }
        Err(d) => d.errors().map(|d| d.code).collect(),
    }
}

fn assert_builds_without_canaries(site: &TestSite) -> bcfsite::Built {
    let built = site
        .build()
        .unwrap_or_else(|d| panic!("build failed:\n{}", d.render_human(false)));
    for (path, text) in all_bytes(&built) {
        assert!(!text.contains("CANARY"), "a canary leaked into {path}");
    }
    built
}

// Class 5: flags just outside the front matter.

refused_case!(
    a_key_after_the_closing_fence_is_refused,
    "key-after-front-matter",
    "key-outside-front-matter"
);
refused_case!(
    a_second_block_of_keys_is_refused,
    "second-front-matter",
    "key-outside-front-matter"
);

#[test]
fn near_misses_and_other_forms_below_the_front_matter_are_refused() {
    let page = |after: &str| format!("---\ntitle: Fees\n---\n{after}\n\nCANARY-BELOW text.\n");
    for after in [
        "confidental: true",
        "Confidential: true",
        "\n\n  draft: true",
        "publish: 2030-01-01",
        "title_public: false",
        "exempt_paragraph: 3",
        "---\nconfidential: true",
        "---\nconfidential: true\n---",
        "...\nconfidential: true",
        "---\nowner: finance\nreview: 2025-01-01\n---",
        "\r\nconfidential: true\r",
    ] {
        let codes = codes_with("front-keys-prose", "content/news/below.md", &page(after));
        assert_eq!(codes, ["key-outside-front-matter"], "{after:?}");
    }
}

#[test]
fn prose_that_looks_like_a_key_still_builds() {
    let site = TestSite::copy("edges/front-keys-prose");
    let built = assert_builds_without_canaries(&site);
    let board = file(&built, "news/board/index.html");
    assert!(
        board.contains("Note: the board met on 12 November"),
        "{board}"
    );
    let rule = file(&built, "news/rule/index.html");
    assert!(rule.contains("<hr"), "{rule}");
}

// Class 6: a visibility key with no value.

refused_case!(
    publish_with_no_value_is_refused,
    "publish-empty",
    "no-value"
);

#[test]
fn every_visibility_key_with_no_value_is_refused() {
    let page = |key: &str| {
        format!("---\ntitle: Fees\nconfidential: true\n{key}\n---\nCANARY-NO-VALUE text.\n")
    };
    for key in [
        "publish: ~",
        "publish: null",
        "publish: Null",
        "publish: \"\"",
        "title_public:",
        "title_public: ~",
        "exempt_paragraph:",
        "exempt_paragraph: null",
        "draft:",
        "draft: ~",
    ] {
        let codes = codes_with("front-keys-prose", "content/news/fees.md", &page(key));
        assert_eq!(codes, ["no-value"], "{key}");
    }
    let codes = codes_with(
        "front-keys-prose",
        "content/news/fees.md",
        "---\ntitle: Fees\nconfidential:\n---\nCANARY-NO-VALUE text.\n",
    );
    assert_eq!(codes, ["no-value"]);
}

#[test]
fn a_data_record_with_an_empty_confidential_flag_is_refused() {
    let plan = "kind: plan\nid: p\ntitle: P\nyears: [2024-25]\nunits: thousands\nschemes:\n  - {id: s, name: CANARY-EMPTY-FLAG, amounts: {2024-25: 1}, confidential: ~}\n";
    let codes = codes_with("front-keys-prose", "content/data/plan.yaml", plan);
    assert_eq!(codes, ["no-value"]);
    let quarter = "kind: quarter\nperiod: 2024-25-Q2\nplan: p\nconfidential:\n";
    let codes = codes_with("front-keys-prose", "content/data/quarter.yaml", quarter);
    assert_eq!(codes, ["no-value"]);
    let metrics = "kind: metrics\nmetrics:\n  - id: m\n    name: CANARY-EMPTY-FLAG\n    unit: count\n    better: lower\n    confidential: null\n";
    let codes = codes_with("front-keys-prose", "content/data/metrics.yaml", metrics);
    assert_eq!(codes, ["no-value"]);
}

// Messages.

refused_case!(
    a_file_with_lone_carriage_returns_shows_one_line,
    "lone-cr",
    "lone-carriage-return"
);
refused_case!(
    a_long_line_is_shortened_around_the_column,
    "long-line",
    "yaml-syntax"
);
refused_case!(
    a_repeated_key_is_pointed_at,
    "duplicate-key",
    "duplicate-key"
);
refused_case!(
    a_repeated_record_is_refused_at_the_repeat,
    "duplicate-record",
    "duplicate-key"
);
refused_case!(
    a_no_break_space_is_named,
    "no-break-space",
    "invisible-character"
);
refused_case!(
    a_zero_width_space_in_a_key_is_named,
    "zero-width-key",
    "invisible-character"
);
refused_case!(
    a_quarter_naming_a_confidential_metric_says_so,
    "quarter-confidential-metric",
    "quarter-names-confidential"
);

#[test]
fn a_second_byte_order_mark_is_read_like_the_first() {
    let site = TestSite::copy("edges/double-bom");
    let built = assert_builds_without_canaries(&site);
    assert!(find(&built, "papers/advice/index.html").is_none());
    assert_eq!(built.withheld, 1);
}

#[test]
fn a_quarter_naming_a_confidential_scheme_or_plan_says_so() {
    let case = "quarter-confidential-metric";
    let scheme = "kind: plan\nid: plan-2024-25\ntitle: Plan 2024 to 2025\nyears: [2024-25]\nunits: thousands\nschemes:\n  - {id: falls, name: Falls service, amounts: {2024-25: 100}}\n  - {id: pilot, name: CANARY-PILOT, amounts: {2024-25: 5}, confidential: true}\n";
    let quarter = "kind: quarter\nperiod: 2024-25-Q2\nplan: plan-2024-25\nspend:\n  pilot: {planned: 2, actual: 2}\n";
    let site = TestSite::copy(&format!("edges/{case}"));
    site.write("content/data/plan.yaml", scheme);
    site.write("content/data/quarter.yaml", quarter);
    let (codes, diags) = diagnose(&site);
    assert_eq!(
        codes,
        ["quarter-names-confidential"],
        "{}",
        diags.render_human(false)
    );
    let d = diags.errors().next().unwrap();
    assert!(d.message.contains("`pilot`"), "{}", d.message);
    assert!(d.help.as_deref().unwrap().contains("confidential: true"));

    let site = TestSite::copy(&format!("edges/{case}"));
    let secret_plan = scheme.replace(
        "units: thousands\n",
        "units: thousands\nconfidential: true\n",
    );
    site.write("content/data/plan.yaml", &secret_plan);
    site.write(
        "content/data/quarter.yaml",
        "kind: quarter\nperiod: 2024-25-Q2\nplan: plan-2024-25\n",
    );
    let (codes, diags) = diagnose(&site);
    assert_eq!(
        codes,
        ["quarter-names-confidential"],
        "{}",
        diags.render_human(false)
    );
}

#[test]
fn serde_words_never_reach_the_reader() {
    let cases = [
        ("content/news/x.md", "---\ntitle: X\nweight: heavy\n---\n"),
        ("content/news/x.md", "---\ntitle: X\nweight: 1.5\n---\n"),
        (
            "content/news/x.md",
            "---\ntitle: X\nexempt_paragraph: three\nconfidential: true\n---\n",
        ),
        ("content/news/x.md", "---\ntitle: [X]\n---\n"),
        ("content/news/x.md", "---\ntitle:\n---\n"),
        ("content/news/x.md", "---\ntitle: X\nkind: {a: 1}\n---\n"),
        (
            "content/news/x.md",
            "---\ntitle: X\nmeeting: 3\nkind: paper\n---\n",
        ),
        (
            "content/site.yaml",
            "title: T\nbase_url: https://t.example/\narea: {population: {all: -5}}\n",
        ),
        (
            "content/site.yaml",
            "title: T\nbase_url: https://t.example/\nplain_english_grade: hard\n",
        ),
        (
            "content/data/q.yaml",
            "kind: quarter\nperiod: 2024-25-Q2\nplan: p\nspend: {s: ~}\n",
        ),
        (
            "content/data/q.yaml",
            "kind: quarter\nperiod: 2024-25-Q2\nplan: p\n---\nkind: quarter\n",
        ),
    ];
    for (rel, text) in cases {
        let site = TestSite::copy("edges/front-keys-prose");
        site.write(rel, text);
        let (_, diags) = diagnose(&site);
        let out = diags.render_human(false);
        for jargon in [
            "unit value",
            "i64",
            "u64",
            "u8",
            "f64",
            "invalid type",
            "invalid value",
            "expected",
            "struct ",
            "YAML tag",
            "sequence",
            " map",
            "Option",
        ] {
            assert!(!out.contains(jargon), "`{jargon}` in:\n{out}");
        }
    }
}

#[test]
fn the_json_format_holds_no_more_than_the_human_one() {
    let site = TestSite::copy("edges/long-line");
    let (_, diags) = diagnose(&site);
    let json: serde_json::Value = serde_json::from_str(&diags.render_json()).unwrap();
    let message = json["errors"][0]["message"].as_str().unwrap();
    assert!(message.chars().count() < 200, "{message}");
    assert!(!message.contains('\n'));
}
