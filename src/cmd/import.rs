//! `waymark import`: turns a text roadmap into a content folder.

use crate::cli::ImportArgs;
use crate::import::{parse_roadmap, write_content};
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
    let created =
        write_content(&roadmap, &args.into, args.force).map_err(|e| anyhow::anyhow!(e.message))?;
    for path in &created {
        println!("created {}", path.display());
    }
    let t = roadmap.tally();
    let figures = crate::model::Progress {
        done: t.done,
        in_progress: t.in_progress,
        not_started: t.not_started,
        skipped: t.skipped,
    };
    println!(
        "imported \"{}\": {}; {} untracked groups, {} sections into {}",
        roadmap.title,
        figures.summary(),
        t.untracked_groups,
        t.sections,
        args.into.display()
    );
    Ok(ExitCode::SUCCESS)
}
