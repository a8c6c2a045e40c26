//! Interface strings: English in `i18n/en.yaml` (one `key: text` map, which
//! maintainers edit), every other language in `i18n/<lang>/interface.po`
//! (gettext, which translators edit in their tools; see [`po`]).
//!
//! English is the reference: it defines every key the theme uses. Another
//! language translates what its translators could write well; any key it
//! leaves untranslated (or fuzzy) falls back to English, key by key, so no
//! label is ever blank. A value may instead be a map of CLDR plural
//! categories (`one`, `few`, `other`...), chosen by ICU4X's plural rules for
//! the language; `{n}` is the number. A site without its own `i18n/` folder
//! uses the strings built into tandem.
//!
//! [`Strings::falls_back`] tells which keys show English, so that the render
//! stage can mark them as English wherever a page shows them
//! (`crate::render::text`).

use std::collections::BTreeMap;
use std::path::Path;

use icu_plurals::{PluralCategory, PluralRules};
use serde::Deserialize;

pub mod po;

use crate::content::boundary::{self, Boundary};
use crate::content::{walk, yaml};
use crate::diagnostic::Diagnostic;

/// The language every other falls back to.
pub const FALLBACK: &str = "en";

/// The strings shipped inside the binary, for sites without an `i18n/` folder.
const BUILT_IN: &[(&str, &str)] = &[("en", include_str!("../../i18n/en.yaml"))];

/// One value of a strings file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Value {
    /// A plain text.
    Text(String),
    /// Texts by CLDR plural category.
    Plural(BTreeMap<String, String>),
}

/// A strings file as written.
pub type File = BTreeMap<String, Value>;

/// One language's interface strings, with the fallback already applied.
#[derive(Debug)]
pub struct Strings {
    text: BTreeMap<String, String>,
    plurals: BTreeMap<String, BTreeMap<String, String>>,
    rules: Option<PluralRules>,
    /// Keys English has that this language's own file lacks, sorted.
    pub missing: Vec<String>,
}

impl Strings {
    /// The text of `key`; the key itself if even English lacks it (a theme bug, visible on the page).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.text.get(key).map_or(key, String::as_str)
    }

    /// True when this language lacks `key` and shows English instead.
    pub fn falls_back(&self, key: &str) -> bool {
        self.missing
            .binary_search_by(|missing| missing.as_str().cmp(key))
            .is_ok()
    }

    /// The text of a plural key for `n`, with `{n}` replaced.
    pub fn plural(&self, key: &str, n: usize) -> String {
        let forms = self.plurals.get(key);
        // English's forms (a key this language lacks) follow English's rules:
        // Igbo's rules on "{n} sessions" gave "1 sessions".
        let category = if self.falls_back(key) {
            if n == 1 {
                PluralCategory::One
            } else {
                PluralCategory::Other
            }
        } else {
            self.rules
                .as_ref()
                .map_or(PluralCategory::Other, |r| r.category_for(n))
        };
        let form = forms
            .and_then(|f| f.get(category_name(category)).or_else(|| f.get("other")))
            .map_or(key, String::as_str);
        form.replace("{n}", &n.to_string())
    }

    /// The forms of a plural key by CLDR category, `{n}` kept (for the
    /// browser to choose from), and whether they are English's, this
    /// language lacking them (English's forms follow English's rules).
    pub fn plural_forms(&self, key: &str) -> Option<(&BTreeMap<String, String>, bool)> {
        let forms = self.plurals.get(key)?;
        Some((forms, self.falls_back(key)))
    }

    /// How many keys there are, plain and plural (English's keys).
    pub fn total(&self) -> usize {
        self.text.len() + self.plurals.len()
    }

    /// Every plain key.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.text.keys().map(String::as_str)
    }
}

pub(crate) fn category_name(category: PluralCategory) -> &'static str {
    match category {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

/// The text of the file at `shown` (a path from `root`), `None` if there is
/// none; an error if it is outside the site, not a file, huge or not UTF-8.
pub(crate) fn read_text(root: &Path, shown: &str) -> Result<Option<String>, Diagnostic> {
    let path = root.join(shown);
    if path.exists() && !Boundary::new(root).contains(&path) {
        return Err(boundary::outside(shown));
    }
    // A named pipe would block the build forever, a huge file fill memory.
    match std::fs::metadata(&path) {
        Ok(meta) if !meta.is_file() => {
            return Err(Diagnostic::file(shown, "this is not a regular file")
                .hint("interface strings are a text file; replace it with one"));
        }
        Ok(meta) if meta.len() > walk::MAX_FILE_BYTES => {
            return Err(Diagnostic::file(
                shown,
                format!(
                    "the file is {} bytes, more than the {} it may have",
                    meta.len(),
                    walk::MAX_FILE_BYTES
                ),
            )
            .hint("interface strings are a few kilobytes; check that this is the right file"));
        }
        _ => {}
    }
    match std::fs::read(&path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Ok(Some(walk::normalise(text))),
            Err(_) => Err(Diagnostic::file(shown, "this file is not valid UTF-8 text")
                .hint("save it as UTF-8")),
        },
        Err(_) => Ok(None),
    }
}

/// English's file as written: `root/i18n/en.yaml`, else the built-in copy.
fn english_text(root: &Path) -> Result<String, Diagnostic> {
    let shown = format!("i18n/{FALLBACK}.yaml");
    Ok(read_text(root, &shown)?.unwrap_or_else(|| BUILT_IN[0].1.to_string()))
}

/// Reads a YAML strings file: `i18n/en.yaml` (else the built-in copy), or a
/// language's file from before the PO files (`i18n/<lang>.yaml`), if any.
pub fn read(root: &Path, lang: &str) -> Result<Option<File>, Diagnostic> {
    let shown = format!("i18n/{lang}.yaml");
    let text = if lang == FALLBACK {
        english_text(root)?
    } else {
        match read_text(root, &shown)? {
            Some(text) => text,
            None => return Ok(None),
        }
    };
    if text.trim().is_empty() {
        return Ok(Some(File::new()));
    }
    yaml::parse_file::<File>(&shown, &text).map(Some)
}

/// English's keys in the order `en.yaml` lists them (the template's order).
pub fn english_order(root: &Path) -> Result<Vec<String>, Diagnostic> {
    let text = english_text(root)?;
    Ok(text
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'))
        .filter_map(|l| l.split_once(':').map(|(k, _)| k.trim().to_string()))
        .collect())
}

/// The translations of `lang` from its PO file (nothing if it has none yet);
/// an error if only an old `i18n/<lang>.yaml` is there.
fn own(root: &Path, lang: &str, english: &File) -> Result<File, Diagnostic> {
    match po::read(root, lang)? {
        Some(catalog) => po::strings(&catalog, &po::po_path(lang), lang, english),
        None if root.join(format!("i18n/{lang}.yaml")).is_file() => Err(Diagnostic::file(
            format!("i18n/{lang}.yaml"),
            "interface translations are now gettext files, and this one has not been converted",
        )
        .hint(format!(
            "run `tandem translations update`: it writes {} from this file, which you can then delete",
            po::po_path(lang)
        ))),
        None => Ok(File::new()),
    }
}

/// The strings for `lang`, each missing key taken from English.
pub fn load(root: &Path, lang: &str) -> Result<Strings, Diagnostic> {
    let english = read(root, FALLBACK)?.unwrap_or_default();
    let own = if lang == FALLBACK {
        english.clone()
    } else {
        own(root, lang, &english)?
    };
    let mut strings = Strings {
        text: BTreeMap::new(),
        plurals: BTreeMap::new(),
        rules: plural_rules(lang),
        missing: Vec::new(),
    };
    for (key, value) in english.iter() {
        let chosen = own.get(key).filter(|v| !is_blank(v));
        if chosen.is_none() {
            strings.missing.push(key.clone());
        }
        match chosen.unwrap_or(value) {
            Value::Text(text) => {
                strings.text.insert(key.clone(), text.clone());
            }
            Value::Plural(forms) => {
                strings.plurals.insert(key.clone(), forms.clone());
            }
        }
    }
    Ok(strings)
}

fn is_blank(value: &Value) -> bool {
    match value {
        Value::Text(text) => text.trim().is_empty(),
        Value::Plural(forms) => forms.values().all(|f| f.trim().is_empty()),
    }
}

fn plural_rules(lang: &str) -> Option<PluralRules> {
    crate::gettext::plural_rules(lang)
}

/// What a language's catalogue lacks and has too much of, for `tandem check`
/// and `tandem translations`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// The language.
    pub lang: String,
    /// Keys English defines that this language doesn't translate (they fall back to English).
    pub missing: Vec<String>,
    /// Keys this language's catalogue has that English doesn't (nothing uses them).
    pub unused: Vec<String>,
    /// Translated, non-fuzzy messages and all messages of the catalogue
    /// (Translate's completeness; what `pocount` counts).
    pub translated: usize,
    /// All messages of the catalogue (English's keys when it has none yet).
    pub total: usize,
}

/// The coverage of every language's interface catalogue.
pub fn coverage(root: &Path, languages: &[String]) -> Result<Vec<Coverage>, Diagnostic> {
    let english = read(root, FALLBACK)?.unwrap_or_default();
    let mut out = Vec::new();
    for lang in languages.iter().filter(|l| *l != FALLBACK) {
        let own = own(root, lang, &english)?;
        let catalog = po::read(root, lang)?;
        let (translated, total) = catalog
            .as_ref()
            .map_or((0, english.len()), |c| c.completeness());
        out.push(Coverage {
            lang: lang.clone(),
            missing: english
                .keys()
                .filter(|k| own.get(*k).is_none_or(is_blank))
                .cloned()
                .collect(),
            unused: catalog
                .iter()
                .flat_map(|c| &c.messages)
                .filter_map(|m| m.msgctxt.clone())
                .filter(|k| !english.contains_key(k))
                .collect(),
            translated,
            total,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
