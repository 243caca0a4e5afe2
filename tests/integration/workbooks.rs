//! Synthetic national BCF workbooks for the import tests, written with
//! rust_xlsxwriter: a grid of cells per sheet, and the awkward things real ones have
//! (a title merged across the top, the header on row 7, columns in another order,
//! extra columns, spacer rows, numbers typed as text, formula totals, hidden parts).

use std::path::Path;

use rust_xlsxwriter::{Format, Formula, Workbook};

use crate::support::TestSite;

#[derive(Clone, Debug)]
pub enum C {
    E,
    T(&'static str),
    N(f64),
    /// A formula and its saved value (`None`: saved without one).
    F(&'static str, Option<&'static str>),
}

#[derive(Clone, Debug, Default)]
pub struct SheetSpec {
    pub name: String,
    /// Rows from the top; the first is row 1.
    pub rows: Vec<Vec<C>>,
    pub hidden: bool,
    pub hidden_rows: Vec<u32>,
    pub hidden_cols: Vec<u16>,
    /// A merged title across the first row: (last column, text).
    pub merged_title: Option<(u16, &'static str)>,
}

pub fn sheet(name: &str, rows: Vec<Vec<C>>) -> SheetSpec {
    SheetSpec {
        name: name.into(),
        rows,
        ..SheetSpec::default()
    }
}

pub fn write(path: &Path, sheets: &[SheetSpec]) {
    write_with_dates(path, sheets, &[]);
}

/// Removes the saved value of the given formulas, as a program that writes formulas
/// without calculating them leaves them (rust_xlsxwriter always saves one).
fn drop_saved_values(path: &Path, formulas: &[&str]) {
    use std::io::{Read, Write};
    let bytes = std::fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name.starts_with("xl/worksheets/") {
            let mut text = String::from_utf8(data).unwrap();
            for f in formulas {
                let f = f.trim_start_matches('=');
                let open = format!("<f>{f}</f><v>");
                while let Some(at) = text.find(&open) {
                    let end = at + open.len() + text[at + open.len()..].find("</v>").unwrap() + 4;
                    text.replace_range(at..end, &format!("<f>{f}</f>"));
                }
            }
            data = text.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap();
}

use C::{E, F, N, T};

fn blank(n: usize) -> Vec<Vec<C>> {
    vec![Vec::new(); n]
}

/// A Cover sheet whose merged title names the template.
pub fn cover(title: &'static str, area: &'static str) -> SheetSpec {
    let mut rows = blank(5);
    rows[3] = vec![T("Health and Wellbeing Board:"), E, T(area)];
    SheetSpec {
        merged_title: Some((5, title)),
        ..sheet("2. Cover", rows)
    }
}

/// The 2023-25 template, as a county might fill it in: header on row 7 of each sheet.
pub fn plan_2023_25() -> Vec<SheetSpec> {
    let mut income = blank(6);
    income[1] = vec![T("Income")];
    income.extend([
        vec![
            E,
            T("Funding Sources"),
            T("Income 2023-24"),
            T("Income 2024-25"),
        ],
        vec![
            E,
            T("Minimum NHS Contribution"),
            N(1_000_000.0),
            N(1_050_000.0),
        ],
        vec![E, T("iBCF"), T("£500,000.00"), T("500,000")],
        vec![],
        vec![E, T("DFG"), N(200_000.0), N(200_000.0)],
        vec![
            E,
            T("Total"),
            F("=SUM(C8:C11)", Some("1700000")),
            F("=SUM(D8:D11)", Some("1750000")),
        ],
    ]);
    let mut exp = blank(6);
    // Columns in another order than the template's, with two extra ones.
    exp.push(vec![
        T("Scheme ID"),
        T("Scheme Name"),
        T("Internal notes"),
        T("Source of Funding"),
        T("Expenditure for 2024-25 (£)"),
        T("Expenditure for 2023-24 (£)"),
        T("Brief Description of Scheme"),
        T("Scheme Type"),
        T("Sub Types"),
        T("Area of Spend"),
        T("Commissioner"),
        T("% NHS (if Joint Commissioner)"),
        T("% LA (if Joint Commissioner)"),
        T("Provider"),
        T("Planned output 2024-25"),
        T("Units"),
        T("New/ Existing Scheme"),
        T("Checked by"),
    ]);
    let scheme = |id, name, note, source, y2, y1, desc, joint: (C, C), output: C| {
        vec![
            T(id),
            T(name),
            T(note),
            T(source),
            y2,
            y1,
            T(desc),
            T("Urgent Community Response"),
            T("Falls response"),
            T("Community Health"),
            T(if matches!(joint.0, E) { "NHS" } else { "Joint" }),
            joint.0,
            joint.1,
            T("Importshire Community Trust"),
            output,
            T("call-outs"),
            T("Existing"),
            T("AB"),
        ]
    };
    exp.push(scheme(
        "1",
        "Falls Lifting Service",
        "CANARY-IMPORT-NOTE",
        "Minimum NHS Contribution",
        N(630_000.0),
        N(600_000.0),
        "Lifts people who have fallen.",
        (N(0.6), N(0.4)),
        N(1250.0),
    ));
    exp.push(scheme(
        "1",
        "Falls Lifting Service",
        "",
        "iBCF",
        N(100_000.0),
        N(100_000.0),
        "Lifts people who have fallen.",
        (N(0.6), N(0.4)),
        E,
    ));
    exp.push(vec![]);
    exp.push(scheme(
        "2",
        "Home Care",
        "",
        "Minimum NHS Contribution",
        N(420_000.0),
        N(400_000.0),
        "Care at home.",
        (E, E),
        E,
    ));
    exp.push(scheme(
        "3",
        "Reablement",
        "",
        "iBCF",
        T("400,000"),
        T("£400,000.00"),
        "Short-term help to regain skills.",
        (E, E),
        E,
    ));
    exp.push(scheme(
        "4",
        "Home Adaptations",
        "",
        "DFG",
        N(200_000.0),
        N(200_000.0),
        "Adaptations to homes.",
        (E, E),
        E,
    ));
    exp.push(vec![]);
    exp.push(vec![
        E,
        T("Total"),
        E,
        E,
        F("=SUM(E8:E14)", Some("1750000")),
        F("=SUM(F8:F14)", Some("1700000")),
    ]);
    vec![
        sheet("1. Guidance", vec![vec![T("How to fill in this template")]]),
        cover("Better Care Fund 2023-25 Planning Template", "Importshire"),
        SheetSpec {
            merged_title: Some((3, "5. Income")),
            ..sheet("5. Income", income)
        },
        SheetSpec {
            merged_title: Some((8, "6a. Expenditure")),
            ..sheet("6a. Expenditure", exp)
        },
    ]
}

/// The 2024-25 update template: one year, sheets numbered differently, header on row 3.
pub fn plan_2024_25() -> Vec<SheetSpec> {
    let income = vec![
        vec![],
        vec![],
        vec![T("Funding Sources"), T("2024-25")],
        vec![T("Minimum NHS Contribution"), N(800_000.0)],
        vec![T("Additional NHS Contribution"), T("£ 50,000")],
        vec![T("Total"), F("=SUM(B4:B5)", Some("850000"))],
    ];
    let exp = vec![
        vec![T("Expenditure")],
        vec![],
        vec![
            T("Scheme Name"),
            T("Source of Funding"),
            T("Expenditure for 2024-25 (£)"),
            T("Commissioner"),
            T("New/ Existing Scheme"),
        ],
        vec![
            T("Discharge to Assess"),
            T("Minimum NHS Contribution"),
            N(500_000.0),
            T("ICB"),
            T("New"),
        ],
        vec![
            T("Carers' Breaks"),
            T("Minimum NHS Contribution"),
            N(300_000.0),
            T("LA"),
            T("Existing"),
        ],
        vec![
            T("Carers' Breaks"),
            T("Additional NHS Contribution"),
            N(50_000.0),
            T("LA"),
            T("Existing"),
        ],
        vec![T("Total"), E, F("=SUM(C4:C6)", Some("850000"))],
    ];
    vec![
        cover("Better Care Fund 2024-25 Update Template", "Updateshire"),
        sheet("4. Income", income),
        sheet("5. Expenditure", exp),
    ]
}

/// The 2024-25 workbook with a national conditions sheet: a title, the header on
/// row 4, a heading row without an answer, and a narrative in the column after.
pub fn plan_2024_25_with_conditions() -> Vec<SheetSpec> {
    let mut book = plan_2024_25();
    book.push(sheet(
        "5. Conditions",
        vec![
            vec![T("National Conditions")],
            vec![],
            vec![],
            vec![
                T("National Condition"),
                T("Has the condition been met?"),
                T("If the answer is \"No\" please provide an explanation"),
            ],
            vec![T("Planning requirements")],
            vec![T("1) A jointly agreed plan"), T("Yes")],
            vec![
                T("2) Enabling people to stay well, safe and independent at home for longer"),
                T("Partially"),
                T("Two falls posts were vacant until October: \"recruited\"."),
            ],
            vec![
                T("3) Provide the right care in the right place at the right time"),
                T("yes "),
            ],
        ],
    ));
    book
}

/// A date cell written over a sheet's grid by [`write_with_dates`]: the sheet's
/// name, its row and column (from 0), and the date.
pub type DateCell = (&'static str, u32, u16, (u16, u8, u8));

/// [`write`], with some cells dates formatted as Excel shows a month ("Apr-24"), as
/// the capacity and demand sheets head their month columns.
pub fn write_with_dates(path: &Path, sheets: &[SheetSpec], dates: &[DateCell]) {
    use rust_xlsxwriter::ExcelDateTime;
    let month = Format::new().set_num_format("mmm-yy");
    let mut wb = Workbook::new();
    for spec in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&spec.name).unwrap();
        if let Some((last, text)) = spec.merged_title {
            ws.merge_range(0, 0, 0, last, text, &Format::new().set_bold())
                .unwrap();
        }
        for (r, row) in spec.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    C::E => {}
                    C::T(t) => {
                        ws.write_string(r, c, *t).unwrap();
                    }
                    C::N(n) => {
                        ws.write_number(r, c, *n).unwrap();
                    }
                    C::F(f, value) => {
                        let formula = Formula::new(*f).set_result(value.unwrap_or(""));
                        ws.write_formula(r, c, formula).unwrap();
                    }
                }
            }
        }
        for (_, r, c, (y, m, d)) in dates.iter().filter(|d| d.0 == spec.name) {
            let date = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
            ws.write_datetime_with_format(*r, *c, &date, &month)
                .unwrap();
        }
        for r in &spec.hidden_rows {
            ws.set_row_hidden(*r).unwrap();
        }
        for c in &spec.hidden_cols {
            ws.set_column_hidden(*c).unwrap();
        }
        if spec.hidden {
            ws.set_hidden(true);
        }
    }
    wb.save(path).unwrap();
    let unsaved: Vec<&str> = sheets
        .iter()
        .flat_map(|s| s.rows.iter().flatten())
        .filter_map(|c| match c {
            C::F(f, None) => Some(*f),
            _ => None,
        })
        .collect();
    if !unsaved.is_empty() {
        drop_saved_values(path, &unsaved);
    }
}

/// The 2024-25 workbook with its capacity and demand sheets, as a county might fill
/// them in: a guidance sheet (not data); the hospital discharge sheet's capacity
/// months as date cells and its demand months as text ("Apr-24", "May 24", "June
/// 2024"), one demand row per referring trust, a blank month, a spacer row, a Total
/// row and a service the template does not list; the community sheet's header on
/// row 3 with months as `2024-04`. The dates are [`CAPACITY_DATES`].
pub fn plan_2024_25_with_capacity() -> Vec<SheetSpec> {
    let mut book = plan_2024_25();
    book.push(sheet(
        "5.1 C&D guidance & assumptions",
        vec![
            vec![T("Capacity - Hospital Discharge")],
            vec![T("Service Area"), T("Apr-23")],
            vec![T("Enter the expected demand by month")],
        ],
    ));
    book.push(SheetSpec {
        merged_title: Some((5, "Capacity & Demand - Hospital Discharge")),
        ..sheet(
            "5.2 C&D Hospital Discharge",
            vec![
                vec![],
                vec![T("Unit:"), T("people")],
                vec![],
                vec![T("3.1 Capacity - Hospital Discharge")],
                // C5:E5 are date cells.
                vec![T("Service Area"), T("Notes")],
                vec![
                    T("Reablement & Rehabilitation at home (pathway 1)"),
                    E,
                    N(620.0),
                    N(620.0),
                    N(640.0),
                ],
                vec![],
                vec![
                    T("Reablement & Rehabilitation in a bedded setting (pathway 2)"),
                    T("May not yet agreed"),
                    N(160.0),
                    E,
                    N(160.0),
                ],
                vec![
                    T("Step-down flats (pathway 2)"),
                    E,
                    N(10.0),
                    N(10.0),
                    N(12.0),
                ],
                vec![T("Total"), E, N(790.0), N(630.0), N(812.0)],
                vec![],
                vec![T("3.2 Demand - Hospital Discharge")],
                vec![
                    T("Trust Referral Source"),
                    T("Service Area"),
                    T("Apr-24"),
                    T("May 24"),
                    T("June 2024"),
                ],
                vec![
                    T("Lancashire Teaching Hospitals"),
                    T("Reablement & Rehabilitation at home (pathway 1)"),
                    N(400.1),
                    N(410.0),
                    N(450.0),
                ],
                vec![
                    T("Blackpool Teaching Hospitals"),
                    T("Reablement and rehabilitation at home (Pathway 1)"),
                    N(200.2),
                    T("230"),
                    N(250.0),
                ],
                vec![
                    T("Lancashire Teaching Hospitals"),
                    T("Reablement & Rehabilitation in a bedded setting (pathway 2)"),
                    N(150.0),
                    N(155.0),
                    N(170.0),
                ],
            ],
        )
    });
    book.push(sheet(
        "5.3 C&D Community",
        vec![
            vec![],
            vec![E, T("Capacity - Community")],
            vec![
                E,
                T("Service Area"),
                T("2024-04"),
                T("2024-05"),
                T("2024-06"),
            ],
            vec![
                E,
                T("Urgent Community Response"),
                N(1000.0),
                N(1000.0),
                N(1000.0),
            ],
            vec![
                E,
                T("Social support (including VCS)"),
                N(300.0),
                N(300.0),
                N(300.0),
            ],
            vec![],
            vec![E, T("Demand - Community")],
            vec![
                E,
                T("Service Area"),
                T("2024-04"),
                T("2024-05"),
                T("2024-06"),
            ],
            vec![
                E,
                T("Urgent Community Response"),
                N(900.0),
                N(950.0),
                N(1000.0),
            ],
            vec![
                E,
                T("Social support (including VCS)"),
                N(250.0),
                N(260.0),
                E,
            ],
        ],
    ));
    book
}

/// The date cells of [`plan_2024_25_with_capacity`]: April to June 2024 heading the
/// hospital discharge capacity block.
pub const CAPACITY_DATES: [DateCell; 3] = [
    ("5.2 C&D Hospital Discharge", 4, 2, (2024, 4, 1)),
    ("5.2 C&D Hospital Discharge", 4, 3, (2024, 5, 1)),
    ("5.2 C&D Hospital Discharge", 4, 4, (2024, 6, 1)),
];

/// The 2023-24 end of year template, filled in for the council of [`plan_2023_25`]:
/// the national conditions, the income table (header on row 5, "£500,000.00" typed as
/// text) with the expenditure totals below it, and the spend sheet (header on row 8,
/// columns in another order, extra ones, a scheme with two funding rows, a blank
/// actual, numbers as text, formula totals with saved values).
pub fn year_end_2023_24() -> Vec<SheetSpec> {
    let mut income = blank(4);
    income.extend([
        vec![
            E,
            T("Funding Sources"),
            T("2023-24 Planned Income"),
            T("Comments"),
            T("2023-24 Actual Income"),
        ],
        vec![
            E,
            T("Minimum NHS Contribution"),
            N(1_000_000.0),
            E,
            N(1_000_000.0),
        ],
        vec![E, T("iBCF"), T("£500,000.00"), T("Late"), N(480_000.0)],
        vec![E, T("DFG"), N(200_000.0), E, N(195_000.0)],
        vec![
            E,
            T("Total"),
            F("=SUM(C6:C8)", Some("1700000")),
            E,
            F("=SUM(E6:E8)", Some("1675000")),
        ],
        vec![],
        vec![E, T("Expenditure")],
        vec![E, E, T("Planned Expenditure"), E, T("Actual Expenditure")],
        vec![
            E,
            T("2023-24"),
            N(1_700_000.0),
            E,
            F("=SUM('6. Spend and activity'!D9:D15)", Some("1480000")),
        ],
    ]);
    let mut spend = blank(7);
    spend[1] = vec![T("Spend and activity")];
    spend.push(vec![
        T("Scheme ID"),
        T("Scheme Name"),
        T("Source of Funding"),
        T("Actual Expenditure to date (£)"),
        T("Planned Expenditure (£)"),
        T("Internal notes"),
        T("Scheme Type"),
        T("Sub Types"),
        T("Planned Outputs"),
        T("Outputs delivered to date"),
        T("Implementation Issues"),
    ]);
    let row = |id, name, source, actual: C, planned: C, note, issues| {
        vec![
            T(id),
            T(name),
            T(source),
            actual,
            planned,
            T(note),
            T("Urgent Community Response"),
            T("Falls response"),
            N(1250.0),
            N(1100.0),
            T(issues),
        ]
    };
    spend.push(row(
        "1",
        "Falls Lifting Service",
        "Minimum NHS Contribution",
        N(590_000.0),
        N(600_000.0),
        "CANARY-YEAR-END-INTERNAL-NOTE",
        "Two posts were vacant until October.",
    ));
    spend.push(row(
        "1",
        "Falls Lifting Service",
        "iBCF",
        N(100_000.0),
        N(100_000.0),
        "",
        "",
    ));
    spend.push(vec![]);
    spend.push(row(
        "2",
        "Home Care",
        "Minimum NHS Contribution",
        N(410_000.0),
        N(400_000.0),
        "",
        "",
    ));
    spend.push(row(
        "3",
        "Reablement",
        "iBCF",
        T("£380,000.00"),
        T("400,000"),
        "",
        "",
    ));
    spend.push(row("4", "Home Adaptations", "DFG", E, N(200_000.0), "", ""));
    spend.push(vec![]);
    spend.push(vec![
        E,
        T("Total"),
        E,
        F("=SUM(D9:D15)", Some("1480000")),
        F("=SUM(E9:E15)", Some("1700000")),
    ]);
    vec![
        sheet("1. Guidance", vec![vec![T("How to fill in this template")]]),
        cover(
            "Better Care Fund 2023-24 End of Year Template",
            "Importshire",
        ),
        sheet(
            "3. National Conditions",
            vec![
                vec![T("National Conditions")],
                vec![],
                vec![
                    T("National Condition"),
                    T("Confirmation"),
                    T("If the answer is \"No\" please provide an explanation"),
                ],
                vec![T("1) A jointly agreed plan"), T("Yes")],
                vec![
                    T(
                        "2) Implementing BCF Policy Objective 1: Enabling people to stay well, safe and independent at home for longer",
                    ),
                    T("No"),
                    T("Falls posts were vacant until October."),
                ],
            ],
        ),
        sheet(
            "4. Metrics",
            vec![vec![T("Metric"), T("Actual")], vec![T("Falls"), N(1.0)]],
        ),
        SheetSpec {
            merged_title: Some((4, "5. Income and Expenditure")),
            ..sheet("5. Income and Expenditure", income)
        },
        sheet("6. Spend and activity", spend),
    ]
}

/// The 2024-25 year-end template for the council of [`plan_2024_25`]: other labels
/// ("Planned", "Actual"), the header of the spend sheet on row 3, a scheme with two
/// funding rows, no conditions sheet.
pub fn year_end_2024_25() -> Vec<SheetSpec> {
    let income = vec![
        vec![T("Funding Source"), T("Planned"), T("Actual")],
        vec![T("Minimum NHS Contribution"), N(800_000.0), N(800_000.0)],
        vec![T("Additional NHS Contribution"), T("£ 50,000"), T("50,000")],
        vec![
            T("Total"),
            F("=SUM(B2:B3)", Some("850000")),
            F("=SUM(C2:C3)", Some("850000")),
        ],
    ];
    let spend = vec![
        vec![T("Spend and activity")],
        vec![],
        vec![
            T("Scheme Name"),
            T("Source of Funding"),
            T("Planned Expenditure (£)"),
            T("Actual Expenditure to date (£)"),
        ],
        vec![
            T("Discharge to Assess"),
            T("Minimum NHS Contribution"),
            N(500_000.0),
            N(520_000.0),
        ],
        vec![
            T("Carers' Breaks"),
            T("Minimum NHS Contribution"),
            N(300_000.0),
            N(290_000.5),
        ],
        vec![
            T("Carers' Breaks"),
            T("Additional NHS Contribution"),
            N(50_000.0),
            N(49_999.5),
        ],
        vec![
            T("Total"),
            E,
            F("=SUM(C4:C6)", Some("850000")),
            F("=SUM(D4:D6)", Some("860000")),
        ],
    ];
    vec![
        cover("BCF 2024-25 Year-End Template", "Updateshire"),
        sheet("5. Income and Expenditure", income),
        sheet("6. Spend and activity", spend),
    ]
}

/// Import options for a workbook into a fixture site's `content/data`.
pub fn import_options(site: &TestSite, book: &Path) -> bcfsite::import::ImportOptions {
    let mut o = bcfsite::import::ImportOptions::new(book);
    o.into = site.path().join("content/data");
    o
}

/// An import that must fail: its error codes, and its text with the site's folder
/// left out; nothing may have been written.
pub fn refused_import(site: &TestSite, book: &Path) -> (Vec<&'static str>, String) {
    let d =
        bcfsite::import::import(&import_options(site, book)).expect_err("the import should fail");
    assert!(
        !site.path().join("content/data").exists(),
        "a failed import wrote something"
    );
    let text = d
        .render_human(false)
        .replace(&format!("{}/", site.path().display()), "");
    (d.errors().map(|d| d.code).collect(), text)
}

/// Builds the site an import wrote `yaml` into: it must build without a warning.
pub fn build_imported(site: &TestSite, yaml: &str) -> bcfsite::Built {
    let built = site.build().unwrap_or_else(|d| {
        panic!(
            "the imported YAML does not build:\n{}\n{yaml}",
            d.render_human(false)
        )
    });
    assert!(
        built.warnings.is_empty(),
        "{}",
        built.warnings.render_human(false)
    );
    built
}
