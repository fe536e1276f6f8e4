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

/// Writes `pages` as the site in `output`, replacing a previous waymark output only on success.
pub fn write_site(pages: &[Page], output: &Path, content: &Path) -> Result<()> {
    refuse_overlap(output, content)?;
    let previous = previous_output(output)?;
    let tmp = sibling(output, "tmp")?;
    remove_own(&tmp)?;
    write_all(pages, &tmp).inspect_err(|_| {
        let _ = fs::remove_dir_all(&tmp);
    })?;
    swap_in(&tmp, output, previous)
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

fn write_all(pages: &[Page], dir: &Path) -> Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let manifest: String = pages.iter().map(|p| format!("{}\n", p.path)).collect();
    fs::write(dir.join(MARKER), manifest)?;
    let folders: BTreeSet<PathBuf> = pages
        .iter()
        .filter_map(|p| Path::new(&p.path).parent().map(|d| dir.join(d)))
        .collect();
    for f in &folders {
        fs::create_dir_all(f).with_context(|| format!("cannot create {}", f.display()))?;
    }
    pages.par_iter().try_for_each(|p| {
        let path = dir.join(&p.path);
        fs::write(&path, &p.bytes).with_context(|| format!("cannot write {}", path.display()))
    })
}

fn swap_in(tmp: &Path, output: &Path, previous: Option<BTreeSet<String>>) -> Result<()> {
    if previous.is_none() {
        return fs::rename(tmp, output)
            .with_context(|| format!("cannot move the new site into {}", output.display()));
    }
    let old = sibling(output, "old")?;
    remove_own(&old)?;
    let marker_missing = !output.join(MARKER).exists();
    if marker_missing {
        fs::write(output.join(MARKER), "")?;
    }
    fs::rename(output, &old)
        .with_context(|| format!("cannot move the previous site {} aside", output.display()))?;
    if let Err(e) = fs::rename(tmp, output) {
        let _ = fs::rename(&old, output);
        return Err(e)
            .with_context(|| format!("cannot move the new site into {}", output.display()));
    }
    fs::remove_dir_all(&old)
        .with_context(|| format!("cannot remove the previous site at {}", old.display()))
}
