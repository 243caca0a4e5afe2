//! The descriptor of a plan's table of money paid in by each funding source: a row
//! per published source, and one for withheld sources whose amounts are public, each
//! column said once for the page and the downloads (see `columns.rs`); and of a
//! scheme's funding lines in one plan, a row per line.

use super::columns::{Col, Columns, Value, text, year_amount};
use super::{Column, public_amounts_label};
use crate::data::plan::{Funding, FundingLine, Plan};
use crate::model::records::funding_url;
use crate::visibility::disclosure::PublicAmounts;

/// A row: a funding source, or the withheld ones whose amounts are public.
pub enum FundingRow<'a> {
    Source(&'a Funding),
    Withheld(&'a PublicAmounts),
}

impl<'a> FundingRow<'a> {
    /// The rows of a plan's table, withheld sources last.
    pub fn of(plan: &'a Plan, withheld: &'a PublicAmounts) -> Vec<FundingRow<'a>> {
        plan.funding
            .iter()
            .map(FundingRow::Source)
            .chain((withheld.count > 0).then_some(FundingRow::Withheld(withheld)))
            .collect()
    }

    fn amounts(
        &self,
    ) -> &'a std::collections::BTreeMap<crate::data::period::Period, crate::data::amount::Amount>
    {
        match self {
            FundingRow::Source(f) => &f.amounts,
            FundingRow::Withheld(p) => &p.amounts,
        }
    }
}

/// The columns: the source's id (downloads only) and name, then an amount per year of
/// the plan. `root` starts the page's links.
pub fn columns<'a>(plan: &'a Plan, root: &'a str) -> Columns<'a, FundingRow<'a>> {
    let units = plan.units;
    let mut cols = vec![
        Col::download(text("id"), |r: &FundingRow| match r {
            FundingRow::Source(f) => Value::Text(f.id.to_string()),
            FundingRow::Withheld(_) => Value::Empty,
        }),
        Col::both(
            Column::text("Funding source"),
            "",
            text("name"),
            |r: &FundingRow| match r {
                FundingRow::Source(f) => Value::Text(f.name.clone()),
                FundingRow::Withheld(p) => {
                    Value::Text(public_amounts_label(p.count, "funding source"))
                }
            },
        ),
    ];
    for &y in &plan.years {
        cols.push(year_amount(y, units, move |r: &FundingRow| {
            r.amounts().get(&y).copied()
        }));
    }
    Columns {
        cols,
        url: Box::new(move |r: &FundingRow| match r {
            FundingRow::Source(f) => Some(format!("{root}{}", funding_url(&f.id))),
            FundingRow::Withheld(_) => None,
        }),
        confidential: Box::new(|r: &FundingRow| match r {
            FundingRow::Source(f) => f.confidential,
            FundingRow::Withheld(_) => false,
        }),
    }
}

/// The columns of a scheme's funding lines in `plan`: the source's id (downloads
/// only) and name, then an amount per year of the plan. `root` starts the page's
/// links.
pub fn lines<'a>(plan: &'a Plan, root: &'a str) -> Columns<'a, &'a FundingLine> {
    let units = plan.units;
    let mut cols = vec![
        Col::download(text("source_id"), |l: &&FundingLine| {
            Value::Text(l.source.to_string())
        }),
        Col::both(
            Column::text("Funding source"),
            "",
            text("source"),
            move |l: &&FundingLine| {
                plan.funding
                    .iter()
                    .find(|f| f.id == l.source)
                    .map(|f| f.name.clone())
                    .into()
            },
        ),
    ];
    for &y in &plan.years {
        cols.push(year_amount(y, units, move |l: &&FundingLine| {
            l.amounts.get(&y).copied()
        }));
    }
    Columns {
        cols,
        url: Box::new(move |l: &&FundingLine| Some(format!("{root}{}", funding_url(&l.source)))),
        confidential: Box::new(|_| false),
    }
}
