//! Markdown to HTML, with stable heading ids and raw HTML made safe.
//!
//! Heading ids come from the heading's text (or an explicit `{#id}`), made unique on
//! the page with `-2`, `-3`, ... in document order, so a link to `#carers` keeps
//! working as long as the heading keeps its words. Raw HTML in Markdown is cleaned to
//! an allow-list with ammonia unless the site opts out; we only pay for cleaning
//! when a page actually contains raw HTML.

use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;

use super::slug::slugify;

/// A heading of a rendered page, for tables of contents and anchors.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

#[derive(Clone, Debug)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    /// The Markdown held raw HTML (cleaned unless the site allows it).
    pub had_raw_html: bool,
    /// Every link and image address, in order, for link checking.
    pub links: Vec<String>,
    /// On a page with raw HTML: every address in the tags of the HTML as published
    /// (after cleaning), which the Markdown's own links do not show. They include the
    /// Markdown's links again, as written in the HTML; the link check skips those.
    pub html_links: Vec<String>,
}

/// Ids the default theme gives its own parts of a page (every literal `id="…"` in
/// `themes/default/templates/`, and the ids of the tables shortcodes embed); a
/// heading with the same text gets `-2`, so links such as `/schemes/<id>/#feedback`
/// always reach the theme's part. A test holds this list to the templates.
pub const RESERVED_IDS: &[&str] = &[
    "main-content",
    "contents-title",
    "downloads",
    "appendices",
    "pages",
    "feedback",
    "related",
    "data",
    "where-the-money-goes",
    "are-we-on-track",
    "what-people-told-us",
    "latest-papers",
    "explore",
    "about-this",
    "consent",
    "search-input",
    "search-status",
    "search-results",
    "preparation",
    "compliance-status",
    "non-accessible-content",
    "enforcement-procedure",
    "reporting-problems",
    "page-history",
    "decision",
    "recommendations",
    "agenda",
    // Tables a shortcode embeds (`plan_spend`, `metric`, `scheme`) and data pages show.
    "schemes-table",
    "funding-table",
    "metrics-table",
    "spend-table",
    "amounts-table",
];

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders a page body. `allow_raw_html` comes from `site.yaml`.
pub fn render(markdown: &str, allow_raw_html: bool) -> Rendered {
    render_at(markdown, allow_raw_html, "/")
}

/// Renders a page body for a site that lives under `root` (`/` or e.g. `/bcf/`):
/// links written from the site root (`/plan/`) are made to point under it.
pub fn render_at(markdown: &str, allow_raw_html: bool, root: &str) -> Rendered {
    // About one event per eight bytes of Markdown; sized once rather than doubled.
    let mut events: Vec<Event> = Vec::with_capacity(markdown.len() / 8 + 16);
    events.extend(Parser::new_ext(markdown, options()));
    let mut headings = Vec::new();
    let mut used = UsedIds::default();
    let mut had_raw_html = false;
    let mut links = Vec::new();

    let mut open: Option<(usize, String)> = None;
    // Each table gets an id from the heading above it, so a link can target it.
    let mut table_ids = Vec::new();
    let mut last_heading = String::new();
    let mut last_heading_text = String::new();
    for i in 0..events.len() {
        match &events[i] {
            Event::Start(Tag::Heading { .. }) => open = Some((i, String::new())),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = open.as_mut() {
                    text.push_str(t);
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => had_raw_html = true,
            Event::Start(Tag::Table(_)) => {
                let base = if last_heading.is_empty() {
                    "table".to_string()
                } else {
                    format!("{last_heading}-table")
                };
                let label = if last_heading_text.is_empty() {
                    "Table".to_string()
                } else {
                    format!("Table: {last_heading_text}")
                };
                table_ids.push((unique_id(&base, &mut used), label));
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                links.push(dest_url.to_string());
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((start, text)) = open.take() else {
                    continue;
                };
                if let Event::Start(Tag::Heading { level, id, .. }) = &mut events[start] {
                    let wanted = id.as_deref().map(slugify).unwrap_or_else(|| slugify(&text));
                    let unique = unique_id(&wanted, &mut used);
                    last_heading = unique.clone();
                    last_heading_text = text.trim().to_string();
                    *id = Some(CowStr::from(unique.clone()));
                    headings.push(Heading {
                        level: *level as u8,
                        id: unique,
                        text: text.trim().to_string(),
                    });
                }
            }
            _ => {}
        }
    }

    if root != "/" {
        for e in &mut events {
            if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = e
                && dest_url.starts_with('/')
                && !dest_url.starts_with("//")
                && !dest_url.starts_with(root)
            {
                *dest_url = CowStr::from(format!("{root}{}", &dest_url[1..]));
            }
        }
    }

    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    if had_raw_html && !allow_raw_html {
        out = SANITISER.clean(&out).to_string();
    } else if had_raw_html && out.contains("<!--") {
        // Published as written, but for comments: where editors keep notes, and
        // nothing a reader is meant to see.
        out = strip_comments(&out);
    }
    // Raw HTML can point anywhere (`<a href>`, `<img src>`): what survives cleaning is
    // read back for the link check. Without raw HTML every address is a Markdown link.
    let html_links = if had_raw_html {
        super::html::addresses(&out)
    } else {
        Vec::new()
    };
    // Tables scroll sideways on a narrow screen inside a focusable region, so keyboard
    // users can scroll them too.
    if !table_ids.is_empty() {
        out = wrap_tables(&out, &table_ids);
    }
    Rendered {
        html: out,
        headings,
        had_raw_html,
        links,
        html_links,
    }
}

/// Puts the n-th `<table>` of `html` in a labelled, focusable region, with the n-th
/// id of `tables` (id, label), and closes the region after every `</table>`. One pass:
/// a page's tables are found with one search, not one per table.
fn wrap_tables(html: &str, tables: &[(String, String)]) -> String {
    let mut out = String::with_capacity(html.len() + tables.len() * 160);
    let mut tables = tables.iter();
    let mut copied = 0;
    for at in memchr::memmem::find_iter(html.as_bytes(), b"table>") {
        let bytes = html.as_bytes();
        if at >= 2 && &bytes[at - 2..at] == b"</" {
            out.push_str(&html[copied..at + 6]);
            out.push_str("</div>");
            copied = at + 6;
        } else if at >= 1 && bytes[at - 1] == b'<' {
            let Some((id, label)) = tables.next() else {
                continue;
            };
            out.push_str(&html[copied..at - 1]);
            out.push_str("<div class=\"table-wrap\" role=\"region\" aria-label=\"");
            // Writing to a String cannot fail.
            let _ = pulldown_cmark_escape::escape_html(&mut out, label);
            out.push_str("\" tabindex=\"0\"><table id=\"");
            out.push_str(id);
            out.push_str("\">");
            copied = at + 6;
        }
    }
    out.push_str(&html[copied..]);
    out
}

/// `html` without its comments; an unclosed comment runs to the end, as a browser
/// reads it.
fn strip_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        rest = rest[start + 4..]
            .find("-->")
            .map_or("", |end| &rest[start + 4 + end + 3..]);
    }
    out.push_str(rest);
    out
}

/// The link and image addresses of a body, without rendering it.
pub fn links(markdown: &str) -> Vec<String> {
    Parser::new_ext(markdown, options())
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some(dest_url.to_string())
            }
            _ => None,
        })
        .collect()
}

/// The ids taken on a page so far: the theme's own, then each heading's and table's.
/// A page has a few dozen at most, so a list is quicker than hashing each one.
#[derive(Default)]
struct UsedIds(Vec<String>);

impl UsedIds {
    fn insert(&mut self, id: &str) -> bool {
        if RESERVED_IDS.contains(&id) || self.0.iter().any(|u| u == id) {
            return false;
        }
        self.0.push(id.to_string());
        true
    }
}

/// The first of `wanted`, `wanted-2`, `wanted-3`… such that none of it with each of
/// `suffixes` (`""` for itself, `"-caption"`…) is in `taken`; those are then taken.
/// For ids put into a page after its Markdown: the tables and charts shortcodes
/// embed, which are what [`RESERVED_IDS`] keeps their ids free for, so they are not
/// checked against that list.
pub fn unique_among(wanted: &str, suffixes: &[&str], taken: &mut Vec<String>) -> String {
    let clash = |id: &str, taken: &Vec<String>| {
        suffixes
            .iter()
            .any(|s| taken.iter().any(|t| *t == format!("{id}{s}")))
    };
    let mut id = wanted.to_string();
    let mut n = 1;
    while clash(&id, taken) {
        n += 1;
        id = format!("{wanted}-{n}");
    }
    taken.extend(suffixes.iter().map(|s| format!("{id}{s}")));
    id
}

/// Every `id="…"` in a piece of HTML, in order.
pub fn ids_in(html: &str) -> Vec<String> {
    html.match_indices(" id=\"")
        .filter_map(|(i, m)| {
            let rest = &html[i + m.len()..];
            rest.find('"').map(|end| rest[..end].to_string())
        })
        .collect()
}

fn unique_id(wanted: &str, used: &mut UsedIds) -> String {
    let base = if wanted.is_empty() { "section" } else { wanted };
    let mut id = base.to_string();
    let mut n = 1;
    while !used.insert(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    id
}

/// The allow-list for raw HTML: ammonia's safe defaults, plus what our own Markdown
/// rendering emits (heading ids, footnote classes, table alignment).
static SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["id", "class"])
        .add_tag_attributes("th", ["style", "scope"])
        .add_tag_attributes("td", ["style"])
        .add_tag_attributes("abbr", ["title"])
        .add_tags(["abbr", "figure", "figcaption", "section"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .id_prefix(None);
    b
});

#[cfg(test)]
mod tests {
    use super::*;

    /// An attribute value as the page writes it (`'` too, as Tera does).
    fn attr(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('\'', "&#39;")
    }

    #[test]
    fn ids_added_after_the_markdown_take_the_next_free_one() {
        let mut taken = ids_in(&render("## Schemes table\n\n## Consent\n", false).html);
        assert_eq!(taken, ["schemes-table-2", "consent-2"]);
        assert_eq!(
            unique_among("schemes-table", &["", "-caption"], &mut taken),
            "schemes-table"
        );
        assert_eq!(
            unique_among("schemes-table", &["", "-caption"], &mut taken),
            "schemes-table-3"
        );
    }

    #[test]
    fn headings_get_stable_unique_ids() {
        let r = render(
            "## Carers\n\ntext\n\n## Carers\n\n### Money: 2024/25\n\n## Own {#kept}\n\n## Appendices\n",
            false,
        );
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "carers",
                "carers-2",
                "money-2024-25",
                "kept",
                "appendices-2"
            ]
        );
        assert!(r.html.contains("<h2 id=\"carers-2\">Carers</h2>"));
    }

    #[test]
    fn tables_get_ids_from_the_heading_above() {
        let r = render(
            "| a |\n|---|\n| 1 |\n\n## Money\n\n| b |\n|---|\n| 2 |\n\n| c |\n|---|\n| 3 |\n",
            false,
        );
        assert!(
            r.html
                .contains("aria-label=\"Table\" tabindex=\"0\"><table id=\"table\">")
        );
        assert!(
            r.html
                .contains("aria-label=\"Table: Money\" tabindex=\"0\"><table id=\"money-table\">")
        );
        assert!(r.html.contains("<table id=\"money-table-2\">"));
    }

    #[test]
    fn extensions_are_on() {
        let r = render(
            "| a | b |\n|---|--:|\n| 1 | 2 |\n\n~~old~~ \"quoted\"[^1]\n\n[^1]: note\n",
            false,
        );
        assert!(r.html.contains("<table id=\"table\">"));
        assert!(r.html.contains("<del>old</del>"));
        assert!(r.html.contains('\u{201c}'), "smart quotes");
        assert!(r.html.contains("footnote-definition"));
    }

    #[test]
    fn raw_html_is_cleaned_unless_allowed() {
        let md = "Hi <script>alert(1)</script> <b onclick=\"x()\">bold</b>\n\n## Kept\n";
        let r = render(md, false);
        assert!(r.had_raw_html);
        assert!(!r.html.contains("<script"));
        assert!(!r.html.contains("onclick"));
        assert!(r.html.contains("<b>bold</b>"));
        assert!(
            r.html.contains("id=\"kept\""),
            "our heading ids survive cleaning"
        );
        let r = render(md, true);
        assert!(r.html.contains("<script>"));
        let r = render("a <!-- note --> b\n\n<!--\nblock\n-->\n\nc <!-- open", true);
        assert!(!r.html.contains("note") && !r.html.contains("block"));
        assert!(r.html.contains("<p>c "), "{}", r.html);
    }

    #[test]
    fn root_relative_links_follow_the_site_root() {
        let r = render_at(
            "[plan](/plan/) [x](https://x.org/) [rel](carers/) [done](/bcf/a/)",
            false,
            "/bcf/",
        );
        assert!(r.html.contains("href=\"/bcf/plan/\""));
        assert!(r.html.contains("href=\"https://x.org/\""));
        assert!(r.html.contains("href=\"carers/\""));
        assert!(r.html.contains("href=\"/bcf/a/\""));
        assert_eq!(r.links[0], "/plan/", "links are checked as written");
    }

    #[test]
    fn plain_pages_skip_the_sanitiser() {
        let r = render("Just *text*.", false);
        assert!(!r.had_raw_html);
        assert_eq!(r.html, "<p>Just <em>text</em>.</p>\n");
    }

    proptest::proptest! {
        /// The one-pass wrap does what replacing each `<table>` in turn, then every
        /// `</table>`, did.
        #[test]
        fn tables_wrapped_in_one_pass_as_one_by_one(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["<table>", "</table>", "table>", "<", "</", "x", "<table id=\"t\">"]),
                0..20,
            ),
            n in 1usize..4,
        ) {
            let html: String = parts.concat();
            let tables: Vec<(String, String)> =
                (0..n).map(|i| (format!("t{i}"), format!("Table: \"{i}\" & <b>"))).collect();
            let mut expected = html.clone();
            for (id, label) in &tables {
                expected = expected.replacen(
                    "<table>",
                    &format!("<div class=\"table-wrap\" role=\"region\" aria-label=\"{}\" tabindex=\"0\"><table id=\"{id}\">", attr(label)),
                    1,
                );
            }
            expected = expected.replace("</table>", "</table></div>");
            proptest::prop_assert_eq!(wrap_tables(&html, &tables), expected);
        }
    }
}
