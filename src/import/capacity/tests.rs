//! The capacity and demand reader on small sheets: block headings, the header row,
//! the year the months must fall in.

use super::*;

#[test]
fn markers_ignore_numbering_dashes_and_case() {
    assert_eq!(
        key("3.1 Demand – Hospital Discharge"),
        key("Demand - hospital discharge")
    );
    assert!(
        !key("Capacity & Demand - Hospital Discharge")
            .starts_with(&key("Capacity - Hospital Discharge"))
    );
}

#[test]
fn the_2023_25_template_s_months_are_2023_24() {
    let t = |s: &str| Value::Text(s.into());
    let sheet = |month: &str| {
        Sheet::from_rows(
            "4.1 C&D Hospital Discharge",
            vec![
                vec![t("Capacity - Hospital Discharge")],
                vec![t("Service Area"), t(month)],
                vec![t("Short term domiciliary care (pathway 1)"), Value::Int(7)],
            ],
        )
    };
    let profile = Profile::built_in("2023-25").unwrap();
    let read_with = |month: &str| {
        let wb = Workbook {
            file: "x.xlsx".into(),
            sheets: vec![sheet(month)],
        };
        let (mut problems, mut warnings) = (Vec::new(), Vec::new());
        let c = read(&wb, &profile, &mut problems, &mut warnings).unwrap();
        (c, problems.iter().map(|d| d.code).collect::<Vec<_>>())
    };
    let (c, codes) = read_with("Mar-24");
    assert!(codes.is_empty(), "{codes:?}");
    assert_eq!(c.year.to_string(), "2023-24");
    assert_eq!(c.services[0].id, "discharge-short-term-domiciliary-care");
    assert_eq!(c.services[0].pathway, Some(1));
    assert_eq!(read_with("Apr-24").1, ["import-month-outside-year"]);
}

#[test]
fn a_heading_may_top_the_service_column_itself() {
    let t = |s: &str| Value::Text(s.into());
    let sheet = Sheet::from_rows(
        "C&D Community",
        vec![
            vec![t("Demand - Community"), t("Apr-24"), t("May-24")],
            vec![t("Urgent Community Response"), Value::Int(5), Value::Empty],
            vec![t("Night sitting"), Value::Number(2.5), Value::Number(3.0)],
        ],
    );
    let wb = Workbook {
        file: "x.xlsx".into(),
        sheets: vec![sheet],
    };
    let profile = Profile::built_in("2024-25").unwrap();
    let (mut problems, mut warnings) = (Vec::new(), Vec::new());
    let c = read(&wb, &profile, &mut problems, &mut warnings).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let got: Vec<(&str, usize)> = c
        .services
        .iter()
        .map(|s| (s.id.as_str(), s.demand.len()))
        .collect();
    assert_eq!(
        got,
        [("urgent-community-response", 1), ("night-sitting", 2)]
    );
    assert_eq!(
        c.services[1]
            .demand
            .values()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["2.5", "3"]
    );
}
