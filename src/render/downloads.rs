//! Open data: every public data table is also published as CSV and JSON beside its
//! page, and `datapackage.json` (a Frictionless Data Package) describes every CSV.
//!
//! Numbers are written exactly as the records hold them, without thousands
//! separators, with the unit in the column name. A text cell a spreadsheet would run as
//! a formula (starting `=`, `+`, `-`, `@`, tab or carriage return) is neutralised with a
//! leading apostrophe. Only published records are here: the tables are built from the
//! same decided model as the pages.
//!
//! Every record table here comes from its kind's descriptor
//! (`data_pages/*_columns.rs`), as its page's table does, so a column cannot reach
//! the page and miss the download, or the reverse.

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use super::data_pages::{across_columns, funding_columns, quarter_columns, scheme_columns};
use super::views::SiteView;
use crate::data::amount::Amount;
use crate::data::format::Units;
use crate::model::SiteModel;
use crate::model::records::Record;
use crate::output::OutputFile;

#[derive(Clone, Debug)]
pub enum Cell {
    Text(String),
    Number(Decimal),
    Empty,
}

impl From<Option<Amount>> for Cell {
    fn from(a: Option<Amount>) -> Cell {
        a.map_or(Cell::Empty, |a| Cell::Number(a.0))
    }
}

impl From<Option<String>> for Cell {
    fn from(s: Option<String>) -> Cell {
        s.map_or(Cell::Empty, Cell::Text)
    }
}

#[derive(Clone, Debug)]
pub struct Field {
    pub name: String,
    pub numeric: bool,
    pub description: Option<String>,
}

/// One downloadable table.
#[derive(Clone, Debug)]
pub struct Table {
    /// The page it belongs to (`plans/x/`) and the id of its table there.
    pub page: String,
    pub table_id: String,
    /// File name without extension, e.g. `funding`.
    pub name: String,
    pub title: String,
    pub fields: Vec<Field>,
    pub rows: Vec<Vec<Cell>>,
    pub withheld: usize,
}

impl Table {
    fn path(&self, ext: &str) -> String {
        format!("{}{}.{ext}", self.page, self.name)
    }
}

/// A link to a download, for the template beside its table.
#[derive(Clone, Debug, serde::Serialize)]
pub struct DownloadLink {
    pub format: &'static str,
    pub url: String,
    /// e.g. "CSV, 2 KB".
    pub description: String,
}

/// The files, and the links to show beside each table: (page, table id) → links.
pub struct Downloads {
    pub files: Vec<OutputFile>,
    pub links: HashMap<(String, String), Vec<DownloadLink>>,
}

pub fn build(model: &SiteModel, site: &SiteView) -> Downloads {
    let tables = tables(model);
    let mut files = Vec::new();
    let mut links: HashMap<(String, String), Vec<DownloadLink>> = HashMap::new();
    for t in &tables {
        let csv = to_csv(t);
        let json = to_json(t, site);
        for (format, path, bytes) in [("CSV", t.path("csv"), csv), ("JSON", t.path("json"), json)] {
            links
                .entry((t.page.clone(), t.table_id.clone()))
                .or_default()
                .push(DownloadLink {
                    format,
                    url: format!("{}{path}", site.root),
                    description: super::views::describe_file(&path, bytes.len() as u64),
                });
            files.push(OutputFile::bytes(path, bytes));
        }
    }
    if !tables.is_empty() {
        files.push(OutputFile::bytes(
            "datapackage.json",
            datapackage(&tables, site),
        ));
    }
    Downloads { files, links }
}

/// The path of every download this build writes, with the address of the page its
/// table is on, for [`super::paths`]: from the same tables as [`build`].
pub fn paths(model: &SiteModel) -> Vec<(String, String)> {
    tables(model)
        .into_iter()
        .flat_map(|t| ["csv", "json"].map(|ext| (t.path(ext), t.page.clone())))
        .collect()
}

fn tables(model: &SiteModel) -> Vec<Table> {
    let d = &model.data;
    let mut out = Vec::new();
    for p in &d.plans {
        let plan = &p.plan;
        let page = plan.url();
        if !plan.funding.is_empty() || p.disclosure.funding.count > 0 {
            let columns = funding_columns::columns(plan, "");
            out.push(Table {
                page: page.clone(),
                table_id: "funding-table".into(),
                name: "funding".into(),
                title: format!("{}: funding sources", plan.title),
                fields: columns.fields(),
                rows: funding_columns::FundingRow::of(plan, &p.disclosure.funding)
                    .iter()
                    .map(|r| columns.cells(r))
                    .collect(),
                withheld: p.withheld_records,
            });
        }
        if !plan.schemes.is_empty() || p.disclosure.schemes.count > 0 {
            let columns = scheme_columns::columns(plan, "");
            out.push(Table {
                page: page.clone(),
                table_id: "schemes-table".into(),
                name: "schemes".into(),
                title: format!("{}: schemes", plan.title),
                fields: columns.fields(),
                rows: scheme_columns::SchemeRow::of(plan, &p.disclosure.schemes)
                    .iter()
                    .map(|r| columns.cells(r))
                    .collect(),
                withheld: p.withheld_records,
            });
        }
        let several = |id: &crate::data::Id| d.schemes.get(id).is_some_and(|p| p.len() > 1);
        for s in plan.schemes.iter().filter(|s| !s.funding_lines.is_empty()) {
            let table_id = super::data_pages::funding_lines_table_id(&plan.id, several(&s.id));
            let lines = funding_columns::lines(plan, "");
            out.push(Table {
                page: s.url(),
                name: table_id.clone(),
                table_id,
                title: format!("{}: {}: funding lines", plan.title, s.name),
                fields: lines.fields(),
                rows: s.funding_lines.iter().map(|l| lines.cells(&l)).collect(),
                withheld: 0,
            });
        }
    }
    // A scheme's and a funding source's amounts in each plan that names them.
    for (id, places) in &d.schemes {
        let across = across_columns::across(d, places, |p, i| {
            let s = &d.plans[p].plan.schemes[i];
            (&s.amounts, s.confidential)
        });
        if let (Some(t), Some(s)) = (across, d.scheme(id)) {
            out.push(across_table(&t, s.url(), &s.name));
        }
    }
    for (id, places) in &d.funding {
        let across = across_columns::across(d, places, |p, i| {
            let f = &d.plans[p].plan.funding[i];
            (&f.amounts, f.confidential)
        });
        if let (Some(t), Some(f)) = (across, d.funding_source(id)) {
            out.push(across_table(&t, f.url(), &f.name));
        }
    }
    for m in &d.metrics {
        let m = &m.metric;
        let columns = super::data_pages::metric_columns::columns(m);
        out.push(Table {
            page: m.url(),
            table_id: format!("{}-table", m.id),
            name: "figures".into(),
            title: format!("{}: targets and figures", m.title()),
            fields: columns.fields(),
            rows: super::data_pages::metric_columns::periods(m)
                .iter()
                .map(|p| columns.cells(p))
                .collect(),
            withheld: 0,
        });
    }
    for q in &d.quarters {
        let quarter = &q.quarter;
        let page = quarter.url();
        if !quarter.metrics.is_empty() {
            let columns = quarter_columns::metrics(d, "");
            out.push(Table {
                page: page.clone(),
                table_id: "metrics-table".into(),
                name: "metrics".into(),
                title: format!(
                    "{}: progress on each measure, as reported",
                    quarter.period.label()
                ),
                fields: columns.fields(),
                rows: quarter.metrics.iter().map(|r| columns.cells(&r)).collect(),
                withheld: q.withheld_records,
            });
        }
        if !quarter.spend.is_empty() {
            let units = d
                .plans
                .iter()
                .find(|p| p.plan.id == quarter.plan)
                .map_or(Units::Pounds, |p| p.plan.units);
            let columns = quarter_columns::spend(d, units, "");
            out.push(Table {
                page,
                table_id: "spend-table".into(),
                name: "spend".into(),
                title: format!("{}: spend, planned and actual", quarter.period.label()),
                fields: columns.fields(),
                rows: quarter.spend.iter().map(|r| columns.cells(&r)).collect(),
                withheld: q.withheld_records,
            });
        }
    }
    out.extend(super::data_pages::conditions_tables(model));
    out.extend(super::data_pages::minimums_tables(model));
    out.extend(super::data_pages::year_end_tables(model));
    out.extend(super::data_pages::capacity_tables(model));
    out
}

/// The download of a scheme's or funding source's amounts in each plan.
fn across_table(t: &across_columns::Across, page: String, name: &str) -> Table {
    let columns = across_columns::columns(t, "");
    Table {
        page,
        table_id: across_columns::TABLE_ID.into(),
        name: across_columns::FILE_NAME.into(),
        title: format!("{name}: amounts by plan and year"),
        fields: columns.fields(),
        rows: t.rows.iter().map(|r| columns.cells(r)).collect(),
        withheld: 0,
    }
}

/// A text cell a spreadsheet would run as a formula gets a leading apostrophe.
pub fn neutralise(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

pub(crate) fn to_csv(t: &Table) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = w.write_record(t.fields.iter().map(|f| neutralise(&f.name)));
    for row in &t.rows {
        let _ = w.write_record(row.iter().map(|c| match c {
            Cell::Text(s) => neutralise(s),
            Cell::Number(d) => d.to_string(),
            Cell::Empty => String::new(),
        }));
    }
    w.into_inner().unwrap_or_default()
}

fn number(d: &Decimal) -> Value {
    // Exact: serde_json keeps the digits as written (arbitrary_precision).
    d.to_string()
        .parse::<serde_json::Number>()
        .map_or(Value::Null, Value::Number)
}

/// A table's rows as JSON objects, by field name.
pub(crate) fn json_rows(t: &Table) -> Vec<Value> {
    t.rows
        .iter()
        .map(|row| {
            let mut m = Map::new();
            for (f, c) in t.fields.iter().zip(row) {
                let v = match c {
                    Cell::Text(s) => Value::String(s.clone()),
                    Cell::Number(d) => number(d),
                    Cell::Empty => Value::Null,
                };
                m.insert(f.name.clone(), v);
            }
            Value::Object(m)
        })
        .collect()
}

fn to_json(t: &Table, site: &SiteView) -> Vec<u8> {
    let rows = json_rows(t);
    let doc = json!({
        "title": t.title,
        "source": format!("{}{}", site.base_url, t.page),
        "licence": {"name": site.licence.name, "path": site.licence.url},
        "withheld_records": t.withheld,
        "fields": t.fields.iter().map(|f| json!({"name": f.name, "type": if f.numeric { "number" } else { "string" }})).collect::<Vec<_>>(),
        "rows": rows,
    });
    let mut bytes = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

fn datapackage(tables: &[Table], site: &SiteView) -> Vec<u8> {
    let resources: Vec<Value> = tables
        .iter()
        .map(|t| {
            let mut description = format!("From {}{}", site.base_url, t.page);
            if t.withheld > 0 {
                description.push_str(&format!(
                    ". {} confidential record{} withheld.",
                    t.withheld,
                    if t.withheld == 1 { " was" } else { "s were" }
                ));
            }
            json!({
                "name": t.path("csv").trim_end_matches(".csv").replace('/', "-").to_lowercase(),
                "path": t.path("csv"),
                "title": t.title,
                "description": description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": t.fields.iter().map(|f| {
                    let mut field = json!({"name": f.name, "type": if f.numeric { "number" } else { "string" }});
                    if let Some(d) = &f.description { field["description"] = json!(d); }
                    field
                }).collect::<Vec<_>>()},
            })
        })
        .collect();
    let doc = json!({
        "profile": "tabular-data-package",
        "name": crate::content::slug::slugify(&site.title),
        "title": site.title,
        "homepage": site.base_url,
        "licenses": [{"name": site.licence.id, "path": site.licence.url, "title": site.licence.name}],
        "resources": resources,
    });
    let mut bytes = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralise("=SUM(A1:A9)"), "'=SUM(A1:A9)");
        assert_eq!(neutralise("@cmd"), "'@cmd");
        assert_eq!(neutralise("-2+3"), "'-2+3");
        assert_eq!(neutralise("Falls service"), "Falls service");
    }

    #[test]
    fn csv_is_rfc4180_with_exact_numbers() {
        let t = Table {
            page: "plans/p/".into(),
            table_id: "t".into(),
            name: "schemes".into(),
            title: "T".into(),
            fields: vec![
                crate::render::data_pages::columns::text("name"),
                Field {
                    name: "2024-25 (£000)".into(),
                    numeric: true,
                    description: None,
                },
            ],
            rows: vec![
                vec![
                    Cell::Text("Falls, \"lifting\"".into()),
                    Cell::Number("1240.50".parse().unwrap()),
                ],
                vec![
                    Cell::Text("=HYPERLINK()".into()),
                    Cell::Number("-3".parse().unwrap()),
                ],
                vec![Cell::Text("Gap".into()), Cell::Empty],
            ],
            withheld: 0,
        };
        let csv = String::from_utf8(to_csv(&t)).unwrap();
        assert_eq!(
            csv,
            "name,2024-25 (£000)\r\n\"Falls, \"\"lifting\"\"\",1240.50\r\n'=HYPERLINK(),-3\r\nGap,\r\n"
        );
    }

    #[test]
    fn json_numbers_are_exact() {
        assert_eq!(
            serde_json::to_string(&number(&"683.96".parse().unwrap())).unwrap(),
            "683.96"
        );
        assert_eq!(
            serde_json::to_string(&number(&"0.30".parse().unwrap())).unwrap(),
            "0.30"
        );
    }
}
