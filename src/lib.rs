//! bcfsite: a static site generator for public Better Care Fund transparency sites.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`load`]: find and read the site's files;
//! 2. [`parse`]: front matter, site settings, glossary, data documents;
//! 3. [`visibility`]: the one place that decides what is published;
//! 4. [`model`]: sections, pages, bundles, papers and appendices, with URLs;
//! 5. [`render`]: Markdown and Tera templates;
//! 6. [`audit`]: every output file checked against what was withheld;
//! 7. [`output`]: a staging folder swapped into place.
//!
//! [`incremental`] lets `serve` reuse the results of unchanged work between builds.
//! This file is only the glue between them.

pub mod audit;
pub mod check;
pub mod cli;
pub mod cms;
pub mod content;
pub mod data;
pub mod diagnostic;
#[doc(hidden)]
pub mod fuzzing;
pub mod import;
pub mod incremental;
pub mod init;
pub mod leaves;
pub mod load;
pub mod model;
pub mod new;
pub mod output;
pub mod parse;
mod partial;
pub mod render;
pub mod serve;
mod timings;
pub mod visibility;
pub mod yaml;

// The commands that are not builds live with their stages (`bcfsite audit` with the
// audit, `check --external` with the checks); here is where `main.rs` and the tests
// call them.
pub use audit::{audit_dir, audit_dir_at};
pub use check::external::external_links;
pub use timings::Timings;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use diagnostic::{Diagnostic, Diagnostics};
use output::OutputFile;
use visibility::{Audience, Policy};

/// Everything a build needs to know beyond the site itself.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    pub site_dir: PathBuf,
    pub audience: Audience,
    pub include_drafts: bool,
    pub now: time::OffsetDateTime,
    pub base_url: Option<String>,
    /// Show a progress bar (only drawn on a terminal).
    pub progress: bool,
    /// What the build may reuse from earlier builds, and keeps for later ones:
    /// [`incremental::Cache::disabled`] (the default) keeps nothing; `serve` shares
    /// one [`incremental::Cache::watched`] between its builds.
    pub cache: std::sync::Arc<incremental::Cache>,
}

impl BuildOptions {
    pub fn new(site_dir: impl Into<PathBuf>) -> Self {
        Self {
            site_dir: site_dir.into(),
            audience: Audience::Public,
            include_drafts: false,
            now: time::OffsetDateTime::now_utc(),
            base_url: None,
            progress: false,
            cache: std::sync::Arc::new(incremental::Cache::disabled()),
        }
    }

    /// These options, building with `cache` (to be kept from one build to the next,
    /// as `serve` does).
    pub fn with_cache(self, cache: incremental::Cache) -> Self {
        Self {
            cache: std::sync::Arc::new(cache),
            ..self
        }
    }
}

/// A site built in memory: its files and what went into them.
#[derive(Debug)]
pub struct Built {
    pub files: Vec<OutputFile>,
    /// HTML pages made from content (sections and pages).
    pub pages: usize,
    pub data_files: usize,
    pub withheld: usize,
    /// Drafts and embargoed pages left out for now, with when each embargo lifts.
    pub held_back: Vec<visibility::HeldBack>,
    /// Problems that did not stop the build.
    pub warnings: Diagnostics,
    pub elapsed: Duration,
    /// Time spent in each stage, for `build --timings`.
    pub timings: Timings,
    /// What was reused from earlier builds (only `serve` keeps them).
    pub reuse: incremental::Reuse,
}

impl Built {
    /// The summary line every build ends with.
    pub fn summary(&self) -> String {
        let mut line = format!(
            "built {}, {} in {:.2}s",
            diagnostic::plural(self.pages, "page"),
            diagnostic::plural(self.data_files, "data file"),
            self.elapsed.as_secs_f64()
        );
        if self.withheld > 0 {
            line.push_str(&format!(
                "; withheld {}",
                diagnostic::plural(self.withheld, "confidential item")
            ));
        }
        line.push_str(&held_back_words(&self.held_back));
        line
    }
}

/// "; held back 2 pages until 12 November 2024 09:00 UTC and 1 draft", or nothing.
fn held_back_words(held: &[visibility::HeldBack]) -> String {
    let embargoed: Vec<time::OffsetDateTime> = held.iter().filter_map(|h| h.until).collect();
    let drafts = held.len() - embargoed.len();
    let mut parts = Vec::new();
    if let Some(first) = embargoed.iter().min() {
        let when = |t: &time::OffsetDateTime| {
            let t = t.to_offset(time::UtcOffset::UTC);
            format!(
                "{} {} {} {:02}:{:02} UTC",
                t.day(),
                t.month(),
                t.year(),
                t.hour(),
                t.minute()
            )
        };
        let all_same = embargoed.iter().all(|t| t == first);
        parts.push(format!(
            "{} {}{}",
            diagnostic::plural(embargoed.len(), "page"),
            if all_same {
                "until "
            } else {
                "under embargo, the first until "
            },
            when(first)
        ));
    }
    if drafts > 0 {
        parts.push(diagnostic::plural(drafts, "draft"));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("; held back {}", parts.join(" and "))
    }
}

/// Runs every stage but writing. All problems found are returned together; the
/// build fails if any of them is an error.
///
/// Each stage takes `opts.cache` and reuses what it kept from earlier builds whose
/// inputs have not changed; the result is the same, byte for byte.
pub fn build_in_memory(opts: &BuildOptions) -> Result<Built, Diagnostics> {
    let cache = &opts.cache;
    let mut result = run_stages(opts, cache);
    let reuse = cache.end_build(result.is_ok());
    if let Ok(built) = &mut result {
        built.reuse = reuse;
    }
    result
}

fn run_stages(opts: &BuildOptions, cache: &incremental::Cache) -> Result<Built, Diagnostics> {
    let started = Instant::now();
    let mut diags = Diagnostics::default();
    let mut timings = Timings::default();

    let sources = load::load(&opts.site_dir, cache, &mut diags);
    timings.mark("load");
    let inputs = cache
        .is_enabled()
        .then(|| render::inputs_but_markdown(&sources, opts));
    let given = partial::markdown_files(&sources.markdown);
    let Some(parsed) = parse::parse(sources, cache, &mut diags) else {
        return Err(diags.sorted());
    };
    let structure = inputs.map(|k| render::structure(k, &parsed.documents));
    timings.mark("parse");
    // A page whose front matter could not be read is a page whose confidentiality we
    // do not know: it is left out, and the run goes on only to find the other pages'
    // problems; nothing is written (`partial`).
    let failed = partial::failed_pages(&given, &parsed);
    if diags.has_errors() && !partial::may_go_on(&diags, &failed) {
        return Err(diags.sorted());
    }
    let unreadable = partial::addresses(&failed);
    diags.extend(check::rules::run(&parsed.data, &parsed.settings, opts.now));
    diags.extend(check::placeholders::run(&parsed.documents, &parsed.data));
    diags.extend(check::dates::run(&parsed.documents, &parsed.data, opts.now));
    diags.extend(check::record::run(
        &parsed.documents,
        &parsed.settings,
        opts.now,
    ));
    // Easy read versions are held to their own, lower reading-grade limit.
    let (easy_read, standard): (Vec<_>, Vec<_>) = parsed
        .documents
        .iter()
        .cloned()
        .partition(|d| render::alternates::is_easy_read(&d.front));
    diags.extend(check::plain::run(
        &standard,
        &parsed.glossary,
        parsed.settings.plain_english_grade,
        cache,
    ));
    diags.extend(check::plain::run(
        &easy_read,
        &parsed.glossary,
        parsed.settings.easy_read_grade,
        cache,
    ));
    timings.mark("check rules");
    let theme = match render::theme::load(&opts.site_dir, &parsed.settings.theme) {
        Ok(mut t) => {
            diags.extend(std::mem::take(&mut t.warnings));
            t
        }
        Err(ds) => {
            diags.extend(ds);
            return Err(diags.sorted());
        }
    };
    let policy = Policy {
        audience: opts.audience,
        include_drafts: opts.include_drafts,
        now: opts.now,
    };
    timings.mark("load theme");
    let mut published = visibility::decide(parsed, &policy);
    let withheld = published.withheld_count();
    let held_back = published.held_back().to_vec();
    timings.mark("decide visibility");
    diags.extend(published.take_problems());
    // Fingerprints of what was withheld, taken before the model consumes the site.
    // Withheld material the audit cannot read stops the build. A run that has
    // already failed writes nothing, so it needs none.
    let fingerprints = match opts.audience {
        Audience::Public if diags.has_errors() => None,
        Audience::Public => match audit::Fingerprints::build(&published.audit_material()) {
            Ok(fp) => Some(fp),
            Err(ds) => {
                diags.extend(ds);
                return Err(diags.sorted());
            }
        },
        Audience::Members => None,
    };
    timings.mark("fingerprint withheld material");
    let model = model::build(published, &mut diags);
    timings.mark("build model");
    // Render goes on past the model's problems (in memory only) to report its own:
    // unknown templates, broken links and anchors, output clashes.
    let render_opts = render::RenderOptions {
        base_url: opts.base_url.clone(),
        progress: opts.progress,
        cache,
        structure,
        unreadable: &unreadable,
    };
    let files = match render::render(&model, &theme, &render_opts) {
        Ok(files) if !diags.has_errors() => files,
        Ok(_) => return Err(diags.sorted()),
        Err(ds) => {
            diags.extend(ds);
            return Err(diags.sorted());
        }
    };
    timings.mark("render");
    // The self-audit: every byte about to be written is checked before anything is,
    // so a hit publishes nothing and leaves the previous site in place.
    if let Some(fp) = &fingerprints {
        diags.extend(fp.check_files(&files, cache));
        if diags.has_errors() {
            return Err(diags.sorted());
        }
    }
    timings.mark("audit output");
    let pages = model.pages.len()
        + model.sections.iter().filter(|s| s.index.is_some()).count()
        + model.data.urls().len();
    Ok(Built {
        files,
        pages,
        data_files: model.data.documents,
        withheld,
        held_back,
        warnings: diags.sorted(),
        elapsed: started.elapsed(),
        timings,
        reuse: incremental::Reuse::default(),
    })
}

/// Builds and writes the site to `out` (stage 7).
pub fn build(opts: &BuildOptions, out: &std::path::Path) -> Result<Built, Diagnostics> {
    let started = Instant::now();
    // Refuse a bad destination before doing any work.
    output::check_placement(&opts.site_dir, out, opts.audience)
        .map_err(|d| Diagnostics::from(vec![d]))?;
    if let Err(e) = output::check_destination(out, opts.audience) {
        return Err(vec![write_diagnostic(e)].into());
    }
    let mut built = build_in_memory(opts)?;
    output::write_atomically(&built.files, out, opts.audience)
        .map_err(|e| Diagnostics::from(vec![write_diagnostic(e)]))?;
    built.timings.mark("write");
    built.elapsed = started.elapsed();
    Ok(built)
}

fn write_diagnostic(e: output::WriteError) -> Diagnostic {
    match e {
        output::WriteError::Refused { ref help, .. } => {
            Diagnostic::error("output-refused", e.to_string()).with_help(help.clone())
        }
        output::WriteError::Io { .. } => Diagnostic::error("write-failed", e.to_string())
            .with_help("check the folder exists and you may write to it; the previous site was left as it was"),
    }
}
