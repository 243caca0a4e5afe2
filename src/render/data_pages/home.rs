//! The home page's data: where the money goes in the headline plans (a sentence, a
//! chart and its table), whether each measure is on track, and the latest feedback.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Column, DataItem, Row, TableView, public_amounts_label, status_view};
use crate::data::amount::Amount;
use crate::data::format;
use crate::data::period::Period;
use crate::data::plan::Scheme;
use crate::diagnostic::{Diagnostic, plural};
use crate::model::SiteModel;
use crate::model::data::{DataModel, PlanEntry};
use crate::model::records::{self, Record};
use crate::render::theme::Theme;
use crate::render::views::ListItem;

/// What the home page shows besides its own text: where the money goes, whether
/// each measure is on track, and the latest feedback.
#[derive(Clone, Debug, Default, Serialize)]
pub struct HomeView {
    /// One entry per headline plan (usually one; several side by side when
    /// `site.yaml` names them), each saying which plan and year it shows.
    pub money: Vec<MoneyView>,
    /// Where the plans are listed, if there are any.
    pub money_url: Option<String>,
    pub metrics: Vec<DataItem>,
    pub metrics_url: Option<String>,
    pub feedback: Vec<ListItem>,
}

/// "Where does the money go?" for one plan and year.
#[derive(Clone, Debug, Default, Serialize)]
pub struct MoneyView {
    /// The plan's title.
    pub title: String,
    pub url: String,
    /// "2024/25"
    pub year: String,
    /// One sentence with the whole: which plan, which year, how much, on how many
    /// schemes.
    pub sentence: String,
    /// The spending in groups, as a chart (output with `| safe`) and the same figures
    /// as a table; both absent when there is only one figure to give (the sentence
    /// says it).
    pub chart: Option<String>,
    pub table: Option<TableView>,
    /// "Some figures are illustrative ...", when they are.
    pub notice: Option<String>,
}

pub fn home(model: &SiteModel, theme: &Theme, root: &str) -> Result<HomeView, Diagnostic> {
    let d = &model.data;
    let mut feedback: Vec<&crate::model::Page> = model
        .pages
        .iter()
        .filter(|p| p.doc.doc.front.kind.listed_as_feedback())
        .collect();
    feedback.sort_by_key(|p| std::cmp::Reverse(p.doc.doc.front.date));
    let money = d
        .headlines(&model.settings, model.now)
        .into_iter()
        .map(|h| money_view(d, theme, h, root))
        .collect::<Result<_, _>>()?;
    Ok(HomeView {
        money,
        money_url: (!d.plans.is_empty()).then(|| format!("{root}{}", records::PLAN.index)),
        metrics: d
            .metrics
            .iter()
            .map(|m| DataItem {
                title: m.metric.title(),
                url: format!("{root}{}", m.metric.url()),
                summary: None,
                status: Some(status_view(d, &m.metric)),
            })
            .collect(),
        metrics_url: (!d.metrics.is_empty()).then(|| format!("{root}{}", records::METRIC.index)),
        feedback: feedback
            .into_iter()
            .take(3)
            .map(|p| crate::render::views::list_item(&p.doc, format!("{root}{}", p.url)))
            .collect(),
    })
}

/// How a plan's spending in a year is grouped for the chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Grouping {
    /// By national scheme type: most of the money (three quarters) has one.
    Type,
    /// By the funding stream that pays for each scheme (`fund`): most of the money
    /// has one, and types are not given.
    Fund,
    /// The largest schemes, the rest together.
    LargestSchemes,
}

/// The most bars a chart of schemes gets before the rest are put together.
const MAX_BARS: usize = 7;

/// Groups a plan's spending in `year`: (label, amount), largest first, and how.
/// `None` when fewer than two groups would be drawn: a chart of one bar says nothing
/// a sentence cannot.
fn spending_groups(entry: &PlanEntry, year: Period) -> Option<(Grouping, Vec<(String, Amount)>)> {
    let schemes: Vec<(&Scheme, Amount)> = entry
        .plan
        .schemes
        .iter()
        .filter_map(|s| Some((s, *s.amounts.get(&year)?)))
        .collect();
    let withheld = entry.disclosure.schemes.amounts.get(&year).map(|a| {
        (
            public_amounts_label(entry.disclosure.schemes.count, "scheme"),
            *a,
        )
    });
    let total: Amount = schemes
        .iter()
        .map(|(_, a)| *a)
        .chain(withheld.iter().map(|w| w.1))
        .sum();
    let share = |f: &dyn Fn(&Scheme) -> bool| -> Amount {
        schemes.iter().filter(|(s, _)| f(s)).map(|(_, a)| *a).sum()
    };
    // "Most" is three quarters: below that, the largest bar would be "Type not given",
    // which tells a resident nothing.
    let most = |part: Amount| {
        part.0 * rust_decimal::Decimal::from(4) >= total.0 * rust_decimal::Decimal::from(3)
    };
    let by = |key: &dyn Fn(&Scheme) -> String| -> Vec<(String, Amount)> {
        let mut groups: BTreeMap<String, Amount> = BTreeMap::new();
        for (s, a) in &schemes {
            let g = groups.entry(key(s)).or_default();
            *g = *g + *a;
        }
        groups.into_iter().chain(withheld.clone()).collect()
    };
    let candidates = [
        (
            Grouping::Type,
            most(share(&|s| s.scheme_type.is_some())),
            by(&|s| {
                s.scheme_type
                    .clone()
                    .unwrap_or_else(|| "Type not given".into())
            }),
        ),
        (
            Grouping::Fund,
            most(share(&|s| s.fund.is_some())),
            by(&|s| {
                s.fund
                    .clone()
                    .map_or_else(|| "Fund not given".into(), |f| format!("Paid from {f}"))
            }),
        ),
    ];
    let sort = |mut rows: Vec<(String, Amount)>| {
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        rows
    };
    for (how, mostly, rows) in candidates {
        if mostly && rows.len() >= 2 {
            return Some((how, sort(rows)));
        }
    }
    let mut rows = sort(
        schemes
            .iter()
            .map(|(s, a)| (s.name.clone(), *a))
            .chain(withheld.clone())
            .collect(),
    );
    if rows.len() < 2 {
        return None;
    }
    if rows.len() > MAX_BARS {
        let rest = rows.split_off(MAX_BARS - 1);
        let sum: Amount = rest.iter().map(|r| r.1).sum();
        rows.push((format!("Other schemes ({})", rest.len()), sum));
    }
    Some((Grouping::LargestSchemes, rows))
}

fn money_view(
    d: &DataModel,
    theme: &Theme,
    h: crate::model::data::Headline,
    root: &str,
) -> Result<MoneyView, Diagnostic> {
    let entry = &d.plans[h.plan];
    let plan = &entry.plan;
    let year = h.year;
    let total = d.plan_total(h.plan, year);
    let (words, rounded) = format::prose_money(total, plan.units);
    let schemes = entry
        .plan
        .schemes
        .iter()
        .filter(|s| s.amounts.contains_key(&year))
        .count()
        + entry.disclosure.schemes.count;
    let spent = if entry.scheme_totals.contains_key(&year) {
        format!("{words} spent on {}", plural(schemes, "scheme"))
    } else {
        format!("{words} paid in")
    };
    let withheld = if entry.withheld_records > 0 {
        format!(
            "; {} confidential and not shown",
            plural(entry.withheld_records, "item")
        )
    } else {
        String::new()
    };
    let sentence = format!(
        "{}, {}: {spent}{}{withheld}.",
        plan.title,
        year.label(),
        if rounded {
            " (rounded; the exact figures are in the tables)"
        } else {
            ""
        },
    );
    let groups = spending_groups(entry, year);
    let (chart, table) = match groups {
        None => (None, None),
        Some((how, rows)) => {
            let by = match how {
                Grouping::Type => "by type of scheme",
                Grouping::Fund => "by the fund that pays for it",
                Grouping::LargestSchemes => "by scheme, largest first",
            };
            let caption = format!(
                "Spending in {}, {by} ({})",
                year.label(),
                plan.units.heading()
            );
            let chart_rows: Vec<(String, rust_decimal::Decimal, String)> = rows
                .iter()
                .map(|(l, a)| (l.clone(), a.0, format::money_exact(*a, plan.units)))
                .collect();
            let chart = crate::render::charts::bar_chart(
                theme,
                &format!("spend-chart-{}", plan.id),
                &format!("{}: spending in {}, {by}", plan.title, year.label()),
                &chart_rows,
            )?;
            let first = match how {
                Grouping::Type => "Type of scheme",
                Grouping::Fund => "Fund",
                Grouping::LargestSchemes => "Scheme",
            };
            let table = TableView {
                id: format!("spend-{}", plan.id),
                caption,
                downloads: Vec::new(),
                unit: Some(format!("{} ({})", plan.units.heading(), plan.units.words())),
                columns: vec![Column::text(first), Column::number(year.short_label())],
                rows: rows
                    .into_iter()
                    .map(|(label, a)| Row {
                        label,
                        url: None,
                        cells: vec![format::table_amount(a)],
                        confidential: false,
                    })
                    .collect(),
                total: Some(Row {
                    label: "Total".into(),
                    url: None,
                    cells: vec![format::table_amount(total)],
                    confidential: false,
                }),
            };
            (chart, Some(table))
        }
    };
    let illustrative = plan.illustrative
        || plan.schemes.iter().any(|s| s.illustrative)
        || plan.funding.iter().any(|f| f.illustrative);
    Ok(MoneyView {
        title: plan.title.clone(),
        url: format!("{root}{}", plan.url()),
        year: year.label(),
        sentence,
        chart,
        table,
        notice: illustrative.then(|| {
            "These figures are illustrative: they show how the site works and are not taken from a published paper.".to_string()
        }),
    })
}
