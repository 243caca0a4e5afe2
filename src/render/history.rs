//! What pages, the sitemap, the feed and the search index say of a page's corrections
//! and change history (`updated`, `changes`; see `src/content/history.rs`).
//!
//! Everything here reads the decided model: a confidential change note was removed
//! from a public build's pages before render, so nothing here can show it.

use std::collections::BTreeMap;

use serde::Serialize;

use super::feeds::Entry;
use crate::content::front_matter::{Date, FrontMatter};
use crate::content::history::{self, Change};
use crate::model::SiteModel;

/// `page.history`: "Last updated" and the list of changes, newest first.
#[derive(Clone, Debug, Serialize)]
pub struct HistoryView {
    /// `YYYY-MM-DD`, and as words ("30 September 2024").
    pub updated: Option<String>,
    pub updated_label: Option<String>,
    pub changes: Vec<ChangeView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ChangeView {
    /// The fragment id of the change on its page (the feed links to it).
    pub anchor: String,
    pub date: String,
    pub date_label: String,
    pub note: String,
    /// Members' builds only: a confidential change, to be marked as such.
    pub confidential: bool,
}

/// A page's history, or `None` when it has neither `updated` nor `changes`.
pub fn view(front: &FrontMatter) -> Option<HistoryView> {
    record_view(front.updated, &front.changes)
}

/// The history of a page or a data record.
pub fn record_view(updated: Option<Date>, changes: &[Change]) -> Option<HistoryView> {
    let updated = history::last_updated_of(updated, changes)?;
    Some(HistoryView {
        updated: Some(updated.iso()),
        updated_label: Some(updated.label()),
        changes: history::newest_first(changes)
            .into_iter()
            .map(|(i, c)| ChangeView {
                anchor: history::anchor(i, c),
                date: c.date.iso(),
                date_label: c.date.label(),
                note: c.note.clone(),
                confidential: c.confidential,
            })
            .collect(),
    })
}

/// The change notes of a page, for its entry in the search index.
pub fn search_text(changes: &[Change]) -> String {
    changes
        .iter()
        .map(|c| c.note.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `updated` and `changes` of each data record with a page of its own: the
/// page's address, the record's name, and its history.
type RecordHistory<'a> = (String, String, Option<Date>, &'a [Change]);

fn records(model: &SiteModel) -> Vec<RecordHistory<'_>> {
    let d = &model.data;
    let mut out: Vec<RecordHistory<'_>> = Vec::new();
    for p in &d.plans {
        let p = &p.plan;
        out.push((
            crate::model::records::plan_url(&p.id),
            p.title.clone(),
            p.updated,
            &p.changes[..],
        ));
    }
    for id in d.schemes.keys() {
        if let Some(s) = d.scheme(id) {
            out.push((
                crate::model::records::scheme_url(id),
                s.name.clone(),
                s.updated,
                &s.changes[..],
            ));
        }
    }
    for id in d.funding.keys() {
        if let Some(f) = d.funding_source(id) {
            out.push((
                crate::model::records::funding_url(id),
                f.name.clone(),
                f.updated,
                &f.changes[..],
            ));
        }
    }
    for m in &d.metrics {
        let m = &m.metric;
        out.push((
            crate::model::records::metric_url(&m.id),
            super::data_pages::metric_title(m),
            m.updated,
            &m.changes[..],
        ));
    }
    for q in &d.quarters {
        let q = &q.quarter;
        out.push((
            crate::model::records::quarter_url(q.period),
            format!("Quarterly position: {}", q.period.label()),
            q.updated,
            &q.changes[..],
        ));
    }
    out.retain(|r| r.2.is_some() || !r.3.is_empty());
    out
}

/// "Last updated" and the changes on each data record's page.
pub fn attach(model: &SiteModel, pages: &mut [super::data_pages::DataPage]) {
    let by_url: BTreeMap<String, Option<HistoryView>> = records(model)
        .into_iter()
        .map(|(url, _, updated, changes)| (url, record_view(updated, changes)))
        .collect();
    for p in pages {
        if let Some(view) = by_url.get(&p.url) {
            p.page.history = view.clone();
        }
    }
}

/// When each page was last updated, by its address, for `sitemap.xml`'s `lastmod`
/// (a page without `updated` or `changes` keeps its `date`).
pub fn lastmods(model: &SiteModel) -> BTreeMap<String, Date> {
    let sections = model
        .sections
        .iter()
        .filter_map(|s| Some((s.url.clone(), &s.index.as_ref()?.doc.front)));
    let pages = model
        .pages
        .iter()
        .map(|p| (p.url.clone(), &p.doc.doc.front));
    let mut out: BTreeMap<String, Date> = sections
        .chain(pages)
        .filter_map(|(url, front)| Some((url, history::last_updated(front)?)))
        .collect();
    for (url, _, updated, changes) in records(model) {
        if let Some(d) = history::last_updated_of(updated, changes) {
            out.insert(url, d);
        }
    }
    out
}

/// One feed entry per change of a public page or data record: "Updated: <title>",
/// the note as its summary, linking to the change on the page.
pub(super) fn feed_entries(model: &SiteModel) -> Vec<Entry> {
    let sections = model
        .sections
        .iter()
        .filter_map(|s| Some((s.url.clone(), &s.index.as_ref()?.doc.front)));
    let pages = model
        .pages
        .iter()
        .map(|p| (p.url.clone(), &p.doc.doc.front));
    let pages = sections
        .chain(pages)
        .map(|(url, front)| (url, front.title.clone(), &front.changes[..]));
    let records = records(model)
        .into_iter()
        .map(|(url, title, _, changes)| (url, title, changes));
    pages
        .chain(records)
        .flat_map(|(url, title, changes)| {
            changes.iter().enumerate().map(move |(i, c)| Entry {
                url: format!("{url}#{}", history::anchor(i, c)),
                title: format!("Updated: {title}"),
                summary: Some(c.note.clone()),
                date: Some(c.date),
                in_feed: true,
            })
        })
        .collect()
}
