//! `waymark sync`: reads the reference and the user's content, prints the plan, applies it.

use crate::cli::SyncArgs;
use crate::sync::{self, Progress};
use anyhow::{Context, bail};
use std::process::ExitCode;

/// Syncs the content folder with the reference and says what changed.
pub fn run(args: &SyncArgs, quiet: bool) -> anyhow::Result<ExitCode> {
    if !args.content.is_dir() {
        bail!(
            "no content folder at `{}`: pass --content DIR, or start one with `waymark import {}`",
            args.content.display(),
            args.reference.display()
        );
    }
    let reference = sync::read_reference(&args.reference)?;
    let mine = sync::load_mine(&args.content)?;
    let plan = sync::plan(&reference, &mine, args.prune, Progress::Fresh)?;
    let shown = args.reference.display();
    if plan.is_noop() {
        report(args, &plan)?;
        if !quiet {
            println!(
                "already in step with {shown} ({}): nothing to change, {} topics unchanged",
                reference.kind.name(),
                plan.unchanged
            );
            print!("{}", sync::kept_notes(&plan));
        }
        return Ok(ExitCode::SUCCESS);
    }
    if !quiet {
        println!(
            "sync {} with {shown} ({}):\n",
            args.content.display(),
            reference.kind.name()
        );
        print!("{}", sync::terminal(&plan, args.prune));
    }
    let files = plan.writes.len();
    if args.dry_run {
        if !quiet {
            println!("dry run: nothing was written ({files} files would be written)");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let done = sync::apply(&args.content, &plan)?;
    report(args, &plan)?;
    if !quiet {
        let links = match plan.relinked {
            0 => String::new(),
            n => format!("; links rewritten in {n}"),
        };
        println!(
            "synced: {} files created, {} updated, {} moved away{links}",
            done.created, done.updated, done.moved
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes the plan as markdown where `--report` says, once the sync is done.
fn report(args: &SyncArgs, plan: &sync::Plan) -> anyhow::Result<()> {
    let Some(path) = &args.report else {
        return Ok(());
    };
    let text = sync::markdown(plan, &args.reference.display().to_string(), args.prune);
    crate::disk::write_atomically(path, text.as_bytes())
        .with_context(|| format!("cannot write the report {}", path.display()))
}
