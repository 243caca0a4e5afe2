//! `content/site.yaml`: the site's settings. Every key but `title` and `base_url` is
//! optional with a sensible default, and unknown keys are errors like anywhere else.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, SourceText, did_you_mean};
use crate::yaml;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub title: String,
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default)]
    pub licence: Option<String>,
    /// One line saying what the site is, for search engines and the home page.
    pub description: Option<String>,
    #[serde(default)]
    pub area: Area,
    pub contact: Option<Contact>,
    /// Let raw HTML in Markdown through uncleaned. Off by default: cleaning stops a
    /// pasted snippet from running script on a council's site.
    #[serde(default)]
    pub allow_raw_html: bool,
    /// The theme folder under `themes/` whose templates override the built-in ones.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// What the generated accessibility statement says.
    #[serde(default)]
    pub accessibility: Accessibility,
    /// Phrases the leak audit may find in public pages although a confidential source
    /// holds them too: boilerplate a paper shares with its appendix, say. Each is a
    /// decision someone made, so keep the list short and reviewed.
    #[serde(default)]
    pub audit_allow: Vec<String>,
    /// The highest Flesch–Kincaid grade a page summary may read at before `check`
    /// warns (9 is about a reading age of 14).
    #[serde(default = "default_grade")]
    pub plain_english_grade: f64,
    /// The same limit for pages marked `format: easy_read` (5 is about a reading age
    /// of 10).
    #[serde(default = "default_easy_read_grade")]
    pub easy_read_grade: f64,
    /// Working days (weekdays) an organisation has to respond to a feedback
    /// recommendation before `check` warns (Healthwatch allows 20).
    #[serde(default = "default_response_days")]
    pub response_working_days: u32,
    /// The plan (or plans) the home page leads with, and the year it shows.
    #[serde(default)]
    pub headline: Headline,
    /// Hosts to write server-side redirect files for, so that `aliases` also become
    /// real 301 redirects (`src/render/host_redirects.rs`). One name or a list.
    #[serde(default, deserialize_with = "one_or_many")]
    pub redirects: Vec<RedirectHost>,
}

/// A host whose own redirect file bcfsite can write (docs/deploy.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RedirectHost {
    /// `_redirects`
    Netlify,
    /// `_redirects` (the same syntax as Netlify's)
    Cloudflare,
    /// `staticwebapp.config.json` (Azure Static Web Apps)
    Azure,
    /// `.htaccess`
    Apache,
    /// `nginx-redirects.conf`, to `include` in a `server` block
    Nginx,
}

/// `redirects: netlify` or `redirects: [netlify, apache]`.
fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<RedirectHost>, D::Error> {
    struct Hosts;
    impl<'de> serde::de::Visitor<'de> for Hosts {
        type Value = Vec<RedirectHost>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a host name, or a list of them")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            use serde::de::IntoDeserializer;
            RedirectHost::deserialize(v.into_deserializer()).map(|h| vec![h])
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            let mut hosts = Vec::new();
            while let Some(h) = seq.next_element()? {
                hosts.push(h);
            }
            Ok(hosts)
        }
    }
    d.deserialize_any(Hosts)
}

/// What the home page's "Where does the money go?" shows. Left out, it shows the plan
/// that covers the latest quarterly return (or today) with the most money, in that
/// year.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Headline {
    /// Plan ids, shown side by side in this order (a pooled fund and its grants).
    #[serde(default)]
    pub plans: Vec<crate::data::Id>,
    /// The financial year to show, e.g. `2024-25`.
    pub year: Option<crate::data::period::Period>,
}

fn default_response_days() -> u32 {
    20
}

fn default_grade() -> f64 {
    9.0
}

fn default_easy_read_grade() -> f64 {
    5.0
}

/// The facts an accessibility statement must give (Public Sector Bodies Accessibility
/// Regulations 2018); the rest of the statement is written by the theme.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Accessibility {
    /// How far the site meets WCAG 2.2 AA.
    #[serde(default)]
    pub status: Compliance,
    /// Known problems, each in plain words.
    #[serde(default)]
    pub issues: Vec<String>,
    /// When the statement was prepared and last reviewed (YYYY-MM-DD).
    pub prepared: Option<crate::content::front_matter::Date>,
    pub reviewed: Option<crate::content::front_matter::Date>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Compliance {
    Full,
    #[default]
    Partial,
    None,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub name: Option<String>,
    pub board: Option<String>,
    /// Named populations for rates per 100,000 people.
    #[serde(default)]
    pub population: BTreeMap<String, u64>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
}

fn default_language() -> String {
    "en-GB".into()
}

fn default_theme() -> String {
    "default".into()
}

/// A licence the site's content is published under, named and linked for people.
#[derive(Clone, Debug, Serialize)]
pub struct Licence {
    pub id: &'static str,
    pub name: &'static str,
    pub url: &'static str,
}

const LICENCES: [Licence; 3] = [
    Licence {
        id: "OGL-UK-3.0",
        name: "Open Government Licence v3.0",
        url: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    },
    Licence {
        id: "CC-BY-4.0",
        name: "Creative Commons Attribution 4.0",
        url: "https://creativecommons.org/licenses/by/4.0/",
    },
    Licence {
        id: "CC0-1.0",
        name: "Creative Commons Zero 1.0 (public domain)",
        url: "https://creativecommons.org/publicdomain/zero/1.0/",
    },
];

impl Settings {
    pub fn licence(&self) -> Licence {
        let id = self.licence.as_deref().unwrap_or("OGL-UK-3.0");
        LICENCES
            .iter()
            .find(|l| l.id == id)
            .cloned()
            .unwrap_or(LICENCES[0].clone())
    }

    /// The path part of `base_url`, always ending in `/`: where the site lives on its host.
    pub fn url_prefix(&self) -> String {
        url_prefix(&self.base_url)
    }
}

/// The path part of a web address, always ending in `/`.
pub fn url_prefix(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    if path.ends_with('/') {
        path.to_string()
    } else {
        format!("{path}/")
    }
}

/// Parses and checks `site.yaml`.
pub fn parse(source: &SourceText) -> Result<Settings, Vec<Diagnostic>> {
    let settings: Settings = yaml::parse(source, 0..source.text.len()).map_err(|d| vec![d])?;
    let at = |key: &str| yaml::key_span(source, 0..source.text.len(), key).unwrap_or(0..0);
    let mut problems = Vec::new();
    if !(settings.base_url.starts_with("https://") || settings.base_url.starts_with("http://")) {
        problems.push(
            Diagnostic::error(
                "invalid-base-url",
                if settings.base_url.trim().is_empty() {
                    "`base_url` is empty: bcfsite needs the address the site is published at".to_string()
                } else {
                    format!("`{}` is not a web address", settings.base_url)
                },
            )
                .at(source, at("base_url"))
                .with_help("write the full address the site will be published at, e.g. https://bcf.example.gov.uk/"),
        );
    }
    if let Some(id) = settings.licence.as_deref()
        && !LICENCES.iter().any(|l| l.id == id)
    {
        let ids = LICENCES.iter().map(|l| l.id);
        let help = match did_you_mean(id, ids.clone()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("use one of: {}", ids.collect::<Vec<_>>().join(", ")),
        };
        problems.push(
            Diagnostic::error(
                "unknown-licence",
                format!("`{id}` is not a licence bcfsite knows"),
            )
            .at(source, at("licence"))
            .with_help(help),
        );
    }
    if problems.is_empty() {
        Ok(settings)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> SourceText {
        SourceText {
            path: "content/site.yaml".into(),
            text: text.into(),
        }
    }

    #[test]
    fn defaults() {
        let s = parse(&src("title: T\nbase_url: https://x.gov.uk/bcf\n")).unwrap();
        assert_eq!(s.language, "en-GB");
        assert_eq!(s.licence().name, "Open Government Licence v3.0");
        assert_eq!(s.url_prefix(), "/bcf/");
        assert!(!s.allow_raw_html);
        assert!(s.redirects.is_empty());
    }

    #[test]
    fn redirects_take_one_host_or_a_list() {
        let one = parse(&src(
            "title: T\nbase_url: https://x.gov.uk/\nredirects: netlify\n",
        ))
        .unwrap();
        assert_eq!(one.redirects, [RedirectHost::Netlify]);
        let many = parse(&src(
            "title: T\nbase_url: https://x.gov.uk/\nredirects: [azure, apache, nginx, cloudflare]\n",
        ))
        .unwrap();
        assert_eq!(
            many.redirects,
            [
                RedirectHost::Azure,
                RedirectHost::Apache,
                RedirectHost::Nginx,
                RedirectHost::Cloudflare
            ]
        );
        let bad = parse(&src(
            "title: T\nbase_url: https://x.gov.uk/\nredirects: netfly\n",
        ))
        .unwrap_err();
        assert!(bad[0].message.contains("netfly"), "{:?}", bad[0]);
    }

    #[test]
    fn the_spec_example_parses() {
        let s = parse(&src(
            "title: Lancashire Better Care Fund\nbase_url: https://bcf.example.gov.uk/\nlanguage: en-GB\nlicence: OGL-UK-3.0\narea:\n  name: Lancashire\n  board: Lancashire Health and Wellbeing Board\n  population:\n    aged_65_plus: 270000\n    aged_18_plus: 980000\ncontact:\n  name: Adult Services, Lancashire County Council\n  email: bcf@example.gov.uk\n",
        ))
        .unwrap();
        assert_eq!(s.area.population["aged_65_plus"], 270000);
        assert_eq!(s.url_prefix(), "/");
    }

    #[test]
    fn bad_values() {
        let e = parse(&src("title: T\nbase_url: bcf.gov.uk\nlicence: OGL-3\n")).unwrap_err();
        assert_eq!(e[0].code, "invalid-base-url");
        assert_eq!(e[1].code, "unknown-licence");
        assert_eq!(e[1].help.as_deref(), Some("did you mean `OGL-UK-3.0`?"));
    }

    #[test]
    fn an_empty_base_url_is_named_as_empty() {
        for text in ["title: T\nbase_url: \"\"\n", "title: T\nbase_url: \"  \"\n"] {
            let e = parse(&src(text)).unwrap_err();
            assert_eq!(e[0].code, "invalid-base-url");
            assert!(e[0].message.contains("is empty"), "{}", e[0].message);
            assert!(!e[0].message.contains("``"), "{}", e[0].message);
        }
    }
}
