//! Render stage: [`Site`] → [`RenderedSite`] (every output file, in memory).
//!
//! For each language of the build, every page of SPEC.md's URL list is a
//! [`jobs::Job`]; jobs run in parallel (rayon), each building its typed
//! context ([`pages`], [`lists`]) and rendering its Tera template, which
//! was minified once when the theme loaded ([`squeeze`]). Feeds, the sitemap and robots.txt follow ([`feeds`]). Nothing is
//! written here: the write stage gets the complete, sorted list of files or
//! an error, never half a site.

pub mod caches;
pub mod cards;
pub mod clinic;
pub mod ctx;
pub mod directory;
pub mod escape;
pub mod feeds;
pub mod jobs;
pub mod layout;
pub mod lists;
pub mod media;
pub mod model;
pub mod pages;
pub mod parts;
pub mod records;
pub mod search_page;
pub mod squeeze;
pub mod status;
pub mod text;
pub mod theme;
pub mod topic_lists;
pub mod translated;
pub mod views;

/// Dates as pages write them, also used by `check` and `new`.
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use time::Date;

use crate::config::BaseUrl;
use crate::edition::{Edition, Relations, View, urls};
use crate::search::Manifests;
use crate::search::worker::Worker;
use crate::site::Site;
use ctx::{Ctx, MainSite};

/// Why rendering failed: a theme problem, never an editor's.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A template does not compile or fails at render time.
    #[error("template error: {0}")]
    Template(String),
    /// The theme folder is missing or unreadable.
    #[error("theme error: {0}")]
    Theme(String),
}

/// How to render.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// The site root (for `themes/` and `i18n/`).
    pub root: PathBuf,
    /// Where the output is published.
    pub base_url: BaseUrl,
    /// The language at the root of the output.
    pub root_lang: String,
    /// Every language to build, the root language first; the others go under `/<lang>/`.
    pub languages: Vec<String>,
    /// The build date: sessions on or after it are upcoming.
    pub today: Date,
    /// For a mirror: the main site, which canonical links point to.
    pub main_site: Option<MainSite>,
    /// Add Netlify's `Accept-Language` redirect from `/` to each language's home.
    pub language_redirect: bool,
}

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path under the output folder, `/`-separated.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Where rendered files go, each as its path under the output folder and its
/// bytes, from any rendering thread and in no particular order: a build
/// writes each at once, `serve` keeps them. Its error stops the rendering.
pub type Sink<'a, E> = dyn Fn(&str, &[u8]) -> Result<(), E> + Sync + 'a;

/// Every file of the built site, sorted by path.
#[derive(Debug, Default)]
pub struct RenderedSite {
    /// The files.
    pub files: Vec<OutputFile>,
}

/// Everything rendering needs that does not depend on the content: the
/// theme, each language's edition and interface, and the search manifests
/// the index stage made. Built once, used for a full render or, in `serve`,
/// for the pages one edit affects.
pub struct Renderer {
    theme: theme::Theme,
    /// Each language's strings as templates get them.
    interfaces: Vec<text::Interface>,
    editions: Vec<Edition>,
    options: RenderOptions,
    /// Each language's search manifest.
    search_manifests: Manifests,
    /// The service worker, whose version names this build's search files.
    worker: Worker,
}

impl Renderer {
    /// The renderer of `theme` (from [`theme::load`]), for the languages of
    /// `editions` and the search index whose manifests are `search_manifests`.
    pub fn new(
        theme: theme::Theme,
        options: &RenderOptions,
        editions: Vec<Edition>,
        search_manifests: &Manifests,
    ) -> Self {
        let interfaces = editions
            .iter()
            .map(|e| text::Interface::new(&e.strings, &e.lang))
            .collect();
        let assets = theme.assets.iter().map(|a| a.path.as_str());
        let worker = Worker::new(search_manifests.values().map(String::as_str).chain(assets));
        Renderer {
            theme,
            interfaces,
            editions,
            options: options.clone(),
            search_manifests: search_manifests.clone(),
            worker,
        }
    }

    /// Renders `jobs` (every page when `None`) in every language, and each
    /// language's feeds when `feeds` is set.
    pub fn render_pages(
        &self,
        site: &Site,
        relations: &Relations,
        jobs: Option<&[jobs::Job]>,
        feeds: bool,
    ) -> Result<Vec<OutputFile>, RenderError> {
        let all_jobs;
        let jobs = match jobs {
            Some(jobs) => jobs,
            None => {
                all_jobs = jobs::jobs(site, relations);
                &all_jobs
            }
        };
        collected(|sink| self.each_page(site, relations, jobs, feeds, sink))
    }

    /// Renders `jobs` in every language, in parallel, handing each page to
    /// `sink` as soon as it is made; then each language's feeds when `feeds`
    /// is set. One language after another: a language's cached cards and
    /// contexts are freed as soon as its last page is made, so the next
    /// language reuses their memory instead of touching fresh pages.
    fn each_page<E: From<RenderError> + Send>(
        &self,
        site: &Site,
        relations: &Relations,
        jobs: &[jobs::Job],
        feeds: bool,
        sink: &Sink<'_, E>,
    ) -> Result<(), E> {
        let calendars: Vec<OnceLock<OutputFile>> =
            self.editions.iter().map(|_| OnceLock::new()).collect();
        rayon::in_place_scope(|scope| {
            for (i, calendar) in calendars.iter().enumerate() {
                let ctx = Arc::new(self.ctx(site, relations, i));
                if feeds {
                    // A large site's calendar takes a while and reads no
                    // page's cache: made while the pages render, not after.
                    let ctx = Arc::clone(&ctx);
                    scope.spawn(move |_| {
                        calendar.get_or_init(|| OutputFile {
                            path: urls::calendar_ics().file(ctx.urls.prefix()),
                            bytes: feeds::ics(&ctx).into_bytes(),
                        });
                    });
                }
                let css = ctx.urls.asset(&self.theme.css_path);
                // One page a piece: rayon otherwise hands out runs of pages
                // it can no longer split, and the language's last run, often
                // its heavy list pages, kept one core busy for tens of
                // milliseconds while the other idled.
                jobs.par_iter()
                    .with_max_len(1)
                    .try_for_each(|&job| render_page(&ctx, &css, job, sink))?;
                if feeds {
                    let atom = feeds::atom(&ctx);
                    sink(&urls::atom().file(ctx.urls.prefix()), atom.as_bytes())?;
                    // "Add to calendar" for the sessions still to come: a
                    // past session is not added to anyone's calendar.
                    for &i in &relations.calendar[..relations.upcoming] {
                        let clinic = &site.clinics[i];
                        let event = feeds::event_ics(&ctx, clinic);
                        sink(
                            &urls::clinic_event(&clinic.slug).file(ctx.urls.prefix()),
                            event.as_bytes(),
                        )?;
                    }
                }
                // Its calendar, if still being made, frees it when done.
                if let Some(ctx) = Arc::into_inner(ctx) {
                    ctx.free_caches_elsewhere();
                }
            }
            Ok::<(), E>(())
        })?;
        let calendars: Vec<OutputFile> = calendars
            .into_iter()
            .filter_map(OnceLock::into_inner)
            .collect();
        hand_over(&calendars, sink)
    }

    /// The page context of language number `i`.
    fn ctx<'a>(&'a self, site: &'a Site, relations: &'a Relations, i: usize) -> Ctx<'a> {
        let edition = &self.editions[i];
        Ctx {
            view: View::new(site, edition, relations),
            interface: &self.interfaces[i],
            today: self.options.today,
            editions: &self.editions,
            main_site: self.options.main_site.as_ref(),
            search_manifest: self.search_manifests.get(&edition.lang).map(String::as_str),
            search_version: &self.worker.version,
            cards: caches::CardCache::new(site.clinics.len()),
            theme: &self.theme,
            clinic_pages: caches::SharedPages::new(site.clinics.len()),
            layout: caches::LayoutCache::default(),
        }
    }

    /// Renders the whole site, whose links are `relations`, into memory.
    pub fn render(&self, site: &Site, relations: &Relations) -> Result<RenderedSite, RenderError> {
        let files = collected(|sink| self.render_into(site, relations, sink))?;
        Ok(RenderedSite { files })
    }

    /// Renders the whole site, handing the files to `sink` as they are made
    /// (in no particular order), so they need not all sit in memory.
    pub fn render_into<E: From<RenderError> + Send>(
        &self,
        site: &Site,
        relations: &Relations,
        sink: &Sink<'_, E>,
    ) -> Result<(), E> {
        let jobs = jobs::jobs(site, relations);
        let mut site_files = Vec::new();
        rayon::in_place_scope(|scope| {
            scope.spawn(|_| site_files = self.site_files(site, relations));
            self.each_page(site, relations, &jobs, true, sink)
        })?;
        hand_over(&site_files, sink)
    }

    /// The theme's assets, the sitemap, robots.txt and Netlify's redirects.
    fn site_files(&self, site: &Site, relations: &Relations) -> Vec<OutputFile> {
        let editions = &self.editions;
        let mut files: Vec<OutputFile> = self
            .theme
            .assets
            .iter()
            .map(|a| OutputFile {
                path: a.path.clone(),
                bytes: a.bytes.clone(),
            })
            .collect();
        let sitemap = feeds::sitemap(&jobs::routes(site, relations), editions);
        let redirects = feeds::netlify_redirects(editions, self.options.language_redirect);
        for (path, text) in [
            ("sitemap.xml", sitemap),
            ("robots.txt", feeds::robots(&editions[0].urls)),
            ("_redirects", redirects),
        ] {
            files.push(OutputFile {
                path: path.into(),
                bytes: text.into_bytes(),
            });
        }
        files.push(OutputFile {
            path: self.worker.path().to_string(),
            bytes: self.worker.bytes(),
        });
        files
    }
}

/// Hands `files` to `sink`, several at a time (a search index is thousands
/// of small files).
fn hand_over<E: Send>(files: &[OutputFile], sink: &Sink<'_, E>) -> Result<(), E> {
    files
        .par_iter()
        .try_for_each(|file| sink(&file.path, &file.bytes))
}

/// The files `render` hands to its sink, sorted by path.
fn collected(
    render: impl FnOnce(&Sink<'_, RenderError>) -> Result<(), RenderError>,
) -> Result<Vec<OutputFile>, RenderError> {
    let files = std::sync::Mutex::new(Vec::new());
    render(&|path, bytes| {
        files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(OutputFile {
                path: path.to_string(),
                bytes: bytes.to_vec(),
            });
        Ok(())
    })?;
    let mut files = files
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

fn render_page<E: From<RenderError>>(
    ctx: &Ctx,
    css: &str,
    job: jobs::Job,
    sink: &Sink<'_, E>,
) -> Result<(), E> {
    let rendered =
        pages::context(ctx, css, job).map_err(|e| RenderError::Template(error_chain(&e)))?;
    let path = rendered.route.file(ctx.urls.prefix());
    ctx.theme
        .render_then(rendered.template, &rendered.context, |page| {
            sink(&path, page)
        })?
}

/// A Tera error with its causes, which is where the useful message is.
pub fn error_chain(error: &dyn std::error::Error) -> String {
    // Tera's report starts with its own `error: `; ours already says so.
    let mut message = error.to_string().trim_start_matches("error: ").to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}
