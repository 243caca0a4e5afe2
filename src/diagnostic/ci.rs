//! Diagnostics for the places reviewers look: GitHub's workflow annotations, so an
//! error appears on the line of the pull request that caused it, and SARIF 2.1.0,
//! the format other forges' code scanning reads (GitLab, Azure DevOps, Gitea).
//!
//! Both take the site folder's path as written on the command line (`site`), so the
//! files they name are relative to where the check ran, which is where a CI runner
//! checked the repository out: `bcfsite check sites/bcf` names
//! `sites/bcf/content/papers/x.md`, not `content/papers/x.md`.

use std::path::Path;

use serde_json::json;

use super::{Diagnostic, Diagnostics, tidy};

/// A file's path as the repository knows it: the site folder joined to the
/// diagnostic's path, with `/` separators and no leading `./`.
fn repo_path(site: &Path, file: &str) -> String {
    let site = site.to_string_lossy().replace('\\', "/");
    let site = site.trim_start_matches("./").trim_end_matches('/');
    if site.is_empty() || site == "." {
        file.to_string()
    } else {
        format!("{site}/{file}")
    }
}

/// GitHub's escaping for an annotation's message (`%`, CR and LF).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// The same for a property value, which also ends at `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One workflow command per diagnostic: `::error file=…,line=…,col=…,title=…::…`.
/// The message carries the help and notes on lines of their own, as the human
/// format does, so the annotation says how to fix the problem too.
pub fn render_github(diags: &Diagnostics, site: &Path) -> String {
    let mut out = String::new();
    for d in diags.errors().chain(diags.warnings()) {
        out.push_str(&github_line(d, site));
        out.push('\n');
    }
    out
}

fn github_line(d: &Diagnostic, site: &Path) -> String {
    let level = if d.is_error() { "error" } else { "warning" };
    let mut props = Vec::new();
    if let Some(file) = &d.file {
        props.push(format!("file={}", escape_property(&repo_path(site, file))));
        if let Some((line, col)) = d.line_column() {
            props.push(format!("line={line}"));
            props.push(format!("col={col}"));
        }
    }
    props.push(format!(
        "title={}",
        escape_property(&format!("bcfsite {}", d.code))
    ));
    let mut message = tidy(&d.message).into_owned();
    if let Some((place, _)) = &d.cell {
        message = format!("{place}: {message}");
    }
    for note in &d.notes {
        message.push_str(&format!("\nnote: {}", tidy(note)));
    }
    if let Some(help) = &d.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    format!("::{level} {}::{}", props.join(","), escape_data(&message))
}

/// A SARIF 2.1.0 log with one run of bcfsite: a rule per code that occurs, and a
/// result per diagnostic with its file, line and column where known.
pub fn render_sarif(diags: &Diagnostics, site: &Path) -> String {
    let all: Vec<&Diagnostic> = diags.errors().chain(diags.warnings()).collect();
    let mut codes: Vec<&str> = all.iter().map(|d| d.code).collect();
    codes.sort_unstable();
    codes.dedup();
    let rules: Vec<serde_json::Value> = codes
        .iter()
        .map(|code| {
            json!({
                "id": code,
                "name": code,
                "shortDescription": {"text": format!("bcfsite {code}")},
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = all
        .iter()
        .map(|d| {
            let mut text = tidy(&d.message).into_owned();
            for note in &d.notes {
                text.push_str(&format!("\nnote: {}", tidy(note)));
            }
            if let Some(help) = &d.help {
                text.push_str(&format!("\nhelp: {help}"));
            }
            let mut result = json!({
                "ruleId": d.code,
                "ruleIndex": codes.iter().position(|c| *c == d.code).unwrap_or(0),
                "level": if d.is_error() { "error" } else { "warning" },
                "message": {"text": text},
            });
            if let Some(file) = &d.file {
                let mut location = json!({
                    "physicalLocation": {
                        "artifactLocation": {"uri": repo_path(site, file)},
                    }
                });
                if let Some((line, col)) = d.line_column() {
                    location["physicalLocation"]["region"] =
                        json!({"startLine": line, "startColumn": col});
                }
                if let Some((place, _)) = &d.cell {
                    location["logicalLocations"] = json!([{"name": place, "kind": "cell"}]);
                }
                result["locations"] = json!([location]);
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "bcfsite",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).expect("SARIF serialises")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceText;

    fn sample() -> Diagnostics {
        let src = SourceText {
            path: "content/news/a.md".into(),
            text: "---\ntitle: A\nconfidental: true\n---\n".into(),
        };
        Diagnostics::from(vec![
            Diagnostic::error("unknown-key", "unknown key `confidental`, 100% sure: yes")
                .at(&src, 13..24)
                .with_help("did you mean `confidential`?"),
            Diagnostic::warning("backup-ignored", "no file here").with_note("a note, with commas"),
        ])
    }

    #[test]
    fn github_annotations_point_at_the_line() {
        let out = render_github(&sample(), Path::new("./sites/bcf/"));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            "::error file=sites/bcf/content/news/a.md,line=3,col=1,title=bcfsite unknown-key::unknown key `confidental`, 100%25 sure: yes%0Ahelp: did you mean `confidential`?"
        );
        assert_eq!(
            lines[1],
            "::warning title=bcfsite backup-ignored::no file here%0Anote: a note, with commas"
        );
        assert!(render_github(&sample(), Path::new(".")).contains("file=content/news/a.md,"));
    }

    #[test]
    fn properties_cannot_be_broken_out_of() {
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn sarif_has_what_code_scanning_requires() {
        let log: serde_json::Value =
            serde_json::from_str(&render_sarif(&sample(), Path::new("site"))).unwrap();
        assert_eq!(log["version"], "2.1.0");
        let run = &log["runs"][0];
        assert_eq!(run["tool"]["driver"]["name"], "bcfsite");
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(rules.len(), 2);
        let r = &run["results"][0];
        assert_eq!(r["ruleId"], "unknown-key");
        assert_eq!(r["level"], "error");
        assert_eq!(
            rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"],
            "unknown-key"
        );
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "site/content/news/a.md");
        assert_eq!(loc["region"]["startLine"], 3);
        assert_eq!(loc["region"]["startColumn"], 1);
        assert!(run["results"][1].get("locations").is_none());
    }
}
