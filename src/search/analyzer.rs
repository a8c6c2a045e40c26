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

use std::collections::HashMap;

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token,
    TokenFilter, TokenStream, Tokenizer,
};
use unicode_normalization::UnicodeNormalization;

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

fn stemmer(lang: &str) -> Option<Algorithm> {
    Some(match lang.split('-').next()? {
        "en" => Algorithm::English,
        "fr" => Algorithm::French,
        "es" => Algorithm::Spanish,
        "pt" => Algorithm::Portuguese,
        "ar" => Algorithm::Arabic,
        _ => return None,
    })
}

use frostem::Algorithm;

/// tantivy's `Stemmer` filter (the same frostem algorithms, the same
/// output), remembering each word's stem: words repeat, and stemming every
/// occurrence afresh was an eighth of a build.
#[derive(Clone, Copy)]
struct MemoStemmer(Algorithm);

impl TokenFilter for MemoStemmer {
    type Tokenizer<T: Tokenizer> = MemoStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> MemoStemmerFilter<T> {
        MemoStemmerFilter {
            algorithm: self.0,
            inner,
            stems: HashMap::new(),
        }
    }
}

#[derive(Clone)]
struct MemoStemmerFilter<T> {
    algorithm: Algorithm,
    inner: T,
    /// Stems by word, kept across documents.
    stems: HashMap<String, String>,
}

impl<T: Tokenizer> Tokenizer for MemoStemmerFilter<T> {
    type TokenStream<'a> = MemoStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MemoStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: frostem::Stemmer::new(self.algorithm),
            stems: &mut self.stems,
        }
    }
}

struct MemoStemmerStream<'a, T> {
    tail: T,
    stemmer: frostem::Stemmer,
    stems: &'a mut HashMap<String, String>,
}

impl<T: TokenStream> TokenStream for MemoStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let stem = match self.stems.get(&token.text) {
            Some(stem) => stem,
            None => {
                let stem = self.stemmer.stem(&token.text).into_owned();
                self.stems.entry(token.text.clone()).or_insert(stem)
            }
        };
        token.text.clear();
        token.text.push_str(stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// The tantivy analyzer of a language (registered under [`name`]).
pub fn analyzer(lang: &str) -> TextAnalyzer {
    match (kind(lang), stemmer(lang)) {
        (Kind::Stemmed, Some(Algorithm::Arabic)) => {
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(40))
                .filter(LowerCaser)
                .filter(MemoStemmer(Algorithm::Arabic))
                .build()
        }
        (Kind::Stemmed, Some(algorithm)) => TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(MemoStemmer(algorithm))
            .filter(AsciiFoldingFilter)
            .build(),
        (Kind::Bigrams, _) => TextAnalyzer::builder(WordsTokenizer(Kind::Bigrams)).build(),
        (Kind::Unmarked, _) => TextAnalyzer::builder(WordsTokenizer(Kind::Unmarked))
            .filter(AsciiFoldingFilter)
            .build(),
        _ => TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build(),
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
    fn the_remembering_stemmer_stems_as_tantivys_own() {
        use tantivy::tokenizer::{Language, Stemmer};
        let text = "Organising organisers organised the organising of meetings; \
                    réunions bénévoles réunis; organizaciones voluntarias; \
                    organizações voluntárias; المنظمات التطوعية المنظمات";
        for (lang, language) in [
            ("en", Language::English),
            ("fr", Language::French),
            ("es", Language::Spanish),
            ("pt", Language::Portuguese),
            ("ar", Language::Arabic),
        ] {
            let mut reference = TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(40))
                .filter(LowerCaser)
                .filter(Stemmer::new(language))
                .build();
            let mut ours = analyzer(lang);
            // Twice through the same analyser, so the second pass reads remembered stems.
            for _ in 0..2 {
                let mut expected = Vec::new();
                let mut stream = reference.token_stream(text);
                while stream.advance() {
                    let term = stream.token().text.clone();
                    expected.push(if lang == "ar" {
                        term
                    } else {
                        fold_ascii(&term)
                    });
                }
                let mut got = Vec::new();
                let mut stream = ours.token_stream(text);
                while stream.advance() {
                    got.push(stream.token().text.clone());
                }
                assert_eq!(got, expected, "{lang}");
            }
        }
    }

    fn fold_ascii(term: &str) -> String {
        let mut folding = TextAnalyzer::builder(tantivy::tokenizer::RawTokenizer::default())
            .filter(AsciiFoldingFilter)
            .build();
        let mut stream = folding.token_stream(term);
        stream.advance();
        stream.token().text.clone()
    }
}
