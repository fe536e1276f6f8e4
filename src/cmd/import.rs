//! `waymark import`: turns a text roadmap into a content folder.

use crate::cli::ImportArgs;
use crate::import::{Changes, Outcome, parse_roadmap, write_content};
use crate::model::Outline;
use anyhow::{Context, bail};
use std::path::Path;
use std::process::ExitCode;

/// Imports the file and lists what it created, unless `quiet`.
pub fn run(args: &ImportArgs, quiet: bool) -> anyhow::Result<ExitCode> {
    let roadmap = read(&args.file)?;
    let written =
        write_content(&roadmap, &args.into, args.force).map_err(|e| anyhow::anyhow!(e.message))?;
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
