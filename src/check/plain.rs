//! Plain English: summaries residents can read, and abbreviations explained.
//!
//! - `summary-hard-to-read`: a page's `summary` whose Flesch–Kincaid grade is above the
//!   site's threshold (`plain_english_grade` in site.yaml, default 9, about a reading
//!   age of 14). The summary is what residents read first.
//! - `abbreviation-not-in-glossary`: an abbreviation (two or more capitals, like ICB)
//!   used in a page but missing from `glossary.yaml`, so the site cannot explain it.

use std::collections::BTreeSet;

use crate::data::glossary::Glossary;
use crate::diagnostic::Diagnostic;
use crate::incremental::{Cache, Key, Reuse, StageMemo, Store};
use crate::parse::Document;

/// Abbreviations readers know without help.
const WELL_KNOWN: &[&str] = &["UK", "OK", "TV", "AM", "PM", "PDF", "URL", "FAQ"];

/// The plain-English warnings of every page. With an enabled `cache`, the warnings of
/// a page whose text, glossary and limit are unchanged are reused.
pub fn run(
    docs: &[std::sync::Arc<Document>],
    glossary: &Glossary,
    max_grade: f64,
    cache: &Cache,
) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let memo = cache.memo::<PlainMemo>();
    let context = cache.is_enabled().then(|| {
        Key::new("plain")
            .serialized(glossary)
            .bytes(&max_grade.to_le_bytes())
            .finish()
    });
    docs.par_iter()
        .flat_map_iter(|doc| {
            memo.0.get_or(
                || {
                    let mut key = Key::new("plain-page");
                    if let Some(context) = context {
                        key.digest(context);
                    }
                    key.str(&doc.source.path).digest(doc.digest).finish()
                },
                || check_page(doc, glossary, max_grade),
            )
        })
        .collect()
}

/// This check's memo: the warnings of one page, by its text, the glossary and the
/// limit.
struct PlainMemo(Store<Vec<Diagnostic>>);

impl StageMemo for PlainMemo {
    fn new(cache: &Cache) -> Self {
        PlainMemo(Store::new(cache.is_enabled()))
    }

    fn end_build(&self, succeeded: bool, _: &mut Reuse) {
        self.0.end_build(succeeded);
    }
}

fn check_page(doc: &Document, glossary: &Glossary, max_grade: f64) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    {
        if let Some(summary) = &doc.front.summary {
            let grade = flesch_kincaid_grade(summary);
            if grade > max_grade {
                let span =
                    crate::content::front_matter::key_span(&doc.source, "summary").unwrap_or(0..0);
                out.push(
                    Diagnostic::warning(
                        "summary-hard-to-read",
                        format!("this summary reads at grade {grade:.1}, above the site's limit of {max_grade}"),
                    )
                    .at(&doc.source, span)
                    .with_help("use shorter sentences and everyday words; residents read the summary first"),
                );
            }
        }
        let mut reported = BTreeSet::new();
        let body_start = doc.body.start;
        for (offset, word) in abbreviation_candidates(doc.body_text()) {
            // Most words are not abbreviations: rule them out before any lookup.
            if !is_abbreviation(word) || is_roman(word) {
                continue;
            }
            // A plural (GPs) is explained by its singular's entry.
            let singular = word
                .strip_suffix('s')
                .filter(|w| w.len() >= 2)
                .unwrap_or(word);
            let known = glossary.contains_key(word)
                || glossary.contains_key(singular)
                || WELL_KNOWN.contains(&word);
            if !known && reported.insert(word) {
                out.push(
                    Diagnostic::warning(
                        "abbreviation-not-in-glossary",
                        format!("`{word}` is not in the glossary, so the site cannot explain it"),
                    )
                    .at(&doc.source, body_start + offset..body_start + offset + word.len())
                    .with_help(format!("add `{word}: what it stands for` to content/glossary.yaml, or write it out in full")),
                );
            }
        }
    }
    out
}

/// Words of running text with their byte offsets, skipping code, link targets and
/// shortcodes (where capitals are not prose). The check itself reads only
/// [`abbreviation_candidates`]; tests hold the two to the same findings.
#[cfg(test)]
fn prose_words(body: &str) -> Vec<(usize, &str)> {
    words_of_lines(body, |_| true)
}

/// [`prose_words`], but only from lines that could hold an abbreviation: two capitals
/// with nothing but digits between them. Most lines have none, and this is the
/// plain-English check's hot loop.
fn abbreviation_candidates(body: &str) -> Vec<(usize, &str)> {
    words_of_lines(body, |line| {
        let b = line.as_bytes();
        has_capital_pair(b)
            && b.iter().enumerate().any(|(i, c)| {
                c.is_ascii_uppercase()
                    && b[i + 1..]
                        .iter()
                        .find(|n| !n.is_ascii_digit())
                        .is_some_and(u8::is_ascii_uppercase)
            })
    })
}

/// Whether a capital is followed by a capital or a digit somewhere in `b`: needed for
/// two capitals with only digits between them, and cheap to rule out. Read 32 bytes
/// at a time without stopping early, which the compiler turns into vector code.
fn has_capital_pair(b: &[u8]) -> bool {
    let pair =
        |a: u8, c: u8| a.is_ascii_uppercase() & (c.is_ascii_uppercase() | c.is_ascii_digit());
    let mut at = 0;
    while at + 33 <= b.len() {
        let w = &b[at..at + 33];
        let mut any = false;
        for k in 0..32 {
            any |= pair(w[k], w[k + 1]);
        }
        if any {
            return true;
        }
        at += 32;
    }
    b[at..].windows(2).any(|w| pair(w[0], w[1]))
}

fn words_of_lines(body: &str, wanted: impl Fn(&str) -> bool) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut in_fence = false;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let t = line.trim_start();
        let line_start = offset;
        offset += line.len();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || t.starts_with("{{") || line.starts_with("    ") || !wanted(line) {
            continue;
        }
        let mut in_code = false;
        let mut skip_until: Option<char> = None;
        let mut word_start: Option<usize> = None;
        for (i, c) in line.char_indices() {
            if let Some(end) = skip_until {
                if c == end {
                    skip_until = None;
                }
                continue;
            }
            if c == '`' {
                in_code = !in_code;
            }
            if in_code {
                continue;
            }
            if c == '(' && line[..i].ends_with(']') {
                skip_until = Some(')');
                continue;
            }
            // A hyphen inside a word keeps it whole: LANCS-CANARY-9RV is a code, not
            // three abbreviations.
            let joins = c == '-'
                && word_start.is_some()
                && line[i + 1..].starts_with(|n: char| n.is_alphanumeric());
            if c.is_alphanumeric() || joins {
                word_start.get_or_insert(i);
            } else if let Some(s) = word_start.take() {
                out.push((line_start + s, &line[s..i]));
            }
        }
        if let Some(s) = word_start {
            out.push((line_start + s, line[s..].trim_end()));
        }
    }
    out
}

/// Two or more capitals, perhaps with one lower-case letter before or after
/// (iBCF, HWBs): the shapes abbreviations take.
fn is_abbreviation(word: &str) -> bool {
    let core = word
        .strip_prefix(|c: char| c.is_ascii_lowercase())
        .unwrap_or(word);
    let core = core.strip_suffix('s').unwrap_or(core);
    core.len() >= 2
        && core
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && core.chars().filter(char::is_ascii_uppercase).count() >= 2
}

fn is_roman(word: &str) -> bool {
    word.chars()
        .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
}

/// Flesch–Kincaid grade level: 0.39 × words per sentence + 11.8 × syllables per word −
/// 15.59. Syllables are counted by vowel groups, which is close enough for English.
pub fn flesch_kincaid_grade(text: &str) -> f64 {
    let sentences = text
        .split(['.', '!', '?', ';'])
        .filter(|s| s.chars().any(char::is_alphabetic))
        .count()
        .max(1);
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return 0.0;
    }
    let syllables: usize = words.iter().map(|w| syllables(w)).sum();
    0.39 * (words.len() as f64 / sentences as f64) + 11.8 * (syllables as f64 / words.len() as f64)
        - 15.59
}

fn syllables(word: &str) -> usize {
    let w = word.to_lowercase();
    if w.chars().all(|c| c.is_ascii_digit()) {
        return 1;
    }
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut count = 0;
    let mut prev = false;
    for c in w.chars() {
        let v = vowel(c);
        if v && !prev {
            count += 1;
        }
        prev = v;
    }
    if w.ends_with('e') && !w.ends_with("le") && count > 1 {
        count -= 1;
    }
    count.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn capital_pairs_found_in_chunks_as_one_by_one(
            line in "([a-z ]{0,30}[A-Z0-9]){0,10}[a-z ]{0,10}"
        ) {
            let b = line.as_bytes();
            let slow = b.windows(2).any(|w| {
                w[0].is_ascii_uppercase() && (w[1].is_ascii_uppercase() || w[1].is_ascii_digit())
            });
            proptest::prop_assert_eq!(has_capital_pair(b), slow);
        }

        #[test]
        fn the_line_filter_keeps_every_abbreviation(
            body in "([a-zA-Z0-9 .`()\\[\\]-]|\n|```|NHS|A1B|iBCF|GPs){0,80}"
        ) {
            let all: Vec<_> = prose_words(&body)
                .into_iter()
                .filter(|(_, w)| is_abbreviation(w))
                .collect();
            let fast: Vec<_> = abbreviation_candidates(&body)
                .into_iter()
                .filter(|(_, w)| is_abbreviation(w))
                .collect();
            proptest::prop_assert_eq!(fast, all);
        }
    }

    #[test]
    fn grades() {
        let plain = "The fund helps people stay well at home. It pays for care and support.";
        assert!(
            flesch_kincaid_grade(plain) < 6.0,
            "{}",
            flesch_kincaid_grade(plain)
        );
        let hard = "Implementation of integrated commissioning arrangements necessitates comprehensive organisational collaboration notwithstanding considerable infrastructural heterogeneity.";
        assert!(flesch_kincaid_grade(hard) > 15.0);
    }

    #[test]
    fn syllable_counts() {
        assert_eq!(syllables("care"), 1);
        assert_eq!(syllables("people"), 2);
        assert_eq!(syllables("integrated"), 4);
    }

    #[test]
    fn abbreviations() {
        for a in ["ICB", "BCF", "iBCF", "HWBs", "NHS111"] {
            assert!(is_abbreviation(a), "{a}");
        }
        for w in ["A", "I", "Care", "Bcf", "bcf"] {
            assert!(!is_abbreviation(w), "{w}");
        }
    }

    #[test]
    fn prose_skips_code_and_links() {
        let words: Vec<&str> =
            prose_words("See `ABC` and [the DEF](/GHI/) and JKL.\n```\nMNO\n```\n")
                .into_iter()
                .map(|(_, w)| w)
                .collect();
        assert_eq!(words, ["See", "and", "the", "DEF", "and", "JKL"]);
    }
}
