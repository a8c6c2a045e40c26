//! Contexts of the record pages other than clinics: topics, sharers,
//! newsletter issues and free pages, each with its text block by block in
//! the page's language (see [`super::translated`]).

use serde::Serialize;

use super::cards::{CardHeading, IssueCard, clinic_cards, issue_card};
use super::parts::{Parts, crumb, json};
use super::text::Text;
use super::translated::{body_html, shown};
use super::views::{
    Ctx, Fact, LinkView, Pager, fact, language_names, page_count, page_of, pager, region_name,
    sharer_links, sharer_name, topic_links,
};
use crate::edition::urls::{self, Route};

#[derive(Debug, Serialize)]
struct TopicPage {
    pager: Option<Pager>,
    heading: Text,
    category: LinkView,
    description: Option<Text>,
    body: String,
    clinics: Vec<tera::Value>,
    sharers: Vec<LinkView>,
}

fn topic_page(ctx: &Ctx, index: usize, page: usize) -> Result<TopicPage, tera::Error> {
    let topic = &ctx.site.topics[index];
    let text = topic.text.get(ctx.lang).1;
    let all = ctx
        .relations
        .clinics_by_topic
        .get(&topic.slug)
        .map_or(&[][..], Vec::as_slice);
    let sharers = ctx
        .relations
        .sharers_by_topic
        .get(&topic.slug)
        .map_or(&[][..], Vec::as_slice);
    let sharer_slugs: Vec<String> = sharers
        .iter()
        .map(|&i| ctx.site.sharers[i].slug.clone())
        .collect();
    let category = LinkView {
        label: ctx.text(&format!("category_{}", topic.category)),
        url: format!("{}#{}", ctx.url(&urls::topics()), topic.category),
    };
    Ok(TopicPage {
        pager: pager(ctx, &urls::topic(&topic.slug), page, page_count(all.len())),
        heading: shown(ctx, &topic.text, "title", &text.title),
        category,
        description: text
            .description
            .as_deref()
            .map(|d| shown(ctx, &topic.text, "description", d)),
        body: body_html(ctx, &topic.text, &topic.text.source.body, &text.body, 2),
        clinics: clinic_cards(ctx, page_of(all, page), CardHeading::Three)?,
        sharers: sharer_links(ctx, &sharer_slugs),
    })
}

#[derive(Debug, Serialize)]
struct SharerPage {
    pager: Option<Pager>,
    heading: Text,
    role: Option<Text>,
    facts: Vec<Fact>,
    skills: Vec<LinkView>,
    links: Vec<LinkView>,
    body: String,
    clinics: Vec<tera::Value>,
}

/// A sharer's user and talk pages on Meta-Wiki, where people reach them.
fn wiki_links(ctx: &Ctx, user: Option<&str>) -> Vec<LinkView> {
    let Some(user) = user else {
        return Vec::new();
    };
    [
        ("User", "sharer_wiki_user"),
        ("User_talk", "sharer_wiki_talk"),
    ]
    .into_iter()
    .map(|(namespace, label)| LinkView {
        label: ctx.text(label),
        url: meta_wiki_page(namespace, user),
    })
    .collect()
}

/// `https://meta.wikimedia.org/wiki/<namespace>:<name>`, the name written
/// as MediaWiki writes titles in links: spaces as `_`, other bytes outside
/// the characters it leaves as they are percent-encoded.
pub fn meta_wiki_page(namespace: &str, name: &str) -> String {
    let mut url = format!("https://meta.wikimedia.org/wiki/{namespace}:");
    for byte in name.trim().replace(' ', "_").bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~!$'()*,;:@".contains(&byte) {
            url.push(char::from(byte));
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

fn sharer_page(ctx: &Ctx, index: usize, page: usize) -> Result<SharerPage, tera::Error> {
    let sharer = &ctx.site.sharers[index];
    let text = sharer.text.get(ctx.lang).1;
    let own = |value: &Option<String>| {
        let value = value.as_deref();
        value.map(|v| ctx.record_text(v, &sharer.text.source_lang))
    };
    let facts = [
        fact(ctx, "sharer_affiliation", own(&sharer.affiliation)),
        fact(ctx, "sharer_region", region_name(ctx, sharer.region)),
        fact(ctx, "sharer_country", own(&sharer.country)),
        fact(
            ctx,
            "sharer_languages",
            Some(language_names(ctx, &sharer.languages)),
        ),
    ];
    let all = ctx
        .relations
        .clinics_by_sharer
        .get(&sharer.slug)
        .map_or(&[][..], Vec::as_slice);
    Ok(SharerPage {
        pager: pager(
            ctx,
            &urls::sharer(&sharer.slug),
            page,
            page_count(all.len()),
        ),
        heading: sharer_name(ctx, sharer),
        role: text
            .role
            .as_deref()
            .map(|r| shown(ctx, &sharer.text, "role", r)),
        facts: facts.into_iter().flatten().collect(),
        skills: topic_links(ctx, &sharer.skills),
        links: wiki_links(ctx, sharer.wiki_user.as_deref())
            .into_iter()
            .chain(sharer.links.iter().map(|l| LinkView {
                label: ctx.record_text(&l.label, &sharer.text.source_lang),
                url: l.url.clone(),
            }))
            .collect(),
        body: body_html(ctx, &sharer.text, &sharer.text.source.body, &text.body, 2),
        clinics: clinic_cards(ctx, page_of(all, page), CardHeading::Three)?,
    })
}

#[derive(Debug, Serialize)]
struct IssuePage {
    heading: Text,
    summary: Option<Text>,
    issue: IssueCard,
    clinics: Vec<tera::Value>,
    body: String,
}

fn issue_page(ctx: &Ctx, index: usize) -> Result<IssuePage, tera::Error> {
    let issue = &ctx.site.issues[index];
    let text = issue.text.get(ctx.lang).1;
    let clinics: Vec<usize> = issue
        .clinics
        .iter()
        .filter_map(|slug| ctx.site.clinics.iter().position(|c| &c.slug == slug))
        .collect();
    Ok(IssuePage {
        heading: shown(ctx, &issue.text, "title", &text.title),
        summary: text
            .summary
            .as_deref()
            .map(|s| shown(ctx, &issue.text, "summary", s)),
        issue: issue_card(ctx, issue),
        clinics: clinic_cards(ctx, &clinics, CardHeading::Three)?,
        body: body_html(ctx, &issue.text, &issue.text.source.body, &text.body, 2),
    })
}

#[derive(Debug, Serialize)]
struct FreePage {
    heading: Text,
    summary: Option<Text>,
    /// The site's registration link, on the page that asks for it.
    registration: Option<String>,
    body: String,
}

fn free_page_of(ctx: &Ctx, index: usize) -> FreePage {
    let page = &ctx.site.pages[index];
    let text = page.text.get(ctx.lang).1;
    FreePage {
        heading: shown(ctx, &page.text, "title", &text.title),
        summary: text
            .summary
            .as_deref()
            .map(|s| shown(ctx, &page.text, "summary", s)),
        registration: ctx
            .site
            .config
            .registration
            .clone()
            .filter(|_| page.registration),
        body: body_html(ctx, &page.text, &page.text.source.body, &text.body, 2),
    }
}

/// A meta description: the record's summary, or its title.
fn described(title: &Text, summary: Option<&Text>) -> String {
    summary.unwrap_or(title).plain().to_string()
}

/// A record's page: its title, and the summary (or the title) as its
/// meta description.
fn record_parts<T: Serialize>(
    ctx: &Ctx,
    route: Route,
    template: &'static str,
    (heading, summary): (&Text, Option<&Text>),
    crumb_to: (&str, Route),
    page: &T,
) -> Result<Parts, tera::Error> {
    Ok(Parts {
        route,
        template,
        title: heading.clone(),
        description: described(heading, summary),
        breadcrumbs: vec![crumb(ctx, crumb_to.0, crumb_to.1)],
        page: json(page)?,
    })
}

/// Page `p` of a topic's page.
pub fn topic(ctx: &Ctx, i: usize, p: usize) -> Result<Parts, tera::Error> {
    let page = topic_page(ctx, i, p)?;
    record_parts(
        ctx,
        urls::paged(&urls::topic(&ctx.site.topics[i].slug), p),
        "topic.html",
        (&page.heading, page.description.as_ref()),
        ("nav_topics", urls::topics()),
        &page,
    )
}

/// Page `p` of a sharer's page.
pub fn sharer(ctx: &Ctx, i: usize, p: usize) -> Result<Parts, tera::Error> {
    let page = sharer_page(ctx, i, p)?;
    record_parts(
        ctx,
        urls::paged(&urls::sharer(&ctx.site.sharers[i].slug), p),
        "sharer.html",
        (&page.heading, page.role.as_ref()),
        ("nav_sharers", urls::sharers()),
        &page,
    )
}

/// A newsletter issue's page.
pub fn issue(ctx: &Ctx, i: usize) -> Result<Parts, tera::Error> {
    let page = issue_page(ctx, i)?;
    record_parts(
        ctx,
        urls::issue(&ctx.site.issues[i].slug),
        "issue.html",
        (&page.heading, page.summary.as_ref()),
        ("nav_newsletter", urls::newsletter()),
        &page,
    )
}

/// A free page.
pub fn free_page(ctx: &Ctx, i: usize) -> Result<Parts, tera::Error> {
    let page = free_page_of(ctx, i);
    record_parts(
        ctx,
        urls::page(&ctx.site.pages[i].slug),
        "page.html",
        (&page.heading, page.summary.as_ref()),
        ("nav_home", urls::home()),
        &page,
    )
}
