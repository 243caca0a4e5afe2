//! The self-audit at the edges (issue 15, class 10): every text of every withheld
//! thing is looked for, however it is written, and the audit fails closed.

use crate::support::*;

/// The value of each `CANARY-` line of a fixture's files: the scalar after the key
/// (or the list item, or the quoted line), as an editor would copy it into a page.
fn canary_values(fixture_rel: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(fixture(fixture_rel)).sort_by_file_name() {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        for line in text.lines().filter(|l| l.contains("CANARY-")) {
            let line = line
                .trim()
                .trim_start_matches("- ")
                .trim_start_matches("> ");
            let value = match line.split_once(": ") {
                Some((_, v)) => v,
                None => line,
            };
            out.push((format!("{name}: {line}"), value.to_string()));
        }
    }
    out
}

/// Writes one public page per quotation, builds once, and returns the quotations
/// whose page the audit did not stop, with the rendered errors.
fn quotations_missed(site: &TestSite, quotes: &[(String, String)]) -> (Vec<String>, String) {
    for (i, (_, quote)) in quotes.iter().enumerate() {
        site.write(
            &format!("content/news/quote-{i}.md"),
            &format!("---\ntitle: Quote {i}\n---\n\nWe were told: {quote}\n"),
        );
    }
    let diags = match site.build() {
        Ok(_) => {
            return (
                quotes.iter().map(|(w, _)| w.clone()).collect(),
                String::new(),
            );
        }
        Err(d) => d,
    };
    let hits: Vec<&str> = diags
        .errors()
        .filter(|d| d.code == "confidential-in-output")
        .map(|d| d.message.as_str())
        .collect();
    let missed = quotes
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            let page = format!("news/quote-{i}/index.html ");
            !hits.iter().any(|m| m.starts_with(&page))
        })
        .map(|(_, (w, _))| w.clone())
        .collect();
    (missed, diags.render_human(false))
}

#[test]
fn the_fixture_builds_and_publishes_no_canary() {
    let site = TestSite::copy("edges/audit-every-field");
    let built = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    for (path, text) in all_bytes(&built) {
        assert!(
            !text.to_ascii_uppercase().contains("CANARY"),
            "a canary leaked into {path}"
        );
    }
}

/// The fields of a kind of record that none of `records` sets, by name.
fn fields_never_set(records: &[&dyn erased::Walk]) -> Vec<&'static str> {
    use bcfsite::leaves::Leaf;
    let mut all = std::collections::BTreeSet::new();
    let mut set = std::collections::BTreeSet::new();
    for r in records {
        r.walk(&mut |field, leaf| {
            all.insert(field);
            if leaf != Leaf::Unset {
                set.insert(field);
            }
        });
    }
    all.difference(&set).copied().collect()
}

/// `bcfsite::leaves::walk` for records of different types in one list.
mod erased {
    pub trait Walk {
        fn walk(&self, sink: &mut dyn FnMut(&'static str, bcfsite::leaves::Leaf<'_>));
    }
    impl<T: serde::Serialize> Walk for T {
        fn walk(&self, sink: &mut dyn FnMut(&'static str, bcfsite::leaves::Leaf<'_>)) {
            bcfsite::leaves::walk(self, sink);
        }
    }
}

fn content_file(rel: &str) -> bcfsite::load::ContentFile {
    let path = fixture("edges/audit-every-field/content").join(rel);
    bcfsite::load::ContentFile {
        rel: rel.to_string(),
        source: bcfsite::diagnostic::SourceText {
            path: format!("content/{rel}"),
            text: std::fs::read_to_string(path).unwrap().into(),
        },
        digest: 0,
        link_target: None,
    }
}

fn data(rel: &str) -> bcfsite::data::DataDoc {
    bcfsite::data::parse(content_file(rel)).unwrap().doc
}

/// The guard for the test below: the fixture's withheld records set every field
/// their types have, so a field added to a record (or to the front matter) fails
/// here until the fixture gives it a canary, which the test below then looks for.
#[test]
fn the_fixture_sets_every_field_of_every_withheld_record() {
    use bcfsite::data::DataDoc;
    let fronts: Vec<_> = [
        "papers/2024-11-12-board/index.md",
        "papers/2024-11-12-board/appendix-a.md",
        "feedback/waiting.md",
        "meetings/secret.md",
    ]
    .iter()
    .map(|rel| {
        let f = content_file(rel);
        let split = bcfsite::content::front_matter::split(&f.source).unwrap();
        bcfsite::content::front_matter::parse(&f.source, &split).unwrap()
    })
    .collect();
    let hello = {
        let f = content_file("news/hello.md");
        let split = bcfsite::content::front_matter::split(&f.source).unwrap();
        bcfsite::content::front_matter::parse(&f.source, &split).unwrap()
    };
    let (DataDoc::Plan(plan), DataDoc::Plan(secret_plan)) =
        (data("data/plan.yaml"), data("data/secret-plan.yaml"))
    else {
        panic!("plans")
    };
    let DataDoc::Metrics(metrics) = data("data/metrics.yaml") else {
        panic!("metrics")
    };
    let (DataDoc::Quarter(quarter), DataDoc::Quarter(secret_quarter)) =
        (data("data/quarter.yaml"), data("data/secret-quarter.yaml"))
    else {
        panic!("quarters")
    };
    let DataDoc::Conditions(secret_conditions) = data("data/secret-conditions.yaml") else {
        panic!("conditions")
    };
    let (DataDoc::YearEnd(year_end), DataDoc::YearEnd(secret_year_end)) = (
        data("data/year-end.yaml"),
        data("data/secret-year-end.yaml"),
    ) else {
        panic!("year-end returns")
    };
    let (DataDoc::Capacity(capacity), DataDoc::Capacity(secret_capacity)) = (
        data("data/capacity.yaml"),
        data("data/secret-capacity.yaml"),
    ) else {
        panic!("capacity")
    };
    let funding: Vec<&dyn erased::Walk> = plan
        .funding
        .iter()
        .filter(|f| f.confidential)
        .chain(&secret_plan.funding)
        .map(|f| f as &dyn erased::Walk)
        .collect();
    let schemes: Vec<&dyn erased::Walk> = plan
        .schemes
        .iter()
        .filter(|s| s.confidential)
        .chain(&secret_plan.schemes)
        .map(|s| s as &dyn erased::Walk)
        .collect();
    // The board's record on published pages: what of it is withheld.
    let open: Vec<_> = ["papers/2024-12-10-open.md", "feedback/heard.md"]
        .iter()
        .map(|rel| {
            let f = content_file(rel);
            let split = bcfsite::content::front_matter::split(&f.source).unwrap();
            bcfsite::content::front_matter::parse(&f.source, &split).unwrap()
        })
        .collect();
    let recommendations: Vec<&dyn erased::Walk> = open
        .iter()
        .flat_map(|f| &f.recommendations)
        .filter(|r| r.confidential)
        .map(|r| r as &dyn erased::Walk)
        .collect();
    let responses: Vec<&dyn erased::Walk> = open
        .iter()
        .flat_map(|f| &f.recommendations)
        .flat_map(|r| &r.responses)
        .filter(|x| x.confidential)
        .map(|x| x as &dyn erased::Walk)
        .collect();
    let decisions: Vec<&dyn erased::Walk> = open
        .iter()
        .filter_map(|f| f.decision.as_ref())
        .filter(|d| d.confidential)
        .map(|d| d as &dyn erased::Walk)
        .collect();
    let groups: Vec<(&str, Vec<&dyn erased::Walk>)> = vec![
        ("withheld recommendations", recommendations),
        ("withheld responses", responses),
        ("withheld decisions", decisions),
        (
            "front matter of withheld pages",
            fronts.iter().map(|f| f as &dyn erased::Walk).collect(),
        ),
        (
            "withheld change notes of public pages",
            hello
                .changes
                .iter()
                .filter(|c| c.confidential)
                .map(|c| c as &dyn erased::Walk)
                .collect(),
        ),
        (
            "withheld change notes of public records",
            metrics
                .metrics
                .iter()
                .filter(|m| !m.confidential)
                .flat_map(|m| &m.changes)
                .filter(|c| c.confidential)
                .map(|c| c as &dyn erased::Walk)
                .collect(),
        ),
        (
            "withheld revisions of public figures",
            metrics
                .metrics
                .iter()
                .filter(|m| !m.confidential)
                .flat_map(|m| m.actuals.values().chain(m.targets.values()))
                .flat_map(|v| &v.revised)
                .filter(|r| r.confidential)
                .map(|r| r as &dyn erased::Walk)
                .collect(),
        ),
        ("withheld plan", vec![&secret_plan]),
        ("withheld funding sources", funding),
        ("withheld schemes", schemes),
        (
            "withheld metrics",
            metrics
                .metrics
                .iter()
                .filter(|m| m.confidential)
                .map(|m| m as &dyn erased::Walk)
                .collect(),
        ),
        ("withheld quarter", vec![&secret_quarter]),
        (
            "withheld quarter metric entries",
            quarter
                .metrics
                .values()
                .filter(|r| r.confidential)
                .map(|r| r as &dyn erased::Walk)
                .collect(),
        ),
        (
            "withheld quarter conditions",
            quarter
                .conditions
                .iter()
                .filter(|c| c.confidential)
                .chain(&secret_quarter.conditions)
                .map(|c| c as &dyn erased::Walk)
                .collect(),
        ),
        ("withheld conditions document", vec![&secret_conditions]),
        ("withheld year-end return", vec![&secret_year_end]),
        ("withheld capacity document", vec![&secret_capacity]),
        (
            "withheld capacity services",
            capacity
                .services
                .iter()
                .filter(|s| s.confidential)
                .map(|s| s as &dyn erased::Walk)
                .collect(),
        ),
        (
            "withheld year-end entries",
            year_end
                .income
                .values()
                .chain(year_end.expenditure.values())
                .filter(|l| l.confidential)
                .map(|l| l as &dyn erased::Walk)
                .collect(),
        ),
        (
            "withheld year-end conditions",
            year_end
                .conditions
                .iter()
                .filter(|c| c.confidential)
                .map(|c| c as &dyn erased::Walk)
                .collect(),
        ),
        (
            "withheld quarter spend entries",
            quarter
                .spend
                .values()
                .filter(|s| s.confidential)
                .map(|s| s as &dyn erased::Walk)
                .collect(),
        ),
    ];
    for (what, records) in groups {
        assert!(!records.is_empty(), "the fixture has no {what}");
        let unset = fields_never_set(&records);
        assert!(
            unset.is_empty(),
            "no {what} in tests/sites/edges/audit-every-field sets {unset:?}: give each a CANARY- value (or a real one, for a date or an id of a published record), so the audit is shown to look for it"
        );
    }
}

#[test]
fn every_text_field_of_every_withheld_thing_is_caught_when_quoted() {
    let site = TestSite::copy("edges/audit-every-field");
    let mut quotes = canary_values("edges/audit-every-field");
    assert!(quotes.len() >= 30, "the fixture lost its canaries");
    // Ids as written, and figures with and without thousands separators.
    for id in [
        "canary-funding-id",
        "canary-scheme-id",
        "canary-metric-id",
        "canary-secret-plan-id",
        "canary-secret-plan-scheme-id",
        "canary-secret-plan-funding-id",
    ] {
        quotes.push((format!("id {id}"), id.to_string()));
    }
    for figure in [
        "7,654,321",
        "6543210",
        "5,432,109",
        "4321098",
        "3,210,987",
        "2109876",
        "1,098,765",
        "8765432",
        "9,876,543",
        "8765431",
        "9,876,542",
        "3109876",
        "3,098,765",
        "6,172,839",
        "5172839",
    ] {
        quotes.push((format!("figure {figure}"), figure.to_string()));
    }
    let (missed, rendered) = quotations_missed(&site, &quotes);
    assert!(
        missed.is_empty(),
        "the audit let these through:\n  {}\n{rendered}",
        missed.join("\n  ")
    );
}

/// Eight words of the confidential appendix of `edges/audit-pasted`: the shortest
/// run the audit matches, so a variant that changes any one word must be read back
/// to the original to be found.
const QUOTE: &str = "the café staff flagged a difficult financial shortfall";

/// The same words as they arrive when pasted from a PDF, a word processor or a web
/// page: each variant must still be found.
fn pasted_variants() -> Vec<(&'static str, String)> {
    let full_width: String = QUOTE
        .chars()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' => char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap(),
            c => c,
        })
        .collect();
    vec![
        (
            "soft hyphens",
            QUOTE.replace("shortfall", "short\u{ad}fall"),
        ),
        (
            "ligatures",
            QUOTE
                .replace("ffi", "\u{fb03}")
                .replace("ff", "\u{fb00}")
                .replace("fi", "\u{fb01}")
                .replace("fl", "\u{fb02}"),
        ),
        (
            "zero-width space",
            QUOTE.replace("financial", "finan\u{200b}cial"),
        ),
        (
            "zero-width joiners",
            QUOTE.replace("difficult", "dif\u{200c}fi\u{200d}cult"),
        ),
        (
            "word joiner and BOM",
            QUOTE.replace("flagged", "fl\u{2060}ag\u{feff}ged"),
        ),
        ("full-width letters", full_width),
        ("decomposed accents", QUOTE.replace("café", "cafe\u{301}")),
        (
            "compatibility letters",
            QUOTE
                .replace("staff", "\u{ff53}ta\u{fb00}")
                .replace("the", "t\u{210e}e"),
        ),
    ]
}

#[test]
fn a_passage_pasted_from_a_pdf_is_still_caught() {
    let site = TestSite::copy("edges/audit-pasted");
    site.build()
        .unwrap_or_else(|d| panic!("the fixture must build: {}", d.render_human(false)));
    let quotes: Vec<(String, String)> = pasted_variants()
        .into_iter()
        .map(|(what, text)| (what.to_string(), text))
        .collect();
    let (missed, rendered) = quotations_missed(&site, &quotes);
    assert!(missed.is_empty(), "missed: {missed:?}\n{rendered}");
}

#[test]
fn character_references_are_read_as_a_browser_shows_them() {
    let encoded = [
        ("decimal", QUOTE.replace("the café", "&#116;he café")),
        ("hex", QUOTE.replace("staff", "&#x73;&#X74;aff")),
        (
            "soft hyphen by name",
            QUOTE.replace("shortfall", "short&shy;fall"),
        ),
        (
            "zero-width by number",
            QUOTE.replace("financial", "finan&#8203;cial"),
        ),
        ("letters by name", QUOTE.replace("café", "caf&eacute;")),
        (
            "every character",
            QUOTE.chars().map(|c| format!("&#{};", c as u32)).collect(),
        ),
    ];
    for (what, text) in encoded {
        let site = TestSite::copy("edges/audit-pasted");
        site.write(
            "static/notes.html",
            &format!("<!doctype html><p>{text}</p>\n"),
        );
        let err = site
            .build()
            .err()
            .unwrap_or_else(|| panic!("{what}: a static page with the passage was published"));
        let hit = err.errors().next().unwrap();
        assert_eq!(hit.code, "confidential-in-output", "{what}");
        assert!(
            hit.message.starts_with("notes.html "),
            "{what}: {}",
            hit.message
        );

        // `bcfsite audit` reads a folder the same way.
        let out = tempfile::tempdir().unwrap();
        std::fs::write(out.path().join("notes.html"), format!("<p>{text}</p>")).unwrap();
        let err = bcfsite::audit_dir(site.path(), out.path()).unwrap_err();
        assert_eq!(
            err.errors().next().unwrap().code,
            "confidential-in-output",
            "{what}"
        );
    }
}

/// Whether this process can read a file whatever its permissions (root can).
fn reads_anything(path: &std::path::Path) -> bool {
    std::fs::read(path).is_ok()
}

#[test]
fn an_unreadable_withheld_file_stops_the_build() {
    use std::os::unix::fs::PermissionsExt;
    let site = TestSite::copy("edges/audit-unreadable");
    let secret = site
        .path()
        .join("content/papers/2024-11-12-private/secret.pdf");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    let rendered = if reads_anything(&secret) {
        // Root reads any file; run the command without the capabilities that allow it.
        let out = site.path().join("public");
        let run = std::process::Command::new("setpriv")
            .args([
                "--bounding-set",
                "-dac_override,-dac_read_search",
                "--inh-caps",
                "-all",
            ])
            .arg(assert_cmd::cargo::cargo_bin("bcfsite"))
            .args(["build", "--now", "2024-12-01"])
            .arg(site.path())
            .arg("--output")
            .arg(&out)
            .env("NO_COLOR", "1")
            .output()
            .expect("setpriv (util-linux) runs the command without root's read-anything rights");
        assert!(
            !run.status.success(),
            "the build passed without reading the file"
        );
        assert!(!out.exists(), "nothing was written");
        String::from_utf8(run.stderr).unwrap()
    } else {
        site.build().unwrap_err().render_human(false)
    };
    // The load stage reads every file it will copy (to tell a page from an asset)
    // and stops there; the audit's own refusal (`unreadable-withheld-file`) is the
    // second line of defence, for a file that becomes unreadable during the build.
    let start = rendered
        .find("error[unreadable-file]")
        .or_else(|| rendered.find("error[unreadable-withheld-file]"))
        .unwrap_or_else(|| panic!("{rendered}"));
    let end = rendered[start..]
        .find("\n\n")
        .map_or(rendered.len(), |e| start + e);
    assert!(rendered[start..end].contains("secret.pdf"), "{rendered}");
    insta::assert_snapshot!("unreadable-confidential-file", &rendered[start..end]);
}

#[test]
fn an_empty_confidential_file_does_not_make_empty_public_files_confidential() {
    let site = TestSite::copy("edges/audit-empty-file");
    let built = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    for empty in ["empty.txt", "blank.txt", "news/hello/empty.txt"] {
        assert!(find(&built, empty).is_some(), "{empty} is published");
    }
}

#[test]
fn degenerate_withheld_texts_match_nothing() {
    // A one-word title, an empty body, a body of spaces, a one-word note: none of
    // them may stop a page that happens to use the word.
    let site = TestSite::copy("edges/audit-empty-file");
    site.write(
        "content/news/budget.md",
        "---\ntitle: Budget\nconfidential: true\n---\n",
    );
    site.write(
        "content/news/spaces.md",
        "---\ntitle: Plan\nsummary: \" \"\nconfidential: true\n---\n   \n\t\n",
    );
    site.write(
        "content/news/public.md",
        "---\ntitle: The budget plan\n---\n\nOur budget and our plan, in plain words.\n",
    );
    site.build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
}
