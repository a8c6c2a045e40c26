//! The static search files of one language, for the browser client
//! (`search.js`), each gzipped and named by a hash of its content:
//!
//! - the **manifest** (JSON): document count, fields with boosts and average
//!   lengths, the field-norm table, the first key of each shard directory,
//!   the cards' hash, the number of card packs, the facet files, and the size of
//!   every file but the manifest and the single cards (what keeping search
//!   offline downloads);
//! - **shard directories** (JSON): the first key and file of up to
//!   [`Layout::shards_per_directory`] consecutive shards, so the manifest stays small
//!   however large the site grows;
//! - **term shards** (binary, about [`Layout::shard_bytes`] each, in UTF-8 key
//!   order): every key with either the term it stands for or, per field, the
//!   BM25 weight as an f32 and the postings as columns of varint doc-id gaps,
//!   varint term frequencies and one-byte field-norm ids;
//! - **result cards** (JSON), one per document, so a query downloads only the
//!   cards it shows: `u` link, `t` title, `k` kind, `l` levels, `s`
//!   summary, `g` the language of title and summary when not the page's,
//!   and for dated records `d` the date as the page's language writes it
//!   and `i` the ISO date;
//! - **card packs** (JSON): the same cards, [`PACK`] to a file, for
//!   keeping search offline;
//! - **facet sets** (binary): the documents of each facet value, as a
//!   bitset or as varint gaps, whichever is smaller.
//!
//! The shard encoding, entry by entry:
//!
//! ```text
//! key     := varint byte-length, UTF-8 bytes
//! entry   := key, 0, key                      (an alias: the term it stands for)
//!          | key, n | w, n × postings         (a term in n ≥ 1 fields; w = 0x80
//!                                              when the term is also a word)
//! postings:= field u8, weight f32 LE, count varint,
//!            count × gap varint, count × tf varint, count × norm-id u8
//! ```

use rayon::prelude::*;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::files::{Effort, gzip, short_hash};

use super::dictionary::{Entry, FieldPostings};
use super::{Document, FACETS, FIELDS, LanguageIndex, analyzer};

/// How the dictionary is cut into files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Raw size a term shard is filled up to.
    pub shard_bytes: usize,
    /// Shards listed by one directory file.
    pub shards_per_directory: usize,
}

impl Default for Layout {
    /// About 3 KB gzipped per shard, as SEARCH-DESIGN.md measured best.
    fn default() -> Self {
        Layout {
            shard_bytes: 6 * 1024,
            shards_per_directory: 64,
        }
    }
}

impl Layout {
    /// The layout from `TANDEM_SEARCH_LAYOUT=<shard bytes>,<shards per
    /// directory>` if set (tests use tiny shards to exercise every boundary),
    /// else the default.
    pub fn from_env() -> Self {
        let parse = |text: String| -> Option<Layout> {
            let (bytes, per) = text.split_once(',')?;
            Some(Layout {
                shard_bytes: bytes.trim().parse().ok()?,
                shards_per_directory: per.trim().parse::<usize>().ok()?.max(1),
            })
        };
        std::env::var("TANDEM_SEARCH_LAYOUT")
            .ok()
            .and_then(parse)
            .unwrap_or_default()
    }
}

/// One exported file: path under the output root, and its gzipped bytes.
pub type File = (String, Vec<u8>);

/// The first key of a shard or directory, and its file name.
type Span = (String, String);

/// `raw`, gzipped, as the file `<stem>.<hash>.<extension>.gz` in `dir`, and its name.
fn named(dir: &str, stem: &str, extension: &str, raw: &[u8]) -> (File, String) {
    let bytes = gzip(raw, Effort::Full);
    let name = format!("{stem}.{}.{extension}.gz", short_hash(&bytes));
    ((format!("{dir}{name}"), bytes), name)
}

/// Writes `raw`, gzipped, as `<stem>.<hash>.<extension>.gz` in `dir`; returns its name.
fn put(files: &mut Vec<File>, dir: &str, stem: &str, extension: &str, raw: &[u8]) -> String {
    let (file, name) = named(dir, stem, extension, raw);
    files.push(file);
    name
}

fn put_json(files: &mut Vec<File>, dir: &str, stem: &str, value: &Value) -> String {
    put(files, dir, stem, "json", value.to_string().as_bytes())
}

fn varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn text(out: &mut Vec<u8>, text: &str) {
    varint(out, text.len() as u32);
    out.extend_from_slice(text.as_bytes());
}

fn encode_postings(out: &mut Vec<u8>, postings: &FieldPostings) {
    out.push(postings.field as u8);
    out.extend_from_slice(&postings.weight.to_le_bytes());
    varint(out, postings.docs.len() as u32);
    let mut previous = 0;
    for (doc, _, _) in &postings.docs {
        varint(out, doc - previous);
        previous = *doc;
    }
    for (_, tf, _) in &postings.docs {
        varint(out, *tf);
    }
    out.extend(postings.docs.iter().map(|(_, _, norm_id)| *norm_id as u8));
}

/// Marks a term that is also a word (see [`super::dictionary::Dictionary::is_word`]).
const WORD: u8 = 0x80;

/// Appends one dictionary entry in the shard encoding; `word` when it is a
/// term that is also a word.
fn encode_entry(out: &mut Vec<u8>, key: &str, entry: &Entry, word: bool) {
    text(out, key);
    match entry {
        Entry::Alias(term) => {
            out.push(0);
            text(out, term);
        }
        Entry::Term(fields) => {
            out.push(fields.len() as u8 | if word { WORD } else { 0 });
            for postings in fields {
                encode_postings(out, postings);
            }
        }
    }
}

/// The term shards, in key order (encoded in order, compressed in parallel).
fn shards(
    files: &mut Vec<File>,
    dir: &str,
    index: &LanguageIndex,
    shard_bytes: usize,
) -> Vec<Span> {
    let mut raw: Vec<(&str, Vec<u8>)> = Vec::new();
    let mut current: Vec<u8> = Vec::new();
    let mut first: Option<&str> = None;
    for (key, entry) in &index.dictionary.entries {
        first.get_or_insert(key);
        let word = index.dictionary.is_word(key);
        encode_entry(&mut current, key, entry, word);
        if current.len() >= shard_bytes {
            raw.push((
                first.take().unwrap_or_default(),
                std::mem::take(&mut current),
            ));
        }
    }
    if let Some(first) = first {
        raw.push((first, current));
    }
    let named: Vec<(File, String)> = raw
        .par_iter()
        .enumerate()
        .map(|(i, (_, bytes))| named(dir, &format!("s{i}"), "bin", bytes))
        .collect();
    raw.iter()
        .zip(named)
        .map(|((first, _), (file, name))| {
            files.push(file);
            (first.to_string(), name)
        })
        .collect()
}

/// The shard directories, each listing up to `per_directory` shards.
fn directories(
    files: &mut Vec<File>,
    dir: &str,
    shards: &[Span],
    per_directory: usize,
) -> Vec<Span> {
    shards
        .chunks(per_directory)
        .enumerate()
        .map(|(i, chunk)| {
            let name = put_json(files, dir, &format!("d{i}"), &json!(chunk));
            (chunk[0].0.clone(), name)
        })
        .collect()
}

/// A card as its file holds it: the keys in sorted order, as a JSON value
/// would print them, written straight from the card (through a `Value` it
/// took twice as long, and it was the last thing a language's export did
/// on one thread).
#[derive(serde::Serialize)]
struct CardFile<'a> {
    #[serde(skip_serializing_if = "str::is_empty")]
    d: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    g: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    i: &'a str,
    k: &'a str,
    l: &'a [String],
    s: &'a str,
    t: &'a str,
    u: &'a str,
}

impl<'a> From<&'a super::Card> for CardFile<'a> {
    fn from(card: &'a super::Card) -> Self {
        CardFile {
            d: &card.date,
            g: &card.text_lang,
            i: &card.iso_date,
            k: &card.kind,
            l: &card.levels,
            s: &card.summary,
            t: &card.title,
            u: &card.url,
        }
    }
}

/// Cards per pack file.
pub const PACK: usize = 256;

/// One card file per document, `c<doc>.<hash>.json.gz`, all sharing one
/// hash of every card, and the same cards by [`PACK`] in pack files
/// (`p<n>.<hash>.json.gz`, a JSON array each), which keeping search
/// offline downloads instead: one file, not hundreds, and a third of the
/// bytes. Returns the hash and the number of packs.
fn cards(files: &mut Vec<File>, dir: &str, docs: &[Document]) -> (String, usize) {
    let texts: Vec<String> = docs
        .par_iter()
        .map(|d| serde_json::to_string(&CardFile::from(&d.card)).unwrap_or_default())
        .collect();
    let mut digest = Sha256::new();
    for text in &texts {
        digest.update(text.as_bytes());
        digest.update([0]);
    }
    let hash = short_hash(&digest.finalize());
    files.par_extend(texts.par_iter().enumerate().map(|(doc, text)| {
        (
            format!("{dir}c{doc}.{hash}.json.gz"),
            gzip(text.as_bytes(), Effort::Quick),
        )
    }));
    let packs: Vec<File> = texts
        .par_chunks(PACK)
        .enumerate()
        .map(|(n, chunk)| {
            let raw = format!("[{}]", chunk.join(","));
            (
                format!("{dir}p{n}.{hash}.json.gz"),
                gzip(raw.as_bytes(), Effort::Full),
            )
        })
        .collect();
    let count = packs.len();
    files.extend(packs);
    (hash, count)
}

/// One file per facet value, holding its documents; the manifest maps each
/// facet's values to their files, so a filter downloads only its own list.
fn facets(files: &mut Vec<File>, dir: &str, docs: &[Document]) -> serde_json::Map<String, Value> {
    let mut facets = serde_json::Map::new();
    for facet in FACETS {
        let mut values: std::collections::BTreeMap<&str, Vec<u32>> = Default::default();
        for (doc, document) in docs.iter().enumerate() {
            for value in document.facets.get(facet).into_iter().flatten() {
                values.entry(value).or_default().push(doc as u32);
            }
        }
        let names: serde_json::Map<String, Value> = values
            .into_iter()
            .enumerate()
            .map(|(i, (value, list))| {
                let raw = encode_doc_set(&list, docs.len());
                let name = put(files, dir, &format!("f-{facet}-{i}"), "bin", &raw);
                (value.to_string(), json!(name))
            })
            .collect();
        facets.insert(facet.to_string(), Value::Object(names));
    }
    facets
}

/// A set of document ids, whichever is smaller: `0` then a bitset over
/// every document (bit `d % 8` of byte `d / 8`), or `1` then varint gaps.
fn encode_doc_set(docs: &[u32], count: usize) -> Vec<u8> {
    let mut gaps = vec![1];
    let mut previous = 0;
    for doc in docs {
        varint(&mut gaps, doc - previous);
        previous = *doc;
    }
    let mut bits = vec![0; 1 + count.div_ceil(8)];
    for doc in docs {
        bits[1 + *doc as usize / 8] |= 1 << (doc % 8);
    }
    if bits.len() < gaps.len() { bits } else { gaps }
}

/// Field-norm values by id, up to the largest id any posting uses.
fn norm_table(index: &LanguageIndex) -> Vec<u32> {
    let largest = index
        .dictionary
        .entries
        .values()
        .filter_map(|entry| match entry {
            Entry::Term(fields) => fields
                .iter()
                .flat_map(|f| f.docs.iter().map(|(_, _, id)| *id))
                .max(),
            Entry::Alias(_) => None,
        })
        .max()
        .unwrap_or(0)
        .min(255) as u8;
    (0..=largest)
        .map(tantivy::fieldnorm::FieldNormReader::id_to_fieldnorm)
        .collect()
}

/// Every file of one language's search index, and the manifest's name.
pub fn export(index: &LanguageIndex, dir: &str, layout: Layout) -> (Vec<File>, String) {
    let mut files = Vec::new();
    let shards = shards(&mut files, dir, index, layout.shard_bytes);
    let directories = directories(&mut files, dir, &shards, layout.shards_per_directory);
    let (cards, packs) = cards(&mut files, dir, &index.docs);
    let facets = facets(&mut files, dir, &index.docs);
    let fields: Vec<Value> = FIELDS
        .iter()
        .zip(&index.average_lengths)
        .map(|((name, boost), avg)| json!([name, f64::from(*boost), f64::from(*avg)]))
        .collect();
    // What keeping search offline downloads: every file but the cards,
    // which come in packs.
    let card_prefix = format!("{dir}c");
    let bytes: usize = files
        .iter()
        .filter(|(path, _)| !path.starts_with(&card_prefix))
        .map(|(_, bytes)| bytes.len())
        .sum();
    let manifest = json!({
        "version": 3,
        "bytes": bytes,
        "lang": index.lang,
        "analysis": analyzer::kind(&index.lang),
        "docs": index.docs.len(),
        "fields": fields,
        "norms": norm_table(index),
        "directories": directories,
        "cards": cards,
        "pack": PACK,
        "packs": packs,
        "facets": facets,
    });
    let name = put_json(&mut files, dir, "manifest", &manifest);
    (files, name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_varint(bytes: &[u8], at: &mut usize) -> u32 {
        let (mut n, mut shift) = (0u32, 0);
        loop {
            let b = bytes[*at];
            *at += 1;
            n |= u32::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return n;
            }
            shift += 7;
        }
    }

    /// A card file holds the same text as a JSON value of its short keys,
    /// printed: keys sorted, strings escaped alike, no date when undated.
    #[test]
    fn a_card_file_is_the_card_as_a_json_value_prints_it() {
        let mut card = super::super::Card {
            url: "/fr/clinics/a-\"b\"/".into(),
            title: "Wikidata <101> & \u{7f}\u{1}".into(),
            kind: "Atelier".into(),
            levels: vec!["Débutant".into(), "x\ny".into()],
            summary: "".into(),
            text_lang: String::new(),
            date: String::new(),
            iso_date: String::new(),
        };
        let value = |card: &super::super::Card| {
            let mut value = json!({"u": card.url, "t": card.title, "k": card.kind, "l": card.levels, "s": card.summary});
            if !card.date.is_empty() {
                value["d"] = json!(card.date);
                value["i"] = json!(card.iso_date);
            }
            value.to_string()
        };
        assert_eq!(
            serde_json::to_string(&CardFile::from(&card)).unwrap(),
            value(&card)
        );
        card.date = "14 novembre 2024".into();
        card.iso_date = "2024-11-14".into();
        assert_eq!(
            serde_json::to_string(&CardFile::from(&card)).unwrap(),
            value(&card)
        );
    }

    #[test]
    fn varints_round_trip_at_every_width() {
        for n in [
            0,
            1,
            127,
            128,
            300,
            16_383,
            16_384,
            2_097_151,
            2_097_152,
            u32::MAX,
        ] {
            let mut out = Vec::new();
            varint(&mut out, n);
            let mut at = 0;
            assert_eq!(decode_varint(&out, &mut at), n);
            assert_eq!(at, out.len());
        }
    }

    #[test]
    fn a_term_is_encoded_as_columns_of_gaps_frequencies_and_norm_ids() {
        let entry = Entry::Term(vec![FieldPostings {
            field: 3,
            weight: 1.5,
            docs: vec![(2, 1, 7), (130, 4, 9)],
        }]);
        let mut out = Vec::new();
        encode_entry(&mut out, "oru", &entry, false);
        let mut expected = vec![3, b'o', b'r', b'u', 1, 3];
        expected.extend_from_slice(&1.5f32.to_le_bytes());
        expected.extend_from_slice(&[2, 2, 0x80, 0x01, 1, 4, 7, 9]);
        assert_eq!(out, expected);
        // A term that is also a word says so in its field count's top bit.
        let mut word = Vec::new();
        encode_entry(&mut word, "oru", &entry, true);
        expected[4] = 1 | WORD;
        assert_eq!(word, expected);
    }

    #[test]
    fn a_facet_set_is_a_bitset_when_dense_and_gaps_when_sparse() {
        assert_eq!(
            encode_doc_set(&[0, 1, 2, 9], 16),
            [0, 0b0000_0111, 0b0000_0010]
        );
        assert_eq!(encode_doc_set(&[3, 300], 1000), [1, 3, 0xa9, 0x02]);
    }

    #[test]
    fn an_alias_names_its_term() {
        let mut out = Vec::new();
        encode_entry(&mut out, "ọ́rụ", &Entry::Alias("oru".into()), true);
        let mut at = 0;
        let key_length = decode_varint(&out, &mut at) as usize;
        assert_eq!(&out[at..at + key_length], "ọ́rụ".as_bytes());
        assert_eq!(&out[at + key_length..], &[0, 3, b'o', b'r', b'u']);
    }
}
