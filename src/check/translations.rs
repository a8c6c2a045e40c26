//! Rules for translations (`<slug>.<lang>.md`): a configured language other
//! than the default, a source record beside it, and text fields only. A
//! checked translation is attached to its source's [`Localized`](crate::site::Localized) text, with
//! every field it leaves out taken from the source.
//!
//! Which fields a translation may give, and which it must leave to the
//! source, is the field table's ([`crate::content::kinds`]): this module
//! reads the front matter key by key ([`Front`]) and has no per-kind code.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde_saphyr::Spanned;

use crate::config::SiteConfig;
use crate::content::front::{Front, Node};
use crate::content::kinds::{Kind, Role};
use crate::content::{RawRecord, Section};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::site::{Clinic, Issue, Page, Record, Sharer, Site, SlugIndex, Topic, Translated};

use super::blocks::{self, TextBlocks};
use super::fields::Fields;

/// Checks every translation and attaches it to its source in `site`.
///
/// Translations are checked and merged in parallel against the site as it
/// stands, kind by kind; only attaching them is sequential.
pub fn attach<'a>(
    site: &mut Site,
    translations: &[&RawRecord],
    config: &SiteConfig,
    all: impl IntoIterator<Item = &'a RawRecord>,
    problems: &mut Diagnostics,
) {
    let by_path: FxHashMap<&str, &RawRecord> =
        all.into_iter().map(|r| (r.path.as_str(), r)).collect();
    let of = |section: Section| -> Vec<&RawRecord> {
        translations
            .iter()
            .copied()
            .filter(|r| r.section == section)
            .collect()
    };
    let context = Context {
        by_path: &by_path,
        config,
    };
    attach_kind::<Clinic>(site, &of(Section::Clinics), &context, problems);
    attach_kind::<Sharer>(site, &of(Section::Sharers), &context, problems);
    attach_kind::<Topic>(site, &of(Section::Topics), &context, problems);
    attach_kind::<Issue>(site, &of(Section::Newsletter), &context, problems);
    attach_kind::<Page>(site, &of(Section::Pages), &context, problems);
}

/// What checking one translation needs besides its site.
struct Context<'a> {
    by_path: &'a FxHashMap<&'a str, &'a RawRecord>,
    config: &'a SiteConfig,
}

/// A checked translation of a record of kind `R`: the record's position,
/// the language and the merged text.
type Attachment<R> = (usize, String, Box<Translated<<R as Record>::Text>>);

/// Checks and attaches the translations of one kind of record.
fn attach_kind<R: Record>(
    site: &mut Site,
    translations: &[&RawRecord],
    context: &Context,
    problems: &mut Diagnostics,
) where
    R::Text: TextBlocks,
{
    if translations.is_empty() {
        return;
    }
    let checked: Vec<(Diagnostics, Option<Attachment<R>>)> = {
        let index = SlugIndex::new(site);
        let site = &*site;
        translations
            .par_iter()
            .map(|record| {
                let mut found = Diagnostics::new();
                let attachment = check_one::<R>(site, &index, record, context, &mut found);
                (found, attachment)
            })
            .collect()
    };
    let records = R::all_mut(site);
    for (found, attachment) in checked {
        problems.append(found);
        if let Some((i, lang, text)) = attachment {
            records[i].text_mut().translations.insert(lang, text);
        }
    }
}

/// Checks one translation; its source's position, its language and its
/// merged text when it has a source.
fn check_one<R: Record>(
    site: &Site,
    index: &SlugIndex,
    record: &RawRecord,
    context: &Context,
    problems: &mut Diagnostics,
) -> Option<Attachment<R>>
where
    R::Text: TextBlocks,
{
    let lang = record.lang.as_deref()?;
    if !language_ok(record, lang, context.config, problems) {
        return None;
    }
    let source_path = record.path.replacen(&format!(".{lang}.md"), ".md", 1);
    let Some(source) = context.by_path.get(source_path.as_str()) else {
        problems.push(
            Diagnostic::file(
                &record.path,
                format!("this translation has no source: {source_path} does not exist"),
            )
            .hint("a translation sits beside the record it translates, with the same slug"),
        );
        return None;
    };
    let kind = Kind::of(record.section);
    let front = Front::parse(&record.yaml)?;
    let mut f = Fields {
        path: &record.path,
        first_line: record.yaml_first_line,
        problems,
    };
    structural(kind, &front, source, &mut f);
    let i = index.get(R::SECTION, &record.slug)?;
    let (body, _, refs) = super::records::body(&mut f, record);
    f.problems.extend(super::references::links_against_site(
        index,
        &refs,
        &record.path,
    ));
    let source_text = &R::all(site)[i].text().source;
    let mut given = body_blocks(body.blocks());
    translated_fields(kind, &front, source_text, &mut given, &mut f);
    let recorded = record.front.source_digests().map(|d| d.value.clone());
    let (text, status) = blocks::merge(source_text, &given, recorded.as_ref(), Some(&body));
    let path = record.path.clone();
    Some((
        i,
        lang.to_string(),
        Box::new(Translated { path, text, status }),
    ))
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

/// A structural field may only repeat the source's value.
fn structural(kind: &Kind, front: &Front, source: &RawRecord, f: &mut Fields) {
    let mut source_front = None;
    for (key, value) in &front.0 {
        let structural = kind
            .field(&key.value)
            .is_some_and(|field| field.role == Role::Structural);
        if !structural {
            continue;
        }
        let source_front =
            source_front.get_or_insert_with(|| Front::parse(&source.yaml).unwrap_or_default());
        let same = source_front
            .get(&key.value)
            .is_some_and(|s| s.value.canonical() == value.value.canonical());
        if same {
            continue;
        }
        let key = &key.value;
        f.report(
            value,
            format!("`{key}` differs from the source {}", source.path),
            format!(
                "remove `{key}` here (translations take it from the source), or change it in {}",
                source.path
            ),
        );
    }
}

/// The translation's own text for each translatable field of the table,
/// by unit (`title`, `takeaway-2`, `label-1`...).
fn translated_fields<T: TextBlocks>(
    kind: &Kind,
    front: &Front,
    source: &T,
    given: &mut BTreeMap<String, String>,
    f: &mut Fields,
) {
    for field in kind.fields {
        let Some(value) = front.get(field.key) else {
            continue;
        };
        match field.role {
            Role::Text { unit } => put(given, unit, value),
            Role::List { unit } => list(f, given, value, source.count(unit), unit, field.key),
            Role::Labels => labels(f, given, value, source.count("label")),
            Role::Structural | Role::Stamp => {}
        }
    }
}

/// The translation's body blocks, by role.
fn body_blocks<'a>(blocks: impl Iterator<Item = &'a str>) -> BTreeMap<String, String> {
    blocks
        .enumerate()
        .map(|(i, b)| (format!("body-{}", i + 1), b.to_string()))
        .collect()
}

fn put(given: &mut BTreeMap<String, String>, role: &str, value: &Spanned<Node>) {
    if let Some(text) = value.value.text().map(str::trim).filter(|t| !t.is_empty()) {
        given.insert(role.to_string(), text.to_string());
    }
}

/// The items of a list value (none for anything else, which the typed parse reported).
fn items(value: &Spanned<Node>) -> &[Spanned<Node>] {
    match &value.value {
        Node::List(items) => items,
        _ => &[],
    }
}

/// A translated list must match the source item for item.
fn list(
    f: &mut Fields,
    given: &mut BTreeMap<String, String>,
    value: &Spanned<Node>,
    source_len: usize,
    role: &str,
    key: &str,
) {
    let items = items(value);
    if items.len() != source_len {
        f.report(
            value,
            format!(
                "the source has {source_len} {key}, this translation has {}",
                items.len()
            ),
            format!("translate each of the source's {key}, in the same order"),
        );
        return;
    }
    for (i, item) in items.iter().enumerate() {
        put(given, &format!("{role}-{}", i + 1), item);
    }
}

fn labels(
    f: &mut Fields,
    given: &mut BTreeMap<String, String>,
    value: &Spanned<Node>,
    source_len: usize,
) {
    let items = items(value);
    for item in items {
        for key in ["kind", "url", "lang"] {
            if let Some(value) = item.value.get(key) {
                f.report(
                    value,
                    format!("a resource's `{key}` can't be translated: it comes from the source"),
                    "give only the `label` of each resource here",
                );
            }
        }
    }
    if items.len() != source_len {
        f.report(
            value,
            format!(
                "the source has {source_len} resources, this translation has {}",
                items.len()
            ),
            "give one `{label: ...}` per resource of the source, in the same order",
        );
        return;
    }
    for (i, item) in items.iter().enumerate() {
        if let Some(label) = item.value.get("label") {
            put(given, &format!("label-{}", i + 1), label);
        }
    }
}
