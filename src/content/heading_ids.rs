//! Heading anchors: each heading without an explicit `{#id}` gets one made
//! from its text ([`heading_slug`]), unique within its body. The check stage
//! (links to `#anchor`) and the render stage (the `id` it writes) both give
//! ids here, so they always agree.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// Gives every heading without an explicit `{#id}` an id made from its text,
/// unique within the body (`intro`, `intro-1`, ...).
pub(crate) fn with_heading_ids(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    HeadingIds::new(events.into_iter().map(|event| (event, 0..0)))
        .map(|(event, _)| event)
        .collect()
}

/// [`with_heading_ids`] over a stream of events and their ranges: the
/// events of a heading without an id wait until its end gives its text,
/// all others pass straight on (a body's events need not be gathered and
/// copied first).
pub(crate) struct HeadingIds<'a, I> {
    events: I,
    used: HashMap<String, usize>,
    /// The text of the heading being held, while one is.
    text: Option<String>,
    /// Its events so far; once it has ended, the events to give first.
    held: std::collections::VecDeque<(Event<'a>, std::ops::Range<usize>)>,
    /// How many of `held` are ready to go.
    ready: usize,
}

impl<'a, I: Iterator<Item = (Event<'a>, std::ops::Range<usize>)>> HeadingIds<'a, I> {
    pub(crate) fn new(events: I) -> Self {
        HeadingIds {
            events,
            used: HashMap::new(),
            text: None,
            held: Default::default(),
            ready: 0,
        }
    }
}

impl<'a, I: Iterator<Item = (Event<'a>, std::ops::Range<usize>)>> Iterator for HeadingIds<'a, I> {
    type Item = (Event<'a>, std::ops::Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.ready > 0 {
                self.ready -= 1;
                return self.held.pop_front();
            }
            let Some((event, range)) = self.events.next() else {
                // A heading never ended (pulldown-cmark always ends them):
                // its events go as they are.
                self.text = None;
                self.ready = self.held.len();
                return self.held.pop_front().inspect(|_| self.ready -= 1);
            };
            match (&event, self.text.as_mut()) {
                (Event::Start(Tag::Heading { id: None, .. }), None) => {
                    self.text = Some(String::new());
                }
                (Event::Start(Tag::Heading { id: Some(id), .. }), _) => {
                    // An explicit id is taken: a later heading with the
                    // same text gets `id-1`.
                    self.used.entry(id.to_string()).or_insert(1);
                }
                (Event::Text(t) | Event::Code(t), Some(text)) => text.push_str(t),
                (Event::End(TagEnd::Heading(_)), Some(text)) => {
                    let id = unique(&mut self.used, heading_slug(text));
                    self.text = None;
                    if let Some((Event::Start(Tag::Heading { id: slot, .. }), _)) =
                        self.held.front_mut()
                    {
                        *slot = Some(CowStr::from(id));
                    }
                    self.held.push_back((event, range));
                    self.ready = self.held.len();
                    continue;
                }
                _ => {}
            }
            if self.text.is_some() {
                self.held.push_back((event, range));
                continue;
            }
            return Some((event, range));
        }
    }
}

/// `base` if no heading has it yet, else the first free `base-1`,
/// `base-2`, ... `used` holds every id given so far, with, for an id that
/// was a base, the suffix to try next.
fn unique(used: &mut HashMap<String, usize>, base: String) -> String {
    let Some(&next) = used.get(&base) else {
        used.insert(base.clone(), 1);
        return base;
    };
    let mut n = next;
    let id = loop {
        let id = format!("{base}-{n}");
        n += 1;
        if !used.contains_key(&id) {
            break id;
        }
    };
    used.insert(base, n);
    used.insert(id.clone(), 1);
    id
}

/// A heading's anchor: its letters and digits in lowercase (any script),
/// words joined by `-`.
pub fn heading_slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_')
            && !slug.is_empty()
            && !slug.ends_with('-')
        {
            slug.push('-');
        }
    }
    slug.truncate(slug.trim_end_matches('-').len());
    if slug.is_empty() {
        "section".into()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::Parser;

    use super::*;
    use crate::content::events::options;

    /// The ids as the whole-list pass gave them before the stream: each
    /// heading's Start is patched once its End is seen.
    fn ids_by_whole_list(mut events: Vec<Event<'_>>) -> Vec<Event<'_>> {
        let mut used: HashMap<String, usize> = HashMap::new();
        let mut heading: Option<(usize, String)> = None;
        for at in 0..events.len() {
            match &events[at] {
                Event::Start(Tag::Heading { id: None, .. }) => heading = Some((at, String::new())),
                Event::Text(t) | Event::Code(t) => {
                    if let Some((_, text)) = heading.as_mut() {
                        text.push_str(t);
                    }
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some((start, text)) = heading.take() {
                        let id = unique(&mut used, heading_slug(&text));
                        if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[start] {
                            *slot = Some(CowStr::from(id));
                        }
                    }
                }
                Event::Start(Tag::Heading { id: Some(id), .. }) => {
                    used.entry(id.to_string()).or_insert(1);
                }
                _ => {}
            }
        }
        events
    }

    #[test]
    fn heading_ids_on_a_stream_are_those_of_the_whole_list_with_their_ranges() {
        let bodies = [
            "",
            "# Intro\n\ntext *em* `code`\n\n## Intro\n\n### `Code` and *em* [link](x)\n\n## Intro\n",
            "## Set up {#set-up}\n\n## Set up\n\nSetext\n------\n\n> # Quoted\n\n- # In a list\n",
            "Only text,\nno headings.\n\n    # indented code\n",
        ];
        for body in bodies {
            let with_ranges: Vec<_> = Parser::new_ext(body, options())
                .into_offset_iter()
                .collect();
            let streamed: Vec<_> = HeadingIds::new(with_ranges.clone().into_iter()).collect();
            let (events, ranges): (Vec<_>, Vec<_>) = streamed.into_iter().unzip();
            assert_eq!(
                ranges,
                with_ranges
                    .iter()
                    .map(|(_, r)| r.clone())
                    .collect::<Vec<_>>(),
                "{body:?}"
            );
            let expected = ids_by_whole_list(with_ranges.into_iter().map(|(e, _)| e).collect());
            assert_eq!(events, expected, "{body:?}");
            let listed = with_heading_ids(Parser::new_ext(body, options()).collect());
            assert_eq!(listed, expected, "{body:?}");
        }
    }

    fn ids_of(body: &str) -> Vec<String> {
        with_heading_ids(Parser::new_ext(body, options()).collect())
            .into_iter()
            .filter_map(|event| match event {
                Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn no_two_headings_share_an_id() {
        let cases: [(&str, &[&str]); 4] = [
            (
                "## Set up {#set-up}\n\n## Set up\n",
                &["set-up", "set-up-1"],
            ),
            (
                "## Intro {#intro-1}\n\n## Intro\n\n## Intro\n",
                &["intro-1", "intro", "intro-2"],
            ),
            ("# A\n\n# A\n\n# A-1\n", &["a", "a-1", "a-1-1"]),
            ("# A-1\n\n# A\n\n# A\n", &["a-1", "a", "a-2"]),
        ];
        for (body, ids) in cases {
            assert_eq!(ids_of(body), ids, "{body:?}");
        }
    }

    #[test]
    fn headings_slug_as_the_general_path_does() {
        // The slug without its ASCII shortcut.
        fn general(text: &str) -> String {
            let mut slug = String::new();
            for c in text.chars() {
                if c.is_alphanumeric() {
                    slug.extend(c.to_lowercase());
                } else if (c.is_whitespace() || c == '-' || c == '_')
                    && !slug.is_empty()
                    && !slug.ends_with('-')
                {
                    slug.push('-');
                }
            }
            let slug = slug.trim_end_matches('-').to_string();
            if slug.is_empty() {
                "section".into()
            } else {
                slug
            }
        }
        for text in [
            "Key Learnings",
            "  What's next? ",
            "Ọ́rụ́ na Ndụ",
            "İstanbul 2024",
            "---",
            "",
            "a_b-c  D",
            "Ünïcödé—Dash",
        ] {
            assert_eq!(heading_slug(text), general(text), "{text}");
        }
    }
}
