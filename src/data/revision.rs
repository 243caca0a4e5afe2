//! A figure that was published and later replaced: `revised:` on a metric's figure
//! keeps what was published before, so a resident who saw the old figure can see that
//! it changed, when and why.
//!
//! ```yaml
//! 2024-25-Q1: {value: 683.96, status: actual, revised: [{value: 671.20, date: 2024-09-30, note: First published as an estimate}]}
//! ```
//!
//! Revisions are listed oldest first: each is a figure as it was published, and the
//! date it was replaced. A revision may be `confidential: true`; it is then withheld
//! from a public build by `src/visibility.rs` and fingerprinted for the audit.

use serde::{Deserialize, Serialize};

use super::amount::Amount;
use super::format::{MetricUnit, metric_value};
use crate::content::front_matter::Date;

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    /// The figure as it was published before, exactly as written.
    pub value: Amount,
    /// When it was replaced.
    pub date: Date,
    /// Why, in a sentence.
    pub note: Option<String>,
    #[serde(default)]
    pub confidential: bool,
}

/// The revisions of a figure in words, for its row on the metric page: "Revised from
/// 671.20 on 30 September 2024 (First published as an estimate)." Several are joined
/// oldest first. `None` when there are none.
pub fn words(revised: &[Revision], unit: MetricUnit) -> Option<String> {
    if revised.is_empty() {
        return None;
    }
    let each: Vec<String> = revised
        .iter()
        .map(|r| {
            let why = r
                .note
                .as_deref()
                .map_or(String::new(), |n| format!(" ({n})"));
            // Only a members' build still holds a confidential revision.
            let mark = if r.confidential {
                " [confidential: not for publication]"
            } else {
                ""
            };
            format!(
                "from {} on {}{why}{mark}",
                metric_value(r.value, unit),
                r.date.label()
            )
        })
        .collect();
    Some(format!("Revised {}.", each.join(", then ")))
}

/// The revisions as one line of text for the downloads: "671.20 replaced on
/// 2024-09-30: First published as an estimate", joined by "; ".
pub fn text(revised: &[Revision]) -> Option<String> {
    if revised.is_empty() {
        return None;
    }
    Some(
        revised
            .iter()
            .map(|r| {
                let why = r
                    .note
                    .as_deref()
                    .map_or(String::new(), |n| format!(": {n}"));
                format!("{} replaced on {}{why}", r.value.0, r.date)
            })
            .collect::<Vec<_>>()
            .join("; "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn revision(value: &str, date: &str, note: Option<&str>) -> Revision {
        Revision {
            value: Amount(value.parse().unwrap()),
            date: Date::parse(date).unwrap(),
            note: note.map(Into::into),
            confidential: false,
        }
    }

    #[test]
    fn in_words_and_as_text() {
        let rs = [revision(
            "671.20",
            "2024-09-30",
            Some("First published as an estimate"),
        )];
        assert_eq!(
            words(&rs, MetricUnit::RatePer100k).unwrap(),
            "Revised from 671.20 on 30 September 2024 (First published as an estimate)."
        );
        assert_eq!(
            text(&rs).unwrap(),
            "671.20 replaced on 2024-09-30: First published as an estimate"
        );
        let two = [revision("12", "2024-08-01", None), rs[0].clone()];
        assert_eq!(
            words(&two, MetricUnit::Count).unwrap(),
            "Revised from 12 on 1 August 2024, then from 671.20 on 30 September 2024 (First published as an estimate)."
        );
        assert!(words(&[], MetricUnit::Count).is_none());
    }
}
