//! Reads one roadmap line's text: its status marker, icon, title, `[tags]` and `(note)`.

use crate::model::{OutlineNode, Status};

/// Splits an item's text into a node without children.
pub fn parse_item(text: &str) -> OutlineNode {
    let unbolded = text.replace("**", "");
    let (status, icon, rest) = leading(&unbolded);
    let rest = rest.trim();
    let rest = (rest.strip_suffix(super::text_tree::BLOCKED))
        .or_else(|| rest.strip_suffix(super::text_tree::BLOCKED_ASCII))
        .unwrap_or(rest);
    let (title, tags, note) = split_suffixes(strip_progress(rest.trim()));
    OutlineNode {
        title,
        status,
        tags,
        note,
        icon,
        children: Vec::new(),
        blocked: false,
    }
}

/// The roadmap's title from its first line: a `#` heading mark, `**` and leading emoji dropped;
/// `[…]` and `(…)` stay part of it.
pub fn parse_title(line: &str) -> String {
    let line = line.trim();
    let hashes = line.len() - line.trim_start_matches('#').len();
    let line = match &line[hashes..] {
        rest if hashes > 0 && (rest.is_empty() || rest.starts_with([' ', '\t'])) => rest,
        _ => line,
    };
    let unbolded = line.replace("**", "");
    let mut rest = unbolded.trim();
    loop {
        rest = rest.trim_start_matches(is_filler);
        match leading_emoji(rest) {
            Some((_, after)) => rest = after,
            None => break,
        }
    }
    rest.to_string()
}

/// Takes status markers and emoji off the start: the first marker is the status, the first
/// emoji the icon; further ones are dropped.
fn leading(text: &str) -> (Option<Status>, Option<String>, &str) {
    let mut rest = text.trim();
    let mut status = None;
    let mut icon = None;
    loop {
        rest = rest.trim_start_matches(is_filler);
        if let Some((s, after)) = leading_marker(rest) {
            status = status.or(Some(s));
            rest = after;
        } else if let Some((i, after)) = leading_emoji(rest) {
            icon = icon.or(Some(i));
            rest = after;
        } else {
            break;
        }
    }
    (status, icon, rest)
}

/// Characters skipped between leading markers and emoji: spaces, variation selectors, joiners
/// and stray byte order marks.
fn is_filler(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{FE0F}' | '\u{200D}' | '\u{FEFF}')
}

/// A status marker at the start: an emoji or a task box.
fn leading_marker(text: &str) -> Option<(Status, &str)> {
    const MARKERS: [(&str, Status); 17] = [
        ("[x]", Status::Done),
        ("[X]", Status::Done),
        ("[ ]", Status::NotStarted),
        ("[~]", Status::InProgress),
        ("[/]", Status::InProgress),
        ("[-]", Status::Skipped),
        ("✅", Status::Done),
        ("✔", Status::Done),
        ("✓", Status::Done),
        ("☑", Status::Done),
        ("⏳", Status::InProgress),
        ("🔄", Status::InProgress),
        ("🚧", Status::InProgress),
        ("⏸", Status::NotStarted),
        ("❌", Status::NotStarted),
        ("☐", Status::NotStarted),
        ("⏭", Status::Skipped),
    ];
    MARKERS.iter().find_map(|(m, s)| {
        let after = text.strip_prefix(m)?;
        Some((*s, after.trim_start_matches('\u{FE0F}')))
    })
}

/// A leading pictograph (with its variation selector), such as a section's 📚.
fn leading_emoji(text: &str) -> Option<(String, &str)> {
    let first = text.chars().next()?;
    if !is_pictograph(first) {
        return None;
    }
    let mut end = first.len_utf8();
    for c in text[end..].chars() {
        if c == '\u{FE0F}' || c == '\u{200D}' || is_pictograph(c) {
            end += c.len_utf8();
        } else {
            break;
        }
    }
    Some((text[..end].to_string(), &text[end..]))
}

fn is_pictograph(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2300..=0x23FF | 0x2B00..=0x2BFF)
}

/// Drops the ` — 3/12` (or ascii ` -- 3/12`) count that `waymark tree` prints after a node.
fn strip_progress(text: &str) -> &str {
    let Some((before, count)) = text.rsplit_once(" — ").or_else(|| text.rsplit_once(" -- "))
    else {
        return text;
    };
    let is_count = count.split_once('/').is_some_and(|(a, b)| {
        !a.is_empty()
            && !b.is_empty()
            && a.chars().all(|c| c.is_ascii_digit())
            && b.chars().all(|c| c.is_ascii_digit())
    });
    if is_count { before.trim_end() } else { text }
}

/// Peels trailing `[Tag]`s and one trailing `(note)` off a title.
fn split_suffixes(text: &str) -> (String, Vec<String>, Option<String>) {
    let mut rest = text.trim_end();
    let mut tags = Vec::new();
    let mut note = None;
    loop {
        if let Some((before, inner)) = trailing_group(rest, '[', ']') {
            tags.insert(0, inner.to_string());
            rest = before;
        } else if note.is_none()
            && let Some((before, inner)) = trailing_group(rest, '(', ')')
        {
            note = Some(inner.to_string());
            rest = before;
        } else {
            break;
        }
    }
    (rest.to_string(), tags, note)
}

/// `("Title", "inner")` for text ending in `open inner close`, with a non-empty title before.
fn trailing_group(text: &str, open: char, close: char) -> Option<(&str, &str)> {
    let body = text.strip_suffix(close)?;
    let mut depth = 0;
    for (i, c) in body.char_indices().rev() {
        if c == close {
            depth += 1;
        } else if c == open {
            if depth == 0 {
                let before = body[..i].trim_end();
                let inner = body[i + c.len_utf8()..].trim();
                return (!before.is_empty() && !inner.is_empty()).then_some((before, inner));
            }
            depth -= 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_marker_icon_title_tags_note() {
        let n = parse_item("📚 **FOUNDATIONS** [Your Current Level]");
        assert_eq!(
            (n.icon.as_deref(), n.title.as_str(), n.tags.as_slice()),
            (
                Some("📚"),
                "FOUNDATIONS",
                &["Your Current Level".to_string()][..]
            )
        );
        let n = parse_item("✅ Python (You have this) ");
        assert_eq!(
            (n.status, n.title.as_str(), n.note.as_deref()),
            (Some(Status::Done), "Python", Some("You have this"))
        );
        let n = parse_item("⏸\u{FE0F} Authentication (JWT/Token)");
        assert_eq!(
            (n.status, n.title.as_str(), n.note.as_deref()),
            (
                Some(Status::NotStarted),
                "Authentication",
                Some("JWT/Token")
            )
        );
        let n = parse_item("[x] Git basics — 1/2");
        assert_eq!(
            (n.status, n.title.as_str()),
            (Some(Status::Done), "Git basics")
        );
        let n = parse_item("Node.js + Express");
        assert_eq!(
            (n.status, n.title.as_str(), n.note),
            (None, "Node.js + Express", None)
        );
    }
}
