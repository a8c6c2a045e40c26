//! The site root as a boundary: every file tandem reads (records, site.yaml,
//! themes, interface strings) must resolve inside the root.
//!
//! A symbolic link whose target lies outside is an error naming the link,
//! never its target, and nothing behind it is read or listed: a one-line
//! pull request that links `themes/default/static` to `.git`, or a clinic to
//! `/etc/passwd`, must not publish them. Links that stay inside the root are
//! fine. Only links are resolved (one `realpath` each), so the walk of a
//! large site pays nothing for plain files.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Diagnostics};

/// The canonical site root, against which paths are checked.
#[derive(Debug, Clone)]
pub struct Boundary {
    root: Option<PathBuf>,
}

impl Boundary {
    /// The boundary of the site at `root`.
    pub fn new(root: &Path) -> Self {
        Boundary {
            root: root.canonicalize().ok(),
        }
    }

    /// Whether `path`, with every link in it followed, lies inside the root.
    /// A path that can't be resolved (a broken link) is not inside.
    pub fn contains(&self, path: &Path) -> bool {
        match (&self.root, path.canonicalize()) {
            (Some(root), Ok(resolved)) => resolved.starts_with(root),
            _ => false,
        }
    }
}

/// `root/content/clinics/x.md` → `content/clinics/x.md`.
pub fn display_path(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The problem of a link at `shown` (a root-relative path) that leads out.
pub fn outside(shown: &str) -> Diagnostic {
    Diagnostic::file(
        shown,
        "this is a symbolic link to something outside the site folder; tandem reads only files inside it",
    )
    .hint("copy the file into the site instead of linking to it, or remove the link")
}

/// Reports every link under `themes/` and `i18n/` that leads out of the
/// site (the record folders are checked as they are walked), so that
/// `check` and `serve` see what `build` would refuse.
pub fn check_theme_and_strings(root: &Path, problems: &mut Diagnostics) {
    let boundary = Boundary::new(root);
    for folder in ["themes", "i18n"] {
        let mut entries = WalkDir::new(root.join(folder)).into_iter();
        while let Some(entry) = entries.next() {
            let Ok(entry) = entry else { continue };
            if entry.path_is_symlink() && !boundary.contains(entry.path()) {
                problems.push(outside(&display_path(root, entry.path())));
                if entry.file_type().is_dir() {
                    entries.skip_current_dir();
                }
            }
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn a_link_inside_is_inside_and_a_link_outside_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("i18n")).unwrap();
        std::fs::write(root.join("i18n/en.yaml"), "").unwrap();
        std::fs::write(dir.path().join("secret"), "x").unwrap();
        symlink(root.join("i18n/en.yaml"), root.join("i18n/fr.yaml")).unwrap();
        symlink(dir.path().join("secret"), root.join("i18n/ar.yaml")).unwrap();
        let boundary = Boundary::new(&root);
        assert!(boundary.contains(&root.join("i18n/fr.yaml")));
        assert!(!boundary.contains(&root.join("i18n/ar.yaml")));
        let mut problems = Diagnostics::new();
        check_theme_and_strings(&root, &mut problems);
        let shown: Vec<String> = problems
            .into_sorted()
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(shown.len(), 1, "{shown:?}");
        assert!(
            shown[0].starts_with("i18n/ar.yaml: error: this is a symbolic link"),
            "{shown:?}"
        );
        assert!(
            !shown[0].contains("secret"),
            "the target is never named: {shown:?}"
        );
    }
}
