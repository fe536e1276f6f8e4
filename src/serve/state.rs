//! The site as served: the last good build in memory, the current build error if any, and the
//! rebuild that keeps them up to date.

use super::events::Hub;
use crate::render::Page;
use crate::render::cache::RenderCache;
use crate::site::{Site, SiteOptions};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::{Instant, SystemTime};

/// One served file: its bytes and when they last changed.
#[derive(Debug, Clone)]
pub struct Served {
    /// The file's bytes as built (no live-reload script).
    pub bytes: Arc<Vec<u8>>,
    /// When these bytes first appeared, for `Last-Modified`.
    pub since: SystemTime,
}

/// What the server shows right now.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Every file of the last good build, by path inside the site.
    pub files: HashMap<String, Served>,
    /// The last build's problems, shown over every page until fixed.
    pub error: Option<String>,
}

/// The snapshot shared between the server's threads.
pub type Shared = Arc<RwLock<Snapshot>>;

/// Rebuilds the site and publishes the result to the snapshot and the open pages.
pub struct Builder {
    opts: SiteOptions,
    site: Option<Site>,
    cache: RenderCache,
}

impl Builder {
    /// A builder for the site described by `opts`.
    pub fn new(opts: SiteOptions) -> Self {
        Builder {
            opts,
            site: None,
            cache: RenderCache::default(),
        }
    }

    /// Builds again after `changed` paths changed (everything when `None`), updates the
    /// snapshot, tells the pages, and returns a line for the terminal.
    pub fn rebuild(&mut self, shared: &Shared, hub: &Hub, changed: Option<&[PathBuf]>) -> String {
        let start = Instant::now();
        let loaded = match (self.site.take(), changed) {
            (Some(site), Some(paths)) => site.refresh(&self.opts, paths),
            _ => Site::load(&self.opts),
        };
        let site = match loaded {
            Ok(s) => s,
            Err(e) => return self.fail(shared, hub, format!("error: {e:#}")),
        };
        let rendered = site.render_cached(&self.cache);
        self.site = Some(site);
        match rendered {
            Ok((pages, cache, stats)) => {
                self.cache = cache;
                let total = stats.pages_rendered + stats.pages_reused;
                let changed = publish(shared, pages);
                let was_broken = take_error(shared);
                if !changed.is_empty() {
                    hub.broadcast(
                        "reload",
                        &serde_json::to_string(&changed).unwrap_or_default(),
                    );
                } else if was_broken {
                    hub.broadcast("build-ok", "");
                }
                format!(
                    "rebuilt {} of {} topic pages in {} ms; {} files changed",
                    stats.pages_rendered,
                    total,
                    start.elapsed().as_millis(),
                    changed.len()
                )
            }
            Err(failed) => self.fail(shared, hub, failed.to_string()),
        }
    }

    fn fail(&mut self, shared: &Shared, hub: &Hub, text: String) -> String {
        if let Ok(mut s) = shared.write() {
            s.error = Some(text.clone());
        }
        hub.broadcast(
            "build-error",
            &serde_json::to_string(&text).unwrap_or_default(),
        );
        text
    }
}

fn take_error(shared: &Shared) -> bool {
    shared
        .write()
        .map(|mut s| s.error.take().is_some())
        .unwrap_or(false)
}

/// Swaps the new build in; returns the paths whose bytes changed, appeared or went away.
fn publish(shared: &Shared, pages: Vec<Page>) -> Vec<String> {
    let now = SystemTime::now();
    let Ok(mut snap) = shared.write() else {
        return Vec::new();
    };
    let mut changed = Vec::new();
    let mut files = HashMap::with_capacity(pages.len());
    for page in pages {
        let served = match snap.files.remove(&page.path) {
            Some(old) if *old.bytes == page.bytes => old,
            _ => {
                changed.push(page.path.clone());
                Served {
                    bytes: Arc::new(page.bytes),
                    since: now,
                }
            }
        };
        files.insert(page.path, served);
    }
    changed.extend(snap.files.drain().map(|(path, _)| path));
    changed.sort();
    snap.files = files;
    changed
}
