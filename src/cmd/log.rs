//! `waymark log`: the status changes git recorded for the content, newest first.

use crate::cli::LogArgs;
use crate::model::Status;
use crate::site::{Site, SiteOptions};
use std::fmt::Write;
use std::process::ExitCode;

/// Prints one line per change: date, commit, topic, and the statuses before and after.
pub fn run(args: &LogArgs, quiet: bool) -> anyhow::Result<ExitCode> {
    let site = Site::load(&SiteOptions::from(&args.content))?.checked()?;
    for w in &site.diagnostics.0 {
        anstream::eprintln!("{}", w.styled());
    }
    if !site.history.found {
        if !quiet {
            eprintln!(
                "no git history: {} is not inside a git repository with commits",
                args.content.content.display()
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let since = args.since.as_deref().unwrap_or("");
    let r = &site.roadmap;
    // Newest day first; within a day, tree order.
    let mut changes: Vec<_> = (r.changes.iter())
        .filter(|c| c.change.date.as_str() >= since)
        .collect();
    changes.sort_by(|a, b| b.change.date.cmp(&a.change.date));
    let mut out = String::new();
    for c in changes {
        let t = &r.topics[c.topic];
        let word = |s: Option<Status>| s.map_or("(none)", Status::key);
        let _ = writeln!(
            out,
            "{}  {}  {}: {} → {}  ({})",
            c.change.date,
            c.change.commit,
            t.title,
            word(c.change.from),
            word(c.change.to),
            t.id
        );
    }
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}
