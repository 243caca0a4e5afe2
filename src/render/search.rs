//! The search index: one entry per public page, built from the same decided model as
//! the pages (so it can hold nothing they could not show), and audited like every
//! other output file. The search page's own small script reads it in the browser;
//! no server is needed.

use serde::Serialize;

use crate::incremental::{Cache, Key};
use crate::model::SiteModel;
use crate::output::OutputFile;

/// Words of body text kept per page: enough to find a page by what it says, small
/// enough to keep the index light.
const BODY_WORDS: usize = 60;

#[derive(Serialize)]
struct Entry {
    /// Title, address, summary, kind, and the start of the text.
    t: String,
    u: String,
    s: String,
    k: &'static str,
    b: String,
}

fn first_words(markdown: &str) -> String {
    markdown
        .split(|c: char| c.is_whitespace())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty() && !w.starts_with("{{"))
        .take(BODY_WORDS)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The start of a page's text, taken once per version of the page when `serve` keeps
/// a cache.
fn body_words(doc: &crate::parse::Document, cache: &Cache) -> String {
    cache.search_words.get_or(
        || Key::new("search-words").digest(doc.digest).finish(),
        || first_words(doc.body_text()),
    )
}

pub fn index(model: &SiteModel, root: &str, cache: &Cache) -> OutputFile {
    let mut entries = Vec::new();
    for s in &model.sections {
        if let Some(d) = &s.index {
            let f = &d.doc.front;
            entries.push(Entry {
                t: f.title.clone(),
                u: format!("{root}{}", s.url),
                s: f.summary.clone().unwrap_or_default(),
                k: "section",
                b: body_words(&d.doc, cache),
            });
        }
    }
    for p in &model.pages {
        let f = &p.doc.doc.front;
        entries.push(Entry {
            t: f.title.clone(),
            u: format!("{root}{}", p.url),
            s: f.summary.clone().unwrap_or_default(),
            k: f.kind.as_str(),
            b: body_words(&p.doc.doc, cache),
        });
    }
    let d = &model.data;
    for p in &d.plans {
        entries.push(Entry {
            t: p.plan.title.clone(),
            u: format!("{root}plans/{}/", p.plan.id),
            s: p.plan.summary.clone().unwrap_or_default(),
            k: "plan",
            b: String::new(),
        });
    }
    for id in d.schemes.keys() {
        if let Some(s) = d.scheme(id) {
            let about = [
                s.scheme_type.as_deref(),
                s.fund.as_deref(),
                s.commissioner.as_deref(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
            entries.push(Entry {
                t: s.name.clone(),
                u: format!("{root}schemes/{id}/"),
                s: s.description.clone().unwrap_or(about),
                k: "scheme",
                b: String::new(),
            });
        }
    }
    for id in d.funding.keys() {
        if let Some(f) = d.funding_source(id) {
            entries.push(Entry {
                t: f.name.clone(),
                u: format!("{root}funding/{id}/"),
                s: f.description.clone().unwrap_or_default(),
                k: "funding",
                b: String::new(),
            });
        }
    }
    for m in &d.metrics {
        entries.push(Entry {
            t: super::data_pages::metric_title(&m.metric),
            u: format!("{root}metrics/{}/", m.metric.id),
            s: m.metric.name.clone(),
            k: "metric",
            b: m.metric.definition.clone().unwrap_or_default(),
        });
    }
    for q in &d.quarters {
        entries.push(Entry {
            t: q.quarter.period.label(),
            u: format!("{root}quarters/{}/", q.quarter.period.slug()),
            s: q.quarter.summary.clone().unwrap_or_default(),
            k: "quarter",
            b: String::new(),
        });
    }
    let json = serde_json::to_vec(&entries).unwrap_or_else(|_| b"[]".to_vec());
    OutputFile::bytes("search-index.json", json)
}
