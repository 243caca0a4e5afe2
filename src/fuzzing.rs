//! Entry points for the fuzz targets in `fuzz/`, kept in the library so the same code
//! runs in `cargo test` against every input that ever broke it.
//!
//! Each takes arbitrary bytes as user input and must return normally: a value or
//! diagnostics, each of which must render. A panic anywhere is a bug.

use crate::content::{front_matter, markdown, shortcodes};
use crate::data;
use crate::diagnostic::SourceText;
use crate::load::ContentFile;

fn source(bytes: &[u8], path: &str) -> Option<SourceText> {
    std::str::from_utf8(bytes).ok().map(|t| SourceText {
        path: path.into(),
        text: t.into(),
    })
}

/// A Markdown page's front matter.
pub fn front_matter(bytes: &[u8]) {
    let Some(src) = source(bytes, "content/fuzz.md") else {
        return;
    };
    match front_matter::split(&src) {
        Ok(split) => {
            if let Err(ds) = front_matter::parse(&src, &split) {
                for d in ds {
                    let _ = d.render_human(false);
                    let _ = serde_json::to_string(&d.to_json());
                }
            }
        }
        Err(d) => {
            let _ = d.render_human(true);
        }
    }
}

/// A data document, and the same text as `site.yaml` and `glossary.yaml`.
pub fn data_document(bytes: &[u8]) {
    let Some(src) = source(bytes, "content/data/fuzz.yaml") else {
        return;
    };
    let file = ContentFile {
        rel: "data/fuzz.yaml".into(),
        source: src.clone(),
        digest: 0,
        link_target: None,
    };
    match data::parse(file) {
        Ok(f) => {
            if let data::DataDoc::Plan(p) = &f.doc {
                for d in data::plan::reconcile_totals(p, &src) {
                    let _ = d.render_human(false);
                }
            }
        }
        Err(d) => {
            let _ = d.render_human(false);
        }
    }
    // The span index that diagnostics read when something is wrong, on any text:
    // every span it gives must be a range of the text.
    if let Some(spans) = crate::yaml::spans(&src, 0..src.text.len()) {
        let mut stack = vec![spans.root()];
        while let Some(at) = stack.pop() {
            assert!(src.text.get(at.span()).is_some());
            assert!(at.key_span().is_none_or(|k| src.text.get(k).is_some()));
            stack.extend(at.children());
        }
    }
    if let Err(ds) = data::settings::parse(&src) {
        for d in ds {
            let _ = d.render_human(false);
        }
    }
    if let Err(d) = data::glossary::parse(&src) {
        let _ = d.render_human(false);
    }
}

/// A page body: shortcodes found, Markdown rendered, raw HTML cleaned.
pub fn markdown(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let (body, _, _) = shortcodes::extract(text);
    let _ = markdown::render(&body, false);
    let _ = markdown::links(text);
}

/// A workbook as the import sees it once the file is read, from text (after a first
/// byte that picks the profile, the table kind and `--include-hidden`): sheets split
/// by form feeds (`\x0c`), each sheet's first line its name (`!` at its end: hidden),
/// then rows of tab-separated cells (`=`: a formula with no saved value, a number:
/// a number cell, `#`: an error value, `@` and a number: a date cell). It is read
/// with `--dry-run`; what comes back must be written YAML that parses, or
/// diagnostics that render. The file itself (zip, XML) is calamine's to fuzz; the grid is ours.
pub fn workbook(bytes: &[u8]) {
    use crate::import::{self, ImportOptions, ProfileChoice, table::Table};
    // The first byte picks the profile and the table kind, so each run reads the
    // grid once and the fuzzer explores every pair.
    let Some((&pick, rest)) = bytes.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let wb = grid(text);
    let mut profiles = vec![ProfileChoice::Auto];
    profiles.extend(
        import::profile::BUILT_IN
            .iter()
            .map(|(id, _)| ProfileChoice::BuiltIn((*id).into())),
    );
    let tables = [
        None,
        Some(Table::Expenditure),
        Some(Table::Income),
        Some(Table::Metrics),
    ];
    let pick = pick as usize;
    let mut opts = ImportOptions::new("fuzz.xlsx");
    opts.profile = profiles[pick % profiles.len()].clone();
    opts.table = tables[(pick / profiles.len()) % tables.len()];
    opts.include_hidden = pick >= 128;
    opts.dry_run = true;
    // Nowhere real: the import reads a plan already in `--into`.
    opts.into = std::path::PathBuf::from("/nonexistent/bcfsite-fuzz/content/data");
    match import::import_workbook(&wb, &opts) {
        Ok(done) => {
            let _ = done.warnings.render_human(false);
        }
        Err(ds) => {
            // The import may refuse a grid (its errors name the workbook), but never
            // by writing a file that a build would refuse (an error in the file it
            // wrote): that would be its own bug, whatever the cells held.
            let written = opts.into.display().to_string();
            assert!(
                ds.errors()
                    .all(|d| !d.file.as_deref().is_some_and(|f| f.starts_with(&written))),
                "the import wrote a file that does not build:\n{}",
                ds.render_human(false)
            );
        }
    }
}

/// The text form of a workbook's grid that [`workbook`] reads.
fn grid(text: &str) -> crate::import::workbook::Workbook {
    use crate::import::workbook::{Sheet, Value, Workbook};
    let sheets: Vec<Sheet> = text
        .split('\x0c')
        .map(|part| {
            let mut lines = part.split('\n');
            let name = lines.next().unwrap_or_default();
            let (name, hidden) = match name.strip_suffix('!') {
                Some(n) => (n, true),
                None => (name, false),
            };
            let rows = lines
                .map(|line| {
                    line.split('\t')
                        .map(|c| match c {
                            "" => Value::Empty,
                            c if c.starts_with('=') => Value::Unsaved(c.into()),
                            c if c.starts_with('#') => Value::Other(c.into()),
                            c if c.starts_with('@') => match c[1..].parse::<f64>() {
                                Ok(n) => Value::Date(n),
                                Err(_) => Value::Text(c.into()),
                            },
                            c => match c.parse::<f64>() {
                                Ok(n) => Value::Number(n),
                                Err(_) => Value::Text(c.into()),
                            },
                        })
                        .collect()
                })
                .collect();
            let mut sheet = Sheet::from_rows(name, rows);
            sheet.hidden = hidden.then_some("hidden");
            sheet
        })
        .collect();
    Workbook {
        file: "fuzz.xlsx".into(),
        sheets,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Inputs that are hard on parsers, and any the fuzzers found.
    fn nasty() -> Vec<Vec<u8>> {
        let mut v: Vec<Vec<u8>> = vec![
            b"".to_vec(),
            b"---".to_vec(),
            b"---\n---".to_vec(),
            b"---\r\n---\r\n".to_vec(),
            b"\xff\xfe\x00".to_vec(),
            b"---\ntitle: \xe2\x82\n---\n".to_vec(),
            b"---\n: : :\n---\n".to_vec(),
            b"---\ntitle: [\n---\n".to_vec(),
            b"---\n\ttitle: x\n---\n".to_vec(),
            b"---\ntitle: x\ndate: 9999-99-99\nexempt_paragraph: 99999999999999999999999\n---\n".to_vec(),
            b"kind: plan\nid: p\ntitle: T\nyears: [2024-25]\nunits: thousands\nschemes: [{id: s, name: S, amounts: {2024-25: 1e400}}]\n".to_vec(),
            b"kind: metrics\nmetrics: [{id: m, name: M, unit: count, better: lower, actuals: {2024-25-Q1: {value: .nan}}}]\n".to_vec(),
            b"kind: quarter\nperiod: 9999-00-Q4\nplan: p\n".to_vec(),
            b"{{ metric(id=\"\xc3\xa9\") }}\n{{ metric(id=\"\n{{(\n{{ a(b=\"c\" d) }}\n".to_vec(),
            b"[x](\x00) <script>alert(1)</script> ![i](javascript:x) [^1]\n\n[^1]: ".to_vec(),
            // Issue 15: line ends, marks and keys at the edges of the front matter.
            b"---\rtitle: A\rconfidential: true\r---\rSecret\r".to_vec(),
            b"\xef\xbb\xbf\xef\xbb\xbf---\ntitle: A\n---\n".to_vec(),
            b"---\ntitle: A\nconfidential:\xc2\xa0true\n---\n".to_vec(),
            b"---\ntitle: A\n\xe2\x80\x8bconfidential: true\n---\n".to_vec(),
            b"---\ntitle: A\n---\n---\nconfidential: true\n---\n".to_vec(),
            b"---\ntitle: A\n---\n\r\rconfidential: true\n".to_vec(),
            b"---\ntitle: A\npublish:\ntitle_public: ~\n---\n".to_vec(),
            b"---\n\xc2\x85title: A\xe2\x80\xa8: \xe2\x80\xa9\n---\n".to_vec(),
            b"kind: quarter\nperiod: 2024-25-Q2\nplan: p\nspend: {s: {}, s: {}}\n".to_vec(),
            b"kind: plan\nid: p\nid: p\n".to_vec(),
            b"kind: plan\n---\nkind: plan\n".to_vec(),
        ];
        // A billion-laughs alias bomb.
        let mut bomb = String::from("kind: plan\na: &a [x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            bomb.push_str(&format!(
                "{}: &{} [*{}, *{}, *{}, *{}, *{}, *{}, *{}, *{}, *{}]\n",
                (b'a' + i) as char,
                (b'a' + i) as char,
                (b'a' + i - 1) as char,
                (b'a' + i - 1) as char,
                (b'a' + i - 1) as char,
                (b'a' + i - 1) as char,
                (b'a' + i - 1) as char,
                (b'a' + i - 1) as char,
                (b'a' + i - 1) as char,
                (b'a' + i - 1) as char,
                (b'a' + i - 1) as char
            ));
        }
        v.push(bomb.into_bytes());
        // Deep nesting.
        v.push(
            format!(
                "kind: plan\nid: {}{}\n",
                "[".repeat(10_000),
                "]".repeat(10_000)
            )
            .into_bytes(),
        );
        v.push(
            format!(
                "---\ntitle: {}{}\n---\n",
                "{a: ".repeat(5_000),
                "}".repeat(5_000)
            )
            .into_bytes(),
        );
        v.push(format!("{}\n", "> ".repeat(20_000)).into_bytes());
        // A very long line.
        v.push(
            format!(
                "---\ntitle: {}\n---\n{}\n",
                "x".repeat(1_000_000),
                "word ".repeat(200_000)
            )
            .into_bytes(),
        );
        v
    }

    /// Every diagnostic the parsers give for `text`, read as a page and as YAML.
    fn diagnostics(text: &str) -> Vec<crate::diagnostic::Diagnostic> {
        let src = SourceText {
            path: "content/fuzz.md".into(),
            text: text.into(),
        };
        let mut all = Vec::new();
        match front_matter::split(&src) {
            Ok(split) => all.extend(front_matter::parse(&src, &split).err().unwrap_or_default()),
            Err(d) => all.push(d),
        }
        let file = ContentFile {
            rel: "data/fuzz.yaml".into(),
            source: src.clone(),
            digest: 0,
            link_target: None,
        };
        all.extend(data::parse(file).err());
        all.extend(data::settings::parse(&src).err().unwrap_or_default());
        all
    }

    fn piece() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            prop::sample::select(vec![
                "---",
                "\n",
                "\r",
                "\r\n",
                "\u{feff}",
                "title: ",
                "confidential: ",
                "true",
                "publish:",
                "~",
                "- ",
                "{",
                "}",
                "[",
                ": ",
                "\"",
                "\t",
                "  ",
                "\u{a0}",
                "\u{200b}",
                "\u{2028}",
                "\u{85}",
                "\u{1b}[2J",
                "é",
                "kind: plan\n",
                "kind: quarter\n",
                "a: 1\n",
                "a: 1\n",
            ])
            .prop_map(str::to_string),
            (1..400usize).prop_map(|n| "SECRET ".repeat(n)),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 256,
            failure_persistence: None,
            ..Default::default()
        })]

        /// Whatever the file, a diagnostic prints one line of it at most, shortened,
        /// and its message stays one short line: the output does not grow with it.
        #[test]
        fn no_diagnostic_shows_more_than_one_shortened_line(
            pieces in proptest::collection::vec(piece(), 0..40)
        ) {
            let text = pieces.concat();
            for d in diagnostics(&text) {
                let human = d.render_human(false);
                let source_lines: Vec<&str> =
                    human.lines().filter(|l| l.contains(" | ")).collect();
                proptest::prop_assert!(source_lines.len() <= 2, "{human}");
                for line in source_lines {
                    proptest::prop_assert!(line.chars().count() <= 175, "{line}");
                }
                proptest::prop_assert!(human.chars().count() <= 1500, "{human}");
                let json = d.to_json();
                proptest::prop_assert!(json.message.chars().count() <= 300);
                proptest::prop_assert!(!json.message.contains(['\n', '\r']));
                for note in &json.notes {
                    proptest::prop_assert!(note.chars().count() <= 300 && !note.contains('\n'));
                }
            }
        }
    }

    /// Grids that are hard on the import: labels in odd places, totals of nothing,
    /// huge and tiny numbers, text where money goes, sheets with no rows.
    fn nasty_grids() -> Vec<String> {
        let ff = '\x0c';
        vec![
            String::new(),
            "Cover".into(),
            format!("Cover\nBetter Care Fund 2024-25 Update Template{ff}Income\nFunding Sources\t2024-25\nTotal\t{ff}Expenditure\nScheme ID\tScheme Name\tSource of Funding\tExpenditure for 2024-25 (£)\n1\tA\tDFG\t1e308\n1\tA\tDFG\t-0\n\t\t\t\nTotal\t\t\t=SUM(D2:D3)"),
            format!("Cover\nBetter Care Fund 2023-25 Planning Template\nHealth and Wellbeing Board:{ff}Income!\nFunding Sources\nMinimum NHS Contribution\t£1,2,3{ff}Metrics\nMetric\t2024-25 Plan\nFalls\tNaN\nFalls\tinf"),
            format!("Cover\nBCF 2024-25\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\tx{ff}Conditions\nNational Condition\tHas the condition been met?\nNational Condition 99999999999999999999: x\tPartly\n\tYes\n3.\tMaybe"),
            "Expenditure\nScheme ID\tScheme Name\tScheme Name\tExpenditure (£)\nTotal\tTotal\tTotal\t#REF!\n\u{feff}\t\u{200b}\t\u{a0}\t0.1".into(),
            "Income\nFunding Sources\t2024-25\t2024-25\nDFG\t1\t2\nDFG\t3\t4".into(),
            // A line break in a sheet's name ends the YAML comment naming its rows.
            format!("COVER\nBETTER CARE FUND 2023-24 END OF YEAR TEMPLATE{ff}5. INCOME\rAND EXPENDITURE\u{2028}\nFUNDING SOURCES\t2023-24 PLANNED INCOME\t2023-24 ACTUAL INCOME\nDFG\t500\t480\nTOTAL\t500\t480{ff}6. SPEND\u{85}AND ACTIVITY\nSCHEME ID\tSCHEME NAME\tSOURCE OF FUNDING\tPLANNED EXPENDITURE (£)\tACTUAL EXPENDITURE TO DATE (£)\n1\tADAPTATIONS\tDFG\t500\t480\nTOTAL\t\t\t500\t480"),
        ]
    }

    /// The grid format reaches the whole import: a well-formed grid gives a plan.
    #[test]
    fn a_well_formed_grid_imports() {
        use crate::import::{self, ImportOptions};
        let ff = '\x0c';
        let grid = format!(
            "Cover\nBetter Care Fund 2024-25 Update Template\nHealth and Wellbeing Board:\tTestshire{ff}Income\nFunding Sources\t2024-25\nDFG\t100\nTotal\t100{ff}Expenditure\nScheme ID\tScheme Name\tSource of Funding\tExpenditure for 2024-25 (£)\n1\tAdaptations\tDFG\t100"
        );
        let text = std::str::from_utf8(grid.as_bytes()).unwrap();
        assert!(text.contains('\x0c'));
        let wb = super::grid(text);
        let mut opts = ImportOptions::new("fuzz.xlsx");
        opts.dry_run = true;
        let done = import::import_workbook(&wb, &opts)
            .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
        assert!(
            done.summary
                .starts_with("imported 1 plan (1 funding source, 1 scheme)"),
            "{}",
            done.summary
        );
    }

    #[test]
    fn nasty_grids_never_panic_the_import() {
        for grid in nasty_grids() {
            for pick in 0..=255u8 {
                let mut input = vec![pick];
                input.extend(grid.as_bytes());
                workbook(&input);
            }
        }
    }

    #[test]
    fn nasty_inputs_never_panic() {
        for input in nasty() {
            front_matter(&input);
            data_document(&input);
            markdown(&input);
        }
    }
}
