//! `docs/architecture.md` stays true: every path under `src/`, `tests/` or `themes/`
//! it names (in backquotes) exists, and every module under `src/` is named by it or
//! by the README's layout table.

use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every backquoted path in a text that starts with one of `prefixes`.
fn paths<'a>(text: &'a str, prefixes: &[&str]) -> Vec<&'a str> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|p| prefixes.iter().any(|pre| p.starts_with(pre)) && !p.contains(' '))
        .collect()
}

#[test]
fn every_path_the_map_names_exists() {
    let map = std::fs::read_to_string(root().join("docs/architecture.md")).unwrap();
    let named = paths(&map, &["src/", "tests/", "themes/"]);
    assert!(named.len() > 40, "the map names only {} paths", named.len());
    let missing: Vec<&&str> = named
        .iter()
        .filter(|p| !root().join(p.trim_end_matches('/')).exists())
        .collect();
    assert!(
        missing.is_empty(),
        "docs/architecture.md names paths that do not exist: {missing:?}"
    );
}

#[test]
fn every_module_is_on_the_map() {
    let map = std::fs::read_to_string(root().join("docs/architecture.md")).unwrap();
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut unmapped = Vec::new();
    for entry in walkdir::WalkDir::new(root().join("src")) {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(root())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if !rel.ends_with(".rs") || rel.ends_with("/tests.rs") {
            continue;
        }
        let name = rel.rsplit('/').next().unwrap();
        let folder = rel
            .rsplit_once('/')
            .map(|(d, _)| format!("{d}/"))
            .unwrap_or_default();
        // Named whole, or its folder is, on the map or in the README's layout.
        let on_map = map.contains(&format!("`{rel}`")) || map.contains(&format!("`{folder}`"));
        let under_src = rel.trim_start_matches("src/");
        let in_readme =
            readme.contains(&format!("`{under_src}`")) || readme.contains(&format!("`{name}`"));
        if !on_map && !in_readme {
            unmapped.push(rel);
        }
    }
    assert!(
        unmapped.is_empty(),
        "modules on neither the map nor the README's layout: {unmapped:?}"
    );
}

/// A module over 500 lines says, at its top, why it is long: long files are where
/// a newcomer gets lost, so each one is a decision, not an accident.
#[test]
fn every_long_module_says_why() {
    let mut unexplained = Vec::new();
    for entry in walkdir::WalkDir::new(root().join("src")) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") || path.ends_with("tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let head: String = text.lines().take(40).collect::<Vec<_>>().join("\n");
        if text.lines().count() > 500 && !head.contains("(Over 500 lines") {
            unexplained.push(path.strip_prefix(root()).unwrap().display().to_string());
        }
    }
    assert!(
        unexplained.is_empty(),
        "modules over 500 lines with no \"(Over 500 lines…: why)\" in their top doc comment: {unexplained:?}"
    );
}

/// A record's address comes from its kind's URL function in `src/model/records.rs`,
/// never from a `format!` at the call site, so a page, its links, the sitemap and the
/// path claims cannot disagree about where a record lives.
#[test]
fn data_addresses_are_written_only_by_the_descriptors() {
    let kinds = [
        "plans",
        "schemes",
        "funding",
        "metrics",
        "quarters",
        "conditions",
        "year-end",
        "capacity",
    ];
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(root().join("src")) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") || path.ends_with("model/records.rs") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        for kind in kinds {
            if text.contains(&format!("format!(\"{kind}/")) {
                found.push(format!(
                    "{}: {kind}/",
                    path.strip_prefix(root()).unwrap().display()
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "data addresses written by hand (use the URL functions in src/model/records.rs): {found:?}"
    );
}
