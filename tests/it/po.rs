//! Records translated in PO files, checked with the translators' own tools:
//! GNU gettext (`msgfmt --check`, `msgmerge --previous`), translate-toolkit
//! (`pocount`, what Weblate reads files with) and `polib` (as a PO editor
//! writes a translation), against what a visitor sees on the page, on
//! `/translations/` and in `tandem translations`.
//!
//! The tools come from the test command (`scripts/test` puts `.venv/bin`
//! first in `PATH` and installs Debian's `gettext`).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{copy_tree, fixture, options, texts};

/// The PO fixture, copied into a temporary folder.
struct Site {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Site {
    fn new() -> Site {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        copy_tree(&fixture("site/po"), &root);
        Site { _dir: dir, root }
    }

    fn path(&self, rest: &str) -> PathBuf {
        self.root.join(rest)
    }

    fn read(&self, rest: &str) -> String {
        std::fs::read_to_string(self.path(rest)).unwrap_or_else(|e| panic!("{rest}: {e}"))
    }

    /// Replaces `from` by `to` in a file of the site.
    fn edit(&self, rest: &str, from: &str, to: &str) {
        let text = self.read(rest);
        assert!(text.contains(from), "{rest} holds {from:?}");
        std::fs::write(self.path(rest), text.replace(from, to)).unwrap();
    }

    /// Runs the binary on this site; its standard output.
    fn tandem(&self, args: &[&str]) -> String {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--root", self.root.to_str().unwrap()]);
        let out = Command::new(env!("CARGO_BIN_EXE_tandem"))
            .args(&all)
            .env("TANDEM_TODAY", "2025-01-01")
            .output()
            .expect("run tandem");
        assert!(
            out.status.success(),
            "tandem {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// `tandem translations update`: the record files it names (the
    /// interface's lines left out).
    fn update(&self) -> String {
        let said = self.tandem(&["translations", "update"]);
        let records = said
            .lines()
            .filter(|l| l.starts_with("wrote ") || l.starts_with("removed "));
        records.map(|l| format!("{l}\n")).collect()
    }

    /// Builds the site; the French About page as a visitor reads it.
    fn about_fr(&self) -> Shown {
        let out = self.path("public");
        tandem::build::build(&options(&self.root, &out)).expect("the site builds");
        let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
        let page = scraper::Html::parse_document(&read("fr/about/index.html"));
        let status = scraper::Html::parse_document(&read("fr/translations/index.html"));
        let rows = texts(&status, "tr");
        let row = rows
            .iter()
            .find(|r| r.contains("About"))
            .cloned()
            .unwrap_or_default();
        Shown {
            notice: texts(&page, "aside.notice p").join(" "),
            body: texts(&page, "main").join(" "),
            outdated: texts(&page, "div.outdated"),
            untranslated: texts(&page, "div.untranslated"),
            in_english: texts(&page, "main li > span[lang=en][dir=ltr]"),
            status_row: row,
        }
    }
}

/// What the French About page shows.
#[derive(Debug)]
struct Shown {
    notice: String,
    body: String,
    outdated: Vec<String>,
    untranslated: Vec<String>,
    in_english: Vec<String>,
    status_row: String,
}

impl Shown {
    /// The completeness the page's notice gives.
    fn percent(&self) -> u32 {
        let before = self.notice.split('%').next().unwrap_or_default();
        let digits: String = before
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect();
        digits
            .chars()
            .rev()
            .collect::<String>()
            .parse()
            .unwrap_or_else(|_| panic!("a percentage in {:?}", self.notice))
    }
}

/// Runs a tool; its standard output, or a failure naming it.
fn tool(program: &str, args: &[&str], dir: &Path) -> String {
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{program} runs (see scripts/test): {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

/// `pocount`'s translated and total messages of a PO file.
fn pocount(site: &Site, po: &str) -> (u32, u32) {
    let csv = tool("pocount", &["--csv", po], &site.root);
    let row = csv
        .lines()
        .find(|l| l.starts_with(po))
        .expect("pocount's row");
    let cells: Vec<&str> = row.split(',').collect();
    (
        cells[1].trim().parse().unwrap(),
        cells[8].trim().parse().unwrap(),
    )
}

/// Every POT and PO file of the site passes `msgfmt --check`, and
/// `msgmerge --previous` of the template into each PO changes nothing.
fn gettext_agrees(site: &Site) {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(site.path("i18n")) {
        let entry = entry.unwrap();
        let name = entry.path().to_string_lossy().into_owned();
        if name.ends_with(".po") || name.ends_with(".pot") {
            files.push(name);
        }
    }
    assert!(files.len() >= 2, "{files:?}");
    for file in &files {
        let said = tool("msgfmt", &["--check", "-o", "/dev/null", file], &site.root);
        assert!(!said.contains("error"), "{file}: {said}");
    }
    let merged = site.path("merged.po");
    let merged = merged.to_str().unwrap();
    let po = "i18n/fr/pages/about.po";
    tool(
        "msgmerge",
        &[
            "--quiet",
            "--previous",
            "-o",
            merged,
            po,
            "i18n/templates/pages/about.pot",
        ],
        &site.root,
    );
    assert_eq!(
        site.read("merged.po"),
        site.read(po),
        "msgmerge --previous changes nothing"
    );
}

const PO: &str = "i18n/fr/pages/about.po";

#[test]
fn a_translator_round_trip_shows_on_the_page_with_the_tools_figures() {
    let site = Site::new();
    let wrote = site.update();
    assert!(
        wrote.contains("wrote i18n/templates/pages/about.pot"),
        "{wrote}"
    );
    assert_eq!(site.update(), "", "a second update writes nothing");
    gettext_agrees(&site);

    // As given: 4 of 8 messages translated.
    let first = site.about_fr();
    assert_eq!(pocount(&site, PO), (4, 8));
    assert_eq!(first.percent(), 50, "{first:?}");
    assert!(first.status_row.contains("50%"), "{}", first.status_row);
    assert!(
        site.tandem(&["translations", "--lang", "fr"])
            .contains("i18n/fr/pages/about.po                              50%")
    );
    assert!(
        first
            .body
            .contains("Les wikimédiens s'enseignent ce qu'ils savent.")
    );
    assert!(
        first
            .untranslated
            .iter()
            .any(|t| t.contains("Sessions are recorded.")),
        "{first:?}"
    );

    // The source of a translated paragraph changes: its unit turns fuzzy,
    // the page shows the old translation marked outdated, the figure drops.
    site.edit(
        "content/pages/about.md",
        "what they know.",
        "what they know, and what they learnt.",
    );
    site.update();
    let po = site.read(PO);
    assert!(po.contains("#, fuzzy\n#| msgid \"Wikimedians teach each other what they know.\"\nmsgid \"Wikimedians teach each other what they know, and what they learnt.\"\nmsgstr \"Les wikimédiens s'enseignent ce qu'ils savent.\""), "{po}");
    gettext_agrees(&site);
    let fuzzy = site.about_fr();
    assert_eq!(pocount(&site, PO), (3, 8));
    assert_eq!(fuzzy.percent(), 37, "{fuzzy:?}");
    assert_eq!(
        fuzzy.outdated,
        ["Les wikimédiens s'enseignent ce qu'ils savent."]
    );
    assert!(fuzzy.status_row.contains("37%"), "{}", fuzzy.status_row);

    // A translator fills a unit in a PO editor: the page shows it, the figure rises.
    let script = "import polib, sys\npo = polib.pofile(sys.argv[1])\n\
                  po.find('Sessions are recorded.').msgstr = 'Les sessions sont enregistrées.'\n\
                  po.find('Learning Clinics, twice a month;').msgstr = 'Des cliniques, deux fois par mois ;'\n\
                  po.save()\n";
    tool("python3", &["-c", script, PO], &site.root);
    let filled = site.about_fr();
    assert_eq!(pocount(&site, PO), (5, 8));
    assert_eq!(filled.percent(), 62);
    assert!(
        filled.body.contains("Les sessions sont enregistrées."),
        "{filled:?}"
    );
    let shown_in_source = |t: &String| t.contains("Sessions are recorded.");
    assert!(!filled.untranslated.iter().any(shown_in_source));
    // In a list with one item translated, the other keeps the source's language.
    assert!(filled.body.contains("Des cliniques, deux fois par mois ;"));
    assert_eq!(filled.in_english, ["Connectathons, once a month."]);

    // A paragraph is deleted from the source: its unit becomes obsolete, nothing is lost.
    site.edit("content/pages/about.md", "\nSessions are recorded.\n", "");
    site.update();
    let po = site.read(PO);
    assert!(
        po.contains(
            "#~ msgid \"Sessions are recorded.\"\n#~ msgstr \"Les sessions sont enregistrées.\""
        ),
        "{po}"
    );
    gettext_agrees(&site);
    let gone = site.about_fr();
    assert_eq!(pocount(&site, PO), (4, 7));
    assert_eq!(gone.percent(), 57);
    assert!(!gone.body.contains("Les sessions sont enregistrées."));
}

/// `tandem check` on the site: its exit code and what it prints.
fn check(site: &Site) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args(["check", "--root", site.root.to_str().unwrap()])
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

#[test]
fn a_translation_that_changes_an_internal_link_is_an_error_at_its_line() {
    let site = Site::new();
    site.edit(
        PO,
        "la [culture](@/pages/culture.md)",
        "la [culture](@/pages/join.md)",
    );
    let (ok, said) = check(&site);
    assert!(!ok);
    assert!(said.contains("i18n/fr/pages/about.po:17:1: error: this translation's internal links (@/pages/join.md) are not the source's (@/pages/culture.md)"), "{said}");
    assert!(said.contains("hint: keep each `@/…` link"), "{said}");
}

#[test]
fn a_record_translated_twice_and_a_po_without_record_are_errors() {
    let site = Site::new();
    std::fs::write(
        site.path("content/pages/about.fr.md"),
        "---\ntitle: À propos\n---\nBonjour.\n",
    )
    .unwrap();
    std::fs::create_dir_all(site.path("i18n/fr/clinics")).unwrap();
    std::fs::write(
        site.path("i18n/fr/clinics/gone.po"),
        "msgid \"\"\nmsgstr \"\"\n",
    )
    .unwrap();
    let (ok, said) = check(&site);
    assert!(!ok);
    assert!(said.contains("i18n/fr/pages/about.po: error: this record is translated into `fr` twice: here and in content/pages/about.fr.md"), "{said}");
    assert!(said.contains("i18n/fr/clinics/gone.po: error: this translation has no record: content/clinics/gone.md does not exist"), "{said}");
}

#[test]
fn import_turns_a_hand_translation_into_po_block_by_block() {
    let site = Site::new();
    std::fs::remove_file(site.path(PO)).unwrap();
    std::fs::write(
        site.path("content/pages/about.fr.md"),
        "---\ntitle: À propos\n---\nLes wikimédiens s'enseignent ce qu'ils savent.\n\n## Ce qu'il propose\n\n- Des cliniques ;\n- Des connectathons.\n",
    )
    .unwrap();
    let before = site.about_fr();
    let said = site.tandem(&["translations", "import"]);
    assert_eq!(
        said,
        "wrote i18n/templates/pages/about.pot\nwrote i18n/fr/pages/about.po\nremoved content/pages/about.fr.md\n"
    );
    gettext_agrees(&site);
    let after = site.about_fr();
    let content = |s: &Shown| {
        s.body
            .split_once("À propos")
            .map(|(_, rest)| rest.to_string())
    };
    assert_eq!(
        content(&after),
        content(&before),
        "the same text, once the notice is left out"
    );
    assert!(content(&after).is_some_and(|t| t.contains("Des connectathons.")));
    assert_eq!(pocount(&site, PO), (5, 8));
    assert_eq!(after.percent(), 62);

    // A translation whose blocks don't follow the source's is left alone, and named.
    std::fs::write(
        site.path("content/pages/culture.fr.md"),
        "---\ntitle: Culture\n---\n- Une liste\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tandem"))
        .args([
            "translations",
            "import",
            "--root",
            site.root.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(said.contains("content/pages/culture.fr.md: error: not imported: body block 1: the source has a paragraph where the translation has a list item"), "{said}");
    assert!(site.path("content/pages/culture.fr.md").exists());
    assert!(!site.path("i18n/fr/pages/culture.po").exists());
}
