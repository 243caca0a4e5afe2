//! The columns of a record's table, each said once: its heading on the page, its
//! field in the CSV and JSON, and how its value is read from the record. The page's
//! table ([`TableView`]) and the downloads' ([`Table`]) are both made from one
//! [`Columns`], so a column cannot reach one and miss the other, and a cell in both
//! holds the same value: a figure is kept as its exact decimal and formatted for the
//! page, never formatted and read back.
//!
//! A column may be on the page only (a sentence that puts several facts together) or
//! in the downloads only (an id, or a fact the page gives in that sentence); the
//! relative order of the columns is the order on the page and in the files.

use super::{Column, Row};
use crate::data::amount::Amount;
use crate::data::format::{self, MetricUnit};
use crate::data::period::Period;
use crate::render::downloads::{Cell, Field};

/// One cell's value, typed, before it is written for a reader or a machine.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    /// Money: grouped on the page (`1,240.5`), exact in the files (`1240.5`).
    Amount(Amount),
    /// A metric's figure in its unit: `12.5%` on the page, `12.5` in the files.
    Figure(Amount, MetricUnit),
    /// A period: `Q2 2024/25` on the page, `2024-25-Q2` in the files.
    Period(Period),
    Empty,
}

impl From<Option<String>> for Value {
    fn from(s: Option<String>) -> Value {
        s.map_or(Value::Empty, Value::Text)
    }
}

impl From<Option<Amount>> for Value {
    fn from(a: Option<Amount>) -> Value {
        a.map_or(Value::Empty, Value::Amount)
    }
}

impl Value {
    /// As the page shows it; `blank` stands for no value.
    pub fn page(&self, blank: &str) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Amount(a) => format::table_amount(*a),
            Value::Figure(v, unit) => format::metric_value(*v, *unit),
            Value::Period(p) => p.short_label(),
            Value::Empty => blank.to_string(),
        }
    }

    /// As the CSV and JSON hold it.
    pub fn cell(&self) -> Cell {
        match self {
            Value::Text(s) => Cell::Text(s.clone()),
            Value::Amount(a) | Value::Figure(a, _) => Cell::Number(a.0),
            Value::Period(p) => Cell::Text(p.to_string()),
            Value::Empty => Cell::Empty,
        }
    }
}

type Read<'a, R> = Box<dyn Fn(&R) -> Value + 'a>;
/// A row's link on the page, if it has one.
type Link<'a, R> = Box<dyn Fn(&R) -> Option<String> + 'a>;

/// One column: where it is shown, and how its value is read from a record `R`.
pub struct Col<'a, R> {
    /// Its heading on the page, and what the page shows for no value; `None` when
    /// it is in the downloads only.
    page: Option<(Column, &'static str)>,
    /// Its field in the CSV and JSON; `None` when it is on the page only.
    field: Option<Field>,
    value: Read<'a, R>,
}

impl<'a, R> Col<'a, R> {
    /// On the page and in the downloads.
    pub fn both(
        heading: Column,
        blank: &'static str,
        field: Field,
        value: impl Fn(&R) -> Value + 'a,
    ) -> Self {
        Col {
            page: Some((heading, blank)),
            field: Some(field),
            value: Box::new(value),
        }
    }

    /// On the page only: the downloads give its facts in other columns.
    pub fn page(heading: Column, blank: &'static str, value: impl Fn(&R) -> Value + 'a) -> Self {
        Col {
            page: Some((heading, blank)),
            field: None,
            value: Box::new(value),
        }
    }

    /// In the downloads only.
    pub fn download(field: Field, value: impl Fn(&R) -> Value + 'a) -> Self {
        Col {
            page: None,
            field: Some(field),
            value: Box::new(value),
        }
    }
}

/// A text field of a download, e.g. `id`.
pub fn text(name: &str) -> Field {
    Field {
        name: name.into(),
        numeric: false,
        description: None,
    }
}

/// A text field of a download, with what it means.
pub fn text_about(name: &str, description: impl Into<String>) -> Field {
    Field {
        name: name.into(),
        numeric: false,
        description: Some(description.into()),
    }
}

/// A numeric field of a download, with what it means.
pub fn number(name: impl Into<String>, description: Option<String>) -> Field {
    Field {
        name: name.into(),
        numeric: true,
        description,
    }
}

/// A plan year's amount, on the page (`"not given"` when blank) and in the
/// downloads (its unit in the field's name): the column every money table shares.
pub fn year_amount<'a, R>(
    y: Period,
    units: format::Units,
    amount: impl Fn(&R) -> Option<Amount> + 'a,
) -> Col<'a, R> {
    Col::both(
        Column::number(y.short_label()),
        "not given",
        number(
            format!("{y} ({})", units.heading()),
            Some(format!("Amount for {}, in {}", y.label(), units.words())),
        ),
        move |r: &R| amount(r).into(),
    )
}

/// A record kind's table: its columns, and for the page, each row's link and whether
/// it is confidential (members' builds only). The first page column is each row's
/// label on the page.
pub struct Columns<'a, R> {
    pub cols: Vec<Col<'a, R>>,
    pub url: Link<'a, R>,
    pub confidential: Box<dyn Fn(&R) -> bool + 'a>,
}

impl<'a, R> Columns<'a, R> {
    /// The page's headings.
    pub fn headings(&self) -> Vec<Column> {
        self.cols
            .iter()
            .filter_map(|c| c.page.as_ref().map(|(h, _)| h.clone()))
            .collect()
    }

    /// The page's row for a record.
    pub fn row(&self, r: &R) -> Row {
        let mut cells = self
            .cols
            .iter()
            .filter_map(|c| c.page.as_ref().map(|(_, blank)| (c.value)(r).page(blank)));
        let label = cells.next().unwrap_or_default();
        Row {
            label,
            url: (self.url)(r),
            cells: cells.collect(),
            confidential: (self.confidential)(r),
        }
    }

    /// The downloads' fields.
    pub fn fields(&self) -> Vec<Field> {
        self.cols.iter().filter_map(|c| c.field.clone()).collect()
    }

    /// The downloads' row for a record.
    pub fn cells(&self, r: &R) -> Vec<Cell> {
        self.cols
            .iter()
            .filter(|c| c.field.is_some())
            .map(|c| (c.value)(r).cell())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(s: &str) -> Amount {
        Amount(s.parse().unwrap())
    }

    /// Every column shown on the page and in the downloads gives one value to both:
    /// the page's cell is the download's value, formatted.
    #[test]
    fn a_column_in_both_gives_the_same_cell_to_page_csv_and_json() {
        type R = (&'static str, Option<Amount>, Option<Amount>);
        let columns: Columns<R> = Columns {
            cols: vec![
                Col::download(text("id"), |r: &R| Value::Text(r.0.into())),
                Col::both(Column::text("Scheme"), "", text("scheme"), |r: &R| {
                    Value::Text(format!("Scheme {}", r.0))
                }),
                Col::both(
                    Column::number("Planned"),
                    "not given",
                    number("planned (£000)", None),
                    |r: &R| r.1.into(),
                ),
                Col::both(
                    Column::number("Rate"),
                    "no figure",
                    number("rate (percent)", None),
                    |r: &R| {
                        r.2.map_or(Value::Empty, |a| Value::Figure(a, MetricUnit::Percent))
                    },
                ),
                Col::page(Column::text("Note"), "", |r: &R| {
                    Value::Text(format!("About {}", r.0))
                }),
            ],
            url: Box::new(|r: &R| Some(format!("/schemes/{}/", r.0))),
            confidential: Box::new(|_| false),
        };
        let records: Vec<R> = vec![
            ("a", Some(amount("1240.50")), Some(amount("12.5"))),
            ("=b", None, None),
        ];
        let table = crate::render::downloads::Table {
            page: "p/".into(),
            table_id: "t".into(),
            name: "t".into(),
            title: "T".into(),
            fields: columns.fields(),
            rows: records.iter().map(|r| columns.cells(r)).collect(),
            withheld: 0,
        };
        let csv = String::from_utf8(crate::render::downloads::to_csv(&table)).unwrap();
        let csv: Vec<Vec<String>> = csv::Reader::from_reader(csv.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        let json = crate::render::downloads::json_rows(&table);
        let headings = columns.headings();
        assert_eq!(
            headings
                .iter()
                .map(|h| h.label.as_str())
                .collect::<Vec<_>>(),
            ["Scheme", "Planned", "Rate", "Note"]
        );
        for (i, r) in records.iter().enumerate() {
            let row = columns.row(r);
            let page: Vec<&str> = std::iter::once(row.label.as_str())
                .chain(row.cells.iter().map(String::as_str))
                .collect();
            // The columns in both, by page position and download field.
            for (p, field) in [(0, "scheme"), (1, "planned (£000)"), (2, "rate (percent)")] {
                let f = table.fields.iter().position(|f| f.name == field).unwrap();
                let csv_cell = &csv[i][f];
                let json_cell = &json[i][field];
                let blank = ["", "not given", "no figure"][p];
                if csv_cell.is_empty() {
                    assert_eq!(page[p], blank);
                    assert!(json_cell.is_null());
                    continue;
                }
                // The same value: the page's cell is the file's, formatted.
                let value = match p {
                    0 => Value::Text(csv_cell.clone()),
                    1 => Value::Amount(amount(csv_cell)),
                    _ => Value::Figure(amount(csv_cell), MetricUnit::Percent),
                };
                assert_eq!(page[p], value.page(blank), "column {field}");
                let json_text = match json_cell {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                let exact = match value.cell() {
                    Cell::Text(s) => s,
                    Cell::Number(d) => d.to_string(),
                    Cell::Empty => String::new(),
                };
                assert_eq!(json_text, exact, "column {field}");
            }
        }
        assert_eq!(csv[0], ["a", "Scheme a", "1240.50", "12.5"]);
        assert_eq!(csv[1], ["'=b", "Scheme =b", "", ""]);
        assert_eq!(
            columns.row(&records[0]).cells,
            ["1,240.50", "12.5%", "About a"]
        );
    }
}
