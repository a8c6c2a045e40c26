//! Writing a body's HTML in the pass that reads its events, noting where
//! its top-level blocks and the tags that depend on the page are.

use std::cell::Cell;
use std::fmt;
use std::ops::Range;

use pulldown_cmark::{Event, Tag};

use super::{BodyHtml, HtmlBlock, Mark, is_heading};
use crate::content::events::{self, LinkResolver};
use crate::content::safety::is_unsafe_url;

/// Notes where a body's blocks and marked tags are in its HTML while
/// pulldown-cmark writes it: pass each event through [`Recorder::see`] on
/// its way to [`write()`], then take the result with [`Recorder::finish`].
pub struct Recorder<'m> {
    /// The Markdown the events come from.
    markdown: &'m str,
    /// How much HTML has been written so far, as [`write`] counts it.
    written: &'m Cell<usize>,
    blocks: Vec<HtmlBlock>,
    marks: Vec<Mark>,
    raw_html: bool,
    /// Where the top-level blocks are in the Markdown.
    block_spans: Vec<Range<usize>>,
    cutter: events::BlockCutter,
    /// Where the open top-level block starts in the HTML.
    block_start: usize,
    /// Raw HTML seen since the open block started.
    block_raw: bool,
    /// A block whose last event was the previous one: it ends where that
    /// event's HTML does.
    ending: Option<HtmlBlock>,
    /// A mark whose event was the previous one.
    marking: Option<Mark>,
}

impl<'m> Recorder<'m> {
    /// A recorder for the events of `markdown`, written by [`write()`]
    /// counting in `written`.
    pub fn new(markdown: &'m str, written: &'m Cell<usize>) -> Self {
        Recorder {
            markdown,
            written,
            blocks: Vec::new(),
            marks: Vec::new(),
            raw_html: false,
            block_spans: Vec::new(),
            cutter: events::BlockCutter::default(),
            block_start: 0,
            block_raw: false,
            ending: None,
            marking: None,
        }
    }

    /// Notes `event` (found at `range` of the Markdown) and gives what is
    /// written for it, if anything: images are left out, links whose
    /// scheme could run code lead nowhere, and editors' heading attributes
    /// are dropped.
    pub fn see<'e>(&mut self, event: Event<'e>, range: &Range<usize>) -> Option<Event<'e>> {
        let at = self.written.get();
        self.close(at);
        self.track_blocks(&event, range, at);
        if events::is_image(&event) {
            return None;
        }
        let marked = match &event {
            Event::Html(_) | Event::InlineHtml(_) => {
                self.raw_html = true;
                self.block_raw = true;
                false
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                !is_unsafe_url(dest_url) && events::depends_on_page(dest_url)
            }
            other => is_heading(other),
        };
        if marked {
            self.marking = Some(Mark {
                span: at..at,
                event: event.clone().into_static(),
            });
        }
        // Written as a page would, for no page in particular: what pages
        // change is marked above and written again for each.
        Some(events::placed(event, &AsWritten, 0, None))
    }

    /// Follows top-level blocks as [`events::top_level_blocks`] cuts them.
    fn track_blocks(&mut self, event: &Event, range: &Range<usize>, at: usize) {
        let cut = self.cutter.see(self.markdown, event, range);
        if cut.starts {
            self.block_start = at;
            self.block_raw = false;
        }
        if let Some(source) = cut.ended {
            self.block_spans.push(source);
            self.ending = Some(HtmlBlock {
                span: self.block_start..at,
                raw_html: self.block_raw || matches!(event, Event::Html(_)),
            });
        }
    }

    /// Ends the block and the mark that the previous event finished: its
    /// HTML ends at `at`.
    fn close(&mut self, at: usize) {
        if let Some(mut block) = self.ending.take() {
            block.span.end = at;
            self.blocks.push(block);
        }
        if let Some(mut mark) = self.marking.take() {
            mark.span.end = at;
            self.marks.push(mark);
        }
    }

    /// The body's HTML, once [`write()`] has written `html`, and where its
    /// top-level blocks are in the Markdown (as [`crate::content::markdown::blocks`] cuts
    /// them, block for block with the HTML's).
    pub fn finish(mut self, html: String) -> (BodyHtml, Vec<Range<usize>>) {
        self.close(html.len());
        let body = BodyHtml {
            html,
            blocks: self.blocks,
            marks: self.marks,
            raw_html: self.raw_html,
        };
        (body, self.block_spans)
    }
}

/// Writes the HTML of `events` (passed through [`Recorder::see`]),
/// counting what is written in `written`; `size` is the Markdown's.
pub fn write<'e>(
    events: impl Iterator<Item = Event<'e>>,
    written: &Cell<usize>,
    size: usize,
) -> String {
    let mut sink = Sink {
        html: String::with_capacity(size * 5 / 4),
        written,
    };
    // Writing to a `String` cannot fail.
    let _ = pulldown_cmark::html::write_html_fmt(&mut sink, events);
    sink.html
}

/// Leaves links as the editor wrote them: the check stage marks those that
/// depend on the page, and each page resolves them.
struct AsWritten;

impl LinkResolver for AsWritten {
    fn record(&self, link: &events::InternalLink) -> Option<String> {
        Some(link.written.clone())
    }
    fn site_path(&self, path: &str) -> String {
        path.to_string()
    }
}

/// Where pulldown-cmark writes, counting what it has written.
struct Sink<'c> {
    html: String,
    written: &'c Cell<usize>,
}

impl fmt::Write for Sink<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.html.push_str(s);
        self.written.set(self.html.len());
        Ok(())
    }
}
