//! Writes a rendered site to disk: into a temporary folder beside the output, swapped in only
//! when every file is written. Never deletes what waymark did not create.

use crate::render::Page;
use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

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

/// Writes `pages` as the site in `output`. Every new or changed file is first written in full
/// to a working folder beside the output; only then are they moved into place, so a failed
/// build leaves the previous site as it was. Unchanged files are not rewritten.
pub fn write_site(pages: &[Page], output: &Path, content: &Path) -> Result<WriteReport> {
    refuse_overlap(output, content)?;
    let tmp = sibling(output, "tmp")?;
    remove_own(&tmp)?;
    match previous_output(output)? {
        Some(listed) if !listed.is_empty() => update_in_place(pages, output, &tmp, &listed),
        previous => {
            stage(pages, &tmp, &manifest(pages))?;
            if previous.is_some() {
                fs::remove_dir(output).with_context(|| {
                    format!("cannot replace the empty folder {}", output.display())
                })?;
            }
            fs::rename(&tmp, output)
                .with_context(|| format!("cannot move the new site into {}", output.display()))?;
            Ok(WriteReport {
                written: pages.len(),
                ..WriteReport::default()
            })
        }
    }
}

fn manifest(pages: &[Page]) -> String {
    pages.iter().map(|p| format!("{}\n", p.path)).collect()
}

/// Stages the changed files, then moves them over the previous site and drops what it no
/// longer has.
fn update_in_place(
    pages: &[Page],
    output: &Path,
    tmp: &Path,
    listed: &BTreeSet<String>,
) -> Result<WriteReport> {
    let changed: Vec<Page> = pages
        .par_iter()
        .filter(|p| fs::read(output.join(&p.path)).map_or(true, |old| old != p.bytes))
        .cloned()
        .collect();
    stage(&changed, tmp, &manifest(pages))?;
    for page in &changed {
        let to = output.join(&page.path);
        if let Some(dir) = to.parent() {
            fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        fs::rename(tmp.join(&page.path), &to)
            .with_context(|| format!("cannot move {} into place", to.display()))?;
    }
    let current: BTreeSet<&str> = pages.iter().map(|p| p.path.as_str()).collect();
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
        written: changed.len(),
        unchanged: pages.len() - changed.len(),
        removed: gone.len(),
    })
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

/// Writes `pages` and the manifest into a fresh working folder, removing it again on failure.
fn stage(pages: &[Page], tmp: &Path, manifest: &str) -> Result<()> {
    write_all(pages, tmp, manifest).inspect_err(|_| {
        let _ = fs::remove_dir_all(tmp);
    })
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

/// Writes every page under `dir`, each folder made just before its first file (pages come
/// sorted by path, so a folder's files follow one another).
fn write_all(pages: &[Page], dir: &Path, manifest: &str) -> Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    fs::write(dir.join(MARKER), manifest)?;
    let mut made: BTreeSet<PathBuf> = BTreeSet::new();
    for page in pages {
        let path = dir.join(&page.path);
        if let Some(folder) = path.parent()
            && !made.contains(folder)
        {
            fs::create_dir_all(folder)
                .with_context(|| format!("cannot create {}", folder.display()))?;
            made.insert(folder.to_path_buf());
        }
        fs::write(&path, &page.bytes)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}
