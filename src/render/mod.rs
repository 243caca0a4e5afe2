//! Stage 5, render: every page, section and generated file of the decided model,
//! as the bytes to write.
//!
//! This module is the orchestration only: it claims every output path ([`paths`]),
//! renders the content pages in parallel ([`pages`]), takes the files no page body
//! changes ([`generated`]), and gathers files and problems in a fixed order, so that
//! a build fails with the same problems in the same order however its threads ran
//! and whether or not `serve`'s cache ([`memo`]) was used. A step that needs
//! something new from the model goes in its own module, not here.
//!
//! What templates see is built in [`views`]; Markdown bodies with shortcodes in
//! [`shortcodes`]; links are checked in [`links`]; the data pages, their downloads
//! and charts, the feeds and the search index each have their own module.

pub mod alternates;
mod appendix_list;
pub mod charts;
pub mod data_pages;
pub mod downloads;
pub mod feeds;
mod generated;
pub mod history;
pub mod host_redirects;
pub mod links;
pub mod meetings;
mod memo;
mod pages;
pub mod paths;
pub mod recommendations;
pub mod record;
pub mod search;
pub mod shortcodes;
pub mod theme;
pub mod views;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::incremental::{Cache, Digest};
use crate::model::SiteModel;
use crate::output::{Contents, OutputFile};
pub(crate) use memo::{inputs_but_markdown, structure};
use pages::PageOut;
use theme::Theme;
use views::SiteView;

pub use generated::{ACCESSIBILITY_URL, GLOSSARY_URL, SEARCH_URL};

/// How to render: what `serve` changes from a plain build.
pub struct RenderOptions<'a> {
    /// Overrides `base_url` (serve uses the local address).
    pub base_url: Option<String>,
    pub progress: bool,
    /// What `serve` kept from earlier builds.
    pub cache: &'a Cache,
    /// A digest of every input but page bodies (`memo::structure`); `None` when there is
    /// no cache.
    pub structure: Option<Digest>,
    /// Addresses of pages whose front matter could not be read (their own error is
    /// reported): a link to one is not reported as broken (`crate::partial`).
    pub unreadable: &'a [String],
}

/// Renders every page, section and file of the model.
///
/// Problems are reported in stages, each only when the one before found none:
/// output path clashes; then the content and data pages', the theme's own pages',
/// redirects' and anchors' problems, all together (a page with a broken link is
/// still rendered, in memory, so that anchors into it and from it are checked); then
/// a file written without a claim.
pub fn render(
    model: &SiteModel,
    theme: &Theme,
    opts: &RenderOptions,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let site = views::site_view(model, opts.base_url.as_deref());
    let bar = progress_bar(opts.progress, model.pages.len() + model.sections.len());
    let memo = memo::Memo::new(opts.cache, opts.structure, model, theme, &site);
    // Every path is claimed before anything is rendered; a clash stops the build here.
    let paths = paths::OutputPaths::claim(model, theme);
    if !paths.problems().is_empty() {
        return Err(paths.problems().to_vec());
    }
    let links = memo.link_index(|| link_index(&paths, model, &site, opts.unreadable));
    let shared = pages::Shared {
        model,
        theme,
        site: &site,
        links: &links,
        memo: &memo,
        site_value: tera::Value::from_serializable(&site),
        abbr: crate::content::abbr::Marker::new(&model.glossary),
        meeting_pages: meetings::MeetingPages::of(model),
    };

    let mut jobs: Vec<Job> = Vec::with_capacity(model.pages.len() + model.sections.len());
    jobs.extend((0..model.sections.len()).map(Job::Section));
    jobs.extend((0..model.pages.len()).map(Job::Page));

    let results: Vec<(&Job, Result<PageOut, Vec<Diagnostic>>)> = jobs
        .par_iter()
        .filter_map(|job| {
            let r = match *job {
                Job::Section(i) => pages::render_section(&shared, i),
                Job::Page(i) => Some(pages::render_page(&shared, i)),
            };
            bar.inc(1);
            r.map(|r| (job, r))
        })
        .collect();
    bar.finish_and_clear();

    let wide = memo.site_wide(|| generated::site_wide(model, theme, &site, &paths));
    let mut files = Vec::with_capacity(results.len() + model.files.len() + 8);
    files.extend(wide.data_pages.iter().cloned());
    let mut problems = wide.page_problems.clone();
    // (source, URL, links with a `#`) of every page, for the anchor check below.
    let mut anchored: Vec<(&crate::parse::Document, &str, Vec<String>)> = Vec::new();
    let mut excerpts = search::Excerpts::new(model);
    for (job, r) in results {
        match r {
            Ok(PageOut {
                file: f,
                anchored: links,
                excerpt,
                problems: found,
                ..
            }) => {
                problems.extend(found);
                files.push(f);
                match *job {
                    Job::Section(i) => excerpts.sections[i] = excerpt,
                    Job::Page(i) => excerpts.pages[i] = excerpt,
                }
                if !links.is_empty() {
                    let (doc, url) = match *job {
                        Job::Section(i) => {
                            let s = &model.sections[i];
                            match &s.index {
                                Some(d) => (&*d.doc, s.url.as_str()),
                                None => continue,
                            }
                        }
                        Job::Page(i) => (&*model.pages[i].doc.doc, model.pages[i].url.as_str()),
                    };
                    anchored.push((doc, url, links));
                }
            }
            Err(ds) => problems.extend(ds),
        }
    }
    files.extend(wide.generated.iter().cloned());
    problems.extend(wide.generated_problems.iter().cloned());
    files.extend(wide.redirects.iter().cloned());
    problems.extend(wide.redirect_problems.iter().cloned());
    problems.extend(links::check_anchors(
        &links,
        anchored.iter().map(|(d, u, l)| (*d, *u, l.as_slice())),
        &files,
    ));
    if !problems.is_empty() {
        return Err(problems);
    }
    files.extend(wide.downloads.iter().cloned());
    // A site's own static file replaces the theme's at the same path (a rule of
    // `paths`).
    files.extend(
        theme
            .static_files
            .iter()
            .filter(|f| paths.writes_theme_file(&f.path))
            .cloned(),
    );
    files.extend(model.files.iter().map(|f| OutputFile {
        path: f.output.clone(),
        contents: Contents::Copy(f.source.clone()),
    }));
    files.extend(wide.for_machines.iter().cloned());
    // `aliases` as real redirects, in the files the hosts in site.yaml read.
    let (host_files, host_problems) = host_redirects::files(model);
    if !host_problems.is_empty() {
        return Err(host_problems);
    }
    files.extend(host_files);
    // The search index is made here, not with the site-wide files: it holds the
    // start of every page's text, gathered above.
    files.push(memo.search_index(model, || search::index(model, &site.root, &excerpts, &memo)));
    let unclaimed = paths.check_written(&files);
    if !unclaimed.is_empty() {
        return Err(unclaimed);
    }
    Ok(files)
}

/// Every address this build will publish, for checking links before rendering: the
/// paths claimed in `paths`, so that a file added there can be linked to at once.
fn link_index(
    paths: &paths::OutputPaths,
    model: &SiteModel,
    site: &SiteView,
    unreadable: &[String],
) -> links::LinkIndex {
    links::LinkIndex::new(
        paths
            .paths()
            .chain(unreadable.iter().map(|u| format!("{u}index.html"))),
        &site.root,
        &[&site.base_url, &model.settings.base_url],
    )
}

/// One content page to render: a section (its index page) or a page.
enum Job {
    Section(usize),
    Page(usize),
}

fn progress_bar(enabled: bool, len: usize) -> ProgressBar {
    if !enabled {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("rendering {bar:30} {pos}/{len} pages")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}
