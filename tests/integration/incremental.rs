//! `serve` rebuilds with a cache of earlier work; it must give exactly the bytes a
//! fresh build gives, after any sequence of edits (issue: incremental equals full).

use std::collections::BTreeMap;

use bcfsite::incremental::Cache;
use proptest::prelude::*;

use crate::support::TestSite;

/// An edit an author might make between two saves.
#[derive(Clone, Debug)]
enum Edit {
    /// Add a paragraph to a page's body.
    Body(usize, u8),
    /// Retitle a page (it shows in its section's listing and the feeds).
    Title(usize, u8),
    /// A new page in the news section.
    AddPage(u8),
    /// Delete a page (links to it may break: then both builds must fail alike).
    Delete(usize),
    /// Mark a page confidential, or not.
    Confidential(usize, bool),
    /// Change an amount in the plan.
    Amount(u16),
    /// Add a glossary term (its first use on each page gets marked).
    Glossary(u8),
    /// Override a template of the theme.
    Template(u8),
    /// Save a page with broken front matter.
    Break(usize),
    /// Write a page back as the fixture has it.
    Restore(usize),
    /// Replace a paper's PDF with one of another size (its page shows the size).
    Asset(u16),
    /// A new folder holding a section and a page (the watcher reports the folder).
    AddFolder(u8),
    /// Rename the news folder to another name, or back (it reports both folders).
    MoveFolder(bool),
    /// Delete a folder with everything in it (it reports the folder).
    DeleteFolder,
    /// Change, add or delete a file of `static/`.
    Static(u8),
}

const PAGES: [&str; 4] = [
    "content/news/hello.md",
    "content/news/embargoed.md",
    "content/papers/2024-11-12-update/appendix-a.md",
    "content/_index.md",
];

fn edit() -> impl Strategy<Value = Edit> {
    let page = 0..PAGES.len();
    prop_oneof![
        3 => (page.clone(), any::<u8>()).prop_map(|(p, n)| Edit::Body(p, n)),
        2 => (page.clone(), any::<u8>()).prop_map(|(p, n)| Edit::Title(p, n)),
        1 => any::<u8>().prop_map(Edit::AddPage),
        1 => page.clone().prop_map(Edit::Delete),
        1 => (page.clone(), any::<bool>()).prop_map(|(p, c)| Edit::Confidential(p, c)),
        1 => any::<u16>().prop_map(Edit::Amount),
        1 => any::<u8>().prop_map(Edit::Glossary),
        1 => any::<u8>().prop_map(Edit::Template),
        1 => page.clone().prop_map(Edit::Break),
        2 => page.prop_map(Edit::Restore),
        1 => any::<u16>().prop_map(Edit::Asset),
        1 => any::<u8>().prop_map(Edit::AddFolder),
        1 => any::<bool>().prop_map(Edit::MoveFolder),
        1 => Just(Edit::DeleteFolder),
        1 => any::<u8>().prop_map(Edit::Static),
    ]
}

fn apply(
    site: &TestSite,
    original: &BTreeMap<&str, String>,
    edit: &Edit,
) -> Vec<std::path::PathBuf> {
    let read = |rel: &str| std::fs::read_to_string(site.path().join(rel)).unwrap_or_default();
    let rel: String = match edit {
        Edit::Body(p, n) => {
            let text = read(PAGES[*p]);
            site.write(
                PAGES[*p],
                &format!("{text}\nThe BCF paid for {n} more visits this week.\n"),
            );
            PAGES[*p].into()
        }
        Edit::Title(p, n) => {
            let text = read(PAGES[*p]);
            let retitled = text.replacen("title: ", &format!("title: Revised {n} "), 1);
            site.write(PAGES[*p], &retitled);
            PAGES[*p].into()
        }
        Edit::AddPage(n) => {
            let rel = format!("content/news/added-{n}.md");
            site.write(
                &rel,
                &format!("---\ntitle: Added page {n}\nsummary: A page added while serving.\ndate: 2024-07-0{}\n---\n\nNews number {n}.\n", 1 + n % 9),
            );
            rel
        }
        Edit::Delete(p) => {
            let _ = std::fs::remove_file(site.path().join(PAGES[*p]));
            PAGES[*p].into()
        }
        Edit::Confidential(p, on) => {
            let text = read(PAGES[*p]);
            let text = text
                .replace("confidential: true\n", "")
                .replace("confidential: false\n", "");
            let flagged = text.replacen("---\n", &format!("---\nconfidential: {on}\n"), 1);
            site.write(PAGES[*p], &flagged);
            PAGES[*p].into()
        }
        Edit::Amount(n) => {
            let rel = "content/data/plan.yaml";
            let text = original[rel].replace(
                "{2024-25: 400}",
                &format!("{{2024-25: {}}}", 400 + u32::from(*n)),
            );
            site.write(rel, &text);
            rel.into()
        }
        Edit::Glossary(n) => {
            let rel = "content/glossary.yaml";
            site.write(
                rel,
                &format!("{}VISIT{n}: A visit numbered {n}\n", read(rel)),
            );
            rel.into()
        }
        Edit::Template(n) => {
            let builtin = std::fs::read_to_string(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("themes/default/templates/page.html"),
            )
            .unwrap();
            let rel = "themes/default/templates/page.html";
            site.write(
                rel,
                &format!("{builtin}\n{{# override {n} #}}<!-- override {n} -->\n"),
            );
            rel.into()
        }
        Edit::Break(p) => {
            site.write(PAGES[*p], "---\ntitle: [unclosed\n---\nBroken.\n");
            PAGES[*p].into()
        }
        Edit::Restore(p) => {
            site.write(PAGES[*p], &original[PAGES[*p]]);
            PAGES[*p].into()
        }
        Edit::Asset(n) => {
            let rel = "content/papers/2024-11-12-update/report.pdf";
            site.write(
                rel,
                &format!("%PDF-1.4 {}", "x".repeat(usize::from(*n) * 37)),
            );
            rel.into()
        }
        Edit::AddFolder(n) => {
            let dir = format!("content/topic-{}", n % 4);
            site.write(
                &format!("{dir}/_index.md"),
                &format!("---\ntitle: Topic {n}\nsummary: A section added while serving.\n---\n\nAbout topic {n}.\n"),
            );
            site.write(
                &format!("{dir}/first.md"),
                &format!("---\ntitle: First of topic {n}\nsummary: A page in a new folder.\n---\n\nText {n}.\n"),
            );
            dir
        }
        Edit::MoveFolder(back) => {
            let (from, to) = if *back {
                ("content/updates", "content/news")
            } else {
                ("content/news", "content/updates")
            };
            if std::fs::rename(site.path().join(from), site.path().join(to)).is_err() {
                return Vec::new();
            }
            return vec![site.path().join(from), site.path().join(to)];
        }
        Edit::DeleteFolder => {
            let rel = "content/private";
            let _ = std::fs::remove_dir_all(site.path().join(rel));
            rel.into()
        }
        Edit::Static(n) => {
            let rel = format!("static/file-{}.txt", n % 3);
            if n % 4 == 0 {
                let _ = std::fs::remove_file(site.path().join(&rel));
            } else {
                site.write(&rel, &format!("static {n}\n"));
            }
            rel
        }
    };
    vec![site.path().join(rel)]
}

/// Each output file's length and digest, by path.
type Files = BTreeMap<String, (usize, u128)>;

/// The outcome of a build, comparable: every file's length and digest (short enough
/// to read in a failure), or the errors.
fn outcome(
    r: Result<bcfsite::Built, bcfsite::diagnostic::Diagnostics>,
) -> Result<(usize, Files), String> {
    r.map(|b| {
        let files = b
            .files
            .iter()
            .map(|f| {
                let bytes = f.read().unwrap();
                (
                    f.path.clone(),
                    (bytes.len(), bcfsite::incremental::digest_of(&bytes)),
                )
            })
            .collect();
        (b.pages, files)
    })
    .map_err(|d| d.render_human(false))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Each sequence is built twice over: with a cache that checks every file's
    /// stamp, and with one told what changed (as `serve`'s watcher tells it).
    #[test]
    fn incremental_equals_full(edits in proptest::collection::vec(edit(), 1..8)) {
        let site = TestSite::copy("valid/basic");
        let original: BTreeMap<&str, String> = PAGES
            .iter()
            .chain(&["content/data/plan.yaml"])
            .map(|rel| (*rel, std::fs::read_to_string(site.path().join(rel)).unwrap()))
            .collect();
        let opts = site.options();
        let caches = [opts.clone().with_cache(Cache::enabled()), opts.clone().with_cache(Cache::watched())];
        for cached in &caches {
            prop_assert!(bcfsite::build_in_memory(cached).is_ok());
        }
        for e in &edits {
            let changed = apply(&site, &original, e);
            let fresh = outcome(bcfsite::build_in_memory(&opts));
            for (kind, with) in ["stamped", "watched"].iter().zip(&caches) {
                with.cache.invalidate(&changed);
                let cached = outcome(bcfsite::build_in_memory(with));
                match (&cached, &fresh) {
                    (Ok((pc, a)), Ok((pf, b))) => {
                        prop_assert_eq!(pc, pf);
                        prop_assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>(), "{} cache, after {:?}", kind, e);
                        for (path, bytes) in a {
                            prop_assert!(bytes == &b[path], "{} differs ({} cache) after {:?}", path, kind, e);
                        }
                    }
                    _ => prop_assert_eq!(&cached, &fresh, "{} cache, after {:?}", kind, e),
                }
            }
        }
    }
}

/// The cache is used: an edit to one page re-renders that page (and the pages that
/// list it), not the whole site; and a stamp-identical rewrite is still seen.
#[test]
fn a_body_edit_rerenders_only_its_page() {
    let site = TestSite::copy("valid/basic");
    let opts = site.options().with_cache(Cache::enabled());
    let first = bcfsite::build_in_memory(&opts).unwrap();
    assert!(first.reuse.rendered > 3, "{:?}", first.reuse);
    let rel = "content/news/hello.md";
    let text = std::fs::read_to_string(site.path().join(rel)).unwrap();
    site.write(rel, &format!("{text}\nOne more line.\n"));
    opts.cache.invalidate(&[site.path().join(rel)]);
    let second = bcfsite::build_in_memory(&opts).unwrap();
    assert_eq!(
        second.reuse.rendered, 1,
        "only the edited page: {:?}",
        second.reuse
    );
    assert_eq!(
        second.reuse.rendered + second.reuse.reused,
        first.reuse.rendered
    );
    let page = crate::support::file(&second, "news/hello/index.html");
    assert!(page.contains("One more line."));
}
