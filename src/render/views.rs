//! Typed, template-ready views of records: badges, links, facts, pagers
//! (the types are in [`super::model`]).
//!
//! Templates never see the domain model: they get these small structs with
//! every label translated, every URL built and every date formatted, so a
//! template is layout only and can't produce a broken link or a blank label.

pub use crate::edition::PageState;
use crate::edition::urls::{self, Route};
use crate::site::{Sharer, Topic};
use crate::vocab::{self, Level};

pub use super::ctx::Ctx;
pub use super::model::{Badge, Fact, LinkView, Pager};
use super::text::Text;

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
