//! Index stage: the site's records → one tantivy index per language, and the
//! static files the browser searches offline (see `SEARCH-DESIGN.md`).
//!
//! Every record kind is a document with the fields title (boosted), summary,
//! takeaways, body, sharer names and topic titles, and the facets level,
//! topic, topic category, kind and region. Each index is one segment written
//! by one thread, so document ids follow the order of [`documents`].
//! Queries are resolved with the [`dictionary`] rules and scored clause by
//! clause with tantivy's BM25 term scorers, summed in clause order — the
//! order the browser client sums in, so both rank identically.

pub mod analyzer;
pub mod dictionary;
pub mod export;

use std::collections::{BTreeMap, BTreeSet, HashSet};

use rayon::prelude::*;
use tantivy::query::{EnableScoring, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::{DocSet, Index, IndexReader, TERMINATED, Term, doc};

use crate::site::Site;
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

/// The facets a search can be filtered by.
pub const FACETS: &[&str] = &["level", "topic", "category", "kind", "region"];

/// One record as the index sees it, in one language.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Document {
    /// The text of each field of [`FIELDS`], in order.
    #[serde(skip)]
    pub fields: Vec<String>,
    /// Facet values by facet name.
    #[serde(skip)]
    pub facets: BTreeMap<&'static str, Vec<String>>,
    /// What a result card shows.
    pub card: Card,
}

/// A result card.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Card {
    /// Link.
    pub u: String,
    /// Title.
    pub t: String,
    /// Kind label.
    pub k: String,
    /// Level labels.
    pub l: Vec<String>,
    /// Summary.
    pub s: String,
}

/// A language's index, dictionary and documents.
pub struct LanguageIndex {
    /// The language.
    pub lang: String,
    /// The documents, by id.
    pub docs: Vec<Document>,
    /// The tantivy index.
    pub index: Index,
    reader: IndexReader,
    /// Terms and surface forms.
    pub dictionary: Dictionary,
    /// Average length of each field, as tantivy computes it (f32).
    pub average_lengths: Vec<f32>,
}

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
    builder.build()
}

/// Builds the index of `docs` in `lang`.
pub fn build(lang: &str, docs: Vec<Document>) -> tantivy::Result<LanguageIndex> {
    let schema = schema(lang);
    let index = Index::create_in_ram(schema.clone());
    index
        .tokenizers()
        .register(&analyzer::name(lang), analyzer::analyzer(lang));
    let mut writer = index.writer_with_num_threads(1, 50_000_000)?;
    let fields: Vec<_> = FIELDS
        .iter()
        .map(|(name, _)| schema.get_field(name))
        .collect::<Result<_, _>>()?;
    for document in &docs {
        let mut tantivy_doc = doc!();
        for (field, text) in fields.iter().zip(&document.fields) {
            tantivy_doc.add_text(*field, text);
        }
        writer.add_document(tantivy_doc)?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    let reader = index.reader()?;
    let (dictionary, average_lengths) = read_dictionary(&reader, &fields, lang, &docs)?;
    Ok(LanguageIndex {
        lang: lang.to_string(),
        docs,
        index,
        reader,
        dictionary,
        average_lengths,
    })
}

fn read_dictionary(
    reader: &IndexReader,
    fields: &[tantivy::schema::Field],
    lang: &str,
    docs: &[Document],
) -> tantivy::Result<(Dictionary, Vec<f32>)> {
    let searcher = reader.searcher();
    let total_docs: u64 = searcher
        .segment_readers()
        .iter()
        .map(|s| u64::from(s.max_doc()))
        .sum();
    let mut dictionary = Dictionary::default();
    let mut averages = Vec::new();
    for (index, (field, (_, boost))) in fields.iter().zip(FIELDS).enumerate() {
        let mut total_tokens = 0u64;
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(*field)?;
            total_tokens += inverted.total_num_tokens();
            let norms = segment.get_fieldnorms_reader(*field)?;
            let mut stream = inverted.terms().stream()?;
            while stream.advance() {
                let Ok(text) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                let mut postings = inverted
                    .read_postings_from_terminfo(stream.value(), IndexRecordOption::WithFreqs)?;
                let mut list = Vec::new();
                while postings.doc() != TERMINATED {
                    let doc = postings.doc();
                    list.push((
                        doc,
                        tantivy::postings::Postings::term_freq(&postings),
                        u32::from(norms.fieldnorm_id(doc)),
                    ));
                    postings.advance();
                }
                let weight = dictionary::weight(list.len() as u64, total_docs, *boost);
                let entry = dictionary
                    .entries
                    .entry(text.to_string())
                    .or_insert_with(|| Entry::Term(Vec::new()));
                if let Entry::Term(fields) = entry {
                    fields.push(FieldPostings {
                        field: index,
                        weight,
                        docs: list,
                    });
                }
            }
        }
        averages.push(total_tokens as f32 / total_docs.max(1) as f32);
    }
    add_aliases(&mut dictionary, lang, docs);
    Ok((dictionary, averages))
}

/// Maps every surface form of the content (lower-cased, and folded) to its term.
fn add_aliases(dictionary: &mut Dictionary, lang: &str, docs: &[Document]) {
    if !matches!(
        analyzer::kind(lang),
        analyzer::Kind::Stemmed | analyzer::Kind::Plain
    ) {
        return;
    }
    // For these languages the query words are the words, lower-cased:
    // distinct words first, then lower-cased and sorted (so the first surface
    // to claim a folded key is always the same one), then analysed.
    let words: HashSet<&str> = docs
        .par_iter()
        .fold(HashSet::new, |mut words, doc| {
            for text in &doc.fields {
                words.extend(analyzer::words(text));
            }
            words
        })
        .reduce(HashSet::new, |mut all, some| {
            all.extend(some);
            all
        });
    let mut surfaces: Vec<String> = words.into_par_iter().map(str::to_lowercase).collect();
    surfaces.par_sort_unstable();
    surfaces.dedup();
    let terms: Vec<Option<String>> = surfaces
        .par_iter()
        .map_init(
            || analyzer::analyzer(lang),
            |analyzer, surface| analyzer::terms_with(analyzer, surface).into_iter().next(),
        )
        .collect();
    for (surface, term) in surfaces.into_iter().zip(terms) {
        let Some(term) = term else {
            continue;
        };
        if !dictionary.entries.contains_key(&term) {
            continue;
        }
        for key in [surface.clone(), dictionary::fold(&surface)] {
            if key != term && !dictionary.entries.contains_key(&key) {
                dictionary.entries.insert(key, Entry::Alias(term.clone()));
            }
        }
    }
}

/// One result.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Hit {
    /// Document id.
    pub doc: u32,
    /// BM25 score.
    pub score: f32,
    /// Its card.
    pub card: Card,
}

impl LanguageIndex {
    /// Searches: the top `limit` documents for `query`, keeping only documents
    /// that have every `(facet, value)` of `filters`.
    pub fn search(
        &self,
        query: &str,
        filters: &[(String, String)],
        limit: usize,
    ) -> tantivy::Result<Vec<Hit>> {
        let words = analyzer::query_words(&self.lang, query);
        let terms = self.dictionary.resolve(&words);
        let searcher = self.reader.searcher();
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
                for segment in searcher.segment_readers() {
                    let mut scorer = weight.scorer(segment, boost)?;
                    while scorer.doc() != TERMINATED {
                        *scores.entry(scorer.doc()).or_insert(0.0) += scorer.score();
                        scorer.advance();
                    }
                }
            }
        }
        let mut hits: Vec<(u32, f32)> = scores
            .into_iter()
            .filter(|(doc, _)| self.matches(*doc, filters))
            .collect();
        hits.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(hits
            .into_iter()
            .take(limit)
            .map(|(doc, score)| Hit {
                doc,
                score,
                card: self.docs[doc as usize].card.clone(),
            })
            .collect())
    }

    fn matches(&self, doc: u32, filters: &[(String, String)]) -> bool {
        let facets = &self.docs[doc as usize].facets;
        filters.iter().all(|(facet, value)| {
            facets
                .get(facet.as_str())
                .is_some_and(|values| values.contains(value))
        })
    }
}

/// Every record of `site` as a document in the page language of `ctx`.
pub fn documents(ctx: &crate::render::views::Ctx) -> Vec<Document> {
    let site: &Site = ctx.site;
    let mut docs = Vec::new();
    let topic_title = |slug: &String| {
        site.topic(slug)
            .map(|t| t.text.get(ctx.lang).1.title.clone())
            .unwrap_or_default()
    };
    let sharer_name = |slug: &String| {
        site.sharer(slug)
            .map(|s| s.name.clone())
            .unwrap_or_default()
    };
    let plain = |markdown: &str| crate::content::markdown::plain_text(markdown);
    let url = |route: crate::render::urls::Route| ctx.url(&route);
    let clinic_document = |clinic: &crate::site::Clinic| {
        let text = clinic.text.get(ctx.lang).1;
        let mut facets = BTreeMap::new();
        facets.insert(
            "level",
            clinic.levels.iter().map(|l| l.to_string()).collect(),
        );
        facets.insert("topic", clinic.topics.clone());
        facets.insert(
            "category",
            clinic
                .topics
                .iter()
                .filter_map(|t| site.topic(t))
                .map(|t| t.category.to_string())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
        );
        facets.insert("kind", vec!["clinic".to_string()]);
        facets.insert(
            "region",
            clinic.region.iter().map(|r| r.to_string()).collect(),
        );
        Document {
            fields: vec![
                text.title.clone(),
                text.summary.text.clone(),
                text.takeaways.join("\n"),
                plain(&text.body.markdown),
                clinic
                    .sharers
                    .iter()
                    .map(sharer_name)
                    .collect::<Vec<_>>()
                    .join("\n"),
                clinic
                    .topics
                    .iter()
                    .map(topic_title)
                    .collect::<Vec<_>>()
                    .join("\n"),
            ],
            facets,
            card: Card {
                u: url(crate::render::urls::clinic(&clinic.slug)),
                t: text.title.clone(),
                k: ctx.t(&format!("format_{}", clinic.format)),
                l: clinic
                    .levels
                    .iter()
                    .map(|l| ctx.t(&format!("level_{l}")))
                    .collect(),
                s: text.summary.text.clone(),
            },
        }
    };
    // Clinics are most of a site: their documents are made in parallel, in order.
    docs.par_extend(site.clinics.par_iter().map(clinic_document));
    let simple = |kind: &str,
                  title: &str,
                  summary: &str,
                  body: &str,
                  link: String,
                  extra: (Vec<String>, Vec<String>)| {
        let mut facets = BTreeMap::new();
        facets.insert("kind", vec![kind.to_string()]);
        facets.insert("topic", extra.1.clone());
        Document {
            fields: vec![
                title.to_string(),
                summary.to_string(),
                String::new(),
                plain(body),
                String::new(),
                extra.0.join("\n"),
            ],
            facets,
            card: Card {
                u: link,
                t: title.to_string(),
                k: ctx.t(&format!("kind_{kind}")),
                l: Vec::new(),
                s: summary.to_string(),
            },
        }
    };
    for sharer in &site.sharers {
        let text = sharer.text.get(ctx.lang).1;
        let mut doc = simple(
            "sharer",
            &sharer.name,
            text.role.as_deref().unwrap_or_default(),
            &text.body.markdown,
            url(crate::render::urls::sharer(&sharer.slug)),
            (
                sharer.skills.iter().map(topic_title).collect(),
                sharer.skills.clone(),
            ),
        );
        doc.facets.insert(
            "region",
            sharer.region.iter().map(|r| r.to_string()).collect(),
        );
        docs.push(doc);
    }
    for topic in &site.topics {
        let text = topic.text.get(ctx.lang).1;
        let mut doc = simple(
            "topic",
            &text.title,
            text.description.as_deref().unwrap_or_default(),
            &text.body.markdown,
            url(crate::render::urls::topic(&topic.slug)),
            (Vec::new(), vec![topic.slug.clone()]),
        );
        doc.facets
            .insert("category", vec![topic.category.to_string()]);
        docs.push(doc);
    }
    for issue in &site.issues {
        let text = issue.text.get(ctx.lang).1;
        docs.push(simple(
            "newsletter",
            &text.title,
            text.summary.as_deref().unwrap_or_default(),
            &text.body.markdown,
            url(crate::render::urls::issue(&issue.slug)),
            (Vec::new(), Vec::new()),
        ));
    }
    for page in &site.pages {
        let text = page.text.get(ctx.lang).1;
        docs.push(simple(
            "page",
            &text.title,
            text.summary.as_deref().unwrap_or_default(),
            &text.body.markdown,
            url(crate::render::urls::page(&page.slug)),
            (Vec::new(), Vec::new()),
        ));
    }
    docs
}
