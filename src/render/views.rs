//! Typed, template-ready views of records: cards, badges, links.
//!
//! Templates never see the domain model: they get these small structs with
//! every label translated, every URL built and every date formatted, so a
//! template is layout only and can't produce a broken link or a blank label.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::Serialize;
use time::Date;

use crate::content::markdown;
use crate::i18n::Strings;
use crate::site::{Clinic, Sharer, Site, Topic};
use crate::vocab::{self, Level};

use super::dates::DateFormat;
use super::text::Text;
use super::urls::{self, Route, Urls};

pub use super::cards::{
    CardCache, CardHeading, ClinicCard, IssueCard, card, card_value, clinic_cards, issue_card,
};

/// Everything a page of one language needs to build views.
pub struct Ctx<'a> {
    /// The site.
    pub site: &'a Site,
    /// Links in this language.
    pub urls: &'a Urls,
    /// Interface strings in this language.
    pub strings: &'a Strings,
    /// The same as templates get them.
    pub interface: &'a super::text::Interface,
    /// How this language writes dates.
    pub dates: &'a DateFormat,
    /// This language.
    pub lang: &'a str,
    /// The build date, which splits upcoming from past sessions.
    pub today: Date,
    /// Precomputed links between records.
    pub relations: &'a Relations,
    /// Every language of this build, the root language first.
    pub editions: &'a [Edition],
    /// For a mirror: the main site, which canonical links point to.
    pub main_site: Option<&'a MainSite>,
    /// Output path of this language's search manifest.
    pub search_manifest: Option<&'a str>,
    /// The version of this build's search files and service worker.
    pub search_version: Option<&'a str>,
    /// Clinic cards already made in this language.
    pub cards: CardCache,
    /// The theme: its templates, and the output paths of its scripts.
    pub theme: &'a super::theme::Theme,
    /// Clinic contexts made for a page and waiting for its summary, or the reverse.
    pub clinic_pages: super::clinic::SharedPages,
    /// What every page's layout shares, once made.
    pub layout: super::layout::Shared,
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

/// One language of a build.
#[derive(Debug, Clone)]
pub struct Edition {
    /// Its code.
    pub lang: String,
    /// Its links.
    pub urls: Urls,
    /// How complete its interface strings are (the state of pages that are not records).
    pub strings_state: PageState,
    /// How many interface strings fall back to English.
    pub strings_missing: usize,
    /// How many interface strings there are.
    pub strings_total: usize,
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

/// The state of a record's text in `lang`.
pub fn text_state<T>(text: &crate::site::Localized<T>, lang: &str) -> PageState {
    if lang == text.source_lang {
        return PageState::Complete;
    }
    match text.translation(lang) {
        Some(t) if t.status.percent() == 100 && t.status.outdated == 0 => PageState::Complete,
        Some(_) => PageState::Partial,
        None => PageState::Fallback,
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

    /// A link to `route` in this language.
    pub fn url(&self, route: &Route) -> String {
        self.urls.url(route)
    }

    /// A record body as sanitised HTML, with `@/` links resolved in this
    /// language; its highest headings become `<h{top}>`.
    pub fn body_html(&self, markdown_text: &str, top: u8) -> String {
        markdown::to_html(markdown_text, self, top)
    }

    /// True when a session has not started by the build date.
    pub fn is_upcoming(&self, clinic: &Clinic) -> bool {
        super::dates::utc(clinic.date).date() >= self.today
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

/// Who links to whom, computed once per build (indexes into the site's lists).
/// Lists of clinics are in reading order: upcoming sessions first (soonest
/// first), then past ones (latest first).
#[derive(Debug, Default)]
pub struct Relations {
    /// Every clinic, for the calendar.
    pub calendar: Vec<usize>,
    /// Level → clinics tagged with it.
    pub clinics_by_level: BTreeMap<Level, Vec<usize>>,
    /// Sharer slug → clinics naming them.
    pub clinics_by_sharer: BTreeMap<String, Vec<usize>>,
    /// Topic slug → clinics on it.
    pub clinics_by_topic: BTreeMap<String, Vec<usize>>,
    /// Topic slug → sharers who list it as a skill.
    pub sharers_by_topic: BTreeMap<String, Vec<usize>>,
    /// How many of the first clinics of `calendar` are upcoming.
    pub upcoming: usize,
    /// Sharer slug → position in the site's sharers: every clinic page,
    /// card and search document names a few, and searching the list for
    /// each was about 1 % of a build.
    pub sharer_positions: FxHashMap<String, usize>,
    /// Topic slug → position in the site's topics.
    pub topic_positions: FxHashMap<String, usize>,
}

impl Relations {
    /// Builds the indexes; `today` splits upcoming from past sessions.
    pub fn new(site: &Site, today: Date) -> Self {
        let is_upcoming = |i: usize| super::dates::utc(site.clinics[i].date).date() >= today;
        let mut calendar: Vec<usize> = (0..site.clinics.len())
            .filter(|&i| is_upcoming(i))
            .collect();
        let upcoming = calendar.len();
        calendar.extend((0..site.clinics.len()).rev().filter(|&i| !is_upcoming(i)));
        let mut relations = Relations {
            upcoming,
            sharer_positions: positions(site.sharers.iter().map(|s| &s.slug)),
            topic_positions: positions(site.topics.iter().map(|t| &t.slug)),
            ..Relations::default()
        };
        for &index in &calendar {
            let clinic = &site.clinics[index];
            for level in &clinic.levels {
                relations
                    .clinics_by_level
                    .entry(*level)
                    .or_default()
                    .push(index);
            }
            for slug in &clinic.sharers {
                relations
                    .clinics_by_sharer
                    .entry(slug.clone())
                    .or_default()
                    .push(index);
            }
            for slug in &clinic.topics {
                relations
                    .clinics_by_topic
                    .entry(slug.clone())
                    .or_default()
                    .push(index);
            }
        }
        for (index, sharer) in site.sharers.iter().enumerate() {
            for slug in &sharer.skills {
                relations
                    .sharers_by_topic
                    .entry(slug.clone())
                    .or_default()
                    .push(index);
            }
        }
        relations.calendar = calendar;
        relations
    }
}

/// Each slug with its position in the list.
fn positions<'s>(slugs: impl Iterator<Item = &'s String>) -> FxHashMap<String, usize> {
    slugs
        .enumerate()
        .map(|(i, slug)| (slug.clone(), i))
        .collect()
}

/// How many clinic cards a list page shows.
pub const PAGE_SIZE: usize = 24;

/// How many pages a list of `n` cards takes (at least one).
pub fn page_count(n: usize) -> usize {
    n.div_ceil(PAGE_SIZE).max(1)
}

/// The `page`-th slice (0-based) of a list.
pub fn page_of(list: &[usize], page: usize) -> &[usize] {
    let start = (page * PAGE_SIZE).min(list.len());
    &list[start..(start + PAGE_SIZE).min(list.len())]
}

/// Links between the pages of a paginated list.
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    /// `Page 2 of 5`, for the navigation's name.
    pub name: String,
    /// `Page 2 of 5`, as the page shows it.
    pub label: Text,
    /// `Previous`.
    pub label_previous: Text,
    /// `Next`.
    pub label_next: Text,
    /// The previous page.
    pub previous: Option<String>,
    /// The next page.
    pub next: Option<String>,
}

/// The pager of page `page` (0-based) of `count` pages of `route`; `None` for a single page.
pub fn pager(ctx: &Ctx, route: &Route, page: usize, count: usize) -> Option<Pager> {
    (count > 1).then(|| {
        let label = super::translated::sentence(
            ctx,
            "pager_label",
            &[
                ("current", Text::same((page + 1).to_string())),
                ("total", Text::same(count.to_string())),
            ],
        );
        Pager {
            name: label.plain().to_string(),
            label,
            label_previous: ctx.text("pager_previous"),
            label_next: ctx.text("pager_next"),
            previous: (page > 0).then(|| ctx.url(&urls::paged(route, page - 1))),
            next: (page + 1 < count).then(|| ctx.url(&urls::paged(route, page + 1))),
        }
    })
}

/// A label and where it leads.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// What the link says.
    pub label: Text,
    /// Where it goes.
    pub url: String,
}

/// A level badge.
#[derive(Debug, Clone, Serialize)]
pub struct Badge {
    /// `newcomer` or `experienced` (for styling).
    pub level: &'static str,
    /// The translated label.
    pub label: Text,
    /// The level's page.
    pub url: String,
}

/// Level badges of a clinic.
pub fn badges(ctx: &Ctx, levels: &[Level]) -> Vec<Badge> {
    levels
        .iter()
        .map(|l| Badge {
            level: l.as_str(),
            label: ctx.text(&format!("level_{l}")),
            url: ctx.url(&urls::level(*l)),
        })
        .collect()
}

/// Links to topics by slug, with their titles in this language.
pub fn topic_links(ctx: &Ctx, slugs: &[String]) -> Vec<LinkView> {
    slugs
        .iter()
        .filter_map(|slug| ctx.topic(slug))
        .map(|t| LinkView {
            label: topic_title(ctx, t),
            url: ctx.url(&urls::topic(&t.slug)),
        })
        .collect()
}

/// A topic's title in this language, or marked with its source's.
pub fn topic_title(ctx: &Ctx, topic: &Topic) -> Text {
    let title = &topic.text.get(ctx.lang).1.title;
    super::translated::in_its_language(ctx, &topic.text, "title", title)
}

/// A sharer's name, marked with the language of the sharer's record when
/// that is not the page's.
pub fn sharer_name(ctx: &Ctx, sharer: &Sharer) -> Text {
    ctx.record_text(&sharer.name, &sharer.text.source_lang)
}

/// Links to sharers by slug.
pub fn sharer_links(ctx: &Ctx, slugs: &[String]) -> Vec<LinkView> {
    slugs
        .iter()
        .filter_map(|slug| ctx.sharer(slug))
        .map(|s| LinkView {
            label: sharer_name(ctx, s),
            url: ctx.url(&urls::sharer(&s.slug)),
        })
        .collect()
}

/// A label and a value, for the facts lists of clinics and sharers.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    /// What it is.
    pub label: Text,
    /// Its value.
    pub value: Text,
}

/// A fact, when there is a value.
pub fn fact(ctx: &Ctx, key: &str, value: Option<Text>) -> Option<Fact> {
    value.filter(|v| !v.plain().is_empty()).map(|value| Fact {
        label: ctx.text(key),
        value,
    })
}

/// A region's translated name.
pub fn region_name(ctx: &Ctx, region: Option<vocab::Region>) -> Option<Text> {
    region.map(|r| ctx.text(&format!("region_{}", r.as_str().replace('-', "_"))))
}

/// The names of `languages`, each in its own language, as a list.
pub fn language_names(ctx: &Ctx, languages: &[String]) -> Text {
    let names: Vec<Text> = languages
        .iter()
        .map(|l| super::text::autonym(l, ctx.lang))
        .collect();
    Text::join(&names, &ctx.t("list_separator"))
}
