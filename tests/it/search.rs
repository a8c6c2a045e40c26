//! Search as the command line and the search page present it (issue 26):
//! `tandem search --json` reports the total beside its first results with
//! readable field names; filters alone list records, sessions newest first;
//! nothing found says what to try; the page carries the count's plural forms
//! with `{n}` intact, offers only facet values some record has, and names
//! the service worker of its own build.

use serde_json::Value;

use crate::support::{attrs, build_site, fixture, tandem};

fn search(args: &[&str]) -> Value {
    let root = fixture("site/search-counts");
    let mut all = vec!["search", "--root", root.to_str().unwrap(), "--json"];
    all.extend_from_slice(args);
    let out = tandem(&all);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn titles(found: &Value) -> Vec<&str> {
    found["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap())
        .collect()
}

#[test]
fn the_total_counts_every_match_beside_the_first_results() {
    let top = search(&["volunteers"]);
    let all = search(&["--limit", "1000", "volunteers"]);
    assert_eq!(top["results"].as_array().unwrap().len(), 10);
    assert_eq!(top["total"], all["total"]);
    assert_eq!(
        all["total"].as_u64().unwrap() as usize,
        all["results"].as_array().unwrap().len()
    );
    assert!(all["total"].as_u64().unwrap() > 10);
    let first = &top["results"][0];
    for field in [
        "doc", "score", "url", "title", "kind", "levels", "summary", "date", "iso_date",
    ] {
        assert!(!first[field].is_null(), "results name their {field}");
    }
}

#[test]
fn filters_alone_list_sessions_newest_first_and_a_facets_values_widen() {
    let newcomer = search(&["--limit", "100", "--filter", "level=newcomer", ""]);
    let dates: Vec<&str> = newcomer["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["iso_date"].as_str().unwrap())
        .collect();
    assert!(dates.len() > 5);
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    let arabic = search(&["--filter", "lang=ar", ""]);
    let french = search(&["--filter", "lang=fr", ""]);
    let either = search(&["--filter", "lang=ar", "--filter", "lang=fr", ""]);
    let both_facets = search(&["--filter", "lang=ar", "--filter", "level=newcomer", ""]);
    let [a, f, e, b] =
        [&arabic, &french, &either, &both_facets].map(|v| v["total"].as_u64().unwrap());
    assert!(a > 0 && f > 0);
    assert_eq!(e, a + f, "no session is in both");
    assert!(b > 0 && b < a);
}

#[test]
fn nothing_found_suggests_a_spelling_or_dropping_the_filters() {
    let nonsense = search(&["zqxvbn"]);
    assert_eq!(
        (nonsense["total"].as_u64(), nonsense.get("suggestion")),
        (Some(0), None)
    );
    // Two edits: not corrected on the fly, but suggested.
    let misspelt = search(&["volntere"]);
    assert_eq!(
        (misspelt["total"].as_u64(), misspelt["suggestion"].as_str()),
        (Some(0), Some("volunteer"))
    );
    assert!(search(&["volunteer"])["total"].as_u64().unwrap() > 0);
    let filtered = search(&["--filter", "region=usca", "grant"]);
    assert_eq!(filtered["total"], 0);
    assert_eq!(filtered["without_filters"], search(&["grant"])["total"]);
    assert!(filtered.get("suggestion").is_none());
}

#[test]
fn two_swapped_letters_are_one_typo() {
    // Regression test for issue 26: "conflcit" found nothing.
    assert_eq!(
        titles(&search(&["conflcit"])),
        titles(&search(&["conflict"]))
    );
    assert!(search(&["conflcit"])["total"].as_u64().unwrap() >= 3);
}

#[test]
fn the_search_page_carries_plural_forms_facets_and_its_worker() {
    let built = build_site(&fixture("site/search-counts"));
    for (path, lang, count_lang) in [
        ("search/index.html", "en", "en"),
        ("ar/search/index.html", "ar", "ar"),
        ("ig/search/index.html", "ig", "en"),
    ] {
        let page = built.page(path);
        let form = |attr: &str| attrs(&page, "#search-form", attr).remove(0);
        // Regression test for issue 26: the forms came with `{n}` already replaced.
        let forms: Value = serde_json::from_str(&form("data-count")).unwrap();
        assert!(
            forms["other"].as_str().unwrap().contains("{n}"),
            "{lang}: {forms}"
        );
        assert_eq!(form("data-count-lang"), count_lang, "{lang}");
        let regions = attrs(&page, "input[name=region]", "value");
        assert!(regions.contains(&"usca".to_string()) && !regions.contains(&"ceeca".to_string()));
        assert!(!attrs(&page, "input[name=kind]", "value").contains(&"newsletter".to_string()));
        assert_eq!(
            attrs(&page, "input[name=lang]", "value"),
            ["ar", "en", "es", "fr", "ig", "pt"]
        );
        let worker = built.text("sw.js");
        assert!(
            worker.contains(&format!("\"{}\"", form("data-version"))),
            "{lang}"
        );
        assert_eq!(form("data-worker"), "/sw.js");
    }
}
