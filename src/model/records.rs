//! One descriptor per record kind: plan, funding source, scheme, metric and quarter.
//!
//! A record kind's facts live here and nowhere else: where its pages go (one URL
//! function per kind; no code writes `format!("schemes/{id}/")`), what its index page
//! is called and says, which page kind and search kind its pages have, and what a
//! record's page is titled and summarised as ([`Record`]). The tables a record's page
//! shows, with their CSV and JSON, are described column by column in
//! `src/render/data_pages/columns.rs`. Pages, search, the feed, the sitemap and the
//! claims in `src/render/paths.rs` all read their addresses from here.

use std::fmt::Display;

use crate::data::metrics::Metric;
use crate::data::period::Period;
use crate::data::plan::{Funding, Plan, Scheme};
use crate::data::quarter::Quarter;

/// What every record of one kind shares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Kind {
    /// The index page's address, e.g. `schemes/`; each record's page is under it.
    pub index: &'static str,
    /// The index page's title, also its breadcrumb.
    pub index_title: &'static str,
    /// The index page's summary.
    pub index_summary: &'static str,
    /// The index page's kind, for templates and CSS.
    pub index_page_kind: &'static str,
    /// A record page's kind (also its kind in the search index).
    pub page_kind: &'static str,
    /// The kind whose index is this kind's parent in the breadcrumbs.
    pub parent: Option<&'static Kind>,
}

pub const PLAN: Kind = Kind {
    index: "plans/",
    index_title: "Where the money goes",
    index_summary: "Our Better Care Fund plans: the money that goes into the fund, and the schemes it pays for.",
    index_page_kind: "plans",
    page_kind: "plan",
    parent: None,
};

pub const SCHEME: Kind = Kind {
    index: "schemes/",
    index_title: "Schemes",
    index_summary: "The services and projects the Better Care Fund pays for.",
    index_page_kind: "schemes",
    page_kind: "scheme",
    parent: Some(&PLAN),
};

pub const FUNDING: Kind = Kind {
    index: "funding/",
    index_title: "Funding sources",
    index_summary: "Where the money in the Better Care Fund comes from.",
    index_page_kind: "funding-index",
    page_kind: "funding",
    parent: Some(&PLAN),
};

pub const METRIC: Kind = Kind {
    index: "metrics/",
    index_title: "Are we on track?",
    index_summary: "How we measure what the Better Care Fund achieves, and where each measure stands against its target.",
    index_page_kind: "metrics",
    page_kind: "metric",
    parent: None,
};

pub const QUARTER: Kind = Kind {
    index: "quarters/",
    index_title: "Quarterly updates",
    index_summary: "What we report to the national Better Care Fund team each quarter.",
    index_page_kind: "quarters",
    page_kind: "quarter",
    parent: None,
};

/// A plan's page, from its id: `plans/{id}/`.
pub fn plan_url(id: impl Display) -> String {
    format!("{}{id}/", PLAN.index)
}

/// A scheme's page, from its id: `schemes/{id}/`.
pub fn scheme_url(id: impl Display) -> String {
    format!("{}{id}/", SCHEME.index)
}

/// A funding source's page, from its id: `funding/{id}/`.
pub fn funding_url(id: impl Display) -> String {
    format!("{}{id}/", FUNDING.index)
}

/// A metric's page, from its id: `metrics/{id}/`.
pub fn metric_url(id: impl Display) -> String {
    format!("{}{id}/", METRIC.index)
}

/// A quarter's page, from its period: `quarters/2024-25-q2/`.
pub fn quarter_url(period: Period) -> String {
    format!("{}{}/", QUARTER.index, period.slug())
}

/// A return's national conditions page, from its period: `conditions/2024-25-q2/`.
/// (Conditions, year-end returns and capacity have no index descriptor yet: their
/// pages are made in `src/render/data_pages/` from these addresses.)
pub fn conditions_url(period: Period) -> String {
    format!("conditions/{}/", period.slug())
}

/// A year-end return's page, from its year: `year-end/2024-25/`.
pub fn year_end_url(year: Period) -> String {
    format!("year-end/{}/", year.slug())
}

/// A capacity and demand document's page, from its year: `capacity/2024-25/`.
pub fn capacity_url(year: Period) -> String {
    format!("capacity/{}/", year.slug())
}

/// What a record says about its own page: the address (relative to the site root),
/// the title and the summary.
pub trait Record {
    const KIND: &'static Kind;
    fn url(&self) -> String;
    fn title(&self) -> String;
    fn summary(&self) -> Option<String>;
}

impl Record for Plan {
    const KIND: &'static Kind = &PLAN;
    fn url(&self) -> String {
        plan_url(&self.id)
    }
    fn title(&self) -> String {
        self.title.clone()
    }
    fn summary(&self) -> Option<String> {
        self.summary.clone()
    }
}

impl Record for Scheme {
    const KIND: &'static Kind = &SCHEME;
    fn url(&self) -> String {
        scheme_url(&self.id)
    }
    fn title(&self) -> String {
        self.name.clone()
    }
    fn summary(&self) -> Option<String> {
        self.description.clone()
    }
}

impl Record for Funding {
    const KIND: &'static Kind = &FUNDING;
    fn url(&self) -> String {
        funding_url(&self.id)
    }
    fn title(&self) -> String {
        self.name.clone()
    }
    fn summary(&self) -> Option<String> {
        self.description.clone()
    }
}

impl Record for Metric {
    const KIND: &'static Kind = &METRIC;
    fn url(&self) -> String {
        metric_url(&self.id)
    }
    /// Residents see the plain name first.
    fn title(&self) -> String {
        self.plain_name.clone().unwrap_or_else(|| self.name.clone())
    }
    /// The official name, when the title is the plain one.
    fn summary(&self) -> Option<String> {
        self.plain_name.as_ref().map(|_| self.name.clone())
    }
}

impl Record for Quarter {
    const KIND: &'static Kind = &QUARTER;
    fn url(&self) -> String {
        quarter_url(self.period)
    }
    fn title(&self) -> String {
        self.period.label()
    }
    fn summary(&self) -> Option<String> {
        self.summary.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_under_their_index() {
        let id = crate::data::Id("falls".into());
        assert_eq!(plan_url(&id), "plans/falls/");
        assert_eq!(scheme_url(&id), "schemes/falls/");
        assert_eq!(funding_url("dfg"), "funding/dfg/");
        assert_eq!(metric_url(&id), "metrics/falls/");
        let q = Period::parse("2024-25-Q2").expect("a quarter");
        assert_eq!(quarter_url(q), format!("quarters/{}/", q.slug()));
        for k in [PLAN, SCHEME, FUNDING, METRIC, QUARTER] {
            assert!(k.index.ends_with('/') && !k.index.starts_with('/'));
        }
    }
}
