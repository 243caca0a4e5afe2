//! The first use of each glossary term on a page is wrapped in
//! `<abbr title="…">`, so a reader (or a screen reader) can find what it stands for.
//!
//! Works on rendered HTML: only text outside tags is touched, and never inside
//! `code`, `pre`, `script`, `style`, `abbr`, headings' ids or attributes.

use aho_corasick::{AhoCorasick, MatchKind};

use crate::data::glossary::Glossary;

/// Elements whose text is left alone.
const SKIP: &[&str] = &["code", "pre", "script", "style", "abbr", "title", "svg"];

/// Marks the first use of each glossary term in a page. Made once per build: its
/// automaton finds every term in one pass over a text, however many terms there are.
pub struct Marker {
    /// Each term and the `<abbr …>` that replaces its first use.
    terms: Vec<(String, String)>,
    finder: Option<AhoCorasick>,
    /// The length of the shortest term, in bytes.
    shortest: usize,
}

impl Marker {
    pub fn new(glossary: &Glossary) -> Marker {
        let terms: Vec<(String, String)> = glossary
            .iter()
            .filter(|(k, _)| !k.is_empty())
            .map(|(k, v)| {
                (
                    k.clone(),
                    format!("<abbr title=\"{}\">{k}</abbr>", attr_escape(v)),
                )
            })
            .collect();
        // Overlapping matches, so a term inside another term, or starting inside one,
        // is still seen; which one is used is decided in `wrap_text`.
        let finder = (!terms.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(terms.iter().map(|(t, _)| t.as_str()))
                .expect("glossary terms are short strings")
        });
        let shortest = terms.iter().map(|(t, _)| t.len()).min().unwrap_or(0);
        Marker {
            terms,
            finder,
            shortest,
        }
    }

    /// `html` with the first use of each term, outside tags and outside the
    /// elements in [`SKIP`], wrapped in `<abbr title="…">`.
    pub fn mark(&self, html: &str) -> String {
        let Some(finder) = &self.finder else {
            return html.to_string();
        };
        let mut used = vec![false; self.terms.len()];
        let mut left = self.terms.len();
        let mut out = String::with_capacity(html.len() + 256);
        let mut matches = Vec::new();
        for piece in pieces(html) {
            match piece {
                // Runs shorter than every term (the line breaks between tags) are not
                // searched.
                Piece::Text(text) if left > 0 && text.len() >= self.shortest => {
                    left -= self.wrap_text(&mut out, text, finder, &mut used, &mut matches);
                }
                Piece::Tag(s) | Piece::Text(s) | Piece::Skipped(s) => out.push_str(s),
            }
        }
        out
    }

    /// Wraps, left to right, each unused term's first use in `text` standing alone;
    /// returns how many it wrapped. Where uses start at the same place, the longer
    /// term wins; after a wrap, the search goes on after it.
    fn wrap_text(
        &self,
        out: &mut String,
        text: &str,
        finder: &AhoCorasick,
        used: &mut [bool],
        matches: &mut Vec<(usize, usize, usize)>,
    ) -> usize {
        matches.clear();
        matches.extend(
            finder
                .find_overlapping_iter(text)
                .filter(|m| !used[m.pattern().as_usize()] && ends_a_word(text, m.end()))
                .map(|m| (m.start(), m.end(), m.pattern().as_usize())),
        );
        matches.sort_unstable_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)));
        let mut cursor = 0;
        let mut wrapped = 0;
        for &(start, end, term) in matches.iter() {
            // The text before the cursor has been written out: a use there, or one
            // joined to a word before it, does not count.
            if start < cursor || used[term] || !starts_a_word(text, cursor, start) {
                continue;
            }
            used[term] = true;
            wrapped += 1;
            out.push_str(&text[cursor..start]);
            out.push_str(&self.terms[term].1);
            cursor = end;
        }
        out.push_str(&text[cursor..]);
        wrapped
    }
}

/// A piece of HTML: a tag, text, or text inside an element of [`SKIP`].
enum Piece<'a> {
    Tag(&'a str),
    Text(&'a str),
    Skipped(&'a str),
}

/// The pieces of `html`, in order; together they are all of it.
fn pieces(html: &str) -> impl Iterator<Item = Piece<'_>> {
    let mut rest = html;
    let mut depth = 0usize;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let b = rest.as_bytes();
        let (piece, end) = match memchr::memchr(b'<', b) {
            Some(0) => {
                let end = memchr::memchr(b'>', b).map_or(rest.len(), |i| i + 1);
                depth = depth_after(&rest[..end], depth);
                (Piece::Tag(&rest[..end]), end)
            }
            found => {
                let end = found.unwrap_or(rest.len());
                let text = &rest[..end];
                (
                    if depth == 0 {
                        Piece::Text(text)
                    } else {
                        Piece::Skipped(text)
                    },
                    end,
                )
            }
        };
        rest = &rest[end..];
        Some(piece)
    })
}

/// How many elements whose text is left alone ([`SKIP`]) are open after `tag`.
fn depth_after(tag: &str, depth: usize) -> usize {
    let name = tag_name(tag);
    if !SKIP.iter().any(|s| s.eq_ignore_ascii_case(name)) || tag.ends_with("/>") {
        depth
    } else if tag.starts_with("</") {
        depth.saturating_sub(1)
    } else {
        depth + 1
    }
}

/// The element name of a tag (`<abbr title="…">`, `</abbr>`): the letters and digits
/// after the `<` and `/`.
fn tag_name(tag: &str) -> &str {
    let mut inner = tag.as_bytes();
    while let [b'<', b'/', rest @ ..] = inner {
        inner = rest;
    }
    while let [b'<', rest @ ..] = inner {
        inner = rest;
    }
    let start = tag.len() - inner.len();
    let len = inner
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    &tag[start..start + len]
}

/// Convenience for one page: [`Marker::new`] then [`Marker::mark`].
pub fn mark_first_uses(html: &str, glossary: &Glossary) -> String {
    Marker::new(glossary).mark(html)
}

/// Whether a use starting at `start` stands alone on its left; text is read from
/// `cursor`, so the start of what is left counts as a word's start.
fn starts_a_word(text: &str, cursor: usize, start: usize) -> bool {
    start == cursor
        || !text[cursor..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
}

/// Whether a use ending at `end` stands alone on its right: nothing alphanumeric
/// follows, except a plural `s` that itself ends the word.
fn ends_a_word(text: &str, end: usize) -> bool {
    let mut after = text[end..].chars();
    match after.next() {
        Some('s') => !after.next().is_some_and(char::is_alphanumeric),
        Some(c) => !c.is_alphanumeric(),
        None => true,
    }
}

/// For a quoted attribute, as Tera escapes the templates' values.
fn attr_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g() -> Glossary {
        Glossary::from([
            ("BCF".to_string(), "Better Care Fund".to_string()),
            ("ICB".to_string(), "Integrated Care Board".to_string()),
            ("iBCF".to_string(), "Improved Better Care Fund".to_string()),
        ])
    }

    #[test]
    fn wraps_the_first_use_only() {
        let out = mark_first_uses("<p>The BCF and the ICB. The BCF again.</p>", &g());
        assert_eq!(
            out,
            "<p>The <abbr title=\"Better Care Fund\">BCF</abbr> and the <abbr title=\"Integrated Care Board\">ICB</abbr>. The BCF again.</p>"
        );
    }

    #[test]
    fn leaves_code_attributes_and_longer_words_alone() {
        let out = mark_first_uses(
            "<p><code>BCF</code> <a href=\"/BCF/\" title=\"BCF\">iBCF</a> BCFs</p>",
            &g(),
        );
        assert_eq!(
            out,
            "<p><code>BCF</code> <a href=\"/BCF/\" title=\"BCF\"><abbr title=\"Improved Better Care Fund\">iBCF</abbr></a> <abbr title=\"Better Care Fund\">BCF</abbr>s</p>"
        );
    }

    #[test]
    fn tag_names() {
        for (tag, name) in [
            ("<abbr title=\"x\">", "abbr"),
            ("</CODE>", "CODE"),
            ("<br/>", "br"),
            ("<//x>", ""),
            ("</</pre>", "pre"),
            ("<", ""),
        ] {
            assert_eq!(tag_name(tag), name, "{tag}");
        }
    }

    #[test]
    fn plural_s_only_when_it_ends_the_word() {
        let out = mark_first_uses("<p>BCFsummary ICBs BCF</p>", &g());
        assert_eq!(
            out,
            "<p>BCFsummary <abbr title=\"Integrated Care Board\">ICB</abbr>s <abbr title=\"Better Care Fund\">BCF</abbr></p>"
        );
    }

    /// The obvious reading, term by term: for what is left of a text, each unused
    /// term's first use standing alone, the earliest (then longest) wrapped.
    fn reference(html: &str, glossary: &Glossary) -> String {
        let mut terms: Vec<(&str, &str)> = glossary
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        terms.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
        let mut used = std::collections::HashSet::new();
        let mut out = String::new();
        for piece in pieces(html) {
            let mut text = match piece {
                Piece::Text(text) => text,
                Piece::Tag(s) | Piece::Skipped(s) => {
                    out.push_str(s);
                    continue;
                }
            };
            loop {
                let next = terms
                    .iter()
                    .filter(|(t, _)| !used.contains(t))
                    .filter_map(|(t, e)| find_word(text, t).map(|i| (i, *t, *e)))
                    .min_by_key(|(i, t, _)| (*i, std::cmp::Reverse(t.len())));
                let Some((i, term, expansion)) = next else {
                    break;
                };
                used.insert(term);
                out.push_str(&text[..i]);
                out.push_str(&format!(
                    "<abbr title=\"{}\">{term}</abbr>",
                    attr_escape(expansion)
                ));
                text = &text[i + term.len()..];
            }
            out.push_str(text);
        }
        out
    }

    fn find_word(text: &str, word: &str) -> Option<usize> {
        text.match_indices(word).map(|(i, _)| i).find(|&i| {
            let before = text[..i].chars().next_back();
            let mut after = text[i + word.len()..].chars();
            !before.is_some_and(char::is_alphanumeric)
                && match after.next() {
                    Some('s') => !after.next().is_some_and(char::is_alphanumeric),
                    Some(c) => !c.is_alphanumeric(),
                    None => true,
                }
        })
    }

    proptest::proptest! {
        #[test]
        fn one_pass_agrees_with_term_by_term(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "BCF", "ICB", "iBCF", "A&E", "DFG", "s", "BCFs", "the", " ", ", ", "\u{e9}",
                    "<p>", "</p>", "<code>", "</code>", "<a href=\"BCF\">", "</a>", "<br/>",
                    "Better Care", "Care",
                ]),
                0..40,
            ),
        ) {
            let html: String = parts.concat();
            let mut glossary = g();
            glossary.insert("A&E".into(), "Accident & Emergency".into());
            glossary.insert("DFG".into(), "Disabled Facilities Grant".into());
            glossary.insert("Better Care".into(), "a phrase".into());
            glossary.insert("Better".into(), "a word".into());
            proptest::prop_assert_eq!(mark_first_uses(&html, &glossary), reference(&html, &glossary));
        }
    }
}
