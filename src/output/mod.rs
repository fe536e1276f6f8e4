//! Writes a rendered site to disk as it is rendered: into a working folder beside the output,
//! swapped in whole only when every file is written ([`swap`]), one build at a time per output
//! ([`lock`]). Never deletes what waymark did not create.

mod lock;
mod swap;

pub use lock::{OutputLock, lock, lock_file, release};

use crate::interrupt::critical;
use crate::render::{PageSink, SharedPage};
use anyhow::{Context, Result, bail};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The file that marks a folder as waymark's output and lists what waymark wrote there.
pub const MARKER: &str = crate::disk::OUTPUT_MARKER;

/// What writing the site did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files written because they are new or changed.
    pub written: usize,
    /// Files left as they were because their bytes did not change.
    pub unchanged: usize,
    /// Files of the previous build that the site no longer has.
    pub removed: usize,
}

/// Writes a site into `output` as its files are rendered. The whole new site is put together
/// in a working folder beside the output: new and changed files written in full, unchanged ones
/// hard-linked from the previous site (their bytes and dates kept). Only [`SiteWriter::finish`]
/// swaps it in, in one step, so a failed or stopped build leaves the previous site as it was.
/// Dropped unfinished, it removes its working folder. Hold the output's [`lock`] while using it.
#[derive(Debug)]
pub struct SiteWriter {
    output: PathBuf,
    tmp: PathBuf,
    /// What the previous build wrote: `None` when there was no output folder, an empty set
    /// when it was empty. A non-empty set means updating in place.
    previous: Option<BTreeSet<String>>,
    /// Files written because they are new or changed.
    written: AtomicUsize,
    /// Files linked from the previous site because their bytes did not change.
    kept: AtomicUsize,
    /// The first write that failed.
    failure: Mutex<Option<anyhow::Error>>,
    /// Set once the new site is in place.
    swapped: std::sync::Arc<AtomicBool>,
    finished: bool,
}

impl SiteWriter {
    /// Checks that `output` may be written (not the content, not inside it, not someone else's
    /// folder), finishes a swap a stopped build left half done, removes a stopped build's
    /// working folder and makes a new one.
    pub fn begin(output: &Path, content: &Path) -> Result<SiteWriter> {
        refuse_overlap(output, content)?;
        // A link to the output folder stays a link: the folder it names is swapped.
        let linked = fs::symlink_metadata(output).is_ok_and(|m| m.file_type().is_symlink());
        let output = &if linked {
            fs::canonicalize(output)
                .with_context(|| format!("cannot follow the link {}", output.display()))?
        } else {
            output.to_path_buf()
        };
        let tmp = working_folder(output)?;
        let previous = critical(|| -> Result<_> {
            if let Some(note) = swap::recover(output, &tmp)? {
                eprintln!("{note}");
            }
            remove_own(&tmp)?;
            let previous = previous_output(output)?;
            fs::create_dir_all(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
            // The marker first, so a build cut short leaves a folder the next one may remove.
            fs::write(tmp.join(MARKER), "")
                .with_context(|| format!("cannot write in {}", tmp.display()))?;
            Ok(previous)
        })?;
        Ok(SiteWriter {
            output: output.to_path_buf(),
            tmp,
            previous,
            written: AtomicUsize::new(0),
            kept: AtomicUsize::new(0),
            failure: Mutex::default(),
            swapped: std::sync::Arc::default(),
            finished: false,
        })
    }

    /// Set once the new site is in place: from then on a stop leaves the new site.
    pub fn swapped(&self) -> std::sync::Arc<AtomicBool> {
        self.swapped.clone()
    }

    fn updating(&self) -> bool {
        self.previous.as_ref().is_some_and(|p| !p.is_empty())
    }

    fn stage(&self, page: &SharedPage) -> Result<()> {
        let path = self.tmp.join(&page.path);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder)
                .with_context(|| format!("cannot create {}", folder.display()))?;
        }
        if self.updating() {
            let old = self.output.join(&page.path);
            if fs::read(&old).is_ok_and(|b| b == *page.bytes) && fs::hard_link(&old, &path).is_ok()
            {
                self.kept.fetch_add(1, Ordering::Relaxed);
                return Ok(());
            }
        }
        fs::write(&path, &*page.bytes)
            .with_context(|| format!("cannot write {}", path.display()))?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Swaps the new site in once it is whole (`paths`, every file it has), then removes the
    /// previous one.
    pub fn finish(mut self, paths: &[String]) -> Result<WriteReport> {
        if let Some(e) = guard(&self.failure).take() {
            return Err(e);
        }
        let written = self.written.load(Ordering::Relaxed);
        let kept = self.kept.load(Ordering::Relaxed);
        if written + kept != paths.len() {
            bail!(
                "internal error: {} files rendered but {} written; the previous site is left as it was",
                paths.len(),
                written + kept
            );
        }
        let manifest: String = paths.iter().map(|p| format!("{p}\n")).collect();
        let current: BTreeSet<&str> = paths.iter().map(String::as_str).collect();
        let previous = self.previous.take();
        let removed = previous.as_ref().map_or(0, |listed| {
            listed
                .iter()
                .filter(|f| !current.contains(f.as_str()))
                .count()
        });
        let (output, tmp) = (&self.output, &self.tmp);
        critical(|| -> Result<()> {
            fs::write(tmp.join(MARKER), manifest)
                .with_context(|| format!("cannot write in {}", tmp.display()))?;
            let replace = match &previous {
                Some(listed) if listed.is_empty() => {
                    fs::remove_dir(output).with_context(|| {
                        format!("cannot replace the empty folder {}", output.display())
                    })?;
                    false
                }
                Some(_) => true,
                None => false,
            };
            swap::swap_in(tmp, output, replace)?;
            self.swapped.store(true, Ordering::SeqCst);
            trace("swapped");
            Ok(())
        })?;
        self.finished = true;
        if let Err(e) = remove_own(tmp) {
            eprintln!("warning: {e:#}; the next build removes it");
        }
        Ok(WriteReport {
            written,
            unchanged: kept,
            removed,
        })
    }
}

impl PageSink for SiteWriter {
    fn accept(&self, page: &SharedPage) {
        if guard(&self.failure).is_some() {
            return;
        }
        if let Err(e) = critical(|| self.stage(page)) {
            guard(&self.failure).get_or_insert(e);
        }
    }
}

impl Drop for SiteWriter {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Says which step the build is at, for the tests that stop builds at chosen moments.
fn trace(step: &str) {
    if std::env::var_os("WAYMARK_TRACE").is_some() {
        eprintln!("trace: {step}");
    }
}

fn guard<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Refuses an output folder that is, holds or sits inside the content folder.
pub fn refuse_overlap(output: &Path, content: &Path) -> Result<()> {
    let (out, inside) = (resolved(output)?, resolved(content)?);
    if inside.starts_with(&out) {
        bail!(
            "refusing to write the site to {}: it is or contains the content folder {}; pick another --output",
            output.display(),
            content.display()
        );
    }
    if out.starts_with(&inside) {
        bail!(
            "refusing to write the site to {}: it is inside the content folder {}, whose every file is published; pick an --output outside it",
            output.display(),
            content.display()
        );
    }
    Ok(())
}

/// `path` made absolute with links resolved as far as it exists.
fn resolved(path: &Path) -> Result<PathBuf> {
    let abs = std::path::absolute(path)?;
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name);
                existing = parent;
            }
            _ => return Ok(abs),
        }
    }
    let mut out = fs::canonicalize(existing).unwrap_or_else(|_| existing.to_path_buf());
    out.extend(rest.iter().rev());
    Ok(out)
}

/// The files a previous build wrote, or `None` if there is no output folder yet.
fn previous_output(output: &Path) -> Result<Option<BTreeSet<String>>> {
    if !output.exists() {
        return Ok(None);
    }
    if !output.is_dir() {
        bail!(
            "{} exists and is not a folder; remove it or pick another --output",
            output.display()
        );
    }
    let marker = output.join(MARKER);
    if !marker.is_file() {
        if fs::read_dir(output)?.next().is_none() {
            return Ok(Some(BTreeSet::new()));
        }
        bail!(
            "refusing to replace {}: it is not empty and was not written by waymark; pick another --output or empty it yourself",
            output.display()
        );
    }
    let listed: BTreeSet<String> = fs::read_to_string(&marker)?
        .lines()
        .map(str::to_string)
        .collect();
    let foreign: Vec<String> = files_in(output)?
        .into_iter()
        .filter(|f| f != MARKER && !listed.contains(f))
        .collect();
    if !foreign.is_empty() {
        bail!(
            "refusing to replace {}: it holds files waymark did not write ({}); move them out (put files to publish in static/ beside waymark.yaml) and build again",
            output.display(),
            foreign.join(", ")
        );
    }
    Ok(Some(listed))
}

fn files_in(dir: &Path) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(dir).min_depth(1) {
        let e = e?;
        if !e.file_type().is_dir() {
            let rel = e.path().strip_prefix(dir)?;
            out.push(
                rel.components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/"),
            );
        }
    }
    Ok(out)
}

/// The working folder of a build of `output`: `.NAME.waymark-tmp` beside it.
pub fn working_folder(output: &Path) -> Result<PathBuf> {
    sibling(output, "tmp")
}

/// A file or folder next to `output`, such as `.output.waymark-tmp`.
fn sibling(output: &Path, what: &str) -> Result<PathBuf> {
    let name = output
        .file_name()
        .context("the output path has no folder name")?;
    Ok(output.with_file_name(format!(".{}.waymark-{what}", name.to_string_lossy())))
}

/// Removes a working folder (a stopped build's, or the previous site after a swap), but only
/// if it carries waymark's marker or is empty.
pub fn remove_own(dir: &Path) -> Result<()> {
    if dir.exists() {
        let empty = fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none());
        if !empty && !dir.join(MARKER).is_file() {
            bail!(
                "{} is in the way and was not made by waymark; remove it yourself",
                dir.display()
            );
        }
        remove_tree(dir)
            .with_context(|| format!("cannot remove the working folder {}", dir.display()))?;
    }
    Ok(())
}

/// Removes a folder tree, files and then folders deepest first, each level in parallel: a site
/// has a folder per topic, and removing folders one after another is what takes time. The
/// file system, not the CPU, is waited for, so more threads than cores help.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    match rayon::ThreadPoolBuilder::new().num_threads(16).build() {
        Ok(pool) => pool.install(|| remove_tree_in_parallel(dir)),
        Err(_) => remove_tree_in_parallel(dir),
    }
}

fn remove_tree_in_parallel(dir: &Path) -> std::io::Result<()> {
    use rayon::prelude::*;
    let mut files = Vec::new();
    let mut folders: Vec<(usize, PathBuf)> = Vec::new();
    let marker = dir.join(MARKER);
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry?;
        if entry.file_type().is_dir() {
            folders.push((entry.depth(), entry.into_path()));
        } else if entry.path() != marker {
            files.push(entry.into_path());
        }
    }
    files.par_iter().try_for_each(fs::remove_file)?;
    folders.sort_by_key(|f| std::cmp::Reverse(f.0));
    for level in folders.chunk_by(|a, b| a.0 == b.0) {
        level.par_iter().try_for_each(|(_, d)| fs::remove_dir(d))?;
    }
    // The marker last: a removal cut short leaves a folder the next build knows as its own
    // (or an empty one).
    match fs::remove_file(&marker) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    fs::remove_dir(dir)
}
