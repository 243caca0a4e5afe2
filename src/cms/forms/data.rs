//! The forms of data documents: plans, files of measures, quarterly returns.

use super::{
    Choice, Field, ID, QUARTER, Relation, SiteFacts, Widget, YEAR, field, line, texts, toggle,
};

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
    funding.extend(super::history());
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
            "counts_towards",
            "Counts towards",
            "Which ring-fenced minimum of the NHS minimum contribution the scheme's spending counts towards, if either.",
            Widget::Choice {
                options: texts(&[
                    ("Adult social care", "adult_social_care"),
                    (
                        "NHS-commissioned out-of-hospital services",
                        "out_of_hospital",
                    ),
                ]),
                default: None,
            },
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
    schemes.extend(super::history());
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
    fields.extend(super::history());
    fields.push(field(
        "minimums",
        "Ring-fenced minimums",
        "The least the plan must spend from the NHS minimum contribution, as the template's Minimum Required Spend gives it; bcfsite check warns where the schemes counting towards each fall short.",
        Widget::Group(vec![
            field(
                "source",
                "Spent from",
                "The funding source they come from (the NHS minimum contribution): where a scheme has funding lines, only its line from this source counts.",
                Widget::Relation(Relation {
                    collection: "plans",
                    file: None,
                    value_field: "funding.*.id",
                    search_fields: &["funding.*.name", "funding.*.id"],
                    display_fields: &["funding.*.name"],
                    multiple: false,
                }),
            ),
            field(
                "adult_social_care",
                "Adult social care",
                "Adult Social Care services spend from the minimum ICB allocations, by financial year.",
                Widget::ByPeriod(site.years.clone()),
            ),
            field(
                "out_of_hospital",
                "NHS-commissioned out-of-hospital services",
                "NHS Commissioned Out of Hospital spend from the minimum ICB allocation, by financial year.",
                Widget::ByPeriod(site.years.clone()),
            ),
        ]),
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
    ]
    .into_iter()
    .chain(super::history())
    .collect();
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
        super::conditions_list(),
    ]
    .into_iter()
    .chain(super::history())
    .collect()
}
