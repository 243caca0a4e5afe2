//! `kind: plan`: funding sources and schemes, with amounts by financial year.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Id;
use super::amount::Amount;
use super::format::Units;
use super::period::Period;
use crate::diagnostic::{Diagnostic, SourceText, did_you_mean};

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    #[allow(dead_code)]
    kind: String,
    pub id: Id,
    pub title: String,
    pub summary: Option<String>,
    pub years: Vec<Period>,
    pub units: Units,
    /// The whole plan is withheld from public builds.
    #[serde(default)]
    pub confidential: bool,
    /// Amounts are illustrative, not taken from a published paper; pages say so.
    #[serde(default)]
    pub illustrative: bool,
    /// When the record was last changed, and what changed (`src/content/history.rs`).
    pub updated: Option<crate::content::front_matter::Date>,
    #[serde(default)]
    pub changes: Vec<crate::content::history::Change>,
    #[serde(default)]
    pub funding: Vec<Funding>,
    #[serde(default)]
    pub schemes: Vec<Scheme>,
    pub totals: Option<Totals>,
    /// Ring-fenced minimums of the NHS contribution (see [`super::minimums`]).
    pub minimums: Option<super::minimums::Minimums>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    pub id: Id,
    pub name: String,
    /// When the record was last changed, and what changed (`src/content/history.rs`).
    pub updated: Option<crate::content::front_matter::Date>,
    #[serde(default)]
    pub changes: Vec<crate::content::history::Change>,
    pub description: Option<String>,
    #[serde(default)]
    pub amounts: BTreeMap<Period, Amount>,
    #[serde(default)]
    pub confidential: bool,
    /// On a confidential record: its amounts may be published (they are in a
    /// published plan), though its details may not. They then count in the totals.
    #[serde(default)]
    pub amount_public: bool,
    #[serde(default)]
    pub illustrative: bool,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scheme {
    pub id: Id,
    pub name: String,
    /// When the record was last changed, and what changed (`src/content/history.rs`).
    pub updated: Option<crate::content::front_matter::Date>,
    #[serde(default)]
    pub changes: Vec<crate::content::history::Change>,
    pub description: Option<String>,
    /// The national scheme type.
    #[serde(rename = "type")]
    pub scheme_type: Option<String>,
    pub commissioner: Option<String>,
    /// The funding stream's short name as the area writes it (BCF, iBCF, DFG, ...).
    pub fund: Option<String>,
    /// The scheme's amounts by year. With funding lines, their sum (filled in by
    /// [`settle`] when left out; an error when given and different).
    #[serde(default)]
    pub amounts: BTreeMap<Period, Amount>,
    /// The national template's sub-type of `type`.
    pub sub_type: Option<String>,
    /// The template's area of spend (social care, community health, ...).
    pub area_of_spend: Option<String>,
    /// Who delivers the scheme.
    pub provider: Option<String>,
    /// Planned output by year, counted in `output_unit`.
    #[serde(default)]
    pub outputs: BTreeMap<Period, Amount>,
    /// What `outputs` counts ("call-outs", "packages of care").
    pub output_unit: Option<String>,
    pub new_or_existing: Option<NewOrExisting>,
    /// The NHS and council shares of a jointly commissioned scheme.
    pub joint: Option<Joint>,
    /// One line per source of funding (the template gives one row per scheme per source).
    #[serde(default, rename = "funding")]
    pub funding_lines: Vec<FundingLine>,
    /// The ring-fenced minimum the scheme's spending counts towards.
    pub counts_towards: Option<super::minimums::Minimum>,
    #[serde(default)]
    pub confidential: bool,
    /// On a confidential record: its amounts may be published (they are in a
    /// published plan), though its details may not. They then count in the totals.
    #[serde(default)]
    pub amount_public: bool,
    #[serde(default)]
    pub illustrative: bool,
}

/// Whether the scheme is new in this plan or carried on from an earlier one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NewOrExisting {
    New,
    Existing,
}

impl NewOrExisting {
    pub fn as_str(self) -> &'static str {
        match self {
            NewOrExisting::New => "new",
            NewOrExisting::Existing => "existing",
        }
    }
}

/// Percentage shares of a jointly commissioned scheme; they add up to 100.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Joint {
    pub nhs: Amount,
    pub council: Amount,
}

/// The part of a scheme paid from one of the plan's funding sources.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FundingLine {
    /// The `id` of a funding source of the same plan.
    pub source: Id,
    #[serde(default)]
    pub amounts: BTreeMap<Period, Amount>,
}

/// Totals as the source paper declares them; bcfsite reconciles them with the sums.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Totals {
    pub funding: Option<BTreeMap<Period, Amount>>,
    pub schemes: Option<BTreeMap<Period, Amount>>,
}

/// Sums amounts per year over records.
pub fn sum_by_year<'a>(
    amounts: impl IntoIterator<Item = &'a BTreeMap<Period, Amount>>,
) -> BTreeMap<Period, Amount> {
    let mut totals: BTreeMap<Period, Amount> = BTreeMap::new();
    for map in amounts {
        for (period, amount) in map {
            *totals.entry(*period).or_default() =
                totals.get(period).copied().unwrap_or_default() + *amount;
        }
    }
    totals
}

/// Reconciles declared totals with the sums of all the plan's records (confidential
/// ones included: the paper's totals include them). A difference is a warning giving
/// both figures; within one unit it is probably rounding, and the message says so.
pub fn reconcile_totals(
    plan: &Plan,
    source: &crate::diagnostic::SourceText,
) -> Vec<crate::diagnostic::Diagnostic> {
    use crate::data::format::grouped;
    use crate::diagnostic::Diagnostic;
    let Some(totals) = &plan.totals else {
        return Vec::new();
    };
    let mut out = Vec::new();
    // A withheld record's amount (unless it is published anyway) is in the sum; the
    // sum less the published records would give it away in a build log.
    let checks = [
        (
            "funding",
            "funding sources",
            totals.funding.as_ref(),
            sum_by_year(plan.funding.iter().map(|f| &f.amounts)),
            plan.funding
                .iter()
                .filter(|f| f.confidential && !f.amount_public)
                .map(|f| &f.amounts)
                .collect::<Vec<_>>(),
        ),
        (
            "schemes",
            "schemes",
            totals.schemes.as_ref(),
            sum_by_year(plan.schemes.iter().map(|s| &s.amounts)),
            plan.schemes
                .iter()
                .filter(|s| s.confidential && !s.amount_public)
                .map(|s| &s.amounts)
                .collect::<Vec<_>>(),
        ),
    ];
    for (what, records, declared, sums, withheld) in checks {
        let Some(declared) = declared else { continue };
        for (year, stated) in declared {
            let withheld = withheld.iter().filter(|a| a.contains_key(year)).count();
            let sum = sums.get(year).copied().unwrap_or_default();
            if sum == *stated {
                continue;
            }
            let diff = stated.0 - sum.0;
            let rounding = diff.abs() < rust_decimal::Decimal::ONE;
            // The year's key under `totals.funding` or `totals.schemes`.
            let span = crate::yaml::place(source, |root| {
                root.get("totals")?
                    .get(what)?
                    .get_where(|k| Period::parse(k) == Some(*year))?
                    .key_span()
            });
            let message = if withheld > 0 {
                format!(
                    "the declared {what} total for {year} is {}, but the {records} (with {withheld} withheld) add up to a different figure",
                    grouped(stated.0),
                )
            } else {
                format!(
                    "the declared {what} total for {year} is {} but the {records} add up to {} (a difference of {})",
                    grouped(stated.0),
                    grouped(sum.0),
                    crate::data::format::money_exact(Amount(diff), plan.units),
                )
            };
            let mut d = Diagnostic::warning("total-differs", message).at(source, span);
            d = if rounding {
                d.with_help("the difference is less than one unit, so it is probably rounding in the source paper; pages show the sum of the records")
            } else {
                d.with_help("check each amount against the paper; pages show the sum of the records, not the declared total")
            };
            out.push(d);
        }
    }
    out
}

/// Checks what serde cannot see in a plan's schemes, and fills in each scheme's
/// amounts from its funding lines where it gave none: a scheme's `amounts` are
/// always its total per year, so totals, disclosure and downloads need not know
/// about lines. Every problem found is returned, in the order of the file.
pub fn settle(plan: &mut Plan, source: &SourceText) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = super::minimums::settle(plan, source).into_iter().collect();
    let funding: Vec<(&str, bool)> = plan
        .funding
        .iter()
        .map(|f| (f.id.as_str(), f.confidential))
        .collect();
    for scheme in &mut plan.schemes {
        if let Some(joint) = scheme.joint
            && joint.nhs.0 + joint.council.0 != rust_decimal::Decimal::ONE_HUNDRED
        {
            out.push(joint_not_100(scheme, joint, source));
        }
        out.extend(check_lines(scheme, &funding, plan.confidential, source));
        if scheme.funding_lines.is_empty() {
            continue;
        }
        let sum = sum_by_year(scheme.funding_lines.iter().map(|l| &l.amounts));
        if scheme.amounts.is_empty() {
            scheme.amounts = sum;
        } else if scheme.amounts != sum {
            out.push(lines_differ(scheme, &sum, source));
        }
    }
    out
}

fn joint_not_100(scheme: &Scheme, joint: Joint, source: &SourceText) -> Diagnostic {
    Diagnostic::error(
        "joint-not-100",
        format!(
            "the shares of `{}` add up to {}%, not 100%",
            scheme.id,
            joint.nhs.0 + joint.council.0
        ),
    )
    .at(source, span_in_scheme(source, &scheme.id, "joint"))
    .with_help(format!(
        "`joint` gives the NHS and council percentages of a jointly commissioned scheme; with nhs: {}, write council: {}",
        joint.nhs,
        rust_decimal::Decimal::ONE_HUNDRED - joint.nhs.0
    ))
}

/// Each funding line names a funding source of the plan, once; a published scheme
/// cannot show a line from a withheld source (its name and share would show).
fn check_lines(
    scheme: &Scheme,
    funding: &[(&str, bool)],
    plan_confidential: bool,
    source: &SourceText,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for line in &scheme.funding_lines {
        let id = line.source.as_str();
        // Found only when needed: searching the text for every line is quadratic.
        let span = || span_in_scheme(source, &scheme.id, &format!("source: {id}"));
        match funding.iter().find(|(f, _)| *f == id) {
            None => {
                let help = match did_you_mean(id, funding.iter().map(|(f, _)| *f)) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None if funding.is_empty() => {
                        "list the plan's funding sources under `funding:` first".into()
                    }
                    None => format!(
                        "use the id of one of the plan's funding sources: {}",
                        funding.iter().map(|(f, _)| *f).collect::<Vec<_>>().join(", ")
                    ),
                };
                out.push(
                    Diagnostic::error(
                        "unknown-funding-source",
                        format!("the plan has no funding source with the id `{id}`"),
                    )
                    .at(source, span())
                    .with_help(help),
                );
            }
            Some((_, true)) if !scheme.confidential && !plan_confidential => out.push(
                Diagnostic::error(
                    "confidential-funding-line",
                    format!(
                        "the published scheme `{}` has a funding line from the confidential funding source `{id}`",
                        scheme.id
                    ),
                )
                .at(source, span())
                .with_help("a published scheme's page shows each funding line; mark the scheme `confidential: true` too, or publish the funding source"),
            ),
            Some(_) => {}
        }
        if seen.contains(&id) {
            out.push(
                Diagnostic::error(
                    "duplicate-funding-line",
                    format!("`{}` has two funding lines from `{id}`", scheme.id),
                )
                .at(source, span())
                .with_help("give one line per source, with the amounts added together"),
            );
        }
        seen.push(id);
    }
    out
}

fn lines_differ(
    scheme: &Scheme,
    sum: &BTreeMap<Period, Amount>,
    source: &SourceText,
) -> Diagnostic {
    let years: Vec<Period> = scheme.amounts.keys().chain(sum.keys()).copied().collect();
    let year = years
        .into_iter()
        .find(|y| scheme.amounts.get(y) != sum.get(y))
        .unwrap_or_else(|| Period::year(0));
    let show = |a: Option<&Amount>| a.map_or_else(|| "nothing".to_string(), |a| a.to_string());
    Diagnostic::error(
        "funding-lines-differ",
        format!(
            "`{}` gives {} for {year} in `amounts`, but its funding lines add up to {}",
            scheme.id,
            show(scheme.amounts.get(&year)),
            show(sum.get(&year))
        ),
    )
    .at(source, span_in_scheme(source, &scheme.id, "amounts"))
    .with_help("a scheme's amounts are the sum of its funding lines; correct the figures, or leave `amounts` out and bcfsite adds the lines up")
}

/// The byte range of `needle` inside the record of scheme `id` (or the record's
/// `id` if the needle is not found there), for errors found after parsing.
fn span_in_scheme(source: &SourceText, id: &Id, needle: &str) -> std::ops::Range<usize> {
    let text = &source.text;
    let from = text.find("\nschemes:").unwrap_or(0);
    let id_at = ["\n", ",", "}", " "]
        .iter()
        .filter_map(|end| text[from..].find(&format!("id: {id}{end}")))
        .min()
        .map(|i| from + i);
    let Some(start) = id_at else { return 0..0 };
    let id_span = start + 4..start + 4 + id.as_str().len();
    // The record ends where the next one in the list starts.
    let end = text[start..]
        .find("\n  - ")
        .map_or(text.len(), |i| start + i);
    text[start..end]
        .find(needle)
        .map_or(id_span, |i| start + i..start + i + needle.len())
}
