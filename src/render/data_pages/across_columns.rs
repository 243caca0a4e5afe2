//! The descriptor of the table a scheme or funding source page shows: its amounts in
//! every plan that names it, a row per plan, each column said once for the page and
//! the downloads (see `columns.rs`).

use std::collections::{BTreeMap, BTreeSet};

use super::Column;
use super::columns::{Col, Columns, Value, text, year_amount};
use crate::data::amount::Amount;
use crate::data::format::Units;
use crate::data::period::Period;
use crate::data::plan::Plan;
use crate::model::data::DataModel;
use crate::model::records::Record;

/// The table's id on the page, and its downloads' name.
pub const TABLE_ID: &str = "amounts-table";
/// The downloads' file name: `schemes/<id>/amounts.csv`.
pub const FILE_NAME: &str = "amounts";

/// One plan's row: the plan, its amounts (in the table's units), confidential.
pub struct AcrossRow<'a> {
    pub plan: &'a Plan,
    pub amounts: BTreeMap<Period, Amount>,
    pub confidential: bool,
}

/// The table of a record across the plans that name it: its units, years and rows.
pub struct Across<'a> {
    pub units: Units,
    pub years: Vec<Period>,
    pub rows: Vec<AcrossRow<'a>>,
}

/// A scheme or funding source in each plan that names it (`places`: plan and record
/// index; `pick`: its amounts and whether it is confidential). `None` when no plan
/// gives it an amount.
pub fn across<'a>(
    d: &'a DataModel,
    places: &[(usize, usize)],
    pick: impl Fn(usize, usize) -> (&'a BTreeMap<Period, Amount>, bool),
) -> Option<Across<'a>> {
    let units: BTreeSet<_> = places.iter().map(|&(p, _)| d.plans[p].plan.units).collect();
    let years: Vec<Period> = places
        .iter()
        .flat_map(|&(p, _)| d.plans[p].plan.years.iter().copied())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    // Plans in different units are shown in pounds so the rows compare.
    let same_units = units.len() == 1;
    let units = if same_units {
        *units.iter().next()?
    } else {
        Units::Pounds
    };
    let rows: Vec<AcrossRow> = places
        .iter()
        .map(|&(p, i)| {
            let plan = &d.plans[p].plan;
            let (amounts, confidential) = pick(p, i);
            let amounts = amounts
                .iter()
                .map(|(y, a)| {
                    (
                        *y,
                        if same_units {
                            *a
                        } else {
                            Amount(plan.units.to_pounds(*a))
                        },
                    )
                })
                .collect();
            AcrossRow {
                plan,
                amounts,
                confidential,
            }
        })
        .collect();
    if rows.iter().all(|r| r.amounts.is_empty()) {
        return None;
    }
    Some(Across { units, years, rows })
}

/// The columns: the plan, then a column per year. `root` starts the page's links.
pub fn columns<'a, 'r: 'a>(t: &'a Across<'r>, root: &'a str) -> Columns<'a, AcrossRow<'r>> {
    let mut cols = vec![
        Col::download(text("plan_id"), |r: &AcrossRow| {
            Value::Text(r.plan.id.to_string())
        }),
        Col::both(Column::text("Plan"), "", text("plan"), |r: &AcrossRow| {
            Value::Text(r.plan.title())
        }),
    ];
    for &y in &t.years {
        cols.push(year_amount(y, t.units, move |r: &AcrossRow| {
            r.amounts.get(&y).copied()
        }));
    }
    Columns {
        cols,
        url: Box::new(move |r: &AcrossRow| Some(format!("{root}{}", r.plan.url()))),
        confidential: Box::new(|r: &AcrossRow| r.confidential),
    }
}
