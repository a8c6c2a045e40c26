//! A body's HTML, written once, in the pass in which the check stage reads
//! the body ([`super::outline`]), so that the render stage does not parse
//! the Markdown again.
//!
//! What depends on the page the body goes on is marked, not written for
//! good: the opening tag of each link to a record or to a site path (its URL
//! differs by language and by where the site is hosted) and each heading tag
//! (pages move headings to their own level, and a translated heading takes
//! its source's anchor). The render stage copies the rest and writes those
//! tags again through pulldown-cmark, with the same event mapping as a
//! fresh parse (`events::placed`), so the result is the HTML a fresh
//! parse of the body would give.
//!
//! The HTML is also cut into the body's top-level blocks, as
//! [`super::markdown::blocks`] cuts its Markdown: a translated page shows each
//! block from the translation or from the source.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::events::{self, LinkResolver};

mod recorder;

pub use recorder::{Recorder, write};

/// A body's HTML with the tags that depend on the page marked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyHtml {
    /// The HTML as written for no page in particular: links as the editor
    /// wrote them, headings at their written level.
    html: String,
    /// Its top-level blocks, in order.
    blocks: Vec<HtmlBlock>,
    /// The tags written again for each page, in order.
    marks: Vec<Mark>,
    /// True when the editor wrote raw HTML anywhere in the body.
    raw_html: bool,
}

/// Where one top-level block is in [`BodyHtml::html`].
#[derive(Debug, Clone, PartialEq, Eq)]
struct HtmlBlock {
    span: Range<usize>,
    /// True when the block holds raw HTML, which pages sanitise.
    raw_html: bool,
}

/// A tag to write again on each page: where it is, and the event it came from.
#[derive(Debug, Clone, PartialEq)]
struct Mark {
    span: Range<usize>,
    event: Event<'static>,
}

// The events kept are links and headings, whose fields are strings and
// enums: equality is an equivalence.
impl Eq for Mark {}

/// Which part of a body to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// All of it.
    Whole,
    /// One top-level block, by its index.
    Block(usize),
}

impl BodyHtml {
    /// How many top-level blocks the body has.
    pub fn block_count(&self) -> usize {
        self.blocks.len()
    }

    /// The body's words for the search index: its text without tags, with
    /// the characters the HTML escapes put back. A block's tags (a table
    /// cell's and a note number's too) part the words on either side, as
    /// the page shows them; inline tags (`<em>`, `<a>`) do not.
    pub fn text(&self) -> String {
        let mut text = String::with_capacity(self.html.len());
        let mut rest = self.html.as_str();
        // A byte scan (memchr2 reads 32 bytes at a time; a `char` pattern
        // decodes every character): both are ASCII, never inside a character.
        while let Some(at) = memchr::memchr2(b'<', b'&', rest.as_bytes()) {
            text.push_str(&rest[..at]);
            rest = &rest[at..];
            if rest.starts_with('<') {
                let end = memchr::memchr(b'>', rest.as_bytes()).map_or(rest.len(), |end| end + 1);
                if is_block_tag(&rest[..end]) {
                    text.push('\n');
                }
                rest = &rest[end..];
                continue;
            }
            let (entity, character) = [
                ("&amp;", '&'),
                ("&lt;", '<'),
                ("&gt;", '>'),
                ("&quot;", '"'),
            ]
            .into_iter()
            .find(|(entity, _)| rest.starts_with(entity))
            .unwrap_or(("&", '&'));
            text.push(character);
            rest = &rest[entity.len()..];
        }
        text.push_str(rest);
        text
    }

    /// `part` of the body as `resolve`'s page shows it: links resolved,
    /// headings moved by `shift` levels, and `heading_id` (if any) as the
    /// id of its headings. The whole body is what [`super::markdown::fragment_html`]
    /// gives for its Markdown; a block is its part of that, so its anchors
    /// are unique in the body and its references and notes resolve
    /// against the body (a parse of the block's text alone gives the same
    /// for any block that needs neither).
    pub fn write(
        &self,
        part: Part,
        resolve: &dyn LinkResolver,
        shift: i8,
        heading_id: Option<&str>,
    ) -> String {
        let (span, raw_html) = match part {
            Part::Whole => (0..self.html.len(), self.raw_html),
            Part::Block(i) => match self.blocks.get(i) {
                Some(block) => (block.span.clone(), block.raw_html),
                None => return String::new(),
            },
        };
        let mut out = String::with_capacity(span.len() + 64);
        let mut at = span.start;
        for mark in self.marks_in(&span) {
            out.push_str(&self.html[at..mark.span.start]);
            let written = &self.html[mark.span.clone()];
            if shift == 0 && heading_id.is_none() && is_heading(&mark.event) {
                out.push_str(written);
            } else {
                // A block tag written after text that did not end a line
                // started with a line break: it keeps it.
                if written.starts_with('\n') {
                    out.push('\n');
                }
                let event = events::placed(mark.event.clone(), resolve, shift, heading_id);
                pulldown_cmark::html::push_html(&mut out, std::iter::once(event));
            }
            at = mark.span.end;
        }
        out.push_str(&self.html[at..span.end]);
        if raw_html {
            events::sanitize(&out)
        } else {
            out
        }
    }

    /// The marks within `span` of the HTML, in order.
    fn marks_in(&self, span: &Range<usize>) -> impl Iterator<Item = &Mark> {
        let first = self.marks.partition_point(|m| m.span.start < span.start);
        self.marks[first..]
            .iter()
            .take_while(move |m| m.span.end <= span.end)
    }

    /// A body made of the blocks `parts` name, in order: for each, the
    /// body it comes from and its index there.
    pub fn merged<'a>(parts: impl IntoIterator<Item = (&'a BodyHtml, usize)>) -> BodyHtml {
        let parts: Vec<(&BodyHtml, &HtmlBlock)> = parts
            .into_iter()
            .filter_map(|(from, i)| Some((from, from.blocks.get(i)?)))
            .collect();
        let size = parts.iter().map(|(_, block)| block.span.len()).sum();
        let mut merged = BodyHtml {
            html: String::with_capacity(size),
            ..BodyHtml::default()
        };
        for (from, block) in parts {
            let start = merged.html.len();
            merged.html.push_str(&from.html[block.span.clone()]);
            let moved = |r: &Range<usize>| {
                r.start - block.span.start + start..r.end - block.span.start + start
            };
            merged
                .marks
                .extend(from.marks_in(&block.span).map(|m| Mark {
                    span: moved(&m.span),
                    event: m.event.clone(),
                }));
            merged.blocks.push(HtmlBlock {
                span: moved(&block.span),
                raw_html: block.raw_html,
            });
            merged.raw_html |= block.raw_html;
        }
        merged
    }
}

/// True for a tag (`<td>`, `</p>`, `<br />`) that ends or starts a block
/// of text, or a line. Every tag of every body is asked, so its name is
/// matched as lower-cased bytes, not compared with each name in turn.
fn is_block_tag(tag: &str) -> bool {
    let name = tag.trim_start_matches(['<', '/']).as_bytes();
    let length = name
        .iter()
        .position(|byte| !byte.is_ascii_alphanumeric())
        .unwrap_or(name.len());
    let mut lower = [0; 10];
    let Some(lower) = lower.get_mut(..length) else {
        return false;
    };
    for (to, from) in lower.iter_mut().zip(name) {
        *to = from.to_ascii_lowercase();
    }
    matches!(
        &*lower,
        b"p" | b"br"
            | b"li"
            | b"td"
            | b"th"
            | b"tr"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"div"
            | b"pre"
            | b"blockquote"
            | b"hr"
            | b"dt"
            | b"dd"
            | b"sup"
    )
}

fn is_heading(event: &Event) -> bool {
    matches!(
        event,
        Event::Start(Tag::Heading { .. }) | Event::End(TagEnd::Heading(_))
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::markdown::{InternalLink, blocks, fragment_html, outline};

    /// Links as a French page under a sub-path resolves them.
    struct French;
    impl LinkResolver for French {
        fn record(&self, link: &InternalLink) -> Option<String> {
            (link.slug != "missing").then(|| format!("/sub/fr/{}/{}/", link.folder, link.slug))
        }
        fn site_path(&self, path: &str) -> String {
            format!("/sub{path}")
        }
    }

    /// Bodies with every kind of block and inline the pages meet.
    const BODIES: &[&str] = &[
        "",
        "Just one paragraph.",
        "# Intro\n\nText with [a record](@/clinics/x.md#intro) and [a page](/calendar/ \"When\").\n\n## Intro\n\n### Deeper {#own .cls onclick=x}\n",
        "## Two\n\n- a [missing](@/topics/missing.md)\n- b ![pic](@/clinics/y.md) <b>bold</b>\n\n> quoted [far](//cdn.example.org/x)\n\n```\ncode [x](@/a/b.md)\n```\n",
        "| a | b |\n|---|---|\n| [c](/c/) | d |\n\n---\n\n<div>\nraw <i>block</i>\n</div>\n\nAfter [bad](javascript:alert(1)) and <mail@example.org> and <https://example.org>.",
        "Text\nwith a soft break  \nand a hard one.\n\n1. one\n2. two\n\n   ## nested heading\n\n#### Four\n\n## Back",
        "- an item\n  ## A heading in it\n- next",
        "Word[^n] ~~struck~~ `code`\n\n[^n]: The note, with [a link](@/sharers/s.md).\n",
    ];

    fn written(body: &str) -> BodyHtml {
        outline(body, 1).html
    }

    #[test]
    fn a_whole_body_is_written_as_a_fresh_parse_writes_it() {
        for body in BODIES {
            let html = written(body);
            for shift in -1..=3 {
                assert_eq!(
                    html.write(Part::Whole, &French, shift, None),
                    fragment_html(body, &French, shift, None),
                    "{body:?} shifted {shift}"
                );
            }
        }
    }

    #[test]
    fn each_block_is_written_as_a_parse_of_that_block_alone() {
        // The footnote body is left out: a note and its reference in two
        // blocks only meet in a parse of the whole. A heading block keeps
        // the anchor the whole body gave it (`intro-1` for a second
        // `Intro`), which a parse of the block alone cannot know.
        for body in &BODIES[..BODIES.len() - 1] {
            let outline = outline(body, 1);
            let texts = blocks(body);
            assert_eq!(outline.html.block_count(), texts.len(), "{body:?}");
            for (i, text) in texts.iter().enumerate() {
                let own = outline.block_ids[i].as_deref();
                for (shift, id) in [
                    (0, None),
                    (1, None),
                    (1, Some("source-id")),
                    (-1, Some("x")),
                ] {
                    // A raw HTML block keeps the line break that ended it
                    // in the body; its text alone has none.
                    assert_eq!(
                        outline
                            .html
                            .write(Part::Block(i), &French, shift, id)
                            .trim_end(),
                        fragment_html(text, &French, shift, id.or(own)).trim_end(),
                        "{body:?} block {i}"
                    );
                }
            }
        }
    }

    #[test]
    fn an_indented_code_block_stays_code() {
        // Its block's text, cut without its indent, would parse as a paragraph.
        let html = written("Text.\n\n    code [x](@/a/b.md)\n");
        assert_eq!(
            html.write(Part::Block(1), &French, 0, None),
            "<pre><code>code [x](@/a/b.md)\n</code></pre>\n"
        );
    }

    #[test]
    fn a_merged_body_takes_each_block_and_its_words_from_its_giver() {
        let source = outline("# Hello\n\nOne [x](@/clinics/x.md).\n\nTwo.", 1);
        let translation = outline("# Bonjour\n\nUn [x](@/clinics/x.md).\n\nDeux.", 1);
        let parts = [
            (&translation.html, 0),
            (&source.html, 1),
            (&translation.html, 2),
        ];
        let merged = BodyHtml::merged(parts);
        assert_eq!(merged.block_count(), 3);
        for (i, (from, j)) in parts.iter().enumerate() {
            assert_eq!(
                merged.write(Part::Block(i), &French, 1, None),
                from.write(Part::Block(*j), &French, 1, None)
            );
        }
        let words: Vec<String> = merged.text().split_whitespace().map(String::from).collect();
        assert_eq!(words, ["Bonjour", "One", "x.", "Deux."]);
    }

    #[test]
    fn the_search_text_has_the_words_a_reader_sees() {
        // The words plain Markdown text gives, as the indexing tokenizer
        // cuts them (runs of letters and digits).
        let words = |text: &str| -> Vec<String> {
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(String::from)
                .collect()
        };
        // Raw HTML and notes are left out: the text keeps what the page
        // shows of them (a note's number, a raw block's words). So are
        // tables and blocks in list items, whose words Markdown's plain
        // text glues together (`item` and `A` as `itemA`).
        let plain = BODIES
            .iter()
            .filter(|b| !b.contains("<div>") && !b.contains("[^") && !b.contains("- an item"));
        for body in plain {
            assert_eq!(
                words(&written(body).text()),
                words(&crate::content::markdown::plain_text(body)),
                "{body:?}"
            );
        }
        assert_eq!(
            words(&written("| a | b |\n|---|---|\n| c | d |\n\n- an item\n  ## In it").text()),
            ["a", "b", "c", "d", "an", "item", "In", "it"]
        );
        assert_eq!(
            words(&written("Fine *wo*rd[^n]\n\n[^n]: note").text()),
            ["Fine", "word", "1", "1", "note"]
        );
        assert_eq!(
            written("Fish &amp; chips: a < b, \"q\" `<tag>`").text(),
            "\nFish & chips: a < b, \"q\" <tag>\n\n"
        );
    }

    #[test]
    fn block_tags_are_known_by_name_in_any_case() {
        for tag in [
            "<p>",
            "</P>",
            "<br />",
            "<BR>",
            "<td class=x>",
            "<blockquote>",
            "</sup>",
        ] {
            assert!(is_block_tag(tag), "{tag}");
        }
        for tag in [
            "<em>",
            "<a href=x>",
            "<span>",
            "<h7>",
            "<blockquotes>",
            "<prep>",
            "<>",
            "</>",
        ] {
            assert!(!is_block_tag(tag), "{tag}");
        }
    }

    #[test]
    fn raw_html_is_sanitised_where_it_is_written() {
        let html = written("Safe paragraph.\n\n<b onclick=\"x()\">bold</b> text");
        assert_eq!(
            html.write(Part::Block(0), &French, 0, None),
            "<p>Safe paragraph.</p>\n"
        );
        let raw = html.write(Part::Block(1), &French, 0, None);
        assert!(
            raw.contains("<b>bold</b>") && !raw.contains("onclick"),
            "{raw}"
        );
        assert!(
            !html
                .write(Part::Whole, &French, 0, None)
                .contains("onclick")
        );
    }

    fn piece() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            "[a-zé ]{1,12}".prop_map(|s| s),
            Just("*em*".to_string()),
            Just("[r](@/clinics/r.md#a)".to_string()),
            Just("[s](/calendar/)".to_string()),
            Just("[e](https://example.org/x)".to_string()),
            Just("![i](/i.png)".to_string()),
            Just("<span>h</span>".to_string()),
            Just("`c`".to_string()),
            Just("\n".to_string()),
        ]
    }

    fn block() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let inline = proptest::collection::vec(piece(), 1..6).prop_map(|p| p.concat());
        // Each block starts with a word: leading spaces would make code of
        // it, which its text cut without them cannot show.
        let inline = inline.prop_map(|text| format!("w{text}"));
        (0..6usize, inline).prop_map(|(kind, text)| match kind {
            0 => format!("# {}", text.replace('\n', " ")),
            1 => format!("### {}", text.replace('\n', " ")),
            2 => format!("- {}\n- two", text.replace('\n', " ")),
            3 => format!("> {}", text.replace('\n', " ")),
            _ => text,
        })
    }

    proptest::proptest! {
        #[test]
        fn any_body_is_written_as_a_fresh_parse_writes_it(
            parts in proptest::collection::vec(block(), 0..6),
            shift in -2i8..3,
        ) {
            let body = parts.join("\n\n");
            let html = written(&body);
            proptest::prop_assert_eq!(
                html.write(Part::Whole, &French, shift, None),
                fragment_html(&body, &French, shift, None)
            );
            let texts = blocks(&body);
            proptest::prop_assert_eq!(html.block_count(), texts.len());
            for (i, text) in texts.iter().enumerate() {
                proptest::prop_assert_eq!(
                    html.write(Part::Block(i), &French, shift, Some("id")),
                    fragment_html(text, &French, shift, Some("id"))
                );
            }
        }
    }
}
