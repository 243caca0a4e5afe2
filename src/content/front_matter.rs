//! Front matter: splitting it from the body, and its strict schema.
//!
//! Every key is declared here with `deny_unknown_fields`, so a misspelt
//! `confidental: true` is an error rather than a public page. Values with rules of
//! their own (dates, the Schedule 12A paragraph) are newtypes whose deserialisers
//! reject bad input, so the YAML parser can still point at the offending line.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Deserializer, Serialize};
use time::OffsetDateTime;

use crate::diagnostic::{Diagnostic, SourceText};
use crate::yaml;

/// Where the front matter and the body sit in a Markdown file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    pub yaml: Range<usize>,
    pub body: Range<usize>,
}

const TEMPLATE_HINT: &str = "start the file with front matter, e.g.\n    ---\n    title: Our plan for 2024 to 2025\n    summary: What we will spend and why.\n    ---";

/// Finds the `---` fences. The opening fence must be the first line.
pub fn split(source: &SourceText) -> Result<Split, Diagnostic> {
    let text = &source.text;
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
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
            return Ok(Split {
                yaml: yaml_start..offset,
                body: (offset + line.len()).min(text.len())..text.len(),
            });
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error("unclosed-front-matter", "the front matter is never closed")
            .at(source, 0..first_line_end)
            .with_help("add a line holding only `---` after the last front-matter key"),
    )
}

/// What a page is, which decides its template and how it is listed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    #[default]
    Page,
    Paper,
    Appendix,
    Feedback,
}

impl PageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PageKind::Page => "page",
            PageKind::Paper => "paper",
            PageKind::Appendix => "appendix",
            PageKind::Feedback => "feedback",
        }
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
    pub exempt_paragraph: Option<ExemptParagraph>,
    pub title_public: Option<bool>,
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

/// Parses and checks the front matter of `source`; rules that span several keys
/// are checked here too, each pointing at the key that breaks it.
pub fn parse(source: &SourceText, split: &Split) -> Result<FrontMatter, Vec<Diagnostic>> {
    let fm: FrontMatter = yaml::parse(source, split.yaml.clone()).map_err(|d| vec![d])?;
    let yaml_text = &source.text[split.yaml.clone()];
    let key_at = |key: &str| {
        yaml::top_level_key_span(yaml_text, key)
            .map(|r| split.yaml.start + r.start..split.yaml.start + r.end)
            .unwrap_or(split.yaml.clone())
    };
    let mut problems = Vec::new();
    if fm.title.trim().is_empty() {
        problems.push(
            Diagnostic::error("empty-title", "the title is empty")
                .at(source, key_at("title"))
                .with_help("give the page a title residents will recognise"),
        );
    }
    if fm.appendix.is_some() && fm.kind != PageKind::Appendix {
        problems.push(
            Diagnostic::error(
                "appendix-label-on-non-appendix",
                "`appendix` is only for pages with `kind: appendix`",
            )
            .at(source, key_at("appendix"))
            .with_help("add `kind: appendix`, or remove the `appendix` line"),
        );
    }
    if fm.kind == PageKind::Appendix && fm.appendix.as_deref().is_none_or(|l| l.trim().is_empty()) {
        problems.push(
            Diagnostic::error("appendix-without-label", "an appendix needs its label")
                .at(source, key_at("kind"))
                .with_help("add e.g. `appendix: A`, the label the paper uses"),
        );
    }
    if fm.meeting.is_some() && fm.kind != PageKind::Paper {
        problems.push(
            Diagnostic::error(
                "meeting-on-non-paper",
                "`meeting` is only for pages with `kind: paper`",
            )
            .at(source, key_at("meeting"))
            .with_help("add `kind: paper`, or remove the `meeting` block"),
        );
    }
    let feedback = fm.kind == PageKind::Feedback;
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
        let text = String::deserialize(d)?;
        Moment::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
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
        let n = i64::deserialize(d)?;
        if (1..=7).contains(&n) {
            Ok(ExemptParagraph(n as u8))
        } else {
            Err(serde::de::Error::custom(format!(
                "`{n}` is not a paragraph of Schedule 12A Part 1; use a number from 1 to 7"
            )))
        }
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
    fn moments() {
        assert!(Moment::parse("2024-11-12").is_some());
        assert!(Moment::parse("2024-11-12T09:00:00+01:00").is_some());
        assert!(Moment::parse("tomorrow").is_none());
    }
}
