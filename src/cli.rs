//! The command line (SPEC.md), parsed with clap. Raw arguments only: the
//! `cmd` modules resolve them (paths, dates) and call the library.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// tandem builds the Let's Connect resource centre from its records.
#[derive(Debug, Parser)]
#[command(name = "tandem", version = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("TANDEM_COMMIT"), ")"), about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options shared by the commands that read a site.
#[derive(Debug, Clone, clap::Args)]
pub struct SiteArgs {
    /// The site's root folder (holding content/, themes/, i18n/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The build date, YYYY-MM-DD: sessions from that day on are upcoming. Defaults to today (UTC).
    #[arg(long, env = "TANDEM_TODAY")]
    pub today: Option<String>,
}

/// What `tandem translations` can do besides showing the status.
#[derive(Debug, Subcommand)]
pub enum TranslationsAction {
    /// Regenerate `i18n/templates/*.pot` and merge each into every language's
    /// PO file, as `msgmerge --previous` does (nothing translated is lost).
    Update {
        /// Which site.
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Turn hand translations (`<slug>.<lang>.md`) into PO files, block by
    /// block, and remove each file converted.
    Import {
        /// Which site.
        #[command(flatten)]
        site: SiteArgs,
    },
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the content and build the site into the output folder.
    Build {
        /// Which site.
        #[command(flatten)]
        site: SiteArgs,
        /// The output folder [default: public; with --mirror NAME: MIRRORS_OUT/NAME].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Replace the output folder even if it holds files tandem did not write.
        #[arg(long)]
        force: bool,
        /// Build a mirror whose root language is LANG.
        #[arg(long)]
        lang: Option<String>,
        /// Publish under this address (it may carry a sub-path).
        #[arg(long)]
        base_url: Option<String>,
        /// Include records marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Build the mirror profile NAME of content/site.yaml.
        #[arg(long, conflicts_with = "mirrors")]
        mirror: Option<String>,
        /// Also build every mirror profile, each into MIRRORS_OUT/<name> (never into the main output).
        #[arg(long)]
        mirrors: bool,
        /// Where `--mirror` and `--mirrors` write the mirrors, each in a folder of its name.
        #[arg(long, default_value = "public-mirrors")]
        mirrors_out: PathBuf,
        /// Print how long each stage took.
        #[arg(long)]
        timings: bool,
    },
    /// Show how far each translation has got, or stamp a translation with its source's digests.
    Translations {
        /// `update`: regenerate the gettext templates and merge them into every catalogue;
        /// `import`: turn hand translations of records into PO files.
        #[command(subcommand)]
        action: Option<TranslationsAction>,
        /// Which site.
        #[command(flatten)]
        site: SiteArgs,
        /// Only this language.
        #[arg(long)]
        lang: Option<String>,
        /// Record in FILE (a translation) the digests of its source's current blocks.
        #[arg(long, value_name = "FILE")]
        stamp: Option<PathBuf>,
    },
    /// Build the site into memory, serve it on 127.0.0.1 and rebuild on every change.
    Serve {
        /// Which site.
        #[command(flatten)]
        site: SiteArgs,
        /// The port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Include records marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Search the site with the index and ranking the site ships.
    Search(SearchArgs),
    /// Write the JSON Schemas of the record formats and of site.yaml.
    Schema {
        /// Where to write them.
        #[arg(long, default_value = "schemas")]
        out: PathBuf,
    },
    /// Check every record and report every problem; writes nothing.
    Check {
        /// Which site.
        #[command(flatten)]
        site: SiteArgs,
        /// How to print problems.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Create a new record with every field, each explained.
    New {
        /// The kind of record.
        #[arg(value_enum)]
        kind: Kind,
        /// Its title (or name, for a sharer).
        title: String,
        /// The site's root folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The date written into the record, YYYY-MM-DD. Defaults to today (UTC).
        #[arg(long, env = "TANDEM_TODAY")]
        today: Option<String>,
    },
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `file:line:col: error: ...` with a hint line.
    Human,
    /// GitHub Actions annotations.
    Github,
}

/// Record kinds `new` can create.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// A learning clinic (or connectathon, circle, workshop).
    Clinic,
    /// A person or affiliate who shares knowledge.
    Sharer,
    /// A topic of the skills taxonomy.
    Topic,
    /// A newsletter issue.
    Newsletter,
    /// A free page.
    Page,
}

impl Kind {
    /// The folder its records live in.
    pub fn section(self) -> crate::content::Section {
        use crate::content::Section;
        match self {
            Kind::Clinic => Section::Clinics,
            Kind::Sharer => Section::Sharers,
            Kind::Topic => Section::Topics,
            Kind::Newsletter => Section::Newsletter,
            Kind::Page => Section::Pages,
        }
    }
}

/// What `tandem search` takes.
#[derive(Debug, Clone, clap::Args)]
pub struct SearchArgs {
    /// Which site.
    #[command(flatten)]
    pub site: SiteArgs,
    /// The language to search in; the site's default when absent.
    #[arg(long)]
    pub lang: Option<String>,
    /// Keep only results with this facet value (`level=newcomer`, `topic=advocacy`,
    /// `category=funding`, `kind=clinic`, `region=ssa`, `lang=ar`); repeatable:
    /// values of one facet widen the search, different facets narrow it.
    /// With filters and no query, lists every record they keep.
    #[arg(long = "filter", value_name = "FACET=VALUE")]
    pub filters: Vec<String>,
    /// How many results.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Print JSON: the total number of matching records, the first
    /// `--limit` of them, and what to try when there are none.
    #[arg(long)]
    pub json: bool,
    /// Run every query of FILE (one a line, optionally `query|facet=value,...`)
    /// and print a JSON array of result lists (for parity tests).
    #[arg(long, value_name = "FILE", conflicts_with = "query")]
    pub queries: Option<std::path::PathBuf>,
    /// What to look for.
    #[arg(required_unless_present = "queries", default_value = "")]
    pub query: String,
}
