//! `waymark import`: turns a text roadmap into a content folder.

use crate::cli::ImportArgs;
use crate::import::{Changes, Mode, Outcome, parse_roadmap, write_content_as};
use crate::model::Outline;
use anyhow::{Context, bail};
use std::path::Path;
use std::process::ExitCode;

/// Imports the file and lists what it created, unless `quiet`.
pub fn run(args: &ImportArgs, quiet: bool) -> anyhow::Result<ExitCode> {
    if args.file.is_dir() {
        return folder(args, quiet);
    }
    let mut roadmap = read(&args.file)?;
    if args.reset {
        roadmap = crate::import::reset_outline(&roadmap);
    }
    let mode = Mode {
        force: args.force,
        reset: args.reset,
    };
    let written =
        write_content_as(&roadmap, &args.into, mode).map_err(|e| anyhow::anyhow!(e.message))?;
    if quiet {
        return Ok(ExitCode::SUCCESS);
    }
    let mut unchanged = 0;
    for w in &written {
        let path = w.path.display();
        match &w.outcome {
            Outcome::Created => println!("created {path}"),
            Outcome::Replaced(c) => println!("replaced {path} ({})", said(c)),
            Outcome::Unchanged(c) if !c.kept.is_empty() => println!("kept {path} ({})", said(c)),
            Outcome::Unchanged(_) => unchanged += 1,
        }
    }
    if unchanged > 0 {
        let s = if unchanged == 1 { "" } else { "s" };
        println!(
            "{unchanged} existing file{s} already said what the roadmap says, left as they were"
        );
    }
    let kept = written.iter().any(|w| match &w.outcome {
        Outcome::Replaced(c) | Outcome::Unchanged(c) => !c.kept.is_empty(),
        Outcome::Created => false,
    });
    let mut line = summary(&roadmap, &args.into);
    if kept {
        // Statuses kept against the text: the folder's figures are not the text's.
        if let Some(p) = folder_progress(&args.into) {
            line = format!(
                "{line}; with the statuses kept, the folder has {}",
                p.summary()
            );
        }
    }
    println!("{line}");
    Ok(ExitCode::SUCCESS)
}

/// Copies a folder (a content folder, or markdown notes such as roadmap.sh's) into an empty
/// content folder, each topic with its `source:`, its notes in an upstream block.
fn folder(args: &ImportArgs, quiet: bool) -> anyhow::Result<ExitCode> {
    let reference = crate::sync::read_reference(&args.file)?;
    let mine = crate::sync::load_mine(&args.into)?;
    if !mine.files.is_empty() {
        bail!(
            "refusing to import into {}, which has files already; nothing was written (`waymark sync {} --content {}` brings it in step, keeping your progress)",
            args.into.display(),
            args.file.display(),
            args.into.display()
        );
    }
    let progress = if args.reset {
        crate::sync::Progress::Fresh
    } else {
        crate::sync::Progress::Kept
    };
    let plan = crate::sync::plan(&reference, &mine, false, progress)?;
    crate::sync::apply(&args.into, &plan)?;
    if quiet {
        return Ok(ExitCode::SUCCESS);
    }
    for rel in plan.writes.keys() {
        println!("created {}", args.into.join(rel).display());
    }
    match folder_progress(&args.into) {
        Some(p) => println!(
            "imported \"{}\" ({}): {} into {}",
            reference.title,
            reference.kind.name(),
            p.summary(),
            args.into.display()
        ),
        None => println!(
            "imported \"{}\" into {}",
            reference.title,
            args.into.display()
        ),
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads and parses a text roadmap; a problem is reported at `file:line`.
pub fn read(file: &Path) -> anyhow::Result<Outline> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let shown = file.display();
    match parse_roadmap(&bytes) {
        Ok(r) => Ok(r),
        Err(e) => match e.line {
            Some(line) => bail!("{shown}:{line}: {}", e.message),
            None => bail!("{shown}: {}", e.message),
        },
    }
}

/// The line that says what was imported where.
pub fn summary(roadmap: &Outline, into: &Path) -> String {
    format!(
        "imported \"{}\": {}; {} untracked groups, {} sections into {}",
        roadmap.title,
        roadmap.progress().summary(),
        roadmap.untracked_groups(),
        roadmap.sections.len(),
        into.display()
    )
}

/// The figures of the content folder as `build` would count them; `None` if it does not load.
fn folder_progress(content: &Path) -> Option<crate::model::Progress> {
    let site = crate::site::Site::load(&crate::site::SiteOptions::new(content)).ok()?;
    Some(*site.roadmap.progress())
}

/// A merge's changes, then what it kept: `tags: […] → […]; kept status: done, the text says…`.
fn said(c: &Changes) -> String {
    let kept = c.kept.iter().map(|k| format!("kept {k}"));
    c.made
        .iter()
        .cloned()
        .chain(kept)
        .collect::<Vec<_>>()
        .join("; ")
}
