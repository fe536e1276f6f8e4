//! `waymark export`: the roadmap in a format to embed elsewhere, printed or written to a file.

use crate::cli::ExportArgs;
use crate::export::{Outline, write};
use crate::site::{Site, SiteOptions};
use anyhow::Context;
use std::io::Write;
use std::process::ExitCode;

/// Prints the export, or writes it to `--output`; problems in the content are reported as
/// `check` does.
pub fn run(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let opts = SiteOptions::from(&args.content).with_base_url(args.base_url.clone());
    let site = Site::load(&opts)?.checked()?;
    let outline = Outline::of(&site.roadmap, site.config.absolute_base_url());
    let text = match write(args.format, &outline) {
        Some(text) => text.into_bytes(),
        None => crate::render::progress_json(&site.roadmap),
    };
    match &args.output {
        Some(path) => crate::disk::write_atomically(path, &text)
            .with_context(|| format!("writing {}", path.display()))?,
        None => std::io::stdout()
            .lock()
            .write_all(&text)
            .context("writing to standard output")?,
    }
    Ok(ExitCode::SUCCESS)
}
