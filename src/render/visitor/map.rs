//! `map/index.html` and `map/<section>/index.html`: the roadmap drawn as SVG at build time.
//!
//! Each section is a tidy tree growing to the right: depth picks the column, leaves take one
//! row each in tree order and a parent sits level with the middle of its children. Text keeps
//! its size however big the roadmap gets; past [`LARGE`] nodes the overview shows only the
//! sections' first level and each section's full tree gets a page of its own.

use super::map_reqs::{self, CrossLink, Drawn, LegendEntry, ReqEdge, has_paths, legend};
use super::map_text::{text_width, wrap};
use super::{Frame, VisitorInputs};
use crate::model::{Status, TopicIdx};
use crate::render::job::Job;
use crate::render::view::{ProgressView, StatusView};
use rayon::prelude::*;
use serde::Serialize;
use std::fmt::Write;

/// Above this many nodes the overview collapses below the sections' children.
pub(crate) const LARGE: usize = 400;
/// Space between columns, where the edges run.
const GAP_X: i64 = 28;
/// Space between two boxes of a column.
const GAP_Y: i64 = 8;
const LINE: i64 = 17;
const PAD: i64 = 4;
/// Box widths: a column is as wide as its longest title, within these bounds.
const MIN_W: i64 = 120;
const MAX_W: i64 = 300;
/// Inner padding of a box left of the status mark plus the mark and its space.
const TEXT_X: i64 = 9;
const MARK_W: i64 = 17;

/// The mark drawn beside a node's title, so status never rests on colour alone.
pub(crate) fn symbol(status: Option<Status>) -> &'static str {
    match status {
        Some(Status::Done) => "✓",
        Some(Status::InProgress) => "◐",
        Some(Status::NotStarted) => "○",
        Some(Status::Skipped) => "–",
        None => "▸",
    }
}

/// A node placed on the map.
struct Placed {
    idx: TopicIdx,
    col: usize,
    /// Vertical centre.
    mid: i64,
    lines: Vec<String>,
    parent: Option<usize>,
    /// Descendants hidden under it.
    hidden: usize,
    /// Shown locked, with the word "blocked" on a line of its own.
    blocked: bool,
    /// Its steps as a line of text below the title, `3/5 steps`.
    steps: Option<String>,
}

impl Placed {
    fn height(&self) -> i64 {
        (self.lines.len() + usize::from(self.blocked) + usize::from(self.steps.is_some())) as i64
            * LINE
            + 13
    }
}

struct Layout<'c, 'a> {
    on: &'c VisitorInputs<'a>,
    limit: Option<usize>,
    widths: Vec<i64>,
    /// Next free y.
    cursor: i64,
    out: Vec<Placed>,
}

impl Layout<'_, '_> {
    /// Widens each column to fit its longest title.
    fn measure(&mut self, idx: TopicIdx, col: usize) {
        if self.widths.len() <= col {
            self.widths.push(MIN_W);
        }
        let t = &self.on.roadmap().topics[idx];
        let want = text_width(&t.title) + TEXT_X * 2 + MARK_W;
        self.widths[col] = self.widths[col].max(want.min(MAX_W));
        if self.limit.is_none_or(|l| col < l) {
            for &c in &t.children {
                self.measure(c, col + 1);
            }
        }
    }

    /// Places `idx` and its subtree; returns its index in `out`.
    fn place(&mut self, idx: TopicIdx, col: usize, parent: Option<usize>) -> usize {
        let t = &self.on.roadmap().topics[idx];
        let me = self.out.len();
        self.out.push(Placed {
            idx,
            col,
            mid: 0,
            lines: wrap(&t.title, self.widths[col] - TEXT_X * 2 - MARK_W),
            parent,
            hidden: 0,
            blocked: t.blocked && t.status == Some(Status::NotStarted),
            steps: t.steps.map(|s| format!("{}/{} steps", s.done, s.total)),
        });
        let collapsed = self.limit.is_some_and(|l| col >= l);
        if t.children.is_empty() || collapsed {
            let h = self.out[me].height();
            self.out[me].mid = self.cursor + h / 2;
            self.cursor += h + GAP_Y;
            if collapsed {
                self.out[me].hidden = descendants(self.on, idx);
            }
        } else {
            let placed: Vec<usize> = t
                .children
                .iter()
                .map(|&c| self.place(c, col + 1, Some(me)))
                .collect();
            let (first, last) = (placed[0], placed[placed.len() - 1]);
            let mid = (self.out[first].mid + self.out[last].mid) / 2;
            // Keep a tall parent clear of the subtree above it.
            let top = mid - self.out[me].height() / 2;
            let floor = self.out[..me]
                .iter()
                .filter(|l| l.col == col)
                .map(|l| l.mid + l.height() / 2 + GAP_Y)
                .max()
                .unwrap_or(0);
            self.out[me].mid = mid + (floor - top).max(0);
            let bottom = self.out[me].mid + self.out[me].height() / 2 + GAP_Y;
            self.cursor = self.cursor.max(bottom);
        }
        me
    }
}

fn descendants(on: &VisitorInputs<'_>, idx: TopicIdx) -> usize {
    let t = &on.roadmap().topics[idx];
    t.children.len()
        + t.children
            .iter()
            .map(|&c| descendants(on, c))
            .sum::<usize>()
}

/// The accessible name of a node: title, status in words, roll-up, what is folded away.
fn describe(on: &VisitorInputs<'_>, l: &Placed) -> String {
    let t = &on.roadmap().topics[l.idx];
    let mut s = t.title.clone();
    // The box's visible text, title and steps, starts its name.
    if let Some(steps) = &l.steps {
        let _ = write!(s, " {steps}");
    }
    // The visible text reads "Title 🔒 blocked": the name starts the same way.
    if l.blocked {
        s.push_str(", blocked");
    }
    match t.status {
        Some(st) => {
            let _ = write!(s, ": {}", StatusView::new(st, on.inputs.config).label);
        }
        None => s.push_str(": group"),
    }
    if t.progress.tracked() > 0 && !t.children.is_empty() {
        let _ = write!(
            s,
            ", {} of {} done",
            t.progress.done,
            t.progress.countable()
        );
    }
    if let Some(note) = &t.note {
        let _ = write!(s, " ({note})");
    }
    let r = on.roadmap();
    if !t.requires.is_empty() {
        let names: Vec<&str> = t
            .requires
            .iter()
            .map(|&q| r.topics[q].title.as_str())
            .collect();
        let _ = write!(s, ", requires {}", names.join(", "));
    }
    if l.hidden > 0 {
        let _ = write!(s, ", {} more topics on the section map", l.hidden);
    }
    s
}

/// What `map.svg` draws: one section as boxes and the edges between them, in pixels.
#[derive(Serialize, Hash)]
struct SvgMap {
    /// The id of the drawing's title.
    id: String,
    /// The section's title.
    title: String,
    width: i64,
    height: i64,
    edges: Vec<Edge>,
    /// Dashed arrows from required boxes to the boxes that need them.
    reqs: Vec<ReqEdge>,
    boxes: Vec<MapBox>,
}

/// An edge from a parent's right side to a child's left, as a cubic curve.
#[derive(Serialize, Hash)]
struct Edge {
    x1: i64,
    y1: i64,
    /// Where both control points sit horizontally.
    xm: i64,
    x2: i64,
    y2: i64,
}

/// One node's box, linking to its page.
#[derive(Serialize, Hash)]
struct MapBox {
    url: String,
    /// The status key, or `group`.
    status: &'static str,
    /// Whether it is the section itself.
    section: bool,
    /// Its accessible name.
    label: String,
    x: i64,
    y: i64,
    width: i64,
    height: i64,
    /// Where the status mark and the first line start.
    text_x: i64,
    text_y: i64,
    /// The status mark.
    symbol: &'static str,
    /// Where the title's lines start.
    lines_x: i64,
    /// The title, wrapped; every line but the last ends with a space.
    lines: Vec<String>,
    /// The height of a line.
    line_height: i64,
    /// Its steps, `3/5 steps`, as a line below the title.
    steps: Option<String>,
    /// Descendants folded under it, shown as a stack of boxes and `+N` at `more_x`.
    hidden: usize,
    /// Shown locked: a last line `🔒 blocked` at `lock_y`.
    blocked: bool,
    lock_y: i64,
    /// Where the box below in the stack sits.
    stack_x: i64,
    stack_y: i64,
    more_x: i64,
}

/// The map of one section, links relative to a page whose way to the root is `root`.
fn section_map(
    on: &VisitorInputs<'_>,
    section: TopicIdx,
    root: &str,
    limit: Option<usize>,
) -> SvgMap {
    let mut layout = Layout {
        on,
        limit,
        widths: Vec::new(),
        cursor: PAD,
        out: Vec::new(),
    };
    layout.measure(section, 0);
    layout.place(section, 0, None);
    let Layout {
        widths,
        out: placed,
        cursor,
        ..
    } = layout;
    let lefts = column_lefts(&widths);
    // Room on the right for a `+N` beside a folded box.
    let folded_extra = 40 * i64::from(placed.iter().any(|l| l.hidden > 0));
    let right = lefts.last().copied().unwrap_or(PAD) + widths.last().copied().unwrap_or(0);
    let edges = tree_edges(&placed, &lefts, &widths);
    let drawn: Vec<Drawn> = placed
        .iter()
        .map(|l| Drawn {
            idx: l.idx,
            col: l.col,
            x: lefts[l.col],
            width: widths[l.col],
            mid: l.mid,
        })
        .collect();
    let reqs = map_reqs::edges(on, &drawn);
    let boxes = placed
        .iter()
        .map(|l| map_box(on, l, root, lefts[l.col], widths[l.col]))
        .collect();
    let t = &on.roadmap().topics[section];
    // Arrows between boxes of one column bulge out to their right.
    let reach = reqs.iter().map(ReqEdge::reach).max().unwrap_or(0) + PAD;
    SvgMap {
        id: format!("map-{}", t.id.replace('/', "-")),
        title: t.title.clone(),
        width: (right + PAD + folded_extra).max(reach),
        height: cursor - GAP_Y + PAD,
        edges,
        reqs,
        boxes,
    }
}

/// Where each column starts, from the columns' widths.
fn column_lefts(widths: &[i64]) -> Vec<i64> {
    widths
        .iter()
        .scan(PAD, |x, w| {
            let left = *x;
            *x += w + GAP_X;
            Some(left)
        })
        .collect()
}

/// A line from each placed box's parent to it.
fn tree_edges(placed: &[Placed], lefts: &[i64], widths: &[i64]) -> Vec<Edge> {
    placed
        .iter()
        .filter_map(|l| {
            let p = &placed[l.parent?];
            let (x1, x2) = (lefts[p.col] + widths[p.col], lefts[l.col]);
            let (y1, y2) = (p.mid, l.mid);
            let xm = (x1 + x2) / 2;
            Some(Edge { x1, y1, xm, x2, y2 })
        })
        .collect()
}

/// The box of a placed node whose column starts at `x` and is `width` wide.
fn map_box(on: &VisitorInputs<'_>, l: &Placed, root: &str, x: i64, width: i64) -> MapBox {
    let t = &on.roadmap().topics[l.idx];
    let y = l.mid - l.height() / 2;
    let last = l.lines.len().saturating_sub(1);
    MapBox {
        url: format!("{root}{}index.html", t.url()),
        status: t.status.map_or("group", |st| st.key()),
        section: l.col == 0,
        label: describe(on, l),
        x,
        y,
        width,
        height: l.height(),
        text_x: x + TEXT_X,
        text_y: y + 19,
        symbol: symbol(t.status),
        lines_x: x + TEXT_X + MARK_W,
        // A space ends each wrapped line (and the title before a steps line), so the text
        // reads as the title, words apart.
        lines: (l.lines.iter().enumerate())
            .map(|(i, line)| {
                if i < last || l.steps.is_some() {
                    format!("{line} ")
                } else {
                    line.clone()
                }
            })
            .collect(),
        line_height: LINE,
        steps: l.steps.clone(),
        hidden: l.hidden,
        blocked: l.blocked,
        lock_y: y + 19 + (l.lines.len() + usize::from(l.steps.is_some())) as i64 * LINE,
        stack_x: x + 4,
        stack_y: y + 4,
        more_x: x + width + 10,
    }
}

#[derive(Serialize, Hash)]
struct SectionMap {
    title: String,
    /// The section's own page.
    url: String,
    /// Its map page.
    map_url: String,
    progress: Option<ProgressView>,
    /// Nodes in the section, itself included.
    count: usize,
    /// Whether deeper levels are folded away here.
    collapsed: bool,
    /// The drawing.
    map: SvgMap,
    /// Requirements between this section and others.
    links: Vec<CrossLink>,
}

/// What `map.html` sees: the overview, or one section's page.
#[derive(Serialize, Hash)]
struct MapPage {
    #[serde(flatten)]
    frame: Frame,
    sections: Vec<SectionMap>,
    legend: Vec<LegendEntry>,
    /// Whether this is one section's page.
    single: bool,
    /// Whether any topic has requirements: the legend then explains locks and arrows.
    paths: bool,
}

/// The overview and one page per section.
pub(crate) fn jobs<'a>(on: &VisitorInputs<'_>) -> Vec<Job<'a>> {
    let r = on.roadmap();
    let large = r.order.len() > LARGE;
    let limit = large.then_some(1);
    let sections: Vec<SectionMap> = r
        .sections()
        .par_iter()
        .map(|&s| {
            let t = &r.topics[s];
            SectionMap {
                title: t.title.clone(),
                url: format!("../{}index.html", t.url()),
                map_url: format!("{}/index.html", t.id),
                progress: ProgressView::of(&t.progress),
                count: descendants(on, s) + 1,
                collapsed: large && descendants(on, s) > t.children.len(),
                map: section_map(on, s, "../", limit),
                links: map_reqs::cross_links(on, s, "../"),
            }
        })
        .collect();
    let overview = MapPage {
        frame: on.frame("../", "map"),
        sections,
        legend: legend(on),
        single: false,
        paths: has_paths(on),
    };
    let mut jobs = vec![Job::page("map/index.html", "map.html", overview)];
    jobs.par_extend(r.sections().par_iter().map(|&s| section_job(on, s)));
    jobs
}

/// The map of one section, unabridged.
fn section_job<'a>(on: &VisitorInputs<'_>, s: TopicIdx) -> Job<'a> {
    let t = &on.roadmap().topics[s];
    let root = "../../";
    let one = SectionMap {
        title: t.title.clone(),
        url: format!("{root}{}index.html", t.url()),
        map_url: "index.html".into(),
        progress: ProgressView::of(&t.progress),
        count: descendants(on, s) + 1,
        collapsed: false,
        map: section_map(on, s, root, None),
        links: map_reqs::cross_links(on, s, root),
    };
    let page = MapPage {
        frame: on.frame(root, "map"),
        sections: vec![one],
        legend: legend(on),
        single: true,
        paths: has_paths(on),
    };
    Job::page(format!("map/{}/index.html", t.id), "map.html", page)
}
