//! The fixture cases, one test each (used by `tests/fixtures.rs`, which
//! runs each as a test of its own, by name): a rule fixture of
//! `tests/fixtures/check/<case>` must make `tandem check` exit 1 printing
//! exactly its `expected.txt`, and `tandem build` fail cleanly; a hostile
//! fixture of `tests/fixtures/hostile/<case>` must make `tandem build` exit
//! 1 printing exactly its `expected.txt`, the previous output untouched and
//! nothing left behind. `BLESS=1` rewrites the expected files (the exit
//! code is checked all the same).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{copy_tree, fixture, options, read_tree, tandem};

/// The case folders under `tests/fixtures/<folder>` (not those starting `_`).
pub fn cases(folder: &str) -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(fixture(folder))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && !p.file_name().unwrap().to_string_lossy().starts_with('_'))
        .collect();
    cases.sort();
    cases
}

/// A site made of the valid base plus `overlay`, already built once into `out`.
pub struct Prepared {
    _dir: tempfile::TempDir,
    /// The site root.
    pub root: PathBuf,
    /// Its output, built from the base alone.
    pub out: PathBuf,
}

/// The base site with `overlay` laid over its `content/`, built once first.
pub fn prepare(overlay: Option<&Path>) -> Prepared {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let out = dir.path().join("public");
    copy_tree(&fixture("check/_base"), &root);
    tandem::build::build(&options(&root, &out)).expect("the base site builds");
    if let Some(overlay) = overlay.filter(|o| o.is_dir()) {
        copy_tree(overlay, &root.join("content"));
    }
    Prepared {
        _dir: dir,
        root,
        out,
    }
}

/// Builds with the binary; checks exit code, untouched output and no leftovers.
pub fn build_fails(site: &Prepared, case: &str) -> Result<String, String> {
    let before = read_tree(&site.out);
    let result = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args([
            "build",
            "--root",
            site.root.to_str().unwrap(),
            "--out",
            site.out.to_str().unwrap(),
        ])
        .env("TANDEM_TODAY", "2025-01-01")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr).into_owned();
    let fail = |why: &str| Err(format!("{case}: {why}\n{stderr}"));
    if result.status.code() != Some(1) {
        return fail(&format!(
            "exit code {:?}, expected 1 (101 would be a panic)",
            result.status.code()
        ));
    }
    if !(stderr.contains("content/") || stderr.contains("i18n/")) {
        return fail("the message names no file");
    }
    if stderr.contains("panicked") {
        return fail("a panic");
    }
    if read_tree(&site.out) != before {
        return fail("the previous output changed");
    }
    if std::fs::read_dir(site.out.parent().unwrap())
        .unwrap()
        .count()
        != 2
    {
        return fail("a staging folder was left behind");
    }
    Ok(stderr)
}

/// Compares `got` with the case's `expected.txt`, or writes it under `BLESS=1`.
fn expect(case: &Path, got: &str) -> Result<(), String> {
    let path = case.join("expected.txt");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, got).map_err(|e| e.to_string())?;
        return Ok(());
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected.is_empty() {
        return Err(format!(
            "{} is missing or empty: run with BLESS=1 and review it",
            path.display()
        ));
    }
    if got != expected {
        return Err(format!("--- expected\n{expected}--- got\n{got}"));
    }
    Ok(())
}

/// A rule fixture: `check` prints exactly its message, `build` fails cleanly.
pub fn rule(case: &Path) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("check/_base"), dir.path());
    copy_tree(&case.join("content"), &dir.path().join("content"));
    let output = tandem(&["check", "--root", dir.path().to_str().unwrap()]);
    if output.status.code() != Some(1) {
        return Err(format!(
            "check: exit code {:?}, expected 1",
            output.status.code()
        ));
    }
    expect(case, &String::from_utf8_lossy(&output.stderr))?;
    let name = case.file_name().unwrap().to_string_lossy().to_string();
    build_fails(&prepare(Some(&case.join("content"))), &name).map(|_| ())
}

/// A hostile fixture: `build` fails cleanly with exactly its message.
pub fn hostile(case: &Path) -> Result<(), String> {
    let name = case.file_name().unwrap().to_string_lossy().to_string();
    let stderr = build_fails(&prepare(Some(&case.join("content"))), &name)?;
    expect(case, &stderr)
}
