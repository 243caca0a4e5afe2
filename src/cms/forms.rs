//! The editing forms: every key of bcfsite's schemas (front matter, plans, measures,
//! quarterly returns, `site.yaml`) as a Decap CMS field, in one table per kind.
//!
//! A key either has a field here or is listed in a `KEPT_*` table with the reason a
//! form cannot offer it (Decap has no widget for a map whose keys you choose, such as
//! a quarter's statuses by measure id). Decap keeps a key its form does not show, so
//! a kept key survives an edit as it was written. The tests hold both tables to the
//! real parsers: every field, set on its own, is a key the parser accepts, and every
//! key the parser accepts is a field or kept, so a new key cannot be forgotten.

/// One field of a form.
#[derive(Clone, Debug)]
pub struct Field {
    pub name: String,
    pub label: &'static str,
    /// Shown under the field: what it does, in the words of the docs.
    pub hint: &'static str,
    pub required: bool,
    /// The text a new entry starts with, for a one-line field.
    pub default: Option<String>,
    pub widget: Widget,
}

/// The kind of input a field gets, as bcfsite's types need it.
#[derive(Clone, Debug)]
pub enum Widget {
    /// One line of text, optionally held to a pattern (regex, what to write instead).
    Line(Option<Pattern>),
    /// Several lines of plain text.
    Lines,
    /// The page's Markdown (bcfsite's shortcodes pass untouched).
    Markdown,
    /// On or off, with the value a new entry starts with.
    Toggle(Option<bool>),
    /// A whole number.
    Whole,
    /// A number with a fraction (a reading-grade), read as a float.
    Fraction,
    /// An exact amount: typed as text and saved as text, so it never passes through a
    /// float on its way to `rust_decimal`.
    Amount,
    /// A calendar date, `YYYY-MM-DD`; `today` makes a new entry start with today.
    Date { today: bool },
    /// A moment, saved as RFC 3339 with the editor's own UTC offset.
    Moment,
    /// One of a fixed list of (label, value).
    Choice {
        options: Vec<(String, Choice)>,
        default: Option<Choice>,
    },
    /// A value every entry of the collection has and the form does not show.
    Fixed(&'static str),
    /// A list of one-line texts, each held to a pattern.
    Texts(Option<Pattern>),
    /// A list of records, each a form of its own; `summary` names an item when folded.
    Records {
        summary: &'static str,
        fields: Vec<Field>,
    },
    /// A group of fields saved as a map.
    Group(Vec<Field>),
    /// A map from period (`2024-25`) to an exact amount, one field per period.
    ByPeriod(Vec<String>),
    /// A pick from another collection's entries (Decap's `relation` widget).
    Relation(Relation),
}

/// A value of a [`Widget::Choice`].
#[derive(Clone, Debug, PartialEq)]
pub enum Choice {
    Text(String),
    Number(i64),
}

/// A regular expression a value must match, and what to tell someone whose value
/// does not.
#[derive(Clone, Copy, Debug)]
pub struct Pattern {
    pub regex: &'static str,
    pub message: &'static str,
}

/// Where a relation finds its values.
#[derive(Clone, Debug)]
pub struct Relation {
    pub collection: &'static str,
    /// For a files collection: the file.
    pub file: Option<&'static str>,
    pub value_field: &'static str,
    pub search_fields: &'static [&'static str],
    pub display_fields: &'static [&'static str],
    pub multiple: bool,
}

pub const ID: Pattern = Pattern {
    regex: "^[a-z0-9]+(-[a-z0-9]+)*$",
    message: "use lowercase letters, digits and hyphens, such as falls-lifting",
};
pub const YEAR: Pattern = Pattern {
    regex: "^[0-9]{4}-[0-9]{2}$",
    message: "write a financial year such as 2024-25",
};
const QUARTER: Pattern = Pattern {
    regex: "^[0-9]{4}-[0-9]{2}-Q[1-4]$",
    message: "write a quarter such as 2024-25-Q2 (Q1 is April to June)",
};
const WEB_ADDRESS: Pattern = Pattern {
    regex: "^https?://",
    message: "give the full address, starting https://",
};
const SITE_PATH: Pattern = Pattern {
    regex: "^/[^?#\\\\]*$",
    message: "write the old address as a path from the site root, such as /papers/old-name/",
};
const LABEL: Pattern = Pattern {
    regex: "\\S",
    message: "give the label the paper uses, such as A",
};

fn field(name: &str, label: &'static str, hint: &'static str, widget: Widget) -> Field {
    Field {
        name: name.to_string(),
        label,
        hint,
        required: false,
        default: None,
        widget,
    }
}

impl Field {
    fn required(mut self) -> Field {
        self.required = true;
        self
    }
}

fn line(name: &str, label: &'static str, hint: &'static str) -> Field {
    field(name, label, hint, Widget::Line(None))
}

fn toggle(name: &str, label: &'static str, hint: &'static str) -> Field {
    field(name, label, hint, Widget::Toggle(Some(false)))
}

/// The Schedule 12A paragraphs, each with its wording.
fn paragraphs() -> Vec<(String, Choice)> {
    (1..=7)
        .map(|n| {
            let p = crate::content::front_matter::ExemptParagraph(n);
            (
                format!("{n}: {}", p.meaning()),
                Choice::Number(i64::from(n)),
            )
        })
        .collect()
}

fn texts(options: &[(&'static str, &'static str)]) -> Vec<(String, Choice)> {
    options
        .iter()
        .map(|(label, value)| (label.to_string(), Choice::Text(value.to_string())))
        .collect()
}

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
}

pub const PAGE_FORMS: [PageForm; 5] = [
    PageForm::Section,
    PageForm::News,
    PageForm::Paper,
    PageForm::Appendix,
    PageForm::Feedback,
];

impl PageForm {
    /// The `kind` a page of this form has.
    pub fn kind(self) -> &'static str {
        match self {
            PageForm::Section | PageForm::News => "page",
            PageForm::Paper => "paper",
            PageForm::Appendix => "appendix",
            PageForm::Feedback => "feedback",
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
pub const KEPT_FRONT: &[(&str, &str)] = &[];

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
    if form == PageForm::Paper {
        fields.push(meeting(site));
    }
    if form == PageForm::Feedback {
        fields.extend(feedback());
    }
    fields.push(relates_to());
    fields.extend(visibility(form));
    fields.extend(presentation());
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

fn meeting(site: &SiteFacts) -> Field {
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
        "The meeting the paper went to.",
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

/// Keys of `kind: plan` (and its records) no form offers.
pub const KEPT_PLAN: &[(&str, &str)] = &[];

/// A plan: funding sources and schemes, with amounts by year.
pub fn plan(site: &SiteFacts) -> Vec<Field> {
    let amounts = |hint: &'static str| {
        field(
            "amounts",
            "Amounts",
            hint,
            Widget::ByPeriod(site.years.clone()),
        )
    };
    let flags = || {
        vec![
            toggle(
                "confidential",
                "Confidential",
                "On: withheld from the public site; totals are worked out from the published records and say how many were withheld.",
            ),
            toggle(
                "amount_public",
                "Amounts may be published",
                "Only for a confidential record whose amounts are in a published plan: they count in the totals, its details stay withheld.",
            ),
            toggle(
                "illustrative",
                "Illustrative",
                "On: the amounts are illustrative, not from a published paper; pages say so.",
            ),
        ]
    };
    let id = |hint: &'static str| field("id", "Id", hint, Widget::Line(Some(ID))).required();
    let mut funding = vec![
        id(
            "Lowercase letters, digits and hyphens; it becomes the address /funding/<id>/, so never change it.",
        ),
        line(
            "name",
            "Name",
            "As the plan names it, such as NHS minimum contribution.",
        )
        .required(),
        field(
            "description",
            "Description",
            "What the money is, in plain words.",
            Widget::Lines,
        ),
        amounts("In the plan's units, by financial year; exact, without thousands separators."),
    ];
    funding.extend(flags());
    let mut schemes = vec![
        id(
            "Lowercase letters, digits and hyphens; it becomes the address /schemes/<id>/, so never change it.",
        ),
        line(
            "name",
            "Name",
            "The scheme's name, such as Falls Lifting Response Service.",
        )
        .required(),
        field(
            "description",
            "Description",
            "What the scheme does, in plain words.",
            Widget::Lines,
        ),
        line(
            "type",
            "Scheme type",
            "The national scheme type, such as Assistive technologies and equipment.",
        ),
        line(
            "sub_type",
            "Sub-type",
            "The national template's sub-type of the scheme type.",
        ),
        line(
            "area_of_spend",
            "Area of spend",
            "The template's area of spend, such as Social care.",
        ),
        line(
            "commissioner",
            "Commissioner",
            "Who commissions it, such as Joint.",
        ),
        line("provider", "Provider", "Who delivers the scheme."),
        line(
            "fund",
            "Fund",
            "The funding stream's short name as you write it: BCF, iBCF, DFG, ...",
        ),
        field(
            "new_or_existing",
            "New or existing",
            "Whether the scheme is new in this plan or carried on from an earlier one.",
            Widget::Choice {
                options: texts(&[("New", "new"), ("Existing", "existing")]),
                default: None,
            },
        ),
        amounts(
            "In the plan's units, by financial year. With funding lines below, leave empty: it is their sum.",
        ),
        field(
            "funding",
            "Funding lines",
            "One line per funding source that pays for the scheme, as the national template gives them.",
            Widget::Records {
                summary: "{{fields.source}}",
                fields: vec![
                    field(
                        "source",
                        "Funding source",
                        "A funding source of this plan.",
                        Widget::Relation(Relation {
                            collection: "plans",
                            file: None,
                            value_field: "funding.*.id",
                            search_fields: &["funding.*.name", "funding.*.id"],
                            display_fields: &["funding.*.name"],
                            multiple: false,
                        }),
                    )
                    .required(),
                    amounts("In the plan's units, by financial year."),
                ],
            },
        ),
        field(
            "outputs",
            "Planned outputs",
            "Planned output by financial year, counted in the unit below.",
            Widget::ByPeriod(site.years.clone()),
        ),
        line(
            "output_unit",
            "Output unit",
            "What the outputs count, such as call-outs or packages of care.",
        ),
        field(
            "joint",
            "Joint shares",
            "For a jointly commissioned scheme: the NHS and council percentages, adding up to 100.",
            Widget::Group(vec![
                field("nhs", "NHS share (%)", "", Widget::Amount).required(),
                field("council", "Council share (%)", "", Widget::Amount).required(),
            ]),
        ),
    ];
    schemes.extend(flags());
    let mut fields = vec![
        field("kind", "Kind", "", Widget::Fixed("plan")),
        field("id", "Id", "Lowercase letters, digits and hyphens, such as bcf-2023-25; it becomes the address /plans/<id>/, so never change it.", Widget::Line(Some(ID))).required(),
        line("title", "Title", "The plan's name, such as Lancashire Better Care Fund Plan 2023 to 2025.").required(),
        field("summary", "Summary", "One or two plain sentences for residents.", Widget::Lines),
        field("years", "Years", "The financial years the plan covers, such as 2024-25.", Widget::Texts(Some(YEAR))).required(),
        field(
            "units",
            "Units",
            "Whether amounts are in pounds or in thousands of pounds.",
            Widget::Choice {
                options: texts(&[("Thousands of pounds (£000)", "thousands"), ("Pounds (£)", "pounds")]),
                default: Some(Choice::Text("thousands".into())),
            },
        )
        .required(),
    ];
    fields.push(toggle(
        "confidential",
        "Confidential",
        "On: the whole plan is withheld from the public site.",
    ));
    fields.push(toggle(
        "illustrative",
        "Illustrative",
        "On: the amounts are illustrative, not from a published paper; pages say so.",
    ));
    fields.push(field(
        "funding",
        "Funding sources",
        "Where the money comes from.",
        Widget::Records {
            summary: "{{fields.name}}",
            fields: funding,
        },
    ));
    fields.push(field(
        "schemes",
        "Schemes",
        "What the money pays for.",
        Widget::Records {
            summary: "{{fields.name}}",
            fields: schemes,
        },
    ));
    fields.push(field(
        "totals",
        "Declared totals",
        "Totals as the paper gives them; bcfsite checks them against the sums and warns when they differ.",
        Widget::Group(vec![
            field("funding", "Funding total", "", Widget::ByPeriod(site.years.clone())),
            field("schemes", "Schemes total", "", Widget::ByPeriod(site.years.clone())),
        ]),
    ));
    fields
}

/// Keys of `kind: metrics` no form offers.
pub const KEPT_METRICS: &[(&str, &str)] = &[
    (
        "metrics.targets",
        "targets by period: each a number, or a map with its status and notes, which no one Decap widget can hold",
    ),
    (
        "metrics.actuals",
        "figures by period: each a number, or a map with its status and notes, which no one Decap widget can hold",
    ),
];

/// A file of measures.
pub fn metrics() -> Vec<Field> {
    let metric = vec![
        field("id", "Id", "Lowercase letters, digits and hyphens; it becomes the address /metrics/<id>/, so never change it.", Widget::Line(Some(ID))).required(),
        line("name", "Official name", "The measure's official name.").required(),
        line("plain_name", "Plain name", "What it means, in plain English."),
        field("definition", "Definition", "How it is measured.", Widget::Lines),
        field(
            "unit",
            "Unit",
            "What a figure counts.",
            Widget::Choice {
                options: texts(&[
                    ("A count", "count"),
                    ("A rate per 100,000 people", "rate_per_100k"),
                    ("A percentage", "percent"),
                    ("Days", "days"),
                ]),
                default: None,
            },
        )
        .required(),
        line("population", "Population", "For a rate: a name under area: population: in the site settings, such as aged_65_plus."),
        field(
            "better",
            "Better is",
            "Which direction is better.",
            Widget::Choice {
                options: texts(&[("Lower", "lower"), ("Higher", "higher")]),
                default: None,
            },
        )
        .required(),
        field(
            "basis",
            "Each figure covers",
            "What a quarter's figure covers, so it is compared with an annual target like with like.",
            Widget::Choice {
                options: texts(&[
                    ("The financial year so far", "year_to_date"),
                    ("That quarter alone", "quarter"),
                    ("The twelve months to the end of the quarter", "rolling_12_months"),
                    ("The position at the end of the quarter", "point_in_time"),
                    ("A full year, scaled up from the months so far", "annualised"),
                ]),
                default: None,
            },
        ),
        field("notes", "Notes", "Anything readers should know about the figures.", Widget::Lines),
        line("source", "Source", "Where the figures come from."),
        toggle("confidential", "Confidential", "On: the measure is withheld from the public site."),
    ];
    vec![
        field("kind", "Kind", "", Widget::Fixed("metrics")),
        toggle("confidential", "Confidential", "On: every measure in this file is withheld from the public site."),
        field(
            "metrics",
            "Measures",
            "Targets and figures by period are kept as written: edit them in the file (see docs/data.md).",
            Widget::Records { summary: "{{fields.name}}", fields: metric },
        )
        .required(),
    ]
}

/// Keys of `kind: quarter` no form offers.
pub const KEPT_QUARTER: &[(&str, &str)] = &[
    (
        "metrics",
        "statuses by measure id: Decap has no widget for a map whose keys are ids, and naming the ids in the public settings would name confidential measures",
    ),
    (
        "spend",
        "spend by scheme id: Decap has no widget for a map whose keys are ids, and naming the ids in the public settings would name confidential schemes",
    ),
];

/// A quarterly return.
pub fn quarter() -> Vec<Field> {
    vec![
        field("kind", "Kind", "", Widget::Fixed("quarter")),
        field(
            "period",
            "Quarter",
            "The quarter the return is for, such as 2024-25-Q2 (Q1 is April to June).",
            Widget::Line(Some(QUARTER)),
        )
        .required(),
        field(
            "plan",
            "Plan",
            "The plan the return reports on.",
            Widget::Relation(Relation {
                collection: "plans",
                file: None,
                value_field: "id",
                search_fields: &["title", "id"],
                display_fields: &["title"],
                multiple: false,
            }),
        )
        .required(),
        field(
            "submitted",
            "Submitted",
            "When the return went to the national team.",
            Widget::Date { today: false },
        ),
        field(
            "summary",
            "Summary",
            "One or two plain sentences for residents.",
            Widget::Lines,
        ),
        toggle(
            "confidential",
            "Confidential",
            "On: the whole return is withheld from the public site.",
        ),
        toggle(
            "illustrative",
            "Illustrative",
            "On: the spend figures are illustrative, not from the return; pages say so.",
        ),
    ]
}

/// Keys of `site.yaml` no form offers.
pub const KEPT_SETTINGS: &[(&str, &str)] = &[
    (
        "allow_raw_html",
        "lets raw HTML through uncleaned: a developer's decision, made in the file",
    ),
    (
        "theme",
        "the theme folder: a developer's setting, made in the file",
    ),
    (
        "audit_allow",
        "each phrase is a decision about confidential text, to be reviewed in the file",
    ),
    (
        "area.population",
        "named populations: a map whose names you choose, which no Decap widget holds",
    ),
];

/// `site.yaml`.
pub fn settings() -> Vec<Field> {
    vec![
        line(
            "title",
            "Site title",
            "The site's name, such as Lancashire Better Care Fund.",
        )
        .required(),
        field(
            "base_url",
            "Address",
            "The full address the site is published at, such as https://bcf.example.gov.uk/.",
            Widget::Line(Some(WEB_ADDRESS)),
        )
        .required(),
        line(
            "language",
            "Language",
            "The language of the pages, such as en-GB.",
        ),
        field(
            "description",
            "Description",
            "One line saying what the site is, for search engines and the home page.",
            Widget::Lines,
        ),
        field(
            "licence",
            "Licence",
            "The licence the site's words and data are published under.",
            Widget::Choice {
                options: texts(&[
                    ("Open Government Licence v3.0", "OGL-UK-3.0"),
                    ("Creative Commons Attribution 4.0", "CC-BY-4.0"),
                    ("Creative Commons Zero 1.0 (public domain)", "CC0-1.0"),
                ]),
                default: None,
            },
        ),
        field(
            "area",
            "Area",
            "The area and its board. Populations for rates are kept as written in the file.",
            Widget::Group(vec![
                line("name", "Area name", "Such as Lancashire."),
                line(
                    "board",
                    "Board",
                    "The Health and Wellbeing Board, as papers name it.",
                ),
            ]),
        ),
        field(
            "contact",
            "Contact",
            "Who residents can contact about the site.",
            Widget::Group(vec![
                line(
                    "name",
                    "Name",
                    "Such as Adult Services, Lancashire County Council.",
                )
                .required(),
                line("email", "Email", ""),
                line("phone", "Phone", ""),
                field("address", "Address", "", Widget::Lines),
            ]),
        ),
        field(
            "accessibility",
            "Accessibility statement",
            "The facts the accessibility statement gives.",
            Widget::Group(vec![
                field(
                    "status",
                    "Meets WCAG 2.2 AA",
                    "How far the site meets the standard.",
                    Widget::Choice {
                        options: texts(&[
                            ("Fully", "full"),
                            ("Partially", "partial"),
                            ("Not", "none"),
                        ]),
                        default: None,
                    },
                ),
                field(
                    "issues",
                    "Known problems",
                    "Each in plain words.",
                    Widget::Texts(None),
                ),
                field(
                    "prepared",
                    "Prepared",
                    "When the statement was prepared.",
                    Widget::Date { today: false },
                ),
                field(
                    "reviewed",
                    "Last reviewed",
                    "When it was last reviewed.",
                    Widget::Date { today: false },
                ),
            ]),
        ),
        field(
            "plain_english_grade",
            "Reading grade",
            "The highest reading grade a summary may have before check warns; 9 is about a reading age of 14.",
            Widget::Fraction,
        ),
        field(
            "headline",
            "Home page headline",
            "The plan or plans the home page leads with, and the year it shows. Leave empty to let bcfsite choose.",
            Widget::Group(vec![
                field(
                    "plans",
                    "Plans",
                    "Shown side by side, in this order.",
                    Widget::Relation(Relation {
                        collection: "plans",
                        file: None,
                        value_field: "id",
                        search_fields: &["title", "id"],
                        display_fields: &["title"],
                        multiple: true,
                    }),
                ),
                field(
                    "year",
                    "Year",
                    "The financial year to show, such as 2024-25.",
                    Widget::Line(Some(YEAR)),
                ),
            ]),
        ),
    ]
}
