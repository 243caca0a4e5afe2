//! Reading HTML that bcfsite made: the addresses its tags point at, and the words a
//! reader sees. Each is one pass from `<` to `<` (memchr), reading tags the way a
//! browser does: quoted and unquoted attribute values, comments skipped, character
//! references decoded.
//!
//! These read what is published, not the Markdown it came from, so that what the
//! link checks and the search index see is exactly what a reader's browser gets.

use std::borrow::Cow;

use memchr::{memchr, memmem};

/// Attributes whose value is an address, or (`srcset`, `ping`, `archive`) a list of
/// them. With raw HTML allowed any of them can be published.
const ADDRESS_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "srcset",
    "cite",
    "poster",
    "action",
    "formaction",
    "data",
    "background",
    "longdesc",
    "usemap",
    "ping",
    "manifest",
    "codebase",
    "archive",
    "xlink:href",
];

/// Elements whose content a reader does not see as text.
const UNSEEN: &[&str] = &[
    "script", "style", "template", "svg", "math", "head", "title", "noscript", "object", "iframe",
    "textarea", "select",
];

/// A piece of HTML, as [`pieces`] reads it.
#[derive(Debug, PartialEq, Eq)]
enum Piece<'a> {
    /// A start tag: its name and the whole tag.
    Start(&'a str, &'a str),
    /// An end tag's name.
    End(&'a str),
    Text(&'a str),
}

/// The tags and text of `html`, in order; comments, doctypes and processing
/// instructions are left out.
fn pieces(html: &str) -> impl Iterator<Item = Piece<'_>> {
    let b = html.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            if at >= b.len() {
                return None;
            }
            let Some(lt) = memchr(b'<', &b[at..]).map(|i| at + i) else {
                let text = &html[at..];
                at = b.len();
                return Some(Piece::Text(text));
            };
            if lt > at {
                let text = &html[at..lt];
                at = lt;
                return Some(Piece::Text(text));
            }
            let rest = &b[lt + 1..];
            if rest.starts_with(b"!--") {
                // A comment ends at the first `-->`; an unclosed one runs to the end.
                at = memmem::find(&rest[3..], b"-->").map_or(b.len(), |i| lt + 4 + i + 3);
                continue;
            }
            match rest.first() {
                Some(b'!' | b'?') => {
                    at = memchr(b'>', rest).map_or(b.len(), |i| lt + 1 + i + 1);
                }
                Some(b'/') if rest.get(1).is_some_and(u8::is_ascii_alphabetic) => {
                    let end = memchr(b'>', rest).map_or(b.len(), |i| lt + 1 + i + 1);
                    let name = tag_name(&html[lt + 2..end]);
                    at = end;
                    return Some(Piece::End(name));
                }
                Some(c) if c.is_ascii_alphabetic() => {
                    let end = tag_end(b, lt + 1);
                    let tag = &html[lt..end];
                    at = end;
                    return Some(Piece::Start(tag_name(&tag[1..]), tag));
                }
                // A `<` that starts no tag is text.
                _ => {
                    let next = memchr(b'<', rest).map_or(b.len(), |i| lt + 1 + i);
                    let text = &html[lt..next];
                    at = next;
                    return Some(Piece::Text(text));
                }
            }
        }
    })
}

/// The name at the start of a tag's inside (`a href="…"` → `a`).
fn tag_name(inside: &str) -> &str {
    let end = inside
        .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
        .unwrap_or(inside.len());
    &inside[..end]
}

/// Where the tag starting before `from` ends: after the first `>` outside quotes.
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut i = from;
    let mut quote = None;
    while i < b.len() {
        match (quote, b[i]) {
            (None, b'>') => return i + 1,
            (None, q @ (b'"' | b'\'')) if after_equals(b, i) => quote = Some(q),
            (Some(q), c) if c == q => quote = None,
            _ => {}
        }
        i += 1;
    }
    b.len()
}

/// Whether the quote at `i` opens a value: only spaces stand between it and a `=`.
fn after_equals(b: &[u8], i: usize) -> bool {
    b[..i]
        .iter()
        .rev()
        .find(|c| !c.is_ascii_whitespace())
        .is_some_and(|&c| c == b'=')
}

/// The attributes of a start tag, as (lower-case-insensitive name, raw value).
fn attributes(tag: &str) -> impl Iterator<Item = (&str, &str)> {
    let b = tag.as_bytes();
    let end = b.len() - usize::from(b.last() == Some(&b'>'));
    let mut i = 1 + tag_name(&tag[1..]).len();
    std::iter::from_fn(move || {
        loop {
            while i < end && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= end {
                return None;
            }
            let start = i;
            while i < end && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
                i += 1;
            }
            let name = &tag[start..i];
            while i < end && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i >= end || b[i] != b'=' {
                if name.is_empty() {
                    i += 1;
                    continue;
                }
                return Some((name, ""));
            }
            i += 1;
            while i < end && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let value = match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let from = i + 1;
                    let to = memchr(q, &b[from..end]).map_or(end, |j| from + j);
                    i = (to + 1).min(end);
                    &tag[from..to]
                }
                _ => {
                    let from = i;
                    while i < end && !b[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    &tag[from..i]
                }
            };
            return Some((name, value));
        }
    })
}

/// Every address in the attributes of `html`'s tags (`href`, `src`, each address
/// of a `srcset`, ...), with character references decoded, in order.
pub fn addresses(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for piece in pieces(html) {
        let Piece::Start(_, tag) = piece else {
            continue;
        };
        for (name, value) in attributes(tag) {
            if !ADDRESS_ATTRIBUTES
                .iter()
                .any(|a| a.eq_ignore_ascii_case(name))
            {
                continue;
            }
            let value = decode(value);
            let list = ["srcset", "ping", "archive"]
                .iter()
                .any(|a| a.eq_ignore_ascii_case(name));
            if list {
                // `a.png 1x, b.png 2x`: each entry's first word is an address.
                out.extend(
                    value
                        .split([',', ' '])
                        .filter(|s| !s.is_empty() && !is_descriptor(s))
                        .map(str::to_string),
                );
            } else if !value.trim().is_empty() {
                out.push(value.trim().to_string());
            }
        }
    }
    out
}

/// `2x`, `640w`: a `srcset` size, not an address.
fn is_descriptor(s: &str) -> bool {
    s.len() > 1
        && s.ends_with(['x', 'w', 'h'])
        && s[..s.len() - 1]
            .bytes()
            .all(|c| c.is_ascii_digit() || c == b'.')
}

/// The first `limit` words a reader sees in `html`, joined by single spaces: text
/// outside tags, not inside scripts, styles, drawings and the like ([`UNSEEN`]),
/// references decoded, each word trimmed of punctuation at its ends. Attributes and
/// comments are never read. Reading stops at the last word wanted.
pub fn visible_words(html: &str, limit: usize) -> String {
    let mut out = String::with_capacity(limit * 8);
    let mut count = 0;
    let mut hidden: Vec<&str> = Vec::new();
    for piece in pieces(html) {
        if count >= limit {
            break;
        }
        match piece {
            Piece::Start(name, tag) => {
                if !tag.ends_with("/>") && UNSEEN.iter().any(|u| u.eq_ignore_ascii_case(name)) {
                    hidden.push(name);
                }
            }
            Piece::End(name) => {
                if let Some(i) = hidden.iter().rposition(|h| h.eq_ignore_ascii_case(name)) {
                    hidden.truncate(i);
                }
            }
            Piece::Text(text) if hidden.is_empty() => {
                let text = decode(text);
                let words = text
                    .split(char::is_whitespace)
                    .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                    .filter(|w| !w.is_empty());
                for word in words.take(limit - count) {
                    if count > 0 {
                        out.push(' ');
                    }
                    out.push_str(word);
                    count += 1;
                }
            }
            Piece::Text(_) => {}
        }
    }
    out
}

/// `text` with HTML character references decoded: numeric ones, and the named ones
/// that bcfsite, pulldown-cmark and ammonia write. Any other name is left as written
/// (an address holding one then reaches nothing, and is reported as broken).
pub fn decode(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match reference(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character a reference at the start of `s` (`&amp;`, `&#47;`, `&#x2F;`) stands
/// for, and its length.
fn reference(s: &str) -> Option<(char, usize)> {
    const NAMED: &[(&str, char)] = &[
        ("amp", '&'),
        ("lt", '<'),
        ("gt", '>'),
        ("quot", '"'),
        ("apos", '\''),
        ("nbsp", '\u{a0}'),
        ("sol", '/'),
        ("period", '.'),
        ("colon", ':'),
        ("num", '#'),
        ("quest", '?'),
        ("percnt", '%'),
    ];
    let body = &s[1..];
    if let Some(num) = body.strip_prefix('#') {
        let (digits, radix, skip) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 2),
            None => (num, 10, 1),
        };
        let len = digits
            .bytes()
            .take_while(|c| c.is_ascii_digit() || (radix == 16 && c.is_ascii_hexdigit()))
            .count();
        if len == 0 {
            return None;
        }
        let code = u32::from_str_radix(&digits[..len], radix).ok()?;
        // As a browser does: nothing, surrogates and out-of-range become U+FFFD.
        let c = char::from_u32(code)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{fffd}');
        let semi = usize::from(digits[len..].starts_with(';'));
        return Some((c, 1 + skip + len + semi));
    }
    NAMED.iter().find_map(|(name, c)| {
        body.strip_prefix(name)
            .filter(|after| after.starts_with(';'))
            .map(|_| (*c, name.len() + 2))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_addresses_in_every_attribute_form() {
        let html = r#"<p><a href="/a/">x</a> <img alt='' src='b.png'><a HREF=/c/>c</a>
<a title="has > in it" href = "/d/?x=1&amp;y=2">d</a><!-- <a href="/hidden/"> -->
<source srcset="e.png 1x, f.png 2x"><blockquote cite="/g/"></blockquote>
<span data-note="/not-an-address/">s</span><a href="/papers&#47;h&#x2F;">h</a></p>"#;
        assert_eq!(
            addresses(html),
            [
                "/a/",
                "b.png",
                "/c/",
                "/d/?x=1&y=2",
                "e.png",
                "f.png",
                "/g/",
                "/papers/h/"
            ]
        );
    }

    #[test]
    fn a_lone_less_than_sign_is_text() {
        assert_eq!(addresses("<p>1 < 2 <a href=\"/x/\">x</a></p>"), ["/x/"]);
        assert_eq!(visible_words("<p>1 < 2</p>", 10), "1 2");
    }

    #[test]
    fn visible_words_leave_out_what_a_reader_cannot_see() {
        let html = "<h2 id=\"a\">Our plan</h2><!-- a private note -->\n<p title=\"hidden\">Spend &amp; \
                    <abbr title=\"Better Care Fund\">BCF</abbr>.</p><script>var secret = 1;</script>\
                    <svg><title>chart</title></svg><p>Last&nbsp;word</p>";
        assert_eq!(visible_words(html, 100), "Our plan Spend BCF Last word");
        assert_eq!(visible_words(html, 2), "Our plan");
    }

    #[test]
    fn decodes_references() {
        assert_eq!(
            decode("a &amp; b &lt;c&gt; &#233;&#xE9; &#47 &unknown; &"),
            "a & b <c> éé / &unknown; &"
        );
        assert!(matches!(decode("plain"), Cow::Borrowed(_)));
    }
}
