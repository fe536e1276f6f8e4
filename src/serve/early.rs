//! The sink of serve's rebuilds. It keeps every file for the swap at the end, and as soon as
//! every topic page is made (and the notes checked), it shows the topic pages that changed and
//! tells their open pages, so the page being edited reloads before the site-wide pages (the
//! index of every topic, the map, tags, search…) are done. If the rebuild then fails, what it
//! showed early is put back, so serve never keeps what a fresh build would not give.

use super::events::Hub;
use super::state::{Served, Shared};
use crate::render::{PageSink, SharedPage};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Instant, SystemTime};

/// Collects a rebuild's files; shows the changed topic pages early when allowed.
pub struct Staged<'a> {
    /// The files made afresh (the render cache's own are only counted: see `reused`).
    pages: Mutex<Vec<SharedPage>>,
    /// How many files the render cache gave back as the last render made them: the snapshot
    /// serves those very bytes already.
    reused: AtomicUsize,
    /// Where to show them early; `None` when this rebuild must not.
    early: Option<(&'a Shared, &'a Hub)>,
    /// What showing early replaced: each path with the file served before (`None`: there was
    /// none), to put back if the rebuild fails.
    replaced: Mutex<Vec<(String, Option<Served>)>>,
    /// When the changed topic pages were shown, if any were.
    shown: Mutex<Option<Instant>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl<'a> Staged<'a> {
    /// A sink that shows the topic pages early in `shared` and tells `hub`, or, with `None`,
    /// only collects.
    pub fn new(early: Option<(&'a Shared, &'a Hub)>) -> Self {
        Staged {
            pages: Mutex::default(),
            reused: AtomicUsize::new(0),
            early,
            replaced: Mutex::default(),
            shown: Mutex::default(),
        }
    }

    /// How many files were the render cache's, as the last render made them.
    pub fn reused(&self) -> usize {
        self.reused.load(Ordering::Relaxed)
    }

    /// Every file received but those reused, in no set order.
    pub fn into_pages(self) -> Vec<SharedPage> {
        self.pages
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// When the changed topic pages were shown, if any were.
    pub fn shown(&self) -> Option<Instant> {
        *lock(&self.shown)
    }

    /// Puts back what was shown early, after a failed rebuild; the paths put back.
    pub fn undo(&self) -> Vec<String> {
        let replaced = std::mem::take(&mut *lock(&self.replaced));
        let Some((shared, _)) = self.early else {
            return Vec::new();
        };
        let Ok(mut snap) = shared.write() else {
            return Vec::new();
        };
        let mut paths = Vec::with_capacity(replaced.len());
        for (path, old) in replaced {
            match old {
                Some(served) => snap.files.insert(path.clone(), served),
                None => snap.files.remove(&path),
            };
            paths.push(path);
        }
        paths
    }

    /// The files received so far whose bytes are new to the snapshot.
    fn changed(&self, shared: &Shared) -> Vec<SharedPage> {
        let pages = lock(&self.pages);
        let Ok(snap) = shared.read() else {
            return Vec::new();
        };
        pages
            .iter()
            .filter(|p| {
                snap.files
                    .get(&p.path)
                    .is_none_or(|old| !Arc::ptr_eq(&old.bytes, &p.bytes) && old.bytes != p.bytes)
            })
            .cloned()
            .collect()
    }
}

impl PageSink for Staged<'_> {
    fn accept(&self, page: &SharedPage) {
        lock(&self.pages).push(page.clone());
    }

    fn accept_reused(&self, _: &SharedPage) {
        self.reused.fetch_add(1, Ordering::Relaxed);
    }

    fn topics_first(&self) -> bool {
        self.early.is_some()
    }

    /// The site-wide pages render on threads of lower priority: the browser fetching and
    /// painting the edited page, shown a moment ago, comes first on a busy machine.
    fn after_topics(&self, rest: &mut (dyn FnMut() + Send)) {
        match yielding_pool() {
            Some(pool) if self.early.is_some() => pool.install(rest),
            _ => rest(),
        }
    }

    fn topics_done(&self) {
        let Some((shared, hub)) = self.early else {
            return;
        };
        let changed = self.changed(shared);
        if changed.is_empty() {
            return;
        }
        let now = SystemTime::now();
        let mut paths: Vec<String> = changed.iter().map(|p| p.path.clone()).collect();
        {
            let Ok(mut snap) = shared.write() else {
                return;
            };
            let mut replaced = lock(&self.replaced);
            for page in changed {
                let old = snap
                    .files
                    .insert(page.path.clone(), Served::new(page.bytes, now));
                replaced.push((page.path, old));
            }
        }
        *lock(&self.shown) = Some(Instant::now());
        paths.sort();
        hub.broadcast("reload", &serde_json::to_string(&paths).unwrap_or_default());
    }
}

/// Threads, one per core, that give way to other work of the same user (such as the browser
/// showing the page) where the system allows it; `None` if they cannot be made.
fn yielding_pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("waymark-site-{i}"))
            .start_handler(|_| lower_priority())
            .build()
            .ok()
    })
    .as_ref()
}

/// Lowers the calling thread's priority (Linux: its nice value, which is per thread there).
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority only reads its arguments; on failure the thread keeps its priority.
    unsafe {
        let tid = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, NICE);
    }
}

/// How much lower: enough that a browser at the default priority gets most of a core while
/// both want it, and the site-wide pages still most of one while it is idle.
#[cfg(target_os = "linux")]
const NICE: libc::c_int = 5;
