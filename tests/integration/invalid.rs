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
