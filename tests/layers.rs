//! The crate's layers point one way: every `crate::` path in `src/` names a module of a lower
//! layer than the module it is written in (or that module itself), so no cycle between
//! modules can come back. The table below is the architecture; README's "How it is built"
//! explains it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::Path;

/// The top-level modules from the bottom up: a module may use those of lower layers only.
const LAYERS: &[&[&str]] = &[
    // When a command may stop: between file writes, never in one.
    &["interrupt"],
    // Shared by every stage, knowing none of them.
    &["diagnostic", "hash", "dates", "disk", "duration"],
    // Load: the settings and the content folder.
    &["config", "content"],
    // Progress over time: the git history of the content, read once per load.
    &["history"],
    // The roadmap as plain data.
    &["model"],
    // The roadmap written out in other formats: checklists, graphs, outlines.
    &["export"],
    // Views, templates, files handed to a sink.
    &["render"],
    // The build's sink.
    &["output"],
    // The stages tied together.
    &["site"],
    // What runs on a site: the preview and authoring (editing front matter); the arguments.
    &["serve", "authoring", "cli"],
    // Import and tree: text roadmaps in and out, writing front matter as authoring does.
    &["import"],
    // Sync: a reference roadmap of any kind merged into the user's content.
    &["sync"],
    // One module per subcommand.
    &["cmd"],
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// The code of a Rust file without its `//` comments (doc comments included).
fn code(text: &str) -> String {
    text.lines()
        .map(|l| l.split_once("//").map_or(l, |(code, _)| code))
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The top-level modules a piece of code names with `crate::a`, `crate::{a, b::c}`.
fn used_modules(code: &str) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        if code[..at].ends_with(|c: char| is_ident(c) || c == '$') {
            continue;
        }
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut item_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && is_ident(c) => {
                        let name: String =
                            group[i..].chars().take_while(|&c| is_ident(c)).collect();
                        used.insert(name);
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            used.insert(rest.chars().take_while(|&c| is_ident(c)).collect());
        }
    }
    used
}

/// `(file, its top-level module)` for every Rust file under `src/` but the crate roots.
fn source_files() -> Vec<(std::path::PathBuf, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    walkdir::WalkDir::new(&src)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .filter_map(|e| {
            let rel = e.path().strip_prefix(&src).unwrap();
            let first = rel.components().next()?.as_os_str().to_string_lossy();
            let module = first.trim_end_matches(".rs").to_string();
            (module != "lib" && module != "main").then(|| (e.path().to_path_buf(), module))
        })
        .collect()
}

#[test]
fn every_module_uses_only_lower_layers() {
    let mut wrong = Vec::new();
    let files = source_files();
    assert!(files.len() > 30, "found the sources: {}", files.len());
    for (path, module) in &files {
        let own = layer(module)
            .unwrap_or_else(|| panic!("module `{module}` is in no layer: add it to LAYERS"));
        let text = std::fs::read_to_string(path).unwrap();
        for used in used_modules(&code(&text)) {
            if used == *module {
                continue;
            }
            let theirs = layer(&used)
                .unwrap_or_else(|| panic!("{}: `crate::{used}` is in no layer", path.display()));
            if theirs >= own {
                wrong.push(format!(
                    "{}: `{module}` (layer {own}) uses `crate::{used}` (layer {theirs})",
                    path.display()
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "a module may use only lower layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_check_sees_every_way_of_naming_a_module() {
    let code = code(
        "use crate::a::X;\nuse crate::{b::{C, D}, e};\nlet x = crate::f::g();\n\
         // crate::comment\npub(crate) fn h() {}\nlet y = notcrate::z;",
    );
    let got: Vec<String> = used_modules(&code).into_iter().collect();
    assert_eq!(got, ["a", "b", "e", "f"]);
}
