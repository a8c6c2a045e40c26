//! `tandem translations update` and `import` for records: every record's
//! template (`i18n/templates/<section>/<slug>.pot`) written from its
//! source, merged into each of its PO files as `msgmerge --previous` would;
//! and hand translations (`<slug>.<lang>.md`) turned into PO files by
//! aligning their blocks with the source's, as po4a-gettextize does.
//!
//! Both write only the files whose bytes change, and name each one.

use std::path::Path;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::check::blocks::TextBlocks;
use crate::check::record_units::{self, RecordUnits, record_units};
use crate::check::{self, CheckOptions};
use crate::content::po_files::{self, PoFile, TEMPLATES};
use crate::content::{self, Section};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::gettext::{self, Catalog};
use crate::site::{BlockState, Clinic, Issue, Localized, Page, Record, Sharer, Site, Topic};

/// What a command did to one file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Change {
    /// Written (created or changed).
    Wrote(String),
    /// Deleted.
    Removed(String),
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Change::Wrote(path) => write!(f, "wrote {path}"),
            Change::Removed(path) => write!(f, "removed {path}"),
        }
    }
}

/// A record's text, whatever its kind.
trait RecordText: Sync {
    /// The units of its source text.
    fn units(&self) -> RecordUnits;
    /// Its hand translations (`.<lang>.md`), each converted or refused.
    fn import(&self, record: &Source, body_blocks: &FxHashMap<&str, usize>) -> Vec<Imported>;
}

impl<T: TextBlocks + Sync + Send> RecordText for Localized<T> {
    fn units(&self) -> RecordUnits {
        record_units(&self.source)
    }

    fn import(&self, record: &Source, body_blocks: &FxHashMap<&str, usize>) -> Vec<Imported> {
        import_record(record, self, body_blocks)
    }
}

/// One source record.
struct Source<'a> {
    section: Section,
    slug: &'a str,
    path: &'a str,
    title: &'a str,
    text: &'a dyn RecordText,
}

/// Every record of `site`, kind after kind, in site order.
fn records(site: &Site) -> Vec<Source<'_>> {
    fn of_kind<'s, R: Record + 's>(site: &'s Site, out: &mut Vec<Source<'s>>)
    where
        R::Text: TextBlocks,
    {
        out.extend(R::all(site).iter().map(|r| Source {
            section: R::SECTION,
            slug: r.slug(),
            path: r.path(),
            title: r.title(),
            text: r.text(),
        }));
    }
    let mut out = Vec::with_capacity(site.record_count());
    of_kind::<Clinic>(site, &mut out);
    of_kind::<Sharer>(site, &mut out);
    of_kind::<Topic>(site, &mut out);
    of_kind::<Issue>(site, &mut out);
    of_kind::<Page>(site, &mut out);
    out
}

/// The site checked with its drafts and without its PO files (which are
/// what these commands write), and the PO files read.
pub(crate) fn load(root: &Path) -> Result<(crate::check::Checked, Vec<PoFile>), Vec<Diagnostic>> {
    let mut problems = Diagnostics::new();
    let mut raw = content::load(root, &mut problems);
    let po = std::mem::take(&mut raw.po);
    // Templates come from the sources alone: hand translations are not read.
    raw.records.retain(|r| r.lang.is_none());
    let checked = check::check(&raw, CheckOptions { drafts: true }, problems)?;
    Ok((checked, po))
}

/// Writes `text` to `root/path` when its bytes differ from the file's.
fn write_if_changed(root: &Path, path: &str, text: &str) -> Result<Option<Change>, Diagnostic> {
    let full = root.join(path);
    if std::fs::read(&full).is_ok_and(|old| old == text.as_bytes()) {
        return Ok(None);
    }
    let failed = |e: std::io::Error| Diagnostic::file(path, format!("cannot be written: {e}"));
    if let Some(parent) = full.parent() {
        std::fs::create_dir_all(parent).map_err(failed)?;
    }
    std::fs::write(&full, text).map_err(failed)?;
    Ok(Some(Change::Wrote(path.to_string())))
}

/// `tandem translations update`, records part: writes every template and
/// brings every PO file up to date with it.
pub(crate) fn update(
    root: &Path,
    site: &Site,
    po: &[PoFile],
) -> Result<Vec<Change>, Vec<Diagnostic>> {
    let jobs = records(site);
    let mut by_record: FxHashMap<(Section, &str), Vec<&PoFile>> = Default::default();
    for file in po {
        by_record
            .entry((file.section, file.slug.as_str()))
            .or_default()
            .push(file);
    }
    let results: Vec<Result<Vec<Change>, Diagnostic>> = jobs
        .par_iter()
        .map(|job| {
            let files = by_record
                .get(&(job.section, job.slug))
                .map_or(&[][..], Vec::as_slice);
            update_one(root, job, files)
        })
        .collect();
    let mut changes = Vec::new();
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(found) => changes.extend(found),
            Err(problem) => problems.push(problem),
        }
    }
    changes.extend(stale_templates(root, &jobs).map_err(|p| vec![p])?);
    if !problems.is_empty() {
        problems.sort();
        return Err(problems);
    }
    changes.sort();
    Ok(changes)
}

fn update_one(root: &Path, job: &Source, files: &[&PoFile]) -> Result<Vec<Change>, Diagnostic> {
    let template = record_units::template(&job.text.units(), job.title, job.path);
    let mut changes = Vec::new();
    let pot = po_files::pot_path(job.section, job.slug);
    changes.extend(write_if_changed(root, &pot, &gettext::write(&template))?);
    for file in files {
        let old = gettext::parse(&file.path, &file.text)?;
        let new = gettext::update(&template, &old);
        changes.extend(write_if_changed(root, &file.path, &gettext::write(&new))?);
    }
    Ok(changes)
}

/// Removes the templates of records that are gone (their PO files stay,
/// and `check` says they translate nothing).
fn stale_templates(root: &Path, jobs: &[Source]) -> Result<Vec<Change>, Diagnostic> {
    let live: rustc_hash::FxHashSet<String> = jobs
        .iter()
        .map(|j| po_files::pot_path(j.section, j.slug))
        .collect();
    let mut removed = Vec::new();
    for section in Section::ALL {
        let folder = format!("i18n/{TEMPLATES}/{}", section.folder());
        let Ok(entries) = std::fs::read_dir(root.join(&folder)) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = format!("{folder}/{name}");
            if name.ends_with(".pot") && !live.contains(&path) {
                std::fs::remove_file(entry.path())
                    .map_err(|e| Diagnostic::file(&path, format!("cannot be removed: {e}")))?;
                removed.push(Change::Removed(path));
            }
        }
    }
    Ok(removed)
}

/// `tandem translations import`: turns every `<slug>.<lang>.md` into
/// `i18n/<lang>/<section>/<slug>.po` and removes it. A translation whose
/// blocks don't align with its source's is left as it is, and named.
pub(crate) fn import(root: &Path) -> Result<(Vec<Change>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut problems = Diagnostics::new();
    let raw = content::load(root, &mut problems);
    let checked = check::check(&raw, CheckOptions { drafts: true }, problems)?;
    let site = &checked.site;
    let body_blocks: FxHashMap<&str, usize> = raw
        .records
        .iter()
        .filter(|r| r.lang.is_some())
        .map(|r| {
            (
                r.path.as_str(),
                crate::content::markdown::blocks(&r.body).len(),
            )
        })
        .collect();
    let imports: Vec<Imported> = records(site)
        .par_iter()
        .flat_map_iter(|r| r.text.import(r, &body_blocks))
        .collect();
    let mut changes = Vec::new();
    let mut refused = Vec::new();
    for imported in imports {
        match imported.result {
            Ok(files) => {
                for (path, text) in files {
                    changes.extend(write_if_changed(root, &path, &text).map_err(|p| vec![p])?);
                }
                std::fs::remove_file(root.join(&imported.from)).map_err(|e| {
                    vec![Diagnostic::file(
                        &imported.from,
                        format!("cannot be removed: {e}"),
                    )]
                })?;
                changes.push(Change::Removed(imported.from));
            }
            Err(problem) => refused.push(problem),
        }
    }
    Ok((changes, refused))
}

/// One hand translation, converted or refused.
struct Imported {
    /// The `.<lang>.md` file.
    from: String,
    /// The files to write (template and PO), or why it does not align.
    result: Result<Vec<(String, String)>, Diagnostic>,
}

fn import_record<T: TextBlocks>(
    record: &Source,
    text: &Localized<T>,
    body_blocks: &FxHashMap<&str, usize>,
) -> Vec<Imported> {
    let (section, slug) = (record.section, record.slug);
    let source = record_units(&text.source);
    let template = record_units::template(&source, record.title, record.path);
    let pot = (po_files::pot_path(section, slug), gettext::write(&template));
    text.translations
        .iter()
        .filter(|(_, t)| t.path.ends_with(".md"))
        .map(|(lang, t)| {
            let own = body_blocks.get(t.path.as_str()).copied().unwrap_or(0);
            let result = align(&source, &t.text, &t.status, own, text.source.body().block_spans.len())
                .map_err(|why| {
                    Diagnostic::file(&t.path, format!("not imported: {why}"))
                        .hint("make the translation's blocks follow the source's one for one (or translate it in a PO editor from the template), then import again")
                })
                .map(|catalog| {
                    let po = filled(&template, &catalog, lang);
                    vec![pot.clone(), (po_files::po_path(lang, section, slug), gettext::write(&po))]
                });
            Imported {
                from: t.path.clone(),
                result,
            }
        })
        .collect()
}

/// The translation of each unit of `source`, from `translated` (the hand
/// translation merged into its source), unit by unit, block by block.
fn align<T: TextBlocks>(
    source: &RecordUnits,
    translated: &T,
    status: &crate::site::Status,
    own_blocks: usize,
    source_blocks: usize,
) -> Result<Vec<(String, String, bool)>, String> {
    if own_blocks > source_blocks {
        return Err(format!(
            "its body has {own_blocks} blocks, the source's {source_blocks}"
        ));
    }
    let theirs = record_units(translated);
    let mut out = Vec::with_capacity(source.units.len());
    let mut at = 0;
    for unit in &source.units {
        let in_body = |u: &record_units::Unit| u.body_index.is_some();
        let same_place =
            |o: &&record_units::Unit| o.role == unit.role && in_body(o) == in_body(unit);
        let Some(other) = theirs.units.get(at).filter(same_place) else {
            return Err(format!(
                "{} does not match the source's",
                describe(&unit.role)
            ));
        };
        if let (Some(a), Some(b)) = (unit.body_index, other.body_index)
            && source.body[a].kind != theirs.body[b].kind
        {
            return Err(format!(
                "{}: the source has a {} where the translation has a {}",
                describe(&unit.role),
                source.body[a].kind.field().trim_start_matches("body: "),
                theirs.body[b].kind.field().trim_start_matches("body: ")
            ));
        }
        at += 1;
        let fuzzy = status.state(&unit.role) == BlockState::Outdated;
        out.push((unit.text.clone(), translation_of(unit, other)?, fuzzy));
    }
    if at != theirs.units.len() {
        let extra = &theirs.units[at];
        return Err(format!(
            "{} has more parts than the source's",
            describe(&extra.role)
        ));
    }
    Ok(out)
}

/// The hand translation `other` of `unit`: empty when it is the source's
/// text (untranslated); an error when its internal links are not the source's.
fn translation_of(unit: &record_units::Unit, other: &record_units::Unit) -> Result<String, String> {
    if other.text == unit.text {
        return Ok(String::new());
    }
    let links = crate::content::units::internal_links;
    if (other.text.contains("@/") || unit.text.contains("@/"))
        && links(&other.text) != links(&unit.text)
    {
        return Err(format!(
            "{}: its internal links are not the source's",
            describe(&unit.role)
        ));
    }
    Ok(other.text.clone())
}

/// `body-3` → "body block 3"; other roles as translators know them.
fn describe(role: &str) -> String {
    match role.strip_prefix("body-") {
        Some(n) => format!("body block {n}"),
        None => record_units::field_name(role),
    }
}

/// The template with each message's translation filled in.
fn filled(template: &Catalog, aligned: &[(String, String, bool)], lang: &str) -> Catalog {
    let mut po = template.clone();
    po.header = Some(record_units::header(Some(lang)));
    for message in &mut po.messages {
        // Identical source texts share one message: the first translation wins.
        if let Some((_, text, fuzzy)) = aligned
            .iter()
            .find(|(id, t, _)| *id == message.msgid && !t.is_empty())
        {
            message.msgstr = vec![text.clone()];
            message.set_fuzzy(*fuzzy);
        }
    }
    po
}

/// `tandem translations import` for the command line.
pub(crate) fn run_import(root: &Path) -> Result<(), String> {
    let (changes, refused) = import(root).map_err(|p| super::report(&p))?;
    for change in &changes {
        println!("{change}");
    }
    if refused.is_empty() {
        return Ok(());
    }
    let shown: String = refused.iter().map(|d| format!("{d}\n")).collect();
    Err(format!(
        "{shown}\n{} translation(s) not imported.",
        refused.len()
    ))
}
