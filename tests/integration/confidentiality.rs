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
