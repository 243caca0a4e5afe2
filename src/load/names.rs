//! What a file is, from its name: a page, a data document, a backup or a file to
//! copy, and whether it is the flag file of a section or a bundle. Also which names
//! are one name on a disk that ignores case.
//!
//! Names and extensions compare without case: authors on Windows and macOS save
//! `_Index.md` or `report.MD`, and a flag file that is not recognised as one leaves
//! the rest of its folder published. The walk, the parse and `serve`'s patched file
//! list all ask this module, so they cannot disagree.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::Diagnostic;

/// What a file under `content/` is, by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// Markdown: `.md` or `.markdown`.
    Page,
    /// A data document: `.yaml` or `.yml`.
    Data,
    /// An editor's or a version-control tool's leftover copy (`page.md.bak`,
    /// `plan.yaml.orig`): never published, listed by `check`.
    Backup,
    /// Anything else: copied as it is (after a look at its start, see `sniff`).
    Asset,
}

const PAGE_EXTENSIONS: [&str; 2] = ["md", "markdown"];
const DATA_EXTENSIONS: [&str; 2] = ["yaml", "yml"];
/// Left by editors (`.bak`, `.save`, `.old`), by `patch` (`.orig`, `.rej`) and by
/// merge tools (`.orig`). A backup holds an earlier text of some file, flags and
/// all, so its name says nothing about whether it may be published.
const BACKUP_EXTENSIONS: [&str; 6] = ["bak", "backup", "orig", "rej", "save", "old"];

/// The extension of a file name, without the dot; none for `.hidden` or `README`.
fn extension(name: &str) -> Option<&str> {
    name.rsplit_once('.')
        .filter(|(stem, _)| !stem.is_empty())
        .map(|(_, ext)| ext)
}

fn is_one_of(ext: &str, list: &[&str]) -> bool {
    list.iter().any(|e| ext.eq_ignore_ascii_case(e))
}

/// What a file is, by its name (the last part of its path).
pub fn classify(name: &str) -> FileKind {
    match extension(name) {
        Some(ext) if is_one_of(ext, &BACKUP_EXTENSIONS) => FileKind::Backup,
        Some(ext) if is_one_of(ext, &PAGE_EXTENSIONS) => FileKind::Page,
        Some(ext) if is_one_of(ext, &DATA_EXTENSIONS) => FileKind::Data,
        _ => FileKind::Asset,
    }
}

/// A page's name without its extension (`Report.MD` → `Report`), from which its
/// address is made.
pub fn page_stem(name: &str) -> &str {
    match extension(name) {
        Some(ext) if is_one_of(ext, &PAGE_EXTENSIONS) => &name[..name.len() - ext.len() - 1],
        _ => name,
    }
}

/// Whether a page's name makes it the page of its section (`_index.md`, in any case).
pub fn is_section_index(name: &str) -> bool {
    classify(name) == FileKind::Page && page_stem(name).eq_ignore_ascii_case("_index")
}

/// Whether a page's name makes its folder a page bundle (`index.md`, in any case).
pub fn is_bundle_index(name: &str) -> bool {
    classify(name) == FileKind::Page && page_stem(name).eq_ignore_ascii_case("index")
}

/// A name as a disk that ignores case sees it, or `None` when that is the name as
/// it is (most names: lower-case ASCII).
fn folded(name: &str) -> Option<String> {
    if name.is_ascii() {
        name.bytes()
            .any(|b| b.is_ascii_uppercase())
            .then(|| name.to_ascii_lowercase())
    } else {
        Some(name.to_lowercase()).filter(|f| f != name)
    }
}

/// A name as the walk met it: its position in the list, and the name.
type Seen<'a> = (usize, &'a str);

/// Every (position, folder, name) of the files in `rels` and of the folders above
/// them, in walk order. A folder's parts are given when the walk enters it, not
/// again for each file in it.
fn parts<'a>(
    rels: impl IntoIterator<Item = &'a str>,
) -> impl Iterator<Item = (usize, &'a str, &'a str)> {
    let mut last_dir: Option<&str> = None;
    rels.into_iter().enumerate().flat_map(move |(i, rel)| {
        let dir = crate::parse::parent_dir(rel);
        // Files of the folder just listed: only the file name is new.
        let start = match last_dir {
            Some(last) if last == dir && !dir.is_empty() => dir.len() + 1,
            _ => 0,
        };
        last_dir = Some(dir);
        let mut at = Some(start);
        std::iter::from_fn(move || {
            let start = at?;
            let end = rel[start..].find('/').map_or(rel.len(), |j| start + j);
            at = (end < rel.len()).then_some(end + 1);
            let folder = if start == 0 { "" } else { &rel[..start - 1] };
            Some((i, folder, &rel[start..end]))
        })
    })
}

/// Names in one folder that differ only by case (`page.md` and `Page.md`, or the
/// folders `News/` and `news/`), among `rels` (paths under `label`, `/`-separated,
/// in walk order). On Windows and macOS such names are one file, and which of the
/// two a copy of the site keeps is luck, so each pair is an error naming both.
/// Folders are found through the files in them (an empty folder publishes nothing).
///
/// Two such names cannot both be as a case-blind disk sees them (lower case), so
/// only a site with a capital in some name pays for more than a look at each name.
pub fn case_clashes<'a>(
    rels: impl IntoIterator<Item = &'a str> + Clone,
    label: &str,
) -> Vec<Diagnostic> {
    // Folder → name folded → the first name with a capital that folds to it.
    let mut capitals: HashMap<&str, HashMap<String, Seen<'_>>> = HashMap::new();
    let mut pairs: Vec<(&str, Seen<'_>, Seen<'_>)> = Vec::new();
    for (i, folder, name) in parts(rels.clone()) {
        if let Some(f) = folded(name) {
            let first = *capitals
                .entry(folder)
                .or_default()
                .entry(f)
                .or_insert((i, name));
            if first.1 != name {
                pairs.push((folder, first, (i, name)));
            }
        }
    }
    if !capitals.is_empty() {
        for (i, folder, name) in parts(rels) {
            if let Some(&other) = capitals.get(folder).and_then(|names| names.get(name))
                && other.1 != name
            {
                pairs.push((folder, other, (i, name)));
            }
        }
    }
    let mut reported: HashSet<(&str, &str, &str)> = HashSet::new();
    let mut found = Vec::new();
    for (folder, a, b) in pairs {
        // The one the walk met first is named as the other.
        let (first, second) = if a.0 <= b.0 { (a.1, b.1) } else { (b.1, a.1) };
        if reported.insert((folder, first, second)) {
            found.push(clash(label, folder, first, second));
        }
    }
    found
}

fn clash(label: &str, folder: &str, first: &str, second: &str) -> Diagnostic {
    let path = |name: &str| match folder {
        "" => format!("{label}/{name}"),
        _ => format!("{label}/{folder}/{name}"),
    };
    Diagnostic::error(
        "case-clash",
        format!("`{second}` and `{first}` differ only in capital letters"),
    )
    .in_file(path(second))
    .with_note(format!("{} is the other", path(first)))
    .with_help("on Windows and macOS these are one name, so which one is published would be luck: rename or delete one of them")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_what_they_are() {
        use FileKind::*;
        for (name, kind) in [
            ("page.md", Page),
            ("page.MD", Page),
            ("Page.Md", Page),
            ("page.markdown", Page),
            ("page.MARKDOWN", Page),
            ("_INDEX.MD", Page),
            ("plan.yaml", Data),
            ("plan.YAML", Data),
            ("plan.Yml", Data),
            ("x.md.bak", Backup),
            ("x.BAK", Backup),
            ("page.md.orig", Backup),
            ("plan.yaml.orig", Backup),
            ("fix.rej", Backup),
            ("page.save", Backup),
            ("report.pdf.old", Backup),
            ("notes.backup", Backup),
            ("report.pdf", Asset),
            ("notes.txt", Asset),
            ("page.mdown", Asset),
            ("page.md.txt", Asset),
            ("README", Asset),
            ("bak", Asset),
            ("md", Asset),
            ("old.pdf", Asset),
        ] {
            assert_eq!(classify(name), kind, "{name}");
        }
    }

    #[test]
    fn flag_files_in_any_case() {
        for name in ["_index.md", "_Index.md", "_INDEX.MD", "_index.markdown"] {
            assert!(is_section_index(name), "{name}");
            assert!(!is_bundle_index(name), "{name}");
        }
        for name in ["index.md", "Index.md", "INDEX.MD", "Index.Markdown"] {
            assert!(is_bundle_index(name), "{name}");
            assert!(!is_section_index(name), "{name}");
        }
        for name in [
            "index.md.bak",
            "_index.yaml",
            "index.html",
            "my_index.md",
            "indexes.md",
        ] {
            assert!(!is_section_index(name) && !is_bundle_index(name), "{name}");
        }
    }

    #[test]
    fn page_stems() {
        assert_eq!(page_stem("Our Priorities.MD"), "Our Priorities");
        assert_eq!(page_stem("long.markdown"), "long");
        assert_eq!(page_stem("report.pdf"), "report.pdf");
    }

    fn clashes(rels: &[&str]) -> Vec<(String, Vec<String>)> {
        case_clashes(rels.iter().copied(), "content")
            .into_iter()
            .map(|d| (d.file.clone().unwrap(), d.notes.clone()))
            .collect()
    }

    #[test]
    fn names_that_differ_only_by_case() {
        assert!(clashes(&["a/page.md", "a/other.md", "b/page.md", "page.md"]).is_empty());
        assert!(
            clashes(&[
                "News/a.md",
                "News/b.md",
                "news-old/a.md",
                "Papers/a.md",
                "x/News"
            ])
            .is_empty()
        );
        assert_eq!(
            clashes(&["news/Page.md", "news/page.md"]),
            [(
                "content/news/page.md".into(),
                vec!["content/news/Page.md is the other".into()]
            )]
        );
        // Folders, reported once however many files they hold.
        assert_eq!(
            clashes(&["News/a.md", "News/sub/b.md", "news/c.md", "news/sub/d.md"]),
            [(
                "content/news".into(),
                vec!["content/News is the other".into()]
            )]
        );
        // A file and a folder, and names beyond ASCII.
        assert_eq!(clashes(&["Report/x.pdf", "report"]).len(), 1);
        assert_eq!(clashes(&["ÉTÉ.md", "été.md"]).len(), 1);
        assert_eq!(clashes(&["_Index.md", "_index.md", "INDEX.MD"]).len(), 1);
    }
}
