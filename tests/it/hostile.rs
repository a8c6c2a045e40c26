//! Hostile input made here rather than kept as a fixture (a 50 MB file, a
//! symbolic-link loop): exit code 1 and a message naming the file, never a
//! panic, the previous output byte-for-byte as it was. The fixture cases
//! (`tests/fixtures/hostile/*`, `tests/fixtures/check/*`) run one test each
//! in `tests/fixtures.rs`. CRLF line endings and a byte-order mark must work.

use crate::cases::{build_fails, prepare};
use crate::support::{build_site, copy_tree, fixture, texts};

#[test]
fn a_50_mb_file_is_refused_without_reading_it() {
    let site = prepare(None);
    let file = std::fs::File::create(site.root.join("content/pages/huge.md")).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    let stderr = build_fails(&site, "50 MB file").unwrap();
    assert!(
        stderr.contains("content/pages/huge.md: error: the file is 52428800 bytes"),
        "{stderr}"
    );
}

#[test]
fn a_symbolic_link_loop_is_reported() {
    let site = prepare(None);
    std::os::unix::fs::symlink("..", site.root.join("content/clinics/loop")).unwrap();
    let stderr = build_fails(&site, "symlink loop").unwrap();
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
