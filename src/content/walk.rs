//! Walks `content/` in sorted order and reads every record file as text.
//!
//! Output: one [`SourceFile`] per record, with its section, slug and language
//! taken from its path, and its text normalised (byte-order mark removed,
//! `\r\n` turned into `\n`) so that line numbers mean the same thing for
//! every file. Files that can't be records (wrong place, bad name, not UTF-8,
//! too large, a symlink loop) become diagnostics, never panics.

use std::path::Path;

use rayon::prelude::*;
use walkdir::WalkDir;

pub use super::boundary::display_path;
use super::boundary::{self, Boundary};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::vocab;

/// The largest record file read, in bytes. A real record is a few kilobytes;
/// anything this big is a mistake, and reading it would only slow the build.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

/// The folders of `content/` and the record kind each holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// `content/clinics/`
    Clinics,
    /// `content/sharers/`
    Sharers,
    /// `content/topics/`
    Topics,
    /// `content/newsletter/`
    Newsletter,
    /// `content/pages/`
    Pages,
}

impl Section {
    /// Every section, in the order they are listed in SPEC.md.
    pub const ALL: [Section; 5] = [
        Section::Clinics,
        Section::Sharers,
        Section::Topics,
        Section::Newsletter,
        Section::Pages,
    ];

    /// The folder name under `content/`, also used in `@/<folder>/x.md` links.
    pub fn folder(self) -> &'static str {
        match self {
            Section::Clinics => "clinics",
            Section::Sharers => "sharers",
            Section::Topics => "topics",
            Section::Newsletter => "newsletter",
            Section::Pages => "pages",
        }
    }

    /// The section stored in `folder`.
    pub fn from_folder(folder: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.folder() == folder)
    }

    /// The record kind, as editors and `tandem new` name it.
    pub fn kind(self) -> &'static str {
        match self {
            Section::Clinics => "clinic",
            Section::Sharers => "sharer",
            Section::Topics => "topic",
            Section::Newsletter => "newsletter issue",
            Section::Pages => "page",
        }
    }
}

/// One record file, read and normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the site root, `/`-separated (`content/clinics/x.md`).
    pub path: String,
    /// The folder it sits in.
    pub section: Section,
    /// From the file name: `x` in `x.md` and `x.fr.md`.
    pub slug: String,
    /// From the file name: `Some("fr")` in `x.fr.md`; `None` for a source record.
    pub lang: Option<String>,
    /// The text, without byte-order mark, with `\n` line endings.
    pub text: String,
}

/// Everything found under `content/`.
#[derive(Debug, Default)]
pub struct Walked {
    /// Record files, sorted by path.
    pub files: Vec<SourceFile>,
    /// `content/site.yaml`'s text, if present.
    pub site_yaml: Option<String>,
}

/// Reads every record under `root/content`.
pub fn walk(root: &Path, problems: &mut Diagnostics) -> Walked {
    let content = root.join("content");
    let mut walked = Walked::default();
    if !content.is_dir() {
        problems.push(
            Diagnostic::file("content", "there is no `content/` folder here")
                .hint("run tandem from the site's root folder, or pass `--root DIR`"),
        );
        return walked;
    }
    // The walk itself is the one part done on one core: its order is set
    // after, by the sort below (sorting each folder's entries during the
    // walk took a tenth of the walk).
    // Links are followed when they stay inside the site; one that leads
    // out is reported and nothing behind it is read or even listed.
    let boundary = Boundary::new(root);
    let mut entries = WalkDir::new(&content)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    let mut found = Vec::new();
    while let Some(entry) = entries.next() {
        match entry {
            Ok(entry) if entry.path_is_symlink() && !boundary.contains(entry.path()) => {
                problems.push(boundary::outside(&display_path(root, entry.path())));
                if entry.file_type().is_dir() {
                    entries.skip_current_dir();
                }
            }
            Ok(entry) if entry.file_type().is_file() => found.push(entry.into_path()),
            Ok(_) => {}
            Err(error) => problems.push(walk_error(root, &error)),
        }
    }
    // Files are read in parallel, then gathered in path order: folder by
    // folder, each folder's entries by name, as a walk in order meets them.
    let mut read: Vec<(String, Walked, Diagnostics)> = found
        .into_par_iter()
        .map(|path| {
            let relative = display_path(root, &path);
            let (mut one, mut its_problems) = (Walked::default(), Diagnostics::new());
            read_entry(&path, relative.clone(), &mut one, &mut its_problems);
            (relative, one, its_problems)
        })
        .collect();
    read.par_sort_unstable_by(|a, b| component_order(&a.0, &b.0));
    for (_, one, its_problems) in read {
        walked.files.extend(one.files);
        walked.site_yaml = walked.site_yaml.or(one.site_yaml);
        problems.append(its_problems);
    }
    walked
}

/// Relative paths in the order of their components (`a/z.md` before
/// `a-b.md` before `a.md`): byte order with `/` before every other byte.
fn component_order(a: &str, b: &str) -> std::cmp::Ordering {
    let rank = |byte: u8| if byte == b'/' { 0 } else { u16::from(byte) + 1 };
    let (a, b) = (a.as_bytes(), b.as_bytes());
    match a.iter().zip(b).position(|(x, y)| x != y) {
        Some(at) => rank(a[at]).cmp(&rank(b[at])),
        None => a.len().cmp(&b.len()),
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

fn walk_error(root: &Path, error: &walkdir::Error) -> Diagnostic {
    let path = error
        .path()
        .map(|p| display_path(root, p))
        .unwrap_or_else(|| "content".into());
    if error.loop_ancestor().is_some() {
        Diagnostic::file(
            path,
            "this symbolic link points back to a folder that contains it",
        )
        .hint("remove the link; content must be a tree of plain folders and files")
    } else {
        Diagnostic::file(path, format!("cannot be read: {}", io_reason(error)))
    }
}

fn io_reason(error: &walkdir::Error) -> String {
    error
        .io_error()
        .map(|e| e.to_string())
        .unwrap_or_else(|| error.to_string())
}

/// Reads one record file, as [`walk`] would (for `serve`'s quick rebuilds).
pub fn read_one(root: &Path, path: &Path) -> Result<SourceFile, Vec<Diagnostic>> {
    let mut walked = Walked::default();
    let mut problems = Diagnostics::new();
    if !Boundary::new(root).contains(path) {
        return Err(vec![boundary::outside(&display_path(root, path))]);
    }
    if !path.is_file() {
        // A named pipe would block the preview forever: only files are read.
        return Err(vec![
            Diagnostic::file(display_path(root, path), "this is not a regular file")
                .hint("records are Markdown files; replace it with one"),
        ]);
    }
    read_entry(path, display_path(root, path), &mut walked, &mut problems);
    match walked.files.pop() {
        Some(file) if problems.is_empty() => Ok(file),
        _ => Err(problems.into_sorted()),
    }
}

fn read_entry(path: &Path, relative: String, walked: &mut Walked, problems: &mut Diagnostics) {
    let parts: Vec<&str> = relative.split('/').collect();
    if parts == ["content", "site.yaml"] {
        walked.site_yaml = read_text(path, &relative, problems);
        return;
    }
    let Some(section) = parts
        .get(1)
        .and_then(|f| Section::from_folder(f))
        .filter(|_| parts.len() > 2)
    else {
        problems.push(
            Diagnostic::file(&relative, "this file is not in a record folder")
                .hint("records go in content/clinics, content/sharers, content/topics, content/newsletter or content/pages"),
        );
        return;
    };
    let name = parts[parts.len() - 1];
    let Some(stem) = name.strip_suffix(".md") else {
        problems.push(
            Diagnostic::file(&relative, "only Markdown files (`.md`) can be records")
                .hint("rename the file to end in `.md`, or move it out of `content/`"),
        );
        return;
    };
    let Some((slug, lang)) = parse_file_name(stem, &relative, problems) else {
        return;
    };
    if let Some(text) = read_text(path, &relative, problems) {
        walked.files.push(SourceFile {
            path: relative,
            section,
            slug,
            lang,
            text,
        });
    }
}

/// `x` → (`x`, None); `x.fr` → (`x`, Some(`fr`)); anything else is a diagnostic.
fn parse_file_name(
    stem: &str,
    relative: &str,
    problems: &mut Diagnostics,
) -> Option<(String, Option<String>)> {
    let (slug, lang) = match stem.rsplit_once('.') {
        Some((slug, lang)) => (slug, Some(lang)),
        None => (stem, None),
    };
    if let Some(lang) = lang.filter(|l| !vocab::is_language_tag(l)) {
        problems.push(
            Diagnostic::file(
                relative,
                format!("`{lang}` in the file name is not a language code"),
            )
            .hint("name a translation `<slug>.<lang>.md`, for example `about.fr.md`"),
        );
        return None;
    }
    if !vocab::is_slug(slug) {
        problems.push(
            Diagnostic::file(relative, format!("`{slug}` is not a valid slug")).hint(format!(
                "use lowercase letters, digits and `-` only, for example `{}.md`",
                suggested_slug(slug)
            )),
        );
        return None;
    }
    Some((slug.to_string(), lang.map(str::to_string)))
}

fn suggested_slug(slug: &str) -> String {
    let s = vocab::slugify(slug);
    if s.is_empty() { "my-record".into() } else { s }
}

fn read_text(path: &Path, relative: &str, problems: &mut Diagnostics) -> Option<String> {
    let cannot_read = |problems: &mut Diagnostics, error: std::io::Error| {
        problems.push(Diagnostic::file(
            relative,
            format!("cannot be read: {error}"),
        ));
    };
    // Opened once: its size comes from the open file, not a second lookup
    // of its path.
    let opened = std::fs::File::open(path).and_then(|file| Ok((file.metadata()?.len(), file)));
    let (size, mut file) = match opened {
        Ok(opened) => opened,
        Err(error) => {
            cannot_read(problems, error);
            return None;
        }
    };
    if size > MAX_FILE_BYTES {
        problems.push(
            Diagnostic::file(
                relative,
                format!(
                    "the file is {size} bytes, more than the {MAX_FILE_BYTES} a record may have"
                ),
            )
            .hint("records are short texts; link large material as a resource instead"),
        );
        return None;
    }
    // Through `take` (which also bounds a file that grows meanwhile): a
    // `File`'s own `read_to_end` asks for its size again.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    let mut limited = std::io::Read::take(&mut file, MAX_FILE_BYTES + 1);
    if let Err(error) = std::io::Read::read_to_end(&mut limited, &mut bytes) {
        cannot_read(problems, error);
        return None;
    }
    match String::from_utf8(bytes) {
        Ok(text) => Some(normalise(text)),
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            let line = error.as_bytes()[..offset]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            problems.push(
                Diagnostic::at(
                    relative,
                    crate::diagnostic::Position::new(line, 1),
                    "this file is not valid UTF-8 text",
                )
                .hint("save the file as UTF-8 in your editor"),
            );
            None
        }
    }
}

/// Removes a byte-order mark and turns `\r\n` (and lone `\r`) into `\n`.
pub fn normalise(text: String) -> String {
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_come_folder_by_folder_in_name_order() {
        let root = tempfile::tempdir().unwrap();
        let clinics = root.path().join("content/clinics");
        std::fs::create_dir_all(clinics.join("a")).unwrap();
        // By whole path, `a-b.md` < `a.md` < `a/z.md` ('-' < '.' < '/');
        // a walk in order visits the folder `a` first.
        for name in ["a.md", "a-b.md", "a/z.md", "b.md"] {
            std::fs::write(clinics.join(name), "---\ntitle: x\n---\n").unwrap();
        }
        let mut problems = Diagnostics::new();
        let walked = walk(root.path(), &mut problems);
        let paths: Vec<&str> = walked.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "content/clinics/a/z.md",
                "content/clinics/a-b.md",
                "content/clinics/a.md",
                "content/clinics/b.md"
            ]
        );
    }

    proptest::proptest! {
        #[test]
        fn component_order_is_the_order_of_the_components(a in "[ab/.-]{0,6}", b in "[ab/.-]{0,6}") {
            proptest::prop_assert_eq!(component_order(&a, &b), a.split('/').cmp(b.split('/')));
        }
    }

    #[test]
    fn a_file_that_cannot_be_read_or_is_too_large_is_named_with_the_reason() {
        let root = tempfile::tempdir().unwrap();
        let large = root.path().join("large.md");
        std::fs::write(&large, vec![b'a'; MAX_FILE_BYTES as usize + 1]).unwrap();
        let cases = [
            (root.path().join("missing.md"), "cannot be read: "),
            (root.path().to_path_buf(), "cannot be read: "),
            (large, "more than the 2097152 a record may have"),
        ];
        for (path, reason) in cases {
            let mut problems = Diagnostics::new();
            assert_eq!(read_text(&path, "content/x.md", &mut problems), None);
            let problems = problems.into_sorted();
            assert_eq!(problems.len(), 1, "{path:?}");
            assert_eq!(problems[0].path, "content/x.md");
            assert!(
                problems[0].message.contains(reason),
                "{}",
                problems[0].message
            );
        }
        let exact = root.path().join("exact.md");
        std::fs::write(&exact, vec![b'a'; MAX_FILE_BYTES as usize]).unwrap();
        let mut problems = Diagnostics::new();
        assert_eq!(
            read_text(&exact, "content/x.md", &mut problems).map(|t| t.len()),
            Some(MAX_FILE_BYTES as usize)
        );
        assert!(problems.is_empty());
    }

    #[test]
    fn normalises_bom_and_crlf() {
        assert_eq!(normalise("\u{feff}---\r\na: 1\r\n".into()), "---\na: 1\n");
    }

    #[test]
    fn file_names_give_slug_and_language() {
        let mut problems = Diagnostics::new();
        assert_eq!(
            parse_file_name("about", "p", &mut problems),
            Some(("about".into(), None))
        );
        assert_eq!(
            parse_file_name("about.ig", "p", &mut problems),
            Some(("about".into(), Some("ig".into())))
        );
        assert!(problems.is_empty());
        assert_eq!(parse_file_name("About_Us", "p", &mut problems), None);
        assert_eq!(parse_file_name("a.b.c", "p", &mut problems), None);
        assert_eq!(problems.len(), 2);
    }
}
