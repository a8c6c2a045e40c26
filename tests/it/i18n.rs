//! Every language: the site in each language, translation status as
//! Meta-Wiki shows it, the language switcher, search-engine alternates and
//! affiliate mirrors. Fixture: `tests/fixtures/site/multilingual`.

use crate::support::{attrs, build_site, build_with, fixture, tandem, texts};

fn site() -> crate::support::Built {
    build_site(&fixture("site/multilingual"))
}

#[test]
fn every_language_gets_the_whole_site_with_lang_and_dir() {
    let site = site();
    for (prefix, lang, dir) in [
        ("", "en", "ltr"),
        ("fr/", "fr", "ltr"),
        ("ar/", "ar", "rtl"),
    ] {
        for page in [
            "index.html",
            "calendar/index.html",
            "clinics/2024-11-toolkit/index.html",
            "topics/advocacy/index.html",
            "404.html",
            "translations/index.html",
        ] {
            let html = site.page(&format!("{prefix}{page}"));
            assert_eq!(attrs(&html, "html", "lang"), [lang], "{prefix}{page}");
            assert_eq!(attrs(&html, "html", "dir"), [dir], "{prefix}{page}");
        }
    }
}

#[test]
fn a_translated_page_says_how_complete_it_is_and_marks_outdated_and_untranslated_blocks() {
    let page = site().page("fr/clinics/2024-11-toolkit/index.html");
    let notice = texts(&page, ".notice p");
    assert!(notice[0].starts_with("Cette page est une version traduite de la page Advocacy toolkit et la traduction est complète à 75 %."), "{notice:?}");
    assert_eq!(notice[1], "Les traductions obsolètes sont signalées ainsi.");
    assert_eq!(
        attrs(&page, ".notice a", "href"),
        ["/clinics/2024-11-toolkit/"],
        "the notice links to the source"
    );
    assert_eq!(texts(&page, "h1"), ["Boîte à outils de plaidoyer"]);
    assert_eq!(
        attrs(&page, "h1 > span", "class"),
        ["outdated"],
        "the title's source digest is stale"
    );
    let takeaways = texts(&page, "#takeaways + ul li");
    assert_eq!(
        takeaways,
        [
            "Partir d’un seul changement.",
            "Make it adaptable.",
            "Trouver des alliés."
        ]
    );
    assert_eq!(
        attrs(&page, "#takeaways + ul li > [lang=en]", "dir"),
        ["ltr"],
        "the untranslated takeaway keeps its language"
    );
    assert_eq!(
        attrs(&page, "#takeaways + ul li > [lang=en]", "class"),
        ["own"],
        "and is set in its own direction, as a block of its own"
    );
    assert_eq!(attrs(&page, ".body .outdated p", "class").len(), 0);
    assert_eq!(
        texts(&page, ".body .outdated p"),
        ["Le premier paragraphe."]
    );
    assert_eq!(
        texts(&page, ".body .untranslated[lang=en] p"),
        ["The second paragraph."]
    );
    assert_eq!(
        attrs(&page, ".body h4, .body h3", "id"),
        ["context"],
        "translated headings keep the source's anchor"
    );
}

#[test]
fn a_page_without_translation_falls_back_to_the_source_with_its_language() {
    let page = site().page("ar/about/index.html");
    assert_eq!(attrs(&page, "html", "dir"), ["rtl"]);
    assert_eq!(attrs(&page, ".notice", "class"), ["notice notice-fallback"]);
    assert_eq!(attrs(&page, "h1 > span", "lang"), ["en"]);
    assert_eq!(attrs(&page, "h1 > span", "dir"), ["ltr"]);
    assert_eq!(attrs(&page, ".body > .untranslated", "lang"), ["en"]);
    assert_eq!(
        attrs(&page, ".body a", "href"),
        ["/ar/clinics/2024-11-toolkit/#context"],
        "internal links stay in the language"
    );
}

#[test]
fn interface_strings_fall_back_key_by_key_and_plurals_follow_the_language() {
    let site = site();
    let fr = site.page("fr/index.html");
    assert!(texts(&fr, ".site-header nav a").contains(&"Calendrier".to_string()));
    assert!(
        texts(&fr, ".site-header nav a").contains(&"Topics".to_string()),
        "a missing French key shows the English text"
    );
    let topics = site.page("fr/topics/index.html");
    assert_eq!(texts(&topics, ".count"), ["1 session"]);
}

#[test]
fn the_switcher_and_hreflang_link_every_language_with_its_state() {
    let page = site().page("fr/clinics/2024-11-toolkit/index.html");
    assert_eq!(
        texts(&page, ".langs li"),
        [
            "English",
            "Français (traduit en partie)",
            "العربية (not translated)"
        ]
    );
    assert_eq!(
        attrs(&page, ".langs a", "href"),
        ["/clinics/2024-11-toolkit/", "/ar/clinics/2024-11-toolkit/"]
    );
    assert_eq!(
        attrs(&page, "link[rel=alternate][hreflang]", "hreflang"),
        ["en", "fr", "ar", "x-default"]
    );
    assert_eq!(
        attrs(&page, "link[hreflang=x-default]", "href"),
        ["https://example.org/clinics/2024-11-toolkit/"]
    );
    // The page's own address, not the first language's.
    assert_eq!(
        attrs(&page, "link[rel=canonical]", "href"),
        ["https://example.org/fr/clinics/2024-11-toolkit/"]
    );
    let topic = site().page("ar/topics/advocacy/index.html");
    assert!(
        texts(&topic, ".langs li").contains(&"Français".to_string()),
        "a complete translation carries no mark"
    );
}

#[test]
fn the_sitemap_lists_every_language_with_alternates() {
    let sitemap = site().text("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/fr/clinics/2024-11-toolkit/</loc><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/clinics/2024-11-toolkit/\"/>"));
    assert!(sitemap.contains("hreflang=\"x-default\""));
    assert!(!sitemap.contains("404"));
}

#[test]
fn netlify_gets_localised_404s_and_the_language_redirect() {
    let redirects = site().text("_redirects");
    assert!(redirects.contains("/fr/*  /fr/404.html  404\n"));
    assert!(redirects.contains("/ar/*  /ar/404.html  404\n"));
    assert!(
        redirects.contains("/  /fr/  302!  Language=fr\n"),
        "forced: Netlify would serve /index.html otherwise"
    );
}

#[test]
fn the_status_page_shows_where_translation_work_is() {
    let page = site().page("translations/index.html");
    assert_eq!(texts(&page, "h2"), ["Français", "العربية"]);
    assert_eq!(
        texts(&page, "#lang-fr ~ table tbody tr td:nth-child(2)"),
        ["75%"],
        "only unfinished translations are listed"
    );
    assert_eq!(
        texts(&page, "#lang-fr ~ table tbody tr td:nth-child(3)"),
        ["2"]
    );
}

#[test]
fn an_affiliate_mirror_has_its_language_at_the_root_under_a_sub_path() {
    let mirror = build_with(&fixture("site/multilingual"), |o| {
        o.mirror = Some("francophone".into())
    });
    let home = mirror.page("index.html");
    assert_eq!(attrs(&home, "html", "lang"), ["fr"]);
    assert_eq!(
        attrs(&home, "link[rel=canonical]", "href"),
        ["https://example.org/fr/"],
        "canonical points to the main site"
    );
    for href in attrs(&home, "a[href], link[href]", "href") {
        assert!(
            href.starts_with("/letsconnect/")
                || href.starts_with("https://")
                || href.starts_with('#'),
            "{href}"
        );
    }
    assert!(
        mirror
            .out
            .join("en/clinics/2024-11-toolkit/index.html")
            .is_file()
    );
    assert!(
        !mirror.out.join("ar").exists(),
        "the profile includes fr and en only"
    );
    assert!(
        mirror
            .text("sitemap.xml")
            .contains("https://fr.example.org/letsconnect/clinics/2024-11-toolkit/")
    );
    let lang_flag = build_with(&fixture("site/multilingual"), |o| {
        o.lang = Some("ar".into());
        o.base_url = Some("https://example.net/lc/".into());
    });
    assert_eq!(attrs(&lang_flag.page("index.html"), "html", "dir"), ["rtl"]);
}

#[test]
fn the_translations_command_prints_a_table_and_stamps_files() {
    let dir = tempfile::tempdir().unwrap();
    crate::support::copy_tree(&fixture("site/multilingual"), dir.path());
    let root = dir.path().to_str().unwrap();
    let table = tandem(&["translations", "--root", root, "--lang", "fr"]);
    let out = String::from_utf8_lossy(&table.stdout);
    assert!(
        out.contains("content/clinics/2024-11-toolkit.fr.md               75%         2      yes"),
        "{out}"
    );
    let stamp = tandem(&[
        "translations",
        "--root",
        root,
        "--stamp",
        "content/clinics/2024-11-toolkit.fr.md",
    ]);
    assert!(
        stamp.status.success(),
        "{}",
        String::from_utf8_lossy(&stamp.stderr)
    );
    let after = tandem(&["translations", "--root", root, "--lang", "fr"]);
    assert!(
        String::from_utf8_lossy(&after.stdout).contains("75%         0      yes"),
        "stamping clears outdated"
    );
    let listed = tandem(&["translations", "--root", root]);
    assert!(
        String::from_utf8_lossy(&listed.stdout)
            .contains("note: interface strings translated: fr 7 of 172"),
        "translations counts the interface translated: {}",
        String::from_utf8_lossy(&listed.stdout)
    );
    let check = tandem(&["check", "--root", root]);
    let said = String::from_utf8_lossy(&check.stdout);
    assert_eq!(
        said.lines().count(),
        1,
        "check prints one summary line: {said}"
    );
    assert!(said.contains("run `tandem translations`"), "{said}");
}

/// Issue 27: English shown on a page in another language is marked as
/// English (and isolated) by the fallback that put it there, whatever the
/// template; an attribute, which can't hold markup, gets the text alone.
#[test]
fn english_on_an_arabic_page_is_marked_and_attributes_stay_text() {
    let site = site();
    for (path, bytes) in site.files().iter().filter(|(p, _)| p.ends_with(".html")) {
        let page = scraper::Html::parse_document(&String::from_utf8_lossy(bytes));
        for element in page.tree.nodes().filter_map(scraper::ElementRef::wrap) {
            for (name, value) in element.value().attrs() {
                assert!(!value.contains('<'), "{path}: {name}=\"{value}\"");
            }
        }
    }
    let home = site.page("ar/index.html");
    let topics = ".site-header nav a[href='/ar/topics/'] > span";
    assert_eq!(attrs(&home, topics, "lang"), ["en"], "an interface string");
    assert_eq!(attrs(&home, topics, "dir"), ["ltr"]);
    assert_eq!(
        attrs(
            &home,
            ".crumbs a > span, .site-header nav a[href='/ar/'] > span",
            "lang"
        ),
        Vec::<String>::new(),
        "the Arabic string needs no mark"
    );
    assert_eq!(
        attrs(&home, ".site-header nav", "aria-label"),
        ["\u{2066}Main\u{2069}", "\u{2066}Languages\u{2069}"],
        "in an attribute: isolated text"
    );
    assert_eq!(
        attrs(&home, ".brand > span", "lang"),
        ["en"],
        "the site's name"
    );
    let topic = site.page("ar/topics/advocacy/index.html");
    assert_eq!(
        attrs(&topic, "h1 > span", "lang"),
        ["en"],
        "a record's title"
    );
    assert_eq!(
        attrs(&topic, ".card-title a > span", "class"),
        ["own"],
        "a card's title is a block of its own"
    );
}
