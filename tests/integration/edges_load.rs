//! Issue 15, classes 2–4: files and links at the edges of loading. Flag files whose
//! names differ in case, page-like files that used to be copied as assets, backups,
//! and symbolic links in `content/`, `static/`, themes and an audited folder.
//! Symbolic links cannot be checked into git portably, so the tests make them in
//! their temporary copy of the fixture.

use std::path::Path;

use bcfsite::diagnostic::Diagnostics;
use bcfsite::incremental::Cache;
use bcfsite::visibility::Audience;

use crate::support::*;

/// No output file, and no output path, holds a string starting with `prefix`.
fn assert_no_canary(built: &bcfsite::Built, prefix: &str) {
    for (path, text) in all_bytes(built) {
        assert!(!text.contains(prefix), "{prefix}… leaked into {path}");
        assert!(
            !path.contains(prefix),
            "{prefix}… leaked into a file name: {path}"
        );
    }
}

fn error_codes(diags: &Diagnostics) -> Vec<&'static str> {
    diags.errors().map(|d| d.code).collect()
}

/// The build fails, with `code` among its errors; returns the rendered report.
fn fails_with(site: &TestSite, code: &str) -> String {
    match site.build() {
        Ok(built) => panic!(
            "the build should fail with {code}; it published {:?}",
            built.files.iter().map(|f| &f.path).collect::<Vec<_>>()
        ),
        Err(diags) => {
            let rendered = diags.render_human(false);
            assert!(error_codes(&diags).contains(&code), "{rendered}");
            rendered
        }
    }
}

/// The report with the temporary folder's path taken out, for snapshots.
fn portable(rendered: &str, site: &TestSite) -> String {
    rendered.replace(&site.path().display().to_string(), "SITE")
}

// ---- Class 2: flag files, whatever their case -------------------------------------

#[test]
fn flag_files_count_whatever_their_case() {
    let site = TestSite::copy("edges/flag-file-case");
    let built = site.build().unwrap();
    assert_no_canary(&built, "CANARY-CASE");
    assert!(find(&built, "news/hello/index.html").is_some());
    // _Index.md (section and page), Index.md with its appendix and PDF, INDEX.MD
    // with its file, and the section's own page and file.
    assert_eq!(built.withheld, 8);
}

#[test]
fn flag_files_in_capitals_mark_members_pages() {
    let site = TestSite::copy("edges/flag-file-case");
    let built = site.build_for(Audience::Members, false);
    let child = file(&built, "private/plan-notes/index.html");
    assert!(child.contains("CONFIDENTIAL – NOT FOR PUBLICATION"));
    let paper = file(&built, "papers/closed/index.html");
    assert!(paper.contains("CONFIDENTIAL – NOT FOR PUBLICATION"));
    assert!(find(&built, "papers/closed/report.pdf").is_some());
    assert!(find(&built, "board/slides.txt").is_some());
}

#[test]
fn names_that_differ_only_by_case_are_refused() {
    let site = TestSite::copy("edges/flag-file-case");
    site.write("content/news/Hello.md", "---\ntitle: Hello again\n---\n");
    site.write("content/News/other.md", "---\ntitle: Other\n---\n");
    site.write("static/Logo.svg", "<svg/>");
    site.write("static/logo.svg", "<svg/>");
    let diags = site.build().unwrap_err();
    let rendered = diags.render_human(false);
    assert_eq!(error_codes(&diags), ["case-clash"; 3], "{rendered}");
    insta::assert_snapshot!("case-clash", rendered);
}

#[test]
fn a_second_flag_file_in_another_case_is_refused() {
    let site = TestSite::copy("edges/flag-file-case");
    // On a disk that ignores case these are one file, and which one is read is luck.
    site.write("content/private/_index.md", "---\ntitle: Private\n---\n");
    let rendered = fails_with(&site, "case-clash");
    assert!(rendered.contains("content/private/_Index.md"), "{rendered}");
    assert!(rendered.contains("content/private/_index.md"), "{rendered}");
}

#[test]
fn serve_refuses_a_case_clash_made_while_it_runs() {
    let site = TestSite::copy("edges/flag-file-case");
    let opts = site.options().with_cache(Cache::watched());
    bcfsite::build_in_memory(&opts).unwrap();
    site.write("content/news/HELLO.md", "---\ntitle: Hello again\n---\n");
    opts.cache
        .invalidate(&[site.path().join("content/news/HELLO.md")]);
    let diags = bcfsite::build_in_memory(&opts).unwrap_err();
    assert_eq!(error_codes(&diags), ["case-clash"]);
}

// ---- Class 3: files that look like pages are never copied as assets --------------

#[test]
fn page_and_data_extensions_compare_without_case() {
    let site = TestSite::copy("edges/page-like-files");
    let built = site.build().unwrap();
    assert_no_canary(&built, "CANARY-EXT");
    let shouting = file(&built, "news/shouting/index.html");
    assert!(shouting.contains("Public text of a page whose name ends in capitals."));
    let long = file(&built, "news/long-name/index.html");
    assert!(long.contains("Public text of a page whose name ends in .markdown."));
    for path in [
        "news/Shouting.MD",
        "news/long-name.markdown",
        "news/withheld.Markdown",
        "data/plan.YAML",
    ] {
        assert!(find(&built, path).is_none(), "{path} copied as an asset");
    }
    // plan.YAML is a data document: its page is published, its secret record is not.
    assert!(find(&built, "plans/edge-plan/index.html").is_some());
}

#[test]
fn backups_are_never_copied_and_check_lists_them() {
    let site = TestSite::copy("edges/page-like-files");
    let built = site.build().unwrap();
    assert_no_canary(&built, "CANARY-BACKUP");
    let mut ignored: Vec<&str> = built
        .warnings
        .warnings()
        .filter(|d| d.code == "backup-ignored")
        .filter_map(|d| d.file.as_deref())
        .collect();
    ignored.sort();
    assert_eq!(
        ignored,
        [
            "content/data/plan.yaml.orig",
            "content/news/OLD-NOTES.BAK",
            "content/news/hello.md.bak",
            "content/news/hello.md.orig",
            "content/news/hello.md.rej",
            "content/news/hello.old",
            "content/news/hello.save",
            "static/site.css.bak",
        ]
    );
    let one = built
        .warnings
        .warnings()
        .find(|d| d.file.as_deref() == Some("content/news/hello.md.bak"))
        .unwrap();
    insta::assert_snapshot!("backup-ignored", one.render_human(false));
}

#[test]
fn an_asset_with_front_matter_is_an_error() {
    let site = TestSite::copy("edges/page-like-asset");
    let rendered = fails_with(&site, "page-like-asset");
    insta::assert_snapshot!("page-like-asset", rendered);
}

#[test]
fn an_asset_with_a_visibility_key_line_is_an_error() {
    let site = TestSite::copy("edges/page-like-asset");
    std::fs::remove_file(site.path().join("content/news/hello.txt")).unwrap();
    for (name, text) in [
        ("notes.txt", "Minutes of the board\n\nconfidential: true\n"),
        ("old-page.mdown", "title: x\n  draft: true\n"),
        ("later.html", "<p>x</p>\npublish : 2030-01-01\n"),
        ("windows.txt", "\u{feff}\r\n\r\n---\r\ntitle: x\r\n---\r\n"),
    ] {
        let rel = format!("content/news/{name}");
        site.write(&rel, text);
        let rendered = fails_with(&site, "page-like-asset");
        assert!(rendered.contains(&rel), "{rendered}");
        std::fs::remove_file(site.path().join(&rel)).unwrap();
    }
    // A page saved as UTF-16 (Notepad's "Unicode") is text too.
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(
            "---\r\nconfidential: true\r\n---\r\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    std::fs::write(site.path().join("content/news/unicode.txt"), utf16).unwrap();
    fails_with(&site, "page-like-asset");
}

#[test]
fn binary_and_ordinary_assets_still_copy() {
    let site = TestSite::copy("edges/page-like-asset");
    std::fs::remove_file(site.path().join("content/news/hello.txt")).unwrap();
    // A PDF whose later bytes hold what looks like a key line is a PDF, not a page.
    let mut pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    pdf.extend_from_slice(b"1 0 obj\n<< /Title (x) >>\nendobj\nconfidential: true\n");
    std::fs::write(site.path().join("content/news/report.pdf"), &pdf).unwrap();
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR---\n";
    std::fs::write(site.path().join("content/news/chart.png"), png).unwrap();
    site.write("content/news/data.csv", "year,amount\n2024-25,1000\n");
    site.write(
        "content/news/notes.txt",
        "Draft minutes are not published.\n---\n",
    );
    let built = site.build().unwrap();
    for path in [
        "news/report.pdf",
        "news/chart.png",
        "news/data.csv",
        "news/notes.txt",
    ] {
        assert!(find(&built, path).is_some(), "{path} not copied");
    }
}

#[test]
fn serve_refuses_an_asset_edited_to_look_like_a_page() {
    let site = TestSite::copy("edges/page-like-asset");
    std::fs::remove_file(site.path().join("content/news/hello.txt")).unwrap();
    site.write("content/news/notes.txt", "Minutes\n");
    for cache in [Cache::enabled(), Cache::watched()] {
        let opts = site.options().with_cache(cache);
        site.write("content/news/notes.txt", "Minutes\n");
        bcfsite::build_in_memory(&opts).unwrap();
        let changed = site.path().join("content/news/notes.txt");
        std::fs::write(&changed, "Minutes of the board\nconfidential: true\n").unwrap();
        opts.cache.invalidate(&[changed]);
        let diags = bcfsite::build_in_memory(&opts).unwrap_err();
        assert_eq!(error_codes(&diags), ["page-like-asset"]);
    }
}

// ---- Class 4: symbolic links are judged by their target ---------------------------

#[cfg(unix)]
fn link(target: impl AsRef<Path>, at: impl AsRef<Path>) {
    let at = at.as_ref();
    std::fs::create_dir_all(at.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, at).unwrap();
}

#[cfg(unix)]
#[test]
fn a_link_to_a_page_in_a_confidential_section_is_refused() {
    let site = TestSite::copy("edges/symlinks");
    let c = site.path().join("content");
    link(c.join("private/secret.md"), c.join("news/x.md"));
    let rendered = fails_with(&site, "symlink-to-withheld");
    insta::assert_snapshot!("symlink-to-withheld", portable(&rendered, &site));
}

#[cfg(unix)]
#[test]
fn links_to_confidential_files_and_data_are_refused() {
    for (target, at) in [
        ("private/paper/finance.pdf", "papers/public/finance.pdf"),
        ("private/plan.yaml", "news/plan.yaml"),
        ("private/paper/index.md", "news/copy.md"),
        // A relative link is judged the same way.
        (
            "../../private/paper/finance.pdf",
            "papers/public/relative.pdf",
        ),
    ] {
        let site = TestSite::copy("edges/symlinks");
        let c = site.path().join("content");
        let target = if target.starts_with("..") {
            Path::new(target).to_path_buf()
        } else {
            c.join(target)
        };
        link(&target, c.join(at));
        let rendered = fails_with(&site, "symlink-to-withheld");
        assert!(rendered.contains(&format!("content/{at}")), "{rendered}");
        // A members' build is refused too: the file would be published unmarked.
        let mut opts = site.options();
        opts.audience = Audience::Members;
        assert!(bcfsite::build_in_memory(&opts).is_err());
    }
}

#[cfg(unix)]
#[test]
fn a_link_to_a_draft_is_refused_where_the_link_is_not_a_draft() {
    let site = TestSite::copy("edges/symlinks");
    let c = site.path().join("content");
    site.write(
        "content/drafts/_index.md",
        "---\ntitle: Drafts\ndraft: true\n---\n",
    );
    site.write("content/drafts/plan.md", "---\ntitle: Draft plan\n---\n");
    link(c.join("drafts/plan.md"), c.join("news/plan.md"));
    fails_with(&site, "symlink-to-withheld");
}

#[cfg(unix)]
#[test]
fn a_link_to_a_public_file_still_builds() {
    let site = TestSite::copy("edges/symlinks");
    let c = site.path().join("content");
    link(c.join("news/shared.md"), c.join("papers/shared.md"));
    link(
        c.join("papers/public/report.pdf"),
        c.join("news/report.pdf"),
    );
    let built = site.build().unwrap();
    assert_no_canary(&built, "CANARY-LINK");
    assert!(file(&built, "papers/shared/index.html").contains("A public page that a link"));
    assert!(find(&built, "news/report.pdf").is_some());
}

#[cfg(unix)]
#[test]
fn a_link_to_a_hidden_or_backup_file_is_refused() {
    let site = TestSite::copy("edges/symlinks");
    let c = site.path().join("content");
    site.write("content/.stash/old.md", "---\ntitle: Stashed\n---\n");
    link(c.join(".stash/old.md"), c.join("news/old.md"));
    fails_with(&site, "symlink-to-ignored");
}

#[cfg(unix)]
#[test]
fn static_linked_into_content_is_refused() {
    let site = TestSite::copy("edges/symlinks");
    std::fs::remove_dir_all(site.path().join("static")).unwrap();
    link(
        site.path().join("content/private"),
        site.path().join("static"),
    );
    let rendered = fails_with(&site, "symlink-into-content");
    insta::assert_snapshot!("symlink-into-content", portable(&rendered, &site));
}

#[cfg(unix)]
#[test]
fn static_or_theme_folders_linked_out_of_the_site_are_refused() {
    // A folder elsewhere shaped like a theme, or like the themes folder.
    let outside = tempfile::tempdir().unwrap();
    for rel in [
        "minutes.txt",
        "static/minutes.txt",
        "templates/page.html",
        "default/static/minutes.txt",
        "default/templates/page.html",
    ] {
        let path = outside.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "CANARY-LINK-THEME").unwrap();
    }
    for at in [
        "static",
        "themes/default/static",
        "themes/default/templates",
        "themes/default",
        "themes",
    ] {
        let site = TestSite::copy("edges/symlinks");
        let _ = std::fs::remove_dir_all(site.path().join("static"));
        link(outside.path(), site.path().join(at));
        fails_with(&site, "symlink-outside-site");
    }
}

#[cfg(unix)]
#[test]
fn theme_folders_linked_into_content_are_refused() {
    for at in ["themes/default/static", "themes/default/templates"] {
        let site = TestSite::copy("edges/symlinks");
        link(site.path().join("content/private"), site.path().join(at));
        fails_with(&site, "symlink-into-content");
    }
}

#[cfg(unix)]
#[test]
fn files_in_static_and_themes_linked_into_content_are_refused() {
    for at in ["static/leak.txt", "themes/default/static/leak.txt"] {
        let site = TestSite::copy("edges/symlinks");
        link(
            site.path().join("content/private/paper/finance.pdf"),
            site.path().join(at),
        );
        fails_with(&site, "symlink-into-content");
    }
    let site = TestSite::copy("edges/symlinks");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("page.html"), "CANARY-LINK-THEME").unwrap();
    link(
        outside.path().join("page.html"),
        site.path().join("themes/default/templates/page.html"),
    );
    fails_with(&site, "symlink-outside-site");
}

/// A public build written to `public/`, for the audit to read.
fn public_build(site: &TestSite) -> std::path::PathBuf {
    let out = site.path().join("public");
    bcfsite::build(&site.options(), &out).unwrap();
    out
}

fn files_in(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter(|e| e.as_ref().unwrap().file_type().is_file())
        .count()
}

#[cfg(unix)]
#[test]
fn audit_follows_a_link_to_a_confidential_file() {
    let site = TestSite::copy("edges/symlinks");
    let out = public_build(&site);
    let clean = bcfsite::audit_dir(site.path(), &out).unwrap();
    assert_eq!(clean, files_in(&out));
    link(
        site.path().join("content/private/secret.md"),
        out.join("news/notes.txt"),
    );
    let diags = bcfsite::audit_dir(site.path(), &out).unwrap_err();
    let rendered = diags.render_human(false);
    assert_eq!(
        error_codes(&diags),
        ["confidential-in-output"],
        "{rendered}"
    );
    assert!(rendered.contains("news/notes.txt"), "{rendered}");
}

#[cfg(unix)]
#[test]
fn audit_follows_a_link_to_a_members_build() {
    let site = TestSite::copy("edges/symlinks");
    let out = public_build(&site);
    let members = tempfile::tempdir().unwrap();
    let members_out = members.path().join("members");
    let mut opts = site.options();
    opts.audience = Audience::Members;
    bcfsite::build(&opts, &members_out).unwrap();
    link(&members_out, out.join("committee"));
    let diags = bcfsite::audit_dir(site.path(), &out).unwrap_err();
    assert!(
        error_codes(&diags).contains(&"confidential-in-output"),
        "{}",
        diags.render_human(false)
    );
}

#[cfg(unix)]
#[test]
fn audit_counts_the_files_it_reads_through_links() {
    let site = TestSite::copy("edges/symlinks");
    let out = public_build(&site);
    let before = bcfsite::audit_dir(site.path(), &out).unwrap();
    link(out.join("news"), out.join("news-again"));
    link(out.join("index.html"), out.join("home.html"));
    let after = bcfsite::audit_dir(site.path(), &out).unwrap();
    assert_eq!(after, before + files_in(&out.join("news")) + 1);
}

#[cfg(unix)]
#[test]
fn audit_fails_closed_on_a_loop_or_a_broken_link() {
    let site = TestSite::copy("edges/symlinks");
    let out = public_build(&site);
    link(&out, out.join("news/loop"));
    let diags = bcfsite::audit_dir(site.path(), &out).unwrap_err();
    assert_eq!(error_codes(&diags), ["symlink-loop"]);
    insta::assert_snapshot!(
        "audit-symlink-loop",
        portable(&diags.render_human(false), &site)
    );
    std::fs::remove_file(out.join("news/loop")).unwrap();
    link(site.path().join("no-such-file"), out.join("news/gone.html"));
    let diags = bcfsite::audit_dir(site.path(), &out).unwrap_err();
    assert_eq!(error_codes(&diags), ["broken-symlink"]);
}
