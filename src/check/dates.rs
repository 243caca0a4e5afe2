//! Date rules of corrections and change history: a page (or record) cannot be updated
//! before it was published, its changes are listed in date order and none is dated
//! after the `updated` date that should cover it; a revised metric figure cannot have
//! been replaced after it was already superseded (by the next revision's figure, or,
//! for the newest, by the figure published now: not after `--now`).
//!
//! They run on every page and record (confidential ones too, since editors need
//! them right) at every build and `check`, and are errors: a history that contradicts
//! itself tells residents something false. Each rule's code, reason and an example
//! are in `docs/check.md`.

use std::ops::Range;
use std::sync::Arc;

use time::OffsetDateTime;

use crate::content::front_matter::{self, Date, FrontMatter};
use crate::content::history::Change;
use crate::data::period::Period;
use crate::data::revision::Revision;
use crate::data::{DataDoc, DataFile};
use crate::diagnostic::{Diagnostic, SourceText};
use crate::parse::Document;
use crate::yaml::At;

pub fn run(docs: &[Arc<Document>], data: &[DataFile], now: OffsetDateTime) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for doc in docs {
        out.extend(page(&doc.source, &doc.front));
    }
    let today = Date(now.date());
    for f in data {
        out.extend(records(f));
        if let DataDoc::Metrics(m) = &f.doc {
            for (i, metric) in m.metrics.iter().enumerate() {
                for (map, values) in [("targets", &metric.targets), ("actuals", &metric.actuals)] {
                    for (period, v) in values {
                        let at = |j: usize| {
                            crate::yaml::place(&f.file.source, |root| {
                                Some(
                                    root.get("metrics")?
                                        .item(i)?
                                        .get(map)?
                                        .get_where(|k| Period::parse(k) == Some(*period))?
                                        .get("revised")?
                                        .item(j)?
                                        .get("date")?
                                        .span(),
                                )
                            })
                        };
                        out.extend(revisions(&f.file.source, &v.revised, today, &at));
                    }
                }
            }
        }
    }
    out
}

/// The history rules on each record of a data document (plans, funding, schemes,
/// metrics, quarters), each pointing into the record.
fn records(f: &DataFile) -> Vec<Diagnostic> {
    let src = &f.file.source;
    // (list the record is in, its place there; `None` for the document itself),
    // its publication date, `updated` and `changes`.
    type Record<'a> = (
        Option<(&'static str, usize)>,
        Option<Date>,
        Option<Date>,
        &'a [Change],
    );
    let mut all: Vec<Record> = Vec::new();
    match &f.doc {
        DataDoc::Plan(p) => {
            all.push((None, None, p.updated, &p.changes));
            all.extend(
                p.funding
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (Some(("funding", i)), None, r.updated, &r.changes[..])),
            );
            all.extend(
                p.schemes
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (Some(("schemes", i)), None, r.updated, &r.changes[..])),
            );
        }
        DataDoc::Metrics(m) => all.extend(
            m.metrics
                .iter()
                .enumerate()
                .map(|(i, r)| (Some(("metrics", i)), None, r.updated, &r.changes[..])),
        ),
        DataDoc::Quarter(q) => all.push((None, q.submitted, q.updated, &q.changes)),
        // These kinds keep no change history yet.
        DataDoc::Conditions(_) | DataDoc::YearEnd(_) | DataDoc::Capacity(_) => {}
    }
    let mut out = Vec::new();
    for (at, date, updated, changes) in all {
        if updated.is_none() && changes.is_empty() {
            continue;
        }
        let place = |find: &dyn Fn(At) -> Option<Range<usize>>| {
            crate::yaml::place(src, |root| match at {
                None => find(root),
                Some((list, i)) => find(root.get(list)?.item(i)?),
            })
        };
        out.extend(history(src, date, updated, changes, &place));
    }
    out
}

/// A figure's revisions, oldest first: each is the figure as published and the date
/// it was replaced. A figure is superseded when the next revision's figure replaced
/// it, or (for the newest revision) by the figure published now, so no revision can be
/// dated after the one that follows it, or after today.
fn revisions(
    src: &SourceText,
    revised: &[Revision],
    today: Date,
    at: &dyn Fn(usize) -> Range<usize>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (j, r) in revised.iter().enumerate() {
        let superseded = revised.get(j + 1).map_or(today, |next| next.date);
        if r.date > superseded {
            let why = if j + 1 < revised.len() {
                format!(
                    "but the figure that replaced it was itself replaced on {}",
                    superseded.label()
                )
            } else {
                format!("which is after today ({})", today.label())
            };
            out.push(
                Diagnostic::error(
                    "revision-after-superseded",
                    format!(
                        "the figure {} is said to have been replaced on {}, {why}",
                        r.value.0,
                        r.date.label()
                    ),
                )
                .at(src, at(j))
                .with_help("list `revised` oldest first, each with the date that figure was replaced; check the dates"),
            );
        }
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
    fn a_revision_cannot_be_dated_after_its_figure_was_superseded() {
        let r = |value: &str, date: &str| Revision {
            value: crate::data::amount::Amount(value.parse().unwrap()),
            date: Date::parse(date).unwrap(),
            note: None,
            confidential: false,
        };
        let src = SourceText {
            path: "content/m.yaml".into(),
            text: String::new().into(),
        };
        let today = Date::parse("2024-12-01").unwrap();
        let codes = |rs: &[Revision]| -> Vec<String> {
            revisions(&src, rs, today, &|_| 0..0)
                .iter()
                .map(|d| d.message.clone())
                .collect()
        };
        assert!(codes(&[r("1", "2024-08-01"), r("2", "2024-09-30")]).is_empty());
        assert_eq!(
            codes(&[r("1", "2024-10-01"), r("2", "2024-09-30")]),
            [
                "the figure 1 is said to have been replaced on 1 October 2024, but the figure that replaced it was itself replaced on 30 September 2024"
            ]
        );
        assert_eq!(
            codes(&[r("2", "2025-01-01")]),
            [
                "the figure 2 is said to have been replaced on 1 January 2025, which is after today (1 December 2024)"
            ]
        );
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
