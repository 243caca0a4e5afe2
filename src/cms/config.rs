//! `static/admin/config.yml`: the Decap CMS settings, one collection per section and
//! per kind, each field made from the tables in [`super::forms`].
//!
//! The file is published with the site (everything in `static/` is), so it names no
//! record and no folder that is not public: sections come in only when bcfsite can
//! tell they are published (see `mod.rs`), and ids are never listed here but read by
//! the editor's browser, through the logged-in backend, from the records index and the
//! data files.

use super::fields::fields;
use super::forms::{self, Field, PageForm, SiteFacts};
use super::node::{Node, map, text, texts};

/// A section of the site, as the forms need it.
#[derive(Clone, Debug)]
pub struct Section {
    /// The folder under `content/`, such as `about` or `plan/old`.
    pub rel: String,
    pub title: String,
}

/// Everything the settings are made from.
#[derive(Clone, Debug, Default)]
pub struct Inputs {
    pub base_url: String,
    pub facts: SiteFacts,
    /// Public sections other than the folders kinds live in.
    pub sections: Vec<Section>,
    /// Public section pages of the kind folders (`papers/_index.md`), which their
    /// collections do not list.
    pub kind_sections: Vec<Section>,
}

/// Folders that hold one kind of page, with their own collections.
pub const KIND_FOLDERS: [&str; 5] = ["papers", "feedback", "meetings", "news", "data"];

const PAGE_FORMAT: [(&str, &str); 2] = [("extension", "md"), ("format", "yaml-frontmatter")];
const DATA_FORMAT: [(&str, &str); 2] = [("extension", "yaml"), ("format", "yaml")];

/// A folder collection.
struct Folder<'a> {
    name: &'a str,
    label: &'a str,
    singular: &'a str,
    description: &'a str,
    folder: String,
    format: [(&'static str, &'static str); 2],
    extra: Vec<(&'a str, Node)>,
    fields: Vec<Field>,
}

impl Folder<'_> {
    fn node(self) -> Node {
        let mut pairs = vec![
            ("name".to_string(), text(self.name)),
            ("label".to_string(), text(self.label)),
            ("label_singular".to_string(), text(self.singular)),
            ("description".to_string(), text(self.description)),
            ("folder".to_string(), Node::Text(self.folder)),
            ("create".to_string(), Node::Bool(true)),
        ];
        for (k, v) in self.format {
            pairs.push((k.to_string(), text(v)));
        }
        for (k, v) in self.extra {
            pairs.push((k.to_string(), v));
        }
        pairs.push(("fields".to_string(), fields(&self.fields)));
        Node::Map(pairs)
    }
}

fn filter(kind: &str) -> Node {
    map([("field", text("kind")), ("value", text(kind))])
}

const DATED_SLUG: &str = "{{year}}-{{month}}-{{day}}-{{slug}}";

/// Every collection, in the order the CMS lists them.
pub fn collections(inputs: &Inputs) -> Vec<Node> {
    let facts = &inputs.facts;
    let page = |form| forms::page(form, facts);
    let mut out = vec![
        Folder {
            name: "pages",
            label: "Pages",
            singular: "Page",
            description: "Pages at the top of the site; _index is the home page.",
            folder: "content".into(),
            format: PAGE_FORMAT,
            extra: vec![("slug", text("{{slug}}"))],
            fields: page(PageForm::Section),
        }
        .node(),
    ];
    for section in &inputs.sections {
        let name = format!("section-{}", section.rel.replace('/', "-"));
        out.push(
            Folder {
                name: &name,
                label: &section.title,
                singular: "Page",
                description: "Pages of this section; _index is the section's own page, whose settings apply to everything in it.",
                folder: format!("content/{}", section.rel),
                format: PAGE_FORMAT,
                extra: vec![("slug", text("{{slug}}"))],
                fields: page(PageForm::Section),
            }
            .node(),
        );
    }
    out.push(
        Folder {
            name: "news",
            label: "News",
            singular: "News item",
            description: "Dated news pages, named by their date; _index is the section's own page.",
            folder: "content/news".into(),
            format: PAGE_FORMAT,
            extra: vec![
                ("slug", text(DATED_SLUG)),
                ("sortable_fields", texts(&["date", "title"])),
            ],
            fields: page(PageForm::News),
        }
        .node(),
    );
    out.push(
        Folder {
            name: "papers",
            label: "Papers",
            singular: "Paper",
            description: "Papers to the board. Each is a folder of its own, named by its date, that holds its appendices.",
            folder: "content/papers".into(),
            format: PAGE_FORMAT,
            extra: vec![
                ("path", text("{{slug}}/index")),
                ("slug", text(DATED_SLUG)),
                ("filter", filter("paper")),
                ("sortable_fields", texts(&["date", "title"])),
            ],
            fields: page(PageForm::Paper),
        }
        .node(),
    );
    out.push(
        Folder {
            name: "appendices",
            label: "Appendices",
            singular: "Appendix",
            description: "Appendices, each in its paper's folder. A new appendix starts confidential: listed on the paper as not for publication, never published, until you turn Confidential off.",
            folder: "content/papers".into(),
            format: PAGE_FORMAT,
            extra: vec![
                ("filter", filter("appendix")),
                (
                    "nested",
                    map([
                        ("depth", Node::Int(2)),
                        ("subfolders", Node::Bool(false)),
                        ("summary", text("{{title}}")),
                    ]),
                ),
                (
                    "meta",
                    map([(
                        "path",
                        map([
                            ("widget", text("string")),
                            ("label", text("Paper folder")),
                            (
                                "hint",
                                text("The folder of the paper this appendix belongs to, such as 2024-11-12-bcf-update (see the paper's address)."),
                            ),
                            (
                                "pattern",
                                texts(&[
                                    "^[^/]+$",
                                    "give the paper's folder name alone, such as 2024-11-12-bcf-update",
                                ]),
                            ),
                        ]),
                    )]),
                ),
            ],
            fields: page(PageForm::Appendix),
        }
        .node(),
    );
    out.push(
        Folder {
            name: "feedback",
            label: "Feedback",
            singular: "Feedback",
            description: "What residents told us, with who gathered it and how people agreed to publication.",
            folder: "content/feedback".into(),
            format: PAGE_FORMAT,
            extra: vec![("slug", text("{{slug}}")), ("filter", filter("feedback"))],
            fields: page(PageForm::Feedback),
        }
        .node(),
    );
    out.push(
        Folder {
            name: "meetings",
            label: "Meetings",
            singular: "Meeting page",
            description: "A board meeting's own page: when and where it is, its webcast and minutes, and a few words. Its agenda is made from the papers that name its board and date.",
            folder: "content/meetings".into(),
            format: PAGE_FORMAT,
            extra: vec![
                ("slug", text("{{slug}}")),
                ("filter", filter("meeting")),
                ("sortable_fields", texts(&["title"])),
            ],
            fields: page(PageForm::Meeting),
        }
        .node(),
    );
    out.push(
        Folder {
            name: "quarters",
            label: "Quarterly returns",
            singular: "Quarterly return",
            description: "Quarterly returns as submitted. Each measure's status and the spend on schemes are kept as written: edit them in the file.",
            folder: "content/data".into(),
            format: DATA_FORMAT,
            extra: vec![
                ("identifier_field", text("period")),
                ("slug", text("quarter-{{slug}}")),
                ("summary", text("{{period}}")),
                ("filter", filter("quarter")),
            ],
            fields: forms::quarter(),
        }
        .node(),
    );
    out.push(
        Folder {
            name: "plans",
            label: "Plans",
            singular: "Plan",
            description: "Plans: funding sources and schemes, with amounts by year. bcfsite import turns the national workbook into one.",
            folder: "content/data".into(),
            format: DATA_FORMAT,
            extra: vec![("slug", text("{{slug}}")), ("filter", filter("plan"))],
            fields: forms::plan(facts),
        }
        .node(),
    );
    out.push(
        Folder {
            name: "measures",
            label: "Measures",
            singular: "File of measures",
            description: "Measures with their definitions. Targets and figures are kept as written: edit them in the file.",
            folder: "content/data".into(),
            format: DATA_FORMAT,
            extra: vec![
                ("identifier_field", text("kind")),
                ("slug", text("{{slug}}")),
                ("summary", text("{{filename}}")),
                ("filter", filter("metrics")),
            ],
            fields: forms::metrics(),
        }
        .node(),
    );
    out.push(
        Folder {
            name: "conditions",
            label: "National conditions",
            singular: "List of national conditions",
            description: "Whether each national condition was met, for a return whose other parts are not on the site. A quarterly or year-end return on the site holds its own.",
            folder: "content/data".into(),
            format: DATA_FORMAT,
            extra: vec![
                ("identifier_field", text("period")),
                ("slug", text("conditions-{{slug}}")),
                ("summary", text("{{period}}")),
                ("filter", filter("conditions")),
            ],
            fields: forms::conditions(),
        }
        .node(),
    );
    out.push(
        Folder {
            name: "year-ends",
            label: "Year-end returns",
            singular: "Year-end return",
            description: "Year-end returns: declared totals and national conditions. The lines by funding source and by scheme are kept as written: bcfsite import writes them, or edit them in the file.",
            folder: "content/data".into(),
            format: DATA_FORMAT,
            extra: vec![
                ("identifier_field", text("year")),
                ("slug", text("year-end-{{slug}}")),
                ("summary", text("{{year}}")),
                ("filter", filter("year_end")),
            ],
            fields: forms::year_end(),
        }
        .node(),
    );
    out.push(
        Folder {
            name: "capacity",
            label: "Capacity and demand",
            singular: "Capacity and demand",
            description: "Expected demand and available capacity by month, for each hospital discharge pathway and community service. One file per year.",
            folder: "content/data".into(),
            format: DATA_FORMAT,
            extra: vec![
                ("identifier_field", text("year")),
                ("slug", text("capacity-{{slug}}")),
                ("summary", text("{{year}}")),
                ("filter", filter("capacity")),
            ],
            fields: forms::capacity(facts),
        }
        .node(),
    );
    let mut files = vec![map([
        ("name", text("settings")),
        ("label", text("Site settings")),
        ("file", text("content/site.yaml")),
        ("fields", fields(&forms::settings())),
    ])];
    for section in &inputs.kind_sections {
        files.push(map([
            ("name", Node::Text(format!("{}-section", section.rel))),
            (
                "label",
                Node::Text(format!("{} (section page)", section.title)),
            ),
            (
                "file",
                Node::Text(format!("content/{}/_index.md", section.rel)),
            ),
            ("fields", fields(&page(PageForm::Section))),
        ]));
    }
    out.push(map([
        ("name", text("site")),
        ("label", text("Site")),
        ("files", Node::List(files)),
    ]));
    out.push(map([
        ("name", text("records")),
        ("label", text("Records")),
        ("hide", Node::Bool(true)),
        (
            "description",
            text("The ids pages may relate to, made by bcfsite cms; not edited here."),
        ),
        (
            "files",
            Node::List(vec![map([
                ("name", text("records")),
                ("label", text("Records")),
                ("file", text(super::records::PATH)),
                (
                    "fields",
                    Node::List(vec![map([
                        ("label", text("Records")),
                        ("name", text("records")),
                        ("widget", text("list")),
                        (
                            "fields",
                            Node::List(vec![
                                map([
                                    ("label", text("Id")),
                                    ("name", text("id")),
                                    ("widget", text("string")),
                                ]),
                                map([
                                    ("label", text("Label")),
                                    ("name", text("label")),
                                    ("widget", text("string")),
                                ]),
                            ]),
                        ),
                    ])]),
                ),
            ])]),
        ),
    ]));
    out
}

/// The first lines of `config.yml`; `bcfsite cms` only replaces a file that has them.
pub const HEADER: &str = "# Decap CMS settings for this site, made by `bcfsite cms` from bcfsite's own schemas.\n# Run `bcfsite cms` again after adding a section or a plan year; it keeps the\n# backend block below and replaces the rest. This file is published with the site.\n";

/// Where a new site's CMS saves, until someone names their repository's host.
const DEFAULT_BACKEND: &str = "backend:\n  # Where the CMS saves: see docs/editing.md to name your repository's host\n  # (github, gitlab, azure or git-gateway). bcfsite cms keeps this block.\n  name: git-gateway\n  branch: main\n";

/// The `backend:` block of an earlier `config.yml`: from its line to the next line
/// that starts a top-level key.
pub fn backend_block(old: &str) -> Option<String> {
    let start = old
        .match_indices("backend:")
        .map(|(i, _)| i)
        .find(|&i| i == 0 || old.as_bytes()[i - 1] == b'\n')?;
    let mut block = String::new();
    for (n, line) in old[start..].split_inclusive('\n').enumerate() {
        let top = line.starts_with(|c: char| !c.is_whitespace() && c != '#');
        if n > 0 && top {
            break;
        }
        block.push_str(line);
    }
    if !block.ends_with('\n') {
        block.push('\n');
    }
    Some(block)
}

/// The whole of `config.yml`.
pub fn config_text(inputs: &Inputs, backend: Option<&str>) -> Result<String, String> {
    let settings = Node::Map(vec![
        ("local_backend".into(), Node::Bool(true)),
        ("publish_mode".into(), text("editorial_workflow")),
        ("site_url".into(), text(&inputs.base_url)),
        ("display_url".into(), text(&inputs.base_url)),
        ("locale".into(), text("en")),
        // Uploads land outside content/ and static/, so nothing uploaded is published
        // until someone moves it beside the page it belongs to.
        ("media_folder".into(), text("cms/uploads")),
        ("public_folder".into(), text("/cms/uploads")),
        (
            "slug".into(),
            map([
                ("encoding", text("ascii")),
                ("clean_accents", Node::Bool(true)),
                ("sanitize_replacement", text("-")),
            ]),
        ),
        ("show_preview_links".into(), Node::Bool(false)),
        // Decap's preview is not bcfsite's page: `bcfsite serve` shows the real one.
        ("editor".into(), map([("preview", Node::Bool(false))])),
        ("collections".into(), Node::List(collections(inputs))),
    ]);
    let body = crate::yaml::to_text(&settings)?;
    Ok(format!(
        "{HEADER}{}{body}",
        backend.unwrap_or(DEFAULT_BACKEND)
    ))
}
