//! Write stage: rendered files → disk, all or nothing.
//!
//! The site is written into a staging folder beside the output folder
//! (`public.tandem-staging-<pid>`), batch by batch as it is rendered, by a
//! thread of its own ([`Staging::write_while`]), then swapped into place
//! with two renames:
//! the old output moves aside, the new one takes its name, the old one is
//! deleted. A build that fails or is killed before the swap leaves the
//! previous output byte-for-byte as it was; the next build removes any stray
//! staging folder and, if a kill landed between the two renames, puts the
//! previous output back first (before it checks the content, so a failing
//! check never leaves the output missing).
//!
//! Nothing tandem did not write is ever replaced or deleted: [`guard`] refuses
//! an output folder that is or holds the site root, lies inside its sources,
//! is a file, or holds files without tandem's [`MARKER`] (unless forced); and
//! leftovers are removed only when they carry the marker.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use crate::render::Sink;

/// Why the output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A file system operation failed.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The path concerned.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// The output path has no parent folder or file name.
    #[error("`{0}` can't be an output folder")]
    BadOutput(PathBuf),
    /// A rendered file's path would escape the output folder.
    #[error("refusing to write outside the output folder: {0}")]
    Escape(String),
    /// The output folder may not be replaced: it is the site, holds it, is a
    /// file, or holds files tandem did not write.
    #[error("`{out}` can't be the output folder: {reason}\n  hint: {hint}")]
    Refused {
        /// The output folder, as given.
        out: PathBuf,
        /// Why not.
        reason: String,
        /// What to do instead.
        hint: String,
    },
    /// The new output could not take the old one's place, and the old one
    /// could not be moved back either.
    #[error("cannot put the new output in place ({source}); the previous output is now at {old}")]
    Stranded {
        /// Where the previous output is.
        old: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
}

impl WriteError {
    /// Whether the previous output is as it was (every error but [`WriteError::Stranded`]).
    pub fn output_untouched(&self) -> bool {
        !matches!(self, WriteError::Stranded { .. })
    }
}

mod guard;

pub use guard::{MARKER, guard};
use guard::{MARKER_TEXT, is_ours};

pub(super) fn io_error(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The sibling folders a build uses: `<out>.tandem-staging-<pid>` and `<out>.tandem-old-<pid>`.
fn sibling(out: &Path, kind: &str) -> Result<PathBuf, WriteError> {
    let name = out
        .file_name()
        .ok_or_else(|| WriteError::BadOutput(out.to_path_buf()))?;
    let parent = out
        .parent()
        .ok_or_else(|| WriteError::BadOutput(out.to_path_buf()))?;
    Ok(parent.join(format!(
        "{}.tandem-{kind}-{}",
        name.to_string_lossy(),
        std::process::id()
    )))
}

/// Leftovers of earlier builds that were killed: `(staging folders, old outputs)`.
fn leftovers(out: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let (mut staging, mut old) = (Vec::new(), Vec::new());
    let (Some(name), Some(parent)) = (out.file_name(), out.parent()) else {
        return (staging, old);
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let prefix = format!("{}.tandem-", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(parent) else {
        return (staging, old);
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().to_string();
        if let Some(rest) = file_name.strip_prefix(&prefix) {
            if rest.starts_with("staging-") {
                staging.push(entry.path());
            } else if rest.starts_with("old-") {
                old.push(entry.path());
            }
        }
    }
    staging.sort();
    old.sort();
    (staging, old)
}

/// Cleans up after a killed build: restores the output if only the old copy
/// survives, and removes every stray staging and old folder that carries
/// the marker (a folder that merely has such a name is left alone). A
/// leftover that can't be removed is left for a later build: it is
/// tandem's own and in nobody's way.
pub fn recover(out: &Path) -> Result<(), WriteError> {
    let (staging, old) = leftovers(out);
    let mut old = old.into_iter().filter(|folder| is_ours(folder));
    if fs::symlink_metadata(out).is_err() {
        if let Some(previous) = old.next() {
            fs::rename(&previous, out).map_err(io_error(out))?;
        }
    }
    for stray in staging.into_iter().chain(old) {
        if is_ours(&stray) {
            let _ = fs::remove_dir_all(&stray);
        } else {
            // Killed between making the folder and marking it: empty, so
            // `remove_dir` (which removes only an empty folder) is safe.
            let _ = fs::remove_dir(&stray);
        }
    }
    Ok(())
}

/// An output being written: files go into the staging folder as they are
/// rendered, by the thread that rendered them, so the whole site never has
/// to sit in memory; [`Staging::publish`]
/// swaps it into place. Dropped unpublished (an error), it removes the
/// staging folder and the previous output stays. A process that dies first
/// (killed, or a panic: release builds abort) leaves the folder for the next
/// build's [`recover`]; the previous output stays all the same.
pub struct Staging {
    out: PathBuf,
    folder: PathBuf,
    /// The folders made so far, as plain bytes (hashing a `Path` walks its
    /// components, for every file), by every writing thread.
    created: Mutex<rustc_hash::FxHashSet<std::ffi::OsString>>,
    published: bool,
}

impl Staging {
    /// Cleans up after killed builds and creates an empty staging folder.
    pub fn begin(out: &Path) -> Result<Self, WriteError> {
        recover(out)?;
        let folder = sibling(out, "staging")?;
        let staging = Staging {
            out: out.to_path_buf(),
            folder,
            created: Default::default(),
            published: false,
        };
        fs::create_dir_all(&staging.folder).map_err(io_error(&staging.folder))?;
        let marker = staging.folder.join(MARKER);
        fs::write(&marker, MARKER_TEXT).map_err(io_error(&marker))?;
        Ok(staging)
    }

    /// Writes `bytes` as the file at `path` (`/`-separated) in the staging
    /// folder, making its folder first if no thread has yet.
    fn write_file(&self, path: &str, bytes: &[u8]) -> Result<(), WriteError> {
        if path.split('/').any(|part| part == ".." || part.is_empty()) || path.starts_with('/') {
            return Err(WriteError::Escape(path.to_string()));
        }
        let path = self.folder.join(path);
        if let Some(parent) = path.parent() {
            self.make_folder(parent)?;
        }
        fs::write(&path, bytes).map_err(io_error(&path))
    }

    /// Makes `folder` and its parents unless a thread already has. Two
    /// threads may both make one; `create_dir_all` lets the second pass.
    fn make_folder(&self, folder: &Path) -> Result<(), WriteError> {
        let created = || self.created.lock().unwrap_or_else(PoisonError::into_inner);
        if created().contains(folder.as_os_str()) {
            return Ok(());
        }
        fs::create_dir_all(folder).map_err(io_error(folder))?;
        created().insert(folder.as_os_str().to_owned());
        Ok(())
    }

    /// Runs `render` with a sink that writes the files it is given at once,
    /// on the thread that gives them: each page is written by the core that
    /// rendered it, so writing is shared by every core and no core waits for
    /// another to write (a single writing thread left one core idle at
    /// times). Returns the number of files written; the first failed write
    /// is the sink's error, which stops `render`.
    pub fn write_while<E: From<WriteError> + Send>(
        &mut self,
        render: impl FnOnce(&Sink<'_, E>) -> Result<(), E>,
    ) -> Result<usize, E> {
        let written = AtomicUsize::new(0);
        let staging = &*self;
        render(&|path: &str, bytes: &[u8]| {
            staging.write_file(path, bytes)?;
            written.fetch_add(1, Ordering::Relaxed);
            Ok(())
        })?;
        Ok(written.into_inner())
    }

    /// Puts the staged output in place of the previous one. Returns where
    /// the previous output still is when it could not be deleted (the new
    /// one is in place all the same; the next build tries again).
    pub fn publish(mut self) -> Result<Option<PathBuf>, WriteError> {
        self.published = true;
        let result = swap(&self.folder, &self.out);
        if result.is_err() && self.folder.exists() {
            let _ = fs::remove_dir_all(&self.folder);
        }
        result
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.published && self.folder.exists() {
            let _ = fs::remove_dir_all(&self.folder);
        }
    }
}

/// Two renames: the old output aside, the new one in its place. Any failure
/// before the second completes leaves the old output where it was.
fn swap(staging: &Path, out: &Path) -> Result<Option<PathBuf>, WriteError> {
    if fs::symlink_metadata(out).is_err() {
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(io_error(parent))?;
        }
        fs::rename(staging, out).map_err(io_error(out))?;
        return Ok(None);
    }
    let old = sibling(out, "old")?;
    fs::rename(out, &old).map_err(io_error(out))?;
    if let Err(source) = fs::rename(staging, out) {
        return Err(match fs::rename(&old, out) {
            Ok(()) => WriteError::Io {
                path: out.to_path_buf(),
                source,
            },
            Err(_) => WriteError::Stranded { old, source },
        });
    }
    Ok(fs::remove_dir_all(&old).err().map(|_| old))
}

#[cfg(test)]
mod tests {
    use rayon::prelude::*;

    use super::*;
    use crate::render::OutputFile;

    fn site(files: &[(&str, &str)]) -> Vec<OutputFile> {
        files
            .iter()
            .map(|(p, b)| OutputFile {
                path: p.to_string(),
                bytes: b.as_bytes().to_vec(),
            })
            .collect()
    }

    /// Stages `files` in one batch and publishes them, as a build does.
    fn write(files: &[OutputFile], out: &Path) -> Result<(), WriteError> {
        let mut staging = Staging::begin(out)?;
        staging.write_while::<WriteError>(|sink| {
            files
                .iter()
                .try_for_each(|file| sink(&file.path, &file.bytes))
        })?;
        staging.publish().map(|_| ())
    }

    #[test]
    fn replaces_the_output_and_leaves_no_staging_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(
            &site(&[("index.html", "one"), ("a/b/index.html", "x")]),
            &out,
        )
        .unwrap();
        write(&site(&[("index.html", "two")]), &out).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(!out.join("a").exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_path_that_escapes_is_refused_and_the_old_output_stays() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&site(&[("index.html", "one")]), &out).unwrap();
        assert!(write(&site(&[("../evil", "x")]), &out).is_err());
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn writes_each_file_as_it_is_handed_over() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut staging = Staging::begin(&out).unwrap();
        let written = staging
            .write_while::<WriteError>(|sink| {
                for n in 0..5 {
                    let path = format!("b{n}/index.html");
                    sink(&path, b"page")?;
                    sink("shared/f.txt", b"last")?;
                }
                Ok(())
            })
            .unwrap();
        staging.publish().unwrap();
        assert_eq!(written, 10);
        for n in 0..5 {
            assert_eq!(
                fs::read_to_string(out.join(format!("b{n}/index.html"))).unwrap(),
                "page"
            );
        }
    }

    #[test]
    fn a_failed_write_stops_the_rendering_and_is_the_error() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&site(&[("index.html", "one")]), &out).unwrap();
        let mut staging = Staging::begin(&out).unwrap();
        let mut rendered_after = 0;
        let result = staging.write_while::<WriteError>(|sink| {
            sink("ok.html", b"y")?;
            sink("../evil", b"x")?;
            rendered_after += 1;
            Ok(())
        });
        assert!(
            matches!(result, Err(WriteError::Escape(ref path)) if path == "../evil"),
            "{result:?}"
        );
        assert_eq!(rendered_after, 0);
        drop(staging);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn files_written_from_many_threads_share_their_folders() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut staging = Staging::begin(&out).unwrap();
        let files: Vec<OutputFile> = (0..400)
            .map(|n| OutputFile {
                path: format!("s/{}/p{n}/index.html", n % 7),
                bytes: n.to_string().into_bytes(),
            })
            .collect();
        let written = staging
            .write_while::<WriteError>(|sink| {
                files
                    .par_iter()
                    .try_for_each(|file| sink(&file.path, &file.bytes))
            })
            .unwrap();
        staging.publish().unwrap();
        assert_eq!(written, 400);
        for n in 0..400 {
            let path = out.join(format!("s/{}/p{n}/index.html", n % 7));
            assert_eq!(fs::read_to_string(path).unwrap(), n.to_string());
        }
    }

    #[test]
    fn recovers_from_a_kill_between_the_two_renames() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let old = dir.path().join("public.tandem-old-1");
        fs::create_dir_all(&old).unwrap();
        fs::write(old.join("index.html"), "previous").unwrap();
        fs::write(old.join(MARKER), MARKER_TEXT).unwrap();
        let staging = dir.path().join("public.tandem-staging-2");
        fs::create_dir_all(&staging).unwrap();
        fs::write(staging.join(MARKER), MARKER_TEXT).unwrap();
        recover(&out).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("index.html")).unwrap(),
            "previous"
        );
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn leftovers_without_the_marker_are_not_ours_and_stay() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let theirs = dir.path().join("public.tandem-old-7");
        fs::create_dir_all(&theirs).unwrap();
        fs::write(theirs.join("notes.txt"), "mine").unwrap();
        recover(&out).unwrap();
        assert!(!out.exists(), "not restored: tandem did not write it");
        assert_eq!(
            fs::read_to_string(theirs.join("notes.txt")).unwrap(),
            "mine"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_failed_swap_puts_the_previous_output_back() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let parent = dir.path().join("p");
        let out = parent.join("public");
        write(&site(&[("index.html", "one")]), &out).unwrap();
        let staging = Staging::begin(&out).unwrap();
        // The staged output is gone when the swap comes (as if removed by
        // someone else): the second rename fails.
        fs::remove_dir_all(&staging.folder).unwrap();
        let result = staging.publish();
        assert!(
            matches!(result, Err(ref e) if e.output_untouched()),
            "{result:?}"
        );
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
        assert_eq!(fs::read_dir(&parent).unwrap().count(), 1);
        // An old copy that can't be deleted does not fail the build.
        let locked = out.join("locked");
        fs::create_dir_all(&locked).unwrap();
        fs::write(locked.join("f"), "x").unwrap();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o500)).unwrap();
        let leftover = write_returning(&site(&[("index.html", "two")]), &out);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        if let Some(old) = leftover {
            fs::set_permissions(old.join("locked"), fs::Permissions::from_mode(0o700)).unwrap();
            recover(&out).unwrap();
            assert!(!old.exists(), "the next build removes it");
        }
    }

    fn write_returning(files: &[OutputFile], out: &Path) -> Option<PathBuf> {
        let mut staging = Staging::begin(out).unwrap();
        staging
            .write_while::<WriteError>(|sink| {
                files.iter().try_for_each(|f| sink(&f.path, &f.bytes))
            })
            .unwrap();
        staging.publish().unwrap()
    }
}
