//! Contexts of the browsing pages: home, calendar, levels, topics, sharers,
//! newsletter, free pages and the 404 page.

use serde::Serialize;

use crate::vocab::Level;

use super::cards::{CardHeading, IssueCard, card_value, clinic_cards, issue_card};
use super::parts::{Parts, crumb, json, site_name};
use super::text::Text;
use super::topic_lists::{CategoryView, TopicsPage, categories, uncovered_topics};
use super::views::{Ctx, LinkView, Pager, page_count, page_of, pager};
use crate::edition::urls::{self, Route};

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
    level: &'static str,
    label: Text,
    intro: Text,
    url: String,
    count: usize,
}

/// The home page.
pub fn home(ctx: &Ctx) -> Result<Parts, tera::Error> {
    let page = home_page(ctx)?;
    Ok(Parts {
        route: urls::home(),
        template: "home.html",
        title: site_name(ctx),
        description: ctx.site.config.description.clone(),
        breadcrumbs: vec![],
        page: json(&page)?,
    })
}

/// The home page's own context.
fn home_page(ctx: &Ctx) -> Result<Home, tera::Error> {
    let r = ctx.relations;
    let (upcoming, past) = r.calendar.split_at(r.upcoming);
    let levels = Level::ALL
        .iter()
        .map(|level| LevelTile {
            level: level.as_str(),
            label: ctx.text(&format!("level_{level}_title")),
            intro: ctx.text(&format!("level_{level}_intro")),
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
        latest_issue: ctx.site.issues.first().map(|i| issue_card(ctx, i)),
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
    intro: Text,
}

/// Page `page` of `list` (clinic indexes in reading order).
fn session_list(
    ctx: &Ctx,
    list: &[usize],
    route: &Route,
    page: usize,
    intro: Text,
) -> Result<SessionList, tera::Error> {
    let shown = page_of(list, page);
    let (upcoming, past): (Vec<usize>, Vec<usize>) = shown
        .iter()
        .partition(|&&i| ctx.is_upcoming(&ctx.site.clinics[i]));
    let mut years: Vec<YearGroup> = Vec::new();
    for index in past {
        let clinic = &ctx.site.clinics[index];
        let year = crate::edition::dates::utc(clinic.date).year();
        if years.last().is_none_or(|g| g.year != year) {
            years.push(YearGroup {
                year,
                clinics: Vec::new(),
            });
        }
        if let Some(group) = years.last_mut() {
            group
                .clinics
                .push(card_value(ctx, index, CardHeading::Four)?);
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

/// A list page's route, template, title and meta description (the
/// strings `{name}_title` and `{name}_intro`), breadcrumb and context.
pub fn listing(
    ctx: &Ctx,
    route: Route,
    template: &'static str,
    name: &str,
    page: tera::Value,
) -> Parts {
    Parts {
        route,
        template,
        title: ctx.text(&format!("{name}_title")),
        description: ctx.t(&format!("{name}_intro")),
        breadcrumbs: vec![crumb(ctx, "nav_home", urls::home())],
        page,
    }
}

/// The 404 page: where to go instead.
pub fn not_found(ctx: &Ctx) -> Result<Parts, tera::Error> {
    let links = [
        ("nav_home", urls::home()),
        ("nav_calendar", urls::calendar()),
        ("nav_topics", urls::topics()),
    ]
    .into_iter()
    .map(|(key, route)| crumb(ctx, key, route))
    .collect();
    Ok(Parts {
        route: urls::not_found(),
        template: "404.html",
        title: ctx.text("page_not_found_title"),
        description: ctx.t("page_not_found_text"),
        breadcrumbs: vec![],
        page: json(&NotFound { links })?,
    })
}

/// A page of the calendar.
pub fn calendar(ctx: &Ctx, p: usize) -> Result<Parts, tera::Error> {
    let all = &ctx.relations.calendar;
    let page = session_list(ctx, all, &urls::calendar(), p, ctx.text("calendar_intro"))?;
    let route = urls::paged(&urls::calendar(), p);
    Ok(listing(
        ctx,
        route,
        "calendar.html",
        "calendar",
        json(&page)?,
    ))
}

/// A page of a level's sessions.
pub fn level(ctx: &Ctx, l: Level, p: usize) -> Result<Parts, tera::Error> {
    let list = ctx.relations.clinics_by_level.get(&l);
    let list = list.map_or(&[][..], Vec::as_slice);
    let name = format!("level_{l}");
    let intro = ctx.text(&format!("{name}_intro"));
    let page = session_list(ctx, list, &urls::level(l), p, intro)?;
    let route = urls::paged(&urls::level(l), p);
    Ok(listing(ctx, route, "level.html", &name, json(&page)?))
}

/// The topics page.
pub fn topics(ctx: &Ctx) -> Result<Parts, tera::Error> {
    let page = TopicsPage {
        categories: categories(ctx),
        uncovered: uncovered_topics(ctx),
    };
    Ok(listing(
        ctx,
        urls::topics(),
        "topics.html",
        "topics",
        json(&page)?,
    ))
}

/// The sharers' directory.
pub fn sharers(ctx: &Ctx) -> Result<Parts, tera::Error> {
    Ok(listing(
        ctx,
        urls::sharers(),
        "sharers.html",
        "sharers",
        json(&super::directory::directory(ctx))?,
    ))
}

/// The newsletter's issues.
pub fn newsletter(ctx: &Ctx) -> Result<Parts, tera::Error> {
    let issues: Vec<IssueCard> = ctx.site.issues.iter().map(|i| issue_card(ctx, i)).collect();
    Ok(listing(
        ctx,
        urls::newsletter(),
        "newsletter.html",
        "newsletter",
        json(&issues)?,
    ))
}
