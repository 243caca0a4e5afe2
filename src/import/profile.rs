//! Profiles: what one year's national template looks like, as data.
//!
//! A profile names the sheets (by a part of their name), the labels of the columns
//! we read with every variant seen, the year columns, the words of the dropdowns and
//! the ids they map to, and the text on the Cover sheet that identifies the template.
//! A new template year is a new profile file, not new code. The built-in ones are
//! compiled in from `src/import/profiles/`; `--profile FILE` reads another.
//!
//! A profile describes either a planning template (`income` and `expenditure`, the
//! plan's sheets) or a year-end template (`year_end`, whose sheets are described in
//! [`super::year_end`]); never both, since no template holds both.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::data::Id;
use crate::data::period::Period;
use crate::data::plan::NewOrExisting;
use crate::diagnostic::{Diagnostic, SourceText};

/// The profiles built into the binary, oldest first.
pub const BUILT_IN: [(&str, &str); 5] = [
    ("2023-25", include_str!("profiles/2023-25.yaml")),
    ("2024-25", include_str!("profiles/2024-25.yaml")),
    ("2025-26", include_str!("profiles/2025-26.yaml")),
    (
        "2023-24-year-end",
        include_str!("profiles/2023-24-year-end.yaml"),
    ),
    (
        "2024-25-year-end",
        include_str!("profiles/2024-25-year-end.yaml"),
    ),
];

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// `2023-25`: used in file names (`plan-2023-25.yaml`).
    pub id: String,
    /// The template's own name, for messages.
    pub name: String,
    /// Text of the Cover sheet's title that says a workbook is this template.
    pub recognise: Vec<String>,
    pub years: Vec<Period>,
    pub plan: PlanNaming,
    pub cover: Option<CoverSheet>,
    /// The plan's sheets: both in a planning template, neither in a year-end one.
    pub income: Option<IncomeSheet>,
    pub expenditure: Option<ExpenditureSheet>,
    /// The year-end return's sheets, in a year-end template (whose year is `years`'
    /// only one, and whose plan is `plan.id`).
    pub year_end: Option<super::year_end::YearEndSheets>,
    pub metrics: Option<MetricsSheet>,
    /// The national conditions sheet, where the template has one.
    pub conditions: Option<ConditionsSheet>,
    /// The capacity and demand sheets, where the template has them.
    pub capacity: Option<super::capacity::CapacitySheets>,
    /// Each funding source the template's dropdowns name.
    pub sources: Vec<SourceChoice>,
    /// Commissioner texts that mean a joint commission.
    #[serde(default)]
    pub joint: Vec<String>,
    /// Dropdown text of "New/ Existing Scheme" → `new` or `existing`.
    #[serde(default)]
    pub new_or_existing: BTreeMap<String, NewOrExisting>,
    /// Labels of total rows ("Total").
    pub total: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanNaming {
    pub id: Id,
    /// `{area}` is replaced by the area named on the Cover sheet.
    pub title: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoverSheet {
    pub sheet: Vec<String>,
    /// Labels of the cell left of the area's name ("Health and Wellbeing Board:").
    pub area: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncomeSheet {
    pub sheet: Vec<String>,
    /// The label of the column naming the sources ("Funding Sources").
    pub label: Vec<String>,
    pub amounts: BTreeMap<Period, Vec<String>>,
}

/// The columns of the expenditure sheet: each a list of label variants.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpenditureSheet {
    pub sheet: Vec<String>,
    pub columns: BTreeMap<Field, Vec<String>>,
    pub amounts: BTreeMap<Period, Vec<String>>,
    #[serde(default)]
    pub outputs: BTreeMap<Period, Vec<String>>,
}

/// The fields of a scheme read from the expenditure sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    SchemeId,
    Name,
    Description,
    Type,
    SubType,
    AreaOfSpend,
    Commissioner,
    JointNhs,
    JointCouncil,
    Provider,
    Source,
    NewOrExisting,
    OutputUnit,
}

impl Field {
    /// Fields the sheet must have: without them a row is not a scheme.
    pub const REQUIRED: [Field; 2] = [Field::Name, Field::Source];
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricsSheet {
    pub sheet: Vec<String>,
    /// The label of the column naming the metric.
    pub label: Vec<String>,
    /// Target columns by period.
    pub targets: BTreeMap<Period, Vec<String>>,
    pub known: Vec<KnownMetric>,
}

/// The national conditions sheet: a column naming each condition, one saying whether
/// it is met, and one with the narrative.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionsSheet {
    pub sheet: Vec<String>,
    pub label: Vec<String>,
    pub status: Vec<String>,
    #[serde(default)]
    pub narrative: Vec<String>,
    /// The dropdown's words for each status ("Yes" → met).
    pub statuses: BTreeMap<String, crate::data::conditions::ConditionStatus>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownMetric {
    pub id: Id,
    pub name: String,
    pub plain_name: Option<String>,
    pub unit: String,
    pub better: String,
    /// The row labels the template uses for it.
    pub text: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceChoice {
    pub id: Id,
    pub name: String,
    /// The dropdown's words for it (and the income sheet's row labels).
    pub text: Vec<String>,
}

impl Profile {
    pub fn built_in(id: &str) -> Option<Profile> {
        BUILT_IN
            .iter()
            .find(|(name, _)| *name == id)
            .map(|(name, text)| {
                parse(&format!("(built-in profile) {name}.yaml"), text)
                    .expect("built-in profiles parse")
            })
    }

    pub fn all_built_in() -> Vec<Profile> {
        BUILT_IN
            .iter()
            .filter_map(|(id, _)| Profile::built_in(id))
            .collect()
    }

    /// The source a dropdown's text names.
    pub fn source(&self, text: &str) -> Option<&SourceChoice> {
        let key = normalise(text);
        self.sources.iter().find(|s| {
            s.text.iter().map(|t| normalise(t)).any(|t| t == key)
                || normalise(&s.name) == key
                || s.id.as_str() == key
        })
    }

    pub fn is_total(&self, text: &str) -> bool {
        let key = normalise(text);
        self.total.iter().any(|t| key == normalise(t))
    }
}

/// Reads a profile file; its errors point into it like any data document's.
pub fn parse(path: &str, text: &str) -> Result<Profile, Diagnostic> {
    let source = SourceText {
        path: path.into(),
        text: text.into(),
    };
    let p: Profile = crate::yaml::parse_document(&source)?;
    let plan = (p.income.is_some(), p.expenditure.is_some());
    let fits = match (&p.year_end, plan) {
        (None, (true, true)) => true,
        (Some(_), (false, false)) => p.years.len() == 1,
        _ => false,
    };
    if fits {
        Ok(p)
    } else {
        Err(Diagnostic::error(
            "import-unknown-profile",
            "a profile describes either a planning template (with both `income` and `expenditure`) or a year-end template (with `year_end` and one year under `years`)",
        )
        .in_file(path.to_string())
        .with_help("copy the nearest built-in profile and change what differs (see docs/import.md)"))
    }
}

/// Labels compared case- and whitespace-insensitively: `New/ Existing Scheme` and
/// `new/existing scheme` are one label.
pub fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && crate::yaml::invisible_name(*c).is_none())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_profile_parses_and_names_its_years() {
        let all = Profile::all_built_in();
        assert_eq!(all.len(), BUILT_IN.len());
        for p in &all {
            assert!(!p.years.is_empty(), "{}", p.id);
            if p.year_end.is_some() {
                assert_eq!(p.years.len(), 1, "{}", p.id);
                continue;
            }
            let (Some(income), Some(expenditure)) = (&p.income, &p.expenditure) else {
                panic!("{} has neither the plan's sheets nor year_end", p.id);
            };
            for y in &p.years {
                assert!(expenditure.amounts.contains_key(y), "{} {y}", p.id);
                assert!(income.amounts.contains_key(y), "{} {y}", p.id);
            }
            for f in Field::REQUIRED {
                assert!(expenditure.columns.contains_key(&f), "{} {f:?}", p.id);
            }
        }
    }

    #[test]
    fn a_profile_is_a_planning_or_a_year_end_one_never_both_nor_neither() {
        let year_end = BUILT_IN[3].1;
        let two_years = year_end.replace("years: [2023-24]", "years: [2023-24, 2024-25]");
        let (before, rest) = year_end.split_once("year_end:\n").unwrap();
        let neither = format!("{before}{}", &rest[rest.find("conditions:\n").unwrap()..]);
        for text in [two_years.as_str(), neither.as_str()] {
            let d = parse("p.yaml", text).expect_err("refused");
            assert_eq!(d.code, "import-unknown-profile");
        }
        parse("p.yaml", year_end).unwrap();
    }

    #[test]
    fn labels_compare_without_case_or_spaces() {
        assert_eq!(
            normalise("New/ Existing\nScheme"),
            normalise("new/existing scheme")
        );
        let p = Profile::built_in("2023-25").unwrap();
        assert_eq!(
            p.source("minimum nhs  contribution").unwrap().id.as_str(),
            "nhs-minimum"
        );
        assert!(p.is_total(" TOTAL "));
    }
}
