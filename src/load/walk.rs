//! Finding a site's files: walking `content/` and `static/` (or, for a
//! [`Cache::watched`](crate::incremental::Cache::watched) cache, patching the last walk's list with what changed), and
//! judging every symbolic link met on the way by where it leads.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::is_ignored_name;
use super::memo::{Listing, LoadMemo};
use super::names::{self, FileKind};
use crate::diagnostic::{Diagnostic, Diagnostics};

/// The site's files, and whether they came from patching the last load's list (see
/// [`Cache::watched`](crate::incremental::Cache::watched)) rather than a walk.
pub(super) fn find_files(
    site_dir: &Path,
    bounds: &Bounds,
    memo: &LoadMemo,
    diags: &mut Diagnostics,
) -> (Listing, bool) {
    let content_dir = site_dir.join("content");
    let static_dir = site_dir.join("static");
    if let Some((mut listing, changed)) = memo.take_listing()
        && patch(&mut listing, &changed, site_dir)
    {
        memo.keep_listing(&listing);
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
        memo.keep_listing(&listing);
    }
    diags.extend(found.into_vec());
    (listing, false)
}

/// Applies the watcher's `changed` paths to the last load's list, as a walk would
/// have found them. False when only a walk can tell: a folder or link changed, or a
/// path is not a file below `content/` or `static/` (changes to `themes/` need no
/// patch: the theme is read afresh on every build).
pub(super) fn patch(listing: &mut Listing, changed: &[PathBuf], site_dir: &Path) -> bool {
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
    pub(super) fn target_in_content(&self, listed: &Path, abs: &Path) -> Option<String> {
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
}
