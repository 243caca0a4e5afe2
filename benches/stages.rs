//! Micro-benchmarks of the hot stages of a build (issue "Fast at national scale"):
//! front matter, Markdown, the leak audit, and whole builds and writes.
//!
//! ```text
//! cargo bench --bench stages                      # full run
//! cargo bench --bench stages -- --quick           # a quick look
//! BENCH_SITE=/tmp/corpus-1k cargo bench --bench stages -- build
//! ```
//!
//! The whole-build benches use the repository's example site, or the site folder in
//! `BENCH_SITE` (e.g. one written by `gen_corpus`). `benches/build.sh` measures
//! whole builds at 1,000 to 50,000 pages against the floor and Hugo.

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;

use bcfsite::audit::{Fingerprints, Material};
use bcfsite::content::{front_matter, markdown};
use bcfsite::diagnostic::{Diagnostics, SourceText};
use bcfsite::incremental::Cache;
use bcfsite::visibility::{Audience, WithheldSource};
use bcfsite::{BuildOptions, build_in_memory, load, output, parse};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

#[path = "../examples/corpus/text.rs"]
mod text;

/// A page body as `gen_corpus` writes it: about 600 words under `##` headings, with
/// a money table, a list and a link.
fn body() -> String {
    text::body(
        &mut text::Rng(1),
        "north",
        &["/north/page-00001/".to_string()],
    )
}

const FRONT: &str = "---\ntitle: north page 7\nsummary: What we do in the north area, page 7.\ndate: 2024-05-17\nkind: feedback\nsource: {organisation: Healthwatch}\nconsent: Everyone quoted agreed.\nrelates_to: [scheme-north-3]\n---\n\n";

fn site_dir() -> PathBuf {
    std::env::var_os("BENCH_SITE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

fn page_stages(c: &mut Criterion) {
    let body = body();
    let source = SourceText {
        path: "north/page-00007.md".into(),
        text: Arc::from(format!("{FRONT}{body}")),
    };
    c.bench_function("front matter: split and parse one page", |b| {
        b.iter(|| {
            let split = front_matter::split(black_box(&source)).expect("front matter splits");
            front_matter::parse(&source, &split).expect("front matter parses")
        })
    });
    let words = body.split_whitespace().count();
    c.bench_function(&format!("markdown: render one page ({words} words)"), |b| {
        b.iter(|| markdown::render(black_box(&body), false))
    });
    // The leak audit reads every byte of every page: one confidential paper's worth
    // of fingerprints against one rendered page that holds none of it.
    let secret = text::body(&mut text::Rng(2), "south", &[]);
    let withheld = [WithheldSource {
        file: "south/appendix.md".into(),
        passages: vec![secret],
        phrases: vec!["Care home closure programme".into()],
        ids: vec!["SCH-CONF-0042".into()],
        figures: Vec::new(),
        asset: None,
    }];
    let fp = Fingerprints::build(&Material {
        withheld: &withheld,
        public: &[],
        allowed: &[],
    })
    .expect("nothing withheld is a file");
    let page = markdown::render(&body, false).html;
    c.bench_function(&format!("audit: one page ({} bytes)", page.len()), |b| {
        b.iter(|| fp.check("north/page-00007/index.html", black_box(page.as_bytes())))
    });
}

fn site_stages(c: &mut Criterion) {
    let dir = site_dir();
    let opts = BuildOptions::new(&dir);
    let built = build_in_memory(&opts).expect("the bench site builds");
    let name = format!("{} pages", built.pages);
    let mut group = c.benchmark_group("site");
    group.sample_size(10);
    group.bench_function(format!("load and parse ({name})"), |b| {
        b.iter(|| {
            let mut diags = Diagnostics::default();
            let sources = load::load(black_box(&dir), &Cache::disabled(), &mut diags);
            parse::parse(sources, &Cache::disabled(), &mut diags).expect("the bench site parses")
        })
    });
    group.bench_function(format!("build in memory ({name})"), |b| {
        b.iter(|| build_in_memory(black_box(&opts)).expect("the bench site builds"))
    });
    // A fresh folder each time; removing it afterwards is not timed.
    group.bench_function(format!("write ({} files)", built.files.len()), |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("temporary folder"),
            |tmp| {
                output::write_atomically(
                    &built.files,
                    &tmp.path().join("public"),
                    Audience::Public,
                )
                .expect("the site is written");
                tmp
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, page_stages, site_stages);
criterion_main!(benches);
