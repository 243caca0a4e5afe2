//! Placeholders left from `bcfsite new`: a value it could not know is written as
//! `"REPLACE: who gathered this feedback"`, and a page or data file that still holds
//! one is an error, so that it cannot be published by mistake.

use crate::data::DataFile;
use crate::diagnostic::Diagnostic;
use crate::new::PLACEHOLDER;
use crate::parse::Document;

/// An error for every placeholder in a page's front matter or in a data file.
pub fn run(documents: &[std::sync::Arc<Document>], data: &[DataFile]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for doc in documents {
        let front = &doc.source.text[..doc.body.start];
        found(front, &doc.source, &mut out);
    }
    for f in data {
        found(&f.file.source.text, &f.file.source, &mut out);
    }
    out
}

fn found(text: &str, source: &crate::diagnostic::SourceText, out: &mut Vec<Diagnostic>) {
    // Cheap: most files hold no `REPLACE:` at all.
    for (i, _) in text.match_indices(PLACEHOLDER) {
        // Only where a value starts: after `: ` or an opening quote.
        let before = text[..i].trim_end_matches(['"', '\'']);
        if !before.ends_with(": ") && !before.ends_with(':') && !before.ends_with("- ") {
            continue;
        }
        let line_end = text[i..].find('\n').map_or(text.len(), |e| i + e);
        let what = text[i + PLACEHOLDER.len()..line_end]
            .trim()
            .trim_end_matches(['"', '\''])
            .to_string();
        out.push(
            Diagnostic::error("placeholder", format!("this still says what to write here: {what}"))
                .at(source, i..i + PLACEHOLDER.len())
                .with_help("replace the quoted text (from `bcfsite new`) with the real value; nothing is published until you do"),
        );
    }
}
