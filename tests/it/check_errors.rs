//! The exact text an editor sees: the base of every rule fixture is valid,
//! and GitHub annotations put each message on its line. Each rule fixture
//! (`tests/fixtures/check/<case>/`, laid over `_base`) is a test of its own
//! in `tests/fixtures.rs`: `tandem check` must exit 1 and print exactly its
//! `expected.txt` (`BLESS=1` rewrites them; review the diff).

use crate::support::{copy_tree, fixture, tandem};

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
