//! Interface strings: `i18n/<lang>.yaml`, one flat `key: text` map per language.
//!
//! English is the reference: it defines every key the theme uses. Another
//! language defines what its translators could write well; any key it leaves
//! out falls back to English, key by key, so no label is ever blank. A site
//! without its own `i18n/` folder uses the strings built into tandem.

use std::collections::BTreeMap;
use std::path::Path;

use crate::content::{walk, yaml};
use crate::diagnostic::Diagnostic;

/// The language every other falls back to.
pub const FALLBACK: &str = "en";

/// The strings shipped inside the binary, for sites without an `i18n/` folder.
const BUILT_IN: &[(&str, &str)] = &[("en", include_str!("../i18n/en.yaml"))];

/// One language's interface strings, with the fallback already applied.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct Strings(BTreeMap<String, String>);

impl Strings {
    /// The text of `key`; the key itself if even English lacks it (a theme bug, visible on the page).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.0.get(key).map_or(key, String::as_str)
    }

    /// Every key.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }
}

/// Reads one language's file: `root/i18n/<lang>.yaml`, else the built-in copy.
fn read(root: &Path, lang: &str) -> Result<Option<BTreeMap<String, String>>, Diagnostic> {
    let path = root.join("i18n").join(format!("{lang}.yaml"));
    let shown = format!("i18n/{lang}.yaml");
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
        return Ok(Some(BTreeMap::new()));
    }
    yaml::parse_file::<BTreeMap<String, String>>(&shown, &text).map(Some)
}

/// The strings for `lang`, each missing key taken from English.
pub fn load(root: &Path, lang: &str) -> Result<Strings, Diagnostic> {
    let mut strings = read(root, FALLBACK)?.unwrap_or_default();
    if lang != FALLBACK {
        if let Some(own) = read(root, lang)? {
            strings.extend(own.into_iter().filter(|(_, v)| !v.trim().is_empty()));
        }
    }
    Ok(Strings(strings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_keys_fall_back_to_english() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("i18n")).unwrap();
        std::fs::write(dir.path().join("i18n/en.yaml"), "a: One\nb: Two\n").unwrap();
        std::fs::write(dir.path().join("i18n/fr.yaml"), "a: Un\nb: ''\n").unwrap();
        let fr = load(dir.path(), "fr").unwrap();
        assert_eq!(fr.get("a"), "Un");
        assert_eq!(fr.get("b"), "Two");
        assert_eq!(fr.get("zzz"), "zzz");
    }

    #[test]
    fn the_built_in_english_is_used_without_an_i18n_folder() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path(), "en").unwrap().get("nav_home"), "Home");
    }
}
