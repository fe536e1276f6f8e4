//! `waymark next`: the next/ page's lists in the terminal, from the same plan.

use crate::cli::NextArgs;
use crate::model::plan::{Plan, PlanOptions, priority_words};
use crate::model::review::Due;
use crate::model::{Roadmap, TopicIdx};
use crate::site::{Site, SiteOptions};
use std::fmt::Write;
use std::process::ExitCode;

/// Prints today's plan; problems in the content are reported like `check` does.
pub fn run(args: &NextArgs) -> anyhow::Result<ExitCode> {
    let site = load(&SiteOptions::from(&args.content))?;
    let words = priority_words(site.config.priority_tags.as_deref());
    let today = crate::dates::today();
    let plan = site.roadmap.plan(&PlanOptions {
        words: &words,
        intervals: site.config.review_intervals(),
        today: crate::dates::day_number(&today).unwrap_or(0),
        limit: args.limit,
    });
    let reviews = !site.config.review_intervals().is_empty();
    print!("{}", show(&site.roadmap, &plan, reviews, &today));
    Ok(ExitCode::SUCCESS)
}

/// The site, or its errors as a failed build.
pub(crate) fn load(opts: &SiteOptions) -> anyhow::Result<Site> {
    let site = Site::load(opts)?;
    if site.diagnostics.has_errors() {
        let mut d = site.diagnostics.clone();
        d.sort();
        return Err(crate::diagnostic::BuildFailed(d).into());
    }
    Ok(site)
}

/// The plan as text, a heading per list as the page has them.
fn show(r: &Roadmap, plan: &Plan, reviews: bool, today: &str) -> String {
    let mut out = String::new();
    let mut list = |title: &str, lines: Vec<String>, none: &str| {
        let _ = writeln!(out, "{title}");
        if lines.is_empty() {
            let _ = writeln!(out, "  {none}");
        }
        for l in lines {
            let _ = writeln!(out, "  {l}");
        }
        out.push('\n');
    };
    let now = plan.now.iter().map(|&i| name(r, i)).collect();
    list("In progress", now, "Nothing is in progress right now.");
    let up = (plan.up_next.iter().enumerate())
        .map(|(n, (i, why))| format!("{}. {} — {why}", n + 1, name(r, *i)))
        .collect();
    list("Up next", up, "Nothing left to start.");
    let waiting: Vec<String> = (plan.waiting.iter())
        .map(|(i, on)| {
            let on: Vec<String> = on.iter().map(|&q| state(r, q)).collect();
            format!("🔒 {} — waits on {}", name(r, *i), on.join(", "))
        })
        .collect();
    if !waiting.is_empty() {
        list("Waiting on", waiting, "");
    }
    if reviews {
        list(
            &format!("Due for review ({today})"),
            due_lines(r, &plan.due),
            "Nothing is due for review.",
        );
    }
    let recent = (plan.recent.iter())
        .map(|(i, d)| format!("{} — {d}", name(r, *i)))
        .collect();
    list(
        "Recently completed",
        recent,
        "No topic has a completed date yet.",
    );
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// A topic as the terminal lists it: title and id.
pub(crate) fn name(r: &Roadmap, i: TopicIdx) -> String {
    format!("{} ({})", r.topics[i].title, r.topics[i].id)
}

/// A requirement with where it stands: its status, or a group's figures.
fn state(r: &Roadmap, q: TopicIdx) -> String {
    let t = &r.topics[q];
    let now = match t.status {
        Some(s) => s.to_string(),
        None => format!("{} of {} done", t.progress.done, t.progress.countable()),
    };
    format!("{} ({}, {now})", t.title, t.id)
}

/// Reviews, one line each with the day they are due.
pub(crate) fn due_lines(r: &Roadmap, due: &[Due]) -> Vec<String> {
    due.iter()
        .map(|d| format!("{} — due {}", name(r, d.idx), d.date))
        .collect()
}
