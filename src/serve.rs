//! `bcfsite serve`: build the site into memory and serve it on a local address.
//!
//! It runs the same build as `bcfsite build` (so the same visibility rules), only
//! into memory with `base_url` set to the local address. It serves nothing from disk:
//! a request can only ever get a file the build produced.

use std::collections::HashMap;
use std::io::ErrorKind;
use std::sync::Arc;

use tiny_http::{Header, Request, Response, Server, StatusCode};

use crate::BuildOptions;
use crate::diagnostic::{Diagnostic, Diagnostics};

pub struct ServeOptions {
    pub build: BuildOptions,
    pub bind: String,
    pub port: u16,
}

/// The site as served: URL path (without the leading `/`) → bytes.
pub type SiteFiles = HashMap<String, Vec<u8>>;

/// Binds the address, builds the site and serves it until the process ends.
/// `on_ready` is told the address once the site can be fetched.
pub fn serve(opts: ServeOptions, on_ready: impl FnOnce(&str, usize)) -> Result<(), Diagnostics> {
    let server = Server::http((opts.bind.as_str(), opts.port)).map_err(|e| {
        let in_use = e
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == ErrorKind::AddrInUse);
        let d = if in_use {
            Diagnostic::error(
                "port-in-use",
                format!("port {} is already in use on {}", opts.port, opts.bind),
            )
            .with_help(format!(
                "stop the other server, or pick another port: --port {}",
                opts.port.saturating_add(1)
            ))
        } else {
            Diagnostic::error(
                "cannot-listen",
                format!("cannot listen on {}:{}: {e}", opts.bind, opts.port),
            )
            .with_help("check the --bind address is one of this machine's, e.g. 127.0.0.1")
        };
        Diagnostics::from(vec![d])
    })?;
    let port = server.server_addr().to_ip().map_or(opts.port, |a| a.port());
    let address = format!("http://{}:{port}/", opts.bind);

    let mut build = opts.build.clone();
    build.base_url = Some(address.clone());
    let built = crate::build_in_memory(&build)?;
    let pages = built.pages;
    let files = crate::output::into_memory(built.files).map_err(|e| {
        Diagnostics::from(vec![Diagnostic::error(
            "unreadable-file",
            format!("cannot read a file to serve: {e}"),
        )])
    })?;
    let files = Arc::new(files);
    on_ready(&address, pages);

    let server = Arc::new(server);
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let server = Arc::clone(&server);
            let files = Arc::clone(&files);
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    respond(request, &files);
                }
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
    Ok(())
}

/// What to send for a request path: the file, a redirect to add a slash, or 404.
pub enum Answer<'a> {
    File(&'a str, &'a [u8]),
    Redirect(String),
    NotFound(Option<&'a [u8]>),
}

pub fn lookup<'a>(files: &'a SiteFiles, url: &str) -> Answer<'a> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let path = percent_decode(path.trim_start_matches('/'));
    let candidates = if path.is_empty() || path.ends_with('/') {
        vec![format!("{path}index.html")]
    } else {
        vec![path.clone()]
    };
    for c in &candidates {
        if let Some((k, v)) = files.get_key_value(c) {
            return Answer::File(k, v);
        }
    }
    if !path.ends_with('/') && files.contains_key(&format!("{path}/index.html")) {
        return Answer::Redirect(format!("/{path}/"));
    }
    Answer::NotFound(files.get("404.html").map(Vec::as_slice))
}

fn respond(request: Request, files: &SiteFiles) {
    let answer = lookup(files, request.url());
    let result = match answer {
        Answer::File(path, bytes) => request.respond(
            Response::from_data(bytes.to_vec())
                .with_header(header("Content-Type", content_type(path)))
                .with_header(header("Cache-Control", "no-store")),
        ),
        Answer::Redirect(to) => {
            request.respond(Response::empty(StatusCode(301)).with_header(header("Location", &to)))
        }
        Answer::NotFound(page) => request.respond(
            Response::from_data(page.unwrap_or(b"Not found").to_vec())
                .with_status_code(StatusCode(404))
                .with_header(header("Content-Type", "text/html; charset=utf-8")),
        ),
    };
    let _ = result;
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("static header is valid")
}

pub fn content_type(path: &str) -> &'static str {
    match path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .as_deref()
    {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("csv") => "text/csv; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("ico") => "image/x-icon",
        Some("pdf") => "application/pdf",
        Some("woff2") => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(
                std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"),
                16,
            )
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> SiteFiles {
        HashMap::from([
            ("index.html".to_string(), b"home".to_vec()),
            ("plan/index.html".to_string(), b"plan".to_vec()),
            ("a b.pdf".to_string(), b"pdf".to_vec()),
            ("404.html".to_string(), b"nf".to_vec()),
        ])
    }

    #[test]
    fn lookups() {
        let s = site();
        assert!(matches!(lookup(&s, "/"), Answer::File("index.html", _)));
        assert!(matches!(
            lookup(&s, "/plan/?x=1"),
            Answer::File("plan/index.html", _)
        ));
        assert!(matches!(lookup(&s, "/plan"), Answer::Redirect(ref to) if to == "/plan/"));
        assert!(matches!(
            lookup(&s, "/a%20b.pdf"),
            Answer::File("a b.pdf", _)
        ));
        assert!(matches!(
            lookup(&s, "/../etc/passwd"),
            Answer::NotFound(Some(b"nf"))
        ));
        assert!(matches!(lookup(&s, "/%"), Answer::NotFound(_)));
    }
}
