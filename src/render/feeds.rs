//! Files for machines: `sitemap.xml` (every public page), `feed.xml` (an Atom feed of
//! the newest [`FEED_ITEMS`] papers, quarterly positions and dated updates) and
//! `robots.txt`.
//!
//! Both are built from the same decided site model as the pages, so they can list
//! nothing the pages could not show.

use std::fmt::Write as _;

use super::paths::{Builtin, OutputPaths};
use super::views::SiteView;
use crate::content::front_matter::Date;
use crate::model::SiteModel;
use crate::output::OutputFile;

/// A page for the sitemap and, when dated, the feed.
struct Entry {
    url: String,
    title: String,
    summary: Option<String>,
    date: Option<Date>,
    in_feed: bool,
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
    for (url, _) in model.data.urls() {
        let quarter = model
            .data
            .quarters
            .iter()
            .find(|q| url == format!("quarters/{}/", q.quarter.period.slug()));
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
pub fn render(model: &SiteModel, site: &SiteView, paths: &OutputPaths) -> Vec<OutputFile> {
    let entries = entries(model, paths);
    vec![
        OutputFile::bytes("sitemap.xml", sitemap(&entries, site)),
        OutputFile::bytes("feed.xml", feed(&entries, site)),
        OutputFile::bytes(
            "robots.txt",
            format!(
                "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
                site.base_url
            ),
        ),
    ]
}

fn sitemap(entries: &[Entry], site: &SiteView) -> String {
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for e in entries {
        let _ = write!(
            x,
            "  <url><loc>{}</loc>",
            escape(&format!("{}{}", site.base_url, e.url))
        );
        if let Some(d) = e.date {
            let _ = write!(x, "<lastmod>{d}</lastmod>");
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

/// Entries in the feed. Feed readers show what is new; a feed of every dated page
/// would grow without bound (3 MB at 10,000 pages) and be fetched whole each time.
pub const FEED_ITEMS: usize = 50;

fn feed(entries: &[Entry], site: &SiteView) -> String {
    let mut items: Vec<&Entry> = entries.iter().filter(|e| e.in_feed).collect();
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
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"",
    );
    let _ = writeln!(x, "{}\">", escape(&site.language));
    let _ = writeln!(x, "  <title>{}</title>", escape(&site.title));
    if let Some(d) = &site.description {
        let _ = writeln!(x, "  <subtitle>{}</subtitle>", escape(d));
    }
    let _ = writeln!(x, "  <id>{}</id>", escape(&site.base_url));
    let _ = writeln!(
        x,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(&site.base_url)
    );
    let _ = writeln!(
        x,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}feed.xml\"/>",
        escape(&site.base_url)
    );
    let _ = writeln!(x, "  <updated>{updated}T00:00:00Z</updated>");
    let _ = writeln!(x, "  <author><name>{}</name></author>", escape(author));
    let _ = writeln!(x, "  <rights>{}</rights>", escape(site.licence.name));
    for e in items {
        let link = escape(&format!("{}{}", site.base_url, e.url));
        let date = e.date.map_or_else(String::new, |d| d.to_string());
        x.push_str("  <entry>\n");
        let _ = writeln!(x, "    <title>{}</title>", escape(&e.title));
        let _ = writeln!(
            x,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{link}\"/>"
        );
        let _ = writeln!(x, "    <id>{link}</id>");
        let _ = writeln!(x, "    <updated>{date}T00:00:00Z</updated>");
        if let Some(s) = &e.summary {
            let _ = writeln!(x, "    <summary>{}</summary>", escape(s));
        }
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}
