//! Board meetings (issue 19): a page for each meeting the published papers name,
//! listing them as its agenda (`/meetings/<date>-<board>/`, or the meeting's own
//! `kind: meeting` page, which adds time, place, links and narrative), the index
//! `/meetings/` (upcoming first), and `meetings.ics`, an iCalendar file (RFC 5545)
//! of the upcoming ones.
//!
//! Everything here is made from the decided model: published papers, published
//! meeting pages, and the confidential papers the visibility stage lists on the
//! agenda of a public meeting (by title, or "title withheld", and Schedule 12A
//! paragraph; never linked).

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use super::record::{RecommendationView, recommendation_views};
use super::theme::{Theme, template_error};
use super::views::{ExemptionView, Link, PageView, SiteView};
use crate::content::front_matter::{Date, FrontMatter};
use crate::content::meetings::{generated_url, london, parse_time};
use crate::diagnostic::Diagnostic;
use crate::model::SiteModel;
use crate::output::OutputFile;
use crate::visibility::WithheldAgendaItem;

/// The index of meetings.
pub const INDEX_URL: &str = "meetings/";
/// The calendar of upcoming meetings.
pub const ICS: &str = "meetings.ics";

/// One meeting, as the model holds it.
pub struct Meeting<'a> {
    pub board: &'a str,
    pub date: Date,
    /// Its address: its own page's, or the generated one.
    pub url: String,
    /// Its `kind: meeting` page, by index in `model.pages`.
    pub page: Option<usize>,
    papers: Vec<usize>,
    withheld: Vec<&'a WithheldAgendaItem>,
}

/// Every meeting a published paper or meeting page names, by date, then board.
pub fn meetings(model: &SiteModel) -> Vec<Meeting<'_>> {
    let mut by_key: BTreeMap<(Date, &str), Meeting> = BTreeMap::new();
    for (i, p) in model.pages.iter().enumerate() {
        let f = &p.doc.doc.front;
        let Some(m) = &f.meeting else { continue };
        let entry = by_key
            .entry((m.date, m.board.as_str()))
            .or_insert_with(|| Meeting {
                board: &m.board,
                date: m.date,
                url: generated_url(&m.board, m.date),
                page: None,
                papers: Vec::new(),
                withheld: Vec::new(),
            });
        if f.kind.is_meeting_page() && entry.page.is_none() {
            entry.page = Some(i);
            entry.url = p.url.clone();
        } else if f.kind.is_agenda_item() {
            entry.papers.push(i);
        }
    }
    for w in &model.withheld_agenda {
        if let Some(m) = by_key.get_mut(&(w.date, w.board.as_str())) {
            m.withheld.push(w);
        }
    }
    by_key.into_values().collect()
}

/// The meetings that have a page of their own (`kind: meeting`), by board and date,
/// found once per build so that each paper's link to its meeting is a lookup.
pub struct MeetingPages(std::collections::HashMap<(String, Date), String>);

impl MeetingPages {
    pub fn of(model: &SiteModel) -> MeetingPages {
        let mut pages = std::collections::HashMap::new();
        for p in &model.pages {
            let f = &p.doc.doc.front;
            if f.kind.is_meeting_page()
                && let Some(m) = &f.meeting
            {
                // The first page (in the model's order) is the meeting's, as `meetings` says.
                pages
                    .entry((m.board.clone(), m.date))
                    .or_insert_with(|| p.url.clone());
            }
        }
        MeetingPages(pages)
    }

    /// The address of the page of the meeting of `board` on `date`: its `kind:
    /// meeting` page's, or the generated one.
    pub fn url_of(&self, board: &str, date: Date) -> String {
        self.0
            .get(&(board.to_string(), date))
            .cloned()
            .unwrap_or_else(|| generated_url(board, date))
    }
}

/// The generated pages' addresses (meetings with no page of their own), the index
/// and the calendar, for claiming; empty when no page names a meeting.
pub fn urls(model: &SiteModel) -> Vec<String> {
    let all = meetings(model);
    if all.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<String> = all
        .iter()
        .filter(|m| m.page.is_none())
        .map(|m| m.url.clone())
        .collect();
    if writes_index(model) {
        out.push(INDEX_URL.to_string());
    }
    if model.audience == crate::visibility::Audience::Public {
        out.push(ICS.to_string());
    }
    out
}

/// The index is the site's unless the author wrote a page at `/meetings/`.
fn writes_index(model: &SiteModel) -> bool {
    !model
        .sections
        .iter()
        .any(|s| s.index.is_some() && s.url == INDEX_URL)
        && !model.pages.iter().any(|p| p.url == INDEX_URL)
}

/// `page.agenda` on a meeting page, and each entry of `page.meetings` on the index.
#[derive(Clone, Debug, Serialize)]
pub struct AgendaView {
    pub board: String,
    pub date: String,
    pub date_label: String,
    /// "10:00", UK time.
    pub time: Option<String>,
    pub place: Option<String>,
    pub webcast: Option<String>,
    pub minutes: Option<String>,
    pub url: String,
    pub upcoming: bool,
    pub items: Vec<AgendaItemView>,
}

/// An item on a meeting's agenda.
#[derive(Clone, Debug, Serialize)]
pub struct AgendaItemView {
    pub item: Option<u32>,
    /// `None` for a confidential paper whose title is withheld.
    pub title: Option<String>,
    /// `None` for a confidential paper: it is never linked.
    pub url: Option<String>,
    /// The decision in words, when recorded.
    pub decision: Option<String>,
    pub recommendations: Vec<RecommendationView>,
    /// A confidential paper, not published.
    pub withheld: bool,
    pub exemption: Option<ExemptionView>,
    /// Members' builds: a confidential paper, marked.
    pub confidential: bool,
}

fn agenda(model: &SiteModel, m: &Meeting, root: &str) -> AgendaView {
    let front: Option<&FrontMatter> = m.page.map(|i| &model.pages[i].doc.doc.front);
    let mut items: Vec<AgendaItemView> = m
        .papers
        .iter()
        .map(|&i| {
            let p = &model.pages[i];
            let f = &p.doc.doc.front;
            AgendaItemView {
                item: f.item,
                title: Some(f.title.clone()),
                url: Some(format!("{root}{}", p.url)),
                decision: f.decision.as_ref().map(|d| d.sentence()),
                recommendations: recommendation_views(
                    &f.recommendations,
                    f.decision.as_ref(),
                    false,
                ),
                withheld: false,
                exemption: None,
                confidential: p.doc.marked_confidential,
            }
        })
        .chain(m.withheld.iter().map(|w| AgendaItemView {
            item: w.item,
            title: w.title.clone(),
            url: None,
            decision: None,
            recommendations: Vec::new(),
            withheld: true,
            exemption: w.paragraph.map(|p| ExemptionView {
                paragraph: p.0,
                meaning: p.meaning(),
            }),
            confidential: false,
        }))
        .collect();
    // In agenda order; items without a number after, by title.
    items.sort_by(|a, b| {
        (a.item.is_none(), a.item, &a.title).cmp(&(b.item.is_none(), b.item, &b.title))
    });
    AgendaView {
        board: m.board.to_string(),
        date: m.date.iso(),
        date_label: m.date.label(),
        time: front.and_then(|f| f.time.clone()),
        place: front.and_then(|f| f.place.clone()),
        webcast: front.and_then(|f| f.webcast.clone()),
        minutes: front.and_then(|f| f.minutes.clone()),
        url: format!("{root}{}", m.url),
        upcoming: m.date.0 >= model.now.date(),
        items,
    }
}

/// `page.agenda` for a `kind: meeting` page.
pub fn agenda_for_page(model: &SiteModel, f: &FrontMatter, root: &str) -> Option<AgendaView> {
    let m = f.meeting.as_ref()?;
    let all = meetings(model);
    let meeting = all
        .iter()
        .find(|x| x.date == m.date && x.board == m.board)?;
    Some(agenda(model, meeting, root))
}

/// The title of a meeting's page: "Lancashire Health and Wellbeing Board, 12 November 2024".
fn title(m: &Meeting) -> String {
    format!("{}, {}", m.board, m.date.label())
}

/// Feed and sitemap entries for the generated meeting pages: (url, title, date).
pub fn generated_entries(model: &SiteModel) -> Vec<(String, String, Date)> {
    meetings(model)
        .iter()
        .filter(|m| m.page.is_none())
        .map(|m| (m.url.clone(), title(m), m.date))
        .collect()
}

/// Search entries for the generated meeting pages: (url, title, agenda titles).
pub fn search_entries(model: &SiteModel) -> Vec<(String, String, String)> {
    meetings(model)
        .iter()
        .filter(|m| m.page.is_none())
        .map(|m| {
            let a = agenda(model, m, "");
            let titles: Vec<String> = a.items.into_iter().filter_map(|i| i.title).collect();
            (m.url.clone(), title(m), titles.join(". "))
        })
        .collect()
}

/// The generated meeting pages, the index and the calendar, as [`urls`] claimed them.
pub fn render(
    model: &SiteModel,
    theme: &Theme,
    site: &SiteView,
) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let all = meetings(model);
    let mut files = Vec::new();
    let mut problems = Vec::new();
    if all.is_empty() {
        return (files, problems);
    }
    let home = Link {
        title: "Home".into(),
        url: site.root.clone(),
    };
    let mut render_page = |view: &PageView, template: &str, output: String| {
        let mut ctx = Context::new();
        ctx.insert("site", site);
        ctx.insert("page", view);
        match theme.tera.render(template, &ctx) {
            Ok(html) => files.push(OutputFile::bytes(output, html)),
            Err(e) => problems.extend(template_error(&e, &theme.sources)),
        }
    };
    for m in all.iter().filter(|m| m.page.is_none()) {
        let mut view = PageView::blank(
            title(m),
            "meeting",
            format!("{}{}", site.root, m.url),
            format!("{}{}", site.base_url, m.url),
        );
        view.summary = Some(format!(
            "The papers for the meeting of the {} on {}.",
            m.board,
            m.date.label()
        ));
        view.breadcrumbs = vec![home.clone()];
        if writes_index(model) {
            view.breadcrumbs.push(Link {
                title: "Meetings".into(),
                url: format!("{}{INDEX_URL}", site.root),
            });
        }
        view.agenda = Some(agenda(model, m, &site.root));
        render_page(&view, "meeting.html", format!("{}index.html", m.url));
    }
    if writes_index(model) {
        let mut view = PageView::blank(
            "Meetings".into(),
            "meetings",
            format!("{}{INDEX_URL}", site.root),
            format!("{}{INDEX_URL}", site.base_url),
        );
        view.summary =
            Some("Board meetings and the papers for each, upcoming meetings first.".into());
        view.breadcrumbs = vec![home.clone()];
        let mut upcoming: Vec<AgendaView> = Vec::new();
        let mut past: Vec<AgendaView> = Vec::new();
        for m in &all {
            let a = agenda(model, m, &site.root);
            if a.upcoming {
                upcoming.push(a);
            } else {
                past.push(a);
            }
        }
        // The soonest upcoming first, then the most recent past.
        past.reverse();
        view.meetings = upcoming.into_iter().chain(past).collect();
        render_page(&view, "meetings.html", format!("{INDEX_URL}index.html"));
    }
    if model.audience == crate::visibility::Audience::Public {
        files.push(OutputFile::bytes(ICS, ics(model, &all, site)));
    }
    (files, problems)
}

/// `meetings.ics`: the upcoming meetings, as RFC 5545 says (CR LF line ends, lines
/// folded at 75 octets, text escaped, times in UTC).
fn ics(model: &SiteModel, all: &[Meeting], site: &SiteView) -> String {
    let host = site
        .base_url
        .split("://")
        .nth(1)
        .unwrap_or(&site.base_url)
        .trim_end_matches('/')
        .split('/')
        .next()
        .unwrap_or("bcfsite");
    let stamp = utc(model.now);
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//bcfsite//Board meetings//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!(
            "X-WR-CALNAME:{}",
            escape(&format!("{}: meetings", site.title))
        ),
    ];
    for m in all.iter().filter(|m| m.date.0 >= model.now.date()) {
        let a = agenda(model, m, &site.root);
        let compact = m.date.iso().replace('-', "");
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!(
            "UID:{}-{}@{host}",
            m.date.iso(),
            crate::content::slug::slugify(m.board)
        ));
        lines.push(format!("DTSTAMP:{stamp}"));
        match a
            .time
            .as_deref()
            .and_then(parse_time)
            .and_then(|t| london(m.date.0, t))
        {
            Some(start) => lines.push(format!("DTSTART:{}", utc(start))),
            None => {
                lines.push(format!("DTSTART;VALUE=DATE:{compact}"));
                let next = m.date.0.next_day().map(Date).unwrap_or(m.date);
                lines.push(format!("DTEND;VALUE=DATE:{}", next.iso().replace('-', "")));
            }
        }
        lines.push(format!("SUMMARY:{}", escape(m.board)));
        if let Some(place) = &a.place {
            lines.push(format!("LOCATION:{}", escape(place)));
        }
        lines.push(format!("URL:{}{}", site.base_url, m.url));
        let agenda_text: Vec<String> = a
            .items
            .iter()
            .map(|i| {
                let n = i.item.map(|n| format!("{n}. ")).unwrap_or_default();
                let t = i.title.clone().unwrap_or_else(|| "Title withheld".into());
                if i.withheld {
                    format!("{n}{t} (not for publication)")
                } else {
                    format!("{n}{t}")
                }
            })
            .collect();
        if !agenda_text.is_empty() {
            lines.push(format!(
                "DESCRIPTION:{}",
                escape(&format!("Agenda:\n{}", agenda_text.join("\n")))
            ));
        }
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for l in lines {
        fold(&l, &mut out);
    }
    out
}

fn utc(t: time::OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// TEXT as RFC 5545 escapes it.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes one content line, folded so no line is longer than 75 octets (never inside
/// a character), each ending CR LF.
fn fold(line: &str, out: &mut String) {
    let mut rest = line;
    let mut first = true;
    loop {
        let limit = if first { 75 } else { 74 };
        if rest.len() <= limit {
            if !first {
                out.push(' ');
            }
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        if !first {
            out.push(' ');
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n");
        rest = &rest[cut..];
        first = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_lines_to_75_octets_and_characters_whole() {
        let mut out = String::new();
        let line = format!("DESCRIPTION:{}", "é".repeat(100));
        fold(&line, &mut out);
        for l in out.split_terminator("\r\n") {
            assert!(l.len() <= 75, "{l}");
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }
}
