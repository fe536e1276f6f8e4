//! `waymark import` and `waymark tree`: every format, the user's broken file, encodings, round
//! trips, and writing a content folder without ever overwriting.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use waymark::import::{
    TextNode, TextRoadmap, TextStatus, TreeOptions, parse_roadmap, print_tree, write_content,
};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixtures().join(name)).unwrap()
}

fn user_file() -> Vec<u8> {
    fixture("roadmaps/backend-roadmap.txt")
}

fn node(
    title: &str,
    status: Option<TextStatus>,
    tags: &[&str],
    note: Option<&str>,
    children: Vec<TextNode>,
) -> TextNode {
    TextNode {
        title: title.into(),
        status,
        tags: tags.iter().map(|t| t.to_string()).collect(),
        note: note.map(str::to_string),
        icon: None,
        children,
    }
}

/// The tree every small fixture holds, whatever its format.
fn expected_sections() -> Vec<TextNode> {
    use TextStatus::*;
    vec![
        node(
            "Basics",
            None,
            &["Core"],
            None,
            vec![
                node("Git", Some(Done), &[], Some("daily"), vec![]),
                node("Bash", Some(InProgress), &[], None, vec![]),
                node(
                    "Editors",
                    None,
                    &[],
                    None,
                    vec![
                        node("Vim", Some(NotStarted), &[], None, vec![]),
                        node("Emacs", Some(Skipped), &[], Some("skipping"), vec![]),
                    ],
                ),
            ],
        ),
        node(
            "Advanced",
            None,
            &[],
            None,
            vec![node("Kernels", Some(NotStarted), &[], None, vec![])],
        ),
    ]
}

fn without_icons(mut nodes: Vec<TextNode>) -> Vec<TextNode> {
    for n in &mut nodes {
        n.icon = None;
        n.children = without_icons(std::mem::take(&mut n.children));
    }
    nodes
}

#[test]
fn reads_every_format_with_markers_at_every_depth() {
    for (file, title) in [
        ("import/box.txt", "My Box Roadmap"),
        ("import/ascii.txt", "My Ascii Roadmap"),
        ("import/checklist.md", "My Checklist Roadmap"),
        ("import/numbered.md", "My Numbered Roadmap"),
        ("import/four-spaces.md", "My Four Space Roadmap"),
    ] {
        let r = parse_roadmap(&fixture(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(r.title, title, "{file}");
        assert_eq!(without_icons(r.sections), expected_sections(), "{file}");
    }
    let boxed = parse_roadmap(&fixture("import/box.txt")).unwrap();
    assert_eq!(boxed.sections[0].icon.as_deref(), Some("🧰"));
}

#[test]
fn reads_the_users_broken_file_with_every_marker() {
    let r = parse_roadmap(&user_file()).unwrap();
    assert_eq!(r.title, "BACKEND ENGINEERING ROADMAP");
    let t = r.tally();
    assert_eq!(
        (t.tracked, t.done, t.in_progress, t.not_started, t.skipped),
        (154, 4, 4, 146, 0)
    );
    assert_eq!((t.untracked_groups, t.sections), (34, 10));
    let titles: Vec<(&str, &[String])> = r
        .sections
        .iter()
        .map(|s| (s.title.as_str(), s.tags.as_slice()))
        .collect();
    let expected = [
        ("FOUNDATIONS", "Your Current Level"),
        ("WEB FRAMEWORKS", "Your Focus Area"),
        ("DATABASE SYSTEMS", "Critical Next Step"),
        ("API DEVELOPMENT", "Job Essential"),
        ("SECURITY & AUTHENTICATION", "Job Essential"),
        ("DEPLOYMENT & DEVOPS", "Job Essential"),
        ("PERFORMANCE & SCALABILITY", "Mid-Level Skills"),
        ("TESTING", "Important for Jobs"),
        ("SYSTEM DESIGN", "Senior Level Skills"),
        ("SPECIALIZATIONS", "Choose Later"),
    ];
    for ((title, tags), (want, tag)) in titles.iter().zip(expected) {
        assert_eq!((*title, *tags), (want, &[tag.to_string()][..]));
    }
    let foundations = &r.sections[0];
    assert_eq!(foundations.icon.as_deref(), Some("📚"));
    let langs = &foundations.children[0].children;
    assert_eq!(
        (
            langs[0].title.as_str(),
            langs[0].status,
            langs[0].note.as_deref()
        ),
        ("Python", Some(TextStatus::Done), Some("You have this"))
    );
    assert_eq!(
        (
            langs[2].title.as_str(),
            langs[2].status,
            langs[2].note.as_deref()
        ),
        (
            "JavaScript/Node.js",
            Some(TextStatus::InProgress),
            Some("Optional")
        )
    );
    assert_eq!(
        (
            langs[3].title.as_str(),
            langs[3].status,
            langs[3].note.as_deref()
        ),
        (
            "Go/Java",
            Some(TextStatus::NotStarted),
            Some("Future consideration")
        )
    );
    let django = &r.sections[1].children[0].children[0];
    assert_eq!(
        (django.title.as_str(), django.status, django.children.len()),
        ("Django", Some(TextStatus::InProgress), 6)
    );
    let drf = &r.sections[1].children[0].children[1];
    assert_eq!(
        (
            drf.children[3].title.as_str(),
            drf.children[3].note.as_deref()
        ),
        ("Authentication", Some("JWT/Token"))
    );
    assert_eq!(
        r.sections[1].icon, None,
        "🎯 lost a byte and could be several emoji: dropped, not guessed"
    );
}

/// Text as it looks after UTF-8 bytes were read as Windows-1254 (or 1252) and saved again:
/// bytes the code page cannot show are lost.
fn misdecode(text: &str, turkish: bool) -> Vec<u8> {
    const HIGH: [Option<char>; 32] = [
        Some('€'),
        None,
        Some('‚'),
        Some('ƒ'),
        Some('„'),
        Some('…'),
        Some('†'),
        Some('‡'),
        Some('ˆ'),
        Some('‰'),
        Some('Š'),
        Some('‹'),
        Some('Œ'),
        None,
        Some('Ž'),
        None,
        None,
        Some('‘'),
        Some('’'),
        Some('“'),
        Some('”'),
        Some('•'),
        Some('–'),
        Some('—'),
        Some('˜'),
        Some('™'),
        Some('š'),
        Some('›'),
        Some('œ'),
        None,
        Some('ž'),
        Some('Ÿ'),
    ];
    let mut out = String::new();
    for &b in text.as_bytes() {
        let c = match b {
            0x8E | 0x9E if turkish => None,
            0x80..=0x9F => HIGH[(b - 0x80) as usize],
            0xD0 if turkish => Some('Ğ'),
            0xDD if turkish => Some('İ'),
            0xDE if turkish => Some('Ş'),
            0xF0 if turkish => Some('ğ'),
            0xFD if turkish => Some('ı'),
            0xFE if turkish => Some('ş'),
            _ => Some(b as char),
        };
        out.extend(c);
    }
    out.into_bytes()
}

#[test]
fn re_encoded_copies_give_the_same_roadmap_as_the_clean_tree() {
    let clean_text = String::from_utf8(fixture("import/box.txt")).unwrap();
    let clean = parse_roadmap(clean_text.as_bytes()).unwrap();
    let crlf = clean_text.replace('\n', "\r\n");
    for (name, bytes) in [
        ("cp1254", misdecode(&clean_text, true)),
        ("cp1252", misdecode(&clean_text, false)),
        ("cp1254 crlf", misdecode(&crlf, true)),
        ("crlf", crlf.clone().into_bytes()),
        (
            "bom",
            [b"\xEF\xBB\xBF".as_slice(), clean_text.as_bytes()].concat(),
        ),
    ] {
        assert_eq!(parse_roadmap(&bytes).unwrap(), clean, "{name}");
    }
    let user_crlf = String::from_utf8(user_file())
        .unwrap()
        .replace('\n', "\r\n");
    assert_eq!(
        parse_roadmap(user_crlf.as_bytes()).unwrap(),
        parse_roadmap(&user_file()).unwrap()
    );
}

#[test]
fn reads_raw_windows_1252_bytes() {
    let r = parse_roadmap(b"Caf\xe9 roadmap\n- [x] Cr\xe8me br\xfbl\xe9e\n").unwrap();
    assert_eq!(r.title, "Café roadmap");
    assert_eq!(r.sections[0].title, "Crème brûlée");
}

#[test]
fn what_tree_prints_imports_back_the_same() {
    let r = parse_roadmap(&user_file()).unwrap();
    let boxed = print_tree(&r, &TreeOptions::default());
    assert_eq!(parse_roadmap(boxed.as_bytes()).unwrap(), r);
    let ascii = print_tree(
        &r,
        &TreeOptions {
            ascii: true,
            depth: None,
        },
    );
    let back = parse_roadmap(ascii.as_bytes()).unwrap();
    assert_eq!(back.title, r.title);
    assert_eq!(back.sections, without_icons(r.sections.clone()));
    assert!(boxed.starts_with("🌳 BACKEND ENGINEERING ROADMAP\n│\n├── 📚 FOUNDATIONS [Your Current Level] — 4/12\n│   ├── Programming Languages\n│   │   ├── ✅ Python (You have this)\n"), "{boxed}");
    assert!(
        ascii.contains("|   |   |-- [x] Python (You have this)\n"),
        "{ascii}"
    );
    let shallow = print_tree(
        &r,
        &TreeOptions {
            ascii: false,
            depth: Some(1),
        },
    );
    assert_eq!(shallow.lines().filter(|l| l.contains("── ")).count(), 10);
}

#[test]
fn writes_one_file_per_item_with_exact_front_matter() {
    let dir = assert_fs::TempDir::new().unwrap();
    let into = dir.path().join("content");
    let r = parse_roadmap(&fixture("import/box.txt")).unwrap();
    let created = write_content(&r, &into, false).unwrap();
    assert_eq!(created.len(), 9, "8 items and waymark.yaml");
    let read = |p: &str| std::fs::read_to_string(into.join(p)).unwrap();
    assert_eq!(
        read("basics/_index.md"),
        "---\ntitle: \"Basics\"\nicon: \"🧰\"\ntags: [\"Core\"]\norder: 1\n---\n"
    );
    assert_eq!(
        read("basics/git.md"),
        "---\ntitle: \"Git\"\nstatus: done\nnote: \"daily\"\norder: 1\n---\n"
    );
    assert_eq!(
        read("basics/editors/emacs.md"),
        "---\ntitle: \"Emacs\"\nstatus: skipped\nnote: \"skipping\"\norder: 2\n---\n"
    );
    assert_eq!(
        read("advanced/kernels.md"),
        "---\ntitle: \"Kernels\"\nstatus: not-started\norder: 1\n---\n"
    );
    let config = std::fs::read_to_string(dir.path().join("waymark.yaml")).unwrap();
    assert!(config.ends_with("title: \"My Box Roadmap\"\n"));

    let before = snapshot(dir.path());
    let err = write_content(&r, &into, false).unwrap_err();
    assert!(err.message.starts_with("refusing to overwrite "), "{err}");
    assert!(
        err.message.ends_with(
            "and 3 more; nothing was written (use --force to overwrite, or --into another folder)"
        ),
        "{err}"
    );
    std::fs::write(into.join("basics/git.md"), "my notes").unwrap();
    write_content(&r, &into, true).unwrap();
    assert_eq!(
        snapshot(dir.path()),
        before,
        "--force rewrites the same bytes"
    );
}

#[test]
fn malformed_input_names_the_line_and_writes_nothing() {
    let err = parse_roadmap(&fixture("import/bad-indent.txt")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "4: inconsistent indentation: this item starts at column 3, between its parent's column 1 and the deeper level's column 5; indent it like its siblings"
    );
    let err = parse_roadmap(&fixture("import/no-tree.txt")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "no tree found: expected lines like `├── Topic`, `|-- Topic` or `- Topic`"
    );
    let err = parse_roadmap(b"\x89PNG\r\n\x1a\n\0\0\0").unwrap_err();
    assert_eq!(
        err.to_string(),
        "this is a binary file (NUL byte at offset 8); import takes a text roadmap"
    );

    let dir = assert_fs::TempDir::new().unwrap();
    std::fs::copy(
        fixtures().join("import/bad-indent.txt"),
        dir.path().join("bad.txt"),
    )
    .unwrap();
    let out = waymark(dir.path())
        .args(["import", "bad.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: bad.txt:4: inconsistent indentation: this item starts at column 3, between its parent's column 1 and the deeper level's column 5; indent it like its siblings\n"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing written"
    );
}

#[test]
fn the_shipped_content_is_exactly_what_import_writes() {
    let dir = assert_fs::TempDir::new().unwrap();
    std::fs::copy(
        fixtures().join("roadmaps/backend-roadmap.txt"),
        dir.path().join("roadmap.txt"),
    )
    .unwrap();
    let out = waymark(dir.path())
        .args(["import", "roadmap.txt"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.ends_with("imported \"BACKEND ENGINEERING ROADMAP\": 154 tracked topics (4 done, 4 in progress, 146 not started, 0 skipped), 34 untracked groups, 10 sections into content\n"), "{stdout}");
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let imported = snapshot(&dir.path().join("content"));
    let shipped = snapshot(&repo.join("content"));
    let differing: Vec<&String> = imported
        .keys()
        .filter(|k| shipped.get(*k) != imported.get(*k))
        .collect();
    assert!(
        differing.is_empty(),
        "content/ differs from a fresh import at {differing:?}"
    );
    let extra: Vec<&String> = shipped
        .keys()
        .filter(|k| !imported.contains_key(*k))
        .collect();
    assert!(
        extra
            .iter()
            .all(|k| !k.ends_with(".md") || !imported.is_empty()),
        "{extra:?}"
    );

    let again = waymark(dir.path())
        .args(["import", "roadmap.txt"])
        .output()
        .unwrap();
    assert_eq!(
        again.status.code(),
        Some(1),
        "a second import refuses to overwrite"
    );
}

#[test]
fn tree_prints_a_content_folder() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = waymark(repo)
        .args(["tree", "--depth", "2"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let r: TextRoadmap = parse_roadmap(text.as_bytes()).unwrap();
    assert_eq!(r.sections.len(), 10);
    assert!(
        text.contains(
            "├── 📚 FOUNDATIONS [Your Current Level] — 4/12\n│   ├── Programming Languages\n"
        ),
        "{text}"
    );
}
