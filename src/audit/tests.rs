//! Tests of the audit's rules: what is found, and what is exempt. (The readers and
//! the hashing have their tests beside their code.)

use super::*;
use crate::data::amount::Amount;

fn secret(passage: &str) -> WithheldSource {
    WithheldSource {
        file: "content/papers/x/appendix-b.md".into(),
        passages: vec![passage.into()],
        ..WithheldSource::default()
    }
}

fn material<'a>(w: &'a [WithheldSource], p: &'a [String], a: &'a [String]) -> Material<'a> {
    Material {
        withheld: w,
        public: p,
        allowed: a,
    }
}

const PASSAGE: &str = "The overspend on the reablement contract is expected to reach four hundred thousand pounds by March.";

#[test]
fn finds_a_passage_pasted_into_a_page() {
    let fp = Fingerprints::build(&material(&[secret(PASSAGE)], &[], &[])).unwrap();
    let page = "<p>Update: the <em>overspend</em> on the reablement contract is expected to reach four hundred thousand pounds.</p>";
    let hits = fp.check("news/index.html", page.as_bytes());
    assert_eq!(hits.len(), 1);
    assert!(hits[0].message.contains("content/papers/x/appendix-b.md"));
    assert!(
        fp.check("news/index.html", b"<p>Nothing to see.</p>")
            .is_empty()
    );
}

#[test]
fn allowed_phrases_are_not_leaks() {
    let allowed = [PASSAGE.to_string()];
    let fp = Fingerprints::build(&material(&[secret(PASSAGE)], &[], &allowed)).unwrap();
    assert!(fp.check("a.html", PASSAGE.as_bytes()).is_empty());
}

#[test]
fn ids_titles_figures_and_files() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("secret.pdf");
    std::fs::write(&pdf, b"%PDF-1.4 \x00\x01 binary").unwrap();
    let src = WithheldSource {
        file: "content/data/plan.yaml".into(),
        phrases: vec!["Care home closure programme".into()],
        ids: vec!["closure-programme".into()],
        figures: vec![
            Amount("1234567.89".parse().unwrap()),
            Amount("999".parse().unwrap()),
        ],
        asset: Some(pdf.clone()),
        ..WithheldSource::default()
    };
    let public = ["The falls-lifting service".to_string()];
    let fp = Fingerprints::build(&material(&[src], &public, &[])).unwrap();
    assert_eq!(
        fp.check("a.html", b"<h2>Care home closure programme</h2>")
            .len(),
        1
    );
    assert_eq!(fp.check("a.csv", b"id\nclosure-programme\n").len(), 1);
    assert!(
        fp.check("a.csv", b"id\nclosure-programme-two\n").is_empty(),
        "a longer id is another id"
    );
    assert_eq!(fp.check("a.json", b"{\"v\": \"1,234,567.89\"}").len(), 1);
    assert!(
        fp.check("a.html", b"<td>999</td>").is_empty(),
        "short figures are too common"
    );
    assert_eq!(fp.check("copy.pdf", &std::fs::read(&pdf).unwrap()).len(), 1);
}

#[test]
fn binary_files_are_searched_for_text() {
    let fp = Fingerprints::build(&material(&[secret(PASSAGE)], &[], &[])).unwrap();
    let mut bytes = vec![0u8, 159, 146, 150];
    bytes.extend_from_slice(PASSAGE.as_bytes());
    bytes.push(0);
    assert_eq!(fp.check("report.pdf", &bytes).len(), 1);
}

/// A `<` that opens no tag is text on both sides: what follows it in a withheld
/// text is fingerprinted, and what follows it in a page is read.
#[test]
fn a_less_than_sign_hides_nothing() {
    let secret_text = "Delays will stay < 5% of referrals. The council intends to close the Elmwood care home by March next year.";
    let fp = Fingerprints::build(&material(&[secret(secret_text)], &[], &[])).unwrap();
    let leak = "the council intends to close the Elmwood care home by March";
    for page in [
        format!("<p>{leak}</p>"),
        format!("<p>Under &lt; 5%: {leak}</p>"),
        format!("<p>Under < 5%: {leak}</p>"),
        format!("<p>Under <5%: {leak}"),
        format!("<p>A tag never closed <b {leak}"),
    ] {
        assert_eq!(fp.check("a.html", page.as_bytes()).len(), 1, "{page}");
    }
    // A tag is still not words: its attributes are not read.
    let fp = Fingerprints::build(&material(&[secret(PASSAGE)], &[], &[])).unwrap();
    let tag = format!("<p title=\"{PASSAGE}\">Nothing to see.</p>");
    assert!(fp.check("a.html", tag.as_bytes()).is_empty());
}

#[test]
fn short_texts_become_phrases() {
    let fp = Fingerprints::build(&material(&[secret("CANARY-APPENDIX-B-BODY")], &[], &[])).unwrap();
    assert_eq!(
        fp.check("a.html", b"<p>canary appendix b body</p>").len(),
        1
    );
}
