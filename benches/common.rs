//! What the serve benchmarks share (included by `#[path]`, since each is its own
//! program).

use std::path::{Path, PathBuf};

/// The first ordinary page of a site (not a section's or a bundle's index), in name
/// order: the page the benchmarks edit.
pub fn first_page(site: &Path) -> PathBuf {
    walkdir::WalkDir::new(site.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .find(|p| {
            p.extension().is_some_and(|e| e == "md")
                && !p
                    .file_name()
                    .is_some_and(|n| n == "_index.md" || n == "index.md")
        })
        .expect("a page to edit")
}
