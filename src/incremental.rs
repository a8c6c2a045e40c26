//! Rebuilds for `tandem serve`: the whole pipeline in memory, or — when one
//! existing clinic's text was edited — only what that edit affects.
//!
//! The quick path re-reads and re-checks the one file, checks its links
//! against the site, swaps the clinic into the checked site (re-attaching its
//! translations), and re-renders, in every language, the pages that show
//! it: its own page and summary, the home page, and the one page of the
//! calendar, of each level, topic and sharer list it appears on, the
//! newsletter issues featuring it, and the calendar feeds. An edit that
//! moves the clinic in those lists (its date, levels, topics or sharers), or
//! renames its headings, or any other change, takes the full path, so the
//! quick path never serves a page the full build would not.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use crate::build::{BuildError, BuildOptions, Stages, render_options};
use crate::check::{self, CheckOptions, Checked};
use crate::content::{self, RawSite, Section};
use crate::diagnostic::Diagnostics;
use crate::edition::Relations;
use crate::render::jobs::Job;
use crate::render::views::PAGE_SIZE;
use crate::render::{OutputFile, Renderer};
use crate::site::Clinic;

/// Output files by path.
pub type Files = BTreeMap<String, Arc<Vec<u8>>>;

/// What a rebuild produced.
#[derive(Debug)]
pub enum Update {
    /// The whole site.
    Full(Files),
    /// Only these files changed; every other file is as before.
    Changed(Vec<(String, Arc<Vec<u8>>)>),
}

impl Update {
    /// Applies the update to a set of files.
    pub fn apply_to(self, files: &mut Files) {
        match self {
            Update::Full(all) => *files = all,
            Update::Changed(changed) => files.extend(changed),
        }
    }
}

/// The last good build, kept to rebuild from.
struct State {
    raw: RawSite,
    checked: Checked,
    renderer: Renderer,
    relations: Relations,
}

/// Rebuilds a site in memory again and again.
pub struct Builder {
    options: BuildOptions,
    state: Option<State>,
    changed: BTreeSet<PathBuf>,
    /// Whether the latest rebuild took the quick path (for tests and benchmarks).
    pub last_was_quick: bool,
    /// The quick path leaves the search index as it was; a full rebuild
    /// brings it up to date once the editor pauses.
    pub search_stale: bool,
}

impl Builder {
    /// A builder for the site of `options` (its `out` is not used).
    pub fn new(options: BuildOptions) -> Self {
        Builder {
            options,
            state: None,
            changed: BTreeSet::new(),
            last_was_quick: false,
            search_stale: false,
        }
    }

    /// Records which files changed since the last build.
    pub fn note_changes(&mut self, paths: &[PathBuf]) {
        self.changed.extend(paths.iter().cloned());
    }

    /// Builds the site into memory: every output file by path.
    pub fn rebuild(&mut self) -> Result<Update, BuildError> {
        let changed = std::mem::take(&mut self.changed);
        if let [only] = changed.iter().collect::<Vec<_>>()[..] {
            if let Some(result) = self.quick(only) {
                self.last_was_quick = true;
                self.search_stale |= result.is_ok();
                return result;
            }
        }
        self.last_was_quick = false;
        self.search_stale = false;
        self.full()
    }

    fn full(&mut self) -> Result<Update, BuildError> {
        self.state = None;
        let mut problems = Diagnostics::new();
        let raw = content::load(&self.options.root, &mut problems);
        let checked = check::check(
            &raw,
            CheckOptions {
                drafts: self.options.drafts,
            },
            problems,
        )
        .map_err(BuildError::Content)?;
        let options = render_options(&self.options, &checked)?;
        let mut stages = Stages::new(&checked, &options, &|_| {})?;
        let files = Mutex::new(Files::new());
        stages.render_into(&checked, &|path, bytes| {
            let mut files = files.lock().unwrap_or_else(PoisonError::into_inner);
            files.insert(path.to_string(), Arc::new(bytes.to_vec()));
            Ok(())
        })?;
        let files = files.into_inner().unwrap_or_else(PoisonError::into_inner);
        self.state = Some(State {
            raw,
            checked,
            renderer: stages.renderer,
            relations: stages.relations,
        });
        Ok(Update::Full(files))
    }

    /// The quick path; `None` when the change needs a full build.
    fn quick(&mut self, path: &Path) -> Option<Result<Update, BuildError>> {
        let root = self.options.root.clone();
        let state = self.state.as_mut()?;
        let file = content::walk::read_one(&root, path).ok()?;
        if file.section != Section::Clinics || file.lang.is_some() || file.text.is_empty() {
            return None;
        }
        let index = state
            .checked
            .site
            .clinics
            .iter()
            .position(|c| c.path == file.path)?;
        let record = match content::parse_record(file) {
            Ok(record) => record,
            Err(problems) => return Some(Err(BuildError::Content(problems))),
        };
        let lang = state.checked.site.config.default_language.clone();
        let pending = match check::check_clinic(&record, &lang) {
            Ok(pending) => pending,
            Err(problems) => return Some(Err(BuildError::Content(problems))),
        };
        let old = &state.checked.site.clinics[index];
        if pending.draft
            || !same_place(old, &pending.value)
            || old.text.source.body.anchors != pending.outline.anchors
        {
            return None;
        }
        let problems = check::references::links_against_site(
            &crate::site::SlugIndex::new(&state.checked.site),
            &pending.refs,
            &pending.path,
        );
        if !problems.is_empty() {
            return Some(Err(BuildError::Content(problems)));
        }
        // The calendar feed shows titles and summaries; other edits leave it as it is.
        let feeds = old.text.source.title != pending.value.text.source.title
            || old.text.source.summary != pending.value.text.source.summary;
        Some(state.apply(record, pending.value, index, feeds))
    }
}

/// True when the edit leaves the clinic at the same place in every list.
fn same_place(old: &Clinic, new: &Clinic) -> bool {
    old.date == new.date
        && old.levels == new.levels
        && old.topics == new.topics
        && old.sharers == new.sharers
        && old.slug == new.slug
}

impl State {
    fn apply(
        &mut self,
        record: content::RawRecord,
        clinic: Clinic,
        index: usize,
        feeds: bool,
    ) -> Result<Update, BuildError> {
        let slug = clinic.slug.clone();
        if let Some(slot) = self.raw.records.iter_mut().find(|r| r.path == record.path) {
            *slot = record;
        }
        let site = &mut self.checked.site;
        site.clinics[index] = clinic;
        let own: Vec<&content::RawRecord> = self
            .raw
            .records
            .iter()
            .filter(|r| r.section == Section::Clinics && r.slug == slug)
            .collect();
        let translations: Vec<&content::RawRecord> =
            own.iter().copied().filter(|r| r.lang.is_some()).collect();
        let mut problems = Diagnostics::new();
        let config = site.config.clone();
        check::translations::attach(
            site,
            &translations,
            &config,
            own.iter().copied(),
            &mut problems,
        );
        let po: Vec<content::po_files::PoFile> = self
            .raw
            .po
            .iter()
            .filter(|f| f.section == Section::Clinics && f.slug == slug)
            .cloned()
            .collect();
        check::po::attach(site, &po, &config, &mut problems);
        if !problems.is_empty() {
            return Err(BuildError::Content(problems.into_sorted()));
        }
        let jobs = affected(&self.checked.site, &self.relations, index);
        let fresh: Vec<OutputFile> =
            self.renderer
                .render_pages(&self.checked.site, &self.relations, Some(&jobs), feeds)?;
        Ok(Update::Changed(
            fresh
                .into_iter()
                .map(|f| (f.path, Arc::new(f.bytes)))
                .collect(),
        ))
    }
}

/// The pages that show clinic `index`.
fn affected(site: &crate::site::Site, relations: &Relations, index: usize) -> Vec<Job> {
    let clinic = &site.clinics[index];
    let page_in = |list: Option<&Vec<usize>>| {
        list.and_then(|l| l.iter().position(|&i| i == index))
            .map(|p| p / PAGE_SIZE)
    };
    let mut jobs = vec![Job::Home, Job::Clinic(index), Job::Summary(index)];
    jobs.extend(page_in(Some(&relations.calendar)).map(Job::Calendar));
    for level in &clinic.levels {
        jobs.extend(page_in(relations.clinics_by_level.get(level)).map(|p| Job::Level(*level, p)));
    }
    for (i, topic) in site
        .topics
        .iter()
        .enumerate()
        .filter(|(_, t)| clinic.topics.contains(&t.slug))
    {
        jobs.extend(page_in(relations.clinics_by_topic.get(&topic.slug)).map(|p| Job::Topic(i, p)));
    }
    for (i, sharer) in site
        .sharers
        .iter()
        .enumerate()
        .filter(|(_, s)| clinic.sharers.contains(&s.slug))
    {
        jobs.extend(
            page_in(relations.clinics_by_sharer.get(&sharer.slug)).map(|p| Job::Sharer(i, p)),
        );
    }
    jobs.extend(
        site.issues
            .iter()
            .enumerate()
            .filter(|(_, i)| i.clinics.contains(&clinic.slug))
            .map(|(i, _)| Job::Issue(i)),
    );
    if !clinic.text.translations.is_empty() {
        jobs.push(Job::Translations);
    }
    jobs
}
