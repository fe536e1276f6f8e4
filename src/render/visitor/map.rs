//! `map/index.html` and `map/<section>/index.html`: the roadmap drawn as SVG at build time.
//!
//! Each section is a tidy tree growing to the right: depth picks the column, leaves take one
//! row each in tree order and a parent sits level with the middle of its children. Text keeps
//! its size however big the roadmap gets; past [`LARGE`] nodes the overview shows only the
//! sections' first level and each section's full tree gets a page of its own.

use super::{Cx, esc};
use crate::diagnostic::Diagnostics;
use crate::model::{Status, TopicIdx};
use crate::render::Page;
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

/// The width of text at 13px, estimated generously from character classes.
fn text_width(s: &str) -> i64 {
    let tenths: i64 = s
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | 't' | 'f' | 'r' | 'I' | '.' | ',' | ':' | ';' | '\'' | '|' | '!'
            | ' ' => 42,
            'm' | 'w' | 'M' | 'W' => 118,
            c if c.is_ascii_uppercase() => 96,
            c if c.is_ascii() => 78,
            c if (c as u32) < 0x2E80 => 88,
            _ => 135,
        })
        .sum();
    tenths / 10 + 6
}

/// A title broken into lines that fit `width`; never cut, so the box shows it whole.
fn wrap(title: &str, width: i64) -> Vec<String> {
    let mut lines: Vec<String> = vec![String::new()];
    for word in title.split_whitespace() {
        let last = lines.len() - 1;
        let candidate = if lines[last].is_empty() {
            word.to_string()
        } else {
            format!("{} {word}", lines[last])
        };
        if text_width(&candidate) <= width || lines[last].is_empty() {
            lines[last] = candidate;
        } else {
            lines.push(word.to_string());
        }
    }
    lines
}

struct Laid {
    idx: TopicIdx,
    col: usize,
    /// Vertical centre.
    mid: i64,
    lines: Vec<String>,
    parent: Option<usize>,
    /// Descendants hidden under it.
    hidden: usize,
}

impl Laid {
    fn height(&self) -> i64 {
        self.lines.len() as i64 * LINE + 13
    }
}

struct Layout<'c, 'a> {
    cx: &'c Cx<'a>,
    limit: Option<usize>,
    widths: Vec<i64>,
    /// Next free y.
    cursor: i64,
    out: Vec<Laid>,
}

impl Layout<'_, '_> {
    /// Widens each column to fit its longest title.
    fn measure(&mut self, idx: TopicIdx, col: usize) {
        if self.widths.len() <= col {
            self.widths.push(MIN_W);
        }
        let t = &self.cx.roadmap().topics[idx];
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
        let t = &self.cx.roadmap().topics[idx];
        let me = self.out.len();
        self.out.push(Laid {
            idx,
            col,
            mid: 0,
            lines: wrap(&t.title, self.widths[col] - TEXT_X * 2 - MARK_W),
            parent,
            hidden: 0,
        });
        let collapsed = self.limit.is_some_and(|l| col >= l);
        if t.children.is_empty() || collapsed {
            let h = self.out[me].height();
            self.out[me].mid = self.cursor + h / 2;
            self.cursor += h + GAP_Y;
            if collapsed {
                self.out[me].hidden = descendants(self.cx, idx);
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

fn descendants(cx: &Cx<'_>, idx: TopicIdx) -> usize {
    let t = &cx.roadmap().topics[idx];
    t.children.len()
        + t.children
            .iter()
            .map(|&c| descendants(cx, c))
            .sum::<usize>()
}

/// The accessible name of a node: title, status in words, roll-up, what is folded away.
fn describe(cx: &Cx<'_>, l: &Laid) -> String {
    let t = &cx.roadmap().topics[l.idx];
    let mut s = t.title.clone();
    match t.status {
        Some(st) => {
            let _ = write!(s, ": {}", StatusView::new(st, cx.inputs.config).label);
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
    if l.hidden > 0 {
        let _ = write!(s, ", {} more topics on the section map", l.hidden);
    }
    s
}

/// The SVG of one section, links relative to a page whose way to the root is `root`.
fn section_svg(cx: &Cx<'_>, section: TopicIdx, root: &str, limit: Option<usize>) -> String {
    let mut layout = Layout {
        cx,
        limit,
        widths: Vec::new(),
        cursor: PAD,
        out: Vec::new(),
    };
    layout.measure(section, 0);
    layout.place(section, 0, None);
    let Layout {
        widths,
        out: laid,
        cursor,
        ..
    } = layout;
    let lefts: Vec<i64> = widths
        .iter()
        .scan(PAD, |x, w| {
            let left = *x;
            *x += w + GAP_X;
            Some(left)
        })
        .collect();
    let folded_extra = if laid.iter().any(|l| l.hidden > 0) {
        40
    } else {
        0
    };
    let width = lefts.last().copied().unwrap_or(PAD)
        + widths.last().copied().unwrap_or(0)
        + PAD
        + folded_extra;
    let height = cursor - GAP_Y + PAD;
    let top = |l: &Laid| l.mid - l.height() / 2;
    let r = cx.roadmap();
    let id = format!("map-{}", r.topics[section].id.replace('/', "-"));
    let mut s = String::with_capacity(laid.len() * 360);
    let _ = write!(
        s,
        "<svg class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" aria-labelledby=\"{id}\"><title id=\"{id}\">Map of {}</title>\n<g class=\"edges\" aria-hidden=\"true\">",
        esc(&r.topics[section].title)
    );
    for l in &laid {
        if let Some(p) = l.parent {
            let p = &laid[p];
            let (x1, y1) = (lefts[p.col] + widths[p.col], p.mid);
            let (x2, y2) = (lefts[l.col], l.mid);
            let xm = (x1 + x2) / 2;
            let _ = write!(s, "<path d=\"M{x1} {y1}C{xm} {y1} {xm} {y2} {x2} {y2}\"/>");
        }
    }
    s.push_str("</g>\n");
    for l in &laid {
        let t = &r.topics[l.idx];
        let key = t.status.map_or("group", |st| st.key());
        let (nx, ny, w, h) = (lefts[l.col], top(l), widths[l.col], l.height());
        let depth = if l.col == 0 { " n-section" } else { "" };
        let _ = write!(
            s,
            "<a href=\"{root}{}index.html\" class=\"n n-{key}{depth}\" aria-label=\"{}\">",
            t.url(),
            esc(&describe(cx, l))
        );
        if l.hidden > 0 {
            let _ = write!(
                s,
                "<rect class=\"stack\" x=\"{}\" y=\"{}\" width=\"{w}\" height=\"{h}\" rx=\"6\"/>",
                nx + 4,
                ny + 4
            );
        }
        let _ = write!(
            s,
            "<rect x=\"{nx}\" y=\"{ny}\" width=\"{w}\" height=\"{h}\" rx=\"6\"/><text x=\"{}\" y=\"{}\"><tspan class=\"sym\">{}</tspan>",
            nx + TEXT_X,
            ny + 19,
            symbol(t.status),
        );
        for (i, line) in l.lines.iter().enumerate() {
            // A space ends each wrapped line, so the text reads as the title, words apart.
            let line = if i + 1 < l.lines.len() {
                format!("{line} ")
            } else {
                line.clone()
            };
            if i == 0 {
                let _ = write!(
                    s,
                    "<tspan x=\"{}\">{}</tspan>",
                    nx + TEXT_X + MARK_W,
                    esc(&line)
                );
            } else {
                let _ = write!(
                    s,
                    "<tspan x=\"{}\" dy=\"{LINE}\">{}</tspan>",
                    nx + TEXT_X + MARK_W,
                    esc(&line)
                );
            }
        }
        s.push_str("</text></a>");
        if l.hidden > 0 {
            let _ = write!(
                s,
                "<text class=\"more\" x=\"{}\" y=\"{}\" aria-hidden=\"true\">+{}</text>",
                nx + w + 10,
                ny + 19,
                l.hidden
            );
        }
        s.push('\n');
    }
    s.push_str("</svg>");
    s
}

#[derive(Serialize)]
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
    svg: String,
}

#[derive(Serialize)]
struct LegendEntry {
    key: &'static str,
    symbol: &'static str,
    label: String,
}

fn legend(cx: &Cx<'_>) -> Vec<LegendEntry> {
    Status::ALL
        .iter()
        .map(|&st| LegendEntry {
            key: st.key(),
            symbol: symbol(Some(st)),
            label: StatusView::new(st, cx.inputs.config).label,
        })
        .chain(std::iter::once(LegendEntry {
            key: "group",
            symbol: symbol(None),
            label: "Group".into(),
        }))
        .collect()
}

/// The overview and one page per section.
pub(crate) fn pages(cx: &Cx<'_>) -> Result<Vec<Page>, Diagnostics> {
    let r = cx.roadmap();
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
                count: descendants(cx, s) + 1,
                collapsed: large && descendants(cx, s) > t.children.len(),
                svg: section_svg(cx, s, "../", limit),
            }
        })
        .collect();
    let mut ctx = cx.context("../", "map");
    ctx.insert("sections", &sections);
    ctx.insert("legend", &legend(cx));
    ctx.insert("single", &false);
    let overview = cx.render("map.html", &ctx, "map/index.html");
    let each: Vec<_> = r
        .sections()
        .par_iter()
        .map(|&s| section_page(cx, s))
        .collect();
    std::iter::once(overview).chain(each).collect()
}

/// The map of one section, unabridged.
fn section_page(cx: &Cx<'_>, s: TopicIdx) -> Result<Page, Diagnostics> {
    let t = &cx.roadmap().topics[s];
    let root = "../../";
    let one = SectionMap {
        title: t.title.clone(),
        url: format!("{root}{}index.html", t.url()),
        map_url: "index.html".into(),
        progress: ProgressView::of(&t.progress),
        count: descendants(cx, s) + 1,
        collapsed: false,
        svg: section_svg(cx, s, root, None),
    };
    let mut ctx = cx.context(root, "map");
    ctx.insert("sections", &[one]);
    ctx.insert("legend", &legend(cx));
    ctx.insert("single", &true);
    cx.render("map.html", &ctx, &format!("map/{}/index.html", t.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_titles_wrap_whole_never_cut() {
        let title = "Group 0.0 of topics with a much longer name that has to wrap";
        let lines = wrap(title, MAX_W - TEXT_X * 2 - MARK_W);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), title);
        assert_eq!(wrap("Supercalifragilisticexpialidocious", 40).len(), 1);
    }
}
