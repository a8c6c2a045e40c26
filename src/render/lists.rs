//! Contexts of the browsing pages: home, calendar, levels, topics, sharers,
//! newsletter, free pages and the 404 page.

use serde::Serialize;

use crate::vocab::Level;

use super::pages::{
    CategoryView, Job, Parts, Rendered, categories, crumb, finish, json, latest_issue,
};
use super::urls::{self, Route};
use super::views::{
    CardHeading, Ctx, IssueCard, LinkView, Pager, clinic_cards, issue_card, page_count, page_of,
    pager,
};

/// How many recent sessions the home page shows.
const HOME_RECENT: usize = 6;
/// How many upcoming sessions the home page shows.
const HOME_UPCOMING: usize = 5;

/// The home page.
#[derive(Debug, Serialize)]
pub struct Home {
    upcoming: Vec<tera::Value>,
    recent: Vec<tera::Value>,
    levels: Vec<LevelTile>,
    categories: Vec<CategoryView>,
    latest_issue: Option<IssueCard>,
    calendar: String,
}

/// A level on the home page.
#[derive(Debug, Serialize)]
struct LevelTile {
    label: String,
    intro: String,
    url: String,
    count: usize,
}

/// Builds the home page.
pub fn home(ctx: &Ctx) -> Result<Home, tera::Error> {
    let r = ctx.relations;
    let (upcoming, past) = r.calendar.split_at(r.upcoming);
    let levels = Level::ALL
        .iter()
        .map(|level| LevelTile {
            label: ctx.t(&format!("level_{level}_title")),
            intro: ctx.t(&format!("level_{level}_intro")),
            url: ctx.url(&urls::level(*level)),
            count: r.clinics_by_level.get(level).map_or(0, Vec::len),
        })
        .collect();
    let cards = |shown: &[usize]| clinic_cards(ctx, shown, CardHeading::Three);
    Ok(Home {
        upcoming: cards(&upcoming[..upcoming.len().min(HOME_UPCOMING)])?,
        recent: cards(&past[..past.len().min(HOME_RECENT)])?,
        levels,
        categories: categories(ctx),
        latest_issue: latest_issue(ctx),
        calendar: ctx.url(&urls::calendar()),
    })
}

/// Sessions of one year, for the calendar.
#[derive(Debug, Serialize)]
struct YearGroup {
    year: i32,
    clinics: Vec<tera::Value>,
}

/// One page of a list of sessions: the upcoming ones, then the past ones by year.
#[derive(Debug, Serialize)]
pub struct SessionList {
    upcoming: Vec<tera::Value>,
    years: Vec<YearGroup>,
    pager: Option<Pager>,
    intro: String,
}

/// Page `page` of `list` (clinic indexes in reading order).
fn session_list(
    ctx: &Ctx,
    list: &[usize],
    route: &Route,
    page: usize,
    intro: String,
) -> Result<SessionList, tera::Error> {
    let shown = page_of(list, page);
    let (upcoming, past): (Vec<usize>, Vec<usize>) = shown
        .iter()
        .partition(|&&i| ctx.is_upcoming(&ctx.site.clinics[i]));
    let mut years: Vec<YearGroup> = Vec::new();
    for index in past {
        let clinic = &ctx.site.clinics[index];
        let year = super::dates::utc(clinic.date).year();
        if years.last().is_none_or(|g| g.year != year) {
            years.push(YearGroup {
                year,
                clinics: Vec::new(),
            });
        }
        if let Some(group) = years.last_mut() {
            group
                .clinics
                .push(super::views::card_value(ctx, index, CardHeading::Four)?);
        }
    }
    Ok(SessionList {
        upcoming: clinic_cards(ctx, &upcoming, CardHeading::Three)?,
        years,
        pager: pager(ctx, route, page, page_count(list.len())),
        intro,
    })
}

#[derive(Debug, Serialize)]
struct NotFound {
    links: Vec<LinkView>,
}

/// Builds the context of a browsing page.
pub fn context(ctx: &Ctx, css: &str, job: Job) -> Result<Rendered, tera::Error> {
    let site = ctx.site;
    let home_crumb = || vec![crumb(ctx, "nav_home", urls::home())];
    let parts: Parts = match job {
        Job::Calendar(p) => {
            let page = session_list(
                ctx,
                &ctx.relations.calendar,
                &urls::calendar(),
                p,
                ctx.t("calendar_intro"),
            )?;
            (
                urls::paged(&urls::calendar(), p),
                "calendar.html",
                ctx.t("calendar_title"),
                ctx.t("calendar_intro"),
                home_crumb(),
                json(&page)?,
            )
        }
        Job::Level(l, p) => {
            let list = ctx
                .relations
                .clinics_by_level
                .get(&l)
                .map_or(&[][..], Vec::as_slice);
            let page = session_list(
                ctx,
                list,
                &urls::level(l),
                p,
                ctx.t(&format!("level_{l}_intro")),
            )?;
            (
                urls::paged(&urls::level(l), p),
                "level.html",
                ctx.t(&format!("level_{l}_title")),
                page.intro.clone(),
                home_crumb(),
                json(&page)?,
            )
        }
        Job::Topics => (
            urls::topics(),
            "topics.html",
            ctx.t("topics_title"),
            ctx.t("topics_intro"),
            home_crumb(),
            json(&super::pages::TopicsPage {
                categories: categories(ctx),
                uncovered: super::pages::uncovered_topics(ctx),
            })?,
        ),
        Job::Sharers => (
            urls::sharers(),
            "sharers.html",
            ctx.t("sharers_title"),
            ctx.t("sharers_intro"),
            home_crumb(),
            json(&super::directory::directory(ctx))?,
        ),
        Job::Newsletter => {
            let issues: Vec<IssueCard> = site.issues.iter().map(|i| issue_card(ctx, i)).collect();
            (
                urls::newsletter(),
                "newsletter.html",
                ctx.t("newsletter_title"),
                ctx.t("newsletter_intro"),
                home_crumb(),
                json(&issues)?,
            )
        }
        Job::NotFound => {
            let links = [
                ("nav_home", urls::home()),
                ("nav_calendar", urls::calendar()),
                ("nav_topics", urls::topics()),
            ]
            .into_iter()
            .map(|(key, route)| crumb(ctx, key, route))
            .collect();
            (
                urls::not_found(),
                "404.html",
                ctx.t("page_not_found_title"),
                ctx.t("page_not_found_text"),
                vec![],
                json(&NotFound { links })?,
            )
        }
        Job::Search => {
            let page = crate::search::page::context(ctx);
            (
                urls::search(),
                "search.html",
                ctx.t("search_title"),
                ctx.t("search_intro"),
                home_crumb(),
                json(&page)?,
            )
        }
        Job::Topic(..) | Job::Sharer(..) | Job::Issue(_) | Job::Page(_) | Job::Translations => {
            return super::records::context(ctx, css, job);
        }
        Job::Home | Job::Clinic(_) | Job::Summary(_) => {
            return super::pages::context(ctx, css, job);
        }
    };
    finish(ctx, css, job, parts)
}
