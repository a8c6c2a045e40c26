//! The index stage: the checked site, in every language of the build →
//! [`Indexed`], the static search files and each language's manifest path,
//! which the render stage links from every page's search form.

use std::collections::BTreeMap;

use crate::edition::{Edition, Relations, View};
use crate::site::Site;

use super::LanguageIndex;
use super::export::{self, File, Layout};

/// Why indexing failed (tantivy refused the documents).
#[derive(Debug, thiserror::Error)]
#[error("search index: {0}")]
pub struct IndexError(String);

/// Each language's manifest path under the output root, by language.
pub type Manifests = BTreeMap<String, String>;

/// What the index stage hands on.
#[derive(Debug, Default)]
pub struct Indexed {
    /// The exported files, each as its path under the output root and its bytes.
    pub files: Vec<File>,
    /// Each language's manifest.
    pub manifests: Manifests,
}

/// Builds and exports the search index of every language of `editions`.
pub fn index(
    site: &Site,
    editions: &[Edition],
    relations: &Relations,
) -> Result<Indexed, IndexError> {
    let layout = Layout::from_env();
    let export = |edition: &Edition| {
        let index = language_index(site, editions, relations, &edition.lang)?;
        let dir = format!("search/{}/", edition.lang);
        let (files, manifest) = export::export(&index, &dir, layout);
        Ok((edition.lang.clone(), files, format!("{dir}{manifest}")))
    };
    // Each language on a thread of its own, not a pool thread: feeding
    // tantivy's indexing thread mostly waits for it, and a pool thread
    // waiting there is a core the other language's documents and
    // compression can't use.
    let exported: Vec<(String, Vec<File>, String)> = std::thread::scope(|scope| {
        let languages: Vec<_> = editions
            .iter()
            .map(|edition| scope.spawn(move || export(edition)))
            .collect();
        languages
            .into_iter()
            .map(joined)
            .collect::<Result<_, IndexError>>()
    })?;
    let mut indexed = Indexed::default();
    for (lang, files, manifest) in exported {
        indexed.manifests.insert(lang, manifest);
        indexed.files.extend(files);
    }
    Ok(indexed)
}

/// The search index of `lang`, one of the languages of `editions`.
pub fn language_index(
    site: &Site,
    editions: &[Edition],
    relations: &Relations,
    lang: &str,
) -> Result<LanguageIndex, IndexError> {
    let edition = editions
        .iter()
        .find(|e| e.lang == lang)
        .ok_or_else(|| IndexError(format!("`{lang}` is not a language of this build")))?;
    let docs = super::documents(&View::new(site, edition, relations));
    // The languages are indexed side by side; each gets its share of the cores.
    let threads = rayon::current_num_threads() / editions.len().max(1);
    super::build(lang, docs, threads).map_err(|e| IndexError(e.to_string()))
}

/// What a scoped thread returned; its panic goes on where it is joined.
fn joined<T>(thread: std::thread::ScopedJoinHandle<'_, T>) -> T {
    thread
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}
