//! Shields-style SVG progress badges, coloured by percent done.

/// A badge reading `label | NN%`.
pub fn badge(label: &str, percent: u32) -> String {
    let value = format!("{percent}%");
    let (lw, vw) = (text_width(label) + 10, text_width(&value) + 10);
    let total = lw + vw;
    let color = color(percent);
    let label_x = lw * 5;
    let value_x = lw * 10 + vw * 5;
    let label = escape(label);
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" role="img" aria-label="{label}: {value}"><title>{label}: {value}</title><linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient><clipPath id="r"><rect width="{total}" height="20" rx="3" fill="#fff"/></clipPath><g clip-path="url(#r)"><rect width="{lw}" height="20" fill="#555"/><rect x="{lw}" width="{vw}" height="20" fill="{color}"/><rect width="{total}" height="20" fill="url(#s)"/></g><g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="110"><text aria-hidden="true" x="{label_x}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)">{label}</text><text x="{label_x}" y="140" transform="scale(.1)">{label}</text><text aria-hidden="true" x="{value_x}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)">{value}</text><text x="{value_x}" y="140" transform="scale(.1)">{value}</text></g></svg>
"##
    )
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

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badge_names_label_and_percent() {
        let svg = badge("A & B", 42);
        assert!(svg.contains("aria-label=\"A &amp; B: 42%\""));
        assert!(svg.contains(color(42)));
    }
}
