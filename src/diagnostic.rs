//! Problems found in the user's files, located by file, line and column and shown with a caret.

use anstyle::{AnsiColor, Style};
use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors stop a build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The build cannot go on.
    Error,
    /// Worth fixing; the build goes on.
    Warning,
}

/// One problem in one place of one file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file as the user named it (relative to where they ran waymark when possible).
    pub file: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// What is wrong and what to do.
    pub message: String,
    /// The offending line's text, shown under the message with a caret.
    #[serde(skip)]
    pub source_line: Option<String>,
    /// How to fix it, shown below the line (`= hint: indent with spaces`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at a position in a file.
    pub fn error(file: &Path, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_path_buf(),
            line,
            column,
            message: message.into(),
            source_line: None,
            hint: None,
        }
    }

    /// A warning at a position in a file.
    pub fn warning(file: &Path, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, line, column, message)
        }
    }

    /// The same problem with another severity.
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Attaches the text of the offending line, taken from the file's content.
    pub fn with_source(mut self, text: &str) -> Self {
        if self.line > 0 {
            self.source_line = text
                .lines()
                .nth(self.line - 1)
                .map(|l| l.trim_end_matches('\r').to_string());
        }
        self
    }

    /// Adds a line saying how to fix the problem.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this stops a build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl Diagnostic {
    /// The problem as [`fmt::Display`] shows it, with ANSI styles for a terminal: the kind bold
    /// in red or yellow, the place bold, the caret in the kind's colour. Printed through
    /// `anstream`, the styles are dropped when the output is not a terminal, under `NO_COLOR`
    /// or with `--color never`.
    pub fn styled(&self) -> String {
        let mut out = String::new();
        let _ = self.write_to(&mut out, true);
        out
    }

    fn write_to(&self, f: &mut impl fmt::Write, coloured: bool) -> fmt::Result {
        let (kind, colour) = match self.severity {
            Severity::Error => ("error", AnsiColor::Red),
            Severity::Warning => ("warning", AnsiColor::Yellow),
        };
        let (k, b) = if coloured {
            let bold = Style::new().bold();
            (bold.fg_color(Some(colour.into())), bold)
        } else {
            (Style::new(), Style::new())
        };
        let file = self.file.display();
        if self.line == 0 {
            write!(f, "{b}{file}:{b:#} {k}{kind}:{k:#} {}", self.message)?;
        } else {
            let (line, column) = (self.line, self.column);
            write!(
                f,
                "{b}{file}:{line}:{column}:{b:#} {k}{kind}:{k:#} {}",
                self.message
            )?;
        }
        if let Some(src) = &self.source_line {
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            let caret_pad: String = src
                .chars()
                .take(self.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(
                f,
                "\n{pad} |\n{number} | {src}\n{pad} | {caret_pad}{k}^{k:#}"
            )?;
        }
        if let Some(hint) = &self.hint {
            let pad = " ".repeat(self.line.to_string().len().max(1));
            write!(f, "\n{pad} = hint: {hint}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f, false)
    }
}

/// Every problem found in one run, in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Adds many problems.
    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(ds);
    }

    /// How many of the problems are errors.
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    /// How many of the problems are warnings.
    pub fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }

    /// Whether any problem stops the build.
    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// Sorts by file, then position, so output is the same on every run.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.file, a.line, a.column, &a.message).cmp(&(&b.file, b.line, b.column, &b.message))
        });
        self.0.dedup();
    }

    /// The closing count line, such as `2 errors, 1 warning`.
    pub fn summary(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        format!(
            "{}, {}",
            plural(self.error_count(), "error"),
            plural(self.warning_count(), "warning")
        )
    }
}

/// A build that stopped on errors in the user's files; carries every problem found.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.0.render("build failed: "))]
pub struct BuildFailed(pub Diagnostics);

impl Diagnostics {
    /// Every problem as users see it, one after the other, then `{lead}` and the count line.
    /// `build` and `check` both print through this, so they show problems the same way.
    pub fn render(&self, lead: &str) -> String {
        self.render_each(lead, ToString::to_string)
    }

    /// [`Diagnostics::render`] with the styles of [`Diagnostic::styled`], for a terminal.
    pub fn render_styled(&self, lead: &str) -> String {
        self.render_each(lead, Diagnostic::styled)
    }

    fn render_each(&self, lead: &str, show: fn(&Diagnostic) -> String) -> String {
        let mut out: Vec<String> = self.0.iter().map(show).collect();
        out.push(format!("{lead}{}", self.summary()));
        out.join("\n")
    }
}
