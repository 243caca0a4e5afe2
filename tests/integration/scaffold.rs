//! `bcfsite new`: every kind of file it makes builds once its placeholders are
//! replaced, and cannot be published before.

use assert_cmd::Command;

use crate::support::*;

fn bcfsite() -> Command {
    Command::cargo_bin("bcfsite").unwrap()
}

/// A starter site from `bcfsite init`.
fn starter() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    bcfsite()
        .arg("init")
        .arg(dir.path().join("s"))
        .assert()
        .success();
    dir
}

fn new_in(site: &std::path::Path, args: &[&str]) -> assert_cmd::assert::Assert {
    bcfsite()
        .arg("new")
        .args(args)
        .args(["--date", "2026-12-03", "--site"])
        .arg(site)
        .assert()
}

#[test]
fn each_kind_builds_once_its_placeholders_are_replaced() {
    let dir = starter();
    let site = dir.path().join("s");
    for args in [
        vec!["page", "Our priorities: 2026", "--section", "about"],
        vec!["paper", "Carers strategy update"],
        vec![
            "appendix",
            "Finance detail",
            "--section",
            "papers/2026-12-03-carers-strategy-update",
        ],
        vec![
            "appendix",
            "Contract terms",
            "--section",
            "papers/2026-12-03-carers-strategy-update",
        ],
        vec!["feedback", "What carers told us"],
        vec!["meeting"],
        vec!["quarter"],
        vec!["plan", "Grant plan 2026 to 2027"],
        vec!["metrics", "Local measures"],
    ] {
        new_in(&site, &args).success();
    }
    for path in [
        "content/about/our-priorities-2026.md",
        "content/papers/2026-12-03-carers-strategy-update/index.md",
        "content/papers/2026-12-03-carers-strategy-update/appendix-a.md",
        "content/papers/2026-12-03-carers-strategy-update/appendix-b.md",
        "content/feedback/what-carers-told-us.md",
        "content/data/quarter-2026-27-q2.yaml",
        "content/data/grant-plan-2026-to-2027.yaml",
        "content/data/local-measures.yaml",
    ] {
        assert!(site.join(path).exists(), "{path}");
    }
    let meetings: Vec<_> = std::fs::read_dir(site.join("content/meetings"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        meetings.len() == 1
            && meetings[0].starts_with("2026-12-03-")
            && meetings[0].ends_with(".md"),
        "{meetings:?}"
    );
    // Not publishable yet: each placeholder is an error at its line.
    let out = bcfsite()
        .arg("check")
        .arg(&site)
        .args(["--format", "json"])
        .assert()
        .code(1);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let errors = json["errors"].as_array().unwrap();
    assert!(!errors.is_empty());
    assert!(
        errors.iter().all(|e| e["code"] == "placeholder"),
        "{errors:#?}"
    );
    assert!(errors.iter().all(|e| e["line"].as_u64().unwrap() > 0));
    // Replaced, everything builds, and the new appendices are withheld.
    for entry in walkdir::WalkDir::new(site.join("content")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            if text.contains("REPLACE:") {
                let fixed = text
                    .split('"')
                    .map(|part| {
                        if part.starts_with("REPLACE:") {
                            "Real value"
                        } else {
                            part
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\"");
                std::fs::write(entry.path(), fixed).unwrap();
            }
        }
    }
    bcfsite()
        .arg("build")
        .arg(&site)
        .args(["--now", "2026-12-03"])
        .assert()
        .success()
        .stdout(predicates::str::contains("withheld 3 confidential items"));
    let paper = std::fs::read_to_string(
        site.join("public/papers/2026-12-03-carers-strategy-update/index.html"),
    )
    .unwrap();
    assert!(paper.contains("Appendix A"));
    assert!(paper.contains("Appendix B"));
    assert!(paper.contains("Not for publication"));
}

#[test]
fn it_never_overwrites_and_says_what_it_needs() {
    let dir = starter();
    let site = dir.path().join("s");
    new_in(&site, &["page", "Hello"]).success();
    new_in(&site, &["page", "Hello"])
        .code(1)
        .stderr(predicates::str::contains("error[new-exists]"));
    new_in(&site, &["page"])
        .code(1)
        .stderr(predicates::str::contains("error[new-needs-title]"));
    new_in(&site, &["appendix", "Loose"])
        .code(1)
        .stderr(predicates::str::contains("error[new-appendix-needs-paper]"));
    new_in(&site, &["page", "Out", "--section", "../elsewhere"])
        .code(1)
        .stderr(predicates::str::contains("error[new-bad-section]"));
}

#[test]
fn it_says_where_to_preview() {
    let site = TestSite::copy("valid/basic");
    new_in(site.path(), &["page", "Winter plans", "--section", "news"])
        .success()
        .stdout(predicates::str::contains(
            "then open http://127.0.0.1:1111/news/winter-plans/",
        ));
}
