//! Interface strings read from PO catalogues: fallback, fuzzy, plurals,
//! placeholders, and the conversion of old YAML files.

use super::*;
use crate::gettext;

const PO_HEAD: &str = "msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Plural-Forms: nplurals=3; plural=(n == 0 || n == 1) ? 0 : (n != 0 && n % 1000000 == 0) ? 1 : 2;\\n\"\n\n";

fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join("i18n").join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

#[test]
fn untranslated_and_fuzzy_messages_fall_back_to_english() {
    let po = format!(
        "{PO_HEAD}msgctxt \"a\"\nmsgid \"One\"\nmsgstr \"Un\"\n\nmsgctxt \"b\"\nmsgid \"Two\"\nmsgstr \"\"\n\n#, fuzzy\nmsgctxt \"c\"\nmsgid \"Three\"\nmsgstr \"Trois\"\n\nmsgctxt \"d\"\nmsgid \"Old four\"\nmsgstr \"Quatre\"\n\nmsgctxt \"zz\"\nmsgid \"Unused\"\nmsgstr \"Inutile\"\n"
    );
    let dir = site(&[
        ("en.yaml", "a: One\nb: Two\nc: Three\nd: Four\n"),
        ("fr/interface.po", &po),
    ]);
    let fr = load(dir.path(), "fr").unwrap();
    assert_eq!(fr.get("a"), "Un");
    assert_eq!(fr.get("b"), "Two");
    assert_eq!(fr.get("c"), "Three", "a fuzzy translation is not used");
    assert_eq!(
        fr.get("d"),
        "Four",
        "a translation of another source text is not used"
    );
    assert_eq!(fr.missing, ["b", "c", "d"]);
    let coverage = coverage(dir.path(), &["en".into(), "fr".into()]).unwrap();
    assert_eq!(coverage[0].unused, ["zz"]);
    assert_eq!((coverage[0].translated, coverage[0].total), (3, 5));
}

#[test]
fn plurals_follow_the_catalogue_forms_in_cldr_order() {
    let ar = "msgid \"\"\nmsgstr \"\"\n\"Language: ar\\n\"\n\n\
        msgctxt \"n\"\nmsgid \"{n} session\"\nmsgid_plural \"{n} sessions\"\n\
        msgstr[0] \"لا جلسات\"\nmsgstr[1] \"جلسة واحدة\"\nmsgstr[2] \"جلستان\"\n\
        msgstr[3] \"{n} جلسات\"\nmsgstr[4] \"{n} جلسة\"\nmsgstr[5] \"{n} جلسة.\"\n";
    let dir = site(&[
        (
            "en.yaml",
            "n: {one: '{n} session', other: '{n} sessions'}\n",
        ),
        ("ar/interface.po", ar),
    ]);
    let en = load(dir.path(), "en").unwrap();
    assert_eq!(en.plural("n", 1), "1 session");
    assert_eq!(en.plural("n", 0), "0 sessions");
    let ar = load(dir.path(), "ar").unwrap();
    let shown: Vec<String> = [0, 1, 2, 5, 11, 100]
        .iter()
        .map(|&n| ar.plural("n", n))
        .collect();
    assert_eq!(
        shown,
        [
            "لا جلسات",
            "جلسة واحدة",
            "جلستان",
            "5 جلسات",
            "11 جلسة",
            "100 جلسة."
        ]
    );
}

#[test]
fn a_changed_placeholder_is_an_error_at_its_line() {
    let po = format!(
        "{PO_HEAD}msgctxt \"t\"\nmsgid \"Summary: {{title}}\"\nmsgstr \"Résumé : {{titre}}\"\n"
    );
    let dir = site(&[
        ("en.yaml", "t: 'Summary: {title}'\n"),
        ("fr/interface.po", &po),
    ]);
    let err = load(dir.path(), "fr").unwrap_err();
    assert_eq!(err.path, "i18n/fr/interface.po");
    assert_eq!(err.position.map(|p| p.line), Some(8));
    assert!(err.message.contains("{titre}"), "{}", err.message);
    assert!(err.hint.is_some());
}

#[test]
fn a_broken_catalogue_is_an_error_at_its_line_and_column() {
    let po = format!("{PO_HEAD}msgctxt \"a\"\nmsgid \"One\"\nmsgstr \"Un\n");
    let dir = site(&[("en.yaml", "a: One\n"), ("fr/interface.po", &po)]);
    let err = load(dir.path(), "fr").unwrap_err();
    assert_eq!(
        (err.path.as_str(), err.position.map(|p| p.line)),
        ("i18n/fr/interface.po", Some(9))
    );
}

#[test]
fn an_unconverted_yaml_file_says_how_to_convert_it() {
    let dir = site(&[("en.yaml", "a: One\n"), ("fr.yaml", "a: Un\n")]);
    let err = load(dir.path(), "fr").unwrap_err();
    assert!(err.hint.unwrap().contains("tandem translations update"));
}

#[test]
fn yaml_translations_convert_to_po_exactly() {
    let english: File =
        serde_saphyr::from_str("a: One\nn: {one: '{n} result', other: '{n} results'}\nb: Two\n")
            .unwrap();
    let order = vec!["a".to_string(), "n".to_string(), "b".to_string()];
    let template = po::template(&english, &order);
    let own: File =
        serde_saphyr::from_str("a: Un\nn: {one: '{n} résultat', other: '{n} résultats'}\n")
            .unwrap();
    let catalog = po::from_yaml(&template, "fr", &own, "2026-12-05");
    let text = gettext::write(&catalog);
    let back = gettext::parse("fr.po", &text).unwrap();
    let strings = po::strings(&back, "fr.po", "fr", &english).unwrap();
    assert_eq!(strings.get("a"), Some(&Value::Text("Un".into())));
    let Some(Value::Plural(forms)) = strings.get("n") else {
        panic!("plural")
    };
    assert_eq!(forms.get("one").unwrap(), "{n} résultat");
    assert_eq!(forms.get("many").unwrap(), "{n} résultats");
    assert!(!strings.contains_key("b"));
    assert_eq!(back.completeness(), (2, 3));
}

#[test]
fn the_built_in_english_is_used_without_an_i18n_folder() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(load(dir.path(), "en").unwrap().get("nav_home"), "Home");
    assert_eq!(load(dir.path(), "fr").unwrap().get("nav_home"), "Home");
}
