//! Meetings (issue 19): a page for each meeting with its agenda, the index, and
//! `meetings.ics`.

use crate::support::*;

fn built(site: &TestSite) -> bcfsite::Built {
    site.build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)))
}

const PAST: &str = "meetings/2024-11-12-testshire-health-and-wellbeing-board/index.html";

#[test]
fn a_meeting_page_lists_its_papers_as_the_agenda() {
    let site = TestSite::copy("valid/record");
    let b = built(&site);
    let html = file(&b, PAST);
    let main = main_of(&html);
    assert!(main.contains("Testshire Health and Wellbeing Board, 12 November 2024"));
    let plan = main.find("Better Care Fund plan 2024 to 2025").expect(main);
    let contract = main.find("Carers contract award").expect(main);
    assert!(plan < contract, "item 6 before item 8");
    assert!(main.contains("value=\"6\"") && main.contains("value=\"8\""));
    assert!(main.contains("Decision: approved with changes on 12 November 2024"));
    // The confidential paper is listed with its paragraph, never linked.
    assert!(main.contains("Not for publication"));
    assert!(main.contains("paragraph 3 of Part 1 of Schedule 12A"));
    assert!(!main.contains("2024-11-12-contract"));
    for (path, text) in all_bytes(&b) {
        assert!(!text.contains("CANARY"), "{path}");
    }
}

#[test]
fn a_withheld_title_is_not_listed() {
    let site = TestSite::copy("valid/record");
    let path = site.path().join("content/papers/2024-11-12-contract.md");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "exempt_paragraph: 3\n",
        "exempt_paragraph: 3\ntitle_public: false\n",
    );
    std::fs::write(&path, text).unwrap();
    let b = built(&site);
    let html = file(&b, PAST);
    assert!(html.contains("Title withheld"));
    for (path, text) in all_bytes(&b) {
        assert!(!text.contains("Carers contract award"), "{path}");
    }
}

#[test]
fn a_meeting_page_of_its_own_adds_time_place_and_links() {
    let site = TestSite::copy("valid/record");
    let b = built(&site);
    let html = file(&b, "meetings/2025-01-14-testshire-hwb/index.html");
    let main = main_of(&html);
    assert!(main.contains("14:00 (UK time)"), "{main}");
    assert!(main.contains("County Hall, Preston; Room 3"));
    assert!(main.contains("https://webcast.test.example/hwb-2025-01-14"));
    assert!(main.contains("Questions must reach the clerk"));
    assert!(main.contains("Better Care Fund quarter 3 report"));
    // No generated page beside it.
    assert!(
        find(
            &b,
            "meetings/2025-01-14-testshire-health-and-wellbeing-board/index.html"
        )
        .is_none()
    );
}

#[test]
fn the_index_lists_upcoming_meetings_first() {
    let site = TestSite::copy("valid/record");
    let b = built(&site);
    let main = file(&b, "meetings/index.html");
    let soon = main.find("14 January 2025").expect("the upcoming meeting");
    let past = main.find("12 November 2024").expect("the past meeting");
    assert!(soon < past);
    assert!(main.contains("meetings.ics"));
    let feed = file(&b, "feed.xml");
    assert!(feed.contains("meetings/2024-11-12-testshire-health-and-wellbeing-board/"));
    assert!(feed.contains("meetings/2025-01-14-testshire-hwb/"));
    assert!(file(&b, "sitemap.xml").contains("meetings/</loc>"));
}

/// The calendar's content lines, unfolded, after checking what RFC 5545 asks of the
/// text: CR LF line ends, no line longer than 75 octets.
fn ics_lines(text: &str) -> Vec<String> {
    assert!(text.ends_with("\r\n"));
    let physical: Vec<&str> = text.split_terminator("\r\n").collect();
    for l in &physical {
        assert!(
            !l.contains('\n') && !l.contains('\r'),
            "a bare line end: {l:?}"
        );
        assert!(l.len() <= 75, "longer than 75 octets: {l:?}");
    }
    let mut out: Vec<String> = Vec::new();
    for l in physical {
        match l.strip_prefix(' ') {
            Some(rest) => out.last_mut().expect("a folded first line").push_str(rest),
            None => out.push(l.to_string()),
        }
    }
    out
}

#[test]
fn the_calendar_holds_the_upcoming_public_meetings_as_rfc_5545_says() {
    let site = TestSite::copy("valid/record");
    let b = built(&site);
    let lines = ics_lines(&file(&b, "meetings.ics"));
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
    assert!(lines.contains(&"VERSION:2.0".to_string()));
    assert!(lines.iter().any(|l| l.starts_with("PRODID:")));
    // Components open and close in order.
    let mut open: Vec<&str> = Vec::new();
    for l in &lines {
        if let Some(c) = l.strip_prefix("BEGIN:") {
            open.push(c);
        } else if let Some(c) = l.strip_prefix("END:") {
            assert_eq!(open.pop(), Some(c));
        }
        let (name, _) = l.split_once(':').expect("NAME:value");
        assert!(!name.is_empty());
    }
    assert!(open.is_empty());
    // One event: the past meeting is not in it.
    let events: Vec<&[String]> = lines.split(|l| l == "BEGIN:VEVENT").skip(1).collect();
    assert_eq!(events.len(), 1);
    let e = events[0];
    let get = |name: &str| {
        e.iter()
            .find_map(|l| l.strip_prefix(&format!("{name}:")))
            .unwrap_or_else(|| panic!("no {name} in {e:?}"))
    };
    // 14:00 in January is 14:00 UTC (GMT).
    assert_eq!(get("DTSTART"), "20250114T140000Z");
    assert_eq!(get("DTSTAMP"), "20241201T120000Z");
    assert_eq!(get("SUMMARY"), "Testshire Health and Wellbeing Board");
    assert_eq!(get("LOCATION"), "County Hall\\, Preston\\; Room 3");
    assert!(get("UID").starts_with("2025-01-14-testshire-health-and-wellbeing-board@"));
    assert_eq!(
        get("URL"),
        "https://bcf.test.example/meetings/2025-01-14-testshire-hwb/"
    );
    assert!(get("DESCRIPTION").contains("5. Better Care Fund quarter 3 report"));
}

#[test]
fn meeting_keys_need_a_meeting_page_and_a_meeting_page_needs_its_meeting() {
    let site = TestSite::copy("valid/record");
    site.write(
        "content/about.md",
        "---\ntitle: About\ntime: \"10:00\"\n---\n",
    );
    site.write(
        "content/meetings/lost.md",
        "---\ntitle: Lost\nkind: meeting\ntime: ten\nminutes: minutes.pdf\n---\n",
    );
    let diags = site
        .build()
        .err()
        .map(|d| d.render_human(false))
        .unwrap_or_default();
    for code in [
        "meeting-key-on-other-page",
        "meeting-page-without-meeting",
        "invalid-meeting-time",
        "invalid-meeting-link",
    ] {
        assert!(diags.contains(code), "{code}: {diags}");
    }
}

#[test]
fn a_paper_links_to_its_meeting() {
    let site = TestSite::copy("valid/record");
    let b = built(&site);
    let html = file(&b, "papers/2024-11-12-plan/index.html");
    assert!(html.contains(
        "<a href=\"/meetings/2024-11-12-testshire-health-and-wellbeing-board/\">Testshire Health and Wellbeing Board</a>"
    ));
    let html = file(&b, "papers/2025-01-14-q3/index.html");
    assert!(html.contains("<a href=\"/meetings/2025-01-14-testshire-hwb/\">"));
}

#[test]
fn a_generated_meeting_page_is_in_the_search_index() {
    let site = TestSite::copy("valid/record");
    let b = built(&site);
    let index = file(&b, "search-index.json");
    let entries: serde_json::Value = serde_json::from_str(&index).unwrap();
    let meeting = entries
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["u"] == "/meetings/2024-11-12-testshire-health-and-wellbeing-board/")
        .expect("the generated meeting's entry");
    assert_eq!(meeting["k"], "meeting");
    assert!(
        meeting["b"]
            .as_str()
            .unwrap()
            .contains("Carers contract award")
    );
}

#[test]
fn a_meeting_has_one_page() {
    let site = TestSite::copy("valid/record");
    site.write(
        "content/meetings/again.md",
        "---\ntitle: Again\nkind: meeting\nmeeting:\n  board: Testshire Health and Wellbeing Board\n  date: 2025-01-14\n---\n",
    );
    let Err(diags) = site.build() else {
        panic!("two pages for one meeting")
    };
    let d = diags
        .errors()
        .find(|d| d.code == "duplicate-meeting-page")
        .unwrap_or_else(|| panic!("{}", diags.render_human(false)));
    assert_eq!(d.file.as_deref(), Some("content/meetings/again.md"));
    assert_eq!(d.line_column().map(|(l, _)| l), Some(4));
}

#[test]
fn the_main_navigation_leads_to_the_meetings_only_when_there_are_any() {
    let site = TestSite::copy("valid/record");
    let b = built(&site);
    for page in [
        "index.html",
        "papers/index.html",
        "feedback/carers/index.html",
    ] {
        let html = file(&b, page);
        let nav = &html[html.find("<nav").unwrap()..html.find("</nav>").unwrap()];
        assert!(
            nav.contains("href=\"/meetings/\">Meetings</a>"),
            "{page}: {nav}"
        );
    }
    // A site whose papers name no meeting has no meetings' index to lead to.
    let plain = TestSite::copy("valid/data");
    let b = plain
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    assert!(!file(&b, "index.html").contains("/meetings/"));
}
