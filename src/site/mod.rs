//! The resolved site: what the check stage proves and the render stage reads.
//!
//! Every value here is valid: dates parsed, vocabularies closed, references
//! pointing at records that exist. Text that can be translated lives in
//! [`Localized`]: the source language's text plus any translations, keyed
//! by language, so that any stage can ask for "this record in French" and
//! fall back to the source. Collections are sorted so that iteration, and
//! therefore output, is deterministic.

use std::collections::BTreeMap;

use time::{Date, OffsetDateTime};

use crate::config::SiteConfig;
use crate::vocab::{Category, Format, Level, Region, ResourceKind};

/// A Markdown body and where it starts in its file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    /// The Markdown text (shared with the record as it was read).
    pub markdown: std::sync::Arc<str>,
    /// The file line it starts on.
    pub first_line: usize,
    /// Where its top-level blocks (paragraphs, headings, lists...), the
    /// units of translation, are in `markdown`, without surrounding
    /// whitespace; [`Body::blocks`] gives their text.
    pub block_spans: Vec<std::ops::Range<usize>>,
    /// The ids of its headings, which links may point to.
    pub anchors: std::collections::BTreeSet<String>,
    /// Its highest heading level (1 for `#`), which pages shift to their own level.
    /// A translation merged into its source keeps the source's (its headings follow the source's).
    pub highest_heading: u8,
    /// The id of each top-level block that is a heading (a translation keeps the source's).
    pub block_ids: Vec<Option<String>>,
    /// Its HTML, block by block, as the check stage wrote it while reading
    /// the Markdown; `None` when the Markdown was put together from blocks
    /// of text alone, and pages parse it again.
    pub html: Option<std::sync::Arc<crate::content::html::BodyHtml>>,
}

impl Body {
    /// Its top-level blocks' Markdown, in order.
    pub fn blocks(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.block_spans
            .iter()
            .map(|span| self.markdown.get(span.clone()).unwrap_or_default())
    }

    /// Its words for the search index: the text of its HTML, or of its
    /// Markdown when it has none written.
    pub fn search_text(&self) -> String {
        match &self.html {
            Some(html) => html.text(),
            None => crate::content::markdown::plain_text(&self.markdown),
        }
    }

    /// Makes `blocks`, one after another with a blank line between, its Markdown.
    pub fn set_blocks<S: AsRef<str>>(&mut self, blocks: &[S]) {
        let mut markdown = String::new();
        self.block_spans.clear();
        for block in blocks {
            if !markdown.is_empty() {
                markdown.push_str("\n\n");
            }
            let start = markdown.len();
            markdown.push_str(block.as_ref());
            self.block_spans.push(start..markdown.len());
        }
        self.markdown = markdown.into();
        self.html = None;
    }
}

/// Whether a block of a translated page is translated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockState {
    /// Translated, from the current source text.
    Translated,
    /// Translated, but the source changed since.
    Outdated,
    /// Not translated: the source text is shown.
    Untranslated,
}

/// How far a translation has got.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    /// State of each block, by role (`title`, `summary`, `takeaway-1`, `body-3`...).
    pub blocks: BTreeMap<String, BlockState>,
    /// Blocks that count towards completeness.
    pub counted: usize,
    /// Of those, how many are translated (outdated ones included).
    pub translated: usize,
    /// How many translated blocks are outdated.
    pub outdated: usize,
    /// True when the translation records digests of its source (`tandem translations --stamp`).
    pub stamped: bool,
}

impl Status {
    /// Percentage of the source's blocks that are translated, rounded down.
    pub fn percent(&self) -> u32 {
        (self.translated * 100)
            .checked_div(self.counted)
            .map_or(100, |p| p as u32)
    }

    /// The state of a block; a block the status doesn't know is untranslated.
    pub fn state(&self, role: &str) -> BlockState {
        self.blocks
            .get(role)
            .copied()
            .unwrap_or(BlockState::Untranslated)
    }
}

/// A record's text in one other language: merged with the source block by
/// block (untranslated blocks hold the source text), with its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translated<T> {
    /// The translation's file.
    pub path: String,
    /// The text to show.
    pub text: T,
    /// Which blocks are translated, outdated or not.
    pub status: Status,
}

/// Text of a record in its source language and in every translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Localized<T> {
    /// The source file's language (the site's default language).
    pub source_lang: String,
    /// The source text.
    pub source: T,
    /// Translations by language. Boxed: a map's node holds room for eleven
    /// values, and moving thousands of merged texts into fresh nodes was a
    /// serial tenth of a second on a large site.
    pub translations: BTreeMap<String, Box<Translated<T>>>,
}

impl<T> Localized<T> {
    /// Text with no translations.
    pub fn new(source_lang: impl Into<String>, source: T) -> Self {
        Localized {
            source_lang: source_lang.into(),
            source,
            translations: BTreeMap::new(),
        }
    }

    /// The text in `lang`, or the source text; the language actually used comes with it.
    pub fn get(&self, lang: &str) -> (&str, &T) {
        match self.translations.get_key_value(lang) {
            Some((lang, t)) => (lang.as_str(), &t.text),
            None => (&self.source_lang, &self.source),
        }
    }

    /// The translation into `lang`, if there is one.
    pub fn translation(&self, lang: &str) -> Option<&Translated<T>> {
        self.translations.get(lang).map(|t| &**t)
    }
}

/// A clinic's bite-size summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The summary, as plain text.
    pub text: String,
    /// True when no summary was written and this one was cut from the body.
    pub derived: bool,
}

/// A clinic's translatable text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClinicText {
    /// The title.
    pub title: String,
    /// The bite-size summary.
    pub summary: Summary,
    /// Key learnings.
    pub takeaways: Vec<String>,
    /// One label per resource, in the order of [`Clinic::resources`].
    pub resource_labels: Vec<String>,
    /// The session's account.
    pub body: Body,
}

/// A recording, deck or document of a clinic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    /// What it is.
    pub kind: ResourceKind,
    /// `https://…` or a site-relative path.
    pub url: String,
    /// Its language.
    pub lang: Option<String>,
    /// The part worth watching, in seconds from the start.
    pub clip: Option<Clip>,
    /// A recording's chapters, in order.
    pub chapters: Vec<Chapter>,
}

/// A part of a recording: from `start` to `end` (the end when `None`), in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clip {
    /// Seconds from the start of the recording.
    pub start: u32,
    /// Seconds from the start of the recording; after `start`.
    pub end: Option<u32>,
}

/// One chapter of a recording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    /// Seconds from the start of the recording.
    pub at: u32,
    /// What it is about, in the clinic's source language.
    pub title: String,
}

/// A learning clinic, connectathon, circle or workshop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clinic {
    /// From the file name.
    pub slug: String,
    /// The source file.
    pub path: String,
    /// When it starts, with the offset the editor wrote.
    pub date: OffsetDateTime,
    /// Length in minutes.
    pub duration: u32,
    /// What kind of session.
    pub format: Format,
    /// Who it is for; empty for older, untagged clinics.
    pub levels: Vec<Level>,
    /// Topic slugs, all existing.
    pub topics: Vec<String>,
    /// Sharer slugs, all existing.
    pub sharers: Vec<String>,
    /// Where it was organised from.
    pub region: Option<Region>,
    /// Languages it was held or interpreted in.
    pub languages: Vec<String>,
    /// Recordings and decks.
    pub resources: Vec<Resource>,
    /// Where to join it online (`https://…`).
    pub join: Option<String>,
    /// A series name.
    pub series: Option<String>,
    /// Title, summary, takeaways, labels and body, per language.
    pub text: Localized<ClinicText>,
}

/// A link on a sharer's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// What the link says.
    pub label: String,
    /// Where it goes.
    pub url: String,
}

/// A sharer's translatable text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharerText {
    /// Their role in the programme.
    pub role: Option<String>,
    /// A short bio.
    pub body: Body,
}

/// A person or affiliate who shares knowledge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sharer {
    /// From the file name.
    pub slug: String,
    /// The source file.
    pub path: String,
    /// Their name (names are not translated).
    pub name: String,
    /// Their affiliate.
    pub affiliation: Option<String>,
    /// Their region.
    pub region: Option<Region>,
    /// Their country.
    pub country: Option<String>,
    /// Languages they share in.
    pub languages: Vec<String>,
    /// Topic slugs, all existing.
    pub skills: Vec<String>,
    /// Profile links.
    pub links: Vec<Link>,
    /// Their Meta-Wiki user name, as written (spaces or underscores).
    pub wiki_user: Option<String>,
    /// Role and bio, per language.
    pub text: Localized<SharerText>,
}

/// A topic's translatable text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicText {
    /// The title.
    pub title: String,
    /// One or two sentences.
    pub description: Option<String>,
    /// More about the topic.
    pub body: Body,
}

/// A skill in the taxonomy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    /// From the file name; the same in every language.
    pub slug: String,
    /// The source file.
    pub path: String,
    /// Its category.
    pub category: Category,
    /// Title and description, per language.
    pub text: Localized<TopicText>,
}

/// A newsletter issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// From the file name.
    pub slug: String,
    /// The source file.
    pub path: String,
    /// Its number, unique.
    pub number: u32,
    /// Publication date.
    pub date: Option<Date>,
    /// Featured clinic slugs, all existing.
    pub clinics: Vec<String>,
    /// Title, summary and body, per language.
    pub text: Localized<TitledText>,
}

/// The translatable text of a newsletter issue or a free page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitledText {
    /// The title.
    pub title: String,
    /// One or two sentences.
    pub summary: Option<String>,
    /// The page.
    pub body: Body,
}

/// A free page (about, culture, join...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// From the file name; also its URL.
    pub slug: String,
    /// The source file.
    pub path: String,
    /// Position in the main navigation.
    pub menu: Option<i64>,
    /// Shows the site's registration link under its title.
    pub registration: bool,
    /// Title, summary and body, per language.
    pub text: Localized<TitledText>,
}

/// The whole site, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// Settings.
    pub config: SiteConfig,
    /// Clinics, by date then slug.
    pub clinics: Vec<Clinic>,
    /// Sharers, by slug.
    pub sharers: Vec<Sharer>,
    /// Topics, by category then slug.
    pub topics: Vec<Topic>,
    /// Newsletter issues, newest (highest number) first.
    pub issues: Vec<Issue>,
    /// Free pages, by menu position then slug.
    pub pages: Vec<Page>,
}

mod records;
pub use records::{AnyRecord, Record, SlugIndex, TranslationRow};
