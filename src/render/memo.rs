//! The render stage's memo: what `serve` reuses from one build's rendering in the
//! next, and the keys it is found by.
//!
//! Every lookup the render stage makes in [`Cache`] is here, so the rest of the stage
//! renders as if there were no cache: it hands each step to a method below as a
//! closure, and gets back the result, computed or reused. A key names *everything the
//! step reads*; a step that reads something new needs it added to its key here, or
//! `serve` will show a stale page (the proptest `incremental_equals_full` catches
//! most such slips).
//!
//! Keys are built from two digests taken once per build: `context` (the site-wide
//! view, the templates, the glossary and `allow_raw_html`) and `structure` (every
//! input but page bodies, from [`crate::incremental::structure`]). Both are 0 when
//! the cache is disabled, and then no key is computed at all: `bcfsite build` pays
//! nothing for the memo.

use std::sync::Arc;

use crate::content::markdown::Rendered;
use crate::diagnostic::Diagnostic;
use crate::incremental::{Cache, Digest, Key};
use crate::model::SiteModel;
use crate::output::{FileBytes, OutputFile};
use crate::visibility::PublicDocument;

use super::generated::SiteWide;
use super::links::LinkIndex;
use super::pages::PageOut;
use super::theme::Theme;
use super::views::{PageView, SiteView};

/// The render stage's view of [`Cache`] for one build.
pub(super) struct Memo<'a> {
    cache: &'a Cache,
    /// The digest of the site-wide context, templates and glossary (0 when not
    /// caching).
    context: Digest,
    /// A digest of everything but page bodies (see [`Memo::page_out`]); 0 when not
    /// caching.
    structure: Digest,
}

impl<'a> Memo<'a> {
    pub(super) fn new(
        cache: &'a Cache,
        structure: Digest,
        model: &SiteModel,
        theme: &Theme,
        site: &SiteView,
    ) -> Self {
        let context = if cache.is_enabled() {
            Key::new("context")
                .serialized(site)
                .digest(theme.digest())
                .serialized(&model.glossary)
                .flag(model.settings.allow_raw_html)
                .finish()
        } else {
            0
        };
        Memo {
            cache,
            context,
            structure,
        }
    }

    /// The key of a step no page body can change: it is made once per structure.
    fn by_structure(&self, step: &str) -> Digest {
        Key::new(step)
            .digest(self.context)
            .digest(self.structure)
            .finish()
    }

    /// Every address the site publishes, for the link check.
    pub(super) fn link_index(&self, make: impl FnOnce() -> LinkIndex) -> Arc<LinkIndex> {
        self.cache
            .link_indexes
            .get_or(|| self.by_structure("link-index"), || Arc::new(make()))
    }

    /// The files no page body can change ([`super::generated`]).
    pub(super) fn site_wide(&self, make: impl FnOnce() -> SiteWide) -> Arc<SiteWide> {
        self.cache
            .site_wide
            .get_or(|| self.by_structure("site-wide"), || Arc::new(make()))
    }

    /// The search index. It holds the start of every page's text, so it changes with
    /// any body.
    pub(super) fn search_index(
        &self,
        model: &SiteModel,
        make: impl FnOnce() -> OutputFile,
    ) -> OutputFile {
        self.cache.search_indexes.get_or(
            || {
                let mut key = Key::new("search-index");
                key.digest(self.context).digest(self.structure);
                for d in model.sections.iter().filter_map(|s| s.index.as_ref()) {
                    key.digest(d.doc.digest);
                }
                for p in &model.pages {
                    key.digest(p.doc.doc.digest);
                }
                key.finish()
            },
            make,
        )
    }

    /// A page's entry in the search index, as JSON.
    pub(super) fn search_entry(
        &self,
        doc: &crate::parse::Document,
        url: &str,
        kind: &str,
        excerpt: &str,
        make: impl FnOnce() -> Arc<str>,
    ) -> Arc<str> {
        self.cache.search_entries.get_or(
            || {
                Key::new("search-entry")
                    .digest(doc.digest)
                    .str(url)
                    .str(kind)
                    .str(excerpt)
                    .finish()
            },
            make,
        )
    }

    /// `serve`'s quickest reuse: when nothing but page bodies changed since a page was
    /// last rendered (`structure`, a digest of every front matter, data file, asset
    /// and setting, is the same) and its own text is the same, its output is too,
    /// since a page reads no other page's body. Pages with shortcodes read data; they
    /// take the slower path, as does everything when there is no cache.
    pub(super) fn page_out(
        &self,
        doc: &PublicDocument,
        url: &str,
        render: impl FnOnce() -> Result<PageOut, Vec<Diagnostic>>,
    ) -> Result<PageOut, Vec<Diagnostic>> {
        if self.structure == 0 || doc.doc.has_shortcodes {
            return render();
        }
        let key = Key::new("page-by-structure")
            .digest(self.context)
            .digest(self.structure)
            .str(url)
            .str(&doc.doc.rel)
            .digest(doc.doc.digest)
            .finish();
        let mut fresh = false;
        let out = self.cache.outputs.get_or(
            || key,
            || {
                fresh = true;
                render()
            },
        );
        // Reusing the page keeps its body's and its bytes' entries alive too.
        if !fresh && let Ok(p) = &out {
            let [body, page] = p.keys();
            self.cache.bodies.touch(body);
            self.cache.pages.touch(page);
        }
        out
    }

    /// A page's body as HTML, and a digest that stands for it in the page's key (0
    /// when not caching).
    pub(super) fn body(
        &self,
        doc: &PublicDocument,
        render: impl FnOnce() -> Result<Rendered, Vec<Diagnostic>>,
    ) -> Result<(Arc<Rendered>, Digest), Vec<Diagnostic>> {
        if !self.cache.is_enabled() {
            return Ok((Arc::new(render()?), 0));
        }
        // Without shortcodes a body reads nothing but its text and the site-wide
        // context, so it can be reused; with them it reads the data, so it is
        // rendered every time.
        if doc.doc.has_shortcodes {
            let rendered = render()?;
            let key = Key::new("body-with-shortcodes")
                .str(&rendered.html)
                .serialized(&rendered.headings)
                .finish();
            return Ok((Arc::new(rendered), key));
        }
        let key = Key::new("body")
            .digest(self.context)
            .str(&doc.doc.source.path)
            .digest(doc.doc.digest)
            .finish();
        let rendered = self
            .cache
            .bodies
            .get_or(|| key, || render().map(Arc::new))?;
        Ok((rendered, key))
    }

    /// A page's bytes from its template, view and body; reused when the template, the
    /// site-wide context, the view and the body are all unchanged. Returns the bytes
    /// and their key (0 when not caching).
    ///
    /// The view's `content` is filled in from the body here, only when the page is
    /// rendered: the body is keyed by its digest, not hashed again with the view.
    pub(super) fn page(
        &self,
        doc: &PublicDocument,
        template: &str,
        mut view: PageView,
        (rendered, body_key): (Arc<Rendered>, Digest),
        render: impl FnOnce(&PageView) -> Result<Arc<FileBytes>, Diagnostic>,
    ) -> Result<(Arc<FileBytes>, Digest), Diagnostic> {
        if !self.cache.is_enabled() {
            // Nothing else holds the body: take its HTML rather than copy it.
            view.content = Arc::try_unwrap(rendered).map_or_else(|r| r.html.clone(), |r| r.html);
            return render(&view).map(|bytes| (bytes, 0));
        }
        let key = Key::new("page")
            .digest(self.context)
            .str(template)
            .str(&doc.doc.source.path)
            .serialized(&view)
            .digest(body_key)
            .finish();
        self.cache
            .pages
            .get_or(
                || key,
                || {
                    view.content = rendered.html.clone();
                    render(&view)
                },
            )
            .map(|bytes| (bytes, key))
    }
}
