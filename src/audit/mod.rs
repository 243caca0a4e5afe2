//! Stage 6, audit: prove that no confidential passage reached the output.
//!
//! The visibility stage hands over every text, id and figure of everything it
//! withheld (every field, found by [`crate::leaves`]). From it we build fingerprints:
//!
//! - **passages**: every run of [`SHINGLE`] consecutive words of a confidential text,
//!   as [`words()`] reads them, hashed;
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
//!
//! This module holds the audit's rules: what is looked for, what is exempt, and what
//! a hit says. The machinery is in one module per job, so that a change to the rules
//! never touches a hot loop and the hot loops can be made faster without reading the
//! rules:
//!
//! - `words.rs`: reading text as a reader sees it, one hash per word (the hot loop);
//! - `word_hash.rs`: the hash of a word, ASCII words read eight bytes at a time;
//! - `runs.rs`: hashing runs of words and looking them up;
//! - `files.rs`: the build's audit step, every output file before any is written;
//! - `dir.rs`: auditing a folder on disk, following links and failing closed;
//! - `site.rs`: `bcfsite audit`, a folder against a site's confidential material.

mod dir;
mod files;
mod runs;
mod site;
mod word_hash;
mod words;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

use aho_corasick::AhoCorasick;

use crate::diagnostic::Diagnostic;
use crate::visibility::WithheldSource;

pub use dir::DirAudit;
use runs::{Windows, into_prefix_hashes, shingle_hashes, window_hash, window_hashes};
pub use site::{audit_dir, audit_dir_at};
use word_hash::hash_word;
pub use words::{is_invisible, word_hashes, words};
use words::{readable_word_hashes, tag_len};

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

fn hash<T: Hash + ?Sized>(v: &T) -> u64 {
    let mut h = DefaultHasher::new();
    v.hash(&mut h);
    h.finish()
}

fn hash_bytes(b: &[u8]) -> u64 {
    hash(b)
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

/// Raw HTML is not words a reader sees: each [tag](tag_len) becomes a space. Any other
/// `<` is text ("under < 5%"): dropping what follows it would leave it out of the
/// fingerprints.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        match tag_len(&rest.as_bytes()[i..]) {
            Some(n) => {
                out.push(' ');
                rest = &rest[i + n..];
            }
            None => {
                out.push('<');
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests;
