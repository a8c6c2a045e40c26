//! Command front ends: resolve arguments, call the library, print, and
//! return the exit code (0 success, 1 content problems or failure).

mod build;
mod check;
mod new;
mod record_po;
mod search;
mod translations;
mod update;

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
        Command::Translations {
            action: Some(action),
            ..
        } => match action {
            crate::cli::TranslationsAction::Update { site } => update::run(site),
            crate::cli::TranslationsAction::Import { site } => record_po::run_import(&site.root),
        },
        Command::Translations {
            site, lang, stamp, ..
        } => translations::run(site, lang, stamp),
        Command::Check { site, format } => check::run(site, format),
        Command::Serve { site, port, drafts } => serve(site, port, drafts),
        Command::Schema { out } => write_schemas(&out),
        Command::Search(args) => search::run(args),
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

/// Options for the site as `site.yaml` describes it (no mirror, no overrides).
pub(crate) fn site_options(
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
