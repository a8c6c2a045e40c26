//! One fixture per validation rule: the exact text an editor sees.
//!
//! Each case in `tests/fixtures/check/<case>/` is laid over a small valid
//! site (`_base`); `tandem check` must exit 1 and print exactly
//! `expected.txt`. Run with `BLESS=1` to rewrite the expected files after an
//! intended change of wording, then review the diff.

use std::path::Path;

use crate::support::{copy_tree, fixture, read_tree, tandem};

fn run_case(case: &Path) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("check/_base"), dir.path());
    if case.join("content").is_dir() {
        copy_tree(&case.join("content"), &dir.path().join("content"));
    }
    let root = dir.path().to_str().unwrap();
    let output = tandem(&["check", "--root", root]);
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn the_base_site_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("check/_base"), dir.path());
    let output = tandem(&["check", "--root", dir.path().to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn every_rule_reports_its_exact_message() {
    let mut cases: Vec<_> = std::fs::read_dir(fixture("check"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && !p.file_name().unwrap().to_string_lossy().starts_with('_'))
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 25,
        "one fixture per rule: {} found",
        cases.len()
    );
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let (code, stderr) = run_case(case);
        let expected_path = case.join("expected.txt");
        if bless {
            std::fs::write(&expected_path, &stderr).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if code != Some(1) {
            failures.push(format!("{name}: exit code {code:?}, expected 1"));
        }
        if stderr != expected {
            failures.push(format!(
                "{name}:\n--- expected\n{expected}--- got\n{stderr}"
            ));
        }
        assert!(!read_tree(case).is_empty());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn github_annotations_put_each_message_on_its_line() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("check/_base"), dir.path());
    copy_tree(
        &fixture("check/several-problems-sorted/content"),
        &dir.path().join("content"),
    );
    let output = tandem(&[
        "check",
        "--format",
        "github",
        "--root",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let expected =
        std::fs::read_to_string(fixture("check/_github/expected.txt")).unwrap_or_default();
    let stdout = String::from_utf8_lossy(&output.stdout);
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(fixture("check/_github/expected.txt"), stdout.as_bytes()).unwrap();
        return;
    }
    assert_eq!(stdout, expected);
}
