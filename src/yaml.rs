//! The only module that knows which YAML crate we use.
//!
//! serde_yaml is archived upstream; keeping every call to it here means swapping it
//! for a maintained fork (serde_norway, serde_yml) is a change to this file alone.
//! Everything else asks for "this range of this file as a `T`" and gets either the
//! value or a [`Diagnostic`] pointing at the offending byte, with a hint.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;

use rust_decimal::Decimal;
use serde::de::DeserializeOwned;

use crate::diagnostic::{Diagnostic, SourceText, did_you_mean, offset_of};

/// Parses `range` of `source` as YAML into `T`, strictly (the types decide which keys
/// are allowed). Errors point into the original file, not into the range.
pub fn parse<T: DeserializeOwned>(
    source: &SourceText,
    range: Range<usize>,
) -> Result<T, Diagnostic> {
    let yaml = &source.text[range.clone()];
    let _table = ExactNumbers::install(yaml);
    serde_yaml::from_str::<T>(yaml).map_err(|err| to_diagnostic(source, range.start, yaml, &err))
}

/// Exact decimals for numbers serde_yaml hands over as `f64`.
///
/// serde_yaml turns a plain scalar such as `683.96` into an `f64` before any
/// deserialiser sees it, and its original text is gone. Money must never pass through
/// a float, so while a document is parsed we keep a table, made from the document's
/// own text, of every number written in it: its `f64` bits → the exact `Decimal` its
/// digits spell. A deserialiser handed an `f64` looks the exact value up here; the
/// float is only ever a key. Two different decimals with the same `f64` (more digits
/// than a float holds) are marked ambiguous, and reading them is an error.
struct ExactNumbers;

thread_local! {
    static EXACT: RefCell<HashMap<u64, Option<Decimal>>> = RefCell::new(HashMap::new());
}

impl ExactNumbers {
    fn install(yaml: &str) -> ExactNumbers {
        EXACT.with(|table| {
            let mut table = table.borrow_mut();
            table.clear();
            for token in numeric_tokens(yaml) {
                let (Ok(float), Some(exact)) = (token.parse::<f64>(), parse_decimal_text(token))
                else {
                    continue;
                };
                table
                    .entry(float.to_bits())
                    .and_modify(|known| {
                        if known.is_some_and(|k| k != exact) {
                            *known = None;
                        }
                    })
                    .or_insert(Some(exact));
            }
        });
        ExactNumbers
    }
}

impl Drop for ExactNumbers {
    fn drop(&mut self) {
        EXACT.with(|table| table.borrow_mut().clear());
    }
}

/// The exact decimal written in the document being parsed for a number serde_yaml
/// gave as `f64`; `None` if the document does not spell it unambiguously.
pub fn exact_decimal(float: f64) -> Option<Decimal> {
    EXACT.with(|table| table.borrow().get(&float.to_bits()).copied().flatten())
}

/// Parses decimal text exactly: `1200`, `-0.5`, `683.96`, `1.5e3`.
pub fn parse_decimal_text(text: &str) -> Option<Decimal> {
    let t = text.trim().trim_start_matches('+');
    if t.is_empty() || !t.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    if t.contains(['e', 'E']) {
        Decimal::from_scientific(t).ok()
    } else {
        t.parse::<Decimal>().ok()
    }
}

/// Every run of text that could be a YAML number: `-12.5`, `3e4`, `.5`.
fn numeric_tokens(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let start = i;
            let c = bytes[i];
            let begins = c.is_ascii_digit()
                || (matches!(c, b'-' | b'+' | b'.')
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit));
            let after_word =
                start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_');
            if !begins || after_word {
                i += 1;
                continue;
            }
            i += 1;
            while i < bytes.len() {
                let b = bytes[i];
                let exp_sign = matches!(b, b'-' | b'+') && matches!(bytes[i - 1], b'e' | b'E');
                if b.is_ascii_digit() || b == b'.' || b == b'e' || b == b'E' || exp_sign {
                    i += 1;
                } else {
                    break;
                }
            }
            return Some(&text[start..i]);
        }
        None
    })
}

/// Reads only the top-level `kind:` of a data document, ignoring everything else.
pub fn kind_of(source: &SourceText) -> Result<Option<String>, Diagnostic> {
    #[derive(serde::Deserialize)]
    struct KindOnly {
        kind: Option<String>,
    }
    parse::<KindOnly>(source, 0..source.text.len()).map(|k| k.kind)
}

/// Byte range of a top-level `key:` line in a YAML text, for errors found after parsing
/// (a field that is valid YAML but wrong for its page kind).
pub fn top_level_key_span(yaml: &str, key: &str) -> Option<Range<usize>> {
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(key)
            && rest.trim_start().starts_with(':')
        {
            return Some(offset..offset + key.len());
        }
        offset += line.len();
    }
    None
}

fn to_diagnostic(
    source: &SourceText,
    base: usize,
    yaml: &str,
    err: &serde_yaml::Error,
) -> Diagnostic {
    let raw = err.to_string();
    // serde_yaml appends " at line L column C"; we show the position our own way.
    let message = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw.clone(),
    };
    let start = err
        .location()
        .map(|loc| offset_of(yaml, loc.line(), loc.column()))
        .unwrap_or(0);
    let (path, detail) = split_path(&message);
    let at = |len: usize| base + start..base + start + len;

    if let Some((field, expected)) = unknown_field(detail) {
        let mut d = Diagnostic::error(
            "unknown-key",
            format!("unknown key `{}{field}`", path_prefix(path)),
        )
        .at(source, at(field.len()));
        let help = match did_you_mean(field, expected.iter().map(String::as_str)) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("the keys allowed here are: {}", expected.join(", ")),
        };
        d = d.with_help(help);
        return d;
    }
    if let Some(rest) = detail.strip_prefix("unknown variant `") {
        let value = rest.split('`').next().unwrap_or_default();
        let expected = backticked(rest.split_once("expected").map_or("", |(_, e)| e));
        let help = match did_you_mean(value, expected.iter().map(String::as_str)) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("use one of: {}", expected.join(", ")),
        };
        return Diagnostic::error(
            "invalid-value",
            format!("{}`{value}` is not allowed here", path_prefix(path)),
        )
        .at(source, at(value.len()))
        .with_help(help);
    }
    if let Some(rest) = detail.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or_default();
        return Diagnostic::error(
            "missing-key",
            format!("missing required key `{}{field}`", path_prefix(path)),
        )
        .at(source, at(1))
        .with_help(format!("add a line `{field}: ...`"));
    }
    if detail.starts_with("invalid type") || detail.starts_with("invalid value") {
        let help = if detail.contains("expected a boolean") {
            "write `true` or `false`, without quotes (`yes`, `no` and \"true\" are not accepted)"
                .to_string()
        } else if detail.contains("expected a sequence") {
            "write a list, e.g. `[a, b]` or one `- item` per line".to_string()
        } else {
            "check the value's type; put text that looks like a number or date in quotes"
                .to_string()
        };
        return Diagnostic::error("invalid-type", plain_type_error(path, detail))
            .at(source, at(1))
            .with_help(help);
    }
    if detail.starts_with("duplicate") {
        return Diagnostic::error("duplicate-key", message.clone())
            .at(source, at(1))
            .with_help("each key may appear once; remove or rename the repeated one");
    }
    if let Some(rest) = detail.strip_prefix('`') {
        // A value our own deserialisers rejected (a bad date, a paragraph out of
        // range). Their messages start with the value in backticks; serde_yaml places
        // such errors at the enclosing mapping, so find the value itself after it.
        let value = rest.split('`').next().unwrap_or_default();
        let found = (!value.is_empty())
            .then(|| yaml[start..].find(value))
            .flatten()
            .map_or(start, |i| start + i);
        let msg = if path.is_empty() {
            detail.to_string()
        } else {
            format!("{path}: {detail}")
        };
        return Diagnostic::error("invalid-value", msg)
            .at(source, base + found..base + found + value.len().max(1));
    }
    Diagnostic::error("yaml-syntax", format!("this is not valid YAML: {message}"))
        .at(source, at(1))
        .with_help("check the indentation, and put text containing `: ` or starting with a quote or `-` in quotes")
}

/// `confidential: invalid type: string "yes", expected a boolean` →
/// `` `confidential` should be true or false, not the text "yes" ``.
fn plain_type_error(path: &str, detail: &str) -> String {
    let body = detail
        .trim_start_matches("invalid type: ")
        .trim_start_matches("invalid value: ");
    let (found, expected) = body
        .split_once(", expected ")
        .unwrap_or((body, "something else"));
    let found = found
        .replace("string ", "the text ")
        .replace("integer ", "the number ")
        .replace("floating point ", "the number ")
        .replace("map", "a block of keys")
        .replace("sequence", "a list");
    let expected = match expected {
        "a boolean" => "true or false",
        "a string" => "text",
        "a sequence" => "a list",
        e => e,
    };
    let subject = if path.is_empty() {
        "this value".to_string()
    } else {
        format!("`{path}`")
    };
    format!("{subject} should be {expected}, not {found}")
}

/// Splits serde_yaml's `path.to.field: detail` into its two parts.
fn split_path(message: &str) -> (&str, &str) {
    match message.split_once(": ") {
        Some((path, detail))
            if !path.contains(' ') && !path.is_empty() && !path.starts_with("unknown") =>
        {
            (path, detail)
        }
        _ => ("", message),
    }
}

fn path_prefix(path: &str) -> String {
    // The last segment is the field itself; show the parents for nested keys.
    match path.rsplit_once('.') {
        Some((parents, _)) => format!("{parents}."),
        None if path.contains('[') || path.is_empty() => String::new(),
        None => format!("{path}."),
    }
}

fn unknown_field(detail: &str) -> Option<(&str, Vec<String>)> {
    let rest = detail.strip_prefix("unknown field `")?;
    let field = rest.split('`').next()?;
    let expected = backticked(rest.split_once("expected").map_or("", |(_, e)| e));
    Some((field, expected))
}

fn backticked(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        #[allow(dead_code)]
        title: String,
        #[serde(default)]
        #[allow(dead_code)]
        confidential: bool,
    }

    fn src(text: &str) -> SourceText {
        SourceText {
            path: "content/x.md".into(),
            text: text.into(),
        }
    }

    fn err(text: &str, range: Range<usize>) -> Diagnostic {
        parse::<Doc>(&src(text), range).unwrap_err()
    }

    #[test]
    fn unknown_key_suggests_the_nearest() {
        let text = "---\ntitle: A\nconfidental: true\n---\n";
        let d = err(text, 4..31);
        assert_eq!(d.code, "unknown-key");
        assert_eq!(d.line_column(), Some((3, 1)));
        assert_eq!(d.help.as_deref(), Some("did you mean `confidential`?"));
    }

    #[test]
    fn quoted_yes_is_not_true() {
        let d = err("title: A\nconfidential: \"yes\"\n", 0..29);
        assert_eq!(d.code, "invalid-type");
        assert_eq!(d.line_column().unwrap().0, 2);
    }

    #[test]
    fn bare_yes_is_not_true_either() {
        let d = err("title: A\nconfidential: yes\n", 0..27);
        assert_eq!(d.code, "invalid-type");
    }

    #[test]
    fn missing_title() {
        let d = err("confidential: true\n", 0..19);
        assert_eq!(d.code, "missing-key");
    }

    #[test]
    fn syntax_error_has_a_position() {
        let d = err("title: 'unclosed\n", 0..17);
        assert_eq!(d.code, "yaml-syntax");
        assert!(d.line_column().is_some());
    }

    #[test]
    fn tabs_are_syntax_errors() {
        let d = err("title: A\n\tdate: 1\n", 0..17);
        assert_eq!(d.code, "yaml-syntax");
        assert_eq!(d.line_column(), Some((2, 1)));
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let d = err("title: A\ntitle: B\n", 0..18);
        assert_eq!(d.code, "duplicate-key");
    }

    #[test]
    fn numbers_are_read_exactly_from_the_text() {
        #[derive(Deserialize)]
        struct N {
            a: f64,
            b: f64,
        }
        let text = "a: 683.96\nb: 0.1\n";
        let _t = ExactNumbers::install(text);
        let n: N = serde_yaml::from_str(text).unwrap();
        assert_eq!(exact_decimal(n.a), Some("683.96".parse().unwrap()));
        assert_eq!(exact_decimal(n.b), Some("0.1".parse().unwrap()));
        assert_eq!(exact_decimal(0.2), None, "not written in the document");
    }

    #[test]
    fn too_many_digits_for_a_float_is_ambiguous() {
        let text = "a: 0.12345678901234567890\nb: 0.12345678901234567891\n";
        let _t = ExactNumbers::install(text);
        assert_eq!(
            exact_decimal("0.12345678901234567890".parse().unwrap()),
            None
        );
    }

    #[test]
    fn numeric_tokens_find_every_number() {
        // Extra tokens (parts of ids) only add harmless table entries.
        let t: Vec<_> = numeric_tokens("id: bcf-2023-25\nv: -1.5e3, x2: .5\n").collect();
        assert_eq!(t, ["2023", "25", "-1.5e3", ".5"]);
    }

    #[test]
    fn finds_top_level_keys() {
        assert_eq!(top_level_key_span("a: 1\nbb: 2\n", "bb"), Some(5..7));
        assert_eq!(top_level_key_span("a: 1\n  bb: 2\n", "bb"), None);
    }
}
