//! The search index: one entry per public page, built from the same decided model as
//! the pages (so it can hold nothing they could not show), and audited like every
//! other output file. The search page's own small script reads it in the browser;
//! no server is needed.
//!
//! A page's text in the index is the start of its text as a reader sees it, read
//! from the rendered, cleaned page: never the Markdown, whose comments, scripts,
//! unused link titles and attributes the page does not show.

use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::memo::Memo;
use crate::model::SiteModel;
use crate::model::records::{Record, funding_url, scheme_url};
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

/// The first [`BODY_WORDS`] words a reader sees in a page's body HTML.
pub fn excerpt(html: &str) -> Arc<str> {
    crate::content::html::visible_words(html, BODY_WORDS).into()
}

/// The excerpt of each section's and page's body, by index in the model, as
/// rendering found them.
pub struct Excerpts {
    pub sections: Vec<Arc<str>>,
    pub pages: Vec<Arc<str>>,
}

impl Excerpts {
    pub fn new(model: &SiteModel) -> Self {
        let empty: Arc<str> = Arc::from("");
        Excerpts {
            sections: vec![empty.clone(); model.sections.len()],
            pages: vec![empty; model.pages.len()],
        }
    }
}

/// One page's entry, as JSON, made once per version of the page and address when
/// `serve` keeps a cache (most of the index's cost is this serialising).
fn page_entry(
    doc: &crate::parse::Document,
    url: String,
    kind: &'static str,
    excerpt: &str,
    memo: &Memo,
) -> Arc<str> {
    memo.search_entry(doc, &url, kind, excerpt, || {
        let f = &doc.front;
        to_json(&Entry {
            t: f.title.clone(),
            u: url.clone(),
            s: f.summary.clone().unwrap_or_default(),
            k: kind,
            b: match super::history::search_text(&f.changes) {
                notes if notes.is_empty() => with_record(f, excerpt),
                notes => format!("{} {notes}", with_record(f, excerpt)),
            },
        })
    })
}

/// The excerpt, after the page's decision and recommendations (issue 19), so a
/// resident can find what the board decided by its words.
fn with_record(f: &crate::content::front_matter::FrontMatter, excerpt: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let sentence = f.decision.as_ref().map(|d| d.sentence());
    parts.extend(sentence.as_deref());
    parts.extend(f.decision.as_ref().and_then(|d| d.text.as_deref()));
    parts.extend(f.recommendations.iter().map(|r| r.text.as_str()));
    parts.push(excerpt);
    parts.retain(|p| !p.is_empty());
    parts.join(" ")
}

fn to_json(entry: &Entry) -> Arc<str> {
    // Serialising strings into a string cannot fail.
    serde_json::to_string(entry)
        .unwrap_or_else(|_| "{}".into())
        .into()
}

pub(super) fn index(model: &SiteModel, root: &str, excerpts: &Excerpts, memo: &Memo) -> OutputFile {
    let sections = model.sections.par_iter().enumerate().filter_map(|(i, s)| {
        s.index.as_ref().map(|d| {
            let url = format!("{root}{}", s.url);
            page_entry(&d.doc, url, "section", &excerpts.sections[i], memo)
        })
    });
    let pages = model.pages.par_iter().enumerate().map(|(i, p)| {
        page_entry(
            &p.doc.doc,
            format!("{root}{}", p.url),
            p.doc.doc.front.kind.as_str(),
            &excerpts.pages[i],
            memo,
        )
    });
    let mut json: Vec<Arc<str>> = sections.chain(pages).collect();
    let mut entries = Vec::new();
    let d = &model.data;
    for p in &d.plans {
        entries.push(Entry {
            t: p.plan.title(),
            u: format!("{root}{}", p.plan.url()),
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
                t: s.title(),
                u: format!("{root}{}", scheme_url(id)),
                s: s.description.clone().unwrap_or(about),
                k: "scheme",
                b: String::new(),
            });
        }
    }
    for id in d.funding.keys() {
        if let Some(f) = d.funding_source(id) {
            entries.push(Entry {
                t: f.title(),
                u: format!("{root}{}", funding_url(id)),
                s: f.description.clone().unwrap_or_default(),
                k: "funding",
                b: String::new(),
            });
        }
    }
    for m in &d.metrics {
        entries.push(Entry {
            t: m.metric.title(),
            u: format!("{root}{}", m.metric.url()),
            s: m.metric.name.clone(),
            k: "metric",
            b: m.metric.definition.clone().unwrap_or_default(),
        });
    }
    for q in &d.quarters {
        entries.push(Entry {
            t: q.quarter.title(),
            u: format!("{root}{}", q.quarter.url()),
            s: q.quarter.summary.clone().unwrap_or_default(),
            k: "quarter",
            b: String::new(),
        });
    }
    // Meetings with no page of their own (issue 19): found by board, date and agenda.
    for (url, title, agenda) in super::meetings::search_entries(model) {
        entries.push(Entry {
            t: title,
            u: format!("{root}{url}"),
            s: String::new(),
            k: "meeting",
            b: agenda,
        });
    }
    json.extend(entries.iter().map(to_json));
    // What `serde_json` writes for the whole list, made from the entries' own JSON.
    let mut out = Vec::with_capacity(json.iter().map(|e| e.len() + 1).sum::<usize>() + 2);
    out.push(b'[');
    for (i, e) in json.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(e.as_bytes());
    }
    out.push(b']');
    OutputFile::bytes("search-index.json", out)
}
