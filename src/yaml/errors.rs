//! The YAML crate's errors, in plain English and in the right place.
//!
//! serde and the YAML crate say what went wrong in their own words (`invalid type:
//! string "yes", expected a boolean at line 2 column 15`). Each kind of message is
//! recognised here, reworded for a council editor, given a code and a hint, and
//! pointed at the byte it is about.

use super::NO_VALUE;
use super::invisible::{invisible_character, invisible_culprit};
use super::spans::Spans;
use crate::diagnostic::{Diagnostic, SourceText, did_you_mean};

pub(super) fn to_diagnostic(
    source: &SourceText,
    base: usize,
    yaml: &str,
    err: &yaml_serde::Error,
) -> Diagnostic {
    let d = plain_diagnostic(source, base, yaml, err);
    match invisible_culprit(yaml, error_start(yaml, err), &d) {
        Some(at) => invisible_character(source, base + at),
        None => d,
    }
}

/// Where the YAML crate stopped, as a byte offset into `yaml`: the parser counts bytes
/// and reads lone CRs, NEL and line separators as line ends, so its offset (not its
/// line and column) is what agrees with the text.
fn error_start(yaml: &str, err: &yaml_serde::Error) -> usize {
    let at = err.location().map_or(0, |loc| loc.index()).min(yaml.len());
    (0..=at)
        .rev()
        .find(|&i| yaml.is_char_boundary(i))
        .unwrap_or(0)
}

fn plain_diagnostic(
    source: &SourceText,
    base: usize,
    yaml: &str,
    err: &yaml_serde::Error,
) -> Diagnostic {
    let raw = err.to_string();
    // The YAML crate appends " at line L column C"; we show the position our own way.
    let message = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw.clone(),
    };
    let start = error_start(yaml, err);
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
        // The path names the key whose value this is: say so in words, never as
        // ``kind.`papr` ``.
        let message = match (path.is_empty(), value.is_empty()) {
            (true, true) => "a value is missing here".to_string(),
            (true, false) => format!("`{value}` is not one of the words allowed here"),
            (false, true) => format!("`{path}` needs a value"),
            (false, false) => format!("`{value}` is not one of the words allowed for `{path}`"),
        };
        return Diagnostic::error("invalid-value", message)
            .at(source, at(value.len().max(1)))
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
    if let Some(expected) = detail
        .strip_prefix("invalid type: unit value, expected ")
        .or_else(|| detail.strip_prefix(NO_VALUE)?.strip_prefix(", expected "))
        .map(plain_expected)
    {
        return no_value(source, base, yaml, start, path, expected);
    }
    if detail.starts_with("invalid type")
        || detail.starts_with("invalid value")
        || detail.starts_with("invalid length")
    {
        let help = if detail.ends_with("expected a boolean") {
            "write `true` or `false`, without quotes (`yes`, `no` and \"true\" are not accepted)"
                .to_string()
        } else if detail.ends_with("expected a sequence") {
            "write a list, e.g. `[a, b]` or one `- item` per line".to_string()
        } else if plain_type_error(path, detail).contains(KEY_LINES) && !path.is_empty() {
            format!(
                "write the keys on their own lines under `{path}:`, indented, one `key: value` a line"
            )
        } else {
            "write the kind of value the message asks for here; put text that looks like a number or date in quotes"
                .to_string()
        };
        return Diagnostic::error("invalid-type", plain_type_error(path, detail))
            .at(source, at(1))
            .with_help(help);
    }
    if let Some(key) = duplicate_key(detail) {
        let full = if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        };
        let (first, again) = repeated_key(yaml, path, key).unwrap_or((start, start));
        let (line, _) = crate::diagnostic::line_column(&source.text, base + first);
        return Diagnostic::error("duplicate-key", format!("`{full}` is given twice"))
            .at(source, base + again..base + again + key.len().max(1))
            .with_note(format!("it is first given on line {line}"))
            .with_help("each key may appear once in a block: keep one (if either is marked `confidential: true`, keep that mark)");
    }
    if let Some(rest) = detail.strip_prefix('`') {
        // A value our own deserialisers rejected (a bad date, a paragraph out of
        // range). Their messages start with the value in backticks, and the error's
        // path names the value, or the block holding it (a figure's `status`): point
        // at that value, or else at the block.
        let value = rest.split('`').next().unwrap_or_default();
        let spans = Spans::of(yaml, 0);
        let found = spans
            .as_ref()
            .and_then(|s| s.root().path(path))
            .map(
                |at| match at.find_scalar(value).filter(|_| !value.is_empty()) {
                    Some(span) => span.start..span.start + value.len(),
                    None => at.span().start..at.span().start + 1,
                },
            )
            .unwrap_or(start..start + value.len().max(1));
        // A top-level key is on the line shown; a nested one is named.
        let msg = if path.contains(['.', '[']) {
            format!("{path}: {detail}")
        } else {
            detail.to_string()
        };
        return Diagnostic::error("invalid-value", msg)
            .at(source, base + found.start..base + found.end);
    }
    if let Some((what, help)) = plain_parser_limit(&message) {
        return Diagnostic::error("yaml-syntax", what)
            .at(source, at(1))
            .with_help(help);
    }
    Diagnostic::error("yaml-syntax", format!("this is not valid YAML: {message}"))
        .at(source, at(1))
        .with_help("check the indentation, and put text containing `: ` or starting with a quote or `-` in quotes")
}

/// `publish:`, `publish: ~`, `draft: null`: the key is there, its value is not.
/// Pointed at the key, since the empty value has no place of its own.
fn no_value(
    source: &SourceText,
    base: usize,
    yaml: &str,
    start: usize,
    path: &str,
    expected: &str,
) -> Diagnostic {
    let span = Spans::of(yaml, 0)
        .and_then(|s| s.root().path(path)?.key_span())
        .unwrap_or(start..start + 1);
    let subject = if path.is_empty() {
        "this".to_string()
    } else {
        format!("`{path}`")
    };
    let what = if expected == "true or false" {
        "`true` or `false`".to_string()
    } else {
        expected.to_string()
    };
    Diagnostic::error("no-value", format!("{subject} has no value"))
        .at(source, base + span.start..base + span.end)
        .with_help(format!("write {what}, or remove the line"))
}

/// The key of serde's "duplicate field `x`" and the YAML crate's "duplicate entry with
/// key \"x\"" (a map such as a quarter's spend by scheme).
fn duplicate_key(detail: &str) -> Option<&str> {
    if let Some(rest) = detail.strip_prefix("duplicate field `") {
        return rest.split('`').next();
    }
    let key = detail.strip_prefix("duplicate entry with key ")?;
    Some(key.trim_matches('"'))
}

/// The first and the second place `key` is given in the mapping at `path` (where
/// the YAML crate reports a duplicate), as byte offsets.
fn repeated_key(yaml: &str, path: &str, key: &str) -> Option<(usize, usize)> {
    let spans = Spans::of(yaml, 0)?;
    let mut places = spans
        .root()
        .path(path)?
        .children()
        .filter(|c| c.key() == Some(key))
        .filter_map(|c| c.key_span());
    Some((places.next()?.start, places.next()?.start))
}

/// The parser's own limits, in words.
fn plain_parser_limit(message: &str) -> Option<(&'static str, &'static str)> {
    if message.contains("more than one document") {
        Some((
            "this file holds more than one YAML document: a line `---` starts a second one",
            "keep one document per file: remove the `---` line, or move what follows it into a file of its own",
        ))
    } else if message.contains("recursion limit exceeded") {
        Some((
            "this YAML nests too deeply to be read",
            "write the blocks and lists with fewer levels, one inside another",
        ))
    } else if message.contains("repetition limit exceeded") {
        Some((
            "this YAML repeats anchors (`*name`) too often to be read",
            "write the values out instead of repeating anchors",
        ))
    } else {
        None
    }
}

/// `confidential: invalid type: string "yes", expected a boolean` →
/// `` `confidential` should be true or false, not the text "yes" ``.
fn plain_type_error(path: &str, detail: &str) -> String {
    let subject = if path.is_empty() {
        "this value".to_string()
    } else {
        format!("`{path}`")
    };
    if let Some(rest) = detail.strip_prefix("invalid length ") {
        let (count, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "{subject} should be {}, not a list of {count}",
            plain_expected(expected)
        );
    }
    let body = detail
        .trim_start_matches("invalid type: ")
        .trim_start_matches("invalid value: ");
    let (found, expected) = body
        .split_once(", expected ")
        .unwrap_or((body, "something else"));
    format!(
        "{subject} should be {}, not {}",
        plain_expected(expected),
        plain_found(found)
    )
}

/// What serde calls a map or a struct, in the words of someone writing YAML.
const KEY_LINES: &str = "a set of `key: value` lines";

/// serde's name for what it wanted (`i64`, `struct Meeting`), in words.
fn plain_expected(expected: &str) -> &str {
    match expected {
        "a boolean" => "true or false",
        "a string" | "a borrowed string" | "a string or bytes" => "text",
        "a sequence" => "a list",
        "a map" => KEY_LINES,
        "a character" => "a single character",
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "a whole number",
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "a whole number, 0 or more",
        "f32" | "f64" => "a number",
        "a YAML tag starting with '!'" => "a single word",
        "unit" => "nothing",
        "option" => "a value",
        e if e.starts_with("struct ") || e.starts_with("a map ") => KEY_LINES,
        e if e.starts_with("a tuple of size ") || e.starts_with("an array of length ") => {
            "a list of a fixed length"
        }
        e if e.starts_with("enum ") || e.starts_with("variant ") => "one of the allowed words",
        e => e,
    }
}

/// serde's name for what it found (`string "yes"`, `integer `5``), in words.
fn plain_found(found: &str) -> String {
    let ticked = |s: &str| s.trim_matches('`').to_string();
    if let Some(text) = found.strip_prefix("string ") {
        format!("the text {text}")
    } else if let Some(n) = found
        .strip_prefix("integer ")
        .or_else(|| found.strip_prefix("floating point "))
    {
        // serde adds how it read a number too large for any type: "`-99…` as i128".
        format!("the number {}", ticked(n.split(" as ").next().unwrap_or(n)))
    } else if let Some(b) = found.strip_prefix("boolean ") {
        format!("`{}`", ticked(b))
    } else if let Some(c) = found.strip_prefix("character ") {
        format!("the character {c}")
    } else {
        match found {
            "map" => KEY_LINES.to_string(),
            "sequence" => "a list".to_string(),
            "unit value" => "nothing".to_string(),
            "Option value" | "newtype struct" => "a value".to_string(),
            "byte array" => "binary data".to_string(),
            "enum" | "unit variant" | "newtype variant" | "tuple variant" | "struct variant" => {
                "a tagged value (`!name`)".to_string()
            }
            other => other.to_string(),
        }
    }
}

/// Splits the YAML crate's `path.to.field: detail` into its two parts.
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
