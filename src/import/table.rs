//! `bcfsite import TABLE.csv --table expenditure|income|metrics`: one table saved
//! from a spreadsheet as CSV, read as a sheet of text cells (a CSV has no hidden rows
//! or formulas) and then exactly like the same sheet of a workbook.

use std::path::Path;

use super::workbook::{Sheet, Value, Workbook};
use crate::diagnostic::Diagnostic;

/// Which sheet of the template a CSV table is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Table {
    Expenditure,
    Income,
    Metrics,
}

/// A CSV table as one sheet named after the file; every cell is text.
pub fn read_csv(path: &Path, shown_as: &str) -> Result<Workbook, Diagnostic> {
    let unreadable = |e: String| {
        Diagnostic::error(
            "import-unreadable",
            format!("the table could not be read: {e}"),
        )
        .in_file(shown_as)
        .with_help("save the table as CSV (comma separated, UTF-8) from your spreadsheet program")
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .map_err(|e| unreadable(e.to_string()))?;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| unreadable(e.to_string()))?;
        rows.push(
            record
                .iter()
                .map(|c| {
                    let c = c.trim_start_matches('\u{feff}');
                    if c.trim().is_empty() {
                        Value::Empty
                    } else {
                        Value::Text(c.to_string())
                    }
                })
                .collect(),
        );
    }
    let name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("table")
        .to_string();
    Ok(Workbook {
        file: shown_as.into(),
        sheets: vec![Sheet::from_rows(&name, rows)],
    })
}
