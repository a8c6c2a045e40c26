//! Rules for translations (`<slug>.<lang>.md`): a configured language other
//! than the default, a source record beside it, and text fields only. A
//! checked translation is attached to its source's [`Localized`](crate::site::Localized) text, with
//! every field it leaves out taken from the source.

use serde_saphyr::{Location, Spanned};

use crate::config::SiteConfig;
use std::collections::BTreeMap;

use crate::content::records::{Digests, RawClinic, RawFront, Text, TextList};
use crate::content::{RawRecord, yaml};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::site::{Body, Translated};
use crate::site::{ClinicText, IssueText, PageText, SharerText, Site, SlugIndex, TopicText};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::blocks::{self, TextBlocks};
use super::fields::Fields;

/// A checked translation, merged with its source and ready to attach: the
/// position of the record it translates, and its text in that language.
enum Attachment {
    Clinic(usize, Box<Translated<ClinicText>>),
    Sharer(usize, Box<Translated<SharerText>>),
    Topic(usize, Box<Translated<TopicText>>),
    Issue(usize, Box<Translated<IssueText>>),
    Page(usize, Box<Translated<PageText>>),
}

/// Checks every translation and attaches it to its source in `site`.
///
/// Translations are checked and merged in parallel against the site as it
/// stands; only attaching them is sequential.
pub fn attach<'a>(
    site: &mut Site,
    translations: &[&RawRecord],
    config: &SiteConfig,
    all: impl IntoIterator<Item = &'a RawRecord>,
    problems: &mut Diagnostics,
) {
    let by_path: FxHashMap<&str, &RawRecord> =
        all.into_iter().map(|r| (r.path.as_str(), r)).collect();
    let checked: Vec<(Diagnostics, Option<(String, Attachment)>)> = {
        let index = SlugIndex::new(site);
        let site = &*site;
        translations
            .par_iter()
            .map(|record| {
                let mut found = Diagnostics::new();
                let attachment = check_one(site, &index, record, &by_path, config, &mut found);
                (found, attachment)
            })
            .collect()
    };
    for (found, attachment) in checked {
        problems.append(found);
        let Some((lang, attachment)) = attachment else {
            continue;
        };
        match attachment {
            Attachment::Clinic(i, t) => _ = site.clinics[i].text.translations.insert(lang, t),
            Attachment::Sharer(i, t) => _ = site.sharers[i].text.translations.insert(lang, t),
            Attachment::Topic(i, t) => _ = site.topics[i].text.translations.insert(lang, t),
            Attachment::Issue(i, t) => _ = site.issues[i].text.translations.insert(lang, t),
            Attachment::Page(i, t) => _ = site.pages[i].text.translations.insert(lang, t),
        }
    }
}

/// Checks one translation; its language and merged text when it has a source.
fn check_one(
    site: &Site,
    index: &SlugIndex,
    record: &RawRecord,
    by_path: &FxHashMap<&str, &RawRecord>,
    config: &SiteConfig,
    problems: &mut Diagnostics,
) -> Option<(String, Attachment)> {
    let lang = record.lang.as_deref()?;
    if !language_ok(record, lang, config, problems) {
        return None;
    }
    let source_path = record.path.replacen(&format!(".{lang}.md"), ".md", 1);
    let Some(source) = by_path.get(source_path.as_str()) else {
        problems.push(
            Diagnostic::file(
                &record.path,
                format!("this translation has no source: {source_path} does not exist"),
            )
            .hint("a translation sits beside the record it translates, with the same slug"),
        );
        return None;
    };
    let mut f = Fields {
        path: &record.path,
        first_line: record.yaml_first_line,
        problems,
    };
    let source_fields = structural_fields(&source.front);
    for (key, location, value) in structural_fields(&record.front) {
        if source_fields
            .iter()
            .any(|(k, _, v)| *k == key && *v == value)
        {
            continue;
        }
        let position = yaml::position(&location, record.yaml_first_line);
        f.problems.push(
            Diagnostic::at(
                &record.path,
                position,
                format!("`{key}` differs from the source {}", source.path),
            )
            .hint(format!(
                "remove `{key}` here (translations take it from the source), or change it in {}",
                source.path
            )),
        );
    }
    let attachment = merge_one(site, index, record, &mut f)?;
    Some((lang.to_string(), attachment))
}

fn language_ok(
    record: &RawRecord,
    lang: &str,
    config: &SiteConfig,
    problems: &mut Diagnostics,
) -> bool {
    if lang == config.default_language {
        problems.push(
            Diagnostic::file(
                &record.path,
                format!("`{lang}` is the site's default language, so this file translates nothing"),
            )
            .hint(format!(
                "edit the source {} instead",
                record.path.replacen(&format!(".{lang}.md"), ".md", 1)
            )),
        );
        return false;
    }
    if !config.languages.iter().any(|l| l == lang) {
        problems.push(
            Diagnostic::file(&record.path, format!("`{lang}` is not one of the site's languages"))
                .hint(format!("add `{lang}` to `languages` in content/site.yaml, or rename the file; configured: {}", config.languages.join(", "))),
        );
        return false;
    }
    true
}

/// A structural field's value, comparable between a translation and its source.
trait Canonical {
    fn canonical(&self) -> String;
}

impl Canonical for String {
    fn canonical(&self) -> String {
        self.trim().to_string()
    }
}

impl Canonical for i64 {
    fn canonical(&self) -> String {
        self.to_string()
    }
}

impl Canonical for bool {
    fn canonical(&self) -> String {
        self.to_string()
    }
}

impl<T: Canonical> Canonical for Spanned<T> {
    fn canonical(&self) -> String {
        self.value.canonical()
    }
}

impl<T: Canonical> Canonical for Vec<T> {
    fn canonical(&self) -> String {
        self.iter()
            .map(Canonical::canonical)
            .collect::<Vec<_>>()
            .join("\u{1f}")
    }
}

impl Canonical for crate::content::records::RawLink {
    fn canonical(&self) -> String {
        format!("{}\u{1e}{}", self.label.canonical(), self.url.canonical())
    }
}

impl<T: Canonical> Canonical for Option<T> {
    fn canonical(&self) -> String {
        self.as_ref().map(Canonical::canonical).unwrap_or_default()
    }
}

/// The structural fields a record sets: key, place, canonical value.
fn structural_fields(front: &RawFront) -> Vec<(&'static str, Location, String)> {
    fn at<T: Canonical>(
        key: &'static str,
        value: &Option<Spanned<T>>,
    ) -> Option<(&'static str, Location, String)> {
        value.as_ref().map(|v| (key, v.referenced, v.canonical()))
    }
    let found = match front {
        RawFront::Clinic(c) => vec![
            at("date", &c.date),
            at("duration", &c.duration),
            at("format", &c.format),
            at("levels", &c.levels),
            at("topics", &c.topics),
            at("sharers", &c.sharers),
            at("region", &c.region),
            at("languages", &c.languages),
            at("series", &c.series),
            at("join", &c.join),
            at("draft", &c.draft),
        ],
        RawFront::Sharer(s) => vec![
            at("name", &s.name),
            at("affiliation", &s.affiliation),
            at("region", &s.region),
            at("country", &s.country),
            at("languages", &s.languages),
            at("skills", &s.skills),
            at("links", &s.links),
            at("wiki_user", &s.wiki_user),
            at("draft", &s.draft),
        ],
        RawFront::Topic(t) => vec![at("category", &t.category)],
        RawFront::Issue(i) => vec![
            at("issue", &i.issue),
            at("date", &i.date),
            at("clinics", &i.clinics),
            at("draft", &i.draft),
        ],
        RawFront::Page(p) => vec![
            at("menu", &p.menu),
            at("registration", &p.registration),
            at("draft", &p.draft),
        ],
    };
    found.into_iter().flatten().collect()
}

fn merge_one(
    site: &Site,
    index: &SlugIndex,
    record: &RawRecord,
    f: &mut Fields,
) -> Option<Attachment> {
    let slug = record.slug.as_str();
    let (body, _, refs) = super::records::body(f, record);
    f.problems.extend(super::references::links_against_site(
        site,
        index,
        &refs,
        &record.path,
    ));
    let mut given = body_blocks(body.blocks());
    let path = record.path.clone();
    let recorded = |d: &Option<Digests>| d.as_ref().map(|d| d.value.clone());
    let attachment = match &*record.front {
        RawFront::Clinic(raw) => {
            let i = *index.clinics.get(slug)?;
            let source = &site.clinics[i].text.source;
            put(&mut given, "title", &raw.title);
            put(&mut given, "summary", &raw.summary);
            let takeaways = raw.takeaways.as_ref();
            list(
                f,
                &mut given,
                takeaways,
                source.takeaways.len(),
                "takeaway",
                "takeaways",
            );
            labels(f, &mut given, raw, source.resource_labels.len());
            Attachment::Clinic(
                i,
                merge(source, path, &given, recorded(&raw.source_digests), &body),
            )
        }
        RawFront::Sharer(raw) => {
            let i = *index.sharers.get(slug)?;
            put(&mut given, "role", &raw.role);
            let source = &site.sharers[i].text.source;
            Attachment::Sharer(
                i,
                merge(source, path, &given, recorded(&raw.source_digests), &body),
            )
        }
        RawFront::Topic(raw) => {
            let i = *index.topics.get(slug)?;
            put(&mut given, "title", &raw.title);
            put(&mut given, "description", &raw.description);
            let source = &site.topics[i].text.source;
            Attachment::Topic(
                i,
                merge(source, path, &given, recorded(&raw.source_digests), &body),
            )
        }
        RawFront::Issue(raw) => {
            let i = *index.issues.get(slug)?;
            put(&mut given, "title", &raw.title);
            put(&mut given, "summary", &raw.summary);
            let source = &site.issues[i].text.source;
            Attachment::Issue(
                i,
                merge(source, path, &given, recorded(&raw.source_digests), &body),
            )
        }
        RawFront::Page(raw) => {
            let i = *index.pages.get(slug)?;
            put(&mut given, "title", &raw.title);
            put(&mut given, "summary", &raw.summary);
            let source = &site.pages[i].text.source;
            Attachment::Page(
                i,
                merge(source, path, &given, recorded(&raw.source_digests), &body),
            )
        }
    };
    Some(attachment)
}

/// The translation's body blocks, by role.
fn body_blocks<'a>(blocks: impl Iterator<Item = &'a str>) -> BTreeMap<String, String> {
    blocks
        .enumerate()
        .map(|(i, b)| (format!("body-{}", i + 1), b.to_string()))
        .collect()
}

fn put(given: &mut BTreeMap<String, String>, role: &str, value: &Option<Text>) {
    if let Some(text) = value
        .as_ref()
        .map(|t| t.value.trim())
        .filter(|t| !t.is_empty())
    {
        given.insert(role.to_string(), text.to_string());
    }
}

/// The source's text with the translated blocks merged in, boxed as
/// [`crate::site::Localized`] keeps it.
fn merge<T: TextBlocks>(
    source: &T,
    path: String,
    given: &BTreeMap<String, String>,
    recorded: Option<BTreeMap<String, String>>,
    body: &Body,
) -> Box<Translated<T>> {
    let (text, status) = blocks::merge(source, given, recorded.as_ref(), Some(body));
    Box::new(Translated { path, text, status })
}

/// A translated list must match the source item for item.
fn list(
    f: &mut Fields,
    given: &mut BTreeMap<String, String>,
    list: Option<&TextList>,
    source_len: usize,
    role: &str,
    key: &str,
) {
    let Some(list) = list else { return };
    if list.value.len() != source_len {
        f.report(
            list,
            format!(
                "the source has {source_len} {key}, this translation has {}",
                list.value.len()
            ),
            format!("translate each of the source's {key}, in the same order"),
        );
        return;
    }
    for (i, item) in list.value.iter().enumerate() {
        put(given, &format!("{role}-{}", i + 1), &Some(item.clone()));
    }
}

fn labels(
    f: &mut Fields,
    given: &mut BTreeMap<String, String>,
    raw: &RawClinic,
    source_len: usize,
) {
    let Some(list) = &raw.resources else { return };
    for item in &list.value {
        for (key, value) in [
            ("kind", &item.kind),
            ("url", &item.url),
            ("lang", &item.lang),
        ] {
            if let Some(value) = value {
                f.report(
                    value,
                    format!("a resource's `{key}` can't be translated: it comes from the source"),
                    "give only the `label` of each resource here",
                );
            }
        }
    }
    if list.value.len() != source_len {
        f.report(
            list,
            format!(
                "the source has {source_len} resources, this translation has {}",
                list.value.len()
            ),
            "give one `{label: ...}` per resource of the source, in the same order",
        );
        return;
    }
    for (i, item) in list.value.iter().enumerate() {
        put(given, &format!("label-{}", i + 1), &item.label);
    }
}
