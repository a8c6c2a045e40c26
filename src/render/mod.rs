//! Render stage: [`Site`] → [`RenderedSite`] (every output file, in memory).
//!
//! For each language of the build, every page of SPEC.md's URL list is a
//! [`pages::Job`]; jobs run in parallel (rayon), each building its typed
//! context ([`pages`], [`lists`]), rendering its Tera template and minifying
//! the HTML. Feeds, the sitemap and robots.txt follow ([`feeds`]). Nothing is
//! written here: the write stage gets the complete, sorted list of files or
//! an error, never half a site.

pub mod dates;
pub mod feeds;
pub mod lists;
pub mod pages;
pub mod theme;
pub mod urls;
pub mod views;

use std::path::PathBuf;

use rayon::prelude::*;
use time::Date;

use crate::config::BaseUrl;
use crate::i18n;
use crate::site::Site;
use urls::{Route, Urls};
use views::{Ctx, Relations};

/// Why rendering failed: a theme problem, never an editor's.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A template does not compile or fails at render time.
    #[error("template error: {0}")]
    Template(String),
    /// The theme folder is missing or unreadable.
    #[error("theme error: {0}")]
    Theme(String),
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
    /// The build date: sessions on or after it are upcoming.
    pub today: Date,
}

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path under the output folder, `/`-separated.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Every file of the built site, sorted by path.
#[derive(Debug, Default)]
pub struct RenderedSite {
    /// The files.
    pub files: Vec<OutputFile>,
}

/// Renders the whole site.
pub fn render(site: &Site, options: &RenderOptions) -> Result<RenderedSite, RenderError> {
    let theme = theme::load(&options.root, &site.config.theme)?;
    let relations = Relations::new(site);
    let strings = i18n::load(&options.root, &options.root_lang).map_err(RenderError::Strings)?;
    let urls = Urls::new(options.base_url.clone(), "");
    let ctx = Ctx {
        site,
        urls: &urls,
        strings: &strings,
        lang: &options.root_lang,
        today: options.today,
        relations: &relations,
    };
    let mut files = render_language(&ctx, &theme)?;
    files.extend(theme.assets.iter().map(|a| OutputFile {
        path: a.path.clone(),
        bytes: a.bytes.clone(),
    }));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(RenderedSite { files })
}

/// Every page and feed of one language.
fn render_language(ctx: &Ctx, theme: &theme::Theme) -> Result<Vec<OutputFile>, RenderError> {
    let css = ctx.urls.asset(&theme.css_path);
    let jobs = pages::jobs(ctx);
    let pages: Vec<(Route, OutputFile)> = jobs
        .par_iter()
        .map(|job| render_page(ctx, theme, &css, *job))
        .collect::<Result<_, _>>()?;
    let prefix = ctx.urls.prefix();
    let mut routes: Vec<Route> = pages
        .iter()
        .map(|(r, _)| r.clone())
        .filter(|r| r.as_str() != "404.html")
        .collect();
    routes.sort();
    let mut files: Vec<OutputFile> = pages.into_iter().map(|(_, f)| f).collect();
    let text = |route: Route, body: String| OutputFile {
        path: route.file(prefix),
        bytes: body.into_bytes(),
    };
    files.push(text(urls::atom(), feeds::atom(ctx)));
    files.push(text(urls::calendar_ics(), feeds::ics(ctx)));
    files.push(text(
        Route::new("sitemap.xml"),
        feeds::sitemap(ctx, &routes),
    ));
    if prefix.is_empty() {
        files.push(text(Route::new("robots.txt"), feeds::robots(ctx)));
    }
    Ok(files)
}

fn render_page(
    ctx: &Ctx,
    theme: &theme::Theme,
    css: &str,
    job: pages::Job,
) -> Result<(Route, OutputFile), RenderError> {
    let rendered =
        pages::context(ctx, css, job).map_err(|e| RenderError::Template(error_chain(&e)))?;
    let html = theme
        .tera
        .render(rendered.template, &rendered.context)
        .map_err(|e| {
            RenderError::Template(format!("{}: {}", rendered.template, error_chain(&e)))
        })?;
    let file = OutputFile {
        path: rendered.route.file(ctx.urls.prefix()),
        bytes: minify(html.as_bytes()),
    };
    Ok((rendered.route, file))
}

/// Minifies HTML, keeping what validators and old browsers need.
pub fn minify(html: &[u8]) -> Vec<u8> {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    minify_html::minify(html, &cfg)
}

/// A Tera error with its causes, which is where the useful message is.
pub fn error_chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}
