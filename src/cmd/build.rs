//! `waymark build`: renders the site straight into a working folder and swaps it into the
//! output folder, one build per output at a time.

use crate::cli::BuildArgs;
use crate::interrupt::{INTERRUPTED, on_stop};
use crate::output::{
    SiteWriter, lock, lock_file, refuse_overlap, release, remove_own, working_folder,
};
use crate::render::cache::RenderCache;
use crate::site::{Site, SiteOptions};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Builds the site and prints one summary line, unless `quiet`.
pub fn run(args: &BuildArgs, quiet: bool) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    refuse_overlap(&args.output, &args.content.content)?;
    let _lock = lock(&args.output, !args.no_wait)?;
    stop_cleanly(&args.output, Arc::default())?;
    let site = Site::load(&SiteOptions::from(&args.content).with_base_url(args.base_url.clone()))?;
    let writer = SiteWriter::begin(&args.output, &args.content.content)?;
    stop_cleanly(&args.output, writer.swapped())?;
    let rendered = site.render_into(&RenderCache::default(), &writer)?;
    for w in &rendered.warnings.0 {
        anstream::eprintln!("{}", w.styled());
    }
    let written = writer.finish(&rendered.paths)?;
    let p = site.roadmap.progress();
    let html = rendered
        .paths
        .iter()
        .filter(|p| p.ends_with(".html"))
        .count();
    if !quiet {
        println!(
            "built {} pages into {} ({} files written, {} unchanged, {} removed) in {} ms: {}{}",
            html,
            args.output.display(),
            written.written,
            written.unchanged,
            written.removed,
            start.elapsed().as_millis(),
            p.summary(),
            left_out(&site.config)
        );
    }
    // The process ends here: freeing every note and topic one by one would only delay it.
    std::mem::forget(site);
    Ok(ExitCode::SUCCESS)
}

/// What the summary says of the files that need a base URL and were not made without one.
fn left_out(config: &crate::config::Config) -> &'static str {
    if config.absolute_base_url().is_some() {
        ""
    } else if config.has_base_url() {
        "; no sitemap.xml: it needs an absolute base URL, such as --base-url https://NAME.github.io/REPO/"
    } else {
        "; no sitemap.xml or 404.html: they need the base URL, such as --base-url https://NAME.github.io/REPO/"
    }
}

/// On Ctrl-C or SIGTERM: remove the working folder (this build holds the output's lock, so it
/// is its own) and say in one line what the output holds.
fn stop_cleanly(output: &Path, swapped: Arc<AtomicBool>) -> anyhow::Result<()> {
    let (work, held) = (working_folder(output)?, lock_file(output)?);
    let output = output.to_path_buf();
    on_stop(move || {
        let _ = remove_own(&work);
        release(&held);
        if swapped.load(Ordering::SeqCst) {
            eprintln!(
                "interrupted: the new site was already in place in {}",
                output.display()
            );
        } else {
            eprintln!(
                "interrupted: build stopped; {} is as it was",
                output.display()
            );
        }
        INTERRUPTED
    });
    Ok(())
}
