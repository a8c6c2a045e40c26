//! Typed, template-ready views of records: cards, badges, links.
//!
//! Templates never see the domain model: they get these small structs with
//! every label translated, every URL built and every date formatted, so a
//! template is layout only and can't produce a broken link or a blank label.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use serde::Serialize;
use time::Date;

use crate::content::markdown;
use crate::i18n::Strings;
use crate::site::{Clinic, Issue, Sharer, Site, Topic};
use crate::vocab::{self, Level};

use super::dates::{self, DateFormat};
use super::urls::{self, Route, Urls};

/// Everything a page of one language needs to build views.
pub struct Ctx<'a> {
    /// The site.
    pub site: &'a Site,
    /// Links in this language.
    pub urls: &'a Urls,
    /// Interface strings in this language.
    pub strings: &'a Strings,
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
        context.insert_value("t", self.strings.context().clone());
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

    /// The interface string `key`.
    pub fn t(&self, key: &str) -> String {
        self.strings.get(key).to_string()
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
    /// `Page 2 of 5`.
    pub label: String,
    /// `Previous`.
    pub label_previous: String,
    /// `Next`.
    pub label_next: String,
    /// The previous page.
    pub previous: Option<String>,
    /// The next page.
    pub next: Option<String>,
}

/// The pager of page `page` (0-based) of `count` pages of `route`; `None` for a single page.
pub fn pager(ctx: &Ctx, route: &Route, page: usize, count: usize) -> Option<Pager> {
    (count > 1).then(|| Pager {
        label: ctx
            .t("pager_label")
            .replace("{current}", &(page + 1).to_string())
            .replace("{total}", &count.to_string()),
        label_previous: ctx.t("pager_previous"),
        label_next: ctx.t("pager_next"),
        previous: (page > 0).then(|| ctx.url(&urls::paged(route, page - 1))),
        next: (page + 1 < count).then(|| ctx.url(&urls::paged(route, page + 1))),
    })
}

/// A label and where it leads.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// What the link says.
    pub label: String,
    /// Where it goes.
    pub url: String,
}

/// A level badge.
#[derive(Debug, Clone, Serialize)]
pub struct Badge {
    /// `newcomer` or `experienced` (for styling).
    pub level: &'static str,
    /// The translated label.
    pub label: String,
    /// The level's page.
    pub url: String,
}

/// Level badges of a clinic.
pub fn badges(ctx: &Ctx, levels: &[Level]) -> Vec<Badge> {
    levels
        .iter()
        .map(|l| Badge {
            level: l.as_str(),
            label: ctx.t(&format!("level_{l}")),
            url: ctx.url(&urls::level(*l)),
        })
        .collect()
}

/// A clinic in a list.
#[derive(Debug, Clone, Serialize)]
pub struct ClinicCard {
    /// Its title, in this language or the source's.
    pub title: String,
    /// The language of the title and summary, when it is not the page's (an untranslated card).
    pub lang: Option<String>,
    /// That language's direction.
    pub dir: Option<&'static str>,
    /// Its page.
    pub url: String,
    /// Date and time, formatted.
    pub when: String,
    /// Start, ISO 8601 in UTC.
    pub when_iso: String,
    /// Learning Clinic, Connectathon...
    pub format: String,
    /// Level badges.
    pub levels: Vec<Badge>,
    /// The bite-size summary.
    pub summary: String,
    /// "Add to calendar", while the session is upcoming.
    pub event: Option<LinkView>,
}

/// Builds a clinic's card.
fn clinic_card(ctx: &Ctx, clinic: &Clinic) -> ClinicCard {
    let (lang, text) = clinic.text.get(ctx.lang);
    ClinicCard {
        title: text.title.clone(),
        lang: (lang != ctx.lang).then(|| lang.to_string()),
        dir: (lang != ctx.lang).then_some(if vocab::is_right_to_left(lang) {
            "rtl"
        } else {
            "ltr"
        }),
        url: ctx.url(&urls::clinic(&clinic.slug)),
        when: ctx.dates.session(ctx.strings, clinic.date, clinic.duration),
        when_iso: dates::iso_utc(clinic.date),
        format: ctx.t(&format!("format_{}", clinic.format)),
        levels: badges(ctx, &clinic.levels),
        summary: text.summary.text.clone(),
        event: ctx.is_upcoming(clinic).then(|| LinkView {
            url: ctx.url(&urls::clinic_event(&clinic.slug)),
            label: ctx.t("clinic_add_to_calendar"),
        }),
    }
}

/// How deep a clinic card's heading sits in its page: in a list under one of
/// the page's sections (`<h3>`), or under a year within one (`<h4>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardHeading {
    /// `<h3>`.
    Three,
    /// `<h4>`.
    Four,
}

impl CardHeading {
    fn level(self) -> u8 {
        match self {
            CardHeading::Three => 3,
            CardHeading::Four => 4,
        }
    }
}

/// Each clinic's card as template values, made the first time a page of
/// this language shows it: a clinic is on several list pages, and a copy of
/// a value is a reference count.
pub struct CardCache(Vec<CachedCard>);

/// One clinic's card, once made.
#[derive(Default)]
struct CachedCard {
    /// The card, which its page shows too.
    card: OnceLock<ClinicCard>,
    /// Its fields as a template value.
    fields: OnceLock<tera::Value>,
    /// The fields and `html`, by [`CardHeading`].
    listed: [OnceLock<tera::Value>; 2],
}

impl CardCache {
    /// An empty cache for `clinics` clinics.
    pub fn new(clinics: usize) -> Self {
        CardCache((0..clinics).map(|_| CachedCard::default()).collect())
    }
}

/// The card of clinic `index` under a heading of `heading`'s level, as a
/// template value: the fields of [`ClinicCard`], and `html`, the theme's
/// `card.html` rendered with them once. A card is on about seven lists
/// per language; rendering it once per level instead (one render on its
/// own costs about 1.4 of one inside a list's loop) saved 1 % of a
/// build's instructions (1k × 2).
pub fn card_value(
    ctx: &Ctx,
    index: usize,
    heading: CardHeading,
) -> Result<tera::Value, tera::Error> {
    let cached = &ctx.cards.0[index];
    let slot = &cached.listed[heading as usize];
    if let Some(card) = slot.get() {
        return Ok(card.clone());
    }
    let fields = cached
        .fields
        .get_or_init(|| tera::Value::from_serializable(card(ctx, index)));
    // Two threads may make the same card at once; they make the same value.
    let card = listed_card(ctx, fields, heading)?;
    Ok(slot.get_or_init(|| card).clone())
}

/// Clinic `index`'s card, made once per language (its dates are formatted
/// through ICU) for its page and every list that shows it.
pub fn card<'c>(ctx: &'c Ctx, index: usize) -> &'c ClinicCard {
    ctx.cards.0[index]
        .card
        .get_or_init(|| clinic_card(ctx, &ctx.site.clinics[index]))
}

/// `fields` with `html`, the theme's card made from them.
fn listed_card(
    ctx: &Ctx,
    fields: &tera::Value,
    heading: CardHeading,
) -> Result<tera::Value, tera::Error> {
    let html = ctx.fragment(
        "card.html",
        [("c", fields.clone()), ("h", heading.level().into())],
    )?;
    let mut card = fields.as_map().cloned().unwrap_or_default();
    card.insert("html".into(), html);
    Ok(tera::Value::from(card))
}

/// Cards for clinics given by index, in the given order.
pub fn clinic_cards(
    ctx: &Ctx,
    indexes: &[usize],
    heading: CardHeading,
) -> Result<Vec<tera::Value>, tera::Error> {
    indexes
        .iter()
        .map(|&i| card_value(ctx, i, heading))
        .collect()
}

/// A newsletter issue in a list.
#[derive(Debug, Clone, Serialize)]
pub struct IssueCard {
    /// Its title.
    pub title: String,
    /// Its number.
    pub number: u32,
    /// Its page.
    pub url: String,
    /// Publication date, formatted.
    pub date: Option<String>,
    /// Publication date, ISO.
    pub date_iso: Option<String>,
    /// One or two sentences.
    pub summary: Option<String>,
}

/// Builds an issue's card.
pub fn issue_card(ctx: &Ctx, issue: &Issue) -> IssueCard {
    let (_, text) = issue.text.get(ctx.lang);
    IssueCard {
        title: text.title.clone(),
        number: issue.number,
        url: ctx.url(&urls::issue(&issue.slug)),
        date: issue.date.map(|d| ctx.dates.date(d)),
        date_iso: issue.date.map(dates::iso_date),
        summary: text.summary.clone(),
    }
}

/// Links to topics by slug, with their titles in this language.
pub fn topic_links(ctx: &Ctx, slugs: &[String]) -> Vec<LinkView> {
    slugs
        .iter()
        .filter_map(|slug| ctx.topic(slug))
        .map(|t| LinkView {
            label: t.text.get(ctx.lang).1.title.clone(),
            url: ctx.url(&urls::topic(&t.slug)),
        })
        .collect()
}

/// Links to sharers by slug.
pub fn sharer_links(ctx: &Ctx, slugs: &[String]) -> Vec<LinkView> {
    slugs
        .iter()
        .filter_map(|slug| ctx.sharer(slug))
        .map(|s| LinkView {
            label: s.name.clone(),
            url: ctx.url(&urls::sharer(&s.slug)),
        })
        .collect()
}

/// A label and a value, for the facts lists of clinics and sharers.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    /// What it is.
    pub label: String,
    /// Its value.
    pub value: String,
}

/// A fact, when there is a value.
pub fn fact(ctx: &Ctx, key: &str, value: Option<String>) -> Option<Fact> {
    value.filter(|v| !v.is_empty()).map(|value| Fact {
        label: ctx.t(key),
        value,
    })
}

/// A region's translated name.
pub fn region_name(ctx: &Ctx, region: Option<vocab::Region>) -> Option<String> {
    region.map(|r| ctx.t(&format!("region_{}", r.as_str().replace('-', "_"))))
}
