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
        let name: String = lower[at..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
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
}

/// True for URLs whose scheme can run code or smuggle content.
pub fn is_unsafe_url(url: &str) -> bool {
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
