//! Rules on the board's record that depend on dates: a decision and its meeting, a
//! decision on a paper the public cannot read yet, a meeting that is past with no
//! decision recorded, and a feedback recommendation nobody has answered in time.
//! "Today" is the build's `--now`.

use std::ops::Range;
use std::sync::Arc;

use time::{Date, OffsetDateTime, Weekday};

use crate::content::front_matter;
use crate::data::settings::Settings;
use crate::diagnostic::Diagnostic;
use crate::parse::Document;
use crate::visibility::Unpublished;

/// Every warning and error of these rules, for every page.
pub fn run(
    documents: &[Arc<Document>],
    settings: &Settings,
    now: OffsetDateTime,
) -> Vec<Diagnostic> {
    let today = now.date();
    let mut out = Vec::new();
    // Drafts and embargoes set by a page's sections count as its own do.
    let held_back = crate::visibility::unpublished_pages(documents, now);
    // A meeting has one page: the first file (by path) that names it.
    let mut meeting_pages: std::collections::BTreeMap<(String, front_matter::Date), &str> =
        std::collections::BTreeMap::new();
    let mut by_path: Vec<&Arc<Document>> = documents.iter().collect();
    by_path.sort_by(|a, b| a.source.path.cmp(&b.source.path));
    for doc in by_path {
        let f = &doc.front;
        let (true, Some(m)) = (f.kind.is_meeting_page(), &f.meeting) else {
            continue;
        };
        match meeting_pages.get(&(m.board.clone(), m.date)) {
            Some(first) => out.push(
                Diagnostic::error(
                    "duplicate-meeting-page",
                    format!(
                        "{first} is already the page of the meeting of the {} on {}",
                        m.board,
                        m.date.label()
                    ),
                )
                .at(
                    &doc.source,
                    front_matter::key_span(&doc.source, "meeting").unwrap_or(0..0),
                )
                .with_help("keep one page per meeting: move what this page says into the other, and delete this one"),
            ),
            None => {
                meeting_pages.insert((m.board.clone(), m.date), &doc.source.path);
            }
        }
    }
    out.extend(duplicate_items(documents));
    for doc in documents {
        let f = &doc.front;
        let source = &doc.source;
        // Where a value is written: `path` as the YAML crate writes it.
        let at = |path: &str| -> Range<usize> {
            front_matter::spans(source)
                .and_then(|s| {
                    s.root()
                        .path(path)
                        .map(|a| a.entry_span().unwrap_or(a.span()))
                })
                .unwrap_or(0..0)
        };
        if let (Some(d), Some(m)) = (&f.decision, &f.meeting)
            && d.date < m.date
        {
            out.push(
                Diagnostic::error(
                    "decision-before-meeting",
                    format!(
                        "the decision is dated {}, before the meeting on {}",
                        d.date.label(),
                        m.date.label()
                    ),
                )
                .at(source, at("decision.date"))
                .with_help("give the date the board decided (the meeting's date, or later), or correct the meeting's date"),
            );
        }
        let held = held_back.get(&source.path).copied();
        if f.decision.is_some()
            && let Some(held) = held
        {
            let why = match held {
                Unpublished::Draft => "a draft",
                Unpublished::Embargoed | Unpublished::Confidential => "under an embargo",
            };
            out.push(
                Diagnostic::error(
                    "decision-on-unpublished-paper",
                    format!("this paper records a decision but is {why}"),
                )
                .at(source, at("decision"))
                .with_help("a decision is recorded on a paper residents can read: publish the paper first, or remove the decision until it is"),
            );
        }
        if f.kind.is_agenda_item()
            && !f.recommendations.is_empty()
            && f.decision.is_none()
            && held != Some(Unpublished::Draft)
            && let Some(m) = &f.meeting
            && m.date.0 < today
        {
            out.push(
                Diagnostic::warning(
                    "decision-not-recorded",
                    format!(
                        "the meeting on {} is past, and this paper records no decision on its recommendations",
                        m.date.label()
                    ),
                )
                .at(source, at("meeting"))
                .with_help("add the board's decision from the minutes, e.g.\n    decision:\n      outcome: approved\n      date: 2024-11-12\n      minute: \"45/24\""),
            );
        }
        if f.kind.listed_as_feedback() {
            for (i, r) in f.recommendations.iter().enumerate() {
                let Some(made) = r.made else { continue };
                if !r.responses.is_empty() || r.done.is_some() {
                    continue;
                }
                let days = working_days_after(made.0, today);
                if days > settings.response_working_days {
                    out.push(
                        Diagnostic::warning(
                            "recommendation-unanswered",
                            format!(
                                "the recommendation `{}` was made on {} and has had no response in {days} working days",
                                r.id,
                                made.label()
                            ),
                        )
                        .at(source, at(&format!("recommendations[{i}]")))
                        .with_help(format!(
                            "add the response under `responses:` when it comes; {} working days is what `response_working_days` in site.yaml allows (weekdays; bank holidays are counted as working days)",
                            settings.response_working_days
                        )),
                    );
                }
            }
        }
    }
    out
}

/// Two papers with the same agenda item number at one meeting: the agenda would
/// list them in file order, which is rarely what the board's agenda says. A
/// warning, not an error: a few boards do take two reports under one item.
fn duplicate_items(documents: &[Arc<Document>]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut first: std::collections::BTreeMap<(&str, front_matter::Date, u32), &str> =
        std::collections::BTreeMap::new();
    let mut by_path: Vec<&Arc<Document>> = documents.iter().collect();
    by_path.sort_by(|a, b| a.source.path.cmp(&b.source.path));
    for doc in by_path {
        let f = &doc.front;
        let (true, Some(m), Some(item)) = (f.kind.is_agenda_item(), &f.meeting, f.item) else {
            continue;
        };
        match first.get(&(m.board.as_str(), m.date, item)) {
            Some(other) => out.push(
                Diagnostic::warning(
                    "duplicate-agenda-item",
                    format!(
                        "{other} is already item {item} of the meeting of the {} on {}",
                        m.board,
                        m.date.label()
                    ),
                )
                .at(
                    &doc.source,
                    front_matter::key_span(&doc.source, "item").unwrap_or(0..0),
                )
                .with_help("give each paper its own item number from the agenda; the meeting's page lists papers with the same number in file order"),
            ),
            None => {
                first.insert((m.board.as_str(), m.date, item), &doc.source.path);
            }
        }
    }
    out
}

/// Weekdays after `from` up to and including `to` (0 when `to` is not after
/// `from`). Bank holidays are not known, so they count as working days.
pub fn working_days_after(from: Date, to: Date) -> u32 {
    if to <= from {
        return 0;
    }
    let days = (to - from).whole_days();
    let weeks = days / 7;
    let mut count = weeks * 5;
    let mut d = from + time::Duration::days(weeks * 7);
    while d < to {
        d = d.next_day().unwrap_or(to);
        if !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) {
            count += 1;
        }
    }
    u32::try_from(count).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn working_days_skip_the_weekend() {
        // Monday 6 May 2024: the 20th working day after it is Friday 31 May.
        let made = date!(2024 - 05 - 06);
        assert_eq!(working_days_after(made, date!(2024 - 05 - 31)), 19);
        assert_eq!(working_days_after(made, date!(2024 - 06 - 03)), 20);
        // The weekend adds nothing.
        assert_eq!(working_days_after(made, date!(2024 - 06 - 01)), 19);
        assert_eq!(working_days_after(made, date!(2024 - 06 - 02)), 19);
        assert_eq!(working_days_after(made, date!(2024 - 06 - 04)), 21);
        // Friday to Monday is one working day.
        assert_eq!(
            working_days_after(date!(2024 - 05 - 03), date!(2024 - 05 - 06)),
            1
        );
        assert_eq!(
            working_days_after(date!(2024 - 05 - 04), date!(2024 - 05 - 05)),
            0
        );
        assert_eq!(working_days_after(made, made), 0);
        assert_eq!(working_days_after(made, date!(2024 - 01 - 01)), 0);
    }

    #[test]
    fn the_count_is_the_same_as_counting_each_day() {
        let start = date!(2024 - 01 - 01);
        for s in 0..9 {
            let from = start + time::Duration::days(s);
            let mut expected = 0;
            let mut d = from;
            for n in 1..60 {
                d = d.next_day().unwrap();
                if !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) {
                    expected += 1;
                }
                assert_eq!(working_days_after(from, d), expected, "{from} + {n}");
            }
        }
    }
}
