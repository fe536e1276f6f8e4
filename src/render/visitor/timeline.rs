//! `timeline/index.html` (a burn-up chart of topics done over time, with a data table, and
//! a list by month) and `feed.xml`, an Atom feed of completed topics.

use super::{Cx, Entry, day_number, esc};
use crate::diagnostic::Diagnostics;
use crate::model::{Status, TopicIdx};
use crate::render::Page;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// Entries in the feed, newest first.
const FEED_ENTRIES: usize = 50;

/// `2024-03` as `March 2024`.
fn month_label(ym: &str) -> String {
    let m: usize = ym.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(0);
    match MONTHS.get(m.wrapping_sub(1)) {
        Some(name) => format!("{name} {}", &ym[..4]),
        None => ym.to_string(),
    }
}

/// A topic's date if it reads as `YYYY-MM-DD`: `(day number, the date)`.
fn dated(date: Option<&String>) -> Option<(i64, String)> {
    let d = date?;
    let n = day_number(d)?;
    Some((n, d[..10].to_string()))
}

#[derive(Serialize)]
struct Month {
    key: String,
    label: String,
    completed: Vec<Entry>,
    started: Vec<Entry>,
}

#[derive(Serialize)]
struct Row {
    label: String,
    done: usize,
    total: usize,
}

/// Completed topics by day: `(day, date, idx)` sorted by day then tree order.
fn completions(cx: &Cx<'_>) -> Vec<(i64, String, TopicIdx)> {
    let r = cx.roadmap();
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
fn dated_entry(cx: &Cx<'_>, root: &str, date: &str, idx: TopicIdx) -> Entry {
    let mut e = Entry::new(cx, root, idx);
    e.date = Some(date.to_string());
    e
}

/// The page and the feed.
pub(crate) fn pages(cx: &Cx<'_>) -> Result<Vec<Page>, Diagnostics> {
    let root = "../";
    let r = cx.roadmap();
    let done = completions(cx);
    let mut months: BTreeMap<String, Month> = BTreeMap::new();
    for (_, d, i) in done.iter().rev() {
        let e = dated_entry(cx, root, d, *i);
        month_of(&mut months, d).completed.push(e);
    }
    let mut starts: Vec<(i64, String, TopicIdx)> = r
        .order
        .iter()
        .filter_map(|&i| dated(r.topics[i].started.as_ref()).map(|(n, d)| (n, d, i)))
        .collect();
    starts.sort_by_key(|&(n, _, i)| (std::cmp::Reverse(n), r.topics[i].position));
    for (_, d, i) in &starts {
        let e = dated_entry(cx, root, d, *i);
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
    let chart = first_day
        .filter(|_| !done.is_empty())
        .map(|first| burn_up(cx, &done, first));

    let mut ctx = cx.context(root, "timeline");
    ctx.insert("chart", &chart);
    ctx.insert("rows", &rows);
    ctx.insert("months", &months.into_values().rev().collect::<Vec<_>>());
    ctx.insert("done_dated", &done.len());
    ctx.insert("countable", &r.progress().countable());
    let page = cx.render("timeline.html", &ctx, "timeline/index.html")?;
    let feed = Page {
        path: "feed.xml".into(),
        bytes: feed(cx, &done).into_bytes(),
    };
    Ok(vec![page, feed])
}

/// The burn-up chart: topics done over time against everything there is to do.
fn burn_up(cx: &Cx<'_>, done: &[(i64, String, TopicIdx)], first: i64) -> String {
    const W: i64 = 720;
    const H: i64 = 300;
    const L: i64 = 52;
    const R: i64 = 20;
    const T: i64 = 26;
    const B: i64 = 40;
    let scope = cx.roadmap().progress().countable().max(done.len()).max(1) as i64;
    let last = done.last().map_or(first, |d| d.0);
    let span = (last - first).max(1);
    let px = |day: i64| L + (day - first) * (W - L - R) / span;
    let py = |n: i64| T + (scope - n) * (H - T - B) / scope;
    let (first_date, last_date) = (
        done.iter().map(|d| d.0).min().map(|_| &done[0].1),
        done.last().map(|d| &d.1),
    );
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-labelledby=\"burnup-title burnup-desc\"><title id=\"burnup-title\">Topics done over time</title><desc id=\"burnup-desc\">Burn-up chart: {} of {scope} topics done with a completion date, from {} to {}. The table below lists the same figures by month.</desc>",
        done.len(),
        first_date.map_or("", String::as_str),
        last_date.map_or("", String::as_str),
    );
    // Grid and y axis labels.
    s.push_str("\n<g class=\"grid\" aria-hidden=\"true\">");
    let step = nice_step(scope);
    let mut n = 0;
    while n <= scope {
        let y = py(n);
        let _ = write!(
            s,
            "<line x1=\"{L}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{n}</text>",
            W - R,
            L - 8,
            y + 4
        );
        n += step;
    }
    // Month ticks on the x axis, thinned to about eight labels.
    let ticks = month_starts(first, last);
    let every = ticks.len().div_ceil(8).max(1);
    let mut shown_year = None;
    for (k, &(day, y, m)) in ticks.iter().enumerate() {
        if k % every != 0 {
            continue;
        }
        // The year goes on the first label and wherever it changes.
        let name = &MONTHS[(m - 1) as usize][..3];
        let label = if shown_year == Some(y) {
            name.to_string()
        } else {
            format!("{name} {y}")
        };
        shown_year = Some(y);
        let x = px(day);
        let _ = write!(
            s,
            "<line class=\"tick\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\"/><text x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            H - B,
            H - B + 5,
            H - B + 20,
            esc(&label)
        );
    }
    s.push_str("</g>\n");
    // Scope line.
    let _ = write!(
        s,
        "<g aria-hidden=\"true\"><line class=\"scope\" x1=\"{L}\" y1=\"{0}\" x2=\"{1}\" y2=\"{0}\"/><text class=\"scope-label\" x=\"{1}\" y=\"{2}\" text-anchor=\"end\">{scope} topics to do</text>",
        py(scope),
        W - R,
        py(scope) - 6
    );
    // The burn-up as steps.
    let mut d = format!("M{} {}", px(first), py(0));
    let mut count = 0;
    let mut i = 0;
    while i < done.len() {
        let day = done[i].0;
        while i < done.len() && done[i].0 == day {
            count += 1;
            i += 1;
        }
        let _ = write!(d, "H{}V{}", px(day), py(count));
    }
    let _ = write!(
        s,
        "<path class=\"done-area\" d=\"{d}V{}Z\"/><path class=\"done-line\" d=\"{d}\"/></g>\n</svg>",
        py(0)
    );
    s
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

/// The Atom feed of completed topics, newest first; `updated` is the latest completion.
fn feed(cx: &Cx<'_>, done: &[(i64, String, TopicIdx)]) -> String {
    let r = cx.roadmap();
    let config = cx.inputs.config;
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
    let updated = done
        .last()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |d| stamp(&d.1));
    let author = config.author.clone().unwrap_or_else(|| r.title.clone());
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"",
    );
    if let Some(lang) = &config.language {
        let _ = write!(s, " xml:lang=\"{}\"", esc(lang));
    }
    let _ = write!(
        s,
        ">\n  <title>{}: completed topics</title>\n  <id>{}</id>\n  <updated>{updated}</updated>\n  <author><name>{}</name></author>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        esc(&r.title),
        esc(&id_of("")),
        esc(&author),
        esc(&link("index.html")),
    );
    if absolute {
        let _ = writeln!(
            s,
            "  <link rel=\"self\" href=\"{}\"/>",
            esc(&link("feed.xml"))
        );
    }
    s.push_str("  <generator>waymark</generator>\n");
    for (_, date, i) in done.iter().rev().take(FEED_ENTRIES) {
        let t = &r.topics[*i];
        let summary = t
            .summary
            .clone()
            .or_else(|| t.note.clone())
            .unwrap_or_else(|| format!("Completed on {date}."));
        let _ = write!(
            s,
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    <updated>{}</updated>\n    <summary>{}</summary>\n",
            esc(&t.title),
            esc(&id_of(&t.url())),
            esc(&link(&format!("{}index.html", t.url()))),
            stamp(date),
            esc(&summary)
        );
        for tag in &cx.inherited[*i] {
            let _ = writeln!(s, "    <category term=\"{}\"/>", esc(tag));
        }
        s.push_str("  </entry>\n");
    }
    s.push_str("</feed>\n");
    s
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
