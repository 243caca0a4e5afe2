//! Reading a workbook (or a CSV table) into sheets of plain cells, and finding what
//! must not be published: hidden sheets, hidden rows and columns, and formulas with
//! no saved value.
//!
//! calamine reads the values and the formulas, and says which sheets are hidden. It
//! does not say which rows or columns are hidden, so for `.xlsx`/`.xlsm` we read each
//! sheet's XML (`<row hidden="1">`, `<col hidden="1">`) and for `.ods` the
//! `content.xml` (`table:visibility="collapse"`) with zip and quick-xml, which calamine
//! already depends on. Nothing here opens the network.

use std::collections::{BTreeSet, HashMap};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use calamine::{Data, Ods, Reader, SheetVisible, Xlsx, open_workbook};
use quick_xml::events::{BytesStart, Event};

use crate::diagnostic::Diagnostic;

/// One cell as read: a value, and whether it is a formula Excel saved no value for.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Value {
    #[default]
    Empty,
    Text(String),
    Number(f64),
    Int(i64),
    Bool(bool),
    /// An error value (`#REF!`) or a date given as text, shown as text in messages.
    Other(String),
    /// A date cell: Excel's serial number of days (1 April 2024 is 45383).
    Date(f64),
    /// A formula with no saved value: its text.
    Unsaved(String),
}

impl Value {
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as a person sees it, for messages.
    pub fn shown(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(t) | Value::Other(t) => t.clone(),
            Value::Number(n) => n.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
            Value::Date(d) => format!("a date ({d})"),
            Value::Unsaved(f) => format!("={}", f.trim_start_matches('=')),
        }
    }

    /// Text of a text cell, trimmed; numbers as their shortest text.
    pub fn text(&self) -> Option<String> {
        match self {
            Value::Empty | Value::Unsaved(_) => None,
            v => Some(v.shown().trim().to_string()).filter(|t| !t.is_empty()),
        }
    }
}

/// A sheet as a grid of cells by absolute (0-based) row and column.
#[derive(Clone, Debug, Default)]
pub struct Sheet {
    pub name: String,
    pub hidden: Option<&'static str>,
    rows: Vec<Vec<Value>>,
    pub hidden_rows: BTreeSet<u32>,
    pub hidden_cols: BTreeSet<u32>,
}

impl Sheet {
    pub fn from_rows(name: &str, rows: Vec<Vec<Value>>) -> Sheet {
        Sheet {
            name: name.into(),
            rows,
            ..Sheet::default()
        }
    }

    pub fn height(&self) -> u32 {
        self.rows.len() as u32
    }

    pub fn width(&self) -> u32 {
        self.rows.iter().map(Vec::len).max().unwrap_or(0) as u32
    }

    pub fn get(&self, row: u32, col: u32) -> &Value {
        static EMPTY: Value = Value::Empty;
        self.rows
            .get(row as usize)
            .and_then(|r| r.get(col as usize))
            .unwrap_or(&EMPTY)
    }

    pub fn row(&self, row: u32) -> &[Value] {
        self.rows.get(row as usize).map_or(&[], Vec::as_slice)
    }

    /// `'6a. Expenditure'!F12`, as Excel writes a reference.
    pub fn cell_ref(&self, row: u32, col: u32) -> String {
        format!("{}!{}{}", self.quoted_name(), column_name(col), row + 1)
    }

    /// `'6a. Expenditure'!12:12`, a whole row.
    pub fn row_ref(&self, row: u32) -> String {
        format!("{}!{}:{}", self.quoted_name(), row + 1, row + 1)
    }

    /// The name as a reference writes it: quoted when it has spaces or punctuation.
    /// The name as a formula writes it (`'5. Income'`), on one line: a line break
    /// in a name (Excel's own forms cannot type one; a hand-made file can) would
    /// end the YAML comment it is written in.
    pub fn quoted_name(&self) -> String {
        if self
            .name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            self.name.clone()
        } else {
            let one_line: String = self
                .name
                .chars()
                .map(|c| if breaks_a_line(c) { ' ' } else { c })
                .collect();
            format!("'{}'", one_line.replace('\'', "''"))
        }
    }
}

/// A character a YAML reader or a terminal may take as the end of a line, or that
/// should not be written raw into a comment: control characters, NEL, and the
/// Unicode line and paragraph separators.
pub fn breaks_a_line(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')
}

/// `0` → `A`, `25` → `Z`, `26` → `AA`.
pub fn column_name(col: u32) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A workbook: its file name for messages, and its sheets in order.
#[derive(Clone, Debug, Default)]
pub struct Workbook {
    pub file: String,
    pub sheets: Vec<Sheet>,
}

impl Workbook {
    /// Names the workbook's file in a diagnostic about one of its cells.
    pub fn at(&self, d: Diagnostic, sheet: &Sheet, row: u32, col: u32) -> Diagnostic {
        let text = sheet.get(row, col).shown();
        d.at_cell(self.file.clone(), sheet.cell_ref(row, col), text)
    }
}

enum Kind {
    Xlsx,
    Ods,
}

/// Opens `.xlsx`, `.xlsm` or `.ods` and reads every sheet; any other kind is refused,
/// since we could not see its hidden rows.
pub fn open(path: &Path, shown_as: &str) -> Result<Workbook, Diagnostic> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let kind = match ext.as_deref() {
        Some("xlsx" | "xlsm") => Kind::Xlsx,
        Some("ods") => Kind::Ods,
        _ => {
            return Err(Diagnostic::error(
                "import-unsupported-file",
                "bcfsite imports .xlsx, .xlsm and .ods workbooks, and .csv tables with --table",
            )
            .in_file(shown_as)
            .with_help(
                "open it in Excel or LibreOffice and save it as an Excel workbook (.xlsx)",
            ));
        }
    };
    let unreadable = |e: String| {
        Diagnostic::error("import-unreadable", format!("the workbook could not be read: {e}"))
            .in_file(shown_as)
            .with_help("check that the file is the workbook itself, not a shortcut or a copy that was cut short, and that it opens in a spreadsheet program")
    };
    let sheets = match kind {
        Kind::Xlsx => {
            let mut wb: Xlsx<_> =
                open_workbook(path).map_err(|e: calamine::XlsxError| unreadable(e.to_string()))?;
            let mut sheets = read_sheets(&mut wb).map_err(unreadable)?;
            mark_hidden_xlsx(path, &mut sheets).map_err(unreadable)?;
            sheets
        }
        Kind::Ods => {
            let mut wb: Ods<_> =
                open_workbook(path).map_err(|e: calamine::OdsError| unreadable(e.to_string()))?;
            let mut sheets = read_sheets(&mut wb).map_err(unreadable)?;
            mark_hidden_ods(path, &mut sheets).map_err(unreadable)?;
            sheets
        }
    };
    Ok(Workbook {
        file: shown_as.into(),
        sheets,
    })
}

fn read_sheets<R>(wb: &mut R) -> Result<Vec<Sheet>, String>
where
    R: Reader<BufReader<File>>,
    R::Error: std::fmt::Display,
{
    let meta: Vec<(String, SheetVisible)> = wb
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible))
        .collect();
    let mut out = Vec::with_capacity(meta.len());
    for (name, visible) in meta {
        let values = wb.worksheet_range(&name).map_err(|e| e.to_string())?;
        let formulas = wb.worksheet_formula(&name).map_err(|e| e.to_string())?;
        let (h, w) = match values
            .end()
            .into_iter()
            .chain(formulas.end())
            .reduce(|a, b| (a.0.max(b.0), a.1.max(b.1)))
        {
            Some((r, c)) => (r as usize + 1, c as usize + 1),
            None => (0, 0),
        };
        let mut rows = vec![vec![Value::Empty; w]; h];
        for (r, c, v) in values.used_cells() {
            let (r, c) = (
                r + values.start().map_or(0, |s| s.0 as usize),
                c + values.start().map_or(0, |s| s.1 as usize),
            );
            rows[r][c] = value_of(v);
        }
        for (r, c, f) in formulas.used_cells() {
            let (r, c) = (
                r + formulas.start().map_or(0, |s| s.0 as usize),
                c + formulas.start().map_or(0, |s| s.1 as usize),
            );
            if !f.is_empty() && rows[r][c].is_empty() {
                rows[r][c] = Value::Unsaved(f.clone());
            }
        }
        out.push(Sheet {
            name,
            hidden: match visible {
                SheetVisible::Visible => None,
                SheetVisible::Hidden => Some("hidden"),
                SheetVisible::VeryHidden => Some("very hidden"),
            },
            rows,
            ..Sheet::default()
        });
    }
    Ok(out)
}

fn value_of(d: &Data) -> Value {
    match d {
        Data::Empty => Value::Empty,
        Data::String(s) => Value::Text(s.clone()),
        Data::Float(f) => Value::Number(*f),
        Data::Int(i) => Value::Int(*i),
        Data::Bool(b) => Value::Bool(*b),
        Data::Error(e) => Value::Other(e.to_string()),
        Data::DateTime(d) => Value::Date(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Value::Other(s.clone()),
    }
}

/// Reads an entry of the zip as text.
fn zip_text(zip: &mut zip::ZipArchive<File>, name: &str) -> Result<Option<String>, String> {
    let mut entry = match zip.by_name(name) {
        Ok(e) => e,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    let mut text = String::new();
    entry.read_to_string(&mut text).map_err(|e| e.to_string())?;
    Ok(Some(text))
}

/// An attribute's value, its escapes read (`C&amp;D` is the sheet `C&D`).
fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| {
            let raw = String::from_utf8_lossy(&a.value);
            quick_xml::escape::unescape(&raw).map_or_else(|_| raw.to_string(), |t| t.into_owned())
        })
}

fn truthy(v: Option<String>) -> bool {
    matches!(v.as_deref(), Some("1" | "true"))
}

/// Every start or empty element of an XML text, with a callback.
fn each_element(xml: &str, mut f: impl FnMut(&BytesStart, bool)) -> Result<(), String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) => f(&e, false),
            Event::Empty(e) => f(&e, true),
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// Hidden rows and columns of each sheet of an `.xlsx`: the workbook lists each
/// sheet's relationship id, the relationships give its XML part.
fn mark_hidden_xlsx(path: &Path, sheets: &mut [Sheet]) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(File::open(path).map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;
    let workbook = zip_text(&mut zip, "xl/workbook.xml")?.ok_or("it has no xl/workbook.xml")?;
    let rels = zip_text(&mut zip, "xl/_rels/workbook.xml.rels")?.unwrap_or_default();
    let mut targets: HashMap<String, String> = HashMap::new();
    each_element(&rels, |e, _| {
        if e.local_name().as_ref() == b"Relationship"
            && let (Some(id), Some(target)) = (attr(e, b"Id"), attr(e, b"Target"))
        {
            let part = match target.strip_prefix('/') {
                Some(abs) => abs.to_string(),
                None => format!("xl/{target}"),
            };
            targets.insert(id, part);
        }
    })?;
    let mut parts: HashMap<String, String> = HashMap::new();
    each_element(&workbook, |e, _| {
        if e.local_name().as_ref() == b"sheet"
            && let (Some(name), Some(id)) = (attr(e, b"name"), attr(e, b"r:id"))
            && let Some(part) = targets.get(&id)
        {
            parts.insert(name, part.clone());
        }
    })?;
    for sheet in sheets {
        let Some(part) = parts.get(&sheet.name) else {
            return Err(format!("the sheet {} has no part in the file", sheet.name));
        };
        let xml = zip_text(&mut zip, part)?.ok_or_else(|| format!("{part} is missing"))?;
        let mut next_row = 0u32;
        each_element(&xml, |e, _| match e.local_name().as_ref() {
            b"row" => {
                let r = attr(e, b"r")
                    .and_then(|r| r.parse::<u32>().ok())
                    .unwrap_or(next_row + 1);
                next_row = r;
                if truthy(attr(e, b"hidden")) {
                    sheet.hidden_rows.insert(r - 1);
                }
            }
            b"col" if truthy(attr(e, b"hidden")) => {
                let min = attr(e, b"min")
                    .and_then(|m| m.parse::<u32>().ok())
                    .unwrap_or(1);
                let max = attr(e, b"max")
                    .and_then(|m| m.parse::<u32>().ok())
                    .unwrap_or(min);
                // A hidden run to the end of the sheet (max 16384) is capped at what holds data.
                let last = max.min(min.max(sheet.width()) + 1);
                sheet.hidden_cols.extend((min - 1)..last);
            }
            _ => {}
        })?;
    }
    Ok(())
}

/// Hidden (collapsed or filtered) rows and columns of each table of an `.ods`.
fn mark_hidden_ods(path: &Path, sheets: &mut [Sheet]) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(File::open(path).map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;
    let content = zip_text(&mut zip, "content.xml")?.ok_or("it has no content.xml")?;
    let mut current: Option<usize> = None;
    let (mut row, mut col) = (0u32, 0u32);
    let mut depth_rows = 0u32;
    let by_name: HashMap<String, usize> = sheets
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.clone(), i))
        .collect();
    let widths: Vec<u32> = sheets.iter().map(Sheet::width).collect();
    let heights: Vec<u32> = sheets.iter().map(Sheet::height).collect();
    each_element(&content, |e, _| {
        let hidden = matches!(
            attr(e, b"table:visibility").as_deref(),
            Some("collapse" | "filter")
        );
        match e.name().as_ref() {
            b"table:table" => {
                current = attr(e, b"table:name").and_then(|n| by_name.get(&n).copied());
                (row, col, depth_rows) = (0, 0, 0);
            }
            b"table:table-row" => {
                let n: u32 = attr(e, b"table:number-rows-repeated")
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(1);
                if let Some(i) = current
                    && hidden
                {
                    let last = (row + n).min(row.max(heights[i]) + 1);
                    sheets[i].hidden_rows.extend(row..last);
                }
                row += n;
                depth_rows += 1;
            }
            b"table:table-column" => {
                let n: u32 = attr(e, b"table:number-columns-repeated")
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(1);
                if let Some(i) = current
                    && hidden
                {
                    let last = (col + n).min(col.max(widths[i]) + 1);
                    sheets[i].hidden_cols.extend(col..last);
                }
                col += n;
            }
            _ => {}
        }
    })?;
    let _ = depth_rows;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_are_excel_letters() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn references_quote_sheet_names_as_excel_does() {
        let s = Sheet::from_rows("6a. Expenditure", vec![]);
        assert_eq!(s.cell_ref(11, 5), "'6a. Expenditure'!F12");
        assert_eq!(s.row_ref(11), "'6a. Expenditure'!12:12");
        let s = Sheet::from_rows("Income", vec![]);
        assert_eq!(s.cell_ref(0, 0), "Income!A1");
    }
}
