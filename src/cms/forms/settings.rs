//! The form of `site.yaml`.

use super::{Field, Relation, WEB_ADDRESS, Widget, YEAR, field, line, texts};

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
        "redirects",
        "which host's redirect files to write: a deploy setting, made in the file with the deploy recipe",
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
            "easy_read_grade",
            "Reading grade for easy read pages",
            "The same limit for pages marked as easy read versions; 5 is about a reading age of 10.",
            Widget::Fraction,
        ),
        field(
            "response_working_days",
            "Working days to respond",
            "How many working days (Monday to Friday) an organisation has to answer a recommendation from feedback before check warns; 20 if empty, as Healthwatch allows.",
            Widget::Whole,
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
