//! Whether a file that would be copied as it is looks like a page.
//!
//! A page saved under a name bcfsite does not read as a page (`notes.txt`,
//! `page.mdown`, `old.html`) would be published byte for byte, front matter and
//! `confidential: true` included, and the visibility stage would never see it. So
//! before a file is copied we read its start: a file that opens with a front-matter
//! fence, or that has a `confidential:`, `draft:` or `publish:` line, is refused.
//!
//! How much is read: the first [`HEAD`] bytes of every file, which tell a binary file
//! (a PDF, an image, an office document) by its signature or a NUL byte, so that
//! those cost one short read however large they are; and up to [`TEXT`] bytes of a
//! text file, since a page's flags sit in its front matter at the top. Text pasted
//! from a page further down than that is the audit's business, not a flag.

use std::io::Read;
use std::ops::Range;
use std::path::Path;

/// Enough to see any signature, and to see a NUL in most binary formats.
const HEAD: usize = 4 * 1024;
/// Of a text file, far more than any front matter.
const TEXT: u64 = 64 * 1024;

/// Signatures of formats that are binary although their first bytes may hold no
/// NUL (a PDF opens with text, for one).
const SIGNATURES: [&[u8]; 12] = [
    b"%PDF-",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0",
    b"RIFF",
    b"wOFF",
    b"wOF2",
    b"\x1f\x8b",
    b"OggS",
    b"ID3",
];

/// The visibility keys of front matter: a line that sets one is a flag, wherever it is.
const KEYS: [&str; 3] = ["confidential", "draft", "publish"];

/// What made a file look like a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageLike {
    /// It opens with a `---` (or `+++`) line.
    Fence,
    /// It has a line setting this key.
    Key(&'static str),
}

/// A page-like file: why, the text read (as shown in the error) and where.
#[derive(Debug)]
pub struct Finding {
    pub why: PageLike,
    pub text: String,
    pub span: Range<usize>,
}

/// Reads the start of the file at `path` and says whether it looks like a page.
pub fn sniff(path: &Path) -> std::io::Result<Option<Finding>> {
    let mut file = std::fs::File::open(path)?;
    let mut head = Vec::with_capacity(HEAD);
    (&mut file).take(HEAD as u64).read_to_end(&mut head)?;
    let text = match text_of(&head) {
        Head::Binary => return Ok(None),
        Head::Utf8 => {
            if head.len() == HEAD {
                file.take(TEXT - HEAD as u64).read_to_end(&mut head)?;
            }
            String::from_utf8_lossy(&head).into_owned()
        }
        Head::Utf16 { little_endian } => {
            if head.len() == HEAD {
                file.take(TEXT - HEAD as u64).read_to_end(&mut head)?;
            }
            utf16(&head[2..], little_endian)
        }
    };
    Ok(page_like(&text).map(|(why, span)| Finding { why, text, span }))
}

enum Head {
    Binary,
    Utf8,
    Utf16 { little_endian: bool },
}

fn text_of(head: &[u8]) -> Head {
    // Notepad's "Unicode" is UTF-16 with a byte-order mark: text, full of NULs.
    match head {
        [0xff, 0xfe, ..] => {
            return Head::Utf16 {
                little_endian: true,
            };
        }
        [0xfe, 0xff, ..] => {
            return Head::Utf16 {
                little_endian: false,
            };
        }
        _ => {}
    }
    if SIGNATURES.iter().any(|s| head.starts_with(s)) || memchr::memchr(0, head).is_some() {
        Head::Binary
    } else {
        Head::Utf8
    }
}

fn utf16(bytes: &[u8], little_endian: bool) -> String {
    let units = bytes.chunks_exact(2).map(|b| {
        if little_endian {
            u16::from_le_bytes([b[0], b[1]])
        } else {
            u16::from_be_bytes([b[0], b[1]])
        }
    });
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// Why `text` looks like a page, and the span to point at: a front-matter fence as
/// its first line (after byte-order marks and blank lines), or a line that sets a
/// visibility key (`confidential:`, `Draft :`, indented or not).
pub fn page_like(text: &str) -> Option<(PageLike, Range<usize>)> {
    let mut offset = 0;
    let mut opening = true;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_start_matches('\u{feff}');
        let bom = line.len() - content.len();
        let content = content.trim_end();
        if opening {
            if content.trim_start().is_empty() {
                continue;
            }
            opening = false;
            if matches!(content, "---" | "+++") {
                return Some((PageLike::Fence, start + bom..start + bom + 3));
            }
        }
        let indent = content.len() - content.trim_start_matches([' ', '\t']).len();
        if let Some(key) = key_of(&content[indent..]) {
            let at = start + bom + indent;
            return Some((PageLike::Key(key), at..at + key.len()));
        }
    }
    None
}

/// The visibility key a line sets, if it sets one: the key in any case, then
/// optional spaces, then a colon.
fn key_of(line: &str) -> Option<&'static str> {
    KEYS.into_iter().find(|key| {
        line.get(..key.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(key))
            && line[key.len()..]
                .trim_start_matches([' ', '\t'])
                .starts_with(':')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_looks_like_a_page() {
        for (text, why, at) in [
            ("---\ntitle: x\n---\n", PageLike::Fence, "---"),
            ("\u{feff}\n  \r\n---\r\n", PageLike::Fence, "---"),
            ("+++\ntitle = 'x'\n+++\n", PageLike::Fence, "+++"),
            (
                "Minutes\n\nconfidential: true\n",
                PageLike::Key("confidential"),
                "confidential",
            ),
            ("x\n  Draft : yes\n", PageLike::Key("draft"), "Draft"),
            (
                "x\n\tpublish:2030-01-01\n",
                PageLike::Key("publish"),
                "publish",
            ),
            (
                "CONFIDENTIAL: not for publication\n",
                PageLike::Key("confidential"),
                "CONFIDENTIAL",
            ),
        ] {
            let (found, span) = page_like(text).unwrap_or_else(|| panic!("{text:?}"));
            assert_eq!(found, why, "{text:?}");
            assert_eq!(&text[span], at, "{text:?}");
        }
    }

    #[test]
    fn what_does_not() {
        for text in [
            "",
            "year,amount\n2024-25,1000\n",
            "Draft minutes are not published.\n---\n",
            "intro\n---\ntitle: x\n---\n",
            "published: 2024\ndrafted: yes\npublisher: x\n",
            "\"confidential\": true\n",
            "body { margin: 0; }\n",
        ] {
            assert_eq!(page_like(text), None, "{text:?}");
        }
    }

    #[test]
    fn binary_files_are_known_by_their_start() {
        assert!(matches!(text_of(b"%PDF-1.7\n%\xe2\xe3"), Head::Binary));
        assert!(matches!(text_of(b"\x89PNG\r\n\x1a\n"), Head::Binary));
        assert!(matches!(text_of(b"abc\0def"), Head::Binary));
        assert!(matches!(text_of(b"---\ntitle: x"), Head::Utf8));
        assert!(matches!(
            text_of(b"\xff\xfe-\0"),
            Head::Utf16 {
                little_endian: true
            }
        ));
    }

    #[test]
    fn reads_files_from_disk() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            sniff(&path).unwrap().map(|f| f.why)
        };
        // A key line beyond the head of a text file, but within what is read.
        let mut long = "x\n".repeat(HEAD);
        long.push_str("draft: true\n");
        assert_eq!(
            write("long.txt", long.as_bytes()),
            Some(PageLike::Key("draft"))
        );
        let mut pdf = b"%PDF-1.7\n".to_vec();
        pdf.extend_from_slice(b"confidential: true\n");
        assert_eq!(write("a.pdf", &pdf), None);
        let utf16: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain("---\n".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(write("u.txt", &utf16), Some(PageLike::Fence));
        assert!(sniff(&dir.path().join("missing")).is_err());
    }
}
