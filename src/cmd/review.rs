//! `waymark review`: lists the reviews due today (and the next days with `--upcoming`), or
//! records today's review of one topic.

use crate::authoring::{find::find_topic, review::record_review, today, write_atomically};
use crate::cli::ReviewArgs;
use crate::dates::day_number;
use crate::model::review::{due_by, next_review};
use crate::site::SiteOptions;
use anyhow::{Context, bail};
use std::process::ExitCode;

/// Lists or records, as asked.
pub fn run(args: &ReviewArgs) -> anyhow::Result<ExitCode> {
    let opts = SiteOptions::new(args.content.clone()).with_drafts(true);
    let site = super::next::load(&opts)?;
    let intervals = site.config.review_intervals();
    let today = today();
    let r = &site.roadmap;
    let Some(topic) = &args.topic else {
        if intervals.is_empty() {
            bail!(
                "reviews are off: add `review: {{ intervals: [3, 7, 21, 60, 180] }}` to waymark.yaml"
            );
        }
        let day = day_number(&today).unwrap_or(0) + i64::from(args.upcoming.unwrap_or(0));
        let due = due_by(r, intervals, day);
        let until = crate::dates::format_day(day);
        match (due.is_empty(), args.upcoming) {
            (true, None) => println!("nothing is due for review today ({today})"),
            (true, Some(_)) => println!("nothing is due for review until {until}"),
            (false, None) => println!("due for review today ({today}):"),
            (false, Some(_)) => println!("due for review until {until}:"),
        }
        for line in super::next::due_lines(r, &due) {
            println!("  {line}");
        }
        return Ok(ExitCode::SUCCESS);
    };
    let idx = find_topic(r, topic)?;
    let t = &r.topics[idx];
    let Some(path) = t.source.map(|s| site.content.files[s].display.clone()) else {
        bail!(
            "`{}` has no file of its own; only a done topic is reviewed",
            t.id
        );
    };
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let updated = record_review(&text, &today)
        .with_context(|| format!("cannot record a review in {}", path.display()))?;
    write_atomically(&path, updated.as_bytes())?;
    let mut reviewed = t.clone();
    reviewed.reviewed.push(today.clone());
    let next = next_review(&reviewed, intervals)
        .map(|d| format!("; next review {}", crate::dates::format_day(d)))
        .unwrap_or_default();
    println!("{}: reviewed {today} ({}){next}", t.id, path.display());
    Ok(ExitCode::SUCCESS)
}
