//! `waymark check`: runs every check `build` relies on, writes nothing, reports all problems.

use crate::cli::{CheckArgs, Format};
use crate::diagnostic::Diagnostics;
use crate::render::Discard;
use crate::render::cache::RenderCache;
use crate::site::{Site, SiteOptions};
use std::process::ExitCode;

/// Checks the content and prints every problem, then a count (the all-clear line unless
/// `quiet`); exit 1 on errors.
pub fn run(args: &CheckArgs, quiet: bool) -> anyhow::Result<ExitCode> {
    let site = Site::load(&SiteOptions::from(&args.content))?;
    let mut all = match site.render_into(&RenderCache::default(), &Discard) {
        Ok(done) => done.warnings,
        Err(failed) => failed.0,
    };
    all.sort();
    match args.format {
        Format::Human => print_human(&all, &site, quiet),
        Format::Json => println!("{}", serde_json::to_string_pretty(&all.0)?),
    }
    Ok(if all.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn print_human(all: &Diagnostics, site: &Site, quiet: bool) {
    if all.0.is_empty() {
        if quiet {
            return;
        }
        println!("no problems found: {}", site.roadmap.progress().summary());
    } else {
        anstream::eprintln!("{}", all.render_styled(""));
    }
}
