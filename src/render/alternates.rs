//! Links between a page and its other formats (`alternates`, `format`; schema in
//! `src/content/alternates.rs`), both ways: the standard page links "Easy read
//! version", and the easy read page links "Standard version" back, whether or not it
//! lists the standard page itself.
//!
//! A page is linked only if this build publishes it: a withheld page (confidential,
//! draft, embargoed) is simply not linked, and never named, from either side. An
//! alternate `page` that is no page of the site at all is an error, suggesting the
//! nearest published address.

use serde::Serialize;

use crate::content::alternates::Format;
use crate::content::front_matter::FrontMatter;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::model::SiteModel;
use crate::parse::Document;

/// A link to another format of the page, for `page.alternates`.
#[derive(Clone, Debug, Serialize)]
pub struct AlternateView {
    /// What the link says: "Easy read version", "Standard version".
    pub label: &'static str,
    pub url: String,
    /// Whether `url` is on this site (a `<link rel="alternate">` in the head, too).
    pub internal: bool,
}

/// The address of a `page:` value as the model holds it: no leading `/`, a trailing
/// `/` (`plan/carers/`; the home page is empty).
fn normal(page: &str) -> String {
    let p = page.trim().trim_start_matches('/');
    if p.is_empty() || p.ends_with('/') {
        p.to_string()
    } else {
        format!("{p}/")
    }
}

/// Whether `url` (normalised) is a page or section this build publishes.
fn published(model: &SiteModel, url: &str) -> bool {
    model.pages.iter().any(|p| p.url == url)
        || model
            .sections
            .iter()
            .any(|s| s.url == url && s.index.is_some())
}

/// The links from `doc` (at `url`, normalised) to its other formats, and back to the
/// standard version when `doc` is itself one; errors for alternates that name no page.
pub fn links(
    model: &SiteModel,
    doc: &Document,
    url: &str,
    root: &str,
) -> Result<Vec<AlternateView>, Vec<Diagnostic>> {
    let f: &FrontMatter = &doc.front;
    let mut out = Vec::new();
    let mut problems = Vec::new();
    // Where alternate `i` is written (the `alternates` key, if it cannot be found).
    let at = |i: usize| {
        let spans = crate::content::front_matter::spans(&doc.source);
        let list = spans.as_ref().and_then(|s| s.root().get("alternates"));
        list.and_then(|l| Some(l.item(i)?.span()))
            .or_else(|| list?.key_span())
            .unwrap_or(0..0)
    };
    for (i, a) in f.alternates.iter().enumerate() {
        match (&a.url, &a.page) {
            (Some(u), None) if u.starts_with("https://") || u.starts_with("http://") => {
                out.push(AlternateView {
                    label: a.format.link_words(),
                    url: u.clone(),
                    internal: false,
                })
            }
            (Some(u), None) => problems.push(
                Diagnostic::error(
                    "invalid-alternate-url",
                    format!("`{u}` is not a web address"),
                )
                .at(&doc.source, at(i))
                .with_help("give the full address, starting https://; for a page of this site use `page:` instead"),
            ),
            (None, Some(page)) => {
                let target = normal(page);
                if published(model, &target) {
                    out.push(AlternateView {
                        label: a.format.link_words(),
                        url: format!("{root}{target}"),
                        internal: true,
                    });
                } else if !model.unpublished.contains_key(&target) {
                    // Only published addresses are suggested: a withheld page is
                    // never named.
                    let candidates: Vec<String> =
                        model.pages.iter().map(|p| format!("/{}", p.url)).collect();
                    let near = did_you_mean(
                        &format!("/{target}"),
                        candidates.iter().map(String::as_str),
                    );
                    problems.push(
                        Diagnostic::error(
                            "unknown-alternate-page",
                            format!("the alternate page `{page}` is not a page of this site"),
                        )
                        .at(&doc.source, at(i))
                        .with_help(match near {
                            Some(n) => format!("did you mean `{n}`?"),
                            None => "give the page's address, e.g. `page: /plan/carers-easy-read/`, or use `url:` for a version elsewhere".to_string(),
                        }),
                    );
                }
                // Withheld: simply not linked.
            }
            _ => problems.push(
                Diagnostic::error(
                    "alternate-without-address",
                    "each alternate needs either `url` or `page`, not both",
                )
                .at(&doc.source, at(i))
                .with_help("e.g. `- {format: easy_read, page: /plan/carers-easy-read/}` or `- {format: bsl, url: https://www.youtube.com/...}`"),
            ),
        }
    }
    // Back to the standard version: any published page listing this one.
    if f.format.is_some() {
        for p in &model.pages {
            let lists_this = p
                .doc
                .doc
                .front
                .alternates
                .iter()
                .any(|a| a.page.as_deref().map(normal).as_deref() == Some(url));
            if lists_this && p.url != url {
                out.push(AlternateView {
                    label: "Standard version",
                    url: format!("{root}{}", p.url),
                    internal: true,
                });
            }
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// Whether a page is an easy read version, for the reading-grade limit.
pub fn is_easy_read(f: &FrontMatter) -> bool {
    f.format == Some(Format::EasyRead)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_normalised() {
        assert_eq!(normal("/plan/carers-easy-read"), "plan/carers-easy-read/");
        assert_eq!(normal("plan/carers/"), "plan/carers/");
        assert_eq!(normal("/"), "");
    }
}
