//! Check stage: [`RawSite`] → [`Site`], or every problem found.
//!
//! Runs every rule of SPEC.md: per file ([`records`], [`fields`]), for the
//! settings ([`settings`]), then across files ([`references`]): slugs and
//! issue numbers are unique, every reference and internal link points at a
//! record (and anchor) that exists, translations have a source in a
//! configured language. Nothing stops at the first problem; the caller gets
//! all of them, sorted, or a site in which every value is valid.

pub mod blocks;
pub mod clinic;
pub mod dates;
pub mod fields;
pub mod media;
pub mod po;
pub mod record_units;
pub mod records;
pub mod references;
pub mod settings;
pub mod translations;
pub mod years;

use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::content::records::RawFront;
use crate::content::{RawRecord, RawSite};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::site::{Clinic, Issue, Page, Sharer, Site, Topic};
use fields::Fields;
use records::Pending;

/// What a check may leave out.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions {
    /// Keep records marked `draft: true`.
    pub drafts: bool,
}

/// Things worth knowing that are not errors (`tandem check` prints them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notes {
    /// Clinics without a written summary (one was derived from the body).
    pub derived_summaries: Vec<String>,
    /// Records left out because they are drafts.
    pub drafts_skipped: Vec<String>,
}

/// The checked site and its notes.
#[derive(Debug)]
pub struct Checked {
    /// The site, every value valid.
    pub site: Site,
    /// Notes for editors.
    pub notes: Notes,
}

/// Source records of each kind, checked on their own.
#[derive(Default)]
struct Sources {
    clinics: Vec<Pending<Clinic>>,
    sharers: Vec<Pending<Sharer>>,
    topics: Vec<Pending<Topic>>,
    issues: Vec<Pending<Issue>>,
    pages: Vec<Pending<Page>>,
}

enum One {
    Clinic(Pending<Clinic>),
    Sharer(Pending<Sharer>),
    Topic(Pending<Topic>),
    Issue(Pending<Issue>),
    Page(Pending<Page>),
}

/// Checks a loaded site. `problems` already holds the load stage's diagnostics.
pub fn check(
    raw: &RawSite,
    options: CheckOptions,
    mut problems: Diagnostics,
) -> Result<Checked, Vec<Diagnostic>> {
    let config = settings::check(raw.config.as_ref(), &mut problems);
    let lang = config
        .as_ref()
        .map_or("en", |c| c.default_language.as_str())
        .to_string();
    let (sources, translations): (Vec<&RawRecord>, Vec<&RawRecord>) =
        raw.records.iter().partition(|r| r.lang.is_none());
    let results: Vec<(Option<One>, Diagnostics)> =
        sources.par_iter().map(|r| check_source(r, &lang)).collect();
    let mut checked = Sources::default();
    // Most records are clinics: room for them all up front, not grown by copying.
    checked.clinics.reserve(results.len());
    for (one, found) in results {
        problems.extend(found.into_sorted());
        match one {
            Some(One::Clinic(c)) => checked.clinics.push(c),
            Some(One::Sharer(s)) => checked.sharers.push(s),
            Some(One::Topic(t)) => checked.topics.push(t),
            Some(One::Issue(i)) => checked.issues.push(i),
            Some(One::Page(p)) => checked.pages.push(p),
            None => {}
        }
    }
    let mut notes = Notes::default();
    if !options.drafts {
        drop_drafts(&mut checked, &mut notes);
    }
    references::check(&checked.refs(), &mut problems);
    references::unique_issue_numbers(&checked.issues, &mut problems);
    references::free_page_slugs(&checked.pages, config.as_ref(), &mut problems);
    let mut site = assemble(checked, config.clone());
    if let (Some(site), Some(config)) = (site.as_mut(), config.as_ref()) {
        translations::attach(site, &translations, config, &raw.records, &mut problems);
        po::attach(site, &raw.po, config, &mut problems);
    }
    problems.into_result(())?;
    let site = site.ok_or_else(Vec::new)?;
    notes.derived_summaries = site
        .clinics
        .iter()
        .filter(|c| c.text.source.summary.derived)
        .map(|c| c.path.clone())
        .collect();
    Ok(Checked { site, notes })
}

/// Checks one clinic file on its own (its cross references are not checked).
pub fn check_clinic(record: &RawRecord, lang: &str) -> Result<Pending<Clinic>, Vec<Diagnostic>> {
    match check_source(record, lang) {
        (Some(One::Clinic(clinic)), problems) if problems.is_empty() => Ok(clinic),
        (_, problems) => Err(problems.into_sorted()),
    }
}

fn check_source(record: &RawRecord, lang: &str) -> (Option<One>, Diagnostics) {
    let mut problems = Diagnostics::new();
    if let Some(digests) = record.front.source_digests() {
        let position = crate::content::yaml::at(digests, record.yaml_first_line);
        problems.push(
            Diagnostic::at(
                &record.path,
                position,
                "`source_digests` belongs in translations, not in a source record",
            )
            .hint(
                "remove it; `tandem translations --stamp` writes it into `<slug>.<lang>.md` files",
            ),
        );
    }
    let mut f = Fields {
        path: &record.path,
        first_line: record.yaml_first_line,
        problems: &mut problems,
    };
    let one = match &*record.front {
        RawFront::Clinic(raw) => clinic::clinic(&mut f, record, raw, lang).map(One::Clinic),
        RawFront::Sharer(raw) => records::sharer(&mut f, record, raw, lang).map(One::Sharer),
        RawFront::Topic(raw) => records::topic(&mut f, record, raw, lang).map(One::Topic),
        RawFront::Issue(raw) => records::issue(&mut f, record, raw, lang).map(One::Issue),
        RawFront::Page(raw) => records::page(&mut f, record, raw, lang).map(One::Page),
    };
    (one, problems)
}

fn drop_drafts(sources: &mut Sources, notes: &mut Notes) {
    fn keep<T>(list: &mut Vec<Pending<T>>, skipped: &mut Vec<String>) {
        skipped.extend(list.iter().filter(|p| p.draft).map(|p| p.path.clone()));
        list.retain(|p| !p.draft);
    }
    keep(&mut sources.clinics, &mut notes.drafts_skipped);
    keep(&mut sources.sharers, &mut notes.drafts_skipped);
    keep(&mut sources.topics, &mut notes.drafts_skipped);
    keep(&mut sources.issues, &mut notes.drafts_skipped);
    keep(&mut sources.pages, &mut notes.drafts_skipped);
    notes.drafts_skipped.sort();
}

impl Sources {
    fn refs(&self) -> references::Index<'_> {
        let mut index = references::Index::default();
        index.add(crate::content::Section::Clinics, &self.clinics);
        index.add(crate::content::Section::Sharers, &self.sharers);
        index.add(crate::content::Section::Topics, &self.topics);
        index.add(crate::content::Section::Newsletter, &self.issues);
        index.add(crate::content::Section::Pages, &self.pages);
        index
    }
}

/// The records of `list` in the order `compare` gives (a stable sort).
/// Their positions are sorted, then the records are moved into that order:
/// sorting the records themselves moved each large record many times.
fn sorted<T: Send + Sync>(
    list: Vec<Pending<T>>,
    compare: impl Fn(&T, &T) -> std::cmp::Ordering + Sync,
) -> Vec<T> {
    // What a pending record holds besides its value is freed on every core.
    let values: Vec<T> = list.into_par_iter().map(|p| p.value).collect();
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.par_sort_by(|&a, &b| compare(&values[a], &values[b]));
    let mut slots: Vec<Option<T>> = values.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// Sorts the records into a [`Site`]; `None` when the settings are unusable.
fn assemble(sources: Sources, config: Option<SiteConfig>) -> Option<Site> {
    let clinics = sorted(sources.clinics, |a, b| {
        a.date.cmp(&b.date).then_with(|| a.slug.cmp(&b.slug))
    });
    let sharers = sorted(sources.sharers, |a, b| a.slug.cmp(&b.slug));
    let topics = sorted(sources.topics, |a, b| {
        a.category
            .cmp(&b.category)
            .then_with(|| a.slug.cmp(&b.slug))
    });
    let issues = sorted(sources.issues, |a, b| b.number.cmp(&a.number));
    let pages = sorted(sources.pages, |a, b| {
        a.menu
            .unwrap_or(i64::MAX)
            .cmp(&b.menu.unwrap_or(i64::MAX))
            .then_with(|| a.slug.cmp(&b.slug))
    });
    Some(Site {
        config: config?,
        clinics,
        sharers,
        topics,
        issues,
        pages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(value: (u8, usize)) -> Pending<(u8, usize)> {
        Pending {
            value,
            path: String::new(),
            slug: String::new(),
            refs: Vec::new(),
            outline: Default::default(),
            draft: false,
        }
    }

    proptest::proptest! {
        #[test]
        fn records_are_sorted_as_a_stable_sort_sorts_them(keys in proptest::collection::vec(0u8..4, 0..60)) {
            // Each value carries its first position, so ties show the order kept.
            let values: Vec<(u8, usize)> = keys.into_iter().zip(0..).collect();
            let mut expected = values.clone();
            expected.sort_by_key(|a| a.0);
            let list = values.into_iter().map(pending).collect();
            proptest::prop_assert_eq!(sorted(list, |a, b| a.0.cmp(&b.0)), expected);
        }
    }
}
