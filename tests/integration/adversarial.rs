//! The adversarial suite (issue 15): a careless editor's and an attacker's
//! variations on one small public site, each built as a public build and scanned.
//!
//! Each variation is one line in [`variations`]: a name, what must happen, and the
//! files it writes (or links it makes) on top of `tests/sites/edges/adversarial`. In
//! the text, `{C}` stands for the variation's own canary (`CANARY017ZQX`) and `{c}`
//! for the same in lower case (as it appears in an address). Then:
//!
//! - **no leak**: the build either stops with an error, or succeeds and no output file
//!   holds the canary, however it is written: every file is read as UTF-8 and as
//!   UTF-16 both ways, with HTML character references, `%`-escapes and JSON `\u`
//!   escapes decoded, Unicode NFKC-normalised, soft hyphens and zero-width characters
//!   dropped, and case ignored;
//! - **refused**: the build must stop (a leak the scan cannot see, such as a withheld
//!   amount a reader could work out by subtraction);
//! - **builds**: the build must succeed with no leak: the controls, which show that
//!   the suite does not pass by refusing everything.
//!
//! To add a case, add a line. Keep the canary in whatever would leak: the file name, the
//! body, the address.

use std::path::Path;

use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;

use crate::support::*;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Expect {
    NoLeak,
    Refused,
    Builds,
}
use Expect::*;

enum Op {
    /// Write a file (the path, too, may hold `{C}`).
    Write(&'static str, String),
    /// Append to a file.
    Append(&'static str, String),
    /// Make a symbolic link at a path to a target (relative to the link's folder).
    Link(&'static str, &'static str),
    /// Write a file outside the site and link to it from a path.
    LinkOutside(&'static str, String),
}

struct Variation {
    name: String,
    expect: Expect,
    ops: Vec<Op>,
}

fn v(name: impl Into<String>, expect: Expect, ops: Vec<Op>) -> Variation {
    Variation {
        name: name.into(),
        expect,
        ops,
    }
}

fn w(path: &'static str, text: impl Into<String>) -> Op {
    Op::Write(path, text.into())
}

fn append(path: &'static str, text: impl Into<String>) -> Op {
    Op::Append(path, text.into())
}

/// A public page with a title and this body.
fn page(body: &str) -> String {
    format!("---\ntitle: A public page\n---\n{body}\n")
}

/// A page with these front-matter lines, whose body holds the canary.
fn flagged(front: &str) -> String {
    format!("---\ntitle: Flagged page\n{front}\n---\n{SECRET}\n")
}

/// A confidential passage: long enough for the audit's runs of eight words, with
/// letters that PDFs turn into ligatures ("fi", "ffi").
const SECRET: &str = "The provider {C} has asked for a final uplift of twelve per cent to its office staff from April.";

const CONFIDENTIAL_PAGE: &str = "---\ntitle: Members briefing\nconfidential: true\n---\nThe provider {C} has asked for a final uplift of twelve per cent to its office staff from April.\n";

const CONFIDENTIAL_SECTION: &str = "---\ntitle: Closed section\nconfidential: true\n---\nClosed.\n";

/// A public page quoting the confidential page's passage, as `quote` rewrites it.
fn quoting(quote: &str) -> Vec<Op> {
    vec![
        w("content/secret/briefing.md", CONFIDENTIAL_PAGE),
        w("content/news/quote.md", page(quote)),
    ]
}

/// A confidential page at an address holding the canary, and a public page that
/// links to it as `link` writes it.
fn linking(link: &str) -> Vec<Op> {
    vec![
        w(
            "content/secret/minutes-{C}.md",
            "---\ntitle: Minutes\n---\nClosed minutes.\n",
        ),
        w("content/secret/file-{C}.pdf", "%PDF-1.4 closed minutes"),
        w("content/news/links.md", page(link)),
    ]
}

/// A plan of its own, for the derivable-amount cases.
fn plan(body: &str) -> Op {
    w(
        "content/data/plan-two.yaml",
        format!("kind: plan\nid: plan-two\ntitle: Second plan\nunits: pounds\n{body}"),
    )
}

fn variations() -> Vec<Variation> {
    let mut vs = vec![
        // Controls: these must build, with nothing withheld in them published.
        v("control/base site", Builds, vec![]),
        v("control/confidential page in a public folder", Builds, vec![w("content/news/secret-{C}.md", flagged("confidential: true"))]),
        v("control/confidential section", Builds, vec![w("content/closed/_index.md", CONFIDENTIAL_SECTION), w("content/closed/deep/page-{C}.md", page(SECRET))]),
        v("control/draft", Builds, vec![w("content/news/draft-{C}.md", flagged("draft: true"))]),
        v("control/embargoed by date-time", Builds, vec![w("content/news/later-{C}.md", flagged("publish: 2999-01-01T09:00:00Z"))]),
        v("control/embargoed by date", Builds, vec![w("content/news/later-{C}.md", flagged("publish: 2999-01-01"))]),
        v("control/front matter closed with dots", Builds, vec![w("content/news/dots-{C}.md", format!("---\ntitle: T\nconfidential: true\n...\n{SECRET}\n"))]),
        v("control/windows line ends", Builds, vec![w("content/news/crlf-{C}.md", flagged("confidential: true").replace('\n', "\r\n"))]),
        v("control/byte order mark", Builds, vec![w("content/news/bom-{C}.md", format!("\u{feff}{}", flagged("confidential: true")))]),
        v("control/flag with a comment", Builds, vec![w("content/news/comment-{C}.md", flagged("confidential: true   # members only"))]),
        v("control/confidential asset in a confidential bundle", Builds, vec![w("content/papers/closed/index.md", flagged("confidential: true\nkind: paper")), w("content/papers/closed/report-{C}.pdf", "%PDF-1.4 closed")]),
        v("control/two withheld schemes together", Builds, vec![plan("years: [2024-25]\nfunding:\n  - {id: f1, name: F1, amounts: {2024-25: 900000}}\nschemes:\n  - {id: s1, name: S1, amounts: {2024-25: 400000}}\n  - {id: s2, name: S2 {C}, confidential: true, amounts: {2024-25: 300000}}\n  - {id: s3, name: S3 {C}, confidential: true, amounts: {2024-25: 200000}}\n")]),
        v("control/amount public", Builds, vec![plan("years: [2024-25]\nfunding:\n  - {id: f1, name: F1, amounts: {2024-25: 900000}}\nschemes:\n  - {id: s1, name: S1, amounts: {2024-25: 400000}}\n  - {id: s2, name: S2 {C}, confidential: true, amount_public: true, amounts: {2024-25: 500000}}\n")]),
        v("control/confidential data record", Builds, vec![append("content/data/plan.yaml", "  - {id: secret-{c}, name: Secret scheme {C}, confidential: true}\n")]),

        // Flags just outside the front matter, or written so they do not count.
        v("flag/after the closing fence", NoLeak, vec![w("content/news/after-{C}.md", format!("---\ntitle: T\n---\nconfidential: true\n\n{SECRET}\n"))]),
        v("flag/after a blank line", NoLeak, vec![w("content/news/after-{C}.md", format!("---\ntitle: T\n---\n\nconfidential: true\n{SECRET}\n"))]),
        v("flag/in a second block", NoLeak, vec![w("content/news/second-{C}.md", format!("---\ntitle: T\n---\n---\nconfidential: true\n---\n{SECRET}\n"))]),
        v("flag/misspelt", NoLeak, vec![w("content/news/typo-{C}.md", flagged("confidental: true"))]),
        v("flag/capital key", NoLeak, vec![w("content/news/cap-{C}.md", flagged("Confidential: true"))]),
        v("flag/space before colon", NoLeak, vec![w("content/news/sp-{C}.md", flagged("confidential : true"))]),
        v("flag/True", NoLeak, vec![w("content/news/t-{C}.md", flagged("confidential: True"))]),
        v("flag/TRUE", NoLeak, vec![w("content/news/t-{C}.md", flagged("confidential: TRUE"))]),
        v("flag/yes", NoLeak, vec![w("content/news/y-{C}.md", flagged("confidential: yes"))]),
        v("flag/quoted", NoLeak, vec![w("content/news/q-{C}.md", flagged("confidential: \"true\""))]),
        v("flag/one", NoLeak, vec![w("content/news/one-{C}.md", flagged("confidential: 1"))]),
        v("flag/empty", NoLeak, vec![w("content/news/e-{C}.md", flagged("confidential:"))]),
        v("flag/tilde", NoLeak, vec![w("content/news/n-{C}.md", flagged("confidential: ~"))]),
        v("flag/indented", NoLeak, vec![w("content/news/i-{C}.md", flagged("  confidential: true"))]),
        v("flag/no-break space after colon", NoLeak, vec![w("content/news/nb-{C}.md", flagged("confidential:\u{a0}true"))]),
        v("flag/no-break space before key", NoLeak, vec![w("content/news/nb-{C}.md", flagged("\u{a0}confidential: true"))]),
        v("flag/zero-width space in key", NoLeak, vec![w("content/news/zw-{C}.md", flagged("confi\u{200b}dential: true"))]),
        v("flag/duplicate key", NoLeak, vec![w("content/news/dup-{C}.md", flagged("confidential: false\nconfidential: true"))]),
        v("flag/draft empty", NoLeak, vec![w("content/news/d-{C}.md", flagged("draft:"))]),
        v("flag/draft yes", NoLeak, vec![w("content/news/d-{C}.md", flagged("draft: yes"))]),
        v("flag/publish empty", NoLeak, vec![w("content/news/p-{C}.md", flagged("publish:"))]),
        v("flag/publish tilde", NoLeak, vec![w("content/news/p-{C}.md", flagged("publish: ~"))]),
        v("flag/publish null", NoLeak, vec![w("content/news/p-{C}.md", flagged("publish: null"))]),
        v("flag/publish words", NoLeak, vec![w("content/news/p-{C}.md", flagged("publish: next week"))]),
        v("flag/lone carriage returns", NoLeak, vec![w("content/news/cr-{C}.md", flagged("confidential: true").replace('\n', "\r"))]),
        v("flag/two byte order marks", NoLeak, vec![w("content/news/bom-{C}.md", format!("\u{feff}\u{feff}{}", flagged("confidential: true")))]),
        v("flag/toml fence", NoLeak, vec![w("content/news/toml-{C}.md", format!("+++\ntitle = \"T\"\nconfidential = true\n+++\n{SECRET}\n"))]),
        v("flag/tab indentation", NoLeak, vec![w("content/news/tab-{C}.md", flagged("meeting:\n\tboard: X\nconfidential: true"))]),
        v("flag/record tilde", NoLeak, vec![append("content/data/plan.yaml", "  - {id: s-{c}, name: Scheme {C}, confidential: ~}\n")]),
        v("flag/record yes", NoLeak, vec![append("content/data/plan.yaml", "  - {id: s-{c}, name: Scheme {C}, confidential: yes}\n")]),
        v("flag/record empty", NoLeak, vec![append("content/data/plan.yaml", "  - id: s-{c}\n    name: Scheme {C}\n    confidential:\n")]),
        v("flag/section flag in a backup", NoLeak, vec![w("content/closed/_index.md.bak", CONFIDENTIAL_SECTION), w("content/closed/_index.md", "---\ntitle: Closed\nconfidential: true\n---\n"), w("content/closed/page-{C}.md", page(SECRET))]),

        // Two names that differ only by case: one file on Windows and macOS.
        v("case/two pages differing by case", NoLeak, vec![w("content/news/Report-{C}.md", flagged("confidential: true")), w("content/news/report-{c}.md", page("Public report."))]),

        // Symbolic links are judged by where they point.
        v("link/page linked into a public folder", NoLeak, vec![w("content/secret/minutes-{C}.md", flagged("")), Op::Link("content/news/linked.md", "../secret/minutes-{C}.md")]),
        v("link/asset linked into a public bundle", NoLeak, vec![w("content/secret/file-{C}.pdf", "%PDF-1.4 {C} closed"), Op::Link("content/papers/2024-11-12-update/linked.pdf", "../../secret/file-{C}.pdf")]),
        v("link/static is the confidential section", NoLeak, vec![w("content/secret/minutes-{C}.md", flagged("")), Op::Link("static", "content/secret")]),
        v("link/static file into the confidential section", NoLeak, vec![w("content/secret/minutes-{C}.md", flagged("")), w("static/ok.txt", "ok"), Op::Link("static/minutes.txt", "../content/secret/minutes-{C}.md")]),
        v("link/theme static is the confidential section", NoLeak, vec![w("content/secret/minutes-{C}.md", flagged("")), append("content/site.yaml", "theme: evil\n"), w("themes/evil/templates/.keep", ""), Op::Link("themes/evil/static", "../../content/secret")]),
        v("link/page out of the site", NoLeak, vec![Op::LinkOutside("content/news/outside.md", flagged(""))]),
        v("link/static file out of the site", NoLeak, vec![w("static/ok.txt", "ok"), Op::LinkOutside("static/outside.txt", SECRET.to_string())]),
        v("link/folder linked into a public section", NoLeak, vec![w("content/secret/minutes-{C}.md", flagged("")), Op::Link("content/news/closed", "../secret")]),
        v("link/loop", NoLeak, vec![w("content/news/loop-{C}.md", flagged("confidential: true")), Op::Link("content/news/loop", ".")]),
        v("link/asset linked out of the site", NoLeak, vec![Op::LinkOutside("content/papers/2024-11-12-update/outside.pdf", format!("%PDF-1.4 {SECRET}"))]),

        // Private notes in a public page's source never reach any output.
        v("source/html comment", NoLeak, vec![w("content/news/notes.md", page("Public text.\n\n<!-- {C} private note: do not publish -->\n\nMore public text."))]),
        v("source/html comment inline", NoLeak, vec![w("content/news/notes.md", page("Public text <!-- {C} note --> and more."))]),
        v("source/script", NoLeak, vec![w("content/news/notes.md", page("Public text.\n\n<script>var note = \"{C}\";</script>\n"))]),
        v("source/style", NoLeak, vec![w("content/news/notes.md", page("Public text.\n\n<style>/* {C} */</style>\n"))]),
        v("source/unused reference title", NoLeak, vec![w("content/news/notes.md", page("Public text.\n\n[unused]: https://example.org/ \"{C} private title\"\n"))]),
        v("source/data attribute", NoLeak, vec![w("content/news/notes.md", page("Public <span data-note=\"{C}\">text</span>."))]),
        v("source/comment in the summary's page", NoLeak, vec![w("content/news/notes.md", "---\ntitle: Notes\nsummary: A public summary.\n---\n<!-- {C} -->\nPublic text.\n")]),

        // Withheld amounts a reader could work out by subtraction.
        v("amount/one withheld scheme, pounds", Refused, vec![plan("years: [2024-25]\nfunding:\n  - {id: f1, name: F1, amounts: {2024-25: 900000}}\nschemes:\n  - {id: s1, name: S1, amounts: {2024-25: 400000}}\n  - {id: s2, name: S2 {C}, confidential: true, amounts: {2024-25: 500000}}\n")]),
        v("amount/one withheld scheme, thousands", Refused, vec![plan("years: [2024-25]\nfunding:\n  - {id: f1, name: F1, amounts: {2024-25: 900.5}}\nschemes:\n  - {id: s1, name: S1, amounts: {2024-25: 400.25}}\n  - {id: s2, name: S2 {C}, confidential: true, amounts: {2024-25: 500.25}}\n").replace_units("thousands")]),
        v("amount/withheld funding source", Refused, vec![plan("years: [2024-25]\nfunding:\n  - {id: f1, name: F1, amounts: {2024-25: 600000}}\n  - {id: f2, name: F2 {C}, confidential: true, amounts: {2024-25: 300000}}\nschemes:\n  - {id: s1, name: S1, amounts: {2024-25: 900000}}\n")]),
        v("amount/declared schemes total", Refused, vec![plan("years: [2024-25]\nfunding:\n  - {id: f1, name: F1, amounts: {2024-25: 999999}}\nschemes:\n  - {id: s1, name: S1, amounts: {2024-25: 400000}}\n  - {id: s2, name: S2 {C}, confidential: true, amounts: {2024-25: 500000}}\ntotals:\n  schemes: {2024-25: 900000}\n")]),
        v("amount/declared funding total", Refused, vec![plan("years: [2024-25]\nfunding:\n  - {id: f1, name: F1, amounts: {2024-25: 600000}}\n  - {id: f2, name: F2 {C}, confidential: true, amounts: {2024-25: 300000}}\nschemes:\n  - {id: s1, name: S1, amounts: {2024-25: 123456}}\ntotals:\n  funding: {2024-25: 900000}\n")]),
        v("amount/declared total off by rounding", Refused, vec![plan("years: [2024-25]\nfunding:\n  - {id: f1, name: F1, amounts: {2024-25: 999999}}\nschemes:\n  - {id: s1, name: S1, amounts: {2024-25: 400000}}\n  - {id: s2, name: S2 {C}, confidential: true, amounts: {2024-25: 500000.4}}\ntotals:\n  schemes: {2024-25: 900000}\n")]),
        v("amount/a year only the withheld scheme covers", Refused, vec![plan("years: [2024-25, 2025-26]\nfunding:\n  - {id: f1, name: F1, amounts: {2024-25: 900000, 2025-26: 250000}}\nschemes:\n  - {id: s1, name: S1, amounts: {2024-25: 900000}}\n  - {id: s2, name: S2 {C}, confidential: true, amounts: {2025-26: 250000}}\n")]),
        v("amount/one on each side with both totals declared", Refused, vec![plan("years: [2024-25]\nfunding:\n  - {id: f1, name: F1, amounts: {2024-25: 600000}}\n  - {id: f2, name: F2 {C}, confidential: true, amounts: {2024-25: 300000}}\nschemes:\n  - {id: s1, name: S1, amounts: {2024-25: 700000}}\n  - {id: s2, name: S2 {C}, confidential: true, amounts: {2024-25: 200000}}\ntotals:\n  funding: {2024-25: 900000}\n")]),
        v("amount/withheld scheme with pence", Refused, vec![plan("years: [2024-25]\nfunding:\n  - {id: f1, name: F1, amounts: {2024-25: 900000.10}}\nschemes:\n  - {id: s1, name: S1, amounts: {2024-25: 400000}}\n  - {id: s2, name: S2 {C}, confidential: true, amounts: {2024-25: 500000.10}}\n")]),
        v("amount/one withheld year-end line in a balanced return", Refused, vec![plan("years: [2024-25]\nfunding:\n  - {id: f1, name: F1, amounts: {2024-25: 900000}}\nschemes:\n  - {id: s1, name: S1, amounts: {2024-25: 400000}}\n  - {id: s2, name: S2, amounts: {2024-25: 500000}}\n"), w("content/data/year-end-two.yaml", "kind: year_end\nyear: 2024-25\nplan: plan-two\nincome:\n  f1: {actual: 880000}\nexpenditure:\n  s1: {actual: 390000}\n  s2:\n    actual: 490000\n    note: Withheld {C}\n    confidential: true\n")]),
        v("control/two withheld year-end lines", Builds, vec![plan("years: [2024-25]\nfunding:\n  - {id: f1, name: F1, amounts: {2024-25: 900000}}\nschemes:\n  - {id: s1, name: S1, amounts: {2024-25: 400000}}\n  - {id: s2, name: S2, amounts: {2024-25: 500000}}\n"), w("content/data/year-end-two.yaml", "kind: year_end\nyear: 2024-25\nplan: plan-two\nincome:\n  f1: {actual: 880000}\nexpenditure:\n  s1: {actual: 390000, note: One {C}, confidential: true}\n  s2: {actual: 490000, note: Two {C}, confidential: true}\n")]),
    ];

    // Flag files, whatever their case: the section's or bundle's flag covers the rest.
    for name in ["_Index.md", "_INDEX.MD", "_index.MD", "_Index.Md"] {
        vs.push(v(
            format!("case/section flag file {name}"),
            NoLeak,
            vec![
                w(leak(format!("content/closed/{name}")), CONFIDENTIAL_SECTION),
                w("content/closed/inside-{C}.md", page(SECRET)),
            ],
        ));
    }
    for name in ["Index.md", "INDEX.MD", "index.MD", "InDeX.md"] {
        vs.push(v(
            format!("case/bundle flag file {name}"),
            NoLeak,
            vec![
                w(
                    leak(format!("content/papers/closed/{name}")),
                    flagged("confidential: true\nkind: paper"),
                ),
                w(
                    "content/papers/closed/appendix.md",
                    "---\ntitle: Appendix\nkind: appendix\nappendix: A\n---\n{C}\n",
                ),
                w("content/papers/closed/report-{C}.pdf", "%PDF-1.4 closed"),
            ],
        ));
    }

    // Files that look like pages (or backups of them) are never copied as assets.
    for ext in [
        "MD", "Md", "markdown", "MARKDOWN", "Markdown", "mdown", "mkd", "YAML", "yml", "YML",
        "md.bak", "bak", "BAK", "orig", "md.orig", "rej", "save", "old", "md.old", "txt", "html",
        "htm", "csv", "json",
    ] {
        for dir in ["content/papers/2024-11-12-update", "content/news"] {
            let path = leak(format!("{dir}/closed-{{C}}.{ext}"));
            vs.push(v(
                format!("asset/{ext} in {dir}"),
                NoLeak,
                vec![w(path, flagged("confidential: true"))],
            ));
        }
        let path = leak(format!("content/news/keys-{{C}}.{ext}"));
        vs.push(v(
            format!("asset/{ext} with a key line only"),
            NoLeak,
            vec![w(path, format!("Notes\nconfidential: true\n{SECRET}\n"))],
        ));
    }

    // Links to a withheld page or file, however they are written.
    for link in [
        "[minutes](/secret/minutes-{c}/)",
        "[minutes](../secret/minutes-{c}/)",
        "[minutes](../../secret/minutes-{c}/)",
        "[minutes](/secret/minutes-{c})",
        "[minutes](/secret/minutes-{c}/index.html)",
        "[minutes](/secret/minutes-{c}/#part-2)",
        "[minutes](/secret/minutes-{c}/?from=news)",
        "[minutes](/SECRET/MINUTES-{C}/)",
        "[minutes](/secret/%6Dinutes-{c}/)",
        "[minutes](/secret/minutes-{c}/ \"Minutes\")",
        "[minutes](https://bcf.hostile.example/secret/minutes-{c}/)",
        "[minutes](http://bcf.hostile.example/secret/minutes-{c}/)",
        "[minutes](HTTPS://BCF.HOSTILE.EXAMPLE/secret/minutes-{c}/)",
        "[minutes](//bcf.hostile.example/secret/minutes-{c}/)",
        "<https://bcf.hostile.example/secret/minutes-{c}/>",
        "[minutes][m]\n\n[m]: /secret/minutes-{c}/",
        "<a href=\"/secret/minutes-{c}/\">minutes</a>",
        "<a href='/secret/minutes-{c}/'>minutes</a>",
        "<a href=/secret/minutes-{c}/>minutes</a>",
        "<A HREF=\"/secret/minutes-{c}/\">minutes</A>",
        "<a href=\"https://bcf.hostile.example/secret/minutes-{c}/\">minutes</a>",
        "<img src=\"/secret/file-{c}.pdf\" alt=\"minutes\">",
        "<iframe src=\"/secret/minutes-{c}/\" title=\"minutes\"></iframe>",
        "![minutes](/secret/file-{c}.pdf)",
        "[minutes](/secret/file-{c}.pdf)",
        "[minutes](https://bcf.hostile.example/secret/file-{c}.pdf)",
    ] {
        vs.push(v(format!("href/{link}"), NoLeak, linking(link)));
    }

    // A public page quoting a confidential passage, as pasted from a PDF or a mail.
    for (how, quote) in [
        ("as written", SECRET.to_string()),
        ("in capitals", SECRET.to_uppercase()),
        (
            "with soft hyphens",
            SECRET
                .replace("uplift", "up\u{ad}lift")
                .replace("{C}", "CANA\u{ad}RY{N}ZQX"),
        ),
        (
            "with ligatures",
            SECRET.replace("fi", "\u{fb01}").replace("ffi", "\u{fb03}"),
        ),
        ("with no-break spaces", SECRET.replace(' ', "\u{a0}")),
        (
            "with zero-width spaces",
            SECRET
                .replace("provider", "pro\u{200b}vider")
                .replace("{C}", "CAN\u{200b}ARY{N}ZQX"),
        ),
        (
            "with a zero-width joiner",
            SECRET.replace("twelve", "twe\u{200d}lve"),
        ),
        (
            "in full-width letters",
            SECRET.replace("{C}", "ＣＡＮＡＲＹ{N}ＺＱＸ"),
        ),
        (
            "across lines",
            SECRET.replace(" has ", "\nhas ").replace(" per ", "\nper "),
        ),
        (
            "with emphasis",
            SECRET.replace("final uplift", "*final* **uplift**"),
        ),
        ("in a link's text", format!("[{SECRET}](/news/)")),
        ("in a table", format!("| Note |\n|---|\n| {SECRET} |")),
        ("in a heading", format!("## {SECRET}")),
        ("in a block quote", format!("> {SECRET}")),
        (
            "as character references",
            format!(
                "<p>{}</p>",
                SECRET
                    .replace("provider", "&#112;rovider")
                    .replace("{C}", "&#67;ANARY{N}ZQX")
            ),
        ),
        ("with curly quotes", format!("\u{201c}{SECRET}\u{201d}")),
    ] {
        vs.push(v(format!("quote/body {how}"), NoLeak, quoting(&quote)));
    }
    vs.push(v(
        "quote/in a public page's title",
        NoLeak,
        vec![
            w("content/secret/briefing.md", CONFIDENTIAL_PAGE),
            w(
                "content/news/quote.md",
                format!("---\ntitle: \"{SECRET}\"\n---\nPublic.\n"),
            ),
        ],
    ));
    vs.push(v(
        "quote/in a public page's summary",
        NoLeak,
        vec![
            w("content/secret/briefing.md", CONFIDENTIAL_PAGE),
            w(
                "content/news/quote.md",
                format!("---\ntitle: Q\nsummary: \"{SECRET}\"\n---\nPublic.\n"),
            ),
        ],
    ));

    // Every text field of a withheld thing, quoted by a public page.
    let field = "Bespoke {C} brokerage arrangement for twelve named care homes in the north";
    for (what, ops) in [
        (
            "page summary",
            vec![w(
                "content/secret/briefing.md",
                format!(
                    "---\ntitle: Briefing\nsummary: {field}\nconfidential: true\n---\nClosed.\n"
                ),
            )],
        ),
        (
            "paper meeting board",
            vec![w(
                "content/papers/closed/index.md",
                format!(
                    "---\ntitle: Closed paper\nkind: paper\nconfidential: true\nmeeting: {{board: {field}, date: 2024-11-12}}\n---\nClosed.\n"
                ),
            )],
        ),
        (
            "feedback source",
            vec![w(
                "content/secret/voices.md",
                format!(
                    "---\ntitle: Voices\nkind: feedback\nconfidential: true\nsource: {{organisation: {field}}}\nconsent: Written consent was given.\n---\nClosed.\n"
                ),
            )],
        ),
        (
            "feedback consent",
            vec![w(
                "content/secret/voices.md",
                format!(
                    "---\ntitle: Voices\nkind: feedback\nconfidential: true\nsource: {{organisation: Healthwatch Hostile Vale}}\nconsent: {field}\n---\nClosed.\n"
                ),
            )],
        ),
        (
            "scheme name",
            vec![append(
                "content/data/plan.yaml",
                format!("  - {{id: s-{{c}}, name: {field}, confidential: true}}\n"),
            )],
        ),
        (
            "scheme description",
            vec![append(
                "content/data/plan.yaml",
                format!(
                    "  - {{id: s-{{c}}, name: Closed, description: {field}, confidential: true}}\n"
                ),
            )],
        ),
        (
            "scheme type",
            vec![append(
                "content/data/plan.yaml",
                format!("  - {{id: s-{{c}}, name: Closed, type: {field}, confidential: true}}\n"),
            )],
        ),
        (
            "scheme commissioner",
            vec![append(
                "content/data/plan.yaml",
                format!(
                    "  - {{id: s-{{c}}, name: Closed, commissioner: {field}, confidential: true}}\n"
                ),
            )],
        ),
        (
            "scheme fund",
            vec![append(
                "content/data/plan.yaml",
                format!("  - {{id: s-{{c}}, name: Closed, fund: {field}, confidential: true}}\n"),
            )],
        ),
        (
            "metric definition",
            vec![append(
                "content/data/metrics.yaml",
                format!(
                    "  - {{id: m-{{c}}, name: Closed, unit: count, better: lower, definition: {field}, confidential: true}}\n"
                ),
            )],
        ),
        (
            "metric notes",
            vec![append(
                "content/data/metrics.yaml",
                format!(
                    "  - {{id: m-{{c}}, name: Closed, unit: count, better: lower, notes: {field}, confidential: true}}\n"
                ),
            )],
        ),
        (
            "metric source",
            vec![append(
                "content/data/metrics.yaml",
                format!(
                    "  - {{id: m-{{c}}, name: Closed, unit: count, better: lower, source: {field}, confidential: true}}\n"
                ),
            )],
        ),
        (
            "metric plain name",
            vec![append(
                "content/data/metrics.yaml",
                format!(
                    "  - {{id: m-{{c}}, name: Closed, plain_name: {field}, unit: count, better: lower, confidential: true}}\n"
                ),
            )],
        ),
        (
            "quarter note",
            vec![w(
                "content/data/quarter.yaml",
                format!(
                    "kind: quarter\nperiod: 2024-25-Q2\nplan: pooled-2024-25\nmetrics:\n  falls: {{status: on_track, note: {field}, confidential: true}}\n"
                ),
            )],
        ),
        (
            "quarter spend note",
            vec![w(
                "content/data/quarter.yaml",
                format!(
                    "kind: quarter\nperiod: 2024-25-Q2\nplan: pooled-2024-25\nspend:\n  reablement: {{planned: 1, actual: 1, note: {field}, confidential: true}}\n"
                ),
            )],
        ),
        (
            "whole data file",
            vec![w(
                "content/data/closed.yaml",
                format!(
                    "kind: plan\nid: closed-{{c}}\ntitle: {field}\nyears: [2024-25]\nunits: pounds\nconfidential: true\n"
                ),
            )],
        ),
    ] {
        let mut ops = ops;
        ops.push(w(
            "content/news/quote.md",
            page(&format!("We heard about the {field}.")),
        ));
        vs.push(v(format!("field/{what}"), NoLeak, ops));
    }
    vs
}

/// Paths are `&'static str` so that a variation stays one line; the few made in a
/// loop are leaked (a test process, a few hundred bytes).
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

trait Units {
    fn replace_units(self, units: &str) -> Op;
}

impl Units for Op {
    fn replace_units(self, units: &str) -> Op {
        match self {
            Op::Write(p, t) => Op::Write(p, t.replace("units: pounds", &format!("units: {units}"))),
            other => other,
        }
    }
}

fn canary(n: usize) -> String {
    format!("CANARY{n:03}ZQX")
}

fn fill(text: &str, n: usize) -> String {
    let c = canary(n);
    text.replace("{C}", &c)
        .replace("{c}", &c.to_lowercase())
        .replace("{N}", &format!("{n:03}"))
}

/// Applies a variation to a copy of the base site. False when the platform cannot
/// (symbolic links off Unix).
fn apply(site: &TestSite, outside: &Path, ops: &[Op], n: usize) -> bool {
    for op in ops {
        match op {
            Op::Write(path, text) => site.write(&fill(path, n), &fill(text, n)),
            Op::Append(path, text) => {
                let p = site.path().join(path);
                let mut t = std::fs::read_to_string(&p).unwrap();
                t.push_str(&fill(text, n));
                std::fs::write(&p, t).unwrap();
            }
            Op::Link(path, target) => {
                if !symlink(&fill(target, n), &site.path().join(fill(path, n))) {
                    return false;
                }
            }
            Op::LinkOutside(path, text) => {
                let file = outside.join(format!("outside-{n}"));
                std::fs::write(&file, fill(text, n)).unwrap();
                if !symlink(file.to_str().unwrap(), &site.path().join(fill(path, n))) {
                    return false;
                }
            }
        }
    }
    true
}

#[cfg(unix)]
fn symlink(target: &str, link: &Path) -> bool {
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, link).unwrap();
    true
}

#[cfg(not(unix))]
fn symlink(_: &str, _: &Path) -> bool {
    false
}

/// Every way the scan reads a file: as UTF-8 and as UTF-16 both ways, each with
/// character references, `%`-escapes and JSON escapes decoded, then normalised.
fn readings(bytes: &[u8]) -> Vec<String> {
    let utf16 = |be: bool| {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|p| {
                if be {
                    u16::from_be_bytes([p[0], p[1]])
                } else {
                    u16::from_le_bytes([p[0], p[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    let mut out = Vec::new();
    for text in [
        String::from_utf8_lossy(bytes).into_owned(),
        utf16(false),
        utf16(true),
    ] {
        out.push(normalise(&text));
        let entities = html_escape::decode_html_entities(&text).into_owned();
        let percent = percent_encoding::percent_decode_str(&entities)
            .decode_utf8_lossy()
            .into_owned();
        out.push(normalise(&json_unescape(&percent)));
    }
    out
}

/// `\uXXXX` and `\/` as JSON writes them.
fn json_unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(hex) = after.strip_prefix('u').and_then(|h| h.get(..4))
            && let Ok(code) = u32::from_str_radix(hex, 16)
        {
            out.extend(char::from_u32(code));
            rest = &after[5..];
        } else {
            out.extend(after.chars().next());
            rest = after.get(1..).unwrap_or_default();
            if !after.is_char_boundary(1) {
                rest = &after[after.chars().next().map_or(0, char::len_utf8)..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// NFKC, without soft hyphens and zero-width characters, in lower case.
fn normalise(text: &str) -> String {
    text.nfkc()
        .filter(|c| {
            !matches!(
                c,
                '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
            )
        })
        .collect::<String>()
        .to_lowercase()
}

/// What went wrong with one variation, if anything.
fn run(n: usize, var: &Variation) -> Option<String> {
    let site = TestSite::copy("edges/adversarial");
    let outside = tempfile::tempdir().unwrap();
    if !apply(&site, outside.path(), &var.ops, n) {
        return None;
    }
    let needle = canary(n).to_lowercase();
    match (site.build(), var.expect) {
        (Err(d), Builds) => Some(format!("did not build:\n{}", d.render_human(false))),
        (Err(_), _) => None,
        (Ok(_), Refused) => Some("built, but must be refused".into()),
        (Ok(b), _) => b.files.iter().find_map(|f| {
            let bytes = f.read().unwrap();
            readings(&bytes)
                .iter()
                .any(|r| r.contains(&needle))
                .then(|| format!("the canary is in {}", f.path))
        }),
    }
}

#[test]
fn no_variation_publishes_what_is_withheld() {
    let vs = variations();
    assert!(vs.len() >= 150, "only {} variations", vs.len());
    let failures: Vec<String> = vs
        .par_iter()
        .enumerate()
        .filter_map(|(n, var)| {
            run(n, var).map(|why| format!("{} ({:?}): {why}", var.name, var.expect))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} variations failed:\n{}",
        failures.len(),
        vs.len(),
        failures.join("\n")
    );
}

#[test]
fn the_scan_sees_through_encodings() {
    let c = "canary001zqx";
    for bytes in [
        "CANARY001ZQX".as_bytes().to_vec(),
        "&#67;ANARY001ZQX".as_bytes().to_vec(),
        "&#x43;ANARY001ZQX".as_bytes().to_vec(),
        "%43ANARY001ZQX".as_bytes().to_vec(),
        "\\u0043ANARY001ZQX".as_bytes().to_vec(),
        "CANA\u{ad}RY001ZQX".as_bytes().to_vec(),
        "ＣＡＮＡＲＹ001ZQX".as_bytes().to_vec(),
        "CANARY001ZQX"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect(),
        "CANARY001ZQX"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect(),
    ] {
        assert!(readings(&bytes).iter().any(|r| r.contains(c)), "{bytes:?}");
    }
    assert!(!readings(b"CANARY002ZQX").iter().any(|r| r.contains(c)));
}
