//! The `/translations/` page: where translation work stands in every
//! language, so volunteer translators see where to start.

use serde::Serialize;

use crate::vocab;

use super::pages::{Job, Rendered, crumb, finish, json};
use super::urls;
use super::views::Ctx;

/// The status page lists at most this many unfinished translations per language,
/// the most outdated and least complete first.
const MAX_ROWS: usize = 40;

#[derive(Debug, Serialize)]
struct Row {
    title: String,
    url: String,
    percent: u32,
    outdated: usize,
}

#[derive(Debug, Serialize)]
struct Language {
    lang: String,
    name: String,
    started: usize,
    total: usize,
    summary: String,
    rows: Vec<Row>,
    strings_missing: usize,
}

fn languages(ctx: &Ctx) -> Vec<Language> {
    let source = &ctx.site.config.default_language;
    ctx.editions
        .iter()
        .filter(|e| &e.lang != source)
        .map(|edition| {
            let all = ctx.site.translation_rows(&edition.lang);
            let started = all.iter().filter(|r| r.path.is_some()).count();
            let mut todo: Vec<&crate::site::TranslationRow> = all
                .iter()
                .filter(|r| r.path.is_some() && (r.percent < 100 || r.outdated > 0))
                .collect();
            todo.sort_by_key(|r| (std::cmp::Reverse(r.outdated), r.percent));
            let rows: Vec<Row> = todo
                .into_iter()
                .take(MAX_ROWS)
                .map(|r| Row {
                    title: r.title.to_string(),
                    url: edition.urls.url(&urls::record(r.section, r.slug)),
                    percent: r.percent,
                    outdated: r.outdated,
                })
                .collect();
            let summary = ctx
                .strings
                .plural("translations_started", started)
                .replace("{total}", &all.len().to_string());
            Language {
                lang: edition.lang.clone(),
                name: vocab::autonym(&edition.lang).to_string(),
                started,
                total: all.len(),
                summary,
                rows,
                strings_missing: edition.strings_missing,
            }
        })
        .collect()
}

/// Builds the context of the translations page.
pub fn context(ctx: &Ctx, css: &str, job: Job) -> Result<Rendered, tera::Error> {
    let page = languages(ctx);
    let crumbs = vec![crumb(ctx, "nav_home", urls::home())];
    let (title, intro) = (ctx.t("translations_title"), ctx.t("translations_intro"));
    finish(
        ctx,
        css,
        job,
        (
            urls::translations(),
            "translations.html",
            title,
            intro,
            crumbs,
            json(&page)?,
        ),
    )
}

/// The search page: where its index is, its filters, and browse links for visitors without JavaScript.
#[derive(Debug, Serialize)]
pub struct SearchPage {
    manifest: String,
    script: String,
    /// The plural forms of the result count, as JSON for the search client.
    count: String,
    facets: Vec<FacetView>,
    levels: Vec<super::views::LinkView>,
    categories: Vec<super::pages::CategoryView>,
}

/// One facet's filter chips.
#[derive(Debug, Serialize)]
struct FacetView {
    name: &'static str,
    label: String,
    values: Vec<(String, String)>,
}

/// Builds the search page's context.
pub fn search_page(ctx: &Ctx) -> SearchPage {
    use crate::vocab::{Level, Region};
    let levels: Vec<(String, String)> = Level::ALL
        .iter()
        .map(|l| (l.to_string(), ctx.t(&format!("level_{l}"))))
        .collect();
    let kinds: Vec<(String, String)> = ["clinic", "sharer", "topic", "newsletter", "page"]
        .iter()
        .map(|k| (k.to_string(), ctx.t(&format!("kind_{k}"))))
        .collect();
    let regions: Vec<(String, String)> = Region::ALL
        .iter()
        .map(|r| {
            (
                r.to_string(),
                ctx.t(&format!("region_{}", r.as_str().replace('-', "_"))),
            )
        })
        .collect();
    let topics: Vec<(String, String)> = ctx
        .site
        .topics
        .iter()
        .map(|t| (t.slug.clone(), t.text.get(ctx.lang).1.title.clone()))
        .collect();
    let count = |n| ctx.strings.plural("search_count", n);
    SearchPage {
        manifest: ctx
            .search_manifest
            .map(|m| ctx.urls.asset(m))
            .unwrap_or_default(),
        script: ctx.urls.asset(&ctx.theme.search_js_path),
        count: serde_json::json!({ "zero": count(0), "one": count(1), "two": count(2), "few": count(3), "many": count(11), "other": count(100) }).to_string(),
        facets: vec![
            FacetView {
                name: "level",
                label: ctx.t("search_filter_level"),
                values: levels,
            },
            FacetView {
                name: "kind",
                label: ctx.t("search_filter_kind"),
                values: kinds,
            },
            FacetView {
                name: "region",
                label: ctx.t("search_filter_region"),
                values: regions,
            },
            FacetView {
                name: "topic",
                label: ctx.t("search_filter_topic"),
                values: topics,
            },
        ],
        levels: Level::ALL
            .iter()
            .map(|l| super::views::LinkView {
                label: ctx.t(&format!("level_{l}_title")),
                url: ctx.url(&urls::level(*l)),
            })
            .collect(),
        categories: super::pages::categories(ctx),
    }
}
