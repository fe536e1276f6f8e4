//! Front matter YAML errors as diagnostics, with hints for the commonest slips — a tab, a
//! value holding `: `, an unclosed `[` or quote — and the line the slip is really on when the
//! parser noticed it later.

use super::frontmatter::{Source, quote};
use crate::diagnostic::Diagnostic;

/// Where a YAML error really is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// 1-based line in the YAML text.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// A clearer message than the parser's, when the slip is not where it stopped.
    pub message: Option<String>,
    /// How to fix it.
    pub hint: String,
}

/// A hint for the parser's `message` at `line`:`column` of `yaml`, if the slip is a known one.
pub fn yaml_hint(yaml: &str, message: &str, line: usize, column: usize) -> Option<Hint> {
    let lines: Vec<&str> = yaml.lines().collect();
    if let Some(h) = left_open(&lines[..line.min(lines.len())]) {
        return Some(h);
    }
    let here = lines.get(line.wrapping_sub(1)).copied().unwrap_or_default();
    let words = || message.split(|c: char| !c.is_alphanumeric());
    if words().any(|w| w == "tab" || w == "tabs") {
        let (line, column) = lines
            .iter()
            .position(|l| l.trim_start_matches(' ').starts_with('\t'))
            .map_or((line, column), |i| {
                (i + 1, lines[i].find('\t').unwrap_or(0) + 1)
            });
        let hint = "indent with spaces: YAML does not allow tabs for indentation";
        return Some(Hint::new(line, column, None, hint.to_string()));
    }
    let hint = if message.starts_with("mapping values are not allowed") {
        colon_in_value(here)
    } else if message.starts_with("invalid trailing content after") {
        inner_quote(here)
    } else {
        None
    };
    hint.map(|h| Hint::new(line, column, None, h))
}

impl Hint {
    fn new(line: usize, column: usize, message: Option<String>, hint: String) -> Self {
        Hint {
            line,
            column,
            message,
            hint,
        }
    }
}

/// The parser's YAML error as a diagnostic at its file, line and column, worded for people
/// and with the hint for the slip behind it.
pub fn yaml_error(src: &Source<'_>, e: &serde_saphyr::Error) -> Diagnostic {
    let text = e.without_snippet().to_string();
    let text = match text.rfind(" at line ") {
        Some(i) => &text[..i],
        None => &text,
    };
    let (line, column) = e
        .location()
        .map(|l| (l.line() as usize, l.column() as usize))
        .unwrap_or((1, 1));
    let hint = yaml_hint(src.yaml, text, line, column);
    let (line, column) = hint.as_ref().map_or((line, column), |h| (h.line, h.column));
    let text = hint
        .as_ref()
        .and_then(|h| h.message.as_deref())
        .unwrap_or(text);
    let message = if text.starts_with("expected mapping") {
        "front matter must be `key: value` lines (a YAML mapping)".to_string()
    } else if let Some(rest) = text.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest);
        format!("`{key}` is set twice in the front matter; keep one")
    } else {
        format!("invalid YAML in front matter: {text}")
    };
    let d = Diagnostic::error(src.file, src.first_line + line - 1, column, message);
    match hint {
        Some(h) => d.with_hint(h.hint),
        None => d,
    }
}

/// A bracket or quote left open on one of `lines` (those up to the error): the parser read
/// on past it and stopped later, so the hint points back at where it opened.
fn left_open(lines: &[&str]) -> Option<Hint> {
    if let Some((l, c, close)) = unclosed_bracket(lines) {
        let (open, hint) = if close == ']' {
            (
                '[',
                "end the list with `]` on the same line, such as `tags: [a, b]`",
            )
        } else {
            (
                '{',
                "end the mapping with `}` on the same line, such as `{title: Book, url: https://example.com}`",
            )
        };
        let message = format!("unclosed bracket '{open}'");
        return Some(Hint::new(l, c, Some(message), hint.to_string()));
    }
    let (l, c, q) = unclosed_quote(lines)?;
    let hint = format!("end the value with a matching `{q}` on the same line");
    Some(Hint::new(l, c, Some("unclosed quote".to_string()), hint))
}

/// For `title: Foo: Bar`, the line with its value quoted.
fn colon_in_value(line: &str) -> Option<String> {
    let (key, value) = line.split_once(':')?;
    let value = value.split(" #").next().unwrap_or(value).trim();
    if key.starts_with([' ', '\t', '-', '#']) || !value.contains(": ") {
        return None;
    }
    Some(format!(
        "a value holding `: ` must be quoted: `{key}: {}`",
        quote(value)
    ))
}

/// A flow list or mapping (`[`, `{`) still open at the end of `lines`: the line and column of
/// its opening bracket, and the bracket that closes it.
fn unclosed_bracket(lines: &[&str]) -> Option<(usize, usize, char)> {
    let mut stack: Vec<(usize, usize, char)> = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let start = if stack.is_empty() {
            match value_start(line) {
                Some(i) if line[i..].starts_with(['[', '{']) => i,
                _ => continue,
            }
        } else {
            0
        };
        let mut quote = None;
        for (i, c) in line[start..].char_indices() {
            let column = line[..start + i].chars().count() + 1;
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') if i > 0 && line[..start + i].ends_with([' ', '\t']) => break,
                (None, '[') => stack.push((n + 1, column, ']')),
                (None, '{') => stack.push((n + 1, column, '}')),
                (None, ']' | '}') => {
                    stack.pop();
                }
                _ => {}
            }
            if stack.is_empty() {
                break;
            }
        }
    }
    stack.first().copied()
}

/// A quoted value opened on one of `lines` (those up to the error) and not closed on its
/// line: the parser read the lines below as part of it.
fn unclosed_quote(lines: &[&str]) -> Option<(usize, usize, char)> {
    lines.iter().enumerate().find_map(|(n, line)| {
        let i = value_start(line)?;
        let q = line[i..]
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\''))?;
        let closed = closes(&line[i + 1..], q);
        let column = line[..i].chars().count() + 1;
        (!closed).then_some((n + 1, column, q))
    })
}

/// Whether a quoted value's rest (after its opening quote) closes on this line.
fn closes(rest: &str, q: char) -> bool {
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if q == '"' => {
                chars.next();
            }
            c if c == q && q == '\'' && chars.peek() == Some(&'\'') => {
                chars.next();
            }
            c if c == q => return true,
            _ => {}
        }
    }
    false
}

/// Where a `key: value` or `- value` line's value starts, if it has one.
fn value_start(line: &str) -> Option<usize> {
    let trimmed = line.trim_start();
    let rest_at = if let Some(item) = trimmed.strip_prefix("- ") {
        line.len() - item.len()
    } else {
        let colon = line.find(": ")?;
        colon + 2
    };
    let value = &line[rest_at..];
    Some(rest_at + (value.len() - value.trim_start().len()))
}

/// For a quoted value with the same quote inside (`'It's'`), how to write it.
fn inner_quote(line: &str) -> Option<String> {
    let i = value_start(line)?;
    let value = line[i..].trim_end();
    let q = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let inner = value
        .strip_prefix(q)?
        .strip_suffix(q)
        .unwrap_or(&value[1..]);
    let key = line[..i].trim_end();
    Some(if q == '\'' {
        format!(
            "inside single quotes write an apostrophe twice (`''`), or use double quotes: `{key} {}`",
            quote(inner)
        )
    } else {
        format!(
            "inside double quotes write a quote as `\\\"`, or use single quotes: `{key} '{inner}'`"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_slip_where_it_was_made() {
        let h = yaml_hint(
            "tags: [a, b\nstatus: done\n",
            "illegal placement of ':' indicator",
            2,
            7,
        );
        assert_eq!((h.as_ref().map(|h| (h.line, h.column))), Some((1, 7)));
        assert_eq!(
            yaml_hint(
                "tags: [a,\n  b]\nx: y: z\n",
                "mapping values are not allowed in this context",
                3,
                5
            )
            .map(|h| h.hint),
            Some("a value holding `: ` must be quoted: `x: \"y: z\"`".to_string())
        );
        let h = yaml_hint(
            "title: \"Git\nstatus: \"done\"\n",
            "invalid trailing content after double-quoted scalar",
            2,
            10,
        );
        assert_eq!(h.map(|h| (h.line, h.column)), Some((1, 8)));
        assert_eq!(yaml_hint("title: 'It''s'\n", "other", 1, 1), None);
        assert_eq!(
            yaml_hint("title: Foo [bar\nstatus: done\n", "other", 2, 1),
            None
        );
    }

    #[test]
    fn never_panics_on_odd_text() {
        let pieces = [
            "é: [",
            "- \"",
            "\t- '",
            "a: 'b''",
            "x: {\"[\": ",
            "ü: \"\\",
            ": ",
            "- [é, {",
            " #",
            "k: v: w",
            "\r",
            "'",
            "\"",
            "[",
            "]",
            "}",
            "{",
        ];
        let messages = [
            "found a tab",
            "mapping values are not allowed",
            "invalid trailing content after x",
            "unclosed quote",
        ];
        for a in pieces {
            for b in pieces {
                let yaml = format!("{a}\n{b}{a}\n");
                for m in messages {
                    for line in 0..4 {
                        let _ = yaml_hint(&yaml, m, line, line);
                    }
                }
            }
        }
    }
}
