//! The forms of pages: one per kind, each with the front-matter keys that kind may have.

use super::{
    Choice, Field, LABEL, Relation, SITE_PATH, WEB_ADDRESS, Widget, board, field, line, paragraphs,
    texts, toggle,
};

/// Which page form: each kind of page gets the keys that kind may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageForm {
    /// A page in a section, or at the top: its kind is a choice.
    Section,
    /// A dated page under `news/`.
    News,
    /// A paper to the board, a bundle of its own.
    Paper,
    /// An appendix in a paper's bundle; starts confidential, as `bcfsite new` does.
    Appendix,
    /// What people told us.
    Feedback,
    /// A board meeting's own page: its time, place and links.
    Meeting,
}

pub const PAGE_FORMS: [PageForm; 6] = [
    PageForm::Section,
    PageForm::News,
    PageForm::Paper,
    PageForm::Appendix,
    PageForm::Feedback,
    PageForm::Meeting,
];

impl PageForm {
    /// The `kind` a page of this form has.
    pub fn kind(self) -> &'static str {
        match self {
            PageForm::Section | PageForm::News => "page",
            PageForm::Paper => "paper",
            PageForm::Appendix => "appendix",
            PageForm::Feedback => "feedback",
            PageForm::Meeting => "meeting",
        }
    }
}

/// What the site tells the forms: the board a paper goes to, by default.
#[derive(Clone, Debug, Default)]
pub struct SiteFacts {
    pub board: Option<String>,
    /// Financial years amounts can be given for, oldest first.
    pub years: Vec<String>,
}

/// Keys of the front matter no form offers, and why.
pub const KEPT_FRONT: &[(&str, &str)] = &[(
    "decision.recommendations",
    "The outcome of each recommendation is a map keyed by the paper's own recommendation ids, which the form cannot know before they are written: edit it in the file (see docs/content.md).",
)];

/// The front-matter fields of a page of `form`, in the order the form shows them.
pub fn page(form: PageForm, site: &SiteFacts) -> Vec<Field> {
    let mut fields = vec![
        line(
            "title",
            "Title",
            "The heading residents see, and the name of the page in lists. Keep it short and plain.",
        )
        .required(),
    ];
    fields.push(match form {
        PageForm::Section => field(
            "kind",
            "Kind of page",
            "A page of narrative, a paper to the board, or feedback from residents (which needs where it came from and how people agreed).",
            Widget::Choice {
                options: texts(&[
                    ("Page", "page"),
                    ("Paper to the board", "paper"),
                    ("Feedback from residents", "feedback"),
                ]),
                default: Some(Choice::Text("page".into())),
            },
        ),
        _ => field("kind", "Kind", "", Widget::Fixed(form.kind())),
    });
    if form == PageForm::Appendix {
        fields.push(
            field(
                "appendix",
                "Appendix label",
                "The label the paper uses for it, such as A. Appendices are listed on the paper in label order.",
                Widget::Line(Some(LABEL)),
            )
            .required(),
        );
    }
    let dated = matches!(form, PageForm::News | PageForm::Paper);
    let mut date = field(
        "date",
        "Date",
        "The date of the paper or update.",
        Widget::Date { today: dated },
    );
    if dated {
        date = date.required();
    }
    fields.push(date);
    let mut summary = field(
        "summary",
        "Summary",
        "One or two plain sentences for residents: shown under the title and in lists.",
        Widget::Lines,
    );
    if matches!(form, PageForm::Paper | PageForm::Feedback) {
        summary = summary.required();
    }
    fields.push(summary);
    match form {
        PageForm::Paper => fields.extend([
            meeting(site, "The meeting the paper went to."),
            board::item(),
            board::paper_recommendations(),
            board::decision(),
        ]),
        PageForm::Feedback => {
            fields.extend(feedback());
            fields.push(board::feedback_recommendations());
        }
        PageForm::Meeting => {
            fields.push(meeting(
                site,
                "The board and date this page is about; the papers that name them are its agenda.",
            ));
            fields.extend(board::meeting_page());
        }
        PageForm::Section | PageForm::News | PageForm::Appendix => {}
    }
    fields.push(relates_to());
    fields.extend(visibility(form));
    fields.extend(presentation());
    fields.extend(super::history());
    fields.extend(formats());
    fields.push(
        field(
            "body",
            "Text",
            "Headings, lists and links from the toolbar, or switch to Markdown. A line of its own such as {{ metric(id=\"residential-admissions\") }} shows a measure.",
            Widget::Markdown,
        )
        .required(),
    );
    fields
}

fn meeting(site: &SiteFacts, hint: &'static str) -> Field {
    let board = field(
        "board",
        "Board",
        "The board or committee the paper went to.",
        Widget::Line(None),
    )
    .required();
    let board = Field {
        default: site.board.clone(),
        ..board
    };
    field(
        "meeting",
        "Meeting",
        hint,
        Widget::Group(vec![
            board,
            field(
                "date",
                "Meeting date",
                "The date of the meeting.",
                Widget::Date { today: true },
            )
            .required(),
        ]),
    )
    .required()
}

fn feedback() -> Vec<Field> {
    vec![
        field(
            "source",
            "Where the feedback comes from",
            "Who gathered it and where it was first published, so readers can weigh it and find it.",
            Widget::Group(vec![
                line("organisation", "Gathered by", "Who collected it, such as Healthwatch Lancashire.")
                    .required(),
                field(
                    "url",
                    "Where it was first published",
                    "The full address of the report, starting https://.",
                    Widget::Line(Some(WEB_ADDRESS)),
                ),
                field(
                    "published",
                    "Date first published",
                    "When the report was published.",
                    Widget::Date { today: false },
                ),
                line(
                    "experienced",
                    "When it happened",
                    "Roughly when people had the experiences, such as Winter 2023.",
                ),
            ]),
        )
        .required(),
        field(
            "consent",
            "Consent",
            "How the people quoted agreed to publication, or why it is safe to publish their words.",
            Widget::Lines,
        )
        .required(),
    ]
}

/// `relates_to`: ids of every kind of record, from the records index (see
/// `records.rs`): Decap's relation widget reads one collection, and these ids come
/// from plans, measures and quarterly returns alike.
fn relates_to() -> Field {
    field(
        "relates_to",
        "About these records",
        "The plans, funding sources, schemes, measures or quarters this page is about: it is shown on their pages. A public page may not name a confidential record.",
        Widget::Relation(Relation {
            collection: "records",
            file: Some("records"),
            value_field: "records.*.id",
            search_fields: &["records.*.label", "records.*.id"],
            display_fields: &["records.*.label"],
            multiple: true,
        }),
    )
}

fn visibility(form: PageForm) -> Vec<Field> {
    let appendix = form == PageForm::Appendix;
    vec![
        field(
            "confidential",
            "Confidential",
            "On: never on the public site, only in members' builds. On a section's page it covers everything in the section. A confidential appendix is listed on its paper as not for publication, never linked.",
            Widget::Toggle(Some(appendix)),
        ),
        field(
            "exempt_paragraph",
            "Schedule 12A paragraph",
            "Only for confidential pages: the paragraph of Schedule 12A to the Local Government Act 1972 that makes it exempt. The paper shows it beside the appendix.",
            Widget::Choice {
                options: paragraphs(),
                default: appendix.then_some(Choice::Number(3)),
            },
        ),
        field(
            "title_public",
            "Title may be published",
            "Only for confidential pages: turn off to withhold the title too, where the title itself gives something away.",
            Widget::Toggle(Some(true)),
        ),
        field(
            "publish",
            "Publish from (embargo)",
            "Not published before this date and time. Times are your computer's own: 09:00 in winter is GMT (saved as +00:00), in summer BST (+01:00). Emptied, it stops the build until you give a time.",
            Widget::Moment,
        ),
        toggle(
            "draft",
            "Draft",
            "On: left out of the site until you turn it off.",
        ),
    ]
}

fn presentation() -> Vec<Field> {
    vec![
        field(
            "aliases",
            "Old addresses",
            "Addresses this page used to have, such as /papers/old-name/: each will send readers here.",
            Widget::Texts(Some(SITE_PATH)),
        ),
        line(
            "template",
            "Template",
            "Leave empty, unless a developer made another template for pages like this one, such as page.html.",
        ),
        field(
            "weight",
            "Order",
            "Pages with lower numbers come first in lists.",
            Widget::Whole,
        ),
    ]
}

const PAGE_PATH: super::Pattern = super::Pattern {
    regex: "^/[^?#\\\\]*$",
    message: "write the page's address from the site root, such as /about/what-is-the-bcf-easy-read/",
};

const FORMATS: [(&str, &str); 4] = [
    ("Easy read", "easy_read"),
    ("British Sign Language (BSL)", "bsl"),
    ("Audio", "audio"),
    ("Large print", "large_print"),
];

/// `alternates` and `format`: other formats of a page.
fn formats() -> Vec<Field> {
    vec![
        field(
            "alternates",
            "Other formats",
            "Versions of this page in other formats: give each either the address of a page of this site or a full web address, not both.",
            Widget::Records {
                summary: "{{fields.format}}",
                fields: vec![
                    field(
                        "format",
                        "Format",
                        "The format of the other version.",
                        Widget::Choice {
                            options: texts(&FORMATS),
                            default: None,
                        },
                    )
                    .required(),
                    field(
                        "page",
                        "Page of this site",
                        "Its address on this site, such as /about/what-is-the-bcf-easy-read/.",
                        Widget::Line(Some(PAGE_PATH)),
                    ),
                    field(
                        "url",
                        "Web address",
                        "Anywhere else, such as a video: the full address, starting https://.",
                        Widget::Line(Some(WEB_ADDRESS)),
                    ),
                ],
            },
        ),
        field(
            "format",
            "This page's format",
            "Only for a page that is another format of a standard page, such as an easy read version; leave empty otherwise.",
            Widget::Choice {
                options: texts(&FORMATS),
                default: None,
            },
        ),
    ]
}
