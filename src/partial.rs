//! What a run that has found errors may still check, so that `check` and `build`
//! report every independent problem at once (issue 20: one site took three runs).
//!
//! A page whose front matter could not be read is left out of every later stage,
//! and so is whether it is confidential; that is safe only because a run with errors
//! writes nothing. The other pages are still decided, modelled and rendered, in
//! memory, for their own problems (unknown ids, templates, links, anchors). A link to
//! a page that was left out is not reported: the page's own error is the problem.
//!
//! A run goes on past the parse only when every error is about a page that was left
//! out. A broken `site.yaml`, glossary or data file, or a page in a folder that cannot
//! hold it, changes what every other page means (a glossary, records, sections), so
//! its errors stop the run there as before.

use std::collections::BTreeSet;

use crate::diagnostic::Diagnostics;
use crate::load::ContentFile;
use crate::parse::Parsed;

/// The Markdown files a parse was given, by path under `content/`.
pub fn markdown_files(files: &[ContentFile]) -> BTreeSet<String> {
    files.iter().map(|f| f.rel.clone()).collect()
}

/// The pages whose front matter could not be read: given to the parse, not in it.
pub fn failed_pages(given: &BTreeSet<String>, parsed: &Parsed) -> BTreeSet<String> {
    let read: BTreeSet<&str> = parsed.documents.iter().map(|d| d.rel.as_str()).collect();
    given
        .iter()
        .filter(|rel| !read.contains(rel.as_str()))
        .cloned()
        .collect()
}

/// Whether the later stages may still run: every error so far is about one of the
/// pages left out.
pub fn may_go_on(diags: &Diagnostics, failed: &BTreeSet<String>) -> bool {
    diags.errors().all(|d| {
        d.file
            .as_deref()
            .and_then(|f| f.strip_prefix("content/"))
            .is_some_and(|rel| failed.contains(rel))
    })
}

/// The addresses the pages left out would have had, so that a link to one is not
/// reported as broken.
pub fn addresses(failed: &BTreeSet<String>) -> Vec<String> {
    failed
        .iter()
        .map(|rel| crate::parse::page_url(rel))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;

    #[test]
    fn only_errors_of_pages_left_out_let_a_run_go_on() {
        let failed: BTreeSet<String> = ["news/a.md".to_string()].into();
        let mut diags = Diagnostics::default();
        diags.push(Diagnostic::error("invalid-value", "x").in_file("content/news/a.md"));
        assert!(may_go_on(&diags, &failed));
        diags.push(Diagnostic::error("invalid-value", "y").in_file("content/data/plan.yaml"));
        assert!(!may_go_on(&diags, &failed));
        assert_eq!(addresses(&failed), ["news/a/"]);
    }
}
