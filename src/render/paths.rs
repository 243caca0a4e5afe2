//! Output paths: every file a build writes is claimed here, once, by what writes it,
//! before anything is rendered. Pages, sections, the site's own files, the theme's
//! static files, generated data pages and their downloads, redirects, and the files
//! bcfsite makes itself ([`Builtin`]) all claim their paths in [`OutputPaths::claim`];
//! rendering then writes only what won its claim, and [`OutputPaths::check_written`]
//! refuses a file nobody claimed, so no two writers can race for a path.
//!
//! Two claims on one path are an error (`url-clash`) naming both, except where a
//! rule says who gives way, and those rules are all in [`yields`]:
//!
//! - the home page, the glossary and the accessibility statement that bcfsite writes
//!   give way to a page of the author's at the same address (README: "unless you
//!   write your own page there");
//! - the theme's static files give way to the site's own files at the same path
//!   (docs/templates.md).
//!
//! **Paths are compared ignoring case.** A built site is often copied to a disk or a
//! web server that ignores case (IIS on Windows, a macOS disk, a share or a zip opened
//! there): `Report.pdf` and `report.pdf` are then one file, and which copy survives
//! depends on the order they are copied in, the same race this module exists to end.
//! A site whose files differ only in case is refused wherever it is built.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use super::theme::Theme;
use crate::data::settings::RedirectHost;
use crate::diagnostic::Diagnostic;
use crate::model::SiteModel;
use crate::output::OutputFile;
use crate::visibility::Audience;

/// A file bcfsite writes on its own: adding one is a variant here, with its path, when
/// it is made and whether it gives way to an author's page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    /// The home page, when the site has no `content/_index.md`.
    Home,
    NotFound,
    Accessibility,
    Search,
    Glossary,
    SearchIndex,
    Sitemap,
    Feed,
    Robots,
    DataPackage,
    /// A host's redirect file (`site.yaml` `redirects:`; [`super::host_redirects`]).
    HostRedirects(RedirectHost),
}

impl Builtin {
    pub const ALL: [Builtin; 14] = [
        Builtin::Home,
        Builtin::NotFound,
        Builtin::Accessibility,
        Builtin::Search,
        Builtin::Glossary,
        Builtin::SearchIndex,
        Builtin::Sitemap,
        Builtin::Feed,
        Builtin::Robots,
        Builtin::DataPackage,
        // Netlify and Cloudflare share `_redirects`: one claim.
        Builtin::HostRedirects(RedirectHost::Netlify),
        Builtin::HostRedirects(RedirectHost::Azure),
        Builtin::HostRedirects(RedirectHost::Apache),
        Builtin::HostRedirects(RedirectHost::Nginx),
    ];

    /// Where it is written.
    pub fn path(self) -> &'static str {
        match self {
            Builtin::Home => "index.html",
            Builtin::NotFound => "404.html",
            Builtin::Accessibility => "accessibility/index.html",
            Builtin::Search => "search/index.html",
            Builtin::Glossary => "glossary/index.html",
            Builtin::SearchIndex => "search-index.json",
            Builtin::Sitemap => "sitemap.xml",
            Builtin::Feed => "feed.xml",
            Builtin::Robots => "robots.txt",
            Builtin::DataPackage => "datapackage.json",
            Builtin::HostRedirects(h) => super::host_redirects::file_of(h),
        }
    }

    /// Whether this build makes it at all.
    fn made(self, model: &SiteModel, has_downloads: bool) -> bool {
        match self {
            Builtin::Glossary => !model.glossary.is_empty(),
            // A members' site is for nobody else: no sitemap or feed.
            Builtin::Sitemap | Builtin::Feed => model.audience == Audience::Public,
            Builtin::DataPackage => has_downloads,
            Builtin::HostRedirects(h) => {
                let file = super::host_redirects::file_of(h);
                model
                    .settings
                    .redirects
                    .iter()
                    .any(|&named| super::host_redirects::file_of(named) == file)
            }
            _ => true,
        }
    }

    /// What it is, for a message: "bcfsite writes {what} there".
    fn what(self) -> &'static str {
        match self {
            Builtin::Home => "the home page",
            Builtin::NotFound => "the 404 page",
            Builtin::Accessibility => "the accessibility statement",
            Builtin::Search => "the search page",
            Builtin::Glossary => "the glossary",
            Builtin::SearchIndex => "the search index",
            Builtin::Sitemap => "the sitemap",
            Builtin::Feed => "the Atom feed",
            Builtin::Robots => "its own robots.txt",
            Builtin::DataPackage => "the data package that describes every download",
            Builtin::HostRedirects(_) => "the redirect file `redirects:` in site.yaml asks for",
        }
    }

    /// How to get out of a clash with it.
    fn help(self) -> &'static str {
        match self {
            Builtin::NotFound => {
                "remove your file; to change the 404 page, put a 404.html template in themes/<theme>/templates/"
            }
            Builtin::Robots => {
                "remove your robots.txt: bcfsite writes one for every build, and a members' build must disallow everything"
            }
            Builtin::Search | Builtin::SearchIndex => {
                "move your file or page: /search/ and /search-index.json are the site's search"
            }
            Builtin::HostRedirects(_) => {
                "remove your file (bcfsite writes it from the pages' `aliases`), or take that host out of `redirects:` in site.yaml to keep your own"
            }
            _ => "rename or move your file: bcfsite writes this path itself",
        }
    }
}

/// Who claims a path.
#[derive(Clone, Debug)]
pub enum Claimant<'a> {
    /// A Markdown page or section, by its source file.
    Page(&'a str),
    /// A file of the site's own, from `content/` or `static/`.
    SiteFile(String),
    /// One of the theme's static files.
    ThemeFile,
    /// A page generated from data, by its source (a file, or a note like
    /// "(generated from plans)").
    Data(String),
    /// A CSV or JSON download of a data table on the page at this address.
    Download(String),
    /// A redirect page for an old address, by the source of the page it names.
    Alias(&'a str),
    Builtin(Builtin),
}

impl Claimant<'_> {
    /// The author's file behind a claim, to point a message at.
    fn file(&self) -> Option<&str> {
        match self {
            Claimant::Page(f) | Claimant::Alias(f) => Some(f),
            Claimant::SiteFile(f) => Some(f),
            Claimant::Data(f) if !f.starts_with('(') => Some(f),
            _ => None,
        }
    }

    /// A note saying this claimant is there too.
    fn note(&self, path: &str) -> String {
        match self {
            Claimant::Builtin(b) => format!("bcfsite writes {} there", b.what()),
            Claimant::ThemeFile => {
                format!("the theme's static file `{path}` is published there too")
            }
            Claimant::Download(page) => {
                format!("bcfsite writes a download of a data table on /{page} there")
            }
            Claimant::Alias(f) => format!("{f} (an alias) is published there too"),
            Claimant::Data(f) if f.starts_with('(') => format!(
                "a page {} is published there too",
                f.trim_matches(['(', ')'])
            ),
            other => format!(
                "{} is published there too",
                other.file().unwrap_or_default()
            ),
        }
    }
}

/// The rules for who gives way: `Some(true)` when `new` gives way to `old`,
/// `Some(false)` when `old` gives way to `new`, `None` when they clash.
fn yields(old: &Claimant, new: &Claimant) -> Option<bool> {
    let gives_way = |a: &Claimant, b: &Claimant| {
        matches!(
            (a, b),
            (
                Claimant::Builtin(Builtin::Home | Builtin::Glossary | Builtin::Accessibility),
                Claimant::Page(_),
            ) | (Claimant::ThemeFile, Claimant::SiteFile(_))
        )
    };
    if gives_way(new, old) {
        Some(true)
    } else if gives_way(old, new) {
        Some(false)
    } else {
        None
    }
}

/// One claim: the address as its claimant spelt it, and who.
struct Claim<'a> {
    address: Cow<'a, str>,
    by: Claimant<'a>,
}

/// Every path of one build, and who writes it.
pub struct OutputPaths<'a> {
    /// By address (`plan/` for `plan/index.html`), case folded.
    claims: HashMap<Cow<'a, str>, Claim<'a>>,
    problems: Vec<Diagnostic>,
}

impl<'a> OutputPaths<'a> {
    /// Everything the build of `model` with `theme` will write, claimed in one place.
    pub fn claim(model: &'a SiteModel, theme: &'a Theme) -> Self {
        let downloads = super::downloads::paths(model);
        let mut paths = OutputPaths {
            claims: HashMap::with_capacity(
                model.sections.len() + model.pages.len() + model.files.len() + 64,
            ),
            problems: Vec::new(),
        };
        for s in &model.sections {
            if let Some(doc) = &s.index {
                paths.add(Cow::Borrowed(&s.url), Claimant::Page(&doc.doc.source.path));
            }
        }
        for p in &model.pages {
            paths.add(
                Cow::Borrowed(&p.url),
                Claimant::Page(&p.doc.doc.source.path),
            );
        }
        for f in &model.files {
            let source = f
                .source
                .strip_prefix(&model.site_dir)
                .unwrap_or(&f.source)
                .to_string_lossy()
                .replace('\\', "/");
            paths.add(address_of(&f.output), Claimant::SiteFile(source));
        }
        for (url, source) in model.data.urls() {
            paths.add(Cow::Owned(url), Claimant::Data(source));
        }
        for r in &model.redirects {
            paths.add(address_of(&r.output), Claimant::Alias(&r.source));
        }
        // Meetings (issue 19): pages for meetings without one, the index, the calendar.
        for url in super::meetings::urls(model) {
            paths.add(
                Cow::Owned(url),
                Claimant::Data("(generated from the papers' meetings)".into()),
            );
        }
        // "You said, we did" (issue 19): every feedback recommendation, for reuse.
        if super::recommendations::made(model) {
            for path in [super::recommendations::JSON, super::recommendations::CSV] {
                paths.add(
                    address_of(path),
                    Claimant::Data("(generated from feedback recommendations)".into()),
                );
            }
        }
        for (path, page) in &downloads {
            paths.add(Cow::Owned(path.clone()), Claimant::Download(page.clone()));
        }
        for f in &theme.static_files {
            paths.add(address_of(&f.path), Claimant::ThemeFile);
        }
        for b in Builtin::ALL {
            if b.made(model, !downloads.is_empty()) {
                paths.add(address_of(b.path()), Claimant::Builtin(b));
            }
        }
        paths
    }

    fn add(&mut self, address: Cow<'a, str>, by: Claimant<'a>) {
        let key = fold(&address);
        let Some(old) = self.claims.get_mut(&key) else {
            self.claims.insert(key, Claim { address, by });
            return;
        };
        match yields(&old.by, &by) {
            Some(true) => {}
            Some(false) => *old = Claim { address, by },
            None => {
                let d = clash(old, &address, &by);
                self.problems.push(d);
            }
        }
    }

    /// The clashes found, each an error naming both claimants.
    pub fn problems(&self) -> &[Diagnostic] {
        &self.problems
    }

    /// Whether bcfsite writes `b` in this build (it is made, and gave way to nothing).
    pub fn writes(&self, b: Builtin) -> bool {
        self.winner(b.path())
            .is_some_and(|c| matches!(c.by, Claimant::Builtin(w) if w == b))
    }

    /// Whether the theme's static file at `path` is written (no file of the site's
    /// own replaces it).
    pub fn writes_theme_file(&self, path: &str) -> bool {
        self.winner(path)
            .is_some_and(|c| matches!(c.by, Claimant::ThemeFile) && c.address == address_of(path))
    }

    fn winner(&self, path: &str) -> Option<&Claim<'a>> {
        self.claims.get(&*fold(&address_of(path)))
    }

    /// Every path written, for the link check.
    pub fn paths(&self) -> impl Iterator<Item = String> + '_ {
        self.claims.values().map(|c| path_of(&c.address))
    }

    /// Problems with the files rendering made: a file written twice, or written
    /// without having won its claim, is refused (it would mean two writers for one
    /// path, the race this module is for).
    pub fn check_written(&self, files: &[OutputFile]) -> Vec<Diagnostic> {
        let mut seen: HashSet<&str> = HashSet::with_capacity(files.len());
        let mut problems = Vec::new();
        for f in files {
            let address = address_of(&f.path);
            let claimed = self
                .claims
                .get(&*fold(&address))
                .is_some_and(|c| c.address == address);
            if !seen.insert(&f.path) || !claimed {
                problems.push(
                    Diagnostic::error(
                        "unclaimed-output",
                        format!(
                            "bcfsite was about to write /{} without a claim to it",
                            f.path
                        ),
                    )
                    .with_note("nothing was written")
                    .with_help("this is a bug in bcfsite; please report it with the site's layout"),
                );
            }
        }
        problems
    }
}

/// The error for two claims on one address. It points at an author's file where
/// there is one, and says what bcfsite writes there when it is one of the two.
fn clash(old: &Claim, address: &str, by: &Claimant) -> Diagnostic {
    let path = path_of(&old.address);
    let (here, other, other_path) = match (by.file(), old.by.file()) {
        (Some(_), _) => (by, &old.by, path_of(&old.address)),
        (None, Some(_)) => (&old.by, by, path_of(address)),
        (None, None) => (by, &old.by, path_of(&old.address)),
    };
    let mut d = Diagnostic::error(
        "url-clash",
        format!("two files would be published at /{path}"),
    );
    match here.file() {
        Some(file) => d = d.in_file(file).with_note(other.note(&other_path)),
        None => {
            d = d
                .with_note(here.note(&path_of(address)))
                .with_note(other.note(&other_path))
        }
    }
    if let Claimant::Alias(file) = here {
        d = d.with_note(format!("{file} lists this address in `aliases`"));
    }
    if old.address != address {
        d = d.with_note(format!(
            "`/{}` and `/{}` differ only in case; on a disk or web server that ignores case (Windows, macOS, many hosts) they are one file",
            path_of(&old.address),
            path_of(address)
        ));
    }
    let builtin = [here, other].into_iter().find_map(|c| match c {
        Claimant::Builtin(b) => Some(*b),
        _ => None,
    });
    let help = match builtin {
        Some(b) => b.help(),
        None if [here, other]
            .iter()
            .any(|c| matches!(c, Claimant::Download(_))) =>
        {
            "rename or move your file: bcfsite writes the CSV and JSON of each data table beside its page"
        }
        None => {
            "rename or move one of them; if one replaced the other, delete the old one and add its address to `aliases`"
        }
    };
    d.with_help(help)
}

/// The address an output file is found at: `plan/` for `plan/index.html`.
pub fn address_of(output: &str) -> Cow<'_, str> {
    Cow::Borrowed(crate::model::address_of(output))
}

/// The output file at an address: `plan/index.html` for `plan/`.
fn path_of(address: &str) -> String {
    if address.is_empty() || address.ends_with('/') {
        format!("{address}index.html")
    } else {
        address.to_string()
    }
}

/// An address with its case folded; borrowed when there is nothing to fold (page
/// addresses are lower-case slugs already).
fn fold<'s>(address: &Cow<'s, str>) -> Cow<'s, str> {
    if address
        .bytes()
        .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
    {
        Cow::Owned(address.to_lowercase())
    } else {
        address.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_paths_match_the_addresses_pages_link_to() {
        assert_eq!(
            Builtin::Accessibility.path(),
            format!("{}index.html", super::super::ACCESSIBILITY_URL)
        );
        assert_eq!(
            Builtin::Search.path(),
            format!("{}index.html", super::super::SEARCH_URL)
        );
        assert_eq!(
            Builtin::Glossary.path(),
            format!("{}index.html", super::super::GLOSSARY_URL)
        );
    }

    #[test]
    fn who_gives_way_is_a_rule_not_an_order() {
        let page = Claimant::Page("content/glossary.md");
        let glossary = Claimant::Builtin(Builtin::Glossary);
        assert_eq!(yields(&page, &glossary), Some(true));
        assert_eq!(yields(&glossary, &page), Some(false));
        let site = Claimant::SiteFile("static/style.css".into());
        assert_eq!(yields(&Claimant::ThemeFile, &site), Some(false));
        assert_eq!(yields(&site, &Claimant::ThemeFile), Some(true));
        let robots = Claimant::Builtin(Builtin::Robots);
        let own = Claimant::SiteFile("static/robots.txt".into());
        assert_eq!(yields(&robots, &own), None);
        assert_eq!(yields(&Claimant::Builtin(Builtin::Search), &page), None);
    }

    #[test]
    fn folds_only_what_needs_it() {
        assert!(matches!(fold(&Cow::Borrowed("plan/x/")), Cow::Borrowed(_)));
        assert_eq!(fold(&Cow::Borrowed("News/Report.PDF")), "news/report.pdf");
        assert_eq!(fold(&Cow::Borrowed("É.pdf")), "é.pdf");
    }
}
