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
    yaml::parse::<Glossary>(source, 0..source.text.len()).map_err(|d| {
        d.with_help(
            "write one `ABBREVIATION: what it stands for` per line, e.g. `BCF: Better Care Fund`",
        )
    })
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
}
