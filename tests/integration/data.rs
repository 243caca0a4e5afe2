//! Plans, metrics and quarters become pages with exact figures.

use crate::support::*;

fn built() -> bcfsite::Built {
    TestSite::copy("valid/data")
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)))
}

#[test]
fn plan_tables_are_exact_with_separators_and_totals() {
    let b = built();
    let html = file(&b, "plans/plan-2023-25/index.html");
    let main = main_of(&html);
    assert!(main.contains("Money spent on each scheme, by year (£000)"));
    assert!(main.contains("<td class=\"numeric\">3,349.869</td>"));
    assert!(main.contains("<td class=\"numeric\">103,500.5</td>"));
    // 0.10 + 0.20 is 0.30, and 98000 + 0.10 is 98,000.10: exact, never via a float.
    assert!(
        main.contains("<td class=\"numeric\">98,000.10</td>"),
        "{main}"
    );
    assert!(main.contains("<td class=\"numeric\">103,500.70</td>"));
    // Scheme totals come from the published records only: 1200 + 3349.869.
    assert!(main.contains("<td class=\"numeric\">4,549.869</td>"));
    assert!(main.contains("2 items withheld from this page because they are confidential"));
    // The paper's declared total gives away the sum of the two withheld schemes, so
    // the page states it rather than leave it to be found.
    assert!(
        main.contains("2 schemes are withheld for 2023/24 because they are confidential. Together they come to £1.5 million."),
        "{main}"
    );
    assert!(main.contains("<tfoot>"));
    assert!(main.contains("£103.5 million (rounded; exact figures in the table below)"));
}

#[test]
fn a_plan_in_pounds_says_so_and_is_marked_illustrative() {
    let b = built();
    let main = file(&b, "plans/plan-2025-26/index.html");
    assert!(main.contains("(£)"));
    assert!(main.contains("<td class=\"numeric\">107,000,000</td>"));
    assert!(main.contains("are illustrative"));
}

#[test]
fn scheme_page_shows_every_plan_in_pounds_when_units_differ() {
    let b = built();
    let html = file(&b, "schemes/falls-lifting/index.html");
    let main = main_of(&html);
    assert!(main.contains("Assistive technologies and equipment"));
    assert!(main.contains("<dt>Commissioner</dt><dd>Joint</dd>"));
    assert!(main.contains("Amounts by plan and year (£)"));
    assert!(main.contains("<td class=\"numeric\">1,240,000</td>"));
    assert!(main.contains("<td class=\"numeric\">1,300,000</td>"));
    assert!(
        main.contains("href=\"/stories/falls/\""),
        "related narrative listed"
    );
    assert!(main.contains("<h2 id=\"feedback\">What people told us</h2>"));
    assert!(
        main.contains("href=\"/stories/carers/\""),
        "feedback listed under #feedback"
    );
}

#[test]
fn metric_page_shows_status_in_words_and_honest_figures() {
    let b = built();
    let html = file(&b, "metrics/residential-admissions/index.html");
    let main = main_of(&html);
    assert!(main.contains("Not on track"));
    // The quarterly return's status leads, attributed; the figures agree, so the
    // sentence that explains them follows.
    assert!(main.contains("Reported to the board as not on track (quarter 2, 2024/25)."));
    assert!(main.contains("The estimated figure for April to June 2024 was 683.96: at that pace it is on course for 2,735.84 in the year, above the target of 657 for 2024/25 (lower is better)."), "{main}");
    assert!(main.contains("Not yet available"));
    assert!(main.contains("Expected December 2024."));
    assert!(main.contains("Count: 342."));
    let discharge = file(&b, "metrics/discharge-home/index.html");
    assert!(discharge.contains("Partial data"));
    assert!(discharge.contains("April and May only"));
    assert!(discharge.contains("93.1%"));
    assert!(discharge.contains("On track"));
    assert!(discharge.contains("The partial figure (April and May only) for April to June 2024 was 93.1%, above the target of 92.5% for 2024/25 (higher is better)."), "{discharge}");
}

#[test]
fn quarter_page_shows_reported_status_and_spend() {
    let b = built();
    let html = file(&b, "quarters/2024-25-q2/index.html");
    let main = main_of(&html);
    assert!(main.contains("<h1>Quarter 2 2024/25 (July to September 2024)</h1>"));
    assert!(main.contains("Estimated 683.96 against a target of 657"));
    // 620 + 1700.25 planned, 598 + 1650.5 actual
    assert!(main.contains("<td class=\"numeric\">2,320.25</td>"));
    assert!(main.contains("<td class=\"numeric\">2,248.5</td>"));
}

#[test]
fn feedback_links_back_to_what_it_is_about() {
    let b = built();
    let html = file(&b, "stories/carers/index.html");
    assert!(html.contains("What this feedback is about"));
    assert!(
        html.contains("<a href=\"/metrics/discharge-home/\">People who go home from hospital</a>")
    );
    assert!(html.contains(
        "<a href=\"/quarters/2024-25-q2/\">Quarter 2 2024/25 (July to September 2024)</a>"
    ));
}

#[test]
fn indexes_exist_for_each_kind() {
    let b = built();
    for path in [
        "plans/index.html",
        "schemes/index.html",
        "funding/index.html",
        "metrics/index.html",
        "quarters/index.html",
    ] {
        assert!(find(&b, path).is_some(), "{path}");
    }
    let metrics = file(&b, "metrics/index.html");
    assert!(metrics.contains("1 metric withheld"));
}

#[test]
fn confidential_records_never_appear() {
    let b = built();
    for (path, text) in all_bytes(&b) {
        for canary in [
            "CANARY-PILOT",
            "CANARY-METRIC-NAME",
            "secret-pilot",
            "CANARY-TRIAL",
            "secret-trial",
            "secret-metric",
        ] {
            assert!(!text.contains(canary), "{canary} in {path}");
        }
    }
}

#[test]
fn declared_totals_are_not_published() {
    // The declared total includes the confidential schemes (4549.869 + 999 + 501):
    // only the sum of the published records may be shown.
    let b = built();
    assert!(!file(&b, "plans/plan-2023-25/index.html").contains("6,049.869"));
}

#[test]
fn snapshots_of_generated_pages() {
    let b = built();
    for (name, path) in [
        ("plan", "plans/plan-2023-25/index.html"),
        ("metric", "metrics/residential-admissions/index.html"),
        ("quarter", "quarters/2024-25-q2/index.html"),
    ] {
        let html = file(&b, path);
        insta::assert_snapshot!(name, main_of(&html));
    }
}

#[test]
fn relating_to_an_unknown_id_suggests_the_nearest() {
    let site = TestSite::copy("valid/data");
    site.write(
        "content/stories/bad.md",
        "---\ntitle: Bad\nrelates_to: [falls-liftin]\n---\n",
    );
    let d = site.build().unwrap_err();
    let e = d.errors().next().unwrap();
    assert_eq!(e.code, "unknown-id");
    assert_eq!(e.help.as_deref(), Some("did you mean `falls-lifting`?"));
    assert_eq!(e.line_column(), Some((3, 14)));
}

#[test]
fn relating_to_a_confidential_record_names_both_files() {
    let site = TestSite::copy("valid/data");
    site.write(
        "content/stories/bad.md",
        "---\ntitle: Bad\nrelates_to: [secret-pilot]\n---\n",
    );
    let d = site.build().unwrap_err();
    let e = d.errors().next().unwrap();
    assert_eq!(e.code, "relates-to-confidential");
    assert_eq!(e.file.as_deref(), Some("content/stories/bad.md"));
    assert!(e.notes[0].contains("content/data/plan-2023-25.yaml"));
}

#[test]
fn a_contradicted_reported_status_is_a_warning() {
    let site = TestSite::copy("valid/data");
    let q =
        std::fs::read_to_string(site.path().join("content/data/quarter-2024-25-q2.yaml")).unwrap();
    site.write(
        "content/data/quarter-2024-25-q2.yaml",
        &q.replace(
            "{status: not_on_track, note: Estimated 683.96 against a target of 657}",
            "{status: on_track}",
        ),
    );
    let b = site.build().unwrap();
    let w: Vec<_> = b.warnings.warnings().map(|w| w.code).collect();
    assert_eq!(w, ["reported-status-differs"]);
    // The page shows the status as reported.
    assert!(main_of(&file(&b, "quarters/2024-25-q2/index.html")).contains("<td>On track</td>"));
}

#[test]
fn a_quarter_for_a_missing_plan_is_an_error() {
    let site = TestSite::copy("valid/data");
    site.write(
        "content/data/q3.yaml",
        "kind: quarter\nperiod: 2024-25-Q3\nplan: plan-2023-52\n",
    );
    let d = site.build().unwrap_err();
    let e = d.errors().next().unwrap();
    assert_eq!(e.code, "unknown-id");
    assert_eq!(e.help.as_deref(), Some("did you mean `plan-2023-25`?"));
}

#[test]
fn declared_totals_that_differ_are_warnings_with_both_figures() {
    // With every scheme published: both figures and the difference.
    let site = TestSite::copy("valid/data");
    let p = std::fs::read_to_string(site.path().join("content/data/plan-2023-25.yaml")).unwrap();
    site.write(
        "content/data/plan-2023-25.yaml",
        &p.replace("6049.869", "6050")
            .replace("    confidential: true\n", ""),
    );
    let b = site.build().unwrap();
    let w = b.warnings.warnings().next().unwrap();
    assert_eq!(w.code, "total-differs");
    assert_eq!(
        w.message,
        "the declared schemes total for 2023-24 is 6,050 but the schemes add up to 6,049.869 (a difference of £131)"
    );
    assert!(w.help.as_deref().unwrap().contains("probably rounding"));
    assert_eq!(w.line_column(), Some((29, 13)));
}

#[test]
fn a_differing_total_with_withheld_records_in_it_does_not_print_their_sum() {
    // The sum includes two withheld schemes; less the published ones (on the page)
    // it would be their amount, in a build log anyone may read.
    let site = TestSite::copy("valid/data");
    let p = std::fs::read_to_string(site.path().join("content/data/plan-2023-25.yaml")).unwrap();
    site.write(
        "content/data/plan-2023-25.yaml",
        &p.replace("6049.869", "6050"),
    );
    let b = site.build().unwrap();
    let w = b.warnings.warnings().next().unwrap();
    assert_eq!(w.code, "total-differs");
    assert_eq!(
        w.message,
        "the declared schemes total for 2023-24 is 6,050, but the schemes (with 2 withheld) add up to a different figure"
    );
    let text = b.warnings.render_human(false);
    assert!(
        !text.contains("6,049.869") && !text.contains("1,500"),
        "{text}"
    );
}

#[test]
fn shortcodes_embed_tables_and_status() {
    let b = built();
    let html = file(&b, "stories/progress/index.html");
    let main = main_of(&html);
    assert!(main.contains("<table id=\"residential-admissions-table\">"));
    assert!(main.contains("tag--not-on-track\">Not on track</strong>"));
    assert!(main.contains("<table id=\"schemes-table\">"));
    assert!(
        main.contains("<td class=\"numeric\">4,549.869</td>"),
        "plan totals from published records"
    );
    assert!(main.contains("<dt>Type</dt><dd>Assistive technologies and equipment</dd>"));
    assert!(
        main.contains("<code>{{ metric(id=\"shown-as-code\") }}"),
        "code blocks are left alone"
    );
    assert!(!main.contains("BCFSHORTCODE"));
}

#[test]
fn a_shortcode_error_points_at_the_markdown_line() {
    let site = TestSite::copy("valid/data");
    site.write(
        "content/stories/bad.md",
        "---\ntitle: Bad\n---\n\nIntro.\n\n{{ metric(id=\"residential-admission\") }}\n",
    );
    let d = site.build().unwrap_err();
    let e = d.errors().next().unwrap();
    assert_eq!(e.code, "unknown-id");
    assert_eq!(e.file.as_deref(), Some("content/stories/bad.md"));
    assert_eq!(e.line_column(), Some((7, 1)));
    assert_eq!(
        e.help.as_deref(),
        Some("did you mean `residential-admissions`?")
    );
    insta::assert_snapshot!("shortcode-error", d.render_human(false));
}

#[test]
fn embedding_a_confidential_record_is_an_error() {
    let site = TestSite::copy("valid/data");
    site.write(
        "content/stories/bad.md",
        "---\ntitle: Bad\n---\n\n{{ metric(id=\"secret-metric\") }}\n",
    );
    let d = site.build().unwrap_err();
    assert_eq!(d.errors().next().unwrap().code, "embeds-confidential");
}

#[test]
fn a_plan_without_published_amounts_lists_its_records() {
    let site = TestSite::copy("valid/data");
    site.write(
        "content/data/plan-early.yaml",
        "kind: plan\nid: plan-early\ntitle: Early plan\nyears: [2026-27]\nunits: thousands\nfunding:\n  - {id: early-fund, name: Early fund}\nschemes:\n  - {id: early-scheme, name: Early scheme, fund: BCF}\n",
    );
    let b = site.build().unwrap();
    let html = file(&b, "plans/plan-early/index.html");
    let main = main_of(&html);
    assert!(main.contains("Schemes in this plan (amounts not yet published)"));
    assert!(main.contains("<td>BCF</td>"));
    assert!(main.contains("do not give amounts for this plan yet"));
    assert!(
        !main.contains("class=\"numeric\""),
        "no grid of blank amounts"
    );
}

#[test]
fn feedback_names_its_source_and_consent_everywhere_it_appears() {
    let b = built();
    let html = file(&b, "stories/carers/index.html");
    let main = main_of(&html);
    assert!(
        main.contains(
            "<a href=\"https://healthwatch.data.example/carers\">Dataville Healthwatch</a>"
        )
    );
    assert!(main.contains("<time datetime=\"2024-09-15\">15 September 2024</time>"));
    assert!(main.contains("Summer 2024"));
    assert!(main.contains("<h2 id=\"consent\""));
    assert!(
        main.contains("<blockquote>"),
        "quotes are marked up as quotations"
    );
    let scheme = file(&b, "schemes/falls-lifting/index.html");
    let feedback = &scheme[scheme.find("id=\"feedback\"").unwrap()..];
    assert!(feedback.contains("From Dataville Healthwatch"));
}

mod downloads {
    use super::*;
    use rust_decimal::Decimal;

    fn csv_rows(b: &bcfsite::Built, path: &str) -> (Vec<String>, Vec<Vec<String>>) {
        let text = file(b, path);
        assert!(text.contains("\r\n"), "RFC 4180 line endings");
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let headers = r.headers().unwrap().iter().map(str::to_string).collect();
        let rows = r
            .records()
            .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
            .collect();
        (headers, rows)
    }

    #[test]
    fn csv_and_json_add_up_to_the_page_totals() {
        let b = built();
        let (headers, rows) = csv_rows(&b, "plans/plan-2023-25/schemes.csv");
        assert_eq!(
            headers,
            [
                "id",
                "name",
                "type",
                "commissioner",
                "fund",
                "2023-24 (£000)",
                "2024-25 (£000)",
                "sub_type",
                "area_of_spend",
                "provider",
                "new_or_existing",
                "joint_nhs_percent",
                "joint_council_percent",
                "output_unit",
                "output 2023-24",
                "output 2024-25",
                "counts_towards"
            ]
        );
        let sum: Decimal = rows.iter().map(|r| r[5].parse::<Decimal>().unwrap()).sum();
        assert_eq!(sum.to_string(), "4549.869");
        let page = file(&b, "plans/plan-2023-25/index.html");
        assert!(page.contains(&format!("<td class=\"numeric\">{}</td>", "4,549.869")));
        let json: serde_json::Value =
            serde_json::from_str(&file(&b, "plans/plan-2023-25/funding.json")).unwrap();
        let total: Decimal = json["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["2023-24 (£000)"].to_string().parse::<Decimal>().unwrap())
            .sum();
        assert_eq!(total.to_string(), "98000.10");
        assert_eq!(json["withheld_records"], 2);
        assert_eq!(json["licence"]["name"], "Open Government Licence v3.0");
    }

    #[test]
    fn confidential_records_are_not_in_downloads() {
        let b = built();
        let (_, rows) = csv_rows(&b, "plans/plan-2023-25/schemes.csv");
        assert!(rows.iter().all(|r| r[0] != "secret-pilot"));
    }

    #[test]
    fn tables_link_to_their_downloads_with_sizes() {
        let b = built();
        let page = file(&b, "quarters/2024-25-q2/index.html");
        assert!(page.contains("<a href=\"/quarters/2024-25-q2/spend.csv\">CSV"));
        let size = find(&b, "quarters/2024-25-q2/spend.csv")
            .unwrap()
            .read()
            .unwrap()
            .len();
        assert!(page.contains(&format!("(CSV, {size} bytes)")));
    }

    #[test]
    fn metric_figures_keep_status_in_words() {
        let b = built();
        let (headers, rows) = csv_rows(&b, "metrics/residential-admissions/figures.csv");
        assert_eq!(headers[1], "target (rate per 100,000 people)");
        assert_eq!(
            rows[1],
            [
                "2024-25-Q1",
                "",
                "",
                "",
                "",
                "683.96",
                "Estimate",
                "342",
                "",
                "",
                "",
                ""
            ]
        );
        assert_eq!(rows[0][..5], ["2024-25", "657", "Agreed", "", ""]);
        assert_eq!(rows[2][6], "Not yet available");
        assert_eq!(rows[2][9], "2024-12");
    }

    #[test]
    fn formulas_in_text_are_neutralised() {
        let site = TestSite::copy("valid/data");
        let p =
            std::fs::read_to_string(site.path().join("content/data/plan-2023-25.yaml")).unwrap();
        site.write(
            "content/data/plan-2023-25.yaml",
            &p.replace(
                "name: Reablement service",
                "name: \"=HYPERLINK(\\\"http://x\\\")\"",
            ),
        );
        let b = site.build().unwrap();
        let (_, rows) = csv_rows(&b, "plans/plan-2023-25/schemes.csv");
        assert_eq!(rows[1][1], "'=HYPERLINK(\"http://x\")");
    }

    #[test]
    fn datapackage_describes_every_csv() {
        let b = built();
        let pkg: serde_json::Value = serde_json::from_str(&file(&b, "datapackage.json")).unwrap();
        let mut paths: Vec<String> = pkg["resources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["path"].as_str().unwrap().to_string())
            .collect();
        paths.sort();
        let mut csvs: Vec<String> = b
            .files
            .iter()
            .filter(|f| f.path.ends_with(".csv"))
            .map(|f| f.path.clone())
            .collect();
        csvs.sort();
        assert_eq!(paths, csvs);
        assert_eq!(pkg["licenses"][0]["name"], "OGL-UK-3.0");
        let schemes = pkg["resources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["path"] == "plans/plan-2023-25/schemes.csv")
            .unwrap();
        assert_eq!(schemes["schema"]["fields"][5]["type"], "number");
        assert!(
            schemes["description"]
                .as_str()
                .unwrap()
                .contains("2 confidential records were withheld")
        );
    }
}

#[test]
fn home_page_answers_money_progress_and_feedback() {
    let b = built();
    let html = file(&b, "index.html");
    let main = main_of(&html);
    assert!(main.contains("<h2 id=\"where-the-money-goes\">Where does the money go?</h2>"));
    // The plan that covers the latest quarterly return's year, in that year, named.
    assert!(
        main.contains("<p>Dataville plan 2023 to 2025, 2024/25: £4.6 million spent on 2 schemes (rounded; the exact figures are in the tables); 2 items confidential and not shown.</p>"),
        "{main}"
    );
    // Too few schemes have a type to group by it: the schemes themselves, largest first.
    assert!(main.contains("Spending in 2024/25, by scheme, largest first (£000)"));
    assert!(
        main.contains(">£3,400,000</text>"),
        "chart labels in pounds, as people write them"
    );
    // Never a space after £, and £000 only as a unit, never before a figure.
    assert!(!main.contains("£ "));
    assert!(!(0..10).any(|d| main.contains(&format!("£000 {d}"))));
    assert!(main.contains("<h2 id=\"are-we-on-track\">Are we on track?</h2>"));
    assert!(main.contains("Older people moving permanently into a care home</a>: <strong class=\"tag tag--status tag--not-on-track\">Not on track</strong> <span class=\"status__source\">(reported to the board, quarter 2, 2024/25)</span>"), "{main}");
    assert!(main.contains("<h2 id=\"what-people-told-us\">What people told us</h2>"));
    assert!(main.contains("From Dataville Healthwatch"));
}

#[test]
fn charts_are_images_with_words_beside_their_tables() {
    let b = built();
    let html = file(&b, "metrics/residential-admissions/index.html");
    let main = main_of(&html);
    assert!(main.contains("<svg class=\"chart\""));
    assert!(main.contains("role=\"img\" aria-labelledby=\"chart-residential-admissions-title chart-residential-admissions-desc\""));
    assert!(
        main.contains("683.96 (estimate)"),
        "estimates say so in words"
    );
    assert!(
        main.contains(">pending</text>"),
        "pending figures are labelled"
    );
    assert!(
        main.contains(
            "Q1 2024/25: 683.96 (estimate); target for 2024/25: 657; Q2 2024/25: pending"
        )
    );
    let chart = main.find("<svg").unwrap();
    let table = main.find("<table").unwrap();
    assert!(chart < table, "the chart comes with its table");
    let home = file(&b, "index.html");
    assert!(home.contains("id=\"spend-chart-plan-2023-25-title\""));
    assert!(!home.contains("<script"), "charts need no JavaScript");
}

/// Issue 20: a scheme's and a funding source's table of amounts by plan has its CSV
/// and JSON like every other table, from the same descriptor as the page's table.
#[test]
fn scheme_and_funding_pages_tables_have_csv_and_json() {
    let b = built();
    let csv = file(&b, "schemes/falls-lifting/amounts.csv");
    assert_eq!(
        csv.lines().collect::<Vec<_>>(),
        [
            "plan_id,plan,2023-24 (£),2024-25 (£),2025-26 (£)",
            "plan-2023-25,Dataville plan 2023 to 2025,1200000,1240000,",
            "plan-2025-26,Dataville plan 2025 to 2026,,,1300000",
        ]
    );
    let html = file(&b, "schemes/falls-lifting/index.html");
    let main = main_of(&html);
    assert!(
        main.contains("href=\"/schemes/falls-lifting/amounts.csv\""),
        "{main}"
    );
    assert!(main.contains("href=\"/schemes/falls-lifting/amounts.json\""));
    // The page's cells are the file's values, formatted.
    assert!(main.contains("<td class=\"numeric\">1,240,000</td>"));
    let json = file(&b, "funding/dfg/amounts.json");
    assert!(json.contains("\"2023-24 (£000)\": 0.10"), "{json}");
    assert!(file(&b, "funding/dfg/index.html").contains("href=\"/funding/dfg/amounts.csv\""));
    let package = file(&b, "datapackage.json");
    assert!(package.contains("\"path\": \"schemes/falls-lifting/amounts.csv\""));
    assert!(package.contains("\"path\": \"funding/nhs-minimum/amounts.csv\""));
}

/// Every CSV is rectangular: each row has as many cells as its header, on the
/// example site and on fixtures with withheld records whose amounts are public (the
/// row that stands for them once lacked the last column), and on a site with a
/// year-end return, capacity and demand, and national conditions.
#[test]
fn every_csv_row_has_a_cell_for_each_column() {
    for site in [
        "valid/data",
        "valid/county",
        "valid/borough",
        "edges/cms",
        "edges/template-schemes",
        "returns",
    ] {
        let b = if site == "returns" {
            crate::year_end::site_with_every_return()
        } else {
            TestSite::copy(site)
        }
        .build()
        .unwrap_or_else(|d| panic!("{site}: {}", d.render_human(false)));
        let mut csvs = 0;
        for f in b.files.iter().filter(|f| f.path.ends_with(".csv")) {
            csvs += 1;
            let bytes = f.read().unwrap();
            let mut reader = csv::ReaderBuilder::new()
                .flexible(true)
                .from_reader(&bytes[..]);
            let width = reader.headers().unwrap().len();
            for (i, row) in reader.records().enumerate() {
                let row = row.unwrap();
                assert_eq!(
                    row.len(),
                    width,
                    "{site}: {} row {} has {} cells, not {width}",
                    f.path,
                    i + 1,
                    row.len()
                );
            }
        }
        assert!(csvs > 0, "{site} has no CSV");
        if site == "returns" {
            for path in [
                "year-end/2023-24/income.csv",
                "year-end/2023-24/expenditure.csv",
                "capacity/2024-25/capacity.csv",
                "conditions/2024-25-q2/conditions.csv",
            ] {
                assert!(b.files.iter().any(|f| f.path == path), "no {path}");
            }
        }
    }
}
