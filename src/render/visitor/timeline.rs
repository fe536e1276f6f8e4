//! `timeline/index.html` (the activity heatmap from git, a burn-up chart of topics done over
//! time, with a data table, and a list by month) and `feed.xml`, an Atom feed of completed topics.

use super::heatmap::{Heatmap, heatmap};
use super::{Entry, Frame, VisitorInputs, day_number};
use crate::dates::{MONTHS, month_label};
use crate::model::{Status, TopicIdx};
use crate::render::job::Job;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Entries in the feed, newest first.
const FEED_ENTRIES: usize = 50;

/// A topic's date if it reads as `YYYY-MM-DD`: `(day number, the date)`.
fn dated(date: Option<&String>) -> Option<(i64, String)> {
    let d = date?;
    let n = day_number(d)?;
    Some((n, d[..10].to_string()))
}

#[derive(Serialize, Hash)]
struct Month {
    key: String,
    label: String,
    completed: Vec<Entry>,
    started: Vec<Entry>,
}

#[derive(Serialize, Hash)]
struct Row {
    label: String,
    done: usize,
    total: usize,
}

/// Completed topics by day: `(day, date, idx)` sorted by day then tree order.
fn completions(on: &VisitorInputs<'_>) -> Vec<(i64, String, TopicIdx)> {
    let r = on.roadmap();
    let mut v: Vec<(i64, String, TopicIdx)> = r
        .order
        .iter()
        .filter(|&&i| r.topics[i].status == Some(Status::Done))
        .filter_map(|&i| dated(r.topics[i].completed.as_ref()).map(|(n, d)| (n, d, i)))
        .collect();
    v.sort_by_key(|&(n, _, i)| (n, r.topics[i].position));
    v
}

/// The month a `YYYY-MM-DD` date falls in, made when first needed.
fn month_of<'m>(months: &'m mut BTreeMap<String, Month>, date: &str) -> &'m mut Month {
    let key = date[..7].to_string();
    months.entry(key.clone()).or_insert_with(|| Month {
        label: month_label(&key),
        key,
        completed: Vec::new(),
        started: Vec::new(),
    })
}

/// A topic listed with the date it started or finished.
fn dated_entry(on: &VisitorInputs<'_>, root: &str, date: &str, idx: TopicIdx) -> Entry {
    let mut e = Entry::new(on, root, idx);
    e.date = Some(date.to_string());
    e
}

/// What `timeline.html` sees.
#[derive(Serialize, Hash)]
struct TimelinePage {
    #[serde(flatten)]
    frame: Frame,
    /// The burn-up chart, when a topic has a completion date.
    chart: Option<BurnUp>,
    /// Completions per month, oldest first.
    rows: Vec<Row>,
    /// What was completed and started per month, newest first.
    months: Vec<Month>,
    /// Topics done with a completion date.
    done_dated: usize,
    /// Topics counted towards completion.
    countable: usize,
    /// Status changes per day from git, when the content is in a repository.
    heatmap: Option<Heatmap>,
}

/// The page and the feed.
pub(crate) fn jobs<'a>(on: &VisitorInputs<'_>) -> Vec<Job<'a>> {
    let root = "../";
    let r = on.roadmap();
    let done = completions(on);
    let mut months: BTreeMap<String, Month> = BTreeMap::new();
    for (_, d, i) in done.iter().rev() {
        let e = dated_entry(on, root, d, *i);
        month_of(&mut months, d).completed.push(e);
    }
    let mut starts: Vec<(i64, String, TopicIdx)> = r
        .order
        .iter()
        .filter_map(|&i| dated(r.topics[i].started.as_ref()).map(|(n, d)| (n, d, i)))
        .collect();
    starts.sort_by_key(|&(n, _, i)| (std::cmp::Reverse(n), r.topics[i].position));
    for (_, d, i) in &starts {
        let e = dated_entry(on, root, d, *i);
        month_of(&mut months, d).started.push(e);
    }
    let mut rows = Vec::new();
    let mut total = 0;
    for m in months.values() {
        total += m.completed.len();
        rows.push(Row {
            label: m.label.clone(),
            done: m.completed.len(),
            total,
        });
    }
    let first_day = done
        .iter()
        .map(|d| d.0)
        .chain(starts.iter().map(|s| s.0))
        .min();
    let page = TimelinePage {
        frame: on.frame(root, "timeline"),
        chart: first_day
            .filter(|_| !done.is_empty())
            .map(|first| burn_up(on, &done, first)),
        rows,
        months: months.into_values().rev().collect(),
        done_dated: done.len(),
        countable: r.progress().countable(),
        heatmap: heatmap(r),
    };
    vec![
        Job::page("timeline/index.html", "timeline.html", page),
        Job::page("feed.xml", "feed.xml", feed(on, &done)),
    ]
}

/// What `burn-up.svg` draws: topics done over time against everything there is to do, in
/// pixels.
#[derive(Serialize, Hash)]
struct BurnUp {
    width: i64,
    height: i64,
    /// Topics done with a completion date.
    done: usize,
    /// Everything there is to do.
    scope: i64,
    /// The first and last completion dates.
    first: String,
    last: String,
    /// Where the plot starts and ends horizontally.
    left: i64,
    right: i64,
    /// Where the gridlines' labels end.
    label_x: i64,
    gridlines: Vec<Gridline>,
    /// Month ticks on the x axis: where they start and end, and where their labels sit.
    tick_top: i64,
    tick_bottom: i64,
    tick_label_y: i64,
    ticks: Vec<Tick>,
    /// The line of everything there is to do, and its label's baseline.
    scope_y: i64,
    scope_label_y: i64,
    /// The burn-up as steps, and the area under it.
    line: String,
    area: String,
}

/// A horizontal gridline at `y` for `value` topics.
#[derive(Serialize, Hash)]
struct Gridline {
    y: i64,
    label_y: i64,
    value: i64,
}

/// A month on the x axis.
#[derive(Serialize, Hash)]
struct Tick {
    x: i64,
    label: String,
}

/// The burn-up chart's layout.
fn burn_up(on: &VisitorInputs<'_>, done: &[(i64, String, TopicIdx)], first: i64) -> BurnUp {
    const W: i64 = 720;
    const H: i64 = 300;
    const L: i64 = 52;
    const R: i64 = 20;
    const T: i64 = 26;
    const B: i64 = 40;
    let scope = on.roadmap().progress().countable().max(done.len()).max(1) as i64;
    let last = done.last().map_or(first, |d| d.0);
    let span = (last - first).max(1);
    let px = |day: i64| L + (day - first) * (W - L - R) / span;
    let py = |n: i64| T + (scope - n) * (H - T - B) / scope;
    let step = nice_step(scope);
    let gridlines = (0..=scope / step)
        .map(|k| {
            let y = py(k * step);
            Gridline {
                y,
                label_y: y + 4,
                value: k * step,
            }
        })
        .collect();
    let ticks = month_ticks(first, last)
        .into_iter()
        .map(|(day, label)| Tick { x: px(day), label })
        .collect();
    // The burn-up as steps.
    let mut line = format!("M{} {}", px(first), py(0));
    let mut count = 0;
    let mut i = 0;
    while i < done.len() {
        let day = done[i].0;
        while i < done.len() && done[i].0 == day {
            count += 1;
            i += 1;
        }
        let _ = write!(line, "H{}V{}", px(day), py(count));
    }
    BurnUp {
        width: W,
        height: H,
        done: done.len(),
        scope,
        first: done.first().map(|d| d.1.clone()).unwrap_or_default(),
        last: done.last().map(|d| d.1.clone()).unwrap_or_default(),
        left: L,
        right: W - R,
        label_x: L - 8,
        gridlines,
        tick_top: H - B,
        tick_bottom: H - B + 5,
        tick_label_y: H - B + 20,
        ticks,
        scope_y: py(scope),
        scope_label_y: py(scope) - 6,
        area: format!("{line}V{}Z", py(0)),
        line,
    }
}

/// Month ticks from `first` to `last` with their labels, thinned to about eight; the year
/// goes on the first label and wherever it changes.
fn month_ticks(first: i64, last: i64) -> Vec<(i64, String)> {
    let ticks = month_starts(first, last);
    let every = ticks.len().div_ceil(8).max(1);
    let mut shown_year = None;
    let mut out = Vec::new();
    for &(day, y, m) in ticks.iter().step_by(every) {
        let name = &MONTHS[(m - 1) as usize][..3];
        let label = if shown_year == Some(y) {
            name.to_string()
        } else {
            format!("{name} {y}")
        };
        shown_year = Some(y);
        out.push((day, label));
    }
    out
}

/// A round step giving at most about five gridlines up to `max`.
fn nice_step(max: i64) -> i64 {
    let mut step = 1;
    for s in [
        1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000,
    ] {
        step = s;
        if max / s <= 5 {
            break;
        }
    }
    step
}

/// First days of the months after `first` up to `last`, with their year and month.
fn month_starts(first: i64, last: i64) -> Vec<(i64, i64, i64)> {
    let mut out = Vec::new();
    let (mut y, mut m) = civil(first);
    loop {
        m += 1;
        if m > 12 {
            m = 1;
            y += 1;
        }
        let Some(day) = day_number(&format!("{y:04}-{m:02}-01")) else {
            break;
        };
        if day > last {
            break;
        }
        out.push((day, y, m));
    }
    out
}

/// Year and month of a day number.
fn civil(day: i64) -> (i64, i64) {
    let (y, m, _) = crate::dates::civil_from_days(day);
    (y, i64::from(m))
}

/// What `feed.xml` sees: the Atom feed of completed topics, newest first.
#[derive(Serialize, Hash)]
struct Feed {
    language: Option<String>,
    title: String,
    id: String,
    /// The latest completion.
    updated: String,
    author: String,
    /// The roadmap's page, and the feed's own URL when the base URL is absolute.
    alternate: String,
    own: Option<String>,
    entries: Vec<FeedEntry>,
}

/// A completed topic in the feed.
#[derive(Serialize, Hash)]
struct FeedEntry {
    title: String,
    id: String,
    link: String,
    updated: String,
    summary: String,
    /// Its tags, own and inherited.
    categories: Vec<String>,
}

/// The Atom feed of completed topics, newest first; `updated` is the latest completion.
fn feed(on: &VisitorInputs<'_>, done: &[(i64, String, TopicIdx)]) -> Feed {
    let r = on.roadmap();
    let config = on.inputs.config;
    let base = config.base_url();
    let absolute = config.absolute_base_url().is_some();
    let fallback = format!("urn:waymark:{}", slug::slugify(&r.title));
    let id_of = |path: &str| {
        if absolute {
            format!("{base}{path}")
        } else if path.is_empty() {
            fallback.clone()
        } else {
            format!(
                "{fallback}:{}",
                path.trim_end_matches('/').replace('/', ":")
            )
        }
    };
    let link = |path: &str| {
        if absolute {
            format!("{base}{path}")
        } else {
            path.to_string()
        }
    };
    let stamp = |d: &str| format!("{d}T00:00:00Z");
    let entries = (done.iter().rev().take(FEED_ENTRIES))
        .map(|(_, date, i)| {
            let t = &r.topics[*i];
            FeedEntry {
                title: t.title.clone(),
                id: id_of(&t.url()),
                link: link(&t.page_path()),
                updated: stamp(date),
                summary: (t.summary.clone().or_else(|| t.note.clone()))
                    .unwrap_or_else(|| format!("Completed on {date}.")),
                categories: on.inherited[*i].clone(),
            }
        })
        .collect();
    Feed {
        language: config.language.clone(),
        title: r.title.clone(),
        id: id_of(""),
        updated: done
            .last()
            .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |d| stamp(&d.1)),
        author: config.author.clone().unwrap_or_else(|| r.title.clone()),
        alternate: link("index.html"),
        own: absolute.then(|| link("feed.xml")),
        entries,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for d in ["2024-02-29", "1999-12-31", "2025-01-01"] {
            let n = day_number(d).unwrap_or_default();
            let (y, m) = civil(n);
            assert_eq!(format!("{y:04}-{m:02}"), d[..7]);
        }
    }

    #[test]
    fn months() {
        assert_eq!(month_label("2024-03"), "March 2024");
        let first = day_number("2024-11-15").unwrap_or_default();
        let last = day_number("2025-02-01").unwrap_or_default();
        let months: Vec<(i64, i64)> = month_starts(first, last)
            .into_iter()
            .map(|m| (m.1, m.2))
            .collect();
        assert_eq!(months, [(2024, 12), (2025, 1), (2025, 2)]);
    }
}
