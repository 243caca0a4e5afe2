//! Stage 1, load: find every file of a site and read the text ones.
//!
//! Walks `content/` (and `static/`) with walkdir. Hidden files and editors' temporary
//! files are skipped, and backups are skipped with a warning ([`names`] says what a
//! file is from its name). A file that would be copied as it is but looks like a page
//! is refused ([`sniff`]). Symbolic links are judged by where they lead: never out of
//! the site, never from `static/` or a theme into `content/`, never to a file bcfsite
//! ignores; a link in `content/` carries the path of its target, by which the
//! visibility stage judges it.

pub mod names;
pub(crate) mod sniff;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Diagnostics, SourceText};
use crate::incremental::{Cache, Listing};
use names::FileKind;

/// A Markdown or YAML file of the site, read into memory.
#[derive(Clone, Debug)]
pub struct ContentFile {
    /// Path under `content/`, with `/` separators: `papers/2024-11-12/index.md`.
    pub rel: String,
    pub source: SourceText,
    /// A digest of the text, taken when it was read, for `serve`'s cache (0 when
    /// there is no cache).
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
    let bounds = Bounds::of(site_dir);

    let (listing, patched) = find_files(site_dir, &bounds, cache, diags);
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
    diags.extend(refuse_page_like(&sources, cache));

    // A patched list came with every change: other files need no look.
    if cache.is_enabled() && !patched {
        cache.keep_texts(
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
            cache
                .text(&abs, patched, || read_text(&abs, &path).map(|s| s.text))
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

/// The site's files, and whether they came from patching the last load's list (see
/// [`Cache::watched`]) rather than a walk.
fn find_files(
    site_dir: &Path,
    bounds: &Bounds,
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
        content: walk(&content_dir, "content", Tree::Content, bounds, &mut found),
        statics: walk_beside_content(&static_dir, "static", bounds, &mut found),
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

/// Which folder a walk is in, for judging its links.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tree {
    /// `content/`: every file is judged by the visibility stage, a link by its
    /// target's path.
    Content,
    /// `static/` and the theme's folders: published as they are, so nothing in them
    /// may come from `content/`.
    BesideContent,
}

/// The real paths of the site folder and of `content/`, by which links are judged.
pub(crate) struct Bounds {
    site: PathBuf,
    content: PathBuf,
}

impl Bounds {
    pub(crate) fn of(site_dir: &Path) -> Bounds {
        let real = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        Bounds {
            site: real(site_dir),
            content: real(&site_dir.join("content")),
        }
    }

    /// For a file of `content/` found at `listed` and read from `abs`: when the two
    /// differ (it is a link), the path under `content/` of the file it leads to.
    fn target_in_content(&self, listed: &Path, abs: &Path) -> Option<String> {
        if listed == abs {
            return None;
        }
        let rel = abs.strip_prefix(&self.content).ok()?.to_str()?;
        Some(rel.replace('\\', "/"))
    }

    /// Whether a link in `tree` may lead to `target` (a real path): not out of the
    /// site (a `content/` that is itself a link elsewhere counts as in), not from
    /// beside `content/` into it (nor to a folder holding it), and not to a file that
    /// bcfsite ignores.
    fn judge(&self, target: &Path, tree: Tree) -> Result<(), LinkProblem> {
        let in_content = target.starts_with(&self.content);
        let in_site = target.starts_with(&self.site);
        match tree {
            Tree::Content if !in_content && !in_site => return Err(LinkProblem::OutsideSite),
            Tree::BesideContent if !in_site => return Err(LinkProblem::OutsideSite),
            Tree::BesideContent if in_content || self.content.starts_with(target) => {
                return Err(LinkProblem::IntoContent);
            }
            _ => {}
        }
        let below = target
            .strip_prefix(if in_content {
                &self.content
            } else {
                &self.site
            })
            .unwrap_or(target);
        let parts: Vec<&str> = below.iter().filter_map(|p| p.to_str()).collect();
        let ignored = parts.iter().any(|p| is_ignored_name(p))
            || parts
                .last()
                .is_some_and(|name| names::classify(name) == FileKind::Backup);
        if ignored {
            return Err(LinkProblem::Ignored);
        }
        Ok(())
    }

    /// How a real path is shown: under the site when it is in it.
    fn show(&self, target: &Path) -> String {
        match target.strip_prefix(&self.site) {
            Ok(rel) => rel.display().to_string().replace('\\', "/"),
            Err(_) => target.display().to_string(),
        }
    }
}

/// Why a link may not be followed.
enum LinkProblem {
    OutsideSite,
    IntoContent,
    Ignored,
}

impl LinkProblem {
    /// The error for `display` (a link, or a folder reached through one: `root`)
    /// that leads to `target`.
    fn diagnostic(self, display: &str, target: &str, root: bool) -> Diagnostic {
        let what = if root {
            "this folder is reached through a link that leads"
        } else {
            "this link points"
        };
        let d = match self {
            LinkProblem::OutsideSite => Diagnostic::error(
                "symlink-outside-site",
                format!("{what} outside the site, to {target}"),
            )
            .with_help("bcfsite never follows links out of the site folder; copy the file in if it should be published"),
            LinkProblem::IntoContent => Diagnostic::error(
                "symlink-into-content",
                format!("{what} into `content/`, to {target}"),
            )
            .with_help("files in `content/` are published only where they are, once bcfsite has decided whether they may be; copy what is public into place instead of linking to it"),
            LinkProblem::Ignored => Diagnostic::error(
                "symlink-to-ignored",
                format!("{what} to {target}, which bcfsite ignores"),
            )
            .with_help("hidden files and folders, editors' temporary files and backups are never published, nor is a link to one; copy the file here under an ordinary name if it should be published"),
        };
        d.in_file(display)
    }
}

/// Walks `static/` or one of the theme's folders (`label`, such as
/// `themes/default/static`), which are published as they are. The folder is judged
/// by its real path first: when it, or a folder above it, is a link out of the site
/// or into `content/`, nothing in it is read. A folder that is not there holds
/// nothing.
pub(crate) fn walk_beside_content(
    dir: &Path,
    label: &str,
    bounds: &Bounds,
    diags: &mut Diagnostics,
) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let real = match dir.canonicalize() {
        Ok(real) => real,
        Err(e) => {
            diags.push(
                Diagnostic::error("unreadable-file", format!("cannot read {label}: {e}"))
                    .in_file(label),
            );
            return Vec::new();
        }
    };
    if let Err(problem) = bounds.judge(&real, Tree::BesideContent) {
        diags.push(problem.diagnostic(label, &bounds.show(&real), true));
        return Vec::new();
    }
    walk(dir, label, Tree::BesideContent, bounds, diags)
}

/// Walks `dir` and returns (path under `dir`, absolute path) for every file to use,
/// sorted so that builds are deterministic. A link to a file is listed with its
/// target's real path; a link that may not be followed is an error.
fn walk(
    dir: &Path,
    label: &str,
    tree: Tree,
    bounds: &Bounds,
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
                Ok(target) => match bounds.judge(&target, tree) {
                    Err(problem) => {
                        diags.push(problem.diagnostic(&display, &bounds.show(&target), false));
                    }
                    Ok(()) if target.is_file() => found.push((rel, target)),
                    Ok(()) => diags.push(
                        Diagnostic::warning(
                            "symlinked-folder",
                            "a link to a folder is not followed",
                        )
                        .in_file(display)
                        .with_help("move or copy the folder into place instead of linking to it"),
                    ),
                },
                Err(e) => diags.push(
                    Diagnostic::error("broken-symlink", format!("this link points nowhere: {e}"))
                        .in_file(display),
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
fn refuse_page_like(sources: &Sources, cache: &Cache) -> Vec<Diagnostic> {
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
            match cache
                .is_enabled()
                .then(|| std::fs::metadata(&asset.abs).ok())
                .flatten()
            {
                Some(meta) => cache.sniffs.get_or(
                    || {
                        crate::incremental::Key::new("sniff")
                            .str(&display)
                            .str(&asset.abs.to_string_lossy())
                            .str(&format!("{:?}", crate::incremental::FileStamp::of(&meta)))
                            .finish()
                    },
                    look,
                ),
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
        let s = load(dir.path(), &mut diags);
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
        let s = load(dir.path(), &mut diags);
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
        let s = load(dir.path(), &mut diags);
        assert!(s.static_files.is_empty());
        assert_eq!(diags.errors().next().unwrap().code, "symlink-into-content");
    }
}
