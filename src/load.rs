//! Stage 1, load: find every file of a site and read the text ones.
//!
//! Walks `content/` (and `static/`) with walkdir. Hidden files and editors' temporary
//! files are skipped; symbolic links are never followed out of the site, since a link
//! to a folder elsewhere is an easy way to publish something by accident.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Diagnostics, SourceText};
use crate::incremental::{Cache, Listing};

/// A Markdown or YAML file of the site, read into memory.
#[derive(Clone, Debug)]
pub struct ContentFile {
    /// Path under `content/`, with `/` separators: `papers/2024-11-12/index.md`.
    pub rel: String,
    pub source: SourceText,
    /// A digest of the text, taken when it was read, for `serve`'s cache (0 when
    /// there is no cache).
    pub digest: crate::incremental::Digest,
}

/// A file copied as it is (a PDF beside a paper, an image, a stylesheet).
#[derive(Clone, Debug)]
pub struct AssetFile {
    /// Path under its root folder (`content/` or `static/`), with `/` separators.
    pub rel: String,
    pub abs: PathBuf,
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

/// Loads a site. Problems with single files are collected; the caller decides whether
/// to go on.
pub fn load(site_dir: &Path, diags: &mut Diagnostics) -> Sources {
    load_with(site_dir, &Cache::disabled(), diags)
}

/// [`load`], taking the text of files whose stamp (size, time, inode) is unchanged
/// from `cache` rather than reading them again. The folders are walked every time.
pub fn load_with(site_dir: &Path, cache: &Cache, diags: &mut Diagnostics) -> Sources {
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
    let site_root = site_dir
        .canonicalize()
        .unwrap_or_else(|_| site_dir.to_path_buf());

    let (listing, patched) = find_files(site_dir, &site_root, cache, diags);
    let mut text_files = Vec::new();
    for (rel, abs) in listing.content {
        match Path::new(&rel).extension().and_then(|e| e.to_str()) {
            Some("md") => text_files.push((rel, abs, true)),
            Some("yaml" | "yml") => text_files.push((rel, abs, false)),
            _ => sources.content_assets.push(AssetFile { rel, abs }),
        }
    }
    sources.static_files = listing
        .statics
        .into_iter()
        .map(|(rel, abs)| AssetFile { rel, abs })
        .collect();

    // A patched list came with every change: other files need no look.
    if cache.is_enabled() && !patched {
        cache.keep_texts(&text_files.iter().map(|(_, abs, _)| abs.as_path()).collect());
    }
    let read: Vec<Result<(ContentFile, bool), Diagnostic>> = text_files
        .into_par_iter()
        .map(|(rel, abs, is_markdown)| {
            let path = format!("content/{rel}");
            cache
                .text(&abs, patched, || read_text(&abs, &path).map(|s| s.text))
                .map(|(text, digest)| {
                    let source = SourceText { path, text };
                    (
                        ContentFile {
                            rel,
                            source,
                            digest,
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
        Diagnostic::error("unreadable-file", format!("cannot read this file: {e}")).in_file(display)
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

/// The site's files, and whether they came from patching the last load's list (see
/// [`Cache::watched`]) rather than a walk.
fn find_files(
    site_dir: &Path,
    site_root: &Path,
    cache: &Cache,
    diags: &mut Diagnostics,
) -> (Listing, bool) {
    let content_dir = site_dir.join("content");
    let static_dir = site_dir.join("static");
    if let Some((mut listing, changed)) = cache.take_listing()
        && patch(&mut listing, &changed, site_dir)
    {
        cache.keep_listing(&listing);
        return (listing, true);
    }
    let mut found = Diagnostics::default();
    let listing = Listing {
        content: walk(&content_dir, "content", site_root, &mut found),
        statics: if static_dir.is_dir() {
            walk(&static_dir, "static", site_root, &mut found)
        } else {
            Vec::new()
        },
    };
    // A link is listed as its target, which the watcher does not report, and
    // problems must be found again each time: such a site is walked every time.
    let plain = |files: &[(String, PathBuf)], dir: &Path| {
        files.iter().all(|(rel, abs)| *abs == dir.join(rel))
    };
    if found.is_empty()
        && plain(&listing.content, &content_dir)
        && plain(&listing.statics, &static_dir)
    {
        cache.keep_listing(&listing);
    }
    diags.extend(found.into_vec());
    (listing, false)
}

/// Applies the watcher's `changed` paths to the last load's list, as a walk would
/// have found them. False when only a walk can tell: a folder or link changed, or a
/// path is not a file below `content/` or `static/` (changes to `themes/` need no
/// patch: the theme is read afresh on every build).
fn patch(listing: &mut Listing, changed: &[PathBuf], site_dir: &Path) -> bool {
    let content_dir = site_dir.join("content");
    let static_dir = site_dir.join("static");
    for path in changed {
        if path.starts_with(site_dir.join("themes")) && *path != site_dir.join("themes") {
            continue;
        }
        let (dir, files) = if path.starts_with(&content_dir) {
            (&content_dir, &mut listing.content)
        } else if path.starts_with(&static_dir) {
            (&static_dir, &mut listing.statics)
        } else {
            return false;
        };
        let Some(rel) = path
            .strip_prefix(dir)
            .ok()
            .and_then(|r| r.to_str())
            .map(|r| r.replace('\\', "/"))
        else {
            return false;
        };
        if rel.is_empty() {
            return false;
        }
        if rel.split('/').any(is_ignored_name) {
            continue;
        }
        match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.file_type().is_file() => {
                let at = files.binary_search_by(|(r, _)| Path::new(r).cmp(Path::new(&rel)));
                if let Err(i) = at {
                    let abs = dir.join(&rel);
                    files.insert(i, (rel, abs));
                }
            }
            Ok(_) => return false,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let below = format!("{rel}/");
                files.retain(|(r, _)| *r != rel && !r.starts_with(&below));
            }
            Err(_) => return false,
        }
    }
    true
}

/// Walks `dir` and returns (path under `dir`, absolute path) for every file to use,
/// sorted so that builds are deterministic.
fn walk(
    dir: &Path,
    label: &str,
    site_root: &Path,
    diags: &mut Diagnostics,
) -> Vec<(String, PathBuf)> {
    let mut found = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_str().is_some_and(is_ignored_name));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                diags.push(Diagnostic::error(
                    "unreadable-file",
                    format!("cannot read {path}: {e}"),
                ));
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let Some(rel) = rel.to_str().map(|s| s.replace('\\', "/")) else {
            diags.push(
                Diagnostic::error("bad-file-name", "this file name is not valid UTF-8")
                    .in_file(entry.path().display().to_string())
                    .with_help("rename the file using letters, digits and hyphens"),
            );
            continue;
        };
        let display = format!("{label}/{rel}");
        let file_type = entry.file_type();
        if file_type.is_symlink() {
            match entry.path().canonicalize() {
                Ok(target) if target.starts_with(site_root) => {
                    if target.is_file() {
                        found.push((rel, target));
                    } else {
                        diags.push(
                            Diagnostic::warning("symlinked-folder", "a link to a folder is not followed")
                                .in_file(display)
                                .with_help("move or copy the folder into place instead of linking to it"),
                        );
                    }
                }
                Ok(target) => diags.push(
                    Diagnostic::error(
                        "symlink-outside-site",
                        format!("this link points outside the site, to {}", target.display()),
                    )
                    .in_file(display)
                    .with_help("bcfsite never follows links out of the site folder; copy the file in if it should be published"),
                ),
                Err(e) => diags.push(
                    Diagnostic::error("broken-symlink", format!("this link points nowhere: {e}")).in_file(display),
                ),
            }
            continue;
        }
        if file_type.is_file() {
            found.push((rel, entry.into_path()));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The watcher's paths patch the last list as a walk would have found it; what
    /// a patch cannot tell (a folder that is there, a path outside the site's
    /// folders) asks for a walk.
    #[test]
    fn changed_paths_patch_the_list_or_ask_for_a_walk() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path();
        let content = site.join("content");
        std::fs::create_dir_all(content.join("news")).unwrap();
        std::fs::write(content.join("a-b.md"), "x").unwrap();
        std::fs::write(content.join("news/new.md"), "x").unwrap();
        let entry = |rel: &str| (rel.to_string(), content.join(rel));
        let listing = || Listing {
            content: vec![entry("a/keep.md"), entry("gone/x.md"), entry("news/old.md")],
            statics: Vec::new(),
        };

        let mut l = listing();
        let changed = [
            content.join("gone"),
            content.join("news/new.md"),
            content.join("a-b.md"),
            content.join("news/.new.md.swp"),
            site.join("themes/default/templates/page.html"),
        ];
        assert!(patch(&mut l, &changed, site));
        let rels: Vec<&str> = l.content.iter().map(|(r, _)| r.as_str()).collect();
        // Walk order: a folder's files before a sibling name that sorts after it.
        assert_eq!(rels, ["a/keep.md", "a-b.md", "news/new.md", "news/old.md"]);

        assert!(!patch(&mut listing(), &[content.join("news")], site));
        assert!(!patch(&mut listing(), &[site.to_path_buf()], site));
        assert!(!patch(&mut listing(), &[site.join("elsewhere.md")], site));
    }

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
        let s = load(dir.path(), &mut diags);
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
        let s = load(dir.path(), &mut diags);
        assert!(s.markdown.is_empty());
        assert_eq!(diags.errors().next().unwrap().code, "symlink-outside-site");
    }

    #[test]
    fn non_utf8_is_a_diagnostic() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(dir.path().join("content/p.md"), b"---\ntitle: \xff\n---\n").unwrap();
        let mut diags = Diagnostics::default();
        load(dir.path(), &mut diags);
        assert_eq!(diags.errors().next().unwrap().code, "not-utf8");
    }
}
