//! Markdown bodies: what they link to and contain (for checking), and their
//! HTML (for rendering).
//!
//! Both uses read the same event stream with the same options (tables,
//! footnotes, strikethrough, heading attributes) and the same heading ids,
//! so an `@/pages/about.md#culture` link that the check stage accepted is an
//! anchor the render stage writes. HTML output always goes through ammonia:
//! raw HTML that an editor writes is kept only where it is harmless, and no
//! script, event handler or `javascript:` URL survives.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::events::{Headings, is_image, placed, push_plain, sanitize, top_level_blocks};
pub use super::events::{InternalLink, LinkResolver, options, parse_internal};
pub use super::heading_ids::heading_slug;
pub(crate) use super::heading_ids::with_heading_ids;
pub use super::outline::{Outline, outline};
pub use super::safety::{is_unsafe_url, unsafe_html};

/// Renders a body to sanitised HTML. Links are resolved by `resolve`.
/// The body's highest headings become `<h{top}>` and the others follow, so
/// the page's outline has no gaps whether the editor started at `#` or `##`.
pub fn to_html(body: &str, resolve: &dyn LinkResolver, top: u8) -> String {
    fragment_html(body, resolve, heading_shift(body, top), None)
}

/// How many levels a body's headings move so that its highest becomes `top`.
pub fn heading_shift(body: &str, top: u8) -> i8 {
    let mut headings = Headings::default();
    for event in Parser::new_ext(body, options()) {
        headings.see(&event);
    }
    shift_to(top, headings.highest.unwrap_or(1))
}

/// How many levels headings move so that `highest` becomes `top`.
pub fn shift_to(top: u8, highest: u8) -> i8 {
    top as i8 - highest as i8
}

/// Renders one fragment (a body, or one of its blocks): headings move by
/// `shift` levels; `heading_id` replaces the id of a heading block, so that a
/// translated heading keeps its source's anchor.
pub fn fragment_html(
    markdown: &str,
    resolve: &dyn LinkResolver,
    shift: i8,
    heading_id: Option<&str>,
) -> String {
    let events = with_heading_ids(Parser::new_ext(markdown, options()).collect());
    let has_raw_html = events
        .iter()
        .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    // Images are left out to keep pages light: their alt text stays inline.
    let events = events
        .into_iter()
        .filter(|e| !is_image(e))
        .map(|event| placed(event, resolve, shift, heading_id));
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    // pulldown-cmark escapes text and attribute values itself, and unsafe
    // link schemes are replaced above: only raw HTML written by an editor
    // needs the (much slower) HTML sanitiser.
    if has_raw_html { sanitize(&html) } else { html }
}

/// The top-level blocks of a body (paragraphs, headings, lists, tables...),
/// each as the Markdown it was written in: the units of translation.
pub fn blocks(markdown: &str) -> Vec<String> {
    let events: Vec<(Event, std::ops::Range<usize>)> = Parser::new_ext(markdown, options())
        .into_offset_iter()
        .collect();
    top_level_blocks(markdown, events.iter().map(|(event, range)| (event, range)))
        .into_iter()
        .map(|span| markdown[span].to_string())
        .collect()
}

/// Plain text of a Markdown fragment, for the search index: its words,
/// with whitespace between them as it comes (the tokenizer needs no more).
pub fn plain_text(markdown: &str) -> String {
    let mut text = String::new();
    for event in Parser::new_ext(markdown, options()) {
        push_plain(&mut text, &event);
    }
    text
}

/// The first paragraph of a body as plain text, for a derived summary.
pub fn first_paragraph(markdown: &str) -> String {
    let mut text = String::new();
    let mut inside = false;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Paragraph) => inside = true,
            Event::End(TagEnd::Paragraph) if !text.trim().is_empty() => break,
            Event::Text(t) | Event::Code(t) if inside => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if inside => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoLinks;
    impl LinkResolver for NoLinks {
        fn record(&self, _: &InternalLink) -> Option<String> {
            None
        }
        fn site_path(&self, path: &str) -> String {
            format!("/sub{path}")
        }
    }
    const NO_LINKS: &NoLinks = &NoLinks;

    struct TopicLinks;
    impl LinkResolver for TopicLinks {
        fn record(&self, l: &InternalLink) -> Option<String> {
            Some(format!("/topics/{}/", l.slug))
        }
        fn site_path(&self, path: &str) -> String {
            path.to_string()
        }
    }

    #[test]
    fn headings_get_unique_ids_in_any_script() {
        let html = to_html(
            "# Intro\n\n## Intro\n\n## مرحبا بكم\n\n## Own {#mine}\n",
            NO_LINKS,
            2,
        );
        assert_eq!(
            html,
            "<h2 id=\"intro\">Intro</h2>\n<h3 id=\"intro-1\">Intro</h3>\n<h3 id=\"مرحبا-بكم\">مرحبا بكم</h3>\n<h3 id=\"mine\">Own</h3>\n"
        );
    }

    #[test]
    fn the_highest_heading_becomes_the_requested_level() {
        assert_eq!(
            to_html("## A\n\n### B\n", NO_LINKS, 2),
            "<h2 id=\"a\">A</h2>\n<h3 id=\"b\">B</h3>\n"
        );
        assert_eq!(to_html("# A\n", NO_LINKS, 3), "<h3 id=\"a\">A</h3>\n");
    }

    #[test]
    fn scripts_and_handlers_are_removed() {
        let html = to_html(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[a](javascript:alert(1)) <b onclick=\"x()\">b</b>",
            NO_LINKS,
            2,
        );
        assert!(!html.contains("script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains("<b>b</b>"), "{html}");
    }

    #[test]
    fn markdown_alone_cannot_inject_script() {
        let html = to_html(
            "# T {onclick=alert(1) .x}\n\n[a](javascript:alert(1)) ![i](javascript:x)\n\n[b](<DATA:text/html,x>)",
            NO_LINKS,
            2,
        );
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.to_lowercase().contains("javascript"), "{html}");
        assert!(!html.to_lowercase().contains("data:"), "{html}");
        assert!(!html.contains("<img"), "{html}");
    }

    #[test]
    fn internal_links_are_resolved() {
        let html = to_html("[t](@/topics/x.md)", &TopicLinks, 2);
        assert_eq!(html, "<p><a href=\"/topics/x/\">t</a></p>\n");
        let html = to_html("[c](/calendar/)", NO_LINKS, 2);
        assert_eq!(html, "<p><a href=\"/sub/calendar/\">c</a></p>\n");
    }

    #[test]
    fn tables_footnotes_and_strikethrough_render() {
        let html = to_html(
            "|a|b|\n|-|-|\n|1|2|\n\nx[^1] ~~y~~\n\n[^1]: note\n",
            NO_LINKS,
            2,
        );
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>y</del>"), "{html}");
        assert!(html.contains("footnote-definition"), "{html}");
    }

    #[test]
    fn bodies_split_into_top_level_blocks() {
        let body = "# Title\n\nOne\nparagraph.\n\n- a\n- b\n\n| x |\n|---|\n| 1 |\n\n---\n";
        assert_eq!(
            blocks(body),
            [
                "# Title",
                "One\nparagraph.",
                "- a\n- b",
                "| x |\n|---|\n| 1 |",
                "---"
            ]
        );
        let outline = outline(body, 1);
        let spans = outline.block_spans.iter().map(|span| &body[span.clone()]);
        assert_eq!(spans.collect::<Vec<_>>(), blocks(body));
    }

    #[test]
    fn heading_blocks_keep_their_source_ids() {
        assert_eq!(
            outline("# Intro\n\nText\n\n# Intro\n", 1).block_ids,
            [Some("intro".to_string()), None, Some("intro-1".to_string())]
        );
        assert_eq!(
            fragment_html("# Einführung", NO_LINKS, 1, Some("intro")),
            "<h2 id=\"intro\">Einführung</h2>\n"
        );
    }

    #[test]
    fn first_paragraph_is_plain_text() {
        assert_eq!(
            first_paragraph("## H\n\nSome *bold*\ntext.\n\nMore."),
            "Some bold text."
        );
        assert!(is_unsafe_url(" JavaScript:alert(1)"));
        assert!(is_unsafe_url("data:text/html,x"));
        assert!(!is_unsafe_url("https://x.org"));
        assert!(!is_unsafe_url("/calendar/"));
    }
}
