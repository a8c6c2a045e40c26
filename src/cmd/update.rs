//! `tandem translations update`: regenerates each gettext template and
//! brings every language's catalogue up to date with it, as
//! `msgmerge --previous` would (new messages untranslated, changed ones
//! fuzzy with the previous source, removed ones obsolete; nothing a
//! translator wrote is lost). One loop over the templates: the interface
//! strings today; each kind of translated file adds its own [`Job`]s.

use std::path::Path;

use crate::cli::SiteArgs;
use crate::diagnostic::Diagnostic;
use crate::gettext::{self, Catalog};
use crate::i18n::{self, po};

/// One template and the catalogues made from it.
struct Job {
    /// The template's path from the site root.
    template_path: String,
    /// The template as it should be.
    template: Catalog,
    /// Each language and its catalogue's path from the site root.
    catalogues: Vec<(String, String)>,
}

/// Runs `tandem translations update`.
pub(crate) fn run(site: SiteArgs) -> Result<(), String> {
    // The sources alone: the records' PO files and hand translations are
    // what this command writes, not what it reads.
    let (checked, record_po) = super::record_po::load(&site.root)
        .map_err(|p| super::report(&p).replace("; nothing was written.", "."))?;
    let config = &checked.site.config;
    let languages: Vec<String> = config
        .languages
        .iter()
        .filter(|l| **l != config.default_language && **l != i18n::FALLBACK)
        .cloned()
        .collect();
    let date = super::today(site.today.as_deref())?.to_string();
    let jobs = vec![interface_job(&site.root, &languages).map_err(|d| super::report(&[d]))?];
    for job in jobs {
        run_job(&site.root, &job, &date).map_err(|d| super::report(&[d]))?;
    }
    // Every record's template and PO files, named only when written.
    let changes = super::record_po::update(&site.root, &checked.site, &record_po)
        .map_err(|p| super::report(&p))?;
    for change in changes {
        println!("{change}");
    }
    Ok(())
}

/// The interface strings: the template from `i18n/en.yaml`, one catalogue per language.
fn interface_job(root: &Path, languages: &[String]) -> Result<Job, Diagnostic> {
    let english = i18n::read(root, i18n::FALLBACK)?.unwrap_or_default();
    let order = i18n::english_order(root)?;
    Ok(Job {
        template_path: po::TEMPLATE.to_string(),
        template: po::template(&english, &order),
        catalogues: languages
            .iter()
            .map(|l| (l.clone(), po::po_path(l)))
            .collect(),
    })
}

/// Writes the template and merges it into each catalogue (a new one dated
/// `date`); prints one line per file.
fn run_job(root: &Path, job: &Job, date: &str) -> Result<(), Diagnostic> {
    let text = gettext::write(&job.template);
    let changed = save(root, &job.template_path, &text)?;
    println!(
        "{}: {} messages{}",
        job.template_path,
        job.template.messages.len(),
        if changed { "" } else { ", unchanged" }
    );
    for (lang, path) in &job.catalogues {
        let existing = match i18n::read_text(root, path)? {
            Some(text) => gettext::parse(path, &text)?,
            None => first_catalogue(root, &job.template, lang, path, date)?,
        };
        let merged = gettext::update(&job.template, &existing);
        let changed = save(root, path, &gettext::write(&merged))?;
        let (done, total) = merged.completeness();
        let fuzzy = merged.messages.iter().filter(|m| m.is_fuzzy()).count();
        println!(
            "{path}: {done} of {total} translated, {fuzzy} fuzzy, {} obsolete{}",
            merged.obsolete.len(),
            if changed { "" } else { ", unchanged" }
        );
    }
    Ok(())
}

/// A language's first catalogue: converted from its old `i18n/<lang>.yaml`
/// if it has one (for the interface), else empty.
fn first_catalogue(
    root: &Path,
    template: &Catalog,
    lang: &str,
    path: &str,
    date: &str,
) -> Result<Catalog, Diagnostic> {
    if path == po::po_path(lang) {
        if let Some(own) = i18n::read(root, lang)? {
            println!("{path}: converted from i18n/{lang}.yaml, which can now be deleted");
            return Ok(po::from_yaml(template, lang, &own, date));
        }
    }
    Ok(po::new_catalog(template, lang, date))
}

/// Writes `text` to `path` (from `root`) unless it already holds it; true if written.
fn save(root: &Path, path: &str, text: &str) -> Result<bool, Diagnostic> {
    let full = root.join(path);
    if std::fs::read_to_string(&full).is_ok_and(|old| old == text) {
        return Ok(false);
    }
    let fail = |e: std::io::Error| Diagnostic::file(path, format!("could not write it: {e}"));
    if let Some(parent) = full.parent() {
        std::fs::create_dir_all(parent).map_err(fail)?;
    }
    std::fs::write(&full, text).map_err(fail)?;
    Ok(true)
}
