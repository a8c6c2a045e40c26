//! The write stage as a user relies on it: identical bytes for identical
//! input, the previous output untouched by a failing build, feeds that real
//! parsers accept.

use std::process::Command;

use crate::support::{build_site, copy_tree, fixture, options, read_tree, repo, tandem};

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let first = build_site(&repo());
    let second = build_site(&repo());
    assert_eq!(first.files(), second.files());
}

#[test]
fn a_failing_build_leaves_the_previous_output_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_tree(&fixture("site/basic"), &root);
    let out = dir.path().join("public");
    tandem::build::build(&options(&root, &out)).unwrap();
    let before = read_tree(&out);
    std::fs::write(
        root.join("content/clinics/broken.md"),
        "---\ntitle: [unclosed\n---\n",
    )
    .unwrap();
    let result = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args([
            "build",
            "--root",
            root.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .env("TANDEM_TODAY", "2025-01-01")
        .output()
        .unwrap();
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains("content/clinics/broken.md:2:8: error:"),
        "{stderr}"
    );
    assert_eq!(
        read_tree(&out),
        before,
        "the previous output is byte-for-byte the same"
    );
    let siblings: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        siblings.len(),
        2,
        "no staging folder is left behind: {siblings:?}"
    );
}

#[test]
fn the_atom_feed_and_the_calendar_parse_with_real_parsers() {
    let site = build_site(&repo());
    let script = repo().join("tests/scripts/parse_feeds.py");
    let result = Command::new("python3")
        .arg(script)
        .arg(&site.out)
        .output()
        .expect("python3 runs");
    assert!(
        result.status.success(),
        "feeds rejected:\n{}{}",
        String::from_utf8_lossy(&result.stdout),
        String::from_utf8_lossy(&result.stderr)
    );
    let report = String::from_utf8_lossy(&result.stdout);
    assert!(report.contains("atom: 1 entries"), "{report}");
    assert!(report.contains("ics: 17 events"), "{report}");
}

#[test]
fn new_scaffolds_a_record_that_checks_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_tree(&fixture("site/basic"), root);
    let root_arg = root.to_str().unwrap();
    for (kind, title) in [
        ("clinic", "Wikidata for Igbo speakers"),
        ("sharer", "Ngozi Okafor"),
        ("topic", "Oral knowledge"),
        ("newsletter", "Issue 2"),
        ("page", "Contact"),
    ] {
        let made = tandem(&["new", kind, title, "--root", root_arg]);
        assert!(
            made.status.success(),
            "{kind}: {}",
            String::from_utf8_lossy(&made.stderr)
        );
    }
    let text =
        std::fs::read_to_string(root.join("content/clinics/2025-01-wikidata-for-igbo-speakers.md"))
            .unwrap();
    assert!(text.contains("date: 2025-01-01T14:00:00+00:00"), "{text}");
    assert!(text.contains("# required"), "fields carry comments");
    std::fs::write(
        root.join("content/newsletter/issue-2.md"),
        std::fs::read_to_string(root.join("content/newsletter/issue-2.md"))
            .unwrap()
            .replace("issue: 1 ", "issue: 2 "),
    )
    .unwrap();
    let checked = tandem(&["check", "--root", root_arg]);
    assert!(
        checked.status.success(),
        "{}{}",
        String::from_utf8_lossy(&checked.stdout),
        String::from_utf8_lossy(&checked.stderr)
    );
    let again = tandem(&["new", "page", "Contact", "--root", root_arg]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}

#[test]
fn a_build_whose_output_is_not_a_terminal_prints_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let result = tandem(&[
        "build",
        "--root",
        fixture("site/basic").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(result.status.success());
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("Built "), "{stderr}");
}

#[test]
fn new_transliterates_non_latin_titles_into_slugs() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("site/basic"), dir.path());
    let root = dir.path().to_str().unwrap();
    for (kind, title, file) in [
        (
            "topic",
            "Ọ́rụ ndị ọrụ afọ ofufo",
            "content/topics/oru-ndi-oru-afo-ofufo.md",
        ),
        ("page", "Кто мы", "content/pages/kto-my.md"),
        ("sharer", "مرحبا بكم", "content/sharers/mrhb-bkm.md"),
    ] {
        let made = tandem(&["new", kind, title, "--root", root]);
        assert!(
            made.status.success(),
            "{}",
            String::from_utf8_lossy(&made.stderr)
        );
        assert!(
            dir.path().join(file).is_file(),
            "{file}: {}",
            String::from_utf8_lossy(&made.stdout)
        );
    }
}

#[test]
fn a_build_killed_while_writing_leaves_the_previous_output_and_no_strays() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_tree(&fixture("site/basic"), &root);
    for i in 0..600 {
        let clinic = format!(
            "---\ntitle: Generated session {i}\ndate: 2024-01-01T10:00:00+00:00\nlevels: [newcomer]\ntopics: [advocacy]\n---\nBody of session {i}.\n"
        );
        std::fs::write(root.join(format!("content/clinics/gen-{i:04}.md")), clinic).unwrap();
    }
    let out = dir.path().join("public");
    tandem::build::build(&options(&root, &out)).unwrap();
    let before = read_tree(&out);
    std::fs::write(
        root.join("content/clinics/gen-0000.md"),
        "---\ntitle: Changed\ndate: 2024-01-01T10:00:00+00:00\n---\nNew.\n",
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args([
            "build",
            "--root",
            root.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .env("TANDEM_TODAY", "2025-01-01")
        .spawn()
        .unwrap();
    let staging = || {
        std::fs::read_dir(dir.path()).unwrap().flatten().any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("public.tandem-staging-")
        })
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while !staging() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    assert!(staging(), "the build reached the write stage");
    // SIGKILL: no destructor, no cleanup runs.
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        read_tree(&out) == before,
        "the previous output is intact after kill -9"
    );
    tandem::build::build(&options(&root, &out)).unwrap();
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let mut names = names;
    names.sort();
    assert_eq!(
        names,
        ["public", "site"],
        "the next build removed the stray staging folder"
    );
    assert!(
        std::fs::read_to_string(out.join("clinics/gen-0000/index.html"))
            .unwrap()
            .contains("Changed")
    );
}
