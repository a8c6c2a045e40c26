//! Helpers shared by the integration tests: fixture paths, building a site
//! into a temporary folder, reading the output as a visitor would.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tandem::build::{BuildOptions, build};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/<rest>`.
pub fn fixture(rest: &str) -> PathBuf {
    repo().join("tests/fixtures").join(rest)
}

/// The fixed build date of every test.
pub fn today() -> time::Date {
    time::macros::date!(2025 - 01 - 01)
}

/// Build options for `root` into `out`.
pub fn options(root: &Path, out: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        out: out.to_path_buf(),
        lang: None,
        base_url: None,
        drafts: false,
        today: today(),
        mirror: None,
        force: false,
    }
}

/// A built site in a temporary folder.
pub struct Built {
    _dir: tempfile::TempDir,
    /// The output folder.
    pub out: PathBuf,
}

impl Built {
    /// The text of an output file.
    pub fn text(&self, path: &str) -> String {
        std::fs::read_to_string(self.out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// An output HTML page, parsed.
    pub fn page(&self, path: &str) -> scraper::Html {
        scraper::Html::parse_document(&self.text(path))
    }

    /// Every output file and its bytes.
    pub fn files(&self) -> BTreeMap<String, Vec<u8>> {
        read_tree(&self.out)
    }
}

/// Builds the site at `root` with `options` adjusted by `adjust`.
pub fn build_with(root: &Path, adjust: impl FnOnce(&mut BuildOptions)) -> Built {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let mut opts = options(root, &out);
    adjust(&mut opts);
    if let Err(e) = build(&opts) {
        panic!("build of {} failed: {e:?}", root.display());
    }
    Built { _dir: dir, out }
}

/// Builds the site at `root`.
pub fn build_site(root: &Path) -> Built {
    build_with(root, |_| {})
}

/// Every file under `dir`, by `/`-separated relative path.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Copies a folder tree.
pub fn copy_tree(from: &Path, to: &Path) {
    for (rel, bytes) in read_tree(from) {
        let path = to.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

/// Runs the `tandem` binary.
pub fn tandem(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args(args)
        .env("TANDEM_TODAY", "2025-01-01")
        .output()
        .expect("run tandem")
}

/// Texts of the elements matching `selector`, whitespace collapsed.
pub fn texts(page: &scraper::Html, selector: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(selector).unwrap();
    page.select(&selector)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Values of `attr` on the elements matching `selector`.
pub fn attrs(page: &scraper::Html, selector: &str, attr: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(selector).unwrap();
    page.select(&selector)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}
