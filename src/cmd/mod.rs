//! Command front ends: resolve arguments, call the library, print, and
//! return the exit code (0 success, 1 content problems or failure).

mod build;
mod check;
mod new;
mod translations;

use std::process::ExitCode;

use time::Date;

use crate::cli::Command;
use crate::diagnostic::Diagnostic;

/// Runs one command.
pub fn run(command: Command) -> ExitCode {
    let result = match command {
        Command::Build {
            site,
            out,
            lang,
            base_url,
            drafts,
            mirror,
            mirrors,
            mirrors_out,
            timings,
            force,
        } => build::run(build::Args {
            site,
            out,
            lang,
            base_url,
            drafts,
            mirror,
            mirrors,
            mirrors_out,
            timings,
            force,
        }),
        Command::Translations { site, lang, stamp } => translations::run(site, lang, stamp),
        Command::Check { site, format } => check::run(site, format),
        Command::Serve { site, port, drafts } => serve(site, port, drafts),
        Command::Schema { out } => write_schemas(&out),
        Command::Search {
            site,
            lang,
            filters,
            limit,
            json,
            queries,
            query,
        } => search(
            site,
            lang,
            &filters,
            limit,
            json,
            queries.as_deref(),
            &query,
        ),
        Command::New {
            kind,
            title,
            root,
            today,
        } => new::run(kind, &title, &root, today.as_deref()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("{message}");
            }
            ExitCode::FAILURE
        }
    }
}

/// `--today` or the current UTC date.
pub(crate) fn today(arg: Option<&str>) -> Result<Date, String> {
    match arg {
        None => Ok(time::OffsetDateTime::now_utc().date()),
        Some(text) => Date::parse(text, time::macros::format_description!("[year]-[month]-[day]"))
            .map_err(|_| format!("error: `--today {text}` is not a date\n  hint: write it as YYYY-MM-DD, for example 2025-01-16")),
    }
}

/// Prints diagnostics, one block each, then a count.
pub(crate) fn report(diagnostics: &[Diagnostic]) -> String {
    let mut text: String = diagnostics.iter().map(|d| format!("{d}\n")).collect();
    let n = diagnostics.len();
    text.push_str(&format!(
        "\n{n} problem{} found; nothing was written.",
        if n == 1 { "" } else { "s" }
    ));
    text
}

/// Runs `tandem serve`.
fn serve(site: crate::cli::SiteArgs, port: u16, drafts: bool) -> Result<(), String> {
    let today = today(site.today.as_deref())?;
    let options = site_options(&site, drafts, today);
    crate::serve::run(site.root, port, options)
}

/// Runs `tandem schema`.
fn write_schemas(out: &std::path::Path) -> Result<(), String> {
    std::fs::create_dir_all(out)
        .map_err(|e| format!("error: cannot create {}: {e}", out.display()))?;
    for (name, text) in crate::schema::all() {
        let path = out.join(name);
        std::fs::write(&path, text)
            .map_err(|e| format!("error: cannot write {}: {e}", path.display()))?;
        println!("Wrote {}", path.display());
    }
    Ok(())
}

/// Runs `tandem search`.
fn search(
    site: crate::cli::SiteArgs,
    lang: Option<String>,
    filters: &[String],
    limit: usize,
    json: bool,
    queries: Option<&std::path::Path>,
    query: &str,
) -> Result<(), String> {
    let today = today(site.today.as_deref())?;
    let options = site_options(&site, false, today);
    let checked =
        crate::build::load_and_check(&site.root, crate::check::CheckOptions { drafts: false })
            .map_err(|p| report(&p))?;
    let lang = lang.unwrap_or_else(|| checked.site.config.default_language.clone());
    let filter_pairs = parse_filters(filters.iter().map(String::as_str))?;
    let render_options =
        crate::build::render_options(&options, &checked).map_err(|e| format!("error: {e}"))?;
    let renderer = crate::render::Renderer::new(&checked.site, &render_options)
        .map_err(|e| format!("error: {e}"))?;
    let relations = crate::render::views::Relations::new(&checked.site, today);
    let index = renderer
        .search_index(&checked.site, &relations, &lang)
        .map_err(|e| format!("error: {e}"))?;
    if let Some(file) = queries {
        let text =
            std::fs::read_to_string(file).map_err(|e| format!("error: {}: {e}", file.display()))?;
        let mut all = Vec::new();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let (query, filters) = line.split_once('|').unwrap_or((line, ""));
            let pairs = parse_filters(filters.split(',').filter(|f| !f.is_empty()))?;
            all.push(
                index
                    .search(query, &pairs, limit)
                    .map_err(|e| format!("error: {e}"))?,
            );
        }
        println!("{}", serde_json::to_string(&all).unwrap_or_default());
        return Ok(());
    }
    let hits = index
        .search(query, &filter_pairs, limit)
        .map_err(|e| format!("error: {e}"))?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&hits).unwrap_or_default()
        );
    } else if hits.is_empty() {
        println!("No results for “{query}”.");
    } else {
        for (rank, hit) in hits.iter().enumerate() {
            println!(
                "{:>2}. {}  ({:.3})\n    {}  {}",
                rank + 1,
                hit.card.t,
                hit.score,
                hit.card.k,
                hit.card.u
            );
        }
    }
    Ok(())
}

/// `facet=value` pairs, checked against the facets the index has.
fn parse_filters<'a>(
    filters: impl Iterator<Item = &'a str>,
) -> Result<Vec<(String, String)>, String> {
    let mut pairs = Vec::new();
    for filter in filters {
        let (facet, value) = filter
            .split_once('=')
            .ok_or_else(|| format!("error: `--filter {filter}` is not FACET=VALUE\n  hint: for example `--filter level=newcomer`"))?;
        if !crate::search::FACETS.contains(&facet) {
            return Err(format!(
                "error: `{facet}` is not a facet\n  hint: use one of: {}",
                crate::search::FACETS.join(", ")
            ));
        }
        pairs.push((facet.to_string(), value.to_string()));
    }
    Ok(pairs)
}

/// Options for the site as `site.yaml` describes it (no mirror, no overrides).
fn site_options(
    site: &crate::cli::SiteArgs,
    drafts: bool,
    today: Date,
) -> crate::build::BuildOptions {
    crate::build::BuildOptions {
        root: site.root.clone(),
        out: site.root.join("public"),
        lang: None,
        base_url: None,
        drafts,
        today,
        mirror: None,
        force: false,
    }
}
