//! How long `bcfsite import` takes on a generated 2023-25 workbook of 300 schemes,
//! each paid from two sources (600 expenditure rows), with income and totals.
//!
//! ```text
//! cargo run --release --example import_bench            # 300 schemes
//! cargo run --release --example import_bench -- 3000    # or any number
//! ```
//!
//! It writes the workbook to a temporary folder, imports it (as `--dry-run`, so the
//! time is reading, checking and writing the YAML text, and reading that YAML back)
//! 20 times, and prints the median and the fastest.

use std::time::{Duration, Instant};

use bcfsite::import::{ImportOptions, import};
use rust_xlsxwriter::{Formula, Workbook, XlsxError};

const SOURCES: [&str; 4] = [
    "Minimum NHS Contribution",
    "iBCF",
    "DFG",
    "Additional NHS Contribution",
];

fn write(path: &std::path::Path, schemes: usize) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let cover = wb.add_worksheet();
    cover.set_name("2. Cover")?;
    cover.write_string(0, 0, "Better Care Fund 2023-25 Planning Template")?;
    cover.write_string(3, 0, "Health and Wellbeing Board:")?;
    cover.write_string(3, 2, "Benchmarkshire")?;
    let income = wb.add_worksheet();
    income.set_name("5. Income")?;
    for (c, l) in ["Funding Sources", "Income 2023-24", "Income 2024-25"]
        .iter()
        .enumerate()
    {
        income.write_string(6, c as u16, *l)?;
    }
    let per_source = (schemes * 2 / SOURCES.len()) as f64;
    for (i, s) in SOURCES.iter().enumerate() {
        let r = 7 + i as u32;
        income.write_string(r, 0, *s)?;
        income.write_number(r, 1, per_source * 15_000.0)?;
        income.write_number(r, 2, per_source * 15_500.0)?;
    }
    let exp = wb.add_worksheet();
    exp.set_name("6a. Expenditure")?;
    let labels = [
        "Scheme ID",
        "Scheme Name",
        "Brief Description of Scheme",
        "Scheme Type",
        "Sub Types",
        "Area of Spend",
        "Commissioner",
        "% NHS (if Joint Commissioner)",
        "% LA (if Joint Commissioner)",
        "Provider",
        "Source of Funding",
        "Expenditure for 2023-24 (£)",
        "Expenditure for 2024-25 (£)",
        "Planned output 2024-25",
        "Units",
        "New/ Existing Scheme",
    ];
    for (c, l) in labels.iter().enumerate() {
        exp.write_string(6, c as u16, *l)?;
    }
    let mut r = 7u32;
    for i in 0..schemes {
        for line in 0..2 {
            exp.write_string(r, 0, (i + 1).to_string())?;
            exp.write_string(r, 1, format!("Scheme number {} of the plan", i + 1))?;
            exp.write_string(
                r,
                2,
                "Support for people leaving hospital, at home and in the community.",
            )?;
            exp.write_string(r, 3, "Home Care or Domiciliary Care")?;
            exp.write_string(r, 4, "Domiciliary care packages")?;
            exp.write_string(r, 5, "Social Care")?;
            exp.write_string(r, 6, if i % 3 == 0 { "Joint" } else { "LA" })?;
            if i % 3 == 0 {
                exp.write_number(r, 7, 0.6)?;
                exp.write_number(r, 8, 0.4)?;
            }
            exp.write_string(r, 9, "Private Sector")?;
            exp.write_string(r, 10, SOURCES[(2 * i + line) % SOURCES.len()])?;
            exp.write_number(r, 11, 15_000.0 + line as f64)?;
            exp.write_string(r, 12, "£15,500.00")?;
            exp.write_number(r, 13, 125.0)?;
            exp.write_string(r, 14, "packages")?;
            exp.write_string(r, 15, "Existing")?;
            r += 1;
        }
    }
    exp.write_string(r + 1, 1, "Total")?;
    exp.write_formula(
        r + 1,
        11,
        Formula::new(format!("=SUM(L8:L{r})")).set_result("0"),
    )?;
    wb.save(path)
}

fn main() {
    let schemes: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(300);
    let dir = tempfile::tempdir().expect("temp dir");
    let book = dir.path().join("bcf.xlsx");
    write(&book, schemes).expect("workbook written");
    let mut opts = ImportOptions::new(&book);
    opts.into = dir.path().join("content/data");
    opts.dry_run = true;
    let mut times: Vec<Duration> = Vec::new();
    let mut summary = String::new();
    for _ in 0..20 {
        let start = Instant::now();
        let done = import(&opts).unwrap_or_else(|d| panic!("{}", d.render_human(false)));
        times.push(start.elapsed());
        summary = done.summary;
    }
    times.sort();
    println!("{summary}");
    println!(
        "import of {schemes} schemes ({} rows, {} KB): median {:.1} ms, fastest {:.1} ms over {} runs",
        schemes * 2,
        std::fs::metadata(&book)
            .map(|m| m.len() / 1024)
            .unwrap_or(0),
        times[times.len() / 2].as_secs_f64() * 1000.0,
        times[0].as_secs_f64() * 1000.0,
        times.len()
    );
}
