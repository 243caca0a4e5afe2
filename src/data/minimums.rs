//! Ring-fenced minimums: the least a plan must spend, from the NHS minimum
//! contribution, on adult social care and on NHS-commissioned out-of-hospital
//! services. The plan declares them (`minimums:`), each scheme says which it counts
//! towards (`counts_towards:`), and `check` warns where the schemes fall short.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Id;
use super::amount::Amount;
use super::format::money_exact;
use super::period::Period;
use super::plan::{Plan, Scheme};
use crate::diagnostic::{Diagnostic, SourceText, did_you_mean};

/// The plan's minimums, as the national template's "Minimum Required Spend" gives them.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Minimums {
    /// The funding source they are spent from (the NHS minimum contribution): where
    /// a scheme has funding lines, only its line from this source counts.
    pub source: Option<Id>,
    /// "Adult Social Care services spend from the minimum ICB allocations".
    #[serde(default)]
    pub adult_social_care: BTreeMap<Period, Amount>,
    /// "NHS Commissioned Out of Hospital spend from the minimum ICB allocation".
    #[serde(default)]
    pub out_of_hospital: BTreeMap<Period, Amount>,
}

/// Which minimum a scheme's spending counts towards.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Minimum {
    AdultSocialCare,
    OutOfHospital,
}

impl Minimum {
    pub const ALL: [Minimum; 2] = [Minimum::AdultSocialCare, Minimum::OutOfHospital];

    /// The key, in `minimums:` and `counts_towards:`.
    pub fn key(self) -> &'static str {
        match self {
            Minimum::AdultSocialCare => "adult_social_care",
            Minimum::OutOfHospital => "out_of_hospital",
        }
    }

    /// In a sentence: "the minimum NHS contribution to adult social care".
    pub fn words(self) -> &'static str {
        match self {
            Minimum::AdultSocialCare => "the minimum NHS contribution to adult social care",
            Minimum::OutOfHospital => {
                "the minimum spend on NHS-commissioned out-of-hospital services"
            }
        }
    }

    /// For a table row: "Adult social care (from the NHS minimum contribution)".
    pub fn label(self) -> &'static str {
        match self {
            Minimum::AdultSocialCare => "Adult social care, from the NHS minimum contribution",
            Minimum::OutOfHospital => {
                "NHS-commissioned out-of-hospital services, from the NHS minimum contribution"
            }
        }
    }
}

impl Minimums {
    pub fn of(&self, which: Minimum) -> &BTreeMap<Period, Amount> {
        match which {
            Minimum::AdultSocialCare => &self.adult_social_care,
            Minimum::OutOfHospital => &self.out_of_hospital,
        }
    }
}

/// What a scheme counts towards a minimum in a year: its line from the minimums'
/// source where it has lines, otherwise its amount.
pub fn counted(scheme: &Scheme, source: Option<&Id>, year: Period) -> Amount {
    match source {
        Some(source) if !scheme.funding_lines.is_empty() => scheme
            .funding_lines
            .iter()
            .filter(|l| &l.source == source)
            .filter_map(|l| l.amounts.get(&year))
            .copied()
            .sum(),
        _ => scheme.amounts.get(&year).copied().unwrap_or_default(),
    }
}

/// The minimums' `source` is one of the plan's funding sources.
pub fn settle(plan: &Plan, source: &SourceText) -> Option<Diagnostic> {
    let id = plan.minimums.as_ref()?.source.as_ref()?;
    let ids = plan.funding.iter().map(|f| f.id.as_str());
    if plan.funding.iter().any(|f| &f.id == id) {
        return None;
    }
    let help = match did_you_mean(id.as_str(), ids) {
        Some(near) => format!("did you mean `{near}`?"),
        None => "name the plan's funding source for the NHS minimum contribution".into(),
    };
    Some(
        Diagnostic::error(
            "unknown-funding-source",
            format!("the plan has no funding source with the id `{id}`"),
        )
        .at(
            source,
            crate::yaml::place(source, |r| Some(r.get("minimums")?.get("source")?.span())),
        )
        .with_help(help),
    )
}

/// A warning for each year whose schemes counted towards a minimum come to less than
/// it, naming the shortfall in pounds. Every scheme counts, confidential ones too:
/// the minimum is met by the plan as submitted, not by what the site publishes.
pub fn shortfalls(plan: &Plan, source: &SourceText) -> Vec<Diagnostic> {
    let Some(minimums) = &plan.minimums else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for which in Minimum::ALL {
        for (year, required) in minimums.of(which) {
            let schemes: Vec<&Scheme> = plan
                .schemes
                .iter()
                .filter(|s| s.counts_towards == Some(which))
                .collect();
            let assigned: Amount = schemes
                .iter()
                .map(|s| counted(s, minimums.source.as_ref(), *year))
                .sum();
            if assigned >= *required {
                continue;
            }
            let short = Amount(required.0 - assigned.0);
            let money = |a: Amount| money_exact(a, plan.units);
            let span = crate::yaml::place(source, |r| {
                r.get("minimums")?
                    .get(which.key())?
                    .get_where(|k| Period::parse(k) == Some(*year))?
                    .key_span()
            });
            // A withheld scheme's amount is in the sum: the sum (or the shortfall)
            // less the published schemes would give it away in a build log.
            let withheld = schemes
                .iter()
                .filter(|s| s.confidential && !s.amount_public)
                .count();
            let message = if schemes.is_empty() {
                format!(
                    "no scheme counts towards {} of {} for {}",
                    which.words(),
                    money(*required),
                    year.short_label()
                )
            } else if withheld > 0 {
                format!(
                    "the schemes counted towards {} (with {withheld} withheld) come to less than the minimum of {} for {}",
                    which.words(),
                    money(*required),
                    year.short_label()
                )
            } else {
                format!(
                    "the schemes counted towards {} come to {} for {}, {} short of the minimum of {}",
                    which.words(),
                    money(assigned),
                    year.short_label(),
                    money(short),
                    money(*required)
                )
            };
            out.push(
                Diagnostic::warning("minimum-short", message)
                    .at(source, span)
                    .with_help(format!(
                        "mark each scheme that counts towards it with `counts_towards: {}`, and check their amounts{}",
                        which.key(),
                        if minimums.source.is_some() {
                            " (where a scheme has funding lines, only its line from the minimums' `source` counts)"
                        } else {
                            ""
                        }
                    )),
            );
        }
    }
    out
}
