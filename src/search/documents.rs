//! The site's records as search documents, one language at a time: each
//! record kind's fields in [`FIELDS`](super::FIELDS) order, its facets and
//! its result card.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::site::Site;

use super::{Card, Document};

/// Every record of `site` as a document in the page language of `ctx`.
pub fn documents(ctx: &crate::render::views::Ctx) -> Vec<Document> {
    let site: &Site = ctx.site;
    let mut docs = Vec::new();
    let topic_title = |slug: &String| {
        ctx.topic(slug)
            .map(|t| t.text.get(ctx.lang).1.title.clone())
            .unwrap_or_default()
    };
    let sharer_name = |slug: &String| ctx.sharer(slug).map(|s| s.name.clone()).unwrap_or_default();
    let url = |route: crate::render::urls::Route| ctx.url(&route);
    let clinic_document = |clinic: &crate::site::Clinic| {
        let text = clinic.text.get(ctx.lang).1;
        let mut facets = BTreeMap::new();
        facets.insert(
            "level",
            clinic.levels.iter().map(|l| l.to_string()).collect(),
        );
        facets.insert("topic", clinic.topics.clone());
        facets.insert(
            "category",
            clinic
                .topics
                .iter()
                .filter_map(|t| ctx.topic(t))
                .map(|t| t.category.to_string())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
        );
        facets.insert("kind", vec!["clinic".to_string()]);
        facets.insert(
            "region",
            clinic.region.iter().map(|r| r.to_string()).collect(),
        );
        Document {
            fields: vec![
                text.title.clone(),
                text.summary.text.clone(),
                text.takeaways.join("\n"),
                text.body.search_text(),
                clinic
                    .sharers
                    .iter()
                    .map(sharer_name)
                    .collect::<Vec<_>>()
                    .join("\n"),
                clinic
                    .topics
                    .iter()
                    .map(topic_title)
                    .collect::<Vec<_>>()
                    .join("\n"),
            ],
            facets,
            card: Card {
                u: url(crate::render::urls::clinic(&clinic.slug)),
                t: text.title.clone(),
                k: ctx.t(&format!("format_{}", clinic.format)),
                l: clinic
                    .levels
                    .iter()
                    .map(|l| ctx.t(&format!("level_{l}")))
                    .collect(),
                s: text.summary.text.clone(),
            },
        }
    };
    // Clinics are most of a site: their documents are made in parallel, in order.
    docs.par_extend(site.clinics.par_iter().map(clinic_document));
    let simple = |kind: &str,
                  title: &str,
                  summary: &str,
                  body: &crate::site::Body,
                  link: String,
                  extra: (Vec<String>, Vec<String>)| {
        let mut facets = BTreeMap::new();
        facets.insert("kind", vec![kind.to_string()]);
        facets.insert("topic", extra.1.clone());
        Document {
            fields: vec![
                title.to_string(),
                summary.to_string(),
                String::new(),
                body.search_text(),
                String::new(),
                extra.0.join("\n"),
            ],
            facets,
            card: Card {
                u: link,
                t: title.to_string(),
                k: ctx.t(&format!("kind_{kind}")),
                l: Vec::new(),
                s: summary.to_string(),
            },
        }
    };
    for sharer in &site.sharers {
        let text = sharer.text.get(ctx.lang).1;
        let mut doc = simple(
            "sharer",
            &sharer.name,
            text.role.as_deref().unwrap_or_default(),
            &text.body,
            url(crate::render::urls::sharer(&sharer.slug)),
            (
                sharer.skills.iter().map(topic_title).collect(),
                sharer.skills.clone(),
            ),
        );
        doc.facets.insert(
            "region",
            sharer.region.iter().map(|r| r.to_string()).collect(),
        );
        docs.push(doc);
    }
    for topic in &site.topics {
        let text = topic.text.get(ctx.lang).1;
        let mut doc = simple(
            "topic",
            &text.title,
            text.description.as_deref().unwrap_or_default(),
            &text.body,
            url(crate::render::urls::topic(&topic.slug)),
            (Vec::new(), vec![topic.slug.clone()]),
        );
        doc.facets
            .insert("category", vec![topic.category.to_string()]);
        docs.push(doc);
    }
    for issue in &site.issues {
        let text = issue.text.get(ctx.lang).1;
        docs.push(simple(
            "newsletter",
            &text.title,
            text.summary.as_deref().unwrap_or_default(),
            &text.body,
            url(crate::render::urls::issue(&issue.slug)),
            (Vec::new(), Vec::new()),
        ));
    }
    for page in &site.pages {
        let text = page.text.get(ctx.lang).1;
        docs.push(simple(
            "page",
            &text.title,
            text.summary.as_deref().unwrap_or_default(),
            &text.body,
            url(crate::render::urls::page(&page.slug)),
            (Vec::new(), Vec::new()),
        ));
    }
    docs
}
