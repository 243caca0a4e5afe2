//! The board's record (issue 19) in the page forms: a paper's agenda item,
//! recommendations and decision, a meeting page's time, place and links, and the
//! recommendations feedback makes with the responses to them ("you said, we did").

use super::{Field, ID, Pattern, Widget, field, line, texts, toggle};

/// The time a meeting starts, as `src/content/meetings.rs` reads it.
pub(super) const TIME: Pattern = Pattern {
    regex: "^([01]?[0-9]|2[0-3]):[0-5][0-9]$",
    message: "write the time it starts on the 24-hour clock, UK time, such as 10:00 or 14:30",
};

/// A full address or a path on the site.
pub(super) const LINK: Pattern = Pattern {
    regex: "^(https?://|/)",
    message: "give the full address, starting https://, or a path on this site starting /",
};

/// `item`: a paper's place on its meeting's agenda.
pub(super) fn item() -> Field {
    field(
        "item",
        "Agenda item",
        "The paper's item number on its meeting's agenda; the meeting's page lists papers in this order.",
        Widget::Whole,
    )
}

fn recommendation_fields() -> Vec<Field> {
    vec![
        field(
            "id",
            "Id",
            "Lowercase letters, digits and hyphens, unique on this page, such as approve-plan.",
            Widget::Line(Some(ID)),
        )
        .required(),
        field(
            "text",
            "Recommendation",
            "The recommendation as it is written.",
            Widget::Lines,
        )
        .required(),
    ]
}

fn confidential(hint: &'static str) -> Field {
    toggle("confidential", "Confidential", hint)
}

/// `recommendations` on a paper: what it asks the board to do.
pub(super) fn paper_recommendations() -> Field {
    let mut fields = recommendation_fields();
    fields.push(confidential(
        "On: this recommendation and its outcome are withheld from the public site.",
    ));
    field(
        "recommendations",
        "Recommendations",
        "What the paper asks the board to do, one at a time. The outcome of each is recorded in the file, under the decision (see docs/content.md).",
        Widget::Records {
            summary: "{{fields.id}}: {{fields.text}}",
            fields,
        },
    )
}

/// `recommendations` on feedback: what it asks of others, and their responses.
pub(super) fn feedback_recommendations() -> Field {
    let mut fields = recommendation_fields();
    fields.extend([
        line(
            "to",
            "Made to",
            "Who the recommendation was made to, such as Lancashire County Council.",
        ),
        field(
            "made",
            "Made on",
            "When it was made; bcfsite check warns when no response comes in time.",
            Widget::Date { today: false },
        ),
        field(
            "responses",
            "Responses",
            "The answers to it, in any order; the latest is its status.",
            Widget::Records {
                summary: "{{fields.date}}: {{fields.status}}",
                fields: vec![
                    field(
                        "date",
                        "Date",
                        "When the answer was given.",
                        Widget::Date { today: false },
                    )
                    .required(),
                    line(
                        "by",
                        "By",
                        "Who answered, such as Lancashire County Council.",
                    )
                    .required(),
                    field(
                        "status",
                        "Answer",
                        "What the answer said of the recommendation.",
                        Widget::Choice {
                            options: texts(&[
                                ("Accepted", "accepted"),
                                ("Partly accepted", "partly_accepted"),
                                ("Not accepted", "not_accepted"),
                                ("Pending", "pending"),
                            ]),
                            default: None,
                        },
                    )
                    .required(),
                    field(
                        "text",
                        "What they said",
                        "The answer in a sentence or two.",
                        Widget::Lines,
                    )
                    .required(),
                    confidential("On: this answer is withheld from the public site."),
                ],
            },
        ),
        field(
            "done",
            "Done on",
            "When the recommendation was acted on.",
            Widget::Date { today: false },
        ),
        confidential(
            "On: the whole recommendation and its responses are withheld from the public site.",
        ),
    ]);
    field(
        "recommendations",
        "You said, we did",
        "The recommendations this feedback makes, to whom, and the responses to them.",
        Widget::Records {
            summary: "{{fields.id}}: {{fields.text}}",
            fields,
        },
    )
}

/// `decision` on a paper: what the board did.
pub(super) fn decision() -> Field {
    field(
        "decision",
        "Decision",
        "What the board did with the paper, once it has met. Leave empty until then.",
        Widget::Group(vec![
            field(
                "outcome",
                "Outcome",
                "What the board did with the paper.",
                Widget::Choice {
                    options: texts(&[
                        ("Approved", "approved"),
                        ("Approved with changes", "approved_with_changes"),
                        ("Noted", "noted"),
                        ("Deferred", "deferred"),
                        ("Rejected", "rejected"),
                    ]),
                    default: None,
                },
            )
            .required(),
            field(
                "date",
                "Date decided",
                "The day it decided: the meeting's date, or a day after it.",
                Widget::Date { today: false },
            )
            .required(),
            line("minute", "Minute", "The minute number, such as 45/24."),
            field(
                "text",
                "Resolution",
                "The resolution in words.",
                Widget::Lines,
            ),
            // No default: a default would make Decap save a decision on every new paper.
            field(
                "confidential",
                "Resolution is confidential",
                "On: the resolution's words are withheld from the public site; the outcome, date and minute are the public record of the vote and are still shown.",
                Widget::Toggle(None),
            ),
        ]),
    )
}

/// A meeting page's own keys.
pub(super) fn meeting_page() -> Vec<Field> {
    vec![
        field(
            "time",
            "Starts at",
            "When the meeting starts, UK time, on the 24-hour clock, such as 10:00.",
            Widget::Line(Some(TIME)),
        ),
        line(
            "place",
            "Place",
            "Where the meeting is held, such as County Hall, Preston.",
        ),
        field(
            "webcast",
            "Webcast",
            "Where to watch it: the full address, starting https://.",
            Widget::Line(Some(LINK)),
        ),
        field(
            "minutes",
            "Minutes",
            "The minutes, once published: the full address, starting https://, or a path on this site.",
            Widget::Line(Some(LINK)),
        ),
    ]
}
