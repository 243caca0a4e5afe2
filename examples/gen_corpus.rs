//! Writes a realistic, deterministic BCF site of N pages, for benchmarks.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --pages 10000 /tmp/corpus-10k
//! ```
//!
//! Areas are sections; each page is about 600 words with headings, lists, a money
//! table and links; each area has a plan, metrics and a quarter in YAML, feedback
//! pages with `relates_to`, and a paper with a confidential appendix. The same seed
//! gives the same bytes. `--bodies DIR` also writes the bare Markdown bodies (no
//! front matter) for comparing with other tools.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

#[path = "corpus/text.rs"]
mod text;
use text::{Rng, body, sentence};

const AREAS: &[&str] = &[
    "north", "south", "east", "west", "central", "coastal", "rural", "city",
];
fn write(path: &Path, text: &str) {
    if let Some(p) = path.parent() {
        fs::create_dir_all(p).expect("create folder");
    }
    fs::write(path, text).expect("write file");
}

fn main() {
    let mut pages: usize = 1000;
    let mut seed: u64 = 1;
    let mut out: Option<PathBuf> = None;
    let mut bodies: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--pages" => pages = args.next().and_then(|v| v.parse().ok()).expect("--pages N"),
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).expect("--seed N"),
            "--bodies" => bodies = args.next().map(PathBuf::from),
            other => out = Some(PathBuf::from(other)),
        }
    }
    let out = out.expect("usage: gen_corpus --pages N [--seed S] [--bodies DIR] OUT_DIR");
    let written = generate(pages, seed, &out, bodies.as_deref());
    println!("wrote {written} pages to {}", out.join("content").display());
}

/// Writes the corpus into `out/content` (and bare bodies into `bodies`); returns the
/// number of pages written. Also used by the test that the corpus is deterministic.
pub fn generate(pages: usize, seed: u64, out: &Path, bodies: Option<&Path>) -> usize {
    let c = out.join("content");
    if c.exists() {
        fs::remove_dir_all(&c).expect("clear old corpus");
    }
    let mut rng = Rng(seed);
    write(
        &c.join("site.yaml"),
        "title: Generated Better Care Fund\nbase_url: https://bcf.example.gov.uk/\narea:\n  name: Generated\n  population:\n    aged_65_plus: 270000\ncontact:\n  name: Bench Council\n  email: bcf@example.gov.uk\n",
    );
    write(
        &c.join("glossary.yaml"),
        "BCF: Better Care Fund\nICB: Integrated Care Board\n",
    );
    write(
        &c.join("_index.md"),
        "---\ntitle: Generated Better Care Fund\nsummary: A generated site for benchmarks.\n---\n\nThe BCF pays for care.\n",
    );

    let per_area = pages.div_ceil(AREAS.len());
    let mut written = 0;
    for (a, area) in AREAS.iter().enumerate() {
        if written >= pages {
            break;
        }
        let dir = c.join(area);
        write(
            &dir.join("_index.md"),
            &format!("---\ntitle: The {area} area\nsummary: Pages about the {area} area.\n---\n"),
        );
        // Data for the area: a plan, metrics and a quarter.
        let mut plan = format!(
            "kind: plan\nid: plan-{area}\ntitle: The {area} plan\nyears: [2023-24, 2024-25]\nunits: thousands\nfunding:\n  - {{id: fund-{area}, name: {area} contribution, amounts: {{2023-24: 9000, 2024-25: 9500}}}}\nschemes:\n"
        );
        for s in 0..6 {
            let _ = writeln!(
                plan,
                "  - {{id: scheme-{area}-{s}, name: The {area} scheme {s}, fund: BCF, amounts: {{2023-24: {}, 2024-25: {}}}}}",
                100 + rng.below(900),
                100 + rng.below(900)
            );
        }
        plan.push_str("  - {id: secret-");
        let _ = writeln!(
            plan,
            "{area}, name: Confidential pilot in {area}, amounts: {{2023-24: 5, 2024-25: 5}}, confidential: true}}"
        );
        write(&dir.join("plan.yaml"), &plan);
        write(
            &dir.join("metrics.yaml"),
            &format!(
                "kind: metrics\nmetrics:\n  - id: admissions-{area}\n    name: Admissions in {area}\n    unit: rate_per_100k\n    population: aged_65_plus\n    better: lower\n    targets: {{2024-25: 657}}\n    actuals:\n      2024-25-Q1: {{value: {}.{:02}, status: estimate}}\n",
                600 + rng.below(100),
                rng.below(100)
            ),
        );
        if a == 0 {
            write(
                &c.join("quarter.yaml"),
                &format!(
                    "kind: quarter\nperiod: 2024-25-Q2\nplan: plan-{area}\nsubmitted: 2024-10-31\nmetrics:\n  admissions-{area}: {{status: not_on_track}}\n"
                ),
            );
        }
        // A paper with a confidential appendix.
        let paper = dir.join(format!("paper-{area}"));
        write(
            &paper.join("index.md"),
            &format!(
                "---\ntitle: Board paper for {area}\nkind: paper\ndate: 2024-11-12\n---\n\n{}\n",
                sentence(&mut rng)
            ),
        );
        write(
            &paper.join("appendix-a.md"),
            &format!(
                "---\ntitle: Finance detail for {area}\nkind: appendix\nappendix: A\nconfidential: true\nexempt_paragraph: 3\n---\n\nMembers only: the {area} overspend figures are not published anywhere at all.\n"
            ),
        );
        written += 2;
        let links: Vec<String> = (0..5).map(|i| format!("/{area}/page-{i:05}/")).collect();
        for i in 0..per_area.saturating_sub(2).min(pages - written) {
            let feedback = i % 50 == 49;
            let mut fm = format!(
                "---\ntitle: {} page {i}\nsummary: What we do in the {area} area, page {i}.\ndate: 2024-{:02}-{:02}\n",
                area,
                1 + rng.below(12),
                1 + rng.below(28)
            );
            if feedback {
                let _ = write!(
                    fm,
                    "kind: feedback\nsource: {{organisation: Healthwatch}}\nconsent: Everyone quoted agreed.\nrelates_to: [scheme-{area}-{}]\n",
                    rng.below(6)
                );
            } else if i % 10 == 0 {
                let _ = writeln!(fm, "relates_to: [plan-{area}]");
            }
            fm.push_str("---\n\n");
            let text = body(&mut rng, area, &links);
            write(&dir.join(format!("page-{i:05}.md")), &format!("{fm}{text}"));
            if let Some(b) = bodies {
                write(&b.join(area).join(format!("page-{i:05}.md")), &text);
            }
            written += 1;
        }
    }
    written
}
