//! The Markdown events kernel that every reading of a body shares: the
//! parser's options, `@/` links and how a page resolves them, how an event
//! is written on a page (`placed`), the sanitiser for raw HTML, and the
//! cutting of a body into top-level blocks and headings. The outline
//! ([`super::outline`]), the recorded HTML ([`super::html`]) and the
//! Markdown helpers ([`super::markdown`]) sit above it.

use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Tag, TagEnd};

use super::safety::is_unsafe_url;
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

/// Adds what `event` contributes to a body's plain text.
pub(crate) fn push_plain(text: &mut String, event: &Event) {
    match event {
        Event::Text(t) | Event::Code(t) => text.push_str(t),
        Event::SoftBreak | Event::HardBreak => text.push(' '),
        Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => text.push(' '),
        _ => {}
    }
}

/// What a body's headings say about its blocks, read event by event.
#[derive(Debug, Default)]
pub(crate) struct Headings {
    /// The id of each top-level block that is a heading, `None` for other blocks.
    pub(crate) block_ids: Vec<Option<String>>,
    /// The highest heading level (1 for `#`), if there are headings.
    pub(crate) highest: Option<u8>,
    depth: usize,
}

impl Headings {
    pub(crate) fn see(&mut self, event: &Event) {
        match event {
            Event::Start(tag) => {
                if let Tag::Heading { level, .. } = tag {
                    let level = *level as u8;
                    self.highest = Some(self.highest.map_or(level, |h| h.min(level)));
                }
                if self.depth == 0 {
                    self.block_ids.push(match tag {
                        Tag::Heading { id, .. } => id.as_ref().map(|i| i.to_string()),
                        _ => None,
                    });
                }
                self.depth += 1;
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            Event::Rule | Event::Html(_) if self.depth == 0 => self.block_ids.push(None),
            _ => {}
        }
    }
}
