//! `/feedback/recommendations.json` and `/feedback/recommendations.csv`: every
//! published feedback recommendation with its status, for Healthwatch and others to
//! reuse ("you said, we did"). Made from the decided model, so a confidential
//! recommendation or response is not in them.

use serde::Serialize;

use crate::model::SiteModel;
use crate::output::OutputFile;

/// Where the two files go.
pub const JSON: &str = "feedback/recommendations.json";
pub const CSV: &str = "feedback/recommendations.csv";

/// One recommendation, as both files list it.
#[derive(Serialize)]
struct Row {
    page: String,
    page_title: String,
    source: Option<String>,
    id: String,
    text: String,
    to: Option<String>,
    made: Option<String>,
    /// `accepted`, `partly_accepted`, `not_accepted`, `pending` or `no_response`.
    status: &'static str,
    /// In words: "Accepted 10 June 2024; not yet done".
    status_label: String,
    done: Option<String>,
    responses: Vec<ResponseRow>,
}

#[derive(Serialize)]
struct ResponseRow {
    date: String,
    by: String,
    status: &'static str,
    text: String,
}

fn rows(model: &SiteModel, base_url: &str) -> Vec<Row> {
    let mut out = Vec::new();
    for p in &model.pages {
        let f = &p.doc.doc.front;
        if !f.kind.listed_as_feedback() {
            continue;
        }
        for r in &f.recommendations {
            out.push(Row {
                page: format!("{base_url}{}", p.url),
                page_title: f.title.clone(),
                source: f.source.as_ref().map(|s| s.organisation.clone()),
                id: r.id.to_string(),
                text: r.text.clone(),
                to: r.to.clone(),
                made: r.made.map(|d| d.iso()),
                status: r.status_code(),
                status_label: r.status_label(),
                done: r.done.map(|d| d.iso()),
                responses: r
                    .responses
                    .iter()
                    .map(|x| ResponseRow {
                        date: x.date.iso(),
                        by: x.by.clone(),
                        status: x.status.as_str(),
                        text: x.text.clone(),
                    })
                    .collect(),
            });
        }
    }
    out
}

/// Whether the build writes the files: only when some published feedback makes a
/// recommendation.
pub fn made(model: &SiteModel) -> bool {
    model.pages.iter().any(|p| {
        p.doc.doc.front.kind.listed_as_feedback() && !p.doc.doc.front.recommendations.is_empty()
    })
}

/// The two files, or none.
pub fn files(model: &SiteModel, base_url: &str) -> Vec<OutputFile> {
    if !made(model) {
        return Vec::new();
    }
    let rows = rows(model, base_url);
    let json = serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into());
    vec![
        OutputFile::bytes(JSON, format!("{json}\n")),
        OutputFile::bytes(CSV, csv(&rows)),
    ]
}

/// One line per recommendation, its latest response in columns of its own.
fn csv(rows: &[Row]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let header = [
        "page",
        "page_title",
        "source",
        "id",
        "text",
        "to",
        "made",
        "status",
        "status_label",
        "latest_response_date",
        "latest_response_by",
        "latest_response_text",
        "done",
    ];
    // Writing to memory cannot fail.
    let _ = w.write_record(header);
    for r in rows {
        let latest = r.responses.iter().max_by_key(|x| x.date.clone());
        let opt = |o: &Option<String>| o.clone().unwrap_or_default();
        let _ = w.write_record([
            r.page.clone(),
            r.page_title.clone(),
            opt(&r.source),
            r.id.clone(),
            r.text.clone(),
            opt(&r.to),
            opt(&r.made),
            r.status.to_string(),
            r.status_label.clone(),
            latest.map(|x| x.date.clone()).unwrap_or_default(),
            latest.map(|x| x.by.clone()).unwrap_or_default(),
            latest.map(|x| x.text.clone()).unwrap_or_default(),
            opt(&r.done),
        ]);
    }
    w.into_inner().unwrap_or_default()
}
