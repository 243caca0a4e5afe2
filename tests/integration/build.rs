//! A valid site builds into the pages, URLs and listings the SPEC describes.

use crate::support::*;
use bcfsite::visibility::Audience;

#[test]
fn pages_sections_and_bundles_get_their_urls() {
    let site = TestSite::copy("valid/basic");
    let built = site.build().unwrap();
    let mut paths: Vec<_> = built.files.iter().map(|f| f.path.as_str()).collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "404.html",
            "accessibility/index.html",
            "datapackage.json",
            "extra.txt",
            "feed.xml",
            "funding/index.html",
            // A funding source's and a scheme's amounts by plan (issue 20).
            "funding/nhs-minimum/amounts.csv",
            "funding/nhs-minimum/amounts.json",
            "funding/nhs-minimum/index.html",
            "glossary/index.html",
            "index.html",
            "meetings.ics",
            "meetings/2024-11-12-testshire-health-and-wellbeing-board/index.html",
            "meetings/index.html",
            "news/hello/index.html",
            "news/index.html",
            "papers/2024-11-12-update/appendix-a/index.html",
            "papers/2024-11-12-update/index.html",
            "papers/2024-11-12-update/report.pdf",
            "papers/index.html",
            "plans/index.html",
            "plans/test-plan/funding.csv",
            "plans/test-plan/funding.json",
            "plans/test-plan/index.html",
            "plans/test-plan/schemes.csv",
            "plans/test-plan/schemes.json",
            "robots.txt",
            "schemes/falls-lifting/amounts.csv",
            "schemes/falls-lifting/amounts.json",
            "schemes/falls-lifting/index.html",
            "schemes/index.html",
            "search-index.json",
            "search.js",
            "search/index.html",
            "sitemap.xml",
            "style.css",
            "updates/hello/index.html",
        ]
    );
    // home, news, papers, hello, the paper and its public appendix, and six pages
    // from the plan (three indexes, the plan, its public scheme and funding source)
    assert_eq!(built.pages, 12);
    assert_eq!(built.data_files, 1);
}

#[test]
fn summary_line_counts_pages_data_and_withheld_items() {
    let site = TestSite::copy("valid/basic");
    let built = site.build().unwrap();
    let summary = built.summary();
    assert!(
        summary.starts_with("built 12 pages, 1 data file in "),
        "{summary}"
    );
    // appendix B, appendix C, the private section, its child page and its file,
    // a confidential paper and its file, a confidential feedback page, and a
    // confidential funding source and scheme
    // ...and an embargoed page and a draft held back for now.
    assert!(
        summary.ends_with(
            "; withheld 10 confidential items; held back 1 page until 1 January 2099 09:00 UTC and 1 draft"
        ),
        "{summary}"
    );
}

#[test]
fn page_has_layout_landmarks_and_content() {
    let site = TestSite::copy("valid/basic");
    let built = site.build().unwrap();
    let html = file(&built, "news/hello/index.html");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"));
    assert!(html.contains("<title>Hello residents – Testshire Better Care Fund</title>"));
    assert!(html.contains("<a href=\"#main-content\" class=\"skip-link\">"));
    assert!(html.contains("<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\">"));
    assert!(html.contains("<h2 id=\"what-is-new\">What is new</h2>"));
    assert!(
        html.contains("<link rel=\"canonical\" href=\"https://bcf.test.example/news/hello/\">")
    );
    assert!(html.contains("Open Government Licence v3.0"));
    assert!(html.contains("href=\"/accessibility/\""));
    assert!(html.contains("bcf@test.example"));
    assert!(
        !html.contains("<script"),
        "no JavaScript is needed to read a page"
    );
}

#[test]
fn navigation_lists_top_sections_by_weight() {
    let site = TestSite::copy("valid/basic");
    let built = site.build().unwrap();
    let html = file(&built, "index.html");
    let papers = html.find(">Board papers</a>").unwrap();
    let news = html.find(">News</a>").unwrap();
    assert!(papers < news, "weight 1 comes before weight 2");
}

#[test]
fn home_lists_latest_papers() {
    let site = TestSite::copy("valid/basic");
    let built = site.build().unwrap();
    let home = file(&built, "index.html");
    assert!(main_of(&home).contains("href=\"/papers/2024-11-12-update/\""));
}

#[test]
fn paper_lists_public_appendix_linked_and_confidential_ones_unlinked() {
    let site = TestSite::copy("valid/basic");
    let built = site.build().unwrap();
    let html = file(&built, "papers/2024-11-12-update/index.html");
    let main = main_of(&html);
    assert!(main.contains(
        "<a href=\"/papers/2024-11-12-update/appendix-a/\">Appendix A: Public scheme list</a>"
    ));
    assert!(main.contains("Appendix B: Quarter 2 finance report"));
    assert!(main.contains("Not for publication"));
    assert!(main.contains(
        "By virtue of paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972"
    ));
    assert!(main.contains("Appendix C (title withheld)"));
    assert!(main.contains("paragraph 4"));
    assert!(
        !main.contains("appendix-b/"),
        "a confidential appendix is never linked"
    );
    assert!(main.contains("<a href=\"/papers/2024-11-12-update/report.pdf\">report.pdf</a>"));
    assert!(main.contains("PDF, 12 bytes"));
}

#[test]
fn appendix_page_names_its_paper() {
    let site = TestSite::copy("valid/basic");
    let built = site.build().unwrap();
    let html = file(&built, "papers/2024-11-12-update/appendix-a/index.html");
    assert!(html.contains(
        "Appendix A to <a href=\"/papers/2024-11-12-update/\">Better Care Fund update</a>"
    ));
}

#[test]
fn drafts_only_with_the_flag() {
    let site = TestSite::copy("valid/basic");
    let built = site.build_for(Audience::Public, true);
    assert!(find(&built, "news/draft/index.html").is_some());
    let built = site.build_for(Audience::Public, false);
    assert!(find(&built, "news/draft/index.html").is_none());
}

#[test]
fn embargo_lifts_at_its_time() {
    let site = TestSite::copy("valid/basic");
    let mut opts = site.options();
    opts.now = time::macros::datetime!(2099-01-01 09:00 UTC);
    let built = bcfsite::build_in_memory(&opts).unwrap();
    assert!(find(&built, "news/embargoed/index.html").is_some());
    opts.now = time::macros::datetime!(2099-01-01 08:59 UTC);
    let built = bcfsite::build_in_memory(&opts).unwrap();
    assert!(find(&built, "news/embargoed/index.html").is_none());
}

#[test]
fn base_url_with_a_path_prefixes_every_link() {
    let site = TestSite::copy("valid/basic");
    let mut opts = site.options();
    opts.base_url = Some("https://council.example/bcf/".into());
    let built = bcfsite::build_in_memory(&opts).unwrap();
    let html = file(&built, "index.html");
    assert!(html.contains("href=\"/bcf/style.css\""));
    assert!(html.contains("href=\"/bcf/papers/\""));
}

#[test]
fn accessibility_statement_has_the_required_sections() {
    let site = TestSite::copy("valid/basic");
    let built = site.build().unwrap();
    let html = file(&built, "accessibility/index.html");
    for id in [
        "compliance-status",
        "non-accessible-content",
        "reporting-problems",
        "enforcement-procedure",
        "preparation",
    ] {
        assert!(
            html.contains(&format!("id=\"{id}\"")),
            "missing section {id}"
        );
    }
    assert!(html.contains("partially compliant"));
}

#[test]
fn site_templates_override_the_built_in_ones() {
    let site = TestSite::copy("valid/basic");
    site.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block main %}<p>CUSTOM {{ page.title }}</p>{% endblock main %}",
    );
    let built = site.build().unwrap();
    assert!(file(&built, "news/hello/index.html").contains("<p>CUSTOM Hello residents</p>"));
    // Templates not overridden still come from the binary.
    assert!(file(&built, "papers/2024-11-12-update/index.html").contains("Board paper"));
}

#[test]
fn a_theme_can_replace_the_sitemap_and_feed_templates() {
    let site = TestSite::copy("valid/basic");
    site.write(
        "themes/default/templates/sitemap.xml",
        "<urlset>{% for e in entries %}<url><loc>{{ e.permalink }}</loc></url>{% endfor %}</urlset>",
    );
    site.write(
        "themes/default/templates/feed.xml",
        "<feed><title>{{ site.title }}</title>{% for e in entries %}<entry>{{ e.title }}</entry>{% endfor %}</feed>",
    );
    let built = site.build().unwrap();
    let sitemap = file(&built, "sitemap.xml");
    assert!(
        sitemap.starts_with("<urlset><url><loc>https://"),
        "{sitemap}"
    );
    let feed = file(&built, "feed.xml");
    assert!(feed.starts_with("<feed><title>"), "{feed}");
    assert!(feed.contains("<entry>"), "{feed}");
}

#[test]
fn a_theme_can_replace_the_chart_templates() {
    let site = TestSite::copy("valid/data");
    site.write(
        "themes/default/templates/charts/metric.svg",
        "<svg>{% for bar in chart.bars %}<g data-status=\"{{ bar.status }}\">{{ bar.label }}</g>{% endfor %}</svg>\n",
    );
    let built = site.build().unwrap();
    let html = file(&built, "metrics/discharge-home/index.html");
    assert!(
        html.contains("<figure class=\"chart-figure\"><svg><g data-status="),
        "{html}"
    );
}

#[test]
fn a_broken_feed_template_is_a_template_error() {
    let site = TestSite::copy("valid/basic");
    site.write(
        "themes/default/templates/feed.xml",
        "<feed>{{ entries | no_such_filter }}</feed>",
    );
    let err = site.build().unwrap_err();
    assert_eq!(err.errors().next().unwrap().code, "template");
}

#[test]
fn raw_html_is_sanitised() {
    let site = TestSite::copy("valid/basic");
    site.write(
        "content/news/raw.md",
        "---\ntitle: Raw\n---\n\n<script>alert('x')</script>\n\n<p onclick=\"x()\">Hi</p>\n",
    );
    let built = site.build().unwrap();
    let html = file(&built, "news/raw/index.html");
    assert!(!html.contains("alert("));
    assert!(!html.contains("onclick"));
}

#[test]
fn hidden_and_temporary_files_are_ignored() {
    let site = TestSite::copy("valid/basic");
    site.write("content/news/.hidden.md", "not front matter");
    site.write("content/news/hello.md~", "not front matter");
    site.write("content/news/.hello.md.swp", "not front matter");
    assert!(site.build().is_ok());
}

#[test]
fn the_example_site_builds() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let built = bcfsite::build_in_memory(&bcfsite::BuildOptions::new(root))
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    assert!(
        built.pages >= 15,
        "the example has its plan, papers, news and feedback"
    );
    assert_eq!(built.withheld, 3, "three confidential appendices");
    let paper = file(&built, "papers/2024-11-12-bcf-update/index.html");
    assert_eq!(main_of(&paper).matches("Not for publication").count(), 3);
}

/// A new user's first `serve` shows everything the site can do with money and
/// measures, and says which figures are only illustrative.
#[test]
fn the_example_site_shows_money_and_reported_status() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut opts = bcfsite::BuildOptions::new(root);
    opts.now = time::macros::datetime!(2024-12-01 12:00 UTC);
    let built =
        bcfsite::build_in_memory(&opts).unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    let home = file(&built, "index.html");
    let main = main_of(&home);
    assert!(main.contains(
        "Lancashire Better Care Fund Plan 2023 to 2025, 2024/25: £187.8 million spent on 16 schemes"
    ));
    assert!(main.contains("These figures are illustrative"));
    assert!(main.contains("<svg class=\"chart\""));
    assert!(main.contains("(reported to the board, quarter 2, 2024/25)"));
    for page in [
        "plans/bcf-2023-25/index.html",
        "schemes/discharge-to-assess/index.html",
        "funding/ibcf/index.html",
        "quarters/2024-25-q2/index.html",
    ] {
        assert!(
            main_of(&file(&built, page)).contains("are illustrative"),
            "{page} says its figures are illustrative"
        );
    }
    assert!(file(&built, "plans/bcf-2023-25/schemes.csv").contains("discharge-to-assess"));
}

#[test]
fn a_broken_internal_link_is_an_error_with_a_suggestion() {
    let site = TestSite::copy("valid/basic");
    site.write(
        "content/news/link.md",
        "---\ntitle: Link\n---\n\nRead [the news](/news/helo/).\n",
    );
    let d = site.build().unwrap_err();
    let e = d.errors().next().unwrap();
    assert_eq!(e.code, "broken-link");
    assert_eq!(e.line_column(), Some((5, 17)));
    assert_eq!(e.help.as_deref(), Some("did you mean `/news/hello/`?"));
    // Links off the site, to anchors and to published pages and files are fine.
    site.write(
        "content/news/link.md",
        "---\ntitle: Link\n---\n\n[a](https://example.org/) [b](#main-content) [c](/papers/) [d](/papers/2024-11-12-update/report.pdf) [e](mailto:x@y.z) [f](../hello/)\n",
    );
    assert!(site.build().is_ok());
}

#[test]
fn aliases_write_redirect_pages() {
    let site = TestSite::copy("valid/basic");
    let built = site.build().unwrap();
    let html = file(&built, "updates/hello/index.html");
    assert!(html.contains("<meta http-equiv=\"refresh\" content=\"0; url=/news/hello/\">"));
    assert!(
        html.contains("<link rel=\"canonical\" href=\"https://bcf.test.example/news/hello/\">")
    );
    assert!(html.contains("<a href=\"/news/hello/\">Hello residents</a>"));
}

#[test]
fn an_alias_that_clashes_with_a_page_names_both() {
    let site = TestSite::copy("valid/basic");
    site.write(
        "content/news/other.md",
        "---\ntitle: Other\naliases: [/news/hello/]\n---\n",
    );
    let d = site.build().unwrap_err();
    let e = d.errors().next().unwrap();
    assert_eq!(e.code, "url-clash");
    assert!(e.file.as_deref().unwrap().contains("content/news/other.md"));
    assert!(e.notes[0].contains("content/news/hello.md"));
}

#[test]
fn sitemap_lists_exactly_the_public_pages() {
    let site = TestSite::copy("valid/basic");
    let built = site.build().unwrap();
    let xml = file(&built, "sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap is valid XML");
    let mut locs: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| {
            n.text()
                .unwrap()
                .trim_start_matches("https://bcf.test.example/")
                .to_string()
        })
        .collect();
    locs.sort();
    let mut pages: Vec<String> = built
        .files
        .iter()
        .filter(|f| f.path.ends_with("index.html") && f.path != "updates/hello/index.html")
        .map(|f| f.path.trim_end_matches("index.html").to_string())
        .collect();
    pages.sort();
    assert_eq!(locs, pages);
    assert!(xml.contains("<lastmod>2024-06-01</lastmod>"));
}

#[test]
fn feed_is_valid_atom_newest_first() {
    let site = TestSite::copy("valid/data");
    let built = site.build().unwrap();
    let xml = file(&built, "feed.xml");
    let doc = roxmltree::Document::parse(&xml).expect("feed is valid XML");
    let entries: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .map(|e| {
            let child = |name: &str| {
                e.children()
                    .find(|c| c.has_tag_name(name))
                    .and_then(|c| c.text())
                    .unwrap_or("")
                    .to_string()
            };
            (child("title"), child("updated"))
        })
        .collect();
    assert_eq!(
        entries,
        [
            (
                "Quarterly position: Quarter 2 2024/25 (July to September 2024)".to_string(),
                "2024-10-31T00:00:00Z".to_string()
            ),
            ("What carers told us".into(), "2024-10-01T00:00:00Z".into()),
            ("Help after a fall".into(), "2024-09-01T00:00:00Z".into()),
        ]
    );
    assert!(xml.contains("<summary>Our second-quarter return.</summary>"));
    assert!(file(&built, "robots.txt").contains("Sitemap: https://bcf.data.example/sitemap.xml"));
}

#[test]
fn anchors_are_checked() {
    let site = TestSite::copy("valid/basic");
    site.write(
        "content/news/link.md",
        "---\ntitle: Link\n---\n\n## Here\n\n[a](/news/hello/#what-is-new) [b](#here) [c](/schemes/falls-lifting/#amounts-table) [d](/news/hello/#table)\n",
    );
    let d = site.build().unwrap_err();
    let e = d.errors().next().unwrap();
    assert_eq!(e.code, "broken-anchor");
    assert_eq!(
        e.message,
        "this page links to `/news/hello/#table`, but there is no `#table` there"
    );
    assert_eq!(
        e.help.as_deref(),
        Some("did you mean `#what-is-new-table`?")
    );
    site.write(
        "content/news/link.md",
        "---\ntitle: Link\n---\n\n## Here\n\n[a](/news/hello/#what-is-new) [b](#here) [d](/news/hello/#what-is-new-table)\n",
    );
    assert!(site.build().is_ok());
}

#[test]
fn valid_sites_have_no_warnings() {
    for case in ["valid/basic", "valid/data"] {
        let built = TestSite::copy(case).build().unwrap();
        assert!(
            built.warnings.is_empty(),
            "{case}:\n{}",
            built.warnings.render_human(false)
        );
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let built = bcfsite::build_in_memory(&bcfsite::BuildOptions::new(root)).unwrap();
    assert!(
        built.warnings.is_empty(),
        "example site:\n{}",
        built.warnings.render_human(false)
    );
}

#[test]
fn first_use_of_a_glossary_term_is_explained() {
    let site = TestSite::copy("valid/basic");
    site.write(
        "content/news/abbr.md",
        "---\ntitle: Abbr\n---\n\nThe BCF pays. The BCF is pooled. `BCF` in code.\n",
    );
    let built = site.build().unwrap();
    let main = file(&built, "news/abbr/index.html");
    let main = main_of(&main);
    assert_eq!(
        main.matches("<abbr title=\"Better Care Fund\">BCF</abbr>")
            .count(),
        1
    );
    assert!(main.contains("<code>BCF</code>"));
    let glossary = file(&built, "glossary/index.html");
    assert!(
        glossary.contains(
            "<dt><abbr title=\"Better Care Fund\">BCF</abbr></dt><dd>Better Care Fund</dd>"
        )
    );
    assert!(file(&built, "index.html").contains("href=\"/glossary/\""));
}

#[test]
fn links_from_the_site_root_follow_a_base_url_path() {
    let site = TestSite::copy("valid/basic");
    site.write(
        "content/news/link.md",
        "---\ntitle: Link\n---\n\nSee [the papers](/papers/).\n",
    );
    let mut opts = site.options();
    opts.base_url = Some("https://council.example/bcf/".into());
    let built = bcfsite::build_in_memory(&opts).unwrap();
    assert!(
        file(&built, "news/link/index.html").contains("<a href=\"/bcf/papers/\">the papers</a>")
    );
}

#[test]
fn a_site_without_a_home_page_still_gets_one() {
    let site = TestSite::copy("valid/basic");
    std::fs::remove_file(site.path().join("content/_index.md")).unwrap();
    let built = site.build().unwrap();
    let home = file(&built, "index.html");
    assert!(home.contains("<h1>Testshire Better Care Fund</h1>"));
    assert!(home.contains("href=\"/papers/\""));
    assert_eq!(
        file(&built, "sitemap.xml")
            .matches("<loc>https://bcf.test.example/</loc>")
            .count(),
        1
    );
}

#[test]
fn a_sites_own_static_file_replaces_the_themes() {
    let site = TestSite::copy("valid/basic");
    site.write("static/style.css", "/* mine */");
    let built = site.build().unwrap();
    let styles: Vec<_> = built
        .files
        .iter()
        .filter(|f| f.path == "style.css")
        .collect();
    assert_eq!(styles.len(), 1);
    assert_eq!(&*styles[0].read().unwrap(), b"/* mine */");
}

#[test]
fn a_sites_own_accessibility_statement_is_listed_once() {
    let site = TestSite::copy("valid/basic");
    site.write(
        "content/accessibility.md",
        "---\ntitle: Accessibility statement\n---\n\nOur own.\n",
    );
    let built = site.build().unwrap();
    assert!(file(&built, "accessibility/index.html").contains("Our own."));
    assert_eq!(
        file(&built, "sitemap.xml")
            .matches("/accessibility/<")
            .count(),
        1
    );
}

#[test]
fn the_search_index_holds_public_pages_and_records() {
    let site = TestSite::copy("valid/basic");
    let built = site.build().unwrap();
    let index: serde_json::Value =
        serde_json::from_str(&file(&built, "search-index.json")).unwrap();
    let urls: Vec<&str> = index
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["u"].as_str().unwrap())
        .collect();
    assert!(urls.contains(&"/news/hello/"));
    assert!(urls.contains(&"/schemes/falls-lifting/"));
    assert!(
        !urls
            .iter()
            .any(|u| u.contains("private") || u.contains("appendix-b"))
    );
    let page = file(&built, "search/index.html");
    assert!(page.contains("role=\"search\""));
    assert!(page.contains("aria-live=\"polite\""));
}

#[test]
fn feed_holds_the_newest_fifty() {
    let site = TestSite::copy("valid/data");
    for i in 0..60 {
        site.write(
            &format!("content/stories/update-{i:02}.md"),
            &format!(
                "---\ntitle: Update {i:02}\ndate: 2023-{:02}-{:02}\n---\n\nNews.\n",
                1 + i / 28,
                1 + i % 28
            ),
        );
    }
    let built = site.build().unwrap();
    let xml = file(&built, "feed.xml");
    let doc = roxmltree::Document::parse(&xml).expect("feed is valid XML");
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .filter_map(|e| e.children().find(|c| c.has_tag_name("title")))
        .filter_map(|t| t.text())
        .collect();
    assert_eq!(titles.len(), bcfsite::render::feeds::FEED_ITEMS);
    assert!(titles.contains(&"Update 59"), "the newest are kept");
    assert!(!titles.contains(&"Update 00"), "the oldest are dropped");
    let sitemap = file(&built, "sitemap.xml");
    assert!(
        sitemap.contains("update-00/"),
        "the sitemap still lists every page"
    );
}
