//! The `/translations/` page: where translation work stands in every
//! language, so volunteer translators see where to start.

use serde::Serialize;

use crate::vocab;

use super::ctx::Ctx;
use super::parts::{Parts, crumb, json};
use super::text::Text;
use crate::edition::urls;

/// The status page lists at most this many unfinished translations per language,
/// the most outdated and least complete first.
const MAX_ROWS: usize = 40;

#[derive(Debug, Serialize)]
struct Row {
    title: Text,
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
    summary: Text,
    rows: Vec<Row>,
    strings_missing: usize,
    /// How much of the interface is translated, as a sentence.
    interface: Text,
}

fn languages(ctx: &Ctx) -> Vec<Language> {
    let source = ctx.site.config.default_language.as_str();
    ctx.editions
        .iter()
        .filter(|e| e.lang != source)
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
                    title: ctx.record_text(r.title, source),
                    url: edition.urls.url(&urls::record(r.section, r.slug)),
                    percent: r.percent,
                    outdated: r.outdated,
                })
                .collect();
            let summary = ctx.marked(
                "translations_started",
                ctx.strings
                    .plural("translations_started", started)
                    .replace("{total}", &all.len().to_string()),
            );
            Language {
                lang: edition.lang.clone(),
                name: vocab::autonym(&edition.lang).to_string(),
                started,
                total: all.len(),
                summary,
                rows,
                strings_missing: edition.strings_missing,
                interface: interface(ctx, edition),
            }
        })
        .collect()
}

/// "Interface: N% translated" for `edition`'s language (translated messages
/// of its catalogue, as `tandem translations` counts them when it is up to date).
fn interface(ctx: &Ctx, edition: &crate::edition::Edition) -> Text {
    let total = edition.strings_total;
    let done = total.saturating_sub(edition.strings_missing);
    let percent = (done * 100).checked_div(total).unwrap_or(100);
    let text = ctx.t("translations_interface");
    ctx.marked(
        "translations_interface",
        text.replace("{percent}", &percent.to_string()),
    )
}

/// The translations page.
pub fn translations(ctx: &Ctx) -> Result<Parts, tera::Error> {
    let page = languages(ctx);
    Ok(Parts {
        route: urls::translations(),
        template: "translations.html",
        title: ctx.text("translations_title"),
        description: ctx.t("translations_intro"),
        breadcrumbs: vec![crumb(ctx, "nav_home", urls::home())],
        page: json(&page)?,
    })
}
