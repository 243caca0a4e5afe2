//! Sites with one problem each: the build fails with a pointed diagnostic. The
//! rendered message is snapshotted, so the text a user reads is part of the contract.

use crate::support::*;

fn diagnose(case: &str) -> (Vec<&'static str>, String) {
    let site = TestSite::copy(&format!("invalid/{case}"));
    let diags = match site.build() {
        Ok(_) => panic!("{case} should not build"),
        Err(d) => d,
    };
    let codes = diags.errors().map(|d| d.code).collect();
    (codes, diags.render_human(false))
}

macro_rules! invalid_case {
    ($name:ident, $case:literal, $code:literal) => {
        #[test]
        fn $name() {
            let (codes, rendered) = diagnose($case);
            assert_eq!(codes, [$code], "{rendered}");
            insta::assert_snapshot!($case, rendered);
        }
    };
}

invalid_case!(misspelt_key, "misspelt-key", "unknown-key");
invalid_case!(confidential_yes, "confidential-yes", "invalid-type");
invalid_case!(
    missing_front_matter,
    "missing-front-matter",
    "missing-front-matter"
);
invalid_case!(
    unclosed_front_matter,
    "unclosed-front-matter",
    "unclosed-front-matter"
);
invalid_case!(bad_date, "bad-date", "invalid-value");
invalid_case!(yaml_tab, "yaml-tab", "yaml-syntax");
invalid_case!(unknown_data_kind, "unknown-data-kind", "unknown-kind");
invalid_case!(url_clash, "url-clash", "url-clash");
invalid_case!(missing_site_yaml, "missing-site-yaml", "no-site-settings");
invalid_case!(bad_paragraph, "bad-paragraph", "invalid-value");
invalid_case!(
    appendix_without_label,
    "appendix-without-label",
    "appendix-without-label"
);
invalid_case!(unknown_template, "unknown-template", "unknown-template");
invalid_case!(bad_site_yaml, "bad-site-yaml", "unknown-key");
invalid_case!(template_error, "template-error", "template");

#[test]
fn every_problem_is_reported_together() {
    let site = TestSite::copy("valid/basic");
    site.write("content/news/a.md", "---\ntitle: A\nsumary: x\n---\n");
    site.write("content/news/b.md", "---\ntitle: B\ndraft: maybe\n---\n");
    let diags = site.build().unwrap_err();
    let codes: Vec<_> = diags.errors().map(|d| d.code).collect();
    assert_eq!(codes, ["unknown-key", "invalid-type"]);
}

#[test]
fn arbitrary_bytes_never_panic() {
    // A quick sweep here; the fuzz targets go much further.
    let site = TestSite::copy("valid/basic");
    let samples: [&[u8]; 6] = [
        b"---\n",
        b"---\n---\n",
        b"---\n&a [*a, *a]\n---\n",
        b"---\ntitle: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n---\n",
        b"\xff\xfe---\n",
        b"---\r\ntitle: \"\\u0000\"\r\n---\r\n",
    ];
    for (i, bytes) in samples.iter().enumerate() {
        let path = site.path().join(format!("content/news/fuzz{i}.md"));
        std::fs::write(&path, bytes).unwrap();
        let _ = site.build();
        std::fs::remove_file(&path).unwrap();
    }
}

/// One problem of each kind, each hidden by the one before until issue 20: a page's
/// front matter (the page is left out of later checks, and a link to it is not
/// reported), an unknown id, an unknown template, a broken link and broken anchors
/// (on the page with the broken link and on another). One run reports them all, and
/// the failed build writes nothing.
#[test]
fn one_run_reports_every_independent_problem() {
    let site = TestSite::copy("invalid/every-problem");
    let diags = site.build().unwrap_err();
    let mut found: Vec<(&str, String)> = diags
        .errors()
        .map(|d| (d.code, d.file.clone().unwrap_or_default()))
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("broken-anchor", "content/anchor-only.md".to_string()),
            ("broken-anchor", "content/links.md".to_string()),
            ("broken-link", "content/links.md".to_string()),
            ("invalid-value", "content/bad-front.md".to_string()),
            ("unknown-id", "content/unknown-id.md".to_string()),
            (
                "unknown-template",
                "content/unknown-template.md".to_string()
            ),
        ],
        "{}",
        diags.render_human(false)
    );
    let out = site.path().join("public");
    let err = bcfsite::build(&site.options(), &out).unwrap_err();
    assert_eq!(err.errors().count(), 6);
    assert!(!out.exists(), "a failed build writes nothing");
}
