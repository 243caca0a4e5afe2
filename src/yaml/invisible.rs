//! Invisible characters that break YAML's structure.
//!
//! Text pasted from Word, a PDF or a web page brings no-break spaces, zero-width
//! spaces and line separators. In a key or the indentation they make a valid-looking
//! line fail, and the snippet cannot show why; so the error names the character.

use crate::diagnostic::{Diagnostic, SourceText};

/// An invisible or look-alike character that YAML does not read as a space: a
/// no-break space pasted from Word, a zero-width space from a web page.
pub fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{a0}' => "a no-break space",
        '\u{202f}' => "a narrow no-break space",
        '\u{2007}' => "a figure space",
        '\u{2000}'..='\u{200a}' | '\u{205f}' | '\u{3000}' | '\u{1680}' => "a wide space",
        '\u{200b}' => "a zero-width space",
        '\u{200c}' => "a zero-width non-joiner",
        '\u{200d}' => "a zero-width joiner",
        '\u{2060}' => "a word joiner",
        '\u{feff}' => "a byte order mark",
        '\u{ad}' => "a soft hyphen",
        '\u{180e}' => "a Mongolian vowel separator",
        '\u{85}' => "a next-line character",
        '\u{2028}' => "a line separator",
        '\u{2029}' => "a paragraph separator",
        '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            "a text-direction mark"
        }
        c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => "a control character",
        _ => return None,
    })
}

/// The invisible character to blame for an error, if one is where YAML's structure
/// is (in a key, beside a `:` or `-`, in the indentation) on or before the line the
/// error is on; or on that line, at its end or, for a syntax error, anywhere.
pub(super) fn invisible_culprit(yaml: &str, start: usize, d: &Diagnostic) -> Option<usize> {
    // The common case has no such character at all: one pass over ASCII decides it.
    if yaml.is_ascii() {
        return None;
    }
    let end = yaml[start..]
        .find(['\n', '\r'])
        .map_or(yaml.len(), |i| start + i);
    let mut offset = 0;
    for line in yaml[..end].split_inclusive(['\n', '\r']) {
        let here = offset;
        offset += line.len();
        if line.is_ascii() {
            continue;
        }
        let body = line.trim_end_matches(['\n', '\r']);
        let on_error_line = offset >= end;
        let colon = body.find(':');
        let chars: Vec<(usize, char)> = body.char_indices().collect();
        for (n, &(i, c)) in chars.iter().enumerate() {
            if invisible_name(c).is_none() {
                continue;
            }
            let prev = n.checked_sub(1).map(|p| chars[p].1);
            let next = chars.get(n + 1).map(|&(_, c)| c);
            let in_key = colon.is_some_and(|k| i < k);
            let leading = body[..i]
                .chars()
                .all(|c| c == ' ' || invisible_name(c).is_some());
            let trailing = body[i..]
                .chars()
                .all(|c| c == ' ' || invisible_name(c).is_some());
            let structural = in_key
                || leading
                || matches!(prev, Some(':' | '-' | '?' | ','))
                || next == Some(':');
            // At the end of a value it changes only that value: blamed on its own line.
            let on_line = on_error_line && (trailing || d.code == "yaml-syntax");
            if structural || on_line {
                return Some(here + i);
            }
        }
    }
    None
}

/// The diagnostic for an invisible character at byte `at` of the file: named, with
/// its code point, line and column in words, since the snippet cannot show it.
pub fn invisible_character(source: &SourceText, at: usize) -> Diagnostic {
    let c = source.text[at..].chars().next().unwrap_or('\u{fffd}');
    let name = invisible_name(c).unwrap_or("an invisible character");
    let (line, column) = crate::diagnostic::line_column(&source.text, at);
    let space = name.ends_with("space") && !name.contains("zero-width");
    let (what, help) = if space {
        (
            "where YAML needs an ordinary space",
            "replace it with an ordinary space; such spaces come with text copied from Word, a PDF or a web page",
        )
    } else if matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}') {
        (
            "which YAML reads as a line end, though it does not look like one",
            "replace it with an ordinary line break, or delete it",
        )
    } else {
        (
            "an invisible character that YAML reads as part of the key or value",
            "delete it: it cannot be seen, so delete the characters around it and type them again",
        )
    };
    Diagnostic::error(
        "invisible-character",
        format!(
            "there is {name} (U+{:04X}) at line {line}, column {column}, {what}",
            c as u32
        ),
    )
    .at(source, at..at + c.len_utf8())
    .with_help(help)
}
