//! Write stage: rendered files → disk, all or nothing.
//!
//! The site is written into a staging folder beside the output folder
//! (`public.tandem-staging-<pid>`), batch by batch as it is rendered
//! ([`Staging`]), then swapped into place with two renames:
//! the old output moves aside, the new one takes its name, the old one is
//! deleted. A build that fails or is killed before the swap leaves the
//! previous output byte-for-byte as it was; the next build removes any stray
//! staging folder and, if a kill landed between the two renames, puts the
//! previous output back first.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::OutputFile;

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
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
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
/// survives, and removes every stray staging and old folder.
pub fn recover(out: &Path) -> Result<(), WriteError> {
    let (staging, old) = leftovers(out);
    let mut old = old.into_iter();
    if !out.exists() {
        if let Some(previous) = old.next() {
            fs::rename(&previous, out).map_err(io_error(out))?;
        }
    }
    for stray in staging.into_iter().chain(old) {
        fs::remove_dir_all(&stray).map_err(io_error(&stray))?;
    }
    Ok(())
}

/// An output being written: files go into the staging folder as they are
/// rendered, so the whole site never has to sit in memory; [`Staging::publish`]
/// swaps it into place. Dropped unpublished (an error, a panic), it removes
/// the staging folder and the previous output stays.
pub struct Staging {
    out: PathBuf,
    folder: PathBuf,
    created: std::collections::HashSet<PathBuf>,
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
        Ok(staging)
    }

    /// Writes `files` into the staging folder, in parallel.
    pub fn write(&mut self, files: &[OutputFile]) -> Result<(), WriteError> {
        let mut folders: Vec<PathBuf> = Vec::new();
        for file in files {
            if file
                .path
                .split('/')
                .any(|part| part == ".." || part.is_empty())
                || file.path.starts_with('/')
            {
                return Err(WriteError::Escape(file.path.clone()));
            }
            if let Some(parent) = self.folder.join(&file.path).parent() {
                if !self.created.contains(parent) && folders.last().is_none_or(|l| l != parent) {
                    folders.push(parent.to_path_buf());
                }
            }
        }
        folders.sort();
        folders.dedup();
        // In parallel: `create_dir_all` accepts a folder another thread made.
        folders
            .par_iter()
            .try_for_each(|folder| fs::create_dir_all(folder).map_err(io_error(folder)))?;
        self.created.extend(folders);
        files.par_iter().try_for_each(|file| {
            let path = self.folder.join(&file.path);
            fs::write(&path, &file.bytes).map_err(io_error(&path))
        })
    }

    /// Puts the staged output in place of the previous one.
    pub fn publish(mut self) -> Result<(), WriteError> {
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

fn swap(staging: &Path, out: &Path) -> Result<(), WriteError> {
    if out.exists() {
        let old = sibling(out, "old")?;
        fs::rename(out, &old).map_err(io_error(out))?;
        fs::rename(staging, out).map_err(io_error(out))?;
        fs::remove_dir_all(&old).map_err(io_error(&old))?;
    } else {
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(io_error(parent))?;
        }
        fs::rename(staging, out).map_err(io_error(out))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        staging.write(files)?;
        staging.publish()
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
    fn recovers_from_a_kill_between_the_two_renames() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let old = dir.path().join("public.tandem-old-1");
        fs::create_dir_all(&old).unwrap();
        fs::write(old.join("index.html"), "previous").unwrap();
        fs::create_dir_all(dir.path().join("public.tandem-staging-2")).unwrap();
        recover(&out).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("index.html")).unwrap(),
            "previous"
        );
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
