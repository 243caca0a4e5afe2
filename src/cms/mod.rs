//! `bcfsite cms [SITE] [--vendor FILE]`: browser editing with Decap CMS.
//!
//! Writes `static/admin/config.yml` (the forms, from bcfsite's own schemas: see
//! [`forms`] for the fields, [`fields`] for them as Decap's widgets and [`config`] for
//! the collections), `static/admin/index.html` (the page that loads Decap, see
//! [`admin`]) and `cms/records.yml` (the ids pages may relate to, see [`records`]).
//!
//! `static/` is published, so the admin page and its settings are public. They name
//! only what bcfsite can tell is public: a section comes in when its `_index.md`, and
//! every one above it, is neither confidential, nor a draft, nor embargoed, nor has
//! its title withheld; every other section is left out and said so. A section page or
//! data document bcfsite cannot read is an error, since then it cannot decide. Saving
//! needs a logged-in backend (or `decap-server` on the editor's own machine), and
//! what is saved is checked by `bcfsite check` and the build like any other file.
//!
//! It writes only files it made before (each carries a marker) or new ones.

pub mod admin;
pub mod config;
pub mod fields;
pub mod forms;
pub mod node;
pub mod records;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use time::OffsetDateTime;

use crate::content::front_matter::{self, FrontMatter};
use crate::data::period::Period;
use crate::data::{DataDoc, DataFile};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::ContentFile;
use crate::parse::{ancestor_dirs, parent_dir};

use config::{Inputs, KIND_FOLDERS, Section};
use forms::SiteFacts;

/// What `bcfsite cms` was asked for.
#[derive(Clone, Debug)]
pub struct CmsOptions {
    /// A local copy of Decap's `decap-cms.js` to serve from the site.
    pub vendor: Option<PathBuf>,
    /// The time embargoes are judged by: a section embargoed until later is left out.
    pub now: OffsetDateTime,
}

/// What was written, and what was left out.
#[derive(Debug, Default)]
pub struct Made {
    /// Files written, from the site folder.
    pub written: Vec<String>,
    pub collections: usize,
    pub records: usize,
    /// Sections the CMS does not show, each with why (`content/private/: confidential`).
    pub left_out: Vec<String>,
    /// Anything else worth saying, such as a vendored bundle no longer used.
    pub notes: Vec<String>,
}

const CONFIG: &str = "static/admin/config.yml";
const PAGE: &str = "static/admin/index.html";
const VENDORED: &str = "static/admin/decap-cms.js";

/// Writes the CMS files for the site at `site`.
pub fn cms(site: &Path, opts: &CmsOptions) -> Result<Made, Diagnostics> {
    let mut diags = Diagnostics::default();
    let sources = crate::load::load(site, &crate::incremental::Cache::disabled(), &mut diags);
    if diags.has_errors() {
        return Err(diags);
    }
    let mut errors = Vec::new();
    let mut settings = None;
    let mut data = Vec::new();
    for file in sources.data {
        match file.rel.as_str() {
            "site.yaml" => match crate::data::settings::parse(&file.source) {
                Ok(s) => settings = Some(s),
                Err(d) => errors.extend(d),
            },
            "glossary.yaml" => {}
            _ => match crate::data::parse(file) {
                Ok(f) => data.push(f),
                Err(d) => errors.push(d),
            },
        }
    }
    // In path order, so the records index is the same from one run to the next.
    data.sort_by(|a: &DataFile, b: &DataFile| a.file.rel.cmp(&b.file.rel));
    let sections = read_sections(&sources.markdown, &mut errors);
    let Some(settings) = settings else {
        errors.push(
            Diagnostic::error("no-site-settings", "there is no `content/site.yaml`")
                .with_help("add content/site.yaml with at least `title:` and `base_url:`"),
        );
        return Err(errors.into());
    };
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let mut made = Made::default();
    let inputs = Inputs {
        base_url: settings.base_url.clone(),
        facts: SiteFacts {
            board: settings.area.board.clone(),
            years: years(&data, opts.now),
        },
        ..choose_sections(&sections, opts.now, &mut made.left_out)
    };
    let records = records::collect(&data);
    made.records = records.len();
    made.collections = config::collections(&inputs).len();
    let files = plan_files(site, &inputs, &records, opts.vendor.is_some())?;
    if let Some(vendor) = &opts.vendor {
        let bytes = std::fs::read(vendor).map_err(|e| {
            vec![
                Diagnostic::error(
                    "cms-vendor-unreadable",
                    format!("cannot read {}: {e}", vendor.display()),
                )
                .with_help("give the path of Decap's bundle, such as node_modules/decap-cms/dist/decap-cms.js (npm install decap-cms)"),
            ]
        })?;
        write(site, VENDORED, &bytes)?;
        made.written.push(VENDORED.to_string());
    }
    for (rel, text) in files {
        write(site, rel, text.as_bytes())?;
        made.written.push(rel.to_string());
    }
    if opts.vendor.is_none() && site.join(VENDORED).exists() {
        made.notes.push(format!(
            "{VENDORED} is no longer used (the page loads Decap from unpkg.com): delete it, or run bcfsite cms --vendor again"
        ));
    }
    Ok(made)
}

/// The three files to write, after checking that any already there are ours.
fn plan_files(
    site: &Path,
    inputs: &Inputs,
    records: &[records::Record],
    vendored: bool,
) -> Result<Vec<(&'static str, String)>, Diagnostics> {
    let old_config = ours(site, CONFIG, config::HEADER.lines().next().unwrap_or(""))?;
    ours(site, PAGE, admin::MARKER)?;
    ours(
        site,
        records::PATH,
        records::HEADER.lines().next().unwrap_or(""),
    )?;
    let backend = old_config.as_deref().and_then(config::backend_block);
    let failed = |e: String| -> Diagnostics {
        vec![Diagnostic::error(
            "cms-failed",
            format!("cannot write the CMS settings: {e}"),
        )]
        .into()
    };
    Ok(vec![
        (
            CONFIG,
            config::config_text(inputs, backend.as_deref()).map_err(failed)?,
        ),
        (PAGE, admin::page(vendored)),
        (records::PATH, records::text(records).map_err(failed)?),
    ])
}

/// The text of `rel` if it is there and has `marker`; an error if it is there
/// without it, since then someone else made it.
fn ours(site: &Path, rel: &str, marker: &str) -> Result<Option<String>, Diagnostics> {
    let path = site.join(rel);
    if !path.exists() {
        return Ok(None);
    }
    match std::fs::read_to_string(&path) {
        Ok(text) if text.contains(marker) => Ok(Some(text)),
        _ => Err(not_ours(rel)),
    }
}

fn not_ours(rel: &str) -> Diagnostics {
    vec![
        Diagnostic::error(
            "cms-not-ours",
            format!("{rel} is already there, and bcfsite cms did not make it"),
        )
        .in_file(rel)
        .with_help("bcfsite cms never replaces a file it did not make: move it away (keep what you need from it), then run bcfsite cms again"),
    ]
    .into()
}

fn write(site: &Path, rel: &str, bytes: &[u8]) -> Result<(), Diagnostics> {
    let path = site.join(rel);
    path.parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(&path, bytes))
        .map_err(|e| {
            vec![
                Diagnostic::error("cms-failed", format!("cannot write {rel}: {e}"))
                    .with_help("check the folder can be written to"),
            ]
            .into()
        })
}

/// Financial years a plan's amounts can be given for: every plan's years and the
/// current one, oldest first.
fn years(data: &[DataFile], now: OffsetDateTime) -> Vec<String> {
    let date = now.date();
    let start = date.year() as u16 - u16::from(u8::from(date.month()) < 4);
    let mut years: Vec<Period> = data
        .iter()
        .filter_map(|f| match &f.doc {
            DataDoc::Plan(p) => Some(p.years.iter().copied()),
            _ => None,
        })
        .flatten()
        .chain([Period::year(start)])
        .collect();
    years.sort();
    years.dedup();
    years.iter().map(ToString::to_string).collect()
}

/// The front matter of every section page (`_index.md`) outside a bundle, by folder.
fn read_sections(
    markdown: &[ContentFile],
    errors: &mut Vec<Diagnostic>,
) -> BTreeMap<String, FrontMatter> {
    let bundles: Vec<&str> = markdown
        .iter()
        .filter(|f| f.rel == "index.md" || f.rel.ends_with("/index.md"))
        .map(|f| parent_dir(&f.rel))
        .collect();
    let in_bundle = |dir: &str| {
        bundles
            .iter()
            .any(|b| dir == *b || dir.starts_with(&format!("{b}/")))
    };
    let mut out = BTreeMap::new();
    for file in markdown {
        let name = file.rel.rsplit('/').next().unwrap_or_default();
        let dir = parent_dir(&file.rel);
        if name != "_index.md" || in_bundle(dir) {
            continue;
        }
        let parsed = front_matter::split(&file.source)
            .map_err(|d| vec![d])
            .and_then(|split| front_matter::parse(&file.source, &split));
        match parsed {
            Ok(fm) => {
                out.insert(dir.to_string(), fm);
            }
            Err(d) => errors.extend(d),
        }
    }
    out
}

/// Why a section page is not public now, if it is not.
fn withheld(fm: &FrontMatter, now: OffsetDateTime) -> Option<String> {
    if fm.confidential {
        Some("confidential".into())
    } else if fm.draft {
        Some("a draft".into())
    } else if fm.title_public == Some(false) {
        Some("its title is withheld".into())
    } else {
        fm.publish
            .filter(|p| p.0 > now)
            .map(|_| "embargoed (publish is still to come)".into())
    }
}

/// Splits the sections into those the CMS shows and those it leaves out (with why).
fn choose_sections(
    sections: &BTreeMap<String, FrontMatter>,
    now: OffsetDateTime,
    left_out: &mut Vec<String>,
) -> Inputs {
    let mut inputs = Inputs::default();
    for (dir, fm) in sections {
        if dir.is_empty() {
            continue;
        }
        let probe = format!("{dir}/_index.md");
        let why = ancestor_dirs(&probe).find_map(|d| {
            let above = sections.get(d)?;
            withheld(above, now).map(|w| {
                if d == dir {
                    w
                } else {
                    format!("in content/{d}/, which is {w}")
                }
            })
        });
        if let Some(why) = why {
            left_out.push(format!("content/{dir}/: {why}"));
            continue;
        }
        let top = dir.split('/').next().unwrap_or_default();
        let section = Section {
            rel: dir.clone(),
            title: fm.title.trim().to_string(),
        };
        if !KIND_FOLDERS.contains(&top) {
            inputs.sections.push(section);
        } else if dir == top && matches!(top, "papers" | "feedback" | "meetings") {
            inputs.kind_sections.push(section);
        } else if dir != top {
            left_out.push(format!(
                "content/{dir}/: a section inside content/{top}/, whose collection lists only its own folder"
            ));
        }
    }
    inputs
}

#[cfg(test)]
mod tests;
