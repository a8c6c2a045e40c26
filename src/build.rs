//! The pipeline, end to end: load → check → index → render → write.
//!
//! [`build`] reads like the table of contents of the crate: each stage takes
//! the previous stage's type and returns its own. Editor mistakes stop the
//! pipeline after the check stage, with every diagnostic; nothing is written
//! unless every page rendered.

use std::path::PathBuf;

use rayon::prelude::*;
use time::Date;

use crate::check::{self, CheckOptions, Checked};
use crate::config::{BaseUrl, Mirror, SiteConfig};
use crate::content;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::edition::{self, Edition, Relations};
use crate::output::{self, WriteError};
use crate::render::ctx::MainSite;
use crate::render::{RenderError, RenderOptions, Renderer, Sink};
use crate::search::{self, IndexError, Indexed};

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
    /// An interface strings file is invalid.
    #[error("{0}")]
    Strings(Diagnostic),
    /// The search index could not be built.
    #[error(transparent)]
    Index(#[from] IndexError),
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

/// The stages after check, made ready: each language's edition, the
/// links between records, the search index and the renderer that links to it.
pub(crate) struct Stages {
    pub(crate) relations: Relations,
    pub(crate) indexed: Indexed,
    pub(crate) renderer: Renderer,
}

impl Stages {
    /// Loads the theme and every language's strings, and indexes the site
    /// (the index stage).
    pub(crate) fn new(
        checked: &Checked,
        options: &RenderOptions,
        stage: &dyn Fn(&str),
    ) -> Result<Self, BuildError> {
        let site = &checked.site;
        stage("loading the theme and strings");
        let theme = crate::render::theme::load(&options.root, &site.config.theme)?;
        let editions: Vec<Edition> =
            edition::load(&options.root, &options.base_url, &options.languages)
                .map_err(BuildError::Strings)?;
        let relations = Relations::new(site, options.today);
        stage("indexing for search");
        // The index first, with every core: built alongside the pages it
        // took more time in all, not less (the two contend for the caches).
        let indexed = search::index(site, &editions, &relations)?;
        let renderer = Renderer::new(theme, options, editions, &indexed.manifests);
        Ok(Stages {
            relations,
            indexed,
            renderer,
        })
    }

    /// Hands the search files (then freed), then every rendered file, to `sink`.
    pub(crate) fn render_into(
        &mut self,
        checked: &Checked,
        sink: &Sink<'_, BuildError>,
    ) -> Result<(), BuildError> {
        let files = std::mem::take(&mut self.indexed.files);
        files
            .par_iter()
            .try_for_each(|(path, bytes)| sink(path, bytes))?;
        drop(files);
        self.renderer
            .render_into(&checked.site, &self.relations, sink)
    }
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
    let profile = mirror_profile(config, options.mirror.as_deref())?;
    let root_lang = options
        .lang
        .clone()
        .or_else(|| profile.map(|p| p.default_language.clone()))
        .unwrap_or_else(|| config.default_language.clone());
    if !config.languages.contains(&root_lang) {
        return Err(settings_problem(
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

/// The mirror profile called `name` in `site.yaml`, when one is asked for.
fn mirror_profile<'c>(
    config: &'c SiteConfig,
    name: Option<&str>,
) -> Result<Option<&'c Mirror>, BuildError> {
    let Some(name) = name else {
        return Ok(None);
    };
    let profile = config.mirrors.iter().find(|m| m.name == name);
    profile.map(Some).ok_or_else(|| {
        let names: Vec<&str> = config.mirrors.iter().map(|m| m.name.as_str()).collect();
        settings_problem(
            format!("there is no mirror profile `{name}`"),
            format!("profiles in content/site.yaml: {}", names.join(", ")),
        )
    })
}

/// A problem with the build's settings, reported against `site.yaml`.
fn settings_problem(message: String, hint: String) -> BuildError {
    BuildError::Content(vec![
        Diagnostic::file("content/site.yaml", message).hint(hint),
    ])
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
    let mut stages = Stages::new(&checked, &render_options, &stage)?;
    let mut staging = output::Staging::begin(&out)?;
    let written = staging.write_while::<BuildError>(|sink| {
        stage("rendering and writing pages");
        stages.render_into(&checked, sink)
    })?;
    report("publishing");
    let leftover = staging.publish()?;
    Ok(Built {
        checked,
        written,
        out,
        leftover,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    use crate::render::jobs::Job;

    /// The stages of the multilingual fixture, checked.
    fn stages() -> (Checked, Stages) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/site/multilingual");
        let options = BuildOptions {
            root: root.clone(),
            out: root.join("unused"),
            lang: None,
            base_url: None,
            drafts: false,
            today: time::macros::date!(2026 - 12 - 05),
            mirror: None,
            force: false,
        };
        let (checked, render_options) =
            check_reporting(&options, &|_| {}).expect("the fixture is valid");
        let stages = Stages::new(&checked, &render_options, &|_| {}).expect("it indexes");
        (checked, stages)
    }

    #[test]
    fn a_search_page_rendered_alone_links_to_the_index_as_the_full_build_does() {
        let (checked, mut stages) = stages();
        let alone = stages
            .renderer
            .render_pages(
                &checked.site,
                &stages.relations,
                Some(&[Job::Search]),
                false,
            )
            .expect("it renders");
        let manifests = stages.indexed.manifests.clone();
        let full = std::sync::Mutex::new(BTreeMap::new());
        stages
            .render_into(&checked, &|path, bytes| {
                full.lock()
                    .unwrap()
                    .insert(path.to_string(), bytes.to_vec());
                Ok(())
            })
            .expect("it renders");
        let full = full.into_inner().unwrap();
        assert!(!alone.is_empty() && alone.len() == manifests.len());
        for file in &alone {
            let page = String::from_utf8_lossy(&file.bytes);
            let lang = file
                .path
                .split('/')
                .next()
                .filter(|l| manifests.contains_key(*l));
            let manifest = &manifests[lang.unwrap_or("en")];
            assert!(
                page.contains(&format!("data-manifest=\"/{manifest}\"")),
                "{}: {page}",
                file.path
            );
            assert_eq!(Some(&file.bytes), full.get(&file.path), "{}", file.path);
        }
    }
}
