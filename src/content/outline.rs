//! A body as the check stage reads it, in one pass over its Markdown
//! events: heading anchors, `@/` links and unsafe links or HTML with their
//! file positions, its top-level blocks (the units of translation), its
//! headings (for rendering at any level), and its HTML ([`super::html`]),
//! whose text is also what search indexes.

use std::collections::BTreeSet;

use pulldown_cmark::{Event, Parser, Tag};

use super::events::{Headings, InternalLink, options, parse_internal};
use super::heading_ids::HeadingIds;
use super::html::{self, BodyHtml};
use super::safety::{is_unsafe_url, unsafe_html};
use crate::diagnostic::Position;

/// What the check stage needs to know about a body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    /// Every heading id in the body.
    pub anchors: BTreeSet<String>,
    /// Every `@/...` link, in order.
    pub links: Vec<InternalLink>,
    /// Links whose scheme can run code (`javascript:`, `data:`, ...), with their place.
    pub unsafe_links: Vec<(String, Position)>,
    /// Raw HTML that could run code or load other pages (`<script>`, `<iframe>`,
    /// `onerror=`...): what was found, and where.
    pub unsafe_html: Vec<(String, Position)>,
    /// Where its raw HTML first nests deeper than [`super::safety::MAX_HTML_DEPTH`].
    pub too_deep: Option<Position>,
    /// Where its top-level blocks are, as [`super::markdown::blocks`] cuts
    /// them (read in the same pass).
    pub block_spans: Vec<std::ops::Range<usize>>,
    /// Its highest heading level (1 for `#`; 1 when it has no headings).
    pub highest_heading: u8,
    /// The id of each top-level block that is a heading, `None` for other blocks.
    pub block_ids: Vec<Option<String>>,
    /// Its HTML, written in the same pass, for the render stage.
    pub html: BodyHtml,
}

/// Reads a body's anchors and links. `first_line` is the file line the body starts on.
pub fn outline(body: &str, first_line: usize) -> Outline {
    let mut result = Outline::default();
    let mut lines = Lines::new(body, first_line);
    let mut headings = Headings::default();
    let written = std::cell::Cell::new(0);
    let mut recorder = html::Recorder::new(body, &written);
    let mut depth = super::safety::HtmlDepth::default();
    let events = HeadingIds::new(Parser::new_ext(body, options()).into_offset_iter());
    let events = events.filter_map(|(event, range)| {
        headings.see(&event);
        match &event {
            Event::Start(Tag::Heading { id: Some(id), .. }) => {
                result.anchors.insert(id.to_string());
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                if let Some(what) = unsafe_html(html) {
                    result.unsafe_html.push((what, lines.position(range.start)));
                }
                if depth.see(html) {
                    result.too_deep = Some(lines.position(range.start));
                }
            }
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                let position = lines.position(range.start);
                if let Some(link) = parse_internal(dest_url, position) {
                    result.links.push(link);
                } else if is_unsafe_url(dest_url) {
                    result.unsafe_links.push((dest_url.to_string(), position));
                }
            }
            _ => {}
        }
        recorder.see(event, &range)
    });
    let written_html = html::write(events, &written, body.len());
    (result.html, result.block_spans) = recorder.finish(written_html);
    result.highest_heading = headings.highest.unwrap_or(1);
    result.block_ids = headings.block_ids;
    result
}

/// Positions in a body, for the links and raw HTML a check reports. They
/// come in reading order, so the lines are counted once, only as far as
/// the last position asked for (a table of every line start cost a scan
/// of every body with a link; counting from the top for each link was
/// quadratic). An earlier position counts again from the top.
struct Lines<'a> {
    body: &'a str,
    first_line: usize,
    /// Lines passed before `counted_to`, and where the line it is on starts.
    line: usize,
    line_start: usize,
    counted_to: usize,
}

impl<'a> Lines<'a> {
    fn new(body: &'a str, first_line: usize) -> Self {
        Lines {
            body,
            first_line,
            line: 0,
            line_start: 0,
            counted_to: 0,
        }
    }

    /// The file position of byte `offset` of the body.
    fn position(&mut self, offset: usize) -> Position {
        let offset = offset.min(self.body.len());
        if offset < self.line_start {
            (self.line, self.line_start, self.counted_to) = (0, 0, 0);
        }
        let from = self.counted_to.min(offset);
        let newlines = &self.body.as_bytes()[from..offset];
        for at in memchr::memchr_iter(b'\n', newlines) {
            self.line += 1;
            self.line_start = from + at + 1;
        }
        self.counted_to = self.counted_to.max(offset);
        let column = self.body[self.line_start..offset].chars().count();
        Position::new(self.first_line + self.line, column + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::markdown::{heading_shift, shift_to, with_heading_ids};

    /// Block anchors read on their own, to compare with the outline's.
    fn block_heading_ids(markdown: &str) -> Vec<Option<String>> {
        let events: Vec<Event> = Parser::new_ext(markdown, options()).collect();
        let mut headings = Headings::default();
        for event in with_heading_ids(events) {
            headings.see(&event);
        }
        headings.block_ids
    }

    #[test]
    fn a_position_counts_lines_and_characters_before_its_offset() {
        let body = "ab\nçé [x](javascript:y)\r\n\n  ọ́rụ\n";
        let mut lines = Lines::new(body, 7);
        let offsets: Vec<usize> = (0..=body.len() + 2)
            .filter(|&o| o >= body.len() || body.is_char_boundary(o))
            .collect();
        // In reading order, then backwards, then jumping about.
        let backwards = offsets.iter().rev();
        let jumping = offsets
            .iter()
            .step_by(3)
            .chain(offsets.iter().skip(1).step_by(2));
        for &offset in offsets.iter().chain(backwards).chain(jumping) {
            let before = &body[..offset.min(body.len())];
            let line = before.matches('\n').count();
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count());
            assert_eq!(
                lines.position(offset),
                Position::new(7 + line, column + 1),
                "{offset}"
            );
        }
    }

    #[test]
    fn the_outline_reads_headings_as_their_own_functions_do() {
        let bodies = [
            "",
            "One *two* `three`\nfour  five\n\n## Six {#six}\n\n- seven\n- eight [nine](@/clinics/x.md)\n",
            "| a | b |\n|---|---|\n| c | d |\n\n> quoted\n> text\n\n    code block\n\n<span>raw</span> after",
            "### Three\n\n## Two {#two}\n\n---\n\n<div>\nblock\n</div>\n\n## Two\n",
        ];
        for body in bodies {
            let outline = outline(body, 1);
            assert_eq!(outline.block_ids, block_heading_ids(body), "{body:?}");
            let shift = shift_to(2, outline.highest_heading);
            assert_eq!(shift, heading_shift(body, 2), "{body:?}");
        }
    }

    #[test]
    fn outline_finds_anchors_and_internal_links_with_positions() {
        let outline = outline(
            "# Top\n\nSee [x](@/clinics/a.md#top) and\n[y](javascript:alert(1)).\n",
            5,
        );
        assert!(outline.anchors.contains("top"));
        assert_eq!(outline.links.len(), 1);
        assert_eq!(outline.links[0].folder, "clinics");
        assert_eq!(outline.links[0].slug, "a");
        assert_eq!(outline.links[0].anchor.as_deref(), Some("top"));
        assert_eq!(outline.links[0].position, Position::new(7, 5));
        assert_eq!(
            outline.unsafe_links,
            [("javascript:alert(1)".to_string(), Position::new(8, 1))]
        );
    }
}
