//! One diagnostic type for every problem bcfsite reports, and its two renderers.
//!
//! A diagnostic keeps its position as a byte range into the original file (front
//! matter already shifted by its offset), and turns it into `line:column` only when
//! printed. It carries the file's text so it can show the offending line without
//! reading the file again, which also keeps the renderers pure and snapshot-testable.

use std::fmt::Write as _;
use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

/// How bad a problem is: errors stop a build, warnings do not (unless `--strict`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A file as the user wrote it: its path relative to the site, and its text.
#[derive(Clone, Debug)]
pub struct SourceText {
    pub path: String,
    pub text: Arc<str>,
}

/// One problem, with where it is and how to fix it. Boxed, so that `Result`s
/// carrying one stay small on the happy path.
#[derive(Clone, Debug)]
pub struct Diagnostic(Box<DiagnosticData>);

#[derive(Clone, Debug)]
pub struct DiagnosticData {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    /// The file it is about; `None` for problems with no file (a missing folder).
    pub file: Option<String>,
    source: Option<Arc<str>>,
    span: Option<Range<usize>>,
    /// Other places that matter to this problem (the second of two clashing files).
    pub notes: Vec<String>,
}

impl std::ops::Deref for Diagnostic {
    type Target = DiagnosticData;
    fn deref(&self) -> &DiagnosticData {
        &self.0
    }
}

impl std::ops::DerefMut for Diagnostic {
    fn deref_mut(&mut self) -> &mut DiagnosticData {
        &mut self.0
    }
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self(Box::new(DiagnosticData {
            code,
            severity: Severity::Error,
            message: message.into(),
            help: None,
            file: None,
            source: None,
            span: None,
            notes: Vec::new(),
        }))
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        let mut d = Self::error(code, message);
        d.severity = Severity::Warning;
        d
    }

    /// Points at a byte range of a file whose text we have.
    pub fn at(mut self, source: &SourceText, span: Range<usize>) -> Self {
        let len = source.text.len();
        let start = span.start.min(len);
        let end = span.end.clamp(start, len);
        self.file = Some(source.path.clone());
        self.source = Some(source.text.clone());
        self.span = Some(start..end);
        self
    }

    /// Names a file without a position in it (an unreadable file, a folder).
    pub fn in_file(mut self, path: impl Into<String>) -> Self {
        self.file = Some(path.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// 1-based line and column (in characters) of the start of the span.
    pub fn line_column(&self) -> Option<(usize, usize)> {
        let (text, span) = (self.source.as_deref()?, self.span.as_ref()?);
        Some(line_column(text, span.start))
    }

    /// Renders for a person: `file:line:col`, the line, a caret under the span, help.
    pub fn render_human(&self, colour: bool) -> String {
        let paint = |code: &str, s: &str| {
            if colour {
                format!("\x1b[{code}m{s}\x1b[0m")
            } else {
                s.to_string()
            }
        };
        let (label, tint) = match self.severity {
            Severity::Error => ("error", "1;31"),
            Severity::Warning => ("warning", "1;33"),
        };
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}{} {}",
            paint(tint, &format!("{label}[{}]", self.code)),
            paint("1", ":"),
            paint("1", &self.message)
        );
        let position = self.line_column();
        if let Some(file) = &self.file {
            match position {
                Some((line, col)) => {
                    let _ = writeln!(out, "  {} {file}:{line}:{col}", paint("34", "-->"));
                }
                None => {
                    let _ = writeln!(out, "  {} {file}", paint("34", "-->"));
                }
            }
        }
        if let (Some(text), Some(span), Some((line, col))) =
            (self.source.as_deref(), self.span.as_ref(), position)
        {
            let line_text = line_text(text, span.start);
            let gutter = line.to_string().len();
            let bar = paint("34", "|");
            let _ = writeln!(out, "{:gutter$} {bar}", "");
            let _ = writeln!(
                out,
                "{} {bar} {}",
                paint("34", &line.to_string()),
                line_text.replace('\t', " ")
            );
            // Underline to the end of the span or of the line, whichever is first.
            let rest_of_line = line_text.chars().count().saturating_sub(col - 1);
            let span_chars = text
                .get(span.clone())
                .map(|s| s.chars().take_while(|c| *c != '\n').count())
                .unwrap_or(0);
            let width = span_chars.clamp(1, rest_of_line.max(1));
            let _ = writeln!(
                out,
                "{:gutter$} {bar} {}{}",
                "",
                " ".repeat(col - 1),
                paint(tint, &"^".repeat(width))
            );
        }
        for note in &self.notes {
            let _ = writeln!(out, "  = note: {note}");
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "  = {} {help}", paint("1;36", "help:"));
        }
        out
    }

    /// The JSON shape `check --format json` promises: file, line, column, code, message, help.
    pub fn to_json(&self) -> JsonDiagnostic<'_> {
        let (line, column) = self.line_column().unwrap_or((0, 0));
        JsonDiagnostic {
            file: self.file.as_deref(),
            line,
            column,
            code: self.code,
            message: &self.message,
            help: self.help.as_deref(),
            notes: &self.notes,
        }
    }
}

#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub file: Option<&'a str>,
    pub line: usize,
    pub column: usize,
    pub code: &'a str,
    pub message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub notes: &'a [String],
}

/// Problems gathered across a whole run, so all of them are reported together.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| !d.is_error())
    }

    /// Sorted for stable output: by file, then position, then code.
    pub fn sorted(mut self) -> Self {
        self.items.sort_by(|a, b| {
            (
                &a.file,
                a.span.as_ref().map(|s| s.start),
                a.code,
                &a.message,
            )
                .cmp(&(
                    &b.file,
                    b.span.as_ref().map(|s| s.start),
                    b.code,
                    &b.message,
                ))
        });
        self
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }

    pub fn render_human(&self, colour: bool) -> String {
        let mut out = String::new();
        for d in &self.items {
            out.push_str(&d.render_human(colour));
            out.push('\n');
        }
        let (e, w) = (self.errors().count(), self.warnings().count());
        if e + w > 0 {
            let _ = writeln!(out, "{} and {}", plural(e, "error"), plural(w, "warning"));
        }
        out
    }

    pub fn render_json(&self) -> String {
        let doc = serde_json::json!({
            "errors": self.errors().map(Diagnostic::to_json).collect::<Vec<_>>(),
            "warnings": self.warnings().map(Diagnostic::to_json).collect::<Vec<_>>(),
        });
        serde_json::to_string_pretty(&doc).expect("diagnostics serialise")
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(items: Vec<Diagnostic>) -> Self {
        Self { items }
    }
}

pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// 1-based line and column (counting characters, not bytes) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|b| *b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// The whole line holding a byte offset, without its line ending.
fn line_text(text: &str, offset: usize) -> &str {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    text[start..end].trim_end_matches('\r')
}

/// Byte offset of the start of a 1-based line and column (in characters).
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for _ in 1..line {
        match text[offset..].find('\n') {
            Some(i) => offset += i + 1,
            None => return text.len(),
        }
    }
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    text[offset..line_end]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line_end, |(i, _)| offset + i)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The nearest of `candidates` to `word`, if it is near enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word_lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> SourceText {
        SourceText {
            path: "content/a.md".into(),
            text: text.into(),
        }
    }

    #[test]
    fn line_and_column_count_characters() {
        let text = "ab\ncé: x\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        // 'é' is two bytes; the colon after it is the third character.
        assert_eq!(line_column(text, 6), (2, 3));
        assert_eq!(offset_of(text, 2, 3), 6);
    }

    #[test]
    fn human_rendering_shows_line_and_caret() {
        let src = source("---\ntitle: A\nconfidental: true\n---\n");
        let d = Diagnostic::error("unknown-key", "unknown front-matter key `confidental`")
            .at(&src, 13..24)
            .with_help("did you mean `confidential`?");
        let out = d.render_human(false);
        assert_eq!(
            out,
            "error[unknown-key]: unknown front-matter key `confidental`\n  --> content/a.md:3:1\n  |\n3 | confidental: true\n  | ^^^^^^^^^^^\n  = help: did you mean `confidential`?\n"
        );
    }

    #[test]
    fn json_has_the_promised_fields() {
        let src = source("x\ny\n");
        let ds: Diagnostics = vec![
            Diagnostic::error("e", "bad").at(&src, 2..3),
            Diagnostic::warning("w", "meh"),
        ]
        .into();
        let v: serde_json::Value = serde_json::from_str(&ds.render_json()).unwrap();
        assert_eq!(v["errors"][0]["line"], 2);
        assert_eq!(v["errors"][0]["column"], 1);
        assert_eq!(v["errors"][0]["file"], "content/a.md");
        assert_eq!(v["warnings"][0]["code"], "w");
    }

    #[test]
    fn suggestions_only_for_near_misses() {
        let keys = ["title", "confidential", "summary"];
        assert_eq!(did_you_mean("confidental", keys), Some("confidential"));
        assert_eq!(did_you_mean("Titel", keys), Some("title"));
        assert_eq!(did_you_mean("zzzz", keys), None);
    }

    #[test]
    fn spans_past_the_end_are_clamped() {
        let src = source("abc");
        let d = Diagnostic::error("e", "m").at(&src, 10..20);
        assert_eq!(d.line_column(), Some((1, 4)));
        let _ = d.render_human(false);
    }
}
