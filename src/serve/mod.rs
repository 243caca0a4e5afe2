//! `bcfsite serve`: build the site into memory, serve it on a local address, and
//! rebuild and reload the browser when a file changes.
//!
//! It runs the same build as `bcfsite build` (so the same visibility rules), only
//! into memory with `base_url` set to the local address. It serves nothing from disk:
//! a request can only ever get a file the build produced. Served HTML gets a small
//! live-reload script (never written by `build`), and while the site has errors an
//! overlay listing them; the last good site stays served underneath.

pub mod reload;
mod watch;

use std::collections::HashMap;
use std::io::ErrorKind;
use std::sync::{Arc, RwLock};
use std::time::Instant;

use tiny_http::{Header, Request, Response, Server, StatusCode};

use crate::BuildOptions;
use crate::diagnostic::{Diagnostic, Diagnostics};

pub struct ServeOptions {
    pub build: BuildOptions,
    pub bind: String,
    pub port: u16,
}

/// The site as served: URL path (without the leading `/`) → bytes.
pub type SiteFiles = HashMap<String, Arc<crate::output::FileBytes>>;

/// What the server serves now: the last good site, and the errors of the latest
/// build if it failed.
pub struct State {
    site: RwLock<Arc<SiteFiles>>,
    errors: RwLock<Option<String>>,
    clients: reload::Clients,
    /// How to build, with the cache a rebuild reuses the builds before it from.
    build: BuildOptions,
    /// One build at a time: the first may still be running when the watcher, which
    /// starts before it so that no edit is missed, asks for the next.
    building: std::sync::Mutex<()>,
}

/// The outcome of one build, for the log line.
pub enum Rebuilt {
    Ok {
        pages: usize,
        seconds: f64,
        warnings: String,
        reuse: crate::incremental::Reuse,
    },
    Failed {
        report: String,
    },
}

impl State {
    /// Builds the site and swaps it in, or keeps the last good one and records the
    /// errors. Either way the browsers are told to reload.
    pub fn rebuild(&self) -> Rebuilt {
        self.rebuild_after(&[])
    }

    /// Rebuilds after the watcher saw `changed` (files or folders) change.
    pub fn rebuild_after(&self, changed: &[std::path::PathBuf]) -> Rebuilt {
        let _one_at_a_time = self.building.lock().unwrap_or_else(|e| e.into_inner());
        self.build.cache.invalidate(changed);
        let started = Instant::now();
        let outcome = match crate::build_in_memory(&self.build) {
            Ok(built) => {
                let pages = built.pages;
                let reuse = built.reuse;
                let warnings = if built.warnings.is_empty() {
                    String::new()
                } else {
                    built.warnings.render_human(false)
                };
                match crate::output::into_memory(built.files) {
                    Ok(files) => {
                        *self.site.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(files);
                        *self.errors.write().unwrap_or_else(|e| e.into_inner()) = None;
                        Rebuilt::Ok {
                            pages,
                            seconds: started.elapsed().as_secs_f64(),
                            warnings,
                            reuse,
                        }
                    }
                    Err(e) => self.failed(format!("cannot read a file to serve: {e}")),
                }
            }
            Err(diags) => self.failed(diags.render_human(false)),
        };
        self.clients.send("reload");
        outcome
    }

    fn failed(&self, report: String) -> Rebuilt {
        *self.errors.write().unwrap_or_else(|e| e.into_inner()) = Some(report.clone());
        Rebuilt::Failed { report }
    }

    fn site(&self) -> Arc<SiteFiles> {
        Arc::clone(&self.site.read().unwrap_or_else(|e| e.into_inner()))
    }

    fn errors(&self) -> Option<String> {
        self.errors
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

/// Binds the address, builds the site and serves it, rebuilding on every change,
/// until the process ends. `on_ready` is told the address and page count once the
/// site can be fetched; `log` gets a line per rebuild.
pub fn serve(
    opts: ServeOptions,
    on_ready: impl FnOnce(&str, usize),
    log: impl Fn(&str) + Send + Sync + 'static,
) -> Result<(), Diagnostics> {
    // Shared by the first build's messages and the watcher's.
    let log = Arc::new(log);
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
    // Absolute, so that the paths the watcher reports are the paths the build reads.
    if let Ok(abs) = build.site_dir.canonicalize() {
        build.site_dir = abs;
    }
    build.base_url = Some(address.clone());
    build.progress = false;
    // The watcher reports every change, so unchanged files are not even looked at.
    build.cache = Arc::new(crate::incremental::Cache::watched());
    let state = Arc::new(State {
        site: RwLock::new(Arc::new(SiteFiles::new())),
        errors: RwLock::new(None),
        clients: reload::Clients::default(),
        build: build.clone(),
        building: std::sync::Mutex::new(()),
    });
    // Watching starts first: an edit made during the first build is then seen.
    let watcher = watch::start(&build.site_dir, Arc::clone(&state), {
        let log = Arc::clone(&log);
        move |line: &str| log(line)
    });
    // A broken site does not stop the server: it serves the errors until they are fixed.
    let pages = match state.rebuild() {
        Rebuilt::Ok {
            pages, warnings, ..
        } => {
            if !warnings.is_empty() {
                log(warnings.trim_end());
            }
            pages
        }
        Rebuilt::Failed { report } => {
            log(&report);
            0
        }
    };
    on_ready(&address, pages);

    let server = Arc::new(server);
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let server = Arc::clone(&server);
            let state = Arc::clone(&state);
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    if request.url() == reload::EVENTS_PATH {
                        // Event streams are long-lived: give each its own thread so
                        // page requests never wait behind them.
                        let clients = state.clients.clone();
                        std::thread::spawn(move || clients.stream(request));
                    } else {
                        respond(request, &state);
                    }
                }
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
    drop(watcher);
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
    let path = percent_encoding::percent_decode_str(path.trim_start_matches('/'))
        .decode_utf8_lossy()
        .into_owned();
    let candidates = if path.is_empty() || path.ends_with('/') {
        vec![format!("{path}index.html")]
    } else {
        vec![path.clone()]
    };
    for c in &candidates {
        if let Some((k, v)) = files.get_key_value(c) {
            return Answer::File(k, &v[..]);
        }
    }
    if !path.ends_with('/') && files.contains_key(&format!("{path}/index.html")) {
        return Answer::Redirect(format!("/{path}/"));
    }
    Answer::NotFound(files.get("404.html").map(|v| &v[..]))
}

fn respond(request: Request, state: &State) {
    let files = state.site();
    let errors = state.errors();
    let answer = lookup(&files, request.url());
    let result = match answer {
        Answer::File(path, bytes) => {
            let body = if path.ends_with(".html") {
                reload::inject(bytes, errors.as_deref())
            } else {
                bytes.to_vec()
            };
            request.respond(
                Response::from_data(body)
                    .with_header(header("Content-Type", &content_type(path)))
                    .with_header(header("Cache-Control", "no-store")),
            )
        }
        Answer::Redirect(to) => {
            request.respond(Response::empty(StatusCode(301)).with_header(header("Location", &to)))
        }
        Answer::NotFound(page) => {
            let page = page.unwrap_or(b"<!DOCTYPE html><html lang=\"en\"><head><title>Not found</title></head><body><h1>Not found</h1></body></html>");
            request.respond(
                Response::from_data(reload::inject(page, errors.as_deref()))
                    .with_status_code(StatusCode(404))
                    .with_header(header("Content-Type", "text/html; charset=utf-8")),
            )
        }
    };
    let _ = result;
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("static header is valid")
}

/// The `Content-Type` of a file by its extension, from mime_guess's table; text
/// types say they are UTF-8, as everything bcfsite writes is.
pub fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    if mime.type_() == mime_guess::mime::TEXT {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_come_from_the_extension() {
        assert_eq!(content_type("plan/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.CSS"), "text/css; charset=utf-8");
        assert_eq!(content_type("search.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("plans/x.csv"), "text/csv; charset=utf-8");
        assert_eq!(content_type("search-index.json"), "application/json");
        assert_eq!(content_type("a b.pdf"), "application/pdf");
        assert_eq!(content_type("logo.svg"), "image/svg+xml");
        assert_eq!(content_type("no-extension"), "application/octet-stream");
    }

    fn site() -> SiteFiles {
        HashMap::from([
            (
                "index.html".to_string(),
                Arc::new(crate::output::FileBytes::new(b"home".to_vec())),
            ),
            (
                "plan/index.html".to_string(),
                Arc::new(crate::output::FileBytes::new(b"plan".to_vec())),
            ),
            (
                "a b.pdf".to_string(),
                Arc::new(crate::output::FileBytes::new(b"pdf".to_vec())),
            ),
            (
                "404.html".to_string(),
                Arc::new(crate::output::FileBytes::new(b"nf".to_vec())),
            ),
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
