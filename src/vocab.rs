//! The closed vocabularies of the record formats (SPEC.md): levels, formats,
//! regions, topic categories and resource kinds, plus slugs and language tags.
//!
//! Raw records keep these as strings so that the check stage can report a
//! misspelt value with its position and a "did you mean" hint; the resolved
//! site holds these enums only. Every enum knows its spelling in the records,
//! which is also its URL segment and its interface-string key.

use serde::Serialize;

/// Declares a closed vocabulary: an enum, its spellings, and parsing.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema)]
        pub enum $name {
            $($(#[$vmeta])* #[doc = concat!("`", $text, "`")] #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every value, in the order the spec lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// Every spelling, in the order the spec lists them.
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            /// The spelling editors write, also used in URLs and string keys.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses an editor's spelling; `None` when it is not in the vocabulary.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// Who a clinic is relevant for.
    Level { Newcomer = "newcomer", Experienced = "experienced" }
}

vocabulary! {
    /// The kind of session.
    Format { Clinic = "clinic", Connectathon = "connectathon", Circle = "circle", Workshop = "workshop" }
}

vocabulary! {
    /// Wikimedia regions, as the programme's reports name them.
    Region {
        Ssa = "ssa", Mena = "mena", SouthAsia = "south-asia", Eseap = "eseap", Ceeca = "ceeca",
        Nwe = "nwe", Lac = "lac", Usca = "usca", CrossRegional = "cross-regional",
    }
}

vocabulary! {
    /// The five categories of the skills taxonomy.
    Category {
        Funding = "funding", Programmatic = "programmatic", Organisational = "organisational",
        Technical = "technical", Interpersonal = "interpersonal",
    }
}

vocabulary! {
    /// What a clinic resource is.
    ResourceKind { Video = "video", Slides = "slides", Audio = "audio", Document = "document", Notes = "notes" }
}

/// True when `text` is a valid slug: lowercase ASCII letters, digits and `-`,
/// not starting or ending with `-`.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with('-')
        && !text.ends_with('-')
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Turns any title into a slug suggestion (`Changemakers Toolkit!` → `changemakers-toolkit`).
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// True when `text` is a well-formed BCP 47 language tag of the simple kind the
/// site uses: a 2–3 letter lowercase primary language, then optional
/// alphanumeric subtags of 2–8 characters (`en`, `bcl`, `pt-BR`, `zh-Hans`).
pub fn is_language_tag(text: &str) -> bool {
    let mut parts = text.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_lowercase()));
    primary_ok
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Languages written right to left, by primary subtag.
pub fn is_right_to_left(lang: &str) -> bool {
    let primary = lang.split('-').next().unwrap_or(lang);
    matches!(
        primary,
        "ar" | "arz" | "ary" | "fa" | "he" | "ur" | "ps" | "sd" | "ckb" | "yi" | "dv"
    )
}

/// A language's name in that language (its autonym), for labels and the
/// language switcher; the code itself when it is not in the list.
pub fn autonym(lang: &str) -> &str {
    match lang.split('-').next().unwrap_or(lang) {
        "en" => "English",
        "fr" => "Français",
        "es" => "Español",
        "pt" => "Português",
        "ar" => "العربية",
        "zh" => "中文",
        "ig" => "Igbo",
        "bcl" => "Bikol Sentral",
        "sw" => "Kiswahili",
        "yo" => "Yorùbá",
        "ha" => "Hausa",
        "hi" => "हिन्दी",
        "or" => "ଓଡ଼ିଆ",
        "bn" => "বাংলা",
        "id" => "Bahasa Indonesia",
        "de" => "Deutsch",
        "it" => "Italiano",
        "ru" => "Русский",
        "uk" => "Українська",
        "tr" => "Türkçe",
        "fa" => "فارسی",
        "ur" => "اردو",
        "he" => "עברית",
        _ => lang,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabularies_round_trip() {
        for r in Region::ALL {
            assert_eq!(Region::parse(r.as_str()), Some(*r));
        }
        assert_eq!(Level::parse("newcomers"), None);
    }

    #[test]
    fn slugs_are_lowercase_ascii_digits_and_dashes() {
        assert!(is_slug("2024-11-changemakers-toolkit"));
        assert!(!is_slug("Changemakers"));
        assert!(!is_slug("a_b"));
        assert!(!is_slug("../x"));
        assert!(!is_slug("-x"));
        assert_eq!(
            slugify("Changemakers Toolkit: by Wikimedia UK!"),
            "changemakers-toolkit-by-wikimedia-uk"
        );
    }

    #[test]
    fn language_tags() {
        assert!(is_language_tag("en"));
        assert!(is_language_tag("bcl"));
        assert!(is_language_tag("pt-BR"));
        assert!(!is_language_tag("English"));
        assert!(!is_language_tag("e"));
        assert!(is_right_to_left("ar"));
        assert!(!is_right_to_left("en"));
    }
}
