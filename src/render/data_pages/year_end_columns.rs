//! The descriptor of a year-end return's two tables, income by funding source and
//! spending by scheme, planned and actual: a row per published line, each column said
//! once for the page and the downloads (see `columns.rs`). The page adds the
//! difference in words ("50.131 over plan") and a totals row made by the same columns;
//! the downloads add each line's id.

use super::Column;
use super::columns::{Col, Columns, Value, number, text};
use crate::data::Id;
use crate::data::amount::Amount;
use crate::data::format::Units;
use crate::data::year_end::variance_words;

pub use crate::data::year_end::Side;

/// How the page and its downloads word each side of the return (what a side is, is
/// `data/year_end.rs`'s).
impl Side {
    /// The table's id on the page, beside which its downloads are linked.
    pub fn table_id(self) -> &'static str {
        match self {
            Side::Income => "income-table",
            Side::Expenditure => "expenditure-table",
        }
    }

    /// "Income by funding source, planned and actual".
    pub fn caption(self) -> &'static str {
        match self {
            Side::Income => "Income by funding source, planned and actual",
            Side::Expenditure => "Spending by scheme, planned and actual",
        }
    }

    /// The fact beside the tables that sums this side up.
    pub fn fact_label(self) -> &'static str {
        match self {
            Side::Income => "Money in the fund",
            Side::Expenditure => "Money spent",
        }
    }

    /// The record's heading on the page, and its fields' names in the downloads.
    fn heading_and_fields(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Side::Income => ("Funding source", "source_id", "source"),
            Side::Expenditure => ("Scheme", "scheme_id", "scheme"),
        }
    }
}

/// A line of the return: a funding source's income or a scheme's spending, or the
/// page's totals row (no id).
pub struct Line<'a> {
    pub id: Option<&'a Id>,
    pub name: String,
    /// The record's page (`schemes/x/`), when the plan names it.
    pub link: Option<String>,
    pub planned: Option<Amount>,
    pub actual: Option<Amount>,
    pub note: Option<String>,
}

impl Line<'_> {
    /// The totals row: every line's planned and actual summed, where any is given.
    pub fn total<'a>(lines: &[Line<'a>]) -> Line<'a> {
        Line {
            id: None,
            name: "Total".into(),
            link: None,
            planned: sum(lines.iter().map(|l| l.planned)),
            actual: sum(lines.iter().map(|l| l.actual)),
            note: None,
        }
    }

    fn difference(&self) -> Option<Amount> {
        self.planned
            .zip(self.actual)
            .map(|(p, a)| Amount(a.0 - p.0))
    }
}

/// A sum of the amounts given; `None` when none is.
pub fn sum(values: impl Iterator<Item = Option<Amount>>) -> Option<Amount> {
    values.fold(None, |acc, v| match v {
        Some(v) => Some(acc.unwrap_or_default() + v),
        None => acc,
    })
}

/// The columns of one side, money in the plan's `units`: id (downloads only), name,
/// planned, actual, difference, the difference in words (page only), note. `root`
/// starts the page's links.
pub fn columns<'a>(side: Side, units: Units, root: &'a str) -> Columns<'a, Line<'a>> {
    let (record, id_field, name_field) = side.heading_and_fields();
    let money = |name: &str, what: &str| {
        number(
            format!("{name} ({})", units.heading()),
            Some(format!("{what}, in {}", units.words())),
        )
    };
    Columns {
        cols: vec![
            Col::download(text(id_field), |l: &Line| {
                l.id.map(ToString::to_string).into()
            }),
            Col::both(Column::text(record), "", text(name_field), |l: &Line| {
                Value::Text(l.name.clone())
            }),
            Col::both(
                Column::number("Planned"),
                "not given",
                money("planned", "Planned"),
                |l: &Line| l.planned.into(),
            ),
            Col::both(
                Column::number("Actual"),
                "not given",
                money("actual", "Actual"),
                |l: &Line| l.actual.into(),
            ),
            Col::both(
                Column::number("Difference"),
                "not given",
                money("difference", "Actual less planned"),
                |l: &Line| l.difference().into(),
            ),
            Col::page(Column::text("Against plan"), "", |l: &Line| {
                Value::Text(variance_words(l.planned, l.actual))
            }),
            Col::both(Column::text("Note"), "", text("note"), |l: &Line| {
                l.note.clone().into()
            }),
        ],
        url: Box::new(move |l: &Line| l.link.as_ref().map(|p| format!("{root}{p}"))),
        confidential: Box::new(|_| false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::downloads::{Table, json_rows, to_csv};

    fn amount(s: &str) -> Amount {
        Amount(s.parse().unwrap())
    }

    /// One list gives the page's rows, its totals row and the downloads: the page's
    /// figures are the files', formatted, and the page alone adds the difference in
    /// words.
    #[test]
    fn page_rows_totals_and_downloads_come_from_one_list() {
        let (a, b) = (Id("falls".into()), Id("=reablement".into()));
        let lines = vec![
            Line {
                id: Some(&a),
                name: "Falls".into(),
                link: Some("schemes/falls/".into()),
                planned: Some(amount("1200")),
                actual: Some(amount("1158.5")),
                note: Some("Two posts vacant".into()),
            },
            Line {
                id: Some(&b),
                name: "Reablement".into(),
                link: None,
                planned: None,
                actual: Some(amount("3400")),
                note: None,
            },
        ];
        let columns = columns(Side::Expenditure, Units::Thousands, "/root/");
        let headings: Vec<String> = columns.headings().into_iter().map(|h| h.label).collect();
        assert_eq!(
            headings,
            [
                "Scheme",
                "Planned",
                "Actual",
                "Difference",
                "Against plan",
                "Note"
            ]
        );
        let row = columns.row(&lines[0]);
        assert_eq!(row.label, "Falls");
        assert_eq!(row.url.as_deref(), Some("/root/schemes/falls/"));
        assert_eq!(
            row.cells,
            [
                "1,200",
                "1,158.5",
                "-41.5",
                "41.5 under plan",
                "Two posts vacant"
            ]
        );
        let row = columns.row(&lines[1]);
        assert_eq!(row.url, None);
        assert_eq!(
            row.cells,
            ["not given", "3,400", "not given", "Not given", ""]
        );
        let total = columns.row(&Line::total(&lines));
        assert_eq!(total.label, "Total");
        assert_eq!(
            total.cells,
            ["1,200", "4,558.5", "3,358.5", "3,358.5 over plan", ""]
        );
        let table = Table {
            page: "year-end/2023-24/".into(),
            table_id: Side::Expenditure.table_id().into(),
            name: Side::Expenditure.key().into(),
            title: "T".into(),
            fields: columns.fields(),
            rows: lines.iter().map(|l| columns.cells(l)).collect(),
            withheld: 0,
        };
        assert_eq!(
            String::from_utf8(to_csv(&table)).unwrap(),
            "scheme_id,scheme,planned (£000),actual (£000),difference (£000),note\r\n\
             falls,Falls,1200,1158.5,-41.5,Two posts vacant\r\n\
             '=reablement,Reablement,,3400,,\r\n"
        );
        let json = json_rows(&table);
        assert_eq!(json[0]["difference (£000)"].to_string(), "-41.5");
        assert!(json[1]["planned (£000)"].is_null());
        assert_eq!(json[1]["scheme_id"], "=reablement");
    }

    #[test]
    fn income_names_its_record_a_funding_source() {
        let columns = columns(Side::Income, Units::Pounds, "");
        let fields: Vec<String> = columns.fields().into_iter().map(|f| f.name).collect();
        assert_eq!(
            fields,
            [
                "source_id",
                "source",
                "planned (£)",
                "actual (£)",
                "difference (£)",
                "note"
            ]
        );
        assert_eq!(columns.headings()[0].label, "Funding source");
    }
}
