//! The render stage's memo: what `serve` reuses from one build's rendering in the
//! next, and the keys it is found by.
//!
//! The stage's stores ([`RenderMemo`]) and every lookup it makes in them are here, so
//! the rest of the stage renders as if there were no cache: it hands each step to a method below as a
//! closure, and gets back the result, computed or reused. A key names *everything the
//! step reads*; a step that reads something new needs it added to its key here, or
//! `serve` will show a stale page (the proptest `incremental_equals_full` catches
//! most such slips).
//!
//! Keys are built from two digests taken once per build: `context` (the site-wide
//! view, the templates, the glossary and `allow_raw_html`) and `structure` (every
//! input but page bodies, from [`structure`]). Both are `None` when the cache is
//! disabled, and then no key is computed at all: `bcfsite build` pays nothing for
//! the memo.

use std::sync::Arc;

use crate::content::markdown::Rendered;
use crate::diagnostic::Diagnostic;
use crate::incremental::{Cache, Digest, Key, Reuse, StageMemo, Store};
use crate::model::SiteModel;
use crate::output::{FileBytes, OutputFile};
use crate::visibility::PublicDocument;

use super::generated::SiteWide;
use super::links::LinkIndex;
use super::pages::PageOut;
use super::theme::Theme;
use super::views::{PageView, SiteView};

/// What the render stage keeps between builds.
pub(crate) struct RenderMemo {
    /// A page body rendered to HTML.
    bodies: Store<Result<Arc<Rendered>, Vec<Diagnostic>>>,
    /// A whole page from its template and context.
    pages: Store<Result<Arc<FileBytes>, Diagnostic>>,
    /// A page reused whole while only other pages' bodies changed.
    outputs: Store<Result<PageOut, Vec<Diagnostic>>>,
    /// A page's entry in the search index, as JSON.
    search_entries: Store<Arc<str>>,
    /// The search index, by every page's text and the structure.
    search_indexes: Store<OutputFile>,
    /// What no page body changes (data pages, feeds...), by the structure.
    site_wide: Store<Arc<SiteWide>>,
    /// Every address the site publishes, by the structure.
    link_indexes: Store<Arc<LinkIndex>>,
}

impl StageMemo for RenderMemo {
    fn new(cache: &Cache) -> Self {
        let on = cache.is_enabled();
        RenderMemo {
            bodies: Store::new(on),
            pages: Store::new(on),
            outputs: Store::new(on),
            search_entries: Store::new(on),
            search_indexes: Store::new(on),
            site_wide: Store::new(on),
            link_indexes: Store::new(on),
        }
    }

    fn end_build(&self, succeeded: bool, reuse: &mut Reuse) {
        let (_, markdown) = self.bodies.end_build(succeeded);
        let (reused_views, rendered) = self.pages.end_build(succeeded);
        let (reused_whole, _) = self.outputs.end_build(succeeded);
        reuse.markdown += markdown;
        reuse.rendered += rendered;
        reuse.reused += reused_views + reused_whole;
        self.search_entries.end_build(succeeded);
        self.search_indexes.end_build(succeeded);
        self.site_wide.end_build(succeeded);
        self.link_indexes.end_build(succeeded);
    }
}

/// The start of the digest of everything a build reads except page bodies: the build
/// options, every data file (site settings and glossary among them), every asset and
/// static file with its size and time, and the names of the Markdown files. Taken
/// before parsing, which consumes the sources.
pub(crate) fn inputs_but_markdown(
    sources: &crate::load::Sources,
    opts: &crate::BuildOptions,
) -> Key {
    let mut key = Key::new("structure");
    key.str(&format!(
        "{:?} {} {} {:?}",
        opts.audience, opts.include_drafts, opts.now, opts.base_url
    ));
    for f in &sources.data {
        key.str(&f.rel).digest(f.digest);
    }
    for f in &sources.markdown {
        key.str(&f.rel);
    }
    for a in sources.content_assets.iter().chain(&sources.static_files) {
        key.str(&a.rel);
        match std::fs::metadata(&a.abs) {
            Ok(m) => key.str(&format!("{:?}", crate::incremental::FileStamp::of(&m))),
            Err(_) => key.str("missing"),
        };
    }
    key
}

/// Finishes [`inputs_but_markdown`] with every page's front matter (by its digest): a
/// page's view reads other pages' front matter (listings, breadcrumbs, appendices),
/// never their bodies.
pub(crate) fn structure(mut key: Key, documents: &[Arc<crate::parse::Document>]) -> Digest {
    for d in documents {
        key.str(&d.rel).digest(d.front_digest);
    }
    key.finish()
}

/// The render stage's view of its memo for one build.
pub(super) struct Memo {
    stores: Arc<RenderMemo>,
    /// The digest of the site-wide context, templates and glossary (`None` when not
    /// caching).
    context: Option<Digest>,
    /// A digest of everything but page bodies (see [`Memo::page_out`]); `None` when
    /// not caching.
    structure: Option<Digest>,
}

impl Memo {
    pub(super) fn new(
        cache: &Cache,
        structure: Option<Digest>,
        model: &SiteModel,
        theme: &Theme,
        site: &SiteView,
    ) -> Self {
        let context = cache.is_enabled().then(|| {
            Key::new("context")
                .serialized(site)
                .digest(theme.digest())
                .serialized(&model.glossary)
                .flag(model.settings.allow_raw_html)
                .finish()
        });
        Memo {
            stores: cache.memo::<RenderMemo>(),
            context,
            structure,
        }
    }

    /// Starts a key with the context and the structure, where there are any.
    fn key(&self, step: &str) -> Key {
        let mut key = Key::new(step);
        if let Some(context) = self.context {
            key.digest(context);
        }
        if let Some(structure) = self.structure {
            key.digest(structure);
        }
        key
    }

    /// The key of a step no page body can change: it is made once per structure.
    fn by_structure(&self, step: &str) -> Digest {
        self.key(step).finish()
    }

    /// Every address the site publishes, for the link check.
    pub(super) fn link_index(&self, make: impl FnOnce() -> LinkIndex) -> Arc<LinkIndex> {
        self.stores
            .link_indexes
            .get_or(|| self.by_structure("link-index"), || Arc::new(make()))
    }

    /// The files no page body can change ([`super::generated`]).
    pub(super) fn site_wide(&self, make: impl FnOnce() -> SiteWide) -> Arc<SiteWide> {
        self.stores
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
        self.stores.search_indexes.get_or(
            || {
                let mut key = self.key("search-index");
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
        self.stores.search_entries.get_or(
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
        if self.structure.is_none() || doc.doc.has_shortcodes {
            return render();
        }
        let key = self
            .key("page-by-structure")
            .str(url)
            .str(&doc.doc.rel)
            .digest(doc.doc.digest)
            .finish();
        let mut fresh = false;
        let out = self.stores.outputs.get_or(
            || key,
            || {
                fresh = true;
                render()
            },
        );
        // Reusing the page keeps its body's and its bytes' entries alive too.
        if !fresh && let Ok(p) = &out {
            let [body, page] = p.keys();
            if let Some(body) = body {
                self.stores.bodies.touch(body);
            }
            if let Some(page) = page {
                self.stores.pages.touch(page);
            }
        }
        out
    }

    /// A page's body as HTML, and a digest that stands for it in the page's key
    /// (`None` when not caching).
    pub(super) fn body(
        &self,
        doc: &PublicDocument,
        render: impl FnOnce() -> Result<Rendered, Vec<Diagnostic>>,
    ) -> Result<(Arc<Rendered>, Option<Digest>), Vec<Diagnostic>> {
        let Some(context) = self.context else {
            return Ok((Arc::new(render()?), None));
        };
        // Without shortcodes a body reads nothing but its text and the site-wide
        // context, so it can be reused; with them it reads the data, so it is
        // rendered every time.
        if doc.doc.has_shortcodes {
            let rendered = render()?;
            let key = Key::new("body-with-shortcodes")
                .str(&rendered.html)
                .serialized(&rendered.headings)
                .finish();
            return Ok((Arc::new(rendered), Some(key)));
        }
        let key = Key::new("body")
            .digest(context)
            .str(&doc.doc.source.path)
            .digest(doc.doc.digest)
            .finish();
        let rendered = self
            .stores
            .bodies
            .get_or(|| key, || render().map(Arc::new))?;
        Ok((rendered, Some(key)))
    }

    /// A page's bytes from its template, view and body; reused when the template, the
    /// site-wide context, the view and the body are all unchanged. Returns the bytes
    /// and their key (`None` when not caching).
    ///
    /// The view's `content` is filled in from the body here, only when the page is
    /// rendered: the body is keyed by its digest, not hashed again with the view.
    pub(super) fn page(
        &self,
        doc: &PublicDocument,
        template: &str,
        mut view: PageView,
        (rendered, body_key): (Arc<Rendered>, Option<Digest>),
        render: impl FnOnce(&PageView) -> Result<Arc<FileBytes>, Diagnostic>,
    ) -> Result<(Arc<FileBytes>, Option<Digest>), Diagnostic> {
        let (Some(context), Some(body_key)) = (self.context, body_key) else {
            // Nothing else holds the body: take its HTML rather than copy it.
            view.content = Arc::try_unwrap(rendered).map_or_else(|r| r.html.clone(), |r| r.html);
            return render(&view).map(|bytes| (bytes, None));
        };
        let key = Key::new("page")
            .digest(context)
            .str(template)
            .str(&doc.doc.source.path)
            .serialized(&view)
            .digest(body_key)
            .finish();
        self.stores
            .pages
            .get_or(
                || key,
                || {
                    view.content = rendered.html.clone();
                    render(&view)
                },
            )
            .map(|bytes| (bytes, Some(key)))
    }
}
