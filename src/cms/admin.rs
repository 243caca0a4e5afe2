//! `static/admin/index.html`: the page that loads Decap CMS.
//!
//! By default it loads one pinned release of Decap from unpkg, with a Subresource
//! Integrity hash, so the browser refuses any other bytes at that address. With
//! `--vendor FILE` the bundle is copied beside the page and loaded from the site
//! itself, and the page asks nothing of any other server.
//!
//! A small script of ours leaves emptied fields out of the file: bcfsite refuses
//! `summary: ""` or `exempt_paragraph: null` where Decap would write them. An emptied
//! embargo (`publish`) is kept on purpose, so that the build stops and asks for a
//! time rather than publishing at once.

/// The Decap release the page loads, checked against its npm package.
pub const DECAP_VERSION: &str = "3.16.3";
/// `sha384` of `dist/decap-cms.js` of that release (the browser tests check it
/// against the copy npm installs).
pub const DECAP_INTEGRITY: &str =
    "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p";
/// The name of the bundle beside the page, when it is vendored (`mod.rs` copies it).
const VENDORED: &str = "decap-cms.js";

/// The first line of the page; `bcfsite cms` only replaces a page that has it.
pub const MARKER: &str =
    "<!-- Made by bcfsite cms: run it again rather than editing this page. -->";

pub fn decap_url() -> String {
    format!("https://unpkg.com/decap-cms@{DECAP_VERSION}/dist/decap-cms.js")
}

/// Leaves out of the saved file every field left empty (`""`, `null`, an empty list
/// or group), at any depth, except an emptied `publish`. Written without lines that
/// start `publish:` or `draft:`, which bcfsite would take for page settings.
const CLEAN_SCRIPT: &str = r#"<script>
  // bcfsite refuses an empty value where Decap writes one: leave emptied fields out,
  // except an emptied embargo, which stops the build until a time is given.
  (function () {
    function immutable(value) {
      return value !== null && typeof value === "object" && typeof value.toJS === "function";
    }
    function empty(value) {
      return value === null || value === undefined || value === "" || (immutable(value) && value.size === 0);
    }
    function clean(value) {
      if (!immutable(value)) return value;
      return value.map(clean).filter(function (v, key) { return key === "publish" || !empty(v); });
    }
    CMS.registerEventListener({
      name: "preSave",
      handler: function (event) { return clean(event.entry.get("data")); },
    });
  })();
</script>"#;

/// The admin page: the bundle from unpkg (pinned and hashed), or the vendored copy.
pub fn page(vendored: bool) -> String {
    let script = if vendored {
        format!("<script src=\"{VENDORED}\"></script>")
    } else {
        format!(
            "<script src=\"{}\" integrity=\"{DECAP_INTEGRITY}\" crossorigin=\"anonymous\"></script>",
            decap_url()
        )
    };
    // `bcfsite serve` neither reloads this page after a save nor covers it with errors.
    let opt_out = crate::serve::reload::OPT_OUT;
    format!(
        "<!DOCTYPE html>\n{MARKER}\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n{opt_out}\n<title>Edit the site</title>\n</head>\n<body>\n<noscript>The editor needs JavaScript.</noscript>\n{script}\n{CLEAN_SCRIPT}\n</body>\n</html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_pins_decap_unless_vendored() {
        let cdn = page(false);
        assert!(cdn.contains("https://unpkg.com/decap-cms@3.16.3/dist/decap-cms.js"));
        assert!(cdn.contains(&format!("integrity=\"{DECAP_INTEGRITY}\"")));
        let local = page(true);
        assert!(local.contains("<script src=\"decap-cms.js\">"));
        assert!(!local.contains("https://"), "{local}");
    }

    #[test]
    fn the_page_does_not_look_like_a_page_to_bcfsite() {
        for vendored in [false, true] {
            let text = page(vendored);
            assert_eq!(crate::load::sniff::page_like(&text), None, "{text}");
        }
    }
}
