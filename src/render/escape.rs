//! Escaping for the formats the render stage writes besides its templates
//! (HTML fragments, Atom, iCalendar): a few ASCII bytes replaced by
//! strings, the runs between them copied whole.

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
