//! Watches the site's sources — content, themes, static files, `waymark.yaml`, never the build
//! output — and reports each settled batch of changed paths, ignoring editor droppings and reads.

use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, FileIdMap, RecommendedCache, new_debouncer, new_debouncer_opt,
};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

/// How long the sources must be quiet before a rebuild starts: long enough to take an
/// editor's save (write, rename, touch) as one change, short enough not to be felt.
pub const DEBOUNCE: Duration = Duration::from_millis(50);

/// A running watcher; dropping it stops watching.
pub struct Watcher {
    backend: Backend,
    sources: Sources,
    /// The source folders being watched with everything under them.
    trees: Vec<PathBuf>,
}

enum Backend {
    /// Native file-system events.
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    /// Polling, for file systems whose events are unreliable.
    Poll(Debouncer<PollWatcher, FileIdMap>),
}

impl Backend {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Backend::Native(d) => d.watch(path, mode),
            Backend::Poll(d) => d.watch(path, mode),
        }
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        match self {
            Backend::Native(d) => d.unwatch(path),
            Backend::Poll(d) => d.unwatch(path),
        }
    }
}

impl Watcher {
    /// Follows the source folders as they come and go: one created after serve started
    /// (`themes/`, `static/`) or deleted and created again is watched from now on. Returns the
    /// folders newly watched: what was written in them before is worth a rebuild.
    pub fn follow_trees(&mut self) -> notify::Result<Vec<PathBuf>> {
        let mut added = Vec::new();
        for tree in self.sources.trees() {
            let watched = self.trees.contains(&tree);
            if tree.is_dir() && !watched {
                self.backend.watch(&tree, RecursiveMode::Recursive)?;
                self.trees.push(tree.clone());
                added.push(tree);
            } else if !tree.is_dir() && watched {
                let _ = self.backend.unwatch(&tree);
                self.trees.retain(|t| *t != tree);
            }
        }
        Ok(added)
    }
}

/// What a site is built from, as absolute paths: the change of anything else is ignored.
#[derive(Debug, Clone)]
pub struct Sources {
    /// The site root, holding `waymark.yaml`, `themes/` and `static/`.
    pub root: PathBuf,
    /// The content folder.
    pub content: PathBuf,
}

impl Sources {
    /// The sources of the site whose content folder is `content`.
    pub fn of(content: &Path) -> Sources {
        let content = std::path::absolute(content).unwrap_or_else(|_| content.to_path_buf());
        Sources {
            root: crate::config::site_root(&content),
            content,
        }
    }

    /// The folders watched with everything under them.
    fn trees(&self) -> Vec<PathBuf> {
        vec![
            self.content.clone(),
            self.root.join("themes"),
            self.root.join("static"),
        ]
    }

    /// Whether a change at `path` can change the site: inside a source folder and in no
    /// editor's or hidden file or folder, or `waymark.yaml` itself. The build output, if it
    /// sits beside them, is never a source.
    pub fn matters(&self, path: &Path) -> bool {
        if path == self.root.join("waymark.yaml") {
            return true;
        }
        self.trees().iter().any(|tree| {
            path.strip_prefix(tree).is_ok_and(|rel| {
                !rel.components()
                    .any(|c| crate::content::is_ignored_name(&c.as_os_str().to_string_lossy()))
            })
        })
    }
}

/// Starts watching the site's sources; each settled batch of relevant changed paths is sent
/// to `batches`. The root itself is watched alone (not what is under it), so `waymark.yaml`
/// saved by renaming over it and source folders created later are seen.
pub fn start(
    sources: &Sources,
    poll: bool,
    batches: Sender<Vec<PathBuf>>,
) -> anyhow::Result<Watcher> {
    let filter = sources.clone();
    let handler = move |result: DebounceEventResult| {
        if let Ok(events) = result {
            let changed = relevant(
                &filter,
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
    let backend = if poll {
        let config = notify::Config::default()
            .with_poll_interval(Duration::from_millis(500))
            .with_compare_contents(true);
        Backend::Poll(new_debouncer_opt(
            DEBOUNCE,
            None,
            handler,
            FileIdMap::new(),
            config,
        )?)
    } else {
        Backend::Native(new_debouncer(DEBOUNCE, None, handler)?)
    };
    let mut watcher = Watcher {
        backend,
        sources: sources.clone(),
        trees: Vec::new(),
    };
    watcher
        .backend
        .watch(&sources.root, RecursiveMode::NonRecursive)?;
    watcher.follow_trees()?;
    Ok(watcher)
}

/// The changed paths worth a rebuild: no reads (`Access`), nothing outside the sources, no
/// editor swap or backup files.
pub fn relevant<'a>(
    sources: &Sources,
    events: impl Iterator<Item = (&'a EventKind, &'a [PathBuf])>,
) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = events
        .filter(|(kind, _)| !matches!(kind, EventKind::Access(_)))
        .flat_map(|(_, paths)| paths.iter())
        .filter(|p| sources.matters(p))
        .cloned()
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, ModifyKind};

    #[test]
    fn keeps_only_changes_to_sources() {
        let s = Sources {
            root: PathBuf::from("/site"),
            content: PathBuf::from("/site/content"),
        };
        let paths: Vec<PathBuf> = [
            "/site/content/a.md",
            "/site/content/.a.md.swp",
            "/site/content/a.md~",
            "/site/content/#a.md#",
            "/site/content/4913",
            "/site/content/.#a.md",
            "/site/content/___jb_tmp___",
            "/site/content/.git/index",
            "/site/output/index.html",
            "/site/README.md",
            "/site/waymark.yaml",
            "/site/themes/default/templates/topic.html",
            "/site/static/logo.png",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let modify = EventKind::Modify(ModifyKind::Any);
        let got = relevant(&s, std::iter::once((&modify, paths.as_slice())));
        let want: Vec<PathBuf> = [
            "/site/content/a.md",
            "/site/static/logo.png",
            "/site/themes/default/templates/topic.html",
            "/site/waymark.yaml",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        assert_eq!(got, want);
        let read = EventKind::Access(AccessKind::Any);
        let create = EventKind::Create(CreateKind::File);
        let one = [PathBuf::from("/site/content/a.md")];
        assert!(relevant(&s, std::iter::once((&read, &one[..]))).is_empty());
        assert_eq!(relevant(&s, std::iter::once((&create, &one[..]))), one);
    }
}
