//! `site.yaml` `redirects:`: the pages' `aliases` as real 301s in each host's own
//! file, checked against each format's documented syntax, for every alias of the
//! example site; a withheld page's alias is in none of them.

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::*;

/// The example site (the repository's own `content/` and `themes/`), with every
/// host's file asked for, and two more pages: one moved from an address with a space,
/// one confidential with an alias of its own.
fn example_with_hosts() -> TestSite {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    for sub in ["content", "themes"] {
        copy_dir(&root.join(sub), &dir.path().join(sub));
    }
    let site = TestSite { dir };
    let yaml = std::fs::read_to_string(site.path().join("content/site.yaml")).unwrap();
    site.write(
        "content/site.yaml",
        &format!("{yaml}redirects: [netlify, cloudflare, azure, apache, nginx]\n"),
    );
    site.write(
        "content/news/moved.md",
        "---\ntitle: Moved\nsummary: A page that moved.\ndate: 2024-11-01\naliases: [\"/old news/moved/\"]\n---\n\nText.\n",
    );
    site.write(
        "content/news/private.md",
        "---\ntitle: Private\nsummary: Private.\ndate: 2024-11-01\nconfidential: true\nexempt_paragraph: 3\naliases: [/old/WITHHELD-ALIAS/]\n---\n\nText.\n",
    );
    site
}

/// Every alias of a published page of the example site, and where it points.
fn example_aliases(built: &bcfsite::Built) -> Vec<(String, String)> {
    let _ = built;
    vec![
        ("/what-is-the-bcf/".into(), "/about/what-is-the-bcf/".into()),
        ("/about/bcf.html".into(), "/about/what-is-the-bcf/".into()),
        (
            "/news/transform-care".into(),
            "/news/2018-11-28-using-the-fund-to-transform-care/".into(),
        ),
        ("/old%20news/moved/".into(), "/news/moved/".into()),
    ]
}

/// The old addresses a host must match for an alias: a folder with and without its
/// last `/`.
fn spellings(alias: &str) -> Vec<String> {
    if alias.ends_with(".html") {
        vec![alias.into()]
    } else {
        let bare = alias.trim_end_matches('/');
        vec![format!("{bare}/"), bare.into()]
    }
}

#[test]
fn every_alias_is_a_301_in_every_hosts_file() {
    let site = example_with_hosts();
    let built = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    let aliases = example_aliases(&built);
    // Every alias in the example's own pages is in the list above.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut in_content = 0;
    for entry in walkdir::WalkDir::new(&root) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            if let Some(line) = text.lines().find(|l| l.starts_with("aliases:")) {
                let list = line.trim_start_matches("aliases:").trim();
                in_content += list.trim_matches(['[', ']']).split(',').count();
            }
        }
    }
    assert_eq!(
        in_content,
        aliases.len() - 1,
        "example aliases changed: update the list"
    );

    // Netlify and Cloudflare Pages: `from to [code]`, one a line, `#` comments; no
    // spaces inside a path (the field separator).
    let netlify = file(&built, "_redirects");
    let mut rules = BTreeSet::new();
    for line in netlify.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(' ').collect();
        assert_eq!(fields.len(), 3, "{line}");
        assert!(
            fields[0].starts_with('/') && fields[1].starts_with('/'),
            "{line}"
        );
        assert_eq!(fields[2], "301");
        assert!(
            !fields[0].contains(['*', ':']),
            "no splat or placeholder: {line}"
        );
        assert!(line.len() <= 1000);
        rules.insert((fields[0].to_string(), fields[1].to_string()));
    }
    let expected: BTreeSet<(String, String)> = aliases
        .iter()
        .flat_map(|(a, t)| spellings(a).into_iter().map(move |s| (s, t.clone())))
        .collect();
    assert_eq!(rules, expected);

    // Azure Static Web Apps: JSON with `routes`, each `route`, `redirect`, `statusCode`.
    let azure: serde_json::Value =
        serde_json::from_str(&file(&built, "staticwebapp.config.json")).unwrap();
    let routes: BTreeSet<(String, String)> = azure["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            assert_eq!(r["statusCode"], 301);
            assert_eq!(r.as_object().unwrap().len(), 3, "{r}");
            (
                r["route"].as_str().unwrap().to_string(),
                r["redirect"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(routes, expected);

    // Apache mod_alias: `RedirectMatch 301 "regex" "URL"`; the path it matches is
    // decoded, so a space is a space inside the quotes.
    let apache = file(&built, ".htaccess");
    let decoded = |s: &str| s.replace("%20", " ");
    let mut matched = BTreeSet::new();
    for line in apache.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let rest = line.strip_prefix("RedirectMatch 301 \"").expect(line);
        let (pattern, target) = rest.split_once("\" \"").expect(line);
        let target = target.strip_suffix('"').expect(line);
        for alt in pattern.split('|') {
            let exact = alt
                .strip_prefix('^')
                .and_then(|a| a.strip_suffix('$'))
                .expect(line);
            matched.insert((exact.replace("\\.", "."), target.to_string()));
        }
    }
    let expected_decoded: BTreeSet<(String, String)> = expected
        .iter()
        .map(|(a, t)| (decoded(a), t.clone()))
        .collect();
    assert_eq!(matched, expected_decoded);

    // nginx: `location = "path" { return 301 "URL"; }`.
    let nginx = file(&built, "nginx-redirects.conf");
    let mut located = BTreeSet::new();
    for line in nginx.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let rest = line.strip_prefix("location = \"").expect(line);
        let (path, rest) = rest.split_once("\" { return 301 \"").expect(line);
        let target = rest.strip_suffix("\"; }").expect(line);
        located.insert((path.to_string(), target.to_string()));
    }
    assert_eq!(located, expected_decoded);

    // No file names the withheld page or its old address.
    for f in [
        "_redirects",
        "staticwebapp.config.json",
        ".htaccess",
        "nginx-redirects.conf",
    ] {
        let text = file(&built, f);
        assert!(
            !text.contains("WITHHELD-ALIAS") && !text.contains("private"),
            "{f}"
        );
    }
}

#[test]
fn a_site_without_redirects_writes_none_and_a_file_of_its_own_clashes() {
    let site = TestSite::copy("valid/basic");
    let built = site.build().unwrap();
    for f in [
        "_redirects",
        "staticwebapp.config.json",
        ".htaccess",
        "nginx-redirects.conf",
    ] {
        assert!(find(&built, f).is_none(), "{f}");
    }
    let yaml = std::fs::read_to_string(site.path().join("content/site.yaml")).unwrap();
    site.write("content/site.yaml", &format!("{yaml}redirects: netlify\n"));
    site.write("static/_redirects", "/a /b 301\n");
    let err = site.build().unwrap_err();
    assert!(
        err.errors().any(|d| d.code == "url-clash"),
        "{}",
        err.render_human(false)
    );
}

#[test]
fn a_base_url_path_is_in_front_of_both_addresses() {
    let site = TestSite::copy("valid/basic");
    let yaml = std::fs::read_to_string(site.path().join("content/site.yaml")).unwrap();
    let yaml = yaml.replace(
        &yaml
            .lines()
            .find(|l| l.starts_with("base_url:"))
            .unwrap()
            .to_string(),
        "base_url: https://x.gov.uk/bcf/",
    );
    site.write("content/site.yaml", &format!("{yaml}redirects: nginx\n"));
    let built = site.build().unwrap();
    let nginx = file(&built, "nginx-redirects.conf");
    assert!(
        nginx.contains("location = \"/bcf/updates/hello/\" { return 301 \"/bcf/news/hello/\"; }"),
        "{nginx}"
    );
    assert!(!nginx.contains("CANARY"));
}

/// `.htaccess` starts with a dot, which `content/` and `static/` never publish: the
/// build writes it on purpose, and the audit of the folder reads it like any other
/// file (a leak written into it is found).
#[test]
fn the_dot_file_is_written_and_audited() {
    let site = TestSite::copy("valid/basic");
    let yaml = std::fs::read_to_string(site.path().join("content/site.yaml")).unwrap();
    site.write("content/site.yaml", &format!("{yaml}redirects: apache\n"));
    let out = site.path().join("public");
    bcfsite::build(&site.options(), &out).unwrap();
    let htaccess = out.join(".htaccess");
    assert!(
        std::fs::read_to_string(&htaccess)
            .unwrap()
            .contains("RedirectMatch 301")
    );
    let now = site.options().now;
    bcfsite::audit_dir_at(site.path(), &out, now).unwrap();
    let mut text = std::fs::read_to_string(&htaccess).unwrap();
    text.push_str("# CANARY-PRIVATE-PAPER-TITLE\n");
    std::fs::write(&htaccess, text).unwrap();
    let diags = bcfsite::audit_dir_at(site.path(), &out, now).unwrap_err();
    let rendered = diags.render_human(false);
    assert!(rendered.contains(".htaccess"), "{rendered}");
}

/// An alias with `%`-escapes is written where a web server looks for it: the server
/// decodes `/old%20name/` and serves the folder `old name`.
#[test]
fn an_escaped_alias_is_written_where_the_server_looks() {
    let site = TestSite::copy("valid/basic");
    let index = site.path().join("content/_index.md");
    let text = std::fs::read_to_string(&index).unwrap();
    std::fs::write(
        &index,
        text.replacen("---\n", "---\naliases: [/old%20name/]\n", 1),
    )
    .unwrap();
    let built = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    assert!(find(&built, "old name/index.html").is_some());
    assert!(find(&built, "old%20name/index.html").is_none());
}
