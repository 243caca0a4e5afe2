//! The board's record (issue 19): decisions on papers, recommendations and responses
//! on feedback, and the rules `check` applies to them.

use crate::support::*;
use bcfsite::visibility::Audience;

fn codes(site: &TestSite) -> Vec<&'static str> {
    let diags = match site.build() {
        Ok(b) => b.warnings,
        Err(d) => d,
    };
    diags
        .errors()
        .chain(diags.warnings())
        .map(|d| d.code)
        .collect()
}

#[test]
fn a_decided_paper_opens_with_its_decision_and_each_outcome() {
    let site = TestSite::copy("valid/record");
    let built = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    let html = file(&built, "papers/2024-11-12-plan/index.html");
    let main = main_of(&html);
    assert!(
        main.contains("Decision: approved with changes on 12 November 2024, minute 45/24"),
        "{main}"
    );
    assert!(main.contains("subject to the changes in minute 45"));
    assert!(main.contains("Approve the Better Care Fund plan 2024 to 2025"));
    assert!(main.contains("<strong>Outcome:</strong> approved"));
    assert!(main.contains("<strong>Outcome:</strong> noted"));
    // The decision comes before the paper's text.
    assert!(main.find("Decision:").unwrap() < main.find("The plan sets out").unwrap());
}

#[test]
fn confidential_recommendations_and_responses_are_withheld() {
    let site = TestSite::copy("valid/record");
    let built = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    for (path, text) in all_bytes(&built) {
        assert!(!text.contains("CANARY"), "a canary leaked into {path}");
        assert!(
            !text.contains("secret-contract"),
            "an id leaked into {path}"
        );
    }
    let members = site.build_for(Audience::Members, false);
    let html = file(&members, "papers/2024-11-12-plan/index.html");
    assert!(html.contains("CANARY-REC-TEXT"));
    assert!(html.contains("tag--confidential"));
    let html = file(&members, "feedback/carers/index.html");
    assert!(html.contains("CANARY-RESPONSE-TEXT"));
}

#[test]
fn a_quoted_withheld_response_is_caught_by_the_audit() {
    let site = TestSite::copy("valid/record");
    site.write(
        "content/news.md",
        "---\ntitle: News\n---\n\nWe hear the CANARY-RESPONSE-TEXT supplier has not yet agreed the form's launch date.\n",
    );
    let Err(diags) = site.build() else {
        panic!("the audit stops the build")
    };
    assert!(
        diags.errors().any(|d| d.code == "confidential-in-output"),
        "{}",
        diags.render_human(false)
    );
}

#[test]
fn a_confidential_decision_text_is_withheld_but_its_outcome_is_not() {
    let site = TestSite::copy("valid/record");
    let path = site.path().join("content/papers/2024-11-12-plan/index.md");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "  text: The board approved the plan, subject to the changes in minute 45.\n",
        "  text: The board approved the plan after hearing the CANARY-DECISION-TEXT in private session.\n  confidential: true\n",
    );
    std::fs::write(&path, text).unwrap();
    let built = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    let html = file(&built, "papers/2024-11-12-plan/index.html");
    assert!(!html.contains("CANARY"));
    assert!(html.contains("Decision: approved with changes on 12 November 2024"));
    assert!(html.contains("not for publication"));
}

#[test]
fn feedback_shows_each_recommendation_with_its_latest_status() {
    let site = TestSite::copy("valid/record");
    let built = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    let html = file(&built, "feedback/carers/index.html");
    // The confidential pending response is withheld, so the latest public one counts.
    assert!(
        html.contains("Accepted 10 June 2024; not yet done"),
        "{}",
        main_of(&html)
    );
    assert!(html.contains("Not accepted 12 June 2024; not yet done"));
}

fn edit(site: &TestSite, rel: &str, from: &str, to: &str) {
    let path = site.path().join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    std::fs::write(&path, text.replace(from, to)).unwrap();
}

const PAPER: &str = "content/papers/2024-11-12-plan/index.md";

#[test]
fn a_decision_before_its_meeting_is_an_error() {
    let site = TestSite::copy("valid/record");
    edit(
        &site,
        PAPER,
        "  date: 2024-11-12\n  minute",
        "  date: 2024-11-11\n  minute",
    );
    let diags = site.build().err().unwrap();
    let d = diags
        .errors()
        .find(|d| d.code == "decision-before-meeting")
        .unwrap_or_else(|| panic!("{}", diags.render_human(false)));
    assert_eq!(d.line_column().map(|(l, _)| l), Some(20));
}

#[test]
fn a_decision_on_a_draft_or_embargoed_paper_is_an_error() {
    let site = TestSite::copy("valid/record");
    edit(&site, PAPER, "item: 6\n", "item: 6\ndraft: true\n");
    assert!(codes(&site).contains(&"decision-on-unpublished-paper"));
    let site = TestSite::copy("valid/record");
    edit(&site, PAPER, "item: 6\n", "item: 6\npublish: 2025-01-01\n");
    assert!(codes(&site).contains(&"decision-on-unpublished-paper"));
    // A draft or an embargo set by the paper's section counts too.
    let site = TestSite::copy("valid/record");
    let section = site.path().join("content/papers/_index.md");
    let text = std::fs::read_to_string(&section).unwrap();
    std::fs::write(&section, text.replacen("---\n", "---\ndraft: true\n", 1)).unwrap();
    assert!(codes(&site).contains(&"decision-on-unpublished-paper"));
}

#[test]
fn an_outcome_for_an_unknown_recommendation_is_an_error() {
    let site = TestSite::copy("valid/record");
    edit(
        &site,
        PAPER,
        "approve-plan: approved,",
        "aprove-plan: approved,",
    );
    let diags = site.build().err().unwrap();
    let d = diags
        .errors()
        .find(|d| d.code == "unknown-recommendation")
        .unwrap_or_else(|| panic!("{}", diags.render_human(false)));
    assert_eq!(d.help.as_deref(), Some("did you mean `approve-plan`?"));
    assert_eq!(d.line_column().map(|(l, _)| l), Some(23));
}

#[test]
fn a_past_meeting_with_no_decision_is_a_warning() {
    let site = TestSite::copy("valid/record");
    let path = site.path().join(PAPER);
    let text = std::fs::read_to_string(&path).unwrap();
    let cut = text.find("decision:\n").unwrap();
    let end = text[cut..].find("---").unwrap() + cut;
    std::fs::write(&path, format!("{}{}", &text[..cut], &text[end..])).unwrap();
    let built = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    assert!(
        built
            .warnings
            .warnings()
            .any(|d| d.code == "decision-not-recorded")
    );
    // Before the meeting, nothing to record yet.
    let mut opts = site.options();
    opts.now = time::macros::datetime!(2024-11-01 12:00 UTC);
    let built = bcfsite::build_in_memory(&opts).unwrap();
    assert!(
        !built
            .warnings
            .warnings()
            .any(|d| d.code == "decision-not-recorded")
    );
}

#[test]
fn recommendations_only_on_papers_and_feedback_and_decisions_only_on_papers() {
    let site = TestSite::copy("valid/record");
    site.write(
        "content/about.md",
        "---\ntitle: About\nitem: 3\ndecision: {outcome: noted, date: 2024-11-12}\nrecommendations:\n  - {id: a, text: Do it.}\n  - {id: a, text: Do it again.}\n---\n",
    );
    let c = codes(&site);
    for code in [
        "paper-key-on-other-page",
        "recommendations-on-other-page",
        "duplicate-recommendation",
    ] {
        assert!(c.contains(&code), "{code}: {c:?}");
    }
}

#[test]
fn a_decision_is_a_feed_entry_of_its_own() {
    let site = TestSite::copy("valid/record");
    let built = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    let feed = file(&built, "feed.xml");
    assert!(feed.contains("papers/2024-11-12-plan/#decision"), "{feed}");
    assert!(feed.contains(
        "<title>Decision: approved with changes on 12 November 2024, minute 45/24: Better Care Fund plan 2024 to 2025</title>"
    ));
    // The paper is in the feed too, and the sitemap lists pages only.
    assert!(feed.contains("papers/2024-11-12-plan/</id>"));
    assert!(!file(&built, "sitemap.xml").contains('#'));
}

#[test]
fn decisions_and_recommendations_are_in_the_search_index() {
    let site = TestSite::copy("valid/record");
    let built = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    let index = all_bytes(&built)
        .into_iter()
        .find(|(p, _)| p.starts_with("search") && p.ends_with(".json"))
        .map(|(_, t)| t)
        .expect("a search index");
    assert!(index.contains("Delegate final sign-off to the Director of Adult Services."));
    assert!(index.contains("Let carers book respite breaks online."));
    assert!(!index.contains("CANARY"));
}

#[test]
fn an_unanswered_recommendation_is_warned_about_after_20_working_days() {
    let site = TestSite::copy("valid/record");
    // Made on Monday 6 May 2024 with no response: the 20th working day after it is
    // Monday 3 June (the weekend of 1 and 2 June does not count).
    site.write(
        "content/feedback/waiting.md",
        "---\ntitle: Waiting\nkind: feedback\nsource: {organisation: Healthwatch Testshire}\nconsent: Agreed.\nrecommendations:\n  - {id: ramps, text: Fit ramps at the day centre., to: Testshire County Council, made: 2024-05-06}\n---\n\nText.\n",
    );
    let warned = |now: time::OffsetDateTime| {
        let mut opts = site.options();
        opts.now = now;
        let diags = bcfsite::check::check_site(&opts);
        diags
            .warnings()
            .any(|d| d.code == "recommendation-unanswered")
    };
    use time::macros::datetime;
    assert!(!warned(datetime!(2024-05-31 12:00 UTC)), "Friday: 19 days");
    assert!(!warned(datetime!(2024-06-02 12:00 UTC)), "Sunday: still 19");
    assert!(
        !warned(datetime!(2024-06-03 12:00 UTC)),
        "Monday: 20, in time"
    );
    assert!(warned(datetime!(2024-06-04 12:00 UTC)), "Tuesday: 21, late");
    // The count is the site's to set.
    let settings = site.path().join("content/site.yaml");
    let text = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, format!("{text}response_working_days: 25\n")).unwrap();
    assert!(!warned(datetime!(2024-06-04 12:00 UTC)));
    assert!(warned(datetime!(2024-06-11 12:00 UTC)));
}

#[test]
fn the_scheme_page_shows_each_related_recommendation_with_its_status() {
    let site = TestSite::copy("valid/record");
    let built = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    let html = file(&built, "schemes/carers-support/index.html");
    let main = main_of(&html);
    assert!(
        main.contains("Let carers book respite breaks online."),
        "{main}"
    );
    assert!(
        main.contains("Accepted 10 June 2024; not yet done"),
        "{main}"
    );
}

#[test]
fn every_recommendation_is_in_the_json_and_csv_with_its_status() {
    let site = TestSite::copy("valid/record");
    let built = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    let json = file(&built, "feedback/recommendations.json");
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["id"], "respite-booking");
    assert_eq!(rows[0]["status"], "accepted");
    assert_eq!(
        rows[0]["status_label"],
        "Accepted 10 June 2024; not yet done"
    );
    // The confidential response is not among its responses.
    assert_eq!(rows[0]["responses"].as_array().unwrap().len(), 1);
    assert_eq!(rows[1]["status"], "not_accepted");
    let csv = file(&built, "feedback/recommendations.csv");
    let mut lines = csv.split("\r\n");
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("page,page_title,source,id,text,to,made,status")
    );
    assert!(csv.contains("respite-booking,Let carers book respite breaks online.,Testshire County Council,2024-05-01,accepted,Accepted 10 June 2024; not yet done,2024-06-10"), "{csv}");
    assert!(!csv.contains("CANARY") && !json.contains("CANARY"));
}

#[test]
fn two_papers_with_one_item_number_at_a_meeting_is_a_warning() {
    let site = TestSite::copy("valid/record");
    assert!(!codes(&site).contains(&"duplicate-agenda-item"));
    let contract = "content/papers/2024-11-12-contract.md";
    let text = std::fs::read_to_string(site.path().join(contract)).unwrap();
    let item = text
        .lines()
        .find(|l| l.starts_with("item: "))
        .expect("the contract paper has an item")
        .to_string();
    edit(&site, contract, &item, "item: 6");
    let built = site
        .build()
        .unwrap_or_else(|d| panic!("{}", d.render_human(false)));
    let d = built
        .warnings
        .warnings()
        .find(|d| d.code == "duplicate-agenda-item")
        .expect("a warning for the second paper at item 6");
    assert!(d.message.contains("item 6"), "{}", d.message);
    assert!(d.message.contains("12 November 2024"), "{}", d.message);
}
