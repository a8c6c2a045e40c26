//! Watches `content/`, `themes/` and `i18n/` and rebuilds after each change.
//!
//! Editors' tools often write a file in several steps (truncate, write,
//! rename); events arriving within a short quiet period are folded into one
//! rebuild.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use crate::incremental::Builder;

use super::{Shared, rebuild};

/// How long the folder must stay quiet before a rebuild starts.
const QUIET: Duration = Duration::from_millis(10);

/// Starts the watcher thread.
pub(super) fn spawn(
    root: PathBuf,
    mut builder: Builder,
    shared: Arc<Shared>,
) -> Result<(), String> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            if !matches!(event.kind, notify::EventKind::Access(_)) {
                let _ = tx.send(event);
            }
        }
    })
    .map_err(|e| format!("error: cannot watch files: {e}"))?;
    for folder in ["content", "themes", "i18n"] {
        let path = root.join(folder);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| format!("error: cannot watch {}: {e}", path.display()))?;
        }
    }
    std::thread::spawn(move || {
        let _watcher = watcher;
        loop {
            let first = match rx.recv_timeout(std::time::Duration::from_secs(2)) {
                Ok(event) => event,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if builder.search_stale {
                        rebuild(&mut builder, &shared);
                    }
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            };
            let mut paths = first.paths;
            while let Ok(more) = rx.recv_timeout(QUIET) {
                paths.extend(more.paths);
            }
            builder.note_changes(&paths);
            rebuild(&mut builder, &shared);
        }
    });
    Ok(())
}
