//! The parse stage's memo: a Markdown file's front matter and body, and a data
//! document, each by its path and text.

use std::sync::Arc;

use super::Document;
use crate::data::DataFile;
use crate::diagnostic::Diagnostic;
use crate::incremental::{Cache, Digest, Key, Reuse, StageMemo, Store};
use crate::load::ContentFile;

/// What the parse stage keeps between builds.
pub(super) struct ParseMemo {
    /// A Markdown file's front matter and body, by its path and text.
    pub(super) documents: Store<Result<Arc<Document>, Vec<Diagnostic>>>,
    /// A data document, by its path and text.
    pub(super) data_files: Store<Result<DataFile, Diagnostic>>,
}

impl StageMemo for ParseMemo {
    fn new(cache: &Cache) -> Self {
        ParseMemo {
            documents: Store::new(cache.is_enabled()),
            data_files: Store::new(cache.is_enabled()),
        }
    }

    fn end_build(&self, succeeded: bool, _: &mut Reuse) {
        self.documents.end_build(succeeded);
        self.data_files.end_build(succeeded);
    }
}

/// What a file's parse reads: its path, its text and, for a link, its target's path.
pub(super) fn file_key(step: &str, file: &ContentFile) -> Digest {
    Key::new(step)
        .str(&file.rel)
        .str(&file.source.path)
        .str(file.link_target.as_deref().unwrap_or("\0"))
        .digest(file.digest)
        .finish()
}
