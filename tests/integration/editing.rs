//! Publishing-day surprises from issue 20: a glossary term given twice in other
//! capitals.

use crate::support::*;

#[test]
fn a_glossary_term_in_other_capitals_is_an_error_naming_both_lines() {
    let site = TestSite::copy("valid/basic");
    site.write(
        "content/glossary.yaml",
        "BCF: Better Care Fund\nICB: Integrated Care Board\nicb: integrated care board\n",
    );
    let err = site.build().unwrap_err();
    let d = err.errors().next().unwrap();
    assert_eq!(d.code, "duplicate-key", "{}", err.render_human(false));
    assert_eq!(d.line_column(), Some((3, 1)));
    assert!(err.render_human(false).contains("line 2"));
}

/// A top-level folder without `_index.md` is not a section, so its pages have no
/// listing of their own: the home page lists them under "Explore", after the
/// sections (docs/content.md says why this and not a warning).
#[test]
fn pages_of_a_top_level_folder_without_an_index_are_on_the_home_page() {
    let site = TestSite::copy("valid/basic");
    site.write(
        "content/reports/annual.md",
        "---\ntitle: Annual report\nsummary: The year.\n---\n\nText.\n",
    );
    let built = site.build().unwrap();
    let home = file(&built, "index.html");
    let explore = &home[home.find("id=\"explore\"").expect("an Explore list")..];
    assert!(explore.contains("href=\"/reports/annual/\""), "{explore}");
    assert!(
        built.warnings.is_empty(),
        "{}",
        built.warnings.render_human(false)
    );
}
