//! Every link and asset reference in a built site resolves to a file in the
//! output (and every `#fragment` to an element of that page).

use std::collections::{BTreeMap, BTreeSet};

use crate::support::{build_site, build_with, fixture, repo};

/// Broken references, as `page -> target`.
fn broken_links(files: &BTreeMap<String, Vec<u8>>, base_path: &str) -> Vec<String> {
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let pages: Vec<(&String, scraper::Html)> = files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| {
            (
                p,
                scraper::Html::parse_document(std::str::from_utf8(b).unwrap()),
            )
        })
        .collect();
    let with_id = scraper::Selector::parse("[id]").unwrap();
    for (path, page) in &pages {
        ids.insert(
            (*path).clone(),
            page.select(&with_id)
                .filter_map(|e| e.value().attr("id").map(str::to_string))
                .collect(),
        );
    }
    let refs = scraper::Selector::parse("a[href], link[href], script[src], img[src]").unwrap();
    let mut broken = Vec::new();
    for (path, page) in &pages {
        for element in page.select(&refs) {
            let target = element
                .value()
                .attr("href")
                .or_else(|| element.value().attr("src"))
                .unwrap();
            if target.starts_with("https://")
                || target.starts_with("http://")
                || target.starts_with("mailto:")
            {
                continue;
            }
            let (url, fragment) = target.split_once('#').unwrap_or((target, ""));
            let file = if url.is_empty() {
                (*path).clone()
            } else {
                let Some(local) = url.strip_prefix(base_path) else {
                    broken.push(format!("{path} -> {target} (outside the base path)"));
                    continue;
                };
                if local.is_empty() || local.ends_with('/') {
                    format!("{local}index.html")
                } else {
                    local.to_string()
                }
            };
            if !files.contains_key(&file) {
                broken.push(format!("{path} -> {target}"));
            } else if !fragment.is_empty()
                && file.ends_with(".html")
                && !ids[&file].contains(fragment)
            {
                broken.push(format!("{path} -> {target} (no such anchor)"));
            }
        }
    }
    broken
}

#[test]
fn every_link_in_the_fixture_site_resolves() {
    let site = build_site(&fixture("site/basic"));
    assert_eq!(broken_links(&site.files(), "/"), Vec::<String>::new());
}

#[test]
fn every_link_in_the_real_content_resolves() {
    let site = build_site(&repo());
    let files = site.files();
    assert!(files.len() > 100, "the real site has its pages");
    assert_eq!(broken_links(&files, "/"), Vec::<String>::new());
}

#[test]
fn every_link_resolves_under_a_sub_path() {
    let site = build_with(&repo(), |o| {
        o.base_url = Some("https://example.org/letsconnect/".into())
    });
    assert_eq!(
        broken_links(&site.files(), "/letsconnect/"),
        Vec::<String>::new()
    );
}

#[test]
fn every_link_of_every_language_resolves_in_the_multilingual_fixture_and_its_mirror() {
    let site = build_site(&fixture("site/multilingual"));
    assert_eq!(broken_links(&site.files(), "/"), Vec::<String>::new());
    let mirror = build_with(&fixture("site/multilingual"), |o| {
        o.mirror = Some("francophone".into())
    });
    assert_eq!(
        broken_links(&mirror.files(), "/letsconnect/"),
        Vec::<String>::new()
    );
}
