//! `content/glossary.yaml`: abbreviations and what they stand for.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, SourceText};
use crate::yaml;

/// Abbreviation → expansion, in alphabetical order of the abbreviation.
pub type Glossary = BTreeMap<String, String>;

pub fn parse(source: &SourceText) -> Result<Glossary, Diagnostic> {
    if source.text.trim().is_empty() {
        return Ok(Glossary::new());
    }
    let glossary = yaml::parse::<Glossary>(source, 0..source.text.len()).map_err(|d| {
        d.with_help(
            "write one `ABBREVIATION: what it stands for` per line, e.g. `BCF: Better Care Fund`",
        )
    })?;
    match same_ignoring_case(source, &glossary) {
        Some(d) => Err(d),
        None => Ok(glossary),
    }
}

/// Two terms that differ only in case (`ICB` and `Icb`) are one term given twice:
/// which expansion a page would get depends on nothing the editor can see. The error
/// points at the later one and names the line of the earlier.
fn same_ignoring_case(source: &SourceText, glossary: &Glossary) -> Option<Diagnostic> {
    let span = |key: &str| yaml::key_span(source, 0..source.text.len(), key).unwrap_or(0..0);
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    // In the order they are written, so "the first" is the one above.
    let mut keys: Vec<&str> = glossary.keys().map(String::as_str).collect();
    keys.sort_by_key(|k| span(k).start);
    for key in keys {
        if let Some(first) = seen.insert(key.to_lowercase(), key) {
            let (line, _) = crate::diagnostic::line_column(&source.text, span(first).start);
            return Some(
                Diagnostic::error(
                    "duplicate-key",
                    format!("`{key}` is given twice: `{first}` is the same term in other capitals"),
                )
                .at(source, span(key))
                .with_note(format!("`{first}` is on line {line}"))
                .with_help("keep one of them, written as the abbreviation appears in your pages"),
            );
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_map_only() {
        let src = |t: &str| SourceText {
            path: "content/glossary.yaml".into(),
            text: t.into(),
        };
        let g = parse(&src("BCF: Better Care Fund\nICB: Integrated Care Board\n")).unwrap();
        assert_eq!(g["ICB"], "Integrated Care Board");
        assert!(parse(&src("BCF:\n  nested: no\n")).is_err());
        assert!(parse(&src("")).unwrap().is_empty());
    }

    #[test]
    fn terms_differing_only_in_case_are_one_term_twice() {
        let source = SourceText {
            path: "content/glossary.yaml".into(),
            text: "BCF: Better Care Fund\nICB: Integrated Care Board\nIcb: Integrated care board\n"
                .into(),
        };
        let d = parse(&source).unwrap_err();
        assert_eq!(d.code, "duplicate-key");
        assert_eq!(d.line_column(), Some((3, 1)));
        assert!(d.notes.iter().any(|n| n.contains("line 2")), "{d:?}");
    }
}
