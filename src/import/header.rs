//! Finding, never assuming, positions: a sheet by a part of its name, its header row
//! by scanning for the labels, and each column by its label.

use std::collections::HashMap;
use std::hash::Hash;

use super::profile::normalise;
use super::workbook::{Sheet, Workbook};
use crate::diagnostic::Diagnostic;

/// The first sheet whose name contains one of `patterns` (compared like labels).
pub fn find_sheet<'a>(wb: &'a Workbook, patterns: &[String]) -> Option<&'a Sheet> {
    let wanted: Vec<String> = patterns.iter().map(|p| normalise(p)).collect();
    wb.sheets.iter().find(|s| {
        wanted
            .iter()
            .any(|w| normalise(&s.name).contains(w.as_str()))
    })
}

/// The header row and the column of each label found in it.
#[derive(Debug)]
pub struct Header<K> {
    pub row: u32,
    pub columns: HashMap<K, u32>,
}

impl<K: Copy + Eq + Hash> Header<K> {
    pub fn col(&self, k: K) -> Option<u32> {
        self.columns.get(&k).copied()
    }
}

/// Scans the sheet from the top for the first row holding a label of every
/// `required` key; then maps every key whose label is in that row to its column.
/// Extra columns are ignored; two columns with one key's label are an error, since
/// we could not tell which to read.
pub fn find_header<K: Copy + Eq + Hash>(
    wb: &Workbook,
    sheet: &Sheet,
    wanted: &[(K, &[String])],
    required: &[K],
    describe: &dyn Fn(K) -> String,
) -> Result<Header<K>, Diagnostic> {
    let labels: Vec<(K, Vec<String>)> = wanted
        .iter()
        .map(|(k, variants)| (*k, variants.iter().map(|v| normalise(v)).collect()))
        .collect();
    let key_of = |text: &str| {
        let t = normalise(text);
        labels
            .iter()
            .find(|(_, variants)| variants.contains(&t))
            .map(|(k, _)| *k)
    };
    for row in 0..sheet.height() {
        let mut columns: HashMap<K, u32> = HashMap::new();
        let mut twice = None;
        for (col, v) in sheet.row(row).iter().enumerate() {
            let Some(text) = v.text() else { continue };
            if let Some(k) = key_of(&text)
                && columns.insert(k, col as u32).is_some()
            {
                twice.get_or_insert((k, col as u32));
            }
        }
        if !required.iter().all(|k| columns.contains_key(k)) {
            continue;
        }
        if let Some((k, col)) = twice {
            return Err(wb
                .at(
                    Diagnostic::error(
                        "import-duplicate-column",
                        format!(
                            "two columns of {} are labelled as {}",
                            sheet.name,
                            describe(k)
                        ),
                    ),
                    sheet,
                    row,
                    col,
                )
                .with_help("bcfsite cannot tell which to read; rename or delete one of them"));
        }
        return Ok(Header { row, columns });
    }
    let names: Vec<String> = required.iter().map(|k| describe(*k)).collect();
    Err(Diagnostic::error(
        "import-no-header",
        format!(
            "no row of the sheet {} has the labels {}",
            sheet.name,
            names.join(" and ")
        ),
    )
    .in_file(wb.file.clone())
    .with_help("the labels are compared without case or spaces; if your workbook words them differently, copy the built-in profile, add the words and pass it with --profile FILE"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::workbook::Value;

    fn t(s: &str) -> Value {
        Value::Text(s.into())
    }

    #[test]
    fn the_header_is_found_on_any_row_with_columns_in_any_order() {
        let sheet = Sheet::from_rows(
            "6a. Expenditure",
            vec![
                vec![t("Expenditure plan")],
                vec![],
                vec![
                    t("Notes"),
                    t("Source of  funding"),
                    t("Extra"),
                    t("SCHEME NAME"),
                ],
            ],
        );
        let wb = Workbook {
            file: "x.xlsx".into(),
            sheets: vec![sheet.clone()],
        };
        let name = vec!["Scheme Name".to_string()];
        let source = vec!["Source of Funding".to_string()];
        let h = find_header(&wb, &sheet, &[(1, &name), (2, &source)], &[1, 2], &|k| {
            k.to_string()
        })
        .unwrap();
        assert_eq!((h.row, h.col(1), h.col(2)), (2, Some(3), Some(1)));
        assert_eq!(
            find_sheet(&wb, &["expenditure".into()]).map(|s| s.name.as_str()),
            Some("6a. Expenditure")
        );
    }
}
