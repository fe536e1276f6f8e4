//! `waymark build`: renders the site straight into a working folder and swaps it into the
//! output folder.

use crate::cli::BuildArgs;
use crate::output::SiteWriter;
use crate::render::cache::RenderCache;
use crate::site::{Site, SiteOptions};
use std::process::ExitCode;
use std::time::Instant;

/// Builds the site and prints one summary line, unless `quiet`.
pub fn run(args: &BuildArgs, quiet: bool) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let site = Site::load(&SiteOptions::from(&args.content).with_base_url(args.base_url.clone()))?;
    let writer = SiteWriter::begin(&args.output, &args.content.content)?;
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
