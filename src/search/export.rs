//! The static search files of one language, for the browser client
//! (`search.js`): a manifest, term shards, result cards and facet lists, each
//! JSON, gzipped, named by a hash of its content.

use std::io::Write;

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::dictionary::Entry;
use super::{FACETS, FIELDS, LanguageIndex, analyzer};

/// Raw size a term shard is filled up to.
const SHARD_BYTES: usize = 6 * 1024;
/// Result cards per file.
const CARDS_PER_FILE: usize = 8;

/// One exported file: path under the output root, and its gzipped bytes.
pub type File = (String, Vec<u8>);

fn gzip(text: &str) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = encoder.write_all(text.as_bytes());
    encoder.finish().unwrap_or_default()
}

/// Writes `value` as a hashed file in `dir`; returns its name.
fn put(files: &mut Vec<File>, dir: &str, stem: &str, value: &Value) -> String {
    let bytes = gzip(&value.to_string());
    let hash: String = Sha256::digest(&bytes)[..5]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let name = format!("{stem}.{hash}.json.gz");
    files.push((format!("{dir}{name}"), bytes));
    name
}

fn entry_json(entry: &Entry) -> Value {
    match entry {
        Entry::Alias(term) => json!({ "a": term }),
        Entry::Term(fields) => {
            let fields: Vec<Value> = fields
                .iter()
                .map(|f| {
                    // Document ids as gaps from the previous one: smaller numbers, smaller files.
                    let mut previous = 0;
                    let docs: Vec<u32> = f
                        .docs
                        .iter()
                        .flat_map(|(d, tf, norm)| {
                            let gap = d - previous;
                            previous = *d;
                            [gap, *tf, *norm]
                        })
                        .collect();
                    json!([f.field, f64::from(f.weight), docs])
                })
                .collect();
            json!({ "f": fields })
        }
    }
}

/// Every file of one language's search index, and the manifest's name.
pub fn export(index: &LanguageIndex, dir: &str) -> (Vec<File>, String) {
    let mut files = Vec::new();
    let mut shards: Vec<Value> = Vec::new();
    let mut current = serde_json::Map::new();
    let mut size = 0;
    let mut first: Option<String> = None;
    for (key, entry) in &index.dictionary.entries {
        let value = entry_json(entry);
        size += key.len() + value.to_string().len() + 4;
        first.get_or_insert_with(|| key.clone());
        current.insert(key.clone(), value);
        if size >= SHARD_BYTES {
            let name = put(
                &mut files,
                dir,
                &format!("s{}", shards.len()),
                &Value::Object(std::mem::take(&mut current)),
            );
            shards.push(json!([first.take(), name]));
            size = 0;
        }
    }
    if !current.is_empty() {
        let name = put(
            &mut files,
            dir,
            &format!("s{}", shards.len()),
            &Value::Object(current),
        );
        shards.push(json!([first.take(), name]));
    }
    let cards: Vec<String> = index
        .docs
        .chunks(CARDS_PER_FILE)
        .enumerate()
        .map(|(i, chunk)| {
            put(
                &mut files,
                dir,
                &format!("c{i}"),
                &json!(chunk.iter().map(|d| &d.card).collect::<Vec<_>>()),
            )
        })
        .collect();
    let mut facets = serde_json::Map::new();
    for facet in FACETS {
        let mut values: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
        for (doc, document) in index.docs.iter().enumerate() {
            for value in document.facets.get(facet).into_iter().flatten() {
                values.entry(value).or_default().push(doc);
            }
        }
        facets.insert(
            facet.to_string(),
            json!(put(&mut files, dir, &format!("f-{facet}"), &json!(values))),
        );
    }
    let fields: Vec<Value> = FIELDS
        .iter()
        .zip(&index.average_lengths)
        .map(|((name, boost), avg)| json!([name, f64::from(*boost), f64::from(*avg)]))
        .collect();
    let manifest = json!({
        "version": 1,
        "lang": index.lang,
        "analysis": analyzer::kind(&index.lang),
        "docs": index.docs.len(),
        "fields": fields,
        "shards": shards,
        "cards": { "per_file": CARDS_PER_FILE, "files": cards },
        "facets": facets,
    });
    let name = put(&mut files, dir, "manifest", &manifest);
    (files, name)
}
