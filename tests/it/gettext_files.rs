//! The site's gettext files (i18n/**/*.po, *.pot) as GNU gettext,
//! translate-toolkit and polib read them: tests/scripts/check_gettext.py.

use std::process::Command;

use crate::support::repo;

#[test]
fn every_catalogue_passes_msgfmt_msgmerge_and_pocount() {
    if Command::new("msgfmt").arg("--version").output().is_err() {
        eprintln!("skipped: GNU gettext (msgfmt) is not installed; apt-get install gettext");
        return;
    }
    for root in [repo(), repo().join("tests/fixtures/site/search-counts")] {
        let result = Command::new("python3")
            .arg(repo().join("tests/scripts/check_gettext.py"))
            .arg(&root)
            .arg(env!("CARGO_BIN_EXE_tandem"))
            .output()
            .expect("python3 runs");
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&result.stdout),
            String::from_utf8_lossy(&result.stderr)
        );
        assert!(result.status.success(), "{said}");
        assert!(said.contains("interface.po: "), "{said}");
    }
}
