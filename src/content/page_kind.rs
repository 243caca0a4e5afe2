//! What kind of page a page is (`kind:` in its front matter), and everything a kind
//! changes: its template, whether it is news for the feed, how it is listed, which
//! keys it needs.
//!
//! Each answer is a method with an exhaustive `match`, so adding a kind is guided by
//! the compiler: it will not build until every question has an answer for the new
//! kind. Code elsewhere asks these methods and never compares kinds.

use serde::{Deserialize, Serialize};

/// What a page is, which decides its template and how it is listed. To add a kind,
/// add its variant and answer each method for it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    #[default]
    Page,
    Paper,
    Appendix,
    Feedback,
    /// A board meeting: its time, place and links, and narrative; its agenda is made
    /// from the papers that name it.
    Meeting,
}

impl PageKind {
    /// Its name in front matter, and `page.kind` in templates.
    pub fn as_str(self) -> &'static str {
        match self {
            PageKind::Page => "page",
            PageKind::Paper => "paper",
            PageKind::Appendix => "appendix",
            PageKind::Feedback => "feedback",
            PageKind::Meeting => "meeting",
        }
    }

    /// The template a page of this kind is rendered with, unless its front matter
    /// names one (a section index always uses `section.html`, the home page
    /// `index.html`).
    pub fn template(self) -> &'static str {
        match self {
            PageKind::Page | PageKind::Appendix => "page.html",
            PageKind::Paper => "paper.html",
            PageKind::Feedback => "feedback.html",
            PageKind::Meeting => "meeting.html",
        }
    }

    /// Whether a dated page of this kind is news for the Atom feed. An appendix is
    /// reached through its paper, which is in the feed itself.
    pub fn in_feed(self) -> bool {
        match self {
            PageKind::Page | PageKind::Paper | PageKind::Feedback | PageKind::Meeting => true,
            PageKind::Appendix => false,
        }
    }

    /// Whether the home page lists it among the latest papers.
    pub fn listed_as_paper(self) -> bool {
        match self {
            PageKind::Paper => true,
            PageKind::Page | PageKind::Appendix | PageKind::Feedback | PageKind::Meeting => false,
        }
    }

    /// Whether it is listed as feedback: on the home page, and apart from other pages
    /// on the data pages its `relates_to` names.
    pub fn listed_as_feedback(self) -> bool {
        match self {
            PageKind::Feedback => true,
            PageKind::Page | PageKind::Paper | PageKind::Appendix | PageKind::Meeting => false,
        }
    }

    /// Whether, when withheld as confidential, it is still listed (label, and title
    /// unless that is withheld too) on the published paper it belongs to.
    pub fn is_withheld_listing(self) -> bool {
        match self {
            PageKind::Appendix => true,
            PageKind::Page | PageKind::Paper | PageKind::Feedback | PageKind::Meeting => false,
        }
    }

    /// Whether it needs an `appendix` label (and only it may have one).
    pub fn has_appendix_label(self) -> bool {
        match self {
            PageKind::Appendix => true,
            PageKind::Page | PageKind::Paper | PageKind::Feedback | PageKind::Meeting => false,
        }
    }

    /// Whether it may name the `meeting` it was a paper for (or, for a meeting page,
    /// is about).
    pub fn has_meeting(self) -> bool {
        match self {
            PageKind::Paper | PageKind::Meeting => true,
            PageKind::Page | PageKind::Appendix | PageKind::Feedback => false,
        }
    }

    /// Whether it is an item on its meeting's agenda.
    pub fn is_agenda_item(self) -> bool {
        match self {
            PageKind::Paper => true,
            PageKind::Page | PageKind::Appendix | PageKind::Feedback | PageKind::Meeting => false,
        }
    }

    /// Whether it is a meeting's own page: it needs `meeting`, shows the agenda, and
    /// only it may have `time`, `place`, `webcast` and `minutes`.
    pub fn is_meeting_page(self) -> bool {
        match self {
            PageKind::Meeting => true,
            PageKind::Page | PageKind::Paper | PageKind::Appendix | PageKind::Feedback => false,
        }
    }

    /// Whether it may carry `recommendations` (a paper's to the board, feedback's to
    /// whoever can act on them).
    pub fn has_recommendations(self) -> bool {
        match self {
            PageKind::Paper | PageKind::Feedback => true,
            PageKind::Page | PageKind::Appendix | PageKind::Meeting => false,
        }
    }

    /// Whether it needs a `source` and a `consent` statement (and only it may have
    /// them).
    pub fn has_source_and_consent(self) -> bool {
        match self {
            PageKind::Feedback => true,
            PageKind::Page | PageKind::Paper | PageKind::Appendix | PageKind::Meeting => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PageKind;

    #[test]
    fn every_kind_has_its_template_in_the_built_in_theme() {
        for kind in [
            PageKind::Page,
            PageKind::Paper,
            PageKind::Appendix,
            PageKind::Feedback,
            PageKind::Meeting,
        ] {
            let path = format!(
                "{}/themes/default/templates/{}",
                env!("CARGO_MANIFEST_DIR"),
                kind.template()
            );
            assert!(std::path::Path::new(&path).is_file(), "{path}");
        }
    }
}
