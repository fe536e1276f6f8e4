//! Watches the site's sources — content, themes, static files, `waymark.yaml` — and reports
//! each settled batch of changed paths, ignoring editor droppings and mere reads.

use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, FileIdMap, RecommendedCache, new_debouncer, new_debouncer_opt,
};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

/// How long the sources must be quiet before a rebuild starts.
pub const DEBOUNCE: Duration = Duration::from_millis(100);

/// A running watcher; dropping it stops watching.
pub enum Watcher {
    /// Native file-system events.
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    /// Polling, for file systems whose events are unreliable.
    Poll(Debouncer<PollWatcher, FileIdMap>),
}

/// Starts watching `paths` (those that exist); each settled batch of relevant changed paths is
/// sent to `batches`.
pub fn start(
    paths: &[PathBuf],
    poll: bool,
    batches: Sender<Vec<PathBuf>>,
) -> anyhow::Result<Watcher> {
    let handler = move |result: DebounceEventResult| {
        if let Ok(events) = result {
            let changed = relevant(
                events
                    .iter()
                    .map(|e| (&e.event.kind, e.event.paths.as_slice())),
            );
            if !changed.is_empty() {
                let _ = batches.send(changed);
            }
        }
    };
    // Polling compares contents too: it keeps modification times only to the second, so an
    // edit within the same second would go unseen.
    let mut watcher = if poll {
        let config = notify::Config::default()
            .with_poll_interval(Duration::from_millis(500))
            .with_compare_contents(true);
        Watcher::Poll(new_debouncer_opt(
            DEBOUNCE,
            None,
            handler,
            FileIdMap::new(),
            config,
        )?)
    } else {
        Watcher::Native(new_debouncer(DEBOUNCE, None, handler)?)
    };
    for path in paths.iter().filter(|p| p.exists()) {
        let mode = if path.is_dir() {
            RecursiveMode::Recursive
        } else {
            RecursiveMode::NonRecursive
        };
        match &mut watcher {
            Watcher::Native(d) => d.watch(path, mode)?,
            Watcher::Poll(d) => d.watch(path, mode)?,
        }
    }
    Ok(watcher)
}

/// The changed paths worth a rebuild: no reads (`Access`), no editor swap or backup files.
pub fn relevant<'a>(events: impl Iterator<Item = (&'a EventKind, &'a [PathBuf])>) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = events
        .filter(|(kind, _)| !matches!(kind, EventKind::Access(_)))
        .flat_map(|(_, paths)| paths.iter())
        .filter(|p| !is_editor_file(p))
        .cloned()
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Whether a path is an editor's temporary file rather than the user's content.
pub fn is_editor_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| crate::content::is_ignored_name(&n.to_string_lossy()))
}
