//! Every example in `docs/` works when pasted: each YAML example that is a whole
//! file (a data document, a page's front matter, `site.yaml`, `glossary.yaml`) is
//! written into a site together with the other examples of the docs it belongs with,
//! and the site must build with no error and no warning.
//!
//! Fragments (a list item to add to a plan, a `headline:` key to add to `site.yaml`)
//! are pasted into the whole example they extend.

use std::path::Path;

/// The YAML examples of a doc, each with the line its fence is on.
fn examples(doc: &str) -> Vec<(usize, String)> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(doc)).unwrap();
    let mut out = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        let indent = line.len() - line.trim_start().len();
        if line.trim() != "```yaml" {
            continue;
        }
        let mut block = String::new();
        for (_, l) in lines.by_ref() {
            if l.trim() == "```" {
                break;
            }
            block.push_str(l.get(indent..).unwrap_or(l.trim_start()));
            block.push('\n');
        }
        out.push((n + 1, block));
    }
    out
}

/// The first line that is not a comment.
fn first_line(block: &str) -> &str {
    block
        .lines()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .unwrap_or_default()
}

/// Builds a site made of `docs`' examples; panics with every problem found.
fn build_examples(docs: &[&str]) {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    let write = |rel: &str, text: &str| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    let mut settings: Option<String> = None;
    let mut settings_extra = String::new();
    let mut plan_items = String::new();
    let mut data = Vec::new();
    let mut pages = Vec::new();
    for doc in docs {
        for (line, block) in examples(doc) {
            let first = first_line(&block);
            let at = format!("{doc}:{line}");
            if first.starts_with("kind:") {
                data.push((at, block));
            } else if first == "---" {
                pages.push((at, block));
            } else if first.starts_with("title:") && block.contains("base_url:") {
                settings = Some(block);
            } else if first.starts_with("headline:") {
                settings_extra.push_str(&block);
            } else if first.trim_start().starts_with("- id:") {
                // Dedented to the list item's own column.
                let col = first.len() - first.trim_start().len();
                plan_items.push_str(
                    &block
                        .lines()
                        .map(|l| format!("{}\n", l.get(col..).unwrap_or(l.trim_start())))
                        .collect::<String>(),
                );
            } else if block
                .lines()
                .all(|l| l.trim().is_empty() || l.contains(": ") && !l.starts_with(' '))
            {
                write("content/glossary.yaml", &block);
            } else {
                panic!("{at}: an example this test does not know how to build:\n{block}");
            }
        }
    }
    let settings = settings.unwrap_or_else(|| {
        "title: Examples\nbase_url: https://bcf.example.gov.uk/\narea:\n  board: Lancashire Health and Wellbeing Board\n  population:\n    aged_65_plus: 270000\n".into()
    });
    write("content/site.yaml", &format!("{settings}{settings_extra}"));
    write(
        "content/_index.md",
        "---\ntitle: Examples\n---\nThe examples from the docs.\n",
    );
    for (i, (_, block)) in data.iter().enumerate() {
        let mut text = block.clone();
        // List items of a plan's schemes, pasted where they go.
        if first_line(block) == "kind: plan" && !plan_items.is_empty() && i == 0 {
            text = text.replace("schemes:\n", &format!("schemes:\n{}", indent(&plan_items)));
        }
        write(&format!("content/data/example-{i}.yaml"), &text);
    }
    for (i, (_, block)) in pages.iter().enumerate() {
        let text = format!("{block}\nThe words of example number {i} from the docs.\n");
        if block.contains("kind: appendix") {
            // An appendix sits in its paper's folder.
            write(
                &format!("content/papers/with-appendix-{i}/index.md"),
                "---\ntitle: A paper\nkind: paper\ndate: 2024-11-12\n---\nThe paper.\n",
            );
            write(
                &format!("content/papers/with-appendix-{i}/appendix.md"),
                &text,
            );
        } else {
            write(&format!("content/pages/example-{i}.md"), &text);
        }
    }
    let mut opts = bcfsite::BuildOptions::new(root);
    opts.now = time::macros::datetime!(2024-12-01 12:00 UTC);
    match bcfsite::build_in_memory(&opts) {
        Ok(built) => assert!(
            built.warnings.is_empty(),
            "the examples of {docs:?} give warnings:\n{}",
            built.warnings.render_human(false)
        ),
        Err(d) => panic!(
            "the examples of {docs:?} do not build:\n{}",
            d.render_human(false)
        ),
    }
}

fn indent(items: &str) -> String {
    items.lines().map(|l| format!("  {l}\n")).collect()
}

#[test]
fn the_examples_in_the_docs_build_without_a_warning() {
    build_examples(&["docs/content.md", "docs/data.md", "docs/confidentiality.md"]);
}

#[test]
fn the_import_example_builds_without_a_warning() {
    build_examples(&["docs/import.md"]);
}

#[test]
fn the_scan_finds_every_example() {
    assert!(examples("docs/data.md").len() >= 5);
    assert!(examples("docs/content.md").len() >= 4);
}
