//! Per-file rules: each raw record becomes a resolved record, with the
//! references it makes (topics, sharers, clinics, internal links) kept with
//! their positions so that [`super::references`] can check them against the
//! whole site.

use time::macros::datetime;

use crate::content::markdown::{self, Outline};
use crate::content::records::{
    RawClinic, RawIssue, RawPage, RawResource, RawSharer, RawTopic, Text,
};
use crate::content::{RawRecord, Section};
use crate::diagnostic::Position;
use crate::site::{
    Body, Clinic, ClinicText, Issue, IssueText, Link, Localized, Page, PageText, Resource, Sharer,
    SharerText, Summary, Topic, TopicText,
};
use crate::vocab::{Category, Format, Level, Region, ResourceKind};

use super::fields::Fields;

/// Clinics on or after this instant must carry `levels` (SPEC.md).
const LEVELS_REQUIRED_FROM: time::OffsetDateTime = datetime!(2025-08-01 00:00 UTC);
/// The longest summary, in words.
pub const SUMMARY_MAX_WORDS: usize = 60;
/// Default clinic length, in minutes.
const DEFAULT_DURATION: u32 = 120;

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

fn pending<T>(
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

fn slug_refs(
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

/// Checks a clinic source file.
pub fn clinic(
    f: &mut Fields,
    record: &RawRecord,
    raw: &RawClinic,
    lang: &str,
) -> Option<Pending<Clinic>> {
    let text = clinic_text(f, record, raw);
    let date = match &raw.date {
        Some(value) => f.date_time(value),
        None => {
            f.missing("date", "clinic", "2024-11-14T14:00:00+00:00");
            None
        }
    };
    let duration = duration(f, raw);
    let format = raw.format.as_ref().map_or(Some(Format::Clinic), |v| {
        f.one_of(v, "format", Format::parse, Format::NAMES)
    });
    let levels = f.list_of(&raw.levels, "levels", Level::parse, Level::NAMES);
    if let (Some(date), Some(date_value)) = (date, &raw.date) {
        if date >= LEVELS_REQUIRED_FROM
            && levels.is_empty()
            && raw.levels.as_ref().is_none_or(|l| l.value.is_empty())
        {
            f.report(
                date_value,
                "clinics from 1 August 2025 on must say who they are for, but this one has no `levels`",
                "add `levels: [newcomer]`, `levels: [experienced]` or `levels: [newcomer, experienced]`",
            );
        }
    }
    let region = raw
        .region
        .as_ref()
        .and_then(|v| f.one_of(v, "region", Region::parse, Region::NAMES));
    let languages = f.languages(&raw.languages, "languages");
    let resources = resources(f, raw);
    let join = join(f, raw);
    let series = f.optional(&raw.series, "series");
    let mut refs = slug_refs(f, &raw.topics, "topics", Section::Topics);
    let sharers = slug_refs(f, &raw.sharers, "sharers", Section::Sharers);
    let topics: Vec<String> = refs.iter().map(|r| r.slug.clone()).collect();
    let sharer_slugs = sharers.iter().map(|r| r.slug.clone()).collect();
    refs.extend(sharers);
    let (text, outline, body_refs) = text?;
    refs.extend(body_refs);
    let value = Clinic {
        slug: record.slug.clone(),
        path: record.path.clone(),
        date: date?,
        duration: duration?,
        format: format?,
        levels,
        topics,
        sharers: sharer_slugs,
        region,
        languages,
        resources: resources?,
        join: join?,
        series,
        text: Localized::new(
            lang,
            ClinicText {
                resource_labels: resources_labels(raw),
                ..text
            },
        ),
    };
    Some(pending(
        record,
        value,
        refs,
        outline,
        draft(raw.draft.as_ref()),
    ))
}

/// Where to join online: `Some(None)` when absent or blank.
fn join(f: &mut Fields, raw: &RawClinic) -> Option<Option<String>> {
    raw.join
        .as_ref()
        .filter(|v| !v.value.trim().is_empty())
        .map_or(Some(None), |v| f.https_url(v, "join"))
}

fn resources_labels(raw: &RawClinic) -> Vec<String> {
    raw.resources
        .iter()
        .flat_map(|r| r.value.iter())
        .map(|r| {
            r.label
                .as_ref()
                .map(|l| l.value.trim().to_string())
                .unwrap_or_default()
        })
        .collect()
}

fn draft(value: Option<&serde_saphyr::Spanned<bool>>) -> bool {
    value.is_some_and(|d| d.value)
}

fn duration(f: &mut Fields, raw: &RawClinic) -> Option<u32> {
    let Some(value) = &raw.duration else {
        return Some(DEFAULT_DURATION);
    };
    match u32::try_from(value.value) {
        Ok(minutes @ 1..=1440) => Some(minutes),
        _ => {
            f.report(
                value,
                format!("`duration` is {} minutes", value.value),
                "write the length in minutes, between 1 and 1440, for example `120`",
            );
            None
        }
    }
}

/// The translatable part of a clinic: title, summary, takeaways, body.
pub fn clinic_text(
    f: &mut Fields,
    record: &RawRecord,
    raw: &RawClinic,
) -> Option<(ClinicText, Outline, Vec<Ref>)> {
    let title = f.required(&raw.title, "title", "clinic", "Changemakers Toolkit");
    let (body, outline, refs) = body(f, record);
    let summary = summary(f, &raw.summary, &body);
    let takeaways = takeaways(f, raw);
    Some((
        ClinicText {
            title: title?,
            summary: summary?,
            takeaways: takeaways?,
            resource_labels: Vec::new(),
            body,
        },
        outline,
        refs,
    ))
}

fn summary(f: &mut Fields, value: &Option<Text>, body: &Body) -> Option<Summary> {
    match value {
        Some(text) => {
            let words = text.value.split_whitespace().count();
            if words > SUMMARY_MAX_WORDS {
                f.report(
                    text,
                    format!("the summary has {words} words; a bite-size summary has at most {SUMMARY_MAX_WORDS}"),
                    "keep the one or two sentences a busy reader needs; the details belong in the body",
                );
                return None;
            }
            match f.optional(value, "summary") {
                Some(text) => Some(Summary {
                    text,
                    derived: false,
                }),
                None => Some(Summary {
                    text: derive_summary(&body.markdown),
                    derived: true,
                }),
            }
        }
        None => Some(Summary {
            text: derive_summary(&body.markdown),
            derived: true,
        }),
    }
}

/// The body's first paragraph, cut to the summary's length.
pub fn derive_summary(markdown: &str) -> String {
    let paragraph = markdown::first_paragraph(markdown);
    let words: Vec<&str> = paragraph.split_whitespace().collect();
    if words.len() <= SUMMARY_MAX_WORDS {
        paragraph
    } else {
        format!("{}…", words[..SUMMARY_MAX_WORDS].join(" "))
    }
}

fn takeaways(f: &mut Fields, raw: &RawClinic) -> Option<Vec<String>> {
    let Some(list) = &raw.takeaways else {
        return Some(Vec::new());
    };
    let count = list.value.len();
    if !(3..=7).contains(&count) {
        f.report(
            list,
            format!("a clinic has 3 to 7 takeaways, this one has {count}"),
            if count < 3 {
                "add the key learnings a participant took home"
            } else {
                "keep the most important ones"
            },
        );
        return None;
    }
    let items: Vec<Option<String>> = list
        .value
        .iter()
        .map(|t| f.required(&Some(t.clone()), "takeaways", "clinic", "..."))
        .collect();
    items.into_iter().collect()
}

fn resources(f: &mut Fields, raw: &RawClinic) -> Option<Vec<Resource>> {
    let mut out = Vec::new();
    let mut ok = true;
    for item in raw.resources.iter().flat_map(|r| r.value.iter()) {
        match resource(f, raw, item) {
            Some(resource) => out.push(resource),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

fn resource(f: &mut Fields, raw: &RawClinic, item: &RawResource) -> Option<Resource> {
    let list = raw.resources.as_ref()?;
    let needs = |f: &mut Fields, key: &str, example: &str| {
        f.report(
            list,
            format!("a resource has no `{key}`"),
            format!("give every resource a `{key}`, for example `{key}: {example}`"),
        );
    };
    let kind = match &item.kind {
        Some(v) => f.one_of(v, "kind", ResourceKind::parse, ResourceKind::NAMES),
        None => {
            needs(f, "kind", "video");
            None
        }
    };
    let url = match &item.url {
        Some(v) => f.url(v, "url"),
        None => {
            needs(f, "url", "https://example.org/recording");
            None
        }
    };
    let label = match &item.label {
        Some(v) => f.required(&Some(v.clone()), "label", "resource", "Recording"),
        None => {
            needs(f, "label", "Recording");
            None
        }
    };
    let lang = item.lang.as_ref().map(|l| f.language(l, "lang"));
    let timed = super::media::clip_and_chapters(f, item);
    label?;
    let (clip, chapters) = timed?;
    Some(Resource {
        kind: kind?,
        url: url?,
        lang: lang.unwrap_or(None),
        clip,
        chapters,
    })
}

/// Checks a sharer source file.
pub fn sharer(
    f: &mut Fields,
    record: &RawRecord,
    raw: &RawSharer,
    lang: &str,
) -> Option<Pending<Sharer>> {
    let name = f.required(&raw.name, "name", "sharer", "Bukola James");
    let region = raw
        .region
        .as_ref()
        .and_then(|v| f.one_of(v, "region", Region::parse, Region::NAMES));
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
    let text = IssueText {
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
    let text = PageText {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_summaries_are_cut_at_sixty_words() {
        let long = vec!["word"; 80].join(" ");
        let summary = derive_summary(&format!("## Heading\n\n{long}\n\nSecond."));
        assert_eq!(summary.split_whitespace().count(), 60);
        assert!(summary.ends_with('…'));
        assert_eq!(derive_summary("Short one.\n\nSecond."), "Short one.");
    }
}
