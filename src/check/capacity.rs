//! Rules on one capacity and demand document (`kind: capacity`) that need nothing
//! else: every month is in the financial year its `year` names (April to March),
//! each service's id is used once, and a pathway is one of the national template's
//! hospital discharge pathways (0 to 3). They run on every service, confidential
//! ones too, and are errors: a month in the wrong year would be shown under the wrong
//! year's page, and a repeated id gives two services one row in the downloads.

use std::collections::BTreeMap;

use crate::data::capacity::Capacity;
use crate::data::period::{Month, Period};
use crate::diagnostic::{Diagnostic, SourceText};

pub fn check(c: &Capacity, src: &SourceText) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, s) in c.services.iter().enumerate() {
        let service = |src: &SourceText, key: &str| {
            crate::yaml::place(src, |r| Some(r.get("services")?.item(i)?.get(key)?.span()))
        };
        if let Some(first) = ids.insert(s.id.as_str(), i) {
            out.push(
                Diagnostic::error(
                    "duplicate-id",
                    format!(
                        "two services of this capacity and demand document have the id `{}`",
                        s.id
                    ),
                )
                .at(src, service(src, "id"))
                .with_note(format!("service {} is the first", first + 1))
                .with_help("give each service or pathway its own id"),
            );
        }
        if let Some(p) = s.pathway.filter(|p| *p > 3) {
            out.push(
                Diagnostic::error(
                    "unknown-pathway",
                    format!("`{p}` is not a hospital discharge pathway"),
                )
                .at(src, service(src, "pathway"))
                .with_help(
                    "the pathways are 0, 1, 2 and 3; leave `pathway` out if the service is not one",
                ),
            );
        }
        for (map, months) in [("demand", &s.demand), ("capacity", &s.capacity)] {
            for month in months.keys().filter(|m| !in_year(**m, c.year)) {
                let at = crate::yaml::place(src, |r| {
                    r.get("services")?
                        .item(i)?
                        .get(map)?
                        .get_where(|k| Month::parse(k) == Some(*month))?
                        .key_span()
                });
                out.push(
                    Diagnostic::error(
                        "month-outside-year",
                        format!(
                            "`{}` has {map} for {}, which is not in {} (April {} to March {})",
                            s.id,
                            month.label(),
                            c.year.short_label(),
                            c.year.start_year(),
                            c.year.start_year() + 1,
                        ),
                    )
                    .at(src, at)
                    .with_help(format!(
                        "check the month: {} runs from {}-04 to {}-03, so its January to March are written {}-01 to {}-03; or move the figure to the capacity and demand document for its own year",
                        c.year.short_label(),
                        c.year.start_year(),
                        c.year.start_year() + 1,
                        c.year.start_year() + 1,
                        c.year.start_year() + 1,
                    )),
                );
            }
        }
    }
    out
}

/// Whether a month is in the financial year `year` (April to the next March).
fn in_year(m: Month, year: Period) -> bool {
    let start = year.start_year();
    (m.year == start && m.month >= 4) || (m.year == start + 1 && m.month <= 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(body: &str) -> Vec<Diagnostic> {
        let text = format!("kind: capacity\nyear: 2024-25\nservices:\n{body}");
        let src = SourceText {
            path: "content/data/capacity.yaml".into(),
            text: text.clone().into(),
        };
        let c: Capacity = crate::yaml::parse(&src, 0..text.len()).unwrap();
        check(&c, &src)
    }

    #[test]
    fn months_run_from_april_to_the_next_march() {
        let m = |s: &str| Month::parse(s).unwrap();
        let y = Period::year(2024);
        assert!(in_year(m("2024-04"), y) && in_year(m("2025-03"), y));
        assert!(!in_year(m("2024-03"), y) && !in_year(m("2025-04"), y));
        assert!(!in_year(m("2023-12"), y));
    }

    #[test]
    fn a_month_outside_the_year_is_an_error_at_its_key() {
        let d = codes(
            "  - id: p1\n    name: Pathway 1\n    group: hospital_discharge\n    demand: {2024-04: 10}\n    capacity:\n      2024-05: 12\n      2024-03: 11\n",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].code, "month-outside-year");
        assert_eq!(
            d[0].message,
            "`p1` has capacity for March 2024, which is not in 2024/25 (April 2024 to March 2025)"
        );
        assert_eq!(d[0].line_column(), Some((10, 7)));
        assert!(
            d[0].help
                .as_deref()
                .unwrap()
                .contains("written 2025-01 to 2025-03")
        );
    }

    #[test]
    fn a_repeated_service_id_is_an_error() {
        let d = codes(
            "  - {id: p1, name: A, group: community}\n  - {id: p1, name: B, group: community}\n",
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "duplicate-id");
        assert_eq!(d[0].line_column(), Some((5, 10)));
    }

    #[test]
    fn a_pathway_is_0_to_3() {
        let d = codes(
            "  - {id: p4, name: A, group: hospital_discharge, pathway: 4}\n  - {id: p0, name: C, group: hospital_discharge, pathway: 0}\n",
        );
        let got: Vec<_> = d.iter().map(|d| (d.code, d.line_column())).collect();
        assert_eq!(got, [("unknown-pathway", Some((4, 59)))]);
    }
}
