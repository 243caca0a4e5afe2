//! Auditing a folder on disk, for `bcfsite audit`: every file under it, links
//! followed, read with the same fingerprints as a build's output.
//!
//! A deployed folder is served as it is, links and all, so the walk follows every
//! link and fails closed: a loop of links, a link that leads nowhere, and an entry that
//! cannot be read are errors, never skipped. Nothing here knows what is looked for
//! (that is [`Fingerprints::check`]).

use std::path::Path;

use rayon::prelude::*;

use super::Fingerprints;
use crate::diagnostic::Diagnostic;

impl Fingerprints {
    /// Audits every file under a folder, in parallel, following symbolic links
    /// wherever they lead: a link in a deployed folder to a confidential file, or to
    /// a whole members' build, is served like any other file. The walk fails closed:
    /// a loop of links, a link that leads nowhere, and an entry that cannot be read
    /// are errors, never skipped. The count is of the files actually read.
    pub fn check_dir(&self, dir: &Path) -> DirAudit {
        let (files, mut findings) = files_to_audit(dir);
        let results: Vec<Result<Vec<Diagnostic>, Diagnostic>> = files
            .par_iter()
            .map(|(rel, path)| match std::fs::read(path) {
                Ok(bytes) => Ok(self.check(rel, &bytes)),
                Err(err) => Err(Diagnostic::error(
                    "unreadable-file",
                    format!("cannot read {rel} to audit it: {err}"),
                )),
            })
            .collect();
        let mut audited = 0;
        for result in results {
            match result {
                Ok(found) => {
                    audited += 1;
                    findings.extend(found);
                }
                Err(d) => findings.push(d),
            }
        }
        DirAudit {
            files: audited,
            findings,
        }
    }
}

/// What [`Fingerprints::check_dir`] did: how many files it read, and what it found
/// (including what it could not read).
#[derive(Debug)]
pub struct DirAudit {
    pub files: usize,
    pub findings: Vec<Diagnostic>,
}

/// Every file under `dir` (path shown under `dir`, path to read), links followed,
/// and an error for each entry that cannot be walked.
fn files_to_audit(dir: &Path) -> (Vec<(String, std::path::PathBuf)>, Vec<Diagnostic>) {
    let shown = |p: &Path| {
        p.strip_prefix(dir)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    };
    let mut files = Vec::new();
    let mut problems = Vec::new();
    // walkdir remembers the folders above each entry and reports a link back to one
    // of them as a loop instead of following it.
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
    {
        match entry {
            Ok(e) if e.file_type().is_file() => files.push((shown(e.path()), e.into_path())),
            Ok(e) if e.file_type().is_dir() => {}
            // A FIFO or a device would block or never end: not something to serve.
            Ok(e) => problems.push(
                Diagnostic::error(
                    "unreadable-file",
                    format!(
                        "{} is neither a file nor a folder, so it cannot be audited",
                        shown(e.path())
                    ),
                )
                .with_help("remove it from the folder; a web server should serve only files"),
            ),
            Err(e) => problems.push(walk_error(&e, &shown)),
        }
    }
    (files, problems)
}

/// The error for an entry the walk could not follow or read.
fn walk_error(e: &walkdir::Error, shown: &dyn Fn(&Path) -> String) -> Diagnostic {
    let at = e.path().map(shown).unwrap_or_default();
    if let Some(ancestor) = e.loop_ancestor() {
        let ancestor = match shown(ancestor) {
            s if s.is_empty() => "the folder being audited".to_string(),
            s => s,
        };
        return Diagnostic::error(
            "symlink-loop",
            format!("{at} is a link back to {ancestor}, which holds it, so following it would never end"),
        )
        .with_help("remove the link; the audit follows links, so a loop cannot be audited and is never passed");
    }
    let broken = e
        .io_error()
        .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound)
        && e.path().is_some_and(|p| p.is_symlink());
    if broken {
        return Diagnostic::error(
            "broken-symlink",
            format!("{at} is a link that points nowhere"),
        )
        .with_help("remove or fix the link; the audit cannot pass what it cannot read");
    }
    Diagnostic::error(
        "unreadable-file",
        format!("cannot read {at} to audit it: {e}"),
    )
    .with_help("check the folder can be read; the audit cannot pass what it cannot read")
}
