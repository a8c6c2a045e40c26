//! The search page's context: where this language's index and the search
//! client are, the filters worth offering (each value at least one record
//! of this language has), the texts the client shows, and browse links for
//! visitors without JavaScript.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::json;

use crate::edition::urls;

use super::parts::{Parts, json};
use super::text::{Text, autonym};
use super::topic_lists::{CategoryView, categories};
use super::views::{Ctx, LinkView};
use crate::vocab::{Level, Region};

/// The search page.
#[derive(Debug, Serialize)]
pub struct SearchPage {
    manifest: String,
    script: String,
    /// The service worker's script.
    worker: String,
    /// The version its caches are named after.
    version: String,
    /// The result count's plural forms by CLDR category, `{n}` kept, as
    /// JSON: the client picks one with `Intl.PluralRules` of `count_lang`.
    count: String,
    /// The language of those forms: this one, or English when it lacks them.
    count_lang: String,
    /// The other texts the client shows, as JSON.
    texts: String,
    facets: Vec<FacetView>,
    levels: Vec<LinkView>,
    categories: Vec<CategoryView>,
}

/// One facet's filter chips.
#[derive(Debug, Serialize)]
struct FacetView {
    /// The facet, also the name of its parameter in the page's URL.
    name: &'static str,
    label: Text,
    /// Value and label of each value some record has, each label marked
    /// with its language when that is not the page's.
    values: Vec<(String, Text)>,
}

/// Keys of the texts the client shows, by the name it knows them by.
const TEXTS: &[(&str, &str)] = &[
    ("none", "search_none"),
    ("suggest", "search_suggest"),
    ("filtered", "search_none_filtered"),
    ("unfilter", "search_remove_filters"),
    ("more", "search_more"),
    ("offline", "search_offline"),
    ("note", "search_offline_note"),
    ("keep", "search_keep"),
    ("keeping", "search_keeping"),
    ("kept", "search_kept"),
    ("failed", "search_keep_failed"),
];

/// The search page.
pub fn search(ctx: &Ctx) -> Result<Parts, tera::Error> {
    let page = context(ctx);
    Ok(super::lists::listing(
        ctx,
        urls::search(),
        "search.html",
        "search",
        json(&page)?,
    ))
}

/// Builds the search page's context.
fn context(ctx: &Ctx) -> SearchPage {
    let (count, count_lang) = match ctx.strings.plural_forms("search_count") {
        Some((forms, false)) => (json!(forms), ctx.lang),
        Some((forms, true)) => (json!(forms), crate::i18n::FALLBACK),
        None => (json!({"other": "{n}"}), ctx.lang),
    };
    let texts: BTreeMap<&str, String> = TEXTS
        .iter()
        .map(|(name, key)| (*name, ctx.t(key)))
        .collect();
    SearchPage {
        manifest: ctx
            .search_manifest
            .map(|m| ctx.urls.asset(m))
            .unwrap_or_default(),
        script: ctx.urls.asset(&ctx.theme.search_js_path),
        worker: ctx.urls.asset("sw.js"),
        version: ctx.search_version.to_string(),
        count: count.to_string(),
        count_lang: count_lang.to_string(),
        texts: json!(texts).to_string(),
        facets: facets(ctx),
        levels: Level::ALL
            .iter()
            .map(|l| LinkView {
                label: ctx.text(&format!("level_{l}_title")),
                url: ctx.url(&urls::level(*l)),
            })
            .collect(),
        categories: categories(ctx),
    }
}

/// The filters: level, language, topic, kind and region, each with the
/// values some record has (a filter that can only empty the list is noise).
fn facets(ctx: &Ctx) -> Vec<FacetView> {
    let present = crate::search::facet_values(&ctx.view);
    let empty = BTreeSet::new();
    let facet = |name: &'static str, key: &str, values: Vec<(String, Text)>| {
        let has = present.get(name).unwrap_or(&empty);
        FacetView {
            name,
            label: ctx.text(key),
            values: values
                .into_iter()
                .filter(|(v, _)| has.contains(v))
                .collect(),
        }
    };
    let levels = Level::ALL
        .iter()
        .map(|l| (l.to_string(), ctx.text(&format!("level_{l}"))))
        .collect();
    let languages = present
        .get("lang")
        .unwrap_or(&empty)
        .iter()
        .map(|l| (l.clone(), autonym(l, ctx.lang)))
        .collect();
    let topics = ctx
        .site
        .topics
        .iter()
        .map(|t| (t.slug.clone(), super::views::topic_title(ctx, t)))
        .collect();
    let kinds = ["clinic", "sharer", "topic", "newsletter", "page"]
        .iter()
        .map(|k| (k.to_string(), ctx.text(&format!("kind_{k}"))))
        .collect();
    let regions = Region::ALL
        .iter()
        .map(|r| {
            (
                r.to_string(),
                ctx.text(&format!("region_{}", r.as_str().replace('-', "_"))),
            )
        })
        .collect();
    vec![
        facet("level", "search_filter_level", levels),
        facet("lang", "search_filter_language", languages),
        facet("topic", "search_filter_topic", topics),
        facet("kind", "search_filter_kind", kinds),
        facet("region", "search_filter_region", regions),
    ]
}
