//! Statistical disclosure control for year-end returns: can a reader work out a
//! withheld line's figures from what the return's page publishes?
//!
//! (Over 500 lines for its tests: the code is under 500 lines; the tests give each
//! way a figure can be worked out, and each way out.)
//!
//! A year-end return (`src/data/year_end.rs`) gives, for each funding source, the
//! income planned and received, and for each scheme the spending planned and made.
//! Withholding a line removes its row; the page's totals add up the published lines
//! only. The reader this guards against knows, for the return's year:
//!
//! - every published line's planned and actual figures, and can add and subtract them
//!   (so the page's totals add nothing: the rows add up to them);
//! - the return's declared `totals`, where they match its lines to within one unit.
//!   bcfsite never shows them, but the return they come from is an appendix to a
//!   published board paper, as the plan is, so they are treated as the plan's
//!   declared totals are: as known;
//! - that the money that came in is the money spent, where the return's own actual
//!   figures show that it is (to within one unit). A return need not balance (an
//!   underspend is carried forward), so this is known only where it does;
//! - that a scheme's year is its four quarters: where the plan's four quarterly
//!   returns for the year each give the scheme's actual spend and they add up to the
//!   year-end actual (to within one unit), so that four published quarters give a
//!   withheld year-end line away, and a published line and three quarters a withheld
//!   quarter's entry (reported in the quarter's file).
//!
//! A withheld line's *planned* figure is the plan's amount for that funding source
//! or scheme and year (`year-end-planned-differs` warns where the return says
//! otherwise). Where the plan's record is published, the plan's page shows that
//! amount already: it is not an unknown here and is not reported. Where the plan
//! withholds the record too, the plan's own equations judge it
//! (`super::examine`); this module adds the one equation the return brings, its
//! declared planned total.
//!
//! The *actual* figures (and withheld quarterly actuals tied to them) are the
//! unknowns: two systems of equations (actual, and the
//! planned figures not already public), each decided with the plan's exact integer
//! elimination (`super::RowSpace`). One figure isolated is an error naming the
//! line by id and the published figures, never the figure.
//!
//! There is no `amount_public` for a year-end line: a line is its figures and a
//! note, so a line whose figures may be published is published (with the note left
//! out if that was what was confidential); and a line about a record the plan
//! withholds must be withheld itself (`quarter-names-confidential`).

use rust_decimal::Decimal;

use crate::data::amount::Amount;
use crate::data::format::{Units, money_exact};
use crate::data::period::Period;
use crate::data::plan::Plan;
use crate::data::quarter::Quarter;
use crate::data::year_end::{Outturn, Side, YearEnd};
use crate::diagnostic::{Diagnostic, SourceText};

/// Which figure of a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Figure {
    Planned,
    Actual,
}

impl Figure {
    fn word(self) -> &'static str {
        match self {
            Figure::Planned => "planned",
            Figure::Actual => "actual",
        }
    }
}

/// A withheld figure: one line's planned or actual figure, or a quarter's actual
/// spend on a scheme (`quarter` is its place in the quarters given).
struct Unknown<'a> {
    side: Side,
    id: &'a str,
    quarter: Option<usize>,
}

/// A quarterly return of the year-end return's plan and year, as the parse gave it
/// (its confidential entries still in it), and its file.
pub type QuarterSource<'a> = (&'a Quarter, &'a SourceText);

/// One thing a reader knows: `Σ coefficient × withheld figure = a published figure`.
struct Equation {
    coefficients: Vec<i64>,
    evidence: String,
    /// A scheme's quarterly spends adding up to its year's.
    quarterly: bool,
}

/// A sum of two or more withheld lines' figures that a reader can work out (the
/// return balances, say, so the withheld spending is the income less the published
/// spending): the return's page states it, as a plan's page states its own
/// ([`super::DerivableSum`]), so what can be worked out is said, not found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct YearEndSum {
    /// "funding source" or "scheme".
    pub record: &'static str,
    /// "income" or "spending".
    pub money: &'static str,
    /// "planned" or "actual".
    pub figure: &'static str,
    pub count: usize,
    /// In the plan's units.
    pub amount: Amount,
}

/// Examines a year-end return (with its confidential lines still in it) for withheld
/// figures a reader could work out. `plan` is the plan it names, with its
/// confidential records still in it, where there is one; `quarters` are that plan's
/// quarterly returns (any year: those of the return's year are used).
pub fn examine_year_end(
    y: &YearEnd,
    plan: Option<&Plan>,
    quarters: &[QuarterSource],
    source: &SourceText,
) -> (Vec<Diagnostic>, Vec<YearEndSum>) {
    if y.confidential {
        // Nothing of the return is published.
        return (Vec::new(), Vec::new());
    }
    let units = plan.map_or(Units::Pounds, |p| p.units);
    // Each file's spans are read once, for however many errors point into it.
    let places = Places::new(source);
    let quarter_places: Vec<Places> = quarters.iter().map(|(_, s)| Places::new(s)).collect();
    let mut out = Vec::new();
    let mut stated = Vec::new();
    for figure in [Figure::Actual, Figure::Planned] {
        let value = |side: Side, id: &str, line: &Outturn| match figure {
            Figure::Actual => line.actual,
            Figure::Planned => planned(plan, y.year, side, id, line),
        };
        // Known already, so not an unknown: a planned figure the plan publishes.
        let public = |side: Side, id: &str, line: &Outturn| {
            !line.confidential
                || (figure == Figure::Planned && plan_publishes(plan, y.year, side, id, line))
        };
        let mut unknowns = Vec::new();
        let mut sums = [Sums::default(), Sums::default()];
        for (s, side) in Side::BOTH.into_iter().enumerate() {
            for (id, line) in side.lines(y) {
                let Some(v) = value(side, id.as_str(), line) else {
                    continue;
                };
                sums[s].present = true;
                sums[s].all = sums[s].all + v;
                if public(side, id.as_str(), line) {
                    sums[s].published = sums[s].published + v;
                } else {
                    sums[s].withheld = sums[s].withheld + v;
                    unknowns.push(Unknown {
                        side,
                        id: id.as_str(),
                        quarter: None,
                    });
                }
            }
        }
        // A scheme's four quarterly spends add up to its year's, where they do.
        let identities = if figure == Figure::Actual {
            quarterly(y, quarters, &mut unknowns)
        } else {
            Vec::new()
        };
        if unknowns.is_empty() {
            continue;
        }
        let mut equations = equations(y, figure, &unknowns, &sums, units);
        equations.extend(
            identities
                .into_iter()
                .map(|i| i.equation(y, &unknowns, units)),
        );
        let matrix: Vec<Vec<i64>> = equations.iter().map(|e| e.coefficients.clone()).collect();
        let space = super::RowSpace::new(&matrix);
        for (u, unknown) in unknowns.iter().enumerate() {
            let mut unit = vec![0; unknowns.len()];
            unit[u] = 1;
            if space.contains(unit) {
                out.push(match unknown.quarter {
                    None => derivable_error(y, &places, figure, unknown, u, &equations),
                    Some(q) => {
                        quarter_error(quarters[q].0, &quarter_places[q], unknown, u, &equations)
                    }
                });
            }
        }
        for (s, side) in Side::BOTH.into_iter().enumerate() {
            let on_side: Vec<i64> = unknowns
                .iter()
                .map(|k| i64::from(k.side == side && k.quarter.is_none()))
                .collect();
            let count = on_side.iter().filter(|c| **c == 1).count();
            if count >= 2 && space.contains(on_side) {
                stated.push(YearEndSum {
                    record: side.record(),
                    money: side.money(),
                    figure: figure.word(),
                    count,
                    amount: sums[s].withheld,
                });
            }
        }
    }
    (out, stated)
}

/// A scheme whose year-end actual is the sum of its four quarterly actuals (to within
/// one unit), with the figures a reader sees.
struct Identity<'a> {
    id: &'a str,
    /// The year-end line's actual, where it is published.
    year: Option<Amount>,
    /// The published quarters' actuals added up.
    quarters_published: Amount,
}

impl Identity<'_> {
    /// `year-end actual − Σ quarterly actuals = 0`, over the unknowns.
    fn equation(&self, y: &YearEnd, unknowns: &[Unknown], units: Units) -> Equation {
        let money = |a: Amount| money_exact(a, units);
        Equation {
            coefficients: unknowns
                .iter()
                .map(|k| match (k.side, k.quarter) {
                    (Side::Expenditure, None) if k.id == self.id => 1,
                    (_, Some(_)) if k.id == self.id => -1,
                    _ => 0,
                })
                .collect(),
            evidence: format!(
                "the published quarterly returns for {} give actual spending on `{}` adding up to {}{}, and the four quarters' spending is the year's",
                y.year,
                self.id,
                money(self.quarters_published),
                match self.year {
                    Some(a) => format!(" and the year-end return gives {}", money(a)),
                    None => String::new(),
                },
            ),
            quarterly: true,
        }
    }
}

/// The schemes whose four quarterly actuals add up to their year-end actual; the
/// withheld quarterly figures among them are added to the unknowns.
fn quarterly<'a>(
    y: &'a YearEnd,
    quarters: &[QuarterSource<'a>],
    unknowns: &mut Vec<Unknown<'a>>,
) -> Vec<Identity<'a>> {
    let mut out = Vec::new();
    for (id, line) in &y.expenditure {
        let Some(actual) = line.actual else { continue };
        // Each quarter of the year, once, with its actual spend on the scheme.
        let found: Vec<(usize, bool, Amount)> = (1..=4)
            .filter_map(|n| {
                let period = Period::quarter_of(y.year.start_year(), n);
                let mut of = quarters
                    .iter()
                    .enumerate()
                    .filter(|(_, (q, _))| q.period == period);
                let (i, (q, _)) = of.next()?;
                if of.next().is_some() {
                    return None;
                }
                let spend = q.spend.get(id)?;
                Some((i, q.confidential || spend.confidential, spend.actual?))
            })
            .collect();
        if found.len() != 4 {
            continue;
        }
        let sum: Amount = found.iter().map(|(_, _, a)| *a).sum();
        let withheld_here = line.confidential || found.iter().any(|(_, w, _)| *w);
        if !agrees(sum, actual) || !withheld_here {
            continue;
        }
        for (i, withheld, _) in &found {
            if *withheld {
                unknowns.push(Unknown {
                    side: Side::Expenditure,
                    id: id.as_str(),
                    quarter: Some(*i),
                });
            }
        }
        out.push(Identity {
            id: id.as_str(),
            year: (!line.confidential).then_some(actual),
            quarters_published: found
                .iter()
                .filter(|(_, w, _)| !w)
                .map(|(_, _, a)| *a)
                .sum(),
        });
    }
    out
}

/// Where things are written in a file, for the errors' positions: its spans, read
/// when the first error needs them and kept for the rest.
struct Places<'a> {
    source: &'a SourceText,
    spans: std::cell::OnceCell<Option<crate::yaml::Spans>>,
}

impl<'a> Places<'a> {
    fn new(source: &'a SourceText) -> Self {
        Places {
            source,
            spans: std::cell::OnceCell::new(),
        }
    }

    fn find(
        &self,
        find: impl FnOnce(crate::yaml::At) -> Option<std::ops::Range<usize>>,
    ) -> std::ops::Range<usize> {
        self.spans
            .get_or_init(|| crate::yaml::spans(self.source, 0..self.source.text.len()))
            .as_ref()
            .and_then(|spans| find(spans.root()))
            .unwrap_or(0..0)
    }
}

/// A quarter's withheld spend on a scheme that the year-end return gives away.
fn quarter_error(
    q: &Quarter,
    places: &Places,
    unknown: &Unknown,
    u: usize,
    equations: &[Equation],
) -> Diagnostic {
    let id = unknown.id;
    let at = places.find(|r| r.get("spend")?.get(id)?.key_span());
    let mut d = Diagnostic::error(
        "derivable-withheld-amount",
        format!(
            "the actual spending on `{id}` withheld from the {} return can be worked out from published figures",
            q.period
        ),
    )
    .at(places.source, at)
    .hiding_the_line();
    for e in equations.iter().filter(|e| e.coefficients[u] != 0) {
        d = d.with_note(e.evidence.clone());
    }
    d.with_help(format!(
        "nothing was published. The year-end return gives the year's spending on `{id}` and the other quarters give theirs, so the difference is this quarter's: withhold the year-end return's line for `{id}` too (`confidential: true` under `expenditure`), or another quarter's entry for it"
    ))
}

/// Sums of one side's figures: all of them, and the published ones.
#[derive(Default)]
struct Sums {
    present: bool,
    all: Amount,
    published: Amount,
    /// The withheld lines' figures added up (never shown unless derivable).
    withheld: Amount,
}

/// The plan's record on a side: (confidential, amount_public, amount for the year).
fn plan_record(
    plan: Option<&Plan>,
    year: Period,
    side: Side,
    id: &str,
) -> Option<(bool, bool, Option<Amount>)> {
    side.plan_records(plan?)
        .into_iter()
        .find(|(i, ..)| i.as_str() == id)
        .map(|(_, confidential, amount_public, amounts)| {
            (confidential, amount_public, amounts.get(&year).copied())
        })
}

/// A line's planned figure: the return's, or else the plan's amount for the year.
fn planned(
    plan: Option<&Plan>,
    year: Period,
    side: Side,
    id: &str,
    line: &Outturn,
) -> Option<Amount> {
    line.planned
        .or_else(|| plan_record(plan, year, side, id).and_then(|(_, _, a)| a))
}

/// Whether the plan's page publishes this line's planned figure already: the plan's
/// record is published (or its amount is), and the figure is the plan's amount.
fn plan_publishes(plan: Option<&Plan>, year: Period, side: Side, id: &str, line: &Outturn) -> bool {
    let Some((confidential, amount_public, Some(amount))) = plan_record(plan, year, side, id)
    else {
        return false;
    };
    // With one record's amount published only in a sum with others, the plan
    // judges it; here a lone `amount_public` row is taken as published.
    (!confidential || amount_public) && line.planned.is_none_or(|p| p == amount)
}

/// Within one unit, as for a plan.
fn agrees(a: Amount, b: Amount) -> bool {
    (a.0 - b.0).abs() < Decimal::ONE
}

/// What a reader knows about the return's withheld figures of one kind.
fn equations(
    y: &YearEnd,
    figure: Figure,
    unknowns: &[Unknown],
    sums: &[Sums; 2],
    units: Units,
) -> Vec<Equation> {
    let money = |a: Amount| money_exact(a, units);
    let year = y.year.to_string();
    let mut out = Vec::new();
    let [income, spending] = sums;
    // Money in equals money spent, where the return's own actual figures show it.
    if figure == Figure::Actual
        && income.present
        && spending.present
        && agrees(income.all, spending.all)
    {
        out.push(Equation {
            coefficients: unknowns
                .iter()
                .map(|k| if k.side == Side::Income { 1 } else { -1 })
                .collect(),
            evidence: format!(
                "the published actual income of the {year} year-end return adds up to {} and the published actual spending to {}, and the return balances (the money that came in is the money spent)",
                money(income.published),
                money(spending.published),
            ),
            quarterly: false,
        });
    }
    if let Some(totals) = &y.totals {
        for (side, declared, sums) in [
            (Side::Income, totals.income, income),
            (Side::Expenditure, totals.expenditure, spending),
        ] {
            let declared = declared.and_then(|d| match figure {
                Figure::Planned => d.planned,
                Figure::Actual => d.actual,
            });
            let on: Vec<i64> = unknowns.iter().map(|k| i64::from(k.side == side)).collect();
            if let Some(d) = declared
                && agrees(d, sums.all)
                && on.contains(&1)
            {
                out.push(Equation {
                    coefficients: on,
                    evidence: format!(
                        "the {year} year-end return's declared {} {} total is {} (the return is a published paper) and the published lines add up to {}",
                        figure.word(),
                        side.money(),
                        money(d),
                        money(sums.published),
                    ),
                    quarterly: false,
                });
            }
        }
    }
    out
}

fn derivable_error(
    y: &YearEnd,
    places: &Places,
    figure: Figure,
    unknown: &Unknown,
    u: usize,
    equations: &[Equation],
) -> Diagnostic {
    let (side, id) = (unknown.side, unknown.id);
    let at = places.find(|r| r.get(side.key())?.get(id)?.key_span());
    let mut d = Diagnostic::error(
        "derivable-withheld-amount",
        format!(
            "the {} {} of the withheld year-end line `{id}` for {} can be worked out from published figures",
            figure.word(),
            side.money(),
            y.year,
        ),
    )
    .at(places.source, at)
    .hiding_the_line();
    let mut quarterly = false;
    for e in equations.iter().filter(|e| e.coefficients[u] != 0) {
        d = d.with_note(e.evidence.clone());
        quarterly |= e.quarterly;
    }
    let quarters = if quarterly {
        " (the quarterly returns give this scheme's year too: withhold one quarter's entry for it as well)"
    } else {
        ""
    };
    d.with_help(format!(
        "nothing was published. Either withhold another {record}'s line with {a} {figure} figure in this return too (`confidential: true` under `{key}`), so that only their sum can be worked out{quarters}; or, if the {record} is public and only the line's note is confidential, publish the line without the note. Hiding the totals would not help: a reader can add up the published lines",
        record = side.record(),
        a = if figure == Figure::Actual { "an" } else { "a" },
        figure = figure.word(),
        key = side.key(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = "kind: plan\nid: p\ntitle: P\nyears: [2024-25]\nunits: pounds\nfunding:\n  - {id: f1, name: F1, amounts: {2024-25: 600}}\n  - {id: f2, name: F2, amounts: {2024-25: 400}}\nschemes:\n  - {id: s1, name: S1, amounts: {2024-25: 500}}\n  - {id: s2, name: S2, amounts: {2024-25: 300}}\n  - {id: s3, name: S3, amounts: {2024-25: 200}}\n";

    fn source(path: &str, text: &str) -> SourceText {
        SourceText {
            path: path.into(),
            text: text.into(),
        }
    }

    /// The codes and messages for a return (after the head) against `plan_text`.
    fn examine_with(plan_text: &str, body: &str) -> Vec<Diagnostic> {
        let ps = source("content/data/plan.yaml", plan_text);
        let plan: Plan = crate::yaml::parse(&ps, 0..plan_text.len()).unwrap();
        let text = format!("kind: year_end\nyear: 2024-25\nplan: p\n{body}");
        let ys = source("content/data/year-end.yaml", &text);
        let y: YearEnd = crate::yaml::parse(&ys, 0..text.len()).unwrap();
        examine_year_end(&y, Some(&plan), &[], &ys).0
    }

    fn messages(body: &str) -> Vec<String> {
        examine_with(PLAN, body)
            .into_iter()
            .map(|d| format!("{}: {}", d.code, d.message))
            .collect()
    }

    /// Income 1,000 in and 1,000 spent: the return balances.
    const BALANCED: &str = "income:\n  f1: {actual: 600}\n  f2: {actual: 400}\nexpenditure:\n  s1: {actual: 450}\n  s2: {actual: 330}\n  s3: {actual: 220}\n";

    /// The sums a return's page states, against `PLAN`.
    fn stated(body: &str) -> Vec<YearEndSum> {
        let ps = source("content/data/plan.yaml", PLAN);
        let plan: Plan = crate::yaml::parse(&ps, 0..PLAN.len()).unwrap();
        let text = format!("kind: year_end\nyear: 2024-25\nplan: p\n{body}");
        let ys = source("content/data/year-end.yaml", &text);
        let y: YearEnd = crate::yaml::parse(&ys, 0..text.len()).unwrap();
        examine_year_end(&y, Some(&plan), &[], &ys).1
    }

    #[test]
    fn two_withheld_lines_of_a_balanced_return_are_stated_together() {
        let body = withhold(&withhold(BALANCED, "s2"), "s3");
        assert!(messages(&body).is_empty(), "{:?}", messages(&body));
        assert_eq!(
            stated(&body),
            vec![YearEndSum {
                record: "scheme",
                money: "spending",
                figure: "actual",
                count: 2,
                amount: Amount::parse("550").unwrap(),
            }]
        );
        // A return that does not balance ties them to nothing: nothing to state.
        let unbalanced = body.replace("s1: {actual: 450}", "s1: {actual: 440}");
        assert!(stated(&unbalanced).is_empty());
    }

    fn withhold(body: &str, line: &str) -> String {
        body.replace(
            &format!("  {line}: {{"),
            &format!("  {line}: {{confidential: true, "),
        )
    }

    #[test]
    fn one_withheld_actual_in_a_balanced_return_is_derivable() {
        assert_eq!(
            messages(&withhold(BALANCED, "s2")),
            [
                "derivable-withheld-amount: the actual spending of the withheld year-end line `s2` for 2024-25 can be worked out from published figures"
            ]
        );
        assert_eq!(
            messages(&withhold(BALANCED, "f2")),
            [
                "derivable-withheld-amount: the actual income of the withheld year-end line `f2` for 2024-25 can be worked out from published figures"
            ]
        );
    }

    #[test]
    fn the_withheld_planned_figure_is_the_plans_and_public_already() {
        // Only the actual is reported: the planned 300 is on the plan's page.
        let d = examine_with(PLAN, &withhold(BALANCED, "s2"));
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("actual spending"));
        // A planned figure the return gives, equal to the plan's, is public too.
        let body = withhold(BALANCED, "s2").replace(
            "s2: {confidential: true, ",
            "s2: {confidential: true, planned: 300, ",
        );
        assert_eq!(examine_with(PLAN, &body).len(), 1);
    }

    #[test]
    fn two_withheld_on_one_side_give_only_their_sum() {
        let body = withhold(&withhold(BALANCED, "s2"), "s3");
        assert!(messages(&body).is_empty());
        // Even with both declared totals.
        let body =
            format!("{body}totals:\n  income: {{actual: 1000}}\n  expenditure: {{actual: 1000}}\n");
        assert!(messages(&body).is_empty());
    }

    #[test]
    fn one_on_each_side_gives_only_their_difference() {
        let body = withhold(&withhold(BALANCED, "s2"), "f2");
        assert!(messages(&body).is_empty());
        // But a declared total on one side isolates that side's, then the other.
        let body = format!("{body}totals:\n  income: {{actual: 1000}}\n");
        assert_eq!(messages(&body).len(), 2);
    }

    #[test]
    fn a_return_that_does_not_balance_gives_nothing_away() {
        let body = withhold(BALANCED, "s2").replace("s1: {actual: 450}", "s1: {actual: 420}");
        assert!(messages(&body).is_empty());
        // Unless by a unit or less, which a reader's subtraction still gives.
        let body = withhold(BALANCED, "s2").replace("s1: {actual: 450}", "s1: {actual: 450.6}");
        assert_eq!(messages(&body).len(), 1);
    }

    #[test]
    fn a_declared_actual_total_gives_it_away_in_a_return_that_does_not_balance() {
        let body = withhold(BALANCED, "s2").replace("s1: {actual: 450}", "s1: {actual: 420}")
            + "totals:\n  expenditure: {actual: 970}\n";
        let d = examine_with(PLAN, &body);
        assert_eq!(d.len(), 1);
        assert!(
            d[0].notes[0].contains("declared actual spending total is £970"),
            "{:?}",
            d[0].notes
        );
        // A declared total the lines do not add up to is not evidence.
        let body = body.replace("actual: 970", "actual: 980");
        assert!(messages(&body).is_empty());
    }

    #[test]
    fn a_line_without_an_actual_is_not_an_unknown() {
        let body = withhold(BALANCED, "s2").replace(
            "s2: {confidential: true, actual: 330}",
            "s2: {confidential: true, note: Not yet known}",
        );
        // 1,000 in, 670 out: no balance, nothing withheld with a figure.
        assert!(messages(&body).is_empty());
    }

    #[test]
    fn a_planned_figure_the_plan_withholds_is_judged_with_the_declared_planned_total() {
        let plan = PLAN.replace(
            "{id: s2, name: S2,",
            "{id: s2, name: S2, confidential: true,",
        );
        // Two withheld actuals (so the actuals are safe), but only s2's planned figure
        // is withheld: the declared planned total gives it away.
        let body =
            withhold(&withhold(BALANCED, "s2"), "s3") + "totals:\n  expenditure: {planned: 1000}\n";
        let d = examine_with(&plan, &body);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].message
                .contains("planned spending of the withheld year-end line `s2`"),
            "{}",
            d[0].message
        );
        // Without a declared planned total, the plan's own equations judge it.
        let body = withhold(&withhold(BALANCED, "s2"), "s3");
        assert!(examine_with(&plan, &body).is_empty());
    }

    /// The four quarters of 2024-25, each spending `spend[n]` on `s2`; `secret`
    /// withholds that quarter's entry.
    fn quarters(spend: [&str; 4], secret: Option<usize>) -> Vec<(Quarter, SourceText)> {
        (0..4)
            .map(|n| {
                let flag = if secret == Some(n) { ", confidential: true" } else { "" };
                let text = format!(
                    "kind: quarter\nperiod: 2024-25-Q{}\nplan: p\nspend:\n  s1: {{actual: 100}}\n  s2: {{actual: {}{flag}}}\n",
                    n + 1,
                    spend[n]
                );
                let src = source(&format!("content/data/q{}.yaml", n + 1), &text);
                let q: Quarter = crate::yaml::parse(&src, 0..text.len()).unwrap();
                (q, src)
            })
            .collect()
    }

    fn examine_with_quarters(body: &str, qs: &[(Quarter, SourceText)]) -> Vec<Diagnostic> {
        let ps = source("content/data/plan.yaml", PLAN);
        let plan: Plan = crate::yaml::parse(&ps, 0..PLAN.len()).unwrap();
        let text = format!("kind: year_end\nyear: 2024-25\nplan: p\n{body}");
        let ys = source("content/data/year-end.yaml", &text);
        let y: YearEnd = crate::yaml::parse(&ys, 0..text.len()).unwrap();
        let qs: Vec<QuarterSource> = qs.iter().map(|(q, s)| (q, s)).collect();
        examine_year_end(&y, Some(&plan), &qs, &ys).0
    }

    /// 1,000 in and 980 spent: the return does not balance.
    const UNBALANCED: &str = "income:\n  f1: {actual: 600}\n  f2: {actual: 400}\nexpenditure:\n  s1: {actual: 450}\n  s2: {actual: 330}\n  s3: {actual: 200}\n";

    #[test]
    fn four_published_quarters_give_a_withheld_year_end_line_away() {
        let body = withhold(UNBALANCED, "s2");
        let d = examine_with_quarters(&body, &quarters(["80", "80", "80", "90"], None));
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].message.contains("year-end line `s2`"),
            "{}",
            d[0].message
        );
        assert!(
            d[0].notes[0].contains("adding up to £330"),
            "{:?}",
            d[0].notes
        );
        assert!(
            d[0].help
                .as_deref()
                .unwrap()
                .contains("withhold one quarter's entry")
        );
        // Quarters that do not add up to the year, or only three of them, do not.
        assert!(examine_with_quarters(&body, &quarters(["80", "80", "80", "80"], None)).is_empty());
        assert!(
            examine_with_quarters(&body, &quarters(["80", "80", "80", "90"], None)[..3]).is_empty()
        );
        // Nor does it when a quarter's entry is withheld too: only their sum is known.
        assert!(
            examine_with_quarters(&body, &quarters(["80", "80", "80", "90"], Some(2))).is_empty()
        );
    }

    #[test]
    fn a_published_year_end_line_gives_a_withheld_quarter_away() {
        let d = examine_with_quarters(UNBALANCED, &quarters(["80", "80", "80", "90"], Some(2)));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message,
            "the actual spending on `s2` withheld from the 2024-25-Q3 return can be worked out from published figures"
        );
        assert_eq!(d[0].file.as_deref(), Some("content/data/q3.yaml"));
        assert!(
            d[0].notes[0].contains("the year-end return gives £330"),
            "{:?}",
            d[0].notes
        );
    }

    #[test]
    fn a_confidential_return_publishes_nothing() {
        let body = format!("confidential: true\n{}", withhold(BALANCED, "s2"));
        assert!(messages(&body).is_empty());
    }

    #[test]
    fn the_error_points_at_the_line_and_names_the_evidence_not_the_figure() {
        let body = "income:\n  f1: {actual: 33687}\n  f2: {actual: 400}\nexpenditure:\n  s1: {actual: 450}\n  s2:\n    confidential: true\n    actual: 33417\n  s3: {actual: 220}\n";
        let d = examine_with(PLAN, body);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].line_column(), Some((9, 3)));
        assert!(
            d[0].notes[0].contains("£34,087") && d[0].notes[0].contains("£670"),
            "{:?}",
            d[0].notes
        );
        let all = format!("{} {:?} {:?}", d[0].message, d[0].notes, d[0].help);
        assert!(!all.contains("33,417") && !all.contains("33417"), "{all}");
    }
}
