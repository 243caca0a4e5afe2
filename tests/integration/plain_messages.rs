//! Messages in plain English: whatever is wrong in a file, no message, help or note
//! uses a word of Rust or of the YAML library ("i64", "unit value", "sequence",
//! "map", "struct", "variant") or quotes a key path in code style (``kind.`papr` ``).
//! The people who read these are communications officers, not developers.

use crate::support::*;

const PAGE: &str = "content/news/broken.md";
const SITE: &str = "content/site.yaml";
const DATA: &str = "content/data/broken.yaml";

/// (file, text): each malformed in its own way.
fn cases() -> Vec<(&'static str, String)> {
    let page = |front: &str| format!("---\ntitle: T\nsummary: S.\n{front}\n---\n\nText.\n");
    let site = |extra: &str| format!("title: T\nbase_url: https://t.example/\n{extra}\n");
    vec![
        (PAGE, page("weight: 1.5")),
        (PAGE, page("weight: heavy")),
        (PAGE, page("weight: -99999999999999999999999")),
        (PAGE, page("confidential: yes")),
        (PAGE, page("draft: 1")),
        (PAGE, page("aliases: /old/")),
        (PAGE, page("aliases: {old: new}")),
        (PAGE, page("relates_to: {a: b}")),
        (PAGE, page("kind: papr")),
        (PAGE, page("kind: [paper]")),
        (PAGE, page("kind:")),
        (PAGE, page("exempt_paragraph: nine")),
        (PAGE, page("meeting: the board")),
        (PAGE, page("meeting:\n  board: B\n  date: soon")),
        (PAGE, page("date: [2024]")),
        (PAGE, "---\ntitle:\n---\n\nText.\n".to_string()),
        (PAGE, "---\ntitle: [a, b]\n---\n\nText.\n".to_string()),
        (PAGE, "---\n- a\n- b\n---\n\nText.\n".to_string()),
        (PAGE, "---\njust words\n---\n\nText.\n".to_string()),
        (SITE, site("plain_english_grade: high")),
        (SITE, site("allow_raw_html: maybe")),
        (SITE, site("area: [Testshire]")),
        (SITE, site("area:\n  population:\n    aged_65_plus: -5")),
        (SITE, site("area:\n  population:\n    aged_65_plus: 1.5")),
        (SITE, site("contact: Council")),
        (SITE, site("redirects: {netlify: yes}")),
        (SITE, site("redirects: netlfy")),
        (SITE, site("headline: [a]")),
        (SITE, site("accessibility:\n  status: mostly")),
        (SITE, "- title\n- base_url\n".to_string()),
        (SITE, "title:\nbase_url:\n".to_string()),
        ("content/glossary.yaml", "BCF: [Better, Care]\n".to_string()),
        ("content/glossary.yaml", "- BCF\n".to_string()),
        (DATA, "kind: plan\nid: p\ntitle: P\nyears: 2024-25\nunits: pounds\n".to_string()),
        (
            DATA,
            "kind: plan\nid: p\ntitle: P\nyears: [2024-25]\nunits: pounds\nfunding:\n  - {id: f, name: F, amounts: {2024-25: lots}}\n"
                .to_string(),
        ),
        (
            DATA,
            "kind: plan\nid: p\ntitle: P\nyears: [2024-25]\nunits: pounds\nschemes: {a: b}\n".to_string(),
        ),
        (
            DATA,
            "kind: metrics\nmetrics:\n  - id: m\n    name: M\n    unit: percent\n    better: higher\n    targets: [1]\n".to_string(),
        ),
        (
            DATA,
            "kind: metrics\nmetrics:\n  - id: m\n    name: M\n    unit: percent\n    better: up\n".to_string(),
        ),
        (DATA, "kind: metrics\nmetrics: none\n".to_string()),
        (DATA, "kind: [plan]\n".to_string()),
    ]
}

/// The words of Rust and serde that must never reach a reader.
const JARGON: [&str; 18] = [
    "i8", "i16", "i32", "i64", "i128", "u8", "u16", "u32", "u64", "u128", "f32", "f64", "usize",
    "isize", "sequence", "map", "struct", "variant",
];

fn jargon_in(text: &str) -> Vec<String> {
    let mut found: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| JARGON.contains(w))
        .map(str::to_string)
        .collect();
    for phrase in [
        "unit value",
        "Option value",
        "newtype",
        ".`",
        "block of keys",
        "value's type",
    ] {
        if text.contains(phrase) {
            found.push(phrase.to_string());
        }
    }
    found
}

#[test]
fn no_message_uses_rust_or_yaml_library_words() {
    let mut failures = Vec::new();
    for (file, text) in cases() {
        let site = TestSite::copy("valid/basic");
        if file == SITE {
            std::fs::write(site.path().join(SITE), &text).unwrap();
        } else {
            site.write(file, &text);
        }
        let diags = match site.build() {
            Ok(built) => built.warnings,
            Err(d) => d,
        };
        let rendered = diags.render_human(false);
        assert!(
            diags.has_errors(),
            "{file} with\n{text}\nshould not build:\n{rendered}"
        );
        let words = jargon_in(&rendered);
        if !words.is_empty() {
            failures.push(format!("{file} with\n{text}\nsays {words:?}:\n{rendered}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n---\n"));
}
