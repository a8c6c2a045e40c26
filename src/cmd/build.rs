//! `tandem build`: check, render and write the site (and its mirrors).

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::build::{BuildError, BuildOptions, build_reporting, load_and_check};
use crate::check::CheckOptions;
use crate::cli::SiteArgs;

/// The arguments of `tandem build`.
pub(crate) struct Args {
    pub(crate) site: SiteArgs,
    pub(crate) out: Option<PathBuf>,
    pub(crate) lang: Option<String>,
    pub(crate) base_url: Option<String>,
    pub(crate) drafts: bool,
    pub(crate) mirror: Option<String>,
    pub(crate) mirrors: bool,
    pub(crate) mirrors_out: PathBuf,
    pub(crate) timings: bool,
    pub(crate) force: bool,
}

fn under_root(root: &Path, path: PathBuf) -> PathBuf {
    if path.is_absolute() {
        path
    } else {
        root.join(path)
    }
}

/// Runs `tandem build`. A mirror profile goes into a folder of its own
/// (`public-mirrors/<name>` unless `--out` says otherwise), never into the
/// main site's; `--mirrors` refuses a mirrors folder that overlaps the
/// main output, so no build overwrites another.
pub(crate) fn run(args: Args) -> Result<(), String> {
    let today = super::today(args.site.today.as_deref())?;
    let root = args.site.root.clone();
    let mirrors_out = under_root(&root, args.mirrors_out);
    let out = match (args.out, &args.mirror) {
        (Some(out), _) => under_root(&root, out),
        (None, Some(name)) => mirrors_out.join(name),
        (None, None) => root.join("public"),
    };
    if args.mirrors {
        refuse_overlap(&out, &mirrors_out)?;
    }
    let options = BuildOptions {
        root: root.clone(),
        out,
        lang: args.lang,
        base_url: args.base_url,
        drafts: args.drafts,
        today,
        mirror: args.mirror,
        force: args.force,
    };
    build_one(&options, args.timings)?;
    if args.mirrors {
        let checked = load_and_check(
            &root,
            CheckOptions {
                drafts: args.drafts,
            },
        )
        .map_err(|p| super::report(&p))?;
        for mirror in &checked.site.config.mirrors {
            let options = BuildOptions {
                out: mirrors_out.join(&mirror.name),
                lang: None,
                base_url: None,
                mirror: Some(mirror.name.clone()),
                ..options.clone()
            };
            build_one(&options, args.timings)?;
        }
    }
    Ok(())
}

/// The main output and the mirrors' folder must not hold one another: the
/// later build would replace the earlier one's files.
fn refuse_overlap(out: &Path, mirrors_out: &Path) -> Result<(), String> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (a, b) = (absolute(out), absolute(mirrors_out));
    if a.starts_with(&b) || b.starts_with(&a) {
        return Err(format!(
            "error: `--mirrors-out {}` and the output folder `{}` overlap: one build would replace the other\n  hint: give the mirrors a folder beside the output, such as `public-mirrors` (the default)",
            mirrors_out.display(),
            out.display()
        ));
    }
    Ok(())
}

/// A spinner on a terminal for builds that take more than a second; nothing
/// when the output is not a terminal (CI logs, pipes).
struct Progress {
    bar: indicatif::ProgressBar,
}

impl Progress {
    fn start() -> Self {
        use std::io::IsTerminal;
        let bar =
            indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::hidden());
        let style = indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner());
        bar.set_style(style);
        if std::io::stderr().is_terminal() {
            let late = bar.clone();
            std::thread::spawn(move || {
                std::thread::sleep(std::time::Duration::from_secs(1));
                if !late.is_finished() {
                    late.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                    late.enable_steady_tick(std::time::Duration::from_millis(120));
                }
            });
        }
        Progress { bar }
    }

    fn stage(&self, message: &str) {
        self.bar.set_message(message.to_string());
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

fn build_one(options: &BuildOptions, timings: bool) -> Result<(), String> {
    let started = Instant::now();
    let progress = Progress::start();
    let clock = StageClock::default();
    let result = build_reporting(options, &|stage| {
        progress.stage(stage);
        clock.enter(stage);
    });
    drop(progress);
    if timings {
        eprint!("{}", clock.table());
    }
    match result {
        Ok(built) => {
            let ms = started.elapsed().as_millis();
            eprintln!(
                "Built {} files into {} in {ms} ms.",
                built.written,
                options.out.display()
            );
            if let Some(old) = &built.leftover {
                eprintln!(
                    "note: the previous output, moved to {}, could not be deleted; the next build tries again",
                    old.display()
                );
            }
            // Freeing a large site's records takes a tenth of a second that
            // nobody needs to wait for: the process ends, or the next
            // mirror's build goes on meanwhile.
            std::thread::spawn(move || drop(built));
            Ok(())
        }
        Err(BuildError::Content(problems)) => Err(super::report(&problems)),
        Err(BuildError::Strings(problem)) => Err(super::report(&[problem])),
        Err(BuildError::Write(error)) if !error.output_untouched() => {
            Err(format!("error: {error}"))
        }
        Err(other) => Err(format!(
            "error: {other}\nnothing was written; the previous output is untouched."
        )),
    }
}

/// When each stage began, on the wall clock and in CPU time, for `--timings`.
#[derive(Default)]
struct StageClock {
    stages: std::cell::RefCell<Vec<(String, Instant, Option<Usage>)>>,
}

impl StageClock {
    fn enter(&self, stage: &str) {
        self.stages
            .borrow_mut()
            .push((stage.to_string(), Instant::now(), usage()));
    }

    /// One line per stage: its wall time and CPU time in milliseconds, the
    /// process's peak memory when it ended, and its name.
    fn table(&self) -> String {
        let end = (Instant::now(), usage());
        let stages = self.stages.borrow();
        let ends = stages
            .iter()
            .skip(1)
            .map(|(_, at, usage)| (*at, *usage))
            .chain([end]);
        let mut table = format!(
            "{:>8}  {:>8}  {:>7}  stage\n",
            "wall ms", "cpu ms", "peak MB"
        );
        for ((name, began, began_usage), (ended, ended_usage)) in stages.iter().zip(ends) {
            let (cpu, peak) = match (began_usage, ended_usage) {
                (Some(a), Some(b)) => (
                    format!("{}", (b.cpu_micros - a.cpu_micros) / 1000),
                    format!("{}", b.peak_kb / 1024),
                ),
                _ => ("-".to_string(), "-".to_string()),
            };
            let wall = (ended - *began).as_millis();
            table.push_str(&format!("{wall:>8}  {cpu:>8}  {peak:>7}  {name}\n"));
        }
        table
    }
}

/// What this process has used so far.
#[derive(Debug, Clone, Copy)]
struct Usage {
    /// CPU time (user and system, all threads), in µs.
    cpu_micros: u128,
    /// Peak resident memory, in KiB.
    peak_kb: u64,
}

#[cfg(unix)]
fn usage() -> Option<Usage> {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given; RUSAGE_SELF is always valid.
    let status = unsafe { libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) };
    if status != 0 {
        return None;
    }
    // SAFETY: getrusage returned 0, so the struct is initialised.
    let usage = unsafe { usage.assume_init() };
    let micros = |t: libc::timeval| t.tv_sec as u128 * 1_000_000 + t.tv_usec as u128;
    Some(Usage {
        cpu_micros: micros(usage.ru_utime) + micros(usage.ru_stime),
        // Linux reports the peak in KiB.
        peak_kb: u64::try_from(usage.ru_maxrss).unwrap_or(0),
    })
}

#[cfg(not(unix))]
fn usage() -> Option<Usage> {
    None
}
