//! `bcfsite audit OUT SITE`: a built folder, however it was built, checked against
//! the confidential material of a site.
//!
//! The one part of the audit that runs earlier stages itself (load, parse, decide),
//! since no build hands it the withheld material. It decides as a public build
//! would, with drafts left out, and stops at the first stage with errors, as a build
//! does: what cannot be read or decided is never passed.

use std::path::Path;

use super::Fingerprints;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::visibility::{self, Audience, Policy};
use crate::{load, parse};

/// Audits the folder `out` against the site in `site_dir`, deciding as a build made
/// now would. Returns how many files were checked: the files actually read, links
/// followed.
pub fn audit_dir(site_dir: &Path, out: &Path) -> Result<usize, Diagnostics> {
    audit_dir_at(site_dir, out, time::OffsetDateTime::now_utc())
}

/// [`audit_dir`], deciding as a build at `now` (`--now`) would, so that `audit`
/// agrees with the `build` it checks.
pub fn audit_dir_at(
    site_dir: &Path,
    out: &Path,
    now: time::OffsetDateTime,
) -> Result<usize, Diagnostics> {
    let mut diags = Diagnostics::default();
    if !out.is_dir() {
        diags.push(
            Diagnostic::error("no-output", format!("{} is not a folder", out.display()))
                .with_help("give the folder of a built site, e.g. `bcfsite audit public`"),
        );
        return Err(diags);
    }
    let sources = load::load(site_dir, &crate::incremental::Cache::disabled(), &mut diags);
    let Some(parsed) = parse::parse(sources, &crate::incremental::Cache::disabled(), &mut diags)
    else {
        return Err(diags.sorted());
    };
    if diags.has_errors() {
        return Err(diags.sorted());
    }
    let policy = Policy {
        audience: Audience::Public,
        include_drafts: false,
        now,
    };
    let mut published = visibility::decide(parsed, &policy);
    diags.extend(published.take_problems());
    if diags.has_errors() {
        return Err(diags.sorted());
    }
    let fp = match Fingerprints::build(&published.audit_material()) {
        Ok(fp) => fp,
        Err(ds) => {
            diags.extend(ds);
            return Err(diags.sorted());
        }
    };
    let audit = fp.check_dir(out);
    if audit.findings.is_empty() {
        Ok(audit.files)
    } else {
        diags.extend(audit.findings);
        Err(diags.sorted())
    }
}
