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

use crate::diagnostic::{Diagnostic, SourceText, did_you_mean};

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

/// Parses a whole data document, refusing a key given twice in any of its maps.
///
/// A typed struct refuses a repeated field itself, but a map (amounts by year, a
/// quarter's entries by scheme id) keeps the last of two entries with one key and
/// drops the other without a word: with it, a `confidential: true` written on the
/// first. So the document is first read as plain YAML, which refuses repeats.
pub fn parse_document<T: DeserializeOwned>(source: &SourceText) -> Result<T, Diagnostic> {
    let whole = 0..source.text.len();
    if let Err(err) = serde_yaml::from_str::<serde_yaml::Value>(&source.text)
        && err.to_string().contains("duplicate entry")
    {
        return Err(to_diagnostic(source, 0, &source.text, &err));
    }
    parse(source, whole)
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

/// What a deserialiser of ours says when a key is written with nothing after it
/// (`publish:`, `publish: ~`), given what it wanted: reported like serde's own
/// "unit value", as "has no value".
pub fn no_value_error(expected: &str) -> String {
    format!("{NO_VALUE}, expected {expected}")
}

const NO_VALUE: &str = "has no value";

/// Writes `value` as YAML, for files bcfsite makes for other tools (`bcfsite cms`).
pub fn to_text<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_yaml::to_string(value).map_err(|e| e.to_string())
}

fn to_diagnostic(
    source: &SourceText,
    base: usize,
    yaml: &str,
    err: &serde_yaml::Error,
) -> Diagnostic {
    let d = plain_diagnostic(source, base, yaml, err);
    match invisible_culprit(yaml, error_start(yaml, err), &d) {
        Some(at) => invisible_character(source, base + at),
        None => d,
    }
}

/// Where serde_yaml stopped, as a byte offset into `yaml`: the parser counts bytes
/// and reads lone CRs, NEL and line separators as line ends, so its offset (not its
/// line and column) is what agrees with the text.
fn error_start(yaml: &str, err: &serde_yaml::Error) -> usize {
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
    err: &serde_yaml::Error,
) -> Diagnostic {
    let raw = err.to_string();
    // serde_yaml appends " at line L column C"; we show the position our own way.
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
        } else {
            "check the value's type; put text that looks like a number or date in quotes"
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
        let (first, again) = repeated_key(yaml, start, key).unwrap_or((start, start));
        let (line, _) = crate::diagnostic::line_column(&source.text, base + first);
        return Diagnostic::error("duplicate-key", format!("`{full}` is given twice"))
            .at(source, base + again..base + again + key.len().max(1))
            .with_note(format!("it is first given on line {line}"))
            .with_help("each key may appear once in a block: keep one (if either is marked `confidential: true`, keep that mark)");
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
        // A top-level key is on the line shown; a nested one is named.
        let msg = if path.contains(['.', '[']) {
            format!("{path}: {detail}")
        } else {
            detail.to_string()
        };
        return Diagnostic::error("invalid-value", msg)
            .at(source, base + found..base + found + value.len().max(1));
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
    let key = path.rsplit(['.', '[']).next().unwrap_or(path);
    let span = key_before(yaml, start, key).unwrap_or(start..start + 1);
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

/// The last `key:` at or before `at`, for errors serde_yaml places after it.
fn key_before(yaml: &str, at: usize, key: &str) -> Option<Range<usize>> {
    if key.is_empty() {
        return None;
    }
    let upto = (at + key.len() + 1).min(yaml.len());
    let upto = (0..=upto).rev().find(|&i| yaml.is_char_boundary(i))?;
    yaml[..upto]
        .match_indices(key)
        .filter(|(i, _)| {
            yaml[i + key.len()..]
                .trim_start_matches([' ', '"', '\''])
                .starts_with(':')
        })
        .last()
        .map(|(i, _)| i..i + key.len())
}

/// The key of serde's "duplicate field `x`" and serde_yaml's "duplicate entry with
/// key \"x\"" (a map such as a quarter's spend by scheme).
fn duplicate_key(detail: &str) -> Option<&str> {
    if let Some(rest) = detail.strip_prefix("duplicate field `") {
        return rest.split('`').next();
    }
    let key = detail.strip_prefix("duplicate entry with key ")?;
    Some(key.trim_matches('"'))
}

/// The first and the second place `key` is given in the mapping that starts at
/// `block` (where serde_yaml reports a duplicate), as byte offsets.
fn repeated_key(yaml: &str, block: usize, key: &str) -> Option<(usize, usize)> {
    if yaml[block..].starts_with('{') {
        return flow_key_places(yaml, block, key);
    }
    // A block mapping: its keys are the lines indented as far as its first key.
    let line_start = yaml[..block].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let indent = block - line_start;
    let mut places = Vec::new();
    let mut offset = line_start;
    for line in yaml[line_start..].split_inclusive(['\n', '\r']) {
        let here = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        if here == line_start {
            if starts_with_key(&yaml[block..here + body.len()], key) {
                places.push(block);
            }
        } else {
            let lead = body.len() - body.trim_start_matches(' ').len();
            let rest = &body[lead..];
            if rest.is_empty() || rest.starts_with('#') || lead > indent {
                continue;
            }
            if lead < indent {
                break;
            }
            if starts_with_key(rest, key) {
                places.push(here + lead);
            }
        }
        if let [first, again] = places[..] {
            return Some((first, again));
        }
    }
    flow_key_places(yaml, block, key)
}

/// Whether `text` opens with `key:` (the key possibly in quotes).
fn starts_with_key(text: &str, key: &str) -> bool {
    let quote = text.chars().next().filter(|c| matches!(c, '"' | '\''));
    let name = quote.map_or(text, |q| &text[q.len_utf8()..]);
    let Some(after) = name.strip_prefix(key) else {
        return false;
    };
    let after = quote.map_or(Some(after), |q| after.strip_prefix(q));
    after.is_some_and(|a| a.trim_start_matches(' ').starts_with(':'))
}

/// The first two places `key:` is written after `from` as a key of a flow mapping
/// (`{a: 1, a: 2}`), or at the start of a line.
fn flow_key_places(yaml: &str, from: usize, key: &str) -> Option<(usize, usize)> {
    let mut places = yaml[from..]
        .match_indices(key)
        .map(|(i, _)| from + i)
        .filter(|&i| {
            let before = yaml[..i].trim_end_matches([' ', '"', '\'']).chars().last();
            let after = yaml[i + key.len()..].trim_start_matches(['"', '\'', ' ']);
            matches!(before, None | Some('{' | ',' | '\n' | '\r')) && after.starts_with(':')
        });
    Some((places.next()?, places.next()?))
}

/// serde_yaml's own limits, in words.
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

/// An invisible or look-alike character that YAML does not read as a space: a
/// no-break space pasted from Word, a zero-width space from a web page.
pub fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{a0}' => "a no-break space",
        '\u{202f}' => "a narrow no-break space",
        '\u{2007}' => "a figure space",
        '\u{2000}'..='\u{200a}' | '\u{205f}' | '\u{3000}' | '\u{1680}' => "a wide space",
        '\u{200b}' => "a zero-width space",
        '\u{200c}' => "a zero-width non-joiner",
        '\u{200d}' => "a zero-width joiner",
        '\u{2060}' => "a word joiner",
        '\u{feff}' => "a byte order mark",
        '\u{ad}' => "a soft hyphen",
        '\u{180e}' => "a Mongolian vowel separator",
        '\u{85}' => "a next-line character",
        '\u{2028}' => "a line separator",
        '\u{2029}' => "a paragraph separator",
        '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            "a text-direction mark"
        }
        c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => "a control character",
        _ => return None,
    })
}

/// The invisible character to blame for an error, if one is where YAML's structure
/// is (in a key, beside a `:` or `-`, in the indentation) on or before the line the
/// error is on; or on that line, at its end or, for a syntax error, anywhere.
fn invisible_culprit(yaml: &str, start: usize, d: &Diagnostic) -> Option<usize> {
    // The common case has no such character at all: one pass over ASCII decides it.
    if yaml.is_ascii() {
        return None;
    }
    let end = yaml[start..]
        .find(['\n', '\r'])
        .map_or(yaml.len(), |i| start + i);
    let mut offset = 0;
    for line in yaml[..end].split_inclusive(['\n', '\r']) {
        let here = offset;
        offset += line.len();
        if line.is_ascii() {
            continue;
        }
        let body = line.trim_end_matches(['\n', '\r']);
        let on_error_line = offset >= end;
        let colon = body.find(':');
        let chars: Vec<(usize, char)> = body.char_indices().collect();
        for (n, &(i, c)) in chars.iter().enumerate() {
            if invisible_name(c).is_none() {
                continue;
            }
            let prev = n.checked_sub(1).map(|p| chars[p].1);
            let next = chars.get(n + 1).map(|&(_, c)| c);
            let in_key = colon.is_some_and(|k| i < k);
            let leading = body[..i]
                .chars()
                .all(|c| c == ' ' || invisible_name(c).is_some());
            let trailing = body[i..]
                .chars()
                .all(|c| c == ' ' || invisible_name(c).is_some());
            let structural = in_key
                || leading
                || matches!(prev, Some(':' | '-' | '?' | ','))
                || next == Some(':');
            // At the end of a value it changes only that value: blamed on its own line.
            let on_line = on_error_line && (trailing || d.code == "yaml-syntax");
            if structural || on_line {
                return Some(here + i);
            }
        }
    }
    None
}

/// The diagnostic for an invisible character at byte `at` of the file: named, with
/// its code point, line and column in words, since the snippet cannot show it.
pub fn invisible_character(source: &SourceText, at: usize) -> Diagnostic {
    let c = source.text[at..].chars().next().unwrap_or('\u{fffd}');
    let name = invisible_name(c).unwrap_or("an invisible character");
    let (line, column) = crate::diagnostic::line_column(&source.text, at);
    let space = name.ends_with("space") && !name.contains("zero-width");
    let (what, help) = if space {
        (
            "where YAML needs an ordinary space",
            "replace it with an ordinary space; such spaces come with text copied from Word, a PDF or a web page",
        )
    } else if matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}') {
        (
            "which YAML reads as a line end, though it does not look like one",
            "replace it with an ordinary line break, or delete it",
        )
    } else {
        (
            "an invisible character that YAML reads as part of the key or value",
            "delete it: it cannot be seen, so delete the characters around it and type them again",
        )
    };
    Diagnostic::error(
        "invisible-character",
        format!(
            "there is {name} (U+{:04X}) at line {line}, column {column}, {what}",
            c as u32
        ),
    )
    .at(source, at..at + c.len_utf8())
    .with_help(help)
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

/// serde's name for what it wanted (`i64`, `struct Meeting`), in words.
fn plain_expected(expected: &str) -> &str {
    match expected {
        "a boolean" => "true or false",
        "a string" | "a borrowed string" | "a string or bytes" => "text",
        "a sequence" => "a list",
        "a map" => "a block of keys",
        "a character" => "a single character",
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "a whole number",
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "a whole number, 0 or more",
        "f32" | "f64" => "a number",
        "a YAML tag starting with '!'" => "a single word",
        "unit" => "nothing",
        "option" => "a value",
        e if e.starts_with("struct ") || e.starts_with("a map ") => "a block of keys",
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
        format!("the number {}", ticked(n))
    } else if let Some(b) = found.strip_prefix("boolean ") {
        format!("`{}`", ticked(b))
    } else if let Some(c) = found.strip_prefix("character ") {
        format!("the character {c}")
    } else {
        match found {
            "map" => "a block of keys".to_string(),
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

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Typed {
        n: Option<i64>,
        u: Option<u64>,
        f: Option<f64>,
        b: Option<bool>,
        list: Option<Vec<String>>,
        inner: Option<Doc>,
        #[serde(default)]
        map: std::collections::BTreeMap<String, i64>,
    }

    fn typed(text: &str) -> Diagnostic {
        parse::<Typed>(&src(text), 0..text.len()).unwrap_err()
    }

    #[test]
    fn a_key_with_nothing_after_it_has_no_value() {
        for text in [
            "title: A\nconfidential:\n",
            "title: A\nconfidential: ~\n",
            "title: A\nconfidential: null\n",
        ] {
            let d = err(text, 0..text.len());
            assert_eq!(d.code, "no-value", "{text}");
            assert_eq!(d.message, "`confidential` has no value");
            assert_eq!(d.line_column(), Some((2, 1)), "points at the key");
            assert_eq!(
                d.help.as_deref(),
                Some("write `true` or `false`, or remove the line")
            );
        }
    }

    #[test]
    fn serde_words_are_put_in_plain_english() {
        let cases = [
            ("n: x", "`n` should be a whole number, not the text \"x\""),
            (
                "u: -1",
                "`u` should be a whole number, 0 or more, not the number -1",
            ),
            ("f: x", "`f` should be a number, not the text \"x\""),
            ("b: 1", "`b` should be true or false, not the number 1"),
            (
                "list: {a: 1}",
                "`list` should be a list, not a block of keys",
            ),
            (
                "inner: [1]",
                "`inner` should be a block of keys, not a list",
            ),
            ("n: [roadmap]", "`n` should be a whole number, not a list"),
            ("list: [a, [b]]", "`list[1]` should be text, not a list"),
        ];
        for (text, message) in cases {
            assert_eq!(typed(text).message, message, "{text}");
        }
    }

    #[test]
    fn a_repeated_key_is_pointed_at_where_it_is_repeated() {
        let d = err("title: A\nconfidential: true\ntitle: B\n", 0..36);
        assert_eq!(d.code, "duplicate-key");
        assert_eq!(d.message, "`title` is given twice");
        assert_eq!(d.line_column(), Some((3, 1)));
        assert_eq!(d.notes, ["it is first given on line 1"]);
        let text = "n: 1\ninner:\n  title: B\n  confidential: true\n  title: C\n";
        let d = typed(text);
        assert_eq!(d.message, "`inner.title` is given twice");
        assert_eq!(d.line_column(), Some((5, 3)));
        let text = "n: 1\ninner: {title: B, title: C}\n";
        assert_eq!(typed(text).line_column(), Some((2, 19)));
    }

    #[test]
    fn a_repeated_entry_of_a_map_is_refused_in_a_data_document() {
        let text = "map:\n  a: 1\n  b: 2\n  a: 3\n";
        // Read as a type, a map keeps the last entry without a word...
        assert!(parse::<Typed>(&src(text), 0..text.len()).is_ok());
        // ...so a data document is read as plain YAML first.
        let d = parse_document::<Typed>(&src(text)).unwrap_err();
        assert_eq!(d.code, "duplicate-key");
        assert_eq!(d.message, "`map.a` is given twice");
        assert_eq!(d.line_column(), Some((4, 3)));
        let list = "list: [x]\ninner:\n  title: A\nmap: {a: 1, b: 2, a: 3}\n";
        let d = parse_document::<Typed>(&src(list)).unwrap_err();
        assert_eq!(d.line_column(), Some((4, 19)));
    }

    #[test]
    fn invisible_characters_are_named_where_they_are() {
        let whole = |text: &str| err(text, 0..text.len());
        let d = whole("title: A\nconfidential:\u{a0}true\n");
        assert_eq!(d.code, "invisible-character");
        assert_eq!(
            d.message,
            "there is a no-break space (U+00A0) at line 2, column 14, where YAML needs an ordinary space"
        );
        assert_eq!(d.line_column(), Some((2, 14)));
        let d = whole("title: A\n\u{200b}confidential: true\n");
        assert!(
            d.message
                .starts_with("there is a zero-width space (U+200B) at line 2, column 1")
        );
        let d = whole("title: A\nconfidential: true\u{2060}\n");
        assert!(
            d.message.contains("a word joiner (U+2060)"),
            "{}",
            d.message
        );
        let d = whole("title: A\n\u{2028}  confidential: true\n");
        assert!(d.message.contains("reads as a line end"), "{}", d.message);
        // Inside a value, the same characters are text, and only a real error is reported.
        let d = whole("title: Our\u{a0}plan\u{200b}\nconfidental: true\n");
        assert_eq!(d.code, "unknown-key");
    }

    #[test]
    fn positions_come_from_the_parser_whatever_the_line_ends() {
        // YAML reads a lone CR as a line end, and so do diagnostics.
        let text = "title: A\rconfidential: maybe\n";
        let d = err(text, 0..text.len());
        assert_eq!(d.code, "invalid-type");
        assert_eq!(d.line_column(), Some((2, 15)));
    }

    #[test]
    fn a_second_document_is_named() {
        let d = parse_document::<Typed>(&src("n: 1\n---\nn: 2\n")).unwrap_err();
        assert_eq!(d.code, "yaml-syntax");
        assert!(
            d.message.contains("more than one YAML document"),
            "{}",
            d.message
        );
    }

    #[test]
    fn finds_top_level_keys() {
        assert_eq!(top_level_key_span("a: 1\nbb: 2\n", "bb"), Some(5..7));
        assert_eq!(top_level_key_span("a: 1\n  bb: 2\n", "bb"), None);
    }
}
