//! The descriptor of a capacity and demand document's tables. The figures are said
//! once, as a list of [`Measure`]s (expected demand, capacity, capacity less demand),
//! each with its words on the page and its field in the downloads. The page shows
//! them pivoted, a row per service and measure with a cell per month and a total
//! ([`page`]); the downloads a row per service and month with a column per measure
//! ([`download`]). Both read each figure through the measure's one `value`, and
//! format it from the same exact decimal (see `columns.rs`).

use rust_decimal::Decimal;

use super::Column;
use super::columns::{Col, Columns, Value, number, text_about};
use crate::data::amount::Amount;
use crate::data::capacity::{Group, Service};
use crate::data::period::Month;
use crate::render::downloads::Field;

/// The id on the page of the hospital discharge table, and of the community one.
pub fn table_id(group: Group) -> &'static str {
    match group {
        Group::HospitalDischarge => "capacity-table",
        Group::Community => "community-capacity-table",
    }
}

/// The downloads' file name: `capacity/<year>/capacity.csv`.
pub const FILE_NAME: &str = "capacity";

/// A figure each service has for a month.
pub struct Measure {
    /// After the service's name in the page's row label: "expected demand".
    pub words: &'static str,
    /// Its column in the downloads.
    pub field: Field,
    /// Its value for a service in a month, if the document gives one.
    pub value: fn(&Service, Month) -> Option<Amount>,
}

fn demand(s: &Service, m: Month) -> Option<Amount> {
    s.demand.get(&m).copied()
}

fn capacity(s: &Service, m: Month) -> Option<Amount> {
    s.capacity.get(&m).copied()
}

/// Only for a month with both figures.
fn gap(s: &Service, m: Month) -> Option<Amount> {
    Some(Amount(capacity(s, m)?.0 - demand(s, m)?.0))
}

/// The measures, in order, counted in `unit` ("people").
pub fn measures(unit: &str) -> [Measure; 3] {
    [
        Measure {
            words: "expected demand",
            field: number("demand", Some(format!("Expected demand, in {unit}"))),
            value: demand,
        },
        Measure {
            words: "capacity",
            field: number("capacity", Some(format!("Available capacity, in {unit}"))),
            value: capacity,
        },
        Measure {
            words: "capacity less demand",
            field: number(
                "capacity_less_demand",
                Some("Capacity less demand; negative when demand is more".into()),
            ),
            value: gap,
        },
    ]
}

/// A row of the page's table: a service and one of its measures.
pub type PageRow<'a> = (&'a Service, &'a Measure);

/// The page's table: the service and measure, a figure per month of `months` (blank
/// where none is given), and their total.
pub fn page<'a>(months: &'a [Month]) -> Columns<'a, PageRow<'a>> {
    let mut cols = vec![Col::page(Column::text("Service"), "", |r: &PageRow| {
        Value::Text(format!("{}: {}", r.0.name, r.1.words))
    })];
    for &m in months {
        cols.push(Col::page(
            Column::number(m.label()),
            "",
            move |r: &PageRow| (r.1.value)(r.0, m).into(),
        ));
    }
    cols.push(Col::page(
        Column::number("Total"),
        "",
        move |r: &PageRow| Value::Amount(months.iter().filter_map(|&m| (r.1.value)(r.0, m)).sum()),
    ));
    Columns {
        cols,
        url: Box::new(|_| None),
        confidential: Box::new(|r: &PageRow| r.0.confidential),
    }
}

/// A row of the downloads: a service in one month.
pub type DownloadRow<'a> = (&'a Service, Month);

/// The downloads: the service's id, name, group and pathway, the month, then a
/// column per measure.
pub fn download<'a>(measures: &'a [Measure]) -> Columns<'a, DownloadRow<'a>> {
    let mut cols = vec![
        Col::download(
            text_about("service_id", "The service's id"),
            |r: &DownloadRow| Value::Text(r.0.id.to_string()),
        ),
        Col::download(
            text_about("service", "The service or pathway"),
            |r: &DownloadRow| Value::Text(r.0.name.clone()),
        ),
        Col::download(
            text_about("group", "hospital_discharge or community"),
            |r: &DownloadRow| {
                Value::Text(
                    match r.0.group {
                        Group::HospitalDischarge => "hospital_discharge",
                        Group::Community => "community",
                    }
                    .into(),
                )
            },
        ),
        Col::download(
            number(
                "pathway",
                Some("The hospital discharge pathway, 0 to 3".into()),
            ),
            |r: &DownloadRow| r.0.pathway.map(|p| Amount(Decimal::from(p))).into(),
        ),
        Col::download(
            text_about("month", "The month, YYYY-MM"),
            |r: &DownloadRow| Value::Text(format!("{:04}-{:02}", r.1.year, r.1.month)),
        ),
    ];
    for m in measures {
        cols.push(Col::download(m.field.clone(), move |r: &DownloadRow| {
            (m.value)(r.0, r.1).into()
        }));
    }
    Columns {
        cols,
        url: Box::new(|_| None),
        confidential: Box::new(|r: &DownloadRow| r.0.confidential),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::data::Id;
    use crate::render::downloads::{Cell, Table, json_rows, to_csv};

    fn amount(s: &str) -> Amount {
        Amount(s.parse().unwrap())
    }

    fn month(m: u8) -> Month {
        Month {
            year: 2024,
            month: m,
        }
    }

    fn service() -> Service {
        Service {
            id: Id("reablement".into()),
            name: "Reablement".into(),
            group: Group::HospitalDischarge,
            pathway: Some(1),
            note: None,
            demand: BTreeMap::from([(month(4), amount("120")), (month(5), amount("1130.5"))]),
            capacity: BTreeMap::from([(month(5), amount("110"))]),
            confidential: false,
        }
    }

    /// The page's table is the downloads' figures pivoted: each page cell, by its
    /// month's heading, is the download's value for that service, month and measure,
    /// formatted; a month without a figure is blank on the page and empty in the files.
    #[test]
    fn the_page_is_the_downloads_pivoted() {
        let s = service();
        let months = [month(4), month(5), month(6)];
        let measures = measures("people");
        let page = page(&months);
        let download = download(&measures);
        let rows: Vec<DownloadRow> = s.months().into_iter().map(|m| (&s, m)).collect();
        let table = Table {
            page: "capacity/2024-25/".into(),
            table_id: table_id(s.group).into(),
            name: FILE_NAME.into(),
            title: "T".into(),
            fields: download.fields(),
            rows: rows.iter().map(|r| download.cells(r)).collect(),
            withheld: 0,
        };
        let csv = String::from_utf8(to_csv(&table)).unwrap();
        assert_eq!(
            csv,
            "service_id,service,group,pathway,month,demand,capacity,capacity_less_demand\r\n\
             reablement,Reablement,hospital_discharge,1,2024-04,120,,\r\n\
             reablement,Reablement,hospital_discharge,1,2024-05,1130.5,110,-1020.5\r\n"
        );
        let json = json_rows(&table);
        let headings: Vec<String> = page.headings().into_iter().map(|h| h.label).collect();
        assert_eq!(
            headings,
            ["Service", "April 2024", "May 2024", "June 2024", "Total"]
        );
        for m in &measures {
            let row = page.row(&(&s, m));
            assert_eq!(row.label, format!("Reablement: {}", m.words));
            let mut total = Amount::default();
            for (i, &month) in months.iter().enumerate() {
                let got = &row.cells[i];
                let file = rows
                    .iter()
                    .position(|r| r.1 == month)
                    .map(|r| (&table.rows[r], &json[r]));
                let field = table.fields.iter().position(|f| f.name == m.field.name);
                match file.zip(field) {
                    Some(((cells, json), f)) => match &cells[f] {
                        Cell::Number(d) => {
                            assert_eq!(got, &crate::data::format::table_amount(Amount(*d)));
                            assert_eq!(json[&m.field.name].to_string(), d.to_string());
                            total = total + Amount(*d);
                        }
                        _ => {
                            assert_eq!(got, "", "{} {month:?}", m.words);
                            assert!(json[&m.field.name].is_null());
                        }
                    },
                    None => assert_eq!(got, ""),
                }
            }
            assert_eq!(
                row.cells.last().unwrap(),
                &crate::data::format::table_amount(total)
            );
        }
        assert_eq!(
            page.row(&(&s, &measures[0])).cells,
            ["120", "1,130.5", "", "1,250.5"]
        );
        assert_eq!(
            page.row(&(&s, &measures[2])).cells,
            ["", "-1,020.5", "", "-1,020.5"]
        );
    }
}
