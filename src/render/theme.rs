//! The theme: Tera templates and static files.
//!
//! The default theme is compiled into the binary (include_dir), so bcfsite works with
//! no theme folder at all. A site overrides any template or static file by placing
//! one with the same name in `SITE/themes/<theme>/templates/` or `.../static/`.

use std::collections::BTreeMap;
use std::path::Path;

use include_dir::{Dir, include_dir};
use tera::Tera;

use crate::diagnostic::{Diagnostic, SourceText, offset_of};
use crate::load::read_text;
use crate::output::{Contents, OutputFile};

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Compiled templates, their sources (for error messages), and static files.
pub struct Theme {
    pub tera: Tera,
    pub sources: BTreeMap<String, SourceText>,
    pub static_files: Vec<OutputFile>,
    /// Problems found reading the theme's folders that do not stop a build (a link
    /// to a folder, not followed).
    pub warnings: Vec<Diagnostic>,
}

impl Theme {
    pub fn has_template(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }

    /// A digest of every template: a page rendered with the same context and the
    /// same digest has the same bytes.
    pub fn digest(&self) -> crate::incremental::Digest {
        let mut key = crate::incremental::Key::new("theme");
        for (name, src) in &self.sources {
            key.str(name).str(&src.text);
        }
        // Which static files exist decides which links resolve.
        for f in &self.static_files {
            key.str(&f.path);
        }
        key.finish()
    }
}

/// Loads the built-in theme, then the site's overrides from `themes/<name>/`.
pub fn load(site_dir: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
    let mut sources: BTreeMap<String, SourceText> = BTreeMap::new();
    let mut statics: BTreeMap<String, OutputFile> = BTreeMap::new();
    let mut problems = Vec::new();

    if let Some(dir) = BUILTIN.get_dir("templates") {
        for file in all_files(dir) {
            let rel = file.path().strip_prefix("templates").unwrap_or(file.path());
            let rel = rel.to_string_lossy().replace('\\', "/");
            let text = String::from_utf8_lossy(file.contents()).into_owned();
            sources.insert(
                rel.clone(),
                SourceText {
                    path: format!("(built-in theme) templates/{rel}"),
                    text: text.into(),
                },
            );
        }
    }
    if let Some(dir) = BUILTIN.get_dir("static") {
        for file in all_files(dir) {
            let rel = file.path().strip_prefix("static").unwrap_or(file.path());
            let rel = rel.to_string_lossy().replace('\\', "/");
            statics.insert(rel.clone(), OutputFile::bytes(rel, file.contents()));
        }
    }

    let theme_dir = site_dir.join("themes").join(name);
    if name != "default" && !theme_dir.is_dir() {
        problems.push(
            Diagnostic::error("unknown-theme", format!("there is no theme folder `themes/{name}`"))
                .in_file("content/site.yaml")
                .with_help("create the folder with your templates, or remove `theme:` to use the built-in theme"),
        );
    }
    // The site's own folders are walked as `static/` is: links judged by their
    // target, unreadable entries reported, nothing taken from `content/`.
    let bounds = crate::load::Bounds::of(site_dir);
    let mut walked = crate::diagnostic::Diagnostics::default();
    let mut files_under = |folder: &str| {
        crate::load::walk_beside_content(
            &theme_dir.join(folder),
            &format!("themes/{name}/{folder}"),
            &bounds,
            &mut walked,
        )
    };
    let templates = files_under("templates");
    let static_files = files_under("static");
    let (errors, warnings): (Vec<_>, Vec<_>) =
        walked.into_vec().into_iter().partition(|d| d.is_error());
    problems.extend(errors);
    for (rel, abs) in templates {
        let display = format!("themes/{name}/templates/{rel}");
        match read_text(&abs, &display) {
            Ok(src) => {
                sources.insert(rel, src);
            }
            Err(d) => problems.push(d),
        }
    }
    for (rel, abs) in static_files {
        statics.insert(
            rel.clone(),
            OutputFile {
                path: rel,
                contents: Contents::Copy(abs),
            },
        );
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml", ".svg"]);
    let pairs: Vec<(&str, &str)> = sources
        .iter()
        .map(|(k, v)| (k.as_str(), v.text.as_ref()))
        .collect();
    if let Err(e) = tera.add_raw_templates(pairs) {
        return Err(template_error(&e, &sources));
    }
    Ok(Theme {
        tera,
        sources,
        static_files: statics.into_values().collect(),
        warnings,
    })
}

fn all_files<'a>(dir: &'a Dir<'a>) -> Vec<&'a include_dir::File<'a>> {
    let mut out: Vec<_> = dir.files().collect();
    for d in dir.dirs() {
        out.extend(all_files(d));
    }
    out
}

/// Turns a Tera error into diagnostics pointing into the templates.
pub fn template_error(
    err: &tera::Error,
    sources: &BTreeMap<String, SourceText>,
) -> Vec<Diagnostic> {
    use tera::ErrorKind;
    const HELP: &str = "fix the template; docs/templates.md lists what each template can use";
    match err.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let mut d = Diagnostic::error("template", report.message().to_string());
            d = match sources.get(report.filename()) {
                Some(src) => d.at(src, report.span().range.clone()),
                None => d.in_file(report.filename().to_string()),
            };
            vec![d.with_help(HELP)]
        }
        // Tera checks filters, tests and includes after parsing and hands back the
        // reports it has already formatted; read their positions back out.
        ErrorKind::Msg(text) if text.starts_with("error: ") => text
            .split("\n\nerror: ")
            .map(|report| {
                parse_report(report.trim_start_matches("error: "), sources).with_help(HELP)
            })
            .collect(),
        other => vec![Diagnostic::error("template", other.to_string()).with_help(HELP)],
    }
}

/// Reads `message\n --> name:line:col ...` from one of Tera's formatted reports.
fn parse_report(report: &str, sources: &BTreeMap<String, SourceText>) -> Diagnostic {
    let message = report.lines().next().unwrap_or_default();
    let location = report
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("--> "))
        .and_then(|loc| {
            let mut parts = loc.rsplitn(3, ':');
            let col: usize = parts.next()?.trim().parse().ok()?;
            let line: usize = parts.next()?.parse().ok()?;
            Some((parts.next()?.to_string(), line, col))
        });
    let d = Diagnostic::error("template", message.to_string());
    match location {
        Some((name, line, col)) => match sources.get(&name) {
            Some(src) => {
                let start = offset_of(&src.text, line, col);
                let len = src.text[start..]
                    .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                    .unwrap_or(0)
                    .max(1);
                d.at(src, start..start + len)
            }
            None => d.in_file(name),
        },
        None => d,
    }
}
