//! Writing what was imported as bcfsite YAML: one comment per record naming the
//! rows it came from, strings quoted whenever a plain scalar could be misread, and
//! amounts as their exact decimal text.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::profile::{Field, Profile};
use super::records::{MetricOut, PlanOut, SchemeOut};
use crate::data::amount::Amount;
use crate::data::period::Period;

/// A YAML scalar for `text`: plain when nothing in it could be read as anything but
/// this text, else double-quoted with JSON escapes (valid YAML), invisible and
/// control characters escaped so they are seen.
pub fn scalar(text: &str) -> String {
    if plain_is_safe(text) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || crate::yaml::invisible_name(c).is_some() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn plain_is_safe(text: &str) -> bool {
    const WORDS: [&str; 12] = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "", "-",
    ];
    let Some(first) = text.chars().next() else {
        return false;
    };
    let lower = text.to_ascii_lowercase();
    first.is_alphabetic()
        && !WORDS.contains(&lower.as_str())
        && !text.ends_with([' ', ':'])
        && !text.contains(": ")
        && !text.contains(" #")
        && text.chars().all(|c| {
            c.is_alphanumeric() && crate::yaml::invisible_name(c).is_none()
                || matches!(
                    c,
                    ' ' | '-'
                        | '('
                        | ')'
                        | '.'
                        | ','
                        | '/'
                        | '\''
                        | '&'
                        | '+'
                        | '%'
                        | '£'
                        | ';'
                        | '’'
                )
        })
}

fn amounts(map: &BTreeMap<Period, Amount>) -> String {
    let items: Vec<String> = map.iter().map(|(y, a)| format!("{y}: {a}")).collect();
    format!("{{{}}}", items.join(", "))
}

/// The first line of every file the import writes: the workbook and its template.
pub fn imported_from(out: &mut String, source: &str, profile: &Profile) {
    let _ = writeln!(
        out,
        "# Imported by `bcfsite import` from {} ({}).",
        source.replace(super::workbook::breaks_a_line, " "),
        profile.name.replace(super::workbook::breaks_a_line, " ")
    );
}

/// A condition as a list item, with the comment naming its row (`indent` before
/// the dash): the same in a `kind: conditions` file and inside a year-end return.
pub fn condition(out: &mut String, c: &super::conditions::ConditionOut, indent: &str) {
    use crate::data::conditions::ConditionStatus;
    let _ = writeln!(out, "{indent}# {}", c.origin);
    let _ = writeln!(out, "{indent}- id: {}", c.id);
    let _ = writeln!(out, "{indent}  title: {}", scalar(&c.title));
    let status = match c.status {
        ConditionStatus::Met => "met",
        ConditionStatus::NotMet => "not_met",
        ConditionStatus::PartlyMet => "partly_met",
    };
    let _ = writeln!(out, "{indent}  status: {status}");
    if let Some(n) = &c.narrative {
        let _ = writeln!(out, "{indent}  narrative: {}", scalar(n));
    }
}

fn header(out: &mut String, source: &str, profile: &Profile) {
    imported_from(out, source, profile);
    out.push_str("# Each record's comment names the rows it came from. Amounts are in pounds,\n");
    out.push_str(
        "# exactly as the workbook gives them. Re-import with --force to replace this file.\n",
    );
}

/// The plan document.
pub fn plan(p: &PlanOut, source: &str, profile: &Profile) -> String {
    let mut out = String::new();
    header(&mut out, source, profile);
    out.push_str("kind: plan\n");
    let _ = writeln!(out, "id: {}", p.id);
    let _ = writeln!(out, "title: {}", scalar(&p.title));
    let years: Vec<String> = p.years.iter().map(|y| y.to_string()).collect();
    let _ = writeln!(out, "years: [{}]", years.join(", "));
    out.push_str("units: pounds\n");
    if !p.funding.is_empty() {
        out.push_str("funding:\n");
        for f in &p.funding {
            match &f.origin {
                Some(o) => {
                    let _ = writeln!(out, "  # {o}");
                }
                None => out.push_str(
                    "  # named by the expenditure sheet; the income sheet has no row for it\n",
                ),
            }
            let _ = writeln!(out, "  - id: {}", f.id);
            let _ = writeln!(out, "    name: {}", scalar(&f.name));
            if !f.amounts.is_empty() {
                let _ = writeln!(out, "    amounts: {}", amounts(&f.amounts));
            }
        }
    }
    if !p.schemes.is_empty() {
        out.push_str("schemes:\n");
        for s in &p.schemes {
            scheme(&mut out, s);
        }
    }
    if p.funding_totals.is_some() || p.scheme_totals.is_some() {
        out.push_str("totals:\n");
        for (key, t) in [
            ("funding", &p.funding_totals),
            ("schemes", &p.scheme_totals),
        ] {
            if let Some((origin, map)) = t
                && !map.is_empty()
            {
                let _ = writeln!(out, "  # {origin}");
                let _ = writeln!(out, "  {key}: {}", amounts(map));
            }
        }
    }
    out
}

fn scheme(out: &mut String, s: &SchemeOut) {
    let from = s.origin.join(", ");
    match &s.template_id {
        Some(t) => {
            let _ = writeln!(
                out,
                "  # {from} (Scheme ID {})",
                t.replace(super::workbook::breaks_a_line, " ")
            );
        }
        None => {
            let _ = writeln!(out, "  # {from}");
        }
    }
    let _ = writeln!(out, "  - id: {}", s.id);
    let _ = writeln!(out, "    name: {}", scalar(&s.name));
    for (field, key) in [
        (Field::Description, "description"),
        (Field::Type, "type"),
        (Field::SubType, "sub_type"),
        (Field::AreaOfSpend, "area_of_spend"),
        (Field::Commissioner, "commissioner"),
        (Field::Provider, "provider"),
    ] {
        if let Some(t) = s.text.get(&field) {
            let _ = writeln!(out, "    {key}: {}", scalar(t));
        }
    }
    if let Some((nhs, council)) = s.joint {
        let _ = writeln!(out, "    joint: {{nhs: {nhs}, council: {council}}}");
    }
    if let Some(n) = s.new_or_existing {
        let _ = writeln!(out, "    new_or_existing: {}", n.as_str());
    }
    if !s.outputs.is_empty() {
        let _ = writeln!(out, "    outputs: {}", amounts(&s.outputs));
        if let Some(u) = s.text.get(&Field::OutputUnit) {
            let _ = writeln!(out, "    output_unit: {}", scalar(u));
        }
    }
    if !s.lines.is_empty() {
        out.push_str("    funding:\n");
        for (source, map) in &s.lines {
            let _ = writeln!(
                out,
                "      - {{source: {source}, amounts: {}}}",
                amounts(map)
            );
        }
    }
}

/// The metrics document: each metric the profile knows, with its targets.
pub fn metrics(ms: &[MetricOut], source: &str, profile: &Profile) -> String {
    let mut out = String::new();
    header(&mut out, source, profile);
    out.push_str("kind: metrics\nmetrics:\n");
    for m in ms {
        let k = &m.metric;
        let _ = writeln!(out, "  # {}", m.origin);
        let _ = writeln!(out, "  - id: {}", k.id);
        let _ = writeln!(out, "    name: {}", scalar(&k.name));
        if let Some(p) = &k.plain_name {
            let _ = writeln!(out, "    plain_name: {}", scalar(p));
        }
        let _ = writeln!(out, "    unit: {}", k.unit);
        let _ = writeln!(out, "    better: {}", k.better);
        if !m.targets.is_empty() {
            let _ = writeln!(out, "    targets: {}", amounts(&m.targets));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_plain_only_when_safe() {
        assert_eq!(
            scalar("Falls Lifting Response Service"),
            "Falls Lifting Response Service"
        );
        assert_eq!(
            scalar("Take Home and Settle (Age UK)"),
            "Take Home and Settle (Age UK)"
        );
        for quoted in [
            "yes",
            "No",
            "1200",
            "Note: x",
            "#1",
            "- a",
            "a #b",
            "\"q\"",
            "line\nbreak",
            "[x]",
            "{x}",
            "*a",
            "&a",
            "!a",
            "x\u{a0}y",
        ] {
            assert!(scalar(quoted).starts_with('"'), "{quoted}");
        }
        assert_eq!(scalar("a \"b\"\n"), "\"a \\\"b\\\"\\n\"");
    }
}
