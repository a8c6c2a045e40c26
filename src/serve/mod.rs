//! `tandem serve`: a live preview for editors.
//!
//! The site is built into memory and served on 127.0.0.1. A watcher
//! ([`watch`]) rebuilds after every change under `content/`, `themes/` and
//! `i18n/`; each open tab listens on an event stream (`/__tandem/events`)
//! and reloads after a good build. When the content has an error, the last
//! good pages stay served and the tab shows an overlay with the same
//! `file:line:col` messages as `tandem check`; fixing the file clears it.
//! The reload script is added to HTML responses here, at serve time, so it
//! never reaches the output of `tandem build`.

mod http;
mod request;
mod watch;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Instant;

use crate::build::{BuildError, BuildOptions};
use crate::diagnostic::Diagnostic;
use crate::incremental::{Builder, Update};

/// What the server shows: the last good site and the current problems.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Output files of the last good build, by path.
    pub files: BTreeMap<String, Arc<Vec<u8>>>,
    /// Problems of the latest build; empty when it succeeded.
    pub problems: Vec<String>,
    /// Counts builds, so listeners know something changed.
    pub generation: u64,
    /// How long the latest build took, in milliseconds.
    pub build_ms: u128,
}

/// The snapshot, shared by the watcher and every connection.
#[derive(Default)]
pub struct Shared {
    /// The snapshot.
    pub snapshot: Mutex<Snapshot>,
    /// Signalled after every build.
    pub changed: Condvar,
}

impl Shared {
    /// Records a build's result and wakes every listener.
    pub fn publish(&self, result: Result<Update, Vec<String>>, build_ms: u128) {
        let Ok(mut snapshot) = self.snapshot.lock() else {
            return;
        };
        match result {
            Ok(update) => {
                update.apply_to(&mut snapshot.files);
                snapshot.problems.clear();
            }
            Err(problems) => snapshot.problems = problems,
        }
        snapshot.build_ms = build_ms;
        snapshot.generation += 1;
        self.changed.notify_all();
    }
}

/// Builds once and publishes the result.
pub fn rebuild(builder: &mut Builder, shared: &Shared) {
    let started = Instant::now();
    let result = match builder.rebuild() {
        Ok(files) => Ok(files),
        Err(BuildError::Content(problems)) => {
            Err(problems.iter().map(Diagnostic::to_string).collect())
        }
        Err(other) => Err(vec![format!("error: {other}")]),
    };
    let ms = started.elapsed().as_millis();
    match &result {
        Ok(Update::Full(files)) => eprintln!("Rebuilt {} files in {ms} ms.", files.len()),
        Ok(Update::Changed(files)) => eprintln!(
            "Rebuilt the {} files one edit affects in {ms} ms.",
            files.len()
        ),
        Err(problems) => eprintln!(
            "{} problem(s); still serving the last good build:\n{}",
            problems.len(),
            problems.join("\n")
        ),
    }
    shared.publish(result, ms);
}

/// Runs the preview server until the process is stopped.
pub fn run(root: PathBuf, port: u16, options: BuildOptions) -> Result<(), String> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("error: cannot listen on 127.0.0.1:{port}: {e}"))?;
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(port);
    let options = BuildOptions {
        base_url: Some(format!("http://127.0.0.1:{port}/")),
        ..options
    };
    let shared = Arc::new(Shared::default());
    let mut builder = Builder::new(options);
    rebuild(&mut builder, &shared);
    watch::spawn(root, builder, Arc::clone(&shared))?;
    eprintln!("Serving on http://127.0.0.1:{port}/ (Ctrl-C to stop)");
    http::serve(listener, shared);
    Ok(())
}
