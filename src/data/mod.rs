//! Data documents and site-wide settings: everything under `content/` written in YAML.
//!
//! `site.yaml` and `glossary.yaml` have their own modules; every other `.yaml` file
//! is a data document whose top-level `kind` says what it holds.

pub mod glossary;
pub mod settings;

use crate::diagnostic::Diagnostic;
use crate::load::ContentFile;
use crate::yaml;

/// The kinds of data document the SPEC defines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataKind {
    Plan,
    Metrics,
    Quarter,
}

const KINDS: [(&str, DataKind); 3] = [
    ("plan", DataKind::Plan),
    ("metrics", DataKind::Metrics),
    ("quarter", DataKind::Quarter),
];

/// A data document whose kind is known.
#[derive(Clone, Debug)]
pub struct DataDoc {
    pub file: ContentFile,
    pub kind: DataKind,
}

/// Reads a data document's kind; a missing or unknown kind is an error, since a file
/// we cannot classify is a file we cannot decide the visibility of.
pub fn classify(file: ContentFile) -> Result<DataDoc, Diagnostic> {
    let kind = yaml::kind_of(&file.source)?;
    let names = KINDS.map(|(n, _)| n);
    let Some(kind) = kind else {
        return Err(
            Diagnostic::error("missing-kind", "this data document has no `kind`")
                .at(&file.source, 0..0)
                .with_help(format!(
                    "add a first line `kind: ...`, one of: {}",
                    names.join(", ")
                )),
        );
    };
    match KINDS.iter().find(|(n, _)| *n == kind) {
        Some((_, k)) => Ok(DataDoc { file, kind: *k }),
        None => {
            let span = yaml::top_level_key_span(&file.source.text, "kind").unwrap_or(0..0);
            let help = match crate::diagnostic::did_you_mean(&kind, names) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("use one of: {}", names.join(", ")),
            };
            Err(Diagnostic::error(
                "unknown-kind",
                format!("`{kind}` is not a kind of data document"),
            )
            .at(&file.source, span)
            .with_help(help))
        }
    }
}
