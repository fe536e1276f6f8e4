//! Finds the tree in a text roadmap — box drawing, ascii, or a nested markdown list — and
//! builds its nodes from the indentation.

use super::item::parse_item;
use super::{ImportError, TextNode, TextRoadmap};

/// The kinds of outline waymark reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `├── ` / `└── ` with `│` rails.
    Box,
    /// `|-- `, `` `-- ``, `+-- `, `\-- ` with `|` rails.
    Ascii,
    /// `-`, `*`, `+` or numbered list items, nested by indentation.
    Markdown,
}

/// One item line: where its text starts, the text, and its 1-based line number.
#[derive(Debug, Clone)]
struct Line<'a> {
    column: usize,
    text: &'a str,
    number: usize,
}

/// Parses decoded text into a roadmap.
pub fn parse_text(text: &str) -> Result<TextRoadmap, ImportError> {
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    let format = [Format::Box, Format::Ascii, Format::Markdown]
        .into_iter()
        .map(|f| (lines.iter().filter(|l| item(f, l).is_some()).count(), f))
        .filter(|(n, _)| *n > 0)
        .max_by_key(|(n, f)| (*n, std::cmp::Reverse(*f as u8)))
        .map(|(_, f)| f)
        .ok_or_else(|| {
            ImportError::new(
                None,
                "no tree found: expected lines like `├── Topic`, `|-- Topic` or `- Topic`",
            )
        })?;
    let mut items = Vec::new();
    let mut title = None;
    for (i, line) in lines.iter().enumerate() {
        match item(format, line) {
            Some((column, text)) => items.push(Line {
                column,
                text,
                number: i + 1,
            }),
            None if items.is_empty()
                && title.is_none()
                && !is_rail(line)
                && !line.trim().is_empty() =>
            {
                title = Some(title_of(line));
            }
            None => {}
        }
    }
    let sections = build_tree(&items)?;
    Ok(TextRoadmap {
        title: title.unwrap_or_else(|| "Roadmap".to_string()),
        sections,
    })
}

/// The roadmap's title from its first line: heading marks, emoji and bold dropped.
fn title_of(line: &str) -> String {
    let node = parse_item(line.trim().trim_start_matches('#'));
    let mut title = node.title;
    if let Some(note) = node.note {
        title = format!("{title} ({note})");
    }
    title
}

/// Whether a line is only tree rails (a blank separator line of a box or ascii tree).
fn is_rail(line: &str) -> bool {
    line.chars()
        .all(|c| matches!(c, '│' | '┃' | '|' | ' ' | '\t'))
}

/// The column and text of an item line in `format`, or `None` if it is not one.
fn item(format: Format, line: &str) -> Option<(usize, &str)> {
    match format {
        Format::Box => branch(line, &["├", "└", "┣", "┗", "╰", "╟", "╙"], &['─', '━', '-']),
        Format::Ascii => ["|--", "`--", "+--", "\\--", "|__", "`__"]
            .iter()
            .find_map(|b| branch(line, &[b], &['-', '_'])),
        Format::Markdown => list_item(line),
    }
}

/// A tree branch: rails, then one of `marks`, then dashes, then the text.
fn branch<'a>(line: &'a str, marks: &[&str], dashes: &[char]) -> Option<(usize, &'a str)> {
    let (at, mark) = marks
        .iter()
        .filter_map(|m| line.find(m).map(|i| (i, *m)))
        .min_by_key(|(i, _)| *i)?;
    let prefix = &line[..at];
    if !prefix
        .chars()
        .all(|c| matches!(c, '│' | '┃' | '║' | '|' | ' ' | '\t' | '\u{A0}'))
    {
        return None;
    }
    let rest = line[at + mark.len()..].trim_start_matches(dashes);
    let text = rest.trim();
    if text.is_empty() {
        return None;
    }
    Some((width(prefix), text))
}

/// A markdown list item: indentation, a bullet or number, then the text.
fn list_item(line: &str) -> Option<(usize, &str)> {
    let body = line.trim_start_matches([' ', '\t']);
    let indent = &line[..line.len() - body.len()];
    let text = if let Some(t) = body.strip_prefix(['-', '*', '+']) {
        t.strip_prefix([' ', '\t'])?
    } else {
        let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 || digits > 9 {
            return None;
        }
        body[digits..]
            .strip_prefix(['.', ')'])?
            .strip_prefix([' ', '\t'])?
    };
    let text = text.trim();
    (!text.is_empty()).then_some((width(indent), text))
}

/// Display width of indentation, a tab counting 4.
fn width(prefix: &str) -> usize {
    prefix.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum()
}

/// Nests items by column: deeper columns are children; a column between two open levels is an
/// inconsistent indentation.
fn build_tree(items: &[Line<'_>]) -> Result<Vec<TextNode>, ImportError> {
    let mut nodes: Vec<(TextNode, Option<usize>)> = Vec::with_capacity(items.len());
    let mut open: Vec<(usize, usize)> = Vec::new();
    for it in items {
        let mut popped = false;
        let mut deeper = 0;
        while let Some(&(col, _)) = open.last().filter(|&&(col, _)| col > it.column) {
            open.pop();
            popped = true;
            deeper = col;
        }
        let parent = match open.last() {
            Some(&(col, _)) if col == it.column => {
                open.pop();
                open.last().map(|&(_, n)| n)
            }
            Some(&(col, _)) if popped => {
                let message = format!(
                    "inconsistent indentation: this item starts at column {}, between its parent's column {} and the deeper level's column {}; indent it like its siblings",
                    it.column + 1,
                    col + 1,
                    deeper + 1
                );
                return Err(ImportError::new(Some(it.number), message));
            }
            Some(&(_, n)) => Some(n),
            None => None,
        };
        nodes.push((parse_item(it.text), parent));
        open.push((it.column, nodes.len() - 1));
    }
    Ok(assemble(nodes))
}

/// Turns `(node, parent index)` pairs, parents first, into nested nodes.
fn assemble(nodes: Vec<(TextNode, Option<usize>)>) -> Vec<TextNode> {
    let parents: Vec<Option<usize>> = nodes.iter().map(|(_, p)| *p).collect();
    let mut slots: Vec<Option<TextNode>> = nodes.into_iter().map(|(n, _)| Some(n)).collect();
    for i in (0..slots.len()).rev() {
        if let Some(p) = parents[i]
            && let Some(child) = slots[i].take()
            && let Some(parent) = slots[p].as_mut()
        {
            parent.children.insert(0, child);
        }
    }
    slots.into_iter().flatten().collect()
}
