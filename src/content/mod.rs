//! Load stage: `content/` → [`RawSite`].
//!
//! Walks the folder in sorted order ([`walk`]), splits each file into front
//! matter and body ([`frontmatter`]), and deserialises the front matter into
//! the record struct of its folder ([`records`], through [`yaml`]). Files are
//! parsed in parallel; the successes and the failures are both kept, and the
//! failures come back as diagnostics so that the check stage can add its own
//! before anything is reported. Nothing here decides what is *valid*: that is
//! the check stage's job.

pub mod boundary;
pub mod events;
pub mod front;
pub mod frontmatter;
pub mod heading_ids;
pub mod html;
pub mod kinds;
pub mod markdown;
pub mod outline;
pub mod po_files;
pub mod records;
pub mod safety;
pub mod units;
pub mod walk;
pub mod yaml;

use std::path::Path;

use rayon::prelude::*;

use crate::config::RawSiteConfig;
use crate::diagnostic::{Diagnostic, Diagnostics, Position};
use frontmatter::SplitError;
use records::{RawClinic, RawFront, RawIssue, RawPage, RawSharer, RawTopic};
pub use walk::{Section, SourceFile};

/// One record file, parsed but not yet checked.
#[derive(Debug)]
pub struct RawRecord {
    /// Path relative to the site root.
    pub path: String,
    /// Its folder.
    pub section: Section,
    /// From the file name.
    pub slug: String,
    /// `Some(lang)` for a translation (`x.fr.md`).
    pub lang: Option<String>,
    /// The front matter. Boxed: it is most of a record's size, and records
    /// are gathered and sorted on one thread after being read on all of them.
    pub front: Box<RawFront>,
    /// The front matter as written (what [`front::Front`] reads, key by key).
    pub yaml: std::sync::Arc<str>,
    /// The file line where the front matter starts (for positions of its values).
    pub yaml_first_line: usize,
    /// The Markdown body.
    pub body: std::sync::Arc<str>,
    /// The file line where the body starts.
    pub body_first_line: usize,
}

/// Everything under `content/`, parsed.
#[derive(Debug, Default)]
pub struct RawSite {
    /// `content/site.yaml`, when present and parseable.
    pub config: Option<RawSiteConfig>,
    /// Records, sorted by path.
    pub records: Vec<RawRecord>,
    /// Records translated in PO files (`i18n/<lang>/<section>/<slug>.po`), sorted by path.
    pub po: Vec<po_files::PoFile>,
}

/// Reads and parses every file under `root/content`.
pub fn load(root: &Path, problems: &mut Diagnostics) -> RawSite {
    let walked = walk::walk(root, problems);
    let config = walked
        .site_yaml
        .as_deref()
        .and_then(|text| parse_site_yaml(text, problems));
    if walked.site_yaml.is_none() && root.join("content").is_dir() {
        problems.push(
            Diagnostic::file("content/site.yaml", "the site settings file is missing")
                .hint("create content/site.yaml with `title`, `base_url`, `default_language` and `languages`"),
        );
    }
    let (records, failures): (Vec<_>, Vec<_>) = walked
        .files
        .into_par_iter()
        .map(parse_record)
        .partition(Result::is_ok);
    problems.extend(failures.into_iter().filter_map(Result::err).flatten());
    RawSite {
        config,
        records: records.into_iter().filter_map(Result::ok).collect(),
        po: po_files::read_all(root, problems),
    }
}

fn parse_site_yaml(text: &str, problems: &mut Diagnostics) -> Option<RawSiteConfig> {
    let text = walk::normalise(text.to_string());
    let path = "content/site.yaml";
    match yaml::parse::<RawSiteConfig>(path, &text, 1, "site settings file", RawSiteConfig::KEYS) {
        Ok(config) => Some(config),
        Err(errors) => {
            problems.extend(errors);
            None
        }
    }
}

/// Splits and deserialises one file.
pub fn parse_record(file: SourceFile) -> Result<RawRecord, Vec<Diagnostic>> {
    let doc = frontmatter::split(&file.text).map_err(|e| vec![split_error(&file, e)])?;
    let (path, first) = (file.path.as_str(), doc.yaml_first_line);
    let kind = file.section.kind();
    let keys = kinds::Kind::of(file.section).keys();
    let front = match file.section {
        Section::Clinics => {
            RawFront::Clinic(yaml::parse::<RawClinic>(path, doc.yaml, first, kind, keys)?)
        }
        Section::Sharers => {
            RawFront::Sharer(yaml::parse::<RawSharer>(path, doc.yaml, first, kind, keys)?)
        }
        Section::Topics => {
            RawFront::Topic(yaml::parse::<RawTopic>(path, doc.yaml, first, kind, keys)?)
        }
        Section::Newsletter => {
            RawFront::Issue(yaml::parse::<RawIssue>(path, doc.yaml, first, kind, keys)?)
        }
        Section::Pages => {
            RawFront::Page(yaml::parse::<RawPage>(path, doc.yaml, first, kind, keys)?)
        }
    };
    Ok(RawRecord {
        body: std::sync::Arc::from(&*safety::without_invisible_controls(doc.body)),
        body_first_line: doc.body_first_line,
        yaml_first_line: doc.yaml_first_line,
        yaml: std::sync::Arc::from(doc.yaml),
        front: Box::new(front),
        path: file.path,
        section: file.section,
        slug: file.slug,
        lang: file.lang,
    })
}

fn split_error(file: &SourceFile, error: SplitError) -> Diagnostic {
    let example = if file.section == Section::Sharers {
        "---\nname: ...\n---"
    } else {
        "---\ntitle: ...\n---"
    };
    match error {
        SplitError::Empty => Diagnostic::file(&file.path, "the file is empty")
            .hint(format!(
                "a {} starts with its front matter:",
                file.section.kind()
            ))
            .example(example),
        SplitError::NoOpeningFence => Diagnostic::at(
            &file.path,
            Position::START,
            "the file does not start with `---`",
        )
        .hint("put the front matter first, between two `---` lines:")
        .example(example),
        SplitError::Unclosed => Diagnostic::at(
            &file.path,
            Position::START,
            "the front matter is never closed",
        )
        .hint("add a line with just `---` after the last `key: value` line"),
    }
}
