//! Text as a page shows it, marked with its language when that is not the
//! page's.
//!
//! A page in Arabic or Chinese still shows English where nothing else
//! exists: a record that is not translated, a topic's name, an interface
//! string a translator has not written yet. Screen readers must read it
//! with an English voice, and on a right-to-left page its punctuation must
//! stay with it. So every fallback makes a [`Text`] that knows its
//! language, and a template writing `{{ x }}` gets
//! `<span lang="en" dir="ltr">…</span>` (an element with `dir` is isolated
//! from the text around it) without doing anything itself: the marking is
//! a property of where the text came from, not of each template. A whole
//! block of a record (a title, a summary) is marked `class="own"` as well,
//! and the stylesheet sets such a block in its own direction, as Meta-Wiki
//! sets an untranslated paragraph.

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

use crate::i18n::{self, Strings};
use crate::vocab;

use super::escape::html as escape;

/// A piece of text and, when it needs it, its HTML with its language marked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    plain: String,
    /// The text as HTML, wrapped in the element that marks it; `None` for
    /// text in the page's language and up to date.
    marked: Option<String>,
}

impl Text {
    /// Text in the page's own language.
    pub fn same(text: impl Into<String>) -> Text {
        Text {
            plain: text.into(),
            marked: None,
        }
    }

    /// `text`, in language `lang` when that is not the page's, and marked as
    /// outdated when its translation is older than its source.
    pub fn new(text: impl Into<String>, lang: Option<&str>, outdated: bool) -> Text {
        Text::marking(text.into(), lang, outdated, false)
    }

    /// A whole block of a record (a title, a summary, a takeaway): like
    /// [`Text::new`], and its mark says so (`class="own"`), so that the
    /// theme can set the block in the text's own direction.
    pub fn block(text: impl Into<String>, lang: Option<&str>, outdated: bool) -> Text {
        Text::marking(text.into(), lang, outdated, true)
    }

    fn marking(plain: String, lang: Option<&str>, outdated: bool, whole: bool) -> Text {
        let mut attributes = String::new();
        if let Some(lang) = lang {
            attributes = format!(" lang=\"{}\" dir=\"{}\"", escape(lang), dir_of(lang));
        }
        let classes = [(whole && lang.is_some(), "own"), (outdated, "outdated")];
        let classes: Vec<&str> = classes.iter().filter(|c| c.0).map(|c| c.1).collect();
        if !classes.is_empty() {
            attributes.push_str(&format!(" class=\"{}\"", classes.join(" ")));
        }
        let marked = (!attributes.is_empty())
            .then(|| format!("<span{attributes}>{}</span>", escape(&plain)));
        Text { plain, marked }
    }

    /// `text`, written in `text_lang`, on a page in `page_lang`.
    pub fn in_language(text: impl Into<String>, text_lang: &str, page_lang: &str) -> Text {
        Text::new(text, (text_lang != page_lang).then_some(text_lang), false)
    }

    /// Already escaped, already marked HTML (a sentence with a link in it).
    pub fn html(plain: impl Into<String>, html: String) -> Text {
        Text {
            plain: plain.into(),
            marked: Some(html),
        }
    }

    /// The text alone, for an attribute, a `<title>` or a feed.
    pub fn plain(&self) -> &str {
        &self.plain
    }

    /// True when the text carries a mark (another language, or outdated).
    pub fn is_marked(&self) -> bool {
        self.marked.is_some()
    }

    /// The text as HTML: escaped, and marked when it needs to be.
    pub fn to_html(&self) -> String {
        self.marked.clone().unwrap_or_else(|| escape(&self.plain))
    }

    /// `parts` one after the other with `separator` between them, each
    /// keeping its own mark (`English, العربية`).
    pub fn join(parts: &[Text], separator: &str) -> Text {
        let plain = parts
            .iter()
            .map(Text::plain)
            .collect::<Vec<_>>()
            .join(separator);
        if parts.iter().all(|p| !p.is_marked()) {
            return Text::same(plain);
        }
        let html = parts
            .iter()
            .map(Text::to_html)
            .collect::<Vec<_>>()
            .join(&escape(separator));
        Text::html(plain, html)
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text::same(text)
    }
}

/// A template gets plain text, which it escapes, or the marked HTML as a
/// safe string, which it writes as it is.
impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.marked {
            None => serializer.serialize_str(&self.plain),
            Some(html) => tera::Value::safe_string(html).serialize(serializer),
        }
    }
}

/// `text`, made from the interface string `key`, marked as English when
/// this language lacks `key` (it falls back to English).
pub fn interface_text(strings: &Strings, key: &str, text: String) -> Text {
    Text::new(
        text,
        strings.falls_back(key).then_some(i18n::FALLBACK),
        false,
    )
}

/// One language's interface strings as templates get them, made once per
/// language (every page gets a copy, which is a reference count).
pub struct Interface {
    /// `t`: each string as a page shows it, a fallback marked as English.
    pub marked: tera::Value,
    /// `plain`: each string as text, for attributes, which can't hold
    /// markup; a fallback on a right-to-left page isolated (LRI … PDI) so
    /// that its punctuation stays where an English reader expects it.
    pub plain: tera::Value,
}

impl Interface {
    /// The template values of `strings`, the strings of `lang`.
    pub fn new(strings: &Strings, lang: &str) -> Interface {
        let rtl = vocab::is_right_to_left(lang);
        let mut marked = BTreeMap::new();
        let mut plain = BTreeMap::new();
        for key in strings.keys() {
            let text = strings.get(key);
            let shown = interface_text(strings, key, text.to_string());
            let value = if shown.is_marked() {
                tera::Value::safe_string(&shown.to_html())
            } else {
                tera::Value::from(text)
            };
            marked.insert(key.to_string(), value);
            let isolated = rtl && strings.falls_back(key);
            let text = if isolated {
                format!("\u{2066}{text}\u{2069}")
            } else {
                text.to_string()
            };
            plain.insert(key.to_string(), tera::Value::from(text));
        }
        Interface {
            marked: tera::Value::from(marked),
            plain: tera::Value::from(plain),
        }
    }
}

/// `rtl` or `ltr`.
pub fn dir_of(lang: &str) -> &'static str {
    if vocab::is_right_to_left(lang) {
        "rtl"
    } else {
        "ltr"
    }
}

/// A language's own name, marked with that language (`English` on an
/// Arabic page is English).
pub fn autonym(lang: &str, page_lang: &str) -> Text {
    Text::in_language(vocab::autonym(lang), lang, page_lang)
}

#[cfg(test)]
mod tests {
    use super::Text;

    #[test]
    fn text_in_another_language_is_marked_with_it_and_isolated() {
        assert_eq!(Text::same("Hello & bye").to_html(), "Hello &amp; bye");
        assert_eq!(
            Text::new("Hello & bye", Some("en"), false).to_html(),
            "<span lang=\"en\" dir=\"ltr\">Hello &amp; bye</span>"
        );
        assert_eq!(
            Text::new("مرحبا", Some("ar"), true).to_html(),
            "<span lang=\"ar\" dir=\"rtl\" class=\"outdated\">مرحبا</span>"
        );
        assert!(!Text::in_language("Bonjour", "fr", "fr").is_marked());
        assert_eq!(
            Text::block("Summary", Some("en"), true).to_html(),
            "<span lang=\"en\" dir=\"ltr\" class=\"own outdated\">Summary</span>"
        );
        assert_eq!(
            Text::block("Résumé", None, true).to_html(),
            "<span class=\"outdated\">Résumé</span>",
            "a block in the page's language needs no direction of its own"
        );
    }

    #[test]
    fn a_template_writes_the_mark_and_escapes_plain_text() {
        let mut tera = tera::Tera::default();
        tera.add_raw_template("t.html", "<p>{{ a }}|{{ b }}</p>")
            .unwrap();
        let mut context = tera::Context::new();
        context.insert("a", &Text::same("<b>"));
        context.insert("b", &Text::new("Topics", Some("en"), false));
        assert_eq!(
            tera.render("t.html", &context).unwrap(),
            "<p>&lt;b&gt;|<span lang=\"en\" dir=\"ltr\">Topics</span></p>"
        );
    }

    #[test]
    fn joined_texts_keep_each_its_own_mark() {
        let joined = Text::join(
            &[
                Text::new("English", Some("en"), false),
                Text::same("العربية"),
            ],
            "، ",
        );
        assert_eq!(joined.plain(), "English، العربية");
        assert_eq!(
            joined.to_html(),
            "<span lang=\"en\" dir=\"ltr\">English</span>، العربية"
        );
    }
}
