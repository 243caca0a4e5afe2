//! Stage 4, model: sections, pages, bundles and their files, papers and appendices,
//! each with its URL — built only from what the visibility stage published.
//!
//! URLs come from the content paths, each folder and page name made into a slug:
//! `plan/Our Priorities.md` is `/plan/our-priorities/`. Two things claiming one URL
//! is an error naming both, since one would silently replace the other; that is
//! checked with every other file a build writes, in `render::paths`.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

mod aliases;
pub mod data;
pub mod records;

use crate::data::glossary::Glossary;
use crate::data::settings::Settings;
use crate::diagnostic::{Diagnostic, Diagnostics};
pub use crate::parse::folder_url;
use crate::parse::{Role, parent_dir};
use crate::visibility::{Audience, PublicDocument, Published, WithheldAppendix, owning_bundle};

/// A section: a folder with an `_index.md` (the top of the site always is one).
#[derive(Debug)]
pub struct Section {
    pub dir: String,
    /// Site-relative URL path, `""` for the home page, else ending in `/`.
    pub url: String,
    /// `None` only for a top folder without `_index.md`.
    pub index: Option<PublicDocument>,
    pub parent: Option<usize>,
    pub subsections: Vec<usize>,
    /// Pages directly in this section (a bundle's own pages are listed on the bundle).
    pub pages: Vec<usize>,
}

/// A page, with what belongs to it.
#[derive(Debug)]
pub struct Page {
    pub doc: PublicDocument,
    pub url: String,
    pub section: usize,
    /// For a page inside a bundle (an appendix): the bundle's page (its paper).
    pub parent_page: Option<usize>,
    /// Pages inside this page's bundle, e.g. its published appendices.
    pub children: Vec<usize>,
    /// Confidential appendices of this paper: listed, never linked.
    pub withheld_appendices: Vec<WithheldAppendix>,
    /// Files of the bundle, published beside the page.
    pub assets: Vec<Asset>,
}

#[derive(Clone, Debug)]
pub struct Asset {
    pub name: String,
    pub url: String,
    pub bytes: u64,
}

/// A redirect page at an old address (`aliases`), pointing at a published page.
#[derive(Clone, Debug)]
pub struct Redirect {
    /// Output path of the redirect page, e.g. `old/name/index.html`.
    pub output: String,
    /// The old address as the page's `aliases` gives it, e.g. `/old/name/`.
    pub alias: String,
    /// Site-relative address of the page it points at.
    pub target: String,
    pub title: String,
    pub source: String,
}

/// A file copied into the output as it is.
#[derive(Clone, Debug)]
pub struct CopiedFile {
    /// Output path relative to the site root.
    pub output: String,
    pub source: PathBuf,
}

/// The whole public (or members') site, ready to render. It can only be built by
/// [`build`] from a decided site: its `decided` field is the proof.
#[derive(Debug)]
pub struct SiteModel {
    #[allow(dead_code)]
    decided: crate::visibility::Decided,
    pub site_dir: PathBuf,
    pub settings: Settings,
    pub glossary: Glossary,
    pub audience: Audience,
    pub sections: Vec<Section>,
    pub pages: Vec<Page>,
    pub files: Vec<CopiedFile>,
    pub redirects: Vec<Redirect>,
    pub data: data::DataModel,
    /// Published pages whose `relates_to` names each id, in listing order.
    pub related: BTreeMap<String, Vec<usize>>,
    /// Ids of withheld records and the files holding them, so an embed of one can be
    /// refused by name.
    pub withheld_ids: BTreeMap<String, String>,
    /// Addresses of pages and files left out of this build, so a link to one is an
    /// error that says why.
    pub unpublished: BTreeMap<String, (crate::visibility::Unpublished, String)>,
    pub withheld_count: usize,
    /// The build's "now" (`--now`).
    pub now: time::OffsetDateTime,
    /// Confidential papers listed on their meetings' agendas (`src/render/meetings.rs`).
    pub withheld_agenda: Vec<crate::visibility::WithheldAgendaItem>,
}

impl SiteModel {
    pub fn root(&self) -> &Section {
        &self.sections[0]
    }
}

fn page_url(doc: &PublicDocument) -> String {
    doc.doc.url().to_string()
}

/// Builds the model from a published site.
pub fn build(published: Published, diags: &mut Diagnostics) -> SiteModel {
    let parts = published.into_parts();

    // Sections first, so pages can find theirs.
    let mut sections = vec![Section {
        dir: String::new(),
        url: String::new(),
        index: None,
        parent: None,
        subsections: Vec::new(),
        pages: Vec::new(),
    }];
    let mut section_of_dir: BTreeMap<String, usize> = BTreeMap::from([(String::new(), 0)]);
    let mut page_docs = Vec::new();
    let mut section_docs: Vec<PublicDocument> = Vec::new();
    for doc in parts.documents {
        if doc.doc.role == Role::SectionIndex {
            section_docs.push(doc);
        } else {
            page_docs.push(doc);
        }
    }
    // Shallow folders first so parents exist before their children.
    section_docs.sort_by(|a, b| {
        (a.doc.dir().matches('/').count(), a.doc.dir())
            .cmp(&(b.doc.dir().matches('/').count(), b.doc.dir()))
    });
    for doc in section_docs {
        let dir = doc.doc.dir().to_string();
        if dir.is_empty() {
            sections[0].index = Some(doc);
            continue;
        }
        let parent = nearest_section(&dir, &section_of_dir);
        let idx = sections.len();
        sections.push(Section {
            url: folder_url(&dir),
            dir: dir.clone(),
            index: Some(doc),
            parent: Some(parent),
            subsections: Vec::new(),
            pages: Vec::new(),
        });
        sections[parent].subsections.push(idx);
        section_of_dir.insert(dir, idx);
    }

    // Pages; bundles first so their children can attach to them.
    page_docs.sort_by_key(|d| d.doc.role != Role::BundleIndex);
    let mut pages: Vec<Page> = Vec::with_capacity(page_docs.len());
    let mut page_of_bundle: HashMap<String, usize> = HashMap::new();
    for doc in page_docs {
        let section = nearest_section(doc.doc.dir(), &section_of_dir);
        let url = page_url(&doc);
        if doc.doc.role == Role::BundleIndex {
            page_of_bundle.insert(doc.doc.dir().to_string(), pages.len());
        }
        pages.push(Page {
            doc,
            url,
            section,
            parent_page: None,
            children: Vec::new(),
            withheld_appendices: Vec::new(),
            assets: Vec::new(),
        });
    }
    for i in 0..pages.len() {
        match owning_bundle(&pages[i].doc.doc, &parts.bundle_dirs)
            .and_then(|b| page_of_bundle.get(b))
        {
            Some(&parent) => {
                pages[i].parent_page = Some(parent);
                pages[parent].children.push(i);
            }
            None => {
                let s = pages[i].section;
                sections[s].pages.push(i);
            }
        }
    }
    for notice in parts.withheld_appendices {
        if let Some(&p) = page_of_bundle.get(&notice.paper_dir) {
            pages[p].withheld_appendices.push(notice);
        }
    }
    for p in &mut pages {
        p.withheld_appendices.sort_by(|a, b| a.label.cmp(&b.label));
    }

    // Files: bundle files sit beside their page; others keep their folder's URL.
    let mut files = Vec::new();
    for asset in parts.content_assets {
        let name = asset.rel.rsplit('/').next().unwrap_or_default().to_string();
        let output = format!("{}{}", folder_url(parent_dir(&asset.rel)), name);
        let owner = bundle_of_asset(&asset.rel, &page_of_bundle);
        if let Some(p) = owner {
            let bytes = std::fs::metadata(&asset.abs).map(|m| m.len()).unwrap_or(0);
            pages[p].assets.push(Asset {
                name: name.clone(),
                url: output.clone(),
                bytes,
            });
        }
        files.push(CopiedFile {
            output,
            source: asset.abs,
        });
    }
    for file in parts.static_files {
        files.push(CopiedFile {
            output: file.rel,
            source: file.abs,
        });
    }

    sort_listings(&mut sections, &mut pages);
    let data = data::DataModel::build(parts.data, &parts.withheld_ids, diags);
    // Only published pages get redirects: an alias of a withheld page is never written.
    let redirects: Vec<Redirect> = sections
        .iter()
        .filter_map(|s| s.index.as_ref().map(|d| (d, s.url.clone())))
        .chain(pages.iter().map(|p| (&p.doc, p.url.clone())))
        .flat_map(|(d, url)| {
            d.doc.front.aliases.iter().map(move |a| Redirect {
                output: aliases::alias_output(a),
                alias: a.clone(),
                target: url.clone(),
                title: d.doc.front.title.clone(),
                source: d.doc.source.path.clone(),
            })
        })
        .collect();
    // Clashes between everything a build writes are found in one place, once the
    // theme is known too: `render::paths`.
    check_populations(&data, &parts.settings, diags);
    data.check_headline(&parts.settings, &parts.withheld_ids, diags);
    let related = relate(&pages, &data, &parts.withheld_ids, diags);

    SiteModel {
        decided: parts.decided,
        site_dir: parts.site_dir,
        settings: parts.settings,
        glossary: parts.glossary,
        audience: parts.audience,
        sections,
        pages,
        files,
        redirects,
        data,
        related,
        withheld_ids: parts.withheld_ids,
        unpublished: parts.unpublished,
        withheld_count: parts.withheld_count,
        now: parts.now,
        withheld_agenda: parts.withheld_agenda,
    }
}

/// Checks every `relates_to` id and indexes the pages by the ids they name. An id
/// of a withheld record is an error naming both files: a public page must not point
/// at something confidential, even by name.
fn relate(
    pages: &[Page],
    data: &data::DataModel,
    withheld: &BTreeMap<String, String>,
    diags: &mut Diagnostics,
) -> BTreeMap<String, Vec<usize>> {
    let mut related: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, page) in pages.iter().enumerate() {
        let doc = &page.doc.doc;
        for id in &doc.front.relates_to {
            // Looked for only when there is something to report.
            let span = || {
                crate::content::front_matter::spans(&doc.source)
                    .and_then(|s| s.root().get("relates_to")?.find_scalar(id))
                    .unwrap_or(0..0)
            };
            let key = records::canonical_id(id);
            if data.resolve(id).is_some() {
                related.entry(key).or_default().push(i);
            } else if let Some(file) = withheld.get(id).or_else(|| withheld.get(&key)) {
                diags.push(
                    Diagnostic::error(
                        "relates-to-confidential",
                        format!("this page relates to `{id}`, which is confidential"),
                    )
                    .at(&doc.source, span())
                    .with_note(format!("{file} marks `{id}` confidential"))
                    .with_help(
                        "remove the id from `relates_to`, or mark this page confidential too",
                    ),
                );
            } else {
                let known = data.all_ids();
                let help = match crate::diagnostic::did_you_mean(id, known.iter().map(String::as_str)) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "relates_to takes ids of plans, funding sources, schemes and metrics; a quarter by its period (2024-25-Q2); a return's national conditions (2024-25-Q2-conditions, or 2023-24-conditions for a year-end return's), a year-end return (2024-25-year-end) or capacity and demand (2024-25-capacity) by the period and the part".to_string(),
                };
                diags.push(
                    Diagnostic::error(
                        "unknown-id",
                        format!("there is nothing with the id `{id}` to relate to"),
                    )
                    .at(&doc.source, span())
                    .with_help(help),
                );
            }
        }
    }
    related
}

/// A metric's `population` must be one of site.yaml's named populations.
fn check_populations(data: &data::DataModel, settings: &Settings, diags: &mut Diagnostics) {
    let names: Vec<&str> = settings
        .area
        .population
        .keys()
        .map(String::as_str)
        .collect();
    for m in &data.metrics {
        if let Some(pop) = &m.metric.population
            && !settings.area.population.contains_key(pop)
        {
            let help = match crate::diagnostic::did_you_mean(pop, names.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "add it under `area: population:` in content/site.yaml".to_string(),
            };
            diags.push(
                Diagnostic::error(
                    "unknown-population",
                    format!("`{pop}` is not a population in site.yaml"),
                )
                .at(
                    &m.source,
                    data::metric_key_span(&m.source, &m.metric.id, "population"),
                )
                .with_help(help),
            );
        }
    }
}

fn nearest_section(dir: &str, section_of_dir: &BTreeMap<String, usize>) -> usize {
    let mut d = dir;
    loop {
        if let Some(&i) = section_of_dir.get(d) {
            return i;
        }
        if d.is_empty() {
            return 0;
        }
        d = parent_dir(d);
    }
}

fn bundle_of_asset(rel: &str, page_of_bundle: &HashMap<String, usize>) -> Option<usize> {
    let mut d = parent_dir(rel);
    loop {
        if let Some(&p) = page_of_bundle.get(d) {
            return Some(p);
        }
        if d.is_empty() {
            return None;
        }
        d = parent_dir(d);
    }
}

/// Orders listings: by `weight` (lowest first), then newest date, then title.
fn sort_listings(sections: &mut [Section], pages: &mut [Page]) {
    // Each key is made once per item (`sort_by_cached_key`): lower-casing a title
    // in every comparison was most of the cost at 10,000 pages.
    let key = |doc: &PublicDocument| {
        let f = &doc.doc.front;
        (
            f.weight.unwrap_or(i64::MAX),
            std::cmp::Reverse(f.date),
            f.title.to_lowercase(),
        )
    };
    for s in 0..sections.len() {
        let mut list = std::mem::take(&mut sections[s].pages);
        list.sort_by_cached_key(|&p| key(&pages[p].doc));
        sections[s].pages = list;
        let mut subs = std::mem::take(&mut sections[s].subsections);
        subs.sort_by_cached_key(|&c| sections[c].index.as_ref().map(key));
        sections[s].subsections = subs;
    }
    for p in 0..pages.len() {
        let mut children = std::mem::take(&mut pages[p].children);
        children.sort_by_cached_key(|&c| {
            let f = &pages[c].doc.doc.front;
            (f.appendix.clone(), key(&pages[c].doc))
        });
        pages[p].children = children;
    }
}

/// The address an output file is found at: `plan/` for `plan/index.html`.
pub(crate) fn address_of(output: &str) -> &str {
    if output == "index.html" {
        ""
    } else {
        output
            .strip_suffix("index.html")
            .filter(|dir| dir.ends_with('/'))
            .unwrap_or(output)
    }
}

#[cfg(test)]
mod tests {
    use super::folder_url;

    #[test]
    fn addresses_of_outputs() {
        assert_eq!(super::address_of("index.html"), "");
        assert_eq!(super::address_of("plan/index.html"), "plan/");
        assert_eq!(super::address_of("plan/report.pdf"), "plan/report.pdf");
        assert_eq!(super::address_of("plan/myindex.html"), "plan/myindex.html");
    }

    #[test]
    fn folder_urls_are_slugs() {
        assert_eq!(folder_url(""), "");
        assert_eq!(folder_url("Plan/Our Work"), "plan/our-work/");
    }
}
