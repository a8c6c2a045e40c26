//! GNU gettext's string layout: escaping and the 79-column wrapping of
//! `write-po.c`, with line-break opportunities from Unicode's line-breaking
//! algorithm (UAX #14, as libunistring's `ulc_width_linebreaks`, see
//! [`super::linebreak`]) and widths
//! from East Asian Width (CJK characters take two columns).

use super::linebreak::opportunities;
use unicode_width::UnicodeWidthChar;

/// gettext's default page width.
pub(crate) const PAGE_WIDTH: usize = 79;

/// What may happen before a byte of the escaped text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Break {
    Undefined,
    Prohibited,
    Possible,
    Mandatory,
}

/// Writes `name "value"` (e.g. `msgid "…"`) with every line starting with
/// `prefix` (`""`, `"#~ "`, `"#| "`), wrapped as gettext wraps it.
pub(crate) fn field(out: &mut String, prefix: &str, name: &str, value: &str) {
    if value.is_empty() {
        out.push_str(&format!("{prefix}{name} \"\"\n"));
        return;
    }
    let after_break = prefix.chars().count() + 1;
    let width = (PAGE_WIDTH - 1).saturating_sub(after_break);
    let mut first_line = true;
    let mut rest = value;
    while !rest.is_empty() {
        let end = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let (portion, overrides) = escape(&rest[..end]);
        rest = &rest[end..];
        let mut start = if first_line {
            prefix.chars().count() + name.chars().count() + 1
        } else {
            prefix.chars().count()
        } + 1;
        start -= after_break.min(start);
        let mut breaks = width_breaks(&portion, &overrides, width, start);
        if first_line && (!rest.is_empty() || start > width || breaks.contains(&Break::Possible)) {
            out.push_str(&format!("{prefix}{name} \"\"\n"));
            first_line = false;
            start = 0;
            breaks = width_breaks(&portion, &overrides, width, start);
        }
        if first_line {
            out.push_str(&format!("{prefix}{name} "));
        } else {
            out.push_str(prefix);
        }
        out.push('"');
        for (i, c) in portion.char_indices() {
            if breaks[i] == Break::Possible {
                out.push_str(&format!("\"\n{prefix}\""));
            }
            out.push(c);
        }
        out.push_str("\"\n");
        first_line = false;
    }
}

/// The escaped text of one portion and, per byte, what gettext forces
/// before it (nothing inside an escape sequence, nothing before a final `\n`).
fn escape(text: &str) -> (String, Vec<Break>) {
    let mut out = String::with_capacity(text.len() + 8);
    let mut overrides = Vec::with_capacity(text.len() + 8);
    for c in text.chars() {
        let escaped = match c {
            '\u{7}' => Some('a'),
            '\u{8}' => Some('b'),
            '\u{c}' => Some('f'),
            '\n' => Some('n'),
            '\r' => Some('r'),
            '\t' => Some('t'),
            '\u{b}' => Some('v'),
            '\\' | '"' => Some(c),
            _ => None,
        };
        match escaped {
            Some(e) => {
                out.push('\\');
                out.push(e);
                overrides.extend([Break::Undefined, Break::Prohibited]);
            }
            None => {
                out.push(c);
                overrides.extend(std::iter::repeat_n(Break::Undefined, c.len_utf8()));
            }
        }
    }
    if text.ends_with('\n') && overrides.len() >= 2 {
        let at = overrides.len() - 2;
        overrides[at] = Break::Prohibited;
    }
    (out, overrides)
}

/// libunistring's `u8_width_linebreaks`: per byte, whether the line breaks
/// before it, filling lines greedily up to `width` columns.
fn width_breaks(text: &str, overrides: &[Break], width: usize, start: usize) -> Vec<Break> {
    let mut p: Vec<Break> = opportunities(text)
        .into_iter()
        .map(|b| match b {
            Some(true) => Break::Mandatory,
            Some(false) => Break::Possible,
            None => Break::Prohibited,
        })
        .collect();
    let mut last: Option<usize> = None;
    let mut column = start;
    let mut piece = 0;
    for (i, c) in text.char_indices() {
        if overrides[i] != Break::Undefined {
            p[i] = overrides[i];
        }
        if matches!(p[i], Break::Possible | Break::Mandatory) {
            if let Some(at) = last.filter(|_| column + piece > width) {
                p[at] = Break::Possible;
                column = 0;
            }
        }
        if p[i] == Break::Mandatory {
            last = None;
            column = 0;
            piece = 0;
        } else {
            if p[i] == Break::Possible {
                last = Some(i);
                column += piece;
                piece = 0;
            }
            p[i] = Break::Prohibited;
            piece += c.width().unwrap_or(0);
        }
    }
    if let Some(at) = last.filter(|_| column + piece > width) {
        p[at] = Break::Possible;
    }
    p
}
