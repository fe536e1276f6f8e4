//! The site as served: the last good build in memory, the current build error if any, and the
//! rebuild that keeps them up to date.

use super::early::Staged;
use super::events::Hub;
use crate::diagnostic::Diagnostics;
use crate::hash::FastHash;
use crate::hash::fingerprint;
use crate::render::SharedPage;
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
    /// A fingerprint of the bytes, for the `ETag`: taken once when they appear, not per request.
    pub tag: u64,
}

impl Served {
    /// Bytes first served at `since`.
    pub(super) fn new(bytes: Arc<Vec<u8>>, since: SystemTime) -> Self {
        let tag = fingerprint(&[&bytes]);
        Served { bytes, since, tag }
    }
}

/// What the server shows right now.
#[derive(Debug)]
pub struct Snapshot {
    /// Every file of the last good build, by path inside the site.
    pub files: HashMap<String, Served, FastHash>,
    /// The last build's problems, shown over every page until fixed.
    pub error: Option<String>,
    /// The last good build's warnings, shown collapsed over every page while there is no
    /// error.
    pub warnings: Vec<String>,
    /// When `error` or `warnings` last changed: pages show them, so it dates them too.
    pub error_since: SystemTime,
    /// The path the site is served under: `/`, or the path of `base_url` such as `/repo/`.
    pub base: String,
    /// What the pages get added, as last made (see `tail::Tail`).
    pub tail: std::sync::Mutex<Option<Arc<super::tail::Tail>>>,
}

impl Snapshot {
    /// The path the site is served under, `/` until known.
    pub fn base(&self) -> &str {
        if self.base.is_empty() {
            "/"
        } else {
            &self.base
        }
    }
}

impl Default for Snapshot {
    fn default() -> Self {
        Snapshot {
            files: HashMap::default(),
            error: None,
            warnings: Vec::new(),
            error_since: SystemTime::UNIX_EPOCH,
            base: "/".into(),
            tail: std::sync::Mutex::default(),
        }
    }
}

/// The path part of a base URL, with a slash at each end: `https://me.github.io/repo/` and
/// `/repo` give `/repo/`; none, or one without a path, gives `/`.
pub fn base_path(base_url: Option<&str>) -> String {
    let url = base_url.unwrap_or("").trim();
    let path = match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |i| &rest[i..]),
        None => url,
    };
    let path = path
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .trim_matches('/');
    if path.is_empty() {
        "/".into()
    } else {
        format!("/{path}/")
    }
}

/// The snapshot shared between the server's threads.
pub type Shared = Arc<RwLock<Snapshot>>;

/// Rebuilds the site and publishes the result to the snapshot and the open pages.
pub struct Builder {
    opts: SiteOptions,
    site: Option<Site>,
    cache: RenderCache,
    /// The last good build's warnings as printed, so each is printed once.
    warned: Vec<String>,
}

impl Builder {
    /// A builder for the site described by `opts`.
    pub fn new(opts: SiteOptions) -> Self {
        Builder {
            opts,
            site: None,
            cache: RenderCache::enabled(),
            warned: Vec::new(),
        }
    }

    /// Whether `changed` leaves the site as it is: temporary files that came and went in the
    /// content folder, which it never had. Nothing need be built again for them.
    pub fn unchanged_by(&self, changed: &[PathBuf]) -> bool {
        self.site
            .as_ref()
            .is_some_and(|s| s.content.unchanged_by(&self.opts.content, changed))
    }

    /// Builds again after `changed` paths changed (everything when `None`), updates the
    /// snapshot, tells the pages, and returns a line for the terminal.
    pub fn rebuild(&mut self, shared: &Shared, hub: &Hub, changed: Option<&[PathBuf]>) -> String {
        let start = Instant::now();
        let pages_before = self.site.as_ref().map(topic_pages);
        let loaded = match (self.site.take(), changed) {
            (Some(site), Some(paths)) => site.refresh(&self.opts, paths),
            _ => Site::load_whole(&self.opts),
        };
        let mut site = match loaded {
            Ok(s) => s,
            Err(e) => return self.fail(shared, hub, format!("error: {e:#}")),
        };
        // Served under the base URL's path, with the 404 page's links made from that path.
        let base = base_path(site.config.base_url.as_deref());
        site.config.base_url = Some(base.clone());
        // The edited topic's page may be shown before the site-wide pages when the site has
        // no error so far and the same topic pages as before (none appears or goes away
        // before the rest), and is put back if the rebuild fails after all.
        let clean = !site.diagnostics.has_errors()
            && pages_before == Some(topic_pages(&site))
            && shared.read().is_ok_and(|s| s.error.is_none());
        let all = Staged::new(clean.then_some((shared, hub)));
        let rendered = site.render_into(&self.cache, &all);
        self.site = Some(site);
        let done = match rendered {
            Ok(done) => done,
            Err(failed) => {
                // The topic pages shown early are put back, and the pages showing them reload.
                broadcast_reload(hub, &all.undo());
                return self.fail(shared, hub, failed.to_string());
            }
        };
        crate::site::drop_later(std::mem::replace(&mut self.cache, done.cache));
        let stats = done.stats;
        let new_warnings = self.warn(shared, hub, &done.warnings);
        let made = stats.pages_rendered + stats.pages_reused;
        let early = all.shown().map(|t| t.duration_since(start).as_millis());
        let reused = all.reused();
        let built = Built {
            fresh: all.into_pages(),
            reused,
            paths: &done.paths,
            cache: &self.cache,
        };
        let changed = publish(shared, built, &base);
        let was_broken = take_error(shared);
        if !broadcast_reload(hub, &changed) && was_broken {
            hub.broadcast("ok", "");
        }
        let early = early.map_or(String::new(), |ms| {
            format!("; the changed topic pages shown after {ms} ms")
        });
        format!(
            "rebuilt {} of {made} pages in {} ms ({} files changed{early}){new_warnings}",
            stats.pages_rendered,
            start.elapsed().as_millis(),
            changed.len()
        )
    }

    /// The path the site is served under, once it has loaded.
    pub fn base(&self) -> String {
        base_path(
            self.site
                .as_ref()
                .and_then(|s| s.config.base_url.as_deref()),
        )
    }

    /// Keeps a good build's warnings for the pages, tells open pages when they changed, and
    /// returns those the previous build did not have, one per line, for the terminal.
    fn warn(&mut self, shared: &Shared, hub: &Hub, warnings: &Diagnostics) -> String {
        let texts: Vec<String> = warnings.0.iter().map(ToString::to_string).collect();
        let fresh: String = texts
            .iter()
            .filter(|t| !self.warned.contains(t))
            .map(|t| format!("\n{t}"))
            .collect();
        let changed = shared.write().is_ok_and(|mut s| {
            let changed = s.warnings != texts;
            if changed {
                s.warnings = texts.clone();
                s.error_since = SystemTime::now();
            }
            changed
        });
        if changed {
            let data = serde_json::to_string(&texts).unwrap_or_default();
            hub.broadcast("warnings", &data);
        }
        self.warned = texts;
        fresh
    }

    fn fail(&mut self, shared: &Shared, hub: &Hub, text: String) -> String {
        if let Ok(mut s) = shared.write() {
            s.error = Some(text.clone());
            s.error_since = SystemTime::now();
        }
        hub.broadcast("error", &serde_json::to_string(&text).unwrap_or_default());
        text
    }
}

/// Tells the open pages showing `paths` to reload; whether there were any.
fn broadcast_reload<S: serde::Serialize>(hub: &Hub, paths: &[S]) -> bool {
    if paths.is_empty() {
        return false;
    }
    hub.broadcast("reload", &serde_json::to_string(paths).unwrap_or_default());
    true
}

/// A fingerprint of which topic pages a site has: their ids, which make their paths.
fn topic_pages(site: &Site) -> u64 {
    let ids: Vec<&str> = site.roadmap.topics.iter().map(|t| t.id.as_str()).collect();
    crate::hash::hash_of(&ids)
}

fn take_error(shared: &Shared) -> bool {
    shared
        .write()
        .map(|mut s| {
            let was = s.error.take().is_some();
            if was {
                s.error_since = SystemTime::now();
            }
            was
        })
        .unwrap_or(false)
}

/// A good build, to publish: the files made afresh, how many more the render cache gave back
/// (the very bytes the snapshot serves), every file's path, sorted, and the cache that holds
/// every file it made or gave back.
struct Built<'a> {
    fresh: Vec<SharedPage>,
    reused: usize,
    paths: &'a [String],
    cache: &'a RenderCache,
}

/// Puts the new build in; returns the paths whose bytes changed, appeared or went away (those
/// shown early are already in the snapshot, unchanged). What changed is sorted out under a
/// read lock, so pages keep being served meanwhile; the write lock only puts in the few files
/// that changed and takes out those gone, rather than swapping in a new table of every file.
fn publish(shared: &Shared, built: Built<'_>, base: &str) -> Vec<String> {
    let now = SystemTime::now();
    let (fresh, gone) = {
        let Ok(snap) = shared.read() else {
            return Vec::new();
        };
        // Every reused file is served already, unchanged.
        let mut present = built.reused;
        let mut fresh = Vec::new();
        for page in &built.fresh {
            match snap.files.get(&page.path) {
                Some(old) if Arc::ptr_eq(&old.bytes, &page.bytes) || old.bytes == page.bytes => {
                    present += 1;
                }
                old => {
                    present += usize::from(old.is_some());
                    fresh.push(page.clone());
                }
            }
        }
        // Every file served before is still there unless fewer of them were met.
        let gone: Vec<String> = if present == snap.files.len() {
            Vec::new()
        } else {
            let kept = |p: &String| built.paths.binary_search(p).is_ok();
            snap.files.keys().filter(|p| !kept(p)).cloned().collect()
        };
        (fresh, gone)
    };
    let mut changed: Vec<String> = fresh.iter().map(|p| p.path.clone()).collect();
    changed.extend(gone.iter().cloned());
    let replaced = {
        let Ok(mut snap) = shared.write() else {
            return Vec::new();
        };
        if snap.base != base {
            snap.base = base.to_string();
        }
        let mut replaced = Vec::with_capacity(fresh.len() + gone.len());
        for page in fresh {
            let served = Served::new(page.bytes, now);
            replaced.extend(snap.files.insert(page.path, served));
        }
        replaced.extend(gone.iter().filter_map(|p| snap.files.remove(p)));
        if snap.files.len() != built.paths.len() {
            // A reused file the snapshot lacked (never expected): taken from the cache.
            changed.extend(restore(&mut snap, &built, now));
        }
        replaced
    };
    changed.sort();
    // What was replaced is let go outside the lock, and off the rebuild's way, with the list.
    crate::site::drop_later((replaced, built.fresh));
    changed
}

/// Puts in every file of `built` that `snap` lacks, from the render cache; their paths.
fn restore(snap: &mut Snapshot, built: &Built<'_>, now: SystemTime) -> Vec<String> {
    let mut restored = Vec::new();
    for path in built.paths {
        if snap.files.contains_key(path) {
            continue;
        }
        if let Some(bytes) = built.cache.page(path) {
            snap.files
                .insert(path.clone(), Served::new(bytes.clone(), now));
            restored.push(path.clone());
        }
    }
    restored
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Publishing puts in the files made afresh that changed, takes out those gone, and
    /// leaves the reused ones and the unchanged ones as they were served.
    #[test]
    fn publishing_changes_only_what_changed() {
        let shared: Shared = Arc::default();
        let bytes = |s: &str| Arc::new(s.as_bytes().to_vec());
        let since = SystemTime::UNIX_EPOCH;
        if let Ok(mut snap) = shared.write() {
            for (path, text) in [("a", "A"), ("b", "B"), ("c", "C"), ("d", "D")] {
                snap.files
                    .insert(path.into(), Served::new(bytes(text), since));
            }
        }
        let page = |path: &str, text: &str| SharedPage {
            path: path.into(),
            bytes: bytes(text),
        };
        let cache = RenderCache::default();
        let paths: Vec<String> = ["a", "b", "c", "e"].map(String::from).to_vec();
        let built = Built {
            // `b` made again the same, `c` changed, `e` new; `a` reused; `d` gone.
            fresh: vec![page("b", "B"), page("c", "C2"), page("e", "E")],
            reused: 1,
            paths: &paths,
            cache: &cache,
        };
        assert_eq!(publish(&shared, built, "/"), ["c", "d", "e"]);
        let snap = shared
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut files: Vec<(&str, &[u8])> = (snap.files.iter())
            .map(|(p, s)| (p.as_str(), s.bytes.as_slice()))
            .collect();
        files.sort();
        let want: [(&str, &[u8]); 4] = [("a", b"A"), ("b", b"B"), ("c", b"C2"), ("e", b"E")];
        assert_eq!(files, want);
        assert_eq!(
            snap.files["b"].since, since,
            "an unchanged file keeps its date"
        );
    }

    #[test]
    fn serves_under_the_base_urls_path() {
        assert_eq!(base_path(None), "/");
        assert_eq!(base_path(Some("https://me.example/")), "/");
        assert_eq!(base_path(Some("https://me.example")), "/");
        assert_eq!(base_path(Some("https://me.github.io/repo/")), "/repo/");
        assert_eq!(base_path(Some("https://me.github.io/a/b")), "/a/b/");
        assert_eq!(base_path(Some("/repo")), "/repo/");
    }
}
