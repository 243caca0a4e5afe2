//! Data documents and site-wide settings: everything under `content/` written in YAML.
//!
//! `site.yaml` and `glossary.yaml` have their own modules; every other `.yaml` file
//! is a data document whose top-level `kind` says what it holds. Each kind is a typed
//! model with unknown keys denied, read through the one YAML module.

pub mod amount;
pub mod capacity;
pub mod conditions;
pub mod format;
pub mod glossary;
pub mod metrics;
pub mod minimums;
pub mod period;
pub mod plan;
pub mod quarter;
pub mod revision;
pub mod settings;
pub mod year_end;

use std::fmt;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::load::ContentFile;
use crate::yaml;

/// An id that appears in URLs (`/schemes/<id>/`), so it is kept to lowercase letters,
/// digits and hyphens and never changes on its own.
/// Serialised as the newtype `Id`, so the leak audit reads it as an id (see
/// [`crate::leaves`]); formats we write pass it through as its text.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Id(pub String);

impl Id {
    pub fn is_valid(s: &str) -> bool {
        !s.is_empty()
            && s.len() <= 100
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-')
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if Id::is_valid(&s) {
            Ok(Id(s))
        } else {
            let suggestion = crate::content::slug::slugify(&s);
            Err(de::Error::custom(format!(
                "`{s}` is not a valid id; ids use lowercase letters, digits and hyphens (they become web addresses), e.g. `{suggestion}`"
            )))
        }
    }
}

/// A data document, parsed.
#[derive(Clone, Debug, Serialize)]
pub enum DataDoc {
    Plan(plan::Plan),
    Metrics(metrics::MetricsDoc),
    Quarter(quarter::Quarter),
    Conditions(conditions::ConditionsDoc),
    YearEnd(year_end::YearEnd),
    Capacity(capacity::Capacity),
}

/// A data document with the file it came from.
#[derive(Clone, Debug)]
pub struct DataFile {
    pub file: ContentFile,
    pub doc: DataDoc,
}

const KINDS: [&str; 6] = [
    "plan",
    "metrics",
    "quarter",
    "conditions",
    "year_end",
    "capacity",
];

/// Reads a data document: its kind first, then the whole document as that kind. A
/// missing or unknown kind is an error, since a file we cannot classify is a file we
/// cannot decide the visibility of.
pub fn parse(file: ContentFile) -> Result<DataFile, Diagnostic> {
    let kind = yaml::kind_of(&file.source)?;
    let Some(kind) = kind else {
        return Err(
            Diagnostic::error("missing-kind", "this data document has no `kind`")
                .at(&file.source, 0..0)
                .with_help(format!(
                    "add a first line `kind: ...`, one of: {}",
                    KINDS.join(", ")
                )),
        );
    };
    let whole = 0..file.source.text.len();
    let doc = match kind.as_str() {
        "plan" => {
            let mut p: plan::Plan = yaml::parse_document(&file.source)?;
            // The first problem, like a schema error; `check` shows the rest on the next run.
            if let Some(d) = plan::settle(&mut p, &file.source).into_iter().next() {
                return Err(d);
            }
            DataDoc::Plan(p)
        }
        "metrics" => DataDoc::Metrics(yaml::parse_document(&file.source)?),
        "quarter" => {
            let q: quarter::Quarter = yaml::parse_document(&file.source)?;
            if !q.period.is_quarter() {
                let span = yaml::key_span(&file.source, whole.clone(), "period").unwrap_or(0..0);
                return Err(Diagnostic::error(
                    "not-a-quarter",
                    format!("`{}` is a year, not a quarter", q.period),
                )
                .at(&file.source, span)
                .with_help(format!("write the quarter, e.g. `{}-Q2`", q.period)));
            }
            DataDoc::Quarter(q)
        }
        "conditions" => DataDoc::Conditions(yaml::parse_document(&file.source)?),
        "capacity" => {
            let c: capacity::Capacity = yaml::parse_document(&file.source)?;
            if c.year.is_quarter() {
                let span = yaml::key_span(&file.source, whole.clone(), "year").unwrap_or(0..0);
                return Err(Diagnostic::error(
                    "not-a-year",
                    format!("`{}` is a quarter, not a financial year", c.year),
                )
                .at(&file.source, span)
                .with_help(
                    "capacity and demand covers a whole financial year, April to March: write it as `2024-25`",
                ));
            }
            DataDoc::Capacity(c)
        }
        "year_end" => {
            let y: year_end::YearEnd = yaml::parse_document(&file.source)?;
            if y.year.is_quarter() {
                let span = yaml::key_span(&file.source, whole.clone(), "year").unwrap_or(0..0);
                return Err(Diagnostic::error(
                    "not-a-year",
                    format!("`{}` is a quarter, not a financial year", y.year),
                )
                .at(&file.source, span)
                .with_help(
                    "a year-end return covers a whole financial year: write it as `2024-25`",
                ));
            }
            DataDoc::YearEnd(y)
        }
        other => {
            let span = yaml::key_span(&file.source, whole, "kind").unwrap_or(0..0);
            let help = match did_you_mean(other, KINDS) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("use one of: {}", KINDS.join(", ")),
            };
            return Err(Diagnostic::error(
                "unknown-kind",
                format!("`{other}` is not a kind of data document"),
            )
            .at(&file.source, span)
            .with_help(help));
        }
    };
    Ok(DataFile { file, doc })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceText;

    fn parse_text(text: &str) -> Result<DataFile, Diagnostic> {
        parse(ContentFile {
            rel: "data/x.yaml".into(),
            source: SourceText {
                path: "content/data/x.yaml".into(),
                text: text.into(),
            },
            digest: 0,
            link_target: None,
        })
    }

    #[test]
    fn the_spec_plan_parses() {
        let f = parse_text("kind: plan\nid: bcf-2023-25\ntitle: Lancashire Better Care Fund Plan 2023 to 2025\nyears: [2023-24, 2024-25]\nunits: thousands\nfunding:\n  - {id: nhs-minimum, name: NHS minimum contribution, amounts: {2023-24: 98000, 2024-25: 103500}}\nschemes:\n  - id: falls-lifting\n    name: Falls Lifting Response Service\n    type: Assistive technologies and equipment\n    commissioner: Joint\n    fund: BCF\n    amounts: {2023-24: 1200, 2024-25: 1240}\ntotals:\n  schemes: {2023-24: 99200}\n").unwrap();
        let DataDoc::Plan(p) = f.doc else { panic!() };
        assert_eq!(
            p.schemes[0].scheme_type.as_deref(),
            Some("Assistive technologies and equipment")
        );
        assert_eq!(
            p.funding[0]
                .amounts
                .values()
                .map(|a| a.to_string())
                .collect::<Vec<_>>(),
            ["98000", "103500"]
        );
    }

    #[test]
    fn the_spec_quarter_parses() {
        let f = parse_text("kind: quarter\nperiod: 2024-25-Q2\nplan: bcf-2023-25\nsubmitted: 2024-10-31\nmetrics:\n  residential-admissions: {status: not_on_track, note: Estimated 683.96 against a target of 657}\nspend:\n  falls-lifting: {planned: 620, actual: 598}\n").unwrap();
        let DataDoc::Quarter(q) = f.doc else { panic!() };
        assert_eq!(
            q.spend[&Id("falls-lifting".into())]
                .actual
                .unwrap()
                .to_string(),
            "598"
        );
    }

    #[test]
    fn schema_errors_point_at_their_line() {
        let e = parse_text("kind: plan\nid: Falls Plan\n").unwrap_err();
        assert_eq!(e.line_column(), Some((2, 5)));
        assert!(e.message.contains("`falls-plan`"));
        let e = parse_text("kind: plan\nid: p\ntitle: T\nyears: [2024]\nunits: thousands\n")
            .unwrap_err();
        assert!(e.message.contains("is not a period"), "{}", e.message);
        let e = parse_text("kind: quarter\nperiod: 2024-25\nplan: p\n").unwrap_err();
        assert_eq!(e.code, "not-a-quarter");
        let e = parse_text("kind: plan\nid: p\ntitle: T\nyears: [2024-25]\nunits: millions\n")
            .unwrap_err();
        assert_eq!(e.code, "invalid-value");
        let e = parse_text("kind: plna\n").unwrap_err();
        assert_eq!(e.help.as_deref(), Some("did you mean `plan`?"));
    }
}
