//! Times `serve`'s rebuild after a one-page edit, in process, stage by stage.
//!
//! ```text
//! cargo run --release --example rebuild -- SITE [EDITS]
//! ```
//!
//! Builds SITE once with a cache (as `serve` does), then edits one page's body
//! EDITS times (default 20), rebuilding after each, and prints the median rebuild and
//! the stages of the last one. As in `serve`, the cache is told which file changed
//! (its watcher would); the rebuild is timed from there. The page is put back as it was at the end. For the
//! time until a browser sees the edit, see `serve_latency`.

#[path = "common.rs"]
mod common;

use std::path::PathBuf;
use std::time::Instant;

use bcfsite::incremental::Cache;
use bcfsite::{BuildOptions, build_in_memory};

fn main() {
    let mut args = std::env::args().skip(1);
    let site = PathBuf::from(args.next().expect("usage: rebuild SITE [EDITS]"));
    let edits: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    let page = common::first_page(&site);
    let original = std::fs::read_to_string(&page).expect("read the page");

    let opts = BuildOptions::new(&site).with_cache(Cache::watched());
    let cache = &opts.cache;
    let t = Instant::now();
    let built = build_in_memory(&opts).unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    println!(
        "first build: {} pages in {:.0} ms",
        built.pages,
        t.elapsed().as_secs_f64() * 1000.0
    );

    let mut times = Vec::new();
    let mut last = None;
    for i in 0..edits {
        std::fs::write(
            &page,
            format!("{original}\nEdit number {i} of the benchmark.\n"),
        )
        .expect("edit");
        let t = Instant::now();
        cache.invalidate(std::slice::from_ref(&page));
        let built = build_in_memory(&opts).unwrap_or_else(|d| panic!("{}", d.render_human(false)));
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        last = Some(built);
    }
    std::fs::write(&page, original).expect("restore the page");
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let last = last.expect("at least one edit");
    println!(
        "{} edits of {}: median rebuild {median:.1} ms (min {:.1}, max {:.1}); {}",
        edits,
        page.display(),
        times[0],
        times[times.len() - 1],
        last.reuse.describe()
    );
    print!("{}", last.timings.report());
}
