//! The `layout` every page's template receives: language and direction,
//! title, links to the stylesheet and feeds, the main navigation, the page
//! in every language of the build, breadcrumbs and the translation notice.
//!
//! What is the same on every page of a language (the navigation, the links
//! to assets and feeds) is made into template values once per language
//! ([`super::caches::LayoutCache`]); a page copies reference counts to them and makes only
//! its own parts.

use std::sync::{Mutex, PoisonError};

use serde::Serialize;

use crate::vocab::{self, Level};

use super::caches::{Fixed, Nav};
use super::jobs::Job;
use super::model::{LinkView, NavItem};
use super::parts::{json, site_name};
use super::text::Text;
use super::translated::{self, Notice};
use super::views::{Ctx, PageState, text_state};
use crate::edition::urls::{self, Route};

/// This page in one language, for the switcher and `hreflang` links.
#[derive(Debug, Serialize)]
pub struct Alternate {
    /// The language code.
    pub lang: String,
    /// The language's own name.
    pub name: String,
    /// The language's direction.
    pub dir: &'static str,
    /// Root-relative link.
    pub url: String,
    /// Absolute URL.
    pub absolute: String,
    /// Complete, partial or fallback.
    pub state: PageState,
    /// The state, as the page's language says it.
    pub state_label: Text,
    /// True for the page's own language.
    pub current: bool,
}

impl Fixed {
    fn new(ctx: &Ctx) -> Fixed {
        let dir = if vocab::is_right_to_left(ctx.lang) {
            "rtl"
        } else {
            "ltr"
        };
        let text = |s: &str| tera::Value::from(s);
        let values = vec![
            ("lang", text(ctx.lang)),
            ("dir", text(dir)),
            ("site_title", text(&ctx.site.config.title)),
            ("site_name", tera::Value::from_serializable(&site_name(ctx))),
            ("dates", text(ctx.dates.locale())),
            ("search", ctx.url(&urls::search()).into()),
            ("js", ctx.urls.asset(&ctx.theme.js_path).into()),
            ("favicon", ctx.urls.asset("static/favicon.svg").into()),
            ("home", ctx.url(&urls::home()).into()),
            ("atom", ctx.url(&urls::atom()).into()),
            ("ics", ctx.url(&urls::calendar_ics()).into()),
            (
                "registration",
                text(ctx.site.config.registration.as_deref().unwrap_or("")),
            ),
            (
                "subscription",
                text(
                    ctx.site
                        .config
                        .newsletter_subscription
                        .as_deref()
                        .unwrap_or(""),
                ),
            ),
        ];
        Fixed {
            values,
            nav: nav_entries(ctx),
            nav_values: Mutex::new(Vec::new()),
        }
    }

    /// The navigation of the page at `path`: an entry is current on the
    /// page it leads to and within its section (the home page's only on
    /// the home page).
    fn nav(&self, ctx: &Ctx, path: &str) -> Result<Nav, tera::Error> {
        let current: Vec<bool> = self
            .nav
            .iter()
            .map(|(_, target)| match target.as_str() {
                "" => path.is_empty(),
                target => path.starts_with(target),
            })
            .collect();
        let mut made = self
            .nav_values
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some((_, nav)) = made.iter().find(|(flags, _)| *flags == current) {
            return Ok(nav.clone());
        }
        let items: Vec<NavItem> = self
            .nav
            .iter()
            .zip(&current)
            .map(|((item, _), current)| NavItem {
                current: *current,
                ..item.clone()
            })
            .collect();
        let entries = json(&items)?;
        let (pages, sections): (Vec<&NavItem>, Vec<&NavItem>) = items.iter().partition(|i| i.page);
        let values = [
            ("nav", entries.clone()),
            ("sections", json(&sections)?),
            ("pages", json(&pages)?),
        ];
        let nav = Nav {
            html: ctx.fragment("nav.html", values)?,
            entries,
        };
        made.push((current, nav.clone()));
        Ok(nav)
    }
}

/// The navigation's entries, none of them current: the site's sections,
/// then the free pages with a `menu` position.
fn nav_entries(ctx: &Ctx) -> Vec<(NavItem, Route)> {
    let entry = |label: Text, target: Route, page: bool| {
        let item = NavItem {
            label,
            url: ctx.url(&target),
            current: false,
            page,
        };
        (item, target)
    };
    let mut nav: Vec<(NavItem, Route)> = [
        ("nav_calendar", urls::calendar()),
        ("nav_newcomer", urls::level(Level::Newcomer)),
        ("nav_experienced", urls::level(Level::Experienced)),
        ("nav_topics", urls::topics()),
        ("nav_sharers", urls::sharers()),
        ("nav_newsletter", urls::newsletter()),
    ]
    .into_iter()
    .map(|(key, target)| entry(ctx.text(key), target, false))
    .collect();
    for page in ctx.site.pages.iter().filter(|p| p.menu.is_some()) {
        let title = &page.text.get(ctx.lang).1.title;
        let title = translated::in_its_language(ctx, &page.text, "title", title);
        nav.push(entry(title, urls::page(&page.slug), true));
    }
    nav
}

/// What a page puts in its layout.
pub struct Page<'a> {
    /// The page's job.
    pub job: Job,
    /// Its route.
    pub route: &'a Route,
    /// The stylesheet's URL.
    pub css: &'a str,
    /// The page's title (`<h1>` and `<title>`).
    pub title: Text,
    /// The meta description.
    pub description: String,
    /// Breadcrumbs above the title, without the page itself.
    pub breadcrumbs: Vec<LinkView>,
}

/// The `layout` value of a page. Its keys: `lang`, `dir` (`ltr` or `rtl`),
/// `site_title` (text) and `site_name` (marked with its language), `dates`
/// (the locale dates are written in, for the browser; empty when numeric),
/// `search` (the search page), `title` (text) and `heading` (marked),
/// `description`, `canonical` (the page's absolute
/// URL, or the main site's for a mirror), `css`, `js`, `favicon`, `home`,
/// `nav` (label, url, current) and `nav_html` (the theme's `nav.html`
/// made with them), `breadcrumbs` (label, url), `alternates`
/// (this page in every language: lang, name, url, absolute, state,
/// state_label, current), `x_default` (the URL for `hreflang="x-default"`),
/// `notice` (on a translated record page), `atom` and `ics` (the feeds).
pub fn value(ctx: &Ctx, page: Page) -> Result<tera::Value, tera::Error> {
    let fixed = ctx.layout.0.get_or_init(|| Fixed::new(ctx));
    let route = page.route;
    let alternates = alternates(ctx, page.job, route);
    // Each language's absolute URL of this page is made once, for the
    // `hreflang` links, and reused: the page's own language gives the
    // canonical link, the first language `x-default`.
    let absolute = |alternate: Option<&Alternate>| {
        alternate.map_or_else(|| ctx.urls.absolute(route), |a| a.absolute.clone())
    };
    let canonical = match ctx.main_site {
        Some(main) => main.url(ctx.lang, route),
        None => absolute(alternates.iter().find(|a| a.current)),
    };
    let x_default = absolute(alternates.first());
    let mut layout: ahash::AHashMap<&'static str, tera::Value> =
        ahash::AHashMap::with_capacity(fixed.values.len() + 10);
    layout.extend(fixed.values.iter().cloned());
    layout.insert("css", page.css.into());
    layout.insert("title", page.title.plain().into());
    layout.insert("heading", json(&page.title)?);
    layout.insert("description", page.description.into());
    layout.insert("canonical", canonical.into());
    let nav = fixed.nav(ctx, route.as_str())?;
    layout.insert("nav", nav.entries);
    layout.insert("nav_html", nav.html);
    layout.insert("breadcrumbs", json(&page.breadcrumbs)?);
    layout.insert("alternates", json(&alternates)?);
    layout.insert("x_default", x_default.into());
    layout.insert("notice", json(&notice(ctx, page.job, route))?);
    Ok(tera::Value::from(layout))
}

/// The state of the page of `job` in `lang`.
fn state(ctx: &Ctx, job: Job, edition: &crate::edition::Edition) -> PageState {
    let site = ctx.site;
    let lang = edition.lang.as_str();
    match job {
        Job::Clinic(i) | Job::Summary(i) => text_state(&site.clinics[i].text, lang),
        Job::Topic(i, _) => text_state(&site.topics[i].text, lang),
        Job::Sharer(i, _) => text_state(&site.sharers[i].text, lang),
        Job::Issue(i) => text_state(&site.issues[i].text, lang),
        Job::Page(i) => text_state(&site.pages[i].text, lang),
        _ => edition.strings_state,
    }
}

fn alternates(ctx: &Ctx, job: Job, route: &Route) -> Vec<Alternate> {
    ctx.editions
        .iter()
        .map(|edition| {
            let state = state(ctx, job, edition);
            let key = match state {
                PageState::Complete => "language_complete",
                PageState::Partial => "language_partial",
                PageState::Fallback => "language_fallback",
            };
            Alternate {
                lang: edition.lang.clone(),
                name: vocab::autonym(&edition.lang).to_string(),
                dir: super::text::dir_of(&edition.lang),
                url: edition.urls.url(route),
                absolute: edition.urls.absolute(route),
                state,
                state_label: ctx.text(key),
                current: edition.lang == ctx.lang,
            }
        })
        .collect()
}

fn notice(ctx: &Ctx, job: Job, route: &Route) -> Option<Notice> {
    let site = ctx.site;
    match job {
        Job::Clinic(i) | Job::Summary(i) => {
            let c = &site.clinics[i];
            translated::notice(ctx, &c.text, &c.text.source.title, route)
        }
        Job::Topic(i, _) => translated::notice(
            ctx,
            &site.topics[i].text,
            &site.topics[i].text.source.title,
            route,
        ),
        Job::Sharer(i, _) => {
            translated::notice(ctx, &site.sharers[i].text, &site.sharers[i].name, route)
        }
        Job::Issue(i) => translated::notice(
            ctx,
            &site.issues[i].text,
            &site.issues[i].text.source.title,
            route,
        ),
        Job::Page(i) => translated::notice(
            ctx,
            &site.pages[i].text,
            &site.pages[i].text.source.title,
            route,
        ),
        _ => None,
    }
}
