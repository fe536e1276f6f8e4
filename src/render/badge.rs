//! Shields-style SVG progress badges, coloured by percent done: the layout, which the
//! theme's `badge.svg` draws.

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
