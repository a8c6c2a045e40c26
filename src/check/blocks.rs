//! Translation units: every record's text as named blocks, and the status of
//! a translation block by block, as Meta-Wiki's translated pages show it.
//!
//! A block is the title, the summary, each takeaway, each resource label,
//! a topic's description, a sharer's role, or one top-level block of the
//! body. Its role (`title`, `takeaway-2`, `body-5`) pairs it with the same
//! block of a translation. A translated block is one that is present and
//! differs from the source; it is *outdated* when the digest the translation
//! recorded for it (`source_digests`) no longer matches the source block.
//! Digests live in the translation file, so this works in a fresh clone
//! without git history.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use crate::content::html::BodyHtml;

use crate::site::{BlockState, ClinicText, SharerText, Status, TitledText, TopicText};

/// One block: its role, its text, and whether it counts towards completeness.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// `title`, `summary`, `takeaway-1`, `label-1`, `description`, `role`, `body-1`...
    pub role: String,
    /// The block's text (Markdown for body blocks).
    pub text: String,
    /// Whether it counts in the completeness percentage.
    pub counted: bool,
}

fn block(role: impl Into<String>, text: &str, counted: bool) -> Block {
    Block {
        role: role.into(),
        text: text.to_string(),
        counted,
    }
}

/// Text that can be cut into blocks and put back together block by block.
pub trait TextBlocks: Clone {
    /// The blocks, in reading order.
    fn blocks(&self) -> Vec<Block>;
    /// Replaces the block with this role (not a body block: [`merge`]
    /// gathers those and rejoins the body).
    fn set(&mut self, role: &str, text: String);
    /// The body.
    fn body_mut(&mut self) -> &mut crate::site::Body;
    /// The body, to read.
    fn body(&self) -> &crate::site::Body;
    /// How many numbered blocks `<unit>-1`, `<unit>-2`... it has (a clinic's
    /// takeaways and resource labels). A kind whose blocks are cheap to
    /// count without copying them says so itself.
    fn count(&self, unit: &str) -> usize {
        let prefix = format!("{unit}-");
        self.blocks()
            .iter()
            .filter(|b| {
                b.role
                    .strip_prefix(&prefix)
                    .is_some_and(|n| n.parse::<usize>().is_ok())
            })
            .count()
    }
}

fn body_blocks(body: &crate::site::Body) -> impl Iterator<Item = Block> + '_ {
    body.blocks()
        .enumerate()
        .map(|(i, b)| block(format!("body-{}", i + 1), b, true))
}

/// Rebuilds a body's Markdown and HTML from its merged blocks;
/// `from_translation` says which blocks the translation gave.
fn rejoin(
    body: &mut crate::site::Body,
    blocks: &[String],
    translation: Option<&crate::site::Body>,
    from_translation: &[bool],
) {
    if let Some(translation) = translation.filter(|t| {
        t.block_spans.len() == blocks.len() && from_translation.iter().all(|given| *given)
    }) {
        // Every block is the translation's, in its order: the merged body
        // is the translation as written, already read.
        body.markdown = translation.markdown.clone();
        body.block_spans = translation.block_spans.clone();
        body.html = translation.html.clone();
        return;
    }
    let source_html = body.html.take();
    body.set_blocks(blocks);
    // Each block's HTML comes from the body that gave it; a body put
    // together from text alone has none, and is parsed again where shown.
    let giver = |i: usize| match translation {
        Some(t) if from_translation.get(i).copied().unwrap_or(false) => t.html.as_deref(),
        _ => source_html.as_deref(),
    };
    let parts = (0..blocks.len())
        .map(|i| giver(i).map(|html| (html, i)))
        .collect::<Option<Vec<_>>>();
    body.html = parts.map(|parts| std::sync::Arc::new(BodyHtml::merged(parts)));
}

/// `takeaway-3` → `Some(2)` for prefix `takeaway-`.
fn numbered(role: &str, prefix: &str) -> Option<usize> {
    role.strip_prefix(prefix)?
        .parse::<usize>()
        .ok()?
        .checked_sub(1)
}

impl TextBlocks for ClinicText {
    fn blocks(&self) -> Vec<Block> {
        let mut out = vec![block("title", &self.title, true)];
        if !self.summary.derived {
            out.push(block("summary", &self.summary.text, true));
        }
        out.extend(
            self.takeaways
                .iter()
                .enumerate()
                .map(|(i, t)| block(format!("takeaway-{}", i + 1), t, true)),
        );
        out.extend(
            self.resource_labels
                .iter()
                .enumerate()
                .map(|(i, l)| block(format!("label-{}", i + 1), l, false)),
        );
        out.extend(body_blocks(&self.body));
        out
    }

    fn set(&mut self, role: &str, text: String) {
        if let Some(i) = numbered(role, "takeaway-") {
            if let Some(slot) = self.takeaways.get_mut(i) {
                *slot = text;
            }
        } else if let Some(i) = numbered(role, "label-") {
            if let Some(slot) = self.resource_labels.get_mut(i) {
                *slot = text;
            }
        } else if role == "title" {
            self.title = text;
        } else if role == "summary" {
            self.summary.text = text;
        }
    }

    fn body_mut(&mut self) -> &mut crate::site::Body {
        &mut self.body
    }

    fn body(&self) -> &crate::site::Body {
        &self.body
    }

    fn count(&self, unit: &str) -> usize {
        match unit {
            "takeaway" => self.takeaways.len(),
            "label" => self.resource_labels.len(),
            _ => 0,
        }
    }
}

impl TextBlocks for SharerText {
    fn blocks(&self) -> Vec<Block> {
        let role = self.role.iter().map(|r| block("role", r, true));
        role.chain(body_blocks(&self.body)).collect()
    }

    fn set(&mut self, role: &str, text: String) {
        if role == "role" {
            self.role = Some(text);
        }
    }

    fn body_mut(&mut self) -> &mut crate::site::Body {
        &mut self.body
    }

    fn body(&self) -> &crate::site::Body {
        &self.body
    }
}

impl TextBlocks for TopicText {
    fn blocks(&self) -> Vec<Block> {
        let mut out = vec![block("title", &self.title, true)];
        out.extend(
            self.description
                .iter()
                .map(|d| block("description", d, true)),
        );
        out.extend(body_blocks(&self.body));
        out
    }

    fn set(&mut self, role: &str, text: String) {
        match role {
            "title" => self.title = text,
            "description" => self.description = Some(text),
            _ => {}
        }
    }

    fn body_mut(&mut self) -> &mut crate::site::Body {
        &mut self.body
    }

    fn body(&self) -> &crate::site::Body {
        &self.body
    }
}

/// Issues and pages share a shape: title, optional summary, body.
impl TextBlocks for TitledText {
    fn blocks(&self) -> Vec<Block> {
        let mut out = vec![block("title", &self.title, true)];
        out.extend(self.summary.iter().map(|s| block("summary", s, true)));
        out.extend(body_blocks(&self.body));
        out
    }

    fn set(&mut self, role: &str, text: String) {
        match role {
            "title" => self.title = text,
            "summary" => self.summary = Some(text),
            _ => {}
        }
    }

    fn body_mut(&mut self) -> &mut crate::site::Body {
        &mut self.body
    }

    fn body(&self) -> &crate::site::Body {
        &self.body
    }
}

/// The digest of a source block recorded by a translation: 8 hex digits of SHA-256.
pub fn digest(text: &str) -> String {
    let hash = Sha256::digest(text.trim().as_bytes());
    hash[..4].iter().map(|b| format!("{b:02x}")).collect()
}

/// The digests of every block of `source`, by role (what `--stamp` writes).
pub fn digests<T: TextBlocks>(source: &T) -> BTreeMap<String, String> {
    source
        .blocks()
        .into_iter()
        .map(|b| (b.role, digest(&b.text)))
        .collect()
}

/// Merges a translation into its source, block by block, and says how far it has got.
pub fn merge<T: TextBlocks>(
    source: &T,
    translated: &BTreeMap<String, String>,
    recorded: Option<&BTreeMap<String, String>>,
    translated_body: Option<&crate::site::Body>,
) -> (T, Status) {
    let mut text = source.clone();
    let mut body: Vec<String> = text.body_mut().blocks().map(str::to_string).collect();
    let mut from_translation = vec![false; body.len()];
    let mut body_changed = false;
    let mut status = Status {
        stamped: recorded.is_some(),
        ..Status::default()
    };
    for Block {
        role,
        text: original,
        counted,
    } in source.blocks()
    {
        let state = match translated
            .get(&role)
            .filter(|t| t.trim() != original.trim() && !t.trim().is_empty())
        {
            None => BlockState::Untranslated,
            Some(new) => {
                let new = new.trim().to_string();
                match numbered(&role, "body-") {
                    Some(index) => {
                        body_changed = true;
                        if let Some(slot) = body.get_mut(index) {
                            *slot = new;
                            from_translation[index] = true;
                        }
                    }
                    None => text.set(&role, new),
                }
                match recorded.and_then(|r| r.get(&role)) {
                    Some(d) if *d != digest(&original) => BlockState::Outdated,
                    _ => BlockState::Translated,
                }
            }
        };
        if counted {
            status.counted += 1;
            status.translated += usize::from(state != BlockState::Untranslated);
        }
        status.outdated += usize::from(state == BlockState::Outdated);
        status.blocks.insert(role, state);
    }
    if body_changed {
        rejoin(text.body_mut(), &body, translated_body, &from_translation);
    }
    (text, status)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::{Body, TitledText};

    fn page(title: &str, body: &[&str]) -> TitledText {
        let mut text = TitledText {
            title: title.into(),
            summary: None,
            body: Body {
                first_line: 5,
                highest_heading: 1,
                ..Body::default()
            },
        };
        text.body.set_blocks(body);
        text
    }

    /// A clinic counts its takeaways and labels as its blocks list them.
    #[test]
    fn a_clinic_counts_its_lists_as_its_blocks_do() {
        let clinic = ClinicText {
            title: "T".into(),
            summary: crate::site::Summary {
                text: "S".into(),
                derived: false,
            },
            takeaways: vec!["a".into(), "b".into(), "c".into()],
            resource_labels: vec!["Recording".into(), "Slides".into()],
            body: Body::default(),
        };
        let blocks = clinic.blocks();
        let listed = |unit: &str| {
            let prefix = format!("{unit}-");
            blocks
                .iter()
                .filter(|b| b.role.starts_with(&prefix))
                .count()
        };
        for unit in ["takeaway", "label", "title"] {
            assert_eq!(clinic.count(unit), listed(unit), "{unit}");
        }
        assert_eq!((clinic.count("takeaway"), clinic.count("label")), (3, 2));
    }

    /// Bodies here have no links.
    struct NoLinks;
    impl crate::content::markdown::LinkResolver for NoLinks {
        fn record(&self, _: &crate::content::markdown::InternalLink) -> Option<String> {
            None
        }
        fn site_path(&self, path: &str) -> String {
            path.to_string()
        }
    }

    /// A page whose body is read as the check stage reads one.
    fn read(title: &str, markdown: &str) -> TitledText {
        let mut outline = crate::content::markdown::outline(markdown, 1);
        TitledText {
            title: title.into(),
            summary: None,
            body: crate::check::records::body_from(markdown.into(), 1, &mut outline),
        }
    }

    fn given(blocks: &[(&str, &str)]) -> BTreeMap<String, String> {
        blocks
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_fully_translated_body_is_the_translation_as_written() {
        let source = read("About", "# One\n\nTwo *words*.\n");
        let written = read("À propos", "\n# Un\n\n\nDeux *mots*.\n");
        let roles = given(&[("body-1", "# Un"), ("body-2", "Deux *mots*.")]);
        let (text, _) = merge(&source, &roles, None, Some(&written.body));
        assert!(std::sync::Arc::ptr_eq(
            &text.body.markdown,
            &written.body.markdown
        ));
        let words = text.body.search_text();
        assert_eq!(
            words.split_whitespace().collect::<Vec<_>>(),
            ["Un", "Deux", "mots."]
        );
        assert_eq!(
            text.body.blocks().collect::<Vec<_>>(),
            ["# Un", "Deux *mots*."]
        );
        let html = text.body.html.as_deref().expect("written HTML");
        let page = |html: &crate::content::html::BodyHtml, i| {
            html.write(crate::content::html::Part::Block(i), &NoLinks, 0, None)
        };
        assert_eq!(page(html, 1), "<p>Deux <em>mots</em>.</p>\n");
    }

    #[test]
    fn a_partly_translated_body_takes_each_block_from_its_giver() {
        let source = read("About", "# One\n\nTwo *words*.\n\nThree.\n");
        let written = read("À propos", "# Un\n\nDeux *mots*.\n");
        let roles = given(&[("body-1", "# Un"), ("body-2", "Deux *mots*.")]);
        let (text, status) = merge(&source, &roles, None, Some(&written.body));
        assert_eq!(status.state("body-3"), BlockState::Untranslated);
        assert_eq!(&*text.body.markdown, "# Un\n\nDeux *mots*.\n\nThree.");
        let words = text.body.search_text();
        let words: Vec<&str> = words.split_whitespace().collect();
        assert_eq!(words, ["Un", "Deux", "mots.", "Three."]);
        let html = text.body.html.as_deref().expect("written HTML");
        let block = |i| html.write(crate::content::html::Part::Block(i), &NoLinks, 1, None);
        assert_eq!(
            [block(0), block(1), block(2)],
            [
                "<h2 id=\"un\">Un</h2>\n",
                "<p>Deux <em>mots</em>.</p>\n",
                "<p>Three.</p>\n"
            ]
        );
    }

    #[test]
    fn a_merged_body_reads_as_the_translation_shows_it() {
        let source = page("About", &["One *two*.", "Three."]);
        let translated: BTreeMap<String, String> = [("body-1", "Un *deux*.")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let (text, _) = merge(&source, &translated, None, None);
        assert_eq!(&*text.body.markdown, "Un *deux*.\n\nThree.");
        assert!(text.body.html.is_none(), "made from text alone");
        let words = text.body.search_text();
        let words: Vec<&str> = words.split_whitespace().collect();
        assert_eq!(words, ["Un", "deux.", "Three."]);
    }

    #[test]
    fn completeness_counts_translated_blocks_over_source_blocks() {
        let source = page("About", &["One.", "Two.", "Three."]);
        let translated: BTreeMap<String, String> =
            [("title", "À propos"), ("body-1", "Un."), ("body-2", "Two.")]
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
        let (text, status) = merge(&source, &translated, None, None);
        assert_eq!(text.title, "À propos");
        assert_eq!(
            text.body.blocks().collect::<Vec<_>>(),
            ["Un.", "Two.", "Three."],
            "untranslated blocks keep the source"
        );
        assert_eq!(
            (status.translated, status.counted, status.percent()),
            (2, 4, 50)
        );
        assert_eq!(
            status.state("body-2"),
            BlockState::Untranslated,
            "a copy of the source is not a translation"
        );
    }

    #[test]
    fn a_block_whose_source_changed_since_the_stamp_is_outdated() {
        let old = page("About", &["One."]);
        let stamp = digests(&old);
        let new = page("About", &["One, changed."]);
        let translated: BTreeMap<String, String> = [("title", "À propos"), ("body-1", "Un.")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let (_, status) = merge(&new, &translated, Some(&stamp), None);
        assert_eq!(status.state("title"), BlockState::Translated);
        assert_eq!(status.state("body-1"), BlockState::Outdated);
        assert_eq!(status.outdated, 1);
    }
}
