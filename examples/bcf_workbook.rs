//! Writes the example site's companion workbooks: the Lancashire plan of
//! `content/data/plan-2023-25.yaml` as the national BCF 2023-25 Planning Template
//! would hold it (Cover, Income and Expenditure sheets, amounts in pounds), and its
//! 2023-24 year-end return as the End of Year Template would (Cover, National
//! Conditions, Income and Expenditure, Spend and activity), which is
//! `content/data/year-end-2023-24.yaml`.
//!
//! ```text
//! cargo run --example bcf_workbook                  # writes both into examples/workbooks/
//! cargo run --example bcf_workbook -- PLAN.xlsx YEAR_END.xlsx
//! bcfsite import examples/workbooks/lancashire-bcf-2023-25.xlsx --into /tmp/imported
//! bcfsite import examples/workbooks/lancashire-bcf-2023-24-year-end.xlsx --into /tmp/imported
//! ```
//!
//! The amounts are the plan's ILLUSTRATIVE ones (in thousands there, in pounds here).
//! The template gives one row per scheme per source of funding; the plan names a
//! stream for most schemes (`fund`), and where it names none or several we chose a
//! plausible split (Discharge to Assess from the Additional Discharge Fund, the iBCF
//! and the NHS minimum; Crisis plus from the NHS additional contribution and the NHS
//! minimum). The year-end actuals are illustrative too: four lines differ from the
//! plan ([`ACTUALS`]), the rest were spent as planned. The tests
//! `import::the_example_workbook_imports_to_the_example_plan` and
//! `year_end_import::the_example_year_end_workbook_imports_to_the_example_return`
//! check that importing these workbooks gives the checked-in files.

use rust_xlsxwriter::{Format, Formula, Workbook, Worksheet, XlsxError};

const OUT: &str = "examples/workbooks/lancashire-bcf-2023-25.xlsx";
const YEAR_END_OUT: &str = "examples/workbooks/lancashire-bcf-2023-24-year-end.xlsx";

/// The year-end return's actual spending where it differs from the plan (£000), with
/// the implementation issue the return gives: scheme id, source, actual, issue.
/// Every other line was spent as planned, and income came in as planned.
const ACTUALS: [(&str, &str, u64, &str); 4] = [
    (
        "falls-lifting",
        "Minimum NHS Contribution",
        1_130,
        "Two lifting posts were vacant until October.",
    ),
    (
        "discharge-to-assess",
        "Additional Discharge Fund",
        16_240,
        "More people were discharged to assess over the winter than planned.",
    ),
    (
        "wearable-technology",
        "Minimum NHS Contribution",
        410,
        "The roll-out started in September, not April.",
    ),
    (
        "community-equipment",
        "Minimum NHS Contribution",
        20_450,
        "",
    ),
];

/// The four national conditions of 2023-24, each confirmed.
const CONDITIONS: [&str; 4] = [
    "1) A jointly agreed plan",
    "2) Implementing BCF Policy Objective 1: Enabling people to stay well, safe and independent at home for longer",
    "3) Implementing BCF Policy Objective 2: Providing the right care in the right place at the right time",
    "4) Maintaining NHS's contribution to adult social care and investment in NHS commissioned out of hospital services",
];

/// Funding sources: the template's words, and 2023-24 and 2024-25 in £000.
const INCOME: [(&str, u64, u64); 5] = [
    ("Minimum NHS Contribution", 98_000, 103_500),
    ("Additional NHS Contribution", 4_700, 4_700),
    ("iBCF", 46_100, 46_100),
    ("DFG", 15_600, 15_600),
    ("Additional Discharge Fund", 15_800, 17_910),
];

/// One row per scheme per source: id, name, commissioner, source, £000 for each year.
const ROWS: [(&str, &str, &str, &str, u64, u64); 19] = [
    (
        "falls-lifting",
        "Falls Lifting Response Service",
        "Joint",
        "Minimum NHS Contribution",
        1_200,
        1_240,
    ),
    (
        "discharge-to-assess",
        "Discharge to Assess",
        "",
        "Additional Discharge Fund",
        15_800,
        17_910,
    ),
    (
        "discharge-to-assess",
        "Discharge to Assess",
        "",
        "iBCF",
        15_000,
        15_000,
    ),
    (
        "discharge-to-assess",
        "Discharge to Assess",
        "",
        "Minimum NHS Contribution",
        29_200,
        31_090,
    ),
    (
        "discharge-teams",
        "County Council hospital discharge teams",
        "",
        "Minimum NHS Contribution",
        16_000,
        16_500,
    ),
    (
        "mental-health-discharge-teams",
        "Integrated mental health discharge teams",
        "",
        "Minimum NHS Contribution",
        2_600,
        2_700,
    ),
    (
        "take-home-and-settle",
        "Take Home and Settle (Age UK)",
        "",
        "Minimum NHS Contribution",
        900,
        950,
    ),
    (
        "crisis-plus",
        "Crisis plus home support after discharge",
        "",
        "Additional NHS Contribution",
        4_700,
        4_700,
    ),
    (
        "crisis-plus",
        "Crisis plus home support after discharge",
        "",
        "Minimum NHS Contribution",
        10_300,
        11_500,
    ),
    (
        "health-housing-coordinators",
        "Health and Housing Coordinators",
        "Lancashire County Council with district councils",
        "iBCF",
        1_100,
        1_150,
    ),
    (
        "home-recovery",
        "Lancashire Hospital Discharge Home Recovery scheme",
        "",
        "iBCF",
        25_000,
        25_000,
    ),
    (
        "positive-ageing",
        "Positive Ageing and Mental Health Wellbeing Scheme",
        "",
        "iBCF",
        2_300,
        2_300,
    ),
    (
        "carers-hub-officers",
        "Carers services officers in the discharge and intermediate care hubs (pilot)",
        "",
        "iBCF",
        400,
        420,
    ),
    (
        "carers-services",
        "Carers services (assessments, respite, information and advice)",
        "",
        "Minimum NHS Contribution",
        12_000,
        12_400,
    ),
    (
        "advocacy",
        "Lancashire Advocacy (contribution)",
        "",
        "Minimum NHS Contribution",
        1_500,
        1_550,
    ),
    (
        "wearable-technology",
        "Wearable technology to support hospital discharge",
        "",
        "Minimum NHS Contribution",
        600,
        700,
    ),
    (
        "community-equipment",
        "Community equipment and minor adaptations",
        "Joint",
        "Minimum NHS Contribution",
        20_000,
        20_800,
    ),
    (
        "roving-nights",
        "Roving Nights support",
        "Lancashire County Council",
        "Minimum NHS Contribution",
        6_000,
        6_300,
    ),
    (
        "dfg-districts",
        "Disabled Facilities Grant, passed to the 12 district councils",
        "District councils",
        "DFG",
        15_600,
        15_600,
    ),
];

fn main() -> Result<(), XlsxError> {
    let mut args = std::env::args().skip(1);
    let out = args.next().unwrap_or_else(|| OUT.to_string());
    let year_end_out = args.next().unwrap_or_else(|| YEAR_END_OUT.to_string());
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    guidance(wb.add_worksheet())?;
    cover(
        wb.add_worksheet(),
        &bold,
        "Better Care Fund 2023-25 Planning Template",
    )?;
    income(wb.add_worksheet(), &bold)?;
    expenditure(wb.add_worksheet(), &bold)?;
    wb.save(&out)?;
    println!("wrote {out}");
    let mut wb = Workbook::new();
    guidance(wb.add_worksheet())?;
    cover(
        wb.add_worksheet(),
        &bold,
        "Better Care Fund 2023-24 End of Year Template",
    )?;
    conditions(wb.add_worksheet(), &bold)?;
    year_end_income(wb.add_worksheet(), &bold)?;
    spend(wb.add_worksheet(), &bold)?;
    wb.save(&year_end_out)?;
    println!("wrote {year_end_out}");
    Ok(())
}

fn guidance(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_name("1. Guidance")?;
    ws.write_string(
        0,
        0,
        "Illustrative workbook for the bcfsite example site. The amounts are not Lancashire's.",
    )?;
    Ok(())
}

fn cover(ws: &mut Worksheet, bold: &Format, title: &str) -> Result<(), XlsxError> {
    ws.set_name("2. Cover")?;
    ws.merge_range(0, 0, 0, 5, title, bold)?;
    ws.write_string(3, 0, "Health and Wellbeing Board:")?;
    ws.write_string(3, 2, "Lancashire")?;
    ws.write_string(5, 0, "Completed by:")?;
    ws.write_string(5, 2, "Illustrative (bcfsite example)")?;
    Ok(())
}

/// A total cell: `=SUM(...)` over `rows` (0-based) of column `col`, saved with its
/// value (£000 → pounds), as Excel saves it.
fn sum_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    rows: std::ops::Range<u32>,
    thousands: u64,
) -> Result<(), XlsxError> {
    let letter = char::from(b'A' + col as u8);
    let f = format!("=SUM({letter}{}:{letter}{})", rows.start + 1, rows.end);
    ws.write_formula(
        row,
        col,
        Formula::new(f).set_result((thousands * 1000).to_string()),
    )?;
    Ok(())
}

fn pounds(thousands: u64) -> f64 {
    (thousands * 1000) as f64
}

fn income(ws: &mut Worksheet, bold: &Format) -> Result<(), XlsxError> {
    ws.set_name("5. Income")?;
    ws.merge_range(0, 0, 0, 3, "Income", bold)?;
    let header = 6;
    for (c, label) in ["Funding Sources", "Income 2023-24", "Income 2024-25"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(header, c as u16 + 1, *label, bold)?;
    }
    for (i, (source, y1, y2)) in INCOME.iter().enumerate() {
        let r = header + 1 + i as u32;
        ws.write_string(r, 1, *source)?;
        ws.write_number(r, 2, pounds(*y1))?;
        ws.write_number(r, 3, pounds(*y2))?;
    }
    let total = header + 1 + INCOME.len() as u32;
    let sum = |col: u64| {
        INCOME
            .iter()
            .map(|i| if col == 1 { i.1 } else { i.2 })
            .sum::<u64>()
    };
    ws.write_string_with_format(total, 1, "Total", bold)?;
    for (c, col) in [(2, 1), (3, 2)] {
        sum_cell(ws, total, c, header + 1..total, sum(col))?;
    }
    Ok(())
}

fn expenditure(ws: &mut Worksheet, bold: &Format) -> Result<(), XlsxError> {
    ws.set_name("6a. Expenditure")?;
    ws.merge_range(0, 0, 0, 6, "Expenditure", bold)?;
    let header = 6;
    let labels = [
        "Scheme ID",
        "Scheme Name",
        "Commissioner",
        "Source of Funding",
        "Expenditure for 2023-24 (£)",
        "Expenditure for 2024-25 (£)",
    ];
    for (c, label) in labels.iter().enumerate() {
        ws.write_string_with_format(header, c as u16, *label, bold)?;
    }
    let rows: Vec<_> = ROWS.iter().collect();
    for (i, (id, name, commissioner, source, y1, y2)) in rows.iter().enumerate() {
        let r = header + 1 + i as u32;
        ws.write_string(r, 0, *id)?;
        ws.write_string(r, 1, *name)?;
        if !commissioner.is_empty() {
            ws.write_string(r, 2, *commissioner)?;
        }
        ws.write_string(r, 3, *source)?;
        ws.write_number(r, 4, pounds(*y1))?;
        ws.write_number(r, 5, pounds(*y2))?;
    }
    let total = header + 2 + rows.len() as u32;
    ws.write_string_with_format(total, 1, "Total", bold)?;
    for (c, pick) in [(4u16, 0usize), (5, 1)] {
        let sum: u64 = rows.iter().map(|r| if pick == 0 { r.4 } else { r.5 }).sum();
        sum_cell(ws, total, c, header + 1..total - 1, sum)?;
    }
    Ok(())
}

fn conditions(ws: &mut Worksheet, bold: &Format) -> Result<(), XlsxError> {
    ws.set_name("3. National Conditions")?;
    ws.write_string_with_format(0, 0, "National Conditions", bold)?;
    for (c, label) in [
        "National Condition",
        "Confirmation",
        "If the answer is \"No\" please provide an explanation",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(2, c as u16, *label, bold)?;
    }
    for (i, text) in CONDITIONS.iter().enumerate() {
        ws.write_string(3 + i as u32, 0, *text)?;
        ws.write_string(3 + i as u32, 1, "Yes")?;
    }
    Ok(())
}

/// The actual (£000) of one row of the plan's expenditure in 2023-24.
fn actual(id: &str, source: &str, planned: u64) -> (u64, &'static str) {
    ACTUALS
        .iter()
        .find(|a| a.0 == id && a.1 == source)
        .map_or((planned, ""), |a| (a.2, a.3))
}

fn year_end_income(ws: &mut Worksheet, bold: &Format) -> Result<(), XlsxError> {
    ws.set_name("5. Income and Expenditure")?;
    ws.merge_range(0, 0, 0, 3, "Income and Expenditure", bold)?;
    let header = 4;
    for (c, label) in [
        "Funding Sources",
        "2023-24 Planned Income",
        "2023-24 Actual Income",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(header, c as u16 + 1, *label, bold)?;
    }
    for (i, (source, y1, _)) in INCOME.iter().enumerate() {
        let r = header + 1 + i as u32;
        ws.write_string(r, 1, *source)?;
        ws.write_number(r, 2, pounds(*y1))?;
        ws.write_number(r, 3, pounds(*y1))?;
    }
    let total = header + 1 + INCOME.len() as u32;
    let income: u64 = INCOME.iter().map(|i| i.1).sum();
    ws.write_string_with_format(total, 1, "Total", bold)?;
    for c in [2, 3] {
        sum_cell(ws, total, c, header + 1..total, income)?;
    }
    let planned: u64 = ROWS.iter().map(|r| r.4).sum();
    let spent: u64 = ROWS.iter().map(|r| actual(r.0, r.3, r.4).0).sum();
    let below = total + 2;
    ws.write_string_with_format(below, 1, "Expenditure", bold)?;
    ws.write_string_with_format(below + 1, 2, "Planned Expenditure", bold)?;
    ws.write_string_with_format(below + 1, 3, "Actual Expenditure", bold)?;
    ws.write_string(below + 2, 1, "2023-24")?;
    ws.write_number(below + 2, 2, pounds(planned))?;
    ws.write_number(below + 2, 3, pounds(spent))?;
    Ok(())
}

fn spend(ws: &mut Worksheet, bold: &Format) -> Result<(), XlsxError> {
    ws.set_name("6. Spend and activity")?;
    ws.merge_range(0, 0, 0, 5, "Spend and activity", bold)?;
    let header = 6;
    let labels = [
        "Scheme ID",
        "Scheme Name",
        "Source of Funding",
        "Planned Expenditure (£)",
        "Actual Expenditure to date (£)",
        "Implementation Issues",
    ];
    for (c, label) in labels.iter().enumerate() {
        ws.write_string_with_format(header, c as u16, *label, bold)?;
    }
    for (i, (id, name, _, source, y1, _)) in ROWS.iter().enumerate() {
        let r = header + 1 + i as u32;
        let (spent, issue) = actual(id, source, *y1);
        ws.write_string(r, 0, *id)?;
        ws.write_string(r, 1, *name)?;
        ws.write_string(r, 2, *source)?;
        ws.write_number(r, 3, pounds(*y1))?;
        ws.write_number(r, 4, pounds(spent))?;
        if !issue.is_empty() {
            ws.write_string(r, 5, issue)?;
        }
    }
    let total = header + 2 + ROWS.len() as u32;
    ws.write_string_with_format(total, 1, "Total", bold)?;
    let planned: u64 = ROWS.iter().map(|r| r.4).sum();
    let spent: u64 = ROWS.iter().map(|r| actual(r.0, r.3, r.4).0).sum();
    for (c, sum) in [(3u16, planned), (4, spent)] {
        sum_cell(ws, total, c, header + 1..total - 1, sum)?;
    }
    Ok(())
}
