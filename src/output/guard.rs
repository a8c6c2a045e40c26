//! Which folder a build may replace: never the site root, a folder that
//! holds it or lies inside its sources, never a file, and never a folder
//! with files that tandem did not write (it carries no [`MARKER`]) unless
//! the user forces it. The path is resolved first (links followed, `..`
//! refused where it can't be), so that `--out "$PWD"` is known for the
//! site root it is.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{WriteError, io_error};

/// The file every output folder of tandem's holds: a folder with files but
/// without it was not written by tandem, and is never replaced unless forced.
pub const MARKER: &str = ".tandem-output";
pub(super) const MARKER_TEXT: &str =
    "This folder is written by tandem: every build replaces all of it.\n";

/// The folders of a site root that hold its sources: an output folder
/// inside one would be read back as content, or delete it.
const SOURCES: [&str; 5] = ["content", "themes", "i18n", "src", ".git"];

/// Checks that a build of the site at `root` may replace `out`, and returns
/// `out` made absolute, symbolic links in its existing part resolved (the
/// path every later step uses). `force` allows a folder without the marker.
pub fn guard(root: &Path, out: &Path, force: bool) -> Result<PathBuf, WriteError> {
    let refuse = |reason: &str, hint: &str| WriteError::Refused {
        out: out.to_path_buf(),
        reason: reason.to_string(),
        hint: hint.to_string(),
    };
    let resolved = resolve(out).ok_or_else(|| {
        refuse(
            "its path goes up (`..`) through a folder that does not exist",
            "write the output folder's path without `..`",
        )
    })?;
    let site = root.canonicalize().map_err(io_error(root))?;
    if site.starts_with(&resolved) {
        return Err(refuse(
            "it is the site's own folder, or a folder that holds it; the build would replace content/, themes/ and everything else in it",
            "choose a folder of its own, such as `public` (the default)",
        ));
    }
    if let Some(source) = SOURCES.iter().find(|s| resolved.starts_with(site.join(s))) {
        return Err(refuse(
            &format!("it lies inside the site's sources (`{source}/`)"),
            "choose a folder outside content/, themes/ and i18n/, such as `public` (the default)",
        ));
    }
    match fs::symlink_metadata(&resolved) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(resolved),
        Err(error) => Err(WriteError::Io {
            path: out.to_path_buf(),
            source: error,
        }),
        Ok(meta) if !meta.is_dir() => Err(refuse(
            "it is a file, not a folder",
            "choose a folder (it is made if missing), or move the file away",
        )),
        Ok(_) if force || is_ours(&resolved) || is_empty(&resolved, out)? => Ok(resolved),
        Ok(_) => Err(refuse(
            &format!("it holds files that tandem did not write (it has no `{MARKER}` file)"),
            "choose a new or empty folder; or, if everything in it may be deleted, pass `--force`",
        )),
    }
}

/// `path` made absolute, with its longest existing part canonical. `None`
/// when `..` follows a part that does not exist (it can't be resolved).
fn resolve(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    let base = loop {
        if let Ok(canonical) = existing.canonicalize() {
            break canonical;
        }
        rest.push(existing.file_name()?.to_owned());
        existing = existing.parent()?;
    };
    let mut resolved = base;
    for part in rest.iter().rev() {
        if part == ".." || part == "." {
            return None;
        }
        resolved.push(part);
    }
    Some(resolved)
}

/// Whether `folder` carries tandem's marker.
pub(super) fn is_ours(folder: &Path) -> bool {
    fs::symlink_metadata(folder.join(MARKER)).is_ok_and(|m| m.is_file())
}

fn is_empty(folder: &Path, shown: &Path) -> Result<bool, WriteError> {
    let mut entries = fs::read_dir(folder).map_err(io_error(shown))?;
    Ok(entries.next().is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes a one-file output into `out`, as a build does.
    fn write_ours(out: &Path) {
        let mut staging = super::super::Staging::begin(out).unwrap();
        staging
            .write_while::<WriteError>(|sink| sink("index.html", b"one"))
            .unwrap();
        staging.publish().unwrap();
    }

    fn refusal(root: &Path, out: &Path, force: bool) -> String {
        match guard(root, out, force) {
            Err(WriteError::Refused { reason, .. }) => reason,
            other => panic!("{} was not refused: {other:?}", out.display()),
        }
    }

    #[test]
    fn the_site_its_parents_and_its_sources_are_never_an_output() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(root.join("content/clinics")).unwrap();
        assert!(refusal(&root, &root, true).contains("the site's own folder"));
        assert!(refusal(&root, &root.join("content/.."), true).contains("the site's own folder"));
        assert!(refusal(&root, dir.path(), true).contains("the site's own folder"));
        assert!(refusal(&root, &root.join("content/clinics/out"), true).contains("`content/`"));
        assert!(refusal(&root, &root.join("i18n"), true).contains("`i18n/`"));
        assert!(refusal(&root, &root.join("nothing/../out"), true).contains("`..`"));
        assert_eq!(
            guard(&root, &root.join("public"), false).unwrap(),
            root.canonicalize().unwrap().join("public")
        );
    }

    #[test]
    fn a_file_or_a_folder_of_someone_elses_is_refused_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(&root).unwrap();
        let file = dir.path().join("notes.txt");
        fs::write(&file, "x").unwrap();
        assert!(refusal(&root, &file, true).contains("a file"));
        let theirs = dir.path().join("photos");
        fs::create_dir_all(&theirs).unwrap();
        assert!(
            guard(&root, &theirs, false).is_ok(),
            "an empty folder is fine"
        );
        fs::write(theirs.join("a.jpg"), "x").unwrap();
        assert!(refusal(&root, &theirs, false).contains("tandem did not write"));
        assert!(guard(&root, &theirs, true).is_ok());
        let ours = dir.path().join("public");
        write_ours(&ours);
        assert!(guard(&root, &ours, false).is_ok(), "a folder tandem wrote");
    }
}
