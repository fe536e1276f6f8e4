//! Finds the tree in a text roadmap — box drawing, ascii, or a nested markdown list — and
//! builds its nodes from the indentation.

use super::ImportError;
use super::item::{parse_item, parse_title};
use crate::model::{Outline, OutlineNode};

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

/// How an item hangs in the tree: its parent (an index into the items) and how many columns
/// deeper than the parent it starts.
#[derive(Debug, Clone, Copy)]
struct Link {
    parent: Option<usize>,
    step: usize,
}

/// Parses decoded text into a roadmap.
pub fn parse_text(text: &str) -> Result<Outline, ImportError> {
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
                title = Some(parse_title(line));
            }
            None => {}
        }
    }
    let sections = build_tree(&items)?;
    Ok(Outline {
        title: title
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| DEFAULT_TITLE.to_string()),
        sections,
    })
}

/// The title of a roadmap whose text has none.
pub const DEFAULT_TITLE: &str = "Roadmap";

/// Whether `line` would be read as an item of a tree in `format`.
pub fn is_item_line(format: Format, line: &str) -> bool {
    item(format, line).is_some()
}

/// Whether a line is only tree rails (a blank separator line of a box or ascii tree).
pub fn is_rail(line: &str) -> bool {
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

/// Nests items by column: deeper columns are children. A column between two open levels is an
/// inconsistent indentation, and so is a child two or more indentation steps (the smallest step
/// in the file) deeper than its parent.
fn build_tree(items: &[Line<'_>]) -> Result<Vec<OutlineNode>, ImportError> {
    let links = link(items)?;
    if let Some(unit) = links
        .iter()
        .filter(|l| l.parent.is_some())
        .map(|l| l.step)
        .min()
    {
        for (it, l) in items.iter().zip(&links) {
            if let Some(p) = l.parent
                && l.step >= 2 * unit
            {
                let message = format!(
                    "inconsistent indentation: this item is {} columns deeper than its parent on line {}, but one level is {unit} columns; indent it one level below its parent",
                    l.step, items[p].number
                );
                return Err(ImportError::new(Some(it.number), message));
            }
        }
    }
    let mut nodes = Vec::with_capacity(items.len());
    for (it, l) in items.iter().zip(&links) {
        let node = parse_item(it.text);
        if node.title.is_empty() {
            return Err(ImportError::new(
                Some(it.number),
                format!(
                    "this item has no title, only `{}`; write its title after the marker",
                    it.text
                ),
            ));
        }
        nodes.push((node, l.parent));
    }
    Ok(assemble(nodes))
}

/// Finds each item's parent from the columns.
fn link(items: &[Line<'_>]) -> Result<Vec<Link>, ImportError> {
    let mut links = Vec::with_capacity(items.len());
    let mut open: Vec<(usize, usize)> = Vec::new();
    for (idx, it) in items.iter().enumerate() {
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
        let step = parent.map_or(0, |p| it.column.saturating_sub(items[p].column));
        links.push(Link { parent, step });
        open.push((it.column, idx));
    }
    Ok(links)
}

/// Turns `(node, parent index)` pairs, parents first, into nested nodes.
fn assemble(nodes: Vec<(OutlineNode, Option<usize>)>) -> Vec<OutlineNode> {
    let parents: Vec<Option<usize>> = nodes.iter().map(|(_, p)| *p).collect();
    let mut slots: Vec<Option<OutlineNode>> = nodes.into_iter().map(|(n, _)| Some(n)).collect();
    for i in (0..slots.len()).rev() {
        if let Some(p) = parents[i]
            && let Some(child) = slots[i].take()
            && let Some(parent) = slots[p].as_mut()
        {
            parent.children.push(child);
        }
    }
    // Children were taken last first.
    let mut roots: Vec<OutlineNode> = slots.into_iter().flatten().collect();
    roots.iter_mut().for_each(reverse_children);
    roots
}

fn reverse_children(node: &mut OutlineNode) {
    node.children.reverse();
    node.children.iter_mut().for_each(reverse_children);
}
