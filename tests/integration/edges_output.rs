//! Issue 15, at the edges of output: where a build may be written (class 7), links the
//! Markdown does not show (8), search and feed text from the page, not its source (9),
//! and one output path, one claimant (11). Each fixture is under `tests/sites/edges/`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

use crate::support::*;

fn bcfsite() -> Command {
    Command::cargo_bin("bcfsite").unwrap()
}

// ---------------------------------------------------------------------------------
// Class 7: a members' build is never written where the public site goes, and no
// build is written into the site's own sources.

/// A fixture copied to `<tmp>/site`, so that paths can be given from its parent too.
struct Nested {
    parent: tempfile::TempDir,
}

impl Nested {
    fn new() -> Self {
        let parent = tempfile::tempdir().unwrap();
        copy_dir(&fixture("edges/output-folder"), &parent.path().join("site"));
        Nested { parent }
    }

    fn parent(&self) -> &Path {
        self.parent.path()
    }

    fn site(&self) -> PathBuf {
        self.parent().join("site")
    }

    /// `bcfsite build site --output <output> --audience <audience>`, run in `cwd`.
    fn build(
        &self,
        cwd: &Path,
        site: &str,
        output: &str,
        audience: &str,
    ) -> assert_cmd::assert::Assert {
        bcfsite()
            .current_dir(cwd)
            .args(["build", site, "--output", output, "--audience", audience])
            .args(["--now", "2024-12-01T00:00:00Z"])
            .assert()
    }

    /// Nothing was written anywhere under the parent but the site as copied.
    fn assert_nothing_written(&self, output: &Path) {
        assert!(!output.exists(), "{} was written", output.display());
    }
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[test]
fn members_build_refuses_every_spelling_of_the_public_folder() {
    let t = Nested::new();
    let public = t.site().join("public");
    let absolute = public.display().to_string();
    for output in [
        absolute.as_str(),
        "./site/public",
        "site/../site/public",
        "site/./public/",
    ] {
        t.build(t.parent(), "site", output, "members")
            .code(2)
            .stderr(predicate::str::contains("error[members-into-public]"))
            .stderr(predicate::str::contains("the public output folder"));
        t.assert_nothing_written(&public);
    }
    // The same from inside the site, and once the folder exists.
    t.build(&t.site(), ".", "public", "members").code(2);
    std::fs::create_dir(&public).unwrap();
    t.build(t.parent(), "site", "./site/public", "members")
        .code(2);
    t.build(t.parent(), "site", "site/../site/public", "members")
        .code(2);
}

#[test]
fn members_build_refuses_a_folder_inside_or_above_the_public_folder() {
    let t = Nested::new();
    t.build(&t.site(), ".", "public/members", "members")
        .code(2)
        .stderr(predicate::str::contains(
            "a members' build cannot go inside the public output folder",
        ));
    t.assert_nothing_written(&t.site().join("public"));
    t.build(t.parent(), "site", "site/public/a/b", "members")
        .code(2);
    // Above it: the site folder, or the folder that holds the site.
    t.build(t.parent(), "site", "site", "members")
        .code(2)
        .stderr(predicate::str::contains("holds the public output folder"));
    t.build(&t.site(), ".", "..", "members").code(2);
}

#[test]
fn members_build_refuses_the_public_folder_in_another_case() {
    // On a disk that ignores case (macOS, Windows) `Public` is `public`.
    let t = Nested::new();
    t.build(t.parent(), "site", "site/PUBLIC/members", "members")
        .code(2)
        .stderr(predicate::str::contains("error[members-into-public]"));
}

#[cfg(unix)]
#[test]
fn members_build_sees_through_symlinked_folders() {
    let t = Nested::new();
    // A link to the site: `link/public` is the public folder.
    symlink(&t.site(), &t.parent().join("link"));
    t.build(t.parent(), "site", "link/public", "members")
        .code(2)
        .stderr(predicate::str::contains("error[members-into-public]"));
    t.build(t.parent(), "link", "site/public/x", "members")
        .code(2);
    // The public folder itself a link to where the web server reads.
    let www = t.parent().join("www");
    std::fs::create_dir(&www).unwrap();
    symlink(&www, &t.site().join("public"));
    t.build(t.parent(), "site", "www", "members").code(2);
    t.build(t.parent(), "site", "www/members", "members")
        .code(2);
    assert_eq!(std::fs::read_dir(&www).unwrap().count(), 0);
}

#[test]
fn members_build_refuses_a_folder_inside_any_public_build() {
    let t = Nested::new();
    t.build(t.parent(), "site", "www", "public").success();
    t.build(t.parent(), "site", "www/members", "members")
        .code(2)
        .stderr(predicate::str::contains("inside a public build"));
    assert!(!t.parent().join("www/members").exists());
}

#[test]
fn members_build_goes_anywhere_else() {
    let t = Nested::new();
    t.build(t.parent(), "site", "members-site", "members")
        .success();
    let page =
        std::fs::read_to_string(t.parent().join("members-site/papers/secret/index.html")).unwrap();
    assert!(page.contains("CANARY-MEMBERS-OUTPUT"));
    t.build(&t.site(), ".", "../members-2", "members").success();
}

#[test]
fn no_build_is_written_into_the_sites_sources() {
    let t = Nested::new();
    let inside = [
        "site/content/out",
        "site/content",
        "./site/content/papers/../out",
        "site/static/out",
        "site/themes/default/static/members",
        "site/themes",
        "site/Content/out",
    ];
    for audience in ["public", "members"] {
        for output in inside {
            t.build(t.parent(), "site", output, audience)
                .code(2)
                .stderr(predicate::str::contains("error[output-overlaps-sources]"));
        }
        t.build(&t.site(), ".", "static/public", audience).code(2);
    }
    assert!(!t.site().join("content/out").exists());
    assert!(!t.site().join("static/out").exists());
    assert!(!t.site().join("themes").exists());
}

#[test]
fn no_build_replaces_a_folder_that_holds_the_sources() {
    let t = Nested::new();
    for audience in ["public", "members"] {
        t.build(t.parent(), "site", "site", audience)
            .code(2)
            .stderr(
                predicate::str::contains("error[output-overlaps-sources]")
                    .or(predicate::str::contains("error[members-into-public]")),
            );
        t.build(t.parent(), "site", ".", audience).code(2);
    }
    assert!(t.site().join("content/_index.md").exists());
}

#[cfg(unix)]
#[test]
fn sources_are_recognised_through_symlinks() {
    let t = Nested::new();
    symlink(&t.site().join("content"), &t.parent().join("pages"));
    symlink(&t.site(), &t.parent().join("link"));
    for audience in ["public", "members"] {
        t.build(t.parent(), "site", "pages/out", audience)
            .code(2)
            .stderr(predicate::str::contains("error[output-overlaps-sources]"));
        t.build(t.parent(), "site", "link/static/x", audience)
            .code(2);
    }
    assert!(!t.site().join("content/out").exists());
}

#[test]
fn the_library_refuses_too() {
    let t = Nested::new();
    let mut opts = bcfsite::BuildOptions::new(t.site());
    opts.audience = bcfsite::visibility::Audience::Members;
    let code = |out: &Path, opts: &bcfsite::BuildOptions| match bcfsite::build(opts, out) {
        Ok(_) => panic!("{} was accepted", out.display()),
        Err(d) => d.errors().next().unwrap().code,
    };
    assert_eq!(
        code(&t.site().join("public/members"), &opts),
        "members-into-public"
    );
    opts.audience = bcfsite::visibility::Audience::Public;
    assert_eq!(
        code(&t.site().join("content/x"), &opts),
        "output-overlaps-sources"
    );
    assert!(!t.site().join("content/x").exists());
}

#[test]
fn refusals_say_where_and_what_to_do() {
    let t = Nested::new();
    let out = bcfsite()
        .current_dir(t.site())
        .args([
            "build",
            ".",
            "--audience",
            "members",
            "--output",
            "public/members",
        ])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let tmp = std::fs::canonicalize(t.parent()).unwrap();
    let text = String::from_utf8(out.stderr)
        .unwrap()
        .replace(&tmp.display().to_string(), "[TMP]");
    insta::assert_snapshot!("members-inside-public", text);
    let out = bcfsite()
        .current_dir(t.parent())
        .args(["build", "site", "--output", "site/content/build"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stderr)
        .unwrap()
        .replace(&tmp.display().to_string(), "[TMP]");
    insta::assert_snapshot!("output-inside-content", text);
}

// ---------------------------------------------------------------------------------
// Class 8: links the Markdown does not show, and links written in full on the
// site's own address, are checked like any other.

/// Words that name withheld things in `edges/hidden-links`: no public file may hold
/// them, nor their addresses.
const LINK_CANARIES: &[&str] = &[
    "CANARY-LINKS",
    "chart-canary",
    "papers/secret",
    "news/draft",
    "news/later",
];

fn assert_no_link_canary(built: &bcfsite::Built) {
    for (path, text) in all_bytes(built) {
        for canary in LINK_CANARIES {
            assert!(!text.contains(canary), "{canary} leaked into {path}");
        }
    }
}

/// The `hidden-links` site with one more public page, `news/linking.md`, holding
/// `body`; `settings` is added to its site.yaml.
fn with_link_page(
    body: &str,
    settings: &str,
) -> Result<bcfsite::Built, bcfsite::diagnostic::Diagnostics> {
    let site = TestSite::copy("edges/hidden-links");
    if !settings.is_empty() {
        let yaml = std::fs::read_to_string(site.path().join("content/site.yaml")).unwrap();
        site.write("content/site.yaml", &format!("{yaml}{settings}\n"));
    }
    site.write(
        "content/news/linking.md",
        &format!("---\ntitle: Linking page\n---\n\n{body}\n"),
    );
    site.build()
}

fn codes_for(body: &str, settings: &str) -> Vec<&'static str> {
    match with_link_page(body, settings) {
        Ok(built) => {
            assert_no_link_canary(&built);
            Vec::new()
        }
        Err(d) => d.errors().map(|e| e.code).collect(),
    }
}

#[test]
fn hidden_links_fixture_builds_clean() {
    let site = TestSite::copy("edges/hidden-links");
    assert_no_link_canary(&site.build().unwrap());
}

#[test]
fn raw_html_links_to_withheld_pages_and_files_are_errors() {
    let cases: &[(&str, &str)] = &[
        (
            r#"See <a href="/papers/secret/">the paper</a>."#,
            "links-to-confidential",
        ),
        (
            r#"<a href="../../papers/secret/">the paper</a>"#,
            "links-to-confidential",
        ),
        (
            r#"<img src="/papers/secret/chart-canary.png" alt="A chart">"#,
            "links-to-confidential",
        ),
        (
            r#"<p><img alt="" src='../../papers/secret/chart-canary.png'></p>"#,
            "links-to-confidential",
        ),
        (
            r#"<a href=/papers/secret/>unquoted</a>"#,
            "links-to-confidential",
        ),
        (
            r#"<a href="/papers/%73ecret/">escaped</a>"#,
            "links-to-confidential",
        ),
        (
            r#"<a href="/papers/secret&#47;">an entity</a>"#,
            "links-to-confidential",
        ),
        (
            r#"<blockquote cite="/papers/secret/">Quoted.</blockquote>"#,
            "links-to-confidential",
        ),
        (r#"<a href="/news/draft/">soon</a>"#, "links-to-draft"),
        (r#"<a href="/news/later/">later</a>"#, "links-to-embargoed"),
        (r#"<a href="/papers/nowhere/">gone</a>"#, "broken-link"),
    ];
    for (body, code) in cases {
        assert_eq!(codes_for(body, ""), [*code], "{body}");
    }
}

#[test]
fn links_on_the_sites_own_address_are_internal() {
    let cases: &[(&str, &str)] = &[
        (
            "[paper](https://bcf.edges.example/papers/secret/)",
            "links-to-confidential",
        ),
        (
            "[paper](http://bcf.edges.example/papers/secret/)",
            "links-to-confidential",
        ),
        (
            "[paper](HTTPS://BCF.Edges.Example/papers/secret/)",
            "links-to-confidential",
        ),
        (
            "[paper](https://bcf.edges.example.:443/papers/secret/)",
            "links-to-confidential",
        ),
        (
            "[paper](//bcf.edges.example/papers/secret/#top)",
            "links-to-confidential",
        ),
        (
            "<https://bcf.edges.example/papers/secret/chart-canary.png>",
            "links-to-confidential",
        ),
        (
            r#"<a href="https://bcf.edges.example/papers/secret/">raw</a>"#,
            "links-to-confidential",
        ),
        (
            "[soon](https://bcf.edges.example/news/draft/)",
            "links-to-draft",
        ),
        (
            "[later](https://bcf.edges.example/news/later/?x=1)",
            "links-to-embargoed",
        ),
        ("[gone](https://bcf.edges.example/nowhere/)", "broken-link"),
    ];
    for (body, code) in cases {
        assert_eq!(codes_for(body, ""), [*code], "{body}");
    }
}

#[test]
fn own_address_with_a_path_prefix_counts_with_or_without_it() {
    let settings = "base_url: https://www.edges.example/bcf/";
    let site_yaml = "title: Edgeshire Better Care Fund\n";
    let cases: &[(&str, &str)] = &[
        (
            "[a](https://www.edges.example/bcf/papers/secret/)",
            "links-to-confidential",
        ),
        (
            "[a](https://WWW.edges.example/papers/secret/)",
            "links-to-confidential",
        ),
        ("[a](/bcf/papers/secret/)", "links-to-confidential"),
        (
            r#"<a href="/bcf/papers/secret/">a</a>"#,
            "links-to-confidential",
        ),
    ];
    for (body, code) in cases {
        let site = TestSite::copy("edges/hidden-links");
        site.write("content/site.yaml", &format!("{site_yaml}{settings}\n"));
        site.write(
            "content/news/linking.md",
            &format!("---\ntitle: Linking page\n---\n\n{body}\n"),
        );
        let codes: Vec<_> = match site.build() {
            Ok(_) => Vec::new(),
            Err(d) => d.errors().map(|e| e.code).collect(),
        };
        assert_eq!(codes, [*code], "{body}");
    }
}

#[test]
fn published_links_in_every_form_still_build() {
    let body = r##"[news](https://bcf.edges.example/news/update/) [home](//bcf.edges.example/)
<a href="/news/update/">update</a> <a href="https://example.org/papers/secret-elsewhere/">another site</a>
<a href="mailto:bcf@edges.example">mail</a> <a href="#top">top</a>"##;
    let built = with_link_page(body, "").unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    let page = file(&built, "news/linking/index.html");
    assert!(page.contains("href=\"/news/update/\""));
}

#[test]
fn elements_the_cleaner_removes_are_not_published_at_all() {
    // An iframe is not on the allow-list: it is removed, so its address goes nowhere.
    assert_eq!(
        codes_for(r#"<iframe src="/papers/secret/"></iframe>"#, ""),
        Vec::<&str>::new()
    );
    // A site that publishes raw HTML as written publishes the iframe: then it is checked.
    assert_eq!(
        codes_for(
            r#"<iframe src="/papers/secret/"></iframe>"#,
            "allow_raw_html: true"
        ),
        ["links-to-confidential"]
    );
    assert_eq!(
        codes_for(
            r#"<picture><source srcset="/news/update/ 1x, /papers/secret/chart-canary.png 2x"></picture>"#,
            "allow_raw_html: true"
        ),
        ["links-to-confidential"]
    );
}

#[test]
fn a_hidden_link_is_reported_where_it_is_written() {
    let Err(err) = with_link_page(r#"Read <a href="/papers/secret/">the paper</a> first."#, "")
    else {
        panic!("the build should fail");
    };
    insta::assert_snapshot!("raw-html-link-to-confidential", err.render_human(false));
}

// ---------------------------------------------------------------------------------
// Class 9: the search index, the feed and descriptions hold what a reader sees on
// the page, never what the Markdown source holds besides.

fn search_text_site(settings: &str) -> TestSite {
    let site = TestSite::copy("edges/search-text");
    if !settings.is_empty() {
        let yaml = std::fs::read_to_string(site.path().join("content/site.yaml")).unwrap();
        site.write("content/site.yaml", &format!("{yaml}{settings}\n"));
    }
    site
}

/// Every file of `built` with the `CANARY-` words it holds.
fn canaries_in(built: &bcfsite::Built) -> Vec<(String, Vec<String>)> {
    all_bytes(built)
        .into_iter()
        .filter_map(|(path, text)| {
            let found: Vec<String> = text
                .match_indices("CANARY-")
                .map(|(i, _)| {
                    text[i..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                        .collect()
                })
                .collect();
            (!found.is_empty()).then_some((path, found))
        })
        .collect()
}

/// The search index entry of the page at `url`.
fn search_entry(built: &bcfsite::Built, url: &str) -> serde_json::Value {
    let index: Vec<serde_json::Value> =
        serde_json::from_str(&file(built, "search-index.json")).unwrap();
    index
        .into_iter()
        .find(|e| e["u"] == url)
        .unwrap_or_else(|| panic!("no search entry for {url}"))
}

#[test]
fn notes_scripts_and_attributes_reach_no_output_file() {
    let built = search_text_site("").build().unwrap();
    assert_eq!(canaries_in(&built), Vec::<(String, Vec<String>)>::new());
    let entry = search_entry(&built, "/news/winter/");
    assert_eq!(
        entry["b"],
        "The board agreed extra funding for hospital discharge support this winter"
    );
    assert_eq!(
        search_entry(&built, "/news/")["b"],
        "Updates from the board"
    );
}

#[test]
fn with_raw_html_allowed_the_index_still_holds_only_what_is_seen() {
    let built = search_text_site("allow_raw_html: true").build().unwrap();
    let found = canaries_in(&built);
    // The page publishes its script, style and attributes as written, by the site's
    // choice; notes in comments never, and nothing else holds any of it.
    assert_eq!(
        found,
        [(
            "news/winter/index.html".to_string(),
            vec![
                "CANARY-SCRIPT".to_string(),
                "CANARY-ATTR".to_string(),
                "CANARY-STYLE".to_string()
            ]
        )]
    );
    assert_eq!(
        search_entry(&built, "/news/winter/")["b"],
        "The board agreed extra funding for hospital discharge support this winter"
    );
}

#[test]
fn search_text_is_read_as_a_reader_sees_it() {
    let site = search_text_site("");
    site.write(
        "content/news/winter.md",
        "---\ntitle: Winter\n---\n\nFish &amp; chips, `a < b` and *emphasis*.\n",
    );
    let built = site.build().unwrap();
    assert_eq!(
        search_entry(&built, "/news/winter/")["b"],
        "Fish chips a b and emphasis"
    );
}

// ---------------------------------------------------------------------------------
// Class 11: every output path is claimed once; a clash is an error naming both
// claimants, and where a generated page yields to an author's, that is a rule.

fn output_paths_site(files: &[(&str, &str)]) -> TestSite {
    let site = TestSite::copy("edges/output-paths");
    for (path, text) in files {
        site.write(path, text);
    }
    site
}

/// The `url-clash` errors of building the site with `files` added, for `audience`,
/// as (file, notes).
fn clashes(
    files: &[(&str, &str)],
    audience: bcfsite::visibility::Audience,
) -> Vec<(String, Vec<String>)> {
    let site = output_paths_site(files);
    let mut opts = site.options();
    opts.audience = audience;
    match bcfsite::build_in_memory(&opts) {
        Ok(built) => {
            assert_one_file_per_path(&built);
            Vec::new()
        }
        Err(d) => d
            .errors()
            .map(|e| {
                // Two names in one folder that differ only in case are refused when
                // the site is read (`case-clash`), before any path is claimed.
                assert!(
                    ["url-clash", "case-clash"].contains(&e.code),
                    "{}",
                    d.render_human(false)
                );
                (e.file.clone().unwrap_or_default(), e.notes.clone())
            })
            .collect(),
    }
}

/// No two output files share a path, even on a disk that ignores case.
fn assert_one_file_per_path(built: &bcfsite::Built) {
    let mut seen = std::collections::HashMap::new();
    for f in &built.files {
        if let Some(first) = seen.insert(f.path.to_lowercase(), f.path.clone()) {
            panic!("two files at one path: {first} and {}", f.path);
        }
    }
}

const PAGE: &str = "---\ntitle: Our own page\n---\n\nWritten by us.\n";
use bcfsite::visibility::Audience::{Members, Public};

#[test]
fn output_paths_fixture_writes_each_path_once() {
    for audience in [Public, Members] {
        assert_eq!(clashes(&[], audience), []);
    }
}

#[test]
fn a_site_file_at_a_path_bcfsite_writes_is_a_clash() {
    let cases: &[(&str, &str)] = &[
        ("static/robots.txt", "robots.txt"),
        ("static/sitemap.xml", "sitemap.xml"),
        ("static/feed.xml", "feed.xml"),
        ("static/search-index.json", "search-index.json"),
        ("static/datapackage.json", "datapackage.json"),
        ("static/404.html", "404.html"),
        ("static/search/index.html", "search/index.html"),
        (
            "static/accessibility/index.html",
            "accessibility/index.html",
        ),
        (
            "static/plans/edges-plan/funding.csv",
            "plans/edges-plan/funding.csv",
        ),
        (
            "content/plans/edges-plan/schemes.json",
            "plans/edges-plan/schemes.json",
        ),
        ("static/Robots.txt", "robots.txt"),
        ("themes/default/static/sitemap.xml", "sitemap.xml"),
        ("content/search.md", "search/index.html"),
        ("content/search/_index.md", "search/index.html"),
    ];
    for (file, path) in cases {
        let text = if file.ends_with(".md") {
            PAGE
        } else {
            "ours\n"
        };
        let found = clashes(&[(file, text)], Public);
        assert_eq!(found.len(), 1, "{file}: {found:?}");
        let (_, notes) = &found[0];
        let all = format!("{found:?}");
        assert!(
            all.contains(file.trim_start_matches("themes/default/static/")),
            "{file} named: {all}"
        );
        assert!(
            notes
                .iter()
                .any(|n| n.to_lowercase().contains(&path.to_lowercase()) || n.contains("bcfsite")),
            "{file}: {all}"
        );
    }
}

#[test]
fn a_members_build_never_takes_a_sites_robots_txt() {
    // Whichever thread wrote last used to decide; a members' site must disallow all.
    let found = clashes(
        &[("static/robots.txt", "User-agent: *\nAllow: /\n")],
        Members,
    );
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn two_site_files_that_differ_only_in_case_clash() {
    // In one folder the load stage refuses the pair (`case-clash`); from two source
    // folders, only the one registry of output paths sees them meet.
    let found = clashes(
        &[
            ("content/news/Report.pdf", "A"),
            ("static/news/report.pdf", "B"),
        ],
        Public,
    );
    assert_eq!(found.len(), 1, "{found:?}");
    let all = format!("{found:?}");
    assert!(
        all.contains("content/news/Report.pdf") && all.contains("static/news/report.pdf"),
        "{all}"
    );
    assert!(all.contains("ignores case"), "{all}");
}

#[test]
fn an_alias_at_a_generated_path_is_a_clash() {
    let page = "---\ntitle: Moved\naliases: [/sitemap.xml]\n---\n\nMoved here.\n";
    assert_eq!(clashes(&[("content/news/moved.md", page)], Public).len(), 1);
    let page = "---\ntitle: Moved\naliases: [/search/]\n---\n\nMoved here.\n";
    assert_eq!(clashes(&[("content/news/moved.md", page)], Public).len(), 1);
}

#[test]
fn the_glossary_and_statement_yield_to_an_authors_page_by_rule() {
    let site = output_paths_site(&[
        (
            "content/glossary.md",
            "---\ntitle: Our glossary\n---\n\nCANARY-OWN-GLOSSARY\n",
        ),
        (
            "content/accessibility/_index.md",
            "---\ntitle: Our statement\n---\n\nCANARY-OWN-STATEMENT\n",
        ),
    ]);
    for _ in 0..5 {
        let built = site.build().unwrap();
        assert_one_file_per_path(&built);
        assert!(file(&built, "glossary/index.html").contains("CANARY-OWN-GLOSSARY"));
        assert!(file(&built, "accessibility/index.html").contains("CANARY-OWN-STATEMENT"));
        let sitemap = file(&built, "sitemap.xml");
        assert_eq!(sitemap.matches("/glossary/<").count(), 1, "{sitemap}");
    }
}

#[test]
fn the_sites_static_files_replace_the_themes_by_rule() {
    let site = output_paths_site(&[("static/style.css", "/* ours */\n")]);
    let built = site.build().unwrap();
    assert_one_file_per_path(&built);
    let css = find(&built, "style.css").unwrap();
    assert_eq!(&*css.read().unwrap(), b"/* ours */\n");
}

#[test]
fn links_reach_every_file_a_build_writes() {
    let site = output_paths_site(&[(
        "content/news/open-data.md",
        "---\ntitle: Open data\n---\n\n[spreadsheet](/plans/edges-plan/funding.csv), [package](/datapackage.json), [feed](/feed.xml), [sitemap](/sitemap.xml).\n",
    )]);
    site.build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
}

#[test]
fn a_clash_with_a_generated_file_says_what_bcfsite_writes_there() {
    let site = output_paths_site(&[("static/robots.txt", "User-agent: *\n")]);
    let Err(err) = site.build() else {
        panic!("the build should fail");
    };
    insta::assert_snapshot!("static-robots-txt", err.render_human(false));
    let site = output_paths_site(&[
        ("content/news/Report.pdf", "A"),
        ("content/news/report.pdf", "B"),
    ]);
    let Err(err) = site.build() else {
        panic!("the build should fail");
    };
    insta::assert_snapshot!("names-differing-in-case", err.render_human(false));
}

#[test]
fn clashes_are_reported_with_the_sites_other_problems() {
    let site = output_paths_site(&[
        ("static/robots.txt", "User-agent: *\n"),
        (
            "content/news/about.md",
            "---\ntitle: About\nrelates_to: [no-such-plan]\n---\n\nText.\n",
        ),
    ]);
    let Err(err) = site.build() else {
        panic!("the build should fail");
    };
    let mut codes: Vec<_> = err.errors().map(|e| e.code).collect();
    codes.sort_unstable();
    assert_eq!(codes, ["unknown-id", "url-clash"]);
}
