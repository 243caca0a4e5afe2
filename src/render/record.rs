//! What templates see of the board's record on a page: its decision and its
//! recommendations with their outcomes or responses (`page.decision`,
//! `page.recommendations`), made from the decided front matter (the visibility stage
//! has already taken out what is confidential in a public build).

use serde::Serialize;

use crate::content::decisions::{Decision, Recommendation};

/// `page.decision`.
#[derive(Clone, Debug, Serialize)]
pub struct DecisionView {
    /// "Decision: approved on 12 November 2024, minute 45/24".
    pub sentence: String,
    /// `approved`, `approved_with_changes`, ...
    pub outcome: String,
    pub date: String,
    pub date_label: String,
    pub minute: Option<String>,
    pub text: Option<String>,
    /// The text is confidential: withheld (public build) or marked (members' build).
    pub confidential: bool,
}

/// An item of `page.recommendations`.
#[derive(Clone, Debug, Serialize)]
pub struct RecommendationView {
    pub id: String,
    pub text: String,
    /// On a decided paper: the board's outcome for it, in words.
    pub outcome: Option<&'static str>,
    pub to: Option<String>,
    pub made: Option<String>,
    pub made_label: Option<String>,
    pub responses: Vec<ResponseView>,
    /// Feedback: its latest status in words, "Accepted 10 June 2024; not yet done".
    pub status: Option<String>,
    pub done: Option<String>,
    /// Members' builds only: marked confidential.
    pub confidential: bool,
}

/// A response to a recommendation.
#[derive(Clone, Debug, Serialize)]
pub struct ResponseView {
    pub date: String,
    pub date_label: String,
    pub by: String,
    pub status: &'static str,
    pub text: String,
    pub confidential: bool,
}

pub fn decision_view(d: &Decision) -> DecisionView {
    DecisionView {
        sentence: d.sentence(),
        outcome: serde_plain_outcome(d),
        date: d.date.iso(),
        date_label: d.date.label(),
        minute: d.minute.clone(),
        text: d.text.clone(),
        confidential: d.confidential,
    }
}

fn serde_plain_outcome(d: &Decision) -> String {
    d.outcome.label().replace(' ', "_")
}

/// The recommendations of a page, with the decision's outcome for each (papers) and
/// their responses and status (feedback).
/// `feedback`: the page is feedback, so each recommendation has a status.
pub fn recommendation_views(
    recs: &[Recommendation],
    decision: Option<&Decision>,
    feedback: bool,
) -> Vec<RecommendationView> {
    recs.iter()
        .map(|r| RecommendationView {
            id: r.id.to_string(),
            text: r.text.clone(),
            outcome: decision
                .and_then(|d| d.recommendations.get(r.id.as_str()))
                .map(|o| o.label()),
            to: r.to.clone(),
            made: r.made.map(|d| d.iso()),
            made_label: r.made.map(|d| d.label()),
            responses: r
                .responses
                .iter()
                .map(|x| ResponseView {
                    date: x.date.iso(),
                    date_label: x.date.label(),
                    by: x.by.clone(),
                    status: x.status.label(),
                    text: x.text.clone(),
                    confidential: x.confidential,
                })
                .collect(),
            status: feedback.then(|| r.status_label()),
            done: r.done.map(|d| d.label()),
            confidential: r.confidential,
        })
        .collect()
}
