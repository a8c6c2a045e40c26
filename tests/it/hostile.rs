//! Hostile input: every bad file gets exit code 1 and a message naming it
//! (and its line where there is one), never a panic, and the previous output
//! stays byte-for-byte as it was. Cases: `tests/fixtures/hostile/*` (with
//! their expected output, `BLESS=1` to rewrite), every validation fixture of
//! `tests/fixtures/check/*`, and a few generated here (a 50 MB file, a
//! symbolic-link loop). CRLF line endings and a byte-order mark must work.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{build_site, copy_tree, fixture, options, read_tree, texts};

/// A site made of the valid base plus `overlay`, already built once into `out`.
struct Prepared {
    _dir: tempfile::TempDir,
    root: PathBuf,
    out: PathBuf,
}

fn prepare(overlay: Option<&Path>) -> Prepared {
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
fn build_fails(site: &Prepared, case: &str) -> String {
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
    assert_eq!(
        result.status.code(),
        Some(1),
        "{case}: exit code (101 would be a panic)\n{stderr}"
    );
    assert!(
        stderr.contains("content/") || stderr.contains("i18n/"),
        "{case}: the message names a file\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{case}: {stderr}");
    assert!(
        read_tree(&site.out) == before,
        "{case}: the previous output changed"
    );
    let siblings = std::fs::read_dir(site.out.parent().unwrap())
        .unwrap()
        .count();
    assert_eq!(siblings, 2, "{case}: a staging folder was left behind");
    stderr
}

fn cases(folder: &str) -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(fixture(folder))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && !p.file_name().unwrap().to_string_lossy().starts_with('_'))
        .collect();
    cases.sort();
    cases
}

#[test]
fn every_hostile_case_fails_cleanly_with_its_expected_message() {
    let hostile = cases("hostile");
    let rules = cases("check");
    assert!(
        hostile.len() + rules.len() + 2 >= 100,
        "a corpus of at least 100 bad inputs"
    );
    let bless = std::env::var_os("BLESS").is_some();
    let mut mismatches = Vec::new();
    for case in &hostile {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let stderr = build_fails(&prepare(Some(&case.join("content"))), &name);
        let expected_path = case.join("expected.txt");
        if bless {
            std::fs::write(&expected_path, &stderr).unwrap();
        } else if std::fs::read_to_string(&expected_path).unwrap_or_default() != stderr {
            mismatches.push(format!("{name}:\n{stderr}"));
        }
    }
    assert!(
        mismatches.is_empty(),
        "unexpected messages:\n{}",
        mismatches.join("\n")
    );
    for case in &rules {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        build_fails(&prepare(Some(&case.join("content"))), &name);
    }
}

#[test]
fn a_50_mb_file_is_refused_without_reading_it() {
    let site = prepare(None);
    let file = std::fs::File::create(site.root.join("content/pages/huge.md")).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    let stderr = build_fails(&site, "50 MB file");
    assert!(
        stderr.contains("content/pages/huge.md: error: the file is 52428800 bytes"),
        "{stderr}"
    );
}

#[test]
fn a_symbolic_link_loop_is_reported() {
    let site = prepare(None);
    std::os::unix::fs::symlink("..", site.root.join("content/clinics/loop")).unwrap();
    let stderr = build_fails(&site, "symlink loop");
    assert!(stderr.contains("content/clinics/loop: error: this symbolic link points back to a folder that contains it"), "{stderr}");
}

#[test]
fn crlf_line_endings_and_a_byte_order_mark_work() {
    for (case, title) in [
        ("crlf", "Windows line endings"),
        ("bom", "Starts with a byte-order mark"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&fixture("check/_base"), dir.path());
        copy_tree(
            &fixture(&format!("valid-encodings/{case}/content")),
            &dir.path().join("content"),
        );
        let site = build_site(dir.path());
        let page = site.page(&format!("{case}/index.html"));
        assert_eq!(texts(&page, "h1"), [title], "{case}");
        if case == "crlf" {
            assert_eq!(
                crate::support::attrs(&page, ".body h2", "id"),
                ["a-heading"]
            );
            assert!(!site.text("crlf/index.html").contains('\r'));
        }
    }
}
