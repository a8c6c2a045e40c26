//! Template minification, done once per template when the theme loads
//! instead of once per page: rendering 40,000 pages through an HTML
//! minifier cost as much as rendering them.
//!
//! Only the template's own markup changes; Tera tags (`{{ }}`, `{% %}`,
//! `{# #}`) and everything they output are left as they are. Two rules, both
//! invisible to a reader and to the DOM's rendering:
//!
//! - a line break (with its indentation) next to a block-level tag goes:
//!   whitespace between blocks is never rendered;
//! - a static attribute value made only of letters, digits, `-`, `_`, `.`
//!   and `:` loses its quotes (`class="card"` → `class=card`).
//!
//! A test in `tests/it/site.rs` checks that the pages come within a few
//! percent of minify-html's output.

/// Elements between which whitespace is never rendered.
const BLOCKS: &[&str] = &[
    "!doctype",
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "li",
    "link",
    "main",
    "meta",
    "nav",
    "ol",
    "p",
    "script",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// The template with its markup minified.
pub fn squeeze(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = tera_tag_start(rest) {
        squeeze_markup(&mut out, &rest[..start]);
        let close = match &rest[start..start + 2] {
            "{{" => "}}",
            "{%" => "%}",
            _ => "#}",
        };
        let end = rest[start + 2..]
            .find(close)
            .map_or(rest.len(), |at| start + 2 + at + 2);
        out.push_str(&rest[start..end]);
        rest = &rest[end..];
    }
    squeeze_markup(&mut out, rest);
    out
}

fn tera_tag_start(text: &str) -> Option<usize> {
    text.match_indices('{')
        .map(|(at, _)| at)
        .find(|&at| matches!(text.as_bytes().get(at + 1), Some(b'{' | b'%' | b'#')))
}

/// Appends a piece of markup (no Tera tags) to `out`, minified.
fn squeeze_markup(out: &mut String, markup: &str) {
    let mut rest = markup;
    while !rest.is_empty() {
        let space = rest.len() - rest.trim_start().len();
        if space > 0 {
            let (run, after) = rest.split_at(space);
            if !(run.contains('\n') && (ends_with_block_tag(out) || starts_with_block_tag(after))) {
                out.push_str(run);
            }
            rest = after;
            continue;
        }
        let word = rest.find(char::is_whitespace).unwrap_or(rest.len());
        push_unquoted(out, &rest[..word], word < rest.len());
        rest = &rest[word..];
    }
}

/// Appends `text` (no whitespace), dropping the quotes of simple attribute
/// values; `spaced` tells whether whitespace follows it (rather than a Tera tag).
fn push_unquoted(out: &mut String, text: &str, spaced: bool) {
    let mut rest = text;
    while let Some(at) = rest.find("=\"") {
        let value_start = at + 2;
        let simple = rest[value_start..].find('"').filter(|&len| {
            let value = &rest[value_start..value_start + len];
            let after = rest[value_start + len + 1..].chars().next();
            !value.is_empty()
                && value
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
                && (after == Some('>') || (after.is_none() && spaced))
                && rest[..at].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '-')
        });
        match simple {
            Some(len) => {
                out.push_str(&rest[..=at]);
                out.push_str(&rest[value_start..value_start + len]);
                rest = &rest[value_start + len + 1..];
            }
            None => {
                out.push_str(&rest[..value_start]);
                rest = &rest[value_start..];
            }
        }
    }
    out.push_str(rest);
}

fn is_block(name: &str) -> bool {
    BLOCKS.contains(&name.to_ascii_lowercase().as_str())
}

/// True when `text` begins with a block-level start or end tag.
fn starts_with_block_tag(text: &str) -> bool {
    let Some(tag) = text.strip_prefix('<') else {
        return false;
    };
    let tag = tag.strip_prefix('/').unwrap_or(tag);
    let name_end = tag
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(tag.len());
    name_end < tag.len() && is_block(&tag[..name_end])
}

/// True when `text` ends with a block-level start or end tag.
fn ends_with_block_tag(text: &str) -> bool {
    if !text.ends_with('>') || text.ends_with("%}") || text.ends_with("}}") {
        return false;
    }
    text.rfind('<')
        .is_some_and(|at| starts_with_block_tag(&text[at..]))
}

#[cfg(test)]
mod tests {
    use super::squeeze;

    #[test]
    fn line_breaks_next_to_blocks_go() {
        assert_eq!(
            squeeze("<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n<p>x</p>"),
            "<ul><li>a</li><li>b</li></ul><p>x</p>"
        );
    }

    #[test]
    fn line_breaks_between_inline_elements_stay() {
        assert_eq!(
            squeeze("<span>a</span>\n<span>b</span>"),
            "<span>a</span>\n<span>b</span>"
        );
        assert_eq!(squeeze("<b>a</b> <i>b</i>"), "<b>a</b> <i>b</i>");
    }

    #[test]
    fn tera_tags_are_left_alone() {
        let template = "{% if x %}\n<li class=\"{{ a }}\">{{ b }}</li>\n{% endif %}{# <p> \"q\" #}";
        assert_eq!(
            squeeze(template),
            "{% if x %}<li class=\"{{ a }}\">{{ b }}</li>{% endif %}{# <p> \"q\" #}"
        );
    }

    #[test]
    fn simple_static_attribute_values_lose_their_quotes() {
        assert_eq!(
            squeeze("<a class=\"card\" rel=\"next\" href=\"/x/\" title=\"two words\">"),
            "<a class=card rel=next href=\"/x/\" title=\"two words\">"
        );
    }

    #[test]
    fn quotes_stay_when_a_tera_tag_or_more_text_follows() {
        assert_eq!(
            squeeze("<a class=\"a\"{% if x %} lang=\"fr\"{% endif %} id=\"b{{ n }}\">"),
            "<a class=\"a\"{% if x %} lang=\"fr\"{% endif %} id=\"b{{ n }}\">"
        );
    }
}
