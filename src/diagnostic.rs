//! One diagnostic type for every problem bcfsite reports, and its human and JSON renderers.
//!
//! (Over 500 lines: the diagnostic type and its human and JSON renderers share the
//! snippet logic (one shortened line, columns in characters); the tests are a sixth of
//! the file. The GitHub and SARIF formats and the registry of codes have modules of
//! their own (`diagnostic/ci.rs`, `diagnostic/codes.rs`).)
//!
//! A diagnostic keeps its position as a byte range into the original file (front
//! matter already shifted by its offset), and turns it into `line:column` only when
//! printed. It carries the file's text so it can show the offending line without
//! reading the file again, which also keeps the renderers pure and snapshot-testable.
//!
//! Whatever the file holds, a diagnostic shows at most one line of it, shortened
//! around the column (a confidential file must not reach a terminal or a CI log
//! because its line ends were not the expected ones), and user text quoted in a
//! message is shortened and kept on one line too. Lines end at LF, CR LF or a lone
//! CR, as in YAML and CommonMark, so positions agree with what the parsers read.

pub mod ci;
pub mod codes;

use std::borrow::Cow;
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
    /// A spreadsheet cell (`bcfsite import`): its reference, `Sheet!B12`, stands
    /// where `line:column` would, and its text, when it may be shown, is the line shown.
    pub cell: Option<(String, Option<String>)>,
    /// Other places that matter to this problem (the second of two clashing files).
    pub notes: Vec<String>,
    /// The line is not shown under the position: it holds what must not be printed.
    line_hidden: bool,
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
        debug_assert!(
            codes::lookup(code).is_some_and(|c| c.severity == Severity::Error),
            "`{code}` is not an error code in diagnostic/codes.rs"
        );
        Self::new(code, Severity::Error, message.into())
    }

    /// A problem that does not stop a build (`check --strict` counts it).
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        debug_assert!(
            codes::lookup(code).is_some_and(|c| c.severity == Severity::Warning),
            "`{code}` is not a warning code in diagnostic/codes.rs"
        );
        Self::new(code, Severity::Warning, message.into())
    }

    fn new(code: &'static str, severity: Severity, message: String) -> Self {
        Self(Box::new(DiagnosticData {
            code,
            severity,
            message,
            help: None,
            file: None,
            source: None,
            span: None,
            cell: None,
            notes: Vec::new(),
            line_hidden: false,
        }))
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

    /// Keeps the position (`file:line:column`) but does not show the line: for a
    /// problem about a confidential figure, whose line, written on one line as
    /// `{id: ..., amounts: {...}}`, would print it in a build log that may be public.
    pub fn hiding_the_line(mut self) -> Self {
        self.line_hidden = true;
        self
    }

    /// Points at a cell of a workbook: `place` is `Sheet!B12`, `text` the cell as read.
    pub fn at_cell(
        mut self,
        file: impl Into<String>,
        place: impl Into<String>,
        text: impl Into<String>,
    ) -> Self {
        self.file = Some(file.into());
        self.cell = Some((place.into(), Some(text.into())));
        self
    }

    /// Points at a place in a workbook whose text must not be shown (hidden rows).
    pub fn at_place(mut self, file: impl Into<String>, place: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self.cell = Some((place.into(), None));
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
            paint("1", &tidy(&self.message))
        );
        let position = self.line_column();
        if let Some(file) = &self.file {
            match (position, &self.cell) {
                (Some((line, col)), _) => {
                    let _ = writeln!(out, "  {} {file}:{line}:{col}", paint("34", "-->"));
                }
                (None, Some((place, _))) => {
                    let _ = writeln!(out, "  {} {file} {place}", paint("34", "-->"));
                }
                (None, None) => {
                    let _ = writeln!(out, "  {} {file}", paint("34", "-->"));
                }
            }
        }
        if let (None, Some((place, Some(text)))) = (position, &self.cell) {
            render_cell(&mut out, place, text, &paint, tint);
        }
        if let (Some(text), Some(span), Some((line, col)), false) = (
            self.source.as_deref(),
            self.span.as_ref(),
            position,
            self.line_hidden,
        ) {
            let span_chars = text
                .get(span.clone())
                .map(|s| s.chars().take_while(|c| !matches!(c, '\n' | '\r')).count())
                .unwrap_or(0);
            let shown = Snippet::new(line_text(text, span.start), col, span_chars);
            let gutter = line.to_string().len();
            let bar = paint("34", "|");
            let _ = writeln!(out, "{:gutter$} {bar}", "");
            let _ = writeln!(
                out,
                "{} {bar} {}",
                paint("34", &line.to_string()),
                shown.text
            );
            let _ = writeln!(
                out,
                "{:gutter$} {bar} {}{}",
                "",
                " ".repeat(shown.col - 1),
                paint(tint, &"^".repeat(shown.width))
            );
        }
        for note in &self.notes {
            let _ = writeln!(out, "  = note: {}", tidy(note));
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
            cell: self.cell.as_ref().map(|(place, _)| place.as_str()),
            code: self.code,
            message: tidy(&self.message),
            help: self.help.as_deref(),
            notes: self.notes.iter().map(|n| tidy(n)).collect(),
        }
    }
}

/// A cell's text under its reference (`F12 | £1.2m`), underlined like a source line;
/// an empty cell shows as nothing with one caret.
fn render_cell(
    out: &mut String,
    place: &str,
    text: &str,
    paint: &dyn Fn(&str, &str) -> String,
    tint: &str,
) {
    let label = place.rsplit_once('!').map_or(place, |(_, cell)| cell);
    let first = &text[..line_end(text, 0)];
    let width = first.chars().count().max(1);
    let shown = Snippet::new(first, 1, width);
    let gutter = label.chars().count();
    let bar = paint("34", "|");
    let _ = writeln!(out, "{:gutter$} {bar}", "");
    let _ = writeln!(out, "{} {bar} {}", paint("34", label), shown.text);
    let _ = writeln!(
        out,
        "{:gutter$} {bar} {}",
        "",
        paint(tint, &"^".repeat(shown.width.max(1)))
    );
}

#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub file: Option<&'a str>,
    pub line: usize,
    pub column: usize,
    /// `Sheet!B12`, for a problem in a workbook.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<&'a str>,
    pub code: &'a str,
    pub message: Cow<'a, str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Cow<'a, str>>,
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

    /// The exit code these errors call for: 2 when one of them is a usage error
    /// (by its code's entry in [`codes`]), 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        let usage = self
            .errors()
            .any(|d| codes::lookup(d.code).is_some_and(|c| c.exit == codes::Exit::Usage));
        if usage { 2 } else { 1 }
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

/// "1 entry", "2 entries", "2 schemes".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        return format!("1 {word}");
    }
    match word.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{n} {stem}ies"),
        _ => format!("{n} {word}s"),
    }
}

#[cfg(test)]
#[test]
fn a_hidden_line_keeps_its_position_but_is_not_shown() {
    let source = SourceText {
        path: "plan.yaml".into(),
        text: "a: 1\nb: {id: s2, amounts: {2024-25: 41077}}\n".into(),
    };
    let d = Diagnostic::error("derivable-withheld-amount", "m")
        .at(&source, 8..10)
        .hiding_the_line();
    assert_eq!(d.line_column(), Some((2, 4)));
    let text = d.render_human(false);
    assert!(
        text.contains("plan.yaml:2:4") && !text.contains("41077"),
        "{text}"
    );
}

#[cfg(test)]
#[test]
fn plurals_in_words() {
    assert_eq!(plural(1, "entry"), "1 entry");
    assert_eq!(plural(2, "entry"), "2 entries");
    assert_eq!(plural(2, "day"), "2 days");
    assert_eq!(plural(0, "scheme"), "0 schemes");
}

/// 1-based line and column (counting characters, not bytes) of a byte offset.
/// A line ends at LF, CR LF or a lone CR.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = position(text, offset);
    let before = &text.as_bytes()[..offset];
    let lone_crs = before
        .iter()
        .enumerate()
        .filter(|&(i, b)| *b == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n'))
        .count();
    let line = memchr::memchr_iter(b'\n', before).count() + lone_crs + 1;
    let start = line_start(text, offset);
    let col = text[start..offset].chars().count() + 1;
    (line, col)
}

/// A byte offset made safe to slice at: within the text, on a character boundary,
/// and never between the CR and LF of one line end (that is the end of the line).
fn position(text: &str, offset: usize) -> usize {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let bytes = text.as_bytes();
    if offset > 0 && bytes[offset - 1] == b'\r' && bytes.get(offset) == Some(&b'\n') {
        offset - 1
    } else {
        offset
    }
}

/// Where the line holding `offset` (already a [`position`]) starts.
fn line_start(text: &str, offset: usize) -> usize {
    memchr::memrchr2(b'\n', b'\r', &text.as_bytes()[..offset]).map_or(0, |i| i + 1)
}

/// Where the line starting at `start` ends, before its line end.
fn line_end(text: &str, start: usize) -> usize {
    memchr::memchr2(b'\n', b'\r', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i)
}

/// Where the line after the one starting at `start` begins, if there is one.
fn next_line(text: &str, start: usize) -> Option<usize> {
    let end = line_end(text, start);
    let bytes = text.as_bytes();
    match bytes.get(end) {
        None => None,
        Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => Some(end + 2),
        Some(_) => Some(end + 1),
    }
}

/// The whole line holding a byte offset, without its line end.
fn line_text(text: &str, offset: usize) -> &str {
    let start = line_start(text, position(text, offset));
    &text[start..line_end(text, start)]
}

/// Byte offset of the start of a 1-based line and column (in characters).
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for _ in 1..line {
        match next_line(text, offset) {
            Some(next) => offset = next,
            None => return text.len(),
        }
    }
    let end = line_end(text, offset);
    text[offset..end]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(end, |(i, _)| offset + i)
}

/// The longest source line a diagnostic shows whole, in characters.
const WHOLE_LINE_CHARS: usize = 160;

/// How much of a longer line it shows, around the column.
const SNIPPET_CHARS: usize = 120;

/// The most characters of user text quoted in a message (a value in backticks).
const QUOTE_CHARS: usize = 60;

/// The most characters of a message or note, quotes shortened first.
const MESSAGE_CHARS: usize = 300;

/// The part of a source line a diagnostic shows: the whole line up to
/// [`WHOLE_LINE_CHARS`], else [`SNIPPET_CHARS`] around the column with `…` where it
/// was cut; and the caret's place in it.
struct Snippet {
    text: String,
    /// 1-based column of the caret in `text`.
    col: usize,
    /// How many carets.
    width: usize,
}

impl Snippet {
    fn new(line: &str, col: usize, span_chars: usize) -> Snippet {
        let chars: Vec<char> = line.chars().collect();
        let at = (col - 1).min(chars.len());
        // The column sits a third of the way in, so what leads up to it shows.
        let from = if chars.len() <= WHOLE_LINE_CHARS {
            0
        } else {
            at.saturating_sub(SNIPPET_CHARS / 3)
                .min(chars.len() - SNIPPET_CHARS)
        };
        let to = if chars.len() <= WHOLE_LINE_CHARS {
            chars.len()
        } else {
            from + SNIPPET_CHARS
        };
        let mut text = String::with_capacity(SNIPPET_CHARS + 8);
        if from > 0 {
            text.push('…');
        }
        text.extend(chars[from..to].iter().map(|&c| visible(c)));
        if to < chars.len() {
            text.push('…');
        }
        let lead = usize::from(from > 0);
        let width = span_chars.clamp(1, (to.saturating_sub(at)).max(1));
        Snippet {
            text,
            col: at - from + lead + 1,
            width,
        }
    }
}

/// A character as a snippet shows it: one character for one, so the caret still
/// lines up, but never one that moves the cursor or starts a new line.
fn visible(c: char) -> char {
    match c {
        '\t' => ' ',
        '\0'..='\x1f' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\x7f' => '\u{2421}',
        '\u{80}'..='\u{9f}' | '\u{2028}' | '\u{2029}' => '\u{fffd}',
        c => c,
    }
}

/// A message or note as printed: one line, each quoted value (in backticks or
/// double quotes) at most [`QUOTE_CHARS`] long, the whole at most [`MESSAGE_CHARS`].
/// Messages quote user values, and a value can be a whole file.
pub fn tidy(message: &str) -> Cow<'_, str> {
    let plain = message.len() <= MESSAGE_CHARS
        && !message.chars().any(|c| visible(c) != c || c == '\n')
        && quoted(message).all(|q| q.len() <= QUOTE_CHARS);
    if plain {
        return Cow::Borrowed(message);
    }
    let mut out = String::with_capacity(message.len().min(MESSAGE_CHARS + 8));
    let mut quote: Option<(char, usize)> = None;
    for c in message.chars() {
        let shown = match c {
            '\n' | '\r' => '⏎',
            c => visible(c),
        };
        match quote {
            Some((q, _)) if c == q => {
                quote = None;
                out.push(c);
            }
            Some((q, n)) => {
                if n < QUOTE_CHARS - 1 {
                    out.push(shown);
                } else if n == QUOTE_CHARS - 1 {
                    out.push('…');
                }
                quote = Some((q, n + 1));
            }
            None => {
                if c == '`' || c == '"' {
                    quote = Some((c, 0));
                }
                out.push(shown);
            }
        }
    }
    if out.chars().count() > MESSAGE_CHARS {
        out = out.chars().take(MESSAGE_CHARS - 1).collect();
        out.push('…');
    }
    Cow::Owned(out)
}

/// The quoted stretches of a message, for the check that most messages need no tidying.
fn quoted(message: &str) -> impl Iterator<Item = &str> {
    message.split(['`', '"']).skip(1).step_by(2)
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
            Diagnostic::error("yaml-syntax", "bad").at(&src, 2..3),
            Diagnostic::warning("total-differs", "meh"),
        ]
        .into();
        let v: serde_json::Value = serde_json::from_str(&ds.render_json()).unwrap();
        assert_eq!(v["errors"][0]["line"], 2);
        assert_eq!(v["errors"][0]["column"], 1);
        assert_eq!(v["errors"][0]["file"], "content/a.md");
        assert_eq!(v["warnings"][0]["code"], "total-differs");
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
        let d = Diagnostic::error("yaml-syntax", "m").at(&src, 10..20);
        assert_eq!(d.line_column(), Some((1, 4)));
        let _ = d.render_human(false);
    }

    #[test]
    fn lone_carriage_returns_end_lines_like_line_feeds() {
        for text in ["a\nb\nc", "a\r\nb\r\nc", "a\rb\rc", "a\r\nb\rc"] {
            let c = text.rfind('c').unwrap();
            assert_eq!(line_column(text, c), (3, 1), "{text:?}");
            assert_eq!(offset_of(text, 3, 1), c, "{text:?}");
            assert_eq!(line_text(text, c), "c");
            let b = text.find('b').unwrap();
            assert_eq!(line_text(text, b), "b", "{text:?}");
        }
        // Between the CR and LF of one line end is still the end of that line.
        assert_eq!(line_column("ab\r\nc", 3), (1, 3));
        assert_eq!(line_text("ab\r\nc", 3), "ab");
    }

    #[test]
    fn a_whole_file_on_one_line_shows_only_the_line() {
        let text = "---\rtitle: A\rconfidential: true\r---\rSECRET\r";
        let d = Diagnostic::error("yaml-syntax", "m").at(&source(text), 3..4);
        let out = d.render_human(false);
        assert!(!out.contains("SECRET") && !out.contains("title"), "{out}");
        assert!(out.contains("1 | ---\n"), "{out}");
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = format!("{}X{}", "a".repeat(5000), "b".repeat(5000));
        let d = Diagnostic::error("yaml-syntax", "m").at(&source(&line), 5000..5001);
        let out = d.render_human(false);
        let shown = out.lines().nth(3).unwrap();
        let caret = out.lines().nth(4).unwrap();
        assert!(shown.chars().count() < SNIPPET_CHARS + 8, "{shown}");
        assert!(shown.contains("…a") && shown.contains("b…"), "{shown}");
        // The caret is under the X.
        let x = shown.chars().position(|c| c == 'X').unwrap();
        assert_eq!(caret.chars().position(|c| c == '^'), Some(x));
        // A line just long enough is shown whole.
        let line = "a".repeat(WHOLE_LINE_CHARS);
        let out = Diagnostic::error("yaml-syntax", "m")
            .at(&source(&line), 0..1)
            .render_human(false);
        assert!(!out.contains('…'));
    }

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        let d = Diagnostic::error("yaml-syntax", "m").at(&source("a\x1b[2Jb\u{2028}c\td"), 0..1);
        let out = d.render_human(false);
        assert!(out.contains("a\u{241b}[2Jb\u{fffd}c d"), "{out}");
    }

    #[test]
    fn quoted_values_in_messages_are_shortened_to_one_line() {
        let value = "line one\nline two ".repeat(100);
        let message = format!("`{value}` is not a date");
        let shown = tidy(&message);
        assert!(!shown.contains('\n'));
        assert!(shown.ends_with("…` is not a date"), "{shown}");
        assert!(shown.chars().count() < QUOTE_CHARS + 20);
        assert!(matches!(tidy("`confidental` is unknown"), Cow::Borrowed(_)));
        let long = "word ".repeat(200);
        assert_eq!(tidy(&long).chars().count(), MESSAGE_CHARS);
        let d = Diagnostic::error("yaml-syntax", message.clone());
        assert_eq!(d.to_json().message, shown);
    }
}
