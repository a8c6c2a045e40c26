//! Rules across files: unique slugs and issue numbers, references to records
//! that exist, internal links to anchors that exist, free-page slugs that do
//! not collide with the site's own URLs.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::config::SiteConfig;
use crate::content::Section;
use crate::diagnostic::{Diagnostic, Diagnostics, Position, did_you_mean};
use crate::site::{Issue, Page};

use super::records::{Pending, Ref};

/// One known record: where it is, what anchors its body has, what it references.
struct Entry<'a> {
    path: &'a str,
    anchors: &'a BTreeSet<String>,
}

/// Every record of the site by section and slug, with the references to check.
#[derive(Default)]
pub struct Index<'a> {
    entries: FxHashMap<(Section, &'a str), Entry<'a>>,
    refs: Vec<(&'a str, &'a Ref)>,
    duplicates: Vec<Diagnostic>,
}

impl<'a> Index<'a> {
    /// Adds the records of one section.
    pub fn add<T>(&mut self, section: Section, records: &'a [Pending<T>]) {
        for record in records {
            let entry = Entry {
                path: &record.path,
                anchors: &record.outline.anchors,
            };
            if let Some(first) = self.entries.get(&(section, record.slug.as_str())) {
                let (first, second) = ordered(first.path, &record.path);
                self.duplicates.push(
                    Diagnostic::file(
                        second,
                        format!("the slug `{}` is already used by {first}", record.slug),
                    )
                    .hint("two records of one kind can't share a file name; rename one of them"),
                );
                continue;
            }
            self.entries.insert((section, record.slug.as_str()), entry);
            self.refs
                .extend(record.refs.iter().map(|r| (record.path.as_str(), r)));
        }
    }

    /// The slugs of a section, sorted (so that suggestions do not depend
    /// on the order of a hash map).
    fn slugs(&self, section: Section) -> Vec<&str> {
        let mut slugs: Vec<&str> = self
            .entries
            .keys()
            .filter(|(s, _)| *s == section)
            .map(|(_, slug)| *slug)
            .collect();
        slugs.sort_unstable();
        slugs
    }
}

fn ordered<'x>(a: &'x str, b: &'x str) -> (&'x str, &'x str) {
    if a <= b { (a, b) } else { (b, a) }
}

/// Checks every reference against the index (on every core: a large site
/// has tens of thousands).
pub fn check(index: &Index, problems: &mut Diagnostics) {
    problems.extend(index.duplicates.iter().cloned());
    let found: Vec<Diagnostic> = index
        .refs
        .par_iter()
        .filter_map(|(path, reference)| problem(index, path, reference))
        .collect();
    problems.extend(found);
}

/// What is wrong with one reference, if anything.
fn problem(index: &Index, path: &str, reference: &Ref) -> Option<Diagnostic> {
    let Some(target) = index
        .entries
        .get(&(reference.section, reference.slug.as_str()))
    else {
        return Some(missing_target(index, path, reference));
    };
    let (anchor, written) = reference.anchor.as_ref()?;
    (!target.anchors.contains(anchor))
        .then(|| missing_anchor(path, reference.position, anchor, written, target))
}

fn missing_target(index: &Index, path: &str, reference: &Ref) -> Diagnostic {
    let folder = reference.section.folder();
    let kind = reference.section.kind();
    let message = if reference.key == "link" {
        format!(
            "this link points to `content/{folder}/{}.md`, which does not exist",
            reference.slug
        )
    } else {
        format!(
            "there is no {kind} `{}` (no file content/{folder}/{}.md)",
            reference.slug, reference.slug
        )
    };
    let hint = match did_you_mean(&reference.slug, index.slugs(reference.section)) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!(
            "create content/{folder}/{}.md, or correct the slug",
            reference.slug
        ),
    };
    Diagnostic::at(path, reference.position, message).hint(hint)
}

fn missing_anchor(
    path: &str,
    position: Position,
    anchor: &str,
    written: &str,
    target: &Entry,
) -> Diagnostic {
    let hint = match did_you_mean(anchor, target.anchors.iter().map(String::as_str)) {
        Some(best) => format!("did you mean `#{best}`?"),
        None if target.anchors.is_empty() => format!(
            "{} has no headings to link to; remove `#{anchor}`",
            target.path
        ),
        None => format!(
            "the headings of {} are: {}",
            target.path,
            target
                .anchors
                .iter()
                .map(|a| format!("`#{a}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Diagnostic::at(
        path,
        position,
        format!("`{written}` links to a heading `#{anchor}` that does not exist"),
    )
    .hint(hint)
}

/// Newsletter issue numbers are unique.
pub fn unique_issue_numbers(issues: &[Pending<Issue>], problems: &mut Diagnostics) {
    let mut seen: BTreeMap<u32, &str> = BTreeMap::new();
    for issue in issues {
        if let Some(first) = seen.get(&issue.value.number) {
            let (first, second) = ordered(first, &issue.path);
            problems.push(
                Diagnostic::file(
                    second,
                    format!(
                        "issue number {} is already used by {first}",
                        issue.value.number
                    ),
                )
                .hint("give each newsletter issue its own `issue` number"),
            );
        } else {
            seen.insert(issue.value.number, &issue.path);
        }
    }
}

/// URL segments at the site's root that free pages can't take.
pub const RESERVED_SLUGS: &[&str] = &[
    "clinics",
    "calendar",
    "levels",
    "topics",
    "sharers",
    "newsletter",
    "search",
    "translations",
    "static",
    "404",
    "sitemap",
    "robots",
    "feeds",
];

/// Free pages live at `/<slug>/`, beside the site's own sections and languages.
pub fn free_page_slugs(
    pages: &[Pending<Page>],
    config: Option<&SiteConfig>,
    problems: &mut Diagnostics,
) {
    let languages = config.map(|c| c.languages.as_slice()).unwrap_or_default();
    for page in pages {
        let slug = page.slug.as_str();
        if RESERVED_SLUGS.contains(&slug) || languages.iter().any(|l| l.eq_ignore_ascii_case(slug))
        {
            problems.push(
                Diagnostic::file(
                    &page.path,
                    format!("a free page can't be called `{slug}`: the site uses /{slug}/ itself"),
                )
                .hint(format!("rename the file, for example to `about-{slug}.md`")),
            );
        }
    }
}

/// Problems with the body links of one record, checked against a site
/// (for translations, and for `serve`'s quick rebuilds).
pub fn links_against_site(
    index: &crate::site::SlugIndex,
    refs: &[Ref],
    path: &str,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for reference in refs.iter().filter(|r| r.key == "link") {
        let slug = reference.slug.as_str();
        let body = index
            .record(reference.section, slug)
            .map(|r| r.source_body());
        let message = match (body, &reference.anchor) {
            (None, _) => format!(
                "this link points to `content/{}/{}.md`, which does not exist",
                reference.section.folder(),
                reference.slug
            ),
            (Some(body), Some((anchor, written))) if !body.anchors.contains(anchor) => {
                format!("`{written}` links to a heading `#{anchor}` that does not exist")
            }
            _ => continue,
        };
        problems.push(
            Diagnostic::at(path, reference.position, message)
                .hint("correct the link, or run `tandem check` for suggestions"),
        );
    }
    problems
}
