//! Our fields as Decap's: each [`Widget`] as the Decap widget and options that save
//! what bcfsite's parser reads.

use super::forms::{Choice, Field, Pattern, Widget};
use super::node::{Node, map, text, texts};

/// An exact amount: digits, a point and more digits, with an optional minus.
const AMOUNT: Pattern = Pattern {
    regex: "^-?[0-9]+([.][0-9]+)?$",
    message: "write the number alone, without £ or thousands separators, such as 1240.5",
};

/// The Decap field for one of ours.
pub fn field(f: &Field) -> Node {
    node(f, false)
}

/// The Decap field for `f`. Decap checks the fields of a group even when the group
/// is left empty, so in a group that may be left empty no field is required (the
/// parser still says what a half-filled group lacks); an item of a list exists only
/// when someone adds it, so its fields may be.
fn node(f: &Field, in_optional_group: bool) -> Node {
    let required = f.required && !in_optional_group;
    let mut pairs: Vec<(String, Node)> = vec![
        ("label".into(), text(f.label)),
        ("name".into(), text(&f.name)),
    ];
    let mut push = |k: &str, v: Node| pairs.push((k.to_string(), v));
    match &f.widget {
        Widget::Line(pattern) => {
            push("widget", text("string"));
            if let Some(p) = pattern {
                push("pattern", pattern_node(p));
            }
        }
        Widget::Lines => push("widget", text("text")),
        Widget::Markdown => {
            push("widget", text("markdown"));
            // Decap saves the words as typed, unescaped, so shortcodes pass through
            // the rich-text editor; Markdown itself is a click away.
            push("modes", texts(&["rich_text", "raw"]));
            push(
                "buttons",
                texts(&[
                    "bold",
                    "italic",
                    "link",
                    "heading-two",
                    "heading-three",
                    "quote",
                    "bulleted-list",
                    "numbered-list",
                ]),
            );
            // No images or code blocks: an upload could land in a folder published
            // with another page, and code blocks load parts of Decap a vendored
            // copy does not have.
            push("editor_components", Node::List(Vec::new()));
        }
        Widget::Toggle(default) => {
            push("widget", text("boolean"));
            if let Some(d) = default {
                push("default", Node::Bool(*d));
            }
        }
        Widget::Whole => {
            push("widget", text("number"));
            push("value_type", text("int"));
        }
        Widget::Fraction => {
            push("widget", text("number"));
            push("value_type", text("float"));
        }
        Widget::Amount => {
            push("widget", text("string"));
            push("pattern", pattern_node(&AMOUNT));
        }
        Widget::Date { today } => {
            push("widget", text("datetime"));
            push("date_format", text("YYYY-MM-DD"));
            push("time_format", Node::Bool(false));
            push("format", text("YYYY-MM-DD"));
            if *today {
                push("default", text("{{now}}"));
            }
        }
        Widget::Moment => {
            push("widget", text("datetime"));
            push("format", text("YYYY-MM-DDTHH:mm:ssZ"));
        }
        Widget::Choice { options, default } => {
            push("widget", text("select"));
            push(
                "options",
                Node::List(
                    options
                        .iter()
                        .map(|(label, value)| {
                            map([("label", text(label)), ("value", choice(value))])
                        })
                        .collect(),
                ),
            );
            if let Some(d) = default {
                push("default", choice(d));
            }
        }
        Widget::Fixed(value) => {
            push("widget", text("hidden"));
            push("default", text(value));
        }
        Widget::Texts(pattern) => {
            push("widget", text("list"));
            // Each item shows its value, rather than a folded row with the label.
            push("collapsed", Node::Bool(false));
            let mut item = vec![
                ("label".to_string(), text(f.label)),
                ("name".to_string(), text("item")),
                ("widget".to_string(), text("string")),
            ];
            if let Some(p) = pattern {
                item.push(("pattern".into(), pattern_node(p)));
            }
            push("field", Node::Map(item));
        }
        Widget::Records { summary, fields } => {
            push("widget", text("list"));
            push("summary", text(summary));
            push("collapsed", Node::Bool(true));
            push(
                "fields",
                Node::List(fields.iter().map(|sub| field(&plain(sub))).collect()),
            );
        }
        Widget::Group(fields) if required => {
            push("widget", text("object"));
            push("fields", Node::List(fields.iter().map(field).collect()));
        }
        Widget::Group(fields) => {
            push("widget", text("object"));
            push(
                "fields",
                Node::List(fields.iter().map(|sub| node(&plain(sub), true)).collect()),
            );
        }
        Widget::ByPeriod(periods) | Widget::ByMonth(periods) => {
            push("widget", text("object"));
            push("collapsed", Node::Bool(true));
            let per: Vec<Node> = periods
                .iter()
                .map(|p| {
                    // A month reads as "April 2024"; a year as written.
                    let label = crate::data::period::Month::parse(p)
                        .filter(|_| matches!(f.widget, Widget::ByMonth(_)))
                        .map_or_else(|| p.clone(), |m| m.label());
                    map([
                        ("label", Node::Text(label)),
                        ("name", text(p)),
                        ("widget", text("string")),
                        ("pattern", pattern_node(&AMOUNT)),
                        ("required", Node::Bool(false)),
                    ])
                })
                .collect();
            push("fields", Node::List(per));
        }
        Widget::Relation(r) => {
            push("widget", text("relation"));
            push("collection", text(r.collection));
            if let Some(file) = r.file {
                push("file", text(file));
            }
            push("value_field", text(r.value_field));
            push("search_fields", texts(r.search_fields));
            push("display_fields", texts(r.display_fields));
            push("multiple", Node::Bool(r.multiple));
            push("options_length", Node::Int(50));
        }
    }
    if let Some(d) = &f.default {
        push("default", text(d));
    }
    if !required {
        push("required", Node::Bool(false));
    }
    if !f.hint.is_empty() {
        push("hint", text(f.hint));
    }
    Node::Map(pairs)
}

/// `f` with no value to start with, nor any field inside it. Decap fills in a new
/// entry from the defaults of every field, and makes the item of a list or the group a
/// default sits in, so a default inside a list would save an empty item on every new
/// entry (and one inside an optional group a half-filled group), which the parser
/// refuses. Inside those, a toggle starts off and a date empty.
fn plain(f: &Field) -> Field {
    let widget = match &f.widget {
        Widget::Toggle(_) => Widget::Toggle(None),
        Widget::Date { .. } => Widget::Date { today: false },
        Widget::Choice { options, .. } => Widget::Choice {
            options: options.clone(),
            default: None,
        },
        Widget::Records { summary, fields } => Widget::Records {
            summary,
            fields: fields.iter().map(plain).collect(),
        },
        Widget::Group(fields) => Widget::Group(fields.iter().map(plain).collect()),
        other => other.clone(),
    };
    Field {
        default: None,
        widget,
        ..f.clone()
    }
}

fn choice(c: &Choice) -> Node {
    match c {
        Choice::Text(t) => text(t),
        Choice::Number(n) => Node::Int(*n),
    }
}

fn pattern_node(p: &Pattern) -> Node {
    texts(&[p.regex, p.message])
}

pub fn fields(list: &[Field]) -> Node {
    Node::List(list.iter().map(field).collect())
}
