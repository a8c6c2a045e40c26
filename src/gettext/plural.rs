//! `Plural-Forms` for each language, derived from CLDR's cardinal rules:
//! the forms are CLDR's categories the language uses, in the order
//! Weblate and translate-toolkit give them (zero, one, two, few, many,
//! other), so `msgstr[i]` is the i-th category. [`category_index`] gives
//! the same index from ICU4X at run time; a test proves the two agree.

use icu_plurals::{PluralCategory, PluralRules};

/// CLDR's categories in gettext form order.
const ORDER: [PluralCategory; 6] = [
    PluralCategory::Zero,
    PluralCategory::One,
    PluralCategory::Two,
    PluralCategory::Few,
    PluralCategory::Many,
    PluralCategory::Other,
];

/// `nplurals` and the `plural=` expression for `lang`, when known.
pub fn plural_forms(lang: &str) -> Option<(usize, &'static str)> {
    let base = lang.split(['-', '_']).next().unwrap_or(lang);
    Some(match base {
        "zh" | "ja" | "ko" | "ig" | "yo" | "id" | "ms" | "th" | "vi" | "my" | "km" | "lo"
        | "jv" | "su" | "bcl" => (1, "0"),
        "en" | "de" | "nl" | "sv" | "da" | "nb" | "nn" | "no" | "fi" | "et" | "el" | "hu"
        | "tr" | "sw" | "ha" | "ur" | "af" | "bg" | "eu" | "gl" => (2, "(n != 1)"),
        "hi" | "bn" | "fa" | "gu" | "kn" | "zu" | "am" | "as" => (2, "(n > 1)"),
        "fr" | "pt" => (
            3,
            "(n == 0 || n == 1) ? 0 : (n != 0 && n % 1000000 == 0) ? 1 : 2",
        ),
        "es" | "it" | "ca" => (3, "(n == 1) ? 0 : (n != 0 && n % 1000000 == 0) ? 1 : 2"),
        "ar" => (
            6,
            "(n == 0) ? 0 : (n == 1) ? 1 : (n == 2) ? 2 : (n % 100 >= 3 && n % 100 <= 10) ? 3 : (n % 100 >= 11) ? 4 : 5",
        ),
        _ => return None,
    })
}

/// CLDR's cardinal rules for `lang` (the root rules, `other` only, for a language CLDR lacks).
pub fn rules(lang: &str) -> Option<PluralRules> {
    let locale = icu_locale::Locale::try_from_str(lang).ok()?;
    PluralRules::try_new_cardinal((&locale).into()).ok()
}

/// The categories `rules` uses, in gettext form order.
pub fn categories(rules: &PluralRules) -> Vec<PluralCategory> {
    let used: Vec<PluralCategory> = rules.categories().collect();
    ORDER.into_iter().filter(|c| used.contains(c)).collect()
}

/// The `msgstr[i]` index for `n` in `lang`: the position of CLDR's category
/// for `n` among the language's categories.
pub fn category_index(lang: &str, n: u64) -> usize {
    let Some(rules) = rules(lang) else { return 0 };
    let category = rules.category_for(n);
    categories(&rules)
        .iter()
        .position(|c| *c == category)
        .unwrap_or(0)
}
