//! The search dictionary: every indexed term with its postings per field,
//! and every surface form of the content mapped to its term, so the browser
//! never stems. Exported as shards for the browser; used as is by
//! `tandem search`. Both resolve a query with the same rules
//! ([`Dictionary::resolve`]): exact words, type-ahead on the last word, one
//! typo in words of five letters or more — a typo being one letter added,
//! dropped, changed, or two neighbours swapped (optimal string alignment, a
//! restricted Damerau–Levenshtein distance). When nothing is found, both
//! suggest the same spelling ([`Dictionary::suggest`]).

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;

use super::analyzer;

/// BM25 constants, as in tantivy.
pub const K1: f32 = 1.2;
/// BM25 length normalisation, as in tantivy.
pub const B: f32 = 0.75;
/// Type-ahead adds at most this many completions of the last word.
pub const MAX_PREFIX: usize = 5;
/// A typo is corrected to at most this many terms.
pub const MAX_FUZZY: usize = 3;
/// Words of at least this many letters are corrected when not found.
pub const MIN_FUZZY: usize = 5;
/// Words of at least this many letters get a suggested spelling.
pub const MIN_SUGGEST: usize = 3;

/// One field's postings of a term.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FieldPostings {
    /// Index of the field in the schema's field list.
    pub field: usize,
    /// BM25 weight: idf × (1 + K1) × boost, as tantivy computes it (f32).
    pub weight: f32,
    /// `(doc, term frequency, field-norm id)` for each document containing the term
    /// (tantivy's one-byte code of the field's length).
    pub docs: Vec<(u32, u32, u32)>,
}

/// A key of the dictionary.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// An indexed term.
    Term(Vec<FieldPostings>),
    /// A surface form standing for a term.
    Alias(String),
}

/// Terms and surface forms, in UTF-8 byte order.
#[derive(Debug, Default, Clone)]
pub struct Dictionary {
    /// Every key.
    pub entries: BTreeMap<String, Entry>,
    /// The terms that are also words a visitor could type, where a term
    /// may be a stem (`volunt`); `None` where every term is a word. Only
    /// words are offered as spellings.
    pub words: Option<BTreeSet<String>>,
}

/// tantivy's inverse document frequency, in f32 as tantivy computes it.
pub fn idf(doc_freq: u64, doc_count: u64) -> f32 {
    let x = ((doc_count - doc_freq.min(doc_count)) as f32 + 0.5) / (doc_freq as f32 + 0.5);
    (1.0 + x).ln()
}

/// tantivy's BM25 weight of a term in a field, boosted.
pub fn weight(doc_freq: u64, doc_count: u64, boost: f32) -> f32 {
    let weight = idf(doc_freq, doc_count) * (1.0 + K1);
    if boost == 1.0 { weight } else { weight * boost }
}

/// Lower-cased, without diacritics: how the browser folds a word it can't find.
pub fn fold(word: &str) -> String {
    // Most words are ASCII, which decomposition leaves as they are.
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    word.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .nfc()
        .collect::<String>()
        .to_lowercase()
}

impl Dictionary {
    /// The term a key stands for.
    pub fn term_of(&self, key: &str) -> Option<&str> {
        match self.entries.get_key_value(key)? {
            (term, Entry::Term(_)) => Some(term),
            (_, Entry::Alias(term)) => Some(term),
        }
    }

    /// Documents containing the term, summed over fields (for ordering candidates).
    pub fn frequency(&self, term: &str) -> usize {
        match self.entries.get(term) {
            Some(Entry::Term(fields)) => fields.iter().map(|f| f.docs.len()).sum(),
            _ => 0,
        }
    }

    fn keys_with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.entries
            .range::<str, _>((
                std::ops::Bound::Included(prefix),
                std::ops::Bound::Unbounded,
            ))
            .map(|(k, _)| k.as_str())
            .take_while(move |k| k.starts_with(prefix))
    }

    /// Terms for the keys in `keys`, most frequent first, without `exclude`.
    fn best_terms<'a>(
        &'a self,
        keys: impl Iterator<Item = &'a str>,
        exclude: &[String],
        limit: usize,
    ) -> Vec<String> {
        let mut terms: Vec<&str> = keys.filter_map(|k| self.term_of(k)).collect();
        terms.sort_unstable();
        terms.dedup();
        terms.retain(|t| !exclude.iter().any(|e| e == t));
        terms.sort_by(|a, b| {
            self.frequency(b)
                .cmp(&self.frequency(a))
                .then_with(|| a.as_bytes().cmp(b.as_bytes()))
        });
        terms.into_iter().take(limit).map(str::to_string).collect()
    }

    /// Maps every surface form of the content (lower-cased, and folded) to its
    /// term. `words` are the content's distinct words with their terms, as the
    /// index's tokenizers met them.
    pub fn add_aliases(&mut self, lang: &str, words: analyzer::WordTerms) {
        if !matches!(
            analyzer::kind(lang),
            analyzer::Kind::Stemmed | analyzer::Kind::Plain
        ) {
            return;
        }
        // For these languages the query words are the words, lower-cased, sorted
        // (so the first surface to claim a folded key is always the same one).
        // A word already in lower case has its term; the others are analysed.
        let mut surfaces: Vec<(String, Option<Option<String>>)> = words
            .into_par_iter()
            .map(|(word, term)| match word.as_str().to_lowercase() {
                lower if lower == word => (lower, Some(term.map(String::from))),
                lower => (lower, None),
            })
            .collect();
        surfaces.par_sort_unstable_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| b.1.is_some().cmp(&a.1.is_some()))
        });
        surfaces.dedup_by(|later, first| later.0 == first.0);
        let terms: Vec<Option<String>> = surfaces
            .par_iter_mut()
            .map_init(
                || analyzer::analyzer(lang),
                |analyzer, (surface, known)| match known.take() {
                    Some(term) => term,
                    None => analyzer::terms_with(analyzer, surface).into_iter().next(),
                },
            )
            .collect();
        let surfaces = surfaces.into_iter().map(|(surface, _)| surface);
        let mut words = BTreeSet::new();
        for (surface, term) in surfaces.into_iter().zip(terms) {
            let Some(term) = term else {
                continue;
            };
            if !self.entries.contains_key(&term) {
                continue;
            }
            for key in [surface.clone(), fold(&surface)] {
                if key == term {
                    words.insert(term.clone());
                } else {
                    self.entries
                        .entry(key)
                        .or_insert_with(|| Entry::Alias(term.clone()));
                }
            }
        }
        // Only stems can be terms that are not words.
        if analyzer::kind(lang) == analyzer::Kind::Stemmed {
            self.words = Some(words);
        }
    }

    /// Whether `key` is a word a visitor could type: an alias always, a
    /// term unless it is only a stem.
    pub fn is_word(&self, key: &str) -> bool {
        match self.entries.get(key) {
            Some(Entry::Alias(_)) => true,
            Some(Entry::Term(_)) => self.words.as_ref().is_none_or(|w| w.contains(key)),
            None => false,
        }
    }

    /// The terms one word of a query asks for; `last` when it is the
    /// query's last word (the one being typed).
    pub fn resolve_word(&self, word: &str, last: bool) -> Vec<String> {
        let length = word.chars().count();
        let exact = self
            .term_of(word)
            .or_else(|| self.term_of(&fold(word)))
            .map(str::to_string);
        let mut found: Vec<String> = exact.iter().cloned().collect();
        if last && length >= 2 && exact.is_none() {
            found.extend(self.best_terms(self.keys_with_prefix(word), &found, MAX_PREFIX));
        }
        if found.is_empty() && length >= MIN_FUZZY {
            let start: String = word.chars().take(2).collect();
            let close = self
                .keys_with_prefix(&start)
                .filter(|k| strsim::osa_distance(k, word) <= 1);
            found.extend(self.best_terms(close, &[], MAX_FUZZY));
        }
        found
    }

    /// The terms a query asks for, in order, each once.
    pub fn resolve(&self, words: &[String]) -> Vec<String> {
        let mut terms: Vec<String> = Vec::new();
        for (index, word) in words.iter().enumerate() {
            for term in self.resolve_word(word, index + 1 == words.len()) {
                if !terms.contains(&term) {
                    terms.push(term);
                }
            }
        }
        terms
    }

    /// A spelling to try instead of `words`, none of which found anything:
    /// each word of at least [`MIN_SUGGEST`] letters that resolves to no
    /// term is replaced by the closest word of the dictionary starting with
    /// its first two letters (one edit away for words shorter than
    /// [`MIN_FUZZY`], two for longer ones; the nearest, then the most
    /// frequent, then the first in byte order). `None` if no word changed.
    pub fn suggest(&self, words: &[String]) -> Option<String> {
        let mut changed = false;
        let mut out: Vec<&str> = Vec::with_capacity(words.len());
        for (index, word) in words.iter().enumerate() {
            let unknown = self.resolve_word(word, index + 1 == words.len()).is_empty();
            match unknown.then(|| self.spelling(word)).flatten() {
                Some(key) => {
                    changed = true;
                    out.push(key);
                }
                None => out.push(word),
            }
        }
        changed.then(|| out.join(" "))
    }

    /// The closest word to `word` (see [`Dictionary::suggest`]).
    fn spelling<'a>(&'a self, word: &str) -> Option<&'a str> {
        let length = word.chars().count();
        if length < MIN_SUGGEST {
            return None;
        }
        let most = if length < MIN_FUZZY { 1 } else { 2 };
        let start: String = word.chars().take(2).collect();
        let frequency = |key: &str| self.term_of(key).map_or(0, |t| self.frequency(t));
        self.keys_with_prefix(&start)
            .filter(|k| *k != word && self.is_word(k))
            .map(|k| (strsim::osa_distance(k, word), k))
            .filter(|(distance, _)| *distance <= most)
            .min_by(|a, b| {
                a.0.cmp(&b.0)
                    .then_with(|| frequency(b.1).cmp(&frequency(a.1)))
                    .then_with(|| a.1.as_bytes().cmp(b.1.as_bytes()))
            })
            .and_then(|(_, k)| self.entries.get_key_value(k))
            .map(|(k, _)| k.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dictionary(keys: &[(&str, Option<&str>, usize)]) -> Dictionary {
        let mut d = Dictionary::default();
        for (key, alias, docs) in keys {
            let entry = match alias {
                Some(term) => Entry::Alias(term.to_string()),
                None => Entry::Term(vec![FieldPostings {
                    field: 0,
                    weight: 1.0,
                    docs: (0..*docs as u32).map(|i| (i, 1, 1)).collect(),
                }]),
            };
            d.entries.insert(key.to_string(), entry);
        }
        d
    }

    #[test]
    fn queries_resolve_exactly_by_prefix_and_with_one_typo() {
        let d = dictionary(&[
            ("volunt", None, 5),
            ("volunteers", Some("volunt"), 0),
            ("vote", None, 2),
            ("organis", None, 3),
            ("reunion", None, 1),
        ]);
        let words = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        assert_eq!(d.resolve(&words("volunteers")), ["volunt"]);
        assert_eq!(
            d.resolve(&words("vo")),
            ["volunt", "vote"],
            "type-ahead on the last word"
        );
        assert_eq!(
            d.resolve(&words("vo organis")),
            ["organis"],
            "no type-ahead before the last word"
        );
        assert_eq!(
            d.resolve(&words("volunteerz")),
            ["volunt"],
            "one typo in a long word"
        );
        assert_eq!(
            d.resolve(&words("vota")),
            Vec::<String>::new(),
            "no typo tolerance under five letters"
        );
        assert_eq!(
            d.resolve(&words("réunion")),
            ["reunion"],
            "a word with accents finds its folded term"
        );
    }

    #[test]
    fn two_swapped_letters_are_one_typo() {
        let d = dictionary(&[("conflict", None, 4), ("confluence", None, 1)]);
        let words = |s: &str| vec![s.to_string()];
        assert_eq!(d.resolve(&words("conflcit")), ["conflict"]);
        assert_eq!(d.resolve(&words("cofnlict")), ["conflict"]);
        // Candidates share the word's first two letters (a typo scan reads
        // only their shards in the browser): a swap there is not corrected.
        assert_eq!(d.resolve(&words("cnoflict")), Vec::<String>::new());
        assert_eq!(
            d.resolve(&words("conlfcit")),
            Vec::<String>::new(),
            "two swaps are two edits"
        );
    }

    #[test]
    fn a_spelling_is_suggested_from_the_words_of_the_dictionary() {
        let mut d = dictionary(&[
            ("volunt", None, 5),
            ("volunteer", Some("volunt"), 0),
            ("volume", None, 9),
            ("wikidata", None, 2),
        ]);
        // `volunt` is a stem, not a word: never offered.
        d.words = Some(["volume".to_string(), "wikidata".to_string()].into());
        let words = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        assert_eq!(d.suggest(&words("volntere")).as_deref(), Some("volunteer"));
        assert_eq!(
            d.suggest(&words("wikidata volntere")).as_deref(),
            Some("wikidata volunteer")
        );
        assert_eq!(
            d.suggest(&words("wikdata")),
            None,
            "found as a typo: nothing to suggest"
        );
        assert_eq!(d.suggest(&words("vollunty")), None, "a stem is not a word");
        d.words = None;
        assert_eq!(d.suggest(&words("vollunty")).as_deref(), Some("volunt"));
        assert_eq!(d.suggest(&words("zqxvbn")), None);
        assert_eq!(d.suggest(&words("vo")), None, "too short");
        // Nearest first, then the most frequent.
        let d = dictionary(&[("cart", None, 1), ("care", None, 5), ("core", None, 9)]);
        assert_eq!(d.suggest(&words("carx")).as_deref(), Some("care"));
    }

    #[test]
    fn bm25_weight_matches_the_formula() {
        let w = weight(1, 10, 1.0);
        assert!((w - (1.0f32 + 9.5 / 1.5).ln() * 2.2).abs() < 1e-6);
    }

    /// The general path of [`fold`], without its ASCII shortcut.
    fn fold_by_decomposing(word: &str) -> String {
        word.nfd()
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
            .nfc()
            .collect::<String>()
            .to_lowercase()
    }

    proptest::proptest! {
        #[test]
        fn ascii_words_fold_as_decomposition_folds_them(word in "[ -~]{0,24}") {
            proptest::prop_assert_eq!(fold(&word), fold_by_decomposing(&word));
        }
    }

    #[test]
    fn folding_drops_marks_and_case() {
        assert_eq!(fold("Éditathon"), "editathon");
        assert_eq!(fold("ỌRỤ"), "oru");
        assert_eq!(fold("Zürich-2024"), "zurich-2024");
        assert_eq!(fold("ZURICH"), "zurich");
    }
}
