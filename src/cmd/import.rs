//! `waymark import`: turns a text roadmap into a content folder.

use crate::cli::ImportArgs;
use crate::import::{Changes, Outcome, parse_roadmap, write_content};
use anyhow::{Context, bail};
use std::process::ExitCode;

/// Imports the file and lists what it created.
pub fn run(args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let shown = args.file.display();
    let roadmap = match parse_roadmap(&bytes) {
        Ok(r) => r,
        Err(e) => match e.line {
            Some(line) => bail!("{shown}:{line}: {}", e.message),
            None => bail!("{shown}: {}", e.message),
        },
    };
    let written =
        write_content(&roadmap, &args.into, args.force).map_err(|e| anyhow::anyhow!(e.message))?;
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
    let figures = roadmap.progress();
    println!(
        "imported \"{}\": {}; {} untracked groups, {} sections into {}",
        roadmap.title,
        figures.summary(),
        roadmap.untracked_groups(),
        roadmap.sections.len(),
        args.into.display()
    );
    Ok(ExitCode::SUCCESS)
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
