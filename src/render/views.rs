//! What templates see. Each view is a struct of fields chosen for templates, built
//! from the model; templates never see the model itself, so adding a field to the
//! model can never publish it by accident. `docs/templates.md` documents every field.
//!
//! The views every kind of page shares (`site`, links, breadcrumbs, listing items)
//! are built here; a page's own view is built where it is rendered
//! ([`super::pages`], [`super::generated`], [`super::data_pages`]).

use serde::Serialize;

use crate::content::markdown::Heading;
use crate::data::settings::{Area, Compliance, Contact, Licence};
use crate::model::{Section, SiteModel};
use crate::visibility::{Audience, PublicDocument};

/// `site`: the same on every page.
#[derive(Clone, Debug, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: Option<String>,
    pub language: String,
    /// The full address of the site's home page, ending in `/`.
    pub base_url: String,
    /// The path the site lives under on its host: `/` or e.g. `/bcf/`.
    pub root: String,
    pub licence: Licence,
    pub contact: Option<Contact>,
    pub area: Area,
    /// Top-level sections, for the main navigation.
    pub nav: Vec<Link>,
    /// `public` or `members`.
    pub audience: &'static str,
    pub accessibility: AccessibilityView,
    /// The glossary, alphabetically.
    pub glossary: Vec<Term>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Term {
    pub term: String,
    pub expansion: String,
}

/// What the accessibility statement says, from `site.yaml`.
#[derive(Clone, Debug, Serialize)]
pub struct AccessibilityView {
    /// `full`, `partial` or `none`.
    pub status: Compliance,
    pub issues: Vec<String>,
    pub prepared: Option<String>,
    pub prepared_label: Option<String>,
    pub reviewed_label: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// One entry of a listing (a section's pages, the latest papers).
#[derive(Clone, Debug, Serialize)]
pub struct ListItem {
    pub title: String,
    pub url: String,
    pub summary: Option<String>,
    pub date: Option<String>,
    pub date_label: Option<String>,
    pub kind: &'static str,
    pub confidential: bool,
    /// For feedback: the organisation it comes from.
    pub source: Option<String>,
    /// For feedback: its recommendations, each with its latest status in words.
    pub recommendations: Vec<super::record::RecommendationView>,
}

/// Where a feedback page's words come from.
#[derive(Clone, Debug, Serialize)]
pub struct SourceView {
    pub organisation: String,
    pub url: Option<String>,
    pub published: Option<String>,
    pub published_label: Option<String>,
    pub experienced: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MeetingView {
    pub board: String,
    pub date: String,
    pub date_label: String,
    /// The meeting's page (`src/render/meetings.rs`).
    pub url: String,
}

/// A Schedule 12A paragraph and what it covers.
#[derive(Clone, Debug, Serialize)]
pub struct ExemptionView {
    pub paragraph: u8,
    pub meaning: &'static str,
}

/// A published appendix of a paper.
#[derive(Clone, Debug, Serialize)]
pub struct AppendixView {
    pub label: String,
    pub title: String,
    pub url: String,
    pub confidential: bool,
}

/// One appendix of a paper, published or withheld, for the one list a paper shows
/// (`PageView::all_appendices`, in natural label order).
#[derive(Clone, Debug, Serialize)]
pub struct AppendixItem {
    pub label: String,
    /// Absent when a withheld appendix's title is withheld too.
    pub title: Option<String>,
    /// Absent for a withheld appendix: it is listed, never linked.
    pub url: Option<String>,
    /// Published but marked confidential (a members' build).
    pub confidential: bool,
    pub withheld: bool,
    pub exemption: Option<ExemptionView>,
}

/// A confidential appendix: listed, never linked.
#[derive(Clone, Debug, Serialize)]
pub struct WithheldView {
    pub label: String,
    /// Absent when the title itself is withheld.
    pub title: Option<String>,
    pub exemption: Option<ExemptionView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AssetView {
    pub name: String,
    pub url: String,
    /// e.g. "PDF, 240 KB".
    pub description: String,
}

/// `page`: the page being rendered (a section's page too, with its listing).
#[derive(Clone, Debug, Serialize)]
pub struct PageView {
    pub title: String,
    pub summary: Option<String>,
    pub date: Option<String>,
    pub date_label: Option<String>,
    pub kind: &'static str,
    /// Path from the site root, e.g. `/plan/carers/`.
    pub url: String,
    /// Full address, for `rel=canonical`.
    pub permalink: String,
    /// The page body as HTML.
    pub content: String,
    pub headings: Vec<Heading>,
    pub breadcrumbs: Vec<Link>,
    /// Members' builds only: this page is confidential and must be marked.
    pub confidential: bool,
    pub exemption: Option<ExemptionView>,
    pub meeting: Option<MeetingView>,
    pub appendix_label: Option<String>,
    /// For a page inside a bundle (an appendix): the page it belongs to.
    pub parent: Option<Link>,
    pub appendices: Vec<AppendixView>,
    pub withheld_appendices: Vec<WithheldView>,
    /// Both of the above in one list, in natural label order (2 before 10).
    pub all_appendices: Vec<AppendixItem>,
    pub assets: Vec<AssetView>,
    pub relates_to: Vec<String>,
    /// What `relates_to` names, as links to the generated pages.
    pub about: Vec<Link>,
    /// Feedback only: where it comes from, and the consent statement.
    pub source: Option<SourceView>,
    pub consent: Option<String>,
    pub is_section: bool,
    /// On a section: its pages, and its subsections.
    pub pages: Vec<ListItem>,
    pub subsections: Vec<ListItem>,
    /// The home page only: money, progress and feedback at a glance.
    pub home: Option<super::data_pages::HomeView>,
    /// "Last updated" and the list of changes (`updated`, `changes`).
    pub history: Option<super::history::HistoryView>,
    /// Links to the page's other formats, and back to the standard version.
    pub alternates: Vec<super::alternates::AlternateView>,
    /// Papers: what the board decided (`src/render/record.rs`).
    pub decision: Option<super::record::DecisionView>,
    /// Papers and feedback: their recommendations, with outcomes or responses.
    pub recommendations: Vec<super::record::RecommendationView>,
    /// A meeting's page: its time, place, links and agenda (`src/render/meetings.rs`).
    pub agenda: Option<super::meetings::AgendaView>,
    /// The index of meetings: every meeting, upcoming first.
    pub meetings: Vec<super::meetings::AgendaView>,
}

impl PageView {
    /// A page with only its title and address, for pages generated without Markdown.
    pub fn blank(title: String, kind: &'static str, url: String, permalink: String) -> PageView {
        PageView {
            title,
            summary: None,
            date: None,
            date_label: None,
            kind,
            url,
            permalink,
            content: String::new(),
            headings: Vec::new(),
            breadcrumbs: Vec::new(),
            confidential: false,
            exemption: None,
            meeting: None,
            appendix_label: None,
            parent: None,
            appendices: Vec::new(),
            withheld_appendices: Vec::new(),
            all_appendices: Vec::new(),
            assets: Vec::new(),
            relates_to: Vec::new(),
            about: Vec::new(),
            source: None,
            consent: None,
            is_section: false,
            pages: Vec::new(),
            subsections: Vec::new(),
            home: None,
            history: None,
            alternates: Vec::new(),
            decision: None,
            recommendations: Vec::new(),
            agenda: None,
            meetings: Vec::new(),
        }
    }
}

/// `site`, from the settings; `base_url` overrides the settings' (serve uses the
/// local address).
pub(super) fn site_view(model: &SiteModel, base_url: Option<&str>) -> SiteView {
    let s = &model.settings;
    let base_url = base_url.map_or_else(|| s.base_url.clone(), str::to_string);
    let base_url = if base_url.ends_with('/') {
        base_url
    } else {
        format!("{base_url}/")
    };
    let root = crate::data::settings::url_prefix(&base_url);
    let mut nav: Vec<Link> = model
        .root()
        .subsections
        .iter()
        .map(|&i| section_link(model, &model.sections[i], &root))
        .collect();
    // The meetings' index, when bcfsite makes it (a `meetings/` section of the
    // site's own is already in the list above).
    if super::meetings::urls(model)
        .iter()
        .any(|u| u == super::meetings::INDEX_URL)
    {
        nav.push(Link {
            title: "Meetings".into(),
            url: format!("{root}{}", super::meetings::INDEX_URL),
        });
    }
    nav.extend(super::data_pages::nav_links(&model.data, &root));
    SiteView {
        title: s.title.clone(),
        description: s.description.clone(),
        language: s.language.clone(),
        base_url,
        root,
        licence: s.licence(),
        contact: s.contact.clone(),
        area: s.area.clone(),
        nav,
        audience: match model.audience {
            Audience::Public => "public",
            Audience::Members => "members",
        },
        glossary: model
            .glossary
            .iter()
            .map(|(term, expansion)| Term {
                term: term.clone(),
                expansion: expansion.clone(),
            })
            .collect(),
        accessibility: AccessibilityView {
            status: s.accessibility.status,
            issues: s.accessibility.issues.clone(),
            prepared: s.accessibility.prepared.map(|d| d.iso()),
            prepared_label: s.accessibility.prepared.map(|d| d.label()),
            reviewed_label: s.accessibility.reviewed.map(|d| d.label()),
        },
    }
}

fn section_title(model: &SiteModel, section: &Section) -> String {
    match &section.index {
        Some(doc) => doc.doc.front.title.clone(),
        None => model.settings.title.clone(),
    }
}

fn section_link(model: &SiteModel, section: &Section, root: &str) -> Link {
    Link {
        title: section_title(model, section),
        url: format!("{root}{}", section.url),
    }
}

/// The way from the home page to `section`, as links.
pub(super) fn breadcrumbs(model: &SiteModel, mut section: Option<usize>, root: &str) -> Vec<Link> {
    let mut crumbs = Vec::new();
    while let Some(i) = section {
        let s = &model.sections[i];
        crumbs.push(if i == 0 {
            Link {
                title: "Home".into(),
                url: root.to_string(),
            }
        } else {
            section_link(model, s, root)
        });
        section = s.parent;
    }
    crumbs.reverse();
    crumbs
}

/// The sections inside `section`, as listing items.
pub(super) fn subsection_items(model: &SiteModel, section: &Section, root: &str) -> Vec<ListItem> {
    section
        .subsections
        .iter()
        .filter_map(|&s| {
            let sub = &model.sections[s];
            sub.index
                .as_ref()
                .map(|d| list_item(d, format!("{root}{}", sub.url)))
        })
        .collect()
}

/// A page or section as an entry of a listing.
pub(super) fn list_item(doc: &PublicDocument, url: String) -> ListItem {
    let f = &doc.doc.front;
    ListItem {
        title: f.title.clone(),
        url,
        summary: f.summary.clone(),
        date: f.date.map(|d| d.iso()),
        date_label: f.date.map(|d| d.label()),
        kind: f.kind.as_str(),
        confidential: doc.marked_confidential,
        source: f.source.as_ref().map(|s| s.organisation.clone()),
        recommendations: if f.kind.listed_as_feedback() {
            super::record::recommendation_views(&f.recommendations, None, true)
        } else {
            Vec::new()
        },
    }
}

/// Human file size, as GOV.UK writes it beside a download.
pub fn describe_file(name: &str, bytes: u64) -> String {
    let kind = name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_uppercase())
        .unwrap_or_else(|| "File".into());
    let size = if bytes < 1024 {
        format!("{bytes} bytes")
    } else if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    };
    format!("{kind}, {size}")
}

#[cfg(test)]
mod tests {
    use super::describe_file;

    #[test]
    fn file_descriptions() {
        assert_eq!(describe_file("report.pdf", 245_000), "PDF, 240 KB");
        assert_eq!(describe_file("a.csv", 12), "CSV, 12 bytes");
        assert_eq!(describe_file("big.xlsx", 3 * 1024 * 1024), "XLSX, 3.0 MB");
    }
}
