//! Corrections and change history: `updated:` and `changes: [{date, note}]` on a
//! page, and what a page's history says (its last update, its changes newest first).
//!
//! A change may be `confidential: true`: the note is then withheld from a public
//! build by `src/visibility.rs` (the only code that decides) and fingerprinted for the
//! audit; a members' build shows it marked.

use serde::{Deserialize, Serialize};

use super::front_matter::{Date, FrontMatter};

/// One entry of a page's (or record's) change history.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub date: Date,
    /// What changed and why, in a sentence.
    pub note: String,
    #[serde(default)]
    pub confidential: bool,
}

/// When the page was last changed: `updated`, else its newest change.
pub fn last_updated(front: &FrontMatter) -> Option<Date> {
    last_updated_of(front.updated, &front.changes)
}

/// When a page or record was last changed: `updated`, else its newest change.
pub fn last_updated_of(updated: Option<Date>, changes: &[Change]) -> Option<Date> {
    updated.or_else(|| changes.iter().map(|c| c.date).max())
}

/// The changes newest first (the order written breaks ties, latest line first).
pub fn newest_first(changes: &[Change]) -> Vec<(usize, &Change)> {
    let mut out: Vec<(usize, &Change)> = changes.iter().enumerate().collect();
    out.sort_by(|a, b| b.1.date.cmp(&a.1.date).then(b.0.cmp(&a.0)));
    out
}

/// The fragment id of a change on its page, e.g. `change-2024-09-30-1`, where the
/// number is its place in the list as written (from 1): stable as later changes are
/// added below it.
pub fn anchor(index: usize, change: &Change) -> String {
    format!("change-{}-{}", change.date, index + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(date: &str, note: &str) -> Change {
        Change {
            date: Date::parse(date).unwrap(),
            note: note.into(),
            confidential: false,
        }
    }

    #[test]
    fn newest_first_and_anchors() {
        let cs = [
            change("2024-09-01", "a"),
            change("2024-10-01", "b"),
            change("2024-10-01", "c"),
        ];
        let order: Vec<&str> = newest_first(&cs)
            .iter()
            .map(|(_, c)| c.note.as_str())
            .collect();
        assert_eq!(order, ["c", "b", "a"]);
        assert_eq!(anchor(2, &cs[2]), "change-2024-10-01-3");
    }
}
