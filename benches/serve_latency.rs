//! How long after a save the browser can see the change, through a real `serve`.
//!
//! ```text
//! cargo build --release --bin bcfsite --example serve_latency
//! ./target/release/examples/serve_latency SITE [EDITS] [PORT]
//! ```
//!
//! Starts `bcfsite serve SITE` (the release binary beside this one), listens to its
//! live-reload events as a browser does, then EDITS times (default 20) saves a page
//! the way editors do (write a temporary file, rename it over the page) and times
//! from the rename until the reload event has arrived *and* a fresh GET of the page
//! shows the new text: what a browser does, less its own reload. Prints the median.
//! The page is put back as it was at the end.

#[path = "common.rs"]
mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(port: u16, path: &str) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut body = String::new();
    s.read_to_string(&mut body).ok()?;
    Some(body)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let site = PathBuf::from(
        args.next()
            .expect("usage: serve_latency SITE [EDITS] [PORT]"),
    );
    let edits: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    let port: u16 = args.next().and_then(|n| n.parse().ok()).unwrap_or(18111);
    let exe = std::env::current_exe().expect("own path");
    let bcfsite = exe
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join("bcfsite"))
        .expect("target/release/bcfsite");

    let page = common::first_page(&site);
    let rel = page
        .strip_prefix(site.join("content"))
        .expect("under content");
    let url = format!("/{}/", rel.with_extension("").display());
    let original = std::fs::read_to_string(&page).expect("read the page");

    let started = Instant::now();
    let _server = Server(
        Command::new(&bcfsite)
            .arg("serve")
            .arg(&site)
            .args(["--port", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start bcfsite serve"),
    );
    while get(port, "/").is_none_or(|r| !r.starts_with("HTTP/1.1 200")) {
        assert!(
            started.elapsed() < Duration::from_secs(600),
            "serve did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    println!("serve ready after {:.1} s", started.elapsed().as_secs_f64());

    // Listen to the reload events on a thread, as the page's script does.
    let (tx, rx) = mpsc::channel::<Instant>();
    let mut events = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        events,
        "GET /__bcfsite/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .expect("subscribe");
    std::thread::spawn(move || {
        for line in BufReader::new(events).lines() {
            match line {
                Ok(l) if l == "data: reload" => {
                    if tx.send(Instant::now()).is_err() {
                        return;
                    }
                }
                Ok(_) => {}
                Err(_) => return,
            }
        }
    });
    std::thread::sleep(Duration::from_millis(300));

    let mut times = Vec::new();
    for i in 0..edits {
        while rx.try_recv().is_ok() {}
        let marker = format!("Latency probe {i} {}", std::process::id());
        let tmp = page.with_file_name(".latency-probe.tmp");
        std::fs::write(&tmp, format!("{original}\n{marker}\n")).expect("write");
        let saved = Instant::now();
        std::fs::rename(&tmp, &page).expect("rename over the page");
        // The reload event, then the page as the browser would fetch it.
        let deadline = saved + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            rx.recv_timeout(left).expect("a reload event");
            if get(port, &url).is_some_and(|b| b.contains(&marker)) {
                break;
            }
        }
        times.push(saved.elapsed().as_secs_f64() * 1000.0);
        // Let the watcher settle so that saves do not merge.
        std::thread::sleep(Duration::from_millis(300));
    }
    std::fs::write(&page, &original).expect("restore the page");
    times.sort_by(f64::total_cmp);
    println!(
        "{edits} saves of {url}: visible after median {:.1} ms (min {:.1}, max {:.1}), debounce included",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
}
