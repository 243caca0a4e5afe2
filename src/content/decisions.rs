//! The board's record on a page: the `recommendations` a paper puts to the board and
//! the `decision` it took, and the recommendations feedback makes with the responses
//! to them ("you said, we did").
//!
//! One [`Recommendation`] type serves both: a paper's uses `id` and `text`; feedback
//! adds `to`, `made`, `responses` and `done`. Each recommendation, each response and
//! a decision may be `confidential: true`; the visibility stage withholds it (a
//! decision's text only: the outcome of a vote is public) and the audit looks for it.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::front_matter::{Date, FrontMatter};
use crate::diagnostic::{Diagnostic, SourceText};

/// A recommendation put to the board (a paper) or made to an organisation (feedback).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    pub id: crate::data::Id,
    pub text: String,
    /// Feedback: who it was made to.
    pub to: Option<String>,
    /// Feedback: when it was made.
    pub made: Option<Date>,
    /// Feedback: the answers to it, oldest first.
    #[serde(default)]
    pub responses: Vec<Response>,
    /// Feedback: when it was acted on.
    pub done: Option<Date>,
    #[serde(default)]
    pub confidential: bool,
}

/// An answer to a recommendation.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    pub date: Date,
    pub by: String,
    pub status: Status,
    pub text: String,
    #[serde(default)]
    pub confidential: bool,
}

/// What a response said of a recommendation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Accepted,
    PartlyAccepted,
    NotAccepted,
    Pending,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Accepted => "Accepted",
            Status::PartlyAccepted => "Partly accepted",
            Status::NotAccepted => "Not accepted",
            Status::Pending => "Pending",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Accepted => "accepted",
            Status::PartlyAccepted => "partly_accepted",
            Status::NotAccepted => "not_accepted",
            Status::Pending => "pending",
        }
    }
}

/// What the board did with a paper.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub outcome: Outcome,
    pub date: Date,
    pub minute: Option<String>,
    pub text: Option<String>,
    /// The outcome of each recommendation, by its id.
    #[serde(default)]
    pub recommendations: BTreeMap<String, Outcome>,
    /// The decision's text is not for publication (its outcome, date and minute are).
    #[serde(default)]
    pub confidential: bool,
}

/// How the board decided a paper or a recommendation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Approved,
    ApprovedWithChanges,
    Noted,
    Deferred,
    Rejected,
}

impl Outcome {
    /// In words, after "Decision:" or a recommendation.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Approved => "approved",
            Outcome::ApprovedWithChanges => "approved with changes",
            Outcome::Noted => "noted",
            Outcome::Deferred => "deferred",
            Outcome::Rejected => "rejected",
        }
    }
}

impl Decision {
    /// "Decision: approved on 12 November 2024, minute 45/24".
    pub fn sentence(&self) -> String {
        let minute = self
            .minute
            .as_deref()
            .map(|m| format!(", minute {m}"))
            .unwrap_or_default();
        format!(
            "Decision: {} on {}{minute}",
            self.outcome.label(),
            self.date.label()
        )
    }
}

impl Recommendation {
    /// The latest response, by date (the last written wins a tie).
    pub fn latest(&self) -> Option<&Response> {
        self.responses.iter().rev().max_by_key(|r| r.date)
    }

    /// Its status in words: "Accepted 10 June 2024; not yet done", "Done 2
    /// September 2024", "No response yet".
    pub fn status_label(&self) -> String {
        let done = match self.done {
            Some(d) => format!("done {}", d.label()),
            None => "not yet done".to_string(),
        };
        match self.latest() {
            Some(r) => format!("{} {}; {done}", r.status.label(), r.date.label()),
            None if self.done.is_some() => capitalised(&done),
            None => "No response yet".to_string(),
        }
    }

    /// Its status as data: the latest response's status, or `no_response`.
    pub fn status_code(&self) -> &'static str {
        self.latest().map_or("no_response", |r| r.status.as_str())
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The rules on one page's record that need no date: which kinds may carry it, and
/// that a decision names only the paper's own recommendations.
pub fn rules(
    fm: &FrontMatter,
    source: &SourceText,
    key_at: &dyn Fn(&str) -> Range<usize>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let paper = fm.kind.is_agenda_item();
    for (key, present) in [
        ("item", fm.item.is_some()),
        ("decision", fm.decision.is_some()),
    ] {
        if present && !paper {
            out.push(
                Diagnostic::error(
                    "paper-key-on-other-page",
                    format!("`{key}` is only for pages with `kind: paper`"),
                )
                .at(source, key_at(key))
                .with_help("add `kind: paper`, or remove the line"),
            );
        }
    }
    let meeting_keys = [
        ("time", fm.time.is_some()),
        ("place", fm.place.is_some()),
        ("webcast", fm.webcast.is_some()),
        ("minutes", fm.minutes.is_some()),
    ];
    for (key, present) in meeting_keys {
        if present && !fm.kind.is_meeting_page() {
            out.push(
                Diagnostic::error(
                    "meeting-key-on-other-page",
                    format!("`{key}` is only for pages with `kind: meeting`"),
                )
                .at(source, key_at(key))
                .with_help("add `kind: meeting`, or remove the line"),
            );
        }
    }
    if fm.kind.is_meeting_page() && fm.meeting.is_none() {
        out.push(
            Diagnostic::error("meeting-page-without-meeting", "a meeting page needs its `meeting`")
                .at(source, key_at("kind"))
                .with_help("add the board and date it is about, e.g.\n    meeting:\n      board: Lancashire Health and Wellbeing Board\n      date: 2024-11-12"),
        );
    }
    if let Some(t) = &fm.time
        && crate::content::meetings::parse_time(t).is_none()
    {
        out.push(
            Diagnostic::error("invalid-meeting-time", format!("`{t}` is not a time of day"))
                .at(source, key_at("time"))
                .with_help("write the time the meeting starts, UK time, on the 24-hour clock in quotes, e.g. `time: \"10:00\"`"),
        );
    }
    for (key, url) in [("webcast", &fm.webcast), ("minutes", &fm.minutes)] {
        if let Some(url) = url
            && !(url.starts_with("https://") || url.starts_with("http://") || url.starts_with('/'))
        {
            out.push(
                Diagnostic::error(
                    "invalid-meeting-link",
                    format!("`{url}` is not a web address"),
                )
                .at(source, key_at(key))
                .with_help(
                    "give the full address, starting https://, or a path on this site starting /",
                ),
            );
        }
    }
    if !fm.recommendations.is_empty() && !fm.kind.has_recommendations() {
        out.push(
            Diagnostic::error(
                "recommendations-on-other-page",
                "`recommendations` are only for papers and feedback",
            )
            .at(source, key_at("recommendations"))
            .with_help("add `kind: paper` or `kind: feedback`, or move the recommendations to the paper or feedback page they belong to"),
        );
    }
    let mut seen = BTreeSet::new();
    for r in &fm.recommendations {
        if !seen.insert(r.id.as_str()) {
            out.push(
                Diagnostic::error(
                    "duplicate-recommendation",
                    format!("two recommendations have the id `{}`", r.id),
                )
                .at(source, key_at("recommendations"))
                .with_help("give each recommendation on the page its own id"),
            );
        }
    }
    if let Some(d) = &fm.decision {
        for id in d.recommendations.keys() {
            if !seen.contains(id.as_str()) {
                let known: Vec<&str> = seen.iter().copied().collect();
                let help = match crate::diagnostic::did_you_mean(id, known.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None if known.is_empty() => "list the paper's `recommendations` (each with an `id` and its `text`), then give each an outcome under `decision: recommendations:`".to_string(),
                    None => format!("the paper's recommendations are: {}", known.join(", ")),
                };
                let at = super::front_matter::spans(source)
                    .and_then(|s| {
                        s.root()
                            .path("decision.recommendations")
                            .and_then(|a| a.get(id))
                            .and_then(|a| a.key_span())
                    })
                    .unwrap_or_else(|| key_at("decision"));
                out.push(
                    Diagnostic::error(
                        "unknown-recommendation",
                        format!("the decision gives an outcome for `{id}`, which is not one of this paper's recommendations"),
                    )
                    .at(source, at)
                    .with_help(help),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn rec(responses: Vec<Response>, done: Option<Date>) -> Recommendation {
        Recommendation {
            id: crate::data::Id("r".into()),
            text: "T".into(),
            to: None,
            made: Some(date("2024-05-01")),
            responses,
            done,
            confidential: false,
        }
    }

    fn resp(d: &str, status: Status) -> Response {
        Response {
            date: date(d),
            by: "Council".into(),
            status,
            text: "T".into(),
            confidential: false,
        }
    }

    #[test]
    fn status_in_words() {
        assert_eq!(rec(vec![], None).status_label(), "No response yet");
        let r = rec(vec![resp("2024-06-10", Status::Accepted)], None);
        assert_eq!(r.status_label(), "Accepted 10 June 2024; not yet done");
        let r = rec(
            vec![
                resp("2024-07-01", Status::PartlyAccepted),
                resp("2024-06-10", Status::Pending),
            ],
            Some(date("2024-09-02")),
        );
        assert_eq!(
            r.status_label(),
            "Partly accepted 1 July 2024; done 2 September 2024"
        );
        assert_eq!(r.status_code(), "partly_accepted");
        assert_eq!(
            rec(vec![], Some(date("2024-09-02"))).status_label(),
            "Done 2 September 2024"
        );
    }

    #[test]
    fn decision_in_words() {
        let d = Decision {
            outcome: Outcome::Approved,
            date: date("2024-11-12"),
            minute: Some("45/24".into()),
            text: None,
            recommendations: BTreeMap::new(),
            confidential: false,
        };
        assert_eq!(
            d.sentence(),
            "Decision: approved on 12 November 2024, minute 45/24"
        );
    }
}
