//! Shortcodes: a line such as `{{ metric(id="residential-admissions") }}` in a page
//! embeds data (a metric's status and table, a plan's spending table, a scheme card).
//!
//! This module only finds and parses them; `render` fills them in. Each shortcode is
//! swapped for a placeholder paragraph before the Markdown is rendered, and the
//! placeholder for the rendered HTML afterwards, so the Markdown renderer and the
//! raw-HTML cleaner never see (or alter) the generated markup. Lines inside code
//! fences are left alone, so documentation can show the syntax.

use std::collections::BTreeMap;
use std::ops::Range;

/// The shortcodes bcfsite knows, with the arguments each takes.
pub const KNOWN: &[(&str, &[&str])] = &[
    ("metric", &["id"]),
    ("plan_spend", &["id"]),
    ("scheme", &["id"]),
];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shortcode {
    pub name: String,
    pub args: BTreeMap<String, String>,
    /// Where the shortcode's line is in the body, in bytes.
    pub span: Range<usize>,
}

/// A problem with a shortcode's syntax, at a byte range of the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxProblem {
    pub span: Range<usize>,
    pub message: String,
    pub help: String,
}

pub fn placeholder(i: usize) -> String {
    format!("BCFSHORTCODE{i}END")
}

/// Finds the shortcodes in a body; returns the body with placeholders, the shortcodes
/// in order, and any syntax problems.
pub fn extract(body: &str) -> (String, Vec<Shortcode>, Vec<SyntaxProblem>) {
    if !body.contains("{{") {
        return (body.to_string(), Vec::new(), Vec::new());
    }
    let mut out = String::with_capacity(body.len());
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let mut fence: Option<&str> = None;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim();
        let start = offset;
        offset += line.len();
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
            }
            out.push_str(line);
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            out.push_str(line);
            continue;
        }
        let Some(inner) = trimmed
            .strip_prefix("{{")
            .and_then(|t| t.strip_suffix("}}"))
        else {
            out.push_str(line);
            continue;
        };
        let lead = line.len() - line.trim_start().len();
        let span = start + lead..start + lead + trimmed.len();
        match parse_call(inner.trim()) {
            Ok((name, args)) => {
                out.push_str(&format!("\n{}\n\n", placeholder(found.len())));
                found.push(Shortcode { name, args, span });
            }
            Err((message, help)) => {
                problems.push(SyntaxProblem {
                    span,
                    message,
                    help,
                });
                out.push_str(line);
            }
        }
    }
    (out, found, problems)
}

type ParseError = (String, String);

fn parse_call(text: &str) -> Result<(String, BTreeMap<String, String>), ParseError> {
    const FORM: &str = "write it as {{ metric(id=\"residential-admissions\") }}";
    let open = text
        .find('(')
        .ok_or_else(|| ("this shortcode has no `(`".to_string(), FORM.to_string()))?;
    let name = text[..open].trim().to_string();
    let rest = text[open + 1..].trim_end();
    let args_text = rest.strip_suffix(')').ok_or_else(|| {
        (
            "this shortcode is not closed with `)`".to_string(),
            FORM.to_string(),
        )
    })?;
    let names: Vec<&str> = KNOWN.iter().map(|(n, _)| *n).collect();
    let Some((_, allowed)) = KNOWN.iter().find(|(n, _)| *n == name) else {
        let help = match crate::diagnostic::did_you_mean(&name, names.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("the shortcodes are: {}", names.join(", ")),
        };
        return Err((format!("there is no shortcode `{name}`"), help));
    };
    let mut args = BTreeMap::new();
    let mut rest = args_text.trim();
    while !rest.is_empty() {
        let eq = rest
            .find('=')
            .ok_or_else(|| (format!("`{rest}` is not an argument"), FORM.to_string()))?;
        let key = rest[..eq].trim().to_string();
        let after = rest[eq + 1..].trim_start();
        let value_text = after.strip_prefix('"').ok_or_else(|| {
            (
                format!("the value of `{key}` must be in double quotes"),
                FORM.to_string(),
            )
        })?;
        let close = value_text.find('"').ok_or_else(|| {
            (
                format!("the value of `{key}` has no closing quote"),
                FORM.to_string(),
            )
        })?;
        if !allowed.contains(&key.as_str()) {
            return Err((
                format!("`{name}` takes no argument `{key}`"),
                format!("it takes: {}", allowed.join(", ")),
            ));
        }
        args.insert(key, value_text[..close].to_string());
        rest = value_text[close + 1..]
            .trim_start()
            .trim_start_matches(',')
            .trim_start();
    }
    for a in *allowed {
        if !args.contains_key(*a) {
            return Err((
                format!("`{name}` needs `{a}`"),
                format!("e.g. {{{{ {name}({a}=\"...\") }}}}"),
            ));
        }
    }
    Ok((name, args))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_shortcodes_outside_code() {
        let body = "Intro\n\n{{ metric(id=\"falls\") }}\n\n```\n{{ metric(id=\"x\") }}\n```\n  {{scheme(id=\"a\")}}\n";
        let (out, found, problems) = extract(body);
        assert!(problems.is_empty());
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].name, "metric");
        assert_eq!(found[0].args["id"], "falls");
        assert_eq!(&body[found[0].span.clone()], "{{ metric(id=\"falls\") }}");
        assert_eq!(&body[found[1].span.clone()], "{{scheme(id=\"a\")}}");
        assert!(out.contains(&placeholder(0)));
        assert!(out.contains("{{ metric(id=\"x\") }}"), "code is left alone");
    }

    #[test]
    fn syntax_problems() {
        let (_, _, p) = extract("{{ metrc(id=\"a\") }}\n");
        assert_eq!(p[0].help, "did you mean `metric`?");
        let (_, _, p) = extract("{{ metric(id=a) }}\n");
        assert!(p[0].message.contains("double quotes"));
        let (_, _, p) = extract("{{ metric() }}\n");
        assert_eq!(p[0].message, "`metric` needs `id`");
        let (_, _, p) = extract("{{ metric(name=\"a\") }}\n");
        assert!(p[0].message.contains("takes no argument"));
    }

    #[test]
    fn plain_text_is_untouched() {
        let (out, found, _) = extract("No shortcodes {{ here }} inline.\n");
        assert!(found.is_empty());
        assert_eq!(out, "No shortcodes {{ here }} inline.\n");
    }
}
