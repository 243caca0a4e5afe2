//! `bcfsite check`: everything a build checks, plus checks too slow or too
//! network-bound to run on every build (external links), and the pages a build holds
//! back for now (drafts and embargoed papers), checked as they will be published.

pub mod capacity;
pub mod dates;
pub mod external;
pub mod placeholders;
pub mod plain;
pub mod record;
pub mod rules;

use std::collections::HashSet;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::visibility::HeldBack;
use crate::{BuildOptions, build_in_memory};

/// Everything `bcfsite check` reports but external links: the public build at `now`,
/// then the same build as it will be once every embargo has lifted and every draft is
/// published, so that a broken link in next week's paper is found today, not on
/// meeting morning. What only the second build finds carries a note saying so.
pub fn check_site(opts: &BuildOptions) -> Diagnostics {
    let (mut diags, held_back) = match build_in_memory(opts) {
        Ok(built) => (built.warnings, built.held_back),
        Err(d) => (d, held_back_of(opts)),
    };
    if held_back.is_empty() {
        return diags;
    }
    let mut later = opts.clone();
    later.include_drafts = true;
    // Just after the last embargo: late enough to publish every page, and no later,
    // so that nothing else judged by the date changes.
    if let Some(last) = held_back.iter().filter_map(|h| h.until).max() {
        later.now = last + time::Duration::seconds(1);
    }
    let seen: HashSet<String> = diags.errors().chain(diags.warnings()).map(key).collect();
    let future = match build_in_memory(&later) {
        Ok(built) => built.warnings,
        Err(d) => d,
    };
    let files: HashSet<&str> = held_back.iter().map(|h| h.file.as_str()).collect();
    for d in future.into_vec() {
        if seen.contains(&key(&d)) {
            continue;
        }
        let held = d.file.as_deref().is_some_and(|f| files.contains(f));
        let note = if held {
            "this page is not published yet (a draft, or under an embargo): it was checked as it will be published"
        } else {
            "found when checking the site as it will be once its drafts and embargoed pages are published"
        };
        diags.push(d.with_note(note));
    }
    diags.sorted()
}

/// A diagnostic as a key: what and where.
fn key(d: &Diagnostic) -> String {
    format!(
        "{}|{:?}|{:?}|{}",
        d.code,
        d.file,
        d.line_column(),
        d.message
    )
}

/// The pages a build at `opts` holds back, when the build itself failed: read the
/// site and decide, no more. Empty when the site cannot be read that far.
fn held_back_of(opts: &BuildOptions) -> Vec<HeldBack> {
    let mut ignored = Diagnostics::default();
    let sources = crate::load::load(
        &opts.site_dir,
        &crate::incremental::Cache::disabled(),
        &mut ignored,
    );
    let Some(parsed) = crate::parse::parse(
        sources,
        &crate::incremental::Cache::disabled(),
        &mut ignored,
    ) else {
        return Vec::new();
    };
    if ignored.has_errors() {
        return Vec::new();
    }
    let policy = crate::visibility::Policy {
        audience: opts.audience,
        include_drafts: opts.include_drafts,
        now: opts.now,
    };
    crate::visibility::decide(parsed, &policy)
        .held_back()
        .to_vec()
}
