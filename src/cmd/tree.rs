//! `waymark tree`: prints the roadmap of a content folder as a text tree.

use crate::cli::TreeArgs;
use crate::import::{TreeOptions, print_tree};
use crate::site::{Site, SiteOptions};
use std::process::ExitCode;

/// Prints the tree; problems in the content are reported like `check` does.
pub fn run(args: &TreeArgs) -> anyhow::Result<ExitCode> {
    let site = Site::load(&SiteOptions::from(&args.content))?;
    if site.diagnostics.has_errors() {
        let mut d = site.diagnostics.clone();
        d.sort();
        return Err(crate::diagnostic::BuildFailed(d).into());
    }
    let text = print_tree(
        &site.roadmap.outline(),
        &TreeOptions {
            ascii: args.ascii,
            depth: args.depth,
        },
    );
    print!("{text}");
    Ok(ExitCode::SUCCESS)
}
