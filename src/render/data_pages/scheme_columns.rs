//! The descriptor of a plan's table of money spent on each scheme: a row per
//! published scheme, and one for withheld schemes whose amounts are public, each
//! column said once for the page and the downloads (see `columns.rs`). The page shows
//! the name and an amount per year; the downloads add the scheme's id, type,
//! commissioner and fund before the amounts and the template's fields after them (so
//! the columns that were there first keep their places).

use std::collections::BTreeMap;

use super::columns::{Col, Columns, Value, number, text, year_amount};
use super::{Column, public_amounts_label};
use crate::data::amount::Amount;
use crate::data::period::Period;
use crate::data::plan::{Plan, Scheme};
use crate::model::records::scheme_url;
use crate::visibility::disclosure::PublicAmounts;

/// A row: a scheme, or the withheld ones whose amounts are public.
pub enum SchemeRow<'a> {
    Scheme(&'a Scheme),
    Withheld(&'a PublicAmounts),
}

impl<'a> SchemeRow<'a> {
    /// The rows of a plan's table, withheld schemes last.
    pub fn of(plan: &'a Plan, withheld: &'a PublicAmounts) -> Vec<SchemeRow<'a>> {
        plan.schemes
            .iter()
            .map(SchemeRow::Scheme)
            .chain((withheld.count > 0).then_some(SchemeRow::Withheld(withheld)))
            .collect()
    }

    fn amounts(&self) -> &'a BTreeMap<Period, Amount> {
        match self {
            SchemeRow::Scheme(s) => &s.amounts,
            SchemeRow::Withheld(p) => &p.amounts,
        }
    }

    /// A fact of a published scheme; the withheld row has none.
    fn fact(&self, read: impl Fn(&Scheme) -> Value) -> Value {
        match self {
            SchemeRow::Scheme(s) => read(s),
            SchemeRow::Withheld(_) => Value::Empty,
        }
    }
}

/// The columns, in the downloads' order: id, name, type, commissioner, fund, an
/// amount per year of the plan, then the template's fields and a planned output per
/// year. `root` starts the page's links.
pub fn columns<'a>(plan: &'a Plan, root: &'a str) -> Columns<'a, SchemeRow<'a>> {
    let units = plan.units;
    let mut cols = vec![
        Col::download(text("id"), |r: &SchemeRow| {
            r.fact(|s| Value::Text(s.id.to_string()))
        }),
        Col::both(
            Column::text("Scheme"),
            "",
            text("name"),
            |r: &SchemeRow| match r {
                SchemeRow::Scheme(s) => Value::Text(s.name.clone()),
                SchemeRow::Withheld(p) => Value::Text(public_amounts_label(p.count, "scheme")),
            },
        ),
        Col::download(text("type"), |r: &SchemeRow| {
            r.fact(|s| s.scheme_type.clone().into())
        }),
        Col::download(text("commissioner"), |r: &SchemeRow| {
            r.fact(|s| s.commissioner.clone().into())
        }),
        Col::download(text("fund"), |r: &SchemeRow| {
            r.fact(|s| s.fund.clone().into())
        }),
    ];
    for &y in &plan.years {
        cols.push(year_amount(y, units, move |r: &SchemeRow| {
            r.amounts().get(&y).copied()
        }));
    }
    cols.extend([
        Col::download(text("sub_type"), |r: &SchemeRow| {
            r.fact(|s| s.sub_type.clone().into())
        }),
        Col::download(text("area_of_spend"), |r: &SchemeRow| {
            r.fact(|s| s.area_of_spend.clone().into())
        }),
        Col::download(text("provider"), |r: &SchemeRow| {
            r.fact(|s| s.provider.clone().into())
        }),
        Col::download(text("new_or_existing"), |r: &SchemeRow| {
            r.fact(|s| s.new_or_existing.map(|n| n.as_str().to_string()).into())
        }),
        Col::download(number("joint_nhs_percent", None), |r: &SchemeRow| {
            r.fact(|s| s.joint.map(|j| j.nhs).into())
        }),
        Col::download(number("joint_council_percent", None), |r: &SchemeRow| {
            r.fact(|s| s.joint.map(|j| j.council).into())
        }),
        Col::download(text("output_unit"), |r: &SchemeRow| {
            r.fact(|s| s.output_unit.clone().into())
        }),
    ]);
    for &y in &plan.years {
        cols.push(Col::download(
            number(
                format!("output {y}"),
                Some(format!("Planned output for {}, in output_unit", y.label())),
            ),
            move |r: &SchemeRow| r.fact(|s| s.outputs.get(&y).copied().into()),
        ));
    }
    cols.push(Col::download(text("counts_towards"), |r: &SchemeRow| {
        r.fact(|s| s.counts_towards.map(|m| m.key().to_string()).into())
    }));
    Columns {
        cols,
        url: Box::new(move |r: &SchemeRow| match r {
            SchemeRow::Scheme(s) => Some(format!("{root}{}", scheme_url(&s.id))),
            SchemeRow::Withheld(_) => None,
        }),
        confidential: Box::new(|r: &SchemeRow| match r {
            SchemeRow::Scheme(s) => s.confidential,
            SchemeRow::Withheld(_) => false,
        }),
    }
}
