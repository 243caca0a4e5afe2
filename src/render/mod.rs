//! Stage 5, render: Markdown to HTML, then every page through its Tera template.
//!
//! Pages are rendered in parallel; the templates are compiled once, and the parts of
//! the context that are the same on every page (`site`) are built once.

pub mod charts;
pub mod data_pages;
pub mod downloads;
pub mod feeds;
pub mod links;
pub mod paths;
pub mod search;
pub mod shortcodes;
pub mod theme;
pub mod views;

use std::sync::Arc;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use tera::Context;

use crate::content::markdown::Rendered;
use crate::diagnostic::Diagnostic;
use crate::incremental::{Cache, Digest, Key};
use crate::model::{Page, Section, SiteModel};
use crate::output::{Contents, OutputFile};
use crate::parse::Role;
use crate::visibility::{Audience, PublicDocument};
use theme::{Theme, template_error};
use views::*;

/// Where the accessibility statement lives; the footer of every page links to it.
pub const ACCESSIBILITY_URL: &str = "accessibility/";
/// Where the search page lives.
pub const SEARCH_URL: &str = "search/";
/// Where the glossary lives, when the site has one.
pub const GLOSSARY_URL: &str = "glossary/";

pub struct RenderOptions<'a> {
    /// Overrides `base_url` (serve uses the local address).
    pub base_url: Option<String>,
    pub progress: bool,
    /// What `serve` kept from earlier builds.
    pub cache: &'a Cache,
    /// A digest of every input but page bodies, from [`crate::incremental`]; 0 when
    /// there is no cache.
    pub structure: Digest,
}

/// What every page's rendering shares.
struct Shared<'a> {
    model: &'a SiteModel,
    theme: &'a Theme,
    site: &'a SiteView,
    links: &'a links::LinkIndex,
    cache: &'a Cache,
    /// The digest of the site-wide context, templates and glossary (only when caching).
    context: Digest,
    /// `site` as a template value, made once: its maps are shared, not copied, by
    /// every page's context.
    site_value: tera::Value,
    /// A digest of everything but page bodies (see [`reuse_or`]); 0 when not caching.
    structure: Digest,
    /// Marks the first use of each glossary term in a body.
    abbr: crate::content::abbr::Marker,
}

/// Renders every page, section and file of the model.
pub fn render(
    model: &SiteModel,
    theme: &Theme,
    opts: &RenderOptions,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let site = site_view(model, opts);
    let bar = progress_bar(opts.progress, model.pages.len() + model.sections.len());
    let context = if opts.cache.is_enabled() {
        Key::new("context")
            .serialized(&site)
            .digest(theme.digest())
            .serialized(&model.glossary)
            .flag(model.settings.allow_raw_html)
            .finish()
    } else {
        0
    };
    // What no page body can change is made once per structure (see `reuse_or`).
    let by_structure = |step: &str| {
        Key::new(step)
            .digest(context)
            .digest(opts.structure)
            .finish()
    };
    // Every path is claimed before anything is rendered; a clash stops the build here.
    let paths = paths::OutputPaths::claim(model, theme);
    if !paths.problems().is_empty() {
        return Err(paths.problems().to_vec());
    }
    let links = opts.cache.link_indexes.get_or(
        || by_structure("link-index"),
        || Arc::new(link_index(&paths, model, &site)),
    );
    let shared = Shared {
        model,
        theme,
        site: &site,
        links: &links,
        cache: opts.cache,
        context,
        site_value: tera::Value::from_serializable(&site),
        structure: opts.structure,
        abbr: crate::content::abbr::Marker::new(&model.glossary),
    };

    let mut jobs: Vec<Job> = Vec::with_capacity(model.pages.len() + model.sections.len());
    jobs.extend((0..model.sections.len()).map(Job::Section));
    jobs.extend((0..model.pages.len()).map(Job::Page));

    let results: Vec<(&Job, Result<PageOut, Vec<Diagnostic>>)> = jobs
        .par_iter()
        .filter_map(|job| {
            let r = match *job {
                Job::Section(i) => render_section(&shared, i),
                Job::Page(i) => Some(render_page(&shared, i)),
            };
            bar.inc(1);
            r.map(|r| (job, r))
        })
        .collect();
    bar.finish_and_clear();

    let wide = opts.cache.site_wide.get_or(
        || by_structure("site-wide"),
        || Arc::new(site_wide(model, theme, &site, &paths)),
    );
    let mut files = Vec::with_capacity(results.len() + model.files.len() + 8);
    files.extend(wide.data_pages.iter().cloned());
    let mut problems = wide.page_problems.clone();
    // (source, URL, links with a `#`) of every page, for the anchor check below.
    let mut anchored: Vec<(&crate::parse::Document, &str, Vec<String>)> = Vec::new();
    let mut excerpts = search::Excerpts::new(model);
    for (job, r) in results {
        match r {
            Ok(PageOut {
                file: f,
                anchored: links,
                excerpt,
                ..
            }) => {
                files.push(f);
                match *job {
                    Job::Section(i) => excerpts.sections[i] = excerpt,
                    Job::Page(i) => excerpts.pages[i] = excerpt,
                }
                if !links.is_empty() {
                    let (doc, url) = match *job {
                        Job::Section(i) => {
                            let s = &model.sections[i];
                            match &s.index {
                                Some(d) => (&*d.doc, s.url.as_str()),
                                None => continue,
                            }
                        }
                        Job::Page(i) => (&*model.pages[i].doc.doc, model.pages[i].url.as_str()),
                    };
                    anchored.push((doc, url, links));
                }
            }
            Err(ds) => problems.extend(ds),
        }
    }
    files.extend(wide.generated.iter().cloned());
    if !problems.is_empty() || !wide.generated_problems.is_empty() {
        problems.extend(wide.generated_problems.iter().cloned());
        return Err(problems);
    }
    files.extend(wide.redirects.iter().cloned());
    problems.extend(wide.redirect_problems.iter().cloned());
    problems.extend(links::check_anchors(
        &links,
        anchored.iter().map(|(d, u, l)| (*d, *u, l.as_slice())),
        &files,
    ));
    if !problems.is_empty() {
        return Err(problems);
    }
    files.extend(wide.downloads.iter().cloned());
    // A site's own static file replaces the theme's at the same path (a rule of
    // `paths`).
    files.extend(
        theme
            .static_files
            .iter()
            .filter(|f| paths.writes_theme_file(&f.path))
            .cloned(),
    );
    files.extend(model.files.iter().map(|f| OutputFile {
        path: f.output.clone(),
        contents: Contents::Copy(f.source.clone()),
    }));
    files.extend(wide.for_machines.iter().cloned());
    // The index holds the start of every page's text, so it changes with any body.
    files.push(opts.cache.search_indexes.get_or(
        || {
            let mut key = Key::new("search-index");
            key.digest(context).digest(opts.structure);
            for d in model.sections.iter().filter_map(|s| s.index.as_ref()) {
                key.digest(d.doc.digest);
            }
            for p in &model.pages {
                key.digest(p.doc.doc.digest);
            }
            key.finish()
        },
        || search::index(model, &site.root, &excerpts, opts.cache),
    ));
    let unclaimed = paths.check_written(&files);
    if !unclaimed.is_empty() {
        return Err(unclaimed);
    }
    Ok(files)
}

/// The files of a build that no page body can change: data pages and their
/// downloads, the theme's own pages, redirects, the sitemap and feed. Problems are
/// kept apart by where [`render`] reports them, so that a build with and without a
/// cache fails alike.
#[derive(Debug)]
pub(crate) struct SiteWide {
    data_pages: Vec<OutputFile>,
    /// Problems of the data pages, reported with those of content pages.
    page_problems: Vec<Diagnostic>,
    generated: Vec<OutputFile>,
    generated_problems: Vec<Diagnostic>,
    redirects: Vec<OutputFile>,
    redirect_problems: Vec<Diagnostic>,
    downloads: Vec<OutputFile>,
    /// `sitemap.xml`, `feed.xml` and `robots.txt`.
    for_machines: Vec<OutputFile>,
}

fn site_wide(
    model: &SiteModel,
    theme: &Theme,
    site: &SiteView,
    paths: &paths::OutputPaths,
) -> SiteWide {
    // Downloads first, so each table can link to its files with their sizes.
    let downloads = downloads::build(model, site);
    let mut pages = data_pages::pages(model, &site.root, &site.base_url);
    for page in &mut pages {
        for table in &mut page.data.tables {
            if let Some(links) = downloads.links.get(&(page.url.clone(), table.id.clone())) {
                table.downloads = links.clone();
            }
        }
    }
    let (data_pages, page_problems) = split_results(
        pages
            .into_par_iter()
            .map(|p| render_data_page(theme, site, p))
            .collect(),
    );

    let mut generated = vec![render_generated(
        model,
        theme,
        site,
        "404.html",
        "Page not found",
        "404.html",
        "404.html",
    )];
    // A site may write its own statement as a page at /accessibility/; otherwise the
    // theme writes one from site.yaml (a rule of `paths`).
    if paths.writes(paths::Builtin::Accessibility) {
        generated.push(render_generated(
            model,
            theme,
            site,
            "accessibility.html",
            "Accessibility statement",
            ACCESSIBILITY_URL,
            &format!("{ACCESSIBILITY_URL}index.html"),
        ));
    }
    generated.push(render_generated(
        model,
        theme,
        site,
        "search.html",
        "Search",
        SEARCH_URL,
        &format!("{SEARCH_URL}index.html"),
    ));
    if paths.writes(paths::Builtin::Glossary) {
        generated.push(render_generated(
            model,
            theme,
            site,
            "glossary.html",
            "Glossary",
            GLOSSARY_URL,
            &format!("{GLOSSARY_URL}index.html"),
        ));
    }
    let (generated, generated_problems) = split_results(generated);

    let mut redirects = Vec::new();
    let mut redirect_problems = Vec::new();
    for r in &model.redirects {
        let mut view = PageView::blank(
            r.title.clone(),
            "redirect",
            format!("{}{}", site.root, r.target),
            format!("{}{}", site.base_url, r.target),
        );
        view.summary = Some(format!(
            "This page has moved to {}{}",
            site.base_url, r.target
        ));
        let mut ctx = Context::new();
        ctx.insert("site", site);
        ctx.insert("page", &view);
        match theme.tera.render("redirect.html", &ctx) {
            Ok(html) => redirects.push(OutputFile::bytes(r.output.clone(), html)),
            Err(e) => redirect_problems.extend(template_error(&e, &theme.sources)),
        }
    }
    let for_machines = match model.audience {
        // A members' site is for nobody else: no sitemap or feed, and no robots.
        Audience::Members => vec![OutputFile::bytes(
            "robots.txt",
            "User-agent: *\nDisallow: /\n",
        )],
        Audience::Public => feeds::render(model, site, paths),
    };
    SiteWide {
        data_pages,
        page_problems,
        generated,
        generated_problems,
        redirects,
        redirect_problems,
        downloads: downloads.files,
        for_machines,
    }
}

fn split_results(
    results: Vec<Result<OutputFile, Diagnostic>>,
) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let mut files = Vec::with_capacity(results.len());
    let mut problems = Vec::new();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(d) => problems.push(d),
        }
    }
    (files, problems)
}

/// Every address this build will publish, for checking links before rendering: the
/// paths claimed in `paths`, so that a file added there can be linked to at once.
fn link_index(paths: &paths::OutputPaths, model: &SiteModel, site: &SiteView) -> links::LinkIndex {
    links::LinkIndex::new(
        paths.paths(),
        &site.root,
        &[&site.base_url, &model.settings.base_url],
    )
}

enum Job {
    Section(usize),
    Page(usize),
}

/// A rendered page, its links with a `#` (for the anchor check), the start of its
/// text as a reader sees it (for the search index), and the cache keys of its body
/// and of the page (0 without a cache), so that reusing the page also keeps those
/// entries alive.
#[derive(Clone, Debug)]
pub(crate) struct PageOut {
    file: OutputFile,
    anchored: Vec<String>,
    excerpt: Arc<str>,
    keys: [Digest; 2],
}

impl PageOut {
    fn new(file: OutputFile, anchored: Vec<String>, excerpt: Arc<str>, keys: [Digest; 2]) -> Self {
        PageOut {
            file,
            anchored,
            excerpt,
            keys,
        }
    }
}

/// `serve`'s quickest reuse: when nothing but page bodies changed since a page was
/// last rendered (`sh.structure`, a digest of every front matter, data file, asset and
/// setting, is the same) and its own text is the same, its output is too, since a page
/// reads no other page's body. Pages with shortcodes read data; they take the slower
/// path, as does everything when there is no cache.
fn reuse_or(
    sh: &Shared,
    doc: &PublicDocument,
    url: &str,
    render: impl FnOnce() -> Result<PageOut, Vec<Diagnostic>>,
) -> Result<PageOut, Vec<Diagnostic>> {
    if sh.structure == 0 || doc.doc.has_shortcodes {
        return render();
    }
    let key = Key::new("page-by-structure")
        .digest(sh.context)
        .digest(sh.structure)
        .str(url)
        .str(&doc.doc.rel)
        .digest(doc.doc.digest)
        .finish();
    let mut fresh = false;
    let out = sh.cache.outputs.get_or(
        || key,
        || {
            fresh = true;
            render()
        },
    );
    if !fresh && let Ok(p) = &out {
        sh.cache.bodies.touch(p.keys[0]);
        sh.cache.pages.touch(p.keys[1]);
    }
    out
}

fn progress_bar(enabled: bool, len: usize) -> ProgressBar {
    if !enabled {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("rendering {bar:30} {pos}/{len} pages")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

fn site_view(model: &SiteModel, opts: &RenderOptions) -> SiteView {
    let s = &model.settings;
    let base_url = opts.base_url.clone().unwrap_or_else(|| s.base_url.clone());
    let base_url = if base_url.ends_with('/') {
        base_url
    } else {
        format!("{base_url}/")
    };
    let root = crate::data::settings::url_prefix(&base_url);
    let mut nav: Vec<Link> = model
        .root()
        .subsections
        .iter()
        .map(|&i| section_link(model, &model.sections[i], &root))
        .collect();
    nav.extend(data_pages::nav_links(&model.data, &root));
    SiteView {
        title: s.title.clone(),
        description: s.description.clone(),
        language: s.language.clone(),
        base_url,
        root,
        licence: s.licence(),
        contact: s.contact.clone(),
        area: s.area.clone(),
        nav,
        audience: match model.audience {
            Audience::Public => "public",
            Audience::Members => "members",
        },
        glossary: model
            .glossary
            .iter()
            .map(|(term, expansion)| Term {
                term: term.clone(),
                expansion: expansion.clone(),
            })
            .collect(),
        accessibility: AccessibilityView {
            status: s.accessibility.status,
            issues: s.accessibility.issues.clone(),
            prepared: s.accessibility.prepared.map(|d| d.iso()),
            prepared_label: s.accessibility.prepared.map(|d| d.label()),
            reviewed_label: s.accessibility.reviewed.map(|d| d.label()),
        },
    }
}

fn section_title(model: &SiteModel, section: &Section) -> String {
    match &section.index {
        Some(doc) => doc.doc.front.title.clone(),
        None => model.settings.title.clone(),
    }
}

fn section_link(model: &SiteModel, section: &Section, root: &str) -> Link {
    Link {
        title: section_title(model, section),
        url: format!("{root}{}", section.url),
    }
}

fn breadcrumbs(model: &SiteModel, mut section: Option<usize>, root: &str) -> Vec<Link> {
    let mut crumbs = Vec::new();
    while let Some(i) = section {
        let s = &model.sections[i];
        crumbs.push(if i == 0 {
            Link {
                title: "Home".into(),
                url: root.to_string(),
            }
        } else {
            section_link(model, s, root)
        });
        section = s.parent;
    }
    crumbs.reverse();
    crumbs
}

/// The sections inside `section`, as listing items.
fn subsection_items(model: &SiteModel, section: &Section, root: &str) -> Vec<ListItem> {
    section
        .subsections
        .iter()
        .filter_map(|&s| {
            let sub = &model.sections[s];
            sub.index
                .as_ref()
                .map(|d| list_item(d, format!("{root}{}", sub.url)))
        })
        .collect()
}

pub(crate) fn list_item(doc: &PublicDocument, url: String) -> ListItem {
    let f = &doc.doc.front;
    ListItem {
        title: f.title.clone(),
        url,
        summary: f.summary.clone(),
        date: f.date.map(|d| d.iso()),
        date_label: f.date.map(|d| d.label()),
        kind: f.kind.as_str(),
        confidential: doc.marked_confidential,
        source: f.source.as_ref().map(|s| s.organisation.clone()),
    }
}

/// The body of a page as HTML, with the first use of each glossary term marked, and
/// a digest that stands for it in the page's cache key.
fn body(sh: &Shared, doc: &PublicDocument) -> Result<(Arc<Rendered>, Digest), Vec<Diagnostic>> {
    let render = || -> Result<Rendered, Vec<Diagnostic>> {
        let mut rendered = shortcodes::render_body(sh.model, sh.theme, sh.site, &doc.doc)?;
        rendered.html = sh.abbr.mark(&rendered.html);
        Ok(rendered)
    };
    if !sh.cache.is_enabled() {
        return Ok((Arc::new(render()?), 0));
    }
    // Without shortcodes a body reads nothing but its text and the site-wide context,
    // so it can be reused; with them it reads the data, so it is rendered every time.
    if doc.doc.has_shortcodes {
        let rendered = render()?;
        let key = Key::new("body-with-shortcodes")
            .str(&rendered.html)
            .serialized(&rendered.headings)
            .finish();
        return Ok((Arc::new(rendered), key));
    }
    let key = Key::new("body")
        .digest(sh.context)
        .str(&doc.doc.source.path)
        .digest(doc.doc.digest)
        .finish();
    let rendered = sh.cache.bodies.get_or(|| key, || render().map(Arc::new))?;
    Ok((rendered, key))
}

/// The view fields every page and section share, from its document.
///
/// The view's `content` is left empty: [`render_view`] fills it in from the body only
/// when the page has to be rendered.
fn base_view(
    sh: &Shared,
    doc: &PublicDocument,
    url: &str,
) -> Result<(PageView, Body), Vec<Diagnostic>> {
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
    if !broken.is_empty() {
        return Err(broken);
    }
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
            board: m.board.clone(),
            date: m.date.iso(),
            date_label: m.date.label(),
        }),
        appendix_label: f.appendix.clone(),
        parent: None,
        appendices: Vec::new(),
        withheld_appendices: Vec::new(),
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
    };
    Ok((
        view,
        Body {
            rendered,
            key: body_key,
        },
    ))
}

/// A page's rendered body and the digest that stands for it.
struct Body {
    rendered: Arc<Rendered>,
    key: Digest,
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

fn render_page(sh: &Shared, i: usize) -> Result<PageOut, Vec<Diagnostic>> {
    let page: &Page = &sh.model.pages[i];
    reuse_or(sh, &page.doc, &page.url, || render_page_view(sh, i))
}

fn render_page_view(sh: &Shared, i: usize) -> Result<PageOut, Vec<Diagnostic>> {
    let (model, site) = (sh.model, sh.site);
    let page: &Page = &model.pages[i];
    let (mut view, body) = base_view(sh, &page.doc, &page.url)?;
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
    render_view(sh, &page.doc, template, view, body, out)
        .map(|(f, page_key)| PageOut::new(f, links, excerpt, [body_key, page_key]))
        .map_err(|d| vec![d])
}

fn render_section(sh: &Shared, i: usize) -> Option<Result<PageOut, Vec<Diagnostic>>> {
    let (model, theme, site) = (sh.model, sh.theme, sh.site);
    let section = &model.sections[i];
    let Some(doc) = section.index.as_ref() else {
        // A site without content/_index.md still gets a home page: the site's title
        // and its sections.
        return (i == 0).then(|| {
            render_generated(
                model,
                theme,
                site,
                "index.html",
                &site.title,
                "",
                "index.html",
            )
            .map(|f| PageOut::new(f, Vec::new(), Arc::from(""), [0, 0]))
            .map_err(|d| vec![d])
        });
    };
    Some(reuse_or(sh, doc, &section.url, || {
        render_section_view(sh, i, doc)
    }))
}

fn render_section_view(
    sh: &Shared,
    i: usize,
    doc: &PublicDocument,
) -> Result<PageOut, Vec<Diagnostic>> {
    let (model, site) = (sh.model, sh.site);
    let section = &model.sections[i];
    let (mut view, body) = base_view(sh, doc, &section.url)?;
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
        view.home = Some(data_pages::home(model, &site.root));
    }
    let template = choose_template(doc, i == 0);
    let out = format!("{}index.html", section.url);
    let links = body.anchored_links();
    let excerpt = search::excerpt(&body.rendered.html);
    let body_key = body.key;
    render_view(sh, doc, template, view, body, out)
        .map(|(f, page_key)| PageOut::new(f, links, excerpt, [body_key, page_key]))
        .map_err(|d| vec![d])
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

/// Renders a page's view through its template; `serve` reuses the bytes when the
/// template, the site-wide context, the view and the body are all unchanged.
/// Room for a page's HTML beyond its body: the default theme's chrome is about 4 KiB.
const PAGE_CHROME: usize = 8 * 1024;

fn render_view(
    sh: &Shared,
    doc: &PublicDocument,
    template: &str,
    mut view: PageView,
    body: Body,
    out: String,
) -> Result<(OutputFile, Digest), Diagnostic> {
    let theme = sh.theme;
    if !theme.has_template(template) {
        let src = &doc.doc.source;
        let span = crate::yaml::top_level_key_span(&src.text, "template").unwrap_or(0..0);
        return Err(Diagnostic::error(
            "unknown-template",
            format!("there is no template `{template}`"),
        )
        .at(src, span)
        .with_help(format!(
            "the templates available are: {}",
            theme
                .sources
                .keys()
                .filter(|k| !k.contains('/') && *k != "base.html")
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        )));
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
                Arc::new(crate::output::FileBytes::new(html))
            })
            .map_err(|e| {
                template_error(&e, &theme.sources)
                    .remove(0)
                    .with_note(format!("while rendering {}", doc.doc.source.path))
            })
    };
    if !sh.cache.is_enabled() {
        view.content = Arc::try_unwrap(body.rendered).map_or_else(|r| r.html.clone(), |r| r.html);
        return render(&view).map(|bytes| (OutputFile::shared(out, bytes), 0));
    }
    // The body is keyed by its digest, not hashed again with the rest of the view.
    let key = Key::new("page")
        .digest(sh.context)
        .str(template)
        .str(&doc.doc.source.path)
        .serialized(&view)
        .digest(body.key)
        .finish();
    sh.cache
        .pages
        .get_or(
            || key,
            || {
                view.content = body.rendered.html.clone();
                render(&view)
            },
        )
        .map(|bytes| (OutputFile::shared(out, bytes), key))
}

fn render_data_page(
    theme: &Theme,
    site: &SiteView,
    p: data_pages::DataPage,
) -> Result<OutputFile, Diagnostic> {
    let mut ctx = Context::new();
    ctx.insert("site", site);
    ctx.insert("page", &p.page);
    ctx.insert("data", &p.data);
    theme
        .tera
        .render("data.html", &ctx)
        .map(|html| OutputFile::bytes(format!("{}index.html", p.url), html))
        .map_err(|e| template_error(&e, &theme.sources).remove(0))
}

/// A page the theme writes on its own (no Markdown behind it): the 404 page and the
/// accessibility statement. Its listing offers the top sections as ways on.
fn render_generated(
    model: &SiteModel,
    theme: &Theme,
    site: &SiteView,
    template: &str,
    title: &str,
    url: &str,
    output: &str,
) -> Result<OutputFile, Diagnostic> {
    let mut view = PageView::blank(
        title.into(),
        "page",
        format!("{}{url}", site.root),
        format!("{}{url}", site.base_url),
    );
    view.breadcrumbs = breadcrumbs(model, Some(0), &site.root);
    if template == "index.html" {
        view.breadcrumbs.clear();
        view.home = Some(data_pages::home(model, &site.root));
    }
    view.subsections = subsection_items(model, model.root(), &site.root);
    let mut ctx = Context::new();
    ctx.insert("site", site);
    ctx.insert("page", &view);
    theme
        .tera
        .render(template, &ctx)
        .map(|html| OutputFile::bytes(output, html))
        .map_err(|e| template_error(&e, &theme.sources).remove(0))
}
