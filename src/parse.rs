//! Stage 2, parse: front matter of every page, the site settings, the glossary, and
//! the kind of every data document. Pages are parsed in parallel; every problem is
//! collected so the editor sees them all at once.

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::content::front_matter::{self, FrontMatter};
use crate::content::slug::slugify;
use crate::data::glossary::{self, Glossary};
use crate::data::settings::{self, Settings};
use crate::data::{self, DataFile};
use crate::diagnostic::{Diagnostic, Diagnostics, SourceText};
use crate::incremental::Cache;
use crate::load::{AssetFile, ContentFile, Sources};
use memo::{ParseMemo, file_key};

mod memo;

/// What a Markdown file is, from its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// `_index.md` (in any case): the page of the section (folder) it sits in.
    SectionIndex,
    /// `index.md` (in any case): a page bundle; the other files in its folder
    /// belong to it.
    BundleIndex,
    /// Any other page (`.md` or `.markdown`).
    Page,
}

/// A parsed Markdown file.
#[derive(Clone, Debug)]
pub struct Document {
    /// Path under `content/`, e.g. `papers/2024-11-12-bcf-update/index.md`.
    pub rel: String,
    pub source: SourceText,
    pub front: FrontMatter,
    pub body: Range<usize>,
    pub role: Role,
    /// A digest of the text, for `serve`'s cache.
    pub digest: crate::incremental::Digest,
    /// Made once, with the parse: every stage after asks for it.
    url: String,
    /// Whether the body may hold a shortcode (`{{`), which reads the data.
    pub has_shortcodes: bool,
    /// A digest of the front matter, for `serve`'s cache.
    pub front_digest: crate::incremental::Digest,
    /// For a symbolic link, the path under `content/` of the file it leads to (see
    /// [`ContentFile::link_target`]).
    pub link_target: Option<String>,
}

impl Document {
    /// The folder the file sits in, under `content/` (`""` for the top).
    pub fn dir(&self) -> &str {
        parent_dir(&self.rel)
    }

    pub fn body_text(&self) -> &str {
        &self.source.text[self.body.clone()]
    }

    /// The page's address under the site root: each folder and the file name made a
    /// slug, so `plan/Our Priorities.md` is `plan/our-priorities/`. Sections and
    /// bundles take their folder's address.
    pub fn url(&self) -> &str {
        &self.url
    }
}

/// The address a Markdown file at `rel` has (or would have, had it parsed).
pub fn page_url(rel: &str) -> String {
    url_of(rel, role_of(rel))
}

fn role_of(rel: &str) -> Role {
    let name = rel.rsplit('/').next().unwrap_or_default();
    if crate::load::names::is_section_index(name) {
        Role::SectionIndex
    } else if crate::load::names::is_bundle_index(name) {
        Role::BundleIndex
    } else {
        Role::Page
    }
}

fn url_of(rel: &str, role: Role) -> String {
    let dir = parent_dir(rel);
    match role {
        Role::SectionIndex | Role::BundleIndex => folder_url(dir),
        Role::Page => {
            let name = rel.rsplit('/').next().unwrap_or_default();
            let stem = crate::load::names::page_stem(name);
            format!("{}{}/", folder_url(dir), slugify(stem))
        }
    }
}

/// URL path of a content folder: each segment made a slug, `""` for the top.
pub fn folder_url(dir: &str) -> String {
    dir.split('/')
        .filter(|s| !s.is_empty())
        .map(|s| format!("{}/", slugify(s)))
        .collect()
}

/// The folder part of a `/`-separated path (`""` at the top).
pub fn parent_dir(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..i])
}

/// Every folder above a path, from the top down, including `""`.
pub fn ancestor_dirs(rel: &str) -> impl Iterator<Item = &str> {
    let dir = parent_dir(rel);
    std::iter::once("").chain(
        dir.match_indices('/')
            .map(move |(i, _)| &dir[..i])
            .chain((!dir.is_empty()).then_some(dir)),
    )
}

/// Everything stage 2 produced.
#[derive(Debug)]
pub struct Parsed {
    pub site_dir: PathBuf,
    pub settings: Settings,
    pub glossary: Glossary,
    /// Shared, so `serve` reuses a parse without copying it.
    pub documents: Vec<Arc<Document>>,
    pub data: Vec<DataFile>,
    pub content_assets: Vec<AssetFile>,
    pub static_files: Vec<AssetFile>,
    /// Folders holding an `_index.md`, and folders holding an `index.md`.
    pub section_dirs: BTreeSet<String>,
    pub bundle_dirs: BTreeSet<String>,
}

/// Parses everything `load` found. Returns `None` when the site cannot be built at
/// all (no usable `site.yaml`); other problems are in `diags`.
///
/// With an enabled `cache`, the parse of each file whose path and text it has seen
/// before is reused.
pub fn parse(sources: Sources, cache: &Cache, diags: &mut Diagnostics) -> Option<Parsed> {
    let memo = cache.memo::<ParseMemo>();
    let mut settings = None;
    let mut glossary = Glossary::new();
    let mut data_files = Vec::new();
    for file in sources.data {
        match file.rel.as_str() {
            "site.yaml" => match settings::parse(&file.source) {
                Ok(s) => settings = Some(s),
                Err(ds) => diags.extend(ds),
            },
            "glossary.yaml" => match glossary::parse(&file.source) {
                Ok(g) => glossary = g,
                Err(d) => diags.push(d),
            },
            _ => data_files.push(file),
        }
    }

    let data: Vec<Result<DataFile, Diagnostic>> = data_files
        .into_par_iter()
        .map(|file| {
            memo.data_files
                .get_or(|| file_key("data", &file), || data::parse(file.clone()))
        })
        .collect();
    let mut docs = Vec::new();
    for d in data {
        match d {
            Ok(doc) => {
                if let data::DataDoc::Plan(plan) = &doc.doc {
                    diags.extend(data::plan::reconcile_totals(plan, &doc.file.source));
                }
                docs.push(doc)
            }
            Err(e) => diags.push(e),
        }
    }

    let parsed: Vec<Result<Arc<Document>, Vec<Diagnostic>>> = sources
        .markdown
        .into_par_iter()
        .map(|file| {
            memo.documents.get_or(
                || file_key("document", &file),
                || parse_document(file.clone()).map(Arc::new),
            )
        })
        .collect();
    let mut documents = Vec::with_capacity(parsed.len());
    for p in parsed {
        match p {
            Ok(doc) => documents.push(doc),
            Err(ds) => diags.extend(ds),
        }
    }

    let section_dirs: BTreeSet<String> = documents
        .iter()
        .filter(|d| d.role == Role::SectionIndex)
        .map(|d| d.dir().to_string())
        .collect();
    let bundle_dirs: BTreeSet<String> = documents
        .iter()
        .filter(|d| d.role == Role::BundleIndex)
        .map(|d| d.dir().to_string())
        .collect();
    for doc in &documents {
        if doc.role == Role::SectionIndex
            && let Some(bundle) = ancestor_dirs(&doc.rel).find(|d| bundle_dirs.contains(*d))
        {
            diags.push(
                Diagnostic::error("section-inside-bundle", "a section cannot sit inside a page bundle")
                    .at(&doc.source, 0..0)
                    .with_note(format!("content/{bundle}/index.md makes `{bundle}` a page bundle"))
                    .with_help("rename this file to `index.md` to make it a page of the bundle, or move the folder out"),
            );
        }
        if doc.role == Role::BundleIndex && section_dirs.contains(doc.dir()) {
            diags.push(
                Diagnostic::error("bundle-and-section", "a folder cannot hold both `index.md` and `_index.md`")
                    .at(&doc.source, 0..0)
                    .with_help("use `_index.md` for a section with pages below it, or `index.md` for one page with its files"),
            );
        }
    }

    let Some(settings) = settings else {
        if !diags.has_errors()
            || !diags
                .errors()
                .any(|d| d.file.as_deref() == Some("content/site.yaml"))
        {
            diags.push(
                Diagnostic::error("no-site-settings", "there is no `content/site.yaml`")
                    .with_help("create it with at least `title:` and `base_url:` (see `bcfsite init` for an example)"),
            );
        }
        return None;
    };

    Some(Parsed {
        site_dir: sources.site_dir,
        settings,
        glossary,
        documents,
        data: docs,
        content_assets: sources.content_assets,
        static_files: sources.static_files,
        section_dirs,
        bundle_dirs,
    })
}

fn parse_document(file: ContentFile) -> Result<Document, Vec<Diagnostic>> {
    let split = front_matter::split(&file.source).map_err(|d| vec![d])?;
    let front = front_matter::parse(&file.source, &split)?;
    let role = role_of(&file.rel);
    Ok(Document {
        front_digest: crate::incremental::digest_of(
            file.source.text[..split.body.start].as_bytes(),
        ),
        has_shortcodes: file.source.text[split.body.clone()].contains("{{"),
        url: url_of(&file.rel, role),
        digest: file.digest,
        link_target: file.link_target,
        rel: file.rel,
        source: file.source,
        front,
        body: split.body,
        role,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ancestors_from_the_top() {
        let a: Vec<_> = ancestor_dirs("a/b/c.md").collect();
        assert_eq!(a, ["", "a", "a/b"]);
        let a: Vec<_> = ancestor_dirs("c.md").collect();
        assert_eq!(a, [""]);
    }
}
