//! Watches the site's sources — content, themes, static files, `waymark.yaml`, never the build
//! output — and hands out each batch of changed paths as soon as the writes in it are finished,
//! ignoring editor droppings and reads.

use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind, RemoveKind, RenameMode};
use notify::{Event, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher as _};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

/// The longest wait for a write that does not say it has finished: a file written but not yet
/// closed, renamed away or deleted (an editor may be saving it again). A batch whose writes
/// have all been closed (Linux says so) goes to the rebuild at once.
pub const QUIET: Duration = Duration::from_millis(50);

/// A running watcher; dropping it stops watching.
pub struct Watcher {
    backend: Box<dyn notify::Watcher + Send>,
    sources: Sources,
    /// The source folders being watched with everything under them.
    trees: Vec<PathBuf>,
    changes: Receiver<Change>,
}

/// What one file-system event changed that matters to the site: each path with what the event
/// says about a write to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change(Vec<(PathBuf, Write)>);

/// What an event says about a write in progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Write {
    /// The file is being written, or is gone and may come back: wait for it.
    Started,
    /// The file is complete: closed after writing, or renamed into place.
    Finished,
    /// Neither: a folder, or the file's metadata.
    Neither,
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

    /// The next batch of changed paths, once its writes have finished (or gone quiet for
    /// [`QUIET`]), with every change already waiting folded in; `None` once watching stopped.
    /// Changes made while the caller rebuilds wait here and make the next batch.
    pub fn next_batch(&self) -> Option<Vec<PathBuf>> {
        let first = self.changes.recv().ok()?;
        Some(settle(first, &self.changes, QUIET))
    }
}

/// Gathers changes from `first` on until no write in them is still going (or none has come for
/// `quiet`); returns their paths, sorted, each once.
fn settle(first: Change, changes: &Receiver<Change>, quiet: Duration) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    let mut writing = HashSet::new();
    let mut next = Some(first);
    while let Some(change) = next.take() {
        for (path, write) in change.0 {
            match write {
                Write::Started => {
                    writing.insert(path.clone());
                }
                Write::Finished => {
                    writing.remove(&path);
                }
                Write::Neither => {}
            }
            paths.push(path);
        }
        next = match changes.try_recv() {
            Ok(change) => Some(change),
            Err(_) if writing.is_empty() => None,
            Err(_) => changes.recv_timeout(quiet).ok(),
        };
    }
    paths.sort();
    paths.dedup();
    paths
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

/// Starts watching the site's sources; [`Watcher::next_batch`] hands out what changed. The root
/// itself is watched alone (not what is under it), so `waymark.yaml` saved by renaming over it
/// and source folders created later are seen.
pub fn start(sources: &Sources, poll: bool) -> anyhow::Result<Watcher> {
    let (tx, changes) = channel();
    let handler = forward(sources.clone(), tx);
    // Polling compares contents too: it keeps modification times only to the second, so an
    // edit within the same second would go unseen.
    let backend: Box<dyn notify::Watcher + Send> = if poll {
        let config = notify::Config::default()
            .with_poll_interval(Duration::from_millis(500))
            .with_compare_contents(true);
        Box::new(PollWatcher::new(handler, config)?)
    } else {
        Box::new(RecommendedWatcher::new(handler, notify::Config::default())?)
    };
    let mut watcher = Watcher {
        backend,
        sources: sources.clone(),
        trees: Vec::new(),
        changes,
    };
    watcher
        .backend
        .watch(&sources.root, RecursiveMode::NonRecursive)?;
    watcher.follow_trees()?;
    Ok(watcher)
}

/// The event handler: sends on each event that can change the site.
fn forward(sources: Sources, tx: Sender<Change>) -> impl FnMut(notify::Result<Event>) + Send {
    move |event| match event {
        Ok(event) => {
            if let Some(change) = relevant(&sources, &event.kind, &event.paths) {
                let _ = tx.send(change);
            }
        }
        Err(e) => eprintln!("warning: watching the sources: {e}"),
    }
}

/// What an event changes that matters to the site: no reads or opens, nothing outside the
/// sources, no editor swap or backup files. `None` if nothing.
pub fn relevant(sources: &Sources, kind: &EventKind, paths: &[PathBuf]) -> Option<Change> {
    let write = match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => Write::Finished,
        EventKind::Access(_) => return None,
        EventKind::Modify(ModifyKind::Name(RenameMode::Both)) => return renamed(sources, paths),
        EventKind::Modify(ModifyKind::Name(RenameMode::To)) => Write::Finished,
        EventKind::Create(CreateKind::Folder)
        | EventKind::Remove(RemoveKind::Folder)
        | EventKind::Modify(ModifyKind::Metadata(_)) => Write::Neither,
        // Platforms that never say a write is finished wait for [`QUIET`], as polling does.
        _ => Write::Started,
    };
    let paths: Vec<_> = paths
        .iter()
        .filter(|p| sources.matters(p))
        .map(|p| (p.clone(), write))
        .collect();
    (!paths.is_empty()).then_some(Change(paths))
}

/// A rename from one path to another, complete: over a source file (a save written beside and
/// renamed into place) both paths are final; to a backup, the file renamed away is being saved
/// anew, and is waited for.
fn renamed(sources: &Sources, paths: &[PathBuf]) -> Option<Change> {
    let [from, to] = paths else {
        return None;
    };
    let change = match (sources.matters(from), sources.matters(to)) {
        (true, true) => vec![
            (from.clone(), Write::Finished),
            (to.clone(), Write::Finished),
        ],
        (true, false) => vec![(from.clone(), Write::Started)],
        (false, true) => vec![(to.clone(), Write::Finished)],
        (false, false) => return None,
    };
    Some(Change(change))
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::DataChange;

    fn paths(list: &[&str]) -> Vec<PathBuf> {
        list.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn keeps_only_changes_to_sources() {
        let all = paths(&[
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
        ]);
        let modify = EventKind::Modify(ModifyKind::Any);
        let want = paths(&[
            "/site/content/a.md",
            "/site/waymark.yaml",
            "/site/themes/default/templates/topic.html",
            "/site/static/logo.png",
        ]);
        let got =
            relevant(&sources(), &modify, &all).map(|c| c.0.into_iter().map(|(p, _)| p).collect());
        assert_eq!(got, Some(want));
    }

    /// Reads are no change; each kind of write says whether the file is being saved or saved.
    #[test]
    fn tells_a_save_begun_from_a_save_finished() {
        let (s, one) = (sources(), paths(&["/site/content/a.md"]));
        let read = EventKind::Access(AccessKind::Close(AccessMode::Read));
        assert_eq!(relevant(&s, &read, &one), None);
        let open = EventKind::Access(AccessKind::Open(AccessMode::Any));
        assert_eq!(relevant(&s, &open, &one), None);
        let closed = EventKind::Access(AccessKind::Close(AccessMode::Write));
        let write = |kind: &EventKind| relevant(&s, kind, &one).map(|c| c.0[0].1);
        assert_eq!(write(&closed), Some(Write::Finished));
        assert_eq!(
            write(&EventKind::Create(CreateKind::File)),
            Some(Write::Started)
        );
        assert_eq!(
            write(&EventKind::Create(CreateKind::Folder)),
            Some(Write::Neither)
        );
        let data = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        assert_eq!(write(&data), Some(Write::Started));
        let away = EventKind::Modify(ModifyKind::Name(RenameMode::From));
        assert_eq!(write(&away), Some(Write::Started));
        let back = EventKind::Modify(ModifyKind::Name(RenameMode::To));
        assert_eq!(write(&back), Some(Write::Finished));
    }

    /// A rename over a source completes both paths; one to a backup leaves the source being
    /// saved anew.
    #[test]
    fn a_rename_over_a_source_finishes_both_paths() {
        let s = sources();
        let both = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        let over = paths(&["/site/content/b.md", "/site/content/a.md"]);
        let done = |p: &str| (PathBuf::from(p), Write::Finished);
        assert_eq!(
            relevant(&s, &both, &over),
            Some(Change(vec![
                done("/site/content/b.md"),
                done("/site/content/a.md")
            ]))
        );
        let backup = paths(&["/site/content/a.md", "/site/content/a.md~"]);
        assert_eq!(
            relevant(&s, &both, &backup),
            Some(Change(vec![(
                PathBuf::from("/site/content/a.md"),
                Write::Started
            )]))
        );
    }

    /// The sources of a site at `/site` with its notes in `/site/content`.
    fn sources() -> Sources {
        Sources {
            root: PathBuf::from("/site"),
            content: PathBuf::from("/site/content"),
        }
    }

    fn change(list: &[&str], write: Write) -> Change {
        Change(paths(list).into_iter().map(|p| (p, write)).collect())
    }

    /// Everything already waiting joins the batch; the batch ends once its writes are closed,
    /// and what comes after makes the next one.
    #[test]
    fn a_batch_ends_when_its_writes_are_closed() {
        let (tx, rx) = channel();
        for c in [
            change(&["/c/b.md"], Write::Started),
            change(&["/c/a.md"], Write::Started),
            change(&["/c/b.md"], Write::Finished),
            change(&["/c/a.md"], Write::Finished),
        ] {
            tx.send(c).unwrap_or_default();
        }
        let first = change(&["/c/a.md"], Write::Started);
        // A quiet time no test waits out: the batch must end on the closes alone.
        let long = Duration::from_secs(3600);
        assert_eq!(settle(first, &rx, long), paths(&["/c/a.md", "/c/b.md"]));
        // An editor's save: the file renamed away to a backup, written anew, closed.
        for c in [
            change(&["/c/a.md"], Write::Started),
            change(&["/c/a.md"], Write::Started),
            change(&["/c/a.md"], Write::Finished),
        ] {
            tx.send(c).unwrap_or_default();
        }
        let moved = change(&["/c/a.md"], Write::Started);
        assert_eq!(settle(moved, &rx, long), paths(&["/c/a.md"]));
        // A folder made needs no wait.
        let folder = change(&["/c/new"], Write::Neither);
        assert_eq!(settle(folder, &rx, long), paths(&["/c/new"]));
    }

    /// A write never closed (or a platform that never says) ends the batch after the quiet time.
    #[test]
    fn an_unfinished_write_waits_only_the_quiet_time() {
        let (tx, rx) = channel();
        tx.send(change(&["/c/b.md"], Write::Started))
            .unwrap_or_default();
        let first = change(&["/c/a.md"], Write::Started);
        let got = settle(first, &rx, Duration::from_millis(1));
        assert_eq!(got, paths(&["/c/a.md", "/c/b.md"]));
        drop(tx);
    }
}
