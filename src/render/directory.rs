//! The sharers' directory (`/sharers/`): everyone A to Z, and the same
//! people grouped by what they can share about (their `skills`, topics),
//! by region and by language, so that a visitor finds someone to learn
//! from without JavaScript. Each group's list has an id (`#skill-advocacy`,
//! `#region-ssa`, `#language-fr`): a link to it opens its closed
//! `<details>`, as browsers reveal a link's target.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::vocab;

use super::text::{Text, autonym};
use super::views::{Ctx, region_name, sharer_name, topic_title};
use crate::edition::urls;

/// One person in a list.
#[derive(Debug, Clone, Serialize)]
pub struct SharerCard {
    name: Text,
    url: String,
    detail: Option<Text>,
}

/// People who share one skill, region or language.
#[derive(Debug, Serialize)]
pub struct Group {
    /// `skill-advocacy`, `region-ssa`, `language-fr`.
    id: String,
    /// The topic's title, the region's or the language's name, marked with
    /// its language when that is not the page's (a language's own name, a
    /// topic title not yet translated, a region's name not yet translated).
    label: Text,
    people: Vec<SharerCard>,
}

/// The directory page.
#[derive(Debug, Serialize)]
pub struct Directory {
    people: Vec<SharerCard>,
    by_skill: Vec<Group>,
    by_region: Vec<Group>,
    by_language: Vec<Group>,
}

/// The directory in the page's language.
pub fn directory(ctx: &Ctx) -> Directory {
    let site = ctx.site;
    let people: Vec<SharerCard> = site.sharers.iter().map(|s| card(ctx, s)).collect();
    let group = |id: String, label: Text, members: &[usize]| Group {
        id,
        label,
        people: members.iter().map(|&i| people[i].clone()).collect(),
    };
    let by_skill = site
        .topics
        .iter()
        .filter_map(|topic| {
            let members = ctx.relations.sharers_by_topic.get(&topic.slug)?;
            let label = topic_title(ctx, topic);
            Some(group(format!("skill-{}", topic.slug), label, members))
        })
        .collect();
    let mut regions: BTreeMap<vocab::Region, Vec<usize>> = BTreeMap::new();
    let mut languages: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, sharer) in site.sharers.iter().enumerate() {
        if let Some(region) = sharer.region {
            regions.entry(region).or_default().push(i);
        }
        for lang in &sharer.languages {
            languages.entry(lang.as_str()).or_default().push(i);
        }
    }
    let by_region = regions
        .iter()
        .map(|(region, members)| {
            let name = region_name(ctx, Some(*region)).unwrap_or_default();
            group(format!("region-{}", region.as_str()), name, members)
        })
        .collect();
    let by_language = languages
        .iter()
        .map(|(lang, members)| group(format!("language-{lang}"), autonym(lang, ctx.lang), members))
        .collect();
    Directory {
        people,
        by_skill,
        by_region,
        by_language,
    }
}

/// A person in a list: name, and role and affiliation, each marked with
/// its language when that is not the page's.
fn card(ctx: &Ctx, s: &crate::site::Sharer) -> SharerCard {
    let role = s.text.get(ctx.lang).1.role.as_deref();
    let role = role.map(|r| super::translated::in_its_language(ctx, &s.text, "role", r));
    let affiliation = s.affiliation.as_deref();
    let affiliation = affiliation.map(|a| ctx.record_text(a, &s.text.source_lang));
    let detail: Vec<Text> = [role, affiliation].into_iter().flatten().collect();
    SharerCard {
        name: sharer_name(ctx, s),
        url: ctx.url(&urls::sharer(&s.slug)),
        detail: (!detail.is_empty()).then(|| Text::join(&detail, " · ")),
    }
}
