//! Render jobs and their executor. Every file of the site is a job: its path, what makes it
//! (a theme template, a serializer, or bytes as they are) and the view it is made from. The
//! executor runs jobs from any thread, hands each file to the sink, and reuses the previous
//! render's bytes for a file whose view, maker and theme are unchanged: a page can change only
//! through its view, so the cache cannot serve a stale page.

use super::cache::{RenderCache, RenderStats};
use super::theme::{self, Theme};
use super::view::Markup;
use super::{PageSink, SharedPage};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::hash::{FastHash, hash_of};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// What a template or serializer is given: plain data that serializes for the one and hashes
/// for the cache. Every `Serialize + Hash` value is a view.
pub trait View: Send + Sync {
    /// A fingerprint of everything the view holds.
    fn key(&self) -> u64;
    /// The template's variables: the view's fields.
    fn context(&self) -> Result<tera::Context, tera::Error>;
    /// The view as JSON, pretty or compact, appended to `out`; nothing on failure.
    fn write_json(&self, pretty: bool, out: &mut Vec<u8>);
}

impl<T: Serialize + Hash + Send + Sync> View for T {
    fn key(&self) -> u64 {
        hash_of(self)
    }

    fn context(&self) -> Result<tera::Context, tera::Error> {
        tera::Context::from_serialize(self)
    }

    fn write_json(&self, pretty: bool, out: &mut Vec<u8>) {
        let start = out.len();
        let written = if pretty {
            serde_json::to_writer_pretty(&mut *out, self)
        } else {
            serde_json::to_writer(&mut *out, self)
        };
        if written.is_err() {
            out.truncate(start);
        }
    }
}

/// A view that makes the template's variables itself rather than through `Serialize`: to
/// convert a part that several views show once and share it between them (template values
/// are reference-counted), where converting it for each would cost time and memory.
pub trait Variables: Hash + Send + Sync {
    /// The template's variables.
    fn variables(&self) -> Result<tera::Context, tera::Error>;
}

/// A [`Variables`] view as a job's view; only templates read it.
struct Shaped<T>(T);

impl<T: Variables> View for Shaped<T> {
    fn key(&self) -> u64 {
        hash_of(&self.0)
    }

    fn context(&self) -> Result<tera::Context, tera::Error> {
        self.0.variables()
    }

    fn write_json(&self, _pretty: bool, _out: &mut Vec<u8>) {
        // Only `Job::shaped_page` makes one, and templates never ask for JSON.
    }
}

/// A template value from a view's part, for [`Variables`].
pub fn value_of<T: Serialize + ?Sized>(part: &T) -> Result<tera::Value, tera::Error> {
    tera::Value::try_from_serializable(part)
}

/// A file written by code from its data rather than by a template: the exports.
pub trait Written: Send + Sync {
    /// A fingerprint of everything the file is written from.
    fn key(&self) -> u64;
    /// The file's bytes.
    fn write(&self) -> Vec<u8>;
}

/// How a job's file is made.
pub enum Make<'a> {
    /// Written by code from its data.
    Written(Box<dyn Written + 'a>),
    /// Pretty JSON with a final newline.
    Json(Box<dyn View + 'a>),
    /// Rendered by the theme's template of this name.
    Template(&'static str, Box<dyn View + 'a>),
    /// Compact JSON assigned to this global in a script, so pages opened from `file://`
    /// (where fetching JSON is blocked) can load it.
    Script(&'static str, Box<dyn View + 'a>),
    /// Compact JSON: one entry of a JSON array made of parts ([`Executor::part`]).
    Compact(Box<dyn View + 'a>),
    /// Bytes published as they are: theme assets and the content's own files.
    Copy(&'a [u8]),
}

/// One file of the site to make.
pub struct Job<'a> {
    /// Path inside the site, with `/` separators.
    pub path: String,
    /// How it is made.
    pub make: Make<'a>,
}

impl<'a> Job<'a> {
    /// A file rendered by the theme's `template` from `view`.
    pub fn page(path: impl Into<String>, template: &'static str, view: impl View + 'a) -> Self {
        Job {
            path: path.into(),
            make: Make::Template(template, Box::new(view)),
        }
    }

    /// A file rendered by the theme's `template` from a view that makes its own variables.
    pub fn shaped_page(
        path: impl Into<String>,
        template: &'static str,
        view: impl Variables + 'a,
    ) -> Self {
        Job {
            path: path.into(),
            make: Make::Template(template, Box::new(Shaped(view))),
        }
    }

    /// A JSON data file.
    pub fn json(path: impl Into<String>, view: impl View + 'a) -> Self {
        Job {
            path: path.into(),
            make: Make::Json(Box::new(view)),
        }
    }

    /// A script that assigns `view` to the global `name`.
    pub fn script(path: impl Into<String>, name: &'static str, view: impl View + 'a) -> Self {
        Job {
            path: path.into(),
            make: Make::Script(name, Box::new(view)),
        }
    }

    /// A file written by code.
    pub fn written(path: impl Into<String>, data: impl Written + 'a) -> Self {
        Job {
            path: path.into(),
            make: Make::Written(Box::new(data)),
        }
    }

    /// A file copied as it is.
    pub fn copy(path: impl Into<String>, bytes: &'a [u8]) -> Self {
        Job {
            path: path.into(),
            make: Make::Copy(bytes),
        }
    }
}

/// Files of one render by path: the fingerprint of what made each, and its bytes.
pub type Made = HashMap<String, (u64, Arc<Vec<u8>>), FastHash>;

/// Parts of files (a row of the index, a topic of the print edition, an entry of the search
/// index) by the fingerprint of what made each: its maker, its view and the theme.
pub type Parts = HashMap<u64, Markup, FastHash>;

/// Runs jobs and hands their files to the sink, reusing the previous render's files.
pub struct Executor<'a> {
    theme: &'a Theme,
    previous: &'a RenderCache,
    sink: &'a dyn PageSink,
    /// What the next render can reuse, when caching.
    made: Mutex<Made>,
    /// The parts made or reused, for the next render, when caching.
    parts: Mutex<Parts>,
    rendered: AtomicUsize,
    reused: AtomicUsize,
    parts_made: AtomicUsize,
    /// The size of the last file each template made: the next one's first allocation.
    sizes: Mutex<Vec<(&'static str, usize)>>,
}

impl<'a> Executor<'a> {
    /// An executor with `theme`, reusing what `previous` made and keeping what it makes if
    /// `previous` is enabled.
    pub fn new(theme: &'a Theme, previous: &'a RenderCache, sink: &'a dyn PageSink) -> Self {
        Executor {
            theme,
            previous,
            sink,
            made: Mutex::new(Made::with_capacity_and_hasher(
                previous.pages.len(),
                FastHash::default(),
            )),
            parts: Mutex::new(Parts::with_capacity_and_hasher(
                previous.parts.len(),
                FastHash::default(),
            )),
            rendered: AtomicUsize::new(0),
            reused: AtomicUsize::new(0),
            parts_made: AtomicUsize::new(0),
            sizes: Mutex::default(),
        }
    }

    /// One part of a file, made as a file would be (a template, compact JSON) or taken from
    /// the previous render when its maker, view and theme are the same: a page made of parts
    /// (the index's rows, the print edition's topics, the search index's entries) then makes
    /// again only the parts whose view changed. `path` names the file for messages.
    pub fn part(&self, make: &Make<'_>, path: &str) -> Result<Markup, Diagnostics> {
        self.part_keyed(self.part_key(make), make, path)
    }

    /// The key [`Executor::part`] keeps the part `make` makes under.
    pub fn part_key(&self, make: &Make<'_>) -> u64 {
        hash_of(&(fingerprint(make), self.theme.fingerprint))
    }

    /// [`Executor::part`] when its key is known.
    pub fn part_keyed(&self, key: u64, make: &Make<'_>, path: &str) -> Result<Markup, Diagnostics> {
        self.remember(key, path, || {
            let bytes = self.make(make, path)?;
            Ok(String::from_utf8(bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
        })
    }

    /// The text remembered under `key` (a fingerprint of everything it is made from) by the
    /// previous render, else what `make` gives; kept for the next render when caching. When
    /// the cache checks views, it is made again and must be what was remembered.
    pub fn remember(
        &self,
        key: u64,
        path: &str,
        make: impl FnOnce() -> Result<String, Diagnostics>,
    ) -> Result<Markup, Diagnostics> {
        let caching = self.previous.enabled;
        let before = caching.then(|| self.previous.parts.get(&key)).flatten();
        let markup = match before {
            Some(before) if !self.previous.check_views => before.clone(),
            _ => {
                self.parts_made.fetch_add(1, Ordering::Relaxed);
                let made = Markup::new(make()?);
                if before.is_some_and(|b| b.as_str() != made.as_str()) {
                    let message =
                        "a remembered part of it is stale: its key missed something it shows";
                    let file = std::path::PathBuf::from(path);
                    return Err(Diagnostics(vec![Diagnostic::error(&file, 0, 0, message)]));
                }
                made
            }
        };
        if caching && let Ok(mut parts) = self.parts.lock() {
            parts.insert(key, markup.clone());
        }
        Ok(markup)
    }

    /// Runs every job in parallel; the first failure in the order given.
    pub fn run_all(&self, jobs: Vec<Job<'_>>) -> Result<(), Diagnostics> {
        let results: Vec<_> = jobs.into_par_iter().map(|job| self.run(job)).collect();
        results.into_iter().collect()
    }

    /// Makes one file, or takes it from the previous render, and hands it to the sink.
    pub fn run(&self, job: Job<'_>) -> Result<(), Diagnostics> {
        self.run_keyed(job).map(|_| ())
    }

    /// Hands the sink the previous render's file at `path` if what made it (`made`, from
    /// [`Executor::run_keyed`]) and the theme are the same now; whether it could.
    pub fn reuse(&self, path: &str, made: MadeBy) -> bool {
        let key = hash_of(&(made, self.theme.fingerprint));
        let Some(bytes) = self.previous_bytes(path, key) else {
            return false;
        };
        self.hand_over(path.to_string(), bytes, key, true);
        true
    }

    /// The previous render's file at `path`, if caching and it was made under `key`.
    fn previous_bytes(&self, path: &str, key: u64) -> Option<Arc<Vec<u8>>> {
        let (k, bytes) = self.previous.pages.get(path)?;
        if !self.previous.enabled || *k != key {
            return None;
        }
        self.reused.fetch_add(1, Ordering::Relaxed);
        Some(bytes.clone())
    }

    /// Gives the sink a file (`reused`: the previous render's), and keeps it under `key` for
    /// the next render when caching.
    fn hand_over(&self, path: String, bytes: Arc<Vec<u8>>, key: u64, reused: bool) {
        let page = SharedPage { path, bytes };
        if reused {
            self.sink.accept_reused(&page);
        } else {
            self.sink.accept(&page);
        }
        if self.previous.enabled
            && let Ok(mut made) = self.made.lock()
        {
            made.insert(page.path, (key, page.bytes));
        }
    }

    /// Like [`Executor::run`], and when caching, what made the file and a fingerprint of its
    /// view, for [`Executor::reuse`] next time.
    pub fn run_keyed(&self, job: Job<'_>) -> Result<Option<MadeBy>, Diagnostics> {
        let Job { path, make } = job;
        if let Make::Copy(bytes) = &make {
            let page = SharedPage {
                path,
                bytes: Arc::new(bytes.to_vec()),
            };
            self.sink.accept(&page);
            return Ok(None);
        }
        let caching = self.previous.enabled;
        let made = caching.then(|| fingerprint(&make));
        let key = made.map_or(0, |made| hash_of(&(made, self.theme.fingerprint)));
        let (bytes, reused) = match self.previous_bytes(&path, key) {
            Some(bytes) => (bytes, true),
            None => {
                self.rendered.fetch_add(1, Ordering::Relaxed);
                (Arc::new(self.make(&make, &path)?), false)
            }
        };
        self.hand_over(path, bytes, key, reused);
        Ok(made)
    }

    fn make(&self, make: &Make<'_>, path: &str) -> Result<Vec<u8>, Diagnostics> {
        Ok(match make {
            Make::Template(name, view) => self.render(name, view.as_ref(), path)?,
            Make::Script(name, view) => script(name, view.as_ref()),
            Make::Compact(view) => {
                let mut bytes = Vec::new();
                view.write_json(false, &mut bytes);
                bytes
            }
            Make::Copy(bytes) => bytes.to_vec(),
            Make::Written(data) => data.write(),
            Make::Json(view) => {
                let mut bytes = Vec::new();
                view.write_json(true, &mut bytes);
                bytes.push(b'\n');
                bytes
            }
        })
    }

    /// Renders template `name` straight into a buffer the size of its last file plus an
    /// eighth (a topic page then grows it rarely, where it doubled five times from the
    /// template's own size), with no check of the bytes as UTF-8 (tera writes only text).
    fn render(
        &self,
        name: &'static str,
        view: &dyn View,
        path: &str,
    ) -> Result<Vec<u8>, Diagnostics> {
        let theme = self.theme;
        let last = guard(&self.sizes)
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(0, |(_, size)| *size);
        let mut bytes = Vec::with_capacity(last + last / 8);
        let rendered = view
            .context()
            .and_then(|ctx| theme.tera.render_to(name, &ctx, &mut bytes));
        if let Err(e) = rendered {
            let file = std::path::PathBuf::from(format!("themes/{}/templates/{name}", theme.name));
            let message = format!("rendering {path}: {}", theme::error_chain(&e));
            return Err(Diagnostics(vec![Diagnostic::error(&file, 0, 0, message)]));
        }
        let mut sizes = guard(&self.sizes);
        match sizes.iter_mut().find(|(n, _)| *n == name) {
            Some((_, size)) => *size = bytes.len(),
            None => sizes.push((name, bytes.len())),
        }
        drop(sizes);
        // Kept for the next render when caching: no spare capacity then.
        if self.previous.enabled {
            bytes.shrink_to_fit();
        }
        Ok(bytes)
    }

    /// What the next render can reuse (files, parts), and how much was made afresh.
    pub fn finish(self) -> (Made, Parts, RenderStats) {
        let made = self.made.into_inner().unwrap_or_else(|e| e.into_inner());
        let parts = self.parts.into_inner().unwrap_or_else(|e| e.into_inner());
        let stats = RenderStats {
            pages_rendered: self.rendered.into_inner(),
            pages_reused: self.reused.into_inner(),
            notes_rendered: 0,
            parts_made: self.parts_made.into_inner(),
        };
        (made, parts, stats)
    }
}

fn guard<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// What made a file (a template's name, `json`…) and a fingerprint of its view.
pub type MadeBy = (&'static str, u64);

/// What made a file and a fingerprint of its view: the cache's key but for the theme.
fn fingerprint(make: &Make<'_>) -> MadeBy {
    match make {
        Make::Template(name, view) => (name, view.key()),
        Make::Script(name, view) => (name, view.key()),
        Make::Written(data) => ("written", data.key()),
        Make::Json(view) => ("json", view.key()),
        Make::Compact(view) => ("compact", view.key()),
        Make::Copy(_) => ("copy", 0),
    }
}

/// `window.<name>=<json>;` with a final newline, the JSON written in place after its prefix
/// (the search index is megabytes: a copy would hold it twice).
fn script(name: &str, view: &dyn View) -> Vec<u8> {
    let mut bytes = format!("window.{name}=").into_bytes();
    let start = bytes.len();
    view.write_json(false, &mut bytes);
    if bytes.len() == start {
        bytes.extend_from_slice(b"[]");
    }
    bytes.extend_from_slice(b";\n");
    // Line breaks U+2028/9 are valid in JSON but not in older JavaScript string literals.
    if bytes
        .windows(3)
        .any(|w| w == "\u{2028}".as_bytes() || w == "\u{2029}".as_bytes())
    {
        let text = String::from_utf8_lossy(&bytes);
        bytes = text
            .replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029")
            .into_bytes();
    }
    bytes
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// A remembered part is taken as it is, unless the cache checks views: then it is made
    /// again, and one that would come out otherwise fails the render.
    #[test]
    fn a_remembered_part_is_reused_and_checked() {
        let theme = Theme::load(std::path::Path::new("/nonexistent"), "default").unwrap();
        let mut previous = RenderCache::enabled();
        previous.parts.insert(7, Markup::new("remembered".into()));
        let sink = super::super::Discard;
        let exec = Executor::new(&theme, &previous, &sink);
        let part = exec
            .remember(7, "index.html", || Ok("made".into()))
            .unwrap();
        assert_eq!(part.as_str(), "remembered");
        let fresh = exec
            .remember(8, "index.html", || Ok("made".into()))
            .unwrap();
        assert_eq!(fresh.as_str(), "made");
        let (_, parts, stats) = exec.finish();
        assert_eq!((parts.len(), stats.parts_made), (2, 1));
        previous.check_views = true;
        let exec = Executor::new(&theme, &previous, &sink);
        let stale = exec.remember(7, "index.html", || Ok("made".into()));
        let problem = &stale.unwrap_err().0[0];
        assert_eq!(problem.file, std::path::Path::new("index.html"));
        assert!(problem.message.contains("stale"), "{}", problem.message);
        assert!(
            exec.remember(7, "index.html", || Ok("remembered".into()))
                .is_ok()
        );
    }
}
