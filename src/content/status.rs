//! The status of a topic: what the user has done with it, and every way they may write it.

use serde::Serialize;
use std::fmt;

/// Where the learner stands on a topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Learned.
    Done,
    /// Being learned now.
    InProgress,
    /// Planned, not begun.
    NotStarted,
    /// Deliberately left out; not counted against progress.
    Skipped,
}

impl Status {
    /// Every status, in the order legends and counts show them.
    pub const ALL: [Status; 4] = [
        Status::Done,
        Status::InProgress,
        Status::NotStarted,
        Status::Skipped,
    ];

    /// The canonical name written in front matter.
    pub fn key(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::InProgress => "in-progress",
            Status::NotStarted => "not-started",
            Status::Skipped => "skipped",
        }
    }

    /// The emoji the user's own roadmap uses for this status.
    pub fn emoji(self) -> &'static str {
        match self {
            Status::Done => "✅",
            Status::InProgress => "⏳",
            Status::NotStarted => "⏸️",
            Status::Skipped => "⏭️",
        }
    }

    /// A human label, used next to the icon so status is never told by colour alone.
    pub fn label(self) -> &'static str {
        match self {
            Status::Done => "Done",
            Status::InProgress => "In progress",
            Status::NotStarted => "Not started",
            Status::Skipped => "Skipped",
        }
    }

    /// Reads a status as a person may write it: canonical names, aliases or emoji, any case.
    pub fn parse(text: &str) -> Option<Status> {
        let cleaned: String = text
            .trim()
            .chars()
            .filter(|c| *c != '\u{FE0F}')
            .flat_map(char::to_lowercase)
            .map(|c| if c == '_' || c == ' ' { '-' } else { c })
            .collect();
        let status = match cleaned.as_str() {
            "done" | "✅" | "✔" | "✓" | "☑" | "complete" | "completed" | "finished" | "learned"
            | "mastered" | "x" | "[x]" | "yes" => Status::Done,
            "in-progress" | "⏳" | "🔄" | "🚧" | "inprogress" | "doing" | "learning"
            | "started" | "wip" | "active" | "ongoing" | "current" | "progress" | "[~]" | "[/]" => {
                Status::InProgress
            }
            "not-started" | "⏸" | "notstarted" | "todo" | "to-do" | "planned" | "pending"
            | "later" | "next" | "backlog" | "open" | "new" | "[ ]" => Status::NotStarted,
            "skipped" | "⏭" | "skip" | "skipping" | "dropped" | "n/a" | "na" | "not-needed"
            | "[-]" => Status::Skipped,
            _ => return None,
        };
        Some(status)
    }

    /// The accepted canonical values, for error messages.
    pub fn valid_values() -> String {
        Status::ALL.map(Status::key).join(", ")
    }

    /// The canonical value closest to a misspelling, if one is close enough to suggest.
    pub fn closest(text: &str) -> Option<Status> {
        let text = text.trim().to_lowercase();
        Status::ALL
            .into_iter()
            .map(|s| (strsim::levenshtein(&text, s.key()), s))
            .filter(|(d, s)| *d <= s.key().len() / 2)
            .min_by_key(|(d, _)| *d)
            .map(|(_, s)| s)
    }
}

/// A status nobody can read: the one message for it, wherever it was written (front matter,
/// `waymark new --status`, `waymark status`), with the closest valid value when one is close.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown status `{text}`{}; valid values: {}", hint(.text), Status::valid_values())]
pub struct UnknownStatus {
    /// What was written.
    pub text: String,
}

fn hint(text: &str) -> String {
    Status::closest(text)
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default()
}

impl std::str::FromStr for Status {
    type Err = UnknownStatus;

    /// [`Status::parse`], or the error naming the closest valid value.
    fn from_str(text: &str) -> Result<Status, UnknownStatus> {
        Status::parse(text).ok_or_else(|| UnknownStatus {
            text: text.to_string(),
        })
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_aliases_and_emoji() {
        assert_eq!(Status::parse("Done"), Some(Status::Done));
        assert_eq!(Status::parse("✅"), Some(Status::Done));
        assert_eq!(Status::parse("⏳"), Some(Status::InProgress));
        assert_eq!(Status::parse("⏸️"), Some(Status::NotStarted));
        assert_eq!(Status::parse("⏸"), Some(Status::NotStarted));
        assert_eq!(Status::parse("⏭️"), Some(Status::Skipped));
        assert_eq!(Status::parse("In Progress"), Some(Status::InProgress));
        assert_eq!(Status::parse("in_progress"), Some(Status::InProgress));
        assert_eq!(Status::parse("WIP"), Some(Status::InProgress));
        assert_eq!(Status::parse("todo"), Some(Status::NotStarted));
        assert_eq!(Status::parse("planned"), Some(Status::NotStarted));
        assert_eq!(Status::parse("dnoe"), None);
    }

    #[test]
    fn suggests_the_closest_value() {
        assert_eq!(Status::closest("dnoe"), Some(Status::Done));
        assert_eq!(Status::closest("in-progres"), Some(Status::InProgress));
        assert_eq!(Status::closest("banana"), None);
    }

    #[test]
    fn one_message_for_an_unknown_status() {
        let err = "dnoe".parse::<Status>().err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some(
                "unknown status `dnoe` (did you mean `done`?); valid values: done, in-progress, not-started, skipped"
            )
        );
        let err = "banana".parse::<Status>().err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("unknown status `banana`; valid values: done, in-progress, not-started, skipped")
        );
        assert_eq!("WIP".parse::<Status>(), Ok(Status::InProgress));
    }
}
