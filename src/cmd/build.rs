//! `tandem build`: check, render and write the site (and its mirrors).

use std::path::PathBuf;
use std::time::Instant;

use crate::build::{BuildError, BuildOptions, build, load_and_check};
use crate::check::CheckOptions;
use crate::cli::SiteArgs;

/// The arguments of `tandem build`.
pub(crate) struct Args {
    pub(crate) site: SiteArgs,
    pub(crate) out: PathBuf,
    pub(crate) lang: Option<String>,
    pub(crate) base_url: Option<String>,
    pub(crate) drafts: bool,
    pub(crate) mirror: Option<String>,
    pub(crate) mirrors: bool,
    pub(crate) mirrors_out: PathBuf,
}

fn under_root(root: &std::path::Path, path: PathBuf) -> PathBuf {
    if path.is_absolute() {
        path
    } else {
        root.join(path)
    }
}

/// Runs `tandem build`.
pub(crate) fn run(args: Args) -> Result<(), String> {
    let today = super::today(args.site.today.as_deref())?;
    let root = args.site.root.clone();
    let out = under_root(&root, args.out);
    let options = BuildOptions {
        root: root.clone(),
        out,
        lang: args.lang,
        base_url: args.base_url,
        drafts: args.drafts,
        today,
        mirror: args.mirror,
    };
    build_one(&options)?;
    if args.mirrors {
        let checked = load_and_check(
            &root,
            CheckOptions {
                drafts: args.drafts,
            },
        )
        .map_err(|p| super::report(&p))?;
        let mirrors_out = under_root(&root, args.mirrors_out);
        for mirror in &checked.site.config.mirrors {
            let options = BuildOptions {
                out: mirrors_out.join(&mirror.name),
                lang: None,
                base_url: None,
                mirror: Some(mirror.name.clone()),
                ..options.clone()
            };
            build_one(&options)?;
        }
    }
    Ok(())
}

fn build_one(options: &BuildOptions) -> Result<(), String> {
    let started = Instant::now();
    match build(options) {
        Ok((_, rendered)) => {
            let ms = started.elapsed().as_millis();
            eprintln!(
                "Built {} files into {} in {ms} ms.",
                rendered.files.len(),
                options.out.display()
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
