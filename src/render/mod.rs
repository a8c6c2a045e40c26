//! Render stage: [`Site`] → [`RenderedSite`] (every output file, in memory).
//!
//! For each language of the build, every page of SPEC.md's URL list is a
//! [`pages::Job`]; jobs run in parallel (rayon), each building its typed
//! context ([`pages`], [`lists`]) and rendering its Tera template, which
//! was minified once when the theme loaded ([`squeeze`]). Feeds, the sitemap and robots.txt follow ([`feeds`]). Nothing is
//! written here: the write stage gets the complete, sorted list of files or
//! an error, never half a site.

pub mod cards;
pub mod clinic;
pub mod dates;
pub mod directory;
pub mod escape;
pub mod feeds;
pub mod layout;
pub mod lists;
pub mod media;
pub mod pages;
pub mod records;
pub mod squeeze;
pub mod status;
pub mod text;
pub mod theme;
pub mod translated;
pub mod urls;
pub mod views;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use time::Date;

use crate::config::BaseUrl;
use crate::i18n;
use crate::site::Site;
use dates::DateFormat;
use urls::Urls;
use views::{Ctx, Edition, MainSite, PageState, Relations};

/// Why rendering failed: a theme problem, never an editor's.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A template does not compile or fails at render time.
    #[error("template error: {0}")]
    Template(String),
    /// The theme folder is missing or unreadable.
    #[error("theme error: {0}")]
    Theme(String),
    /// The search index could not be built.
    #[error("search index: {0}")]
    Search(String),
    /// An interface strings file is invalid.
    #[error("{0}")]
    Strings(crate::diagnostic::Diagnostic),
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
/// theme, and each language's strings, date formats and links. Built once,
/// used for a full render or, in `serve`, for the pages one edit affects.
pub struct Renderer {
    theme: theme::Theme,
    languages: Vec<(String, i18n::Strings, DateFormat)>,
    /// Each language's strings as templates get them.
    interfaces: Vec<text::Interface>,
    editions: Vec<Edition>,
    options: RenderOptions,
    /// Each language's search manifest, once exported.
    search_manifests: BTreeMap<String, String>,
    /// The version of the exported search files and service worker.
    search_version: Option<String>,
}

impl Renderer {
    /// Loads the theme and every language's strings.
    pub fn new(site: &Site, options: &RenderOptions) -> Result<Self, RenderError> {
        let theme = theme::load(&options.root, &site.config.theme)?;
        let mut languages = Vec::new();
        for lang in &options.languages {
            let strings = i18n::load(&options.root, lang).map_err(RenderError::Strings)?;
            languages.push((lang.clone(), strings, DateFormat::new(lang)));
        }
        let interfaces = languages
            .iter()
            .map(|(lang, strings, _)| text::Interface::new(strings, lang))
            .collect();
        let editions = languages
            .iter()
            .map(|(lang, strings, _)| {
                let prefix = if *lang == options.root_lang {
                    String::new()
                } else {
                    format!("{lang}/")
                };
                Edition {
                    lang: lang.clone(),
                    urls: Urls::new(options.base_url.clone(), prefix),
                    strings_state: if strings.missing.is_empty() {
                        PageState::Complete
                    } else {
                        PageState::Partial
                    },
                    strings_missing: strings.missing.len(),
                    strings_total: strings.total(),
                }
            })
            .collect();
        Ok(Renderer {
            theme,
            languages,
            interfaces,
            editions,
            options: options.clone(),
            search_manifests: BTreeMap::new(),
            search_version: None,
        })
    }

    /// Renders `jobs` (every page when `None`) in every language, and each
    /// language's feeds when `feeds` is set.
    pub fn render_pages(
        &self,
        site: &Site,
        relations: &Relations,
        jobs: Option<&[pages::Job]>,
        feeds: bool,
    ) -> Result<Vec<OutputFile>, RenderError> {
        let all_jobs;
        let jobs = match jobs {
            Some(jobs) => jobs,
            None => {
                all_jobs = pages::jobs(site, relations);
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
        jobs: &[pages::Job],
        feeds: bool,
        sink: &Sink<'_, E>,
    ) -> Result<(), E> {
        let calendars: Vec<OnceLock<OutputFile>> =
            self.languages.iter().map(|_| OnceLock::new()).collect();
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
        let (lang, strings, dates) = &self.languages[i];
        Ctx {
            site,
            urls: &self.editions[i].urls,
            strings,
            interface: &self.interfaces[i],
            dates,
            lang,
            today: self.options.today,
            relations,
            editions: &self.editions,
            main_site: self.options.main_site.as_ref(),
            search_manifest: self.search_manifests.get(lang).map(String::as_str),
            search_version: self.search_version.as_deref(),
            cards: views::CardCache::new(site.clinics.len()),
            theme: &self.theme,
            clinic_pages: clinic::SharedPages::new(site.clinics.len()),
            layout: layout::Shared::default(),
        }
    }

    /// The search index of `lang`.
    pub fn search_index(
        &self,
        site: &Site,
        relations: &Relations,
        lang: &str,
    ) -> Result<crate::search::LanguageIndex, RenderError> {
        let i = self
            .languages
            .iter()
            .position(|(l, _, _)| l == lang)
            .ok_or_else(|| {
                RenderError::Theme(format!("`{lang}` is not a language of this build"))
            })?;
        let docs = crate::search::documents(&self.ctx(site, relations, i));
        // The languages are indexed side by side; each gets its share of the cores.
        let threads = rayon::current_num_threads() / self.languages.len().max(1);
        crate::search::build(lang, docs, threads).map_err(|e| RenderError::Search(e.to_string()))
    }

    /// Builds and exports every language's search index and the service
    /// worker: their files, and each language's manifest path.
    fn export_search(
        &mut self,
        site: &Site,
        relations: &Relations,
    ) -> Result<Vec<OutputFile>, RenderError> {
        let langs: Vec<String> = self.languages.iter().map(|(l, _, _)| l.clone()).collect();
        let layout = crate::search::export::Layout::from_env();
        let export = |lang: &String| {
            let index = self.search_index(site, relations, lang)?;
            let dir = format!("search/{lang}/");
            let (files, manifest) = crate::search::export::export(&index, &dir, layout);
            Ok((lang.clone(), files, format!("{dir}{manifest}")))
        };
        // Each language on a thread of its own, not a pool thread: feeding
        // tantivy's indexing thread mostly waits for it, and a pool thread
        // waiting there is a core the other language's documents and
        // compression can't use.
        let exported: Vec<(String, Vec<crate::search::export::File>, String)> =
            std::thread::scope(|scope| {
                let languages: Vec<_> = langs
                    .iter()
                    .map(|lang| scope.spawn(move || export(lang)))
                    .collect();
                languages
                    .into_iter()
                    .map(joined)
                    .collect::<Result<_, RenderError>>()
            })?;
        let mut files = Vec::new();
        let mut manifests = BTreeMap::new();
        for (lang, exported, manifest) in exported {
            manifests.insert(lang, manifest);
            files.extend(
                exported
                    .into_iter()
                    .map(|(path, bytes)| OutputFile { path, bytes }),
            );
        }
        let assets = self.theme.assets.iter().map(|a| a.path.as_str());
        let worker = crate::search::worker::Worker::new(
            manifests.values().map(String::as_str).chain(assets),
        );
        files.push(OutputFile {
            path: worker.path().to_string(),
            bytes: worker.bytes(),
        });
        self.search_manifests = manifests;
        self.search_version = Some(worker.version);
        Ok(files)
    }

    /// Renders the whole site, with its search index.
    pub fn render(&mut self, site: &Site) -> Result<RenderedSite, RenderError> {
        self.render_reporting(site, &|_| {})
    }

    /// [`Renderer::render`], telling `report` which stage it is in.
    pub fn render_reporting(
        &mut self,
        site: &Site,
        report: &dyn Fn(&str),
    ) -> Result<RenderedSite, RenderError> {
        let files = collected(|sink| self.render_into(site, report, sink))?;
        Ok(RenderedSite { files })
    }

    /// Renders the whole site, handing the files to `sink` as they are made
    /// (in no particular order), so they need not all sit in memory.
    pub fn render_into<E: From<RenderError> + Send>(
        &mut self,
        site: &Site,
        report: &dyn Fn(&str),
        sink: &Sink<'_, E>,
    ) -> Result<(), E> {
        let relations = Relations::new(site, self.options.today);
        report("indexing for search");
        // The index first, with every core: built alongside the pages it
        // took more time in all, not less (the two contend for the caches).
        let search_files = self.export_search(site, &relations)?;
        hand_over(&search_files, sink)?;
        drop(search_files);
        report("rendering and writing pages");
        let jobs = pages::jobs(site, &relations);
        let mut site_files = Vec::new();
        rayon::in_place_scope(|scope| {
            scope.spawn(|_| site_files = self.site_files(site, &relations));
            self.each_page(site, &relations, &jobs, true, sink)
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
        let sitemap = feeds::sitemap(&pages::routes(site, relations), editions);
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

/// What a scoped thread returned; its panic goes on where it is joined.
fn joined<T>(thread: std::thread::ScopedJoinHandle<'_, T>) -> T {
    thread
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// Renders the whole site.
pub fn render(site: &Site, options: &RenderOptions) -> Result<RenderedSite, RenderError> {
    render_reporting(site, options, &|_| {})
}

/// [`render`], telling `report` which stage it is in.
pub fn render_reporting(
    site: &Site,
    options: &RenderOptions,
    report: &dyn Fn(&str),
) -> Result<RenderedSite, RenderError> {
    report("loading the theme and strings");
    Renderer::new(site, options)?.render_reporting(site, report)
}

fn render_page<E: From<RenderError>>(
    ctx: &Ctx,
    css: &str,
    job: pages::Job,
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
