//! `waymark review ID`: records today's review in a done topic's `reviewed:` list, changing
//! only that line (the same careful edit as `waymark status`).

use super::edit::FrontLines;
use crate::model::Status;
use anyhow::{Result, bail};

/// The file's text with `today` added to `reviewed:` (written as a one-line list, below
/// `completed:` when the key is new). Refuses a topic that is not done, a day already
/// recorded, and an edit that would not read back as intended.
pub fn record_review(text: &str, today: &str) -> Result<String> {
    let front = read(text).0;
    if front.status.as_ref().map(|s| s.value) != Some(Status::Done) {
        bail!("only a done topic is reviewed; set its status to done first");
    }
    let mut days = front.reviewed.map(|r| r.value).unwrap_or_default();
    if days.iter().any(|d| d == today) {
        bail!("its review on {today} is recorded already");
    }
    days.push(today.to_string());
    let mut lines = FrontLines::new(text)?;
    let value = format!("[{}]", days.join(", "));
    lines.set_or_insert("reviewed", &value, &["status", "started", "completed"]);
    let edited = lines.text();
    let (after, errors) = read(&edited);
    let now = after.reviewed.map(|r| r.value).unwrap_or_default();
    if now != days || errors > read(text).1 {
        bail!("its front matter could not be edited safely; add `reviewed: {value}` by hand");
    }
    Ok(edited)
}

/// The front matter of a file's text and how many errors reading it finds.
fn read(text: &str) -> (crate::content::FrontMatter, usize) {
    let t = text.strip_prefix('\u{FEFF}').unwrap_or(text).to_string();
    let (file, problems) = crate::content::parse_text("", std::path::Path::new(""), t);
    let errors = problems.iter().filter(|d| d.is_error()).count();
    (file.map(|f| f.front).unwrap_or_default(), errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_today_keeping_every_other_line() {
        let text = "---\ntitle: Git # mine\nstatus: done\ncompleted: 2026-01-02\n---\nnotes\n";
        assert_eq!(
            record_review(text, "2026-01-05").unwrap_or_default(),
            "---\ntitle: Git # mine\nstatus: done\ncompleted: 2026-01-02\nreviewed: [2026-01-05]\n---\nnotes\n"
        );
        let crlf = "---\r\nstatus: done\r\nreviewed:\r\n  - 2026-01-05\r\ntags: [a]\r\n---\r\n";
        assert_eq!(
            record_review(crlf, "2026-01-12").unwrap_or_default(),
            "---\r\nstatus: done\r\nreviewed: [2026-01-05, 2026-01-12]\r\ntags: [a]\r\n---\r\n"
        );
    }

    #[test]
    fn refuses_unfinished_topics_and_a_day_twice() {
        assert!(record_review("---\nstatus: in-progress\n---\n", "2026-01-05").is_err());
        let once = "---\nstatus: done\nreviewed: [2026-01-05]\n---\n";
        assert!(record_review(once, "2026-01-05").is_err());
    }
}
