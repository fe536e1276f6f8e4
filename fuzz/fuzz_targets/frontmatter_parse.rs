//! Parsing a whole topic file — front matter, YAML, types, dates, statuses — never panics,
//! and every problem points at a line of the file, at a column of that line.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|text: String| {
    let lines = text.lines().count().max(1);
    let (_, problems) = waymark::content::parse_text("fuzz.md", Path::new("fuzz.md"), text);
    for p in problems {
        assert!(p.line <= lines + 1, "line {} past the end ({lines} lines)", p.line);
        assert!(p.line == 0 || p.column >= 1, "line {} without a column", p.line);
        let _ = p.to_string();
    }
});
