//! Content pages: every section and page made from Markdown, through its template.
//!
//! A page is its body (Markdown to HTML, glossary terms marked, links checked) and a
//! view of its front matter and its place in the site ([`PageView`]), rendered with
//! the template its kind or front matter names. This module does not know whether a
//! result is computed or reused: each step goes through [`Memo`], which decides.
//! [`render_section`] and [`render_page`] are called in parallel, one per job, by
//! [`super::render`], which gathers their results in order.

use std::sync::Arc;

use tera::Context;

use crate::content::abbr::Marker;
use crate::content::markdown::Rendered;
use crate::diagnostic::Diagnostic;
use crate::incremental::Digest;
use crate::model::{Page, SiteModel};
use crate::output::{FileBytes, OutputFile};
use crate::parse::Role;
use crate::visibility::PublicDocument;

use super::links::LinkIndex;
use super::memo::Memo;
use super::theme::{Theme, template_error};
use super::views::*;
use super::{data_pages, generated, search, shortcodes};

/// What every page's rendering shares.
pub(super) struct Shared<'a> {
    pub model: &'a SiteModel,
    pub theme: &'a Theme,
    pub site: &'a SiteView,
    pub links: &'a LinkIndex,
    pub memo: &'a Memo,
    /// `site` as a template value, made once: its maps are shared, not copied, by
    /// every page's context.
    pub site_value: tera::Value,
    /// Marks the first use of each glossary term in a body.
    pub abbr: Marker,
    /// Meetings with a page of their own, for each paper's link to its meeting.
    pub meeting_pages: super::meetings::MeetingPages,
}

/// A rendered page, its links with a `#` (for the anchor check), the start of its
/// text as a reader sees it (for the search index), and the cache keys of its body
/// and of the page (`None` without a cache), so that reusing the page also keeps those
/// entries alive.
#[derive(Clone, Debug)]
pub(crate) struct PageOut {
    pub(super) file: OutputFile,
    pub(super) anchored: Vec<String>,
    pub(super) excerpt: Arc<str>,
    /// Problems found on the way that did not stop the page being rendered (broken
    /// links): the page is rendered anyway, in memory, so that its anchors and the
    /// anchors into it are checked in the same run. A page with problems fails the
    /// build like any other error.
    pub(super) problems: Vec<Diagnostic>,
    keys: [Option<Digest>; 2],
}

impl PageOut {
    fn new(
        file: OutputFile,
        anchored: Vec<String>,
        excerpt: Arc<str>,
        keys: [Option<Digest>; 2],
    ) -> Self {
        PageOut {
            file,
            anchored,
            excerpt,
            problems: Vec::new(),
            keys,
        }
    }

    fn with_problems(mut self, problems: Vec<Diagnostic>) -> Self {
        self.problems = problems;
        self
    }

    /// The keys of its body and of its bytes in the memo.
    pub(super) fn keys(&self) -> [Option<Digest>; 2] {
        self.keys
    }
}

/// The body of a page as HTML, with the first use of each glossary term marked, and
/// a digest that stands for it in the page's key.
fn body(
    sh: &Shared,
    doc: &PublicDocument,
) -> Result<(Arc<Rendered>, Option<Digest>), Vec<Diagnostic>> {
    sh.memo.body(doc, || {
        let mut rendered = shortcodes::render_body(sh.model, sh.theme, sh.site, &doc.doc)?;
        rendered.html = sh.abbr.mark(&rendered.html);
        Ok(rendered)
    })
}

/// The view fields every page and section share, from its document.
///
/// The view's `content` is left empty: [`Memo::page`] fills it in from the body only
/// when the page has to be rendered.
fn base_view(
    sh: &Shared,
    doc: &PublicDocument,
    url: &str,
) -> Result<(PageView, Body, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (model, site) = (sh.model, sh.site);
    let f = &doc.doc.front;
    let (rendered, body_key) = body(sh, doc)?;
    let broken = sh.links.check(
        &doc.doc,
        url,
        &rendered.links,
        &rendered.html_links,
        &model.unpublished,
    );
    let view = PageView {
        title: f.title.clone(),
        summary: f.summary.clone(),
        date: f.date.map(|d| d.iso()),
        date_label: f.date.map(|d| d.label()),
        kind: f.kind.as_str(),
        url: format!("{}{url}", site.root),
        permalink: format!("{}{url}", site.base_url),
        content: String::new(),
        headings: rendered.headings.clone(),
        breadcrumbs: Vec::new(),
        confidential: doc.marked_confidential,
        exemption: f.exempt_paragraph.map(|p| ExemptionView {
            paragraph: p.0,
            meaning: p.meaning(),
        }),
        meeting: f.meeting.as_ref().map(|m| MeetingView {
            url: format!("{}{}", site.root, sh.meeting_pages.url_of(&m.board, m.date)),
            board: m.board.clone(),
            date: m.date.iso(),
            date_label: m.date.label(),
        }),
        appendix_label: f.appendix.clone(),
        parent: None,
        appendices: Vec::new(),
        withheld_appendices: Vec::new(),
        all_appendices: Vec::new(),
        assets: Vec::new(),
        relates_to: f.relates_to.clone(),
        about: data_pages::about_links(model, &f.relates_to, &site.root),
        source: f.source.as_ref().map(|s| SourceView {
            organisation: s.organisation.clone(),
            url: s.url.clone(),
            published: s.published.map(|d| d.iso()),
            published_label: s.published.map(|d| d.label()),
            experienced: s.experienced.clone(),
        }),
        consent: f.consent.clone(),
        is_section: false,
        pages: Vec::new(),
        subsections: Vec::new(),
        home: None,
        history: super::history::view(f),
        alternates: super::alternates::links(model, &doc.doc, url, &site.root)?,
        decision: f.decision.as_ref().map(super::record::decision_view),
        recommendations: super::record::recommendation_views(
            &f.recommendations,
            f.decision.as_ref(),
            f.kind.listed_as_feedback(),
        ),
        agenda: if f.kind.is_meeting_page() {
            super::meetings::agenda_for_page(model, f, &site.root)
        } else {
            None
        },
        meetings: Vec::new(),
    };
    Ok((
        view,
        Body {
            rendered,
            key: body_key,
        },
        broken,
    ))
}

/// A page's rendered body and the digest that stands for it.
struct Body {
    rendered: Arc<Rendered>,
    key: Option<Digest>,
}

impl Body {
    fn anchored_links(&self) -> Vec<String> {
        self.rendered
            .links
            .iter()
            .filter(|l| l.contains('#'))
            .cloned()
            .collect()
    }
}

pub(super) fn render_page(sh: &Shared, i: usize) -> Result<PageOut, Vec<Diagnostic>> {
    let page: &Page = &sh.model.pages[i];
    sh.memo
        .page_out(&page.doc, &page.url, || render_page_view(sh, i))
}

fn render_page_view(sh: &Shared, i: usize) -> Result<PageOut, Vec<Diagnostic>> {
    let (model, site) = (sh.model, sh.site);
    let page: &Page = &model.pages[i];
    let (mut view, body, broken) = base_view(sh, &page.doc, &page.url)?;
    view.breadcrumbs = breadcrumbs(model, Some(page.section), &site.root);
    if let Some(p) = page.parent_page {
        let parent = &model.pages[p];
        let link = Link {
            title: parent.doc.doc.front.title.clone(),
            url: format!("{}{}", site.root, parent.url),
        };
        view.breadcrumbs.push(link.clone());
        view.parent = Some(link);
    }
    view.appendices = page
        .children
        .iter()
        .map(|&c| {
            let child = &model.pages[c];
            AppendixView {
                label: child.doc.doc.front.appendix.clone().unwrap_or_default(),
                title: child.doc.doc.front.title.clone(),
                url: format!("{}{}", site.root, child.url),
                confidential: child.doc.marked_confidential,
            }
        })
        .collect();
    view.withheld_appendices = page
        .withheld_appendices
        .iter()
        .map(|w| WithheldView {
            label: w.label.clone(),
            title: w.title.clone(),
            exemption: w.paragraph.map(|p| ExemptionView {
                paragraph: p.0,
                meaning: p.meaning(),
            }),
        })
        .collect();
    view.all_appendices =
        super::appendix_list::all_appendices(&view.appendices, &view.withheld_appendices);
    view.assets = page
        .assets
        .iter()
        .map(|a| AssetView {
            name: a.name.clone(),
            url: format!("{}{}", site.root, a.url),
            description: describe_file(&a.name, a.bytes),
        })
        .collect();
    let template = choose_template(&page.doc, false);
    let out = format!("{}index.html", page.url);
    let links = body.anchored_links();
    let excerpt = search::excerpt(&body.rendered.html);
    let body_key = body.key;
    finish(
        render_view(sh, &page.doc, template, view, body, out),
        links,
        excerpt,
        body_key,
        broken,
    )
}

/// The page, carrying the problems found before its template; or every problem.
fn finish(
    rendered: Result<(OutputFile, Option<Digest>), Diagnostic>,
    links: Vec<String>,
    excerpt: Arc<str>,
    body_key: Option<Digest>,
    mut problems: Vec<Diagnostic>,
) -> Result<PageOut, Vec<Diagnostic>> {
    match rendered {
        Ok((f, page_key)) => {
            Ok(PageOut::new(f, links, excerpt, [body_key, page_key]).with_problems(problems))
        }
        Err(d) => {
            problems.push(d);
            Err(problems)
        }
    }
}

pub(super) fn render_section(sh: &Shared, i: usize) -> Option<Result<PageOut, Vec<Diagnostic>>> {
    let (model, theme, site) = (sh.model, sh.theme, sh.site);
    let section = &model.sections[i];
    let Some(doc) = section.index.as_ref() else {
        // A site without content/_index.md still gets a home page: the site's title
        // and its sections.
        return (i == 0).then(|| {
            generated::theme_page(
                model,
                theme,
                site,
                "index.html",
                &site.title,
                "",
                "index.html",
            )
            .map(|f| PageOut::new(f, Vec::new(), Arc::from(""), [None, None]))
            .map_err(|d| vec![d])
        });
    };
    Some(
        sh.memo
            .page_out(doc, &section.url, || render_section_view(sh, i, doc)),
    )
}

fn render_section_view(
    sh: &Shared,
    i: usize,
    doc: &PublicDocument,
) -> Result<PageOut, Vec<Diagnostic>> {
    let (model, site) = (sh.model, sh.site);
    let section = &model.sections[i];
    let (mut view, body, broken) = base_view(sh, doc, &section.url)?;
    view.is_section = true;
    view.breadcrumbs = breadcrumbs(model, section.parent, &site.root);
    view.pages = section
        .pages
        .iter()
        .map(|&p| {
            list_item(
                &model.pages[p].doc,
                format!("{}{}", site.root, model.pages[p].url),
            )
        })
        .collect();
    view.subsections = subsection_items(model, section, &site.root);
    if i == 0 {
        // The home page lists the latest papers from anywhere on the site.
        let mut papers: Vec<&Page> = model
            .pages
            .iter()
            .filter(|p| p.doc.doc.front.kind.listed_as_paper())
            .collect();
        papers.sort_by_key(|p| std::cmp::Reverse(p.doc.doc.front.date));
        view.pages = papers
            .into_iter()
            .take(5)
            .map(|p| list_item(&p.doc, format!("{}{}", site.root, p.url)))
            .collect();
        // Pages with no section of their own (in content/ itself, or in a top-level
        // folder without `_index.md`) would be listed nowhere: they follow the
        // sections under "Explore", unless already among the latest papers.
        let loose: Vec<ListItem> = section
            .pages
            .iter()
            .map(|&p| {
                let page = &model.pages[p];
                list_item(&page.doc, format!("{}{}", site.root, page.url))
            })
            .filter(|item| view.pages.iter().all(|l| l.url != item.url))
            .collect();
        view.subsections.extend(loose);
        view.home = Some(data_pages::home(model, sh.theme, &site.root).map_err(|d| vec![d])?);
    }
    let template = choose_template(doc, i == 0);
    let out = format!("{}index.html", section.url);
    let links = body.anchored_links();
    let excerpt = search::excerpt(&body.rendered.html);
    let body_key = body.key;
    finish(
        render_view(sh, doc, template, view, body, out),
        links,
        excerpt,
        body_key,
        broken,
    )
}

fn choose_template(doc: &PublicDocument, is_home: bool) -> &str {
    if let Some(t) = doc.doc.front.template.as_deref() {
        return t;
    }
    match (is_home, doc.doc.role) {
        (true, _) => "index.html",
        (false, Role::SectionIndex) => "section.html",
        (false, _) => doc.doc.front.kind.template(),
    }
}

/// Room for a page's HTML beyond its body: the default theme's chrome is about 4 KiB.
const PAGE_CHROME: usize = 8 * 1024;

/// Renders a page's view through its template (through the memo, which may reuse
/// the bytes); returns the file and the key of its bytes.
fn render_view(
    sh: &Shared,
    doc: &PublicDocument,
    template: &str,
    view: PageView,
    body: Body,
    out: String,
) -> Result<(OutputFile, Option<Digest>), Diagnostic> {
    let theme = sh.theme;
    if !theme.has_template(template) {
        return Err(unknown_template(theme, doc, template));
    }
    let render = |view: &PageView| {
        let mut ctx = Context::new();
        ctx.insert_value("site", sh.site_value.clone());
        ctx.insert("page", view);
        // Sized for the body and the theme's chrome, so the page is not copied as it
        // grows; the spare capacity is handed back in place.
        let mut html = Vec::with_capacity(view.content.len() + PAGE_CHROME);
        theme
            .tera
            .render_to(template, &ctx, &mut html)
            .map(|()| {
                html.shrink_to_fit();
                Arc::new(FileBytes::new(html))
            })
            .map_err(|e| {
                template_error(&e, &theme.sources)
                    .remove(0)
                    .with_note(format!("while rendering {}", doc.doc.source.path))
            })
    };
    sh.memo
        .page(doc, template, view, (body.rendered, body.key), render)
        .map(|(bytes, key)| (OutputFile::shared(out, bytes), key))
}

/// A page names a template the theme does not have.
fn unknown_template(theme: &Theme, doc: &PublicDocument, template: &str) -> Diagnostic {
    let src = &doc.doc.source;
    let span = crate::content::front_matter::key_span(src, "template").unwrap_or(0..0);
    Diagnostic::error(
        "unknown-template",
        format!("there is no template `{template}`"),
    )
    .at(src, span)
    .with_help(format!(
        "the templates available are: {}",
        theme
            .sources
            .keys()
            // A page's template: not a partial, the base, or one for the feeds.
            .filter(|k| !k.contains('/') && k.ends_with(".html") && *k != "base.html")
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    ))
}
