//! The command line: exit codes, output, and `init` followed by `build`.

use assert_cmd::Command;
use predicates::prelude::*;

use crate::support::*;

fn bcfsite() -> Command {
    Command::cargo_bin("bcfsite").unwrap()
}

#[test]
fn build_prints_the_summary_line() {
    let site = TestSite::copy("valid/basic");
    bcfsite()
        .arg("build")
        .arg(site.path())
        .args(["--now", "2024-12-01T00:00:00Z"])
        .assert()
        .success()
        .stdout(
            predicate::str::is_match(
                r"^built 12 pages, 1 data file in \d+\.\d\ds; withheld 10 confidential items; held back 1 page until 1 January 2099 09:00 UTC and 1 draft\n$",
            )
            .unwrap(),
        );
    assert!(site.path().join("public/index.html").exists());
}

#[test]
fn a_site_error_exits_1_with_file_line_and_hint() {
    bcfsite()
        .arg("build")
        .arg(fixture("invalid/misspelt-key"))
        .args([
            "--output",
            &std::env::temp_dir()
                .join("bcfsite-never-written")
                .display()
                .to_string(),
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("content/page.md:3:1"))
        .stderr(predicate::str::contains("confidental: true"))
        .stderr(predicate::str::contains("did you mean `confidential`?"));
}

#[test]
fn usage_errors_exit_2() {
    bcfsite()
        .args(["build", "--audience", "everyone"])
        .assert()
        .code(2);
    bcfsite().args(["build", "--now", "soon"]).assert().code(2);
    bcfsite().arg("frobnicate").assert().code(2);
}

#[test]
fn members_build_needs_its_own_output() {
    let site = TestSite::copy("valid/basic");
    bcfsite()
        .arg("build")
        .arg(site.path())
        .args(["--audience", "members"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs --output"));
    bcfsite()
        .arg("build")
        .arg(site.path())
        .args(["--audience", "members", "--output"])
        .arg(site.path().join("public"))
        .assert()
        .code(2);
}

#[test]
fn audit_passes_a_clean_build_and_fails_on_a_planted_passage() {
    let site = TestSite::copy("valid/basic");
    let out = site.path().join("public");
    bcfsite()
        .arg("build")
        .arg(site.path())
        .args(["--now", "2024-12-01T00:00:00Z"])
        .assert()
        .success();
    bcfsite()
        .arg("audit")
        .arg(&out)
        .arg(site.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("no confidential material found"));
    // Plant a confidential appendix's body, word for word, into a public page.
    let secret = "CANARY-APPENDIX-B-BODY";
    let page = out.join("news/hello/index.html");
    let html = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        html.replace("</main>", &format!("<p>{secret}</p></main>")),
    )
    .unwrap();
    bcfsite()
        .arg("audit")
        .arg(&out)
        .arg(site.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("news/hello/index.html contains confidential material from content/papers/2024-11-12-update/appendix-b.md"));
}

#[test]
fn audit_of_a_missing_folder_is_an_error() {
    bcfsite()
        .args(["audit", "no-such-folder"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is not a folder"));
}

#[test]
fn check_reports_json() {
    let out = bcfsite()
        .args(["check", "--format", "json"])
        .arg(fixture("invalid/misspelt-key"))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let e = &v["errors"][0];
    assert_eq!(e["file"], "content/page.md");
    assert_eq!(e["line"], 3);
    assert_eq!(e["column"], 1);
    assert_eq!(e["code"], "unknown-key");
    assert!(e["message"].as_str().unwrap().contains("confidental"));
    assert_eq!(v["warnings"], serde_json::json!([]));
}

/// On GitHub, each problem becomes an annotation on its line of the pull request;
/// the path is the one the runner checked out (the site folder as given, then
/// `content/...`).
#[test]
fn check_annotates_pull_requests() {
    let site = TestSite::copy("invalid/misspelt-key");
    let out = bcfsite()
        .current_dir(site.path().parent().unwrap())
        .args(["check", "--format", "github"])
        .arg(site.path().file_name().unwrap())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let name = site.path().file_name().unwrap().to_str().unwrap();
    assert!(
        text.starts_with(&format!(
            "::error file={name}/content/page.md,line=3,col=1,title=bcfsite unknown-key::unknown key `confidental`"
        )),
        "{text}"
    );
    assert!(text.contains("%0Ahelp: did you mean `confidential`?"));
    assert_eq!(text.lines().count(), 1);
}

/// SARIF for other forges' code scanning: one run, a rule per code, a result per
/// problem with its place.
#[test]
fn check_writes_sarif() {
    let out = bcfsite()
        .args(["check", "--format", "sarif"])
        .arg(fixture("rules/broken-link"))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let log: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "broken-link"
        && r["level"] == "error"
        && r["locations"][0]["physicalLocation"]["region"]["startLine"].is_u64()));
}

/// A broken link in next week's paper is found today: `check` also checks drafts and
/// embargoed pages as they will be published, and says so.
#[test]
fn check_finds_problems_in_pages_not_yet_published() {
    let site = TestSite::copy("valid/basic");
    site.write(
        "content/news/embargoed.md",
        "---\ntitle: Next week\npublish: 2099-01-01T09:00:00Z\n---\n\nSee [the plan](/plans/no-such-plan/).\n",
    );
    site.write(
        "content/news/draft.md",
        "---\ntitle: Draft\ndraft: true\n---\n\nSee [the news](/news/helo/).\n",
    );
    // The build publishes neither page, so it has nothing to say about them...
    assert!(site.build().is_ok());
    // ...but check does, with a note on each.
    let out = bcfsite()
        .args(["check", "--format", "json", "--now", "2024-12-01T00:00:00Z"])
        .arg(site.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let errors = json["errors"].as_array().unwrap();
    let files: Vec<&str> = errors.iter().map(|e| e["file"].as_str().unwrap()).collect();
    assert!(files.contains(&"content/news/embargoed.md"), "{errors:#?}");
    assert!(files.contains(&"content/news/draft.md"), "{errors:#?}");
    assert!(errors.iter().all(|e| e["code"] == "broken-link"));
    assert!(errors.iter().all(|e| {
        e["notes"][0]
            .as_str()
            .unwrap()
            .contains("checked as it will be published")
    }));
}

#[test]
fn check_passes_a_clean_site_and_writes_nothing() {
    let site = TestSite::copy("valid/basic");
    bcfsite().arg("check").arg(site.path()).assert().success();
    assert!(!site.path().join("public").exists());
}

#[test]
fn init_then_build() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("my-site");
    bcfsite().arg("init").arg(&site).assert().success();
    bcfsite()
        .arg("build")
        .arg(&site)
        .assert()
        .success()
        .stdout(predicate::str::contains("withheld 1 confidential item"));
    assert!(
        site.join("public/papers/2024-11-12-update/index.html")
            .exists()
    );
    // init never overwrites.
    bcfsite().arg("init").arg(&site).assert().code(1);
    // The starter shows the data pages from the start, and says they are illustrative.
    let home = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(home.contains(
        "Our Better Care Fund Plan 2025 to 2027, 2025/26: £36 million spent on 5 schemes."
    ));
    assert!(home.contains("These figures are illustrative"));
    assert!(home.contains("(reported to the board, quarter 2, 2025/26)"));
    for page in [
        "plans/bcf-2025-27",
        "metrics/care-home-admissions",
        "quarters/2025-26-q2",
    ] {
        let html = std::fs::read_to_string(site.join(format!("public/{page}/index.html"))).unwrap();
        assert!(
            html.contains("illustrative"),
            "{page} says its figures are illustrative"
        );
    }
    bcfsite()
        .arg("check")
        .arg(&site)
        .args(["--strict"])
        .assert()
        .success();
}

/// Every string in a YAML document, wherever it is.
fn yaml_strings(v: &yaml_serde::Value, out: &mut Vec<String>) {
    match v {
        yaml_serde::Value::String(s) => out.push(s.clone()),
        yaml_serde::Value::Sequence(items) => items.iter().for_each(|i| yaml_strings(i, out)),
        yaml_serde::Value::Mapping(m) => m.values().for_each(|i| yaml_strings(i, out)),
        _ => {}
    }
}

/// Each CI recipe is valid YAML, checks with --strict, builds and audits only the
/// public site, and runs only commands docs/deploy.md documents.
#[test]
fn init_adds_a_ci_recipe_that_checks_and_publishes_only_the_public_build() {
    let deploy = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/deploy.md"),
    )
    .unwrap();
    for (ci, path) in [
        ("github", ".github/workflows/bcfsite.yml"),
        ("gitlab", ".gitlab-ci.yml"),
        ("azure", "azure-pipelines.yml"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        bcfsite()
            .args(["init", "--ci", ci])
            .arg(&site)
            .assert()
            .success()
            .stdout(predicate::str::contains(path));
        let text = std::fs::read_to_string(site.join(path)).unwrap();
        let doc: yaml_serde::Value =
            yaml_serde::from_str(&text).unwrap_or_else(|e| panic!("{path} is not valid YAML: {e}"));
        let mut strings = Vec::new();
        yaml_strings(&doc, &mut strings);
        let commands: Vec<&str> = strings
            .iter()
            .flat_map(|s| s.lines())
            .filter(|l| l.trim_start().starts_with("bcfsite "))
            .collect();
        for wanted in [
            "bcfsite check . --strict",
            "bcfsite build . --output public",
            "bcfsite audit public .",
        ] {
            assert!(
                commands.iter().any(|c| c.starts_with(wanted)),
                "{ci}: no `{wanted}` in {commands:?}"
            );
        }
        for c in &commands {
            assert!(
                !c.contains("members"),
                "{ci} must never build for members: {c}"
            );
            assert!(
                deploy.contains(c.trim()),
                "{ci} runs `{c}`, which docs/deploy.md does not show"
            );
        }
        // The site it sits beside still builds.
        bcfsite().arg("check").arg(&site).assert().success();
    }
}

#[test]
fn build_refuses_to_replace_a_folder_it_did_not_make() {
    let site = TestSite::copy("valid/basic");
    site.write("public/keep.txt", "mine");
    bcfsite()
        .arg("build")
        .arg(site.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("was not made by bcfsite"));
    assert!(site.path().join("public/keep.txt").exists());
}

#[test]
fn serve_reports_a_port_in_use() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let site = TestSite::copy("valid/basic");
    bcfsite()
        .arg("serve")
        .arg(site.path())
        .args(["--port", &port])
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already in use"))
        .stderr(predicate::str::contains("--port"));
}

#[test]
fn serve_serves_the_built_site() {
    use std::io::{Read, Write};
    let site = TestSite::copy("valid/basic");
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let bin = assert_cmd::cargo::cargo_bin("bcfsite");
    let mut child = std::process::Command::new(bin)
        .arg("serve")
        .arg(site.path())
        .args(["--port", &port.to_string()])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait for the ready line (bounded by the child's own output).
    let mut stdout = child.stdout.take().unwrap();
    let mut buf = [0u8; 256];
    let n = stdout.read(&mut buf).unwrap();
    let line = String::from_utf8_lossy(&buf[..n]).into_owned();
    assert!(
        line.contains(&format!("http://127.0.0.1:{port}/")),
        "{line}"
    );
    let get = |path: &str| {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut body = String::new();
        let _ = s.read_to_string(&mut body);
        body
    };
    let home = get("/");
    let paper = get("/papers/2024-11-12-update/appendix-b/");
    let _ = child.kill();
    let _ = child.wait();
    assert!(home.starts_with("HTTP/1.1 200"), "{home}");
    assert!(home.contains("Testshire Better Care Fund"));
    assert!(
        paper.starts_with("HTTP/1.1 404"),
        "confidential pages are never served in public"
    );
    assert!(!paper.contains("CANARY"));
}

/// `audit --now` decides as the build it checks did: a page published by a build
/// after its embargo is not reported by an audit at the same moment.
#[test]
fn audit_now_agrees_with_build_now() {
    let site = TestSite::copy("valid/basic");
    let out = site.path().join("out");
    bcfsite()
        .arg("build")
        .arg(site.path())
        .args(["--now", "2099-01-02T00:00:00Z", "--output"])
        .arg(&out)
        .assert()
        .success();
    bcfsite()
        .arg("audit")
        .arg(&out)
        .arg(site.path())
        .args(["--now", "2099-01-02T00:00:00Z"])
        .assert()
        .success();
}

/// The Dockerfile builds bcfsite and runs it as the entry point, on a small base with
/// no shell, and docs/deploy.md shows the commands its comment shows.
#[test]
fn the_dockerfile_runs_bcfsite() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let docker = std::fs::read_to_string(root.join("Dockerfile")).unwrap();
    let deploy = std::fs::read_to_string(root.join("docs/deploy.md")).unwrap();
    let stages: Vec<&str> = docker.lines().filter(|l| l.starts_with("FROM ")).collect();
    assert_eq!(stages.len(), 2, "a build stage and a run stage");
    assert!(stages[1].contains("distroless"), "{}", stages[1]);
    assert!(docker.contains("cargo build --release --locked --bin bcfsite"));
    assert!(docker.contains("ENTRYPOINT [\"/usr/local/bin/bcfsite\"]"));
    for line in docker.lines().filter_map(|l| l.strip_prefix("#   ")) {
        assert!(
            deploy.contains(line.trim()),
            "docs/deploy.md should show `{line}`"
        );
    }
}
