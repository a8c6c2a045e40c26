//! Rules for records translated in PO files (`i18n/<lang>/<section>/<slug>.po`):
//! a configured language other than the default, a record it translates,
//! no `.<lang>.md` translation of the same record, and in every translated
//! message the internal links of its source text, no more and no fewer.
//!
//! A checked PO file becomes the record's [`Translated`] text: each unit
//! whose message is translated replaces the source's, a fuzzy one shows its
//! old translation marked outdated, and the others show the source.
//! Completeness is Translate's (and `pocount`'s): translated, non-fuzzy
//! messages over all the record's messages.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::config::SiteConfig;
use crate::content::po_files::PoFile;
use crate::content::units;
use crate::diagnostic::{Diagnostic, Diagnostics, Position};
use crate::gettext::{Catalog, Message};
use crate::site::{
    BlockState, Clinic, Issue, Localized, Page, Record, Sharer, Site, SlugIndex, Status, Topic,
    Translated,
};

use super::blocks::{self, TextBlocks};
use super::record_units::{RecordUnits, record_units};

/// Checks every PO file and attaches each to the record it translates.
/// Runs after the `.<lang>.md` translations are attached.
pub fn attach(site: &mut Site, files: &[PoFile], config: &SiteConfig, problems: &mut Diagnostics) {
    if files.is_empty() {
        return;
    }
    attach_kind::<Clinic>(site, files, config, problems);
    attach_kind::<Sharer>(site, files, config, problems);
    attach_kind::<Topic>(site, files, config, problems);
    attach_kind::<Issue>(site, files, config, problems);
    attach_kind::<Page>(site, files, config, problems);
}

/// A checked PO translation: the record's position, the language, the merged text.
type Attachment<R> = (usize, String, Box<Translated<<R as Record>::Text>>);

/// Checks and attaches the PO files of one kind of record.
fn attach_kind<R: Record>(
    site: &mut Site,
    files: &[PoFile],
    config: &SiteConfig,
    problems: &mut Diagnostics,
) where
    R::Text: TextBlocks,
{
    let checked: Vec<(Diagnostics, Option<Attachment<R>>)> = {
        let index = SlugIndex::new(site);
        let site = &*site;
        files
            .par_iter()
            .filter(|file| file.section == R::SECTION)
            .map(|file| {
                let mut found = Diagnostics::new();
                let attachment = check_one::<R>(site, &index, file, config, &mut found);
                (found, attachment)
            })
            .collect()
    };
    for (found, attachment) in checked {
        problems.append(found);
        if let Some((i, lang, text)) = attachment {
            R::all_mut(site)[i]
                .text_mut()
                .translations
                .insert(lang, text);
        }
    }
}

fn check_one<R: Record>(
    site: &Site,
    index: &SlugIndex,
    file: &PoFile,
    config: &SiteConfig,
    problems: &mut Diagnostics,
) -> Option<Attachment<R>>
where
    R::Text: TextBlocks,
{
    if !language_ok(file, config, problems) {
        return None;
    }
    let catalog = match crate::gettext::parse(&file.path, &file.text) {
        Ok(catalog) => catalog,
        Err(problem) => {
            problems.push(problem);
            return None;
        }
    };
    let Some(i) = index.get(R::SECTION, &file.slug) else {
        let source = format!("content/{}/{}.md", file.section.folder(), file.slug);
        problems.push(
            Diagnostic::file(&file.path, format!("this translation has no record: {source} does not exist"))
                .hint(format!("a record's PO file is named after it; if {source} was renamed, rename this file too, or delete it if the record is gone")),
        );
        return None;
    };
    let text = translate(R::all(site)[i].text(), file, &catalog, problems)?;
    Some((i, file.lang.clone(), text))
}

fn language_ok(file: &PoFile, config: &SiteConfig, problems: &mut Diagnostics) -> bool {
    let lang = file.lang.as_str();
    if lang == config.default_language {
        problems.push(
            Diagnostic::file(
                &file.path,
                format!("`{lang}` is the site's default language, so this file translates nothing"),
            )
            .hint(format!(
                "edit the source content/{}/{}.md instead",
                file.section.folder(),
                file.slug
            )),
        );
        return false;
    }
    if !config.languages.iter().any(|l| l == lang) {
        problems.push(
            Diagnostic::file(&file.path, format!("`{lang}` is not one of the site's languages"))
                .hint(format!("add `{lang}` to `languages` in content/site.yaml, or move the file; configured: {}", config.languages.join(", "))),
        );
        return false;
    }
    true
}

/// A unit's translation, as its message gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found<'c> {
    Untranslated,
    Fuzzy(&'c str),
    Translated(&'c str),
}

impl<'c> Found<'c> {
    fn of(message: Option<&&'c Message>) -> Self {
        let Some(message) = message else {
            return Found::Untranslated;
        };
        match message.msgstr.first().map(String::as_str) {
            Some(text) if !text.trim().is_empty() && message.is_fuzzy() => Found::Fuzzy(text),
            Some(text) if !text.trim().is_empty() => Found::Translated(text),
            _ => Found::Untranslated,
        }
    }

    fn text(self) -> Option<&'c str> {
        match self {
            Found::Fuzzy(t) | Found::Translated(t) => Some(t),
            Found::Untranslated => None,
        }
    }
}

/// The translation of `source` that `catalog` gives, or `None` with the problems found.
fn translate<T: TextBlocks>(
    source: &Localized<T>,
    file: &PoFile,
    catalog: &Catalog,
    problems: &mut Diagnostics,
) -> Option<Box<Translated<T>>> {
    if let Some(other) = source.translation(&file.lang) {
        problems.push(
            Diagnostic::file(
                &file.path,
                format!(
                    "this record is translated into `{}` twice: here and in {}",
                    file.lang, other.path
                ),
            )
            .hint(format!(
                "keep one: `tandem translations import` turns {} into this PO file",
                other.path
            )),
        );
        return None;
    }
    let before = problems.len();
    links_kept(file, catalog, problems);
    let units = record_units(&source.source);
    let by_id: FxHashMap<&str, &Message> = catalog
        .messages
        .iter()
        .filter(|m| m.msgctxt.is_none() && m.msgid_plural.is_none())
        .map(|m| (m.msgid.as_str(), m))
        .collect();
    let found: Vec<Found> = units
        .units
        .iter()
        .map(|u| Found::of(by_id.get(u.text.as_str())))
        .collect();
    let text = merged(source, &units, &found, file, problems);
    if problems.len() > before {
        return None;
    }
    let status = status(&units, &found);
    Some(Box::new(Translated {
        path: file.path.clone(),
        text: text?,
        status,
    }))
}

/// Every translated message keeps its source's internal links.
fn links_kept(file: &PoFile, catalog: &Catalog, problems: &mut Diagnostics) {
    for message in &catalog.messages {
        let Some(text) = message.msgstr.first().filter(|t| !t.is_empty()) else {
            continue;
        };
        if !message.msgid.contains("@/") && !text.contains("@/") {
            continue;
        }
        let (want, have) = (
            units::internal_links(&message.msgid),
            units::internal_links(text),
        );
        if want != have {
            let shown = |l: &[String]| {
                if l.is_empty() {
                    "none".to_string()
                } else {
                    l.join(", ")
                }
            };
            problems.push(
                Diagnostic::at(&file.path, Position::new(message.line.max(1), 1), format!("this translation's internal links ({}) are not the source's ({})", shown(&have), shown(&want)))
                    .hint("keep each `@/…` link of the msgid in the msgstr, unchanged: translate only the link's text"),
            );
        }
    }
}

/// The source text with the translated units in place.
fn merged<T: TextBlocks>(
    source: &Localized<T>,
    units: &RecordUnits,
    found: &[Found],
    file: &PoFile,
    problems: &mut Diagnostics,
) -> Option<T> {
    let mut given = std::collections::BTreeMap::new();
    for (unit, found) in units.units.iter().zip(found) {
        if let (None, Some(text)) = (unit.body_index, found.text()) {
            given.insert(unit.role.clone(), text.trim().to_string());
        }
    }
    let given_blocks: rustc_hash::FxHashSet<&str> = units
        .units
        .iter()
        .zip(found)
        .filter(|(u, f)| u.body_index.is_some() && f.text().is_some())
        .map(|(u, _)| u.role.as_str())
        .collect();
    let body_text = body_translations(units, found, &given_blocks, &source.source_lang);
    let source = &source.source;
    let mut translated_body = None;
    if !given_blocks.is_empty() {
        let body = source.body();
        let markdown =
            units::reassemble(&body.markdown, &units.body, |i, _| body_text[i].as_deref());
        let mut outline = crate::content::markdown::outline(&markdown, body.first_line);
        unsafe_messages(&outline, file, found, problems);
        let read = super::records::body_from(markdown.into(), body.first_line, &mut outline);
        if read.block_spans.len() != body.block_spans.len() {
            problems.push(
                Diagnostic::file(&file.path, format!("put together, the translated body has {} blocks where the source has {}", read.block_spans.len(), body.block_spans.len()))
                    .hint("a translation must not start a new block: no blank line inside a msgstr, and no `#`, `-`, `>` or `|` at the start of one that the msgid does not have"),
            );
            return None;
        }
        for (i, block) in read.blocks().enumerate() {
            let role = format!("body-{}", i + 1);
            if given_blocks.contains(role.as_str()) {
                given.insert(role, block.to_string());
            }
        }
        translated_body = Some(read);
    }
    let (text, _) = blocks::merge(source, &given, None, translated_body.as_ref());
    Some(text)
}

/// The text each body unit takes: its translation; in a block that has
/// some, the source's text marked with its language; or `None` (the source).
fn body_translations<'f>(
    units: &RecordUnits,
    found: &[Found<'f>],
    given_blocks: &rustc_hash::FxHashSet<&str>,
    source_lang: &str,
) -> Vec<Option<std::borrow::Cow<'f, str>>> {
    let dir = if crate::vocab::is_right_to_left(source_lang) {
        "rtl"
    } else {
        "ltr"
    };
    let mut out = vec![None; units.body.len()];
    for (unit, found) in units.units.iter().zip(found) {
        let Some(i) = unit.body_index else { continue };
        out[i] = match found.text() {
            Some(text) => Some(std::borrow::Cow::Borrowed(text)),
            None if given_blocks.contains(unit.role.as_str()) => {
                Some(std::borrow::Cow::Owned(format!(
                    "<span lang=\"{source_lang}\" dir=\"{dir}\">{}</span>",
                    unit.text
                )))
            }
            None => None,
        };
    }
    out
}

/// Reports the messages whose translation holds a link or HTML that the
/// site refuses (found only when the whole body has some).
fn unsafe_messages(
    outline: &crate::content::markdown::Outline,
    file: &PoFile,
    found: &[Found],
    problems: &mut Diagnostics,
) {
    if outline.unsafe_links.is_empty()
        && outline.unsafe_html.is_empty()
        && outline.too_deep.is_none()
    {
        return;
    }
    let before = problems.len();
    for text in found.iter().filter_map(|f| f.text()) {
        let one = crate::content::markdown::outline(text, 1);
        if let Some((what, _)) = one.unsafe_links.first().or(one.unsafe_html.first()) {
            problems.push(
                Diagnostic::file(&file.path, format!("a translation holds `{what}`, which the site does not allow"))
                    .hint("links go to `https://` addresses or to records (`@/…`); raw HTML may not run scripts"),
            );
        }
    }
    if problems.len() == before {
        problems.push(Diagnostic::file(
            &file.path,
            "the translated body holds a link or raw HTML the site does not allow",
        ));
    }
}

/// How far the translation has got: per block for the page's marks, per
/// message for completeness.
fn status(units: &RecordUnits, found: &[Found]) -> Status {
    let mut status = Status {
        stamped: true,
        ..Status::default()
    };
    let mut messages: FxHashMap<&str, Found> = FxHashMap::default();
    for (unit, found) in units.units.iter().zip(found) {
        messages.insert(unit.text.as_str(), *found);
        let state = match found {
            Found::Untranslated => BlockState::Untranslated,
            Found::Fuzzy(_) => BlockState::Outdated,
            Found::Translated(_) => BlockState::Translated,
        };
        status
            .blocks
            .entry(unit.role.clone())
            .and_modify(|s| *s = block_state(*s, state))
            .or_insert(state);
    }
    status.counted = messages.len();
    status.translated = messages
        .values()
        .filter(|f| matches!(f, Found::Translated(_)))
        .count();
    status.outdated = messages
        .values()
        .filter(|f| matches!(f, Found::Fuzzy(_)))
        .count();
    status
}

/// A block of several units: outdated if one is, translated if one is,
/// shown as the source only when none is.
fn block_state(a: BlockState, b: BlockState) -> BlockState {
    use BlockState::*;
    match (a, b) {
        (Outdated, _) | (_, Outdated) => Outdated,
        (Translated, _) | (_, Translated) => Translated,
        _ => Untranslated,
    }
}
