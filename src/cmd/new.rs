//! `waymark new`: creates a topic file.

use crate::authoring::new::{NewTopic, create};
use crate::cli::NewArgs;
use crate::model::Status;
use crate::site::{Site, SiteOptions};
use std::process::ExitCode;

/// Creates the topic and prints its path.
pub fn run(args: &NewArgs) -> anyhow::Result<ExitCode> {
    let status = match args.status.as_deref() {
        Some(s) => Some(s.parse::<Status>()?),
        // A user adding a topic means a topic; `--group` asks for an untracked group.
        None if args.group => None,
        None => Some(Status::NotStarted),
    };
    let site = Site::load(&SiteOptions::new(args.content.clone()).with_drafts(true))?;
    let topic = NewTopic {
        title: args.title.clone(),
        parent: args.parent.clone(),
        status,
        today: crate::authoring::today(),
        estimate: args.estimate.clone(),
        tags: args
            .tags
            .iter()
            .flat_map(|t| t.split(','))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect(),
    };
    let path = create(&site, &args.content, &topic)?;
    println!("created {}", path.display());
    Ok(ExitCode::SUCCESS)
}
