//! `waymark init`: a new roadmap repository — settings, an example (or imported) `content/`, a
//! README with the progress badge, `.gitignore` and the Pages workflow — in an empty folder or
//! a fresh clone. It never overwrites a file.

use anyhow::{Context, Result, bail};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The example roadmap, as `(path, text)`; `--import` writes the user's own instead.
const EXAMPLE: [(&str, &str); 6] = [
    (
        "content/01-foundations/_index.md",
        "---\ntitle: \"Foundations\"\nicon: \"📚\"\ntags: [\"Core\"]\n---\n\nWhat everything else builds on.\n",
    ),
    (
        "content/01-foundations/01-git.md",
        "---\ntitle: \"Git\"\nstatus: done\nstarted: 2026-01-05\ncompleted: 2026-01-20\nresources:\n  - {title: \"Pro Git\", url: \"https://git-scm.com/book\", type: book}\n---\n\n## Notes\n\n- `git switch -c` makes a branch; see [the shell](02-shell.md) for aliases.\n- [x] branching\n- [x] rebasing\n",
    ),
    (
        "content/01-foundations/02-shell.md",
        "---\ntitle: \"The shell\"\nstatus: in-progress\nstarted: 2026-02-01\nnote: \"bash first\"\nestimate: 6h\nspent: 2h\n---\n\nPipes, redirects, scripts.\n\n- [x] pipes\n- [ ] redirects\n- [ ] scripts\n",
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

/// What `init` did.
#[derive(Debug)]
pub struct Init {
    /// The files written, in order.
    pub written: Vec<PathBuf>,
    /// Files init would have written that existed already and were left alone.
    pub kept: Vec<PathBuf>,
    /// Where Pages will publish the site: from the clone's GitHub `origin`, else a placeholder.
    pub pages_url: String,
    /// The markdown line that shows the roadmap's progress badge, linked to the site.
    pub badge: String,
}

/// The action the generated workflow uses, from waymark's one home URL: `OWNER/REPO@vMAJOR`.
pub fn action_ref() -> String {
    let repo = crate::config::HOME_URL.trim_start_matches("https://github.com/");
    format!("{repo}@v{}", env!("CARGO_PKG_VERSION_MAJOR"))
}

/// Where a new repository's content comes from.
pub enum Start<'a> {
    /// The example roadmap, with its own `waymark.yaml`.
    Example,
    /// A roadmap written by the caller (`--import`): `write` fills the content folder it is
    /// given, and `waymark.yaml` beside it, once the folder is known to be free.
    Written {
        /// The roadmap's title, for the README.
        title: &'a str,
        /// Writes the content; returns the files written.
        write: &'a dyn Fn(&Path) -> Result<Vec<PathBuf>>,
    },
}

/// Creates a new roadmap repository in `dir`: missing, empty, or a fresh clone holding only
/// a README, a licence, `.gitignore`/`.gitattributes` and `.git`. The content and
/// `waymark.yaml` come from `start`.
pub fn init(dir: &Path, start: &Start) -> Result<Init> {
    refuse_occupied(dir)?;
    let pages_url = std::fs::read_to_string(dir.join(".git/config"))
        .ok()
        .and_then(|config| github_origin(&config))
        .map_or_else(
            || "https://NAME.github.io/REPO/".to_string(),
            |(owner, repo)| pages_url(&owner, &repo),
        );
    let badge = format!("[![Roadmap progress]({pages_url}badges/roadmap.svg)]({pages_url})");
    let title = match start {
        Start::Example => "My Learning Roadmap",
        Start::Written { title, .. } => title,
    };
    let mut planned = vec![
        (".gitignore".to_string(), "output/\n".to_string()),
        (
            ".github/workflows/pages.yml".to_string(),
            include_str!("init-pages.yml").replace("WAYMARK_ACTION", &action_ref()),
        ),
    ];
    let mut kept = Vec::new();
    match existing_readme(dir) {
        Some(path) => kept.push(path),
        None => planned.push(("README.md".to_string(), readme(title, &badge, &pages_url))),
    }
    let mut written = Vec::new();
    match start {
        Start::Written { write, .. } => written = write(&place(dir, "content"))?,
        Start::Example => {
            planned.insert(0, ("waymark.yaml".to_string(), settings(&pages_url)));
            planned.extend(EXAMPLE.iter().map(|(p, t)| (p.to_string(), t.to_string())));
        }
    }
    for (rel, text) in planned {
        let path = place(dir, &rel);
        if path.exists() {
            kept.push(path);
        } else {
            create_new(&path, &text)?;
            written.push(path);
        }
    }
    Ok(Init {
        written,
        kept,
        pages_url,
        badge,
    })
}

/// Whether a fresh clone may hold `name` already: `.git`, a README, a licence, git's own files.
fn comes_with_a_clone(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".git", ".gitignore", ".gitattributes"].contains(&lower.as_str())
        || ["readme", "license", "licence", "copying", "unlicense"]
            .iter()
            .any(|p| lower.starts_with(p))
}

/// The clone's README in any spelling (`README`, `readme.md`, `README.rst`…), if it has one.
fn existing_readme(dir: &Path) -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.to_ascii_lowercase().starts_with("readme"))
        .map(|name| place(dir, &name))
        .collect();
    found.sort();
    found.into_iter().next()
}

/// `rel` inside `dir`, spelt `rel` when `dir` is the current folder, as the user sees it.
fn place(dir: &Path, rel: &str) -> PathBuf {
    if dir == Path::new(".") {
        PathBuf::from(rel)
    } else {
        dir.join(rel)
    }
}

/// Refuses a folder that holds anything a fresh clone would not, naming what is in the way.
fn refuse_occupied(dir: &Path) -> Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    let mut others: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !comes_with_a_clone(name))
        .collect();
    if others.is_empty() {
        return Ok(());
    }
    others.sort();
    bail!(
        "{} is not empty (it holds {}); waymark init fills an empty folder or a fresh clone with only a README, a licence and .git (give it a new folder name)",
        dir.display(),
        others.join(", ")
    )
}

/// `OWNER` and `REPO` of a git config's `origin` remote, when it is on GitHub.
fn github_origin(config: &str) -> Option<(String, String)> {
    let mut in_origin = false;
    for line in config.lines().map(str::trim) {
        if line.starts_with('[') {
            in_origin = line == "[remote \"origin\"]";
            continue;
        }
        let Some(url) = line.strip_prefix("url").map(str::trim_start) else {
            continue;
        };
        let Some(url) = url.strip_prefix('=').filter(|_| in_origin) else {
            continue;
        };
        let (_, path) = url.trim().split_once("github.com")?;
        let path = path.trim_start_matches([':', '/']).trim_end_matches('/');
        let (owner, repo) = path.trim_end_matches(".git").split_once('/')?;
        return (!owner.is_empty() && !repo.is_empty() && !repo.contains('/'))
            .then(|| (owner.to_string(), repo.to_string()));
    }
    None
}

/// The address GitHub Pages gives a repository: a user or organisation site for
/// `OWNER.github.io`, else a project site under `/REPO/`.
fn pages_url(owner: &str, repo: &str) -> String {
    let host = format!("{}.github.io", owner.to_ascii_lowercase());
    if repo.eq_ignore_ascii_case(&host) {
        format!("https://{host}/")
    } else {
        format!("https://{host}/{repo}/")
    }
}

fn settings(pages_url: &str) -> String {
    format!(
        "# Settings for waymark; every key is optional (see {home}#site-settings-waymarkyaml).\ntitle: \"My Learning Roadmap\"\ndescription: \"What I am learning, and how far I got\"\n# The Pages workflow passes the published address itself; set it here for local builds.\n# base_url: \"{pages_url}\"\n",
        home = crate::config::HOME_URL
    )
}

fn readme(title: &str, badge: &str, pages_url: &str) -> String {
    format!(
        "# {title}\n\n{badge}\n\nMy learning roadmap, published at <{pages_url}> by [waymark]({home}).\n\n- Notes live in `content/`, one markdown file per topic, with `status:` in the front matter.\n- Preview while editing: `waymark serve`, then open <http://127.0.0.1:1111/>.\n- Mark progress: `waymark status TOPIC done`, or edit the file.\n- Push to `main`: `.github/workflows/pages.yml` builds and publishes the site.\n",
        home = crate::config::HOME_URL
    )
}

/// Writes a new file, failing rather than replacing one that appeared meanwhile.
fn create_new(path: &Path, text: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))
}
