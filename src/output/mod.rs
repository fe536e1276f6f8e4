//! Writes a rendered site to disk as it is rendered: into a temporary folder beside the
//! output, swapped in only when every file is written. Never deletes what waymark did not
//! create.

use crate::render::{PageSink, SharedPage};
use anyhow::{Context, Result, bail};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The file that marks a folder as waymark's output and lists what waymark wrote there.
pub const MARKER: &str = ".waymark-output";

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

/// Writes a site into `output` as its files are rendered. Every new or changed file is first
/// written in full to a working folder beside the output; only [`SiteWriter::finish`] moves
/// them into place, so a failed build leaves the previous site as it was. Unchanged files are
/// not rewritten. Dropped unfinished, it removes its working folder.
#[derive(Debug)]
pub struct SiteWriter {
    output: PathBuf,
    tmp: PathBuf,
    /// What the previous build wrote: `None` when there was no output folder, an empty set
    /// when it was empty. A non-empty set means updating in place.
    previous: Option<BTreeSet<String>>,
    /// Files staged because they are new or changed.
    staged: Mutex<Vec<String>>,
    /// The first write that failed.
    failure: Mutex<Option<anyhow::Error>>,
    finished: bool,
}

impl SiteWriter {
    /// Checks that `output` may be written (not the content, not someone else's folder) and
    /// makes the working folder.
    pub fn begin(output: &Path, content: &Path) -> Result<SiteWriter> {
        refuse_overlap(output, content)?;
        let tmp = sibling(output, "tmp")?;
        remove_own(&tmp)?;
        let previous = previous_output(output)?;
        fs::create_dir_all(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        // The marker first, so a build cut short leaves a folder the next one may remove.
        fs::write(tmp.join(MARKER), "")
            .with_context(|| format!("cannot write in {}", tmp.display()))?;
        Ok(SiteWriter {
            output: output.to_path_buf(),
            tmp,
            previous,
            staged: Mutex::default(),
            failure: Mutex::default(),
            finished: false,
        })
    }

    fn updating(&self) -> bool {
        self.previous.as_ref().is_some_and(|p| !p.is_empty())
    }

    fn stage(&self, page: &SharedPage) -> Result<()> {
        if self.updating()
            && fs::read(self.output.join(&page.path)).is_ok_and(|old| old == *page.bytes)
        {
            return Ok(());
        }
        let path = self.tmp.join(&page.path);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder)
                .with_context(|| format!("cannot create {}", folder.display()))?;
        }
        fs::write(&path, &*page.bytes)
            .with_context(|| format!("cannot write {}", path.display()))?;
        lock(&self.staged).push(page.path.clone());
        Ok(())
    }

    /// Moves the staged files into place once the whole site (`paths`, every file it has) is
    /// rendered, and removes files of the previous build the site no longer has.
    pub fn finish(mut self, paths: &[String]) -> Result<WriteReport> {
        if let Some(e) = lock(&self.failure).take() {
            return Err(e);
        }
        let manifest: String = paths.iter().map(|p| format!("{p}\n")).collect();
        fs::write(self.tmp.join(MARKER), manifest)
            .with_context(|| format!("cannot write in {}", self.tmp.display()))?;
        let staged = std::mem::take(&mut *lock(&self.staged));
        let report = match self.previous.take() {
            Some(listed) if !listed.is_empty() => self.update_in_place(&staged, paths, &listed)?,
            previous => {
                if previous.is_some() {
                    fs::remove_dir(&self.output).with_context(|| {
                        format!("cannot replace the empty folder {}", self.output.display())
                    })?;
                }
                fs::rename(&self.tmp, &self.output).with_context(|| {
                    format!("cannot move the new site into {}", self.output.display())
                })?;
                WriteReport {
                    written: staged.len(),
                    ..WriteReport::default()
                }
            }
        };
        self.finished = true;
        Ok(report)
    }

    /// Moves the staged files over the previous site and drops what it no longer has.
    fn update_in_place(
        &self,
        staged: &[String],
        paths: &[String],
        listed: &BTreeSet<String>,
    ) -> Result<WriteReport> {
        let (output, tmp) = (&self.output, &self.tmp);
        for rel in staged {
            let to = output.join(rel);
            if let Some(dir) = to.parent() {
                fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
            }
            fs::rename(tmp.join(rel), &to)
                .with_context(|| format!("cannot move {} into place", to.display()))?;
        }
        let current: BTreeSet<&str> = paths.iter().map(String::as_str).collect();
        let gone: Vec<&String> = listed
            .iter()
            .filter(|f| !current.contains(f.as_str()))
            .collect();
        for rel in &gone {
            remove_with_empty_parents(output, rel)?;
        }
        fs::rename(tmp.join(MARKER), output.join(MARKER))
            .context("cannot update the output's file list")?;
        fs::remove_dir_all(tmp)
            .with_context(|| format!("cannot remove the working folder {}", tmp.display()))?;
        Ok(WriteReport {
            written: staged.len(),
            unchanged: paths.len() - staged.len(),
            removed: gone.len(),
        })
    }
}

impl PageSink for SiteWriter {
    fn accept(&self, page: &SharedPage) {
        if lock(&self.failure).is_some() {
            return;
        }
        if let Err(e) = self.stage(page) {
            lock(&self.failure).get_or_insert(e);
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

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Removes a file waymark wrote, then the folders it leaves empty, up to the output folder.
fn remove_with_empty_parents(output: &Path, rel: &str) -> Result<()> {
    let path = output.join(rel);
    match fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(e).with_context(|| format!("cannot remove {}", path.display()));
        }
        _ => {}
    }
    let mut dir = path.parent();
    while let Some(d) = dir.filter(|d| *d != output) {
        if fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
    Ok(())
}

fn refuse_overlap(output: &Path, content: &Path) -> Result<()> {
    let out = std::path::absolute(output)?;
    let content = std::path::absolute(content)?;
    if content.starts_with(&out) {
        bail!(
            "refusing to write the site to {}: it is or contains the content folder {}; pick another --output",
            output.display(),
            content.display()
        );
    }
    Ok(())
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

/// A working folder next to `output`, such as `.output.waymark-tmp`.
fn sibling(output: &Path, what: &str) -> Result<PathBuf> {
    let name = output
        .file_name()
        .context("the output path has no folder name")?;
    Ok(output.with_file_name(format!(".{}.waymark-{what}", name.to_string_lossy())))
}

/// Removes a leftover working folder, but only if it carries waymark's marker.
fn remove_own(dir: &Path) -> Result<()> {
    if dir.exists() {
        if !dir.join(MARKER).is_file() {
            bail!(
                "{} is in the way and was not made by waymark; remove it yourself",
                dir.display()
            );
        }
        fs::remove_dir_all(dir)
            .with_context(|| format!("cannot remove old working folder {}", dir.display()))?;
    }
    Ok(())
}
