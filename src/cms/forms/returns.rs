//! The forms of the returns added with issue 18: national conditions (a list of their
//! own, or inside a quarterly or year-end return), the year-end return, and capacity
//! and demand.

use super::{Choice, Pattern};
use super::{Field, ID, Relation, SiteFacts, Widget, YEAR, field, line, texts, toggle};
use crate::data::period::Period;

/// A quarter, or a year for a year-end return.
pub(super) const QUARTER_OR_YEAR: Pattern = Pattern {
    regex: "^[0-9]{4}-[0-9]{2}(-Q[1-4])?$",
    message: "write a quarter such as 2024-25-Q2, or a financial year such as 2023-24 for a year-end return",
};

/// Keys of `kind: conditions` no form offers: none.
pub const KEPT_CONDITIONS: &[(&str, &str)] = &[];

/// Keys of `kind: year_end` no form offers.
pub const KEPT_YEAR_END: &[(&str, &str)] = &[
    (
        "income",
        "income by funding source id: Decap has no widget for a map whose keys are ids, and naming the ids in the public settings would name confidential funding sources; `bcfsite import` writes it, or edit it in the file (see docs/data.md)",
    ),
    (
        "expenditure",
        "expenditure by scheme id: Decap has no widget for a map whose keys are ids, and naming the ids in the public settings would name confidential schemes; `bcfsite import` writes it, or edit it in the file (see docs/data.md)",
    ),
];

/// Keys of `kind: capacity` no form offers: none.
pub const KEPT_CAPACITY: &[(&str, &str)] = &[];

/// The plan a return reports on, picked from the plans.
fn plan(required: bool, hint: &'static str) -> Field {
    let f = field(
        "plan",
        "Plan",
        hint,
        Widget::Relation(Relation {
            collection: "plans",
            file: None,
            value_field: "id",
            search_fields: &["title", "id"],
            display_fields: &["title"],
            multiple: false,
        }),
    );
    if required { f.required() } else { f }
}

fn summary() -> Field {
    field(
        "summary",
        "Summary",
        "One or two plain sentences for residents.",
        Widget::Lines,
    )
}

fn submitted() -> Field {
    field(
        "submitted",
        "Submitted",
        "When the return went to the national team.",
        Widget::Date { today: false },
    )
}

/// `conditions:`, a list of national conditions with their statuses, as a quarterly
/// return, a year-end return and a `kind: conditions` document all hold them.
pub fn conditions_list() -> Field {
    field(
        "conditions",
        "National conditions",
        "Each national condition of the Better Care Fund, as the return reports it. A condition not met or partly met needs its reason in the narrative.",
        Widget::Records {
            summary: "{{fields.id}}: {{fields.title}} ({{fields.status}})",
            fields: vec![
                field(
                    "id",
                    "Id",
                    "Unique in this return: the template's numbers do, such as nc1.",
                    Widget::Line(Some(ID)),
                )
                .required(),
                line(
                    "title",
                    "Condition",
                    "The condition as the return names it, such as A jointly agreed plan.",
                )
                .required(),
                field(
                    "status",
                    "Status",
                    "What the return says. Pages show it in words, never by colour alone.",
                    Widget::Choice {
                        options: texts(&[
                            ("Met", "met"),
                            ("Partly met", "partly_met"),
                            ("Not met", "not_met"),
                        ]),
                        default: None,
                    },
                )
                .required(),
                field(
                    "narrative",
                    "Narrative",
                    "What the return says about it: how it is met, or why not and what is being done.",
                    Widget::Lines,
                ),
                toggle(
                    "confidential",
                    "Confidential",
                    "On: this condition is withheld from the public site; the page says how many were withheld.",
                ),
            ],
        },
    )
}

/// `kind: conditions`: the national conditions of a return whose other parts are not
/// on the site.
pub fn conditions() -> Vec<Field> {
    vec![
        field("kind", "Kind", "", Widget::Fixed("conditions")),
        field(
            "period",
            "Period",
            "The return's period: a quarter such as 2024-25-Q2, or a financial year such as 2023-24 for a year-end return. One list of conditions per return.",
            Widget::Line(Some(QUARTER_OR_YEAR)),
        )
        .required(),
        plan(true, "The plan the return reports on."),
        submitted(),
        summary(),
        toggle(
            "confidential",
            "Confidential",
            "On: the whole list is withheld from the public site.",
        ),
        toggle(
            "illustrative",
            "Illustrative",
            "On: the statuses are examples, not from a return; the page says so.",
        ),
        conditions_list(),
    ]
}

/// `kind: year_end`: the year-end return. Its lines by funding source and by scheme
/// are kept as written (see [`KEPT_YEAR_END`]); its declared totals and conditions
/// have fields.
pub fn year_end() -> Vec<Field> {
    let planned_actual = |name: &str, label: &'static str| {
        field(
            name,
            label,
            "",
            Widget::Group(vec![
                field(
                    "planned",
                    "Planned",
                    "As the return gives it, in the plan's units.",
                    Widget::Amount,
                ),
                field(
                    "actual",
                    "Actual",
                    "As the return gives it, in the plan's units.",
                    Widget::Amount,
                ),
            ]),
        )
    };
    vec![
        field("kind", "Kind", "", Widget::Fixed("year_end")),
        field(
            "year",
            "Year",
            "The financial year the return covers, such as 2023-24. One return per year.",
            Widget::Line(Some(YEAR)),
        )
        .required(),
        plan(
            true,
            "The plan the return reports on: its funding sources and schemes are the lines of the return.",
        ),
        submitted(),
        summary(),
        toggle(
            "confidential",
            "Confidential",
            "On: the whole return is withheld from the public site.",
        ),
        toggle(
            "illustrative",
            "Illustrative",
            "On: the figures are examples, not from a return; the page says so.",
        ),
        field(
            "totals",
            "Declared totals",
            "Totals as the return declares them; bcfsite adds up the lines and warns when they differ. The lines by funding source and by scheme are kept as written: bcfsite import writes them, or edit them in the file.",
            Widget::Group(vec![
                planned_actual("income", "Income total"),
                planned_actual("expenditure", "Expenditure total"),
            ]),
        ),
        conditions_list(),
    ]
}

/// Every month of the financial years the forms offer, `2024-04` to `2025-03` for
/// 2024-25, in order.
pub fn months(years: &[String]) -> Vec<String> {
    let mut out: Vec<String> = years
        .iter()
        .filter_map(|y| Period::parse(y))
        .filter(|p| !p.is_quarter())
        .flat_map(|p| {
            let start = p.start_year();
            (4..=12)
                .map(move |m| format!("{start:04}-{m:02}"))
                .chain((1..=3).map(move |m| format!("{:04}-{m:02}", start + 1)))
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// `kind: capacity`: demand and capacity by month, for each service or pathway.
pub fn capacity(site: &SiteFacts) -> Vec<Field> {
    let by_month = |name: &str, label: &'static str, hint: &'static str| {
        field(name, label, hint, Widget::ByMonth(months(&site.years)))
    };
    let service = vec![
        field(
            "id",
            "Id",
            "Lowercase letters, digits and hyphens, unique in this file, such as reablement-at-home.",
            Widget::Line(Some(ID)),
        )
        .required(),
        line(
            "name",
            "Name",
            "The service or pathway, such as Reablement and rehabilitation at home.",
        )
        .required(),
        field(
            "group",
            "Group",
            "Which of the template's two tables it is in.",
            Widget::Choice {
                options: texts(&[
                    ("Hospital discharge", "hospital_discharge"),
                    ("Community services", "community"),
                ]),
                default: None,
            },
        )
        .required(),
        field(
            "pathway",
            "Discharge pathway",
            "For hospital discharge only: the pathway, 0 to 3.",
            Widget::Choice {
                options: vec![
                    (
                        "0: home, with no new support".into(),
                        Choice::Number(0),
                    ),
                    (
                        "1: home, with support (such as reablement)".into(),
                        Choice::Number(1),
                    ),
                    (
                        "2: a bed for rehabilitation or recovery".into(),
                        Choice::Number(2),
                    ),
                    ("3: a care home, for the long term".into(), Choice::Number(3)),
                ],
                default: None,
            },
        ),
        field("note", "Note", "Anything readers should know about the figures.", Widget::Lines),
        by_month(
            "demand",
            "Expected demand",
            "By month, as the template gives it: exact, without thousands separators. Fill in the months of the year above; leave the others empty.",
        ),
        by_month(
            "capacity",
            "Capacity",
            "By month, as the template gives it: exact, without thousands separators. Fill in the months of the year above; leave the others empty.",
        ),
        toggle(
            "confidential",
            "Confidential",
            "On: this service is withheld from the public site, with all its figures.",
        ),
    ];
    vec![
        field("kind", "Kind", "", Widget::Fixed("capacity")),
        field(
            "year",
            "Year",
            "The financial year the months fall in, such as 2024-25. One file per year.",
            Widget::Line(Some(YEAR)),
        )
        .required(),
        plan(false, "The plan it goes with, if any."),
        line(
            "unit",
            "Unit",
            "What demand and capacity count, such as people, referrals or packages of care (people if empty).",
        ),
        summary(),
        toggle(
            "confidential",
            "Confidential",
            "On: the whole file is withheld from the public site.",
        ),
        toggle(
            "illustrative",
            "Illustrative",
            "On: the figures are examples, not from the template; the page says so.",
        ),
        field(
            "services",
            "Services and pathways",
            "One for each hospital discharge pathway and community service of the template.",
            Widget::Records {
                summary: "{{fields.name}}",
                fields: service,
            },
        ),
    ]
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_year_has_the_months_april_to_march() {
        let months = super::months(&["2024-25".into(), "2024-25".into(), "nonsense".into()]);
        assert_eq!(months.len(), 12);
        assert_eq!(months.first().map(String::as_str), Some("2024-04"));
        assert_eq!(months.last().map(String::as_str), Some("2025-03"));
    }
}
