//! Front matter: splitting it from the body, and its strict schema.
//!
//! (Over 500 lines: the schema, its rules and their tests are one concept that a
//! change must see at once; the tests are a quarter of the file.)
//!
//! Every key is declared here with `deny_unknown_fields`, so a misspelt
//! `confidental: true` is an error rather than a public page. Values with rules of
//! their own (dates, the Schedule 12A paragraph) are newtypes whose deserialisers
//! reject bad input, so the YAML parser can still point at the offending line.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Deserializer, Serialize};
use time::OffsetDateTime;

use crate::diagnostic::{Diagnostic, SourceText, did_you_mean};
use crate::yaml;

pub use super::page_kind::PageKind;

/// Where the front matter and the body sit in a Markdown file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    pub yaml: Range<usize>,
    pub body: Range<usize>,
}

const TEMPLATE_HINT: &str = "start the file with front matter, e.g.\n    ---\n    title: Our plan for 2024 to 2025\n    summary: What we will spend and why.\n    ---";

/// Finds the `---` fences. The opening fence must be the first line.
///
/// Lines end at LF or CR LF. A lone CR (old Mac files) is refused wherever it is in
/// the front matter: YAML would read it as a line end and the fences would not, so
/// the two could disagree about which keys a page has.
pub fn split(source: &SourceText) -> Result<Split, Diagnostic> {
    let text = &source.text;
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
        lone_cr(source, 0..first_line_end)?;
        return Err(
            Diagnostic::error("missing-front-matter", "this page has no front matter")
                .at(source, 0..first_line_end)
                .with_help(TEMPLATE_HINT),
        );
    }
    let yaml_start = (first_line_end + 1).min(text.len());
    let mut offset = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        if matches!(line.trim_end(), "---" | "...") {
            lone_cr(source, 0..offset + line.len())?;
            return Ok(Split {
                yaml: yaml_start..offset,
                body: (offset + line.len()).min(text.len())..text.len(),
            });
        }
        offset += line.len();
    }
    lone_cr(source, 0..text.len())?;
    Err(
        Diagnostic::error("unclosed-front-matter", "the front matter is never closed")
            .at(source, 0..first_line_end)
            .with_help("add a line holding only `---` after the last front-matter key"),
    )
}

/// An error at the first carriage return in `range` that is not followed by a line feed.
fn lone_cr(source: &SourceText, range: Range<usize>) -> Result<(), Diagnostic> {
    let bytes = &source.text.as_bytes()[range.clone()];
    let lone = memchr::memchr_iter(b'\r', bytes)
        .find(|&i| bytes.get(i + 1) != Some(&b'\n'))
        .map(|i| range.start + i);
    match lone {
        None => Ok(()),
        Some(at) => Err(Diagnostic::error(
            "lone-carriage-return",
            "this line ends with a lone carriage return (CR), as files from old Macs do",
        )
        .at(source, at..at + 1)
        .with_help(
            "save the file with ordinary line endings (LF, or CR LF as Windows writes them); most editors offer this under \"Line endings\"",
        )),
    }
}

/// The front matter of a page, as the SPEC fixes it.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    pub summary: Option<String>,
    pub date: Option<Date>,
    #[serde(default)]
    pub kind: PageKind,
    #[serde(default)]
    pub confidential: bool,
    #[serde(default, deserialize_with = "given")]
    pub exempt_paragraph: Option<ExemptParagraph>,
    #[serde(default, deserialize_with = "given")]
    pub title_public: Option<bool>,
    #[serde(default, deserialize_with = "given")]
    pub publish: Option<Moment>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub relates_to: Vec<String>,
    pub appendix: Option<String>,
    pub meeting: Option<Meeting>,
    pub template: Option<String>,
    pub weight: Option<i64>,
    /// On feedback: where it comes from.
    pub source: Option<FeedbackSource>,
    /// On feedback: how the people quoted agreed to publication (or why it is safe).
    pub consent: Option<String>,
    // Corrections and change history (`src/content/history.rs`; rules in
    // `src/check/dates.rs`).
    /// When the page was last changed in substance.
    pub updated: Option<Date>,
    /// What changed, oldest first.
    #[serde(default)]
    pub changes: Vec<super::history::Change>,
    // Other formats (`src/content/alternates.rs`, `src/render/alternates.rs`).
    /// Versions of this page in other formats.
    #[serde(default)]
    pub alternates: Vec<super::alternates::Alternate>,
    /// The format this page is in, when it is another format of a standard page.
    pub format: Option<super::alternates::Format>,
    // The board's record (issue 19; `src/content/decisions.rs`).
    /// On a paper: its agenda item number at its meeting.
    pub item: Option<u32>,
    /// On a paper: what it asks the board to do; on feedback: what it asks of others.
    #[serde(default)]
    pub recommendations: Vec<super::decisions::Recommendation>,
    /// On a paper: what the board did.
    pub decision: Option<super::decisions::Decision>,
    /// On a meeting page: when it starts, UK time (`"10:00"`).
    pub time: Option<String>,
    /// On a meeting page: where it is held.
    pub place: Option<String>,
    /// On a meeting page: the webcast's address.
    pub webcast: Option<String>,
    /// On a meeting page: the minutes' address.
    pub minutes: Option<String>,
}

/// Every key of [`FrontMatter`], for finding keys written below the front matter
/// (a unit test holds it to the struct).
pub const KEYS: [&str; 28] = [
    "title",
    "summary",
    "date",
    "kind",
    "confidential",
    "exempt_paragraph",
    "title_public",
    "publish",
    "draft",
    "aliases",
    "relates_to",
    "appendix",
    "meeting",
    "template",
    "weight",
    "source",
    "consent",
    "updated",
    "changes",
    "alternates",
    "format",
    "item",
    "recommendations",
    "decision",
    "time",
    "place",
    "webcast",
    "minutes",
];

/// The keys that decide whether a page is published: found below the front matter
/// whatever their case.
const VISIBILITY_KEYS: [&str; 5] = [
    "confidential",
    "draft",
    "publish",
    "title_public",
    "exempt_paragraph",
];

/// A key that decides visibility must have a value when it is written: `publish:`
/// with nothing after it is an error, not "no embargo". (Absent, it is `None`.)
fn given<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// Where lived-experience feedback comes from, so readers can weigh it and find it.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FeedbackSource {
    /// Who collected it, e.g. Healthwatch Lancashire.
    pub organisation: String,
    /// Where it was first published.
    pub url: Option<String>,
    /// When it was first published.
    pub published: Option<Date>,
    /// Roughly when the experience happened, e.g. "Winter 2023".
    pub experienced: Option<String>,
}

/// The committee meeting a paper went to.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub board: String,
    pub date: Date,
}

/// Where the keys and values of a page's front matter are written, for a problem found
/// after the page was read.
pub fn spans(source: &SourceText) -> Option<yaml::Spans> {
    yaml::spans(source, split(source).ok()?.yaml)
}

/// Where the top-level `key` of a page's front matter is written.
pub fn key_span(source: &SourceText, key: &str) -> Option<Range<usize>> {
    spans(source)?.root().get(key)?.key_span()
}

/// Parses and checks the front matter of `source`; rules that span several keys
/// are checked here too, each pointing at the key that breaks it.
pub fn parse(source: &SourceText, split: &Split) -> Result<FrontMatter, Vec<Diagnostic>> {
    let fm: FrontMatter = yaml::parse(source, split.yaml.clone()).map_err(|d| vec![d])?;
    let key_at =
        |key: &str| yaml::key_span(source, split.yaml.clone(), key).unwrap_or(split.yaml.clone());
    let mut problems: Vec<Diagnostic> = keys_below(source, split).into_iter().collect();
    if fm.title.trim().is_empty() {
        problems.push(
            Diagnostic::error("empty-title", "the title is empty")
                .at(source, key_at("title"))
                .with_help("give the page a title residents will recognise"),
        );
    }
    if fm.appendix.is_some() && !fm.kind.has_appendix_label() {
        problems.push(
            Diagnostic::error(
                "appendix-label-on-non-appendix",
                "`appendix` is only for pages with `kind: appendix`",
            )
            .at(source, key_at("appendix"))
            .with_help("add `kind: appendix`, or remove the `appendix` line"),
        );
    }
    if fm.kind.has_appendix_label() && fm.appendix.as_deref().is_none_or(|l| l.trim().is_empty()) {
        problems.push(
            Diagnostic::error("appendix-without-label", "an appendix needs its label")
                .at(source, key_at("kind"))
                .with_help("add e.g. `appendix: A`, the label the paper uses"),
        );
    }
    if fm.meeting.is_some() && !fm.kind.has_meeting() {
        problems.push(
            Diagnostic::error(
                "meeting-on-non-paper",
                "`meeting` is only for papers and meeting pages",
            )
            .at(source, key_at("meeting"))
            .with_help("add `kind: paper` (or `kind: meeting`), or remove the `meeting` block"),
        );
    }
    let feedback = fm.kind.has_source_and_consent();
    if feedback && fm.source.is_none() {
        problems.push(
            Diagnostic::error("feedback-without-source", "feedback needs its `source`")
                .at(source, key_at("kind"))
                .with_help("add e.g.\n    source:\n      organisation: Healthwatch Lancashire\n      url: https://...\n      published: 2024-05-01\n      experienced: Winter 2023"),
        );
    }
    if feedback && fm.consent.as_deref().is_none_or(|c| c.trim().is_empty()) {
        problems.push(
            Diagnostic::error("feedback-without-consent", "feedback needs a `consent` statement")
                .at(source, key_at("kind"))
                .with_help("say how the people quoted agreed to publication, e.g. `consent: Everyone quoted agreed to their words being published without their names.`"),
        );
    }
    for key in ["source", "consent"] {
        let present = if key == "source" {
            fm.source.is_some()
        } else {
            fm.consent.is_some()
        };
        if present && !feedback {
            problems.push(
                Diagnostic::error(
                    "feedback-key-on-other-page",
                    format!("`{key}` is only for pages with `kind: feedback`"),
                )
                .at(source, key_at(key))
                .with_help("add `kind: feedback`, or remove the line"),
            );
        }
    }
    if let Some(url) = fm.source.as_ref().and_then(|s| s.url.as_deref())
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        problems.push(
            Diagnostic::error(
                "invalid-source-url",
                format!("`{url}` is not a web address"),
            )
            .at(source, key_at("source"))
            .with_help(
                "give the full address where the feedback was first published, starting https://",
            ),
        );
    }
    if fm.exempt_paragraph.is_some() && !fm.confidential {
        problems.push(
            Diagnostic::error(
                "exempt-but-not-confidential",
                "`exempt_paragraph` is set but the page is not marked confidential",
            )
            .at(source, key_at("exempt_paragraph"))
            .with_help("add `confidential: true` if the page is exempt; otherwise remove `exempt_paragraph`"),
        );
    }
    if fm.title_public == Some(false) && !fm.confidential {
        problems.push(
            Diagnostic::error(
                "title-withheld-but-not-confidential",
                "`title_public: false` on a page that is not confidential",
            )
            .at(source, key_at("title_public"))
            .with_help("add `confidential: true`, or remove `title_public`"),
        );
    }
    problems.extend(super::decisions::rules(&fm, source, &key_at));
    for alias in &fm.aliases {
        if !alias.starts_with('/') || alias.contains("..") || alias.contains(['?', '#', '\\']) {
            problems.push(
                Diagnostic::error(
                    "invalid-alias",
                    format!("`{alias}` is not a path on this site"),
                )
                .at(source, key_at("aliases"))
                .with_help(
                    "write old addresses as paths from the site root, e.g. `/papers/old-name/`",
                ),
            );
        }
    }
    if problems.is_empty() {
        Ok(fm)
    } else {
        Err(problems)
    }
}

/// A page whose text opens with front-matter keys: `confidential: true` on the line
/// after the closing `---`, or a second `---` block of keys. Its author meant them as
/// settings; bcfsite would publish them as words, and the page with them.
///
/// Only the opening of the text is read: blank lines and `---` lines, then lines that
/// look like `key: value`, up to the first that does not. A line is refused when its
/// key is a front-matter key or a near miss (`confidental`), written in lower case as
/// keys are; a key that decides visibility is refused in any case when its value is
/// one word (`Confidential: true`, but not `Draft: the board has not agreed it`).
/// Between two `---` lines, any block of lower-case `key: value` lines is refused,
/// whatever the keys. Prose such as "Note: the board met" is left alone.
fn keys_below(source: &SourceText, split: &Split) -> Option<Diagnostic> {
    let mut fence = false;
    // The lines after a `---`, while they may still be a block of keys.
    let mut block: Vec<&str> = Vec::new();
    let mut first_key: Option<usize> = None;
    for (at, line) in lines_from(&source.text, split.body.start) {
        let trimmed = line.trim();
        if matches!(trimmed, "---" | "...") {
            if let (true, Some(key_line)) = (fence, first_key) {
                // A closed block: refused if it is all keys, the first in lower case.
                let lower = block
                    .iter()
                    .find_map(|l| key_of(l))
                    .is_some_and(is_lower_key);
                let keys = block.iter().all(|l| yaml_line(l));
                return (lower && keys).then(|| below(source, split, key_line, true));
            }
            fence = true;
            block.clear();
            continue;
        }
        if trimmed.is_empty() {
            block.push(line);
            continue;
        }
        let Some(key) = key_of(line) else {
            if fence && first_key.is_some() && yaml_line(line) {
                block.push(line);
                continue;
            }
            return None;
        };
        if looks_like_front_matter(key, value_of(line)) {
            return Some(below(source, split, at, fence));
        }
        if fence {
            first_key.get_or_insert(at);
        }
        block.push(line);
    }
    None
}

/// The lines of `text` from `start` with their offsets; a line ends at LF, CR LF or a
/// lone CR, as Markdown reads it.
fn lines_from(text: &str, start: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut at = start;
    std::iter::from_fn(move || {
        if at >= text.len() {
            return None;
        }
        let rest = &text[at..];
        let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        let skip = if rest[end..].starts_with("\r\n") {
            2
        } else {
            1
        };
        let line = (at, &rest[..end]);
        at += end + skip;
        Some(line)
    })
}

/// The key of a `key: value` line: letters, digits, `_` and `-`, no spaces.
fn key_of(line: &str) -> Option<&str> {
    let line = line.trim_start();
    let end = line.find(':')?;
    let key = line[..end].trim_end();
    let after = &line[end + 1..];
    let shaped = !key.is_empty()
        && key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    (shaped && (after.is_empty() || after.starts_with([' ', '\t']))).then_some(key)
}

fn value_of(line: &str) -> &str {
    line.split_once(':').map_or("", |(_, v)| v.trim())
}

fn is_lower_key(key: &str) -> bool {
    key.chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// A line a YAML block of keys may hold: `key: value`, an indented continuation, or
/// a `- item` of a list.
fn yaml_line(line: &str) -> bool {
    line.trim().is_empty()
        || key_of(line).is_some()
        || line.starts_with([' ', '\t'])
        || line.starts_with("- ")
}

fn looks_like_front_matter(key: &str, value: &str) -> bool {
    if is_lower_key(key) && (KEYS.contains(&key) || did_you_mean(key, KEYS).is_some()) {
        return true;
    }
    let lower = key.to_ascii_lowercase();
    let one_word = !value.contains(char::is_whitespace);
    one_word
        && (VISIBILITY_KEYS.contains(&lower.as_str())
            || did_you_mean(&lower, VISIBILITY_KEYS).is_some())
}

/// The error for a key line starting at `line`.
fn below(source: &SourceText, split: &Split, line: usize, second_block: bool) -> Diagnostic {
    let rest = &source.text[line..];
    let at = line + (rest.len() - rest.trim_start().len());
    let key = key_of(rest).unwrap_or_default();
    let (fence_line, _) = crate::diagnostic::line_column(&source.text, split.body.start - 1);
    let near = did_you_mean(key, KEYS).filter(|k| *k != key);
    let spelling = near.map_or(String::new(), |k| format!(" (and spell it `{k}`)"));
    let (message, help) = if second_block {
        (
            "a second block of front matter opens the page's text, so its keys are not settings but words on the page".to_string(),
            format!("move its keys up, above the `---` on line {fence_line} that closes the front matter{spelling}, and delete the second block's `---` lines"),
        )
    } else {
        (
            format!(
                "`{key}` is below the front matter, so it is not a setting but words on the page"
            ),
            format!(
                "move the line up, above the `---` on line {fence_line} that closes the front matter{spelling}; if it is meant as text, reword the start of the line"
            ),
        )
    };
    Diagnostic::error("key-outside-front-matter", message)
        .at(source, at..at + key.len().max(1))
        .with_help(help)
}

/// A calendar date written `YYYY-MM-DD`; templates see it as that text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub time::Date);

/// As its text; named a time, which the leak audit does not look for.
impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::leaves::tagged(s, crate::leaves::WHEN, self)
    }
}

impl Date {
    pub fn parse(text: &str) -> Option<Date> {
        time::Date::parse(
            text.trim(),
            time::macros::format_description!("[year]-[month]-[day]"),
        )
        .ok()
        .map(Date)
    }

    /// "12 November 2024", as GOV.UK writes dates.
    pub fn label(&self) -> String {
        format!("{} {} {}", self.0.day(), self.0.month(), self.0.year())
    }

    pub fn iso(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.0.year(),
            u8::from(self.0.month()),
            self.0.day()
        )
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Date::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not a date; write dates as YYYY-MM-DD, e.g. 2024-11-12"
            ))
        })
    }
}

/// A moment in time: RFC 3339 (`2024-11-12T09:30:00Z`), or a date meaning its
/// start (00:00 UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Moment(pub OffsetDateTime);

impl Moment {
    pub fn parse(text: &str) -> Option<Moment> {
        let text = text.trim();
        if let Ok(t) = OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339) {
            return Some(Moment(t));
        }
        Date::parse(text).map(|d| Moment(d.0.midnight().assume_utc()))
    }
}

/// As RFC 3339 text; named a time, which the leak audit does not look for.
impl Serialize for Moment {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text = self
            .0
            .format(&time::format_description::well_known::Rfc3339)
            .map_err(serde::ser::Error::custom)?;
        crate::leaves::tagged(s, crate::leaves::WHEN, &text)
    }
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(MomentVisitor)
    }
}

struct MomentVisitor;

const MOMENT: &str = "a date and time such as 2024-11-12T09:30:00Z (or a date, 2024-11-12)";

impl serde::de::Visitor<'_> for MomentVisitor {
    type Value = Moment;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(MOMENT)
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Moment, E> {
        // the YAML crate hands an empty or null scalar to a text field as its text.
        if matches!(text.trim(), "" | "~" | "null" | "Null" | "NULL") {
            return Err(E::custom(crate::yaml::no_value_error(MOMENT)));
        }
        Moment::parse(text).ok_or_else(|| {
            E::custom(format!(
                "`{text}` is not a date and time; write e.g. 2024-11-12 or 2024-11-12T09:30:00Z"
            ))
        })
    }
}

/// A paragraph of Part 1 of Schedule 12A to the Local Government Act 1972 (1 to 7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ExemptParagraph(pub u8);

impl ExemptParagraph {
    /// What the paragraph covers, in the Act's words.
    pub fn meaning(self) -> &'static str {
        match self.0 {
            1 => "information relating to any individual",
            2 => "information which is likely to reveal the identity of an individual",
            3 => {
                "information relating to the financial or business affairs of any particular person (including the authority holding that information)"
            }
            4 => {
                "information relating to any consultations or negotiations, or contemplated consultations or negotiations, in connection with any labour relations matter arising between the authority or a Minister of the Crown and employees of, or office holders under, the authority"
            }
            5 => {
                "information in respect of which a claim to legal professional privilege could be maintained in legal proceedings"
            }
            6 => {
                "information which reveals that the authority proposes to give a notice imposing requirements on a person, or to make an order or direction, under any enactment"
            }
            _ => {
                "information relating to any action taken or to be taken in connection with the prevention, investigation or prosecution of crime"
            }
        }
    }
}

impl<'de> Deserialize<'de> for ExemptParagraph {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_i64(ParagraphVisitor)
    }
}

struct ParagraphVisitor;

fn not_a_paragraph<E: serde::de::Error>(n: impl fmt::Display) -> E {
    E::custom(format!(
        "`{n}` is not a paragraph of Schedule 12A Part 1; use a number from 1 to 7"
    ))
}

impl serde::de::Visitor<'_> for ParagraphVisitor {
    type Value = ExemptParagraph;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a paragraph number from 1 to 7")
    }

    fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<ExemptParagraph, E> {
        match u8::try_from(n) {
            Ok(p @ 1..=7) => Ok(ExemptParagraph(p)),
            _ => Err(not_a_paragraph(n)),
        }
    }

    fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<ExemptParagraph, E> {
        u64::try_from(n).map_or_else(|_| Err(not_a_paragraph(n)), |n| self.visit_u64(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> SourceText {
        SourceText {
            path: "content/p.md".into(),
            text: text.into(),
        }
    }

    fn parse_str(text: &str) -> Result<FrontMatter, Vec<Diagnostic>> {
        let s = src(text);
        let split = split(&s).map_err(|d| vec![d])?;
        parse(&s, &split)
    }

    #[test]
    fn splits_at_the_fences() {
        let s = src("---\ntitle: A\n---\nBody\n");
        let sp = split(&s).unwrap();
        assert_eq!(&s.text[sp.yaml.clone()], "title: A\n");
        assert_eq!(&s.text[sp.body.clone()], "Body\n");
        let s = src("---\r\ntitle: A\r\n---\r\n");
        let sp = split(&s).unwrap();
        assert_eq!(&s.text[sp.body], "");
    }

    #[test]
    fn missing_and_unclosed_front_matter() {
        assert_eq!(
            split(&src("# Hello")).unwrap_err().code,
            "missing-front-matter"
        );
        assert_eq!(
            split(&src("---\ntitle: A\n")).unwrap_err().code,
            "unclosed-front-matter"
        );
        assert_eq!(split(&src("")).unwrap_err().code, "missing-front-matter");
    }

    #[test]
    fn parses_every_key() {
        let fm = parse_str(
            "---\ntitle: Appendix A\nsummary: S\ndate: 2024-11-12\nkind: appendix\nconfidential: true\nexempt_paragraph: 3\ntitle_public: false\npublish: 2024-11-12T09:00:00Z\ndraft: false\naliases: [/old/]\nrelates_to: [bcf-2023-25]\nappendix: A\ntemplate: page.html\nweight: 2\n---\n",
        )
        .unwrap();
        assert_eq!(fm.kind, PageKind::Appendix);
        assert!(fm.confidential);
        assert_eq!(fm.exempt_paragraph, Some(ExemptParagraph(3)));
        assert_eq!(fm.date.unwrap().label(), "12 November 2024");
    }

    #[test]
    fn misspelt_confidential_is_an_error_with_a_suggestion() {
        let errs = parse_str("---\ntitle: A\nconfidental: true\n---\n").unwrap_err();
        assert_eq!(errs[0].code, "unknown-key");
        assert_eq!(errs[0].line_column(), Some((3, 1)));
        assert_eq!(
            errs[0].help.as_deref(),
            Some("did you mean `confidential`?")
        );
    }

    #[test]
    fn bad_values_point_at_their_line() {
        let errs = parse_str("---\ntitle: A\ndate: 12/11/2024\n---\n").unwrap_err();
        assert_eq!(errs[0].code, "invalid-value");
        assert_eq!(errs[0].line_column(), Some((3, 7)));
        let errs =
            parse_str("---\ntitle: A\nkind: paper\nmeeting:\n  board: B\n  date: soon\n---\n")
                .unwrap_err();
        assert_eq!(errs[0].line_column(), Some((6, 9)));
        let errs =
            parse_str("---\ntitle: A\nconfidential: true\nexempt_paragraph: 9\n---\n").unwrap_err();
        assert_eq!(errs[0].line_column().unwrap().0, 4);
        let errs = parse_str("---\ntitle: A\nkind: papr\n---\n").unwrap_err();
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `paper`?"));
    }

    #[test]
    fn feedback_needs_source_and_consent() {
        let errs = parse_str("---\ntitle: A\nkind: feedback\n---\n").unwrap_err();
        let codes: Vec<_> = errs.iter().map(|e| e.code).collect();
        assert_eq!(
            codes,
            ["feedback-without-source", "feedback-without-consent"]
        );
        let ok = parse_str("---\ntitle: A\nkind: feedback\nsource: {organisation: Healthwatch, url: https://hw.example/r, published: 2024-05-01, experienced: Winter 2023}\nconsent: Agreed.\n---\n").unwrap();
        assert_eq!(ok.source.unwrap().organisation, "Healthwatch");
        let errs = parse_str("---\ntitle: A\nconsent: Agreed.\n---\n").unwrap_err();
        assert_eq!(errs[0].code, "feedback-key-on-other-page");
    }

    #[test]
    fn cross_key_rules() {
        let errs = parse_str("---\ntitle: A\nappendix: B\n---\n").unwrap_err();
        assert_eq!(errs[0].code, "appendix-label-on-non-appendix");
        assert_eq!(errs[0].line_column(), Some((3, 1)));
        let errs = parse_str("---\ntitle: A\nexempt_paragraph: 3\n---\n").unwrap_err();
        assert_eq!(errs[0].code, "exempt-but-not-confidential");
        let errs = parse_str("---\ntitle: ' '\n---\n").unwrap_err();
        assert_eq!(errs[0].code, "empty-title");
    }

    #[test]
    fn the_key_list_is_the_struct() {
        // serde lists every field when it meets an unknown one.
        let errs = parse_str("---\ntitle: A\nzzz: 1\n---\n").unwrap_err();
        let listed = errs[0].help.as_deref().unwrap();
        let listed = listed.trim_start_matches("the keys allowed here are: ");
        assert_eq!(listed.split(", ").collect::<Vec<_>>(), KEYS);
    }

    fn below(body: &str) -> Option<&'static str> {
        match parse_str(&format!("---\ntitle: A\n---\n{body}")) {
            Ok(_) => None,
            Err(errs) => Some(errs[0].code),
        }
    }

    #[test]
    fn keys_just_below_the_front_matter_are_refused() {
        for body in [
            "confidential: true\n",
            "\n\nconfidential: true\nText.\n",
            "confidental: true\n",
            "CONFIDENTIAL: yes\n",
            "Draft: true\n",
            "summary: What we do.\n",
            "Author: Jane\nconfidential: true\n",
            "---\nconfidential: true\n---\n",
            "---\n\nowner: finance\nreviewed:\n  - 2024\n---\nText.\n",
            "\r\nconfidential: true\r\n",
        ] {
            assert_eq!(below(body), Some("key-outside-front-matter"), "{body:?}");
        }
    }

    #[test]
    fn prose_below_the_front_matter_is_not() {
        for body in [
            "Note: the board met on 12 November.\n",
            "Summary: this plan sets out how we spend the fund.\n",
            "Date: 12 November 2024\n",
            "Draft: the board has not agreed it yet.\n",
            "Text first.\n\nconfidential: true\n",
            "---\nNote: a rule, then text.\n",
            "---\nOwner: Finance\n---\n",
            "```yaml\nconfidential: true\n```\n",
            "Item 1: apologies\n",
            "",
        ] {
            assert_eq!(below(body), None, "{body:?}");
        }
    }

    #[test]
    fn the_error_points_at_the_key_and_the_fence() {
        let errs = parse_str("---\ntitle: A\n---\n\n  confidental: true\n").unwrap_err();
        assert_eq!(errs[0].line_column(), Some((5, 3)));
        let help = errs[0].help.as_deref().unwrap();
        assert!(
            help.contains("line 3") && help.contains("`confidential`"),
            "{help}"
        );
    }

    #[test]
    fn visibility_keys_need_a_value() {
        for line in [
            "publish:",
            "publish: ~",
            "publish: null",
            "publish: ''",
            "title_public:",
            "exempt_paragraph: ~",
            "draft:",
        ] {
            let errs = parse_str(&format!("---\ntitle: A\nconfidential: true\n{line}\n---\n"))
                .unwrap_err();
            assert_eq!(errs[0].code, "no-value", "{line}");
            assert_eq!(errs[0].line_column(), Some((4, 1)), "{line}");
        }
        let fm = parse_str("---\ntitle: A\nconfidential: true\ntitle_public: false\nexempt_paragraph: 3\npublish: 2024-11-12\n---\n").unwrap();
        assert_eq!(fm.title_public, Some(false));
        assert!(fm.publish.is_some());
        let fm = parse_str("---\ntitle: A\n---\n").unwrap();
        assert!(fm.publish.is_none() && fm.title_public.is_none());
    }

    #[test]
    fn a_lone_carriage_return_in_the_front_matter_is_refused() {
        for text in [
            "---\rtitle: A\r---\rBody\r",
            "---\ntitle: A\rconfidential: true\n---\n",
            "---\ntitle: A\rconfidential: true\n",
        ] {
            let d = split(&src(text)).unwrap_err();
            assert_eq!(d.code, "lone-carriage-return", "{text:?}");
        }
        // In the text, Markdown reads it as a line end.
        assert!(split(&src("---\ntitle: A\n---\nBody\rmore\n")).is_ok());
    }

    #[test]
    fn moments() {
        assert!(Moment::parse("2024-11-12").is_some());
        assert!(Moment::parse("2024-11-12T09:00:00+01:00").is_some());
        assert!(Moment::parse("tomorrow").is_none());
    }
}
