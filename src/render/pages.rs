//! The HTML pages of one language: which pages exist ([`jobs`]) and the
//! typed context each template receives ([`context`]).
//!
//! Every page kind has its own context struct; all share a layout
//! (language, direction, navigation: see [`super::layout`]) and the strings. Jobs are plain values so the
//! render stage can run them in parallel.

use serde::Serialize;

use crate::site::Site;
use crate::vocab::{Category, Level};

use super::text::Text;
use super::views::{Ctx, IssueCard, LinkView, issue_card};
use super::views::{Relations, page_count};
use crate::edition::urls::{self, Route};

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
            let page = super::lists::home(ctx)?;
            (
                urls::home(),
                "home.html",
                site_name(ctx),
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
            let title =
                super::translated::sentence(ctx, "summary_title", &[("title", page.title.clone())]);
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
    Text,
    String,
    Vec<LinkView>,
    tera::Value,
);

/// Wraps a page's own context in the layout: templates see `layout`, `page`
/// and the interface strings `t`.
pub fn finish(ctx: &Ctx, css: &str, job: Job, parts: Parts) -> Result<Rendered, tera::Error> {
    let (route, template, title, description, breadcrumbs, page) = parts;
    let layout = super::layout::value(
        ctx,
        super::layout::Page {
            job,
            route: &route,
            css,
            title,
            description,
            breadcrumbs,
        },
    )?;
    // The page's own context is already a template value: move it in, don't
    // serialise it again. The strings were made a value once per language,
    // and a copy of it is a reference count.
    let mut context = tera::Context::new();
    context.insert_value("layout", layout);
    context.insert_value("page", page);
    context.insert_value("t", ctx.interface.marked.clone());
    context.insert_value("plain", ctx.interface.plain.clone());
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
        label: ctx.text(key),
        url: ctx.url(&route),
    }
}

/// The site's name, written in the site's default language.
pub fn site_name(ctx: &Ctx) -> Text {
    let config = &ctx.site.config;
    ctx.record_text(&config.title, &config.default_language)
}

/// A category with its topics, for the home and topics pages.
#[derive(Debug, Serialize)]
pub struct CategoryView {
    /// Its name.
    pub label: Text,
    /// One sentence about it.
    pub intro: Text,
    /// `funding`, ... (an anchor on the topics page).
    pub slug: &'static str,
    /// Its topics.
    pub topics: Vec<TopicItem>,
}

/// A topic in a list, with how many sessions cover it.
#[derive(Debug, Serialize)]
pub struct TopicItem {
    /// Its title.
    pub label: Text,
    /// Its page.
    pub url: String,
    /// Number of sessions, in words (`3 sessions`).
    pub count: Text,
    /// Its description.
    pub description: Option<Text>,
}

/// Every category that has topics with sessions, and those topics.
pub fn categories(ctx: &Ctx) -> Vec<CategoryView> {
    Category::ALL
        .iter()
        .map(|category| CategoryView {
            label: ctx.text(&format!("category_{category}")),
            intro: ctx.text(&format!("category_{category}_intro")),
            slug: category.as_str(),
            topics: topic_items(ctx, |t, sessions| t.category == *category && sessions > 0),
        })
        .filter(|c| !c.topics.is_empty())
        .collect()
}

/// The topics no session has covered yet: listed apart, not as "0 sessions".
pub fn uncovered_topics(ctx: &Ctx) -> Vec<TopicItem> {
    topic_items(ctx, |_, sessions| sessions == 0)
}

/// The topics `keep` keeps, given each and its number of sessions.
fn topic_items(ctx: &Ctx, keep: impl Fn(&crate::site::Topic, usize) -> bool) -> Vec<TopicItem> {
    ctx.site
        .topics
        .iter()
        .filter_map(|t| {
            let sessions = ctx.relations.clinics_by_topic.get(&t.slug);
            let sessions = sessions.map_or(0, Vec::len);
            keep(t, sessions).then(|| topic_item(ctx, t, sessions))
        })
        .collect()
}

/// A topic in a list, with its number of sessions.
fn topic_item(ctx: &Ctx, topic: &crate::site::Topic, sessions: usize) -> TopicItem {
    let text = topic.text.get(ctx.lang).1;
    let block = super::translated::block_in_its_language;
    TopicItem {
        label: block(ctx, &topic.text, "title", &text.title),
        url: ctx.url(&urls::topic(&topic.slug)),
        count: ctx.plural_text("topic_session_count", sessions),
        description: text
            .description
            .as_deref()
            .map(|d| block(ctx, &topic.text, "description", d)),
    }
}

/// The topics page: covered topics by category, then the rest.
#[derive(Debug, Serialize)]
pub struct TopicsPage {
    /// Categories with the topics sessions have covered.
    pub categories: Vec<CategoryView>,
    /// Topics no session has covered yet.
    pub uncovered: Vec<TopicItem>,
}

/// The latest newsletter issue's card.
pub fn latest_issue(ctx: &Ctx) -> Option<IssueCard> {
    ctx.site.issues.first().map(|i| issue_card(ctx, i))
}
