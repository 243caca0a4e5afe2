//! Live reload over Server-Sent Events, and the error overlay.
//!
//! Every served HTML page gets a few lines of script that listen on
//! [`EVENTS_PATH`] and reload the page (keeping its scroll position) when a rebuild
//! finishes. While the latest build has errors, pages also get an overlay listing
//! them. Only `serve` adds these; `build` output never contains them.

use std::io::Write;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tiny_http::Request;

pub const EVENTS_PATH: &str = "/__bcfsite/events";

const SCRIPT: &str = r#"<script>
(function () {
  var key = "bcfsite-scroll", y = sessionStorage.getItem(key);
  if (y !== null) { sessionStorage.removeItem(key); addEventListener("load", function () { scrollTo(0, +y); }); }
  var events = new EventSource("/__bcfsite/events");
  events.onmessage = function (e) {
    if (e.data === "reload") { sessionStorage.setItem(key, String(scrollY)); location.reload(); }
  };
})();
</script>"#;

/// The browsers listening for rebuilds.
#[derive(Clone, Default)]
pub struct Clients(Arc<Mutex<Vec<Sender<&'static str>>>>);

impl Clients {
    /// Tells every listening browser; forgets the ones that have gone.
    pub fn send(&self, message: &'static str) {
        let mut clients = self.0.lock().unwrap_or_else(|e| e.into_inner());
        clients.retain(|c| c.send(message).is_ok());
    }

    /// Answers an event-stream request, holding it open until the browser leaves.
    /// Written straight to the socket and flushed per event: a buffered response would
    /// hold events back.
    pub fn stream(&self, request: Request) {
        let (tx, rx) = mpsc::channel();
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(tx);
        let mut out = request.into_writer();
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n";
        if out
            .write_all(head.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
        loop {
            let chunk = match rx.recv_timeout(Duration::from_secs(15)) {
                Ok(msg) => format!("data: {msg}\n\n"),
                // A comment now and then keeps the connection, and finds a closed one.
                Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
                Err(RecvTimeoutError::Disconnected) => return,
            };
            if out
                .write_all(chunk.as_bytes())
                .and_then(|()| out.flush())
                .is_err()
            {
                return;
            }
        }
    }
}

/// A page that opts out of both, as the CMS's admin page does: a reload after every
/// save would throw away the editor's place, and the overlay would cover its forms.
pub const OPT_OUT: &str = "<meta name=\"bcfsite-live-reload\" content=\"off\">";

/// A served HTML page with the reload script, and the error overlay if any.
pub fn inject(html: &[u8], errors: Option<&str>) -> Vec<u8> {
    if memchr::memmem::find(html, OPT_OUT.as_bytes()).is_some() {
        return html.to_vec();
    }
    let text = String::from_utf8_lossy(html);
    let mut out =
        String::with_capacity(text.len() + SCRIPT.len() + errors.map_or(0, |e| e.len() + 600));
    let body_open = text
        .find("<body")
        .and_then(|i| text[i..].find('>').map(|j| i + j + 1));
    let body_close = text.rfind("</body>").unwrap_or(text.len());
    match (errors, body_open) {
        (Some(report), Some(open)) if open <= body_close => {
            out.push_str(&text[..open]);
            out.push_str(&overlay(report));
            out.push_str(&text[open..body_close]);
        }
        (Some(report), _) => {
            out.push_str(&overlay(report));
            out.push_str(&text[..body_close]);
        }
        (None, _) => out.push_str(&text[..body_close]),
    }
    out.push_str(SCRIPT);
    out.push_str(&text[body_close..]);
    out.into_bytes()
}

fn overlay(report: &str) -> String {
    let mut escaped = String::with_capacity(report.len());
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html_body_text(&mut escaped, report);
    format!(
        "<div id=\"bcfsite-errors\" role=\"alert\" style=\"position:fixed;top:0;left:0;right:0;max-height:70vh;overflow:auto;z-index:2147483647;background:#fff;color:#0b0c0c;border:5px solid #d4351c;padding:1rem;font:16px/1.4 system-ui,sans-serif\"><h2 style=\"margin:0 0 .5rem;font-size:1.25rem\">The site has errors</h2><p style=\"margin:0 0 .5rem\">You are seeing the last version that built. Fix these and save; this page reloads by itself.</p><pre style=\"white-space:pre-wrap;font:14px/1.4 monospace;margin:0\">{escaped}</pre></div>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_script_before_body_end() {
        let html = b"<html><body class=\"x\"><p>Hi</p></body></html>";
        let out = String::from_utf8(inject(html, None)).unwrap();
        assert!(out.starts_with("<html><body class=\"x\"><p>Hi</p><script>"));
        assert!(out.ends_with("</script></body></html>"));
    }

    #[test]
    fn overlay_goes_first_and_is_escaped() {
        let out = String::from_utf8(inject(b"<body><p>Hi</p></body>", Some("error: <b>bad</b>")))
            .unwrap();
        assert!(out.starts_with("<body><div id=\"bcfsite-errors\" role=\"alert\""));
        assert!(out.contains("error: &lt;b&gt;bad&lt;/b&gt;"));
    }

    #[test]
    fn a_page_may_opt_out() {
        let html = format!("<head>{OPT_OUT}</head><body><p>Hi</p></body>");
        assert_eq!(inject(html.as_bytes(), Some("error")), html.as_bytes());
    }
}
