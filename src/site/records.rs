//! The five record kinds as one: the [`Record`] trait, [`Site::records`],
//! and what is built on them (translation rows, the slug index).
//!
//! Code that does the same thing for every kind takes a `R: Record` (or a
//! `&dyn AnyRecord` when it only reads), so that a sixth kind, or a new
//! translation path, is one more `impl`, not one more copy.

use rustc_hash::FxHashMap;

use super::{
    Body, Clinic, ClinicText, Issue, Localized, Page, Sharer, SharerText, Site, Status, TitledText,
    Topic, TopicText,
};
use crate::content::Section;

/// A record of one kind, with its translatable text.
pub trait Record: Sized + Send + Sync {
    /// The folder records of this kind live in.
    const SECTION: Section;
    /// Its translatable text.
    type Text: Clone + Send + Sync;
    /// From the file name.
    fn slug(&self) -> &str;
    /// The source file.
    fn path(&self) -> &str;
    /// Its title in the source language (a sharer's name).
    fn title(&self) -> &str;
    /// The body of one of its texts.
    fn body(text: &Self::Text) -> &Body;
    /// Its text, per language.
    fn text(&self) -> &Localized<Self::Text>;
    /// Its text, per language, to attach translations to.
    fn text_mut(&mut self) -> &mut Localized<Self::Text>;
    /// The site's records of this kind, in site order.
    fn all(site: &Site) -> &[Self];
    /// The same, to attach translations to.
    fn all_mut(site: &mut Site) -> &mut [Self];
}

/// What every record can say about itself, whatever its kind.
pub trait AnyRecord: Sync {
    /// The folder it lives in.
    fn section(&self) -> Section;
    /// From the file name.
    fn slug(&self) -> &str;
    /// The source file.
    fn path(&self) -> &str;
    /// Its title in the source language (a sharer's name).
    fn title(&self) -> &str;
    /// Its translation into `lang`: the file and its status.
    fn translation(&self, lang: &str) -> Option<(&str, &Status)>;
    /// Its body in the source language.
    fn source_body(&self) -> &Body;
}

impl<R: Record> AnyRecord for R {
    fn section(&self) -> Section {
        R::SECTION
    }
    fn slug(&self) -> &str {
        Record::slug(self)
    }
    fn path(&self) -> &str {
        Record::path(self)
    }
    fn title(&self) -> &str {
        Record::title(self)
    }
    fn translation(&self, lang: &str) -> Option<(&str, &Status)> {
        self.text()
            .translation(lang)
            .map(|t| (t.path.as_str(), &t.status))
    }
    fn source_body(&self) -> &Body {
        R::body(&self.text().source)
    }
}

macro_rules! record {
    ($record:ty, $text:ty, $section:ident, $list:ident, |$r:ident| $title:expr) => {
        impl Record for $record {
            const SECTION: Section = Section::$section;
            type Text = $text;
            fn slug(&self) -> &str {
                &self.slug
            }
            fn path(&self) -> &str {
                &self.path
            }
            fn title(&self) -> &str {
                let $r = self;
                $title
            }
            fn body(text: &$text) -> &Body {
                &text.body
            }
            fn text(&self) -> &Localized<$text> {
                &self.text
            }
            fn text_mut(&mut self) -> &mut Localized<$text> {
                &mut self.text
            }
            fn all(site: &Site) -> &[Self] {
                &site.$list
            }
            fn all_mut(site: &mut Site) -> &mut [Self] {
                &mut site.$list
            }
        }
    };
}

record!(Clinic, ClinicText, Clinics, clinics, |r| &r
    .text
    .source
    .title);
record!(Sharer, SharerText, Sharers, sharers, |r| &r.name);
record!(Topic, TopicText, Topics, topics, |r| &r.text.source.title);
record!(Issue, TitledText, Newsletter, issues, |r| &r
    .text
    .source
    .title);
record!(Page, TitledText, Pages, pages, |r| &r.text.source.title);

impl Site {
    /// Every record, kind after kind (clinics, sharers, topics, issues,
    /// pages), each kind in site order.
    pub fn records(&self) -> impl Iterator<Item = &dyn AnyRecord> {
        fn each<R: Record + 'static>(site: &Site) -> impl Iterator<Item = &dyn AnyRecord> {
            R::all(site).iter().map(|r| r as &dyn AnyRecord)
        }
        each::<Clinic>(self)
            .chain(each::<Sharer>(self))
            .chain(each::<Topic>(self))
            .chain(each::<Issue>(self))
            .chain(each::<Page>(self))
    }

    /// How many records the site has.
    pub fn record_count(&self) -> usize {
        self.clinics.len()
            + self.sharers.len()
            + self.topics.len()
            + self.issues.len()
            + self.pages.len()
    }

    /// Every record's translation status in `lang`, in folder then slug order.
    pub fn translation_rows(&self, lang: &str) -> Vec<TranslationRow<'_>> {
        let mut rows: Vec<TranslationRow<'_>> = self
            .records()
            .map(|record| {
                let t = record.translation(lang);
                TranslationRow {
                    section: record.section(),
                    slug: record.slug(),
                    title: record.title(),
                    source_path: record.path(),
                    path: t.map(|(path, _)| path),
                    percent: t.map_or(0, |(_, s)| s.percent()),
                    outdated: t.map_or(0, |(_, s)| s.outdated),
                    stamped: t.is_some_and(|(_, s)| s.stamped),
                }
            })
            .collect();
        rows.sort_by(|a, b| (a.section, a.slug).cmp(&(b.section, b.slug)));
        rows
    }
}

/// One record's translation into one language, for status tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslationRow<'a> {
    /// The record's folder.
    pub section: Section,
    /// Its slug.
    pub slug: &'a str,
    /// Its title (or name) in the source language.
    pub title: &'a str,
    /// The source file.
    pub source_path: &'a str,
    /// The translation file, when there is one.
    pub path: Option<&'a str>,
    /// Percentage of blocks translated.
    pub percent: u32,
    /// Translated blocks whose source changed since.
    pub outdated: usize,
    /// Whether the translation records its source's digests.
    pub stamped: bool,
}

/// Position of each record in its kind's list, by folder and slug.
pub struct SlugIndex<'a> {
    positions: FxHashMap<(Section, &'a str), (usize, &'a dyn AnyRecord)>,
}

impl<'a> SlugIndex<'a> {
    /// Indexes every record of `site`.
    pub fn new(site: &'a Site) -> Self {
        let mut positions = FxHashMap::default();
        let mut last = None;
        let mut position = 0;
        for record in site.records() {
            if last != Some(record.section()) {
                (last, position) = (Some(record.section()), 0);
            }
            positions.insert((record.section(), record.slug()), (position, record));
            position += 1;
        }
        SlugIndex { positions }
    }

    /// The position of the record `slug` of `section` in its kind's list.
    pub fn get(&self, section: Section, slug: &str) -> Option<usize> {
        self.positions.get(&(section, slug)).map(|(i, _)| *i)
    }

    /// The record `slug` of `section`.
    pub fn record(&self, section: Section, slug: &str) -> Option<&'a dyn AnyRecord> {
        self.positions.get(&(section, slug)).map(|(_, r)| *r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_gives_each_record_its_position_in_its_kind() {
        let checked = crate::build::load_and_check(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
            crate::check::CheckOptions { drafts: false },
        )
        .map_err(|e| format!("{e:?}"))
        .unwrap();
        let site = &checked.site;
        let index = SlugIndex::new(site);
        for (i, page) in site.pages.iter().enumerate() {
            assert_eq!(index.get(Section::Pages, &page.slug), Some(i));
        }
        for (i, clinic) in site.clinics.iter().enumerate() {
            assert_eq!(index.get(Section::Clinics, &clinic.slug), Some(i));
        }
        assert_eq!(index.get(Section::Pages, &site.clinics[0].slug), None);
        assert_eq!(site.records().count(), site.record_count());
    }
}
