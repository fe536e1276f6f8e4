//! `waymark init`: a new roadmap site with an example to start from.

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

/// The files of a new site, as `(path, text)`.
const FILES: [(&str, &str); 9] = [
    (
        "waymark.yaml",
        "# Settings for waymark; every key is optional (see waymark's README).\ntitle: \"My Learning Roadmap\"\ndescription: \"What I am learning, and how far I got\"\n# base_url: \"https://NAME.github.io/REPO/\"\n",
    ),
    (".gitignore", "/output\n"),
    (
        ".github/workflows/pages.yml",
        include_str!("init-pages.yml"),
    ),
    (
        "content/01-foundations/_index.md",
        "---\ntitle: \"Foundations\"\nicon: \"📚\"\ntags: [\"Core\"]\n---\n\nWhat everything else builds on.\n",
    ),
    (
        "content/01-foundations/01-git.md",
        "---\ntitle: \"Git\"\nstatus: done\nstarted: 2026-01-05\ncompleted: 2026-01-20\nresources:\n  - {title: \"Pro Git\", url: \"https://git-scm.com/book\", type: book}\n---\n\n## Notes\n\n- `git switch -c` makes a branch; see [the shell](02-shell.md) for aliases.\n- [x] branching\n- [ ] rebasing\n",
    ),
    (
        "content/01-foundations/02-shell.md",
        "---\ntitle: \"The shell\"\nstatus: in-progress\nstarted: 2026-02-01\nnote: \"bash first\"\n---\n\nPipes, redirects, scripts.\n",
    ),
    (
        "content/02-next-steps/_index.md",
        "---\ntitle: \"Next steps\"\ntags: [\"Priority\"]\n---\n",
    ),
    (
        "content/02-next-steps/databases.md",
        "---\ntitle: \"Databases\"\nstatus: not-started\n---\n",
    ),
    (
        "content/02-next-steps/graphql.md",
        "---\ntitle: \"GraphQL\"\nstatus: skipped\nnote: \"not needed for now\"\n---\n",
    ),
];

/// Creates a new site in `dir`, which must be empty or missing; returns the files written.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>> {
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
        if entries.any(|e| e.is_ok_and(|e| e.file_name() != ".git")) {
            bail!(
                "{} is not empty; waymark init only fills an empty folder (give it a new folder name)",
                dir.display()
            );
        }
    }
    let mut written = Vec::new();
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        super::write_atomically(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}
