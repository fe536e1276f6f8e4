//! `waymark init`: a new roadmap repository, and what to do next.

use crate::authoring::init::{Init, Start, init};
use crate::cli::InitArgs;
use crate::import::write_content;
use std::process::ExitCode;

/// Writes the new repository's files and prints the next steps (only the badge line for an
/// existing README when `quiet`).
pub fn run(args: &InitArgs, quiet: bool) -> anyhow::Result<ExitCode> {
    let imported = args
        .import
        .as_deref()
        .map(super::import::read)
        .transpose()?;
    let write = |content: &std::path::Path| -> anyhow::Result<Vec<std::path::PathBuf>> {
        let Some(roadmap) = &imported else {
            return Ok(Vec::new());
        };
        let written =
            write_content(roadmap, content, false).map_err(|e| anyhow::anyhow!(e.message))?;
        Ok(written.into_iter().map(|w| w.path).collect())
    };
    let start = match &imported {
        Some(roadmap) => Start::Written {
            title: &roadmap.title,
            write: &write,
        },
        None => Start::Example,
    };
    let done = init(&args.dir, &start)?;
    if !quiet {
        for path in &done.written {
            println!("created {}", path.display());
        }
        if let Some(roadmap) = &imported {
            println!(
                "{}",
                super::import::summary(roadmap, &args.dir.join("content"))
            );
        }
    }
    for path in &done.kept {
        println!("kept {} as it was", path.display());
    }
    let readme = |p: &std::path::PathBuf| {
        p.file_name().is_some_and(|n| {
            n.to_string_lossy()
                .to_ascii_lowercase()
                .starts_with("readme")
        })
    };
    if done.kept.iter().any(readme) {
        println!(
            "add the progress badge to your README:\n\n    {}\n",
            done.badge
        );
    }
    if !quiet {
        println!("{}", next_steps(args, &done));
    }
    Ok(ExitCode::SUCCESS)
}

fn next_steps(args: &InitArgs, done: &Init) -> String {
    let cd = match args.dir.to_str() {
        Some(".") => String::new(),
        _ => format!("cd {} && ", args.dir.display()),
    };
    let gitignore = done.kept.iter().any(|p| p.ends_with(".gitignore"));
    let ignore = if gitignore {
        "\n  (your .gitignore was kept: make sure it lists output/)"
    } else {
        ""
    };
    format!(
        "next steps:\n  1. {cd}waymark serve      preview at http://127.0.0.1:1111/ while you edit content/\n  2. on GitHub: Settings → Pages → Build and deployment → Source: GitHub Actions\n  3. git add . && git commit -m \"My roadmap\" && git push{ignore}\nyour site will be at {}",
        done.pages_url
    )
}
