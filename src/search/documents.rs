//! The site's records as search documents, one language at a time: each
//! record kind's fields in [`FIELDS`](super::FIELDS) order, its facets and
//! its result card.
//!
//! Documents are numbered in browsing order, which is the order results
//! come in when a visitor filters without typing: sessions newest first,
//! then newsletter issues newest first, sharers, topics and pages.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::edition::View;
use crate::edition::urls::{self, Route};
use crate::site::{Body, Clinic, Issue, Sharer, Topic};
use crate::vocab::Region;

use super::{Card, Document};

/// A record's facet values, by facet name.
type Facets = BTreeMap<&'static str, Vec<String>>;

/// Every record of the site as a document in the page language of `view`.
pub fn documents(view: &View) -> Vec<Document> {
    let site = view.site;
    let mut docs = Vec::new();
    // Clinics are most of a site: their documents are made in parallel, in order.
    docs.par_extend(
        site.clinics
            .par_iter()
            .rev()
            .map(|clinic| clinic_document(view, clinic)),
    );
    docs.extend(site.issues.iter().map(|issue| issue_document(view, issue)));
    docs.extend(
        site.sharers
            .iter()
            .map(|sharer| sharer_document(view, sharer)),
    );
    docs.extend(site.topics.iter().map(|topic| topic_document(view, topic)));
    for page in &site.pages {
        let (lang, text) = page.text.get(view.lang);
        docs.push(simple_document(
            view,
            Simple {
                lang,
                kind: "page",
                title: &text.title,
                summary: text.summary.as_deref().unwrap_or_default(),
                body: &text.body,
                route: urls::page(&page.slug),
                topics: Vec::new(),
                date: None,
            },
            plain_facets("page"),
        ));
    }
    docs
}

/// Every facet's values that at least one record has, in this language:
/// the values the search page offers.
pub fn facet_values(view: &View) -> BTreeMap<&'static str, BTreeSet<String>> {
    let site = view.site;
    let mut values: BTreeMap<&'static str, BTreeSet<String>> = BTreeMap::new();
    let all = site
        .clinics
        .iter()
        .map(|c| clinic_facets(view, c))
        .chain(site.issues.iter().map(|_| plain_facets("newsletter")))
        .chain(site.sharers.iter().map(sharer_facets))
        .chain(site.topics.iter().map(topic_facets))
        .chain(site.pages.iter().map(|_| plain_facets("page")));
    for facets in all {
        for (facet, list) in facets {
            values.entry(facet).or_default().extend(list);
        }
    }
    values
}

fn clinic_facets(view: &View, clinic: &Clinic) -> Facets {
    let categories: BTreeSet<String> = clinic
        .topics
        .iter()
        .filter_map(|t| view.topic(t))
        .map(|t| t.category.to_string())
        .collect();
    let mut facets = placed_facets("clinic", &clinic.topics, clinic.region, &clinic.languages);
    facets.insert(
        "level",
        clinic.levels.iter().map(|l| l.to_string()).collect(),
    );
    facets.insert("category", categories.into_iter().collect());
    facets
}

fn sharer_facets(sharer: &Sharer) -> Facets {
    placed_facets("sharer", &sharer.skills, sharer.region, &sharer.languages)
}

/// The facets of a record with topics, a region and languages.
fn placed_facets(
    kind: &str,
    topics: &[String],
    region: Option<Region>,
    languages: &[String],
) -> Facets {
    let mut facets = plain_facets(kind);
    facets.insert("topic", topics.to_vec());
    facets.insert("region", region.iter().map(|r| r.to_string()).collect());
    facets.insert("lang", languages.to_vec());
    facets
}

fn topic_facets(topic: &Topic) -> Facets {
    let mut facets = plain_facets("topic");
    facets.insert("topic", vec![topic.slug.clone()]);
    facets.insert("category", vec![topic.category.to_string()]);
    facets
}

fn plain_facets(kind: &str) -> Facets {
    BTreeMap::from([("kind", vec![kind.to_string()])])
}

/// A date as a card shows it, and as `<time datetime>` holds it.
fn card_date(view: &View, date: Option<time::Date>) -> (String, String) {
    date.map(|d| (view.dates.date(d), crate::edition::dates::iso_date(d)))
        .unwrap_or_default()
}

fn topic_title(view: &View, slug: &str) -> String {
    view.topic(slug)
        .map(|t| t.text.get(view.lang).1.title.clone())
        .unwrap_or_default()
}

/// The language of a record's text, when it is not the page's.
fn other_lang(view: &View, lang: &str) -> String {
    if lang == view.lang {
        String::new()
    } else {
        lang.to_string()
    }
}

fn clinic_document(view: &View, clinic: &Clinic) -> Document {
    let (lang, text) = clinic.text.get(view.lang);
    let sharer_name = |slug: &String| {
        view.sharer(slug)
            .map(|s| s.name.clone())
            .unwrap_or_default()
    };
    let day = clinic.date.to_offset(time::UtcOffset::UTC).date();
    let (date, iso_date) = card_date(view, Some(day));
    let names = |list: Vec<String>| list.join("\n");
    Document {
        fields: vec![
            text.title.clone(),
            text.summary.text.clone(),
            text.takeaways.join("\n"),
            text.body.search_text(),
            names(clinic.sharers.iter().map(sharer_name).collect()),
            names(clinic.topics.iter().map(|t| topic_title(view, t)).collect()),
        ],
        facets: clinic_facets(view, clinic),
        card: Card {
            url: view.url(&urls::clinic(&clinic.slug)),
            title: text.title.clone(),
            kind: view.t(&format!("format_{}", clinic.format)),
            levels: clinic
                .levels
                .iter()
                .map(|l| view.t(&format!("level_{l}")))
                .collect(),
            summary: text.summary.text.clone(),
            text_lang: other_lang(view, lang),
            date,
            iso_date,
        },
    }
}

/// A record other than a clinic, as its document needs it.
struct Simple<'a> {
    /// The language of its text.
    lang: &'a str,
    kind: &'static str,
    title: &'a str,
    summary: &'a str,
    body: &'a Body,
    route: Route,
    /// Titles of its topics.
    topics: Vec<String>,
    date: Option<time::Date>,
}

fn simple_document(view: &View, record: Simple<'_>, facets: Facets) -> Document {
    let (date, iso_date) = card_date(view, record.date);
    Document {
        fields: vec![
            record.title.to_string(),
            record.summary.to_string(),
            String::new(),
            record.body.search_text(),
            String::new(),
            record.topics.join("\n"),
        ],
        facets,
        card: Card {
            url: view.url(&record.route),
            title: record.title.to_string(),
            kind: view.t(&format!("kind_{}", record.kind)),
            levels: Vec::new(),
            summary: record.summary.to_string(),
            text_lang: other_lang(view, record.lang),
            date,
            iso_date,
        },
    }
}

fn issue_document(view: &View, issue: &Issue) -> Document {
    let (lang, text) = issue.text.get(view.lang);
    let record = Simple {
        lang,
        kind: "newsletter",
        title: &text.title,
        summary: text.summary.as_deref().unwrap_or_default(),
        body: &text.body,
        route: urls::issue(&issue.slug),
        topics: Vec::new(),
        date: issue.date,
    };
    simple_document(view, record, plain_facets("newsletter"))
}

fn sharer_document(view: &View, sharer: &Sharer) -> Document {
    let (lang, text) = sharer.text.get(view.lang);
    let record = Simple {
        lang,
        kind: "sharer",
        title: &sharer.name,
        summary: text.role.as_deref().unwrap_or_default(),
        body: &text.body,
        route: urls::sharer(&sharer.slug),
        topics: sharer.skills.iter().map(|t| topic_title(view, t)).collect(),
        date: None,
    };
    simple_document(view, record, sharer_facets(sharer))
}

fn topic_document(view: &View, topic: &Topic) -> Document {
    let (lang, text) = topic.text.get(view.lang);
    let record = Simple {
        lang,
        kind: "topic",
        title: &text.title,
        summary: text.description.as_deref().unwrap_or_default(),
        body: &text.body,
        route: urls::topic(&topic.slug),
        topics: Vec::new(),
        date: None,
    };
    simple_document(view, record, topic_facets(topic))
}
