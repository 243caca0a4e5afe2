//! The build's audit step: every file a build is about to write, checked in memory
//! before anything is written, so that a hit publishes nothing.
//!
//! This is scheduling, not rules: files in parallel, largest first, each file's
//! findings memoised for `serve` by the fingerprints' digest and the file's bytes.
//! What is looked for is [`Fingerprints::check`]; a file that cannot be read is an
//! error, never a pass.

use super::Fingerprints;
use crate::diagnostic::Diagnostic;
use crate::incremental::{self, Cache, Reuse, StageMemo, Store};
use crate::output::{Contents, OutputFile};

impl Fingerprints {
    /// Audits every output file; the findings come back in the files' order.
    pub fn check_files(&self, files: &[OutputFile], cache: &Cache) -> Vec<Diagnostic> {
        use rayon::prelude::*;
        if self.is_empty() {
            return Vec::new();
        }
        // Largest files first, so that the last file audited is a small one and neither
        // core waits long on the other (the search index and the sitemap are megabytes).
        // The findings are put back in the files' order.
        let memo = cache.memo::<AuditMemo>();
        let mut order: Vec<usize> = (0..files.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(files[i].len_hint()));
        let mut found: Vec<(usize, Vec<Diagnostic>)> = order
            .par_iter()
            .map(|&i| (i, self.check_file(&files[i], &memo)))
            .filter(|(_, d)| !d.is_empty())
            .collect();
        found.sort_by_key(|(i, _)| *i);
        found.into_iter().flat_map(|(_, d)| d).collect()
    }

    /// The audit of one output file (see [`Fingerprints::check_files`]).
    fn check_file(&self, f: &OutputFile, memo: &AuditMemo) -> Vec<Diagnostic> {
        match f.read() {
            // The same fingerprints on the same bytes find the same things.
            Ok(bytes) => memo.0.get_or(
                || {
                    let digest = match &f.contents {
                        Contents::Bytes(b) => b.digest(),
                        Contents::Copy(_) => incremental::digest_of(&bytes),
                    };
                    incremental::Key::new("audit")
                        .digest(self.digest())
                        .str(&f.path)
                        .digest(digest)
                        .finish()
                },
                || self.check(&f.path, &bytes),
            ),
            Err(e) => vec![Diagnostic::error(
                "unreadable-file",
                format!("cannot read {} to audit it: {e}", f.path),
            )],
        }
    }
}

/// The audit's memo: the findings in one output file, by the fingerprints' digest and
/// the file's path and bytes.
struct AuditMemo(Store<Vec<Diagnostic>>);

impl StageMemo for AuditMemo {
    fn new(cache: &Cache) -> Self {
        AuditMemo(Store::new(cache.is_enabled()))
    }

    fn end_build(&self, succeeded: bool, _: &mut Reuse) {
        self.0.end_build(succeeded);
    }
}
