//! Corrections and change history (issue 19): `updated` and `changes` on pages shown
//! as "Last updated" and a list of changes, the sitemap's `lastmod`, a feed entry per
//! change, the date rules, and a confidential change note withheld.

use crate::support::*;
use bcfsite::visibility::Audience;

const HISTORY: &str = "---\ntitle: Hello residents\nsummary: The first update.\ndate: 2024-06-01\nupdated: 2024-10-02\nchanges:\n  - {date: 2024-09-30, note: Corrected the number of people helped home from hospital.}\n  - date: 2024-10-02\n    note: Removed a paragraph about a contract still being negotiated.\n    confidential: true\n---\n\nWe corrected this page.\n";

fn site() -> TestSite {
    let site = TestSite::copy("valid/basic");
    site.write("content/news/hello.md", HISTORY);
    site
}

#[test]
fn a_page_shows_when_it_was_last_updated_and_its_changes() {
    let built = site().build().unwrap();
    let html = file(&built, "news/hello/index.html");
    let main = main_of(&html);
    assert!(
        main.contains("Last updated <time datetime=\"2024-10-02\">2 October 2024</time>"),
        "{main}"
    );
    assert!(main.contains("<details"), "{main}");
    assert!(
        main.contains("<li id=\"change-2024-09-30-1\"><time datetime=\"2024-09-30\">30 September 2024</time>: Corrected the number of people helped home from hospital.</li>"),
        "{main}"
    );
}

#[test]
fn a_confidential_change_note_is_withheld_and_fingerprinted() {
    let site = site();
    let built = site.build().unwrap();
    for (path, text) in all_bytes(&built) {
        assert!(
            !text.contains("still being negotiated"),
            "a confidential change note reached {path}"
        );
    }
    // Members see it, marked.
    let members = site.build_for(Audience::Members, false);
    let html = file(&members, "news/hello/index.html");
    assert!(html.contains("still being negotiated"));
    assert!(html.contains("Confidential change"));
    // Quoted on a public page, the audit stops the build.
    site.write(
        "content/news/quote.md",
        "---\ntitle: Quote\n---\n\nRemoved a paragraph about a contract still being negotiated.\n",
    );
    let errs = site.build().unwrap_err();
    assert!(
        errs.errors().any(|d| d.code == "confidential-in-output"),
        "{}",
        errs.render_human(false)
    );
}

#[test]
fn the_sitemap_lastmod_is_the_update_and_each_change_is_in_the_feed() {
    let built = site().build().unwrap();
    let sitemap = file(&built, "sitemap.xml");
    assert!(
        sitemap.contains(
            "<loc>https://bcf.test.example/news/hello/</loc><lastmod>2024-10-02</lastmod>"
        ),
        "{sitemap}"
    );
    let feed = file(&built, "feed.xml");
    assert!(
        feed.contains("<title>Updated: Hello residents</title>"),
        "{feed}"
    );
    assert!(
        feed.contains("https://bcf.test.example/news/hello/#change-2024-09-30-1"),
        "{feed}"
    );
    assert!(feed.contains("<updated>2024-09-30T00:00:00Z</updated>"));
    // The withheld change is no entry.
    assert!(!feed.contains("change-2024-10-02-2"), "{feed}");
    // The note is in the search index.
    let index = file(&built, "search-index.json");
    assert!(index.contains("Corrected the number of people helped home"));
}

fn codes_of(front: &str) -> Vec<&'static str> {
    let site = TestSite::copy("valid/basic");
    site.write(
        "content/news/hello.md",
        &format!("---\ntitle: Hello residents\n{front}---\n\nText.\n"),
    );
    match site.build() {
        Ok(b) => b.warnings.errors().map(|d| d.code).collect(),
        Err(d) => d.errors().map(|d| d.code).collect(),
    }
}

#[test]
fn each_date_rule() {
    assert_eq!(
        codes_of("date: 2024-06-01\nupdated: 2024-05-01\n"),
        ["updated-before-date"]
    );
    assert_eq!(
        codes_of("changes:\n  - {date: 2024-09-01, note: A}\n  - {date: 2024-08-01, note: B}\n"),
        ["changes-out-of-order"]
    );
    assert_eq!(
        codes_of("updated: 2024-08-01\nchanges:\n  - {date: 2024-09-01, note: A}\n"),
        ["change-after-updated"]
    );
}

/// The data fixture with the residential admissions figure for Q1 revised.
fn revised_site(revised: &str) -> TestSite {
    let site = TestSite::copy("valid/data");
    let path = site.path().join("content/data/metrics.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let old = "2024-25-Q1: {value: 683.96, status: estimate, count: 342}";
    assert!(text.contains(old));
    std::fs::write(
        &path,
        text.replace(
            old,
            &format!(
                "2024-25-Q1: {{value: 683.96, status: estimate, count: 342, revised: {revised}}}"
            ),
        ),
    )
    .unwrap();
    site
}

#[test]
fn a_revised_figure_shows_what_was_published_before_on_the_page_and_in_the_downloads() {
    let site = revised_site(
        "[{value: 671.20, date: 2024-09-30, note: First published as an estimate}, {value: 7123456.5, date: 2024-10-01, note: A figure from a draft board paper, confidential: true}]",
    );
    let built = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    let html = file(&built, "metrics/residential-admissions/index.html");
    assert!(
        main_of(&html)
            .contains("Revised from 671.20 on 30 September 2024 (First published as an estimate)."),
        "{html}"
    );
    let csv = file(&built, "metrics/residential-admissions/figures.csv");
    assert!(csv.contains("revised from ("), "{csv}");
    assert!(
        csv.contains(",671.20,671.20 replaced on 2024-09-30: First published as an estimate"),
        "{csv}"
    );
    let json = file(&built, "metrics/residential-admissions/figures.json");
    assert!(json.contains("671.20"), "{json}");
    // The confidential revision is withheld everywhere.
    for (path, text) in all_bytes(&built) {
        assert!(
            !text.contains("draft board paper") && !text.contains("7123456"),
            "a withheld revision reached {path}"
        );
    }
    // Members see it.
    let members = site.build_for(Audience::Members, false);
    let html = file(&members, "metrics/residential-admissions/index.html");
    assert!(
        html.contains("draft board paper) [confidential: not for publication]"),
        "{html}"
    );
}

#[test]
fn a_revision_dated_after_its_figure_was_superseded_is_an_error() {
    let site = revised_site("[{value: 650, date: 2024-10-15}, {value: 671.20, date: 2024-09-30}]");
    let errs = site.build().unwrap_err();
    let codes: Vec<_> = errs.errors().map(|d| d.code).collect();
    assert_eq!(
        codes,
        ["revision-after-superseded"],
        "{}",
        errs.render_human(false)
    );
    let site = revised_site("[{value: 671.20, date: 2025-01-01}]");
    let errs = site.build().unwrap_err();
    let codes: Vec<_> = errs.errors().map(|d| d.code).collect();
    assert_eq!(
        codes,
        ["revision-after-superseded"],
        "{}",
        errs.render_human(false)
    );
}

const EASY: &str = "---\ntitle: Hello residents (easy read)\nsummary: We say hello. This page is short.\nformat: easy_read\n---\n\nHello.\n\nThis is the easy read page.\n";

#[test]
fn a_page_and_its_easy_read_version_link_each_other() {
    let site = TestSite::copy("valid/basic");
    let hello = std::fs::read_to_string(site.path().join("content/news/hello.md")).unwrap();
    site.write(
        "content/news/hello.md",
        &hello.replacen(
            "date: 2024-06-01\n",
            "date: 2024-06-01\nalternates:\n  - {format: easy_read, page: /news/hello-easy-read/}\n  - {format: bsl, url: https://video.example/hello}\n",
            1,
        ),
    );
    site.write("content/news/hello-easy-read.md", EASY);
    let built = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    let standard = file(&built, "news/hello/index.html");
    assert!(
        standard.contains("<a href=\"/news/hello-easy-read/\">Easy read version</a>"),
        "{standard}"
    );
    assert!(standard.contains(
        "<link rel=\"alternate\" type=\"text/html\" href=\"/news/hello-easy-read/\" title=\"Easy read version\">"
    ));
    assert!(standard.contains(
        "<a href=\"https://video.example/hello\">British Sign Language (BSL) version</a>"
    ));
    let easy = file(&built, "news/hello-easy-read/index.html");
    assert!(
        easy.contains("<a href=\"/news/hello/\">Standard version</a>"),
        "{easy}"
    );
}

#[test]
fn an_alternate_that_is_no_page_is_an_error_and_a_withheld_one_is_not_linked() {
    let site = TestSite::copy("valid/basic");
    let hello = std::fs::read_to_string(site.path().join("content/news/hello.md")).unwrap();
    let with = |alt: &str| {
        hello.replacen(
            "date: 2024-06-01\n",
            &format!("date: 2024-06-01\nalternates:\n  - {alt}\n"),
            1,
        )
    };
    site.write(
        "content/news/hello.md",
        &with("{format: easy_read, page: /news/helo/}"),
    );
    let errs = site.build().unwrap_err();
    let d = errs
        .errors()
        .find(|d| d.code == "unknown-alternate-page")
        .unwrap_or_else(|| panic!("{}", errs.render_human(false)));
    assert_eq!(d.help.as_deref(), Some("did you mean `/news/hello/`?"));
    site.write(
        "content/news/hello.md",
        &with("{format: audio, url: \"javascript:alert(1)\"}"),
    );
    let errs = site.build().unwrap_err();
    assert!(
        errs.errors().any(|d| d.code == "invalid-alternate-url"),
        "{}",
        errs.render_human(false)
    );
    // A confidential easy read version: not linked, not named, no error.
    site.write(
        "content/news/secret-easy-read.md",
        "---\ntitle: Secret easy read\nconfidential: true\nformat: easy_read\n---\n\nSecret.\n",
    );
    site.write(
        "content/news/hello.md",
        &with("{format: easy_read, page: /news/secret-easy-read/}"),
    );
    let built = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    let html = file(&built, "news/hello/index.html");
    assert!(!html.contains("secret-easy-read") && !html.contains("Easy read version"));
}

#[test]
fn an_easy_read_page_is_held_to_the_lower_reading_grade() {
    let site = TestSite::copy("valid/basic");
    let summary = "The board agreed the plan for the year, which sets out how the money will be spent on care for older people.";
    site.write(
        "content/news/plain.md",
        &format!("---\ntitle: Plain\nsummary: {summary}\n---\n\nText.\n"),
    );
    let warnings = |b: Result<bcfsite::Built, _>| -> Vec<&'static str> {
        let d = match b {
            Ok(b) => b.warnings,
            Err(d) => d,
        };
        d.warnings().map(|w| w.code).collect()
    };
    assert!(!warnings(site.build()).contains(&"summary-hard-to-read"));
    site.write(
        "content/news/plain.md",
        &format!("---\ntitle: Plain\nsummary: {summary}\nformat: easy_read\n---\n\nText.\n"),
    );
    assert!(warnings(site.build()).contains(&"summary-hard-to-read"));
}

#[test]
fn a_data_record_has_a_history_too() {
    let site = TestSite::copy("valid/data");
    let path = site.path().join("content/data/metrics.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let old = "    targets: {2024-25: 657}\n";
    std::fs::write(
        &path,
        text.replacen(
            old,
            &format!("{old}    updated: 2024-10-15\n    changes:\n      - {{date: 2024-10-15, note: Corrected the population used for the rate.}}\n      - {{date: 2024-10-15, note: A note from a closed session., confidential: true}}\n"),
            1,
        ),
    )
    .unwrap();
    let built = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    let html = file(&built, "metrics/residential-admissions/index.html");
    assert!(
        html.contains("Last updated <time datetime=\"2024-10-15\">15 October 2024</time>"),
        "{html}"
    );
    assert!(html.contains("Corrected the population used for the rate."));
    let sitemap = file(&built, "sitemap.xml");
    assert!(
        sitemap.contains("metrics/residential-admissions/</loc><lastmod>2024-10-15</lastmod>"),
        "{sitemap}"
    );
    let feed = file(&built, "feed.xml");
    assert!(
        feed.contains("metrics/residential-admissions/#change-2024-10-15-1"),
        "{feed}"
    );
    for (path, text) in all_bytes(&built) {
        assert!(
            !text.contains("closed session"),
            "a withheld change note reached {path}"
        );
    }
    // The date rules hold for records as for pages.
    std::fs::write(
        &path,
        text.replacen(
            old,
            &format!("{old}    updated: 2024-09-01\n    changes:\n      - {{date: 2024-10-15, note: Late.}}\n"),
            1,
        ),
    )
    .unwrap();
    let errs = site.build().unwrap_err();
    let d = errs
        .errors()
        .find(|d| d.code == "change-after-updated")
        .unwrap_or_else(|| panic!("{}", errs.render_human(false)));
    assert_eq!(d.line_column().map(|(l, _)| l), Some(12));
}
