//! `waymark status`: sets a topic's status in its file, changing only that line.

use crate::authoring::{edit::set_status, find::find_topic, today, write_atomically};
use crate::cli::StatusArgs;
use crate::model::Status;
use crate::site::{Site, SiteOptions};
use anyhow::Context;
use std::process::ExitCode;

/// Sets the status and prints what changed.
pub fn run(args: &StatusArgs) -> anyhow::Result<ExitCode> {
    let status: Status = args.status.parse()?;
    let site = Site::load(&SiteOptions::new(args.content.clone()).with_drafts(true))?;
    let idx = find_topic(&site.roadmap, &args.topic)?;
    let topic = &site.roadmap.topics[idx];
    let path = match topic.source {
        Some(src) => site.content.files[src].display.clone(),
        // A folder without an index file: its status goes in a new `_index.md`.
        None => args
            .content
            .join(crate::authoring::new::folder_of(&site, &site.roadmap, idx))
            .join("_index.md"),
    };
    let text = match std::fs::read(&path) {
        Ok(bytes) => String::from_utf8(bytes)
            .with_context(|| format!("{} is not UTF-8 text", path.display()))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && topic.source.is_none() => {
            String::new()
        }
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let updated = set_status(&text, status, &today())
        .with_context(|| format!("cannot edit {}", path.display()))?;
    write_atomically(&path, updated.as_bytes())?;
    let before = match topic.status {
        Some(s) if topic.auto => format!("auto ({s})"),
        Some(s) => s.to_string(),
        None => "untracked".to_string(),
    };
    // A completion date goes when the topic leaves done: say so, it was the user's.
    let removed = match &topic.completed {
        Some(date) if status != Status::Done => format!("; removed `completed: {date}`"),
        _ => String::new(),
    };
    println!(
        "{}: {before} → {status} ({}){removed}",
        topic.id,
        path.display()
    );
    // Done with boxes left unticked is allowed, and said.
    if let Some(s) = topic
        .steps
        .filter(|s| status == Status::Done && s.done < s.total)
    {
        println!("{} of {} steps still unticked", s.total - s.done, s.total);
    }
    Ok(ExitCode::SUCCESS)
}
