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

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use compact_str::CompactString;
use hashbrown::{Equivalent, HashMap};
use rustc_hash::FxBuildHasher;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer, Token, TokenStream, Tokenizer,
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

/// tantivy's simple tokenizer, each word then passed through [`word_chain`]
/// once and its term remembered: the chain's output depends on the word
/// alone, words repeat, and lower-casing, stemming and folding every
/// occurrence afresh was a sixth of a build.
#[derive(Clone)]
struct Remembering {
    /// The token handed to tantivy, reused from text to text.
    token: Token,
    chain: TextAnalyzer,
    /// Each word's term, or `None` for a word the chain drops (too long).
    terms: WordTerms,
    /// Where the terms go when tantivy is done with this tokenizer.
    learnt: Option<Learnt>,
}

/// Each word an index's tokenizers met, with its term (`None` for a word
/// the chain drops). tantivy tokenizes with clones of the registered
/// tokenizer; each clone leaves what it remembered here when dropped, so
/// the dictionary's aliases need not read every document again.
#[derive(Clone, Default)]
pub struct Learnt(Arc<Mutex<Vec<WordTerms>>>);

/// Words with their terms (`None` for a word the chain drops). Both are
/// kept inline when short (as most words are): a lookup then reads one
/// place in memory, not three, for every word of every document. Looked up
/// by [`Word`].
pub type WordTerms = HashMap<CompactString, Option<CompactString>, FxBuildHasher>;

/// A word of a text, as the memo's key is looked up: hashed as the key
/// (`str`'s hash) and compared without a call to `memcmp`, which for words
/// of a few bytes cost more than the comparison itself, once per token.
#[derive(Hash)]
struct Word<'a>(&'a str);

impl Equivalent<CompactString> for Word<'_> {
    fn equivalent(&self, key: &CompactString) -> bool {
        same_bytes(self.0.as_bytes(), key.as_bytes())
    }
}

/// Whether `a` and `b` hold the same bytes. Up to 16 bytes, by comparing
/// the first and the last 4 or 8 bytes of each (overlapping when shorter
/// than twice that), which the compiler makes plain loads and compares.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    match a.len() {
        0..=3 => a.iter().zip(b).all(|(x, y)| x == y),
        4..=7 => a.first_chunk::<4>() == b.first_chunk() && a.last_chunk::<4>() == b.last_chunk(),
        8..=16 => a.first_chunk::<8>() == b.first_chunk() && a.last_chunk::<8>() == b.last_chunk(),
        _ => a == b,
    }
}

impl Learnt {
    /// The memos left so far. A tokenizer that panicked while holding the
    /// lock left whole memos or none, so a poisoned lock is still good.
    fn parts(&self) -> MutexGuard<'_, Vec<WordTerms>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Every word met so far, with its term.
    pub fn words(&self) -> WordTerms {
        let mut parts = std::mem::take(&mut *self.parts());
        let mut words = parts.pop().unwrap_or_default();
        for part in parts {
            words.extend(part);
        }
        words
    }
}

impl Drop for Remembering {
    fn drop(&mut self) {
        let Some(learnt) = &self.learnt else {
            return;
        };
        if !self.terms.is_empty() {
            learnt.parts().push(std::mem::take(&mut self.terms));
        }
    }
}

impl Tokenizer for Remembering {
    type TokenStream<'a> = RememberingStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> RememberingStream<'a> {
        self.token.reset();
        RememberingStream {
            text,
            at: 0,
            token: &mut self.token,
            chain: &mut self.chain,
            terms: &mut self.terms,
        }
    }
}

/// The words of a text as tantivy's `SimpleTokenizer` cuts them (runs of
/// letters and digits, in any script), each given as its term.
struct RememberingStream<'a> {
    text: &'a str,
    /// Where the next word is looked for.
    at: usize,
    token: &'a mut Token,
    chain: &'a mut TextAnalyzer,
    terms: &'a mut WordTerms,
}

impl TokenStream for RememberingStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            // Positions count every word, as tantivy's tokenizer counts
            // them, kept or not.
            self.token.position = self.token.position.wrapping_add(1);
            let Some(word) = next_word(self.text, self.at) else {
                self.token.text.clear();
                return false;
            };
            self.at = word.end;
            let text = &self.text[word.clone()];
            let term = match self.terms.get(&Word(text)) {
                Some(term) => term,
                None => {
                    let term = terms_with(self.chain, text)
                        .into_iter()
                        .next()
                        .map(CompactString::from);
                    self.terms.entry(CompactString::from(text)).or_insert(term)
                }
            };
            if let Some(term) = term {
                self.token.offset_from = word.start;
                self.token.offset_to = word.end;
                self.token.text.clear();
                self.token.text.push_str(term);
                return true;
            }
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// What the word scan learns from one byte: an ASCII letter or digit, another
/// ASCII byte, or part of a longer character, which must be decoded.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ByteKind {
    AsciiWord,
    AsciiOther,
    Multibyte,
}

/// [`ByteKind`] of every byte value, looked up once per byte of every document.
static BYTE_KINDS: [ByteKind; 256] = {
    let mut kinds = [ByteKind::Multibyte; 256];
    let mut byte = 0;
    while byte < 128 {
        kinds[byte] = if (byte as u8).is_ascii_alphanumeric() {
            ByteKind::AsciiWord
        } else {
            ByteKind::AsciiOther
        };
        byte += 1;
    }
    kinds
};

/// Whether the character at byte `at` of `text` is a letter or digit, and
/// its length in bytes.
fn decode(text: &str, at: usize) -> (bool, usize) {
    // Latin letters with marks (U+00C0 to U+024F: é, ç, ł, ő ...), two bytes
    // each, are most of the longer characters of European text, and all are
    // letters but × and ÷: known without the Unicode tables' binary search.
    if let [lead @ 0xC3..=0xC9, next, ..] = text.as_bytes()[at..] {
        let c = u32::from(lead & 0x1F) << 6 | u32::from(next & 0x3F);
        if (0xC0..=0x24F).contains(&c) {
            return (c != 0xD7 && c != 0xF7, 2);
        }
    }
    match text.get(at..).and_then(|rest| rest.chars().next()) {
        Some(c) => (c.is_alphanumeric(), c.len_utf8()),
        None => (false, 1),
    }
}

/// The next run of letters and digits in `text` from byte `from`, as
/// tantivy's `SimpleTokenizer` finds it (`char::is_alphanumeric`), with
/// ASCII bytes classed by a table, without decoding them: this scan reads
/// every byte of every document.
fn next_word(text: &str, from: usize) -> Option<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut at = from;
    let start = loop {
        let &byte = bytes.get(at)?;
        match BYTE_KINDS[byte as usize] {
            ByteKind::AsciiWord => break at,
            ByteKind::AsciiOther => at += 1,
            ByteKind::Multibyte => match decode(text, at) {
                (true, _) => break at,
                (false, size) => at += size,
            },
        }
    };
    while let Some(&byte) = bytes.get(at) {
        match BYTE_KINDS[byte as usize] {
            ByteKind::AsciiWord => at += 1,
            ByteKind::AsciiOther => break,
            ByteKind::Multibyte => match decode(text, at) {
                (true, size) => at += size,
                (false, _) => break,
            },
        }
    }
    Some(start..at)
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
        Kind::Stemmed | Kind::Plain => TextAnalyzer::builder(Remembering {
            token: Token::default(),
            chain: word_chain(lang),
            terms: WordTerms::default(),
            learnt,
        })
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

    /// The memo's comparison agrees with `==` for every length it handles
    /// apart and beyond, with one byte changed at each place in turn, and
    /// for lengths that differ.
    #[test]
    fn words_compare_as_their_bytes_do() {
        for len in 0..40 {
            let a: Vec<u8> = (0..len as u8).map(|i| b'a' + i % 26).collect();
            assert!(same_bytes(&a, &a.clone()), "length {len}");
            for at in 0..len {
                let mut b = a.clone();
                b[at] ^= 0x20;
                assert!(!same_bytes(&a, &b), "length {len}, byte {at} changed");
            }
            let mut longer = a.clone();
            longer.push(b'a');
            assert!(!same_bytes(&a, &longer), "length {len} against {}", len + 1);
        }
        let words: WordTerms = [("été".into(), Some("ete".into()))].into_iter().collect();
        assert_eq!(words.get(&Word("été")), Some(&Some("ete".into())));
        assert_eq!(words.get(&Word("ete")), None);
    }

    proptest::proptest! {
        #[test]
        fn words_are_cut_where_tantivys_simple_tokenizer_cuts_them(
            text in "[a-zA-Z0-9 ,.'’_\\-@\\[`{/:\u{7f}\u{10}-\u{1a}\u{80}-\u{2ff}é\u{301}ọ́ụ\u{627}-\u{64a}\u{4e00}-\u{4e10}\u{1F600}\u{2163}\u{663}]{0,80}"
        ) {
            let mut cut = Vec::new();
            let mut at = 0;
            while let Some(word) = next_word(&text, at) {
                at = word.end;
                cut.push((text[word.clone()].to_string(), word.start, word.end));
            }
            let mut simple = TextAnalyzer::from(SimpleTokenizer::default());
            let simple: Vec<_> = tokens(&mut simple, &text)
                .into_iter()
                .map(|(word, from, to, _)| (word, from, to))
                .collect();
            proptest::prop_assert_eq!(cut, simple);
        }

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
    fn two_byte_characters_are_classed_as_char_does() {
        // Every character of two bytes, the Latin fast path's and the rest.
        for c in (0x80..0x800).filter_map(char::from_u32) {
            let text = format!("{c}a");
            assert_eq!(decode(&text, 0), (c.is_alphanumeric(), 2), "{c:?}");
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
    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }
}
