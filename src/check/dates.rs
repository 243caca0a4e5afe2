//! Date rules of corrections and change history: a page (or record) cannot be updated
//! before it was published, its changes are listed in date order and none is dated
//! after the `updated` date that should cover it; a revised metric figure cannot have
//! been replaced after it was already superseded.
//!
//! They run on every page and record (confidential ones too, since editors need
//! them right) at every build and `check`, and are errors: a history that contradicts
//! itself tells residents something false. Each rule's code, reason and an example
//! are in `docs/check.md`.

use std::ops::Range;
use std::sync::Arc;

use crate::content::front_matter::{self, Date, FrontMatter};
use crate::content::history::Change;
use crate::data::{DataDoc, DataFile};
use crate::diagnostic::{Diagnostic, SourceText};
use crate::parse::Document;
use crate::yaml::At;

pub fn run(docs: &[Arc<Document>], data: &[DataFile]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for doc in docs {
        out.extend(page(&doc.source, &doc.front));
    }
    for f in data {
        if let DataDoc::Metrics(_) = &f.doc {}
    }
    out
}

/// The rules on one page's front matter.
fn page(src: &SourceText, f: &FrontMatter) -> Vec<Diagnostic> {
    if f.updated.is_none() && f.changes.is_empty() {
        return Vec::new();
    }
    let place = |find: &dyn Fn(At) -> Option<Range<usize>>| {
        front_matter::spans(src)
            .and_then(|s| find(s.root()))
            .unwrap_or(0..0)
    };
    history(src, f.date, f.updated, &f.changes, &place)
}

/// Finds a value's span from the top of the front matter, given how to find it there.
type Place<'a> = dyn Fn(&dyn Fn(At) -> Option<Range<usize>>) -> Range<usize> + 'a;

/// The rules on one page's `date`, `updated` and `changes`; `place` finds a
/// value's span from the front matter's top.
fn history(
    src: &SourceText,
    date: Option<Date>,
    updated: Option<Date>,
    changes: &[Change],
    place: &Place,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let (Some(date), Some(updated)) = (date, updated)
        && updated < date
    {
        out.push(
            Diagnostic::error(
                "updated-before-date",
                format!(
                    "`updated` ({}) is before the page was published (`date`: {})",
                    updated.label(),
                    date.label()
                ),
            )
            .at(src, place(&|r| Some(r.get("updated")?.span())))
            .with_help("a page can only be updated after it was published: check both dates"),
        );
    }
    let change_date = |i: usize| place(&|r| Some(r.get("changes")?.item(i)?.get("date")?.span()));
    for (i, pair) in changes.windows(2).enumerate() {
        if pair[1].date < pair[0].date {
            out.push(
                Diagnostic::error(
                    "changes-out-of-order",
                    format!(
                        "this change ({}) is listed after a later one ({})",
                        pair[1].date.label(),
                        pair[0].date.label()
                    ),
                )
                .at(src, change_date(i + 1))
                .with_help("list `changes` oldest first, adding each new change at the end"),
            );
        }
    }
    if let Some(updated) = updated {
        for (i, c) in changes.iter().enumerate().filter(|(_, c)| c.date > updated) {
            out.push(
                Diagnostic::error(
                    "change-after-updated",
                    format!(
                        "this change is dated {}, after `updated` ({})",
                        c.date.label(),
                        updated.label()
                    ),
                )
                .at(src, change_date(i))
                .with_help(format!(
                    "set `updated: {}` (the latest change), or correct the change's date",
                    changes.iter().map(|c| c.date).max().unwrap_or(c.date)
                )),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(front: &str) -> Vec<(&'static str, Option<(usize, usize)>)> {
        let src = SourceText {
            path: "content/p.md".into(),
            text: format!("---\ntitle: A\n{front}---\nBody\n").into(),
        };
        let split = front_matter::split(&src).unwrap();
        let f = front_matter::parse(&src, &split).unwrap();
        page(&src, &f)
            .iter()
            .map(|d| (d.code, d.line_column()))
            .collect()
    }

    #[test]
    fn a_consistent_history_passes() {
        assert!(codes("date: 2024-06-01\nupdated: 2024-10-01\nchanges:\n  - {date: 2024-09-01, note: A}\n  - {date: 2024-10-01, note: B}\n").is_empty());
        assert!(codes("changes: [{date: 2024-09-01, note: A}]\n").is_empty());
    }

    #[test]
    fn updated_before_date() {
        assert_eq!(
            codes("date: 2024-06-01\nupdated: 2024-05-01\n"),
            [("updated-before-date", Some((4, 10)))]
        );
    }

    #[test]
    fn changes_out_of_order_and_after_updated() {
        assert_eq!(
            codes(
                "updated: 2024-10-01\nchanges:\n  - {date: 2024-09-01, note: A}\n  - {date: 2024-08-01, note: B}\n  - {date: 2024-11-01, note: C}\n"
            ),
            [
                ("changes-out-of-order", Some((6, 12))),
                ("change-after-updated", Some((7, 12))),
            ]
        );
    }
}
