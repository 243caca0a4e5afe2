//! The first use of each glossary term on a page is wrapped in
//! `<abbr title="…">`, so a reader (or a screen reader) can find what it stands for.
//!
//! Works on rendered HTML: only text outside tags is touched, and never inside
//! `code`, `pre`, `script`, `style`, `abbr`, headings' ids or attributes.

use std::collections::HashSet;

use crate::data::glossary::Glossary;

/// Elements whose text is left alone.
const SKIP: &[&str] = &["code", "pre", "script", "style", "abbr", "title", "svg"];

pub fn mark_first_uses(html: &str, glossary: &Glossary) -> String {
    if glossary.is_empty() {
        return html.to_string();
    }
    // Longest first, so a longer term is not hidden inside a shorter one's match.
    let mut terms: Vec<(&str, &str)> = glossary
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    terms.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
    let mut used: HashSet<&str> = HashSet::new();
    let mut out = String::with_capacity(html.len() + 256);
    let mut skip_depth = 0usize;
    let mut rest = html;
    while !rest.is_empty() {
        match rest.find('<') {
            Some(0) => {
                let end = rest.find('>').map_or(rest.len(), |i| i + 1);
                let tag = &rest[..end];
                let inner = tag.trim_start_matches("</").trim_start_matches('<');
                let name = &inner[..inner.bytes().take_while(u8::is_ascii_alphanumeric).count()];
                if SKIP.iter().any(|s| s.eq_ignore_ascii_case(name)) && !tag.ends_with("/>") {
                    if tag.starts_with("</") {
                        skip_depth = skip_depth.saturating_sub(1);
                    } else {
                        skip_depth += 1;
                    }
                }
                out.push_str(tag);
                rest = &rest[end..];
            }
            found => {
                let end = found.unwrap_or(rest.len());
                let text = &rest[..end];
                if skip_depth == 0 && used.len() < terms.len() {
                    wrap_text(&mut out, text, &terms, &mut used);
                } else {
                    out.push_str(text);
                }
                rest = &rest[end..];
            }
        }
    }
    out
}

fn wrap_text<'a>(
    out: &mut String,
    text: &str,
    terms: &[(&'a str, &'a str)],
    used: &mut HashSet<&'a str>,
) {
    // Find the earliest first use of any unused term; wrap it; carry on after it.
    let mut rest = text;
    loop {
        let next = terms
            .iter()
            .filter(|(t, _)| !used.contains(t))
            .filter_map(|(t, expansion)| find_word(rest, t).map(|i| (i, *t, *expansion)))
            .min_by_key(|(i, t, _)| (*i, std::cmp::Reverse(t.len())));
        let Some((i, term, expansion)) = next else {
            out.push_str(rest);
            return;
        };
        used.insert(term);
        out.push_str(&rest[..i]);
        out.push_str(&format!(
            "<abbr title=\"{}\">{term}</abbr>",
            attr_escape(expansion)
        ));
        rest = &rest[i + term.len()..];
    }
}

/// The byte offset of `word` in `text` standing alone (not part of a longer word).
fn find_word(text: &str, word: &str) -> Option<usize> {
    text.match_indices(word).map(|(i, _)| i).find(|&i| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric)
            && !after.is_some_and(|c| c.is_alphanumeric() && c != 's')
            || (after == Some('s')
                && !text[i + word.len() + 1..].starts_with(char::is_alphanumeric)
                && !before.is_some_and(char::is_alphanumeric))
    })
}

fn attr_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
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
}
