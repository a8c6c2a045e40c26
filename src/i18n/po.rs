//! The interface strings in gettext form, for translators' tools:
//! `i18n/templates/interface.pot` is made from `i18n/en.yaml` (one message
//! per key: `msgctxt` the key, `msgid` the English text; a plural key's
//! `msgid` is English's `one`, its `msgid_plural` English's `other`), and
//! each language's `i18n/<lang>/interface.po` is read back into the
//! language's strings: translated, non-fuzzy messages are used (as
//! `msgfmt` does), the rest fall back to English. `msgstr[i]` of a plural
//! message is the i-th CLDR category of the language (zero, one, two, few,
//! many, other order), as its `Plural-Forms` header says.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::{File, Value};
use crate::diagnostic::{Diagnostic, Position};
use crate::gettext::{self, Catalog, Message};

/// Where the template is, from the site root.
pub const TEMPLATE: &str = "i18n/templates/interface.pot";

/// Where a language's catalogue is, from the site root.
pub fn po_path(lang: &str) -> String {
    format!("i18n/{lang}/interface.po")
}

/// The template: one message per key of English, in `order` (the keys as
/// `en.yaml` lists them).
pub fn template(english: &File, order: &[String]) -> Catalog {
    let mut catalog = Catalog::default();
    // A template's header: the fields a catalogue fills in are left empty.
    for (k, v) in [
        ("Project-Id-Version", "interface"),
        ("PO-Revision-Date", ""),
        ("Last-Translator", ""),
        ("Language-Team", ""),
        ("Language", ""),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
    ] {
        catalog.set_header_field(k, v);
    }
    for key in order {
        let Some(value) = english.get(key) else {
            continue;
        };
        let mut message = Message::new(Some(key.clone()), "");
        match value {
            Value::Text(text) => message.msgid = text.clone(),
            Value::Plural(forms) => {
                let one = forms.get("one").or_else(|| forms.get("other"));
                message.msgid = one.cloned().unwrap_or_default();
                message.msgid_plural = Some(forms.get("other").cloned().unwrap_or_default());
                message.msgstr = vec![String::new(); 2];
            }
        }
        message.extracted_comments = notes(key, &message);
        message.references = vec!["i18n/en.yaml".to_string()];
        catalog.messages.push(message);
    }
    catalog
}

/// The `#.` notes of a key: where it shows, its placeholders, its plural forms.
fn notes(key: &str, message: &Message) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(place) = place(key) {
        notes.push(place.to_string());
    }
    let mut names: BTreeSet<String> = placeholders(&message.msgid);
    names.extend(message.msgid_plural.iter().flat_map(|p| placeholders(p)));
    if !names.is_empty() {
        let list: Vec<String> = names.iter().map(|n| format!("{{{n}}}")).collect();
        notes.push(format!(
            "Keep {} as written: replaced when the page is shown.",
            list.join(", ")
        ));
    }
    if message.msgid_plural.is_some() {
        notes.push(
            "Plural: one form per category of your language (CLDR order zero, one, two, few, many, other; see Plural-Forms)."
                .to_string(),
        );
    }
    notes
}

/// Where the strings of a key's family show.
fn place(key: &str) -> Option<&'static str> {
    const PLACES: &[(&str, &str)] = &[
        ("nav_", "Navigation bar, on every page."),
        ("menu_", "Navigation bar, on every page."),
        (
            "skip_",
            "Link for keyboard and screen-reader users, on every page.",
        ),
        ("breadcrumb_", "Trail of links above a page's title."),
        ("footer_", "Footer of every page."),
        ("home_", "Home page."),
        ("level_", "Experience levels: labels and level pages."),
        ("levels_", "Session pages: who the session is for."),
        ("format_", "Session formats."),
        ("region_", "Wikimedia regions."),
        ("category_", "Topic groups, on the topics page."),
        (
            "resource_",
            "Session pages: kinds of recording and material.",
        ),
        ("clinic_", "Session pages."),
        ("clip_", "Session pages: links into a recording."),
        ("unit_", "Durations."),
        ("time_", "Times of sessions."),
        ("calendar_", "Calendar page."),
        ("topics_", "Topics page."),
        ("topic_", "Topic pages."),
        ("sharers_", "Sharers page."),
        ("sharer_", "Sharer pages."),
        ("register", "Link to the programme's registration."),
        ("newsletter_", "Newsletter pages."),
        (
            "page_not_found_",
            "Page shown for an address that does not exist.",
        ),
        ("summary_", "One-page summaries of sessions."),
        ("list_", "Between the items of a list."),
        ("language", "Language switcher and translation notices."),
        ("translations_", "Translation status page."),
        ("translation_", "Notice on translated pages."),
        ("pager_", "Page numbers of long lists."),
        ("search_", "Search page."),
        ("kind_", "Search page: kinds of result."),
    ];
    PLACES
        .iter()
        .find(|(prefix, _)| key.starts_with(prefix))
        .map(|(_, place)| *place)
}

/// The `{name}` placeholders of a text.
pub fn placeholders(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end)
                if after[..end]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_')
                    && end > 0 =>
            {
                out.insert(after[..end].to_string());
                rest = &after[end + 1..];
            }
            _ => rest = after,
        }
    }
    out
}

/// A new catalogue for `lang` from the template, created on `date`
/// (`YYYY-MM-DD`), with the header fields translators' tools and
/// `msgfmt --check-header` expect, in gettext's order.
pub fn new_catalog(template: &Catalog, lang: &str, date: &str) -> Catalog {
    let mut catalog = Catalog::default();
    let project = template
        .header_field("Project-Id-Version")
        .unwrap_or("interface");
    let plural = gettext::plural_forms(lang).map(|(n, e)| format!("nplurals={n}; plural={e};"));
    let fields = [
        ("Project-Id-Version", Some(project.to_string())),
        ("PO-Revision-Date", Some(format!("{date} 00:00+0000"))),
        (
            "Last-Translator",
            Some("Let's Connect translators".to_string()),
        ),
        (
            "Language-Team",
            Some(format!("Let's Connect translators ({lang})")),
        ),
        ("Language", Some(lang.to_string())),
        ("MIME-Version", Some("1.0".to_string())),
        (
            "Content-Type",
            Some("text/plain; charset=UTF-8".to_string()),
        ),
        ("Content-Transfer-Encoding", Some("8bit".to_string())),
        ("Plural-Forms", plural),
    ];
    for (name, value) in fields {
        if let Some(value) = value {
            catalog.set_header_field(name, &value);
        }
    }
    let n = catalog.nplurals().unwrap_or(2);
    catalog.messages = template
        .messages
        .iter()
        .map(|m| {
            let mut m = m.clone();
            if m.msgid_plural.is_some() {
                m.msgstr = vec![String::new(); n];
            }
            m
        })
        .collect();
    catalog
}

/// A catalogue for `lang` holding the translations of an old `i18n/<lang>.yaml`.
pub fn from_yaml(template: &Catalog, lang: &str, own: &File, date: &str) -> Catalog {
    let mut catalog = new_catalog(template, lang, date);
    let categories = category_names(lang);
    for message in &mut catalog.messages {
        let key = message.msgctxt.clone().unwrap_or_default();
        match (own.get(&key), message.msgid_plural.is_some()) {
            (Some(Value::Text(text)), false) => message.msgstr = vec![text.clone()],
            (Some(Value::Plural(forms)), true) => {
                let other = forms.get("other").cloned().unwrap_or_default();
                message.msgstr = categories
                    .iter()
                    .map(|c| forms.get(*c).cloned().unwrap_or_else(|| other.clone()))
                    .collect();
            }
            _ => {}
        }
    }
    catalog
}

/// The names of `lang`'s CLDR categories, in `msgstr[i]` order.
pub fn category_names(lang: &str) -> Vec<&'static str> {
    gettext::plural_rules(lang)
        .map(|rules| {
            gettext::categories(&rules)
                .into_iter()
                .map(super::category_name)
                .collect()
        })
        .unwrap_or_else(|| vec!["other"])
}

/// The translated strings of `catalog` (read from `path`), by key, for the
/// keys English has with the same source text; an error when a translation
/// drops, adds or changes a placeholder.
pub fn strings(
    catalog: &Catalog,
    path: &str,
    lang: &str,
    english: &File,
) -> Result<File, Diagnostic> {
    let categories = category_names(lang);
    let mut out = BTreeMap::new();
    for message in catalog.messages.iter().filter(|m| m.is_translated()) {
        let Some(key) = message.msgctxt.as_deref() else {
            continue;
        };
        check_placeholders(message, path)?;
        let value = match (english.get(key), &message.msgid_plural) {
            (Some(Value::Text(source)), None) if *source == message.msgid => {
                Value::Text(message.msgstr[0].clone())
            }
            (Some(Value::Plural(forms)), Some(plural))
                if forms.get("other") == Some(plural)
                    && forms.get("one").or(forms.get("other")) == Some(&message.msgid) =>
            {
                let chosen = categories
                    .iter()
                    .zip(&message.msgstr)
                    .map(|(c, text)| (c.to_string(), text.clone()))
                    .collect();
                Value::Plural(chosen)
            }
            _ => continue,
        };
        out.insert(key.to_string(), value);
    }
    Ok(out)
}

/// An error unless every translation has the source's placeholders (a
/// plural form may leave out `{n}`, as "one result" does).
fn check_placeholders(message: &Message, path: &str) -> Result<(), Diagnostic> {
    let mut source = placeholders(&message.msgid);
    let plural = message.msgid_plural.is_some();
    source.extend(message.msgid_plural.iter().flat_map(|p| placeholders(p)));
    for text in &message.msgstr {
        let found = placeholders(text);
        let wrong = if plural {
            !found.is_subset(&source)
        } else {
            found != source
        };
        if wrong {
            let show = |set: &BTreeSet<String>| {
                let names: Vec<String> = set.iter().map(|n| format!("{{{n}}}")).collect();
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                }
            };
            return Err(Diagnostic::at(
                path,
                Position::new(message.line, 1),
                format!(
                    "the translation of `{}` has the placeholders {}, the English text {}",
                    message.msgctxt.as_deref().unwrap_or(""),
                    show(&found),
                    show(&source)
                ),
            )
            .hint("keep each {name} exactly as the English text writes it (translate the words around it)"));
        }
    }
    Ok(())
}

/// Reads `i18n/<lang>/interface.po` under `root`, if there is one.
pub fn read(root: &Path, lang: &str) -> Result<Option<Catalog>, Diagnostic> {
    let shown = po_path(lang);
    let Some(text) = super::read_text(root, &shown)? else {
        return Ok(None);
    };
    gettext::parse(&shown, &text).map(Some)
}
