//! The site root is a boundary and the output folder is the only thing a
//! build replaces (issue 30): an output that is, holds or lies inside the
//! site is refused, as is a file or a folder tandem did not write; links
//! that lead out of the site are errors that name the link, publish
//! nothing, and never print what lies outside; dates at the edges of the
//! supported years build, dates past them are errors at their line; the
//! preview server survives any request.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::{build_site, copy_tree, fixture, read_tree, tandem, texts};

/// The base site in `dir/site`, built once into `dir/public`.
fn site() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_tree(&fixture("check/_base"), &root);
    let out = dir.path().join("public");
    let first = build(&root, &out, &[]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    (dir, root, out)
}

fn build(root: &Path, out: &Path, more: &[&str]) -> Output {
    let mut args = vec![
        "build",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend(more);
    tandem(&args)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs `build` with `--out out`: it must fail with exit 1 saying `reason`,
/// and leave every file under `dir` as it was.
fn refused(dir: &Path, root: &Path, out: &Path, reason: &str) {
    let before = read_tree(dir);
    let result = build(root, out, &[]);
    let said = stderr(&result);
    assert_eq!(result.status.code(), Some(1), "{said}");
    assert!(
        said.contains("can't be the output folder") && said.contains(reason),
        "{said}"
    );
    assert!(said.contains("hint:"), "{said}");
    assert!(
        read_tree(dir) == before,
        "nothing was touched by --out {}",
        out.display()
    );
}

#[test]
fn out_as_the_site_root_by_its_absolute_path_is_refused() {
    let (dir, root, _) = site();
    refused(
        dir.path(),
        &root,
        &root.canonicalize().unwrap(),
        "the site's own folder",
    );
    refused(
        dir.path(),
        &root,
        &root.join("content/.."),
        "the site's own folder",
    );
}

#[test]
fn out_as_a_folder_holding_the_site_is_refused() {
    let (dir, root, _) = site();
    refused(dir.path(), &root, dir.path(), "the site's own folder");
}

#[test]
fn out_inside_the_sources_is_refused() {
    let (dir, root, _) = site();
    refused(
        dir.path(),
        &root,
        &root.join("content/public"),
        "`content/`",
    );
    refused(dir.path(), &root, &root.join("themes"), "`themes/`");
}

#[test]
fn out_as_a_file_is_refused_and_later_builds_still_work() {
    let (dir, root, out) = site();
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "mine").unwrap();
    refused(dir.path(), &root, &file, "a file");
    assert!(
        build(&root, &out, &[]).status.success(),
        "no leftover blocks the next build"
    );
}

#[test]
fn a_folder_tandem_did_not_write_is_refused_unless_forced() {
    let (dir, root, _) = site();
    let theirs = dir.path().join("photos");
    std::fs::create_dir_all(&theirs).unwrap();
    std::fs::write(theirs.join("holiday.jpg"), "jpeg").unwrap();
    refused(dir.path(), &root, &theirs, "tandem did not write");
    let forced = build(&root, &theirs, &["--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(!theirs.join("holiday.jpg").exists());
    assert!(theirs.join("index.html").exists() && theirs.join(".tandem-output").exists());
    assert!(
        build(&root, &theirs, &[]).status.success(),
        "now it is tandem's"
    );
}

#[test]
fn a_build_killed_between_the_renames_is_undone_even_when_the_next_check_fails() {
    let (dir, root, out) = site();
    let before = read_tree(&out);
    let old = dir.path().join("public.tandem-old-99999");
    std::fs::rename(&out, &old).unwrap();
    std::fs::write(root.join("content/clinics/bad.md"), "---\ntitle: [\n---\n").unwrap();
    let result = build(&root, &out, &[]);
    assert_eq!(result.status.code(), Some(1));
    assert!(read_tree(&out) == before, "the previous output is back");
    assert!(!old.exists());
}

/// Every link kind that leads out: the build fails naming the link, prints
/// nothing of what is outside, and the published site stays as it was.
fn link_out(link: &str, target: impl FnOnce(&Path) -> PathBuf, shown: &str) {
    let (dir, root, out) = site();
    let before = read_tree(&out);
    let target = target(dir.path());
    let link_path = root.join(link);
    std::fs::create_dir_all(link_path.parent().unwrap()).unwrap();
    symlink(&target, &link_path).unwrap();
    for command in ["build", "check"] {
        let result = if command == "build" {
            build(&root, &out, &[])
        } else {
            tandem(&["check", "--root", root.to_str().unwrap()])
        };
        let said = format!(
            "{}{}",
            stderr(&result),
            String::from_utf8_lossy(&result.stdout)
        );
        assert_eq!(result.status.code(), Some(1), "{command} {link}: {said}");
        assert!(
            said.contains(&format!(
                "{shown}: error: this is a symbolic link to something outside the site folder"
            )),
            "{command} {link}: {said}"
        );
        assert!(
            !said.contains("outside-secret") && !said.contains("token"),
            "{command} {link}: names what is outside: {said}"
        );
    }
    assert!(read_tree(&out) == before, "{link}: nothing published");
}

fn secret_file(dir: &Path) -> PathBuf {
    let file = dir.join("outside-secret.md");
    std::fs::write(&file, "---\ntitle: token\n---\ntoken").unwrap();
    file
}

fn secret_folder(dir: &Path) -> PathBuf {
    let folder = dir.join("outside-secret");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("config"), "token = 123").unwrap();
    std::fs::write(folder.join("record.md"), "---\ntitle: token\n---\n").unwrap();
    folder
}

#[test]
fn a_record_linked_from_outside_is_an_error() {
    link_out("content/clinics/y.md", secret_file, "content/clinics/y.md");
}

#[test]
fn a_record_folder_linked_from_outside_is_an_error() {
    link_out(
        "content/clinics/more",
        secret_folder,
        "content/clinics/more",
    );
}

#[test]
fn a_theme_folder_linked_from_outside_is_an_error() {
    link_out(
        "themes/default/static",
        secret_folder,
        "themes/default/static",
    );
}

#[test]
fn interface_strings_linked_from_outside_are_an_error() {
    link_out("i18n/fr/interface.po", secret_file, "i18n/fr/interface.po");
}

#[test]
fn links_that_stay_inside_the_site_still_work() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("check/_base"), dir.path());
    let clinics = dir.path().join("content/clinics");
    let first = std::fs::read_dir(&clinics)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let kept = dir.path().join("kept");
    std::fs::create_dir_all(&kept).unwrap();
    std::fs::rename(&first, kept.join(first.file_name().unwrap())).unwrap();
    symlink(kept.join(first.file_name().unwrap()), &first).unwrap();
    let slug = first.file_stem().unwrap().to_string_lossy().to_string();
    let site = build_site(dir.path());
    assert!(
        site.text(&format!("clinics/{slug}/index.html"))
            .contains("<h1")
    );
}

#[test]
fn sessions_at_the_edges_of_the_supported_years_build() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("check/_base"), dir.path());
    let clinics = dir.path().join("content/clinics");
    let template = std::fs::read_dir(&clinics)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(&template).unwrap();
    let date_line = text
        .lines()
        .find(|l| l.starts_with("date:"))
        .unwrap()
        .to_string();
    for (name, date) in [
        ("first", "1900-01-01T00:00:00+00:00"),
        ("last", "2200-12-31T23:30:00+00:00"),
        ("last-west", "2200-12-31T10:00:00-12:00"),
        ("first-east", "1900-01-01T14:00:00+14:00"),
    ] {
        let body = text.replace(&date_line, &format!("date: {date}\nlevels: [newcomer]"));
        std::fs::write(clinics.join(format!("edge-{name}.md")), body).unwrap();
    }
    let site = build_site(dir.path());
    let times = texts(&site.page("clinics/edge-last/index.html"), "time");
    assert!(times.iter().any(|t| t.contains("2200")), "{times:?}");
    let ics = site.text("calendar.ics");
    assert!(
        ics.contains("DTSTART:22001231T233000Z"),
        "the calendar holds the last session"
    );
    assert!(ics.contains("DTSTART:19000101T000000Z"));
}

#[test]
fn preview_server_survives_hostile_requests() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("site/basic"), dir.path());
    let server = crate::serve::start(dir.path());
    let send = |raw: &[u8]| -> String {
        let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        let _ = stream.write_all(raw);
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        String::from_utf8_lossy(&response).into_owned()
    };
    let host = format!("Host: 127.0.0.1:{}\r\n", server.port);
    let answer = send(format!("GET /%a\u{e9} HTTP/1.1\r\n{host}\r\n").as_bytes());
    assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");
    let answer = send(b"GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n");
    assert!(
        answer.starts_with("HTTP/1.1 403"),
        "DNS rebinding: {answer}"
    );
    let answer = send(b"GET / HTTP/1.1\r\n\r\n");
    assert!(answer.starts_with("HTTP/1.1 403"), "no Host: {answer}");
    let long = format!("GET /{} HTTP/1.1\r\n{host}\r\n", "a".repeat(9000));
    assert!(send(long.as_bytes()).starts_with("HTTP/1.1 414"));
    let big = format!(
        "GET / HTTP/1.1\r\n{host}{}\r\n",
        "X-Big: yes\r\n".repeat(7000)
    );
    assert!(send(big.as_bytes()).starts_with("HTTP/1.1 431"));
    let head = send(format!("HEAD / HTTP/1.1\r\n{host}\r\n").as_bytes());
    let (status, body) = head.split_once("\r\n\r\n").unwrap();
    assert!(
        status.starts_with("HTTP/1.1 200") && status.contains("Content-Length: "),
        "{status}"
    );
    assert_eq!(body, "", "HEAD sends no body");
    let get = send(format!("GET / HTTP/1.1\r\n{host}\r\n").as_bytes());
    assert!(
        get.starts_with("HTTP/1.1 200"),
        "still serving after all that: {get}"
    );
}

#[test]
fn a_named_pipe_for_interface_strings_is_an_error_not_a_stall() {
    let (_dir, root, out) = site();
    let pipe = root.join("i18n/fr/interface.po");
    std::fs::create_dir_all(pipe.parent().unwrap()).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .unwrap();
    assert!(made.success());
    let result = build(&root, &out, &[]);
    let said = stderr(&result);
    assert_eq!(result.status.code(), Some(1), "{said}");
    assert!(
        said.contains("i18n/fr/interface.po: error: this is not a regular file"),
        "{said}"
    );
}

#[test]
fn out_as_a_link_to_the_site_is_refused() {
    let (dir, root, _) = site();
    let link = dir.path().join("public-link");
    symlink(&root, &link).unwrap();
    refused(dir.path(), &root, &link, "the site's own folder");
}

#[test]
fn nul_and_direction_controls_never_reach_a_page_from_a_body() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("check/_base"), dir.path());
    let page = "---\ntitle: Controls\n---\nInvoice\u{202E}gpj.exe and a\u{0}b, \u{2067}isolated\u{2069}.\n";
    std::fs::write(dir.path().join("content/pages/controls.md"), page).unwrap();
    let site = build_site(dir.path());
    let html = site.text("controls/index.html");
    assert!(html.contains("Invoicegpj.exe and ab, isolated."), "{html}");
    for c in ['\u{0}', '\u{202E}', '\u{2067}', '\u{2069}'] {
        assert!(!html.contains(c), "U+{:04X} published", c as u32);
    }
}
