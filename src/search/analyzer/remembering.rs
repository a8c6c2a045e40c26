//! The tokenizer of stemmed and plain languages: tantivy's simple
//! tokenizer, each distinct word analysed once and its term remembered
//! (see [`Remembering`]), with a word scan that classes ASCII bytes by a
//! table; and what the index's tokenizers learnt, for the dictionary's
//! aliases.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use compact_str::CompactString;
use hashbrown::{Equivalent, HashMap};
use rustc_hash::FxBuildHasher;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

use super::terms_with;

/// tantivy's simple tokenizer, each word then passed through [`word_chain`]
/// once and its term remembered: the chain's output depends on the word
/// alone, words repeat, and lower-casing, stemming and folding every
/// occurrence afresh was a sixth of a build.
#[derive(Clone)]
pub(super) struct Remembering {
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
/// by `Word`.
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

impl Remembering {
    /// Terms through `chain`, left in `learnt` when dropped.
    pub(super) fn new(chain: TextAnalyzer, learnt: Option<Learnt>) -> Self {
        Remembering {
            token: Token::default(),
            chain,
            terms: WordTerms::default(),
            learnt,
        }
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
pub(super) struct RememberingStream<'a> {
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

#[cfg(test)]
mod tests {
    use super::super::tests::tokens;
    use super::*;
    use tantivy::tokenizer::SimpleTokenizer;

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

    #[test]
    fn two_byte_characters_are_classed_as_char_does() {
        // Every character of two bytes, the Latin fast path's and the rest.
        for c in (0x80..0x800).filter_map(char::from_u32) {
            let text = format!("{c}a");
            assert_eq!(decode(&text, 0), (c.is_alphanumeric(), 2), "{c:?}");
        }
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

    }
}
