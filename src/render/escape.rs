//! Escaping for the formats the render stage writes: the templates' HTML
//! ([`escape_html_into`], Tera's escape function), and besides them HTML
//! fragments, Atom and iCalendar: a few ASCII bytes replaced by strings,
//! the runs between them copied whole.

/// Escapes text for HTML, in an element or a quoted attribute.
pub fn html(text: &str) -> String {
    replace_ascii(text, |byte| match byte {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        _ => None,
    })
}

/// `text` with each ASCII byte that `replacement` gives a string for
/// replaced by that string. Only ASCII bytes are asked about, so a
/// replacement never cuts a character.
pub fn replace_ascii(text: &str, replacement: impl Fn(u8) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some((at, with)) = rest.bytes().enumerate().find_map(|(at, byte)| {
        byte.is_ascii()
            .then(|| replacement(byte))
            .flatten()
            .map(|with| (at, with))
    }) {
        out.push_str(&rest[..at]);
        out.push_str(with);
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out
}

/// Escapes text for HTML content and quoted attribute values: `&`, `<`,
/// `>`, `"` and `'`, nothing else. (Tera's default also escapes `/`, which
/// makes every URL a third longer and is not needed inside quotes.)
pub fn escape_html_into(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut rest = text;
    // A byte scan: the five are ASCII, so they never fall inside a character.
    while let Some(at) = first_to_escape(rest.as_bytes()) {
        out.write_all(&rest.as_bytes()[..at])?;
        out.write_all(match rest.as_bytes()[at] {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            _ => b"&#39;",
        })?;
        rest = &rest[at + 1..];
    }
    out.write_all(rest.as_bytes())
}

fn is_escaped(byte: u8) -> bool {
    matches!(byte, b'&' | b'<' | b'>' | b'"' | b'\'')
}

/// Where the first byte that [`escape_html_into`] replaces is. Eight bytes
/// are tested at a time (most text has none of the five), then the eight
/// that hold one are looked at one by one.
fn first_to_escape(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    // The high bit of a byte is set where `word` holds `byte` (and maybe
    // above it, never without a true match in the word).
    let holds = |word: u64, byte: u8| {
        let x = word ^ (ONES * u64::from(byte));
        x.wrapping_sub(ONES) & !x & HIGHS
    };
    let mut start = 0;
    for chunk in bytes.chunks_exact(8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_ne_bytes(word);
        if holds(word, b'&')
            | holds(word, b'<')
            | holds(word, b'>')
            | holds(word, b'"')
            | holds(word, b'\'')
            != 0
        {
            break;
        }
        start += 8;
    }
    bytes[start..]
        .iter()
        .position(|&b| is_escaped(b))
        .map(|at| start + at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escape_html(text: &str) -> String {
        let mut out = Vec::new();
        escape_html_into(text, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn only_the_named_ascii_bytes_are_replaced() {
        let named = |byte| match byte {
            b'a' => Some("[A]"),
            b'\n' => Some(""),
            _ => None,
        };
        assert_eq!(replace_ascii("banana\né😀a", named), "b[A]n[A]n[A]é😀[A]");
        assert_eq!(replace_ascii("", named), "");
        assert_eq!(replace_ascii("xyz", named), "xyz");
    }

    #[test]
    fn escapes_what_can_end_text_or_a_quoted_attribute_anywhere() {
        // Each of the five at every position of a 20-byte run, so that the
        // eight-at-a-time scan meets it in every lane and in the tail.
        for special in ['&', '<', '>', '"', '\''] {
            for at in 0..20 {
                let mut text: Vec<char> = "é abcdefghijklmnopqr".chars().collect();
                text[at] = special;
                let text: String = text.into_iter().collect();
                let expected = text
                    .replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
                    .replace('"', "&quot;")
                    .replace('\'', "&#39;");
                assert_eq!(escape_html(&text), expected, "{text}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_scan_finds_the_first_byte_to_escape(text in "[a-z&<>\"' é\u{1F600}]{0,40}") {
            let first = text.bytes().position(super::is_escaped);
            proptest::prop_assert_eq!(super::first_to_escape(text.as_bytes()), first);
        }
    }

    #[test]
    fn escapes_what_can_end_text_or_a_quoted_attribute() {
        assert_eq!(
            escape_html(r#"<a href="x" title='y'>&</a>"#),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
        );
    }

    #[test]
    fn leaves_slashes_and_other_text_alone() {
        assert_eq!(
            escape_html("https://example.org/ọ́rụ/"),
            "https://example.org/ọ́rụ/"
        );
        assert_eq!(escape_html(""), "");
    }
}
