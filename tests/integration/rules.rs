//! One fixture per rule under `tests/sites/rules/<case>/`: each site breaks one rule
//! and must give exactly that diagnostic. The human and JSON renderings are
//! snapshotted, and `check` (the CLI) must agree with `build`.

use crate::support::*;

/// The code each case must produce (the folder name, unless it says otherwise).
fn expected_code(case: &str) -> &str {
    match case {
        "relates-to-unknown-id" => "unknown-id",
        c => c,
    }
}

fn cases() -> Vec<String> {
    let mut cases: Vec<String> = std::fs::read_dir(fixture("rules"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    cases
}

#[test]
fn each_rule_fixture_gives_its_one_diagnostic() {
    for case in cases() {
        let site = TestSite::copy(&format!("rules/{case}"));
        let diags = match site.build() {
            Ok(b) => b.warnings,
            Err(d) => d,
        };
        let codes: Vec<&str> = diags
            .errors()
            .chain(diags.warnings())
            .map(|d| d.code)
            .collect();
        assert_eq!(
            codes,
            [expected_code(&case)],
            "{case}:\n{}",
            diags.render_human(false)
        );
        insta::assert_snapshot!(format!("{case}-human"), diags.render_human(false));
        insta::assert_snapshot!(format!("{case}-json"), diags.render_json());
    }
}

#[test]
fn check_and_build_agree() {
    use assert_cmd::Command;
    for case in cases() {
        let site = TestSite::copy(&format!("rules/{case}"));
        let check = Command::cargo_bin("bcfsite")
            .unwrap()
            .args(["check", "--format", "json", "--now", "2024-12-01T12:00:00Z"])
            .arg(site.path())
            .output()
            .unwrap();
        let from_check: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
        let diags = match site.build() {
            Ok(b) => b.warnings,
            Err(d) => d,
        };
        let from_build: serde_json::Value = serde_json::from_str(&diags.render_json()).unwrap();
        assert_eq!(from_check, from_build, "{case}");
        let failed = check.status.code() == Some(1);
        assert_eq!(
            failed,
            diags.has_errors(),
            "{case}: exit code follows errors"
        );
    }
}

#[test]
fn strict_turns_warnings_into_failure() {
    let site = TestSite::copy("rules/rate-differs");
    assert_cmd::Command::cargo_bin("bcfsite")
        .unwrap()
        .arg("check")
        .arg(site.path())
        .assert()
        .success();
    assert_cmd::Command::cargo_bin("bcfsite")
        .unwrap()
        .args(["check", "--strict"])
        .arg(site.path())
        .assert()
        .code(1);
}

/// A figure that really is far from the others says why in a note, and is then not
/// warned about (as docs/check.md says).
#[test]
fn a_note_on_an_outlier_clears_value_out_of_scale() {
    let site = TestSite::copy("rules/value-out-of-scale");
    let path = site.path().join("content/metrics.yaml");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "2024-25-Q2: 9.31",
        "2024-25-Q2: {value: 9.31, note: A new way of counting from July}",
    );
    std::fs::write(&path, text).unwrap();
    let built = site.build().unwrap();
    assert!(
        built.warnings.is_empty(),
        "{}",
        built.warnings.render_human(false)
    );
}
