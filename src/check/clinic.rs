//! A clinic's own rules: its date and levels, its summary and takeaways, its
//! resources with their clips and chapters. Clinics are the richest kind;
//! the rules every kind shares are in [`super::records`].

use time::macros::datetime;

use crate::content::RawRecord;
use crate::content::Section;
use crate::content::markdown::{self, Outline};
use crate::content::records::{RawClinic, RawResource, Text};
use crate::site::{Body, Clinic, ClinicText, Localized, Resource, Summary};
use crate::vocab::{Format, Level, ResourceKind};

use super::fields::Fields;
use super::records::{Pending, Ref, body, draft, pending, region, slug_refs};

/// Clinics on or after this instant must carry `levels` (SPEC.md).
const LEVELS_REQUIRED_FROM: time::OffsetDateTime = datetime!(2025-08-01 00:00 UTC);
/// The longest summary, in words.
pub const SUMMARY_MAX_WORDS: usize = 60;
/// Default clinic length, in minutes.
const DEFAULT_DURATION: u32 = 120;

/// Checks a clinic source file.
pub fn clinic(
    f: &mut Fields,
    record: &RawRecord,
    raw: &RawClinic,
    lang: &str,
) -> Option<Pending<Clinic>> {
    let text = clinic_text(f, record, raw);
    let date = date(f, raw);
    let duration = duration(f, raw);
    let format = raw.format.as_ref().map_or(Some(Format::Clinic), |v| {
        f.one_of(v, "format", Format::parse, Format::NAMES)
    });
    let levels = levels(f, raw, date);
    let region = region(f, &raw.region);
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

/// When it starts (required).
fn date(f: &mut Fields, raw: &RawClinic) -> Option<time::OffsetDateTime> {
    match &raw.date {
        Some(value) => f.date_time(value),
        None => {
            f.missing("date", "clinic", "2024-11-14T14:00:00+00:00");
            None
        }
    }
}

/// Who the clinic is for; required from 1 August 2025 on.
fn levels(f: &mut Fields, raw: &RawClinic, date: Option<time::OffsetDateTime>) -> Vec<Level> {
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
    levels
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
