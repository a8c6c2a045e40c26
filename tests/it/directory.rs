//! The sharers' directory and the way in (issue 28), checked against the
//! records themselves (read here with a YAML parser, not through tandem):
//! each skill, region and language group lists exactly the sharers whose
//! record says so; a wiki user name links to the user and talk pages; topics
//! no session covers are listed apart; the registration and subscription
//! links of `site.yaml` appear where they belong.

use std::collections::{BTreeMap, BTreeSet};

use crate::support::{attrs, build_site, build_with, copy_tree, fixture, repo, texts};

/// Every sharer's front matter, by slug, as a YAML value.
fn sharer_records() -> BTreeMap<String, serde_json::Value> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(repo().join("content/sharers")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let Some(slug) = name.strip_suffix(".md").filter(|s| !s.contains('.')) else {
            continue;
        };
        let text = std::fs::read_to_string(&path).unwrap();
        let front = text.split("---\n").nth(1).unwrap();
        let value: serde_json::Value = serde_saphyr::from_str(front).unwrap();
        out.insert(slug.to_string(), value);
    }
    out
}

fn listed(value: &serde_json::Value, key: &str) -> Vec<String> {
    value[key]
        .as_array()
        .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

#[test]
fn each_directory_group_lists_exactly_the_sharers_whose_record_says_so() {
    let site = build_site(&repo());
    let page = site.page("sharers/index.html");
    let records = sharer_records();
    let mut expected: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (slug, record) in &records {
        let url = format!("/sharers/{slug}/");
        for skill in listed(record, "skills") {
            expected
                .entry(format!("skill-{skill}"))
                .or_default()
                .insert(url.clone());
        }
        for lang in listed(record, "languages") {
            expected
                .entry(format!("language-{lang}"))
                .or_default()
                .insert(url.clone());
        }
        if let Some(region) = record["region"].as_str() {
            expected
                .entry(format!("region-{region}"))
                .or_default()
                .insert(url.clone());
        }
    }
    assert!(
        expected.keys().any(|k| k.starts_with("skill-")),
        "the real sharers have skills"
    );
    let groups = attrs(&page, "details ul[id]", "id");
    assert_eq!(
        groups.iter().cloned().collect::<BTreeSet<_>>(),
        expected.keys().cloned().collect::<BTreeSet<_>>()
    );
    for (id, people) in &expected {
        let shown: BTreeSet<String> = attrs(&page, &format!("details ul#{id} a"), "href")
            .into_iter()
            .collect();
        assert_eq!(&shown, people, "{id}");
    }
    let everyone = attrs(&page, "#everyone + ul a", "href");
    assert_eq!(everyone.len(), records.len());
}

#[test]
fn a_wiki_user_name_links_to_the_user_and_talk_pages() {
    let site = build_site(&repo());
    let page = site.page("sharers/batoul84/index.html");
    let links = attrs(
        &page,
        "a[href^='https://meta.wikimedia.org/wiki/User']",
        "href",
    );
    assert_eq!(
        links,
        [
            "https://meta.wikimedia.org/wiki/User:Batoul84",
            "https://meta.wikimedia.org/wiki/User_talk:Batoul84"
        ]
    );
}

#[test]
fn topics_no_session_covers_are_listed_apart() {
    let site = build_site(&repo());
    let page = site.page("topics/index.html");
    let mut covered = BTreeSet::new();
    for entry in std::fs::read_dir(repo().join("content/clinics")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let value: serde_json::Value =
            serde_saphyr::from_str(text.split("---\n").nth(1).unwrap()).unwrap();
        covered.extend(listed(&value, "topics"));
    }
    let all: BTreeSet<String> = std::fs::read_dir(repo().join("content/topics"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter_map(|n| {
            n.strip_suffix(".md")
                .filter(|s| !s.contains('.'))
                .map(str::to_string)
        })
        .collect();
    let uncovered: BTreeSet<String> = all
        .difference(&covered)
        .map(|s| format!("/topics/{s}/"))
        .collect();
    assert!(!uncovered.is_empty());
    let listed_apart: BTreeSet<String> = attrs(&page, "#uncovered ~ ul a", "href")
        .into_iter()
        .collect();
    assert_eq!(listed_apart, uncovered);
    assert!(
        !texts(&page, ".count").iter().any(|c| c.starts_with("(0 ")),
        "no (0 sessions)"
    );
}

#[test]
fn registration_and_subscription_links_come_from_the_site_settings() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("check/_base"), dir.path());
    let settings = dir.path().join("content/site.yaml");
    let mut yaml = std::fs::read_to_string(&settings).unwrap();
    yaml.push_str("registration: https://example.org/register\nnewsletter_subscription: https://example.org/subscribe\n");
    std::fs::write(&settings, yaml).unwrap();
    let about = dir.path().join("content/pages/about.md");
    let text =
        std::fs::read_to_string(&about)
            .unwrap()
            .replacen("---\n", "---\nregistration: true\n", 1);
    std::fs::write(&about, text).unwrap();
    let site = build_with(dir.path(), |_| {});
    for path in ["index.html", "about/index.html", "fr/index.html"] {
        let footer = attrs(&site.page(path), "footer a", "href");
        assert!(
            footer.contains(&"https://example.org/register".to_string()),
            "{path}: {footer:?}"
        );
    }
    assert_eq!(
        attrs(&site.page("about/index.html"), ".cta a", "href"),
        ["https://example.org/register"]
    );
    assert_eq!(
        attrs(&site.page("newsletter/index.html"), ".cta a", "href"),
        ["https://example.org/subscribe"]
    );
}
