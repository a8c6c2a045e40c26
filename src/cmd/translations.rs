//! `tandem translations`: how far each translation has got, per language;
//! `--stamp FILE` records in a translation the digests of its source's
//! blocks, so that later changes to the source show as outdated.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::build::load_and_check;
use crate::check::CheckOptions;
use crate::check::blocks::{TextBlocks, digests};
use crate::cli::SiteArgs;
use crate::content::{frontmatter, walk};
use crate::site::{Localized, Site};

/// Runs `tandem translations`.
pub(crate) fn run(
    site: SiteArgs,
    lang: Option<String>,
    stamp: Option<PathBuf>,
) -> Result<(), String> {
    let checked = load_and_check(&site.root, CheckOptions { drafts: true })
        .map_err(|p| super::report(&p).replace("; nothing was written.", "."))?;
    let site_model = &checked.site;
    if let Some(file) = stamp {
        return stamp_file(&site.root, site_model, &file);
    }
    let config = &site_model.config;
    let languages: Vec<&String> = config
        .languages
        .iter()
        .filter(|l| **l != config.default_language)
        .filter(|l| lang.as_ref().is_none_or(|only| only == *l))
        .collect();
    if languages.is_empty() {
        return Err(format!(
            "error: no translation language to show\n  hint: the site's languages are {}",
            config.languages.join(", ")
        ));
    }
    let coverage =
        crate::i18n::coverage(&site.root, &config.languages).map_err(|p| super::report(&[p]))?;
    for lang in &languages {
        if let Some(c) = coverage.iter().find(|c| c.lang == **lang) {
            println!(
                "{lang}: interface {} of {} messages translated ({}%)",
                c.translated,
                c.total,
                (c.translated * 100).checked_div(c.total).unwrap_or(100)
            );
        }
        print!("{}", table(site_model, lang));
    }
    let only = lang.as_deref();
    let notes = notes(&site.root, &checked, only).map_err(|p| super::report(&[p]))?;
    for note in notes {
        println!("{note}");
    }
    Ok(())
}

/// What is not wrong but not finished: clinics whose summary is cut from
/// the body, and interface strings missing (shown in English) or unused,
/// for `only` or every language. Each note is one block of lines.
pub(crate) fn notes(
    root: &Path,
    checked: &crate::check::Checked,
    only: Option<&str>,
) -> Result<Vec<String>, crate::diagnostic::Diagnostic> {
    let mut notes = Vec::new();
    let derived = &checked.notes.derived_summaries;
    if !derived.is_empty() && only.is_none() {
        let mut note = format!(
            "note: {} clinic(s) have no `summary`; one is cut from the body until someone writes it:",
            derived.len()
        );
        derived
            .iter()
            .for_each(|path| note.push_str(&format!("\n  {path}")));
        notes.push(note);
    }
    let coverage = crate::i18n::coverage(root, &checked.site.config.languages)?;
    let unfinished: Vec<String> = coverage
        .iter()
        .filter(|c| only.is_none_or(|l| l == c.lang))
        .filter(|c| c.translated < c.total || !c.unused.is_empty())
        .map(|c| format!("{} {} of {}", c.lang, c.translated, c.total))
        .collect();
    if !unfinished.is_empty() {
        notes.push(format!(
            "note: interface strings translated: {}; the rest show in English (i18n/<lang>/interface.po)",
            unfinished.join(", ")
        ));
    }
    Ok(notes)
}

/// The status table of one language.
pub(crate) fn table(site: &Site, lang: &str) -> String {
    let rows = site.translation_rows(lang);
    let started: Vec<_> = rows.iter().filter(|r| r.path.is_some()).collect();
    let mut out = format!(
        "{lang}: {} of {} records have a translation\n",
        started.len(),
        rows.len()
    );
    if started.is_empty() {
        return out + "\n";
    }
    out.push_str(&format!(
        "  {:<46} {:>8} {:>9} {:>8}\n",
        "page", "complete", "outdated", "stamped"
    ));
    for row in started {
        let path = row.path.unwrap_or_default();
        let stamped = if row.stamped { "yes" } else { "no" };
        out.push_str(&format!(
            "  {:<46} {:>7}% {:>9} {:>8}\n",
            path, row.percent, row.outdated, stamped
        ));
    }
    out + "\n"
}

/// The digests of the source of the translation at `path`, if it is one.
fn source_digests(site: &Site, path: &str) -> Option<BTreeMap<String, String>> {
    fn find<T: TextBlocks>(
        texts: impl Iterator<Item = Localized<T>>,
        path: &str,
    ) -> Option<BTreeMap<String, String>> {
        texts
            .into_iter()
            .find(|t| t.translations.values().any(|tr| tr.path == path))
            .map(|t| digests(&t.source))
    }
    find(site.clinics.iter().map(|c| c.text.clone()), path)
        .or_else(|| find(site.sharers.iter().map(|s| s.text.clone()), path))
        .or_else(|| find(site.topics.iter().map(|t| t.text.clone()), path))
        .or_else(|| find(site.issues.iter().map(|i| i.text.clone()), path))
        .or_else(|| find(site.pages.iter().map(|p| p.text.clone()), path))
}

fn stamp_file(root: &Path, site: &Site, file: &Path) -> Result<(), String> {
    let full = if file.exists() {
        file.to_path_buf()
    } else {
        root.join(file)
    };
    let canonical_root = root
        .canonicalize()
        .map_err(|e| format!("error: {}: {e}", root.display()))?;
    let canonical = full
        .canonicalize()
        .map_err(|e| format!("error: {}: {e}", file.display()))?;
    let relative = walk::display_path(&canonical_root, &canonical);
    let digests = source_digests(site, &relative).ok_or_else(|| {
        format!("error: {relative} is not a translation of this site\n  hint: stamp a file named `<slug>.<lang>.md` next to its source")
    })?;
    let text = walk::normalise(
        std::fs::read_to_string(&canonical).map_err(|e| format!("error: {relative}: {e}"))?,
    );
    let stamped = with_digests(&text, &digests)
        .ok_or_else(|| format!("error: {relative} has no front matter to stamp"))?;
    std::fs::write(&canonical, stamped)
        .map_err(|e| format!("error: cannot write {relative}: {e}"))?;
    println!(
        "Stamped {relative} with the digests of {} source blocks.",
        digests.len()
    );
    Ok(())
}

/// The file's text with its `source_digests` replaced by `digests`.
pub(crate) fn with_digests(text: &str, digests: &BTreeMap<String, String>) -> Option<String> {
    let doc = frontmatter::split(text).ok()?;
    let mut yaml = String::new();
    let mut skipping = false;
    for line in doc.yaml.lines() {
        if line.starts_with("source_digests:") {
            skipping = true;
            continue;
        }
        if skipping && (line.starts_with(' ') || line.starts_with('\t') || line.trim().is_empty()) {
            continue;
        }
        skipping = false;
        yaml.push_str(line);
        yaml.push('\n');
    }
    yaml.push_str("source_digests:  # written by `tandem translations --stamp`; do not edit\n");
    for (role, digest) in digests {
        yaml.push_str(&format!("  {role}: \"{digest}\"\n"));
    }
    Some(format!("---\n{yaml}---\n{}", doc.body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamping_replaces_old_digests_and_keeps_the_body() {
        let digests: BTreeMap<String, String> =
            [("title".to_string(), "0011aabb".to_string())].into();
        let text = "---\ntitle: À propos\nsource_digests:\n  title: \"deadbeef\"\n  body-1: \"12345678\"\nsummary: Court\n---\nCorps.\n";
        assert_eq!(
            with_digests(text, &digests).unwrap(),
            "---\ntitle: À propos\nsummary: Court\nsource_digests:  # written by `tandem translations --stamp`; do not edit\n  title: \"0011aabb\"\n---\nCorps.\n"
        );
    }
}
