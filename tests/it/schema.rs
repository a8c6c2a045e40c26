//! The JSON Schemas written by `tandem schema` are committed, match the Rust
//! types, accept every real record and reject a bad one.

use crate::support::{read_tree, repo};

fn schema(name: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(repo().join("schemas").join(name)).unwrap();
    jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).unwrap()
}

fn front_matter(text: &str) -> serde_json::Value {
    let doc = tandem::content::frontmatter::split(text).unwrap();
    if doc.yaml.trim().is_empty() {
        return serde_json::json!({});
    }
    serde_saphyr::from_str(doc.yaml).unwrap()
}

#[test]
fn the_committed_schemas_are_the_generated_ones() {
    for (name, text) in tandem::schema::all() {
        let committed =
            std::fs::read_to_string(repo().join("schemas").join(name)).unwrap_or_default();
        assert_eq!(
            committed, text,
            "schemas/{name} is stale: run `cargo run -- schema`"
        );
    }
}

#[test]
fn every_real_record_validates_against_its_schema() {
    let mut checked = 0;
    for (path, bytes) in read_tree(&repo().join("content")) {
        let Some((folder, _)) = path.split_once('/') else {
            continue;
        };
        let Some(section) = tandem::content::Section::from_folder(folder) else {
            continue;
        };
        let value = front_matter(std::str::from_utf8(&bytes).unwrap());
        let validator = schema(tandem::schema::file_for(section));
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "content/{path}: {errors:?}");
        checked += 1;
    }
    assert!(checked > 70, "{checked} records checked");
    let site: serde_json::Value =
        serde_saphyr::from_str(&std::fs::read_to_string(repo().join("content/site.yaml")).unwrap())
            .unwrap();
    assert!(schema("site.schema.json").is_valid(&site));
}

#[test]
fn a_bad_record_is_rejected() {
    let validator = schema("clinic.schema.json");
    let misspelt = front_matter("---\ntitle: X\nlevel: [newcomer]\n---\n");
    assert!(!validator.is_valid(&misspelt), "unknown keys are refused");
    let bad_level = front_matter("---\ntitle: X\nlevels: [expert]\n---\n");
    assert!(
        !validator.is_valid(&bad_level),
        "levels come from a closed list"
    );
    let bad_region = front_matter("---\ntitle: X\nregion: africa\n---\n");
    assert!(!validator.is_valid(&bad_region));
    let good = front_matter("---\ntitle: X\nlevels: [newcomer]\nregion: ssa\n---\n");
    assert!(validator.is_valid(&good));
}

#[test]
fn the_rust_analyser_reproduces_the_shared_test_vectors() {
    let text = std::fs::read_to_string(repo().join("tests/fixtures/search/vectors.json")).unwrap();
    let vectors: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let languages: std::collections::BTreeSet<&str> =
        vectors.iter().filter_map(|v| v["lang"].as_str()).collect();
    // An empty or shrunken vectors file would pass the loop below unseen.
    assert!(vectors.len() >= 15, "{} vectors", vectors.len());
    for lang in ["en", "fr", "es", "pt", "ar", "zh", "ig", "bcl"] {
        assert!(
            languages.contains(lang),
            "no vector in {lang}: {languages:?}"
        );
    }
    for v in vectors {
        let lang = v["lang"].as_str().unwrap();
        let words: Vec<String> = v["words"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap().to_string())
            .collect();
        assert_eq!(
            tandem::search::analyzer::query_words(lang, v["text"].as_str().unwrap()),
            words,
            "{lang}: {}",
            v["text"]
        );
    }
}
