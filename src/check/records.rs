//! Per-file rules: each raw record becomes a resolved record, with the
//! references it makes (topics, sharers, clinics, internal links) kept with
//! their positions so that [`super::references`] can check them against the
//! whole site.

use crate::content::markdown::{self, Outline};
use crate::content::records::{RawIssue, RawPage, RawSharer, RawTopic, Text};
use crate::content::{RawRecord, Section};
use crate::diagnostic::Position;
use crate::site::{
    Body, Issue, Link, Localized, Page, Sharer, SharerText, TitledText, Topic, TopicText,
};
use crate::vocab::{Category, Region};

use super::fields::Fields;

/// A reference from one record to another, checked once every record is known.
#[derive(Debug, Clone)]
pub struct Ref {
    /// The folder of the target.
    pub section: Section,
    /// The target's slug.
    pub slug: String,
    /// Where the reference is written.
    pub position: Position,
    /// The key it is written under (`topics`, `sharers`...), or `link` for body links.
    pub key: &'static str,
    /// For body links: the anchor after `#`, and the link as written.
    pub anchor: Option<(String, String)>,
}

/// A record that passed its own rules, with what still needs the whole site.
#[derive(Debug)]
pub struct Pending<T> {
    /// The resolved record.
    pub value: T,
    /// Its file.
    pub path: String,
    /// Its slug.
    pub slug: String,
    /// References to check.
    pub refs: Vec<Ref>,
    /// Its body's anchors (targets of `@/…#anchor` links).
    pub outline: Outline,
    /// True when `draft: true`.
    pub draft: bool,
}

pub(super) fn pending<T>(
    record: &RawRecord,
    value: T,
    refs: Vec<Ref>,
    outline: Outline,
    draft: bool,
) -> Pending<T> {
    Pending {
        value,
        path: record.path.clone(),
        slug: record.slug.clone(),
        refs,
        outline,
        draft,
    }
}

pub(super) fn slug_refs(
    f: &mut Fields,
    list: &Option<crate::content::records::TextList>,
    key: &'static str,
    section: Section,
) -> Vec<Ref> {
    f.slugs(list, key)
        .into_iter()
        .map(|t| Ref {
            section,
            slug: t.value.clone(),
            position: f.at(t),
            key,
            anchor: None,
        })
        .collect()
}

/// The body `markdown`, starting on file line `first_line`, as `outline`
/// read it (its blocks and HTML move into the body).
pub fn body_from(
    markdown: std::sync::Arc<str>,
    first_line: usize,
    outline: &mut markdown::Outline,
) -> Body {
    Body {
        block_spans: std::mem::take(&mut outline.block_spans),
        markdown,
        first_line,
        anchors: outline.anchors.clone(),
        highest_heading: outline.highest_heading,
        block_ids: std::mem::take(&mut outline.block_ids),
        html: Some(std::sync::Arc::new(std::mem::take(&mut outline.html))),
    }
}

/// Checks a body: its links must be safe, and its internal links become refs.
pub fn body(f: &mut Fields, record: &RawRecord) -> (Body, Outline, Vec<Ref>) {
    let mut outline = markdown::outline(&record.body, record.body_first_line);
    for (url, position) in &outline.unsafe_links {
        f.problems.push(
            crate::diagnostic::Diagnostic::at(
                f.path,
                *position,
                if crate::content::safety::is_backslash_path(url) {
                    format!("this link starts with a backslash (`{url}`), which browsers read as another site's address")
                } else {
                    format!("this link uses a scheme that is not allowed: `{url}`")
                },
            )
            .hint("link to an `https://` address or to another record with `@/clinics/<slug>.md`"),
        );
    }
    for (what, position) in &outline.unsafe_html {
        f.problems.push(
            crate::diagnostic::Diagnostic::at(f.path, *position, format!("raw HTML with `{what}` is not allowed: it could run a script or load another page"))
                .hint("write the content in Markdown; plain tags such as <b> or <span lang=\"fr\"> are fine"),
        );
    }
    if let Some(position) = outline.too_deep {
        f.problems.push(
            crate::diagnostic::Diagnostic::at(
                f.path,
                position,
                format!(
                    "the raw HTML here nests more than {} elements deep",
                    crate::content::safety::MAX_HTML_DEPTH
                ),
            )
            .hint("close the elements you open (`</div>`), or write the content in Markdown"),
        );
    }
    let mut refs = Vec::new();
    for link in &outline.links {
        match Section::from_folder(&link.folder) {
            Some(section) => refs.push(Ref {
                section,
                slug: link.slug.clone(),
                position: link.position,
                key: "link",
                anchor: link.anchor.clone().map(|a| (a, link.written.clone())),
            }),
            None => f.problems.push(
                crate::diagnostic::Diagnostic::at(f.path, link.position, format!("`{}` does not point into a record folder", link.written))
                    .hint("internal links look like `@/clinics/<slug>.md`, `@/sharers/…`, `@/topics/…`, `@/newsletter/…` or `@/pages/…`"),
            ),
        }
    }
    (
        body_from(record.body.clone(), record.body_first_line, &mut outline),
        outline,
        refs,
    )
}

/// Checks a sharer source file.
pub fn sharer(
    f: &mut Fields,
    record: &RawRecord,
    raw: &RawSharer,
    lang: &str,
) -> Option<Pending<Sharer>> {
    let name = f.required(&raw.name, "name", "sharer", "Bukola James");
    let region = region(f, &raw.region);
    let languages = f.languages(&raw.languages, "languages");
    let refs = slug_refs(f, &raw.skills, "skills", Section::Topics);
    let skills = refs.iter().map(|r| r.slug.clone()).collect();
    let links = links(f, raw);
    let (body, outline, body_refs) = body(f, record);
    let text = SharerText {
        role: f.optional(&raw.role, "role"),
        body,
    };
    let value = Sharer {
        slug: record.slug.clone(),
        path: record.path.clone(),
        name: name?,
        affiliation: f.optional(&raw.affiliation, "affiliation"),
        region,
        country: f.optional(&raw.country, "country"),
        languages,
        skills,
        links: links?,
        wiki_user: raw
            .wiki_user
            .as_ref()
            .map(|v| wiki_user(f, v))
            .unwrap_or(Some(None))?,
        text: Localized::new(lang, text),
    };
    Some(pending(
        record,
        value,
        [refs, body_refs].concat(),
        outline,
        draft(raw.draft.as_ref()),
    ))
}

/// A Meta-Wiki user name: no character MediaWiki forbids in titles
/// (`# < > [ ] | { } /` would also change the link), at most 85 characters.
fn wiki_user(f: &mut Fields, value: &crate::content::records::Text) -> Option<Option<String>> {
    if value.value.trim().is_empty() {
        return Some(None);
    }
    // `None` here only for an invisible character, which is reported.
    let name = f.optional(&Some(value.clone()), "wiki_user")?;
    let name = name
        .strip_prefix("User:")
        .unwrap_or(&name)
        .trim()
        .to_string();
    let bad = name.chars().find(|c| "#<>[]|{}/%".contains(*c));
    if name.is_empty() || bad.is_some() || name.chars().count() > 85 {
        f.report(
            value,
            match bad {
                Some(c) => format!("`{c}` can't be part of a Meta-Wiki user name"),
                None => format!("`{}` is not a Meta-Wiki user name", value.value.trim()),
            },
            "write the name as it appears after `User:` on Meta-Wiki, for example `wiki_user: Batoul84`",
        );
        return None;
    }
    Some(Some(name))
}

fn links(f: &mut Fields, raw: &RawSharer) -> Option<Vec<Link>> {
    let mut out = Vec::new();
    let mut ok = true;
    for item in raw.links.iter().flat_map(|l| l.value.iter()) {
        let label = f.optional(&item.label, "label");
        let url = item.url.as_ref().and_then(|u| f.url(u, "url"));
        match (label, url) {
            (Some(label), Some(url)) => out.push(Link { label, url }),
            _ => {
                if item.label.is_none() || item.url.is_none() {
                    if let Some(list) = &raw.links {
                        f.report(list, "a link needs both `label` and `url`", "write each link as `{label: Meta-Wiki, url: \"https://meta.wikimedia.org/wiki/User:Example\"}`");
                    }
                }
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

/// Checks a topic source file.
pub fn topic(
    f: &mut Fields,
    record: &RawRecord,
    raw: &RawTopic,
    lang: &str,
) -> Option<Pending<Topic>> {
    let title = f.required(&raw.title, "title", "topic", "Volunteer management");
    let category = match &raw.category {
        Some(v) => f.one_of(v, "category", Category::parse, Category::NAMES),
        None => {
            f.missing("category", "topic", "organisational");
            None
        }
    };
    let (body, outline, refs) = body(f, record);
    let text = TopicText {
        title: title?,
        description: f.optional(&raw.description, "description"),
        body,
    };
    let value = Topic {
        slug: record.slug.clone(),
        path: record.path.clone(),
        category: category?,
        text: Localized::new(lang, text),
    };
    Some(pending(record, value, refs, outline, false))
}

/// Checks a newsletter issue source file.
pub fn issue(
    f: &mut Fields,
    record: &RawRecord,
    raw: &RawIssue,
    lang: &str,
) -> Option<Pending<Issue>> {
    let number = match &raw.issue {
        Some(v) if (1..=100_000).contains(&v.value) => u32::try_from(v.value).ok(),
        Some(v) => {
            f.report(
                v,
                format!("`{}` is not an issue number", v.value),
                "number issues from 1 upwards, for example `issue: 21`",
            );
            None
        }
        None => {
            f.missing("issue", "newsletter issue", "21");
            None
        }
    };
    let date = raw.date.as_ref().map(|d| f.date(d));
    let title = f.required(
        &raw.title,
        "title",
        "newsletter issue",
        "Let's Connect Newsletter, issue 21",
    );
    let refs = slug_refs(f, &raw.clinics, "clinics", Section::Clinics);
    let clinics = refs.iter().map(|r| r.slug.clone()).collect();
    let (body, outline, body_refs) = body(f, record);
    let text = TitledText {
        title: title?,
        summary: f.optional(&raw.summary, "summary"),
        body,
    };
    let value = Issue {
        slug: record.slug.clone(),
        path: record.path.clone(),
        number: number?,
        date: date.flatten(),
        clinics,
        text: Localized::new(lang, text),
    };
    if raw.date.is_some() && value.date.is_none() {
        return None;
    }
    Some(pending(
        record,
        value,
        [refs, body_refs].concat(),
        outline,
        draft(raw.draft.as_ref()),
    ))
}

/// Checks a free page source file.
pub fn page(
    f: &mut Fields,
    record: &RawRecord,
    raw: &RawPage,
    lang: &str,
) -> Option<Pending<Page>> {
    let title = f.required(&raw.title, "title", "page", "About Let's Connect");
    let (body, outline, refs) = body(f, record);
    let text = TitledText {
        title: title?,
        summary: f.optional(&raw.summary, "summary"),
        body,
    };
    let value = Page {
        slug: record.slug.clone(),
        path: record.path.clone(),
        menu: raw.menu.as_ref().map(|m| m.value),
        registration: draft(raw.registration.as_ref()),
        text: Localized::new(lang, text),
    };
    Some(pending(
        record,
        value,
        refs,
        outline,
        draft(raw.draft.as_ref()),
    ))
}

/// True when `draft: true`.
pub(super) fn draft(value: Option<&serde_saphyr::Spanned<bool>>) -> bool {
    value.is_some_and(|d| d.value)
}

/// A region code, when given.
pub(super) fn region(f: &mut Fields, value: &Option<Text>) -> Option<Region> {
    value
        .as_ref()
        .and_then(|v| f.one_of(v, "region", Region::parse, Region::NAMES))
}
