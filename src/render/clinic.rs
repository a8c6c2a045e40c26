//! The context of a clinic's page and of its printable summary: every text
//! block in the page's language (see [`super::translated`]), with its
//! resources, sharers, topics and facts. The two pages share one context,
//! made by whichever is rendered first; the page adds its body to it.

use std::sync::{Mutex, PoisonError};

use serde::Serialize;

use crate::vocab;

use super::media;
use super::translated::{self, Shown, shown};
use super::urls;
use super::views::{
    Badge, ClinicCard, Ctx, Fact, LinkView, badges, fact, region_name, sharer_links, topic_links,
};

/// A resource link on a clinic page.
#[derive(Debug, Serialize)]
pub struct ResourceView {
    /// Video, Slides...
    pub kind: String,
    /// `video`, `slides`... (for icons and styling)
    pub kind_slug: &'static str,
    /// What the editor called it.
    pub label: Shown,
    /// Where it is.
    pub url: String,
    /// Its language's name, when given.
    pub lang: Option<String>,
    /// Its language code, for `hreflang`.
    pub hreflang: Option<String>,
    /// "Watch 5:30–6:15 (45 s)", when it has a clip (`url` then opens there).
    pub clip: Option<String>,
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
    pub title: Shown,
}

/// A clinic's page and its printable summary.
#[derive(Debug, Serialize)]
pub struct ClinicPage {
    /// Title.
    pub title: Shown,
    /// Language of the page's content when nothing is translated.
    pub text_lang: String,
    /// Its page.
    pub url: String,
    /// Its summary page.
    pub summary_url: String,
    /// Date and time in UTC.
    pub when: String,
    /// Start, ISO 8601 UTC.
    pub when_iso: String,
    /// Not yet held.
    pub upcoming: bool,
    /// Its calendar entry ("Add to calendar"), while it is upcoming.
    pub event_url: Option<String>,
    /// Where to join it online, while it is upcoming.
    pub join: Option<String>,
    /// Learning Clinic, Connectathon...
    pub format: String,
    /// Level badges.
    pub levels: Vec<Badge>,
    /// Length, region, languages, series.
    pub facts: Vec<Fact>,
    /// The bite-size summary.
    pub summary: Shown,
    /// True when the summary was cut from the body.
    pub summary_derived: bool,
    /// Key learnings.
    pub takeaways: Vec<Shown>,
    /// Recordings and decks.
    pub resources: Vec<ResourceView>,
    /// Sharers.
    pub sharers: Vec<LinkView>,
    /// Topics.
    pub topics: Vec<LinkView>,
    /// The body, as HTML (empty on the summary).
    pub body: String,
}

/// A clinic's context, as a template value, with what the layout of its
/// page and its summary take from it.
#[derive(Clone)]
pub struct SharedPage {
    /// [`ClinicPage`] with an empty body.
    pub value: tera::Value,
    /// The title, as shown.
    pub title: String,
    /// The summary, as shown.
    pub summary: String,
    /// The clinic's page.
    pub url: String,
}

/// Each clinic's [`SharedPage`] in one language, from when the first of its
/// two pages makes it until the second takes it.
pub struct SharedPages(Vec<Mutex<Slot>>);

#[derive(Default)]
enum Slot {
    #[default]
    Empty,
    Made(SharedPage),
    Taken,
}

impl SharedPages {
    /// No shared pages yet, for `clinics` clinics.
    pub fn new(clinics: usize) -> Self {
        SharedPages((0..clinics).map(|_| Mutex::new(Slot::Empty)).collect())
    }
}

/// Clinic `index`'s shared context: made by the first of its page and its
/// summary, taken by the second (so it is not kept for the whole build).
/// A page rendered again (by serve) makes it afresh.
pub fn shared_page(ctx: &Ctx, index: usize) -> SharedPage {
    let make = || {
        let page = clinic_page(ctx, index);
        SharedPage {
            // A clinic page is strings, booleans and lists of them, which
            // always serialise.
            value: tera::Value::from_serializable(&page),
            title: page.title.text,
            summary: page.summary.text,
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
pub fn with_body(ctx: &Ctx, index: usize, shared: &tera::Value) -> tera::Value {
    let clinic = &ctx.site.clinics[index];
    let (_, text) = clinic.text.get(ctx.lang);
    let body = translated::body_html(ctx, &clinic.text, &clinic.text.source.body, &text.body, 3);
    let mut page = shared.as_map().cloned().unwrap_or_default();
    page.insert("body".into(), body.into());
    tera::Value::from(page)
}

/// A clinic's context, with an empty body (see [`with_body`]).
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
        kind: ctx.t(&format!("resource_{}", r.kind)),
        kind_slug: r.kind.as_str(),
        label: shown(ctx, &clinic.text, &format!("label-{}", i + 1), label),
        url: r
            .clip
            .map_or_else(|| url.clone(), |c| media::at(&url, c.start, c.end)),
        lang: r.lang.as_deref().map(|l| vocab::autonym(l).to_string()),
        hreflang: r.lang.clone(),
        clip: r.clip.map(|c| media::clip_words(c, &words)),
        chapters,
    }
}

fn clinic_page(ctx: &Ctx, index: usize) -> ClinicPage {
    let clinic = &ctx.site.clinics[index];
    let (lang, text) = clinic.text.get(ctx.lang);
    let card: &ClinicCard = super::views::card(ctx, index);
    let languages = clinic
        .languages
        .iter()
        .map(|l| vocab::autonym(l).to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let minutes = Some(format!("{} {}", clinic.duration, ctx.t("clinic_minutes")));
    let facts = [
        fact(ctx, "clinic_duration", minutes),
        fact(ctx, "clinic_region", region_name(ctx, clinic.region)),
        fact(ctx, "clinic_languages", Some(languages)),
        fact(ctx, "clinic_series", clinic.series.clone()),
    ];
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
        when: card.when.clone(),
        when_iso: card.when_iso.clone(),
        upcoming: ctx.is_upcoming(clinic),
        event_url: ctx
            .is_upcoming(clinic)
            .then(|| ctx.url(&urls::clinic_event(&clinic.slug))),
        join: clinic.join.clone().filter(|_| ctx.is_upcoming(clinic)),
        format: card.format.clone(),
        levels: badges(ctx, &clinic.levels),
        facts: facts.into_iter().flatten().collect(),
        summary: shown(ctx, &clinic.text, "summary", &text.summary.text),
        summary_derived: text.summary.derived,
        takeaways,
        resources,
        sharers: sharer_links(ctx, &clinic.sharers),
        topics: topic_links(ctx, &clinic.topics),
        body: String::new(),
    }
}
