//! `bcfsite cms`: the admin page and its settings name nothing confidential, the
//! build, the audit and `check` are happy with them, and an entry of every collection,
//! saved as Decap saves it, builds.
//!
//! The fixture `edges/cms` has a public section, a confidential one, an embargoed one,
//! a paper with a confidential appendix and a confidential scheme, each confidential
//! text carrying a `CANARY-CMS-...` marker.

use assert_cmd::Command;
use bcfsite::cms::{CmsOptions, cms};
use yaml_serde::{Mapping, Value};

use crate::support::*;

fn options() -> CmsOptions {
    CmsOptions {
        vendor: None,
        now: time::macros::datetime!(2024-12-01 12:00 UTC),
    }
}

fn read(site: &TestSite, rel: &str) -> String {
    std::fs::read_to_string(site.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn the_admin_page_names_nothing_confidential_and_the_site_still_builds() {
    let site = TestSite::copy("edges/cms");
    let made = cms(site.path(), &options()).unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    assert_eq!(
        made.written,
        [
            "static/admin/config.yml",
            "static/admin/index.html",
            "cms/records.yml"
        ]
    );
    assert_eq!(
        made.left_out,
        [
            "content/later/: embargoed (publish is still to come)",
            "content/private/: confidential"
        ]
    );
    let config = read(&site, "static/admin/config.yml");
    assert!(config.contains("folder: content/about"), "{config}");
    for secret in [
        "CANARY",
        "private",
        "later",
        "secret-scheme",
        "fixture-plan",
    ] {
        assert!(!config.contains(secret), "config.yml names {secret}");
    }
    // The records index names every record, confidential ones marked, and is not
    // published (it is outside content/ and static/).
    let records = read(&site, "cms/records.yml");
    assert!(records.contains("id: fixture-plan"));
    assert!(
        records.contains("[secret-scheme] (confidential)"),
        "{records}"
    );
    assert!(records.contains("id: 2024-25-Q2"));

    let built = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    assert!(
        built.warnings.is_empty(),
        "{}",
        built.warnings.render_human(false)
    );
    let page = file(&built, "admin/index.html");
    assert!(page.contains("https://unpkg.com/decap-cms@3.16.3/dist/decap-cms.js"));
    assert!(page.contains("integrity=\"sha384-"));
    assert!(find(&built, "admin/config.yml").is_some());
    assert!(
        built.files.iter().all(|f| !f.path.starts_with("cms/")),
        "the records index is never published"
    );
    for (path, bytes) in all_bytes(&built) {
        assert!(!bytes.contains("CANARY-CMS"), "{path} holds a canary");
    }
    // check is happy too, and the audit of a written build.
    Command::cargo_bin("bcfsite")
        .unwrap()
        .args(["check", "--strict", "--now", "2024-12-01"])
        .arg(site.path())
        .assert()
        .success();
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    Command::cargo_bin("bcfsite")
        .unwrap()
        .args(["build", "--now", "2024-12-01", "--output"])
        .arg(&public)
        .arg(site.path())
        .assert()
        .success();
    Command::cargo_bin("bcfsite")
        .unwrap()
        .arg("audit")
        .arg(&public)
        .arg(site.path())
        .assert()
        .success();
}

#[test]
fn a_vendored_bundle_is_served_from_the_site() {
    let site = TestSite::copy("edges/cms");
    let bundle = site.path().join("decap-cms.js");
    std::fs::write(&bundle, "window.CMS = {};\n").unwrap();
    let mut opts = options();
    opts.vendor = Some(bundle);
    let made = cms(site.path(), &opts).unwrap();
    assert!(
        made.written
            .contains(&"static/admin/decap-cms.js".to_string())
    );
    let page = read(&site, "static/admin/index.html");
    assert!(page.contains("<script src=\"decap-cms.js\"></script>"));
    assert!(!page.contains("unpkg"), "{page}");
    let built = site.build().unwrap();
    assert_eq!(file(&built, "admin/decap-cms.js"), "window.CMS = {};\n");

    opts.vendor = Some(site.path().join("missing.js"));
    let err = cms(site.path(), &opts).unwrap_err();
    assert_eq!(err.errors().next().unwrap().code, "cms-vendor-unreadable");
}

#[test]
fn it_runs_again_keeping_the_backend_and_never_replaces_what_it_did_not_make() {
    let site = TestSite::copy("edges/cms");
    cms(site.path(), &options()).unwrap();
    let path = site.path().join("static/admin/config.yml");
    let edited = read(&site, "static/admin/config.yml").replace(
        "  name: git-gateway\n  branch: main\n",
        "  name: github\n  repo: testshire/bcf-site\n  branch: main\n",
    );
    std::fs::write(&path, &edited).unwrap();
    cms(site.path(), &options()).unwrap();
    let again = read(&site, "static/admin/config.yml");
    assert!(again.contains("backend:\n"));
    assert!(
        again.contains("  name: github\n  repo: testshire/bcf-site\n"),
        "{again}"
    );
    assert!(!again.contains("name: git-gateway"));

    std::fs::write(&path, "backend:\n  name: github\n").unwrap();
    let err = cms(site.path(), &options()).unwrap_err();
    insta::assert_snapshot!(err.render_human(false));
    assert_eq!(
        read(&site, "static/admin/config.yml"),
        "backend:\n  name: github\n"
    );
}

#[test]
fn a_section_it_cannot_read_is_an_error() {
    let site = TestSite::copy("edges/cms");
    site.write(
        "content/about/_index.md",
        "---\ntitle: About\nconfidental: true\n---\n",
    );
    let err = cms(site.path(), &options()).unwrap_err();
    assert_eq!(err.errors().next().unwrap().code, "unknown-key");
    assert!(!site.path().join("static/admin/config.yml").exists());
}

#[test]
fn the_command_line_says_what_it_wrote_and_left_out() {
    let site = TestSite::copy("edges/cms");
    Command::cargo_bin("bcfsite")
        .unwrap()
        .arg("cms")
        .arg(site.path())
        .assert()
        .success()
        .stdout(predicates::str::contains("static/admin/config.yml"))
        .stdout(predicates::str::contains(
            "left out content/private/: confidential",
        ))
        .stdout(predicates::str::contains("npx decap-server"));
}

// ---------------------------------------------------------------------------------
// One saved entry of each collection.

/// The value Decap would save for a field, filled in as an editor would fill it.
fn value_for(field: &Mapping, ctx: &Ctx, path: &str) -> Option<Value> {
    let s = |k: &str| field.get(k).and_then(Value::as_str);
    let name = s("name").unwrap_or_default();
    let default = field.get("default").cloned();
    // Only for confidential pages; an editor leaves it unless the form starts with it.
    if name == "exempt_paragraph" && default.is_none() {
        return None;
    }
    // Another format is a page of the site or a web address, not both: the editor
    // gives the address.
    if path == ".alternates" && name == "page" {
        return None;
    }
    let widget = s("widget").unwrap_or("string");
    let text = |t: &str| Some(Value::String(t.to_string()));
    match widget {
        "hidden" | "boolean" => default.or(Some(Value::Bool(false))),
        "select" => default.or_else(|| {
            field
                .get("options")?
                .as_sequence()?
                .first()?
                .get("value")
                .cloned()
        }),
        "datetime" if s("format") == Some("YYYY-MM-DD") => text("2024-11-12"),
        "datetime" => text("2024-11-12T09:00:00+00:00"),
        "number" if s("value_type") == Some("int") => Some(Value::from(2)),
        "number" => Some(Value::from(9.5)),
        "text" => text(&format!("Plain words about the {} entry.", ctx.collection)),
        "markdown" => text(&format!(
            "The words of the {} entry, as written in the editor.",
            ctx.collection
        )),
        "relation" => {
            let v = match s("value_field") {
                Some("records.*.id") => ctx.public_record.clone(),
                Some("funding.*.id") => "cms-funding".to_string(),
                _ => "cms-plan".to_string(),
            };
            if field.get("multiple") == Some(&Value::Bool(true)) {
                Some(Value::Sequence(vec![Value::String(v)]))
            } else {
                Some(Value::String(v))
            }
        }
        "list" => {
            if let Some(item) = field.get("field").and_then(Value::as_mapping) {
                return Some(Value::Sequence(vec![value_for(item, ctx, path)?]));
            }
            let fields = field.get("fields")?.as_sequence()?;
            Some(Value::Sequence(vec![Value::Mapping(entry(
                fields,
                ctx,
                &format!("{path}.{name}"),
            ))]))
        }
        "object" => Some(Value::Mapping(entry(
            field.get("fields")?.as_sequence()?,
            ctx,
            &format!("{path}.{name}"),
        ))),
        _ => text(&string_for(field, ctx, &format!("{path}.{name}"))),
    }
}

/// A one-line value that fits the field's pattern and its place.
fn string_for(field: &Mapping, ctx: &Ctx, path: &str) -> String {
    let pattern = field
        .get("pattern")
        .and_then(|p| p.get(0))
        .and_then(Value::as_str)
        .unwrap_or_default();
    let id = |what: &str| format!("cms-{what}");
    match path {
        p if p.ends_with("joint.nhs") || p.ends_with("joint.council") => "50".into(),
        ".population" | ".metrics.population" => "aged_65_plus".into(),
        ".template" => "page.html".into(),
        ".base_url" => "https://bcf.example.gov.uk/".into(),
        ".language" => "en-GB".into(),
        ".contact.email" => "bcf@example.gov.uk".into(),
        // A list of conditions of its own is for a return not otherwise on the site:
        // not the quarter saved below (Q4) nor the year-end return (the year).
        ".period" if ctx.collection == "conditions" => format!("{}-Q3", ctx.year),
        ".period" => format!("{}-Q4", ctx.year),
        ".time" => "10:00".into(),
        ".id" => id("plan"),
        ".funding.id" => id("funding"),
        ".schemes.id" => id("scheme"),
        ".metrics.id" => id("measure"),
        _ if pattern.starts_with("^-?[0-9]") => "100".into(),
        _ if pattern.contains("[0-9]{4}-[0-9]{2}$") => ctx.year.clone(),
        _ if pattern.starts_with("^https?") || pattern.starts_with("^(https?") => {
            "https://example.org/report".into()
        }
        _ if pattern.starts_with("^/") => format!("/old{}/", ctx.collection),
        _ if pattern.starts_with("^[a-z0-9]") => "cms-id".into(),
        _ => format!("Words for {}", ctx.collection),
    }
}

/// `values` laid over `data` map by map, as Decap keeps the keys of a group that
/// its form does not show (`area: population:`).
fn lay_over(data: &mut Mapping, values: Mapping) {
    for (k, v) in values {
        match (data.get_mut(&k), v) {
            (Some(Value::Mapping(old)), Value::Mapping(new)) => lay_over(old, new),
            (_, v) => {
                data.insert(k, v);
            }
        }
    }
}

#[derive(Clone)]
struct Ctx {
    /// A record a public page may relate to.
    public_record: String,
    /// The first year the forms offer.
    year: String,
    /// The collection being filled, for values that must differ between entries.
    collection: String,
}

fn entry(fields: &[Value], ctx: &Ctx, path: &str) -> Mapping {
    let mut out = Mapping::new();
    for f in fields {
        let f = f.as_mapping().unwrap();
        let name = f.get("name").and_then(Value::as_str).unwrap();
        if let Some(v) = value_for(f, ctx, path) {
            out.insert(Value::String(name.into()), v);
        }
    }
    out
}

/// The text of a saved entry, as Decap writes it: YAML, or front matter and body.
fn saved(data: &Mapping, front_matter: bool) -> String {
    if !front_matter {
        return yaml_serde::to_string(data).unwrap();
    }
    let mut front = data.clone();
    let body = front
        .remove("body")
        .and_then(|b| b.as_str().map(str::to_string))
        .unwrap_or_default();
    format!(
        "---\n{}---\n{body}\n",
        yaml_serde::to_string(&front).unwrap()
    )
}

/// Where Decap saves a new entry of `collection`, as its `path`, `slug` and `nested`
/// settings say (Decap makes the slug from the title, or the identifier field).
fn where_saved(collection: &Mapping, data: &Mapping) -> String {
    let s = |k: &str| collection.get(k).and_then(Value::as_str);
    let folder = s("folder").unwrap();
    let ext = s("extension").unwrap();
    let ident = s("identifier_field").unwrap_or("title");
    let slug = bcfsite::content::slug::slugify(data.get(ident).and_then(Value::as_str).unwrap());
    let slug = match s("slug").unwrap_or("{{slug}}") {
        "{{year}}-{{month}}-{{day}}-{{slug}}" => format!("2024-11-12-{slug}"),
        template => template.replace("{{slug}}", &slug),
    };
    if collection.contains_key("nested") {
        // An appendix: in the folder of the fixture's paper, named from its title.
        return format!("{folder}/2024-11-12-update/{slug}.{ext}");
    }
    let path = s("path").unwrap_or("{{slug}}");
    format!("{folder}/{}.{ext}", path.replace("{{slug}}", &slug))
}

/// Decap adds `-1`, `-2`, ... to a slug that is taken.
fn unique(site: &TestSite, rel: String) -> String {
    let mut candidate = rel.clone();
    let (stem, ext) = rel.rsplit_once('.').unwrap();
    let mut n = 0;
    while site.path().join(&candidate).exists() {
        n += 1;
        candidate = format!("{stem}-{n}.{ext}");
    }
    candidate
}

#[test]
fn one_saved_entry_of_each_collection_builds() {
    let site = TestSite::copy("edges/cms");
    cms(site.path(), &options()).unwrap();
    let config: Value = yaml_serde::from_str(&read(&site, "static/admin/config.yml")).unwrap();
    let records: Value = yaml_serde::from_str(&read(&site, "cms/records.yml")).unwrap();
    let public_record = records["records"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|r| !r["label"].as_str().unwrap().contains("(confidential)"))
        .map(|r| r["id"].as_str().unwrap().to_string())
        .unwrap();
    let mut written = Vec::new();
    for collection in config["collections"].as_sequence().unwrap() {
        let c = collection.as_mapping().unwrap();
        let name = c.get("name").and_then(Value::as_str).unwrap();
        let ctx = Ctx {
            public_record: public_record.clone(),
            year: "2024-25".into(),
            collection: name.into(),
        };
        if let Some(fields) = c.get("fields").and_then(Value::as_sequence) {
            let data = entry(fields, &ctx, "");
            let rel = unique(&site, where_saved(c, &data));
            let front_matter = c.get("format").and_then(Value::as_str) == Some("yaml-frontmatter");
            site.write(&rel, &saved(&data, front_matter));
            written.push(rel);
            continue;
        }
        // A files collection: each file, its values laid over what the file holds
        // (Decap keeps the keys its form does not show).
        if c.get("hide") == Some(&Value::Bool(true)) {
            continue;
        }
        for file in c["files"].as_sequence().unwrap() {
            let rel = file["file"].as_str().unwrap();
            let ctx = Ctx {
                collection: file["name"].as_str().unwrap().to_string(),
                ..ctx.clone()
            };
            let mut data: Mapping = match std::fs::read_to_string(site.path().join(rel)) {
                Ok(t) if rel.ends_with(".yaml") => yaml_serde::from_str(&t).unwrap(),
                _ => Mapping::new(),
            };
            lay_over(
                &mut data,
                entry(file["fields"].as_sequence().unwrap(), &ctx, ""),
            );
            site.write(rel, &saved(&data, rel.ends_with(".md")));
            written.push(rel.to_string());
        }
    }
    // Every collection wrote one file (the settings file besides).
    assert!(written.len() >= 15, "{written:?}");
    match site.build() {
        Ok(built) => {
            for page in [
                "papers/2024-11-12-words-for-papers/",
                "plans/cms-plan/",
                "metrics/cms-measure/",
                "schemes/cms-scheme/",
                "meetings/words-for-meetings/",
                "conditions/2024-25-q3/",
                "year-end/2024-25/",
                "capacity/2024-25/",
            ] {
                assert!(
                    find(&built, &format!("{page}index.html")).is_some(),
                    "{page}"
                );
            }
        }
        Err(d) => panic!(
            "saved entries of {written:?} do not build:\n{}",
            d.render_human(false)
        ),
    }
}

/// Splits a command line as a shell would, for the simple quoting the docs use.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

#[test]
fn every_command_in_the_editing_guide_is_one_bcfsite_takes() {
    use clap::Parser;
    let guide = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/editing.md"),
    )
    .unwrap();
    let mut fenced = false;
    let mut commands = Vec::new();
    for line in guide.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
        } else if fenced && line.starts_with("bcfsite ") {
            commands.push(line);
        }
    }
    assert!(commands.contains(&"bcfsite cms"), "{commands:?}");
    assert!(
        commands
            .iter()
            .any(|c| c.starts_with("bcfsite cms --vendor")),
        "{commands:?}"
    );
    for command in commands {
        if let Err(e) = bcfsite::cli::Cli::try_parse_from(words(command)) {
            panic!("docs/editing.md: `{command}` is not a bcfsite command:\n{e}");
        }
    }
    assert!(guide.contains("npx decap-server"));
}
