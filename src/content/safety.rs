//! What an editor may not write in a body, because it could run a script or
//! load another page: dangerous raw HTML and unsafe link schemes. The check
//! stage reports them as errors at their line; the Markdown renderer also
//! neutralises them, so nothing dangerous reaches a page either way.

/// What in raw HTML an editor may not write: elements that run code, embed
/// other pages or change the document, and event-handler attributes.
pub fn unsafe_html(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    const TAGS: &[&str] = &[
        "script", "iframe", "frame", "object", "embed", "style", "link", "meta", "base", "form",
        "svg", "math", "template",
    ];
    for tag in TAGS {
        let open = format!("<{tag}");
        if let Some(at) = lower.find(&open) {
            let next = lower[at + open.len()..].chars().next();
            if next.is_none_or(|c| c.is_whitespace() || c == '>' || c == '/') {
                return Some(format!("<{tag}>"));
            }
        }
    }
    let bytes = lower.as_bytes();
    for (at, _) in lower.match_indices("on") {
        let before = at.checked_sub(1).map(|i| bytes[i]);
        // Handler names are short; bounding the name keeps the scan linear
        // on a body of "onononon…".
        let name: String = lower[at..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .take(MAX_HANDLER_NAME)
            .collect();
        let after = lower[at + name.len()..].trim_start();
        if name.len() > 2
            && before
                .is_some_and(|b| b.is_ascii_whitespace() || b == b'/' || b == b'"' || b == b'\'')
            && after.starts_with('=')
        {
            return Some(format!("{name}="));
        }
    }
    ["javascript:", "vbscript:", "data:text/html"]
        .iter()
        .find(|s| lower.contains(*s))
        .map(|s| s.to_string())
        .or_else(|| {
            let squeezed = lower.replace(' ', "");
            ["=\"/\\", "='/\\", "=/\\", "=\"\\", "='\\", "=\\"]
                .iter()
                .any(|s| squeezed.contains(*s))
                .then(|| "a link starting with `/\\` or `\\`".to_string())
        })
}

/// The longest event-handler attribute name looked for (`onbeforeunload`
/// and its kin are well under it).
const MAX_HANDLER_NAME: usize = 40;

pub use crate::diagnostic::is_bidi_control;

/// A body without NUL and without bidirectional controls, which no
/// Markdown needs (the page sets each block's direction itself); borrowed
/// when it has none, as nearly every body.
pub fn without_invisible_controls(body: &str) -> std::borrow::Cow<'_, str> {
    if body.chars().any(|c| c == '\0' || is_bidi_control(c)) {
        body.chars()
            .filter(|c| *c != '\0' && !is_bidi_control(*c))
            .collect::<String>()
            .into()
    } else {
        body.into()
    }
}

/// True for a path that browsers read as another host's address: `/\x`
/// and `\\x` mean `//x` to them.
pub fn is_backslash_path(url: &str) -> bool {
    let url = url.trim_start();
    url.starts_with("/\\") || url.starts_with('\\')
}

/// How deep an editor's raw HTML elements may nest. Real bodies nest a
/// few levels; the HTML cleaner's work grows with the square of the depth
/// (each tag looks at every open element), so 40,000 nested `<div>` took
/// 17 s. Deeper than this is an error at its line.
pub const MAX_HTML_DEPTH: usize = 100;

/// Follows the nesting of the raw HTML in a body, piece by piece, in time
/// linear in its length.
#[derive(Debug, Default)]
pub struct HtmlDepth {
    depth: usize,
    /// Reported already: one error per body is enough.
    exceeded: bool,
}

impl HtmlDepth {
    /// Takes in one piece of raw HTML; true the first time the nesting
    /// goes deeper than [`MAX_HTML_DEPTH`].
    pub fn see(&mut self, html: &str) -> bool {
        let bytes = html.as_bytes();
        // Where the next `>` is, found once for all the `<` before it, so
        // a run of `<` without `>` is scanned once, not once per `<`.
        let mut next_close: Option<usize> = None;
        let mut deepest = self.depth;
        for at in memchr::memchr_iter(b'<', bytes) {
            let rest = &bytes[at + 1..];
            let closing = rest.first() == Some(&b'/');
            let name: Vec<u8> = rest[usize::from(closing)..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .take(16)
                .map(u8::to_ascii_lowercase)
                .collect();
            if name.is_empty() || !name[0].is_ascii_alphabetic() {
                continue;
            }
            if closing {
                self.depth = self.depth.saturating_sub(1);
                continue;
            }
            if next_close.is_none_or(|close| close < at) {
                next_close = memchr::memchr(b'>', rest).map(|i| at + 1 + i);
            }
            let self_closing = next_close.is_some_and(|close| bytes[close - 1] == b'/');
            if !self_closing && !is_void(&name) {
                self.depth += 1;
                deepest = deepest.max(self.depth);
            }
        }
        let first_time = deepest > MAX_HTML_DEPTH && !self.exceeded;
        self.exceeded |= first_time;
        first_time
    }
}

/// Elements that never have content, so never nest.
fn is_void(name: &[u8]) -> bool {
    const VOID: &[&[u8]] = &[
        b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta",
        b"param", b"source", b"track", b"wbr",
    ];
    VOID.contains(&name)
}

/// True for URLs whose scheme can run code or smuggle content.
pub fn is_unsafe_url(url: &str) -> bool {
    if is_backslash_path(url) {
        return true;
    }
    // Every link of every body passes here: the scheme is compared in
    // place, without collecting it.
    let Some((scheme, _)) = url.trim_start().split_once(':') else {
        return false;
    };
    let letters = scheme.chars().filter(|c| !c.is_whitespace());
    ["javascript", "data", "vbscript", "file"]
        .iter()
        .any(|unsafe_scheme| {
            let mut letters = letters.clone();
            unsafe_scheme
                .chars()
                .all(|wanted| letters.next().map(|c| c.to_ascii_lowercase()) == Some(wanted))
                && letters.next().is_none()
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Position;

    #[test]
    fn html_nesting_is_followed_across_pieces() {
        let mut depth = HtmlDepth::default();
        // Each piece leaves one more <div> open; the <p> goes one deeper for a while.
        assert!(!depth.see(&"<div><br><img src=x/><p>a</p>".repeat(MAX_HTML_DEPTH - 1)));
        assert!(!depth.see("<section>"), "at the limit");
        assert!(depth.see("<span>"), "one deeper than the limit");
        assert!(!depth.see("<div>"), "reported once");
        let mut flat = HtmlDepth::default();
        assert!(!flat.see(&"<div>x</div>".repeat(10_000)));
        let mut closed_later = HtmlDepth::default();
        let deep = format!(
            "{}x{}",
            "<div>".repeat(MAX_HTML_DEPTH + 1),
            "</div>".repeat(MAX_HTML_DEPTH + 1)
        );
        assert!(
            closed_later.see(&deep),
            "closed in the same piece, still too deep"
        );
        let mut unclosed = HtmlDepth::default();
        assert!(unclosed.see(&"<a".repeat(MAX_HTML_DEPTH + 1)));
    }

    #[test]
    fn backslash_paths_and_direction_controls_are_caught() {
        assert!(is_unsafe_url("/\\evil.example/x"));
        assert!(is_unsafe_url("\\\\evil.example"));
        assert!(!is_unsafe_url("/calendar/"));
        assert!(unsafe_html("<a href=\"/\\evil.example\">x</a>").is_some());
        assert_eq!(without_invisible_controls("a\u{202E}b\0c\u{2067}d"), "abcd");
        assert_eq!(
            without_invisible_controls("سلام \u{200F}"),
            "سلام \u{200F}",
            "marks stay"
        );
    }

    proptest::proptest! {
        #[test]
        fn unsafe_urls_are_found_as_collecting_the_scheme_finds_them(
            url in "[ \t]{0,2}(j ?a ?v ?a ?s ?c ?r ?i ?p ?t|JavaScript|DATA|vbScript|file|https?|[a-zé]{0,6})[ \t]?:?[a-z/:]{0,8}"
        ) {
            let scheme: String = url
                .trim_start()
                .chars()
                .take_while(|c| *c != ':')
                .filter(|c| !c.is_whitespace())
                .collect();
            let collected = url.contains(':')
                && matches!(
                    scheme.to_ascii_lowercase().as_str(),
                    "javascript" | "data" | "vbscript" | "file"
                );
            proptest::prop_assert_eq!(is_unsafe_url(&url), collected, "{:?}", url);
        }
    }

    #[test]
    fn dangerous_raw_html_is_found() {
        assert_eq!(unsafe_html("<SCRIPT src=x>"), Some("<script>".into()));
        assert_eq!(
            unsafe_html("<img src=x onerror=alert(1)>"),
            Some("onerror=".into())
        );
        assert_eq!(
            unsafe_html("<iframe src=https://x>"),
            Some("<iframe>".into())
        );
        assert_eq!(
            unsafe_html("<a href=\"javascript:x\">"),
            Some("javascript:".into())
        );
        assert_eq!(unsafe_html("<b>bold</b> <span lang=fr>mot</span>"), None);
        assert_eq!(unsafe_html("<p>contact on=monday</p>"), None);
        let outline =
            crate::content::markdown::outline("Text\n\n<div onclick=\"x()\">hi</div>\n", 3);
        assert_eq!(
            outline.unsafe_html,
            [("onclick=".to_string(), Position::new(5, 1))]
        );
    }
}
