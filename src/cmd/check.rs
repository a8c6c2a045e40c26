//! `tandem check`: every rule, every problem, nothing written.

use crate::build::load_and_check;
use crate::check::CheckOptions;
use crate::cli::{Format, SiteArgs};

/// Runs `tandem check`.
pub(crate) fn run(site: SiteArgs, format: Format) -> Result<(), String> {
    match load_and_check(&site.root, CheckOptions { drafts: true }) {
        Ok(checked) => {
            let notes = &checked.notes;
            if !notes.derived_summaries.is_empty() {
                println!(
                    "note: {} clinic(s) have no `summary`; one is cut from the body until someone writes it:",
                    notes.derived_summaries.len()
                );
                for path in &notes.derived_summaries {
                    println!("  {path}");
                }
            }
            let s = &checked.site;
            match crate::i18n::coverage(&site.root, &s.config.languages) {
                Ok(coverage) => {
                    for c in coverage
                        .iter()
                        .filter(|c| !c.missing.is_empty() || !c.unused.is_empty())
                    {
                        println!(
                            "note: i18n/{}.yaml: {} missing key(s) shown in English, {} unused key(s)",
                            c.lang,
                            c.missing.len(),
                            c.unused.len()
                        );
                        if !c.missing.is_empty() {
                            println!("  missing: {}", c.missing.join(", "));
                        }
                        if !c.unused.is_empty() {
                            println!("  unused: {}", c.unused.join(", "));
                        }
                    }
                }
                Err(problem) => {
                    return Err(super::report(&[problem]).replace("; nothing was written.", "."));
                }
            }
            println!(
                "ok: {} clinics, {} sharers, {} topics, {} newsletter issues, {} pages; no problems found.",
                s.clinics.len(),
                s.sharers.len(),
                s.topics.len(),
                s.issues.len(),
                s.pages.len()
            );
            Ok(())
        }
        Err(problems) => match format {
            Format::Human => Err(super::report(&problems).replace("; nothing was written.", ".")),
            Format::Github => {
                for problem in &problems {
                    println!("{}", problem.github_annotation());
                }
                Err(String::new())
            }
        },
    }
}
