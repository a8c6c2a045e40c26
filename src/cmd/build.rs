//! `tandem build`: check, render and write the site.

use std::path::PathBuf;
use std::time::Instant;

use crate::build::{BuildError, BuildOptions, build};
use crate::cli::SiteArgs;

/// Runs `tandem build`.
pub(crate) fn run(
    site: SiteArgs,
    out: PathBuf,
    lang: Option<String>,
    base_url: Option<String>,
    drafts: bool,
) -> Result<(), String> {
    let started = Instant::now();
    let today = super::today(site.today.as_deref())?;
    let out = if out.is_absolute() {
        out
    } else {
        site.root.join(out)
    };
    let options = BuildOptions {
        root: site.root,
        out: out.clone(),
        lang,
        base_url,
        drafts,
        today,
    };
    match build(&options) {
        Ok((_, rendered)) => {
            eprintln!(
                "Built {} files into {} in {} ms.",
                rendered.files.len(),
                out.display(),
                started.elapsed().as_millis()
            );
            Ok(())
        }
        Err(BuildError::Content(problems)) => Err(super::report(&problems)),
        Err(BuildError::Render(crate::render::RenderError::Strings(problem))) => {
            Err(super::report(&[problem]))
        }
        Err(other) => Err(format!(
            "error: {other}\nnothing was written; the previous output is untouched."
        )),
    }
}
