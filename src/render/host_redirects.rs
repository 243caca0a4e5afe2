//! Server-side redirect files: the pages' `aliases` as real 301 redirects, in the
//! file each host reads (`site.yaml` `redirects:`; docs/deploy.md).
//!
//! | Host | File | Form |
//! |---|---|---|
//! | Netlify, Cloudflare Pages | `_redirects` | `/old/ /new/ 301`, one a line |
//! | Azure Static Web Apps | `staticwebapp.config.json` | `routes` with `redirect` and `statusCode: 301` |
//! | Apache | `.htaccess` | `RedirectMatch 301 "^/old/$" "/new/"` (mod_alias) |
//! | nginx | `nginx-redirects.conf` | `location = "/old/" { return 301 "/new/"; }` |
//!
//! The redirects are the model's ([`crate::model::Redirect`]): only published pages
//! have them, so these files never name a withheld page, by the same decision as
//! everything else. Paths are the addresses readers use, with `base_url`'s path in
//! front. An address in `_redirects` and the Azure file is percent-encoded (a space is
//! `%20`); Apache and nginx match the decoded path, so theirs is decoded and quoted.
//! An alias of a folder (`/old/name/`) is redirected with and without its last `/`,
//! since every host but Netlify matches exactly.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

use crate::data::settings::RedirectHost;
use crate::diagnostic::Diagnostic;
use crate::model::SiteModel;
use crate::output::OutputFile;

/// Where each host's file is written.
pub const NETLIFY_FILE: &str = "_redirects";
pub const AZURE_FILE: &str = "staticwebapp.config.json";
pub const APACHE_FILE: &str = ".htaccess";
pub const NGINX_FILE: &str = "nginx-redirects.conf";

/// Cloudflare Pages reads at most 2,000 static redirects, each line at most 1,000
/// characters (developers.cloudflare.com/pages/configuration/redirects/).
const CLOUDFLARE_MAX_RULES: usize = 2000;
const CLOUDFLARE_MAX_LINE: usize = 1000;

/// Every byte but letters, digits, `-._~` and `/` is percent-encoded in a URL path,
/// so that no `*`, `:` or space is read as a wildcard, placeholder or separator.
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// The file a host reads, by host.
pub fn file_of(host: RedirectHost) -> &'static str {
    match host {
        RedirectHost::Netlify | RedirectHost::Cloudflare => NETLIFY_FILE,
        RedirectHost::Azure => AZURE_FILE,
        RedirectHost::Apache => APACHE_FILE,
        RedirectHost::Nginx => NGINX_FILE,
    }
}

/// One redirect, decoded: the old path (every spelling a host must match) and the
/// new one, both from the server's root.
struct Rule {
    from: Vec<String>,
    to: String,
}

fn rules(model: &SiteModel) -> Vec<Rule> {
    let prefix = model.settings.url_prefix();
    let mut rules: Vec<Rule> = model
        .redirects
        .iter()
        .map(|r| {
            let alias = percent_decode_str(r.alias.trim_start_matches('/')).decode_utf8_lossy();
            let old = format!("{prefix}{alias}");
            let last = old.trim_end_matches('/').rsplit('/').next().unwrap_or("");
            let from = if old.ends_with('/') && old.len() > 1 {
                vec![old.clone(), old.trim_end_matches('/').to_string()]
            } else if !last.contains('.') {
                vec![old.clone(), format!("{old}/")]
            } else {
                vec![old]
            };
            let target = percent_decode_str(&r.target).decode_utf8_lossy();
            Rule {
                from,
                to: format!("{prefix}{target}"),
            }
        })
        .collect();
    rules.sort_by(|a, b| a.from.cmp(&b.from));
    rules
}

fn encoded(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

/// A double-quoted argument for Apache or nginx, a `"` in it escaped as `\"`. Any
/// other backslash is kept as it is (Apache passes it on to the regular expression);
/// an alias cannot hold one (`invalid-alias`), so only [`regex_exact`] writes them.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\\\""))
}

/// A regular expression matching exactly `s`.
fn regex_exact(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('^');
    for c in s.chars() {
        if "\\.^$|?*+()[]{}".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('$');
    out
}

/// The redirect files of the hosts `site.yaml` names, and any rule a host's limits
/// break.
pub fn files(model: &SiteModel) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let mut hosts = model.settings.redirects.clone();
    hosts.sort();
    hosts.dedup();
    let rules = rules(model);
    let mut files: Vec<OutputFile> = Vec::new();
    let mut problems = Vec::new();
    for host in hosts {
        let path = file_of(host);
        if files.iter().any(|f| f.path == path) {
            continue;
        }
        let text = match host {
            RedirectHost::Netlify | RedirectHost::Cloudflare => netlify(&rules),
            RedirectHost::Azure => azure(&rules),
            RedirectHost::Apache => apache(&rules),
            RedirectHost::Nginx => nginx(&rules),
        };
        files.push(OutputFile::bytes(path, text));
    }
    if model.settings.redirects.contains(&RedirectHost::Cloudflare) {
        problems.extend(cloudflare_limits(&netlify(&rules)));
    }
    (files, problems)
}

const HEADER: &str =
    "Written by bcfsite from the pages' `aliases`; do not edit (it is rewritten on every build).";

fn netlify(rules: &[Rule]) -> String {
    let mut out = format!("# {HEADER}\n");
    for r in rules {
        for from in &r.from {
            out.push_str(&format!("{} {} 301\n", encoded(from), encoded(&r.to)));
        }
    }
    out
}

fn cloudflare_limits(text: &str) -> Vec<Diagnostic> {
    let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    let mut problems = Vec::new();
    if lines.len() > CLOUDFLARE_MAX_RULES {
        problems.push(
            Diagnostic::error(
                "too-many-redirects",
                format!(
                    "the pages' `aliases` make {} redirects, and Cloudflare Pages reads at most {CLOUDFLARE_MAX_RULES}",
                    lines.len()
                ),
            )
            .with_help("remove old addresses nobody uses any more from `aliases`, or publish on a host without this limit"),
        );
    }
    if let Some(long) = lines.iter().find(|l| l.len() > CLOUDFLARE_MAX_LINE) {
        let from = long.split(' ').next().unwrap_or_default();
        problems.push(
            Diagnostic::error(
                "too-many-redirects",
                format!("the redirect from {from} is longer than the {CLOUDFLARE_MAX_LINE} characters Cloudflare Pages reads"),
            )
            .with_help("give the page a shorter old address in `aliases`"),
        );
    }
    problems
}

fn azure(rules: &[Rule]) -> String {
    let routes: Vec<serde_json::Value> = rules
        .iter()
        .flat_map(|r| {
            r.from.iter().map(|from| {
                serde_json::json!({
                    "route": encoded(from),
                    "redirect": encoded(&r.to),
                    "statusCode": 301,
                })
            })
        })
        .collect();
    let doc = serde_json::json!({ "routes": routes });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

fn apache(rules: &[Rule]) -> String {
    let mut out =
        format!("# {HEADER}\n# Needs mod_alias, and `AllowOverride FileInfo` for this folder.\n");
    for r in rules {
        // One expression for every spelling: exact, so /old/ never catches /old/x.
        let pattern = r
            .from
            .iter()
            .map(|f| regex_exact(f))
            .collect::<Vec<_>>()
            .join("|");
        out.push_str(&format!(
            "RedirectMatch 301 {} {}\n",
            quoted(&pattern),
            quoted(&encoded(&r.to))
        ));
    }
    out
}

fn nginx(rules: &[Rule]) -> String {
    let mut out = format!(
        "# {HEADER}\n# Include it in the site's `server` block: include /path/to/{NGINX_FILE};\n"
    );
    for r in rules {
        for from in &r.from {
            out.push_str(&format!(
                "location = {} {{ return 301 {}; }}\n",
                quoted(from),
                quoted(&encoded(&r.to))
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(from: &[&str], to: &str) -> Rule {
        Rule {
            from: from.iter().map(|s| s.to_string()).collect(),
            to: to.into(),
        }
    }

    #[test]
    fn each_format_says_the_same_redirect() {
        let rules = [rule(&["/old name/", "/old name"], "/papers/x/")];
        assert_eq!(
            netlify(&rules).lines().skip(1).collect::<Vec<_>>(),
            ["/old%20name/ /papers/x/ 301", "/old%20name /papers/x/ 301"]
        );
        assert!(
            apache(&rules)
                .contains("RedirectMatch 301 \"^/old name/$|^/old name$\" \"/papers/x/\"\n")
        );
        assert!(
            nginx(&rules).contains("location = \"/old name/\" { return 301 \"/papers/x/\"; }\n")
        );
        let json: serde_json::Value = serde_json::from_str(&azure(&rules)).unwrap();
        assert_eq!(json["routes"][1]["route"], "/old%20name");
        assert_eq!(json["routes"][1]["statusCode"], 301);
    }

    #[test]
    fn wildcards_and_regex_characters_are_literal() {
        assert_eq!(encoded("/a*b:c/"), "/a%2Ab%3Ac/");
        assert_eq!(regex_exact("/a.b(1)/"), "^/a\\.b\\(1\\)/$");
        assert_eq!(quoted("say \"hi\""), "\"say \\\"hi\\\"\"");
    }

    #[test]
    fn cloudflare_limits_are_errors() {
        let many: Vec<Rule> = (0..1001)
            .map(|i| rule(&[&format!("/o{i}/"), &format!("/o{i}")], "/n/"))
            .collect();
        let ds = cloudflare_limits(&netlify(&many));
        assert_eq!(ds.len(), 1);
        assert_eq!(ds[0].code, "too-many-redirects");
        let long = [rule(&[&format!("/{}/", "a".repeat(1000))], "/n/")];
        assert_eq!(cloudflare_limits(&netlify(&long)).len(), 1);
    }
}
