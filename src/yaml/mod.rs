//! The only module that knows which YAML crates we use.
//!
//! Values are read by `yaml_serde`, the YAML organisation's maintained fork of the
//! archived serde_yaml: the same parser (libyaml, as `libyaml-rs`) and the same
//! messages, which the diagnostics below read. Positions come from `saphyr-parser`,
//! only when a diagnostic needs one (`docs/dependencies.md` says why these two).
//! Everything else asks for "this range of this file as a `T`" and gets either the
//! value or a [`Diagnostic`] pointing at the offending byte, with a hint; and, for a
//! problem found after reading, "where is this key or value written" ([`place`],
//! [`key_span`], [`Spans`]), never a search of the text.
//!
//! `errors.rs` turns the crate's messages into plain English and places them;
//! `invisible.rs` blames a pasted no-break or zero-width space where one broke the
//! structure; `numbers.rs` keeps decimals exact; `spans.rs` finds where things are
//! written, by path.

use std::ops::Range;

use serde::de::DeserializeOwned;

use crate::diagnostic::{Diagnostic, SourceText};

mod errors;
mod invisible;
// The names of invisible characters, for `bcfsite import`'s messages about cells.
pub use invisible::invisible_name;
mod numbers;
mod spans;

use errors::to_diagnostic;
pub use numbers::{exact_decimal, parse_decimal_text};
pub use spans::{At, Spans};

/// Parses `range` of `source` as YAML into `T`, strictly (the types decide which keys
/// are allowed). Errors point into the original file, not into the range.
pub fn parse<T: DeserializeOwned>(
    source: &SourceText,
    range: Range<usize>,
) -> Result<T, Diagnostic> {
    let yaml = &source.text[range.clone()];
    let _current = numbers::ExactNumbers::install(&source.text, range.clone());
    yaml_serde::from_str::<T>(yaml).map_err(|err| to_diagnostic(source, range.start, yaml, &err))
}

/// Parses a whole data document, refusing a key given twice in any of its maps.
///
/// A typed struct refuses a repeated field itself, but a map (amounts by year, a
/// quarter's entries by scheme id) keeps the last of two entries with one key and
/// drops the other without a word: with it, a `confidential: true` written on the
/// first. So the document is first read as plain YAML, which refuses repeats.
pub fn parse_document<T: DeserializeOwned>(source: &SourceText) -> Result<T, Diagnostic> {
    let whole = 0..source.text.len();
    if let Err(err) = yaml_serde::from_str::<yaml_serde::Value>(&source.text)
        && err.to_string().contains("duplicate entry")
    {
        return Err(to_diagnostic(source, 0, &source.text, &err));
    }
    parse(source, whole)
}

/// Reads only the top-level `kind:` of a data document, ignoring everything else.
pub fn kind_of(source: &SourceText) -> Result<Option<String>, Diagnostic> {
    #[derive(serde::Deserialize)]
    struct KindOnly {
        kind: Option<String>,
    }
    parse::<KindOnly>(source, 0..source.text.len()).map(|k| k.kind)
}

/// Where the keys and values of `range` of `source` are written, for a problem found
/// after reading it. Built only then, so reading costs nothing more when all is well
/// (see `spans.rs`); `None` if the text cannot be read.
pub fn spans(source: &SourceText, range: Range<usize>) -> Option<Spans> {
    Spans::of(source.text.get(range.clone())?, range.start)
}

/// Where something in the whole of `source` is written, for a problem found after
/// reading it: `find` looks it up from the top of the file's spans, read only now.
/// `0..0`, the top of the file, if it cannot be found.
pub fn place(source: &SourceText, find: impl FnOnce(At) -> Option<Range<usize>>) -> Range<usize> {
    spans(source, 0..source.text.len())
        .and_then(|spans| find(spans.root()))
        .unwrap_or(0..0)
}

/// Where the top-level `key` of `range` of `source` is written (a field that is valid
/// YAML but wrong for its page kind).
pub fn key_span(source: &SourceText, range: Range<usize>, key: &str) -> Option<Range<usize>> {
    spans(source, range)?.root().get(key)?.key_span()
}

/// What a deserialiser of ours says when a key is written with nothing after it
/// (`publish:`, `publish: ~`), given what it wanted: reported like serde's own
/// "unit value", as "has no value".
pub fn no_value_error(expected: &str) -> String {
    format!("{NO_VALUE}, expected {expected}")
}

pub(crate) const NO_VALUE: &str = "has no value";

/// Writes `value` as YAML, for files bcfsite makes for other tools (`bcfsite cms`).
pub fn to_text<T: serde::Serialize>(value: &T) -> Result<String, String> {
    yaml_serde::to_string(value).map_err(|e| e.to_string())
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
                "`list` should be a list, not a set of `key: value` lines",
            ),
            (
                "inner: [1]",
                "`inner` should be a set of `key: value` lines, not a list",
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
        let s = src("a: 1\nbb: 2\n");
        assert_eq!(key_span(&s, 0..s.text.len(), "bb"), Some(5..7));
        let s = src("a:\n  bb: 2\n");
        assert_eq!(key_span(&s, 0..s.text.len(), "bb"), None);
        // Quoted, or after a key that ends in the same letters.
        let s = src("abb: 1\n\"bb\": 2\n");
        assert_eq!(key_span(&s, 0..s.text.len(), "bb"), Some(8..10));
    }
}
