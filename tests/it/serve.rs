//! `tandem serve`: rebuilds on edits, tells open tabs to reload over
//! server-sent events, shows content errors through the status endpoint the
//! overlay reads, and clears them once fixed. Also: the quick rebuild of one
//! edited clinic gives exactly the pages a full build gives.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tandem::incremental::Builder;

use crate::support::{copy_tree, fixture, options};

pub(crate) struct Server {
    child: Child,
    pub(crate) port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn start(root: &std::path::Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args(["serve", "--port", "0", "--root", root.to_str().unwrap()])
        .env("TANDEM_TODAY", "2025-01-01")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let port = loop {
        let line = lines.next().expect("serve prints its address").unwrap();
        if let Some(rest) = line.strip_prefix("Serving on http://127.0.0.1:") {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    Server { child, port }
}

fn get(port: u16, path: &str) -> (String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    (head.lines().next().unwrap().to_string(), body.to_string())
}

/// Reads server-sent events until one named `name` arrives.
fn wait_for_event(reader: &mut BufReader<TcpStream>, name: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut line = String::new();
    while Instant::now() < deadline {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            panic!("event stream closed before `{name}`");
        }
        if line.trim() == format!("event: {name}") {
            return;
        }
    }
    panic!("no `{name}` event");
}

#[test]
fn serve_rebuilds_reloads_and_reports_errors_until_fixed() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("site/basic"), dir.path());
    let server = start(dir.path());
    let (status, home) = get(server.port, "/");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(
        home.contains("/__tandem/reload.js"),
        "the reload script is added by serve"
    );

    let mut events = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        events,
        "GET /__tandem/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    let mut events = BufReader::new(events);
    wait_for_event(&mut events, "hello");

    let clinic = dir
        .path()
        .join("content/clinics/2024-11-advocacy-toolkit.md");
    let text = std::fs::read_to_string(&clinic).unwrap();
    std::fs::write(
        &clinic,
        text.replace("The body of the session.", "An edited body."),
    )
    .unwrap();
    wait_for_event(&mut events, "reload");
    let (_, page) = get(server.port, "/clinics/2024-11-advocacy-toolkit/");
    assert!(page.contains("An edited body."));

    std::fs::write(
        &clinic,
        text.replace("levels: [experienced]", "levels: [expert]"),
    )
    .unwrap();
    wait_for_event(&mut events, "problems");
    let (_, status) = get(server.port, "/__tandem/status");
    assert!(status.contains("\"ok\":false"), "{status}");
    assert!(status.contains("content/clinics/2024-11-advocacy-toolkit.md:5:10: error: `expert` is not a valid `levels`"), "{status}");
    let (_, page) = get(server.port, "/clinics/2024-11-advocacy-toolkit/");
    assert!(
        page.contains("An edited body."),
        "the last good pages stay served"
    );

    std::fs::write(&clinic, &text).unwrap();
    wait_for_event(&mut events, "reload");
    let (_, status) = get(server.port, "/__tandem/status");
    assert!(status.contains("\"ok\":true"), "{status}");
}

#[test]
fn the_quick_rebuild_of_an_edited_clinic_equals_a_full_build() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("site/multilingual"), dir.path());
    let opts = options(dir.path(), &dir.path().join("unused"));
    let mut builder = Builder::new(opts.clone());
    let mut quick = Default::default();
    builder.rebuild().unwrap().apply_to(&mut quick);
    let clinic = dir.path().join("content/clinics/2024-11-toolkit.md");
    let text = std::fs::read_to_string(&clinic).unwrap();
    std::fs::write(
        &clinic,
        text.replace("The second paragraph.", "The second paragraph, edited."),
    )
    .unwrap();
    builder.note_changes(std::slice::from_ref(&clinic));
    builder.rebuild().unwrap().apply_to(&mut quick);
    assert!(builder.last_was_quick, "a text edit takes the quick path");
    let mut fresh = Builder::new(opts);
    let mut full = Default::default();
    fresh.rebuild().unwrap().apply_to(&mut full);
    // The quick path leaves the search index (and the search page and the
    // service worker naming it) for the full rebuild that `serve` runs once
    // the editor pauses.
    let pages = |files: &tandem::incremental::Files| -> Vec<String> {
        files
            .keys()
            .filter(|p| !p.starts_with("search/") && !p.contains("/search/") && *p != "sw.js")
            .cloned()
            .collect()
    };
    assert_eq!(pages(&quick), pages(&full));
    for path in pages(&full) {
        assert!(
            quick[&path] == full[&path],
            "{path} differs between the quick and the full rebuild"
        );
    }
    assert!(
        builder.search_stale,
        "the search index is marked for a full rebuild"
    );
    std::fs::write(
        &clinic,
        text.replace("levels: [experienced]", "levels: [newcomer]"),
    )
    .unwrap();
    builder.note_changes(std::slice::from_ref(&clinic));
    builder.rebuild().unwrap();
    assert!(
        !builder.last_was_quick,
        "a change of levels moves the clinic in lists: full rebuild"
    );
}
