//! Splits a markdown file into its YAML front matter and its body, at byte 0 only.

/// A file's text cut into front matter and body, with the line numbers needed to point back into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences, if the file opens with `---`.
    pub yaml: Option<&'a str>,
    /// The file line (1-based) on which the YAML starts.
    pub yaml_line: usize,
    /// The markdown after the closing fence.
    pub body: &'a str,
    /// The file line (1-based) on which the body starts.
    pub body_line: usize,
}

/// Why a file's front matter could not be cut out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unclosed;

/// Cuts the front matter from a file's text (BOM already removed). Only a `---` line at the very
/// start opens front matter; a later `---` is markdown (a thematic break).
pub fn split(text: &str) -> Result<Split<'_>, Unclosed> {
    let no_front = Split {
        yaml: None,
        yaml_line: 0,
        body: text,
        body_line: 1,
    };
    let Some(first_end) = line_end(text, 0) else {
        return Ok(if is_fence(text, false) {
            return Err(Unclosed);
        } else {
            no_front
        });
    };
    if !is_fence(&text[..first_end.0], false) {
        return Ok(no_front);
    }
    let yaml_start = first_end.1;
    let mut pos = yaml_start;
    let mut line = 2;
    while pos < text.len() {
        let found = line_end(text, pos);
        let (end, next) = found.unwrap_or((text.len(), text.len()));
        if is_fence(&text[pos..end], true) {
            return Ok(Split {
                yaml: Some(&text[yaml_start..pos]),
                yaml_line: 2,
                body: &text[next..],
                // A closing fence without a line break ends the file: the empty body is on
                // the fence's own line, not on one after it.
                body_line: if found.is_some() { line + 1 } else { line },
            });
        }
        pos = next;
        line += 1;
    }
    Err(Unclosed)
}

/// The end of the line starting at `from` (without its line break) and the start of the next.
fn line_end(text: &str, from: usize) -> Option<(usize, usize)> {
    text[from..].find('\n').map(|i| {
        let end = from + i;
        let trimmed = if text[..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        (trimmed, end + 1)
    })
}

fn is_fence(line: &str, closing: bool) -> bool {
    let line = line.trim_end();
    line == "---" || (closing && line == "...")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_byte_zero_only() {
        let s = split("---\ntitle: A\n---\n# Body\n---\nmore\n").unwrap_or_else(|_| panic!());
        assert_eq!(s.yaml, Some("title: A\n"));
        assert_eq!(s.body, "# Body\n---\nmore\n");
        assert_eq!(s.body_line, 4);
        let none = split("# Title\n---\nx: 1\n---\n").unwrap_or_else(|_| panic!());
        assert_eq!(none.yaml, None);
    }

    #[test]
    fn accepts_crlf_and_empty_front_matter() {
        let s = split("---\r\ntitle: A\r\n---\r\nbody").unwrap_or_else(|_| panic!());
        assert_eq!(s.yaml, Some("title: A\r\n"));
        assert_eq!(s.body, "body");
        let e = split("---\n---\n").unwrap_or_else(|_| panic!());
        assert_eq!(e.yaml, Some(""));
    }

    #[test]
    fn a_closing_fence_at_the_end_of_the_file_leaves_the_body_on_its_line() {
        // Found by the frontmatter_split fuzz target.
        let s = split("---\nstatus: nope\n---").unwrap_or_else(|_| panic!());
        assert_eq!((s.body, s.body_line), ("", 3));
        let s = split("---\nstatus: nope\n---\n").unwrap_or_else(|_| panic!());
        assert_eq!((s.body, s.body_line), ("", 4));
    }

    #[test]
    fn reports_unclosed() {
        assert_eq!(split("---\ntitle: A\n"), Err(Unclosed));
        assert_eq!(split("---"), Err(Unclosed));
    }
}
