//! `tandem build`: check, render and write the site (and its mirrors).

use std::path::PathBuf;
use std::time::Instant;

use crate::build::{BuildError, BuildOptions, build_reporting, load_and_check};
use crate::check::CheckOptions;
use crate::cli::SiteArgs;

/// The arguments of `tandem build`.
pub(crate) struct Args {
    pub(crate) site: SiteArgs,
    pub(crate) out: PathBuf,
    pub(crate) lang: Option<String>,
    pub(crate) base_url: Option<String>,
    pub(crate) drafts: bool,
    pub(crate) mirror: Option<String>,
    pub(crate) mirrors: bool,
    pub(crate) mirrors_out: PathBuf,
    pub(crate) timings: bool,
}

fn under_root(root: &std::path::Path, path: PathBuf) -> PathBuf {
    if path.is_absolute() {
        path
    } else {
        root.join(path)
    }
}

/// Runs `tandem build`.
pub(crate) fn run(args: Args) -> Result<(), String> {
    let today = super::today(args.site.today.as_deref())?;
    let root = args.site.root.clone();
    let out = under_root(&root, args.out);
    let options = BuildOptions {
        root: root.clone(),
        out,
        lang: args.lang,
        base_url: args.base_url,
        drafts: args.drafts,
        today,
        mirror: args.mirror,
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
        let mirrors_out = under_root(&root, args.mirrors_out);
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
        Ok((checked, written)) => {
            let ms = started.elapsed().as_millis();
            eprintln!(
                "Built {written} files into {} in {ms} ms.",
                options.out.display()
            );
            // Freeing a large site's records takes a tenth of a second that
            // nobody needs to wait for: the process ends, or the next
            // mirror's build goes on meanwhile.
            std::thread::spawn(move || drop(checked));
            Ok(())
        }
        Err(BuildError::Content(problems)) => Err(super::report(&problems)),
        Err(BuildError::Render(crate::render::RenderError::Strings(problem))) => {
            Err(super::report(&[problem]))
        }
        Err(other) => Err(format!(
            "error: {other}\nnothing was written; the previous output is untouched."
        )),
    }
}

/// When each stage began, on the wall clock and in CPU time, for `--timings`.
#[derive(Default)]
struct StageClock {
    stages: std::cell::RefCell<Vec<(String, Instant, Option<u128>)>>,
}

impl StageClock {
    fn enter(&self, stage: &str) {
        self.stages
            .borrow_mut()
            .push((stage.to_string(), Instant::now(), cpu_micros()));
    }

    /// One line per stage: its wall time and CPU time in milliseconds, and its name.
    fn table(&self) -> String {
        let end = (Instant::now(), cpu_micros());
        let stages = self.stages.borrow();
        let ends = stages
            .iter()
            .skip(1)
            .map(|(_, at, cpu)| (*at, *cpu))
            .chain([end]);
        let mut table = format!("{:>8}  {:>8}  stage\n", "wall ms", "cpu ms");
        for ((name, began, cpu_began), (ended, cpu_ended)) in stages.iter().zip(ends) {
            let cpu = match (cpu_began, cpu_ended) {
                (Some(a), Some(b)) => format!("{}", (b - a) / 1000),
                _ => "-".to_string(),
            };
            let wall = (ended - *began).as_millis();
            table.push_str(&format!("{wall:>8}  {cpu:>8}  {name}\n"));
        }
        table
    }
}

/// CPU time this process has used so far (user and system, all threads), in µs.
#[cfg(unix)]
fn cpu_micros() -> Option<u128> {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given; RUSAGE_SELF is always valid.
    let status = unsafe { libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) };
    if status != 0 {
        return None;
    }
    // SAFETY: getrusage returned 0, so the struct is initialised.
    let usage = unsafe { usage.assume_init() };
    let micros = |t: libc::timeval| t.tv_sec as u128 * 1_000_000 + t.tv_usec as u128;
    Some(micros(usage.ru_utime) + micros(usage.ru_stime))
}

#[cfg(not(unix))]
fn cpu_micros() -> Option<u128> {
    None
}
