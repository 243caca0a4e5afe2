//! The benchmark corpus (`examples/gen_corpus.rs`): the same seed gives the same
//! bytes, and what it writes is a site that builds.

use std::collections::BTreeMap;
use std::path::Path;

#[allow(dead_code)] // its `main` is for the example binary
#[path = "../../examples/gen_corpus.rs"]
mod gen_corpus;

fn all_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let bodies = tempfile::tempdir().unwrap();
    assert_eq!(
        gen_corpus::generate(120, 7, a.path(), Some(bodies.path())),
        120
    );
    gen_corpus::generate(120, 7, b.path(), None);
    gen_corpus::generate(120, 8, c.path(), None);
    let first = all_files(a.path());
    assert!(first.len() > 120);
    assert_eq!(first, all_files(b.path()), "same seed, same bytes");
    assert_ne!(first, all_files(c.path()), "another seed, another corpus");
    assert!(
        !all_files(bodies.path()).is_empty(),
        "bare bodies for other tools"
    );
}

#[test]
fn the_corpus_builds_and_withholds_its_confidential_appendices() {
    let dir = tempfile::tempdir().unwrap();
    gen_corpus::generate(60, 1, dir.path(), None);
    let built = bcfsite::build_in_memory(&bcfsite::BuildOptions::new(dir.path()))
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    assert!(built.pages >= 60, "{}", built.pages);
    assert!(built.withheld > 0);
}
