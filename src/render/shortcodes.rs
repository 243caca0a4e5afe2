//! Fills in shortcodes: each becomes the HTML of its template in
//! `templates/shortcodes/`, with the same tables the generated pages use.

use serde::Serialize;
use tera::Context;

use super::data_pages::{
    Ctx, Fact, StatusView, TableView, metric_table, metric_title, status_view,
};
use super::theme::{Theme, template_error};
use super::views::SiteView;
use crate::content::markdown::{self, Rendered};
use crate::content::shortcodes::{self, Shortcode};
use crate::data::Id;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::model::SiteModel;
use crate::parse::Document;

#[derive(Serialize)]
struct Embed {
    chart: Option<String>,
    title: String,
    url: String,
    status: Option<StatusView>,
    facts: Vec<Fact>,
    table: Option<TableView>,
}

/// Renders a page body: shortcodes out, Markdown to HTML, shortcodes' HTML in.
pub fn render_body(
    model: &SiteModel,
    theme: &Theme,
    site: &SiteView,
    doc: &Document,
) -> Result<Rendered, Vec<Diagnostic>> {
    let body = doc.body_text();
    let (markdown, found, problems) = shortcodes::extract(body);
    let at = |span: std::ops::Range<usize>| doc.body.start + span.start..doc.body.start + span.end;
    let mut errors: Vec<Diagnostic> = problems
        .into_iter()
        .map(|p| {
            Diagnostic::error("shortcode", p.message)
                .at(&doc.source, at(p.span))
                .with_help(p.help)
        })
        .collect();
    let mut rendered = markdown::render_at(&markdown, model.settings.allow_raw_html, &site.root);
    if found.is_empty() && errors.is_empty() {
        return Ok(rendered);
    }
    let ctx = Ctx::new(model, theme, &site.root, &site.base_url);
    // Ids already on the page; an embed's table and chart take the next free ones, so
    // two `plan_spend`s give `schemes-table` and `schemes-table-2`.
    let mut taken = markdown::ids_in(&rendered.html);
    for (i, sc) in found.iter().enumerate() {
        match embed(model, &ctx, sc) {
            Ok(mut e) => {
                unique_ids(&mut e, &mut taken);
                let mut tctx = Context::new();
                tctx.insert("site", site);
                tctx.insert("embed", &e);
                let template = format!("shortcodes/{}.html", sc.name);
                match theme.tera.render(&template, &tctx) {
                    Ok(html) => {
                        let marker = format!("<p>{}</p>", shortcodes::placeholder(i));
                        rendered.html = rendered.html.replacen(&marker, &html, 1);
                    }
                    Err(e) => errors.push(template_error(&e, &theme.sources).remove(0)),
                }
            }
            Err(EmbedError::Args(message, help, code)) => errors.push(
                Diagnostic::error(code, message)
                    .at(&doc.source, at(sc.span.clone()))
                    .with_help(help),
            ),
            Err(EmbedError::Template(d)) => errors.push(d),
        }
    }
    if errors.is_empty() {
        Ok(rendered)
    } else {
        Err(errors)
    }
}

/// Gives an embed's table and chart ids no other element of the page has.
fn unique_ids(e: &mut Embed, taken: &mut Vec<String>) {
    if let Some(t) = &mut e.table {
        t.id = markdown::unique_among(&t.id, &["", "-caption"], taken);
    }
    if let Some(svg) = &mut e.chart {
        let ids = markdown::ids_in(svg);
        // A chart's ids share a prefix: `chart-<metric>-title`, `-desc`, `-hatch`…
        if let Some(prefix) = ids
            .first()
            .and_then(|f| f.rsplit_once('-'))
            .map(|p| p.0.to_string())
        {
            let suffixes: Vec<String> = ids
                .iter()
                .filter_map(|id| id.strip_prefix(&prefix).map(str::to_string))
                .collect();
            let suffixes: Vec<&str> = suffixes.iter().map(String::as_str).collect();
            let new = markdown::unique_among(&prefix, &suffixes, taken);
            if new != prefix {
                for s in &suffixes {
                    *svg = svg.replace(&format!("{prefix}{s}"), &format!("{new}{s}"));
                }
            }
        }
    }
}

/// Why a shortcode could not be filled in.
enum EmbedError {
    /// Its arguments: (message, help, code), placed at the shortcode.
    Args(String, String, &'static str),
    /// The theme's chart template failed.
    Template(Diagnostic),
}

fn embed(model: &SiteModel, ctx: &Ctx, sc: &Shortcode) -> Result<Embed, EmbedError> {
    let id = sc.args.get("id").map(String::as_str).unwrap_or_default();
    let d = &model.data;
    let missing = |what: &str, known: Vec<String>| -> EmbedError {
        if let Some(file) = model.withheld_ids.get(id) {
            return EmbedError::Args(
                format!("this page embeds `{id}`, which is confidential"),
                format!(
                    "{file} marks it confidential; remove the shortcode, or mark this page confidential too"
                ),
                "embeds-confidential",
            );
        }
        let help = match did_you_mean(id, known.iter().map(String::as_str)) {
            Some(near) => format!("did you mean `{near}`?"),
            None if known.is_empty() => format!("no {what} is defined yet"),
            None => format!("the {what} ids are: {}", known.join(", ")),
        };
        EmbedError::Args(
            format!("there is no {what} with the id `{id}`"),
            help,
            "unknown-id",
        )
    };
    match sc.name.as_str() {
        "metric" => {
            let m = d.metric(id).ok_or_else(|| {
                missing(
                    "metric",
                    d.metrics.iter().map(|m| m.metric.id.0.clone()).collect(),
                )
            })?;
            Ok(Embed {
                chart: crate::render::charts::metric_chart(
                    ctx.theme(),
                    &m.metric,
                    &format!("{}: figures against targets", metric_title(&m.metric)),
                )
                .map_err(EmbedError::Template)?,
                title: metric_title(&m.metric),
                url: ctx.link(&crate::model::records::metric_url(id)),
                status: Some(status_view(&model.data, &m.metric)),
                facts: Vec::new(),
                table: Some(metric_table(&m.metric)),
            })
        }
        "plan_spend" => {
            let i = d
                .plans
                .iter()
                .position(|p| p.plan.id.as_str() == id)
                .ok_or_else(|| {
                    missing(
                        "plan",
                        d.plans.iter().map(|p| p.plan.id.0.clone()).collect(),
                    )
                })?;
            Ok(Embed {
                chart: None,
                title: d.plans[i].plan.title.clone(),
                url: ctx.link(&crate::model::records::plan_url(id)),
                status: None,
                facts: Vec::new(),
                table: ctx.schemes_table(i),
            })
        }
        _ => {
            let key = Id(id.to_string());
            let s = d.scheme(&key).ok_or_else(|| {
                missing("scheme", d.schemes.keys().map(|k| k.0.clone()).collect())
            })?;
            let facts = super::data_pages::scheme_facts(s)
                .into_iter()
                .map(|(l, value)| Fact {
                    label: l.to_string(),
                    value,
                    url: None,
                })
                .collect();
            Ok(Embed {
                chart: None,
                title: s.name.clone(),
                url: ctx.link(&crate::model::records::scheme_url(id)),
                status: None,
                facts,
                table: ctx.scheme_table(&key),
            })
        }
    }
}
