//! Reading one request head from a preview client, within bounds: the
//! request line at most [`MAX_LINE`] bytes (else 414), the header lines at
//! most [`MAX_HEADERS`] bytes together (else 431), and only from a `Host`
//! that names this machine (else 403: a page on another site must not reach
//! the preview by rebinding its own name to 127.0.0.1). Any bytes at all
//! give a request or a rejection, never a panic (a proptest feeds it noise).

use std::io::{BufRead, Read};

/// The longest request line read.
pub(super) const MAX_LINE: usize = 8 * 1024;
/// The most bytes of header lines read.
pub(super) const MAX_HEADERS: usize = 64 * 1024;

/// A request head, as far as the preview needs it.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Request {
    /// `GET`, `HEAD`, …
    pub(super) method: String,
    /// The target's path, before `?` or `#`, still percent-encoded.
    pub(super) path: String,
    /// The `Host` header's value, if any.
    pub(super) host: Option<String>,
}

/// Why no request is served.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Rejection {
    /// The client went away or said nothing in time: no answer.
    Closed,
    /// 400: not a request line.
    Malformed,
    /// 414: the request line is longer than [`MAX_LINE`].
    LineTooLong,
    /// 431: the headers are longer than [`MAX_HEADERS`].
    HeadersTooLarge,
}

impl Rejection {
    /// The status line and body of the answer, if one is due.
    pub(super) fn answer(&self) -> Option<(&'static str, &'static [u8])> {
        match self {
            Rejection::Closed => None,
            Rejection::Malformed => Some(("400 Bad Request", b"bad request\n")),
            Rejection::LineTooLong => Some(("414 URI Too Long", b"request line too long\n")),
            Rejection::HeadersTooLarge => Some((
                "431 Request Header Fields Too Large",
                b"request headers too large\n",
            )),
        }
    }
}

/// Reads one request head from `reader`.
pub(super) fn read(reader: &mut impl BufRead) -> Result<Request, Rejection> {
    let line = match read_line(reader, MAX_LINE) {
        Ok(Some(line)) => line,
        Ok(None) => return Err(Rejection::Closed),
        Err(Overflow) => return Err(Rejection::LineTooLong),
    };
    let mut host = None;
    let mut budget = MAX_HEADERS;
    loop {
        let header = match read_line(reader, budget) {
            Ok(Some(header)) => header,
            Ok(None) => break,
            Err(Overflow) => return Err(Rejection::HeadersTooLarge),
        };
        budget -= header.len();
        let header = String::from_utf8_lossy(&header);
        let header = header.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("host") {
                host = Some(value.trim().to_string());
            }
        }
    }
    let line = String::from_utf8_lossy(&line);
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return Err(Rejection::Malformed);
    };
    let path = target.split(['?', '#']).next().unwrap_or("/");
    Ok(Request {
        method: method.to_string(),
        path: path.to_string(),
        host,
    })
}

/// A line longer than the bytes left for it.
struct Overflow;

/// One line, `\n` included, of at most `limit` bytes; `None` at the end of
/// the stream, on a read error (a timeout) or an unfinished last line.
fn read_line(reader: &mut impl BufRead, limit: usize) -> Result<Option<Vec<u8>>, Overflow> {
    let mut line = Vec::new();
    let bound = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    match reader.take(bound).read_until(b'\n', &mut line) {
        Ok(_) if line.ends_with(b"\n") && line.len() <= limit => Ok(Some(line)),
        Ok(_) if line.len() > limit => Err(Overflow),
        _ => Ok(None),
    }
}

/// Whether `host` names this machine: `localhost`, `127.0.0.1` or `[::1]`,
/// with the server's port or none.
pub(super) fn host_allowed(host: Option<&str>, port: u16) -> bool {
    let Some(host) = host else {
        return false;
    };
    let (name, given_port) = match host.rsplit_once(':') {
        Some((name, p)) if !name.is_empty() && !p.contains(']') => (name, Some(p)),
        _ => (host, None),
    };
    let loopback = ["localhost", "127.0.0.1", "[::1]"]
        .iter()
        .any(|allowed| name.eq_ignore_ascii_case(allowed));
    loopback && given_port.is_none_or(|p| p.parse::<u16>() == Ok(port))
}

/// Decodes `%XX` escapes byte by byte; anything that is not one is kept as
/// it is, and bytes that are not UTF-8 become U+FFFD.
pub(super) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&high), Some(&low)) => hex(high).zip(hex(low)),
            _ => None,
        };
        match escaped {
            Some((high, low)) => {
                out.push(high << 4 | low);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(byte: u8) -> Option<u8> {
    char::from(byte)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(bytes: &[u8]) -> Result<Request, Rejection> {
        read(&mut std::io::Cursor::new(bytes))
    }

    #[test]
    fn a_request_gives_its_method_path_and_host() {
        let request = parse(b"GET /clinics/x/?q=1 HTTP/1.1\r\nHOST: localhost:1111\r\n\r\n");
        assert_eq!(
            request,
            Ok(Request {
                method: "GET".into(),
                path: "/clinics/x/".into(),
                host: Some("localhost:1111".into()),
            })
        );
    }

    #[test]
    fn long_lines_and_large_headers_are_refused() {
        let line = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_LINE));
        assert_eq!(parse(line.as_bytes()), Err(Rejection::LineTooLong));
        let header = format!("X: {}\r\n", "b".repeat(1000));
        let request = format!("GET / HTTP/1.1\r\n{}\r\n", header.repeat(70));
        assert_eq!(parse(request.as_bytes()), Err(Rejection::HeadersTooLarge));
        let request = format!("GET / HTTP/1.1\r\n{}\r\n", header.repeat(60));
        assert!(parse(request.as_bytes()).is_ok());
        assert_eq!(parse(b""), Err(Rejection::Closed));
        assert_eq!(parse(b"\r\n\r\n"), Err(Rejection::Malformed));
    }

    #[test]
    fn only_this_machine_is_a_host() {
        for host in [
            "localhost",
            "localhost:1111",
            "127.0.0.1:1111",
            "[::1]:1111",
            "[::1]",
            "LOCALHOST",
        ] {
            assert!(host_allowed(Some(host), 1111), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:1111",
            "localhost:2222",
            "127.0.0.2",
            "localhost.evil.example",
            ":1111",
            "",
        ] {
            assert!(!host_allowed(Some(host), 1111), "{host}");
        }
        assert!(!host_allowed(None, 1111));
    }

    #[test]
    fn paths_are_percent_decoded_without_slicing_characters() {
        assert_eq!(percent_decode("clinics/%D8%A3/"), "clinics/أ/");
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("%aé"), "%aé");
        assert_eq!(percent_decode("%é1"), "%é1");
        assert_eq!(percent_decode("%41%zz"), "A%zz");
    }

    proptest::proptest! {
        #[test]
        fn no_bytes_make_the_parser_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..600)) {
            let _ = parse(&bytes);
        }

        #[test]
        fn no_text_makes_the_decoder_panic(text in "\\PC{0,40}", escapes in "(%[0-9a-fA-Fé]{0,2}){0,5}") {
            let joined = format!("{text}{escapes}{text}");
            let _ = percent_decode(&joined);
        }

        #[test]
        fn a_request_line_of_any_text_is_read_or_refused(method in "[A-Z]{1,8}", path in "/\\PC{0,60}", host in "\\PC{0,30}") {
            let raw = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\n\r\n");
            match parse(raw.as_bytes()) {
                Ok(request) => proptest::prop_assert_eq!(request.method, method),
                Err(rejection) => proptest::prop_assert!(rejection != Rejection::Closed),
            }
        }
    }
}
