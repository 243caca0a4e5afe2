//! Reading text as a reader sees it, one hash per word: the audit's hot loop.
//!
//! A word is a run of letters and digits, lower-cased, after dropping invisible
//! characters and Unicode NFKC (so `ﬁ`, full-width letters and a soft hyphen inside
//! a word read as the plain word). Output files are read as a reader gets them:
//! HTML and XML outside their tags, with character references decoded. The same
//! reading is applied to confidential texts and to output, so they meet.
//!
//! The audit reads every byte a build writes, so this is shaped for speed: runs of
//! ASCII letters and digits are classified and hashed eight bytes at a time (SWAR,
//! in `word_hash.rs`), and only a word that touches something beyond ASCII or a
//! character reference is read again, slowly and exactly ([`hash_chunk`]). The slow,
//! obvious reading is kept in the tests, and a property test holds the fast one to
//! it: change either and that test says whether they still agree.
//!
//! Nothing here knows what is confidential (the audit's rules, in `mod.rs`) or how
//! runs of words are matched (`runs.rs`).

use super::word_hash::{ascii_word, hash_word};

/// A hash for each word (letters and digits, lower-cased), without allocating the
/// words: the audit reads every byte of the output, so this is its hot loop.
pub fn word_hashes(text: &str) -> Vec<u64> {
    hash_words(text, Text::Raw)
}

/// The word hashes of what a reader gets from a file: for HTML and XML, the text
/// outside tags; character references for `& < > " '` and no-break spaces read as the
/// characters they stand for; other files' text as it is; of binary files, the
/// printable runs, as `strings` would show them.
pub(super) fn readable_word_hashes(path: &str, bytes: &[u8], text: Option<&str>) -> Vec<u64> {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    let markup = ["html", "htm", "xml", "svg", "rss", "atom"]
        .iter()
        .any(|m| ext.eq_ignore_ascii_case(m));
    match text {
        Some(text) => hash_words(text, if markup { Text::Markup } else { Text::Plain }),
        None => {
            let printable = bytes
                .split(|b| !(b.is_ascii_graphic() || *b == b' '))
                .filter(|run| run.len() >= 4)
                .map(|run| String::from_utf8_lossy(run).into_owned())
                .collect::<Vec<_>>()
                .join(" ");
            hash_words(&printable, Text::Raw)
        }
    }
}

/// How [`hash_words`] reads its text.
#[derive(Clone, Copy, PartialEq)]
enum Text {
    /// Words as written.
    Raw,
    /// Words as written, with the references a page decodes read as characters.
    Plain,
    /// As `Plain`, outside [tags](tag_len).
    Markup,
}

/// The length of the tag at the start of `b`, which starts with `<`, up to and
/// including the next `>`. A `<` opens a tag only before a letter, `/`, `!` or `?`,
/// as browsers and CommonMark read one; any other `<` ("under < 5%") is text, and so
/// is one with no `>` after it. Reading too much as text only makes the audit read
/// more words; reading text as a tag would hide it.
#[inline]
pub(super) fn tag_len(b: &[u8]) -> Option<usize> {
    // A table, since every tag of every page passes here.
    if b.len() > 1 && OPENS_TAG[usize::from(b[1])] {
        memchr::memchr(b'>', &b[2..]).map(|j| j + 3)
    } else {
        None
    }
}

/// The bytes after `<` that open a tag (see [`tag_len`]).
const OPENS_TAG: [bool; 256] = {
    let mut table = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        table[c] = b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?');
        c += 1;
    }
    table
};

/// The character references the audit reads as the (non-word) characters they are,
/// without decoding them: the common ones, on the fast path.
const REFERENCES: [&[u8]; 7] = [
    b"&amp;", b"&lt;", b"&gt;", b"&quot;", b"&#39;", b"&#x27;", b"&nbsp;",
];

/// Reads the words of a text as [`words`] does, hashed. Runs of ASCII letters and
/// digits are read and hashed eight bytes at a time; a run of letters that touches
/// anything else (a letter beyond ASCII, a soft hyphen, a character reference that
/// may stand for a letter) is read again by [`hash_chunk`], which normalises. So a
/// page in plain ASCII costs what it always did, and only the words beyond ASCII
/// pay for normalising.
fn hash_words(text: &str, how: Text) -> Vec<u64> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 6);
    // Where the last ASCII word read whole began and ended: a character reference
    // right after it (`con&shy;fidential`) makes it part of a longer word.
    let mut last_word = (0, usize::MAX);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_alphanumeric() {
            // Most words are ASCII: read and hash eight bytes at a time.
            let mut start = i;
            let (mut hash, mut end) = ascii_word(b, start);
            // Running text: words one space apart, read without going round the
            // outer loop for each space.
            while end + 1 < b.len() && b[end] == b' ' && b[end + 1].is_ascii_alphanumeric() {
                out.push(hash);
                start = end + 1;
                (hash, end) = ascii_word(b, start);
            }
            if end == b.len() || b[end] < 0x80 || !continues_word(text, end) {
                out.push(hash);
                last_word = (start, end);
                i = end;
            } else {
                // It goes on beyond ASCII (café, reable\u{ad}ment): read it again.
                i = hash_chunk(text, start, how, &mut out);
            }
        } else if c >= 0x80 {
            i = if continues_word(text, i) {
                hash_chunk(text, i, how, &mut out)
            } else {
                i + utf8_len(c)
            };
        } else {
            i += match (how, c) {
                (Text::Markup, b'<') => tag_len(&b[i..]).unwrap_or(1),
                (Text::Markup | Text::Plain, b'&') => {
                    match REFERENCES.iter().find(|r| b[i..].starts_with(r)) {
                        Some(r) => r.len(),
                        None if reference(&text[i..]).is_some() => {
                            // A reference that may stand for a letter: read it with
                            // the word it touches, if any.
                            let start = if last_word.1 == i {
                                out.pop();
                                last_word.0
                            } else {
                                i
                            };
                            hash_chunk(text, start, how, &mut out) - i
                        }
                        None => 1,
                    }
                }
                _ => 1,
            };
        }
    }
    out
}

/// Whether the character at `text[i]`, which is beyond ASCII, may be part of a
/// word: a letter, a character that normalises to letters, or an invisible one; not
/// a [plain separator](is_plain_separator).
#[inline]
fn continues_word(text: &str, i: usize) -> bool {
    !text[i..].chars().next().is_some_and(is_plain_separator)
}

/// Punctuation beyond ASCII that pages are full of (the pound sign, dashes, curly
/// quotes), which normalising leaves as it is and never joins to a neighbour: read
/// on the fast path, like a space.
#[inline]
fn is_plain_separator(c: char) -> bool {
    matches!(
        c,
        '\u{A0}'
            | '£'
            | '€'
            | '–'
            | '—'
            | '‘'
            | '’'
            | '“'
            | '”'
            | '•'
            | '·'
            | '…'
            | '©'
            | '×'
    )
}

/// The length of the UTF-8 character whose first byte is `lead`.
#[inline]
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        _ => 2,
    }
}

/// Reads the words of `text[start..]` up to the next ASCII character that is not a
/// letter, digit or character reference (or a [plain separator](is_plain_separator)),
/// as [`words`] reads them (after decoding the references, unless `how` is
/// [`Text::Raw`]); returns where it stopped.
///
/// A chunk may end only at such a character: normalising never joins one to its
/// neighbours into a letter, so the chunks' words are the whole text's words (the
/// property test holds the two readings to each other).
#[cold]
fn hash_chunk(text: &str, start: usize, how: Text, out: &mut Vec<u64>) -> usize {
    let b = text.as_bytes();
    // The chunk as written, until a reference makes it differ from the text.
    let mut decoded: Option<String> = None;
    let mut i = start;
    while i < b.len() {
        let c = b[i];
        let len = if c.is_ascii_alphanumeric() {
            1
        } else if c >= 0x80 {
            // `i` is always on a character boundary: we step by whole characters.
            let ch = text[i..].chars().next().unwrap_or(' ');
            if is_plain_separator(ch) {
                break;
            }
            ch.len_utf8()
        } else if c == b'&'
            && how != Text::Raw
            && let Some((chars, len)) = reference(&text[i..])
        {
            decoded
                .get_or_insert_with(|| text[start..i].to_string())
                .extend(chars.into_iter().flatten());
            i += len;
            continue;
        } else {
            break;
        };
        if let Some(d) = &mut decoded {
            d.push_str(&text[i..i + len]);
        }
        i += len;
    }
    let chunk = decoded.as_deref().unwrap_or(&text[start..i]);
    for_each_word(chunk, &mut |w| out.push(hash_word(w.as_bytes())));
    i
}

/// The character (or two) a character reference at the start of `s` stands for, and
/// its length, as a browser reads it: `&#67;`, `&#x43;` (the `;` may be left out),
/// and the named references of HTML (`&shy;`, `&eacute;`, with their `;`). Numbers
/// that are no character read as U+FFFD, and 128–159 as Windows-1252, as HTML says.
fn reference(s: &str) -> Option<([Option<char>; 2], usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let digits_at = if hex { 3 } else { 2 };
        let radix = if hex { 16 } else { 10 };
        let digits = b[digits_at..]
            .iter()
            .take_while(|d| char::from(**d).is_digit(radix))
            .count();
        if digits == 0 {
            return None;
        }
        let end = digits_at + digits;
        // Saturates far past the last character, which then reads as U+FFFD.
        let n = b[digits_at..end].iter().fold(0u32, |n, d| {
            n.saturating_mul(radix)
                .saturating_add(char::from(*d).to_digit(radix).unwrap_or(0))
        });
        let len = if b.get(end) == Some(&b';') {
            end + 1
        } else {
            end
        };
        let ch = match n {
            0x80..=0x9F => markup5ever::data::C1_REPLACEMENTS[(n - 0x80) as usize]
                .unwrap_or(char::from_u32(n).unwrap_or('\u{FFFD}')),
            0 => '\u{FFFD}',
            n => char::from_u32(n).unwrap_or('\u{FFFD}'),
        };
        return Some(([Some(ch), None], len));
    }
    let name_len = b[1..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if name_len == 0 || b.get(1 + name_len) != Some(&b';') {
        return None;
    }
    let &(first, second) = markup5ever::data::NAMED_ENTITIES.get(&s[1..name_len + 2])?;
    let first = char::from_u32(first).filter(|_| first != 0)?;
    Some((
        [Some(first), char::from_u32(second).filter(|_| second != 0)],
        name_len + 2,
    ))
}

/// Characters that show nothing, which a passage pasted from a PDF or a word
/// processor carries inside words: the soft hyphen, zero-width space, non-joiner and
/// joiner, the word joiner and the byte-order mark (zero-width no-break space).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// The words of a text as a reader sees them: invisible characters dropped, then
/// Unicode NFKC (ligatures, full-width and other compatibility forms to their plain
/// letters, accents composed), then split at everything but letters and digits,
/// lower-cased.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, &mut |w| out.push(w.to_string()));
    out
}

/// [`words`], one at a time. Text that is already normal (ASCII, or accented
/// letters as most text has them) is split as it is, without normalising a copy.
fn for_each_word(text: &str, f: &mut dyn FnMut(&str)) {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};
    let mut split = |t: &str| {
        for w in t
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            if w.is_ascii() {
                f(&w.to_ascii_lowercase());
            } else {
                f(&w.to_lowercase());
            }
        }
    };
    if text.is_ascii()
        || (is_nfkc_quick(text.chars()) == IsNormalized::Yes && !text.contains(is_invisible))
    {
        return split(text);
    }
    split(
        &text
            .chars()
            .filter(|c| !is_invisible(*c))
            .nfkc()
            .collect::<String>(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The slow, obvious reading the fast one must agree with: strip the tags, then
    /// decode every reference, then normalise the whole text and split it.
    fn reference_reading(text: &str, markup: bool) -> Vec<u64> {
        let text = if markup {
            obvious_strip_tags(text)
        } else {
            text.to_string()
        };
        let mut decoded = String::new();
        let mut rest = text.as_str();
        while !rest.is_empty() {
            if rest.starts_with('&')
                && let Some((chars, len)) = reference(rest)
            {
                decoded.extend(chars.into_iter().flatten());
                rest = &rest[len..];
                continue;
            }
            let ch = rest.chars().next().unwrap();
            decoded.push(ch);
            rest = &rest[ch.len_utf8()..];
        }
        reference_word_hashes(&decoded)
    }

    /// Tags as a browser reads them, one character at a time: a `<` before a letter,
    /// `/`, `!` or `?` with a `>` somewhere after it opens a tag, which the next `>`
    /// closes; any other `<` is text.
    fn obvious_strip_tags(text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        while i < chars.len() {
            let opens = chars[i] == '<'
                && chars
                    .get(i + 1)
                    .is_some_and(|c| c.is_ascii_alphabetic() || "/!?".contains(*c))
                && chars[i..].contains(&'>');
            if opens {
                out.push(' ');
                while chars[i] != '>' {
                    i += 1;
                }
            } else {
                out.push(chars[i]);
            }
            i += 1;
        }
        out
    }

    /// Words of the whole text at once: invisible characters dropped, NFKC, every
    /// run of letters and digits, lower-cased.
    fn reference_word_hashes(text: &str) -> Vec<u64> {
        use unicode_normalization::UnicodeNormalization;
        let normal: String = text.chars().filter(|c| !is_invisible(*c)).nfkc().collect();
        normal
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| hash_word(w.to_lowercase().as_bytes()))
            .collect()
    }

    /// What lets a chunk end at ASCII punctuation or a plain separator: normalising
    /// never joins one to the character before it, nor to a following one into a
    /// letter. (Only a character "maybe" in NFKC can join the one before it.)
    #[test]
    fn chunks_end_where_normalising_joins_nothing() {
        use unicode_normalization::{IsNormalized, is_nfkc_quick};
        let joiners: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| is_nfkc_quick(std::iter::once(*c)) == IsNormalized::Maybe)
            .collect();
        let ends: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| is_plain_separator(*c) || c.is_ascii() && !c.is_ascii_alphanumeric())
            .collect();
        assert_eq!(ends.len(), 14 + 128 - 62);
        for end in ends {
            assert_ne!(
                is_nfkc_quick(std::iter::once(end)),
                IsNormalized::Maybe,
                "{end:?}"
            );
            assert!(words(&end.to_string()).is_empty(), "{end:?}");
            for j in &joiners {
                assert_eq!(
                    words(&format!("{end}{j}")),
                    words(&j.to_string()),
                    "{end:?} joins {j:?}"
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn fast_reading_agrees_with_the_obvious_one(
            text in "([a-zA-Zé0-9 <>&;#x'./!?]|&amp;|&lt;|&nbsp;|&#39;|<p>|</a>|ÉCOLE|ǅ|İ|\u{212A}|abcdefghIJKLMNOPq|a1b2c3d4e5f6g7h8|\u{AD}|\u{200B}|\u{200C}|\u{200D}|\u{2060}|\u{FEFF}|\u{A0}|ﬁ|ﬀ|ﬃ|Ｆ|ｏ|\u{301}|\u{338}|™|½|ℎ|ΣΑΣ|’|£|–|“|…|\u{A0}\u{301}|’\u{338}|&#233;|&#x301;|&#X65;|&#101|&#769;|&#824;|&shy;|&eacute;|&AElig;|&#8203;|&#0;|&#x110000;|&#150;|&#99999999999;|&amp|&#|&#x;|&foo;|&lt|&#x41){0,60}"
        ) {
            proptest::prop_assert_eq!(
                readable_word_hashes("a.html", text.as_bytes(), Some(&text)),
                reference_reading(&text, true)
            );
            proptest::prop_assert_eq!(
                readable_word_hashes("a.json", text.as_bytes(), Some(&text)),
                reference_reading(&text, false)
            );
            proptest::prop_assert_eq!(word_hashes(&text), reference_word_hashes(&text));
            let listed: Vec<u64> = words(&text).iter().map(|w| hash_word(w.as_bytes())).collect();
            proptest::prop_assert_eq!(listed, reference_word_hashes(&text));
        }

    }
}
