//! `cms/records.yml`: every id a page may relate to, with a label, for the CMS's
//! `relates_to` picker.
//!
//! Decap's relation widget reads one list from one collection, and `relates_to` names
//! plans, funding sources, schemes, measures and quarters, which live in three kinds of
//! file. So `bcfsite cms` writes them into one list. It sits outside `content/` and
//! `static/`, so it is never published: it names confidential records too (marked so,
//! since a public page may not relate to one), and the editor's browser reads it
//! through the logged-in backend like any other file of the site.

use crate::data::{DataDoc, DataFile};

use super::node::Node;

/// Where the index is, from the site folder.
pub const PATH: &str = "cms/records.yml";

/// The first lines of the index; `bcfsite cms` only replaces a file that has them.
pub const HEADER: &str = "# Every record a page may relate to, for the CMS, made by `bcfsite cms` from\n# content/. Run `bcfsite cms` again after adding a plan, scheme, measure or quarter.\n# Never published.\n";

/// One record: its id and how the picker shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub id: String,
    pub label: String,
}

fn record(id: &str, what: &str, name: &str, confidential: bool) -> Record {
    let mark = if confidential { " (confidential)" } else { "" };
    Record {
        id: id.to_string(),
        label: format!("{what}: {name} [{id}]{mark}"),
    }
}

/// The records of every data document, in file order; a record in a confidential
/// file is confidential.
pub fn collect(files: &[DataFile]) -> Vec<Record> {
    let mut out = Vec::new();
    for file in files {
        match &file.doc {
            DataDoc::Plan(p) => {
                out.push(record(p.id.as_str(), "Plan", &p.title, p.confidential));
                for f in &p.funding {
                    out.push(record(
                        f.id.as_str(),
                        "Funding",
                        &f.name,
                        p.confidential || f.confidential,
                    ));
                }
                for s in &p.schemes {
                    out.push(record(
                        s.id.as_str(),
                        "Scheme",
                        &s.name,
                        p.confidential || s.confidential,
                    ));
                }
            }
            DataDoc::Metrics(m) => {
                for metric in &m.metrics {
                    let name = metric.plain_name.as_deref().unwrap_or(&metric.name);
                    out.push(record(
                        metric.id.as_str(),
                        "Measure",
                        name,
                        m.confidential || metric.confidential,
                    ));
                }
            }
            DataDoc::Quarter(q) => {
                let id = q.period.to_string();
                out.push(record(&id, "Quarter", &q.period.label(), q.confidential));
            }
            // Nothing names a return's conditions by id.
            DataDoc::Conditions(_) | DataDoc::YearEnd(_) | DataDoc::Capacity(_) => {}
        }
    }
    out
}

/// The text of the index.
pub fn text(records: &[Record]) -> Result<String, String> {
    let list = Node::List(
        records
            .iter()
            .map(|r| {
                Node::Map(vec![
                    ("id".into(), Node::Text(r.id.clone())),
                    ("label".into(), Node::Text(r.label.clone())),
                ])
            })
            .collect(),
    );
    let body = crate::yaml::to_text(&Node::Map(vec![("records".into(), list)]))?;
    Ok(format!("{HEADER}{body}"))
}
