//! The records as editors write them: front-matter structs, exactly as in
//! SPEC.md, strict about keys, loose about values.
//!
//! Every struct denies unknown keys. Every field is optional here, and values
//! from closed vocabularies stay strings: the check stage decides what is
//! required and what is allowed, so that it can report *all* problems of a
//! file with their positions (`Spanned`) and a hint, instead of serde's first.
//! Translations (`x.fr.md`) use the same structs; the check stage rejects
//! structural fields in them.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// A string with the place it was written.
pub type Text = Spanned<String>;
/// A list of strings, each with its place, and the list's own place.
pub type TextList = Spanned<Vec<Text>>;
/// In a translation: digests of the source blocks it was made from, by block role.
pub type Digests = Spanned<BTreeMap<String, String>>;

/// Front matter of `content/clinics/*.md`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawClinic {
    /// Required.
    #[schemars(with = "Option<String>")]
    pub title: Option<Text>,
    /// Required: date, time and UTC offset.
    #[schemars(with = "Option<String>")]
    pub date: Option<Text>,
    /// Minutes; 120 when absent.
    #[schemars(with = "Option<i64>")]
    pub duration: Option<Spanned<i64>>,
    /// `clinic`, `connectathon`, `circle` or `workshop`.
    #[schemars(with = "Option<crate::vocab::Format>")]
    pub format: Option<Text>,
    /// `newcomer` and/or `experienced`.
    #[schemars(with = "Option<Vec<crate::vocab::Level>>")]
    pub levels: Option<TextList>,
    /// Topic slugs.
    #[schemars(with = "Option<Vec<String>>")]
    pub topics: Option<TextList>,
    /// Sharer slugs.
    #[schemars(with = "Option<Vec<String>>")]
    pub sharers: Option<TextList>,
    /// A region code.
    #[schemars(with = "Option<crate::vocab::Region>")]
    pub region: Option<Text>,
    /// Language codes the session was held or interpreted in.
    #[schemars(with = "Option<Vec<String>>")]
    pub languages: Option<TextList>,
    /// The bite-size summary.
    #[schemars(with = "Option<String>")]
    pub summary: Option<Text>,
    /// 3 to 7 key learnings.
    #[schemars(with = "Option<Vec<String>>")]
    pub takeaways: Option<TextList>,
    /// Recordings, slides and documents.
    #[schemars(with = "Option<Vec<RawResource>>")]
    pub resources: Option<Spanned<Vec<RawResource>>>,
    /// Where to join the session online (`https://…`): shown until it ends, and in its calendar entry.
    #[schemars(with = "Option<String>")]
    pub join: Option<Text>,
    /// A series name grouping clinics.
    #[schemars(with = "Option<String>")]
    pub series: Option<Text>,
    /// Drafts are only built with `--drafts`.
    #[schemars(with = "Option<bool>")]
    pub draft: Option<Spanned<bool>>,
    /// Translations only: digests of the source blocks (`tandem translations --stamp`).
    #[schemars(with = "Option<std::collections::BTreeMap<String, String>>")]
    pub source_digests: Option<Digests>,
}

/// One entry of a clinic's `resources`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawResource {
    /// `video`, `slides`, `audio`, `document` or `notes`.
    #[schemars(with = "Option<crate::vocab::ResourceKind>")]
    pub kind: Option<Text>,
    /// `https://…` or a site-relative path.
    #[schemars(with = "Option<String>")]
    pub url: Option<Text>,
    /// What the link says.
    #[schemars(with = "Option<String>")]
    pub label: Option<Text>,
    /// The resource's language.
    #[schemars(with = "Option<String>")]
    pub lang: Option<Text>,
    /// A recording's length (`1:52:10`), against which `start`, `end` and chapters are checked.
    #[schemars(with = "Option<String>")]
    pub duration: Option<Text>,
    /// Where the useful part of a recording starts (`5:30`, `1:05:30`): the link starts there.
    #[schemars(with = "Option<String>")]
    pub start: Option<Text>,
    /// Where that part ends (`6:15`); needs `start`.
    #[schemars(with = "Option<String>")]
    pub end: Option<Text>,
    /// A recording's chapters: `{at: "12:00", title: "Questions"}`, in order.
    #[schemars(with = "Option<Vec<RawChapter>>")]
    pub chapters: Option<Spanned<Vec<RawChapter>>>,
}

impl RawResource {
    /// Every key a resource may have.
    pub const KEYS: &'static [&'static str] = &[
        "kind", "url", "label", "lang", "duration", "start", "end", "chapters",
    ];
}

/// One chapter of a recording.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawChapter {
    /// Where it starts (`12:00`).
    #[schemars(with = "Option<String>")]
    pub at: Option<Text>,
    /// What it is about.
    #[schemars(with = "Option<String>")]
    pub title: Option<Text>,
}

impl RawChapter {
    /// Every key a chapter may have.
    pub const KEYS: &'static [&'static str] = &["at", "title"];
}

/// Front matter of `content/sharers/*.md`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSharer {
    /// Required: a person's or an affiliate's name.
    #[schemars(with = "Option<String>")]
    pub name: Option<Text>,
    /// Their affiliate or organisation.
    #[schemars(with = "Option<String>")]
    pub affiliation: Option<Text>,
    /// A region code.
    #[schemars(with = "Option<crate::vocab::Region>")]
    pub region: Option<Text>,
    /// Country, as free text.
    #[schemars(with = "Option<String>")]
    pub country: Option<Text>,
    /// Languages they share in.
    #[schemars(with = "Option<Vec<String>>")]
    pub languages: Option<TextList>,
    /// Topic slugs they can share.
    #[schemars(with = "Option<Vec<String>>")]
    pub skills: Option<TextList>,
    /// Links to profiles.
    #[schemars(with = "Option<Vec<RawLink>>")]
    pub links: Option<Spanned<Vec<RawLink>>>,
    /// Their user name on Meta-Wiki (`Batoul84`): links to their user and talk pages.
    #[schemars(with = "Option<String>")]
    pub wiki_user: Option<Text>,
    /// Their role in the programme, as free text ("MENA liaison").
    #[schemars(with = "Option<String>")]
    pub role: Option<Text>,
    /// Drafts are only built with `--drafts`.
    #[schemars(with = "Option<bool>")]
    pub draft: Option<Spanned<bool>>,
    /// Translations only: digests of the source blocks (`tandem translations --stamp`).
    #[schemars(with = "Option<std::collections::BTreeMap<String, String>>")]
    pub source_digests: Option<Digests>,
}

/// One entry of a sharer's `links`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLink {
    /// What the link says.
    #[schemars(with = "Option<String>")]
    pub label: Option<Text>,
    /// Where it goes.
    #[schemars(with = "Option<String>")]
    pub url: Option<Text>,
}

impl RawLink {
    /// Every key a link may have.
    pub const KEYS: &'static [&'static str] = &["label", "url"];
}

/// Front matter of `content/topics/*.md`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTopic {
    /// Required.
    #[schemars(with = "Option<String>")]
    pub title: Option<Text>,
    /// Required: one of the five categories.
    #[schemars(with = "Option<crate::vocab::Category>")]
    pub category: Option<Text>,
    /// One or two sentences.
    #[schemars(with = "Option<String>")]
    pub description: Option<Text>,
    /// Translations only: digests of the source blocks (`tandem translations --stamp`).
    #[schemars(with = "Option<std::collections::BTreeMap<String, String>>")]
    pub source_digests: Option<Digests>,
}

/// Front matter of `content/newsletter/*.md`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawIssue {
    /// Required, unique.
    #[schemars(with = "Option<i64>")]
    pub issue: Option<Spanned<i64>>,
    /// Publication date.
    #[schemars(with = "Option<String>")]
    pub date: Option<Text>,
    /// The issue's title.
    #[schemars(with = "Option<String>")]
    pub title: Option<Text>,
    /// One or two sentences.
    #[schemars(with = "Option<String>")]
    pub summary: Option<Text>,
    /// Clinic slugs featured as cards.
    #[schemars(with = "Option<Vec<String>>")]
    pub clinics: Option<TextList>,
    /// Drafts are only built with `--drafts`.
    #[schemars(with = "Option<bool>")]
    pub draft: Option<Spanned<bool>>,
    /// Translations only: digests of the source blocks (`tandem translations --stamp`).
    #[schemars(with = "Option<std::collections::BTreeMap<String, String>>")]
    pub source_digests: Option<Digests>,
}

/// Front matter of `content/pages/*.md`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPage {
    /// Required.
    #[schemars(with = "Option<String>")]
    pub title: Option<Text>,
    /// One or two sentences.
    #[schemars(with = "Option<String>")]
    pub summary: Option<Text>,
    /// Position in the main navigation; absent means not in it.
    #[schemars(with = "Option<i64>")]
    pub menu: Option<Spanned<i64>>,
    /// `true` shows the registration link of `site.yaml` under the title (the Join page).
    #[schemars(with = "Option<bool>")]
    pub registration: Option<Spanned<bool>>,
    /// Drafts are only built with `--drafts`.
    #[schemars(with = "Option<bool>")]
    pub draft: Option<Spanned<bool>>,
    /// Translations only: digests of the source blocks (`tandem translations --stamp`).
    #[schemars(with = "Option<std::collections::BTreeMap<String, String>>")]
    pub source_digests: Option<Digests>,
}

/// The front matter of any record, by kind.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // one per file, moved once
pub enum RawFront {
    /// A clinic.
    Clinic(RawClinic),
    /// A sharer.
    Sharer(RawSharer),
    /// A topic.
    Topic(RawTopic),
    /// A newsletter issue.
    Issue(RawIssue),
    /// A free page.
    Page(RawPage),
}

impl RawFront {
    /// The source digests a translation records (`tandem translations --stamp`).
    pub fn source_digests(&self) -> Option<&Digests> {
        match self {
            RawFront::Clinic(r) => r.source_digests.as_ref(),
            RawFront::Sharer(r) => r.source_digests.as_ref(),
            RawFront::Topic(r) => r.source_digests.as_ref(),
            RawFront::Issue(r) => r.source_digests.as_ref(),
            RawFront::Page(r) => r.source_digests.as_ref(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each listed key, given alone with a null value, is accepted by the struct.
    fn keys_parse<T: for<'de> Deserialize<'de>>(keys: &[&str]) {
        for key in keys {
            if let Err(e) = serde_saphyr::from_str::<T>(&format!("{key}: ~\n")) {
                panic!("`{key}` is listed but not accepted: {e}");
            }
        }
    }

    /// The struct's own field names, from its JSON Schema, in any order.
    fn fields_of<T: JsonSchema>() -> std::collections::BTreeSet<String> {
        let schema = serde_json::to_value(schemars::schema_for!(T)).unwrap();
        schema["properties"]
            .as_object()
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// Each key list names every field of its struct, and no other: a field
    /// added without its key (or a key without its field) fails here.
    fn keys_are_the_fields<T: JsonSchema + for<'de> Deserialize<'de>>(keys: &[&str]) {
        keys_parse::<T>(keys);
        let listed: std::collections::BTreeSet<String> =
            keys.iter().map(|k| k.to_string()).collect();
        assert_eq!(listed, fields_of::<T>(), "{}", std::any::type_name::<T>());
        assert_eq!(listed.len(), keys.len(), "a key is listed twice");
    }

    #[test]
    fn key_lists_are_the_struct_fields() {
        use crate::content::kinds::{CLINIC, ISSUE, PAGE, SHARER, TOPIC};
        keys_are_the_fields::<RawClinic>(CLINIC.keys());
        keys_are_the_fields::<RawSharer>(SHARER.keys());
        keys_are_the_fields::<RawTopic>(TOPIC.keys());
        keys_are_the_fields::<RawIssue>(ISSUE.keys());
        keys_are_the_fields::<RawPage>(PAGE.keys());
        keys_are_the_fields::<RawResource>(RawResource::KEYS);
        keys_are_the_fields::<RawChapter>(RawChapter::KEYS);
        keys_are_the_fields::<RawLink>(RawLink::KEYS);
    }
}
