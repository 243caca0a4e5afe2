//! Where a page's old addresses (`aliases`) are written in the output: as the file a
//! web server looks for when it is asked for that address.

/// Where an alias is written: `/old/name/` → `old/name/index.html`, `/old.html` as is.
pub(super) fn alias_output(alias: &str) -> String {
    let decoded = decoded_alias(alias);
    let path = decoded.trim_start_matches('/');
    let last = path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default();
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else if last.contains('.') {
        path.to_string()
    } else {
        format!("{path}/index.html")
    }
}

/// An alias as the file name a web server looks for: `/old%20name/` is asked for as
/// `/old%20name/` and served from a folder `old name`. Escapes that would change the
/// path's shape (a `/`, `\`, `?`, `#`, `..` or a control character) or are not UTF-8
/// are left as written, so decoding can never move a file out of its place.
fn decoded_alias(alias: &str) -> std::borrow::Cow<'_, str> {
    if !alias.contains('%') {
        return alias.into();
    }
    match percent_encoding::percent_decode_str(alias).decode_utf8() {
        Ok(d)
            if d.matches('/').count() == alias.matches('/').count()
                && !d.contains("..")
                && !d.contains(['\\', '?', '#'])
                && !d.chars().any(char::is_control) =>
        {
            d.into_owned().into()
        }
        _ => alias.into(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn alias_outputs() {
        assert_eq!(super::alias_output("/old/name/"), "old/name/index.html");
        assert_eq!(super::alias_output("/old/name"), "old/name/index.html");
        assert_eq!(super::alias_output("/old/page.html"), "old/page.html");
        // A server decodes the address before it looks for the file.
        assert_eq!(super::alias_output("/old%20name/"), "old name/index.html");
        assert_eq!(super::alias_output("/caf%C3%A9.html"), "café.html");
        // Escapes that would change the path's shape are left as written.
        assert_eq!(super::alias_output("/a%2Fb/"), "a%2Fb/index.html");
        assert_eq!(super::alias_output("/%2E%2E/x/"), "%2E%2E/x/index.html");
        assert_eq!(super::alias_output("/bad%FF/"), "bad%FF/index.html");
        assert_eq!(super::alias_output("/x%00/"), "x%00/index.html");
    }
}
