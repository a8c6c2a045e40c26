//! What the index and render stages share about a build: its languages
//! ([`Edition`]: each one's links, interface strings and date format), the
//! links between records ([`Relations`]), and the site as read in one
//! language ([`View`]). A leaf: it knows the checked site, never a stage.

pub mod dates;
mod relations;
pub mod urls;

use std::path::Path;

use serde::Serialize;

use crate::config::BaseUrl;
use crate::diagnostic::Diagnostic;
use crate::i18n::{self, Strings};
use crate::site::{Sharer, Site, Topic};
use dates::DateFormat;
pub use relations::Relations;
use urls::{Route, Urls};

/// One language of a build.
pub struct Edition {
    /// Its code.
    pub lang: String,
    /// Its links.
    pub urls: Urls,
    /// Its interface strings.
    pub strings: Strings,
    /// How it writes dates.
    pub dates: DateFormat,
    /// How complete its interface strings are (the state of pages that are not records).
    pub strings_state: PageState,
    /// How many interface strings fall back to English.
    pub strings_missing: usize,
    /// How many interface strings there are.
    pub strings_total: usize,
}

/// How well a page exists in a language, as the language switcher says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageState {
    /// Everything is translated and current.
    Complete,
    /// Some of it is translated, or some of it is outdated.
    Partial,
    /// Nothing is translated: the source language is shown.
    Fallback,
}

/// Every language of a build, `languages[0]` at the root of `base_url` and
/// each other under `<lang>/`, with its strings read from `root`'s `i18n/`.
pub fn load(
    root: &Path,
    base_url: &BaseUrl,
    languages: &[String],
) -> Result<Vec<Edition>, Diagnostic> {
    languages
        .iter()
        .enumerate()
        .map(|(i, lang)| {
            let strings = i18n::load(root, lang)?;
            let prefix = if i == 0 {
                String::new()
            } else {
                format!("{lang}/")
            };
            Ok(Edition {
                lang: lang.clone(),
                urls: Urls::new(base_url.clone(), prefix),
                dates: DateFormat::new(lang),
                strings_state: if strings.missing.is_empty() {
                    PageState::Complete
                } else {
                    PageState::Partial
                },
                strings_missing: strings.missing.len(),
                strings_total: strings.total(),
                strings,
            })
        })
        .collect()
}

/// The site as read in one language of a build: what a search document and
/// a page both need.
#[derive(Clone, Copy)]
pub struct View<'a> {
    /// The site.
    pub site: &'a Site,
    /// This language.
    pub lang: &'a str,
    /// Links in this language.
    pub urls: &'a Urls,
    /// Interface strings in this language.
    pub strings: &'a Strings,
    /// How this language writes dates.
    pub dates: &'a DateFormat,
    /// Precomputed links between records.
    pub relations: &'a Relations,
}

impl<'a> View<'a> {
    /// The site in the language of `edition`.
    pub fn new(site: &'a Site, edition: &'a Edition, relations: &'a Relations) -> Self {
        View {
            site,
            lang: &edition.lang,
            urls: &edition.urls,
            strings: &edition.strings,
            dates: &edition.dates,
            relations,
        }
    }

    /// The sharer with this slug.
    pub fn sharer(&self, slug: &str) -> Option<&'a Sharer> {
        let at = *self.relations.sharer_positions.get(slug)?;
        self.site.sharers.get(at)
    }

    /// The topic with this slug.
    pub fn topic(&self, slug: &str) -> Option<&'a Topic> {
        let at = *self.relations.topic_positions.get(slug)?;
        self.site.topics.get(at)
    }

    /// The interface string `key`, as text (for a title, an attribute, a
    /// search document).
    pub fn t(&self, key: &str) -> String {
        self.strings.get(key).to_string()
    }

    /// A link to `route` in this language.
    pub fn url(&self, route: &Route) -> String {
        self.urls.url(route)
    }
}
