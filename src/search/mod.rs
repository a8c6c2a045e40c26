//! Index stage: the site's records → one tantivy index per language, and the
//! static files the browser searches offline (see `SEARCH-DESIGN.md`).
//!
//! Every record kind is a document with the fields title (boosted), summary,
//! takeaways, body, sharer names and topic titles, and the facets level,
//! topic, topic category, kind, region and language. Each document also
//! stores its position in [`documents`] (its record number): a large site is
//! indexed by several threads into several segments, each numbering its
//! documents from zero, and the export and the scorer both speak in record
//! numbers. Queries are resolved with the [`dictionary`] rules and scored
//! by `query` clause by clause with tantivy's BM25 term scorers, summed in
//! clause order — the order the browser client sums in, so both rank
//! identically. The stage itself, every language exported, is [`index`];
//! the service worker that keeps pages and search files for offline use is
//! [`worker`].

pub mod analyzer;
pub mod dictionary;
mod documents;
pub mod export;
mod files;
mod query;
mod stage;
pub mod worker;

pub use documents::{documents, facet_values};
pub use query::{Filters, Hit, Results};
pub use stage::{IndexError, Indexed, Manifests, index, language_index};

use std::collections::BTreeMap;

use tantivy::columnar::Column;
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::{DocId, DocSet, Index, IndexReader, IndexWriter, Searcher, TERMINATED, TantivyError};

use dictionary::{Dictionary, Entry, FieldPostings};

/// The searchable fields, in clause order, with their boosts.
pub const FIELDS: &[(&str, f32)] = &[
    ("title", 3.0),
    ("summary", 1.5),
    ("takeaways", 1.2),
    ("body", 1.0),
    ("sharers", 1.5),
    ("topics", 1.5),
];

/// The facets a search can be filtered by (`lang`: the languages a session
/// was held in, or a sharer speaks).
pub const FACETS: &[&str] = &["level", "topic", "category", "kind", "region", "lang"];

/// One record as the index sees it, in one language.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Document {
    /// The text of each field of [`FIELDS`], in order (moved into the
    /// index when it is built).
    #[serde(skip)]
    pub fields: Vec<String>,
    /// Facet values by facet name.
    #[serde(skip)]
    pub facets: BTreeMap<&'static str, Vec<String>>,
    /// What a result card shows.
    pub card: Card,
}

/// A result card, in the page's language.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Card {
    /// Link.
    pub url: String,
    /// Title.
    pub title: String,
    /// Kind label (a session's format: Learning Clinic, Workshop...).
    pub kind: String,
    /// Level labels.
    pub levels: Vec<String>,
    /// Summary.
    pub summary: String,
    /// The language of the title and summary when it is not the page's
    /// (a record not yet translated); empty otherwise.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub text_lang: String,
    /// Date as the page's language writes it; empty for undated records.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// The same date, `YYYY-MM-DD`, for `<time datetime>`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub iso_date: String,
}

/// A language's index, dictionary and documents.
pub struct LanguageIndex {
    /// The language.
    pub lang: String,
    /// The documents, by record number.
    pub docs: Vec<Document>,
    /// The tantivy index.
    pub index: Index,
    reader: IndexReader,
    /// Terms and surface forms.
    pub dictionary: Dictionary,
    /// Average length of each field, as tantivy computes it (f32).
    pub average_lengths: Vec<f32>,
}

/// The field holding each document's position in [`LanguageIndex::docs`]:
/// tantivy numbers documents per segment, and a large site has several.
const RECORD: &str = "record";

fn schema(lang: &str) -> Schema {
    let mut builder = Schema::builder();
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(&analyzer::name(lang))
        .set_index_option(IndexRecordOption::WithFreqs);
    for (name, _) in FIELDS {
        builder.add_text_field(
            name,
            TextOptions::default().set_indexing_options(indexing.clone()),
        );
    }
    builder.add_u64_field(RECORD, tantivy::schema::FAST);
    builder.build()
}

/// An empty index of `lang` with its analyzer registered, its text fields
/// in [`FIELDS`] order, and where its tokenizers leave the words they met.
fn new_index(lang: &str) -> tantivy::Result<(Index, Vec<Field>, analyzer::Learnt)> {
    let schema = schema(lang);
    let index = Index::create_in_ram(schema.clone());
    let learnt = analyzer::Learnt::default();
    index.tokenizers().register(
        &analyzer::name(lang),
        analyzer::indexing_analyzer(lang, &learnt),
    );
    let fields = FIELDS
        .iter()
        .map(|(name, _)| schema.get_field(name))
        .collect::<Result<_, _>>()?;
    Ok((index, fields, learnt))
}

/// Hands `docs` to the writer, each with its position as its record number.
/// Their text goes with them: tantivy keeps its own copy, and nothing reads
/// the fields after, so their memory is free for the documents that follow.
fn add_documents(
    writer: &IndexWriter,
    fields: &[Field],
    docs: &mut [Document],
    first: usize,
) -> tantivy::Result<()> {
    let record = writer.index().schema().get_field(RECORD)?;
    for (i, document) in docs.iter_mut().enumerate() {
        let texts = std::mem::take(&mut document.fields);
        // Sized for its text up front: growing it copied the text again and
        // again into fresh memory.
        let bytes: usize = texts.iter().map(|f| f.len() + 8).sum();
        let mut tantivy_doc = tantivy::TantivyDocument::with_capacity(bytes + 16);
        tantivy_doc.add_u64(record, (first + i) as u64);
        for (field, text) in fields.iter().zip(&texts) {
            tantivy_doc.add_text(*field, text);
        }
        writer.add_document(tantivy_doc)?;
    }
    Ok(())
}

/// Builds the index of `docs` in `lang`, with `threads` indexing threads.
pub fn build(
    lang: &str,
    mut docs: Vec<Document>,
    threads: usize,
) -> tantivy::Result<LanguageIndex> {
    let (index, fields, learnt) = new_index(lang)?;
    let threads = threads.max(1);
    let mut writer = index.writer_with_num_threads(threads, threads * 64_000_000)?;
    add_documents(&writer, &fields, &mut docs, 0)?;
    writer.commit()?;
    // This joins the indexing threads, whose tokenizers fill `learnt`.
    writer.wait_merging_threads()?;
    finish(index, &fields, lang, docs, &learnt)
}

/// The index with its reader, dictionary and field statistics.
fn finish(
    index: Index,
    fields: &[Field],
    lang: &str,
    docs: Vec<Document>,
    learnt: &analyzer::Learnt,
) -> tantivy::Result<LanguageIndex> {
    let reader = index.reader()?;
    let (mut dictionary, average_lengths) = read_dictionary(&reader, fields)?;
    dictionary.add_aliases(lang, learnt.words());
    Ok(LanguageIndex {
        lang: lang.to_string(),
        docs,
        index,
        reader,
        dictionary,
        average_lengths,
    })
}

/// Each segment's record numbers, by the segment's own document ids.
fn record_columns(searcher: &Searcher) -> tantivy::Result<Vec<Column<u64>>> {
    searcher
        .segment_readers()
        .iter()
        .map(|segment| segment.fast_fields().u64(RECORD))
        .collect()
}

/// The record number of a segment's document.
fn record_of(records: &Column<u64>, doc: DocId) -> tantivy::Result<u32> {
    records
        .first(doc)
        .map(|record| record as u32)
        .ok_or_else(|| no_record(doc))
}

fn no_record(doc: DocId) -> TantivyError {
    TantivyError::InternalError(format!("document {doc} has no record number"))
}

/// Each segment's record numbers as a table by document id, read once:
/// every posting of every term needs one.
fn record_tables(searcher: &Searcher) -> tantivy::Result<Vec<Vec<u32>>> {
    let columns = record_columns(searcher)?;
    searcher
        .segment_readers()
        .iter()
        .zip(&columns)
        .map(|(segment, records)| {
            (0..segment.max_doc())
                .map(|doc| record_of(records, doc))
                .collect()
        })
        .collect()
}

/// One field's terms with their postings, in UTF-8 byte order.
type FieldTerms = Vec<(String, Vec<(u32, u32, u32)>)>;

/// A field's terms from every segment, with its total number of tokens.
fn read_field(
    searcher: &Searcher,
    records: &[Vec<u32>],
    field: Field,
) -> tantivy::Result<(FieldTerms, u64)> {
    let mut total_tokens = 0u64;
    let mut terms: FieldTerms = Vec::new();
    for (segment, records) in searcher.segment_readers().iter().zip(records) {
        let inverted = segment.inverted_index(field)?;
        total_tokens += inverted.total_num_tokens();
        let norms = segment.get_fieldnorms_reader(field)?;
        let mut stream = inverted.terms().stream()?;
        while stream.advance() {
            let Ok(text) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            let term_info = stream.value();
            let mut postings =
                inverted.read_postings_from_terminfo(term_info, IndexRecordOption::WithFreqs)?;
            // Sized by the term's document count: most lists are short, and
            // growing each from nothing was a reallocation every few postings.
            let mut list = Vec::with_capacity(term_info.doc_freq as usize);
            while postings.doc() != TERMINATED {
                let doc = postings.doc();
                let record = records
                    .get(doc as usize)
                    .copied()
                    .ok_or_else(|| no_record(doc))?;
                list.push((
                    record,
                    tantivy::postings::Postings::term_freq(&postings),
                    u32::from(norms.fieldnorm_id(doc)),
                ));
                postings.advance();
            }
            terms.push((text.to_string(), list));
        }
    }
    // Each segment lists its terms in order: a stable sort merges the lists,
    // and a term found in several segments gets all its postings.
    terms.sort_by(|a, b| a.0.cmp(&b.0));
    terms.dedup_by(|later, first| {
        let same = later.0 == first.0;
        if same {
            first.1.append(&mut later.1);
        }
        same
    });
    for (_, list) in &mut terms {
        list.sort_unstable();
    }
    Ok((terms, total_tokens))
}

fn read_dictionary(
    reader: &IndexReader,
    fields: &[Field],
) -> tantivy::Result<(Dictionary, Vec<f32>)> {
    let searcher = reader.searcher();
    let total_docs = searcher.num_docs();
    let records = record_tables(&searcher)?;
    let mut postings: Vec<(String, FieldPostings)> = Vec::new();
    let mut averages = Vec::new();
    for (index, (field, (_, boost))) in fields.iter().zip(FIELDS).enumerate() {
        let (terms, total_tokens) = read_field(&searcher, &records, *field)?;
        postings.extend(terms.into_iter().map(|(text, docs)| {
            let weight = dictionary::weight(docs.len() as u64, total_docs, *boost);
            let field = FieldPostings {
                field: index,
                weight,
                docs,
            };
            (text, field)
        }));
        averages.push(total_tokens as f32 / total_docs.max(1) as f32);
    }
    // The fields' lists, one after another, each in order: a stable sort
    // merges them and keeps a term's fields in field order.
    postings.sort_by(|a, b| a.0.cmp(&b.0));
    let mut entries: Vec<(String, Entry)> = Vec::with_capacity(postings.len());
    for (text, field) in postings {
        match entries.last_mut() {
            Some((last, Entry::Term(fields))) if *last == text => fields.push(field),
            _ => entries.push((text, Entry::Term(vec![field]))),
        }
    }
    let dictionary = Dictionary {
        entries: entries.into_iter().collect(),
        words: None,
    };
    Ok((dictionary, averages))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::indexer::NoMergePolicy;

    /// A clinic with one word of its own (`x<i>y`) and words shared by all.
    fn document(i: usize) -> Document {
        Document {
            fields: vec![
                format!("Clinic x{i}y about volunteers"),
                "A short summary".to_string(),
                String::new(),
                format!("Organising volunteers {}", "together ".repeat(i % 5)),
                String::new(),
                String::new(),
            ],
            facets: BTreeMap::new(),
            card: Card {
                url: format!("/clinics/{i}/"),
                title: format!("Clinic {i}"),
                kind: "clinic".to_string(),
                levels: Vec::new(),
                summary: String::new(),
                text_lang: String::new(),
                date: String::new(),
                iso_date: String::new(),
            },
        }
    }

    #[test]
    fn every_word_of_the_content_leads_to_its_term() {
        let mut docs: Vec<Document> = (0..6).map(document).collect();
        docs[2].fields[3] = "Éditathons ORGANISED by Volunteers, in Zürich".to_string();
        let index = build("en", docs.clone(), 2).expect("index");
        // What every surface should lead to, read from the documents directly.
        let mut analyzer = analyzer::analyzer("en");
        let mut checked = 0;
        for text in docs.iter().flat_map(|d| &d.fields) {
            for word in analyzer::words(text) {
                let surface = word.to_lowercase();
                let term = analyzer::terms_with(&mut analyzer, &surface).remove(0);
                assert_eq!(
                    index.dictionary.term_of(&surface),
                    Some(term.as_str()),
                    "{word}"
                );
                let folded = dictionary::fold(&surface);
                assert_eq!(
                    index.dictionary.term_of(&folded),
                    Some(term.as_str()),
                    "{word}"
                );
                checked += 1;
            }
        }
        assert!(checked > 50);
    }

    #[test]
    fn several_segments_give_the_postings_and_ranking_of_one() {
        let mut docs: Vec<Document> = (0..40).map(document).collect();
        let one = build("en", docs.clone(), 1).expect("index");
        // The same documents in three segments, committed one after another.
        let (index, fields, learnt) = new_index("en").expect("index");
        let mut writer: IndexWriter = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        writer.set_merge_policy(Box::new(NoMergePolicy));
        for (n, chunk) in docs.chunks_mut(15).enumerate() {
            add_documents(&writer, &fields, chunk, n * 15).expect("add");
            writer.commit().expect("commit");
        }
        writer.wait_merging_threads().expect("indexing threads");
        let several = finish(index, &fields, "en", docs, &learnt).expect("index");
        assert_eq!(several.reader.searcher().segment_readers().len(), 3);
        assert_eq!(several.average_lengths, one.average_lengths);
        assert_eq!(several.dictionary.entries, one.dictionary.entries);
        let term = several.dictionary.term_of("x30y").expect("x30y is a word");
        let Some(Entry::Term(postings)) = several.dictionary.entries.get(term) else {
            panic!("{term} is a term");
        };
        assert_eq!(
            postings[0].docs.iter().map(|d| d.0).collect::<Vec<_>>(),
            [30]
        );
        for query in ["volunteers", "together clinic", "x33y"] {
            let found = several.search(query, &[], 10).expect("search");
            assert!(!found.results.is_empty(), "{query}");
            assert_eq!(
                found,
                one.search(query, &[], 10).expect("search"),
                "{query}"
            );
        }
        let found = several.search("x33y", &[], 10).expect("search");
        assert_eq!((found.total, found.results[0].doc), (1, 33));
    }
}
