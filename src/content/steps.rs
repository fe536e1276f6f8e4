//! A topic's steps as written in its notes: the task-list items (`- [ ]`, `- [x]`, at any
//! depth), found by the markdown parser so a box inside a code block or an HTML block is not
//! one. Read while the notes are loaded, before a build lets them go.

use super::{FrontMatter, Resource, Status};
use crate::diagnostic::Diagnostic;
use pulldown_cmark::{Event, Options, Parser};
use std::path::Path;

/// One task-list item of the notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Step {
    /// Whether its box is ticked.
    pub done: bool,
    /// 1-based line of its box in the file.
    pub line: usize,
    /// 1-based column of its box in the file.
    pub column: usize,
}

/// Whether `body` holds `[ ]`, `[x]` or `[X]` anywhere: its `[`s found in one vectorised
/// pass, where three `str::contains` read every note three times (~8,500 instructions a
/// 4.5 KB note, 1.3 % of a 10,000-topic build's).
fn may_have_boxes(body: &str) -> bool {
    let bytes = body.as_bytes();
    memchr::memchr_iter(b'[', bytes)
        .any(|at| matches!(bytes.get(at + 1..at + 3), Some([b' ' | b'x' | b'X', b']'])))
}

/// The task-list items of `body`, whose first line is line `body_line` of the file.
pub fn steps_in(body: &str, body_line: usize) -> Vec<Step> {
    // Most notes have no box at all: they are not parsed twice.
    if !may_have_boxes(body) {
        return Vec::new();
    }
    let options = Options::ENABLE_TASKLISTS
        | Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH;
    let mut steps = Vec::new();
    let (mut line, mut seen) = (body_line, 0);
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let Event::TaskListMarker(done) = event else {
            continue;
        };
        line += body[seen..range.start].matches('\n').count();
        seen = range.start;
        let start = body[..range.start].rfind('\n').map_or(0, |i| i + 1);
        let column = body[start..range.start].chars().count() + 1;
        steps.push(Step { done, line, column });
    }
    steps
}

/// How many steps a topic has and how many are done: its notes' boxes and its resources
/// with a `done:` key.
pub fn count(steps: &[Step], resources: &[Resource]) -> (usize, usize) {
    let marked = resources.iter().filter_map(|r| r.done);
    let done = steps.iter().filter(|s| s.done).count() + marked.clone().filter(|d| *d).count();
    (done, steps.len() + marked.count())
}

/// A topic whose front matter says `done` while some of its steps are unticked: a warning at
/// the first unticked box (a resource's at `resources:`).
pub fn done_with_unticked(file: &Path, fm: &FrontMatter, steps: &[Step]) -> Option<Diagnostic> {
    if fm.status.as_ref().map(|s| s.value) != Some(Status::Done) {
        return None;
    }
    let (done, total) = count(steps, &fm.resources);
    if done == total {
        return None;
    }
    let (line, column) = steps
        .iter()
        .find(|s| !s.done)
        .map_or(fm.resources_at, |s| (s.line, s.column));
    Some(Diagnostic::warning(
        file,
        line,
        column,
        format!(
            "the status is `done` but {} of {total} steps {} still unticked; tick them, or set another status",
            total - done,
            if total - done == 1 { "is" } else { "are" }
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_are_looked_for_as_the_three_searches_did() {
        for body in [
            "",
            "[",
            "[ ",
            "[ ]",
            "a [x] b",
            "[X]",
            "[[ ]",
            "[y]",
            "[ x]",
            "[x",
            "x]",
            "[]",
            "[é]",
            "see [a](b.md) then [ ]",
            "[x][X]",
            "tail [",
        ] {
            let before = body.contains("[ ]") || body.contains("[x]") || body.contains("[X]");
            assert_eq!(may_have_boxes(body), before, "{body:?}");
        }
    }

    #[test]
    fn boxes_at_any_depth_count_and_those_in_code_do_not() {
        let body = "\
Intro [ ] not a box.

- [x] one
- [ ] two
  - [X] nested
    1. [ ] deeper, in a numbered list
- plain item

```
- [ ] in a fence
```

    - [x] indented code

<div>
- [ ] html
</div>

> - [ ] quoted
";
        let steps = steps_in(body, 4);
        let got: Vec<(bool, usize, usize)> =
            steps.iter().map(|s| (s.done, s.line, s.column)).collect();
        // Lines: the body starts on file line 4, so its line n is file line n + 3.
        assert_eq!(
            got,
            [
                (true, 6, 3),
                (false, 7, 3),
                (true, 8, 5),
                (false, 9, 8),
                (false, 22, 5)
            ]
        );
    }

    #[test]
    fn notes_without_boxes_have_no_steps() {
        assert!(steps_in("# Title\n\n- a\n- b\n", 1).is_empty());
    }
}
