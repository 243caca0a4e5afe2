//! External links, checked only with `bcfsite check --external`: never during a
//! build and never in tests, since they depend on other people's servers.
//!
//! Each distinct address is requested once (HEAD, then GET for servers that refuse
//! HEAD) with a timeout, a few at a time. A failure is a warning at every link to
//! that address: a council's site cannot fix another site, but should know.
//!
//! The links are found by [`external_links`] in the Markdown of every page, whatever
//! its visibility, after loading and parsing the site: no other stage runs.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use std::time::Duration;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Diagnostics, SourceText};

/// A link to somewhere off the site, and where it is written.
pub struct ExternalLink {
    pub url: String,
    pub source: SourceText,
    pub span: Range<usize>,
}

/// Every link from a page to another site, for `check --external`.
pub fn external_links(site_dir: &Path) -> Result<Vec<ExternalLink>, Diagnostics> {
    let mut diags = Diagnostics::default();
    let sources = crate::load::load(site_dir, &crate::incremental::Cache::disabled(), &mut diags);
    let Some(parsed) =
        crate::parse::parse(sources, &crate::incremental::Cache::disabled(), &mut diags)
    else {
        return Err(diags.sorted());
    };
    let mut out = Vec::new();
    for doc in &parsed.documents {
        for url in crate::content::markdown::links(doc.body_text()) {
            if url.starts_with("https://") || url.starts_with("http://") {
                let span = crate::render::links::link_span(doc, &url);
                out.push(ExternalLink {
                    url,
                    source: doc.source.clone(),
                    span,
                });
            }
        }
    }
    Ok(out)
}

/// What a request for an address came to.
pub enum Outcome {
    Ok,
    Broken(String),
}

pub const TIMEOUT: Duration = Duration::from_secs(10);

/// Checks every distinct address, `parallel` at a time.
pub fn check(links: &[ExternalLink], parallel: usize) -> Vec<Diagnostic> {
    let mut by_url: BTreeMap<&str, Vec<&ExternalLink>> = BTreeMap::new();
    for l in links {
        by_url.entry(l.url.as_str()).or_default().push(l);
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(parallel.max(1))
        .build();
    let urls: Vec<&str> = by_url.keys().copied().collect();
    let run = || {
        urls.par_iter()
            .map(|u| (*u, request(u)))
            .collect::<Vec<_>>()
    };
    let outcomes = match &pool {
        Ok(p) => p.install(run),
        Err(_) => run(),
    };
    let mut out = Vec::new();
    for (url, outcome) in outcomes {
        if let Outcome::Broken(why) = outcome {
            for l in &by_url[url] {
                out.push(
                    Diagnostic::warning("external-link-broken", format!("the link to {url} does not work: {why}"))
                        .at(&l.source, l.span.clone())
                        .with_help("check the address in a browser; if the page has moved, link to its new address, or remove the link"),
                );
            }
        }
    }
    out
}

fn request(url: &str) -> Outcome {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .user_agent("bcfsite link checker")
        .build()
        .into();
    let status = |r: Result<ureq::http::Response<ureq::Body>, ureq::Error>| {
        r.map(|resp| resp.status().as_u16())
    };
    match status(agent.head(url).call()) {
        Ok(code) if code < 400 => Outcome::Ok,
        // Some servers refuse HEAD; ask properly before calling the link broken.
        Ok(405 | 403 | 501) | Err(_) => match status(agent.get(url).call()) {
            Ok(code) if code < 400 => Outcome::Ok,
            Ok(code) => Outcome::Broken(format!("the server answered {code}")),
            Err(e) => Outcome::Broken(e.to_string()),
        },
        Ok(code) => Outcome::Broken(format!("the server answered {code}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A server on loopback answering /ok with 200 and anything else with 404; it
    /// stops after `n` requests, so the test cannot hang on it.
    fn local_server(n: usize) -> String {
        let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
        let port = server.server_addr().to_ip().unwrap().port();
        std::thread::spawn(move || {
            for req in server.incoming_requests().take(n) {
                let code = if req.url() == "/ok" { 200 } else { 404 };
                let _ = req.respond(tiny_http::Response::empty(code));
            }
        });
        format!("http://127.0.0.1:{port}")
    }

    #[test]
    fn broken_links_are_warnings_at_each_use() {
        let base = local_server(4);
        let source = SourceText {
            path: "content/a.md".into(),
            text: "x".into(),
        };
        let link = |path: &str| ExternalLink {
            url: format!("{base}{path}"),
            source: source.clone(),
            span: 0..1,
        };
        // Each address is asked once, however many links use it.
        let out = check(&[link("/ok"), link("/gone"), link("/gone")], 2);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].code, "external-link-broken");
        assert!(out[0].message.contains("404"));
    }
}
