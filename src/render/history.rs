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
    let updated = history::last_updated(front)?;
    Some(HistoryView {
        updated: Some(updated.iso()),
        updated_label: Some(updated.label()),
        changes: history::newest_first(&front.changes)
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
    sections
        .chain(pages)
        .filter_map(|(url, front)| Some((url, history::last_updated(front)?)))
        .collect()
}

/// One feed entry per change of a public page: "Updated: <title>", the note as its
/// summary, linking to the change on the page.
pub(super) fn feed_entries(model: &SiteModel) -> Vec<Entry> {
    let sections = model
        .sections
        .iter()
        .filter_map(|s| Some((s.url.clone(), &s.index.as_ref()?.doc.front)));
    let pages = model
        .pages
        .iter()
        .map(|p| (p.url.clone(), &p.doc.doc.front));
    sections
        .chain(pages)
        .flat_map(|(url, front)| {
            front.changes.iter().enumerate().map(move |(i, c)| Entry {
                url: format!("{url}#{}", history::anchor(i, c)),
                title: format!("Updated: {}", front.title),
                summary: Some(c.note.clone()),
                date: Some(c.date),
                in_feed: true,
            })
        })
        .collect()
}
