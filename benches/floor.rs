//! The "floor": the least work any static site generator could do, as a yardstick
//! for `bcfsite build` (issue "Fast at national scale").
//!
//! It walks a folder of bare Markdown bodies, renders each with pulldown-cmark and
//! writes `<dir>/<name>/index.html` in a minimal HTML shell, in parallel with rayon.
//! No front matter, templates, links, checks, audit or staging: what bcfsite does
//! beyond this is the price of its features. `benches/build.sh` times it on the
//! bodies written by `gen_corpus --bodies`.
//!
//! ```text
//! cargo run --release --example floor -- BODIES_DIR OUT_DIR
//! ```

use std::fs;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;
use walkdir::WalkDir;

fn page(src: &Path, bodies: &Path, out: &Path) -> std::io::Result<()> {
    let markdown = fs::read_to_string(src)?;
    let rel = src.strip_prefix(bodies).unwrap_or(src).with_extension("");
    let title = rel
        .to_string_lossy()
        .replace('/', " ")
        .replace('&', "&amp;")
        .replace('<', "&lt;");
    let mut doc = String::with_capacity(markdown.len() * 3 / 2 + 256);
    doc.push_str("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    doc.push_str(&title);
    doc.push_str("</title>\n</head>\n<body>\n<main>\n");
    let options = Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES;
    html::push_html(&mut doc, Parser::new_ext(&markdown, options));
    doc.push_str("</main>\n</body>\n</html>\n");
    let dir = out.join(rel);
    fs::create_dir_all(&dir)?;
    fs::write(dir.join("index.html"), doc)
}

fn main() {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [bodies, out] = args.as_slice() else {
        eprintln!("usage: floor BODIES_DIR OUT_DIR");
        std::process::exit(2);
    };
    let files: Vec<PathBuf> = WalkDir::new(bodies)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let failed = files
        .par_iter()
        .filter_map(|f| page(f, bodies, out).err().map(|e| (f, e)))
        .map(|(f, e)| eprintln!("floor: {}: {e}", f.display()))
        .count();
    if failed > 0 {
        std::process::exit(1);
    }
    println!("floor: wrote {} pages to {}", files.len(), out.display());
}
