//! A small HTTP/1.1 server for the preview: static files from memory, the
//! reload event stream, the status of the latest build, and the reload script.

use std::io::{BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

use super::{Shared, request};

/// The script added to every HTML page served by `tandem serve`.
pub(super) const RELOAD_JS: &str = include_str!("reload.js");
const SCRIPT_TAG: &str = "<script src=\"/__tandem/reload.js\" defer></script>";

/// Accepts connections until the process stops, one thread each.
pub(super) fn serve(listener: TcpListener, shared: Arc<Shared>) {
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
    for stream in listener.incoming().flatten() {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            let _ = handle(stream, &shared, port);
        });
    }
}

fn handle(mut stream: TcpStream, shared: &Shared, port: u16) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let request = match request::read(&mut reader) {
        Ok(request) => request,
        Err(rejection) => {
            return match rejection.answer() {
                Some((status, body)) => respond(&mut stream, status, "text/plain", body, true),
                None => Ok(()),
            };
        }
    };
    let with_body = request.method == "GET";
    if !with_body && request.method != "HEAD" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"GET only\n",
            true,
        );
    }
    if !request::host_allowed(request.host.as_deref(), port) {
        let body = b"this preview answers only to localhost, 127.0.0.1 and [::1]\n";
        return respond(&mut stream, "403 Forbidden", "text/plain", body, with_body);
    }
    match request.path.as_str() {
        "/__tandem/events" if with_body => events(stream, shared),
        "/__tandem/events" => respond(&mut stream, "200 OK", "text/event-stream", b"", false),
        "/__tandem/status" => {
            let body = status_json(shared);
            respond(
                &mut stream,
                "200 OK",
                "application/json",
                body.as_bytes(),
                with_body,
            )
        }
        "/__tandem/reload.js" => respond(
            &mut stream,
            "200 OK",
            "text/javascript; charset=utf-8",
            RELOAD_JS.as_bytes(),
            with_body,
        ),
        path => file(&mut stream, shared, path, with_body),
    }
}

/// Answers with `body`, or with its headers only (`with_body` false: HEAD).
fn respond(
    stream: &mut TcpStream,
    status: &str,
    content_type: &str,
    body: &[u8],
    with_body: bool,
) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if with_body {
        stream.write_all(body)?;
    }
    Ok(())
}

/// The status of the latest build, for the overlay.
pub(super) fn status_json(shared: &Shared) -> String {
    let Ok(snapshot) = shared.snapshot.lock() else {
        return "{}".into();
    };
    serde_json::json!({
        "generation": snapshot.generation,
        "ok": snapshot.problems.is_empty(),
        "problems": snapshot.problems,
        "build_ms": snapshot.build_ms,
    })
    .to_string()
}

fn events(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n")?;
    let Ok(mut snapshot) = shared.snapshot.lock() else {
        return Ok(());
    };
    let mut seen = snapshot.generation;
    stream.write_all(format!("event: hello\ndata: {seen}\n\n").as_bytes())?;
    loop {
        let (next, timeout) = match shared
            .changed
            .wait_timeout(snapshot, Duration::from_secs(15))
        {
            Ok(pair) => pair,
            Err(_) => return Ok(()),
        };
        snapshot = next;
        let message = if snapshot.generation != seen {
            seen = snapshot.generation;
            let kind = if snapshot.problems.is_empty() {
                "reload"
            } else {
                "problems"
            };
            format!("event: {kind}\ndata: {seen}\n\n")
        } else if timeout.timed_out() {
            ": keep-alive\n\n".to_string()
        } else {
            continue;
        };
        drop(snapshot);
        stream.write_all(message.as_bytes())?;
        stream.flush()?;
        snapshot = match shared.snapshot.lock() {
            Ok(s) => s,
            Err(_) => return Ok(()),
        };
    }
}

fn file(
    stream: &mut TcpStream,
    shared: &Shared,
    path: &str,
    with_body: bool,
) -> std::io::Result<()> {
    let decoded = request::percent_decode(path.trim_start_matches('/'));
    let key = if decoded.is_empty() || decoded.ends_with('/') {
        format!("{decoded}index.html")
    } else {
        decoded
    };
    let (found, status, key) = {
        let Ok(snapshot) = shared.snapshot.lock() else {
            return Ok(());
        };
        match snapshot
            .files
            .get(&key)
            .or_else(|| snapshot.files.get(&format!("{key}/index.html")))
        {
            Some(bytes) => (Some(Arc::clone(bytes)), "200 OK", key),
            None => (
                snapshot.files.get("404.html").cloned(),
                "404 Not Found",
                "404.html".to_string(),
            ),
        }
    };
    let Some(bytes) = found else {
        return respond(
            stream,
            "404 Not Found",
            "text/plain",
            b"not found\n",
            with_body,
        );
    };
    let content_type = content_type(&key);
    if content_type.starts_with("text/html") {
        let html = String::from_utf8_lossy(&bytes);
        let with_script = match html.rfind("</body>") {
            Some(at) => format!("{}{SCRIPT_TAG}{}", &html[..at], &html[at..]),
            None => format!("{html}{SCRIPT_TAG}"),
        };
        return respond(
            stream,
            status,
            content_type,
            with_script.as_bytes(),
            with_body,
        );
    }
    respond(stream, status, content_type, &bytes, with_body)
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "gz" => "application/gzip",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(content_type("x/index.html"), "text/html; charset=utf-8");
    }
}
