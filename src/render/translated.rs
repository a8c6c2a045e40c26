//! Translated pages as Meta-Wiki shows them: a notice saying the page is a
//! translated version of its source and how complete it is, every block
//! marked with its own language (an untranslated block keeps its source's
//! `lang` and `dir`), and outdated blocks marked with a legend.

use serde::Serialize;

use crate::content::html::Part;
use crate::content::markdown::{self, LinkResolver};
use crate::site::{BlockState, Body, Localized};
use crate::vocab;

use super::ctx::Ctx;
use super::text::{Text, dir_of};
use crate::edition::urls::Route;

/// The state of one block of `text` in the page's language.
pub fn state<T>(ctx: &Ctx, text: &Localized<T>, role: &str) -> BlockState {
    if ctx.lang == text.source_lang {
        return BlockState::Translated;
    }
    text.translation(ctx.lang)
        .map_or(BlockState::Untranslated, |t| t.status.state(role))
}

/// One block, marked with its source's language when it is not translated,
/// and as outdated when its translation is.
pub fn shown<T>(ctx: &Ctx, text: &Localized<T>, role: &str, value: &str) -> Text {
    let outdated = state(ctx, text, role) == BlockState::Outdated;
    Text::block(value, untranslated(ctx, text, role), outdated)
}

/// A piece of a record's text in a list (a title in a link, a name in a
/// tag), marked with its source's language when it is not translated;
/// being outdated is not worth a mark there.
pub fn in_its_language<T>(ctx: &Ctx, text: &Localized<T>, role: &str, value: &str) -> Text {
    Text::new(value, untranslated(ctx, text, role), false)
}

/// [`in_its_language`] for a whole block of a card (its title, its summary).
pub fn block_in_its_language<T>(ctx: &Ctx, text: &Localized<T>, role: &str, value: &str) -> Text {
    Text::block(value, untranslated(ctx, text, role), false)
}

/// The source's language, when the block `role` of `text` is shown untranslated.
fn untranslated<'t, T>(ctx: &Ctx, text: &'t Localized<T>, role: &str) -> Option<&'t str> {
    let shown_in_source = state(ctx, text, role) == BlockState::Untranslated;
    (shown_in_source && ctx.lang != text.source_lang).then_some(text.source_lang.as_str())
}

/// `value`, a text that only the source has (a chapter's title), marked
/// with the source's language on other languages' pages.
pub fn source_only<T>(ctx: &Ctx, text: &Localized<T>, value: &str) -> Text {
    Text::in_language(value, &text.source_lang, ctx.lang)
}

/// A body as HTML, block by block, each block in its own language.
/// `source` is the source body (for heading anchors and levels), `shown` the
/// merged body of the page's language.
pub fn body_html<T>(
    ctx: &Ctx,
    text: &Localized<T>,
    source: &Body,
    shown: &Body,
    top: u8,
) -> String {
    // Headings move as the source's do, by what the check stage read of it.
    let shift = markdown::shift_to(top, source.highest_heading);
    let resolver: &dyn LinkResolver = ctx;
    if ctx.lang == text.source_lang {
        return whole_html(source, resolver, shift);
    }
    if text.translation(ctx.lang).is_none() {
        let lang = &text.source_lang;
        let inner = whole_html(source, resolver, shift);
        return format!(
            "<div class=\"untranslated\" lang=\"{lang}\" dir=\"{}\">{inner}</div>",
            dir_of(lang)
        );
    }
    let ids = &source.block_ids;
    // The check stage wrote the blocks' HTML; a body put together from
    // text alone is parsed block by block.
    let written = shown
        .html
        .as_deref()
        .filter(|html| html.block_count() == shown.block_spans.len());
    let mut html = String::new();
    for (index, block) in shown.blocks().enumerate() {
        let role = format!("body-{}", index + 1);
        let id = ids.get(index).and_then(|i| i.as_deref());
        let inner = match written {
            Some(written) => written.write(Part::Block(index), resolver, shift, id),
            None => markdown::fragment_html(block, resolver, shift, id),
        };
        match state(ctx, text, &role) {
            BlockState::Translated => html.push_str(&inner),
            BlockState::Outdated => {
                html.push_str(&format!("<div class=\"outdated\">{inner}</div>"))
            }
            BlockState::Untranslated => {
                let lang = &text.source_lang;
                html.push_str(&format!(
                    "<div class=\"untranslated\" lang=\"{lang}\" dir=\"{}\">{inner}</div>",
                    dir_of(lang)
                ));
            }
        }
    }
    html
}

/// A whole body as HTML: as the check stage wrote it, or parsed again.
fn whole_html(body: &Body, resolver: &dyn LinkResolver, shift: i8) -> String {
    match &body.html {
        Some(html) => html.write(Part::Whole, resolver, shift, None),
        None => markdown::fragment_html(&body.markdown, resolver, shift, None),
    }
}

/// The notice above a record page that is not in its source language.
#[derive(Debug, Clone, Serialize)]
pub struct Notice {
    /// The sentence (it links to the source page).
    pub html: Text,
    /// Show the "outdated" legend.
    pub outdated_legend: Option<Text>,
    /// Show the "untranslated" legend.
    pub untranslated_legend: Option<Text>,
    /// Nothing is translated: the whole content is in the source language.
    pub fallback: bool,
    /// The source language, for wrapping fallback content.
    pub source_lang: String,
    /// Its direction.
    pub source_dir: &'static str,
}

pub use super::escape::html as escape;

/// The interface string `key` with each `{name}` of `fills` replaced by a
/// piece of text, marked as its language needs: as English as a whole when
/// the string falls back.
pub fn sentence(ctx: &Ctx, key: &str, fills: &[(&str, Text)]) -> Text {
    let mut plain = ctx.strings.get(key).to_string();
    let mut html = escape(&plain);
    for (name, fill) in fills {
        let placeholder = format!("{{{name}}}");
        plain = plain.replace(&placeholder, fill.plain());
        html = html.replace(&placeholder, &fill.to_html());
    }
    let marked = ctx.marked(key, plain.clone());
    if marked.is_marked() {
        // The whole sentence is English: its mark holds the fills' own.
        html = format!(
            "<span lang=\"{}\" dir=\"ltr\">{html}</span>",
            crate::i18n::FALLBACK
        );
    }
    Text::html(plain, html)
}

/// A link to `route` in `lang`, the source's language, which it is marked with.
fn source_link(ctx: &Ctx, lang: &str, title: &str, route: &Route) -> Text {
    let source = ctx.editions.iter().find(|e| e.lang == lang);
    let url = source.map_or_else(|| ctx.url(route), |e| e.urls.url(route));
    let html = format!(
        "<a href=\"{}\" hreflang=\"{lang}\" lang=\"{lang}\" dir=\"{}\">{}</a>",
        escape(&url),
        dir_of(lang),
        escape(title)
    );
    Text::html(title, html)
}

/// The notice for a record page, or `None` in the source language.
pub fn notice<T>(ctx: &Ctx, text: &Localized<T>, title: &str, route: &Route) -> Option<Notice> {
    if ctx.lang == text.source_lang {
        return None;
    }
    let source_lang = text.source_lang.as_str();
    let link = source_link(ctx, source_lang, title, route);
    let language = super::text::autonym(source_lang, ctx.lang);
    let notice = match text.translation(ctx.lang) {
        Some(t) => {
            let percent = Text::same(t.status.percent().to_string());
            Notice {
                html: sentence(
                    ctx,
                    "translation_notice",
                    &[("source", link), ("percent", percent)],
                ),
                outdated_legend: (t.status.outdated > 0)
                    .then(|| ctx.text("translation_outdated_legend")),
                untranslated_legend: (t.status.percent() < 100).then(|| {
                    sentence(
                        ctx,
                        "translation_untranslated_legend",
                        &[("language", language)],
                    )
                }),
                fallback: false,
                source_lang: String::new(),
                source_dir: "",
            }
        }
        None => {
            let here = Text::same(vocab::autonym(ctx.lang));
            let fills = [
                ("language", here),
                ("source_language", language),
                ("source", link),
            ];
            Notice {
                html: sentence(ctx, "translation_fallback", &fills),
                outdated_legend: None,
                untranslated_legend: None,
                fallback: true,
                source_lang: String::new(),
                source_dir: "",
            }
        }
    };
    Some(Notice {
        source_dir: dir_of(source_lang),
        source_lang: source_lang.to_string(),
        ..notice
    })
}

#[cfg(test)]
mod tests {
    use super::escape;

    proptest::proptest! {
        #[test]
        fn escaping_in_one_pass_is_escaping_each_character_in_turn(text in "[a-zé&<>\"' ]{0,24}") {
            let in_turn = text
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;");
            proptest::prop_assert_eq!(escape(&text), in_turn);
        }
    }
}
