//! `tandem check`: every rule, every problem, nothing written.

use crate::build::load_and_check;
use crate::check::CheckOptions;
use crate::cli::{Format, SiteArgs};

/// Runs `tandem check`.
pub(crate) fn run(site: SiteArgs, format: Format) -> Result<(), String> {
    match load_and_check(&site.root, CheckOptions { drafts: true }) {
        Ok(checked) => {
            let notes =
                super::translations::notes(&site.root, &checked, None).map_err(|problem| {
                    super::report(&[problem]).replace("; nothing was written.", ".")
                })?;
            let s = &checked.site;
            let later = match notes.len() {
                0 => String::new(),
                n => format!(
                    " ({n} note{} on missing summaries or translations: run `tandem translations`)",
                    if n == 1 { "" } else { "s" }
                ),
            };
            println!(
                "ok: {} clinics, {} sharers, {} topics, {} newsletter issues, {} pages; no problems found{later}.",
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
