//! Shields-style SVG progress badges, coloured by percent done, and the profile card (the
//! roadmap's title, percent and bar with its top sections'): the layouts, which the theme's
//! `badge.svg` and `card.svg` draw.

use crate::model::{Roadmap, TopicIdx};
use serde::Serialize;

/// What `badge.svg` draws: `label | NN%`, laid out in pixels.
#[derive(Debug, Serialize, Hash)]
pub struct BadgeView {
    /// The left text.
    pub label: String,
    /// The right text, `NN%`.
    pub value: String,
    /// Width of the left part.
    pub label_width: u32,
    /// Width of the right part.
    pub value_width: u32,
    /// Width of the whole badge.
    pub width: u32,
    /// Centres of the two texts, in tenths of a pixel (the text is drawn at scale .1).
    pub label_x: u32,
    /// See `label_x`.
    pub value_x: u32,
    /// Background of the right part.
    pub color: &'static str,
}

/// A badge reading `label | NN%`.
pub fn badge(label: &str, percent: u32) -> BadgeView {
    let value = format!("{percent}%");
    let (lw, vw) = (text_width(label) + 10, text_width(&value) + 10);
    BadgeView {
        label: label.to_string(),
        value,
        label_width: lw,
        value_width: vw,
        width: lw + vw,
        label_x: lw * 5,
        value_x: lw * 10 + vw * 5,
        color: color(percent),
    }
}

/// The shields.io colour scale, red at 0 to bright green at 100.
pub fn color(percent: u32) -> &'static str {
    match percent {
        100.. => "#2e7d32",
        80..=99 => "#4c8c00",
        60..=79 => "#6f7d00",
        40..=59 => "#9a6700",
        20..=39 => "#c0520d",
        _ => "#c62828",
    }
}

/// Approximate width in pixels of text in 11px Verdana.
fn text_width(text: &str) -> u32 {
    text.chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '|' | '!' | '\'' | 'I' | ' ' => 4,
            'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '/' | '-' => 5,
            'm' | 'w' | 'M' | 'W' | '%' | '@' => 11,
            'A'..='Z' | '0'..='9' | '&' | '+' => 8,
            c if c.is_ascii() => 7,
            _ => 11,
        })
        .sum()
}

/// Colours of the card, light or dark.
#[derive(Debug, Serialize, Hash)]
pub struct Palette {
    /// Behind everything.
    pub background: &'static str,
    /// The card's edge.
    pub border: &'static str,
    /// Titles and figures.
    pub text: &'static str,
    /// The summary line.
    pub muted: &'static str,
    /// A bar's empty part.
    pub track: &'static str,
    /// A bar's done part.
    pub fill: &'static str,
}

/// GitHub's light colours: every text at least 4.5:1 on the background.
const LIGHT: Palette = Palette {
    background: "#ffffff",
    border: "#d0d7de",
    text: "#1f2328",
    muted: "#59636e",
    track: "#d8dee4",
    fill: "#1a7f37",
};

/// GitHub's dark colours.
const DARK: Palette = Palette {
    background: "#0d1117",
    border: "#3d444d",
    text: "#f0f6fc",
    muted: "#9198a1",
    track: "#3d444d",
    fill: "#3fb950",
};

/// One section on the card.
#[derive(Debug, Serialize, Hash)]
pub struct CardRow {
    /// Its title, shortened to fit.
    pub title: String,
    /// Whole percent done.
    pub percent: u32,
    /// Baseline of its text.
    pub y: u32,
    /// Top of its bar.
    pub bar_y: u32,
    /// Width of its bar's done part.
    pub fill: u32,
}

/// What `card.svg` draws, laid out in pixels.
#[derive(Debug, Serialize, Hash)]
pub struct CardView {
    /// The roadmap's title, shortened to fit.
    pub title: String,
    /// Whole percent done.
    pub percent: u32,
    /// The figures in words.
    pub summary: String,
    /// Everything the card shows, in words, for screen readers.
    pub desc: String,
    /// The card's size.
    pub width: u32,
    /// See `width`.
    pub height: u32,
    /// Where texts start, and where right-aligned ones end.
    pub left: u32,
    /// See `left`.
    pub right: u32,
    /// Width of every bar.
    pub bar: u32,
    /// Width of the overall bar's done part.
    pub fill: u32,
    /// The top sections.
    pub rows: Vec<CardRow>,
    /// "and N more sections", when there are.
    pub more: Option<String>,
    /// The baseline of `more`.
    pub more_y: u32,
    /// The colours.
    pub palette: Palette,
}

/// Sections on the card at most.
const CARD_SECTIONS: usize = 5;
const CARD_WIDTH: u32 = 480;
const CARD_MARGIN: u32 = 20;

/// The profile card of `roadmap`, light or dark: the sections with the most topics done or
/// in progress (then the largest), in roadmap order.
pub fn card(roadmap: &Roadmap, dark: bool) -> CardView {
    let mut top: Vec<TopicIdx> = (roadmap.sections().iter().copied())
        .filter(|&s| roadmap.topics[s].progress.countable() > 0)
        .collect();
    let shown = top.len().min(CARD_SECTIONS);
    // Where the learner is active first, then the largest.
    top.sort_by_key(|&s| {
        let p = &roadmap.topics[s].progress;
        std::cmp::Reverse((p.done + p.in_progress, p.countable()))
    });
    let hidden = top.len() - shown;
    top.truncate(shown);
    top.sort_by_key(|&s| roadmap.topics[s].position);
    let bar = CARD_WIDTH - 2 * CARD_MARGIN;
    let filled = |p: u32| bar * p / 100;
    let p = roadmap.progress();
    let rows: Vec<CardRow> = (top.iter().enumerate())
        .map(|(i, &s)| {
            let t = &roadmap.topics[s];
            let y = 104 + 36 * i as u32;
            CardRow {
                title: fit(&t.title, bar - 50, 12),
                percent: t.progress.percent(),
                y,
                bar_y: y + 7,
                fill: filled(t.progress.percent()),
            }
        })
        .collect();
    let end = 104 + 36 * rows.len() as u32;
    let more = (hidden > 0).then(|| {
        let s = if hidden == 1 { "" } else { "s" };
        format!("and {hidden} more section{s}")
    });
    let mut desc = format!("{}: {}.", roadmap.title, p.summary());
    for &s in &top {
        let t = &roadmap.topics[s];
        desc.push_str(&format!(" {}: {}.", t.title, t.progress.summary()));
    }
    CardView {
        title: fit(&roadmap.title, bar - 60, 16),
        percent: p.percent(),
        summary: p.summary(),
        desc,
        width: CARD_WIDTH,
        height: end + if more.is_some() { 16 } else { 0 },
        left: CARD_MARGIN,
        right: CARD_WIDTH - CARD_MARGIN,
        bar,
        fill: filled(p.percent()),
        rows,
        more,
        more_y: end,
        palette: if dark { DARK } else { LIGHT },
    }
}

/// `text` cut with an ellipsis to fit `width` pixels at `size` pixels (estimated from 11px
/// Verdana, which is wider than most sans-serif fonts).
fn fit(text: &str, width: u32, size: u32) -> String {
    let wide = |t: &str| text_width(t) * size / 11;
    if wide(text) <= width {
        return text.to_string();
    }
    let mut cut: String = text.to_string();
    while !cut.is_empty() && wide(&cut) + wide("…") > width {
        cut.pop();
    }
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badge_lays_out_label_and_percent() {
        let b = badge("roadmap", 42);
        assert_eq!((b.value.as_str(), b.color), ("42%", color(42)));
        assert_eq!(b.width, b.label_width + b.value_width);
        assert_eq!(b.label_x * 2, b.label_width * 10);
    }
}
