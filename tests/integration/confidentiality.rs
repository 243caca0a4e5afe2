//! Nothing confidential reaches a public build; members' builds mark it.

use crate::support::*;
use bcfsite::visibility::Audience;

const CANARIES: &[&str] = &[
    "CANARY-APPENDIX-B-BODY",
    "CANARY-APPENDIX-C-BODY",
    "CANARY-WITHHELD-TITLE",
    "CANARY-SECTION-TITLE",
    "CANARY-SECTION-BODY",
    "CANARY-CHILD-TITLE",
    "CANARY-CHILD-BODY",
    "CANARY-SECTION-ASSET",
    "CANARY-DRAFT-TITLE",
    "CANARY-DRAFT-BODY",
    "CANARY-EMBARGO-TITLE",
    "CANARY-EMBARGO-BODY",
    "CANARY-FUNDING-NAME",
    "CANARY-PRIVATE-PAPER-TITLE",
    "CANARY-PRIVATE-PAPER-BODY",
    "CANARY-BUNDLE-ASSET",
    "CANARY-ALIAS",
    "CANARY-FEEDBACK-TITLE",
    "CANARY-FEEDBACK-QUOTE",
    "CANARY-FEEDBACK-ORG",
    "CANARY-SCHEME-NAME",
];

#[test]
fn public_build_holds_no_canary_in_any_file() {
    let site = TestSite::copy("valid/basic");
    let built = site.build().unwrap();
    for (path, text) in all_bytes(&built) {
        for canary in CANARIES {
            assert!(!text.contains(canary), "{canary} leaked into {path}");
            assert!(
                !path.contains(canary),
                "{canary} leaked into a file name: {path}"
            );
        }
    }
}

#[test]
fn public_build_on_disk_holds_no_canary() {
    let site = TestSite::copy("valid/basic");
    let out = site.path().join("public");
    bcfsite::build(&site.options(), &out).unwrap();
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            for canary in CANARIES {
                assert!(
                    !text.contains(canary),
                    "{canary} leaked into {}",
                    entry.path().display()
                );
            }
        }
    }
}

#[test]
fn members_build_includes_and_marks_confidential_pages() {
    let site = TestSite::copy("valid/basic");
    let built = site.build_for(Audience::Members, false);
    let html = file(&built, "papers/2024-11-12-update/appendix-b/index.html");
    assert!(html.contains("<title>CONFIDENTIAL – NOT FOR PUBLICATION: "));
    assert!(html.contains("CANARY-APPENDIX-B-BODY"));
    assert!(html.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"));
    let child = file(&built, "private/child/index.html");
    assert!(
        child.contains("CONFIDENTIAL – NOT FOR PUBLICATION"),
        "inherited from the section"
    );
    let public_page = file(&built, "news/hello/index.html");
    assert!(
        public_page.contains("noindex"),
        "every page of a members' build is noindex"
    );
    assert!(!public_page.contains("<title>CONFIDENTIAL"));
    assert_eq!(file(&built, "robots.txt"), "User-agent: *\nDisallow: /\n");
    assert!(
        find(&built, "news/draft/index.html").is_none(),
        "drafts still need --drafts"
    );
}

#[test]
fn a_page_made_confidential_since_the_last_build_is_gone() {
    let site = TestSite::copy("valid/basic");
    let out = site.path().join("public");
    bcfsite::build(&site.options(), &out).unwrap();
    assert!(out.join("news/hello/index.html").exists());
    site.write(
        "content/news/hello.md",
        "---\ntitle: Hello residents\nconfidential: true\n---\n\nNow secret.\n",
    );
    bcfsite::build(&site.options(), &out).unwrap();
    assert!(!out.join("news/hello/index.html").exists());
}

#[test]
fn a_failed_build_leaves_the_previous_site_byte_for_byte() {
    let site = TestSite::copy("valid/basic");
    let out = site.path().join("public");
    bcfsite::build(&site.options(), &out).unwrap();
    let before = std::fs::read(out.join("news/hello/index.html")).unwrap();
    site.write(
        "content/news/hello.md",
        "---\ntitle: Hello\nconfidental: true\n---\n",
    );
    assert!(bcfsite::build(&site.options(), &out).is_err());
    assert_eq!(
        std::fs::read(out.join("news/hello/index.html")).unwrap(),
        before
    );
}

#[test]
fn public_build_refuses_a_members_folder() {
    let site = TestSite::copy("valid/basic");
    let members = site.path().join("members-site");
    let mut opts = site.options();
    opts.audience = Audience::Members;
    bcfsite::build(&opts, &members).unwrap();
    let err = bcfsite::build(&site.options(), &members).unwrap_err();
    assert_eq!(err.errors().next().unwrap().code, "output-refused");
    assert!(
        members
            .join("papers/2024-11-12-update/appendix-b/index.html")
            .exists()
    );
}

#[test]
fn a_public_page_quoting_a_confidential_appendix_fails_the_build() {
    let site = TestSite::copy("valid/basic");
    let out = site.path().join("public");
    bcfsite::build(&site.options(), &out).unwrap();
    let before = std::fs::read(out.join("index.html")).unwrap();
    let passage = "The reablement contract is forecast to overspend by a large margin this winter unless demand falls.";
    site.write(
        "content/papers/2024-11-12-update/appendix-b.md",
        &format!("---\ntitle: Quarter 2 finance report\nkind: appendix\nappendix: B\nconfidential: true\nexempt_paragraph: 3\n---\n\n{passage}\n"),
    );
    site.write(
        "content/news/leak.md",
        &format!("---\ntitle: Leak\n---\n\nA council officer said: \"{passage}\"\n"),
    );
    let err = bcfsite::build(&site.options(), &out).unwrap_err();
    let hit = err.errors().next().unwrap();
    assert_eq!(hit.code, "confidential-in-output");
    assert!(hit.message.contains("news/leak/index.html"));
    assert!(
        hit.message
            .contains("content/papers/2024-11-12-update/appendix-b.md")
    );
    assert_eq!(
        std::fs::read(out.join("index.html")).unwrap(),
        before,
        "nothing was published"
    );
    assert!(!out.join("news/leak/index.html").exists());
}

#[test]
fn a_template_that_prints_a_withheld_title_fails_the_build() {
    let site = TestSite::copy("valid/basic");
    site.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<p>See CANARY-WITHHELD-TITLE negotiations</p>{% endblock main %}",
    );
    let err = site.build().unwrap_err();
    assert_eq!(err.errors().next().unwrap().code, "confidential-in-output");
}

#[test]
fn a_phrase_allowed_in_site_yaml_may_be_shared() {
    let site = TestSite::copy("valid/basic");
    let shared = "This report was prepared for the Testshire Health and Wellbeing Board meeting.";
    site.write(
        "content/papers/2024-11-12-update/appendix-b.md",
        &format!("---\ntitle: Quarter 2 finance report\nkind: appendix\nappendix: B\nconfidential: true\n---\n\n{shared}\n"),
    );
    site.write(
        "content/news/shared.md",
        &format!("---\ntitle: Shared\n---\n\n{shared}\n"),
    );
    assert!(site.build().is_err(), "shared without permission is a hit");
    let yaml = std::fs::read_to_string(site.path().join("content/site.yaml")).unwrap();
    site.write(
        "content/site.yaml",
        &format!("{yaml}audit_allow:\n  - \"{shared}\"\n"),
    );
    assert!(site.build().is_ok());
}

#[test]
fn a_public_link_to_a_confidential_page_names_both_files() {
    let site = TestSite::copy("valid/basic");
    site.write(
        "content/news/link.md",
        "---\ntitle: Link\n---\n\nSee [the finance report](/papers/2024-11-12-update/appendix-b/).\n",
    );
    let d = site.build().unwrap_err();
    let e = d.errors().next().unwrap();
    assert_eq!(e.code, "links-to-confidential");
    assert_eq!(e.file.as_deref(), Some("content/news/link.md"));
    assert_eq!(e.line_column(), Some((5, 26)));
    assert!(e.notes[0].contains("content/papers/2024-11-12-update/appendix-b.md"));
    insta::assert_snapshot!("links-to-confidential", d.render_human(false));
}

#[test]
fn links_to_confidential_files_and_drafts_are_errors() {
    let site = TestSite::copy("valid/basic");
    site.write(
        "content/news/link.md",
        "---\ntitle: Link\n---\n\n[notes](/private/notes.txt)\n",
    );
    assert_eq!(
        site.build().unwrap_err().errors().next().unwrap().code,
        "links-to-confidential"
    );
    site.write(
        "content/news/link.md",
        "---\ntitle: Link\n---\n\n[soon](../draft/)\n",
    );
    assert_eq!(
        site.build().unwrap_err().errors().next().unwrap().code,
        "links-to-draft"
    );
}

mod random_flags {
    //! Random sites with random flags: whatever the combination, nothing hidden by
    //! the rules (its own flag, or its section's or bundle's) reaches any output file,
    //! and everything not hidden is published.

    use bcfsite::BuildOptions;
    use proptest::prelude::*;

    #[derive(Clone, Copy, Debug)]
    struct Flags {
        confidential: bool,
        draft: bool,
        embargoed: bool,
    }

    impl Flags {
        fn yaml(self) -> String {
            let mut s = String::new();
            if self.confidential {
                s.push_str("confidential: true\n");
            }
            if self.draft {
                s.push_str("draft: true\n");
            }
            if self.embargoed {
                s.push_str("publish: 2099-01-01T00:00:00Z\n");
            }
            s
        }

        fn hides(self) -> bool {
            self.confidential || self.draft || self.embargoed
        }
    }

    fn flags() -> impl Strategy<Value = Flags> {
        // Mostly public, so that visible pages are common too.
        (
            prop::bool::weighted(0.3),
            prop::bool::weighted(0.15),
            prop::bool::weighted(0.15),
        )
            .prop_map(|(c, d, e)| Flags {
                confidential: c,
                draft: d,
                embargoed: e,
            })
    }

    #[derive(Clone, Debug)]
    struct Section {
        flags: Flags,
        pages: Vec<Flags>,
        /// A paper bundle: its flags, its appendix's flags, whether it has a file.
        bundle: Option<(Flags, Flags, bool)>,
    }

    fn section() -> impl Strategy<Value = Section> {
        (
            flags(),
            prop::collection::vec(flags(), 0..3),
            prop::option::of((flags(), flags(), any::<bool>())),
        )
            .prop_map(|(flags, pages, bundle)| Section {
                flags,
                pages,
                bundle,
            })
    }

    /// Writes the site; returns (token, hidden) for every item.
    fn write_site(dir: &std::path::Path, sections: &[Section]) -> Vec<(String, bool)> {
        let c = dir.join("content");
        let w = |rel: &str, text: &str| {
            let p = c.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        w("site.yaml", "title: Random\nbase_url: https://r.example/\n");
        w("_index.md", "---\ntitle: Home\n---\n");
        let mut items = Vec::new();
        for (i, s) in sections.iter().enumerate() {
            let tok = format!("QZSEC{i}QZ");
            w(
                &format!("s{i}/_index.md"),
                &format!(
                    "---\ntitle: Section {tok}\n{}---\n\n{tok}body\n",
                    s.flags.yaml()
                ),
            );
            items.push((tok, s.flags.hides()));
            for (j, p) in s.pages.iter().enumerate() {
                let tok = format!("QZPAGE{i}X{j}QZ");
                w(
                    &format!("s{i}/p{j}.md"),
                    &format!("---\ntitle: Page {tok}\n{}---\n\n{tok}body\n", p.yaml()),
                );
                items.push((tok, s.flags.hides() || p.hides()));
            }
            if let Some((paper, appendix, file)) = s.bundle {
                let tok = format!("QZPAPER{i}QZ");
                w(
                    &format!("s{i}/paper/index.md"),
                    &format!(
                        "---\ntitle: Paper {tok}\nkind: paper\n{}---\n\n{tok}body\n",
                        paper.yaml()
                    ),
                );
                let hidden = s.flags.hides() || paper.hides();
                items.push((tok, hidden));
                // The appendix's title may be listed on its paper; its body never.
                let tok = format!("QZAPX{i}QZ");
                w(
                    &format!("s{i}/paper/appendix-a.md"),
                    &format!(
                        "---\ntitle: Appendix\nkind: appendix\nappendix: A\n{}---\n\n{tok}body\n",
                        appendix.yaml()
                    ),
                );
                items.push((tok, hidden || appendix.hides()));
                if file {
                    let tok = format!("QZFILE{i}QZ");
                    w(&format!("s{i}/paper/report.txt"), &format!("{tok}\n"));
                    items.push((tok, hidden));
                }
            }
        }
        items
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn no_combination_of_flags_leaks(sections in prop::collection::vec(section(), 1..4)) {
            let dir = tempfile::tempdir().unwrap();
            let items = write_site(dir.path(), &sections);
            let mut opts = BuildOptions::new(dir.path());
            opts.now = time::macros::datetime!(2024-12-01 12:00 UTC);
            let built = bcfsite::build_in_memory(&opts).unwrap_or_else(|d| panic!("{}", d.render_human(false)));
            let output: String = built.files.iter()
                .map(|f| format!("{}\n{}\n", f.path, String::from_utf8_lossy(&f.read().unwrap())))
                .collect();
            for (tok, hidden) in items {
                if hidden {
                    prop_assert!(!output.contains(&tok), "{} leaked", tok);
                } else {
                    prop_assert!(output.contains(&tok), "{} is missing", tok);
                }
            }
        }
    }
}
