//! Interface strings: `i18n/<lang>.yaml`, one `key: text` map per language.
//!
//! English is the reference: it defines every key the theme uses. Another
//! language defines what its translators could write well; any key it leaves
//! out falls back to English, key by key, so no label is ever blank. A value
//! may instead be a map of CLDR plural categories (`one`, `few`, `other`...),
//! chosen by ICU4X's plural rules for the language; `{n}` is the number.
//! A site without its own `i18n/` folder uses the strings built into tandem.
//!
//! [`Strings::falls_back`] tells which keys show English, so that the render
//! stage can mark them as English wherever a page shows them
//! (`crate::render::text`).

use std::collections::BTreeMap;
use std::path::Path;

use icu_plurals::{PluralCategory, PluralRules};
use serde::Deserialize;

use crate::content::boundary::{self, Boundary};
use crate::content::{walk, yaml};
use crate::diagnostic::Diagnostic;

/// The language every other falls back to.
pub const FALLBACK: &str = "en";

/// The strings shipped inside the binary, for sites without an `i18n/` folder.
const BUILT_IN: &[(&str, &str)] = &[("en", include_str!("../i18n/en.yaml"))];

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

    /// Every plain key.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.text.keys().map(String::as_str)
    }
}

fn category_name(category: PluralCategory) -> &'static str {
    match category {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

/// Reads one language's file: `root/i18n/<lang>.yaml`, else the built-in copy.
pub fn read(root: &Path, lang: &str) -> Result<Option<File>, Diagnostic> {
    let path = root.join("i18n").join(format!("{lang}.yaml"));
    let shown = format!("i18n/{lang}.yaml");
    if path.exists() && !Boundary::new(root).contains(&path) {
        return Err(boundary::outside(&shown));
    }
    // A named pipe would block the build forever, a huge file fill memory.
    match std::fs::metadata(&path) {
        Ok(meta) if !meta.is_file() => {
            return Err(Diagnostic::file(shown, "this is not a regular file")
                .hint("interface strings are a YAML file; replace it with one"));
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
    let text = match std::fs::read(&path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => walk::normalise(text),
            Err(_) => {
                return Err(Diagnostic::file(shown, "this file is not valid UTF-8 text")
                    .hint("save it as UTF-8"));
            }
        },
        Err(_) => match BUILT_IN.iter().find(|(l, _)| *l == lang) {
            Some((_, text)) => (*text).to_string(),
            None => return Ok(None),
        },
    };
    if text.trim().is_empty() {
        return Ok(Some(File::new()));
    }
    yaml::parse_file::<File>(&shown, &text).map(Some)
}

/// The strings for `lang`, each missing key taken from English.
pub fn load(root: &Path, lang: &str) -> Result<Strings, Diagnostic> {
    let english = read(root, FALLBACK)?.unwrap_or_default();
    let own = if lang == FALLBACK {
        english.clone()
    } else {
        read(root, lang)?.unwrap_or_default()
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
    let locale = icu_locale::Locale::try_from_str(lang).ok()?;
    PluralRules::try_new_cardinal((&locale).into()).ok()
}

/// What a language's file lacks and has too much of, for `tandem check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// The language.
    pub lang: String,
    /// Keys English defines that this language doesn't (they fall back to English).
    pub missing: Vec<String>,
    /// Keys this language defines that English doesn't (nothing uses them).
    pub unused: Vec<String>,
}

/// The coverage of every language's strings file.
pub fn coverage(root: &Path, languages: &[String]) -> Result<Vec<Coverage>, Diagnostic> {
    let english = read(root, FALLBACK)?.unwrap_or_default();
    let mut out = Vec::new();
    for lang in languages.iter().filter(|l| *l != FALLBACK) {
        let own = read(root, lang)?.unwrap_or_default();
        out.push(Coverage {
            lang: lang.clone(),
            missing: english
                .keys()
                .filter(|k| own.get(*k).is_none_or(is_blank))
                .cloned()
                .collect(),
            unused: own
                .keys()
                .filter(|k| !english.contains_key(*k))
                .cloned()
                .collect(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("i18n")).unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join("i18n").join(name), text).unwrap();
        }
        dir
    }

    #[test]
    fn missing_keys_fall_back_to_english() {
        let dir = site(&[
            ("en.yaml", "a: One\nb: Two\n"),
            ("fr.yaml", "a: Un\nb: ''\nzz: Inutile\n"),
        ]);
        let fr = load(dir.path(), "fr").unwrap();
        assert_eq!(fr.get("a"), "Un");
        assert_eq!(fr.get("b"), "Two");
        assert_eq!(fr.get("zzz"), "zzz");
        assert_eq!(fr.missing, ["b"]);
        let coverage = coverage(dir.path(), &["en".into(), "fr".into()]).unwrap();
        assert_eq!(coverage[0].missing, ["b"]);
        assert_eq!(coverage[0].unused, ["zz"]);
    }

    #[test]
    fn plurals_follow_each_language_rules() {
        let dir = site(&[
            (
                "en.yaml",
                "n: {one: '{n} session', other: '{n} sessions'}\n",
            ),
            (
                "ar.yaml",
                "n: {zero: 'لا جلسات', one: 'جلسة واحدة', two: 'جلستان', few: '{n} جلسات', many: '{n} جلسة', other: '{n} جلسة'}\n",
            ),
        ]);
        let en = load(dir.path(), "en").unwrap();
        assert_eq!(en.plural("n", 1), "1 session");
        assert_eq!(en.plural("n", 0), "0 sessions");
        let ar = load(dir.path(), "ar").unwrap();
        assert_eq!(ar.plural("n", 0), "لا جلسات");
        assert_eq!(ar.plural("n", 2), "جلستان");
        assert_eq!(ar.plural("n", 5), "5 جلسات");
        assert_eq!(ar.plural("n", 11), "11 جلسة");
    }

    #[test]
    fn the_built_in_english_is_used_without_an_i18n_folder() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path(), "en").unwrap().get("nav_home"), "Home");
    }
}
