//! The HTML pages of one language: which pages exist ([`jobs`]) and the
//! typed context each template receives ([`context`]).
//!
//! Every page kind has its own context struct; all share a [`Layout`]
//! (language, direction, navigation, strings). Jobs are plain values so the
//! render stage can run them in parallel.

use serde::Serialize;

use crate::site::Site;
use crate::vocab::{self, Category, Level};

use super::translated::{self, Notice};
use super::urls::{self, Route};
use super::views::{Ctx, IssueCard, LinkView, issue_card};
use super::views::{PageState, Relations, page_count, text_state};

/// One HTML page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// `/`
    Home,
    /// `/clinics/<slug>/`, by index.
    Clinic(usize),
    /// `/clinics/<slug>/summary/`, by index.
    Summary(usize),
    /// `/calendar/`, by page (0-based).
    Calendar(usize),
    /// `/levels/<level>/`, by page.
    Level(Level, usize),
    /// `/topics/`
    Topics,
    /// `/topics/<slug>/`, by index and page.
    Topic(usize, usize),
    /// `/sharers/`
    Sharers,
    /// `/sharers/<slug>/`, by index and page.
    Sharer(usize, usize),
    /// `/newsletter/`
    Newsletter,
    /// `/newsletter/<slug>/`, by index.
    Issue(usize),
    /// `/<slug>/`, by index.
    Page(usize),
    /// `/translations/`
    Translations,
    /// `/search/`
    Search,
    /// `/404.html`
    NotFound,
}

/// Every page of the site, in a fixed order.
pub fn jobs(site: &Site, relations: &Relations) -> Vec<Job> {
    let pages = |list: Option<&Vec<usize>>| page_count(list.map_or(0, Vec::len));
    let mut jobs = vec![
        Job::Home,
        Job::Topics,
        Job::Sharers,
        Job::Newsletter,
        Job::Translations,
        Job::Search,
        Job::NotFound,
    ];
    jobs.extend((0..page_count(relations.calendar.len())).map(Job::Calendar));
    for level in Level::ALL {
        jobs.extend(
            (0..pages(relations.clinics_by_level.get(level))).map(|p| Job::Level(*level, p)),
        );
    }
    jobs.extend((0..site.clinics.len()).flat_map(|i| [Job::Clinic(i), Job::Summary(i)]));
    for (i, topic) in site.topics.iter().enumerate() {
        jobs.extend(
            (0..pages(relations.clinics_by_topic.get(&topic.slug))).map(|p| Job::Topic(i, p)),
        );
    }
    for (i, sharer) in site.sharers.iter().enumerate() {
        jobs.extend(
            (0..pages(relations.clinics_by_sharer.get(&sharer.slug))).map(|p| Job::Sharer(i, p)),
        );
    }
    jobs.extend((0..site.issues.len()).map(Job::Issue));
    jobs.extend((0..site.pages.len()).map(Job::Page));
    jobs
}

/// The route of a job's page.
pub fn route(site: &Site, job: Job) -> Route {
    match job {
        Job::Home => urls::home(),
        Job::Clinic(i) => urls::clinic(&site.clinics[i].slug),
        Job::Summary(i) => urls::clinic_summary(&site.clinics[i].slug),
        Job::Calendar(p) => urls::paged(&urls::calendar(), p),
        Job::Level(l, p) => urls::paged(&urls::level(l), p),
        Job::Topics => urls::topics(),
        Job::Topic(i, p) => urls::paged(&urls::topic(&site.topics[i].slug), p),
        Job::Sharers => urls::sharers(),
        Job::Sharer(i, p) => urls::paged(&urls::sharer(&site.sharers[i].slug), p),
        Job::Newsletter => urls::newsletter(),
        Job::Issue(i) => urls::issue(&site.issues[i].slug),
        Job::Page(i) => urls::page(&site.pages[i].slug),
        Job::Translations => urls::translations(),
        Job::Search => urls::search(),
        Job::NotFound => urls::not_found(),
    }
}

/// The routes of every page search engines should see (all but the 404 page), sorted.
pub fn routes(site: &Site, relations: &Relations) -> Vec<Route> {
    let mut routes: Vec<Route> = jobs(site, relations)
        .into_iter()
        .filter(|j| *j != Job::NotFound)
        .map(|j| route(site, j))
        .collect();
    routes.sort();
    routes
}

/// What every page shares.
#[derive(Debug, Serialize)]
pub struct Layout<'a> {
    /// `lang` of `<html>`.
    pub lang: &'a str,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    /// The site's name.
    pub site_title: &'a str,
    /// The page's title (`<h1>` and `<title>`).
    pub title: String,
    /// The meta description.
    pub description: String,
    /// The page's absolute URL.
    pub canonical: String,
    /// The stylesheet's URL.
    pub css: &'a str,
    /// The local-time script's URL.
    pub js: String,
    /// The icon's URL.
    pub favicon: String,
    /// The home page's URL.
    pub home: String,
    /// Main navigation.
    pub nav: Vec<NavItem>,
    /// Breadcrumbs above the title, without the page itself.
    pub breadcrumbs: Vec<LinkView>,
    /// This page in every language of the build.
    pub alternates: Vec<Alternate>,
    /// The absolute URL for `hreflang="x-default"`.
    pub x_default: String,
    /// The notice of a translated record page.
    pub notice: Option<super::translated::Notice>,
    /// The newsletter feed's URL.
    pub atom: String,
    /// The calendar feed's URL.
    pub ics: String,
}

/// This page in one language, for the switcher and `hreflang` links.
#[derive(Debug, Serialize)]
pub struct Alternate {
    /// The language code.
    pub lang: String,
    /// The language's own name.
    pub name: String,
    /// Root-relative link.
    pub url: String,
    /// Absolute URL.
    pub absolute: String,
    /// Complete, partial or fallback.
    pub state: PageState,
    /// The state, as the page's language says it.
    pub state_label: String,
    /// True for the page's own language.
    pub current: bool,
}

/// An entry of the main navigation.
#[derive(Debug, Serialize)]
pub struct NavItem {
    /// What it says.
    pub label: String,
    /// Where it goes.
    pub url: String,
    /// True on the page it leads to (or within its section).
    pub current: bool,
}

/// A rendered page's route, template and context.
pub struct Rendered {
    /// Where it goes.
    pub route: Route,
    /// The template's file name.
    pub template: &'static str,
    /// The context, as Tera takes it.
    pub context: tera::Context,
}

/// Builds the context of one job.
pub fn context(ctx: &Ctx, css: &str, job: Job) -> Result<Rendered, tera::Error> {
    let parts: Parts = match job {
        Job::Home => {
            let page = super::lists::home(ctx);
            (
                urls::home(),
                "home.html",
                ctx.site.config.title.clone(),
                ctx.site.config.description.clone(),
                vec![],
                json(&page)?,
            )
        }
        Job::Clinic(i) => {
            let page = super::clinic::shared_page(ctx, i);
            let crumbs = vec![crumb(ctx, "nav_calendar", urls::calendar())];
            let c = &ctx.site.clinics[i];
            (
                urls::clinic(&c.slug),
                "clinic.html",
                page.title,
                page.summary,
                crumbs,
                super::clinic::with_body(ctx, i, &page.value),
            )
        }
        Job::Summary(i) => {
            let page = super::clinic::shared_page(ctx, i);
            let c = &ctx.site.clinics[i];
            let crumbs = vec![
                crumb(ctx, "nav_calendar", urls::calendar()),
                LinkView {
                    label: page.title.clone(),
                    url: page.url,
                },
            ];
            let title = format!("{}: {}", ctx.t("summary_of"), page.title);
            (
                urls::clinic_summary(&c.slug),
                "summary.html",
                title,
                page.summary,
                crumbs,
                page.value,
            )
        }
        other => return super::lists::context(ctx, css, other),
    };
    finish(ctx, css, job, parts)
}

/// What a page kind contributes: route, template, title, meta description,
/// breadcrumbs, and its own context.
pub type Parts = (
    Route,
    &'static str,
    String,
    String,
    Vec<LinkView>,
    tera::Value,
);

/// Wraps a page's own context in the layout: templates see `layout`, `page`
/// and the interface strings `t`.
pub fn finish(ctx: &Ctx, css: &str, job: Job, parts: Parts) -> Result<Rendered, tera::Error> {
    let (route, template, title, description, breadcrumbs, page) = parts;
    let mut layout = layout(ctx, css, &route, title, description, breadcrumbs);
    layout.alternates = alternates(ctx, job, &route);
    layout.x_default = ctx
        .editions
        .first()
        .map_or_else(|| ctx.urls.absolute(&route), |e| e.urls.absolute(&route));
    layout.notice = notice(ctx, job, &route);
    if let Some(main) = ctx.main_site {
        layout.canonical = main.url(ctx.lang, &route);
    }
    // The page's own context is already a template value: move it in, don't
    // serialise it again. The strings were made a value once per language,
    // and a copy of it is a reference count.
    let mut context = tera::Context::new();
    context.insert_value("layout", json(&layout)?);
    context.insert_value("page", page);
    context.insert_value("t", ctx.strings.context().clone());
    Ok(Rendered {
        route,
        template,
        context,
    })
}

/// A context value from a typed struct.
pub fn json<T: Serialize>(value: &T) -> Result<tera::Value, tera::Error> {
    tera::Value::try_from_serializable(value)
}

/// A breadcrumb to a section.
pub fn crumb(ctx: &Ctx, key: &str, route: Route) -> LinkView {
    LinkView {
        label: ctx.t(key),
        url: ctx.url(&route),
    }
}

fn layout<'a>(
    ctx: &'a Ctx,
    css: &'a str,
    route: &Route,
    title: String,
    description: String,
    breadcrumbs: Vec<LinkView>,
) -> Layout<'a> {
    let path = route.as_str();
    let nav_entry = |key: &str, target: Route| {
        let current = if target.as_str().is_empty() {
            path.is_empty()
        } else {
            path.starts_with(target.as_str())
        };
        NavItem {
            label: ctx.t(key),
            url: ctx.url(&target),
            current,
        }
    };
    let mut nav = vec![
        nav_entry("nav_calendar", urls::calendar()),
        nav_entry("nav_newcomer", urls::level(Level::Newcomer)),
        nav_entry("nav_experienced", urls::level(Level::Experienced)),
        nav_entry("nav_topics", urls::topics()),
        nav_entry("nav_sharers", urls::sharers()),
        nav_entry("nav_newsletter", urls::newsletter()),
        nav_entry("nav_search", urls::search()),
    ];
    for page in ctx.site.pages.iter().filter(|p| p.menu.is_some()) {
        let target = urls::page(&page.slug);
        nav.push(NavItem {
            label: page.text.get(ctx.lang).1.title.clone(),
            url: ctx.url(&target),
            current: path.starts_with(target.as_str()),
        });
    }
    Layout {
        lang: ctx.lang,
        dir: if vocab::is_right_to_left(ctx.lang) {
            "rtl"
        } else {
            "ltr"
        },
        site_title: &ctx.site.config.title,
        title,
        description,
        canonical: ctx.urls.absolute(route),
        css,
        js: ctx.urls.asset(ctx.theme_js),
        favicon: ctx.urls.asset("static/favicon.svg"),
        home: ctx.url(&urls::home()),
        nav,
        breadcrumbs,
        alternates: Vec::new(),
        x_default: String::new(),
        notice: None,
        atom: ctx.url(&urls::atom()),
        ics: ctx.url(&urls::calendar_ics()),
    }
}

/// The state of the page of `job` in `lang`.
fn state(ctx: &Ctx, job: Job, edition: &super::views::Edition) -> PageState {
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
                url: edition.urls.url(route),
                absolute: edition.urls.absolute(route),
                state,
                state_label: ctx.t(key),
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

/// A category with its topics, for the home and topics pages.
#[derive(Debug, Serialize)]
pub struct CategoryView {
    /// Its name.
    pub label: String,
    /// One sentence about it.
    pub intro: String,
    /// `funding`, ... (an anchor on the topics page).
    pub slug: &'static str,
    /// Its topics.
    pub topics: Vec<TopicItem>,
}

/// A topic in a list, with how many sessions cover it.
#[derive(Debug, Serialize)]
pub struct TopicItem {
    /// Its title.
    pub label: String,
    /// Its page.
    pub url: String,
    /// Number of sessions, in words (`3 sessions`).
    pub count: String,
    /// Its description.
    pub description: Option<String>,
}

/// Every category that has topics.
pub fn categories(ctx: &Ctx) -> Vec<CategoryView> {
    Category::ALL
        .iter()
        .map(|category| CategoryView {
            label: ctx.t(&format!("category_{category}")),
            intro: ctx.t(&format!("category_{category}_intro")),
            slug: category.as_str(),
            topics: ctx
                .site
                .topics
                .iter()
                .filter(|t| t.category == *category)
                .map(|t| {
                    let text = t.text.get(ctx.lang).1;
                    TopicItem {
                        label: text.title.clone(),
                        url: ctx.url(&urls::topic(&t.slug)),
                        count: ctx.strings.plural(
                            "topic_session_count",
                            ctx.relations
                                .clinics_by_topic
                                .get(&t.slug)
                                .map_or(0, Vec::len),
                        ),
                        description: text.description.clone(),
                    }
                })
                .collect(),
        })
        .filter(|c| !c.topics.is_empty())
        .collect()
}

/// The latest newsletter issue's card.
pub fn latest_issue(ctx: &Ctx) -> Option<IssueCard> {
    ctx.site.issues.first().map(|i| issue_card(ctx, i))
}
