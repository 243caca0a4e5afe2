//! `bcfsite serve`: a real server on a free loopback port, edited under its feet.
//! Every wait is bounded in time; nothing sleeps longer than it needs.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::*;

struct Served {
    child: Child,
    port: u16,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn serve(site: &TestSite) -> Served {
    serve_with_log(site, Stdio::null())
}

/// Starts serve on a free port, with its log (standard error) going to `log`, and
/// waits until it says it is ready.
fn serve_with_log(site: &TestSite, log: Stdio) -> Served {
    serve_with_args(site, log, &[])
}

fn serve_with_args(site: &TestSite, log: Stdio, args: &[&str]) -> Served {
    let port = free_port();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("bcfsite"))
        .arg("serve")
        .arg(site.path())
        .args(["--port", &port.to_string()])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(log)
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(
        line.contains(&format!("http://127.0.0.1:{port}/")),
        "{line}"
    );
    Served { child, port }
}

impl Served {
    fn get(&self, path: &str) -> (u16, String) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut out = String::new();
        let _ = s.read_to_string(&mut out);
        let code = out.get(9..12).and_then(|c| c.parse().ok()).unwrap_or(0);
        (code, out)
    }

    /// Polls `path` until `ok` holds, for at most ten seconds.
    fn wait_for(&self, path: &str, what: &str, ok: impl Fn(u16, &str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let (code, body) = self.get(path);
            if ok(code, &body) {
                return body;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; last answer:\n{body}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

const HELLO: &str = "content/news/hello.md";

#[test]
fn an_edit_is_served_after_the_save() {
    let site = TestSite::copy("valid/basic");
    let s = serve(&site);
    site.write(HELLO, "---\ntitle: Hello again\n---\n\nEDITED-ONCE\n");
    s.wait_for("/news/hello/", "the edit", |c, b| {
        c == 200 && b.contains("EDITED-ONCE")
    });
}

#[test]
fn an_atomic_save_is_picked_up() {
    let site = TestSite::copy("valid/basic");
    let s = serve(&site);
    // As editors do: write a temporary file, then rename it over the page.
    site.write(
        "content/news/.hello.md.tmp",
        "---\ntitle: Hello\n---\n\nATOMIC-SAVE\n",
    );
    std::fs::rename(
        site.path().join("content/news/.hello.md.tmp"),
        site.path().join(HELLO),
    )
    .unwrap();
    s.wait_for("/news/hello/", "the atomic save", |c, b| {
        c == 200 && b.contains("ATOMIC-SAVE")
    });
}

#[test]
fn deletes_and_renames_are_followed() {
    let site = TestSite::copy("valid/basic");
    let s = serve(&site);
    // Remove the alias first, so the page can go without breaking anything.
    std::fs::rename(
        site.path().join(HELLO),
        site.path().join("content/news/renamed.md"),
    )
    .unwrap();
    s.wait_for("/news/renamed/", "the renamed page", |c, _| c == 200);
    assert_eq!(s.get("/news/hello/").0, 404);
    std::fs::remove_file(site.path().join("content/news/renamed.md")).unwrap();
    s.wait_for("/news/renamed/", "the deleted page to go", |c, _| c == 404);
}

#[test]
fn a_whole_folder_moved_is_followed() {
    let site = TestSite::copy("valid/basic");
    let s = serve(&site);
    std::fs::rename(
        site.path().join("content/news"),
        site.path().join("content/stories"),
    )
    .unwrap();
    s.wait_for("/stories/hello/", "the moved folder", |c, _| c == 200);
    assert_eq!(s.get("/news/").0, 404);
}

#[test]
fn broken_input_keeps_the_last_good_site_with_an_overlay() {
    let site = TestSite::copy("valid/basic");
    let s = serve(&site);
    site.write(
        HELLO,
        "---\ntitle: Hello\nconfidental: true\n---\n\nBROKEN\n",
    );
    let body = s.wait_for("/news/hello/", "the overlay", |_, b| {
        b.contains("bcfsite-errors")
    });
    assert!(
        body.contains("Hello residents"),
        "the last good page is still served"
    );
    assert!(body.contains("content/news/hello.md:3:1"));
    assert!(body.contains("did you mean `confidential`?"));
    site.write(HELLO, "---\ntitle: Hello\n---\n\nFIXED\n");
    let body = s.wait_for("/news/hello/", "the fix", |_, b| b.contains("FIXED"));
    assert!(
        !body.contains("bcfsite-errors"),
        "the overlay goes when the input is fixed"
    );
}

#[test]
fn browsers_are_told_to_reload() {
    let site = TestSite::copy("valid/basic");
    let s = serve(&site);
    let (_, page) = s.get("/");
    assert!(
        page.contains("new EventSource(\"/__bcfsite/events\")"),
        "served HTML has the reload script"
    );
    let mut events = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        events,
        "GET /__bcfsite/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    let mut reader = BufReader::new(events);
    let mut header = String::new();
    reader.read_line(&mut header).unwrap();
    assert!(header.starts_with("HTTP/1.1 200"));
    // Give the stream a moment to register before the edit; the read below is bounded.
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut seen = String::new();
    site.write(HELLO, "---\ntitle: Hello\n---\n\nRELOAD-ME\n");
    while !seen.contains("data: reload") {
        assert!(Instant::now() < deadline, "no reload event: {seen}");
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        seen.push_str(&line);
    }
    assert!(seen.contains("data: reload"), "{seen}");
}

#[test]
fn confidential_content_is_never_served_in_public() {
    let site = TestSite::copy("valid/basic");
    let s = serve(&site);
    for path in [
        "/papers/2024-11-12-update/appendix-b/",
        "/private/",
        "/private/child/",
        "/private/notes.txt",
    ] {
        let (code, body) = s.get(path);
        assert_eq!(code, 404, "{path}");
        assert!(!body.contains("CANARY"), "{path}");
    }
    // A page made confidential while serving disappears.
    site.write(
        HELLO,
        "---\ntitle: Hello\nconfidential: true\n---\n\nCANARY-LATE\n",
    );
    s.wait_for("/news/hello/", "the page to be withheld", |c, _| c == 404);
}

#[test]
fn build_output_never_has_the_reload_script() {
    let site = TestSite::copy("valid/basic");
    let built = site.build().unwrap();
    for (path, text) in all_bytes(&built) {
        assert!(!text.contains("__bcfsite"), "{path}");
    }
}

#[test]
fn the_log_says_what_was_rebuilt() {
    let site = TestSite::copy("valid/basic");
    let mut served = serve_with_log(&site, Stdio::piped());
    let (tx, rx) = std::sync::mpsc::channel();
    let log = served.child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(log).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    let text = std::fs::read_to_string(site.path().join(HELLO)).unwrap();
    site.write(HELLO, &format!("{text}\nOne more sentence.\n"));
    let deadline = Instant::now() + Duration::from_secs(10);
    let line = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = rx.recv_timeout(left).expect("a log line for the rebuild");
        if line.contains("rebuilt in") {
            break line;
        }
    };
    assert!(line.contains("content/news/hello.md changed"), "{line}");
    assert!(
        line.contains("re-rendered 1 of "),
        "only the edited page: {line}"
    );
    drop(served);
}

/// `serve --now` previews the site as it will be after an embargo lifts.
#[test]
fn serve_now_previews_an_embargo_lifting() {
    let site = TestSite::copy("valid/basic");
    let before = serve(&site);
    assert_eq!(before.get("/news/embargoed/").0, 404);
    drop(before);
    let after = serve_with_args(&site, Stdio::null(), &["--now", "2099-01-01T09:00:00Z"]);
    let (code, body) = after.get("/news/embargoed/");
    assert_eq!(code, 200);
    assert!(body.contains("CANARY-EMBARGO-BODY"));
}
