//! Every diagnostic code is in one registry (`src/diagnostic/codes.rs`), documented
//! in `docs/diagnostics.md`, and nothing else: a code the source writes that the
//! registry lacks, a code the docs list that no longer exists, or a code with two
//! severities fails here.

use std::collections::BTreeSet;
use std::path::Path;

use bcfsite::diagnostic::Severity;
use bcfsite::diagnostic::codes::{CODES, lookup};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The codes the "Every code" section of docs/diagnostics.md documents, with
/// whether each is a warning.
fn documented() -> Vec<(String, bool)> {
    let docs = std::fs::read_to_string(root().join("docs/diagnostics.md")).unwrap();
    let section = &docs[docs
        .find("## Every code")
        .expect("docs have an Every code section")..];
    section
        .lines()
        .filter_map(|l| {
            let rest = l.strip_prefix("| `")?;
            let (code, after) = rest.split_once('`')?;
            Some((code.to_string(), after.starts_with(" (**warning**)")))
        })
        .collect()
}

#[test]
fn the_docs_document_exactly_the_registry() {
    let docs = documented();
    let documented: BTreeSet<&str> = docs.iter().map(|(c, _)| c.as_str()).collect();
    let registered: BTreeSet<&str> = CODES.iter().map(|c| c.code).collect();
    let undocumented: Vec<_> = registered.difference(&documented).collect();
    let gone: Vec<_> = documented.difference(&registered).collect();
    assert!(
        undocumented.is_empty(),
        "not in docs/diagnostics.md: {undocumented:?}"
    );
    assert!(
        gone.is_empty(),
        "documented but no longer emitted: {gone:?}"
    );
    for (code, warning) in &docs {
        let c = lookup(code).unwrap();
        assert_eq!(
            c.severity == Severity::Warning,
            *warning,
            "{code}: docs/diagnostics.md and the registry disagree about its severity"
        );
    }
}

/// Every `Diagnostic::error("…")` or `warning("…")` written in the source names a
/// registered code of that severity. (Codes chosen at run time are checked by the
/// debug assertions in `Diagnostic::error` and `warning`, which every test runs.)
#[test]
fn every_code_the_source_writes_is_registered() {
    let mut missing = Vec::new();
    for entry in walkdir::WalkDir::new(root().join("src")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for (severity, call) in [
            (Severity::Error, "Diagnostic::error("),
            (Severity::Warning, "Diagnostic::warning("),
        ] {
            for (i, _) in text.match_indices(call) {
                let after = text[i + call.len()..].trim_start();
                let Some(rest) = after.strip_prefix('"') else {
                    continue;
                };
                let code = &rest[..rest.find('"').unwrap()];
                match lookup(code) {
                    Some(c) if c.severity == severity => {}
                    _ => missing.push(format!("{}: {code}", entry.path().display())),
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "codes not in the registry (or with another severity):\n{}",
        missing.join("\n")
    );
}
