//! Markdown bodies: what they link to and contain (for checking), and their
//! HTML (for rendering).
//!
//! Both uses read the same event stream with the same options (tables,
//! footnotes, strikethrough, heading attributes) and the same heading ids,
//! so an `@/pages/about.md#culture` link that the check stage accepted is an
//! anchor the render stage writes. HTML output always goes through ammonia:
//! raw HTML that an editor writes is kept only where it is harmless, and no
//! script, event handler or `javascript:` URL survives.

use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

pub use super::heading_ids::heading_slug;
pub(crate) use super::heading_ids::{HeadingIds, with_heading_ids};
use super::outline::Headings;
pub use super::outline::{Outline, outline};
pub use super::safety::{is_unsafe_url, unsafe_html};
use crate::diagnostic::Position;

/// The Markdown extensions the site supports.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// An internal link `@/<section>/<slug>.md#anchor` found in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalLink {
    /// What the editor wrote, for messages.
    pub written: String,
    /// `clinics`, `sharers`, ... (not yet checked).
    pub folder: String,
    /// The slug, `.md` removed (not yet checked).
    pub slug: String,
    /// The part after `#`, if any.
    pub anchor: Option<String>,
    /// Where the link starts, in the file.
    pub position: Position,
}

/// Parses `@/clinics/x.md#a`; `None` for any other URL.
pub fn parse_internal(url: &str, position: Position) -> Option<InternalLink> {
    let rest = url.strip_prefix("@/")?;
    let (path, anchor) = match rest.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor.to_string())),
        None => (rest, None),
    };
    let (folder, file) = path.split_once('/').unwrap_or(("", path));
    Some(InternalLink {
        written: url.to_string(),
        folder: folder.to_string(),
        slug: file.strip_suffix(".md").unwrap_or(file).to_string(),
        anchor,
        position,
    })
}

/// How a body's links become URLs: `@/…` record links, and site paths (`/calendar/`).
pub trait LinkResolver {
    /// The URL of an internal link; `None` leaves `#`.
    fn record(&self, link: &InternalLink) -> Option<String>;
    /// The URL of a site path written from the site root.
    fn site_path(&self, path: &str) -> String;
}

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

/// True for the events of an image, which pages leave out (their alt text stays inline).
pub(crate) fn is_image(event: &Event) -> bool {
    matches!(
        event,
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image)
    )
}

/// `event` as it is written on a page: links resolved (or `#` when their
/// scheme could run code), headings moved by `shift` levels, with
/// `heading_id` as their id when given and no editor's attributes.
pub(crate) fn placed<'a>(
    event: Event<'a>,
    resolve: &dyn LinkResolver,
    shift: i8,
    heading_id: Option<&str>,
) -> Event<'a> {
    let level = |l: HeadingLevel| heading_level((l as i8 + shift).clamp(1, 6) as u8);
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = if is_unsafe_url(&dest_url) {
                CowStr::from("#")
            } else {
                resolve_url(dest_url, resolve)
            };
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        Event::Start(Tag::Heading { level: l, id, .. }) => {
            // `{.class key=value}` attributes are dropped: an editor's
            // attribute could be an event handler.
            let id = heading_id.map(|h| CowStr::from(h.to_string())).or(id);
            Event::Start(Tag::Heading {
                level: level(l),
                id,
                classes: Vec::new(),
                attrs: Vec::new(),
            })
        }
        Event::End(TagEnd::Heading(l)) => Event::End(TagEnd::Heading(level(l))),
        other => other,
    }
}

/// `html` with every tag or attribute that could run code removed. Only
/// raw HTML written by an editor needs it: pulldown-cmark escapes text
/// and attribute values itself.
pub(crate) fn sanitize(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

/// True when a link's URL depends on the page it is on: a record link
/// (`@/…`) or a path from the site root (`/calendar/`).
pub(crate) fn depends_on_page(url: &str) -> bool {
    url.starts_with("@/") || (url.starts_with('/') && !url.starts_with("//"))
}

fn resolve_url<'a>(url: CowStr<'a>, resolve: &dyn LinkResolver) -> CowStr<'a> {
    if let Some(link) = parse_internal(&url, Position::START) {
        return CowStr::from(resolve.record(&link).unwrap_or_else(|| "#".into()));
    }
    if url.starts_with('/') && !url.starts_with("//") {
        return CowStr::from(resolve.site_path(&url));
    }
    url
}

fn heading_level(level: u8) -> HeadingLevel {
    match level {
        0 | 1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .link_rel(None)
        .add_generic_attributes(["id", "lang", "dir"])
        .add_allowed_classes("sup", ["footnote-reference", "footnote-definition-label"])
        .add_allowed_classes("div", ["footnote-definition"])
        .rm_tags(["img"]);
    builder
});

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

/// Where each top-level block is in `markdown`, without surrounding
/// whitespace; blocks that are only whitespace are left out.
pub(crate) fn top_level_blocks<'e>(
    markdown: &str,
    events: impl Iterator<Item = (&'e Event<'e>, &'e std::ops::Range<usize>)>,
) -> Vec<std::ops::Range<usize>> {
    let mut cutter = BlockCutter::default();
    events
        .filter_map(|(event, range)| cutter.see(markdown, event, range).ended)
        .collect()
}

/// Follows a body's events, block by block at the top level.
#[derive(Debug, Default)]
pub(crate) struct BlockCutter {
    depth: usize,
    /// Where the open top-level block starts in the Markdown.
    start: usize,
}

/// What one event does to the top-level blocks.
pub(crate) struct Cut {
    /// It starts one.
    pub(crate) starts: bool,
    /// It ends one, found here in the Markdown (without the whitespace at
    /// its ends); `None` too for a block that is only whitespace.
    pub(crate) ended: Option<std::ops::Range<usize>>,
}

impl BlockCutter {
    /// Notes `event`, found at `range` of `markdown`.
    pub(crate) fn see(
        &mut self,
        markdown: &str,
        event: &Event,
        range: &std::ops::Range<usize>,
    ) -> Cut {
        let (starts, ends) = match event {
            Event::Start(_) => {
                self.depth += 1;
                (self.depth == 1, false)
            }
            Event::End(_) => {
                self.depth = self.depth.saturating_sub(1);
                (false, self.depth == 0)
            }
            Event::Rule | Event::Html(_) if self.depth == 0 => (true, true),
            _ => (false, false),
        };
        if starts {
            self.start = range.start;
        }
        Cut {
            starts,
            ended: ends
                .then(|| trimmed(markdown, self.start..range.end))
                .flatten(),
        }
    }
}

/// `span` of `markdown` without the whitespace at its ends; `None` if that is all it holds.
fn trimmed(markdown: &str, span: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
    let text = markdown.get(span.clone())?;
    let start = span.start + (text.len() - text.trim_start().len());
    let end = span.end - (text.len() - text.trim_end().len());
    (start < end).then_some(start..end)
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

/// Adds what `event` contributes to a body's plain text.
pub(crate) fn push_plain(text: &mut String, event: &Event) {
    match event {
        Event::Text(t) | Event::Code(t) => text.push_str(t),
        Event::SoftBreak | Event::HardBreak => text.push(' '),
        Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => text.push(' '),
        _ => {}
    }
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
