//! Text analysis per language, the same at index time and query time:
//! stemming for English, French, Spanish, Portuguese and Arabic; overlapping
//! character bigrams for Chinese; diacritic-insensitive words for Igbo and
//! Central Bikol (a visitor typing `oru` finds `ọ́rụ`); plain words otherwise.
//!
//! The browser never stems: the export maps every surface form found in the
//! content to its term (see [`super::dictionary`]). What the browser does
//! itself — lower-casing, splitting, bigrams, stripping marks — is
//! [`query_words`], mirrored line for line in `search.js` and checked against
//! shared test vectors.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer, Token, TokenStream, Tokenizer,
};
use unicode_normalization::UnicodeNormalization;

mod remembering;

use remembering::Remembering;
pub use remembering::{Learnt, WordTerms};

/// How a language is analysed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Words, lower-cased, stemmed, folded.
    Stemmed,
    /// Overlapping bigrams of CJK characters; other words lower-cased.
    Bigrams,
    /// Words with their diacritics removed, lower-cased, folded.
    Unmarked,
    /// Words, lower-cased, folded.
    Plain,
}

/// The analysis of a language.
pub fn kind(lang: &str) -> Kind {
    match lang.split('-').next().unwrap_or(lang) {
        "en" | "fr" | "es" | "pt" | "ar" => Kind::Stemmed,
        "zh" | "ja" | "ko" => Kind::Bigrams,
        "ig" | "bcl" | "yo" => Kind::Unmarked,
        _ => Kind::Plain,
    }
}

fn stemmer(lang: &str) -> Option<Language> {
    Some(match lang.split('-').next()? {
        "en" => Language::English,
        "fr" => Language::French,
        "es" => Language::Spanish,
        "pt" => Language::Portuguese,
        "ar" => Language::Arabic,
        _ => return None,
    })
}

/// tantivy's filters for one word of a stemmed or plain language: at most
/// 40 bytes, lower-cased, stemmed, then folded to ASCII (except Arabic).
fn word_chain(lang: &str) -> TextAnalyzer {
    let words = || {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
    };
    match stemmer(lang) {
        Some(Language::Arabic) => words().filter(Stemmer::new(Language::Arabic)).build(),
        Some(language) => words()
            .filter(Stemmer::new(language))
            .filter(AsciiFoldingFilter)
            .build(),
        None => words().filter(AsciiFoldingFilter).build(),
    }
}

/// The tantivy analyzer of a language (registered under [`name`]).
pub fn analyzer(lang: &str) -> TextAnalyzer {
    analyzer_learning(lang, None)
}

/// [`analyzer`], leaving the words it meets in `learnt` (stemmed and plain languages).
pub fn indexing_analyzer(lang: &str, learnt: &Learnt) -> TextAnalyzer {
    analyzer_learning(lang, Some(learnt.clone()))
}

fn analyzer_learning(lang: &str, learnt: Option<Learnt>) -> TextAnalyzer {
    match kind(lang) {
        Kind::Bigrams => TextAnalyzer::builder(WordsTokenizer(Kind::Bigrams)).build(),
        Kind::Unmarked => TextAnalyzer::builder(WordsTokenizer(Kind::Unmarked))
            .filter(AsciiFoldingFilter)
            .build(),
        Kind::Stemmed | Kind::Plain => {
            TextAnalyzer::builder(Remembering::new(word_chain(lang), learnt)).build()
        }
    }
}

/// The analyzer's registered name.
pub fn name(lang: &str) -> String {
    format!("tandem_{lang}")
}

/// Every term of `text`, through an analyzer made once by [`analyzer`].
pub fn terms_with(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF | 0x20000..=0x2FFFF)
}

/// The words a visitor typed, as the browser normalises them before
/// looking them up: for stemmed and plain languages, lower-cased words (the
/// dictionary maps them to terms); for Chinese, bigrams; for Igbo and
/// Bikol, words without diacritics.
pub fn query_words(lang: &str, text: &str) -> Vec<String> {
    match kind(lang) {
        Kind::Bigrams => bigrams(text),
        Kind::Unmarked => unmarked_words(text),
        Kind::Stemmed | Kind::Plain => words(text).map(str::to_lowercase).collect(),
    }
}

/// Runs of letters and digits (what tantivy's simple tokenizer cuts); for
/// stemmed and plain languages, [`query_words`] are these, lower-cased.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

fn unmarked_words(text: &str) -> Vec<String> {
    let stripped: String = text
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .nfc()
        .collect();
    words(&stripped).map(str::to_lowercase).collect()
}

/// CJK runs as overlapping bigrams (a single character alone), other words lower-cased.
fn bigrams(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<char> = Vec::new();
    let mut word = String::new();
    let flush_run = |run: &mut Vec<char>, out: &mut Vec<String>| {
        if run.len() == 1 {
            out.push(run[0].to_string());
        }
        for pair in run.windows(2) {
            out.push(pair.iter().collect());
        }
        run.clear();
    };
    for c in text.chars() {
        if is_cjk(c) {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word).to_lowercase());
            }
            run.push(c);
        } else {
            flush_run(&mut run, &mut out);
            if c.is_alphanumeric() {
                word.push(c);
            } else if !word.is_empty() {
                out.push(std::mem::take(&mut word).to_lowercase());
            }
        }
    }
    flush_run(&mut run, &mut out);
    if !word.is_empty() {
        out.push(word.to_lowercase());
    }
    out
}

/// A tokenizer over [`query_words`] (Chinese, Igbo, Bikol): the index sees
/// exactly the tokens the browser computes.
#[derive(Clone)]
pub struct WordsTokenizer(Kind);

/// The tokens of one text.
pub struct WordsStream {
    tokens: Vec<Token>,
    index: usize,
}

impl Tokenizer for WordsTokenizer {
    type TokenStream<'a> = WordsStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordsStream {
        let words = match self.0 {
            Kind::Bigrams => bigrams(text),
            _ => unmarked_words(text),
        };
        let tokens = words
            .into_iter()
            .enumerate()
            .map(|(position, text)| Token {
                offset_from: 0,
                offset_to: 0,
                position,
                text,
                position_length: 1,
            })
            .collect();
        WordsStream {
            tokens,
            index: usize::MAX,
        }
    }
}

impl TokenStream for WordsStream {
    fn advance(&mut self) -> bool {
        self.index = self.index.wrapping_add(1);
        self.index < self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.index.min(self.tokens.len().saturating_sub(1))]
    }

    fn token_mut(&mut self) -> &mut Token {
        let last = self.tokens.len().saturating_sub(1);
        &mut self.tokens[self.index.min(last)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(lang: &str, text: &str) -> Vec<String> {
        terms_with(&mut analyzer(lang), text)
    }

    proptest::proptest! {
        #[test]
        fn remembered_terms_are_the_chains_terms_for_any_text(
            text in "[a-zA-ZÉéọ́ ,.'0-9\u{627}-\u{64a}]{0,60}"
        ) {
            for lang in ["en", "fr", "ar"] {
                let mut reference = word_chain(lang);
                let mut ours = analyzer(lang);
                // Twice: the second time every word is remembered.
                for _ in 0..2 {
                    proptest::prop_assert_eq!(tokens(&mut ours, &text), tokens(&mut reference, &text));
                }
            }
        }
    }

    #[test]
    fn languages_are_analysed_as_the_design_says() {
        assert_eq!(terms("en", "Organising volunteers"), ["organis", "volunt"]);
        assert_eq!(terms("fr", "Réunions bénévoles"), ["reunion", "benevol"]);
        assert_eq!(terms("zh", "学习诊所"), ["学习", "习诊", "诊所"]);
        assert_eq!(terms("ig", "Ọ́rụ ndị"), ["oru", "ndi"]);
        assert_eq!(query_words("ig", "ORU Ndi"), ["oru", "ndi"]);
        assert_eq!(query_words("zh", "学 Wiki数据"), ["学", "wiki", "数据"]);
    }

    #[test]
    fn remembered_terms_are_tantivys_own_token_for_token() {
        // Mixed case, accents, digits, punctuation, a word over 40 bytes
        // (dropped) and repeats, so the second pass reads remembered terms.
        let text = "Organising organisers ORGANISED the organising of meetings, 2024; \
                    réunions Bénévoles réunis; organizaciones voluntarias; \
                    organizações voluntárias; المنظمات التطوعية المنظمات \
                    pneumonoultramicroscopicsilicovolcanoconiosisandmore ok";
        for lang in ["en", "fr", "es", "pt", "ar", "de"] {
            let mut reference = word_chain(lang);
            let mut ours = analyzer(lang);
            for _ in 0..2 {
                assert_eq!(
                    tokens(&mut ours, text),
                    tokens(&mut reference, text),
                    "{lang}"
                );
            }
        }
        assert_eq!(terms("en", "ORGANISED organised"), ["organis", "organis"]);
    }

    /// Text, offsets and position of every token.
    pub(super) fn tokens(
        analyzer: &mut TextAnalyzer,
        text: &str,
    ) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }
}
