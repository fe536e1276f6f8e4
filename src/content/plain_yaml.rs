//! Front matter made only of one-line `key: value` pairs, read without the YAML parser.
//!
//! Nearly every topic file's front matter is a few lines such as `title: "Topic"`,
//! `status: done`, `tags: ["A", "B"]`, `order: 3`, and the YAML parser spends ~15 µs on
//! each (most of a build's time reading the content). `parse` reads exactly those shapes
//! and gives up (`None`) on anything else — comments, escapes, quotes of another kind,
//! words YAML reads as null, booleans or numbers of another form, repeated keys, blank or
//! indented lines — which then goes to the YAML parser (`full`). What it reads, it reads as
//! the parser does, positions included (checked against it in the tests below).

use serde_json::Value;
use std::collections::BTreeMap;

/// A front matter value and the 1-based line and column in the YAML it was written at.
#[derive(Debug, PartialEq)]
pub struct Entry {
    /// The value.
    pub value: Value,
    /// 1-based line in the YAML.
    pub line: usize,
    /// 1-based column in the YAML, in characters.
    pub column: usize,
}

/// The front matter read by the YAML parser.
pub fn full(yaml: &str) -> Result<BTreeMap<String, Entry>, serde_saphyr::Error> {
    let map =
        serde_saphyr::from_str::<Option<BTreeMap<String, serde_saphyr::Spanned<Value>>>>(yaml)?;
    Ok(map
        .unwrap_or_default()
        .into_iter()
        .map(|(key, v)| {
            let entry = Entry {
                value: v.value,
                line: v.referenced.line() as usize,
                column: v.referenced.column() as usize,
            };
            (key, entry)
        })
        .collect())
}

/// The front matter if every line is a plain one-line `key: value`; `None` otherwise.
pub fn parse(yaml: &str) -> Option<BTreeMap<String, Entry>> {
    let mut map = BTreeMap::new();
    for (n, line) in yaml.lines().enumerate() {
        let (key, rest) = line.split_once(':')?;
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            return None;
        }
        let text = rest.trim_start_matches(' ');
        let spaces = rest.len() - text.len();
        if spaces == 0 || text.is_empty() {
            return None;
        }
        let entry = Entry {
            value: value(text)?,
            line: n + 1,
            column: key.len() + 1 + spaces + 1,
        };
        if map.insert(key.to_string(), entry).is_some() {
            return None;
        }
    }
    (!map.is_empty()).then_some(map)
}

/// A whole value: a quoted or plain word, a whole number, or a one-line list of words.
fn value(text: &str) -> Option<Value> {
    if let Some(items) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        let items: Option<Vec<Value>> = items
            .split(',')
            .map(|item| word(item.trim_matches(' ')))
            .collect();
        return items.filter(|i| !i.is_empty()).map(Value::Array);
    }
    if !text.starts_with('"') && text.bytes().all(|b| b.is_ascii_digit()) {
        return number(text);
    }
    duration(text).or_else(|| word(text))
}

/// A duration such as `45m`, `6h`, `1.5h`, `2d` or `1w`, which YAML reads as text.
fn duration(text: &str) -> Option<Value> {
    let number = text.strip_suffix(['m', 'h', 'd', 'w'])?;
    let (whole, frac) = number.split_once('.').unwrap_or((number, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(whole) && digits(frac)).then(|| Value::String(text.to_string()))
}

/// A whole number without sign or leading zero, small enough to be exact.
fn number(text: &str) -> Option<Value> {
    if text.len() > 15 || (text.len() > 1 && text.starts_with('0')) {
        return None;
    }
    text.parse::<u64>().ok().map(Value::from)
}

/// Text in double quotes without escapes or control characters, or an unquoted word of
/// letters, digits, `-`, `_`, `.` and inner spaces that YAML reads as text.
fn word(text: &str) -> Option<Value> {
    if let Some(inner) = text.strip_prefix('"') {
        let inner = inner.strip_suffix('"')?;
        let plain = !inner.contains(['"', '\\']) && !inner.chars().any(char::is_control);
        return plain.then(|| Value::String(inner.to_string()));
    }
    let first = text.bytes().next()?;
    let safe = first.is_ascii_alphabetic()
        && !text.ends_with(' ')
        && !text.contains("  ")
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b' '));
    let special = matches!(
        text.to_ascii_lowercase().as_str(),
        "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "inf" | "nan"
    );
    (safe && !special).then(|| Value::String(text.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Front matter of every markdown file in the repository's roadmap and test fixtures,
    /// and lines written to sit on either side of what `parse` reads.
    fn samples() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out: Vec<String> = [
            "title: Plain words-and_dots.1\nstatus: done\norder: 12",
            "title: \"Topic 10.29.16\"\nstatus: not-started\ntags: [\"Deep Dive\"]\norder: 16",
            "tags: [a, \"B c\",  d ]\nicon: \"🗄️\"",
            "title:   far\norder: 0\nweight: 999999999999999",
            "title: \"\"\ntags: [\"x\"]",
            "draft: true",
            "title: yes",
            "title: No",
            "title: null",
            "title: ~",
            "title: .inf",
            "title: 007",
            "order: -3",
            "order: 1e3",
            "order: 0x1F",
            "started: 2024-01-31",
            "title: a # comment",
            "title: 'single'",
            "title: \"esc\\\"q\"",
            "title: a: b",
            "title: a\ntitle: b",
            "title: a\n\nstatus: done",
            "  title: a",
            "title:\tx",
            "title:",
            "tags: []",
            "tags: [a, [b]]",
            "title: trailing ",
            "Title: x",
            "title: \"tab\tin\"",
            "title: x\r\nstatus: done",
            "title: a  b",
            "title: &a x",
            "estimate: 45m\nspent: 1.5h",
            "estimate: 2d\nspent: 1w",
            "estimate: 6.h",
            "estimate: .5h",
            "status: auto",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for dir in ["content", "tests/fixtures"] {
            for e in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
                let Ok(text) = std::fs::read_to_string(e.path()) else {
                    continue;
                };
                if let Ok(parts) = crate::content::split::split(&text)
                    && let Some(yaml) = parts.yaml
                {
                    out.push(yaml.to_string());
                }
            }
        }
        out
    }

    /// Whatever `parse` reads, the YAML parser reads the same, value and position.
    #[test]
    fn reads_what_it_reads_as_the_yaml_parser_does() {
        let mut read = 0;
        for yaml in samples() {
            if let Some(map) = parse(&yaml) {
                assert_eq!(Some(&map), full(&yaml).ok().as_ref(), "{yaml:?}");
                read += 1;
            }
        }
        assert!(read > 100, "only {read} samples read without the parser");
    }

    /// What it cannot read for sure goes to the YAML parser.
    #[test]
    fn leaves_anything_else_to_the_yaml_parser() {
        for yaml in [
            "title: yes",
            "title: ~",
            "title: 007",
            "order: -3",
            "started: 2024-01-31",
            "title: a # comment",
            "title: 'single'",
            "title: a\ntitle: b",
            "tags: []",
            "title: a\n\nstatus: done",
            "title: \"esc\\\"q\"",
            "title: .inf",
            "title: nan",
        ] {
            assert_eq!(parse(yaml), None, "{yaml:?}");
        }
    }
}
