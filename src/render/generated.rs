//! Generated site-wide files: everything a build writes that no Markdown page
//! body changes. Data pages (from [`super::data_pages`]) and their CSV and JSON
//! downloads, the pages the theme writes on its own (404, search, glossary,
//! accessibility statement), redirect pages for old addresses, and the files for
//! machines (sitemap, feed, robots).
//!
//! Whether a generated file is written at all is decided by the claims in
//! [`super::paths`] (an author's page may replace the glossary, a members' site has
//! no sitemap); this module asks, and never decides again. Since it reads no page
//! body, `serve` makes it once per structure ([`super::memo::Memo::site_wide`]).
//! Its problems are kept apart by where [`super::render`] reports them, so that a
//! build with and without a cache fails alike.

use rayon::prelude::*;
use tera::Context;

use crate::diagnostic::Diagnostic;
use crate::model::SiteModel;
use crate::output::OutputFile;
use crate::visibility::Audience;

use super::paths::{Builtin, OutputPaths};
use super::theme::{Theme, template_error};
use super::views::*;
use super::{data_pages, downloads, feeds};

/// Where the accessibility statement lives; the footer of every page links to it.
pub const ACCESSIBILITY_URL: &str = "accessibility/";
/// Where the search page lives.
pub const SEARCH_URL: &str = "search/";
/// Where the glossary lives, when the site has one.
pub const GLOSSARY_URL: &str = "glossary/";

/// The files of a build that no page body can change: data pages and their
/// downloads, the theme's own pages, redirects, the sitemap and feed. Problems are
/// kept apart by where [`super::render`] reports them, so that a build with and
/// without a cache fails alike.
#[derive(Debug)]
pub(crate) struct SiteWide {
    pub(super) data_pages: Vec<OutputFile>,
    /// Problems of the data pages, reported with those of content pages.
    pub(super) page_problems: Vec<Diagnostic>,
    /// The theme's own pages (404, accessibility, search, glossary).
    pub(super) generated: Vec<OutputFile>,
    pub(super) generated_problems: Vec<Diagnostic>,
    pub(super) redirects: Vec<OutputFile>,
    pub(super) redirect_problems: Vec<Diagnostic>,
    pub(super) downloads: Vec<OutputFile>,
    /// `sitemap.xml`, `feed.xml` and `robots.txt`.
    pub(super) for_machines: Vec<OutputFile>,
}

/// Makes every file of [`SiteWide`].
pub(super) fn site_wide(
    model: &SiteModel,
    theme: &Theme,
    site: &SiteView,
    paths: &OutputPaths,
) -> SiteWide {
    // Downloads first, so each table can link to its files with their sizes.
    let downloads = downloads::build(model, site);
    let (mut pages, mut page_problems) =
        data_pages::pages(model, theme, &site.root, &site.base_url);
    for page in &mut pages {
        for table in &mut page.data.tables {
            if let Some(links) = downloads.links.get(&(page.url.clone(), table.id.clone())) {
                table.downloads = links.clone();
            }
        }
    }
    let (data_pages, render_problems) = split_results(
        pages
            .into_par_iter()
            .map(|p| render_data_page(theme, site, p))
            .collect(),
    );
    page_problems.extend(render_problems);

    let mut generated = vec![theme_page(
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
    if paths.writes(Builtin::Accessibility) {
        generated.push(theme_page(
            model,
            theme,
            site,
            "accessibility.html",
            "Accessibility statement",
            ACCESSIBILITY_URL,
            &format!("{ACCESSIBILITY_URL}index.html"),
        ));
    }
    generated.push(theme_page(
        model,
        theme,
        site,
        "search.html",
        "Search",
        SEARCH_URL,
        &format!("{SEARCH_URL}index.html"),
    ));
    if paths.writes(Builtin::Glossary) {
        generated.push(theme_page(
            model,
            theme,
            site,
            "glossary.html",
            "Glossary",
            GLOSSARY_URL,
            &format!("{GLOSSARY_URL}index.html"),
        ));
    }
    let (mut generated, mut generated_problems) = split_results(generated);
    // Meetings (issue 19): generated meeting pages, the index, `meetings.ics`.
    let (meeting_files, meeting_problems) = super::meetings::render(model, theme, site);
    generated.extend(meeting_files);
    generated_problems.extend(meeting_problems);

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
        // Their templates' problems are reported with the theme's own pages'.
        Audience::Public => feeds::render(model, theme, site, paths).unwrap_or_else(|ds| {
            generated_problems.extend(ds);
            Vec::new()
        }),
    };
    SiteWide {
        data_pages,
        page_problems,
        generated,
        generated_problems,
        redirects,
        redirect_problems,
        downloads: downloads
            .files
            .into_iter()
            .chain(super::recommendations::files(model, &site.base_url))
            .collect(),
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

/// A page the theme writes on its own (no Markdown behind it): the 404 page, the
/// accessibility statement, and the home page of a site without `content/_index.md`.
/// Its listing offers the top sections as ways on.
pub(super) fn theme_page(
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
        view.home = Some(data_pages::home(model, theme, &site.root)?);
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
