//! Heading ids: the ids the theme gives its own parts are reserved (a heading that
//! would take one gets `-2`), two shortcodes embedding one table or chart get ids of
//! their own, and anchors to them resolve. No page has an `id` twice.

use std::collections::BTreeSet;
use std::path::Path;

use bcfsite::content::markdown::{RESERVED_IDS, ids_in};

use crate::support::*;

/// Each `id` that appears more than once in an HTML file.
fn duplicate_ids(built: &bcfsite::Built) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (path, text) in all_bytes(built) {
        if !path.ends_with(".html") {
            continue;
        }
        let mut seen = BTreeSet::new();
        for id in ids_in(&text) {
            if !seen.insert(id.clone()) {
                found.push((path.clone(), id));
            }
        }
    }
    found
}

#[test]
fn every_literal_id_in_the_default_templates_is_reserved() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    for entry in walkdir::WalkDir::new(&root) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for id in ids_in(&text) {
            if id.contains("{{") {
                continue;
            }
            assert!(
                RESERVED_IDS.contains(&id.as_str()),
                "{}: `{id}` is not in RESERVED_IDS (src/content/markdown.rs) or docs/content.md",
                entry.path().display()
            );
        }
    }
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/content.md"))
            .unwrap();
    for id in RESERVED_IDS {
        assert!(
            docs.contains(&format!("`{id}`")),
            "docs/content.md does not list `{id}`"
        );
    }
}

#[test]
fn no_page_of_the_example_site_repeats_an_id() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut opts = bcfsite::BuildOptions::new(root);
    opts.now = time::macros::datetime!(2024-12-01 12:00 UTC);
    let built = bcfsite::build_in_memory(&opts).unwrap();
    assert_eq!(duplicate_ids(&built), Vec::<(String, String)>::new());
}

#[test]
fn headings_and_repeated_shortcodes_get_ids_of_their_own() {
    let site = TestSite::copy("valid/data");
    site.write(
        "content/stories/ids.md",
        "---\ntitle: Ids\nsummary: Ids.\n---\n\n\
         See [the second table](#schemes-table-2), [the consent heading](#consent-2) and \
         [the first table](#schemes-table).\n\n\
         ## Consent\n\nText.\n\n## Downloads\n\nText.\n\n## Schemes table\n\nText.\n\n\
         {{ plan_spend(id=\"plan-2023-25\") }}\n\n\
         {{ plan_spend(id=\"plan-2023-25\") }}\n\n\
         {{ metric(id=\"residential-admissions\") }}\n\n\
         {{ metric(id=\"residential-admissions\") }}\n",
    );
    let built = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    assert_eq!(duplicate_ids(&built), Vec::<(String, String)>::new());
    let html = file(&built, "stories/ids/index.html");
    for id in [
        "consent-2",
        "downloads-2",
        // The first table keeps its id; the heading "Schemes table" gives way to it.
        "schemes-table",
        "schemes-table-2",
        "schemes-table-3",
        "schemes-table-3-caption",
        "residential-admissions-table",
        "residential-admissions-table-2",
        "chart-residential-admissions-title",
        "chart-residential-admissions-2-title",
    ] {
        assert!(html.contains(&format!(" id=\"{id}\"")), "no #{id}");
    }
    // A link to an id that is not there is still an error.
    site.write(
        "content/stories/ids.md",
        "---\ntitle: Ids\nsummary: Ids.\n---\n\n[x](#schemes-table-9)\n\n{{ plan_spend(id=\"plan-2023-25\") }}\n",
    );
    let err = site.build().unwrap_err();
    assert!(err.errors().any(|d| d.code == "broken-anchor"));
}
