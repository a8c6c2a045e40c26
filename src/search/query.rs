//! Query stage: a visitor's words and filters → every matching record, in
//! rank order, with the total and, when nothing matches, what to try.
//!
//! The browser client (`search.js`) follows the same rules step by step,
//! and the parity tests hold the two to the same results:
//!
//! - words are resolved to terms by the [`Dictionary`](super::dictionary)
//!   rules, and each matching record scores tantivy's BM25, summed clause
//!   by clause in term then field order (the order the client sums in);
//! - filters keep a record that has, for every facet filtered, at least one
//!   of the values asked for (values of one facet widen, facets narrow);
//! - filters without words browse: every record they keep, in record
//!   order, which puts sessions newest first (see [`super::documents`]);
//! - when nothing matches: with filters, how many results the words have
//!   without them; otherwise a suggested spelling.

use std::collections::BTreeMap;

use tantivy::query::{EnableScoring, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, TERMINATED, Term};

use super::dictionary::Entry;
use super::{Card, FIELDS, LanguageIndex, analyzer, record_columns, record_of};

/// One result.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Hit {
    /// Record number.
    pub doc: u32,
    /// BM25 score (0 when browsing by filters alone).
    pub score: f32,
    /// What its card shows.
    #[serde(flatten)]
    pub card: Card,
}

/// What a search found.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Results {
    /// How many records match, all told.
    pub total: usize,
    /// The first of them, best first.
    pub results: Vec<Hit>,
    /// A spelling to try, when nothing matches and no filter is to blame.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
    /// When nothing matches the filters: how many records the words match
    /// without them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub without_filters: Option<usize>,
}

/// `(facet, value)` pairs, as the command line and the page's URL give them.
pub type Filters = [(String, String)];

impl LanguageIndex {
    /// Searches: the first `limit` of every record matching `query` and
    /// `filters`, with their number.
    pub fn search(&self, query: &str, filters: &Filters, limit: usize) -> tantivy::Result<Results> {
        let words = analyzer::query_words(&self.lang, query);
        let ranked = self.ranked(&words, filters)?;
        let total = ranked.len();
        let (mut suggestion, mut without_filters) = (None, None);
        if total == 0 && !words.is_empty() {
            if !filters.is_empty() {
                without_filters = Some(self.ranked(&words, &[])?.len()).filter(|n| *n > 0);
            }
            if without_filters.is_none() && analyzer::kind(&self.lang) != analyzer::Kind::Bigrams {
                suggestion = self.dictionary.suggest(&words);
            }
        }
        let results = ranked
            .into_iter()
            .take(limit)
            .map(|(doc, score)| Hit {
                doc,
                score,
                card: self.docs[doc as usize].card.clone(),
            })
            .collect();
        Ok(Results {
            total,
            results,
            suggestion,
            without_filters,
        })
    }

    /// Every record matching `words` and `filters`, best first (by score,
    /// then record number); with no words, every record the filters keep.
    fn ranked(&self, words: &[String], filters: &Filters) -> tantivy::Result<Vec<(u32, f32)>> {
        if words.is_empty() {
            if filters.is_empty() {
                return Ok(Vec::new());
            }
            return Ok((0..self.docs.len() as u32)
                .filter(|doc| self.matches(*doc, filters))
                .map(|doc| (doc, 0.0))
                .collect());
        }
        let mut hits: Vec<(u32, f32)> = self
            .scores(words)?
            .into_iter()
            .filter(|(doc, _)| self.matches(*doc, filters))
            .collect();
        hits.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(hits)
    }

    /// The BM25 score of every record containing a term of `words`, as
    /// tantivy's term scorers give it, summed in term then field order.
    fn scores(&self, words: &[String]) -> tantivy::Result<BTreeMap<u32, f32>> {
        let terms = self.dictionary.resolve(words);
        let searcher = self.reader.searcher();
        let records = record_columns(&searcher)?;
        let schema = self.index.schema();
        let mut scores: BTreeMap<u32, f32> = BTreeMap::new();
        for term in &terms {
            let Some(Entry::Term(fields)) = self.dictionary.entries.get(term) else {
                continue;
            };
            for postings in fields {
                let (name, boost) = FIELDS[postings.field];
                let field = schema.get_field(name)?;
                let query = TermQuery::new(
                    Term::from_field_text(field, term),
                    IndexRecordOption::WithFreqs,
                );
                let weight = query.weight(EnableScoring::enabled_from_searcher(&searcher))?;
                for (segment, records) in searcher.segment_readers().iter().zip(&records) {
                    let mut scorer = weight.scorer(segment, boost)?;
                    while scorer.doc() != TERMINATED {
                        let record = record_of(records, scorer.doc())?;
                        *scores.entry(record).or_insert(0.0) += scorer.score();
                        scorer.advance();
                    }
                }
            }
        }
        Ok(scores)
    }

    /// Whether record `doc` has, for each facet of `filters`, one of the
    /// values asked for.
    fn matches(&self, doc: u32, filters: &Filters) -> bool {
        let facets = &self.docs[doc as usize].facets;
        let has = |facet: &str, value: &str| {
            facets
                .get(facet)
                .is_some_and(|values| values.iter().any(|v| v == value))
        };
        filters.iter().all(|(facet, _)| {
            filters
                .iter()
                .filter(|(other, _)| other == facet)
                .any(|(_, value)| has(facet, value))
        })
    }
}
