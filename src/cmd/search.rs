//! `tandem search`: the site's index, built as `build` builds it, queried
//! with the ranking the browser client uses; prints the results for a
//! reader, as JSON (`--json`: the total beside the first results), or the
//! results of every query of a file (`--queries`, for the parity tests).

use std::path::Path;

use crate::search::{LanguageIndex, Results};

/// Runs `tandem search`.
pub(super) fn run(args: crate::cli::SearchArgs) -> Result<(), String> {
    let filters = parse_filters(args.filters.iter().map(String::as_str))?;
    let index = index(&args.site, args.lang)?;
    if let Some(file) = &args.queries {
        return run_file(&index, file, args.limit);
    }
    let found = index
        .search(&args.query, &filters, args.limit)
        .map_err(|e| format!("error: {e}"))?;
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&found).unwrap_or_default()
        );
    } else {
        print!("{}", human(&args.query, &found));
    }
    Ok(())
}

/// The index of `lang` (the site's default language when `None`).
fn index(site: &crate::cli::SiteArgs, lang: Option<String>) -> Result<LanguageIndex, String> {
    let today = super::today(site.today.as_deref())?;
    let options = super::site_options(site, false, today);
    let checked =
        crate::build::load_and_check(&site.root, crate::check::CheckOptions { drafts: false })
            .map_err(|p| super::report(&p))?;
    let lang = lang.unwrap_or_else(|| checked.site.config.default_language.clone());
    let render_options =
        crate::build::render_options(&options, &checked).map_err(|e| format!("error: {e}"))?;
    let editions = crate::edition::load(
        &render_options.root,
        &render_options.base_url,
        &render_options.languages,
    )
    .map_err(|problem| super::report(&[problem]))?;
    let relations = crate::edition::Relations::new(&checked.site, today);
    crate::search::language_index(&checked.site, &editions, &relations, &lang)
        .map_err(|e| format!("error: {e}"))
}

/// Prints, as one JSON array, what each query of `file` finds.
fn run_file(index: &LanguageIndex, file: &Path, limit: usize) -> Result<(), String> {
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
    Ok(())
}

/// The results as a reader sees them in a terminal.
fn human(query: &str, found: &Results) -> String {
    let mut out = String::new();
    if found.results.is_empty() {
        out.push_str(&format!("No results for “{query}”.\n"));
        if let Some(n) = found.without_filters {
            out.push_str(&format!("{n} without the filters.\n"));
        }
        if let Some(suggestion) = &found.suggestion {
            out.push_str(&format!("Did you mean “{suggestion}”?\n"));
        }
        return out;
    }
    for (rank, hit) in found.results.iter().enumerate() {
        let card = &hit.card;
        out.push_str(&format!(
            "{:>2}. {}  ({:.3})\n    {}  {}  {}\n",
            rank + 1,
            card.title,
            hit.score,
            card.kind,
            card.date,
            card.url
        ));
    }
    out.push_str(&format!(
        "{} of {} shown\n",
        found.results.len(),
        found.total
    ));
    out
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
