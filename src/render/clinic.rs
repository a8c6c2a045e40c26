//! The context of a clinic's page and of its printable summary: every text
//! block in the page's language (see [`super::translated`]), with its
//! resources, sharers, topics and facts. The two pages share one context,
//! made by whichever is rendered first; the page adds its body to it.

use std::sync::PoisonError;

use serde::Serialize;

use super::caches::Slot;
use super::media;
use super::model::{ClinicCard, SharedPage};
use super::parts::{Parts, crumb};
use super::text::{Text, autonym};
use super::translated::{self, shown};
use super::views::{
    Badge, Ctx, Fact, LinkView, badges, fact, language_names, region_name, sharer_links,
    topic_links,
};
use crate::edition::dates::Length;
use crate::edition::urls;

/// A clinic's page.
pub fn page(ctx: &Ctx, i: usize) -> Parts {
    let page = shared_page(ctx, i);
    Parts {
        route: urls::clinic(&ctx.site.clinics[i].slug),
        template: "clinic.html",
        title: page.title,
        description: page.summary,
        breadcrumbs: vec![crumb(ctx, "nav_calendar", urls::calendar())],
        page: with_body(ctx, i, &page.value),
    }
}

/// A clinic's printable summary.
pub fn summary(ctx: &Ctx, i: usize) -> Parts {
    let page = shared_page(ctx, i);
    let breadcrumbs = vec![
        crumb(ctx, "nav_calendar", urls::calendar()),
        LinkView {
            label: page.title.clone(),
            url: page.url,
        },
    ];
    let title = translated::sentence(ctx, "summary_title", &[("title", page.title.clone())]);
    Parts {
        route: urls::clinic_summary(&ctx.site.clinics[i].slug),
        template: "summary.html",
        title,
        description: page.summary,
        breadcrumbs,
        page: page.value,
    }
}

/// A resource link on a clinic page.
#[derive(Debug, Serialize)]
pub struct ResourceView {
    /// Video, Slides...
    pub kind: Text,
    /// `video`, `slides`... (for icons and styling)
    pub kind_slug: &'static str,
    /// What the editor called it.
    pub label: Text,
    /// Where it is.
    pub url: String,
    /// Its language's name, in that language, when given.
    pub lang: Option<Text>,
    /// Its language code, for `hreflang`.
    pub hreflang: Option<String>,
    /// "Watch 5:30–6:15 (45 s)", when it has a clip (`url` then opens there).
    pub clip: Option<Text>,
    /// A recording's chapters.
    pub chapters: Vec<ChapterView>,
}

/// A chapter of a recording: its time, a link that opens there, its title.
#[derive(Debug, Serialize)]
pub struct ChapterView {
    /// `12:00`.
    pub at: String,
    /// The recording, opening at that time.
    pub url: String,
    /// What it is about.
    pub title: Text,
}

/// A clinic's page and its printable summary.
#[derive(Debug, Serialize)]
pub struct ClinicPage {
    /// Title.
    pub title: Text,
    /// Language of the page's content when nothing is translated.
    pub text_lang: String,
    /// Its page.
    pub url: String,
    /// Its summary page.
    pub summary_url: String,
    /// Date and time in UTC, the long form.
    pub when: String,
    /// Start, ISO 8601 UTC.
    pub when_iso: String,
    /// Length in minutes.
    pub minutes: u32,
    /// Not yet held.
    pub upcoming: bool,
    /// Its calendar entry ("Add to calendar"), while it is upcoming.
    pub event_url: Option<String>,
    /// Where to join it online, while it is upcoming.
    pub join: Option<String>,
    /// Learning Clinic, Connectathon...
    pub format: Text,
    /// `clinic`, `connectathon`... (for styling).
    pub kind: String,
    /// Level badges.
    pub levels: Vec<Badge>,
    /// Length, region, languages, series.
    pub facts: Vec<Fact>,
    /// The bite-size summary.
    pub summary: Text,
    /// True when the summary was cut from the body.
    pub summary_derived: bool,
    /// Key learnings.
    pub takeaways: Vec<Text>,
    /// Recordings and decks.
    pub resources: Vec<ResourceView>,
    /// Sharers.
    pub sharers: Vec<LinkView>,
    /// Topics.
    pub topics: Vec<LinkView>,
    /// The body, as HTML (empty on the summary).
    pub body: String,
}

/// Clinic `index`'s shared context: made by the first of its page and its
/// summary, taken by the second (so it is not kept for the whole build).
/// A page rendered again (by serve) makes it afresh.
fn shared_page(ctx: &Ctx, index: usize) -> SharedPage {
    let make = || {
        let page = clinic_page(ctx, index);
        SharedPage {
            // A clinic page is strings, booleans and lists of them, which
            // always serialise.
            value: tera::Value::from_serializable(&page),
            title: page.title,
            summary: page.summary.plain().to_string(),
            url: page.url,
        }
    };
    let mut slot = ctx.clinic_pages.0[index]
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    match std::mem::take(&mut *slot) {
        Slot::Made(shared) => {
            *slot = Slot::Taken;
            shared
        }
        Slot::Taken => make(),
        Slot::Empty => {
            let shared = make();
            *slot = Slot::Made(shared.clone());
            shared
        }
    }
}

/// The context of the clinic's own page: the shared one with its body.
fn with_body(ctx: &Ctx, index: usize, shared: &tera::Value) -> tera::Value {
    let clinic = &ctx.site.clinics[index];
    let (_, text) = clinic.text.get(ctx.lang);
    let body = translated::body_html(ctx, &clinic.text, &clinic.text.source.body, &text.body, 3);
    let mut page = shared.as_map().cloned().unwrap_or_default();
    page.insert("body".into(), body.into());
    tera::Value::from(page)
}

/// Resource `i` of `clinic`, with its label as this language shows it.
fn resource_view(
    ctx: &Ctx,
    clinic: &crate::site::Clinic,
    i: usize,
    r: &crate::site::Resource,
    label: &str,
) -> ResourceView {
    let url = if r.url.starts_with('/') {
        ctx.urls.asset(&r.url)
    } else {
        r.url.clone()
    };
    let words = media::ClipWords {
        between: ctx.t("clip_between"),
        from: ctx.t("clip_from"),
        units: [
            ctx.t("unit_hours"),
            ctx.t("unit_minutes"),
            ctx.t("unit_seconds"),
        ],
    };
    let chapters = r
        .chapters
        .iter()
        .map(|c| ChapterView {
            at: crate::check::media::clock(c.at),
            url: media::at(&url, c.at, None),
            title: translated::source_only(ctx, &clinic.text, &c.title),
        })
        .collect();
    ResourceView {
        kind: ctx.text(&format!("resource_{}", r.kind)),
        kind_slug: r.kind.as_str(),
        label: shown(ctx, &clinic.text, &format!("label-{}", i + 1), label),
        url: r
            .clip
            .map_or_else(|| url.clone(), |c| media::at(&url, c.start, c.end)),
        lang: r.lang.as_deref().map(|l| autonym(l, ctx.lang)),
        hreflang: r.lang.clone(),
        clip: r
            .clip
            .map(|c| ctx.marked("clip_between", media::clip_words(c, &words))),
        chapters,
    }
}

/// A clinic's context, with an empty body (see [`with_body`]).
fn clinic_page(ctx: &Ctx, index: usize) -> ClinicPage {
    let clinic = &ctx.site.clinics[index];
    let (lang, text) = clinic.text.get(ctx.lang);
    let card: &ClinicCard = super::cards::card(ctx, index);
    let resources = clinic
        .resources
        .iter()
        .zip(&text.resource_labels)
        .enumerate()
        .map(|(i, (r, label))| resource_view(ctx, clinic, i, r, label))
        .collect();
    let takeaways = text
        .takeaways
        .iter()
        .enumerate()
        .map(|(i, t)| shown(ctx, &clinic.text, &format!("takeaway-{}", i + 1), t))
        .collect();
    ClinicPage {
        title: shown(ctx, &clinic.text, "title", &text.title),
        text_lang: lang.to_string(),
        url: card.url.clone(),
        summary_url: ctx.url(&urls::clinic_summary(&clinic.slug)),
        when: ctx
            .dates
            .session(ctx.strings, clinic.date, clinic.duration, Length::Long),
        when_iso: card.when_iso.clone(),
        minutes: clinic.duration,
        upcoming: ctx.is_upcoming(clinic),
        event_url: ctx
            .is_upcoming(clinic)
            .then(|| ctx.url(&urls::clinic_event(&clinic.slug))),
        join: clinic.join.clone().filter(|_| ctx.is_upcoming(clinic)),
        format: card.format.clone(),
        kind: card.kind.clone(),
        levels: badges(ctx, &clinic.levels),
        facts: facts(ctx, clinic),
        summary: shown(ctx, &clinic.text, "summary", &text.summary.text),
        summary_derived: text.summary.derived,
        takeaways,
        resources,
        sharers: sharer_links(ctx, &clinic.sharers),
        topics: topic_links(ctx, &clinic.topics),
        body: String::new(),
    }
}

/// A clinic's length, region, languages and series.
fn facts(ctx: &Ctx, clinic: &crate::site::Clinic) -> Vec<Fact> {
    let minutes = ctx.marked(
        "clinic_minutes",
        format!("{} {}", clinic.duration, ctx.t("clinic_minutes")),
    );
    let series = clinic.series.as_deref();
    let facts = [
        fact(ctx, "clinic_duration", Some(minutes)),
        fact(ctx, "clinic_region", region_name(ctx, clinic.region)),
        fact(
            ctx,
            "clinic_languages",
            Some(language_names(ctx, &clinic.languages)),
        ),
        fact(
            ctx,
            "clinic_series",
            series.map(|s| ctx.record_text(s, &clinic.text.source_lang)),
        ),
    ];
    facts.into_iter().flatten().collect()
}
