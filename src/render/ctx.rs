//! [`Ctx`], what every builder of a page of one language reads: the site as
//! read in that language ([`View`], reached through `Deref`), the theme,
//! the interface strings as templates get them, and the language's caches.

use time::Date;

use crate::content::markdown;
use crate::edition::urls::{self, Route};
use crate::edition::{Edition, View};
use crate::site::Clinic;

use super::caches::{CardCache, LayoutCache, SharedPages};
use super::text::Text;

/// Everything a page of one language needs to build views: the site as
/// read in that language (its fields and methods are reached through
/// `Deref`), and what only pages need.
pub struct Ctx<'a> {
    /// The site in this language: its links, strings, dates and relations.
    pub view: View<'a>,
    /// The interface strings as templates get them.
    pub interface: &'a super::text::Interface,
    /// The build date, which splits upcoming from past sessions.
    pub today: Date,
    /// Every language of this build, the root language first.
    pub editions: &'a [Edition],
    /// For a mirror: the main site, which canonical links point to.
    pub main_site: Option<&'a MainSite>,
    /// Output path of this language's search manifest.
    pub search_manifest: Option<&'a str>,
    /// The version of this build's search files and service worker.
    pub search_version: &'a str,
    /// Clinic cards already made in this language.
    pub cards: CardCache,
    /// The theme: its templates, and the output paths of its scripts.
    pub theme: &'a super::theme::Theme,
    /// Clinic contexts made for a page and waiting for its summary, or the reverse.
    pub clinic_pages: SharedPages,
    /// What every page's layout shares, once made.
    pub layout: LayoutCache,
}

impl<'a> std::ops::Deref for Ctx<'a> {
    type Target = View<'a>;

    fn deref(&self) -> &View<'a> {
        &self.view
    }
}

impl Ctx<'_> {
    /// Frees this context's caches, many small values (on 10k × 2, 25 ms a
    /// language), on a thread of their own: the next language renders
    /// meanwhile, and after the last nothing waits for them. Should no
    /// thread be available, they are freed here.
    pub fn free_caches_elsewhere(self) {
        let caches = (self.cards, self.clinic_pages, self.layout);
        let _ = std::thread::Builder::new().spawn(move || drop(caches));
    }
}

/// The main site a mirror points its canonical links at.
#[derive(Debug, Clone)]
pub struct MainSite {
    /// The main site's address.
    pub base_url: crate::config::BaseUrl,
    /// The main site's root language.
    pub default_language: String,
}

impl MainSite {
    /// The main site's URL of `route` in `lang`.
    pub fn url(&self, lang: &str, route: &Route) -> String {
        let prefix = if lang == self.default_language {
            String::new()
        } else {
            format!("{lang}/")
        };
        self.base_url
            .absolute(&format!("{prefix}{}", route.as_str()))
    }
}

impl<'a> Ctx<'a> {
    /// A piece of a page made once and written by many (a clinic card, the
    /// navigation): the theme's `template` rendered with `values` and the
    /// interface strings (`t`), as text a template writes unescaped.
    pub fn fragment(
        &self,
        template: &str,
        values: impl IntoIterator<Item = (&'static str, tera::Value)>,
    ) -> Result<tera::Value, tera::Error> {
        let mut context = tera::Context::new();
        for (name, value) in values {
            context.insert_value(name, value);
        }
        context.insert_value("t", self.interface.marked.clone());
        context.insert_value("plain", self.interface.plain.clone());
        let html = self.theme.fragment(template, &context)?;
        Ok(tera::Value::safe_string(&html))
    }

    /// The interface string `key` as a page shows it: marked as English
    /// when this language lacks it.
    pub fn text(&self, key: &str) -> Text {
        self.marked(key, self.t(key))
    }

    /// `text`, made from the interface string `key`, marked as English
    /// when this language lacks `key`.
    pub fn marked(&self, key: &str, text: String) -> Text {
        super::text::interface_text(self.strings, key, text)
    }

    /// The plural string `key` for `n`, as a page shows it.
    pub fn plural_text(&self, key: &str, n: usize) -> Text {
        self.marked(key, self.strings.plural(key, n))
    }

    /// Record text written in `lang`, as a page of this language shows it.
    pub fn record_text(&self, text: &str, lang: &str) -> Text {
        Text::in_language(text, lang, self.lang)
    }

    /// A record body as sanitised HTML, with `@/` links resolved in this
    /// language; its highest headings become `<h{top}>`.
    pub fn body_html(&self, markdown_text: &str, top: u8) -> String {
        markdown::to_html(markdown_text, self, top)
    }

    /// True when a session has not started by the build date.
    pub fn is_upcoming(&self, clinic: &Clinic) -> bool {
        crate::edition::dates::utc(clinic.date).date() >= self.today
    }
}

impl markdown::LinkResolver for Ctx<'_> {
    fn record(&self, link: &markdown::InternalLink) -> Option<String> {
        let section = crate::content::Section::from_folder(&link.folder)?;
        let url = self.url(&urls::record(section, &link.slug));
        Some(match &link.anchor {
            Some(anchor) => format!("{url}#{anchor}"),
            None => url,
        })
    }

    fn site_path(&self, path: &str) -> String {
        self.url(&Route::new(path.trim_start_matches('/')))
    }
}
