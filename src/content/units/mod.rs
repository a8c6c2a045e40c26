//! Translation units of a Markdown body, as gettext messages see them: each
//! heading, paragraph, list item and table cell (paragraphs inside block
//! quotes and footnotes too), in reading order.
//!
//! A unit's text (its msgid) is its source Markdown with its inline markup,
//! reference links written inline, soft line breaks as spaces, hard breaks
//! as a backslash and a newline, and the line prefixes of its containers
//! (`>`, list indentation) removed. Code blocks and raw HTML blocks are not
//! units: they are kept as the source has them (HTML blocks are layout more
//! than prose, and translating them would let a translation add markup the
//! source never had). A heading's `{#id}` is not part of its text: the
//! translated heading keeps the source's anchor.
//!
//! [`reassemble`] puts translations back where each unit was, so that the
//! block structure, list markers, table pipes and heading ids stay the
//! source's.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use super::markdown::options;

/// What kind of block a unit is, named in its `#.` comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UnitKind {
    /// `# …`
    Heading,
    /// A paragraph (also inside a quote, a list item or a footnote).
    Paragraph,
    /// The text of a tight list item.
    ListItem,
    /// One cell of a table.
    TableCell,
}

impl UnitKind {
    /// The field named in the unit's `#.` comment.
    pub fn field(self) -> &'static str {
        match self {
            UnitKind::Heading => "body: heading",
            UnitKind::Paragraph => "body: paragraph",
            UnitKind::ListItem => "body: list item",
            UnitKind::TableCell => "body: table cell",
        }
    }
}

/// One unit of a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyUnit {
    /// Its kind.
    pub kind: UnitKind,
    /// Its text, normalised (the msgid).
    pub text: String,
    /// Where it is in the body's Markdown.
    pub span: Range<usize>,
    /// What a new line in a translation is followed by (the containers' prefix).
    prefix: String,
}

/// The container a run of inline events belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Unit(UnitKind),
    /// A code block, an HTML block or anything else whose text is not a unit.
    Opaque,
    /// A block holding others (a quote, a list, a table row).
    Other,
}

/// The units of `markdown`, in reading order.
pub fn body_units(markdown: &str) -> Vec<BodyUnit> {
    let mut walker = Walker::default();
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        walker.see(markdown, &event, range);
    }
    walker.flush(markdown);
    walker.units
}

#[derive(Default)]
struct Walker {
    stack: Vec<Container>,
    /// The inline events seen since the last block event: their span.
    pending: Option<Range<usize>>,
    /// Reference links in the pending run: link span, text span, destination, title, image.
    references: Vec<Reference>,
    /// Depth of open inline tags (links, emphasis...).
    inline_depth: usize,
    units: Vec<BodyUnit>,
}

struct Reference {
    whole: Range<usize>,
    text: Option<Range<usize>>,
    dest: String,
    title: String,
    image: bool,
    depth: usize,
}

fn container(tag: &Tag) -> Option<Container> {
    Some(match tag {
        Tag::Heading { .. } => Container::Unit(UnitKind::Heading),
        Tag::Paragraph => Container::Unit(UnitKind::Paragraph),
        Tag::Item => Container::Unit(UnitKind::ListItem),
        Tag::TableCell => Container::Unit(UnitKind::TableCell),
        Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) => Container::Opaque,
        Tag::BlockQuote(_)
        | Tag::List(_)
        | Tag::FootnoteDefinition(_)
        | Tag::Table(_)
        | Tag::TableHead
        | Tag::TableRow
        | Tag::DefinitionList
        | Tag::DefinitionListTitle
        | Tag::DefinitionListDefinition => Container::Other,
        _ => return None,
    })
}

fn is_block_end(end: &TagEnd) -> bool {
    !matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

impl Walker {
    fn see(&mut self, markdown: &str, event: &Event, range: Range<usize>) {
        match event {
            Event::Start(tag) => match container(tag) {
                Some(c) => {
                    self.flush(markdown);
                    self.stack.push(c);
                }
                None => {
                    self.inline(range.clone());
                    if let Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        ..
                    }
                    | Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        ..
                    } = tag
                        && is_reference(*link_type)
                    {
                        self.references.push(Reference {
                            whole: range,
                            text: None,
                            dest: dest_url.to_string(),
                            title: title.to_string(),
                            image: matches!(tag, Tag::Image { .. }),
                            depth: self.inline_depth,
                        });
                    }
                    self.inline_depth += 1;
                }
            },
            Event::End(end) if is_block_end(end) => {
                self.flush(markdown);
                self.stack.pop();
            }
            Event::End(_) => self.inline_depth = self.inline_depth.saturating_sub(1),
            Event::Html(_) | Event::Rule | Event::TaskListMarker(_) => self.flush(markdown),
            _ => self.inline(range),
        }
    }

    fn inline(&mut self, range: Range<usize>) {
        if !matches!(self.stack.last(), Some(Container::Unit(_))) {
            return;
        }
        // The text of a reference link: from its first inner event to its last.
        for r in &mut self.references {
            if r.depth + 1 == self.inline_depth
                && r.whole.start < range.start
                && range.end <= r.whole.end
            {
                let text = r.text.get_or_insert(range.clone());
                text.end = text.end.max(range.end);
            }
        }
        let pending = self.pending.get_or_insert(range.clone());
        pending.start = pending.start.min(range.start);
        pending.end = pending.end.max(range.end);
    }

    fn flush(&mut self, markdown: &str) {
        let references = std::mem::take(&mut self.references);
        let Some(span) = self.pending.take() else {
            return;
        };
        let Some(Container::Unit(kind)) = self.stack.last().copied() else {
            return;
        };
        let text = normalise(markdown, span.clone(), &references)
            .trim()
            .to_string();
        if text.is_empty() {
            return;
        }
        let line_start = markdown[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let prefix = markdown[line_start..span.start]
            .chars()
            .map(|c| if c == '>' || c == '\t' { c } else { ' ' })
            .collect();
        self.units.push(BodyUnit {
            kind,
            text,
            span,
            prefix,
        });
    }
}

fn is_reference(link_type: LinkType) -> bool {
    matches!(
        link_type,
        LinkType::Reference
            | LinkType::ReferenceUnknown
            | LinkType::Collapsed
            | LinkType::CollapsedUnknown
            | LinkType::Shortcut
            | LinkType::ShortcutUnknown
    )
}

/// `span` of `markdown` as a msgid: reference links inline, one line per
/// hard break, container prefixes gone.
fn normalise(markdown: &str, span: Range<usize>, references: &[Reference]) -> String {
    let mut raw = String::new();
    let mut at = span.start;
    // Outermost references only (their text keeps any inner one as written).
    for r in references.iter().filter(|r| r.depth == 0) {
        if r.whole.start < at || r.whole.end > span.end {
            continue;
        }
        raw.push_str(&markdown[at..r.whole.start]);
        let text = r.text.clone().map_or("", |t| &markdown[t]);
        raw.push_str(&inline_link(text, &r.dest, &r.title, r.image));
        at = r.whole.end;
    }
    raw.push_str(&markdown[at..span.end]);
    join_lines(&raw)
}

/// `[text](dest "title")`, or `![…](…)` for an image.
fn inline_link(text: &str, dest: &str, title: &str, image: bool) -> String {
    let bang = if image { "!" } else { "" };
    let dest = if dest.is_empty() || dest.contains([' ', '(', ')', '<', '>']) {
        format!("<{}>", dest.replace('<', "\\<").replace('>', "\\>"))
    } else {
        dest.to_string()
    };
    let title = if title.is_empty() {
        String::new()
    } else {
        format!(" \"{}\"", title.replace('\\', "\\\\").replace('"', "\\\""))
    };
    format!("{bang}[{text}]({dest}{title})")
}

/// Lines of a unit joined: a soft break is a space, a hard break (two
/// spaces or a backslash at the end of a line) a backslash and a new line.
fn join_lines(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut lines = raw.split('\n').peekable();
    while let Some(line) = lines.next() {
        let stripped = if out.is_empty() {
            line
        } else {
            strip_prefix(line)
        };
        if lines.peek().is_none() {
            out.push_str(stripped.trim_end());
            break;
        }
        let hard = line.ends_with("  ") || line.ends_with('\\');
        let content = stripped.trim_end();
        let content = content.strip_suffix('\\').unwrap_or(content);
        out.push_str(content);
        out.push_str(if hard { "\\\n" } else { " " });
    }
    out
}

/// A continuation line without its containers' prefix (spaces and `>`).
fn strip_prefix(line: &str) -> &str {
    line.trim_start_matches([' ', '\t', '>'])
}

/// `markdown` with each unit's text replaced by what `translate` gives for
/// it (the source stays where it gives nothing).
pub fn reassemble<'a>(
    markdown: &str,
    units: &[BodyUnit],
    mut translate: impl FnMut(usize, &BodyUnit) -> Option<&'a str>,
) -> String {
    let mut out = String::with_capacity(markdown.len() + markdown.len() / 4);
    let mut at = 0;
    for (i, unit) in units.iter().enumerate() {
        let Some(text) = translate(i, unit) else {
            continue;
        };
        if unit.span.start < at {
            continue;
        }
        out.push_str(&markdown[at..unit.span.start]);
        put_unit(&mut out, unit, text);
        at = unit.span.end;
    }
    out.push_str(&markdown[at..]);
    out
}

/// A translation written where `unit` was: its lines prefixed as the
/// unit's container needs (and indented, so that none starts a block), and
/// in a table cell, its pipes escaped.
fn put_unit(out: &mut String, unit: &BodyUnit, text: &str) {
    let text = text.trim();
    let mut lines = text.split('\n');
    for (i, line) in lines.by_ref().enumerate() {
        if i > 0 {
            if unit.kind == UnitKind::TableCell || unit.kind == UnitKind::Heading {
                out.push(' ');
            } else {
                // Indented past any block marker, a continuation line
                // stays in its paragraph even if it reads like a fence,
                // a heading or a list item (indented code can't interrupt
                // a paragraph).
                out.push('\n');
                out.push_str(&unit.prefix);
                out.push_str("    ");
            }
        }
        if unit.kind == UnitKind::TableCell {
            escape_pipes(out, line);
        } else if unit.kind == UnitKind::Heading && line.ends_with('#') && !line.ends_with("\\#") {
            // A heading ending in `#` would lose it as a closing sequence.
            out.push_str(&line[..line.len() - 1]);
            out.push_str("\\#");
        } else {
            out.push_str(line);
        }
    }
}

fn escape_pipes(out: &mut String, line: &str) {
    let mut escaped = false;
    for c in line.chars() {
        if c == '|' && !escaped {
            out.push('\\');
        }
        escaped = c == '\\' && !escaped;
        out.push(c);
    }
}

/// The internal links (`@/…`) of a unit's text, sorted: what a translation
/// must keep.
pub fn internal_links(text: &str) -> Vec<String> {
    let mut links: Vec<String> = Parser::new_ext(text, options())
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with("@/") => {
                Some(dest_url.to_string())
            }
            _ => None,
        })
        .collect();
    links.sort_unstable();
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(markdown: &str) -> Vec<(UnitKind, String)> {
        body_units(markdown)
            .into_iter()
            .map(|u| (u.kind, u.text))
            .collect()
    }

    fn own(list: &[(UnitKind, &str)]) -> Vec<(UnitKind, String)> {
        list.iter().map(|(k, t)| (*k, t.to_string())).collect()
    }

    use UnitKind::*;

    #[test]
    fn headings_paragraphs_items_and_cells_are_units_and_code_is_not() {
        let md = "# Set up *the* room {#room}\n\nOne line\nand the next.\n\n\
                  - first [item](https://a.org/)\n- second\n  - nested\n\n\
                  ```\ncode here\n```\n\n| a | b \\| c |\n|---|---|\n| d | e |\n\n\
                  > quoted\n> text\n\n<div>raw</div>\n";
        assert_eq!(
            texts(md),
            own(&[
                (Heading, "Set up *the* room"),
                (Paragraph, "One line and the next."),
                (ListItem, "first [item](https://a.org/)"),
                (ListItem, "second"),
                (ListItem, "nested"),
                (TableCell, "a"),
                (TableCell, "b \\| c"),
                (TableCell, "d"),
                (TableCell, "e"),
                (Paragraph, "quoted text"),
            ])
        );
    }

    #[test]
    fn reference_links_become_inline_and_hard_breaks_stay() {
        let md = "See [the guide][g] and [Meta].  \nNext line\\\nlast.\n\n\
                  [g]: https://example.org/guide \"The guide\"\n[meta]: @/pages/about.md\n";
        assert_eq!(
            texts(md),
            own(&[(
                Paragraph,
                "See [the guide](https://example.org/guide \"The guide\") and [Meta](@/pages/about.md).\\\nNext line\\\nlast."
            )])
        );
    }

    #[test]
    fn loose_items_are_paragraphs_inside_quotes_too() {
        let md = "> - one\n>   more\n>\n> - two\n";
        assert_eq!(
            texts(md),
            own(&[(Paragraph, "one more"), (Paragraph, "two")])
        );
    }

    #[test]
    fn reassembly_keeps_structure_and_prefixes() {
        let md = "## Room {#room}\n\n> - one\n>   more\n\n| a | b |\n|---|---|\n| c | d |\n\n```\nx\n```\n";
        let units = body_units(md);
        let out = reassemble(md, &units, |_, u| match u.text.as_str() {
            "Room" => Some("Salle"),
            "one more" => Some("un\\\nplus"),
            "b" => Some("x | y"),
            _ => None,
        });
        assert_eq!(
            out,
            "## Salle {#room}\n\n> - un\\\n>       plus\n\n| a | x \\| y |\n|---|---|\n| c | d |\n\n```\nx\n```\n"
        );
        let again: Vec<String> = body_units(&out).into_iter().map(|u| u.text).collect();
        assert_eq!(again, ["Salle", "un\\\nplus", "a", "x \\| y", "c", "d"]);
    }

    #[test]
    fn internal_links_are_listed_sorted() {
        assert_eq!(
            internal_links("[b](@/pages/b.md) [a](@/clinics/a.md#x) [w](https://w.org/)"),
            ["@/clinics/a.md#x", "@/pages/b.md"]
        );
    }
}

#[cfg(test)]
mod properties;
