//! `tandem translations update` end to end: the English source changes,
//! the catalogues follow as `msgmerge --previous` would, and the site shows
//! what a translator's work allows (issue 25).

use std::process::Command;

use crate::support::{build_site, copy_tree, fixture, repo, tandem, texts};

fn update(root: &str) -> String {
    let result = tandem(&["translations", "update", "--root", root]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    String::from_utf8_lossy(&result.stdout).into_owned()
}

#[test]
fn a_changed_source_string_turns_fuzzy_a_removed_one_obsolete_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("site/multilingual"), dir.path());
    let root = dir.path().to_str().unwrap();
    let english = std::fs::read_to_string(repo().join("i18n/en.yaml")).unwrap();
    let en_path = dir.path().join("i18n/en.yaml");
    // A string the theme doesn't use, translated by a translator.
    std::fs::write(&en_path, format!("{english}nav_extra: Extra\n")).unwrap();
    update(root);
    let fr_path = dir.path().join("i18n/fr/interface.po");
    let fr = std::fs::read_to_string(&fr_path).unwrap();
    let untranslated = "msgctxt \"nav_extra\"\nmsgid \"Extra\"\nmsgstr \"\"\n";
    assert!(fr.ends_with(untranslated), "{fr}");
    std::fs::write(
        &fr_path,
        fr.replace(
            untranslated,
            "msgctxt \"nav_extra\"\nmsgid \"Extra\"\nmsgstr \"En plus\"\n",
        ),
    )
    .unwrap();
    // Then the source changes: one string edited, that one removed, one added.
    let changed = english
        .replace("nav_calendar: Calendar\n", "nav_calendar: Calendars\n")
        .replace(
            "nav_label: Main\n",
            "nav_label: Main\nnav_brand_new: Brand new\n",
        );
    assert_ne!(changed, english);
    std::fs::write(&en_path, changed).unwrap();
    let said = update(root);
    assert!(said.contains("i18n/fr/interface.po: "), "{said}");
    let po = std::fs::read_to_string(dir.path().join("i18n/fr/interface.po")).unwrap();
    assert!(
        po.contains("#, fuzzy\n#| msgctxt \"nav_calendar\"\n#| msgid \"Calendar\"\nmsgctxt \"nav_calendar\"\nmsgid \"Calendars\"\nmsgstr \"Calendrier\"\n"),
        "the changed string keeps its translation, fuzzy, with the previous source:\n{po}"
    );
    assert!(
        po.ends_with("#~ msgctxt \"nav_extra\"\n#~ msgid \"Extra\"\n#~ msgstr \"En plus\"\n"),
        "a removed string is kept, obsolete, at the end"
    );
    assert!(
        po.contains("msgctxt \"nav_brand_new\"\nmsgid \"Brand new\"\nmsgstr \"\"\n"),
        "a new string starts untranslated"
    );
    let page = build_site(dir.path()).page("fr/index.html");
    let nav = texts(&page, ".site-header nav a");
    assert!(
        nav.contains(&"Calendars".to_string()),
        "a fuzzy translation is not shown: {nav:?}"
    );
    if Command::new("msgmerge").arg("--version").output().is_ok() {
        let merged = Command::new("msgmerge")
            .args(["--quiet", "--previous"])
            .arg(dir.path().join("i18n/fr/interface.po"))
            .arg(dir.path().join("i18n/templates/interface.pot"))
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&merged.stdout),
            po,
            "msgmerge agrees"
        );
    }
    // A second update changes nothing.
    assert!(
        update(root)
            .contains("i18n/fr/interface.po: 6 of 173 translated, 1 fuzzy, 1 obsolete, unchanged")
    );
    // The translator clears the fuzzy flag: the translation shows again.
    let cleared = po.replace(
        "#, fuzzy\n#| msgctxt \"nav_calendar\"\n#| msgid \"Calendar\"\n",
        "",
    );
    std::fs::write(dir.path().join("i18n/fr/interface.po"), cleared).unwrap();
    let page = build_site(dir.path()).page("fr/index.html");
    assert!(texts(&page, ".site-header nav a").contains(&"Calendrier".to_string()));
}
