//! Reading the year-end sheets: the income table and the expenditure totals below it,
//! and the spend sheet, whose rows (one per scheme per source of funding) are added
//! up into a line per scheme, exactly.

use std::collections::BTreeMap;

use super::super::header::{find_header, find_sheet};
use super::super::profile::{Profile, normalise};
use super::super::records::{self, Reader, SchemeOut};
use super::super::workbook::{Sheet, Workbook};
use super::{LineOut, YearEndOut, YearEndSheets};
use crate::data::Id;
use crate::data::amount::Amount;
use crate::data::year_end::PlannedActual;
use crate::diagnostic::Diagnostic;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Col {
    Label,
    SchemeId,
    Planned,
    Actual,
    Source,
    Note,
}

fn describe(planned: &[String], actual: &[String], label: &[String]) -> impl Fn(Col) -> String {
    let first = |v: &[String]| format!("\"{}\"", v.first().cloned().unwrap_or_default());
    let (p, a, l) = (first(planned), first(actual), first(label));
    move |k| match k {
        Col::Planned => p.clone(),
        Col::Actual => a.clone(),
        _ => l.clone(),
    }
}

/// The income table, its Total row, and the expenditure totals below it.
pub(super) fn income(
    wb: &Workbook,
    sheets: &YearEndSheets,
    profile: &Profile,
    out: &mut YearEndOut,
    problems: &mut Vec<Diagnostic>,
) {
    let spec = &sheets.income;
    let Some(sheet) = find_sheet(wb, &spec.sheet) else {
        return problems.push(records::missing_sheet(wb, "income", &spec.sheet));
    };
    let wanted: Vec<(Col, &[String])> = vec![
        (Col::Label, &spec.label),
        (Col::Planned, &spec.planned),
        (Col::Actual, &spec.actual),
    ];
    let header = match find_header(
        wb,
        sheet,
        &wanted,
        &[Col::Label, Col::Actual],
        &describe(&spec.planned, &spec.actual, &spec.label),
    ) {
        Ok(h) => h,
        Err(d) => return problems.push(d),
    };
    // The expenditure totals' own header ends the income table.
    let boxed = sheets.expenditure.as_ref().and_then(|b| {
        let wanted: Vec<(Col, &[String])> =
            vec![(Col::Planned, &b.planned), (Col::Actual, &b.actual)];
        find_header(wb, sheet, &wanted, &[Col::Planned, Col::Actual], &|_| {
            String::new()
        })
        .ok()
        .filter(|h| h.row > header.row)
    });
    let end = boxed.as_ref().map_or(sheet.height(), |h| h.row);
    let label_col = header.col(Col::Label).unwrap_or(0);
    let mut r = Reader {
        wb,
        sheet,
        problems,
    };
    for row in header.row + 1..end {
        let label = r.text(row, Some(label_col), false);
        let line = amounts(
            &mut r,
            row,
            header.col(Col::Planned),
            header.col(Col::Actual),
            "income",
        );
        let given = line.planned.is_some() || line.actual.is_some();
        let Some(label) = label else {
            if given {
                r.err(
                    Diagnostic::error(
                        "import-missing-name",
                        format!("{} has amounts but no funding source", sheet.row_ref(row)),
                    )
                    .with_help("name the funding source in this row, or delete the amounts"),
                    row,
                    label_col,
                );
            }
            continue;
        };
        let expenditure_row = sheets
            .expenditure
            .as_ref()
            .is_some_and(|b| b.label.iter().any(|l| normalise(l) == normalise(&label)));
        if expenditure_row && given {
            out.expenditure_total = Some((sheet.row_ref(row), both(&line)));
            continue;
        }
        if profile.is_total(&label) {
            out.income_total = Some((sheet.row_ref(row), both(&line)));
            continue;
        }
        match profile.source(&label) {
            Some(s) if out.income.iter().any(|(id, _, _)| *id == s.id) => r.err(
                Diagnostic::error(
                    "import-duplicate-row",
                    format!(
                        "{} names the funding source \"{}\" a second time",
                        sheet.row_ref(row),
                        s.name
                    ),
                )
                .with_help("give each funding source one row; add the amounts together"),
                row,
                label_col,
            ),
            Some(_) if !given => {}
            Some(s) => out.income.push((s.id.clone(), line, sheet.row_ref(row))),
            None if !given => {}
            None => r.err(
                records::unknown_source(profile, &label, &sheet.cell_ref(row, label_col)),
                row,
                label_col,
            ),
        }
    }
    if let Some(h) = boxed {
        let (p, a) = (h.col(Col::Planned), h.col(Col::Actual));
        let filled = (h.row + 1..sheet.height()).find(|&row| {
            [p, a]
                .into_iter()
                .flatten()
                .any(|c| !sheet.get(row, c).is_empty())
        });
        if let Some(row) = filled {
            let line = amounts(&mut r, row, p, a, "expenditure");
            out.expenditure_total = Some((sheet.row_ref(row), both(&line)));
        }
    }
}

fn both(line: &LineOut) -> PlannedActual {
    PlannedActual {
        planned: line.planned,
        actual: line.actual,
    }
}

fn amounts(
    r: &mut Reader,
    row: u32,
    planned: Option<u32>,
    actual: Option<u32>,
    what: &str,
) -> LineOut {
    LineOut {
        planned: planned.and_then(|c| r.money(row, c, &format!("the planned {what}"))),
        actual: actual.and_then(|c| r.money(row, c, &format!("the actual {what}"))),
        note: None,
    }
}

/// A row of the spend sheet, before a scheme's rows are added up.
struct SpendRow {
    row: u32,
    source: Option<Id>,
    line: LineOut,
}

/// Spending by scheme: a scheme's rows (one per source of funding) added up exactly.
pub(super) fn spend(
    wb: &Workbook,
    sheets: &YearEndSheets,
    profile: &Profile,
    out: &mut YearEndOut,
    problems: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) {
    let spec = &sheets.spend;
    let Some(sheet) = find_sheet(wb, &spec.sheet) else {
        return problems.push(records::missing_sheet(wb, "spend", &spec.sheet));
    };
    let wanted: Vec<(Col, &[String])> = vec![
        (Col::Label, &spec.name),
        (Col::SchemeId, &spec.scheme_id),
        (Col::Source, &spec.source),
        (Col::Planned, &spec.planned),
        (Col::Actual, &spec.actual),
        (Col::Note, &spec.note),
    ];
    let header = match find_header(
        wb,
        sheet,
        &wanted,
        &[Col::Label, Col::Actual],
        &describe(&spec.planned, &spec.actual, &spec.name),
    ) {
        Ok(h) => h,
        Err(d) => return problems.push(d),
    };
    let (name_col, source_col) = (header.col(Col::Label).unwrap_or(0), header.col(Col::Source));
    let mut r = Reader {
        wb,
        sheet,
        problems,
    };
    let mut rows: Vec<(SchemeOut, Vec<SpendRow>)> = Vec::new();
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    let mut total = None;
    for row in header.row + 1..sheet.height() {
        let name = r.text(row, Some(name_col), false);
        let template_id = r.text(row, header.col(Col::SchemeId), false);
        let mut line = amounts(
            &mut r,
            row,
            header.col(Col::Planned),
            header.col(Col::Actual),
            "expenditure",
        );
        let given = line.planned.is_some() || line.actual.is_some();
        if [&name, &template_id]
            .into_iter()
            .flatten()
            .any(|t| profile.is_total(t))
        {
            total = Some((sheet.row_ref(row), both(&line)));
            continue;
        }
        let Some(name) = name else {
            if given {
                r.err(
                    Diagnostic::error(
                        "import-missing-name",
                        format!("{} has amounts but no scheme name", sheet.row_ref(row)),
                    )
                    .with_help("name the scheme in this row, or delete the amounts"),
                    row,
                    name_col,
                );
            }
            continue;
        };
        line.note = r.text(row, header.col(Col::Note), true);
        let source = source_col.and_then(|c| match r.text(row, Some(c), false) {
            None => {
                r.err(
                    Diagnostic::error(
                        "import-missing-source",
                        format!(
                            "{} does not say where the money comes from",
                            sheet.cell_ref(row, c)
                        ),
                    )
                    .with_help("choose the funding source from the template's list"),
                    row,
                    c,
                );
                None
            }
            Some(text) => match profile.source(&text) {
                Some(s) => Some(s.id.clone()),
                None => {
                    r.err(
                        records::unknown_source(profile, &text, &sheet.cell_ref(row, c)),
                        row,
                        c,
                    );
                    None
                }
            },
        });
        let key = template_id.as_ref().map_or_else(
            || format!("name:{}", normalise(&name)),
            |t| format!("id:{}", normalise(t)),
        );
        let i = *by_key.entry(key).or_insert_with(|| {
            rows.push((
                SchemeOut {
                    template_id: template_id.clone(),
                    name: name.clone(),
                    ..SchemeOut::default()
                },
                Vec::new(),
            ));
            rows.len() - 1
        });
        let (scheme, earlier) = &mut rows[i];
        if let Some(s) = &source
            && earlier.iter().any(|e| e.source.as_ref() == Some(s))
        {
            r.err(
                Diagnostic::error(
                    "duplicate-funding-line",
                    format!(
                        "\"{}\" has a second row for the funding source `{s}`",
                        scheme.name
                    ),
                )
                .with_help("give one row per scheme per source; add the amounts together"),
                row,
                source_col.unwrap_or(0),
            );
            continue;
        }
        scheme.origin.push(sheet.row_ref(row));
        earlier.push(SpendRow { row, source, line });
    }
    let cols = (header.col(Col::Planned), header.col(Col::Actual));
    for (scheme, lines) in rows {
        let line = add_up(wb, sheet, &scheme.name, &lines, cols, warnings);
        if line.planned.is_some() || line.actual.is_some() || line.note.is_some() {
            out.schemes.push((scheme, line));
        }
    }
    match (&out.expenditure_total, total) {
        (None, t) => out.expenditure_total = t,
        (Some((at, declared)), Some((row, t)))
            if (declared.planned, declared.actual) != (t.planned, t.actual) =>
        {
            warnings.push(
                Diagnostic::warning(
                    "import-totals-differ",
                    format!(
                        "the Total row {row} does not give the expenditure totals that {at} gives"
                    ),
                )
                .at_place(wb.file.clone(), row.clone())
                .with_help("the import declares the totals of the income sheet; check which is right and correct the workbook"),
            );
        }
        _ => {}
    }
}

/// A scheme's planned and actual: the sum of its rows, exactly. Where some rows give
/// a figure and others leave it blank, a blank is "not given", not zero, so the
/// scheme's figure is not given either, with a warning naming the blank cell.
fn add_up(
    wb: &Workbook,
    sheet: &Sheet,
    name: &str,
    rows: &[SpendRow],
    (planned_col, actual_col): (Option<u32>, Option<u32>),
    warnings: &mut Vec<Diagnostic>,
) -> LineOut {
    let mut sum = |pick: fn(&LineOut) -> Option<Amount>, col: Option<u32>, what: &str| {
        let given: Vec<Amount> = rows.iter().filter_map(|r| pick(&r.line)).collect();
        if given.is_empty() {
            return None;
        }
        if let Some(blank) = rows.iter().find(|r| pick(&r.line).is_none()) {
            warnings.push(
                wb.at(
                    Diagnostic::warning(
                        "import-partly-given",
                        format!(
                            "{} gives no {what} for \"{name}\", but its other rows do",
                            sheet.cell_ref(blank.row, col.unwrap_or(0))
                        ),
                    )
                    .with_help(format!("a blank is not zero, so the scheme's {what} is left out; write 0 where nothing was spent, or give every row")),
                    sheet,
                    blank.row,
                    col.unwrap_or(0),
                ),
            );
            return None;
        }
        Some(given.into_iter().sum())
    };
    let planned = sum(|l| l.planned, planned_col, "planned expenditure");
    let actual = sum(|l| l.actual, actual_col, "actual expenditure");
    let mut notes: Vec<&str> = Vec::new();
    for n in rows.iter().filter_map(|r| r.line.note.as_deref()) {
        if !notes.contains(&n) {
            notes.push(n);
        }
    }
    LineOut {
        planned,
        actual,
        note: (!notes.is_empty()).then(|| notes.join(" ")),
    }
}
