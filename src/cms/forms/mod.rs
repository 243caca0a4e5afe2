//! The editing forms: every key of bcfsite's schemas (front matter, plans, measures,
//! quarterly returns, national conditions, year-end returns, capacity and demand,
//! `site.yaml`) as a Decap CMS field, in one table per kind.
//!
//! A key either has a field here or is listed in a `KEPT_*` table with the reason a
//! form cannot offer it (Decap has no widget for a map whose keys you choose, such as
//! a quarter's statuses by measure id). Decap keeps a key its form does not show, so
//! a kept key survives an edit as it was written. The tests hold both tables to the
//! real parsers: every field, set on its own, is a key the parser accepts, and every
//! key the parser accepts is a field or kept, so a new key cannot be forgotten.
//!
//! This file holds the kinds of field; `pages.rs` (with `board.rs`, the board's record
//! on papers, meetings and feedback), `data.rs`, `returns.rs` (conditions, year-end,
//! capacity) and `settings.rs` the forms.

mod board;
mod data;
mod pages;
mod returns;
mod settings;

pub use data::{KEPT_METRICS, KEPT_PLAN, KEPT_QUARTER, metrics, plan, quarter};
pub use pages::{KEPT_FRONT, PAGE_FORMS, PageForm, SiteFacts, page};
pub use returns::{
    KEPT_CAPACITY, KEPT_CONDITIONS, KEPT_YEAR_END, capacity, conditions, conditions_list, months,
    year_end,
};
pub use settings::{KEPT_SETTINGS, settings};

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
    /// A map from month (`2024-04`) to an exact amount, one field per month.
    ByMonth(Vec<String>),
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
pub(super) const QUARTER: Pattern = Pattern {
    regex: "^[0-9]{4}-[0-9]{2}-Q[1-4]$",
    message: "write a quarter such as 2024-25-Q2 (Q1 is April to June)",
};
pub(super) const WEB_ADDRESS: Pattern = Pattern {
    regex: "^https?://",
    message: "give the full address, starting https://",
};
pub(super) const SITE_PATH: Pattern = Pattern {
    regex: "^/[^?#\\\\]*$",
    message: "write the old address as a path from the site root, such as /papers/old-name/",
};
pub(super) const LABEL: Pattern = Pattern {
    regex: "\\S",
    message: "give the label the paper uses, such as A",
};

pub(super) fn field(name: &str, label: &'static str, hint: &'static str, widget: Widget) -> Field {
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
    pub(super) fn required(mut self) -> Field {
        self.required = true;
        self
    }
}

pub(super) fn line(name: &str, label: &'static str, hint: &'static str) -> Field {
    field(name, label, hint, Widget::Line(None))
}

pub(super) fn toggle(name: &str, label: &'static str, hint: &'static str) -> Field {
    field(name, label, hint, Widget::Toggle(Some(false)))
}

/// The Schedule 12A paragraphs, each with its wording.
pub(super) fn paragraphs() -> Vec<(String, Choice)> {
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

pub(super) fn texts(options: &[(&'static str, &'static str)]) -> Vec<(String, Choice)> {
    options
        .iter()
        .map(|(label, value)| (label.to_string(), Choice::Text(value.to_string())))
        .collect()
}

/// `updated` and `changes`: corrections, shown on the page or record they are about.
pub(super) fn history() -> Vec<Field> {
    vec![
        field(
            "updated",
            "Last updated",
            "When it was last changed in substance; empty, it is the date of the newest change below.",
            Widget::Date { today: false },
        ),
        field(
            "changes",
            "Changes",
            "What changed and why, one entry per correction, oldest first: add each new one at the end.",
            Widget::Records {
                summary: "{{fields.date}}: {{fields.note}}",
                fields: vec![
                    field(
                        "date",
                        "Date",
                        "When it changed.",
                        Widget::Date { today: false },
                    )
                    .required(),
                    field(
                        "note",
                        "What changed",
                        "What changed and why, in a sentence.",
                        Widget::Lines,
                    )
                    .required(),
                    toggle(
                        "confidential",
                        "Confidential",
                        "On: this note is withheld from the public site.",
                    ),
                ],
            },
        ),
    ]
}
