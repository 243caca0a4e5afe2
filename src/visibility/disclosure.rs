//! Statistical disclosure control for plans: can a reader work out a withheld amount
//! from what is published?
//!
//! (Over 500 lines for its tests: the code is under 450 lines; the tests give each
//! way an amount can be worked out, and each way out.)
//!
//! Withholding a record removes its row, but the figures around it stay. A plan
//! balances (the money paid in equals the money spent), so when every funding source
//! is published and one scheme is withheld, the funding sources' sum minus the
//! published schemes' sum is the withheld scheme's amount, to the pound. The same
//! holds for a withheld funding source, and for a plan's declared totals.
//!
//! The reader this module guards against knows, for each plan and year:
//!
//! - every published amount, and can add and subtract them (so hiding a total row
//!   would change nothing: the rows add up to it);
//! - the plan's declared `totals` (they come from a published paper), where they match
//!   the records to within one unit;
//! - that money in equals money spent, where the plan's own figures show that it
//!   does (to within one unit).
//!
//! Each of these is a linear equation over the withheld amounts. An amount is
//! *derivable* when the equations, added and subtracted, isolate it: its unit vector
//! lies in their row space. That is decided exactly, with integer elimination (the
//! coefficients are small integers; the amounts never enter the arithmetic).
//! A sum of two or more withheld amounts may be derivable: that is allowed, and the
//! plan page states it ("2 schemes withheld, together £X"), so that what a reader
//! could work out is said by the site, not found by accident.
//!
//! A record with `amount_public: true` keeps its amounts in the published totals (its
//! details stay withheld), so it is not an unknown at all.
//!
//! What this does not know: figures published elsewhere than in this plan (another
//! council's paper, a national return), and approximate disclosure beyond one unit.
//! docs/confidentiality.md says so. A year-end return's withheld lines are judged
//! the same way, with the same elimination, in `disclosure/year_end.rs`.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use crate::data::amount::Amount;
use crate::data::period::Period;
use crate::data::plan::Plan;
use crate::diagnostic::{Diagnostic, SourceText};

mod year_end;
pub use year_end::{QuarterSource, YearEndSum, examine_year_end};

/// Which side of a plan a record is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Side {
    Funding,
    Schemes,
}

impl Side {
    /// "funding source" / "scheme".
    pub fn noun(self) -> &'static str {
        match self {
            Side::Funding => "funding source",
            Side::Schemes => "scheme",
        }
    }

    fn plural(self) -> &'static str {
        match self {
            Side::Funding => "funding sources",
            Side::Schemes => "schemes",
        }
    }
}

/// A sum of withheld amounts that a reader can work out, which the plan page states.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DerivableSum {
    pub side: Side,
    pub year: Period,
    /// How many withheld records it adds up (two or more).
    pub count: usize,
    pub amount: Amount,
}

/// Amounts of withheld records marked `amount_public: true`: published, in one row
/// per side, without the records' details.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PublicAmounts {
    pub count: usize,
    pub amounts: BTreeMap<Period, Amount>,
}

/// What the rest of the build needs to know about a plan's withheld amounts.
#[derive(Clone, Debug, Default)]
pub struct PlanDisclosure {
    pub funding: PublicAmounts,
    pub schemes: PublicAmounts,
    pub sums: Vec<DerivableSum>,
}

/// One thing a reader knows: `Σ coefficient × withheld amount = a published figure`.
struct Equation {
    /// One coefficient per unknown of the year.
    coefficients: Vec<i64>,
    /// What a reader would use, in words, for the error.
    evidence: String,
}

/// A withheld amount for one year.
struct Unknown {
    side: Side,
    /// Index of the record on its side of the plan.
    index: usize,
    amount: Amount,
}

/// Examines a plan (with its confidential records still in it) for withheld amounts
/// a reader could work out. Returns an error per derivable amount, and what the pages
/// need: the amounts made public and the sums that may be stated.
pub fn examine(plan: &Plan, source: &SourceText) -> (Vec<Diagnostic>, PlanDisclosure) {
    let mut diags = Vec::new();
    let mut out = PlanDisclosure::default();
    for side in [Side::Funding, Side::Schemes] {
        for (i, (confidential, amount_public, _)) in records(plan, side).into_iter().enumerate() {
            if amount_public && !confidential {
                diags.push(
                    Diagnostic::error(
                        "amount-public-but-not-confidential",
                        format!(
                            "`amount_public` is set on a {} that is not confidential",
                            side.noun()
                        ),
                    )
                    .at(source, record_span(source, side, i))
                    .with_help("`amount_public: true` publishes the amounts of a confidential record; remove it, or add `confidential: true` if the record's details are confidential"),
                );
            }
        }
    }
    if plan.confidential {
        // Nothing of the plan is published, so nothing can be derived from it.
        return (diags, out);
    }
    for (side, public) in [
        (Side::Funding, &mut out.funding),
        (Side::Schemes, &mut out.schemes),
    ] {
        for (confidential, amount_public, amounts) in records(plan, side) {
            if confidential && amount_public {
                public.count += 1;
                for (y, a) in amounts {
                    let sum = public.amounts.get(y).copied().unwrap_or_default() + *a;
                    public.amounts.insert(*y, sum);
                }
            }
        }
    }

    let years: BTreeSet<Period> = plan
        .funding
        .iter()
        .flat_map(|f| f.amounts.keys())
        .chain(plan.schemes.iter().flat_map(|s| s.amounts.keys()))
        .copied()
        .collect();
    for year in years {
        let (unknowns, sums) = year_figures(plan, year);
        if unknowns.is_empty() {
            continue;
        }
        let equations = equations(plan, year, &unknowns, &sums);
        if equations.is_empty() {
            continue;
        }
        let matrix: Vec<Vec<i64>> = equations.iter().map(|e| e.coefficients.clone()).collect();
        let space = RowSpace::new(&matrix);
        let derivable = |v: Vec<i64>| space.contains(v);
        for (u, unknown) in unknowns.iter().enumerate() {
            let mut unit = vec![0; unknowns.len()];
            unit[u] = 1;
            if derivable(unit) {
                diags.push(derivable_error(plan, source, year, unknown, u, &equations));
            }
        }
        for side in [Side::Funding, Side::Schemes] {
            let on_side: Vec<i64> = unknowns.iter().map(|k| i64::from(k.side == side)).collect();
            let count = on_side.iter().filter(|c| **c == 1).count();
            if count >= 2 && derivable(on_side) {
                out.sums.push(DerivableSum {
                    side,
                    year,
                    count,
                    amount: unknowns
                        .iter()
                        .filter(|k| k.side == side)
                        .map(|k| k.amount)
                        .sum(),
                });
            }
        }
    }
    (diags, out)
}

/// (confidential, amount_public, amounts) of each record on one side.
fn records(plan: &Plan, side: Side) -> Vec<(bool, bool, &BTreeMap<Period, Amount>)> {
    match side {
        Side::Funding => plan
            .funding
            .iter()
            .map(|f| (f.confidential, f.amount_public, &f.amounts))
            .collect(),
        Side::Schemes => plan
            .schemes
            .iter()
            .map(|s| (s.confidential, s.amount_public, &s.amounts))
            .collect(),
    }
}

/// Sums of one year's amounts: what is published, and what is true.
struct YearSums {
    published: BTreeMap<Side, Amount>,
    all: BTreeMap<Side, Amount>,
    /// Whether the side has any amount at all for the year.
    present: BTreeMap<Side, bool>,
}

/// The withheld amounts of a year (the unknowns), and the year's sums.
fn year_figures(plan: &Plan, year: Period) -> (Vec<Unknown>, YearSums) {
    let mut unknowns = Vec::new();
    let mut sums = YearSums {
        published: BTreeMap::new(),
        all: BTreeMap::new(),
        present: BTreeMap::new(),
    };
    for side in [Side::Funding, Side::Schemes] {
        let mut published = Amount::ZERO;
        let mut all = Amount::ZERO;
        let mut present = false;
        for (index, (confidential, amount_public, amounts)) in
            records(plan, side).into_iter().enumerate()
        {
            let Some(&amount) = amounts.get(&year) else {
                continue;
            };
            present = true;
            all = all + amount;
            if confidential && !amount_public {
                unknowns.push(Unknown {
                    side,
                    index,
                    amount,
                });
            } else {
                published = published + amount;
            }
        }
        sums.published.insert(side, published);
        sums.all.insert(side, all);
        sums.present.insert(side, present);
    }
    (unknowns, sums)
}

/// Within one unit: close enough that a reader's subtraction gives the amount, to
/// the unit the plan is written in.
fn agrees(a: Amount, b: Amount) -> bool {
    (a.0 - b.0).abs() < Decimal::ONE
}

/// What a reader knows about the year's withheld amounts.
fn equations(plan: &Plan, year: Period, unknowns: &[Unknown], sums: &YearSums) -> Vec<Equation> {
    let money = |a: Amount| crate::data::format::money_exact(a, plan.units);
    let y = year.to_string();
    let on =
        |side: Side| -> Vec<i64> { unknowns.iter().map(|k| i64::from(k.side == side)).collect() };
    let mut out = Vec::new();
    let published = |side: Side| sums.published[&side];
    // Money in equals money spent, where the plan's figures show that it does.
    if sums.present[&Side::Funding]
        && sums.present[&Side::Schemes]
        && agrees(sums.all[&Side::Funding], sums.all[&Side::Schemes])
    {
        let coefficients = unknowns
            .iter()
            .map(|k| if k.side == Side::Funding { 1 } else { -1 })
            .collect();
        out.push(Equation {
            coefficients,
            evidence: format!(
                "the published funding sources for {y} add up to {} and the published schemes to {}, and the plan balances (the money paid in is the money spent)",
                money(published(Side::Funding)),
                money(published(Side::Schemes)),
            ),
        });
    }
    if let Some(totals) = &plan.totals {
        for (side, declared) in [
            (Side::Funding, totals.funding.as_ref()),
            (Side::Schemes, totals.schemes.as_ref()),
        ] {
            if let Some(d) = declared.and_then(|m| m.get(&year))
                && agrees(*d, sums.all[&side])
                && on(side).contains(&1)
            {
                out.push(Equation {
                    coefficients: on(side),
                    evidence: format!(
                        "the declared {} total for {y} is {} (from the paper) and the published {} add up to {}",
                        match side {
                            Side::Funding => "funding",
                            Side::Schemes => "schemes",
                        },
                        money(*d),
                        side.plural(),
                        money(published(side)),
                    ),
                });
            }
        }
    }
    out
}

fn derivable_error(
    plan: &Plan,
    source: &SourceText,
    year: Period,
    unknown: &Unknown,
    u: usize,
    equations: &[Equation],
) -> Diagnostic {
    // The id, not the name: build logs may be public, and the caret shows the line.
    let id = match unknown.side {
        Side::Funding => plan.funding[unknown.index].id.as_str(),
        Side::Schemes => plan.schemes[unknown.index].id.as_str(),
    };
    let mut d = Diagnostic::error(
        "derivable-withheld-amount",
        format!(
            "the amount of the withheld {} `{id}` for {year} can be worked out from published figures",
            unknown.side.noun()
        ),
    )
    .at(source, record_span(source, unknown.side, unknown.index))
    .hiding_the_line();
    for e in equations.iter().filter(|e| e.coefficients[u] != 0) {
        d = d.with_note(e.evidence.clone());
    }
    d.with_help(format!(
        "nothing was published. Either add `amount_public: true` to this {noun} if its amount may be published (its details stay confidential), or withhold another {noun} or a {other} with an amount for {year} too, so that only their sum can be worked out (the plan page then says what they come to together). Hiding a total would not help: a reader can add up the published rows",
        noun = unknown.side.noun(),
        other = match unknown.side {
            Side::Funding => Side::Schemes.noun(),
            Side::Schemes => Side::Funding.noun(),
        },
    ))
}

/// Where a record's `id` is written, for the caret: looked up by its place in the
/// plan (which still holds every record, so places are as in the file).
fn record_span(source: &SourceText, side: Side, index: usize) -> std::ops::Range<usize> {
    let list = match side {
        Side::Funding => "funding",
        Side::Schemes => "schemes",
    };
    crate::yaml::place(source, |root| {
        Some(root.get(list)?.item(index)?.get("id")?.span())
    })
}

/// What a set of equations, added and subtracted, can give: their rows reduced once
/// by the elimination below, so that each combination of unknowns asked about costs
/// one pass over them (a year-end return with hundreds of withheld figures asks
/// hundreds of times).
struct RowSpace {
    /// Each reduced row with its pivot column; every other row is zero there.
    rows: Vec<(usize, Vec<i64>)>,
}

impl RowSpace {
    fn new(matrix: &[Vec<i64>]) -> RowSpace {
        RowSpace {
            rows: reduce(matrix.to_vec()),
        }
    }

    /// Whether `v` is a sum of multiples of the rows: whether the equations, added
    /// and subtracted, give the combination of unknowns `v` names.
    fn contains(&self, mut v: Vec<i64>) -> bool {
        for (c, row) in &self.rows {
            if v[*c] != 0 {
                eliminate(&mut v, row, *c);
            }
        }
        v.iter().all(|x| *x == 0)
    }
}

/// `row`'s multiple taken from `v` so that `v` is zero in column `c` (fraction-free:
/// `v` is scaled by the pivot, then divided by its entries' common factor, which
/// keeps them small).
fn eliminate(v: &mut [i64], row: &[i64], c: usize) {
    let (p, f) = (row[c], v[c]);
    for (x, y) in v.iter_mut().zip(row) {
        *x = *x * p - y * f;
    }
    let g = v.iter().fold(0, |g, &x| gcd(g, x.abs()));
    if g > 1 {
        v.iter_mut().for_each(|x| *x /= g);
    }
}

/// An integer matrix reduced by fraction-free Gauss-Jordan elimination: its nonzero
/// rows, each with its pivot column, every other row zero in that column. The rows
/// are small integers (coefficients of 1 and -1), kept small by dividing out common
/// factors.
fn reduce(mut m: Vec<Vec<i64>>) -> Vec<(usize, Vec<i64>)> {
    let cols = m.first().map_or(0, Vec::len);
    let mut rank = 0;
    let mut pivots = Vec::new();
    for c in 0..cols {
        let Some(pivot) = (rank..m.len()).find(|&r| m[r][c] != 0) else {
            continue;
        };
        m.swap(rank, pivot);
        let pivot_row = m[rank].clone();
        for (r, row) in m.iter_mut().enumerate() {
            if r != rank && row[c] != 0 {
                eliminate(row, &pivot_row, c);
            }
        }
        pivots.push(c);
        rank += 1;
    }
    pivots.into_iter().zip(m).collect()
}

/// The rank of an integer matrix.
#[cfg(test)]
fn rank(m: Vec<Vec<i64>>) -> usize {
    reduce(m).len()
}

fn gcd(a: i64, b: i64) -> i64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(text: &str) -> (Plan, SourceText) {
        let source = SourceText {
            path: "content/data/plan.yaml".into(),
            text: text.into(),
        };
        let plan: Plan = crate::yaml::parse(&source, 0..text.len()).unwrap();
        (plan, source)
    }

    const HEAD: &str = "kind: plan\nid: p\ntitle: P\nyears: [2024-25]\nunits: pounds\n";

    fn examine_text(text: &str) -> (Vec<String>, PlanDisclosure) {
        let (p, s) = plan(&format!("{HEAD}{text}"));
        let (d, out) = examine(&p, &s);
        (d.into_iter().map(|d| d.code.to_string()).collect(), out)
    }

    #[test]
    fn a_row_space_holds_what_its_rows_add_up_to() {
        let space = RowSpace::new(&[vec![1, 1, 0], vec![1, -1, 0], vec![0, 0, 0]]);
        assert!(space.contains(vec![1, 0, 0]) && space.contains(vec![0, 1, 0]));
        assert!(space.contains(vec![3, -1, 0]) && space.contains(vec![0, 0, 0]));
        assert!(!space.contains(vec![0, 0, 1]) && !space.contains(vec![1, 0, 1]));
        let space = RowSpace::new(&[vec![1, 1, 1], vec![0, 1, 1]]);
        assert!(space.contains(vec![1, 0, 0]) && !space.contains(vec![0, 1, 0]));
        assert!(!RowSpace::new(&[]).contains(vec![1]) && RowSpace::new(&[]).contains(vec![]));
    }

    #[test]
    fn rank_of_small_matrices() {
        assert_eq!(rank(vec![]), 0);
        assert_eq!(rank(vec![vec![1, -1], vec![0, 1]]), 2);
        assert_eq!(rank(vec![vec![1, 1], vec![2, 2]]), 1);
        assert_eq!(rank(vec![vec![1, -1, -1], vec![0, 1, 1], vec![1, 0, 0]]), 2);
    }

    #[test]
    fn one_withheld_scheme_in_a_balanced_plan_is_derivable() {
        let (codes, _) = examine_text(
            "funding:\n  - {id: a, name: A, amounts: {2024-25: 150}}\nschemes:\n  - {id: s1, name: S1, amounts: {2024-25: 100}}\n  - {id: s2, name: Secret, confidential: true, amounts: {2024-25: 50}}\n",
        );
        assert_eq!(codes, ["derivable-withheld-amount"]);
    }

    #[test]
    fn a_plan_that_does_not_balance_gives_nothing_away() {
        let (codes, _) = examine_text(
            "funding:\n  - {id: a, name: A, amounts: {2024-25: 170}}\nschemes:\n  - {id: s1, name: S1, amounts: {2024-25: 100}}\n  - {id: s2, name: Secret, confidential: true, amounts: {2024-25: 50}}\n",
        );
        assert!(codes.is_empty());
    }

    #[test]
    fn a_withheld_funding_source_too() {
        let (codes, _) = examine_text(
            "funding:\n  - {id: a, name: A, amounts: {2024-25: 100}}\n  - {id: b, name: B, confidential: true, amounts: {2024-25: 50}}\nschemes:\n  - {id: s1, name: S1, amounts: {2024-25: 150}}\n",
        );
        assert_eq!(codes, ["derivable-withheld-amount"]);
    }

    #[test]
    fn two_withheld_together_give_only_their_sum() {
        let (codes, out) = examine_text(
            "funding:\n  - {id: a, name: A, amounts: {2024-25: 150}}\nschemes:\n  - {id: s1, name: S1, amounts: {2024-25: 100}}\n  - {id: s2, name: X, confidential: true, amounts: {2024-25: 30}}\n  - {id: s3, name: Y, confidential: true, amounts: {2024-25: 20}}\n",
        );
        assert!(codes.is_empty());
        assert_eq!(
            out.sums,
            [DerivableSum {
                side: Side::Schemes,
                year: Period::year(2024),
                count: 2,
                amount: Amount(Decimal::from(50)),
            }]
        );
    }

    #[test]
    fn one_on_each_side_gives_only_their_difference() {
        let (codes, out) = examine_text(
            "funding:\n  - {id: a, name: A, amounts: {2024-25: 100}}\n  - {id: b, name: B, confidential: true, amounts: {2024-25: 50}}\nschemes:\n  - {id: s1, name: S1, amounts: {2024-25: 120}}\n  - {id: s2, name: X, confidential: true, amounts: {2024-25: 30}}\n",
        );
        assert!(codes.is_empty());
        assert!(out.sums.is_empty());
    }

    #[test]
    fn declared_totals_are_known_to_readers() {
        // The plan does not balance, but the paper's scheme total gives it away.
        let (codes, _) = examine_text(
            "funding:\n  - {id: a, name: A, amounts: {2024-25: 170}}\nschemes:\n  - {id: s1, name: S1, amounts: {2024-25: 100}}\n  - {id: s2, name: Secret, confidential: true, amounts: {2024-25: 50}}\ntotals:\n  schemes: {2024-25: 150}\n",
        );
        assert_eq!(codes, ["derivable-withheld-amount"]);
        // One on each side, with both declared totals: each is isolated.
        let (codes, _) = examine_text(
            "funding:\n  - {id: a, name: A, amounts: {2024-25: 100}}\n  - {id: b, name: B, confidential: true, amounts: {2024-25: 50}}\nschemes:\n  - {id: s1, name: S1, amounts: {2024-25: 120}}\n  - {id: s2, name: X, confidential: true, amounts: {2024-25: 30}}\ntotals:\n  funding: {2024-25: 150}\n",
        );
        assert_eq!(
            codes,
            ["derivable-withheld-amount", "derivable-withheld-amount"]
        );
    }

    #[test]
    fn amount_public_is_not_an_unknown() {
        let (codes, out) = examine_text(
            "funding:\n  - {id: a, name: A, amounts: {2024-25: 150}}\nschemes:\n  - {id: s1, name: S1, amounts: {2024-25: 100}}\n  - {id: s2, name: Secret, confidential: true, amount_public: true, amounts: {2024-25: 50}}\n",
        );
        assert!(codes.is_empty());
        assert_eq!(out.schemes.count, 1);
        assert_eq!(out.schemes.amounts[&Period::year(2024)].to_string(), "50");
        let (codes, _) = examine_text(
            "schemes:\n  - {id: s1, name: S1, amount_public: true, amounts: {2024-25: 100}}\n",
        );
        assert_eq!(codes, ["amount-public-but-not-confidential"]);
    }

    #[test]
    fn a_year_only_the_withheld_record_covers() {
        let (codes, _) = examine_text(
            "funding:\n  - {id: a, name: A, amounts: {2024-25: 50}}\nschemes:\n  - {id: s2, name: Secret, confidential: true, amounts: {2024-25: 50}}\n",
        );
        assert_eq!(codes, ["derivable-withheld-amount"]);
    }

    #[test]
    fn the_error_points_at_the_record_and_names_the_evidence() {
        let (p, s) = plan(&format!(
            "{HEAD}funding:\n  - {{id: a, name: A, amounts: {{2024-25: 150000}}}}\nschemes:\n  - id: s1\n    name: S1\n    amounts: {{2024-25: 108923}}\n  - id: s2\n    name: Secret\n    confidential: true\n    amounts: {{2024-25: 41077}}\n"
        ));
        let (d, _) = examine(&p, &s);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].line_column(), Some((12, 9)));
        assert!(d[0].notes[0].contains("£150,000"), "{:?}", d[0].notes);
        assert!(d[0].notes[0].contains("£108,923"));
        // The withheld amount itself is never printed (CI logs may be public).
        let all = format!("{} {:?} {:?}", d[0].message, d[0].notes, d[0].help);
        assert!(!all.contains("41,077") && !all.contains("41077"), "{all}");
    }
}
