//! The map's legend, and requirements on the map: a dashed arrow from each required box to the box that needs it
//! when both are drawn in one section's diagram, and the requirements that cross sections
//! listed under the diagram as links.

use super::VisitorInputs;
use super::map::symbol;
use crate::model::{Status, TopicIdx};
use crate::render::view::StatusView;
use serde::Serialize;
use std::collections::HashMap;

/// A drawn box, as the requirement arrows need it.
pub(super) struct Drawn {
    /// The topic.
    pub idx: TopicIdx,
    /// Its column.
    pub col: usize,
    /// Left edge.
    pub x: i64,
    /// Width.
    pub width: i64,
    /// Vertical centre.
    pub mid: i64,
}

/// A dashed arrow from a required box to the box that requires it, as a cubic curve.
#[derive(Serialize, Hash)]
pub(super) struct ReqEdge {
    x1: i64,
    y1: i64,
    c1x: i64,
    c1y: i64,
    c2x: i64,
    c2y: i64,
    x2: i64,
    y2: i64,
}

impl ReqEdge {
    /// How far right the curve reaches.
    pub(super) fn reach(&self) -> i64 {
        self.x1.max(self.x2).max(self.c1x).max(self.c2x)
    }
}

/// A requirement from a topic of one section on a topic of another, listed under the map.
#[derive(Serialize, Hash)]
pub(super) struct CrossLink {
    from: String,
    from_url: String,
    from_section: String,
    to: String,
    to_url: String,
    to_section: String,
    /// Whether the required topic is finished.
    finished: bool,
}

/// How far a curve between boxes of one column bulges out to their right.
const BULGE: i64 = 22;

/// The arrows between drawn boxes: each requirement whose both ends are drawn.
pub(super) fn edges(on: &VisitorInputs<'_>, drawn: &[Drawn]) -> Vec<ReqEdge> {
    let at: HashMap<TopicIdx, &Drawn> = drawn.iter().map(|d| (d.idx, d)).collect();
    let topics = &on.roadmap().topics;
    let mut out = Vec::new();
    for to in drawn {
        for r in &topics[to.idx].requires {
            if let Some(from) = at.get(r) {
                out.push(curve(from, to));
            }
        }
    }
    out
}

fn curve(from: &Drawn, to: &Drawn) -> ReqEdge {
    // An arrow leaves a box a little towards the box it goes to and arrives a little from
    // where it came, so one arriving and one leaving never meet at one point.
    let lean = if to.mid >= from.mid { 4 } else { -4 };
    let (y1, y2) = (from.mid + lean, to.mid - lean);
    let bend = BULGE + ((y2 - y1).abs() / 10).min(40);
    let (x1, c1x, x2, c2x) = if to.col > from.col {
        let (x1, x2) = (from.x + from.width, to.x);
        let xm = (x1 + x2) / 2;
        (x1, xm, x2 - 4, xm)
    } else if to.col == from.col {
        let right = from.x + from.width;
        (right, right + bend, right + 4, right + bend)
    } else {
        let (x1, x2) = (from.x, to.x + to.width);
        let xm = (x1 + x2) / 2;
        (x1, xm, x2 + 4, xm)
    };
    ReqEdge {
        x1,
        y1,
        c1x,
        c1y: y1,
        c2x,
        c2y: y2,
        x2,
        y2,
    }
}

/// The requirements between a topic of `section` and a topic of another section, in
/// roadmap order; links relative to a page whose way to the root is `root`.
pub(super) fn cross_links(on: &VisitorInputs<'_>, section: TopicIdx, root: &str) -> Vec<CrossLink> {
    let r = on.roadmap();
    let mut out = Vec::new();
    for &idx in &r.order {
        let from_section = on.section_of(idx);
        for &q in &r.topics[idx].requires {
            let to_section = on.section_of(q);
            if from_section == to_section
                || (from_section != Some(section) && to_section != Some(section))
            {
                continue;
            }
            let title =
                |s: Option<TopicIdx>| s.map_or(String::new(), |s| r.topics[s].title.clone());
            out.push(CrossLink {
                from: r.topics[idx].title.clone(),
                from_url: format!("{root}{}index.html", r.topics[idx].url()),
                from_section: title(from_section),
                to: r.topics[q].title.clone(),
                to_url: format!("{root}{}index.html", r.topics[q].url()),
                to_section: title(to_section),
                finished: r.finished(q),
            });
        }
    }
    out
}

/// One entry of the map's legend: a status's mark and words.
#[derive(Serialize, Hash)]
pub(super) struct LegendEntry {
    key: &'static str,
    symbol: &'static str,
    label: String,
}

pub(super) fn legend(on: &VisitorInputs<'_>) -> Vec<LegendEntry> {
    Status::ALL
        .iter()
        .map(|&st| LegendEntry {
            key: st.key(),
            symbol: symbol(Some(st)),
            label: StatusView::new(st, on.inputs.config).label,
        })
        .chain(std::iter::once(LegendEntry {
            key: "group",
            symbol: symbol(None),
            label: "Group".into(),
        }))
        .collect()
}

/// Whether any topic has requirements: the legend then explains locks and arrows.
pub(super) fn has_paths(on: &VisitorInputs<'_>) -> bool {
    on.roadmap().topics.iter().any(|t| !t.requires.is_empty())
}
