//! Stage 7, audit: prove that no confidential passage reached the output.
//!
//! The visibility stage hands over every text, id and figure of everything it
//! withheld (every field, found by [`crate::leaves`]). From it we build fingerprints:
//!
//! - **passages**: every run of [`SHINGLE`] consecutive words of a confidential text,
//!   as [`words`] reads them, hashed;
//! - **phrases**: confidential texts of three to seven words (titles, names, a
//!   scheme's type), matched whole;
//! - **ids** of withheld records, matched as they are written;
//! - **figures** of withheld records with five or more digits, matched as written or
//!   with thousands separators;
//! - **files** withheld from a bundle, matched by their bytes (unless empty or blank).
//!
//! Texts, ids and figures that published records and `site.yaml` hold are dropped
//! from the fingerprints (a confidential note may name a public scheme), as are titles
//! listed on their papers by design and phrases a site allows in `site.yaml`
//! (`audit_allow`). Published pages are not a reason to drop anything: a public page
//! quoting a confidential one is the very leak to catch. Then every output file is
//! read as a reader sees it: HTML and XML with their tags removed and character
//! references decoded, other text as it is, and the printable runs of any other file.
//! Words are read after dropping invisible characters and Unicode NFKC, on both sides,
//! so a passage pasted from a PDF is still found. A hit names the output file and the
//! confidential source. The same check runs on any folder with `bcfsite audit`.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

use aho_corasick::AhoCorasick;
use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::visibility::WithheldSource;

/// Words in a passage fingerprint: long enough that ordinary phrases do not collide,
/// short enough to catch a quoted sentence.
pub const SHINGLE: usize = 8;
/// Shortest title or name matched whole.
const MIN_PHRASE_WORDS: usize = 3;
/// Figures with fewer digits are too common to be evidence of a leak.
const MIN_FIGURE_DIGITS: usize = 5;

/// What the visibility stage hands the audit.
pub struct Material<'a> {
    /// Everything withheld.
    pub withheld: &'a [WithheldSource],
    /// Names, ids and figures of published records, and titles listed on papers.
    pub public: &'a [String],
    /// Phrases `site.yaml` allows in public output.
    pub allowed: &'a [String],
}

/// What confidential material looks like, ready to search for.
#[derive(Debug, Default)]
pub struct Fingerprints {
    sources: Vec<String>,
    shingles: Windows,
    /// Phrase length in words → phrase hash → (source, phrase).
    phrases: HashMap<usize, Windows>,
    literals: Vec<(String, usize)>,
    /// All literals at once, so each file is read once however many there are.
    literal_finder: Option<AhoCorasick>,
    /// Withheld files by length, then by hash: most outputs need no hashing at all.
    files: HashMap<usize, HashMap<u64, usize>>,
    /// A digest of all the material, so `serve` can reuse an audit of unchanged bytes.
    digest: crate::incremental::Digest,
}

/// What the audit may find in public output although a withheld source holds it too
/// (see [`Material`]), read once.
struct PublicText {
    /// The word hashes of each public text and allowed phrase.
    words: Vec<Vec<u64>>,
    /// Every run of [`SHINGLE`] words in them.
    shingles: HashSet<u64>,
    /// The public texts as written, for ids and figures.
    raw: String,
}

impl PublicText {
    fn new(material: &Material) -> PublicText {
        let words: Vec<Vec<u64>> = material
            .public
            .iter()
            .chain(material.allowed)
            .map(|t| word_hashes(t))
            .collect();
        let shingles = words
            .iter()
            .flat_map(|w| shingle_hashes(w, SHINGLE))
            .collect();
        PublicText {
            words,
            shingles,
            raw: material.public.join("\n"),
        }
    }
}

/// Hashes a run's polynomial hash with [`mix`], whose low bits a map can use.
#[derive(Default)]
struct MixedKey(crate::incremental::PrehashedKey);

impl std::hash::Hasher for MixedKey {
    fn finish(&self) -> u64 {
        mix(self.0.finish())
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0.write(bytes);
    }
    fn write_u64(&mut self, n: u64) {
        self.0.write_u64(n);
    }
}

/// The hashes of runs of words to look for, each with its source and passage.
///
/// A bit per hash in a small table sits in front of the map: nearly no run of words in
/// a page is a fingerprint, and testing a bit is cheaper than probing a map.
#[derive(Debug, Default)]
struct Windows {
    map: HashMap<u64, (usize, String), std::hash::BuildHasherDefault<MixedKey>>,
    /// Set by [`Windows::seal`]; empty until then, when every lookup goes to the map.
    bits: Vec<u64>,
}

impl Windows {
    fn insert(&mut self, h: u64, found: impl FnOnce() -> (usize, String)) {
        self.map.entry(h).or_insert_with(found);
        self.bits.clear();
    }

    /// Fills the bit table: about one bit in sixteen set, so a run that is not a
    /// fingerprint goes to the map about one time in sixteen. A run's bit is picked by
    /// the high bits of its hash.
    fn seal(&mut self) {
        let bits = (self.map.len() * 16).next_power_of_two().max(4096);
        self.bits = vec![0; bits / 64];
        for &h in self.map.keys() {
            let i = Self::bit(h, bits);
            self.bits[i / 64] |= 1 << (i % 64);
        }
    }

    #[inline]
    fn bit(h: u64, bits: usize) -> usize {
        (h >> (64 - bits.trailing_zeros())) as usize
    }

    #[inline]
    fn get(&self, h: u64) -> Option<&(usize, String)> {
        if !self.bits.is_empty() {
            let i = Self::bit(h, self.bits.len() * 64);
            if self.bits[i / 64] & (1 << (i % 64)) == 0 {
                return None;
            }
        }
        self.map.get(&h)
    }

    fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

impl Fingerprints {
    /// Fingerprints of everything withheld. A withheld file that cannot be read is
    /// an error: the audit cannot vouch for what it has not seen.
    pub fn build(material: &Material) -> Result<Fingerprints, Vec<Diagnostic>> {
        let mut fp = Fingerprints::default();
        let mut unreadable = Vec::new();
        let public = PublicText::new(material);
        let mut key = crate::incremental::Key::new("fingerprints");
        for t in material.public.iter().chain(material.allowed) {
            key.str(t);
        }

        for (i, src) in material.withheld.iter().enumerate() {
            fp.sources.push(src.file.clone());
            key.str(&src.file);
            for t in src.passages.iter().chain(&src.phrases).chain(&src.ids) {
                key.str(t);
            }
            for f in &src.figures {
                key.str(&f.0.to_string());
            }
            for passage in &src.passages {
                fp.add_text(i, &words(&strip_markdown(passage)), &public);
            }
            for phrase in &src.phrases {
                let w = words(phrase);
                if w.len() >= MIN_PHRASE_WORDS {
                    fp.add_phrase(i, &w, &public);
                }
            }
            for id in &src.ids {
                if !id.is_empty() && !contains_token(&public.raw, id) {
                    fp.literals.push((id.clone(), i));
                }
            }
            for f in &src.figures {
                let plain = f.0.to_string();
                if plain.chars().filter(char::is_ascii_digit).count() < MIN_FIGURE_DIGITS {
                    continue;
                }
                let grouped = crate::data::format::grouped(f.0);
                for text in [plain, grouped] {
                    if !contains_token(&public.raw, &text)
                        && !fp.literals.iter().any(|(t, _)| *t == text)
                    {
                        fp.literals.push((text, i));
                    }
                }
            }
            let Some(path) = &src.asset else { continue };
            let bytes = match std::fs::read(path) {
                Ok(bytes) => bytes,
                Err(e) => {
                    unreadable.push(unreadable_withheld(&src.file, &e));
                    continue;
                }
            };
            key.bytes(&bytes);
            // An empty or blank file is evidence of nothing: every empty file would
            // match it.
            if !bytes.trim_ascii().is_empty() {
                fp.files
                    .entry(bytes.len())
                    .or_default()
                    .insert(hash_bytes(&bytes), i);
            }
            if let Ok(text) = std::str::from_utf8(&bytes) {
                fp.add_text(i, &words(text), &public);
            }
        }
        if !fp.literals.is_empty() {
            // Standard matching with overlaps, so that a literal inside a longer one
            // is still found; an automaton that cannot be built is a bug, not a pass.
            fp.literal_finder = Some(
                AhoCorasick::new(fp.literals.iter().map(|(t, _)| t.as_str()))
                    .expect("literals are short strings"),
            );
        }
        fp.shingles.seal();
        for table in fp.phrases.values_mut() {
            table.seal();
        }
        fp.digest = key.finish();
        if unreadable.is_empty() {
            Ok(fp)
        } else {
            Err(unreadable)
        }
    }

    /// A withheld text: its runs of [`SHINGLE`] words if it is that long, else the
    /// whole of it as a phrase if it has [`MIN_PHRASE_WORDS`] (shorter texts, and
    /// empty ones, are too common to be evidence of anything).
    fn add_text(&mut self, source: usize, w: &[String], public: &PublicText) {
        if w.len() >= SHINGLE {
            let hs: Vec<u64> = w.iter().map(|x| hash_word(x.as_bytes())).collect();
            for (win, hs) in w.windows(SHINGLE).zip(hs.windows(SHINGLE)) {
                let h = window_hash(hs);
                if !public.shingles.contains(&h) {
                    self.shingles.insert(h, || (source, win.join(" ")));
                }
            }
        } else if w.len() >= MIN_PHRASE_WORDS {
            self.add_phrase(source, w, public);
        }
    }

    /// A digest of everything the fingerprints were made from.
    pub fn digest(&self) -> crate::incremental::Digest {
        self.digest
    }

    fn add_phrase(&mut self, source: usize, w: &[String], public: &PublicText) {
        let hs: Vec<u64> = w.iter().map(|x| hash_word(x.as_bytes())).collect();
        let h = window_hash(&hs);
        let in_public = public
            .words
            .iter()
            .any(|p| shingle_hashes(p, w.len()).any(|x| x == h));
        if !in_public {
            self.phrases
                .entry(w.len())
                .or_default()
                .insert(h, || (source, w.join(" ")));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.shingles.is_empty()
            && self.phrases.is_empty()
            && self.literals.is_empty()
            && self.files.is_empty()
    }

    /// Checks one output file; returns a diagnostic per confidential source found in it.
    pub fn check(&self, path: &str, bytes: &[u8]) -> Vec<Diagnostic> {
        let mut hits: Vec<(usize, String)> = Vec::new();
        if let Some(by_hash) = self.files.get(&bytes.len())
            && let Some(&src) = by_hash.get(&hash_bytes(bytes))
        {
            hits.push((src, "the whole file".into()));
        }
        let text = std::str::from_utf8(bytes).ok();
        let prefix = into_prefix_hashes(readable_word_hashes(path, bytes, text));
        for h in window_hashes(&prefix, SHINGLE) {
            if let Some((src, passage)) = self.shingles.get(h) {
                hits.push((*src, passage.clone()));
            }
        }
        for (len, table) in &self.phrases {
            for h in window_hashes(&prefix, *len) {
                if let Some((src, phrase)) = table.get(h) {
                    hits.push((*src, phrase.clone()));
                }
            }
        }
        if let Some(finder) = &self.literal_finder {
            let raw = text.map_or_else(|| String::from_utf8_lossy(bytes), Cow::Borrowed);
            for m in finder.find_overlapping_iter(raw.as_ref()) {
                if is_token(&raw, m.start(), m.end()) {
                    let (literal, src) = &self.literals[m.pattern().as_usize()];
                    hits.push((*src, literal.clone()));
                }
            }
        }
        // One diagnostic per source, naming the first passage found.
        let mut seen = HashSet::new();
        hits.into_iter()
            .filter(|(src, _)| seen.insert(*src))
            .map(|(src, passage)| {
                Diagnostic::error(
                    "confidential-in-output",
                    format!("{path} contains confidential material from {}", self.sources[src]),
                )
                .in_file(path.to_string())
                .with_note(format!("found: \"{}\"", truncate(&passage, 80)))
                .with_help("the build was stopped and nothing was published; remove the passage from the public page or template, or mark the page confidential")
            })
            .collect()
    }

    /// Audits every file under a folder, in parallel, following symbolic links
    /// wherever they lead: a link in a deployed folder to a confidential file, or to
    /// a whole members' build, is served like any other file. The walk fails closed:
    /// a loop of links, a link that leads nowhere, and an entry that cannot be read
    /// are errors, never skipped. The count is of the files actually read.
    pub fn check_dir(&self, dir: &Path) -> DirAudit {
        let (files, mut findings) = files_to_audit(dir);
        let results: Vec<Result<Vec<Diagnostic>, Diagnostic>> = files
            .par_iter()
            .map(|(rel, path)| match std::fs::read(path) {
                Ok(bytes) => Ok(self.check(rel, &bytes)),
                Err(err) => Err(Diagnostic::error(
                    "unreadable-file",
                    format!("cannot read {rel} to audit it: {err}"),
                )),
            })
            .collect();
        let mut audited = 0;
        for result in results {
            match result {
                Ok(found) => {
                    audited += 1;
                    findings.extend(found);
                }
                Err(d) => findings.push(d),
            }
        }
        DirAudit {
            files: audited,
            findings,
        }
    }
}

/// What [`Fingerprints::check_dir`] did: how many files it read, and what it found
/// (including what it could not read).
#[derive(Debug)]
pub struct DirAudit {
    pub files: usize,
    pub findings: Vec<Diagnostic>,
}

/// Every file under `dir` (path shown under `dir`, path to read), links followed,
/// and an error for each entry that cannot be walked.
fn files_to_audit(dir: &Path) -> (Vec<(String, std::path::PathBuf)>, Vec<Diagnostic>) {
    let shown = |p: &Path| {
        p.strip_prefix(dir)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    };
    let mut files = Vec::new();
    let mut problems = Vec::new();
    // walkdir remembers the folders above each entry and reports a link back to one
    // of them as a loop instead of following it.
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
    {
        match entry {
            Ok(e) if e.file_type().is_file() => files.push((shown(e.path()), e.into_path())),
            Ok(e) if e.file_type().is_dir() => {}
            // A FIFO or a device would block or never end: not something to serve.
            Ok(e) => problems.push(
                Diagnostic::error(
                    "unreadable-file",
                    format!(
                        "{} is neither a file nor a folder, so it cannot be audited",
                        shown(e.path())
                    ),
                )
                .with_help("remove it from the folder; a web server should serve only files"),
            ),
            Err(e) => problems.push(walk_error(&e, &shown)),
        }
    }
    (files, problems)
}

/// The error for an entry the walk could not follow or read.
fn walk_error(e: &walkdir::Error, shown: &dyn Fn(&Path) -> String) -> Diagnostic {
    let at = e.path().map(shown).unwrap_or_default();
    if let Some(ancestor) = e.loop_ancestor() {
        let ancestor = match shown(ancestor) {
            s if s.is_empty() => "the folder being audited".to_string(),
            s => s,
        };
        return Diagnostic::error(
            "symlink-loop",
            format!("{at} is a link back to {ancestor}, which holds it, so following it would never end"),
        )
        .with_help("remove the link; the audit follows links, so a loop cannot be audited and is never passed");
    }
    let broken = e
        .io_error()
        .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound)
        && e.path().is_some_and(|p| p.is_symlink());
    if broken {
        return Diagnostic::error(
            "broken-symlink",
            format!("{at} is a link that points nowhere"),
        )
        .with_help("remove or fix the link; the audit cannot pass what it cannot read");
    }
    Diagnostic::error(
        "unreadable-file",
        format!("cannot read {at} to audit it: {e}"),
    )
    .with_help("check the folder can be read; the audit cannot pass what it cannot read")
}

fn unreadable_withheld(file: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        "unreadable-withheld-file",
        format!("cannot read {file}, which is withheld, to make sure no copy of it is published: {e}"),
    )
    .in_file(file.to_string())
    .with_help("the build was stopped and nothing was published; let bcfsite read the file (check its permissions and that it is really there), or take it out of the site")
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

/// A hash for each word (letters and digits, lower-cased), without allocating the
/// words: the audit reads every byte of the output, so this is its hot loop.
pub fn word_hashes(text: &str) -> Vec<u64> {
    hash_words(text, Text::Raw)
}

/// The word hashes of what a reader gets from a file: for HTML and XML, the text
/// outside tags; character references for `& < > " '` and no-break spaces read as the
/// characters they stand for; other files' text as it is; of binary files, the
/// printable runs, as `strings` would show them.
fn readable_word_hashes(path: &str, bytes: &[u8], text: Option<&str>) -> Vec<u64> {
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
    /// As `Plain`, outside `<…>` tags.
    Markup,
}

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
                (Text::Markup, b'<') => {
                    memchr::memchr(b'>', &b[i..]).map_or(b.len() - i, |j| j + 1)
                }
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

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The hash of a word: of the UTF-8 bytes of its lower-case form, eight at a time.
fn hash_word(lower: &[u8]) -> u64 {
    let mut h = WORD_SEED;
    for chunk in lower.chunks(8) {
        let mut buf = [0u8; 8];
        buf[..chunk.len()].copy_from_slice(chunk);
        h = word_step(h, u64::from_le_bytes(buf));
    }
    word_end(h, lower.len())
}

#[inline]
fn word_step(h: u64, chunk: u64) -> u64 {
    let h = (h ^ chunk).wrapping_mul(WORD_PRIME);
    h ^ (h >> 32)
}

#[inline]
fn word_end(h: u64, len: usize) -> u64 {
    mix(h ^ len as u64)
}

/// The ASCII word starting at `b[start]`: its [`hash_word`] and where it ends. Eight
/// bytes are read at a time and classified together, so the word's end is found
/// without a branch per byte; bytes past the text read as zero, which ends a word.
#[inline]
fn ascii_word(b: &[u8], start: usize) -> (u64, usize) {
    let mut h = WORD_SEED;
    let mut at = start;
    loop {
        let v = if at + 8 <= b.len() {
            u64::from_le_bytes(b[at..at + 8].try_into().expect("eight bytes"))
        } else {
            let mut buf = [0u8; 8];
            buf[..b.len() - at].copy_from_slice(&b[at..]);
            u64::from_le_bytes(buf)
        };
        let other = !alnum_bytes(v) & HIGH;
        if other == 0 {
            h = word_step(h, v | (ONES * 0x20));
            at += 8;
            continue;
        }
        let n = (other.trailing_zeros() / 8) as usize;
        if n > 0 {
            let keep = (1u64 << (8 * n)) - 1;
            // Setting bit 5 lower-cases a letter and leaves a digit as it is.
            h = word_step(h, (v | (ONES * 0x20)) & keep);
        }
        let end = at + n;
        return (word_end(h, end - start), end);
    }
}

/// The high bit of each byte of `v` that is an ASCII letter or digit.
#[inline]
fn alnum_bytes(v: u64) -> u64 {
    let ascii = !v & HIGH;
    let x = v & !HIGH;
    // For seven-bit bytes, neither subtraction borrows across bytes.
    let at_least = |x: u64, lo: u8| (x | HIGH) - ONES * u64::from(lo);
    let at_most = |x: u64, hi: u8| (ONES * u64::from(hi | 0x80)) - x;
    let folded = x | (ONES * 0x20);
    let letter = at_least(folded, b'a') & at_most(folded, b'z');
    let digit = at_least(x, b'0') & at_most(x, b'9');
    (letter | digit) & ascii
}

const WORD_SEED: u64 = 0xCBF2_9CE4_8422_2325;
const WORD_PRIME: u64 = 0x9FB2_1C65_1E98_DF25;

/// The hash of a run of words: a polynomial in [`BASE`] over the words' hashes, so
/// that every run of a given length in a page can be hashed in constant time from
/// prefix sums ([`window_hashes`]) rather than word by word. Equal runs always hash
/// alike, so nothing is missed; a collision could only stop a build needlessly.
///
/// The polynomial is left unmixed: its high bits depend on every bit of every word
/// and pick a run's bit in [`Windows`]' table; the map behind it mixes the rest
/// ([`MixedKey`]), which only the rare runs that pass the table pay for.
fn window_hash(words: &[u64]) -> u64 {
    words
        .iter()
        .fold(0u64, |acc, w| acc.wrapping_mul(BASE).wrapping_add(*w))
}

const BASE: u64 = 0x9E37_79B9_7F4A_7C15;

/// Turns a text's word hashes into the prefix sums of their polynomial: afterwards
/// `words[i]` is the polynomial over the first `i` words, and there is one entry more.
/// In place, since the audit holds one such list per thread for the largest pages.
fn into_prefix_hashes(mut words: Vec<u64>) -> Vec<u64> {
    let mut acc = 0u64;
    for w in words.iter_mut() {
        let word = *w;
        *w = acc;
        acc = acc.wrapping_mul(BASE).wrapping_add(word);
    }
    words.push(acc);
    words
}

/// [`window_hash`] of every run of `len` words, from [`into_prefix_hashes`].
fn window_hashes(prefix: &[u64], len: usize) -> impl Iterator<Item = u64> + '_ {
    let shift = BASE.wrapping_pow(len as u32);
    // `prefix` has one more entry than there are words.
    let runs = if len == 0 {
        0
    } else {
        prefix.len().saturating_sub(len)
    };
    (0..runs).map(move |i| prefix[i + len].wrapping_sub(prefix[i].wrapping_mul(shift)))
}

/// splitmix64's finaliser: spreads a hash's bits (a bijection, so it adds no
/// collisions), for word hashes and for maps that take the low bits as the hash.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
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

fn hash<T: Hash + ?Sized>(v: &T) -> u64 {
    let mut h = DefaultHasher::new();
    v.hash(&mut h);
    h.finish()
}

fn hash_bytes(b: &[u8]) -> u64 {
    hash(b)
}

fn shingle_hashes(words: &[u64], n: usize) -> impl Iterator<Item = u64> + '_ {
    words.windows(n.max(1)).map(window_hash)
}

/// Whether `needle` occurs in `hay` not as part of a longer word or number.
fn contains_token(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle)
        .any(|(i, _)| is_token(hay, i, i + needle.len()))
}

/// Whether `hay[start..end]` stands alone: not part of a longer word, id or number.
fn is_token(hay: &str, start: usize, end: usize) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '_' || c == '.';
    let before = hay[..start].chars().next_back();
    let after = hay[end..].chars().next();
    // A trailing full stop ends a sentence, not a number.
    let after_ok = match after {
        Some('.') => !hay[end + 1..].starts_with(|c: char| c.is_ascii_digit()),
        Some(c) => !is_word(c),
        None => true,
    };
    !before.is_some_and(is_word) && after_ok
}

/// Link targets and raw HTML in Markdown are not words a reader sees.
fn strip_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("](") {
        out.push_str(&rest[..i]);
        match rest[i..].find(')') {
            Some(j) => rest = &rest[i + j + 1..],
            None => {
                rest = &rest[i..];
                break;
            }
        }
    }
    out.push_str(rest);
    strip_tags(&out)
}

fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
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

    /// The slow, obvious reading the fast one must agree with: strip the tags, then
    /// decode every reference, then normalise the whole text and split it.
    fn reference_reading(text: &str, markup: bool) -> Vec<u64> {
        let text = if markup {
            strip_tags(text)
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

    #[test]
    fn every_byte_classified_in_every_place() {
        for byte in 0..=255u8 {
            for place in 0..8 {
                let v =
                    u64::from(byte) << (8 * place) | 0x2020_2020_2020_2020 & !(0xff << (8 * place));
                let expected = if byte.is_ascii_alphanumeric() {
                    0x80 << (8 * place)
                } else {
                    0
                };
                assert_eq!(alnum_bytes(v), expected, "byte {byte:#x} at {place}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn fast_reading_agrees_with_the_obvious_one(
            text in "([a-zA-Zé0-9 <>&;#x'.]|&amp;|&lt;|&nbsp;|&#39;|<p>|</a>|ÉCOLE|ǅ|İ|\u{212A}|abcdefghIJKLMNOPq|a1b2c3d4e5f6g7h8|\u{AD}|\u{200B}|\u{200C}|\u{200D}|\u{2060}|\u{FEFF}|\u{A0}|ﬁ|ﬀ|ﬃ|Ｆ|ｏ|\u{301}|\u{338}|™|½|ℎ|ΣΑΣ|’|£|–|“|…|\u{A0}\u{301}|’\u{338}|&#233;|&#x301;|&#X65;|&#101|&#769;|&#824;|&shy;|&eacute;|&AElig;|&#8203;|&#0;|&#x110000;|&#150;|&#99999999999;|&amp|&#|&#x;|&foo;|&lt|&#x41){0,60}"
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

        /// Bytes classified eight at a time as one at a time.
        #[test]
        fn letters_and_digits_found_eight_at_a_time(v in proptest::prelude::any::<u64>()) {
            let expected = v
                .to_le_bytes()
                .iter()
                .enumerate()
                .filter(|(_, b)| b.is_ascii_alphanumeric())
                .fold(0u64, |m, (i, _)| m | 0x80 << (8 * i));
            proptest::prop_assert_eq!(alnum_bytes(v), expected);
        }

        /// Every run hashed from the prefix sums is the run hashed word by word.
        #[test]
        fn runs_hashed_at_once_agree_with_each_run(
            words in proptest::collection::vec(proptest::prelude::any::<u64>(), 0..40),
            len in 1usize..12,
        ) {
            let prefix = into_prefix_hashes(words.clone());
            let fast: Vec<u64> = window_hashes(&prefix, len).collect();
            let slow: Vec<u64> = words.windows(len).map(window_hash).collect();
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn short_texts_become_phrases() {
        let fp =
            Fingerprints::build(&material(&[secret("CANARY-APPENDIX-B-BODY")], &[], &[])).unwrap();
        assert_eq!(
            fp.check("a.html", b"<p>canary appendix b body</p>").len(),
            1
        );
    }
}
