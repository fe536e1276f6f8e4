//! `waymark build`: renders the site and swaps it into the output folder.

use crate::cli::BuildArgs;
use crate::output::write_site;
use crate::site::{Site, SiteOptions};
use std::process::ExitCode;
use std::time::Instant;

/// Builds the site and prints one summary line.
pub fn run(args: &BuildArgs) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let site = Site::load(&SiteOptions {
        content: args.content.content.clone(),
        base_url: args.base_url.clone(),
        drafts: args.content.drafts,
    })?;
    let pages = site.render()?;
    for w in site.warnings() {
        eprintln!("{w}");
    }
    let written = write_site(&pages, &args.output, &args.content.content)?;
    let p = site.roadmap.progress();
    let html = pages.iter().filter(|p| p.path.ends_with(".html")).count();
    println!(
        "built {} pages into {} ({} files written, {} unchanged, {} removed) in {} ms: {} of {} topics done ({}%), {} in progress",
        html,
        args.output.display(),
        written.written,
        written.unchanged,
        written.removed,
        start.elapsed().as_millis(),
        p.done,
        p.countable(),
        p.percent(),
        p.in_progress
    );
    Ok(ExitCode::SUCCESS)
}
