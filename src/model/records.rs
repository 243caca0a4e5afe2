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
/// (Conditions, year-end returns and capacity have no `Kind` yet: [`ReturnPart`]
/// gives their indexes, the indexes' titles and the ids `relates_to` names them by;
/// their pages are made in `src/render/data_pages/` from these addresses.)
pub fn conditions_url(period: Period) -> String {
    format!("{}{}/", ReturnPart::Conditions.index(), period.slug())
}

/// A year-end return's page, from its year: `year-end/2024-25/`.
pub fn year_end_url(year: Period) -> String {
    format!("{}{}/", ReturnPart::YearEnd.index(), year.slug())
}

/// A capacity and demand document's page, from its year: `capacity/2024-25/`.
pub fn capacity_url(year: Period) -> String {
    format!("{}{}/", ReturnPart::Capacity.index(), year.slug())
}

/// The parts of a return that have a page of their own but are not records with
/// ids: a return's national conditions, a year-end return, a capacity and demand
/// document. `relates_to` names each by its period and then the part, as a quarter is
/// named by its period (`2024-25-Q2`): `2024-25-Q2-conditions` (or `2023-24-conditions`
/// for a year's), `2024-25-year-end`, `2024-25-capacity`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReturnPart {
    Conditions,
    YearEnd,
    Capacity,
}

impl ReturnPart {
    const ALL: [ReturnPart; 3] = [
        ReturnPart::Conditions,
        ReturnPart::YearEnd,
        ReturnPart::Capacity,
    ];

    fn suffix(self) -> &'static str {
        match self {
            ReturnPart::Conditions => "conditions",
            ReturnPart::YearEnd => "year-end",
            ReturnPart::Capacity => "capacity",
        }
    }

    /// The index page's address: `conditions/`, `year-end/`, `capacity/`.
    pub fn index(self) -> &'static str {
        match self {
            ReturnPart::Conditions => "conditions/",
            ReturnPart::YearEnd => "year-end/",
            ReturnPart::Capacity => "capacity/",
        }
    }

    /// The index page's title, also its link in the main navigation.
    pub fn index_title(self) -> &'static str {
        match self {
            ReturnPart::Conditions => "National conditions",
            ReturnPart::YearEnd => "Year-end returns",
            ReturnPart::Capacity => "Capacity and demand",
        }
    }

    /// The index page's summary.
    pub fn index_summary(self) -> &'static str {
        match self {
            ReturnPart::Conditions => {
                "Whether each national condition of the Better Care Fund was met, as each return reported it."
            }
            ReturnPart::YearEnd => {
                "What came into the fund and what it spent in each year, against the plan."
            }
            ReturnPart::Capacity => {
                "How many people we expect to need each service month by month, and how many the services can take."
            }
        }
    }

    /// The id `relates_to` names this part of the return for `period` by.
    pub fn id(self, period: Period) -> String {
        format!("{period}-{}", self.suffix())
    }

    /// The part and period an id names, if it is one of these ids (a year-end
    /// return and capacity and demand are for a whole year, never a quarter).
    pub fn parse(id: &str) -> Option<(ReturnPart, Period)> {
        let id = id.trim();
        Self::ALL.into_iter().find_map(|part| {
            let period = Period::parse(id.strip_suffix(part.suffix())?.strip_suffix('-')?)?;
            (part == ReturnPart::Conditions || !period.is_quarter()).then_some((part, period))
        })
    }
}

/// The one way of writing an id that may be written more than one way (a quarter's
/// `q` in either case): what pages that relate to it are listed under.
pub fn canonical_id(id: &str) -> String {
    if let Some((part, period)) = ReturnPart::parse(id) {
        return part.id(period);
    }
    Period::parse(id).map_or_else(|| id.to_string(), |p| p.to_string())
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

    #[test]
    fn the_parts_of_a_return_are_named_by_period_then_part() {
        let year = Period::year(2024);
        let q2 = Period::parse("2024-25-Q2").expect("a quarter");
        assert_eq!(ReturnPart::YearEnd.id(year), "2024-25-year-end");
        assert_eq!(ReturnPart::Capacity.id(year), "2024-25-capacity");
        assert_eq!(ReturnPart::Conditions.id(q2), "2024-25-Q2-conditions");
        for (id, want) in [
            ("2024-25-year-end", Some((ReturnPart::YearEnd, year))),
            ("2024-25-capacity", Some((ReturnPart::Capacity, year))),
            ("2024-25-conditions", Some((ReturnPart::Conditions, year))),
            ("2024-25-q2-conditions", Some((ReturnPart::Conditions, q2))),
            ("2024-25-Q2-year-end", None),
            ("2024-25-Q2-capacity", None),
            ("2024-25year-end", None),
            ("year-end", None),
            ("2024-25", None),
        ] {
            assert_eq!(ReturnPart::parse(id), want, "{id}");
        }
        assert_eq!(
            canonical_id("2024-25-q2-conditions"),
            "2024-25-Q2-conditions"
        );
        assert_eq!(canonical_id("2024-25-q2"), "2024-25-Q2");
        assert_eq!(canonical_id("falls"), "falls");
    }
}
