//! Files for machines: `sitemap.xml` (every public page), `feed.xml` (an Atom feed of
//! the newest [`FEED_ITEMS`] papers, quarterly positions and dated updates) and
//! `robots.txt`.
//!
//! Both are built from the same decided site model as the pages, so they can list
//! nothing the pages could not show. Rust chooses the entries and their order; the
//! XML is written by the built-in templates `sitemap.xml` and `feed.xml`, which a
//! theme can replace as it replaces any other (as Zola does its sitemap).
//! `docs/templates.md` lists what they see.

use serde::Serialize;
use tera::Context;

use super::paths::{Builtin, OutputPaths};
use super::theme::{Theme, template_error};
use super::views::SiteView;
use crate::content::front_matter::Date;
use crate::diagnostic::Diagnostic;
use crate::model::SiteModel;
use crate::model::records::quarter_url;
use crate::output::OutputFile;

/// A page for the sitemap and, when dated, the feed.
pub(super) struct Entry {
    pub(super) url: String,
    pub(super) title: String,
    pub(super) summary: Option<String>,
    pub(super) date: Option<Date>,
    pub(super) in_feed: bool,
}

fn entries(model: &SiteModel, paths: &OutputPaths) -> Vec<Entry> {
    let mut out = Vec::new();
    if model.root().index.is_none() {
        out.push(Entry {
            url: String::new(),
            title: model.settings.title.clone(),
            summary: model.settings.description.clone(),
            date: None,
            in_feed: false,
        });
    }
    for s in &model.sections {
        if let Some(d) = &s.index {
            out.push(Entry {
                url: s.url.clone(),
                title: d.doc.front.title.clone(),
                summary: d.doc.front.summary.clone(),
                date: d.doc.front.date,
                in_feed: false,
            });
        }
    }
    for p in &model.pages {
        let f = &p.doc.doc.front;
        let date = f.date.or(f.meeting.as_ref().map(|m| m.date));
        out.push(Entry {
            url: p.url.clone(),
            title: f.title.clone(),
            summary: f.summary.clone(),
            date,
            // A dated page is news to a reader, if its kind is (`PageKind::in_feed`).
            in_feed: date.is_some() && f.kind.in_feed(),
        });
    }
    // The board's record (issue 19): a decision is news of its own, at its place on
    // the paper's page (so not in the sitemap, which lists pages).
    for p in &model.pages {
        if let Some(d) = &p.doc.doc.front.decision {
            out.push(Entry {
                url: format!("{}#decision", p.url),
                title: format!("{}: {}", d.sentence(), p.doc.doc.front.title),
                summary: d.text.clone(),
                date: Some(d.date),
                in_feed: true,
            });
        }
    }
    // Meetings with no page of their own: their generated pages, and the index.
    for (url, title, date) in super::meetings::generated_entries(model) {
        out.push(Entry {
            url,
            title,
            summary: None,
            date: Some(date),
            in_feed: true,
        });
    }
    if super::meetings::urls(model)
        .iter()
        .any(|u| u == super::meetings::INDEX_URL)
    {
        out.push(Entry {
            url: super::meetings::INDEX_URL.into(),
            title: "Meetings".into(),
            summary: None,
            date: None,
            in_feed: false,
        });
    }
    for (url, _) in model.data.urls() {
        let quarter = model
            .data
            .quarters
            .iter()
            .find(|q| url == quarter_url(q.quarter.period));
        out.push(Entry {
            title: quarter.map_or_else(String::new, |q| {
                format!("Quarterly position: {}", q.quarter.period.label())
            }),
            summary: quarter.and_then(|q| q.quarter.summary.clone()),
            date: quarter.and_then(|q| q.quarter.submitted),
            in_feed: quarter.is_some_and(|q| q.quarter.submitted.is_some()),
            url,
        });
    }
    // The pages bcfsite writes itself, where it does (an author's page at the same
    // address is listed above instead).
    if paths.writes(Builtin::Accessibility) {
        out.push(Entry {
            url: super::ACCESSIBILITY_URL.into(),
            title: "Accessibility statement".into(),
            summary: None,
            date: model
                .settings
                .accessibility
                .reviewed
                .or(model.settings.accessibility.prepared),
            in_feed: false,
        });
    }
    if paths.writes(Builtin::Search) {
        out.push(Entry {
            url: super::SEARCH_URL.into(),
            title: "Search".into(),
            summary: None,
            date: None,
            in_feed: false,
        });
    }
    if paths.writes(Builtin::Glossary) {
        out.push(Entry {
            url: super::GLOSSARY_URL.into(),
            title: "Glossary".into(),
            summary: None,
            date: None,
            in_feed: false,
        });
    }
    out.sort_by(|a, b| a.url.cmp(&b.url));
    out
}

/// `sitemap.xml`, `feed.xml` and `robots.txt` for a public build.
pub fn render(
    model: &SiteModel,
    theme: &Theme,
    site: &SiteView,
    paths: &OutputPaths,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let entries = entries(model, paths);
    // Corrections: `lastmod` from `updated`, and a feed entry per change.
    let sitemap = sitemap(&entries, site, &super::history::lastmods(model));
    let changes = super::history::feed_entries(model);
    let feed = feed(entries.iter().chain(&changes), site);
    let template = |name: &str, ctx: &Context| {
        theme
            .tera
            .render(name, ctx)
            .map(|xml| OutputFile::bytes(name, xml))
            .map_err(|e| template_error(&e, &theme.sources))
    };
    let mut ctx = Context::new();
    ctx.insert("site", site);
    ctx.insert("entries", &sitemap);
    let sitemap = template("sitemap.xml", &ctx);
    ctx.insert("entries", &feed.entries);
    ctx.insert("updated", &feed.updated);
    ctx.insert("author", &feed.author);
    let feed = template("feed.xml", &ctx);
    let robots = OutputFile::bytes(
        "robots.txt",
        format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
            site.base_url
        ),
    );
    match (sitemap, feed) {
        (Ok(sitemap), Ok(feed)) => Ok(vec![sitemap, feed, robots]),
        (a, b) => Err([a.err(), b.err()].into_iter().flatten().flatten().collect()),
    }
}

/// An entry of `sitemap.xml`, as its template sees it.
#[derive(Serialize)]
struct SitemapEntry {
    /// The page's full address.
    permalink: String,
    /// `YYYY-MM-DD`, when the page is dated.
    updated: Option<String>,
}

fn sitemap(
    entries: &[Entry],
    site: &SiteView,
    lastmods: &std::collections::BTreeMap<String, Date>,
) -> Vec<SitemapEntry> {
    entries
        .iter()
        .filter(|e| !e.url.contains('#'))
        .map(|e| SitemapEntry {
            permalink: format!("{}{}", site.base_url, e.url),
            updated: lastmods
                .get(&e.url)
                .or(e.date.as_ref())
                .map(|d| d.to_string()),
        })
        .collect()
}

/// Entries in the feed. Feed readers show what is new; a feed of every dated page
/// would grow without bound (3 MB at 10,000 pages) and be fetched whole each time.
pub const FEED_ITEMS: usize = 50;

/// What `feed.xml`'s template sees beside `site`.
struct FeedView {
    /// The newest entry's date (`YYYY-MM-DD`), or 1970-01-01 when there is none.
    updated: String,
    /// Who the feed is by: the site's contact, or its title.
    author: String,
    entries: Vec<FeedEntry>,
}

/// An entry of `feed.xml`, as its template sees it.
#[derive(Serialize)]
struct FeedEntry {
    title: String,
    permalink: String,
    /// `YYYY-MM-DD`.
    updated: String,
    summary: Option<String>,
}

fn feed<'a>(entries: impl Iterator<Item = &'a Entry>, site: &SiteView) -> FeedView {
    let mut items: Vec<&Entry> = entries.filter(|e| e.in_feed).collect();
    // Newest first; the address breaks ties so the feed is stable.
    items.sort_by(|a, b| b.date.cmp(&a.date).then(a.url.cmp(&b.url)));
    items.truncate(FEED_ITEMS);
    let updated = items
        .first()
        .and_then(|e| e.date)
        .map_or_else(|| "1970-01-01".to_string(), |d| d.to_string());
    let author = site
        .contact
        .as_ref()
        .map_or(site.title.as_str(), |c| c.name.as_str());
    FeedView {
        updated,
        author: author.to_string(),
        entries: items
            .into_iter()
            .map(|e| FeedEntry {
                title: e.title.clone(),
                permalink: format!("{}{}", site.base_url, e.url),
                updated: e.date.map_or_else(String::new, |d| d.to_string()),
                summary: e.summary.clone(),
            })
            .collect(),
    }
}
