//! Translated pages as Meta-Wiki shows them: a notice saying the page is a
//! translated version of its source and how complete it is, every block
//! marked with its own language (an untranslated block keeps its source's
//! `lang` and `dir`), and outdated blocks marked with a legend.

use serde::Serialize;

use crate::content::html::Part;
use crate::content::markdown::{self, LinkResolver};
use crate::site::{BlockState, Body, Localized};
use crate::vocab;

use super::urls::Route;
use super::views::Ctx;

/// A piece of record text with the language it is actually in.
#[derive(Debug, Clone, Serialize)]
pub struct Shown {
    /// The text.
    pub text: String,
    /// Set when the text is not in the page's language (an untranslated block).
    pub lang: Option<String>,
    /// The direction of that language.
    pub dir: Option<&'static str>,
    /// True when the translation is older than its source.
    pub outdated: bool,
    /// The attributes that say so, for the element holding the text
    /// (` lang="ar" dir="rtl"`, ` class="outdated"`, or nothing): what the
    /// theme's `attrs` component writes, made once instead of on every page.
    pub attrs: String,
}

impl Shown {
    /// `text`, in language `lang` when that is not the page's.
    fn new(text: String, lang: Option<String>, outdated: bool) -> Shown {
        let dir = lang.as_deref().map(dir_of);
        let mut attrs = String::new();
        if let (Some(lang), Some(dir)) = (&lang, dir) {
            attrs = format!(" lang=\"{}\" dir=\"{dir}\"", escape(lang));
        }
        if outdated {
            attrs.push_str(" class=\"outdated\"");
        }
        Shown {
            text,
            lang,
            dir,
            outdated,
            attrs,
        }
    }

    /// Text in the page's own language.
    pub fn same(text: String) -> Shown {
        Shown::new(text, None, false)
    }
}

fn dir_of(lang: &str) -> &'static str {
    if vocab::is_right_to_left(lang) {
        "rtl"
    } else {
        "ltr"
    }
}

/// The state of one block of `text` in the page's language.
pub fn state<T>(ctx: &Ctx, text: &Localized<T>, role: &str) -> BlockState {
    if ctx.lang == text.source_lang {
        return BlockState::Translated;
    }
    text.translation(ctx.lang)
        .map_or(BlockState::Untranslated, |t| t.status.state(role))
}

/// One block, annotated.
pub fn shown<T>(ctx: &Ctx, text: &Localized<T>, role: &str, value: &str) -> Shown {
    let state = state(ctx, text, role);
    let foreign = (state == BlockState::Untranslated && ctx.lang != text.source_lang)
        .then(|| text.source_lang.clone());
    Shown::new(value.to_string(), foreign, state == BlockState::Outdated)
}

/// `value`, a text that only the source has (a chapter's title), marked
/// with the source's language on other languages' pages.
pub fn source_only<T>(ctx: &Ctx, text: &Localized<T>, value: &str) -> Shown {
    let foreign = (ctx.lang != text.source_lang).then(|| text.source_lang.clone());
    Shown::new(value.to_string(), foreign, false)
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
    /// The sentence, as HTML (it links to the source page).
    pub html: String,
    /// Show the "outdated" legend.
    pub outdated_legend: Option<String>,
    /// Show the "untranslated" legend.
    pub untranslated_legend: Option<String>,
    /// Nothing is translated: the whole content is in the source language.
    pub fallback: bool,
    /// The source language, for wrapping fallback content.
    pub source_lang: String,
    /// Its direction.
    pub source_dir: &'static str,
}

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    super::escape::replace_ascii(text, |byte| match byte {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        _ => None,
    })
}

/// The notice for a record page, or `None` in the source language.
pub fn notice<T>(ctx: &Ctx, text: &Localized<T>, title: &str, route: &Route) -> Option<Notice> {
    if ctx.lang == text.source_lang {
        return None;
    }
    let source = ctx.editions.iter().find(|e| e.lang == text.source_lang);
    let source_url = source.map_or_else(|| ctx.url(route), |e| e.urls.url(route));
    let link = format!(
        "<a href=\"{}\" hreflang=\"{}\" lang=\"{}\">{}</a>",
        escape(&source_url),
        text.source_lang,
        text.source_lang,
        escape(title)
    );
    let language = escape(vocab::autonym(&text.source_lang));
    let here = escape(vocab::autonym(ctx.lang));
    let (html, outdated_legend, untranslated_legend, fallback) = match text.translation(ctx.lang) {
        Some(t) => {
            let sentence = escape(ctx.strings.get("translation_notice"))
                .replace("{source}", &link)
                .replace("{percent}", &t.status.percent().to_string());
            let outdated = (t.status.outdated > 0).then(|| ctx.t("translation_outdated_legend"));
            let untranslated = (t.status.percent() < 100).then(|| {
                ctx.t("translation_untranslated_legend")
                    .replace("{language}", vocab::autonym(&text.source_lang))
            });
            (sentence, outdated, untranslated, false)
        }
        None => {
            let sentence = escape(ctx.strings.get("translation_fallback"))
                .replace("{language}", &here)
                .replace("{source_language}", &language)
                .replace("{source}", &link);
            (sentence, None, None, true)
        }
    };
    Some(Notice {
        html,
        outdated_legend,
        untranslated_legend,
        fallback,
        source_dir: dir_of(&text.source_lang),
        source_lang: text.source_lang.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::{Shown, escape};

    #[test]
    fn a_text_s_attributes_say_its_language_direction_and_state() {
        assert_eq!(Shown::same("Hello".into()).attrs, "");
        assert_eq!(
            Shown::new("مرحبا".into(), Some("ar".into()), false).attrs,
            " lang=\"ar\" dir=\"rtl\""
        );
        assert_eq!(
            Shown::new("Bonjour".into(), None, true).attrs,
            " class=\"outdated\""
        );
    }

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
