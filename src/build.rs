//! The pipeline, end to end: load → check → render → write.
//!
//! [`build`] reads like the table of contents of the crate: each stage takes
//! the previous stage's type and returns its own. Editor mistakes stop the
//! pipeline after the check stage, with every diagnostic; nothing is written
//! unless every page rendered.

use std::path::PathBuf;

use rayon::prelude::*;
use time::Date;

use crate::check::{self, CheckOptions, Checked};
use crate::config::BaseUrl;
use crate::content;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::{self, WriteError};
use crate::render::views::MainSite;
use crate::render::{self, RenderError, RenderOptions, RenderedSite};

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root: `content/`, `themes/`, `i18n/`.
    pub root: PathBuf,
    /// The output folder.
    pub out: PathBuf,
    /// The root language of the output; the site's default when `None`.
    pub lang: Option<String>,
    /// Where the output is published; the site's `base_url` when `None`.
    pub base_url: Option<String>,
    /// Build records marked `draft: true`.
    pub drafts: bool,
    /// The build date, which splits upcoming from past sessions.
    pub today: Date,
    /// A mirror profile of `site.yaml` to build (its language, address and languages).
    pub mirror: Option<String>,
    /// Replace an output folder that holds files tandem did not write.
    pub force: bool,
}

/// What a build wrote.
#[derive(Debug)]
pub struct Built {
    /// The site as checked.
    pub checked: Checked,
    /// How many files were written.
    pub written: usize,
    /// The output folder, absolute.
    pub out: PathBuf,
    /// The previous output, when it could not be deleted after the new one
    /// took its place (the next build tries again).
    pub leftover: Option<PathBuf>,
}

/// Why a build failed.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The content has mistakes; each is a diagnostic.
    #[error("{} problem(s) in the content", .0.len())]
    Content(Vec<Diagnostic>),
    /// The theme failed.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// The output could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// Loads and checks the site under `root`.
pub fn load_and_check(
    root: &std::path::Path,
    options: CheckOptions,
) -> Result<Checked, Vec<Diagnostic>> {
    let mut problems = Diagnostics::new();
    let raw = content::load(root, &mut problems);
    content::boundary::check_theme_and_strings(root, &mut problems);
    let checked = check::check(&raw, options, problems);
    // The records as read are freed on every core: one thread took a
    // tenth of a second over it on a large site.
    raw.records.into_par_iter().for_each(drop);
    checked
}

/// Loads, checks and renders the site, without writing anything.
pub fn render_site(options: &BuildOptions) -> Result<(Checked, RenderedSite), BuildError> {
    render_site_reporting(options, &|_| {})
}

/// [`render_site`], telling `report` which stage it is in.
pub fn render_site_reporting(
    options: &BuildOptions,
    report: &dyn Fn(&str),
) -> Result<(Checked, RenderedSite), BuildError> {
    let (checked, render_options) = check_reporting(options, report)?;
    let stage = |name: &str| report(&describe(name, &checked, &render_options));
    let rendered = render::render_reporting(&checked.site, &render_options, &stage)?;
    Ok((checked, rendered))
}

/// Loads and checks the content, and works out how to render it.
fn check_reporting(
    options: &BuildOptions,
    report: &dyn Fn(&str),
) -> Result<(Checked, RenderOptions), BuildError> {
    report("loading and checking the content");
    let checked = load_and_check(
        &options.root,
        CheckOptions {
            drafts: options.drafts,
        },
    )
    .map_err(BuildError::Content)?;
    let render_options = render_options(options, &checked)?;
    Ok((checked, render_options))
}

/// A stage's name with the size of the work.
fn describe(stage: &str, checked: &Checked, options: &RenderOptions) -> String {
    format!(
        "{stage} ({} records, {} language(s))",
        checked.site.record_count(),
        options.languages.len()
    )
}

pub(crate) fn render_options(
    options: &BuildOptions,
    checked: &Checked,
) -> Result<RenderOptions, BuildError> {
    let config = &checked.site.config;
    let problem = |message: String, hint: String| {
        BuildError::Content(vec![
            Diagnostic::file("content/site.yaml", message).hint(hint),
        ])
    };
    let profile =
        match &options.mirror {
            Some(name) => Some(config.mirrors.iter().find(|m| &m.name == name).ok_or_else(
                || {
                    let names: Vec<&str> = config.mirrors.iter().map(|m| m.name.as_str()).collect();
                    problem(
                        format!("there is no mirror profile `{name}`"),
                        format!("profiles in content/site.yaml: {}", names.join(", ")),
                    )
                },
            )?),
            None => None,
        };
    let root_lang = options
        .lang
        .clone()
        .or_else(|| profile.map(|p| p.default_language.clone()))
        .unwrap_or_else(|| config.default_language.clone());
    if !config.languages.contains(&root_lang) {
        return Err(problem(
            format!("`--lang {root_lang}` is not one of the site's languages"),
            format!("use one of: {}", config.languages.join(", ")),
        ));
    }
    let base_url = match &options.base_url {
        Some(url) => BaseUrl::parse(url).ok_or_else(|| {
            BuildError::Content(vec![
                Diagnostic::file("--base-url", format!("`{url}` is not a site address"))
                    .hint("write the full address, for example `https://example.org/letsconnect/`"),
            ])
        })?,
        None => profile.map_or_else(|| config.base_url.clone(), |p| p.base_url.clone()),
    };
    let wanted = profile.map_or(&config.languages, |p| &p.languages);
    let mut languages = vec![root_lang.clone()];
    languages.extend(wanted.iter().filter(|l| **l != root_lang).cloned());
    let is_main = root_lang == config.default_language && base_url == config.base_url;
    let main_site = (!is_main).then(|| MainSite {
        base_url: config.base_url.clone(),
        default_language: config.default_language.clone(),
    });
    Ok(RenderOptions {
        root: options.root.clone(),
        base_url,
        root_lang,
        languages,
        today: options.today,
        main_site,
        language_redirect: config.language_redirect,
    })
}

/// Builds the site into `options.out`.
pub fn build(options: &BuildOptions) -> Result<Built, BuildError> {
    build_reporting(options, &|_| {})
}

/// [`build`], telling `report` which stage it is in. The output folder is
/// vetted and a killed build's leftovers put right before anything else;
/// files are written as they are rendered, into a staging folder that
/// replaces the output only once every file is there.
pub fn build_reporting(options: &BuildOptions, report: &dyn Fn(&str)) -> Result<Built, BuildError> {
    let out = output::guard(&options.root, &options.out, options.force)?;
    output::recover(&out)?;
    let (checked, render_options) = check_reporting(options, report)?;
    let stage = |name: &str| report(&describe(name, &checked, &render_options));
    stage("loading the theme and strings");
    let mut renderer = render::Renderer::new(&checked.site, &render_options)?;
    let mut staging = output::Staging::begin(&out)?;
    let written = staging
        .write_while::<BuildError>(|sink| renderer.render_into(&checked.site, &stage, sink))?;
    report("publishing");
    let leftover = staging.publish()?;
    Ok(Built {
        checked,
        written,
        out,
        leftover,
    })
}
