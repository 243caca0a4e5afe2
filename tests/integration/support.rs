//! Helpers: copy a fixture site to a temporary folder, build it, read the output.

use std::path::{Path, PathBuf};

use bcfsite::BuildOptions;
use bcfsite::diagnostic::Diagnostics;
use bcfsite::output::OutputFile;
use bcfsite::visibility::Audience;

pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/sites")
        .join(rel)
}

/// A copy of a fixture in a temporary folder, so tests may build into it and edit it.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

impl TestSite {
    pub fn copy(rel: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&fixture(rel), dir.path());
        Self { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn options(&self) -> BuildOptions {
        let mut opts = BuildOptions::new(self.path());
        opts.now = time::macros::datetime!(2024-12-01 12:00 UTC);
        opts
    }

    pub fn build(&self) -> Result<bcfsite::Built, Diagnostics> {
        bcfsite::build_in_memory(&self.options())
    }

    pub fn build_for(&self, audience: Audience, drafts: bool) -> bcfsite::Built {
        let mut opts = self.options();
        opts.audience = audience;
        opts.include_drafts = drafts;
        bcfsite::build_in_memory(&opts)
            .unwrap_or_else(|d| panic!("build failed:\n{}", d.render_human(false)))
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// The text of one output file.
pub fn file(built: &bcfsite::Built, path: &str) -> String {
    let f = find(built, path).unwrap_or_else(|| {
        let all: Vec<_> = built.files.iter().map(|f| f.path.as_str()).collect();
        panic!("no output file {path}; have {all:?}")
    });
    String::from_utf8(f.read().unwrap().to_vec()).unwrap()
}

pub fn find<'a>(built: &'a bcfsite::Built, path: &str) -> Option<&'a OutputFile> {
    built.files.iter().find(|f| f.path == path)
}

/// The `<main>` element of a page, where the page's own content is.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page closes </main>") + "</main>".len();
    &html[start..end]
}

/// Every output file's bytes, as one lossy string per file, for leak searches.
pub fn all_bytes(built: &bcfsite::Built) -> Vec<(String, String)> {
    built
        .files
        .iter()
        .map(|f| {
            (
                f.path.clone(),
                String::from_utf8_lossy(&f.read().unwrap()).into_owned(),
            )
        })
        .collect()
}

/// A data file read as a build reads it (for comparing an import with a checked-in
/// file).
pub fn data_doc(path: &Path) -> bcfsite::data::DataDoc {
    let text = std::fs::read_to_string(path).unwrap();
    let file = bcfsite::load::ContentFile {
        rel: "data/file.yaml".into(),
        source: bcfsite::diagnostic::SourceText {
            path: path.display().to_string(),
            text: text.into(),
        },
        digest: 0,
        link_target: None,
    };
    bcfsite::data::parse(file)
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)))
        .doc
}
