//! A fixture site with every record kind, checked page by page as a visitor sees it.

use crate::support::{attrs, build_site, fixture, texts};

fn basic() -> crate::support::Built {
    build_site(&fixture("site/basic"))
}

#[test]
fn every_page_of_the_url_list_exists_with_its_title() {
    let site = basic();
    let expected = [
        ("index.html", "Fixture Site"),
        (
            "clinics/2024-11-advocacy-toolkit/index.html",
            "Advocacy toolkit",
        ),
        (
            "clinics/2024-11-advocacy-toolkit/summary/index.html",
            "Advocacy toolkit",
        ),
        ("calendar/index.html", "Calendar"),
        ("levels/newcomer/index.html", "Sessions for newcomers"),
        (
            "levels/experienced/index.html",
            "Sessions for experienced organisers",
        ),
        ("topics/index.html", "Topics"),
        ("topics/advocacy/index.html", "Advocacy"),
        ("sharers/index.html", "Sharers"),
        ("sharers/ada-lovelace/index.html", "Ada Lovelace"),
        ("newsletter/index.html", "Newsletter"),
        ("newsletter/issue-1/index.html", "First issue"),
        ("about/index.html", "About the fixture"),
        ("404.html", "Page not found"),
    ];
    for (path, title) in expected {
        let page = site.page(path);
        assert_eq!(texts(&page, "h1"), [title], "{path}");
        assert_eq!(attrs(&page, "html", "lang"), ["en"], "{path}");
        assert_eq!(attrs(&page, "html", "dir"), ["ltr"], "{path}");
        assert_eq!(
            texts(&page, "main").len(),
            1,
            "{path} has one main landmark"
        );
    }
    for file in [
        "sitemap.xml",
        "robots.txt",
        "newsletter/atom.xml",
        "calendar.ics",
    ] {
        assert!(site.out.join(file).is_file(), "{file}");
    }
}

#[test]
fn a_clinic_page_shows_levels_summary_takeaways_resources_sharers_and_topics() {
    let page = basic().page("clinics/2024-11-advocacy-toolkit/index.html");
    assert_eq!(texts(&page, ".badges a"), ["Experienced organiser"]);
    assert_eq!(attrs(&page, ".badges a", "href"), ["/levels/experienced/"]);
    assert_eq!(
        texts(&page, ".summary p"),
        ["How one group turned its campaigns into a toolkit others can reuse."]
    );
    assert_eq!(
        texts(&page, "#takeaways + ul li"),
        [
            "Start from one change.",
            "Make it adaptable.",
            "Find allies."
        ]
    );
    assert_eq!(
        texts(&page, ".resources li"),
        ["Video Recording English", "Slides Slides"]
    );
    assert_eq!(
        attrs(&page, ".resources a", "href"),
        [
            "https://example.org/recording",
            "https://example.org/slides.pdf"
        ]
    );
    assert_eq!(
        attrs(&page, "#sharers + ul a", "href"),
        ["/sharers/ada-lovelace/"]
    );
    assert_eq!(texts(&page, "#topics + ul a"), ["Advocacy"]);
    assert_eq!(
        texts(&page, "time"),
        ["Thursday, 14 November 2024 at 14:00–15:30 UTC"]
    );
    assert_eq!(
        attrs(&page, ".print-link a", "href"),
        ["/clinics/2024-11-advocacy-toolkit/summary/"]
    );
}

#[test]
fn sharers_and_clinics_link_to_each_other() {
    let site = basic();
    let ada = site.page("sharers/ada-lovelace/index.html");
    assert_eq!(
        attrs(&ada, "#sessions + ul .card-title a", "href"),
        [
            "/clinics/2025-09-wikidata-first-steps/",
            "/clinics/2024-11-advocacy-toolkit/"
        ],
        "newest first"
    );
    let clinic = site.page("clinics/2025-09-wikidata-first-steps/index.html");
    assert_eq!(
        texts(&clinic, "#sharers + ul a"),
        ["Grace Hopper", "Ada Lovelace"]
    );
    let topic = site.page("topics/advocacy/index.html");
    assert_eq!(
        attrs(&topic, "#sessions + ul .card-title a", "href"),
        ["/clinics/2024-11-advocacy-toolkit/"]
    );
    assert_eq!(texts(&topic, "#sharers + ul a"), ["Ada Lovelace"]);
}

#[test]
fn the_summary_page_stands_alone() {
    let page = basic().page("clinics/2024-11-advocacy-toolkit/summary/index.html");
    assert_eq!(
        texts(&page, "h2"),
        [
            "In short",
            "Key takeaways",
            "Recordings and material",
            "Sharers"
        ]
    );
    assert!(
        texts(&page, ".url")[0].contains("https://example.org/recording"),
        "URLs are printed"
    );
}

#[test]
fn a_clinic_without_summary_gets_one_from_its_body_marked_as_derived() {
    let page = basic().page("clinics/2025-09-wikidata-first-steps/index.html");
    let summary = texts(&page, ".summary p");
    assert!(
        summary[0].starts_with("Participants created their first Wikidata item"),
        "{summary:?}"
    );
    assert_eq!(summary.len(), 2, "the derived note follows");
}

#[test]
fn levels_and_calendar_split_by_the_build_date() {
    let site = basic();
    let calendar = site.page("calendar/index.html");
    // A card's heading sits one level below the heading of its list: the
    // section's <h2>, or a year's <h3>.
    assert_eq!(
        texts(&calendar, "#upcoming + ul h3.card-title"),
        ["Wikidata first steps"]
    );
    assert_eq!(
        texts(&calendar, "#y2024 + ul h4.card-title"),
        ["Advocacy toolkit"]
    );
    let newcomer = site.page("levels/newcomer/index.html");
    assert_eq!(texts(&newcomer, ".card-title"), ["Wikidata first steps"]);
}

#[test]
fn the_navigation_marks_the_section_of_each_page() {
    // The navigation is made once per section and reused: each page must
    // still get its own section's.
    let site = basic();
    for (path, current) in [
        ("calendar/index.html", vec!["Calendar"]),
        ("topics/advocacy/index.html", vec!["Topics"]),
        ("sharers/ada-lovelace/index.html", vec!["Sharers"]),
        ("levels/newcomer/index.html", vec!["For newcomers"]),
        ("clinics/2025-09-wikidata-first-steps/index.html", vec![]),
    ] {
        let page = site.page(path);
        assert_eq!(
            texts(&page, ".site-header nav a[aria-current=page]"),
            current,
            "{path}"
        );
    }
}

#[test]
fn lists_keep_the_order_of_their_records() {
    let site = crate::support::build_with(&fixture("site/basic"), |o| o.drafts = true);
    let calendar = site.page("calendar/index.html");
    assert_eq!(
        texts(&calendar, "#upcoming + ul .card-title"),
        ["Wikidata first steps", "Secret draft session"],
        "upcoming sessions, soonest first"
    );
    let sharers = site.page("sharers/index.html");
    assert_eq!(
        attrs(
            &sharers,
            "section[aria-labelledby=everyone] a[href^='/sharers/']",
            "href"
        ),
        ["/sharers/ada-lovelace/", "/sharers/grace-hopper/"],
        "sharers A to Z"
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = basic();
    assert!(!site.out.join("clinics/2026-01-secret-draft").exists());
    assert!(!site.text("calendar/index.html").contains("Secret draft"));
    let with_drafts = crate::support::build_with(&fixture("site/basic"), |o| o.drafts = true);
    assert!(
        with_drafts
            .out
            .join("clinics/2026-01-secret-draft/index.html")
            .is_file()
    );
}

#[test]
fn harmless_editor_html_is_kept() {
    let issue = basic().text("newsletter/issue-1/index.html");
    assert!(issue.contains("<b>bold</b>"), "{issue}");
    assert!(
        issue.contains("<span lang=fr>mot</span>")
            || issue.contains("<span lang=\"fr\">mot</span>"),
        "{issue}"
    );
}

#[test]
fn internal_links_resolve_to_pages_and_anchors() {
    let site = basic();
    let clinic = site.page("clinics/2025-09-wikidata-first-steps/index.html");
    assert!(
        attrs(&clinic, ".body a", "href")
            .contains(&"/clinics/2024-11-advocacy-toolkit/#next-steps".to_string())
    );
    let toolkit = site.page("clinics/2024-11-advocacy-toolkit/index.html");
    assert_eq!(attrs(&toolkit, ".body h3", "id"), ["next-steps"]);
}

#[test]
fn a_sub_path_base_url_prefixes_every_link() {
    let site = crate::support::build_with(&fixture("site/basic"), |o| {
        o.base_url = Some("https://example.org/letsconnect/".into())
    });
    let home = site.page("index.html");
    for href in attrs(&home, "a[href]", "href") {
        assert!(
            href.starts_with("/letsconnect/")
                || href.starts_with("https://")
                || href.starts_with('#'),
            "{href}"
        );
    }
    assert!(
        attrs(&home, "link[rel=stylesheet]", "href")[0].starts_with("/letsconnect/static/style.")
    );
    assert!(
        site.text("sitemap.xml").contains(
            "<loc>https://example.org/letsconnect/clinics/2024-11-advocacy-toolkit/</loc>"
        )
    );
    let about = site.page("about/index.html");
    assert!(attrs(&about, ".body a", "href").contains(&"/letsconnect/calendar/".to_string()));
}

#[test]
fn every_page_with_its_stylesheet_fits_in_14_kb_gzipped() {
    for (name, site) in [
        ("fixture", basic()),
        ("content", build_site(&crate::support::repo())),
    ] {
        let files = site.files();
        let css: Vec<u8> = files
            .iter()
            .filter(|(p, _)| p.ends_with(".css"))
            .flat_map(|(_, b)| b.clone())
            .collect();
        let mut largest = (0, String::new());
        for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
            let size = gzipped(&[bytes.as_slice(), css.as_slice()].concat());
            assert!(
                size <= 14 * 1024,
                "{name}: {path} is {size} bytes gzipped with its CSS"
            );
            largest = largest.max((size, path.clone()));
        }
        println!(
            "{name}: largest page with CSS, gzipped: {} bytes ({})",
            largest.0, largest.1
        );
    }
}

/// Templates are minified once at theme load, not page by page: the pages
/// must still come within 5% of what minify-html makes of them, gzipped.
#[test]
fn pages_are_within_five_percent_of_minify_html() {
    let site = build_site(&crate::support::repo());
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    let (mut ours, mut minified) = (0, 0);
    for (path, bytes) in site.files().iter().filter(|(p, _)| p.ends_with(".html")) {
        let (page, reference) = (gzipped(bytes), gzipped(&minify_html::minify(bytes, &cfg)));
        assert!(
            page as f64 <= reference as f64 * 1.10,
            "{path}: {page} bytes gzipped, minify-html makes {reference}"
        );
        ours += page;
        minified += reference;
    }
    let ratio = ours as f64 / minified as f64;
    println!("pages gzipped: {ours} bytes; after minify-html: {minified} ({ratio:.3})");
    assert!(ratio <= 1.05, "pages are {ratio:.3}× minify-html's size");
}

fn gzipped(bytes: &[u8]) -> usize {
    let mut compressor = libdeflater::Compressor::new(libdeflater::CompressionLvl::best());
    let mut out = vec![0; compressor.gzip_compress_bound(bytes.len())];
    compressor.gzip_compress(bytes, &mut out).unwrap()
}

#[test]
fn headings_never_skip_a_level() {
    let site = build_site(&crate::support::repo());
    for (path, bytes) in site.files().iter().filter(|(p, _)| p.ends_with(".html")) {
        let page = scraper::Html::parse_document(std::str::from_utf8(bytes).unwrap());
        let selector =
            scraper::Selector::parse("main h1, main h2, main h3, main h4, main h5, main h6")
                .unwrap();
        let mut previous = 0;
        for heading in page.select(&selector) {
            let level: usize = heading.value().name()[1..].parse().unwrap();
            assert!(
                level <= previous + 1,
                "{path}: <h{level}> follows <h{previous}>"
            );
            previous = level;
        }
        assert_eq!(
            page.select(&scraper::Selector::parse("h1").unwrap())
                .count(),
            1,
            "{path} has one h1"
        );
    }
}

#[test]
fn long_lists_are_paginated_and_every_page_is_linked() {
    let dir = tempfile::tempdir().unwrap();
    crate::support::copy_tree(&fixture("site/basic"), dir.path());
    for day in 1..=30 {
        let clinic = format!(
            "---\ntitle: Session {day}\ndate: 2024-10-{day:02}T10:00:00+00:00\nlevels: [newcomer]\ntopics: [advocacy]\nsharers: [ada-lovelace]\n---\nBody {day}.\n"
        );
        std::fs::write(
            dir.path()
                .join(format!("content/clinics/2024-10-session-{day}.md")),
            clinic,
        )
        .unwrap();
    }
    let site = build_site(dir.path());
    for list in [
        "calendar",
        "levels/newcomer",
        "topics/advocacy",
        "sharers/ada-lovelace",
    ] {
        let first = site.page(&format!("{list}/index.html"));
        assert_eq!(
            crate::support::attrs(&first, ".pager a[rel=next]", "href"),
            [format!("/{list}/page/2/")],
            "{list}"
        );
        let second = site.page(&format!("{list}/page/2/index.html"));
        assert_eq!(
            crate::support::attrs(&second, ".pager a[rel=prev]", "href"),
            [format!("/{list}/")],
            "{list}"
        );
        let cards = texts(&first, ".card-title").len() + texts(&second, ".card-title").len();
        assert!(cards >= 30, "{list}: {cards} cards over two pages");
    }
    let first = site.page("calendar/index.html");
    assert_eq!(texts(&first, ".card-title").len(), 24);
}
