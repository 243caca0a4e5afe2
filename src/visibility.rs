//! Stage 3, decide: the one place that decides what is published.
//!
//! (Over 500 lines on purpose: this is the one place that decides what is public, and
//! splitting the decision would make it two places. What is not the decision itself
//! (withheld amounts a reader could work out) is in `visibility/disclosure.rs`.)
//!
//! Every later stage works from a [`Published`], and this module is the only one
//! that can make one (its fields are private and it has no public constructor), so
//! nothing can reach a template, a listing or the output folder without passing
//! through [`decide`]. The rules:
//!
//! - `confidential: true` on a section's `_index.md` covers everything below it; on a
//!   page, its bundle (the pages and files in its folder) too.
//! - Drafts (`draft: true`, inherited the same way) appear only with `--drafts`.
//! - Embargoed pages (`publish` later than `--now`) stay out of public builds.
//! - A public build leaves confidential things out; a members' build keeps them,
//!   marked, for committee members.
//! - A confidential appendix whose paper is published is listed on that paper by its
//!   label (and title, unless `title_public: false`), never linked.
//! - On a published page, a confidential recommendation (and its outcome), a
//!   confidential response to one, and the text of a confidential decision are taken
//!   out of the front matter before anything renders it (the board's record).
//! - A symbolic link is judged by the file it leads to: a link to a confidential
//!   file (by its folders or its own flag), or to a draft or embargoed file from where
//!   the link itself is not one, is refused with an error and never published.

pub mod disclosure;

use std::collections::{BTreeMap, BTreeSet};

use time::OffsetDateTime;

use crate::content::front_matter::{ExemptParagraph, FrontMatter};
use crate::data::glossary::Glossary;
use crate::data::settings::Settings;
use crate::data::{DataDoc, DataFile};
use crate::diagnostic::Diagnostic;
use crate::leaves::Leaves;
use crate::load::AssetFile;
use crate::model::records::ReturnPart;
use crate::parse::{Document, Parsed, Role, ancestor_dirs, parent_dir};

/// Who a build is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Audience {
    /// Residents: nothing confidential, ever.
    #[default]
    Public,
    /// Committee members: everything, confidential pages marked as such.
    Members,
}

/// What a build is allowed to include.
#[derive(Clone, Debug)]
pub struct Policy {
    pub audience: Audience,
    pub include_drafts: bool,
    pub now: OffsetDateTime,
}

/// A page that passed, and whether it must carry the confidential marking (members'
/// builds only; in a public build this is always false).
#[derive(Clone, Debug)]
pub struct PublicDocument {
    pub doc: std::sync::Arc<Document>,
    pub marked_confidential: bool,
}

/// A data document that passed, with only the records the audience may see, and
/// how many records were left out (pages say so, and totals are computed without
/// them).
#[derive(Clone, Debug)]
pub struct PublicData {
    pub file: DataFile,
    pub withheld_records: usize,
    /// For a plan in a public build: withheld amounts that are published anyway
    /// (`amount_public`), and sums of withheld amounts a reader can work out.
    pub disclosure: disclosure::PlanDisclosure,
    /// For a year-end return in a public build: sums of withheld lines a reader can
    /// work out, which its page states.
    pub year_end_sums: Vec<disclosure::YearEndSum>,
}

/// Something confidential that was left out, as the leak audit needs to recognise it
/// in the output: passages (matched by runs of words), phrases (matched whole), ids,
/// distinctive figures, and withheld files (matched by their bytes).
#[derive(Clone, Debug, Default)]
pub struct WithheldSource {
    pub file: String,
    pub passages: Vec<String>,
    pub phrases: Vec<String>,
    pub ids: Vec<String>,
    pub figures: Vec<crate::data::amount::Amount>,
    pub asset: Option<std::path::PathBuf>,
}

impl WithheldSource {
    /// Every text of a record is looked for both as a passage (runs of words, if it
    /// is long) and as a phrase (whole, if it is short); see [`Leaves`].
    fn from_leaves(file: &str, l: Leaves) -> Self {
        WithheldSource {
            file: file.to_string(),
            passages: l.texts.clone(),
            phrases: l.texts,
            ids: l.ids,
            figures: l.figures,
            asset: None,
        }
    }
}

/// A confidential appendix of a published paper: what may be said about it.
#[derive(Clone, Debug)]
pub struct WithheldAppendix {
    /// The bundle folder of the paper it belongs to.
    pub paper_dir: String,
    pub label: String,
    /// `None` when `title_public: false`.
    pub title: Option<String>,
    pub paragraph: Option<ExemptParagraph>,
}

/// A confidential paper at a public meeting: listed on the meeting's agenda by its
/// title (unless `title_public: false`) and Schedule 12A paragraph, never linked.
#[derive(Clone, Debug)]
pub struct WithheldAgendaItem {
    pub board: String,
    pub date: crate::content::front_matter::Date,
    pub item: Option<u32>,
    /// `None` when `title_public: false`.
    pub title: Option<String>,
    pub paragraph: Option<ExemptParagraph>,
}

/// Proof that a site went through [`decide`]. Only this module can make one, and the
/// site model cannot be built without one, so no page, listing or file can reach the
/// renderer without being decided.
///
/// ```compile_fail
/// // Outside this module a `Decided` cannot be made...
/// let token = bcfsite::visibility::Decided(());
/// ```
///
/// ```compile_fail
/// // ...so neither can the site model that render takes.
/// fn forge(m: bcfsite::model::SiteModel) -> bcfsite::model::SiteModel {
///     bcfsite::model::SiteModel { pages: Vec::new(), ..m }
/// }
/// ```
#[derive(Debug)]
pub struct Decided(());

/// The part of a site that may be published to the build's audience.
#[derive(Debug)]
pub struct Published {
    site_dir: std::path::PathBuf,
    settings: Settings,
    glossary: Glossary,
    documents: Vec<PublicDocument>,
    data: Vec<PublicData>,
    withheld_ids: BTreeMap<String, String>,
    content_assets: Vec<AssetFile>,
    static_files: Vec<AssetFile>,
    withheld_appendices: Vec<WithheldAppendix>,
    withheld_agenda: Vec<WithheldAgendaItem>,
    bundle_dirs: BTreeSet<String>,
    withheld_count: usize,
    withheld_sources: Vec<WithheldSource>,
    public_texts: Vec<String>,
    allowed: Vec<String>,
    unpublished: BTreeMap<String, (Unpublished, String)>,
    audience: Audience,
    now: OffsetDateTime,
    held_back: Vec<HeldBack>,
    /// What could not be decided safely: a link to a withheld file, a withheld amount
    /// a reader could work out.
    problems: Vec<Diagnostic>,
}

/// The parts of a [`Published`] site, for the stages that build on it.
pub struct PublishedParts {
    pub decided: Decided,
    pub site_dir: std::path::PathBuf,
    pub settings: Settings,
    pub glossary: Glossary,
    pub documents: Vec<PublicDocument>,
    pub data: Vec<PublicData>,
    /// Ids of withheld data records (and quarter periods), with the file holding
    /// each, so a public page that relates to one can be refused by name.
    pub withheld_ids: BTreeMap<String, String>,
    pub content_assets: Vec<AssetFile>,
    pub static_files: Vec<AssetFile>,
    pub withheld_appendices: Vec<WithheldAppendix>,
    /// Confidential papers listed on their meetings' agendas.
    pub withheld_agenda: Vec<WithheldAgendaItem>,
    pub bundle_dirs: BTreeSet<String>,
    pub withheld_count: usize,
    /// Addresses of pages left out of this build → why, and their file.
    pub unpublished: BTreeMap<String, (Unpublished, String)>,
    pub audience: Audience,
    /// The build's "now" (`--now`), for what depends on the date: the home page's
    /// current year when no quarterly return says it.
    pub now: OffsetDateTime,
}

impl Published {
    /// What the leak audit looks for (confidential material left out), and the
    /// public text it must not mistake for it.
    pub fn audit_material(&self) -> crate::audit::Material<'_> {
        crate::audit::Material {
            withheld: &self.withheld_sources,
            public: &self.public_texts,
            allowed: &self.allowed,
        }
    }
}

impl Published {
    /// Hands the decided parts to the model stage. Only this module can make a
    /// `Published`, so whatever comes out of here has been decided.
    pub fn into_parts(self) -> PublishedParts {
        PublishedParts {
            decided: Decided(()),
            site_dir: self.site_dir,
            settings: self.settings,
            glossary: self.glossary,
            documents: self.documents,
            data: self.data,
            withheld_ids: self.withheld_ids,
            content_assets: self.content_assets,
            static_files: self.static_files,
            withheld_appendices: self.withheld_appendices,
            withheld_agenda: self.withheld_agenda,
            bundle_dirs: self.bundle_dirs,
            withheld_count: self.withheld_count,
            unpublished: self.unpublished,
            audience: self.audience,
            now: self.now,
        }
    }

    pub fn withheld_count(&self) -> usize {
        self.withheld_count
    }

    /// Drafts and embargoed pages this build leaves out for now.
    pub fn held_back(&self) -> &[HeldBack] {
        &self.held_back
    }

    /// Errors found while deciding (a link to a withheld file, a withheld amount a
    /// reader could work out). What they are about has been left out already; the
    /// build must still stop on them.
    pub fn take_problems(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.problems)
    }
}

/// Why a page is not in this build, for the errors a link to it gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unpublished {
    Confidential,
    Draft,
    Embargoed,
}

/// Why something stays out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    Include { marked: bool },
    WithholdConfidential,
    SkipDraft,
    SkipEmbargoed,
}

/// The inherited flags of one folder level (a section or a bundle).
#[derive(Clone, Copy, Default)]
struct Flags {
    confidential: bool,
    draft: bool,
    embargoed: bool,
    /// The latest embargo still in force, for saying until when a page is held back.
    until: Option<OffsetDateTime>,
}

impl Flags {
    fn of(front: &FrontMatter, now: OffsetDateTime) -> Flags {
        let until = front.publish.map(|p| p.0).filter(|p| *p > now);
        Flags {
            confidential: front.confidential,
            draft: front.draft,
            embargoed: until.is_some(),
            until,
        }
    }

    fn or(self, other: Flags) -> Flags {
        Flags {
            confidential: self.confidential || other.confidential,
            draft: self.draft || other.draft,
            embargoed: self.embargoed || other.embargoed,
            until: self.until.max(other.until),
        }
    }
}

/// A page this build leaves out for now, not for confidentiality: a draft, or a page
/// under an embargo. The build's summary line says how many, and until when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeldBack {
    pub file: String,
    /// When the embargo lifts; `None` for a draft.
    pub until: Option<OffsetDateTime>,
}

/// Why a symbolic link may not be published: what its target is that the link,
/// where it sits, is not. A confidential target is refused wherever the link is: a
/// confidential file belongs in one place, and a second address for it is how it
/// leaks.
#[derive(Clone, Copy)]
enum LinkRefusal {
    Confidential,
    Draft,
    Embargoed,
}

impl LinkRefusal {
    /// `link`: the flags where the link sits; `target`: those of the file it leads
    /// to, by its own path and its own front matter.
    fn of(link: Flags, target: Flags) -> Option<LinkRefusal> {
        if target.confidential {
            Some(LinkRefusal::Confidential)
        } else if target.draft && !link.draft {
            Some(LinkRefusal::Draft)
        } else if target.embargoed && !link.embargoed {
            Some(LinkRefusal::Embargoed)
        } else {
            None
        }
    }

    fn set_in(self, flags: Flags) -> bool {
        match self {
            LinkRefusal::Confidential => flags.confidential,
            LinkRefusal::Draft => flags.draft,
            LinkRefusal::Embargoed => flags.embargoed,
        }
    }

    /// The error for the link `display` to `content/{target}`, naming the flag file
    /// that withholds the target's folder, if one does.
    fn diagnostic(self, display: &str, target: &str, set_by: Option<&str>) -> Diagnostic {
        let why = match self {
            LinkRefusal::Confidential => "confidential",
            LinkRefusal::Draft => "a draft",
            LinkRefusal::Embargoed => "embargoed",
        };
        let note = match set_by {
            Some(file) => format!("{file} makes everything in its folder {why}"),
            None => format!("content/{target} is marked {why} itself"),
        };
        Diagnostic::error(
            "symlink-to-withheld",
            format!("this link leads to content/{target}, which is {why}"),
        )
        .in_file(display)
        .with_note(note)
        .with_help("a link is judged by the file it leads to, and bcfsite never publishes a withheld file through a link: remove the link, or copy the file here if it should be public")
    }
}

/// Which pages will be held back when published, and why ([`Unpublished::Draft`] or
/// [`Unpublished::Embargoed`]): a draft, or under an embargo at `now`, by its own front matter or by its sections' and bundle's. For
/// checks that judge a page as it will be published (a decision recorded on a paper
/// residents cannot read yet); the same flags, inherited the same way, as [`decide`].
pub fn unpublished_pages(
    documents: &[std::sync::Arc<Document>],
    now: OffsetDateTime,
) -> BTreeMap<String, Unpublished> {
    let mut folder_flags: BTreeMap<&str, Flags> = BTreeMap::new();
    for doc in documents {
        if matches!(doc.role, Role::SectionIndex | Role::BundleIndex) {
            let entry = folder_flags.entry(doc.dir()).or_default();
            *entry = entry.or(Flags::of(&doc.front, now));
        }
    }
    documents
        .iter()
        .filter_map(|doc| {
            let flags = ancestor_dirs(&doc.rel)
                .filter_map(|d| folder_flags.get(d))
                .fold(Flags::of(&doc.front, now), |acc, f| acc.or(*f));
            let held = if flags.draft {
                Unpublished::Draft
            } else if flags.embargoed {
                Unpublished::Embargoed
            } else {
                return None;
            };
            Some((doc.source.path.clone(), held))
        })
        .collect()
}

/// Decides what of a parsed site is published under `policy`.
pub fn decide(parsed: Parsed, policy: &Policy) -> Published {
    // Flags set by `_index.md` (sections) and `index.md` (bundles), by folder.
    let mut folder_flags: BTreeMap<String, Flags> = BTreeMap::new();
    // The file that sets each folder's flags, for naming it in an error.
    let mut flag_files: BTreeMap<String, String> = BTreeMap::new();
    for doc in &parsed.documents {
        if matches!(doc.role, Role::SectionIndex | Role::BundleIndex) {
            let entry = folder_flags.entry(doc.dir().to_string()).or_default();
            *entry = entry.or(Flags::of(&doc.front, policy.now));
            flag_files.insert(doc.dir().to_string(), doc.source.path.clone());
        }
    }
    let inherited = |rel: &str| -> Flags {
        ancestor_dirs(rel)
            .filter_map(|d| folder_flags.get(d))
            .fold(Flags::default(), |acc, f| acc.or(*f))
    };
    // A link is judged by its target's path; a refused link is withheld, and the
    // build stops on the error.
    let mut problems = Vec::new();
    let mut refuse_link = |display: &str, link: Flags, target: Option<&str>, own: Flags| {
        let Some(target) = target else {
            return false;
        };
        let Some(why) = LinkRefusal::of(link, inherited(target).or(own)) else {
            return false;
        };
        let set_by = ancestor_dirs(target)
            .filter(|d| folder_flags.get(*d).is_some_and(|f| why.set_in(*f)))
            .find_map(|d| flag_files.get(d));
        problems.push(why.diagnostic(display, target, set_by.map(String::as_str)));
        true
    };
    let verdict = |flags: Flags| -> Verdict {
        if flags.draft && !policy.include_drafts {
            return Verdict::SkipDraft;
        }
        match policy.audience {
            Audience::Public if flags.confidential => Verdict::WithholdConfidential,
            Audience::Public if flags.embargoed => Verdict::SkipEmbargoed,
            Audience::Public => Verdict::Include { marked: false },
            Audience::Members => Verdict::Include {
                marked: flags.confidential,
            },
        }
    };

    let mut withheld_count = 0;
    let mut documents = Vec::new();
    let mut withheld_notices = Vec::new();
    let mut included_bundles = BTreeSet::new();
    let mut withheld_docs: Vec<std::sync::Arc<Document>> = Vec::new();
    let mut unpublished = BTreeMap::new();
    let mut held_back = Vec::new();
    let mut withheld_sources: Vec<WithheldSource> = Vec::new();
    for doc in parsed.documents {
        let own = Flags::of(&doc.front, policy.now);
        let flags = inherited(&doc.rel).or(own);
        let refused = refuse_link(&doc.source.path, flags, doc.link_target.as_deref(), own);
        let verdict = if refused {
            Verdict::WithholdConfidential
        } else {
            verdict(flags)
        };
        match verdict {
            Verdict::Include { marked } => {
                let doc = match policy.audience {
                    Audience::Public => {
                        let (doc, gone) = withhold_changes(doc);
                        withheld_count += usize::from(gone.is_some());
                        withheld_sources.extend(gone);
                        doc
                    }
                    Audience::Members => doc,
                };
                if doc.role == Role::BundleIndex {
                    included_bundles.insert(doc.dir().to_string());
                }
                let mut doc = doc;
                if policy.audience == Audience::Public && has_confidential_record(&doc.front) {
                    let gone = withhold_record(&mut std::sync::Arc::make_mut(&mut doc).front);
                    withheld_count += gone.len();
                    withheld_sources.extend(
                        gone.into_iter()
                            .map(|l| WithheldSource::from_leaves(&doc.source.path, l)),
                    );
                }
                documents.push(PublicDocument {
                    doc,
                    marked_confidential: marked,
                });
            }
            Verdict::WithholdConfidential => {
                withheld_count += 1;
                unpublished.insert(
                    doc.url().to_string(),
                    (Unpublished::Confidential, doc.source.path.clone()),
                );
                withheld_docs.push(doc);
            }
            Verdict::SkipDraft => {
                unpublished.insert(
                    doc.url().to_string(),
                    (Unpublished::Draft, doc.source.path.clone()),
                );
                held_back.push(HeldBack {
                    file: doc.source.path.clone(),
                    until: None,
                });
            }
            Verdict::SkipEmbargoed => {
                unpublished.insert(
                    doc.url().to_string(),
                    (Unpublished::Embargoed, doc.source.path.clone()),
                );
                held_back.push(HeldBack {
                    file: doc.source.path.clone(),
                    until: flags.until,
                });
            }
        }
    }
    // An appendix is listed only if its paper is itself published, and only when the
    // appendix's own withholding is for confidentiality (not a draft or an embargo).
    // Meetings the public can see (a published paper or meeting page names them): a
    // confidential paper at one is listed on its agenda, never linked.
    let public_meetings: BTreeSet<(String, crate::content::front_matter::Date)> = documents
        .iter()
        .filter_map(|d| d.doc.front.meeting.as_ref())
        .map(|m| (m.board.clone(), m.date))
        .collect();
    let mut withheld_agenda = Vec::new();
    for doc in withheld_docs {
        let mut title_listed = false;
        if doc.front.kind.is_agenda_item()
            && let Some(m) = &doc.front.meeting
            && public_meetings.contains(&(m.board.clone(), m.date))
        {
            let title = (doc.front.title_public != Some(false)).then(|| doc.front.title.clone());
            title_listed = title.is_some();
            withheld_agenda.push(WithheldAgendaItem {
                board: m.board.clone(),
                date: m.date,
                item: doc.front.item,
                title,
                paragraph: doc.front.exempt_paragraph,
            });
        }
        if doc.front.kind.is_withheld_listing()
            && let Some(paper_dir) = owning_bundle(&doc, &parsed.bundle_dirs)
            && included_bundles.contains(paper_dir)
        {
            let title = (doc.front.title_public != Some(false)).then(|| doc.front.title.clone());
            title_listed = title.is_some();
            withheld_notices.push(WithheldAppendix {
                paper_dir: paper_dir.to_string(),
                label: doc.front.appendix.clone().unwrap_or_default(),
                title,
                paragraph: doc.front.exempt_paragraph,
            });
        }
        // Every field of the front matter, so a new one cannot be forgotten; but a
        // title listed on its paper is public by design.
        let front = Leaves::of_except(&doc.front, &|field| title_listed && field == "title");
        let mut source = WithheldSource::from_leaves(&doc.source.path, front);
        source.passages.push(doc.body_text().to_string());
        withheld_sources.push(source);
    }

    let mut content_assets = Vec::new();
    for asset in parsed.content_assets {
        let flags = inherited(&asset.rel);
        let display = format!("content/{}", asset.rel);
        let refused = refuse_link(
            &display,
            flags,
            asset.link_target.as_deref(),
            Flags::default(),
        );
        let verdict = if refused {
            Verdict::WithholdConfidential
        } else {
            verdict(flags)
        };
        match verdict {
            Verdict::Include { .. } => content_assets.push(asset),
            Verdict::WithholdConfidential => {
                withheld_count += 1;
                let url = format!(
                    "{}{}",
                    crate::parse::folder_url(parent_dir(&asset.rel)),
                    asset.rel.rsplit('/').next().unwrap_or_default()
                );
                unpublished.insert(
                    url,
                    (Unpublished::Confidential, format!("content/{}", asset.rel)),
                );
                withheld_sources.push(WithheldSource {
                    file: format!("content/{}", asset.rel),
                    asset: Some(asset.abs.clone()),
                    ..WithheldSource::default()
                });
            }
            _ => {}
        }
    }
    let mut data = Vec::new();
    let mut withheld_ids = BTreeMap::new();
    // Found while the link check above still holds `problems`; joined after.
    let mut undisclosable = Vec::new();
    // A year-end return's withheld lines are judged with its plan and the plan's
    // quarterly returns, whose confidential records are all still in them here.
    let mut year_end_disclosure: Vec<(Vec<Diagnostic>, Vec<disclosure::YearEndSum>)> = parsed
        .data
        .iter()
        .map(|f| match &f.doc {
            DataDoc::YearEnd(y) => {
                let quarters: Vec<disclosure::QuarterSource> = parsed
                    .data
                    .iter()
                    .filter_map(|q| match &q.doc {
                        DataDoc::Quarter(q_doc) if q_doc.plan == y.plan => {
                            Some((q_doc, &q.file.source))
                        }
                        _ => None,
                    })
                    .collect();
                disclosure::examine_year_end(
                    y,
                    parsed.data.iter().find_map(|p| match &p.doc {
                        DataDoc::Plan(p) if p.id == y.plan => Some(p),
                        _ => None,
                    }),
                    &quarters,
                    &f.file.source,
                )
            }
            _ => (Vec::new(), Vec::new()),
        })
        .collect();
    for (i, mut f) in parsed.data.into_iter().enumerate() {
        let path = f.file.source.path.clone();
        // Before any record is removed: could a reader work out what is withheld?
        let mut plan_disclosure = disclosure::PlanDisclosure::default();
        let (year_end_found, year_end_sums) = std::mem::take(&mut year_end_disclosure[i]);
        if let DataDoc::Plan(plan) = &f.doc {
            let (found, d) = disclosure::examine(plan, &f.file.source);
            match policy.audience {
                Audience::Public => {
                    undisclosable.extend(found);
                    plan_disclosure = d;
                }
                // Members see every amount; only mistakes in the flags matter.
                Audience::Members => undisclosable.extend(
                    found
                        .into_iter()
                        .filter(|d| d.code != "derivable-withheld-amount"),
                ),
            }
        }
        let doc_flags = Flags {
            confidential: doc_confidential(&f.doc),
            ..Flags::default()
        };
        let flags = inherited(&f.file.rel).or(doc_flags);
        let refused = refuse_link(&path, flags, f.file.link_target.as_deref(), doc_flags);
        let verdict = if refused {
            Verdict::WithholdConfidential
        } else {
            verdict(flags)
        };
        match verdict {
            Verdict::Include { .. } => {
                let mut stated = Vec::new();
                let withheld = match policy.audience {
                    Audience::Public => {
                        stated = year_end_sums;
                        // Only a return that is published gives anything away.
                        undisclosable.extend(year_end_found);
                        let gone = withhold_records(&mut f.doc, &mut |id| {
                            withheld_ids.insert(id, path.clone());
                        });
                        let n = gone.len();
                        withheld_sources.extend(
                            gone.into_iter()
                                .map(|r| WithheldSource::from_leaves(&path, r)),
                        );
                        n
                    }
                    Audience::Members => 0,
                };
                withheld_count += withheld;
                data.push(PublicData {
                    file: f,
                    withheld_records: withheld,
                    disclosure: plan_disclosure,
                    year_end_sums: stated,
                });
            }
            Verdict::WithholdConfidential => {
                withheld_count += 1;
                for id in record_ids(&f.doc) {
                    withheld_ids.insert(id, path.clone());
                }
                withheld_sources.push(WithheldSource::from_leaves(&path, Leaves::of(&f.doc)));
            }
            _ => {}
        }
    }
    problems.extend(undisclosable);

    // What the audit may find in public output although a confidential source holds
    // it too: every text, id and figure of the published records (a scheme's name in
    // a confidential note) and of site.yaml (the board's name on a confidential
    // paper), titles listed on their papers by design, and phrases the site allows in
    // site.yaml. Published pages are deliberately not on this list: a public page
    // that quotes a confidential one is exactly the leak to catch.
    let mut public = Leaves::of(&parsed.settings);
    for d in &data {
        public.extend(Leaves::of(&d.file.doc));
    }
    let mut public_texts: Vec<String> = public.texts;
    public_texts.extend(public.ids);
    public_texts.extend(public.figures.iter().map(|f| f.to_string()));
    for n in &withheld_notices {
        public_texts.extend(n.title.clone());
    }
    for n in &withheld_agenda {
        public_texts.extend(n.title.clone());
    }
    let allowed = parsed.settings.audit_allow.clone();

    Published {
        site_dir: parsed.site_dir,
        settings: parsed.settings,
        glossary: parsed.glossary,
        documents,
        data,
        withheld_ids,
        content_assets,
        static_files: parsed.static_files,
        withheld_appendices: withheld_notices,
        withheld_agenda,
        bundle_dirs: included_bundles,
        withheld_count,
        withheld_sources,
        public_texts,
        allowed,
        unpublished,
        audience: policy.audience,
        now: policy.now,
        held_back,
        problems,
    }
}

/// The bundle a page belongs to: for a bundle's own `index.md`, the bundle above it;
/// for any other page, the nearest bundle folder holding it.
pub fn owning_bundle<'a>(doc: &'a Document, bundle_dirs: &BTreeSet<String>) -> Option<&'a str> {
    let start = match doc.role {
        Role::BundleIndex => parent_dir(doc.dir()),
        _ => doc.dir(),
    };
    let mut dir = start;
    loop {
        if bundle_dirs.contains(dir) && !(doc.role == Role::BundleIndex && dir == doc.dir()) {
            return Some(dir);
        }
        if dir.is_empty() {
            return None;
        }
        dir = parent_dir(dir);
    }
}

/// A published page without its confidential change notes (`changes` entries marked
/// `confidential: true`), and what was withheld of them, for the audit.
fn withhold_changes(
    doc: std::sync::Arc<Document>,
) -> (std::sync::Arc<Document>, Option<WithheldSource>) {
    if !doc.front.changes.iter().any(|c| c.confidential) {
        return (doc, None);
    }
    let mut page = (*doc).clone();
    let (gone, kept): (Vec<_>, Vec<_>) =
        page.front.changes.into_iter().partition(|c| c.confidential);
    page.front.changes = kept;
    let source = WithheldSource::from_leaves(&page.source.path, Leaves::of(&gone));
    (std::sync::Arc::new(page), Some(source))
}

/// Removes a published record's confidential change notes; what was removed, for the
/// audit.
fn withhold_record_changes(changes: &mut Vec<crate::content::history::Change>) -> Option<Leaves> {
    if !changes.iter().any(|c| c.confidential) {
        return None;
    }
    let (gone, kept): (Vec<_>, Vec<_>) = std::mem::take(changes)
        .into_iter()
        .partition(|c| c.confidential);
    *changes = kept;
    Some(Leaves::of(&gone))
}

/// Whether a whole data document is marked confidential.
fn doc_confidential(doc: &DataDoc) -> bool {
    match doc {
        DataDoc::Plan(p) => p.confidential,
        DataDoc::Metrics(m) => m.confidential,
        DataDoc::Quarter(q) => q.confidential,
        DataDoc::Conditions(c) => c.confidential,
        DataDoc::YearEnd(y) => y.confidential,
        DataDoc::Capacity(c) => c.confidential,
    }
}

/// Every id a data document defines (a quarter is known by its period).
fn record_ids(doc: &DataDoc) -> Vec<String> {
    match doc {
        DataDoc::Plan(p) => std::iter::once(p.id.0.clone())
            .chain(p.funding.iter().map(|f| f.id.0.clone()))
            .chain(p.schemes.iter().map(|s| s.id.0.clone()))
            .collect(),
        DataDoc::Metrics(m) => m.metrics.iter().map(|m| m.id.0.clone()).collect(),
        // Known by their period, and the parts of a return by the period and the part
        // (`src/model/records.rs`), so that `relates_to` one withheld is refused by name.
        DataDoc::Quarter(q) => {
            let mut ids = vec![q.period.to_string()];
            if !q.conditions.is_empty() {
                ids.push(ReturnPart::Conditions.id(q.period));
            }
            ids
        }
        DataDoc::Conditions(c) => vec![ReturnPart::Conditions.id(c.period)],
        DataDoc::YearEnd(y) => {
            let mut ids = vec![ReturnPart::YearEnd.id(y.year)];
            if !y.conditions.is_empty() {
                ids.push(ReturnPart::Conditions.id(y.year));
            }
            ids
        }
        DataDoc::Capacity(c) => vec![ReturnPart::Capacity.id(c.year)],
    }
}

/// Removes confidential records from a document in place, telling `withheld` each
/// id removed; returns every leaf of each removed record, for the audit.
fn withhold_records(doc: &mut DataDoc, withheld: &mut dyn FnMut(String)) -> Vec<Leaves> {
    let mut gone: Vec<Leaves> = Vec::new();
    match doc {
        DataDoc::Plan(p) => {
            // An amount marked public is published (in the totals), so it is not
            // evidence of a leak; the record's words and id still are.
            fn unless_public<T: serde::Serialize>(record: &T, amount_public: bool) -> Leaves {
                Leaves::of_except(record, &|field| amount_public && field == "amounts")
            }
            for f in p.funding.iter().filter(|f| f.confidential) {
                withheld(f.id.0.clone());
                gone.push(unless_public(f, f.amount_public));
            }
            for s in p.schemes.iter().filter(|s| s.confidential) {
                withheld(s.id.0.clone());
                gone.push(unless_public(s, s.amount_public));
            }
            p.funding.retain(|f| !f.confidential);
            p.schemes.retain(|s| !s.confidential);
            gone.extend(withhold_record_changes(&mut p.changes));
            for f in &mut p.funding {
                gone.extend(withhold_record_changes(&mut f.changes));
            }
            for s in &mut p.schemes {
                gone.extend(withhold_record_changes(&mut s.changes));
            }
        }
        DataDoc::Metrics(m) => {
            for metric in m.metrics.iter().filter(|m| m.confidential) {
                withheld(metric.id.0.clone());
                gone.push(Leaves::of(metric));
            }
            m.metrics.retain(|m| !m.confidential);
            // A published figure's confidential revisions are withheld, the figure
            // kept.
            for metric in &mut m.metrics {
                gone.extend(withhold_record_changes(&mut metric.changes));
                for value in metric
                    .targets
                    .values_mut()
                    .chain(metric.actuals.values_mut())
                {
                    if value.revised.iter().any(|r| r.confidential) {
                        let (secret, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut value.revised)
                            .into_iter()
                            .partition(|r| r.confidential);
                        value.revised = kept;
                        gone.push(Leaves::of(&secret));
                    }
                }
            }
        }
        DataDoc::Quarter(q) => {
            // An entry of a quarter is withheld, not the scheme or metric it is about
            // (whose id, the entry's key, is exempt while that record is published).
            for entry in q.metrics.iter().filter(|(_, r)| r.confidential) {
                gone.push(Leaves::of(&entry));
            }
            for entry in q.spend.iter().filter(|(_, s)| s.confidential) {
                gone.push(Leaves::of(&entry));
            }
            q.metrics.retain(|_, r| !r.confidential);
            q.spend.retain(|_, s| !s.confidential);
            gone.extend(withhold_record_changes(&mut q.changes));
            q.withheld_conditions = withhold_conditions(&mut q.conditions, &mut gone);
        }
        DataDoc::Conditions(c) => {
            c.withheld_conditions = withhold_conditions(&mut c.conditions, &mut gone);
        }
        DataDoc::YearEnd(y) => {
            // As in a quarter: the entry is withheld, not the record it is about.
            for entry in y
                .income
                .iter()
                .chain(&y.expenditure)
                .filter(|(_, l)| l.confidential)
            {
                gone.push(Leaves::of(&entry));
            }
            y.income.retain(|_, l| !l.confidential);
            y.expenditure.retain(|_, l| !l.confidential);
            y.withheld_conditions = withhold_conditions(&mut y.conditions, &mut gone);
        }
        DataDoc::Capacity(c) => {
            gone.extend(c.services.iter().filter(|s| s.confidential).map(Leaves::of));
            c.services.retain(|s| !s.confidential);
        }
    }
    gone
}

/// Whether a page's record (its recommendations, their responses, its decision) holds
/// anything confidential.
fn has_confidential_record(front: &FrontMatter) -> bool {
    front
        .decision
        .as_ref()
        .is_some_and(|d| d.confidential && d.text.is_some())
        || front
            .recommendations
            .iter()
            .any(|r| r.confidential || r.responses.iter().any(|x| x.confidential))
}

/// Removes the confidential parts of a published page's record in place: a
/// confidential recommendation (and its outcome in the decision), a confidential
/// response, a confidential decision's text (its outcome, date and minute are the
/// public record of a vote). Returns every leaf of each, for the audit; who a
/// recommendation was made `to` and who responded (`by`) are organisations named in
/// public anyway, so they are not looked for.
fn withhold_record(front: &mut FrontMatter) -> Vec<Leaves> {
    let named = |field: &str| matches!(field, "to" | "by");
    let mut gone = Vec::new();
    if let Some(d) = &mut front.decision
        && d.confidential
        && let Some(text) = d.text.take()
    {
        gone.push(Leaves::of(&text));
    }
    for r in front.recommendations.iter().filter(|r| r.confidential) {
        gone.push(Leaves::of_except(r, &named));
        if let Some(d) = &mut front.decision {
            d.recommendations.remove(r.id.as_str());
        }
    }
    front.recommendations.retain(|r| !r.confidential);
    for r in &mut front.recommendations {
        for x in r.responses.iter().filter(|x| x.confidential) {
            gone.push(Leaves::of_except(x, &named));
        }
        r.responses.retain(|x| !x.confidential);
    }
    gone
}

/// A confidential national condition is withheld from its return, and every leaf of
/// it (its id, title and narrative) is kept for the audit. Returns how many.
fn withhold_conditions(
    conditions: &mut Vec<crate::data::conditions::Condition>,
    gone: &mut Vec<Leaves>,
) -> usize {
    let before = gone.len();
    gone.extend(conditions.iter().filter(|c| c.confidential).map(Leaves::of));
    conditions.retain(|c| !c.confidential);
    gone.len() - before
}
