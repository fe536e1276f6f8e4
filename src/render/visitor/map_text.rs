//! How a title fits a box of the section maps: its width at 13px, estimated from character
//! classes, and its lines.

/// The width of text at 13px, estimated generously from character classes.
pub(super) fn text_width(s: &str) -> i64 {
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
pub(super) fn wrap(title: &str, width: i64) -> Vec<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_titles_wrap_whole_never_cut() {
        let title = "Group 0.0 of topics with a much longer name that has to wrap";
        // The text's room in the widest box: MAX_W − 2 × TEXT_X − MARK_W in map.rs.
        let lines = wrap(title, 300 - 9 * 2 - 17);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), title);
        assert_eq!(wrap("Supercalifragilisticexpialidocious", 40).len(), 1);
    }
}
