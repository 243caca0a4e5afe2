//! Internal links: every link in a page must reach something this build publishes.
//!
//! A link to a page that is confidential, a draft or embargoed is an error naming both
//! files (the link would leak that the page exists, or break when it does not); a link
//! to nothing is an error with the nearest address as a hint. External links are not
//! fetched here.

use std::collections::{BTreeMap, HashSet};

use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::parse::Document;
use crate::visibility::Unpublished;

/// Every address the build publishes, as paths under the site root.
pub struct LinkIndex {
    /// Output files: `plan/index.html`, `style.css`, `papers/x/report.pdf`.
    files: HashSet<String>,
    root: String,
    /// The site's own addresses, as (host, path prefix): a link written in full on
    /// one of them is a link within the site.
    own: Vec<(String, String)>,
}

impl LinkIndex {
    /// `base_urls` are the addresses the site is published at (`site.yaml`'s, and any
    /// given with `--base-url`).
    pub fn new(files: impl IntoIterator<Item = String>, root: &str, base_urls: &[&str]) -> Self {
        let own = base_urls
            .iter()
            .filter_map(|b| url::Url::parse(b).ok())
            .filter_map(|u| {
                let host = u.host_str()?.trim_end_matches('.').to_string();
                Some((host, u.path().to_string()))
            })
            .collect();
        LinkIndex {
            files: files.into_iter().collect(),
            root: root.to_string(),
            own,
        }
    }

    fn exists(&self, path: &str) -> bool {
        if path.is_empty() || path.ends_with('/') {
            return self.files.contains(&format!("{path}index.html"));
        }
        self.files.contains(path) || self.files.contains(&format!("{path}/index.html"))
    }

    /// Checks the links of a page at `page_url` (site-relative, e.g. `plan/carers/`):
    /// its Markdown links as written, then the addresses in its raw HTML
    /// (`html_links`) that reach anywhere those do not.
    pub fn check(
        &self,
        doc: &Document,
        page_url: &str,
        links: &[String],
        html_links: &[String],
        unpublished: &BTreeMap<String, (Unpublished, String)>,
    ) -> Vec<Diagnostic> {
        let mut problems: Vec<Diagnostic> = links
            .iter()
            .filter_map(|link| self.check_link(doc, page_url, link, unpublished))
            .collect();
        if !html_links.is_empty() {
            let mut seen: HashSet<String> = links
                .iter()
                .filter_map(|l| self.target(page_url, l))
                .collect();
            for link in html_links {
                if let Some(target) = self.target(page_url, link)
                    && seen.insert(target)
                {
                    problems.extend(self.check_link(doc, page_url, link, unpublished));
                }
            }
        }
        problems
    }

    /// The key a link is known by in `unpublished`: `plan/carers/`, `papers/x/a.pdf`.
    fn target(&self, page_url: &str, link: &str) -> Option<String> {
        self.resolve(page_url, link).map(|path| key_of(&path))
    }

    fn check_link(
        &self,
        doc: &Document,
        page_url: &str,
        link: &str,
        unpublished: &BTreeMap<String, (Unpublished, String)>,
    ) -> Option<Diagnostic> {
        let path = self.resolve(page_url, link)?;
        let key = key_of(&path);
        let span = || link_span(doc, link);
        if let Some((why, file)) = unpublished.get(&key) {
            let (code, what) = match why {
                Unpublished::Confidential => ("links-to-confidential", "confidential"),
                Unpublished::Draft => ("links-to-draft", "a draft"),
                Unpublished::Embargoed => ("links-to-embargoed", "embargoed"),
            };
            return Some(
                Diagnostic::error(
                    code,
                    format!("this page links to `{link}`, which is {what}"),
                )
                .at(&doc.source, span())
                .with_note(format!("{file} is not published in this build"))
                .with_help("remove the link, or link to a published page instead"),
            );
        }
        if self.exists(&path) {
            return None;
        }
        let candidates: Vec<String> = self
            .files
            .iter()
            .map(|f| f.strip_suffix("index.html").unwrap_or(f).to_string())
            .collect();
        let help = match did_you_mean(&path, candidates.iter().map(String::as_str)) {
            Some(near) => format!("did you mean `{}{near}`?", self.root),
            None => "check the address; links within the site are written from the site root, e.g. /plan/carers/".into(),
        };
        Some(
            Diagnostic::error(
                "broken-link",
                format!("this page links to `{link}`, which does not exist"),
            )
            .at(&doc.source, span())
            .with_help(help),
        )
    }

    /// For a link with a `#fragment` to a page of this site: the output file it points
    /// into, and the fragment.
    pub fn anchor_target(&self, page_url: &str, link: &str) -> Option<(String, String)> {
        let (before, fragment) = link.split_once('#')?;
        if fragment.is_empty() {
            return None;
        }
        if before.is_empty() {
            return Some((format!("{page_url}index.html"), fragment.to_string()));
        }
        let path = self.resolve(page_url, before)?;
        let file = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else if self.files.contains(&path) {
            path
        } else {
            format!("{path}/index.html")
        };
        Some((file, fragment.to_string()))
    }

    /// The site path a link points at, or `None` for links off the site and anchors.
    /// A link written in full on the site's own address counts as within it, with or
    /// without the address's path prefix, over `http` or `https`, in any case of host.
    /// `%`-escapes are decoded and `\\` read as `/`, as a browser and server would.
    fn resolve(&self, page_url: &str, link: &str) -> Option<String> {
        let link = link.trim();
        if link.is_empty() || link.starts_with('#') {
            return None;
        }
        let own;
        let link = match self.on_own_address(link) {
            Some(path) => {
                own = path;
                own.as_str()
            }
            None => {
                let scheme = link.find(':').is_some_and(|i| !link[..i].contains('/'));
                if link.starts_with("//") || scheme {
                    return None;
                }
                link
            }
        };
        let path = link.split(['#', '?']).next().unwrap_or_default();
        let path = percent_encoding::percent_decode_str(path)
            .decode_utf8()
            .unwrap_or(std::borrow::Cow::Borrowed(path));
        let path = if path.contains('\\') {
            std::borrow::Cow::Owned(path.replace('\\', "/"))
        } else {
            path
        };
        let joined = if let Some(abs) = path.strip_prefix('/') {
            let abs = format!("/{abs}");
            abs.strip_prefix(&self.root)
                .unwrap_or(&abs[1..])
                .to_string()
        } else {
            format!("{page_url}{path}")
        };
        Some(normalise(&joined))
    }

    /// For a link written in full (`https://host/…`, `//host/…`) on one of the site's
    /// own addresses: its path from the site root, `/papers/x/` (with any query and
    /// fragment). Other links: `None`.
    fn on_own_address(&self, link: &str) -> Option<String> {
        let starts = |p: &str| {
            link.len() >= p.len() && link.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
        };
        let full = if starts("https://") || starts("http://") {
            std::borrow::Cow::Borrowed(link)
        } else if link.starts_with("//") {
            std::borrow::Cow::Owned(format!("https:{link}"))
        } else {
            return None;
        };
        let url = url::Url::parse(&full).ok()?;
        let host = url.host_str()?.trim_end_matches('.');
        let (_, prefix) = self
            .own
            .iter()
            .find(|(h, _)| h.eq_ignore_ascii_case(host))?;
        let path = url.path();
        let path = path
            .strip_prefix(prefix.as_str())
            .map_or_else(|| path.to_string(), |rest| format!("/{rest}"));
        let mut out = path;
        if let Some(q) = url.query() {
            out.push('?');
            out.push_str(q);
        }
        if let Some(f) = url.fragment() {
            out.push('#');
            out.push_str(f);
        }
        Some(out)
    }
}

/// A site path as `unpublished` knows it: a folder's address ends in `/`.
fn key_of(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') || path.contains('.') {
        path.to_string()
    } else {
        format!("{path}/")
    }
}

/// Resolves `.` and `..` segments, keeping a trailing slash.
fn normalise(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if path.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    out
}

/// Checks that every `#fragment` link of the site's pages reaches an element with that
/// id, once all pages are rendered. `pages` are (source, page URL, the page's links
/// with a `#`) as rendering found them.
pub fn check_anchors<'a>(
    index: &LinkIndex,
    pages: impl Iterator<Item = (&'a Document, &'a str, &'a [String])>,
    html: &[crate::output::OutputFile],
) -> Vec<Diagnostic> {
    use std::collections::HashMap;
    // Find the links with fragments first, so that only the files they point at are
    // searched for ids (scanning every page of a large site costs more than the rest).
    let mut wanted: Vec<(&Document, &str, String, String)> = Vec::new();
    for (doc, url, links) in pages {
        for link in links {
            if let Some((file, fragment)) = index.anchor_target(url, link) {
                wanted.push((doc, link, file, fragment));
            }
        }
    }
    if wanted.is_empty() {
        return Vec::new();
    }
    let targets: HashSet<&str> = wanted.iter().map(|w| w.2.as_str()).collect();
    let mut ids: HashMap<&str, HashSet<&str>> = HashMap::new();
    for f in html {
        if let crate::output::Contents::Bytes(bytes) = &f.contents
            && targets.contains(f.path.as_str())
        {
            let text = std::str::from_utf8(bytes).unwrap_or_default();
            let set = text
                .match_indices(" id=\"")
                .filter_map(|(i, m)| {
                    let rest = &text[i + m.len()..];
                    rest.find('"').map(|end| &rest[..end])
                })
                .collect();
            ids.insert(f.path.as_str(), set);
        }
    }
    let mut problems = Vec::new();
    for (doc, link, file, fragment) in &wanted {
        let Some(known) = ids.get(file.as_str()) else {
            continue;
        };
        if !known.contains(fragment.as_str()) {
            let mut sorted: Vec<&str> = known.iter().copied().collect();
            sorted.sort_unstable();
            let near = did_you_mean(fragment, sorted.iter().copied()).or_else(|| {
                sorted
                    .iter()
                    .copied()
                    .find(|k| k.contains(fragment.as_str()))
            });
            let help = match near {
                Some(near) => format!("did you mean `#{near}`?"),
                None => "link to a heading's id: its words in lower case, joined by hyphens".into(),
            };
            problems.push(
                Diagnostic::error(
                    "broken-anchor",
                    format!("this page links to `{link}`, but there is no `#{fragment}` there"),
                )
                .at(&doc.source, link_span(doc, link))
                .with_help(help),
            );
        }
    }
    problems
}

/// Where a link's address is written in the page, for the diagnostic.
pub fn link_span(doc: &Document, link: &str) -> std::ops::Range<usize> {
    let body = doc.body.clone();
    let text = &doc.source.text[body.clone()];
    [
        format!("]({link}"),
        format!("]: {link}"),
        format!("<{link}>"),
        link.to_string(),
    ]
    .iter()
    .find_map(|pat| {
        text.find(pat.as_str())
            .map(|i| i + pat.find(link).unwrap_or(0))
    })
    .map_or(body.start..body.start, |i| {
        body.start + i..body.start + i + link.len()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_links() {
        let idx = LinkIndex::new(
            [
                "plan/index.html".to_string(),
                "plan/carers/index.html".into(),
            ],
            "/",
            &["https://bcf.example.gov.uk/"],
        );
        assert_eq!(idx.resolve("plan/carers/", "/plan/"), Some("plan/".into()));
        assert_eq!(idx.resolve("plan/carers/", "../"), Some("plan/".into()));
        assert_eq!(
            idx.resolve("plan/carers/", "report.pdf"),
            Some("plan/carers/report.pdf".into())
        );
        assert_eq!(idx.resolve("plan/", "https://example.org/"), None);
        assert_eq!(idx.resolve("plan/", "mailto:a@b"), None);
        assert_eq!(idx.resolve("plan/", "#top"), None);
        assert_eq!(
            idx.resolve("plan/", "/plan/carers/#feedback"),
            Some("plan/carers/".into())
        );
        assert!(idx.exists("plan/carers/"));
        assert!(idx.exists("plan/carers"));
        assert!(!idx.exists("plan/nope/"));
    }

    #[test]
    fn strips_the_site_root() {
        let idx = LinkIndex::new(Vec::<String>::new(), "/bcf/", &[]);
        assert_eq!(idx.resolve("", "/bcf/plan/"), Some("plan/".into()));
    }

    #[test]
    fn links_on_the_sites_own_address_are_within_it() {
        let idx = LinkIndex::new(
            Vec::<String>::new(),
            "/bcf/",
            &["https://www.example.gov.uk/bcf/", "http://127.0.0.1:1111/"],
        );
        let r = |link: &str| idx.resolve("news/", link);
        assert_eq!(
            r("https://www.example.gov.uk/bcf/plan/"),
            Some("plan/".into())
        );
        assert_eq!(r("HTTP://WWW.Example.Gov.UK/plan/"), Some("plan/".into()));
        assert_eq!(
            r("https://www.example.gov.uk.:443/bcf/a/../plan/?x#y"),
            Some("plan/".into())
        );
        assert_eq!(r("//www.example.gov.uk/bcf/plan/"), Some("plan/".into()));
        assert_eq!(
            r("https://user@www.example.gov.uk/bcf/plan/"),
            Some("plan/".into())
        );
        assert_eq!(r("http://127.0.0.1:1111/plan/"), Some("plan/".into()));
        assert_eq!(r("https://example.gov.uk/bcf/plan/"), None, "another host");
        assert_eq!(r("ftp://www.example.gov.uk/bcf/plan/"), None);
    }

    #[test]
    fn escapes_are_read_as_a_server_would() {
        let idx = LinkIndex::new(Vec::<String>::new(), "/", &[]);
        let r = |link: &str| idx.resolve("news/", link);
        assert_eq!(r("/papers/%73ecret/"), Some("papers/secret/".into()));
        assert_eq!(r("Q2%20report.pdf"), Some("news/Q2 report.pdf".into()));
        assert_eq!(r("/papers\\secret/"), Some("papers/secret/".into()));
        assert_eq!(r("100%.pdf"), Some("news/100%.pdf".into()));
    }
}
