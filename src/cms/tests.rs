//! The forms held to the real parsers: every field maps to a key the parser
//! accepts, and every key the parser accepts has a field or is kept on purpose.
//!
//! (Over 500 lines: the cases for every form and every level of every kind are one
//! table, so that a new kind or key is added in one place.)

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

use super::forms::{self, Choice, Field, PAGE_FORMS, PageForm, SiteFacts, Widget};
use crate::diagnostic::{Diagnostic, SourceText};

fn facts() -> SiteFacts {
    SiteFacts {
        board: Some("Our Health and Wellbeing Board".into()),
        years: vec!["2024-25".into()],
    }
}

/// Every value a field may be saved with, as Decap saves it: each option of a
/// choice, both states of a toggle, a value that fits each pattern.
fn samples(f: &Field, path: &str) -> Vec<Value> {
    match &f.widget {
        Widget::Line(p) => vec![json!(line_sample(p.as_ref().map(|p| p.regex)))],
        Widget::Lines => vec![json!("Plain words, on two\nlines.")],
        Widget::Markdown => vec![json!("## A heading\n\nText.\n")],
        Widget::Toggle(_) => vec![json!(true), json!(false)],
        Widget::Whole => vec![json!(2)],
        Widget::Fraction => vec![json!(9.5)],
        Widget::Amount => vec![json!(if path.contains("joint.") {
            "50"
        } else {
            "1240.50"
        })],
        Widget::Date { .. } => vec![json!("2024-11-12")],
        Widget::Moment => vec![
            json!("2024-11-12T09:00:00+00:00"),
            json!("2024-07-01T09:30:00+01:00"),
        ],
        Widget::Choice { options, .. } => options.iter().map(|(_, v)| choice(v)).collect(),
        Widget::Fixed(v) => vec![json!(v)],
        Widget::Texts(p) => vec![json!([line_sample(p.as_ref().map(|p| p.regex))])],
        Widget::Records { fields, .. } => vec![json!([minimal(fields, path)])],
        Widget::Group(fields) => vec![Value::Object(minimal(fields, path))],
        Widget::ByPeriod(keys) | Widget::ByMonth(keys) => vec![Value::Object(
            keys.iter().map(|k| (k.clone(), json!("1240.50"))).collect(),
        )],
        Widget::Relation(r) if r.multiple => vec![json!(["sample"])],
        Widget::Relation(_) => vec![json!("sample")],
    }
}

fn line_sample(regex: Option<&str>) -> &'static str {
    match regex {
        None => "Some plain words",
        Some(r) if r == forms::ID.regex => "sample",
        Some(r) if r == forms::YEAR.regex => "2024-25",
        Some(r) if r.contains("Q[1-4]") => "2024-25-Q2",
        Some(r) if r.starts_with("^https?") || r.starts_with("^(https?") => {
            "https://example.org/report"
        }
        Some(r) if r.contains(":[0-5]") => "10:00",
        Some(r) if r.starts_with("^/") => "/papers/old-name/",
        Some(_) => "A",
    }
}

fn choice(c: &Choice) -> Value {
    match c {
        Choice::Text(t) => json!(t),
        Choice::Number(n) => json!(n),
    }
}

/// The required fields of a form (and the fixed ones), each with its first sample.
fn minimal(fields: &[Field], path: &str) -> Map<String, Value> {
    fields
        .iter()
        .filter(|f| f.required || matches!(f.widget, Widget::Fixed(_)))
        .map(|f| {
            let p = format!("{path}.{}", f.name);
            (f.name.clone(), samples(f, &p).remove(0))
        })
        .collect()
}

/// Every (path, document) that sets one field on top of `base`.
fn cases(
    fields: &[Field],
    base: &Map<String, Value>,
    path: &str,
) -> Vec<(String, Map<String, Value>)> {
    let mut out = Vec::new();
    for f in fields {
        let p = if path.is_empty() {
            f.name.clone()
        } else {
            format!("{path}.{}", f.name)
        };
        for value in samples(f, &p) {
            let mut doc = base.clone();
            doc.insert(f.name.clone(), value);
            out.push((p.clone(), doc));
        }
        let nested = match &f.widget {
            Widget::Group(sub) => Some((sub, false)),
            Widget::Records { fields: sub, .. } => Some((sub, true)),
            _ => None,
        };
        if let Some((sub, list)) = nested {
            for (inner, obj) in cases(sub, &minimal(sub, &p), &p) {
                let mut doc = base.clone();
                let value = Value::Object(obj);
                doc.insert(f.name.clone(), if list { json!([value]) } else { value });
                out.push((inner, doc));
            }
        }
    }
    out
}

fn source(path: &str, text: String) -> SourceText {
    SourceText {
        path: path.into(),
        text: text.into(),
    }
}

/// A page's front matter (as one line of JSON, which is YAML too) and its text.
fn page_text(doc: &Map<String, Value>) -> String {
    let mut front = doc.clone();
    let body = front
        .remove("body")
        .and_then(|b| b.as_str().map(str::to_string))
        .unwrap_or_default();
    format!("---\n{}\n---\n{body}", Value::Object(front))
}

fn parse_page(doc: &Map<String, Value>) -> Result<(), Vec<Diagnostic>> {
    let s = source("content/papers/p/x.md", page_text(doc));
    let split = crate::content::front_matter::split(&s).map_err(|d| vec![d])?;
    crate::content::front_matter::parse(&s, &split).map(drop)
}

fn parse_data(doc: &Map<String, Value>) -> Result<(), Vec<Diagnostic>> {
    let file = crate::load::ContentFile {
        rel: "data/x.yaml".into(),
        source: source(
            "content/data/x.yaml",
            Value::Object(doc.clone()).to_string(),
        ),
        digest: 0,
        link_target: None,
    };
    crate::data::parse(file).map(drop).map_err(|d| vec![d])
}

fn parse_settings(doc: &Map<String, Value>) -> Result<(), Vec<Diagnostic>> {
    let s = source("content/site.yaml", Value::Object(doc.clone()).to_string());
    crate::data::settings::parse(&s).map(drop)
}

/// Keys a rule of the parser needs beside a field: a paragraph or a withheld title
/// only on a confidential page, feedback with its source and consent.
fn companions(doc: &mut Map<String, Value>) {
    if doc.contains_key("exempt_paragraph") || doc.get("title_public") == Some(&json!(false)) {
        doc.insert("confidential".into(), json!(true));
    }
    if doc.get("kind") == Some(&json!("feedback")) {
        doc.entry("source")
            .or_insert(json!({"organisation": "Healthwatch"}));
        doc.entry("consent").or_insert(json!("Everyone agreed."));
    }
}

fn assert_all_parse(what: &str, fields: &[Field], base: Map<String, Value>, parse: Parse) -> usize {
    let all = cases(fields, &base, "");
    assert!(all.len() > fields.len(), "{what}: too few cases");
    for (path, mut doc) in all {
        companions(&mut doc);
        if let Err(errs) = parse(&doc) {
            let shown: Vec<String> = errs
                .iter()
                .map(|e| format!("{}: {}", e.code, e.message))
                .collect();
            panic!("{what}: the field `{path}` does not parse:\n{shown:?}\n{doc:?}");
        }
    }
    fields.len()
}

#[test]
fn every_field_of_every_form_is_a_key_the_parser_accepts() {
    let facts = facts();
    for form in PAGE_FORMS {
        let fields = forms::page(form, &facts);
        let mut base = minimal(&fields, "");
        companions(&mut base);
        assert_all_parse(&format!("{form:?}"), &fields, base, parse_page);
    }
    let plan = forms::plan(&facts);
    let mut base = minimal(&plan, "");
    // A funding source for the schemes' funding lines to name.
    base.insert(
        "funding".into(),
        json!([{"id": "sample", "name": "NHS minimum"}]),
    );
    assert_all_parse("plan", &plan, base, parse_data);
    let metrics = forms::metrics();
    assert_all_parse("metrics", &metrics, minimal(&metrics, ""), parse_data);
    let quarter = forms::quarter();
    assert_all_parse("quarter", &quarter, minimal(&quarter, ""), parse_data);
    for (what, fields) in [
        ("conditions", forms::conditions()),
        ("year_end", forms::year_end()),
        ("capacity", forms::capacity(&facts)),
    ] {
        assert_all_parse(what, &fields, minimal(&fields, ""), parse_data);
    }
    let settings = forms::settings();
    assert_all_parse(
        "settings",
        &settings,
        minimal(&settings, ""),
        parse_settings,
    );
}

#[test]
fn a_minimal_entry_of_each_form_parses() {
    let facts = facts();
    for form in PAGE_FORMS {
        let mut doc = minimal(&forms::page(form, &facts), "");
        companions(&mut doc);
        parse_page(&doc).unwrap_or_else(|e| panic!("{form:?}: {e:?}"));
    }
}

/// The keys the parser accepts where `doc` has the unknown key `zzzzzz`: it lists
/// them when it refuses that one.
fn accepted(result: Result<(), Vec<Diagnostic>>) -> BTreeSet<String> {
    let errs = result.expect_err("the unknown key is refused");
    let help = errs[0].help.as_deref().unwrap_or_default();
    let listed = help
        .strip_prefix("the keys allowed here are: ")
        .unwrap_or_else(|| panic!("no key list in {help:?}"));
    listed.split(", ").map(str::to_string).collect()
}

/// The names of the fields at `path` (`schemes.funding`) of a form.
fn names_at(fields: &[Field], path: &[&str]) -> BTreeSet<String> {
    match path.split_first() {
        None => fields
            .iter()
            .map(|f| f.name.clone())
            .filter(|n| n != "body")
            .collect(),
        Some((head, rest)) => fields
            .iter()
            .filter(|f| f.name == *head)
            .flat_map(|f| match &f.widget {
                Widget::Group(sub) | Widget::Records { fields: sub, .. } => names_at(sub, rest),
                _ => BTreeSet::new(),
            })
            .collect(),
    }
}

/// Kept keys at `path`.
fn kept_at(kept: &[(&str, &str)], path: &[&str]) -> BTreeSet<String> {
    kept.iter()
        .filter_map(|(k, _)| {
            let parts: Vec<&str> = k.split('.').collect();
            let (name, above) = parts.split_last()?;
            (above == path).then(|| name.to_string())
        })
        .collect()
}

fn with_unknown(mut doc: Map<String, Value>, path: &[&str]) -> Map<String, Value> {
    fn put(v: &mut Value, path: &[&str]) {
        match path.split_first() {
            None => {
                v.as_object_mut()
                    .expect("a map")
                    .insert("zzzzzz".into(), json!(1));
            }
            Some((head, rest)) => {
                let inner = v.get_mut(*head).expect("the path is in the document");
                let inner = match inner {
                    Value::Array(items) => &mut items[0],
                    other => other,
                };
                put(inner, rest);
            }
        }
    }
    let mut v = Value::Object(doc);
    put(&mut v, path);
    doc = match v {
        Value::Object(m) => m,
        _ => unreachable!(),
    };
    doc
}

/// A document, and what reads it.
type Doc = Map<String, Value>;
type Parse = fn(&Doc) -> Result<(), Vec<Diagnostic>>;
/// A kind of document: its form, a document with every group, its kept keys, its
/// parser, and the paths of its maps.
type Level<'a> = (
    &'a str,
    &'a [Field],
    &'a Doc,
    &'a [(&'a str, &'a str)],
    Parse,
    &'a [&'a [&'a str]],
);

#[test]
fn every_key_the_parsers_accept_is_a_field_or_kept() {
    let facts = facts();
    let full = |doc: &Map<String, Value>, fields: &[Field]| -> Map<String, Value> {
        let mut d = doc.clone();
        for (k, v) in minimal(fields, "") {
            d.entry(k).or_insert(v);
        }
        d
    };
    // Pages: the forms together offer every key of the front matter.
    let page_doc = json!({"title": "A", "kind": "paper", "date": "2024-11-12",
        "meeting": {"board": "B", "date": "2024-11-12"},
        "source": {"organisation": "Healthwatch"},
        "recommendations": [{"id": "r", "text": "T",
            "responses": [{"date": "2024-11-12", "by": "C", "status": "pending", "text": "T"}]}],
        "decision": {"outcome": "noted", "date": "2024-11-12"},
        "changes": [{"date": "2024-11-12", "note": "N"}],
        "alternates": [{"format": "bsl", "url": "https://example.org/"}]});
    for path in [
        &[][..],
        &["meeting"],
        &["source"],
        &["recommendations"],
        &["recommendations", "responses"],
        &["decision"],
        &["changes"],
        &["alternates"],
    ] {
        let doc = with_unknown(page_doc.as_object().unwrap().clone(), path);
        let want = accepted(parse_page(&doc));
        let mut have: BTreeSet<String> = PAGE_FORMS
            .iter()
            .flat_map(|f| names_at(&forms::page(*f, &facts), path))
            .collect();
        have.extend(kept_at(forms::KEPT_FRONT, path));
        assert_eq!(have, want, "front matter at {path:?}");
    }
    // Data documents and site.yaml, level by level.
    let plan = forms::plan(&facts);
    let plan_doc = full(
        json!({"funding": [{"id": "f", "name": "F"}],
            "schemes": [{"id": "s", "name": "S", "joint": {"nhs": 50, "council": 50},
                "funding": [{"source": "f"}]}],
            "totals": {}, "minimums": {}})
        .as_object()
        .unwrap(),
        &plan,
    );
    let metrics = forms::metrics();
    let metrics_doc = full(&Map::new(), &metrics);
    let quarter = forms::quarter();
    let condition = json!([{"id": "nc1", "title": "T", "status": "met"}]);
    let quarter_doc = full(
        json!({"conditions": condition}).as_object().unwrap(),
        &quarter,
    );
    let conditions = forms::conditions();
    let conditions_doc = full(
        json!({"conditions": condition}).as_object().unwrap(),
        &conditions,
    );
    let year_end = forms::year_end();
    let year_end_doc = full(
        json!({"conditions": condition, "totals": {"income": {}}})
            .as_object()
            .unwrap(),
        &year_end,
    );
    let capacity = forms::capacity(&facts);
    let capacity_doc = full(
        json!({"services": [{"id": "s", "name": "S", "group": "community"}]})
            .as_object()
            .unwrap(),
        &capacity,
    );
    let settings = forms::settings();
    let settings_doc = full(
        json!({"area": {}, "contact": {"name": "C"}, "accessibility": {}, "headline": {}})
            .as_object()
            .unwrap(),
        &settings,
    );
    let levels: [Level; 7] = [
        (
            "plan",
            &plan,
            &plan_doc,
            forms::KEPT_PLAN,
            parse_data,
            &[
                &[],
                &["funding"],
                &["schemes"],
                &["schemes", "funding"],
                &["schemes", "joint"],
                &["totals"],
                &["minimums"],
            ],
        ),
        (
            "metrics",
            &metrics,
            &metrics_doc,
            forms::KEPT_METRICS,
            parse_data,
            &[&[], &["metrics"]],
        ),
        (
            "quarter",
            &quarter,
            &quarter_doc,
            forms::KEPT_QUARTER,
            parse_data,
            &[&[], &["conditions"]],
        ),
        (
            "conditions",
            &conditions,
            &conditions_doc,
            forms::KEPT_CONDITIONS,
            parse_data,
            &[&[], &["conditions"]],
        ),
        (
            "year_end",
            &year_end,
            &year_end_doc,
            forms::KEPT_YEAR_END,
            parse_data,
            &[&[], &["conditions"], &["totals"], &["totals", "income"]],
        ),
        (
            "capacity",
            &capacity,
            &capacity_doc,
            forms::KEPT_CAPACITY,
            parse_data,
            &[&[], &["services"]],
        ),
        (
            "settings",
            &settings,
            &settings_doc,
            forms::KEPT_SETTINGS,
            parse_settings,
            &[
                &[],
                &["area"],
                &["contact"],
                &["accessibility"],
                &["headline"],
            ],
        ),
    ];
    for (what, fields, doc, kept, parse, paths) in levels {
        for path in paths {
            let want = accepted(parse(&with_unknown(doc.clone(), path)));
            let mut have = names_at(fields, path);
            have.extend(kept_at(kept, path));
            assert_eq!(have, want, "{what} at {path:?}");
        }
    }
}

#[test]
fn kept_keys_say_why() {
    for (key, why) in forms::KEPT_FRONT
        .iter()
        .chain(forms::KEPT_PLAN)
        .chain(forms::KEPT_METRICS)
        .chain(forms::KEPT_QUARTER)
        .chain(forms::KEPT_CONDITIONS)
        .chain(forms::KEPT_YEAR_END)
        .chain(forms::KEPT_CAPACITY)
        .chain(forms::KEPT_SETTINGS)
    {
        assert!(why.len() > 20, "{key}");
    }
}

#[test]
fn the_appendix_form_starts_confidential() {
    let fields = forms::page(PageForm::Appendix, &facts());
    let by_name = |n: &str| fields.iter().find(|f| f.name == n).unwrap().widget.clone();
    assert!(matches!(
        by_name("confidential"),
        Widget::Toggle(Some(true))
    ));
    assert!(matches!(
        by_name("exempt_paragraph"),
        Widget::Choice {
            default: Some(Choice::Number(3)),
            ..
        }
    ));
}

#[test]
fn the_settings_do_not_look_like_a_page_and_name_only_public_sections() {
    let inputs = super::config::Inputs {
        base_url: "https://bcf.example.gov.uk/".into(),
        facts: facts(),
        sections: vec![super::config::Section {
            rel: "about".into(),
            title: "About the fund".into(),
        }],
        kind_sections: Vec::new(),
    };
    let text = super::config::config_text(&inputs, None).unwrap();
    assert_eq!(crate::load::sniff::page_like(&text), None);
    assert!(text.starts_with(super::config::HEADER));
    assert!(text.contains("folder: content/about\n"));
    let records = super::records::text(&[super::records::Record {
        id: "a".into(),
        label: "Plan: A [a]".into(),
    }])
    .unwrap();
    assert_eq!(crate::load::sniff::page_like(&records), None);
}

#[test]
fn the_backend_block_is_kept_whole() {
    let old =
        "# header\nbackend:\n  name: github\n  # a note\n  repo: a/b\n\nlocal_backend: true\n";
    assert_eq!(
        super::config::backend_block(old).as_deref(),
        Some("backend:\n  name: github\n  # a note\n  repo: a/b\n\n")
    );
    assert_eq!(super::config::backend_block("local_backend: true\n"), None);
}

/// Decap writes a meeting's time unquoted (`time: 10:00`): it reads back as written.
#[test]
fn a_meeting_time_saved_unquoted_reads_as_written() {
    let s = source(
        "content/meetings/m.md",
        "---\ntitle: M\nkind: meeting\nmeeting:\n  board: B\n  date: 2024-11-12\ntime: 10:00\n---\n"
            .into(),
    );
    let split = crate::content::front_matter::split(&s).unwrap();
    let fm = crate::content::front_matter::parse(&s, &split).unwrap();
    assert_eq!(fm.time.as_deref(), Some("10:00"));
}

/// Decap makes a new entry from the defaults of its fields, and makes the list item
/// or group a default sits in: a default inside a list, or inside a group that may be
/// left empty, would save a half-made record on every new entry.
#[test]
fn no_default_sits_inside_a_list_or_an_optional_group() {
    use super::node::Node;
    fn walk(fields: &Node, inside: Option<&str>, problems: &mut Vec<String>) {
        for f in fields.items() {
            let name = f.get("name").and_then(Node::as_str).unwrap_or_default();
            if let (Some(outer), Some(_)) = (inside, f.get("default")) {
                problems.push(format!("{outer}.{name}"));
            }
            let widget = f.get("widget").and_then(Node::as_str);
            let optional = f.get("required") == Some(&Node::Bool(false));
            let here = match (widget, inside) {
                (_, Some(outer)) => Some(format!("{outer}.{name}")),
                (Some("list"), None) => Some(name.to_string()),
                (Some("object"), None) if optional => Some(name.to_string()),
                _ => None,
            };
            if let Some(sub) = f.get("fields") {
                walk(sub, here.as_deref(), problems);
            }
        }
    }
    let inputs = super::config::Inputs {
        facts: facts(),
        ..Default::default()
    };
    let mut problems = Vec::new();
    for collection in super::config::collections(&inputs) {
        let files = collection.get("files").map(|f| f.items().to_vec());
        for form in files.unwrap_or_else(|| vec![collection.clone()]) {
            if let Some(fields) = form.get("fields") {
                walk(fields, None, &mut problems);
            }
        }
    }
    assert!(problems.is_empty(), "defaults inside: {problems:?}");
}
