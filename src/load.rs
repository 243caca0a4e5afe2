//! Stage 1, load: find every file of a site and read the text ones.
//!
//! Walks `content/` (and `static/`) with walkdir (`load/walk.rs`). Hidden files and editors'
//! temporary files are skipped, and backups are skipped with a warning ([`names`]
//! says what a file is from its name). A file that would be copied as it is but looks
//! like a page is refused ([`sniff`]). Symbolic links are judged by where they lead:
//! never out of the site, never from `static/` or a theme into `content/`, never to a
//! file bcfsite ignores; a link in `content/` carries the path of its target, by which
//! the visibility stage judges it. What `serve` keeps from one load to the next (file
//! texts by stamp, the last list of files, the sniffs) is in `load/memo.rs`.

mod memo;
pub mod names;
pub(crate) mod sniff;
mod walk;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Diagnostics, SourceText};
use crate::incremental::Cache;
use memo::LoadMemo;
use names::FileKind;
use walk::find_files;
pub(crate) use walk::{Bounds, walk_beside_content};

/// A Markdown or YAML file of the site, read into memory.
#[derive(Clone, Debug)]
pub struct ContentFile {
    /// Path under `content/`, with `/` separators: `papers/2024-11-12/index.md`.
    pub rel: String,
    pub source: SourceText,
    /// A digest of the text, taken when it was read, for `serve`'s cache.
    pub digest: crate::incremental::Digest,
    /// For a symbolic link, the path under `content/` of the file it leads to
    /// (`None` for a plain file, or a link to a file elsewhere in the site).
    pub link_target: Option<String>,
}

/// A file copied as it is (a PDF beside a paper, an image, a stylesheet).
#[derive(Clone, Debug)]
pub struct AssetFile {
    /// Path under its root folder (`content/` or `static/`), with `/` separators.
    pub rel: String,
    pub abs: PathBuf,
    /// As [`ContentFile::link_target`] (always `None` under `static/`, whose links
    /// may not lead into `content/`).
    pub link_target: Option<String>,
}

/// Everything stage 1 found.
#[derive(Debug, Default)]
pub struct Sources {
    pub site_dir: PathBuf,
    pub markdown: Vec<ContentFile>,
    pub data: Vec<ContentFile>,
    pub content_assets: Vec<AssetFile>,
    pub static_files: Vec<AssetFile>,
}

/// Names that are never content: hidden files and the leftovers of editors and
/// downloads. Shared with the file watcher so both agree on what a site is.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.starts_with('~')
        || name.ends_with('~')
        || name == "4913" // vim's probe file
        || [".swp", ".swo", ".swx", ".tmp", ".crdownload", ".part"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

/// What to do about a file bcfsite cannot read: it must read every file to decide
/// what is public, so it never skips one.
const UNREADABLE_HELP: &str = "nothing was published; let bcfsite read the file (check its permissions, and that it is really there), or move it out of the site";

/// Loads a site. Problems with single files are collected; the caller decides whether
/// to go on.
///
/// With an enabled `cache`, the text of a file whose stamp (size, time, inode) is
/// unchanged is taken from it rather than read again; with a [`Cache::watched`] one,
/// the last load's list of files is patched with what changed rather than walked.
pub fn load(site_dir: &Path, cache: &Cache, diags: &mut Diagnostics) -> Sources {
    let memo = cache.memo::<LoadMemo>();
    let mut sources = Sources {
        site_dir: site_dir.to_path_buf(),
        ..Sources::default()
    };
    let content_dir = site_dir.join("content");
    if !content_dir.is_dir() {
        diags.push(
            Diagnostic::error(
                "no-content",
                format!("there is no `content` folder in {}", site_dir.display()),
            )
            .with_help("run bcfsite in a site folder (one holding `content/`), pass the folder as SITE, or create a new site with `bcfsite init DIR`"),
        );
        return sources;
    }
    let bounds = Bounds::of(site_dir);

    let (listing, patched) = find_files(site_dir, &bounds, &memo, diags);
    diags.extend(names::case_clashes(
        listing.content.iter().map(|(rel, _)| rel.as_str()),
        "content",
    ));
    diags.extend(names::case_clashes(
        listing.statics.iter().map(|(rel, _)| rel.as_str()),
        "static",
    ));
    let mut text_files = Vec::new();
    for (rel, abs) in listing.content {
        let link_target = bounds.target_in_content(&content_dir.join(&rel), &abs);
        match names::classify(file_name(&rel)) {
            FileKind::Page => text_files.push((rel, abs, link_target, true)),
            FileKind::Data => text_files.push((rel, abs, link_target, false)),
            FileKind::Backup => diags.push(backup_ignored(&format!("content/{rel}"))),
            FileKind::Asset => sources.content_assets.push(AssetFile {
                rel,
                abs,
                link_target,
            }),
        }
    }
    for (rel, abs) in listing.statics {
        match names::classify(file_name(&rel)) {
            FileKind::Backup => diags.push(backup_ignored(&format!("static/{rel}"))),
            _ => sources.static_files.push(AssetFile {
                rel,
                abs,
                link_target: None,
            }),
        }
    }
    diags.extend(refuse_page_like(&sources, &memo));

    // A patched list came with every change: other files need no look.
    if memo.is_enabled() && !patched {
        memo.keep_texts(
            &text_files
                .iter()
                .map(|(_, abs, ..)| abs.as_path())
                .collect(),
        );
    }
    let read: Vec<Result<(ContentFile, bool), Diagnostic>> = text_files
        .into_par_iter()
        .map(|(rel, abs, link_target, is_markdown)| {
            let path = format!("content/{rel}");
            memo.text(&abs, patched, || read_text(&abs, &path).map(|s| s.text))
                .map(|(text, digest)| {
                    let source = SourceText { path, text };
                    (
                        ContentFile {
                            rel,
                            source,
                            digest,
                            link_target,
                        },
                        is_markdown,
                    )
                })
        })
        .collect();
    for item in read {
        match item {
            Ok((file, true)) => sources.markdown.push(file),
            Ok((file, false)) => sources.data.push(file),
            Err(d) => diags.push(d),
        }
    }
    sources
}

/// Reads a file as UTF-8 text, with a diagnostic that says how to fix it if it is not.
pub fn read_text(abs: &Path, display: &str) -> Result<SourceText, Diagnostic> {
    let bytes = std::fs::read(abs).map_err(|e| {
        Diagnostic::error("unreadable-file", format!("cannot read this file: {e}"))
            .in_file(display)
            .with_help(UNREADABLE_HELP)
    })?;
    let mut text = String::from_utf8(bytes).map_err(|e| {
        Diagnostic::error(
            "not-utf8",
            format!(
                "this file is not UTF-8 text (bad byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
        .in_file(display)
        .with_help(
            "save the file as UTF-8 (most editors offer it under \"Save as\" or \"Encoding\")",
        )
    })?;
    // A byte order mark is not text; a file saved twice by tools that each add one
    // has two, and is read the same.
    let marks = text.len() - text.trim_start_matches('\u{feff}').len();
    text.drain(..marks);
    Ok(SourceText {
        path: display.to_string(),
        text: text.into(),
    })
}

/// The last part of a `/`-separated path.
fn file_name(rel: &str) -> &str {
    rel.rsplit('/').next().unwrap_or(rel)
}

/// The warning for a backup left in the site, which is never published.
fn backup_ignored(display: &str) -> Diagnostic {
    let ext = display.rsplit_once('.').map_or("", |(_, e)| e);
    Diagnostic::warning(
        "backup-ignored",
        "this is a backup copy, so bcfsite ignores it: it is never published",
    )
    .in_file(display)
    .with_help(format!(
        "delete it, or move it out of the site; if it should be published, rename it without the `.{ext}` ending"
    ))
}

/// Refuses every file to be copied (from `content/` or `static/`) that looks like a
/// page (see [`sniff`]). The look is kept by the file's stamp, so `serve` does not
/// read an unchanged file again.
fn refuse_page_like(sources: &Sources, memo: &LoadMemo) -> Vec<Diagnostic> {
    let files = sources
        .content_assets
        .iter()
        .map(|a| (a, "content"))
        .chain(sources.static_files.iter().map(|a| (a, "static")));
    let found: Vec<Option<Diagnostic>> = files
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(asset, label)| {
            let display = format!("{label}/{}", asset.rel);
            let look = || look_at(&asset.abs, &display, label == "static");
            match memo
                .is_enabled()
                .then(|| std::fs::metadata(&asset.abs).ok())
                .flatten()
            {
                Some(meta) => memo.sniff(&asset.abs, &display, &meta, look),
                None => look(),
            }
        })
        .collect();
    found.into_iter().flatten().collect()
}

/// The error for one file to be copied, if it looks like a page or cannot be read.
fn look_at(abs: &Path, display: &str, in_static: bool) -> Option<Diagnostic> {
    let finding = match sniff::sniff(abs) {
        Ok(finding) => finding?,
        Err(e) => {
            return Some(
                Diagnostic::error("unreadable-file", format!("cannot read this file: {e}"))
                    .with_help(UNREADABLE_HELP)
                    .in_file(display),
            );
        }
    };
    let message = match finding.why {
        sniff::PageLike::Fence => {
            "this file opens with front matter, like a page, but would be copied as it is"
                .to_string()
        }
        sniff::PageLike::Key(key) => format!(
            "this file has a `{key}:` line, like a page's front matter, but would be copied as it is"
        ),
    };
    let remove = match finding.why {
        sniff::PageLike::Fence => "remove the front matter",
        sniff::PageLike::Key(_) => "remove the line",
    };
    let help = if in_static {
        format!(
            "files in `static/` are published as they are, so one that looks like a page is refused: put a page in `content/` with a `.md` name; if it is a file to publish, {remove}"
        )
    } else {
        format!(
            "bcfsite never copies a file that looks like a page, in case it was meant to be withheld: if it is a page, give it a `.md` name; if it is a file to publish, {remove}"
        )
    };
    let source = SourceText {
        path: display.to_string(),
        text: finding.text.into(),
    };
    Some(
        Diagnostic::error("page-like-asset", message)
            .at(&source, finding.span)
            .with_help(help),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_hidden_and_temporary_files() {
        for name in [
            ".DS_Store",
            "page.md~",
            ".page.md.swp",
            "#page.md#",
            "4913",
            "x.tmp",
            ".#page.md",
        ] {
            assert!(is_ignored_name(name), "{name} should be ignored");
        }
        for name in ["page.md", "report.pdf", "_index.md", "site.yaml"] {
            assert!(!is_ignored_name(name), "{name} should be kept");
        }
    }

    #[test]
    fn loads_and_classifies() {
        let dir = tempfile::tempdir().unwrap();
        let c = dir.path().join("content");
        std::fs::create_dir_all(c.join("a/.git")).unwrap();
        std::fs::write(c.join("a/p.md"), "x").unwrap();
        std::fs::write(c.join("a/.git/config"), "x").unwrap();
        std::fs::write(c.join("a/p.md~"), "x").unwrap();
        std::fs::write(c.join("d.yaml"), "\u{feff}kind: plan").unwrap();
        std::fs::write(c.join("a/f.pdf"), "%PDF").unwrap();
        let mut diags = Diagnostics::default();
        let s = load(dir.path(), &Cache::disabled(), &mut diags);
        assert!(diags.is_empty());
        assert_eq!(s.markdown.len(), 1);
        assert_eq!(s.markdown[0].rel, "a/p.md");
        assert_eq!(
            s.data[0].source.text.as_ref(),
            "kind: plan",
            "BOM is dropped"
        );
        assert_eq!(s.content_assets.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn refuses_links_out_of_the_site() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.md"), "x").unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.md"),
            dir.path().join("content/s.md"),
        )
        .unwrap();
        let mut diags = Diagnostics::default();
        let s = load(dir.path(), &Cache::disabled(), &mut diags);
        assert!(s.markdown.is_empty());
        assert_eq!(diags.errors().next().unwrap().code, "symlink-outside-site");
    }

    #[test]
    fn non_utf8_is_a_diagnostic() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("content/p.md"), b"---\ntitle: \xff\n---\n").unwrap();
        let mut diags = Diagnostics::default();
        load(dir.path(), &Cache::disabled(), &mut diags);
        assert_eq!(diags.errors().next().unwrap().code, "not-utf8");
    }

    /// Names decide what a file is, in any case; backups are left out with a warning.
    #[test]
    fn classifies_by_name_in_any_case() {
        let dir = tempfile::tempdir().unwrap();
        let c = dir.path().join("content");
        std::fs::create_dir_all(&c).unwrap();
        for name in ["a.MD", "b.markdown", "c.YML", "d.md.bak", "e.pdf", "f.ORIG"] {
            std::fs::write(c.join(name), "x").unwrap();
        }
        let mut diags = Diagnostics::default();
        let s = load(dir.path(), &Cache::disabled(), &mut diags);
        let rels = |files: &[ContentFile]| files.iter().map(|f| f.rel.clone()).collect::<Vec<_>>();
        assert_eq!(rels(&s.markdown), ["a.MD", "b.markdown"]);
        assert_eq!(rels(&s.data), ["c.YML"]);
        assert_eq!(s.content_assets.len(), 1);
        let warned: Vec<_> = diags.warnings().map(|d| d.file.clone().unwrap()).collect();
        assert_eq!(warned, ["content/d.md.bak", "content/f.ORIG"]);
    }

    /// A link in `content/` carries its target's path under `content/`; a link
    /// beside `content/` may not lead into it.
    #[cfg(unix)]
    #[test]
    fn links_are_judged_by_their_targets() {
        let dir = tempfile::tempdir().unwrap();
        let c = dir.path().join("content");
        std::fs::create_dir_all(c.join("private")).unwrap();
        std::fs::create_dir_all(dir.path().join("static")).unwrap();
        std::fs::write(c.join("private/a.pdf"), "x").unwrap();
        std::fs::write(c.join("private/b.md"), "x").unwrap();
        std::os::unix::fs::symlink(c.join("private/a.pdf"), c.join("a.pdf")).unwrap();
        std::os::unix::fs::symlink("private/b.md", c.join("b.md")).unwrap();
        let mut diags = Diagnostics::default();
        let s = load(dir.path(), &Cache::disabled(), &mut diags);
        assert!(diags.is_empty());
        let a = s.content_assets.iter().find(|a| a.rel == "a.pdf").unwrap();
        assert_eq!(a.link_target.as_deref(), Some("private/a.pdf"));
        let b = s.markdown.iter().find(|f| f.rel == "b.md").unwrap();
        assert_eq!(b.link_target.as_deref(), Some("private/b.md"));
        let plain = s.markdown.iter().find(|f| f.rel == "private/b.md").unwrap();
        assert_eq!(plain.link_target, None);

        std::os::unix::fs::symlink(c.join("private/a.pdf"), dir.path().join("static/a.pdf"))
            .unwrap();
        let mut diags = Diagnostics::default();
        let s = load(dir.path(), &Cache::disabled(), &mut diags);
        assert!(s.static_files.is_empty());
        assert_eq!(diags.errors().next().unwrap().code, "symlink-into-content");
    }
}
