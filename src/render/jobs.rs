//! Which pages a language has: one [`Job`] per page of SPEC.md's URL list,
//! every job of a site ([`jobs`]) and each one's route ([`route`]). Jobs
//! are plain values, so the render stage can run them in parallel.

use crate::edition::Relations;
use crate::edition::urls::{self, Route};
use crate::site::Site;
use crate::vocab::Level;

use super::views::page_count;

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
