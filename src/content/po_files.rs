//! Records translated in gettext PO files: finds and reads
//! `i18n/<lang>/<section>/<slug>.po` (beside the templates
//! `i18n/templates/<section>/<slug>.pot`), with the same boundary rules as
//! the records: a link out of the site is refused, only regular files are
//! read, none larger than a record may be, and names must be a language
//! code, a record folder and a slug.

use std::path::Path;

use rayon::prelude::*;

use super::boundary::{self, Boundary, display_path};
use super::walk::{MAX_FILE_BYTES, Section, normalise};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::vocab;

/// The folder of `i18n/` that holds the templates.
pub const TEMPLATES: &str = "templates";

/// One record's translation into one language, as a PO file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoFile {
    /// Path relative to the site root (`i18n/fr/pages/about.po`).
    pub path: String,
    /// Its language (the folder under `i18n/`).
    pub lang: String,
    /// The record's folder.
    pub section: Section,
    /// The record's slug.
    pub slug: String,
    /// The text, without byte-order mark, with `\n` line endings.
    pub text: String,
}

/// The PO file of record `section/slug` in `lang`, relative to the root.
pub fn po_path(lang: &str, section: Section, slug: &str) -> String {
    format!("i18n/{lang}/{}/{slug}.po", section.folder())
}

/// The template of record `section/slug`, relative to the root.
pub fn pot_path(section: Section, slug: &str) -> String {
    format!("i18n/{TEMPLATES}/{}/{slug}.pot", section.folder())
}

/// Every record PO file under `root/i18n`, sorted by path.
pub fn read_all(root: &Path, problems: &mut Diagnostics) -> Vec<PoFile> {
    let i18n = root.join("i18n");
    let Ok(languages) = std::fs::read_dir(&i18n) else {
        return Vec::new();
    };
    let boundary = Boundary::new(root);
    let mut found = Vec::new();
    let mut names: Vec<_> = languages.filter_map(Result::ok).collect();
    names.sort_by_key(|e| e.file_name());
    for entry in names {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == TEMPLATES || name.starts_with('.') || !entry.path().is_dir() {
            continue;
        }
        for section in Section::ALL {
            let folder = entry.path().join(section.folder());
            list(
                root, &boundary, &folder, &name, section, &mut found, problems,
            );
        }
    }
    let read: Vec<(Option<PoFile>, Diagnostics)> = found
        .into_par_iter()
        .map(|(path, lang, section, slug)| {
            let mut found = Diagnostics::new();
            let shown = display_path(root, &path);
            let text = read_text(&path, &shown, &mut found);
            let file = text.map(|text| PoFile {
                path: shown,
                lang,
                section,
                slug,
                text,
            });
            (file, found)
        })
        .collect();
    let mut files = Vec::with_capacity(read.len());
    for (file, found) in read {
        problems.append(found);
        files.extend(file);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

type Found = (std::path::PathBuf, String, Section, String);

/// The `.po` files of one language's record folder.
fn list(
    root: &Path,
    boundary: &Boundary,
    folder: &Path,
    lang: &str,
    section: Section,
    found: &mut Vec<Found>,
    problems: &mut Diagnostics,
) {
    if !folder.exists() {
        return;
    }
    let shown = display_path(root, folder);
    if !boundary.contains(folder) {
        problems.push(boundary::outside(&shown));
        return;
    }
    if !vocab::is_language_tag(lang) {
        problems.push(
            Diagnostic::file(&shown, format!("`{lang}` is not a language code"))
                .hint("record translations go in i18n/<lang>/<section>/<slug>.po, for example i18n/fr/pages/about.po"),
        );
        return;
    }
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(slug) = name.strip_suffix(".po") else {
            continue;
        };
        let shown = display_path(root, &path);
        if !boundary.contains(&path) {
            problems.push(boundary::outside(&shown));
        } else if !vocab::is_slug(slug) {
            problems.push(
                Diagnostic::file(&shown, format!("`{slug}` is not a record's slug")).hint(
                    "name a record's PO file after the record: i18n/<lang>/<section>/<slug>.po",
                ),
            );
        } else {
            found.push((path, lang.to_string(), section, slug.to_string()));
        }
    }
}

/// A PO file's text: a regular file, no larger than a record, UTF-8.
fn read_text(path: &Path, shown: &str, problems: &mut Diagnostics) -> Option<String> {
    // Asked before opening: opening a named pipe would wait forever.
    let is_file = std::fs::metadata(path).map(|m| m.is_file());
    if matches!(is_file, Ok(false)) {
        problems.push(
            Diagnostic::file(shown, "this is not a regular file")
                .hint("a record's translation is a PO file; replace it with one"),
        );
        return None;
    }
    let opened = std::fs::File::open(path).and_then(|f| Ok((f.metadata()?, f)));
    let (meta, file) = match opened {
        Ok(opened) => opened,
        Err(error) => {
            problems.push(Diagnostic::file(shown, format!("cannot be read: {error}")));
            return None;
        }
    };
    if meta.len() > MAX_FILE_BYTES {
        problems.push(
            Diagnostic::file(
                shown,
                format!(
                    "the file is {} bytes, more than the {MAX_FILE_BYTES} a record's translation may have",
                    meta.len()
                ),
            )
            .hint("a record's PO file holds one record's text; check that it is the right file"),
        );
        return None;
    }
    let mut bytes = Vec::new();
    let mut limited = std::io::Read::take(file, MAX_FILE_BYTES + 1);
    if let Err(error) = std::io::Read::read_to_end(&mut limited, &mut bytes) {
        problems.push(Diagnostic::file(shown, format!("cannot be read: {error}")));
        return None;
    }
    match String::from_utf8(bytes) {
        Ok(text) => Some(normalise(text)),
        Err(_) => {
            problems.push(
                Diagnostic::file(shown, "this file is not valid UTF-8 text")
                    .hint("save the PO file as UTF-8 (its header says `charset=UTF-8`)"),
            );
            None
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn reads_record_po_files_and_refuses_links_out_fifos_and_bad_names() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        let pages = root.join("i18n/fr/pages");
        std::fs::create_dir_all(&pages).unwrap();
        std::fs::create_dir_all(root.join("i18n/templates/pages")).unwrap();
        std::fs::write(pages.join("about.po"), "msgid \"\"\r\nmsgstr \"\"\r\n").unwrap();
        std::fs::write(root.join("i18n/templates/pages/about.pot"), "").unwrap();
        std::fs::write(pages.join("Bad_Name.po"), "").unwrap();
        std::fs::write(dir.path().join("secret"), "x").unwrap();
        symlink(dir.path().join("secret"), pages.join("join.po")).unwrap();
        let fifo = pages.join("pipe.po");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        let mut problems = Diagnostics::new();
        let files = read_all(&root, &mut problems);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].path, "i18n/fr/pages/about.po");
        assert_eq!(
            (files[0].lang.as_str(), files[0].slug.as_str()),
            ("fr", "about")
        );
        assert_eq!(files[0].text, "msgid \"\"\nmsgstr \"\"\n");
        let shown: Vec<String> = problems
            .into_sorted()
            .iter()
            .map(|d| d.to_string())
            .collect();
        let expected = if made.is_ok_and(|s| s.success()) {
            3
        } else {
            2
        };
        assert_eq!(shown.len(), expected, "{shown:?}");
        assert!(
            shown
                .iter()
                .any(|s| s.starts_with("i18n/fr/pages/join.po: error: this is a symbolic link"))
        );
        assert!(shown.iter().all(|s| !s.contains("secret")));
    }
}
