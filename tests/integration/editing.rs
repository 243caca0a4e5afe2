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
