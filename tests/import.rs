//! `waymark import` and `waymark tree`: every format, the user's broken file, encodings, round
//! trips, and writing a content folder without ever overwriting.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use waymark::import::{
    Changes, Outcome, TreeOptions, parse_roadmap, print_tree, to_ascii, write_content,
};
use waymark::model::{Outline, OutlineNode, Status};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixtures().join(name)).unwrap()
}

fn user_file() -> Vec<u8> {
    fixture("roadmaps/backend-roadmap.txt")
}

fn node(
    title: &str,
    status: Option<Status>,
    tags: &[&str],
    note: Option<&str>,
    children: Vec<OutlineNode>,
) -> OutlineNode {
    OutlineNode {
        title: title.into(),
        status,
        tags: tags.iter().map(|t| t.to_string()).collect(),
        note: note.map(str::to_string),
        icon: None,
        children,
        blocked: false,
    }
}

/// The tree every small fixture holds, whatever its format.
fn expected_sections() -> Vec<OutlineNode> {
    use Status::*;
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

fn without_icons(mut nodes: Vec<OutlineNode>) -> Vec<OutlineNode> {
    for n in &mut nodes {
        n.icon = None;
        n.children = without_icons(std::mem::take(&mut n.children));
    }
    nodes
}

/// One line per node, to compare roadmaps and show the first difference briefly.
fn flat(r: &Outline) -> Vec<String> {
    fn walk(n: &OutlineNode, depth: usize, out: &mut Vec<String>) {
        out.push(format!(
            "{depth} {:?} {:?} {:?} {:?} {:?}",
            n.status, n.icon, n.title, n.tags, n.note
        ));
        for c in &n.children {
            walk(c, depth + 1, out);
        }
    }
    let mut out = vec![r.title.clone()];
    for s in &r.sections {
        walk(s, 1, &mut out);
    }
    out
}

#[track_caller]
fn assert_same(got: &Outline, want: &Outline, what: &str) {
    let (g, w) = (flat(got), flat(want));
    if let Some(i) = (0..g.len().max(w.len())).find(|&i| g.get(i) != w.get(i)) {
        panic!(
            "{what}: first difference at node {i}:\n got: {:?}\nwant: {:?}",
            g.get(i),
            w.get(i)
        );
    }
    assert_eq!(got, want, "{what}");
}

#[test]
fn reads_every_format_with_markers_at_every_depth() {
    for (file, title) in [
        ("import/box.txt", "My Box Roadmap"),
        ("import/ascii.txt", "My Ascii Roadmap"),
        ("import/checklist.md", "My Checklist Roadmap"),
        ("import/numbered.md", "My Numbered Roadmap"),
        ("import/four-spaces.md", "My Four Space Roadmap"),
        ("import/plus-two-spaces.md", "My Plus Roadmap"),
    ] {
        let r = parse_roadmap(&fixture(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let want = Outline {
            title: title.into(),
            sections: expected_sections(),
        };
        let got = Outline {
            title: r.title,
            sections: without_icons(r.sections),
        };
        assert_same(&got, &want, file);
    }
    let boxed = parse_roadmap(&fixture("import/box.txt")).unwrap();
    assert_eq!(boxed.sections[0].icon.as_deref(), Some("🧰"));
}

#[test]
fn every_marker_spelling_gives_its_status() {
    use Status::*;
    let text = "T\n- ✅ a\n- ✔ b\n- ✔️ c\n- ✓ d\n- ☑️ e\n- [x] f\n- [X] g\n- ⏳ h\n- 🔄 i\n- 🚧 j\n- [~] k\n- [/] l\n- ⏸️ m\n- ⏸ n\n- ❌ o\n- ☐ p\n- [ ] q\n- ⏭️ r\n- ⏭ s\n- [-] t\n- u\n";
    let r = parse_roadmap(text.as_bytes()).unwrap();
    let got: Vec<(&str, Option<Status>)> = r
        .sections
        .iter()
        .map(|n| (n.title.as_str(), n.status))
        .collect();
    let want = [
        ("a", Some(Done)),
        ("b", Some(Done)),
        ("c", Some(Done)),
        ("d", Some(Done)),
        ("e", Some(Done)),
        ("f", Some(Done)),
        ("g", Some(Done)),
        ("h", Some(InProgress)),
        ("i", Some(InProgress)),
        ("j", Some(InProgress)),
        ("k", Some(InProgress)),
        ("l", Some(InProgress)),
        ("m", Some(NotStarted)),
        ("n", Some(NotStarted)),
        ("o", Some(NotStarted)),
        ("p", Some(NotStarted)),
        ("q", Some(NotStarted)),
        ("r", Some(Skipped)),
        ("s", Some(Skipped)),
        ("t", Some(Skipped)),
        ("u", None),
    ];
    assert_eq!(got, want);
}

#[test]
fn reads_the_users_broken_file_with_its_figures_and_section_tags() {
    let r = parse_roadmap(&user_file()).unwrap();
    assert_eq!(r.title, "BACKEND ENGINEERING ROADMAP");
    let p = r.progress();
    assert_eq!(
        (p.tracked(), p.done, p.in_progress, p.not_started, p.skipped),
        (154, 4, 4, 146, 0)
    );
    assert_eq!((r.untracked_groups(), r.sections.len()), (34, 10));
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
    assert_eq!(titles.len(), expected.len());
    for ((title, tags), (want, tag)) in titles.iter().zip(expected) {
        assert_eq!((*title, *tags), (want, &[tag.to_string()][..]));
    }
}

/// Statuses, notes and nesting as the markers in the user's file say.
#[test]
fn reads_every_marker_of_the_users_broken_file() {
    let r = parse_roadmap(&user_file()).unwrap();
    let foundations = &r.sections[0];
    assert_eq!(foundations.icon.as_deref(), Some("📚"));
    let langs = &foundations.children[0].children;
    let seen: Vec<(&str, Option<Status>, Option<&str>)> = langs
        .iter()
        .map(|n| (n.title.as_str(), n.status, n.note.as_deref()))
        .collect();
    assert_eq!(
        seen,
        [
            ("Python", Some(Status::Done), Some("You have this")),
            ("C++", Some(Status::Done), Some("You have this")),
            (
                "JavaScript/Node.js",
                Some(Status::InProgress),
                Some("Optional")
            ),
            (
                "Go/Java",
                Some(Status::NotStarted),
                Some("Future consideration")
            ),
        ]
    );
    let django = &r.sections[1].children[0].children[0];
    assert_eq!(
        (django.title.as_str(), django.status, django.children.len()),
        ("Django", Some(Status::InProgress), 6)
    );
    let drf = &r.sections[1].children[0].children[1];
    assert_eq!(
        (
            drf.children[3].title.as_str(),
            drf.children[3].note.as_deref()
        ),
        ("Authentication", Some("JWT/Token"))
    );
    let alt = &r.sections[1].children[1];
    assert_eq!(
        (alt.title.as_str(), alt.status, alt.note.as_deref()),
        ("Alternative Stacks", None, Some("Future"))
    );
}

/// Text broken by a code page comes back; an emoji that lost a byte is dropped, not guessed.
#[test]
fn repairs_the_users_broken_encoding_without_guessing() {
    let r = parse_roadmap(&user_file()).unwrap();
    assert_eq!(
        r.sections[1].icon, None,
        "🎯 lost a byte and could be several emoji: dropped, not guessed"
    );
    let all_titles = flat(&r).join("\n");
    for junk in ["â", "ğ", "Ÿ", "ï", "\u{FFFD}", "**", "  "] {
        assert!(!all_titles.contains(junk), "{junk:?} left in\n{all_titles}");
    }
}

/// Text as it looks after UTF-8 bytes were read as Windows-1254 (or 1252) and saved again as
/// UTF-8: bytes the code page cannot show are lost. The code pages come from `encoding_rs`, not
/// from the importer's own table, so the two check each other.
fn misdecode(text: &str, turkish: bool) -> Vec<u8> {
    let page = if turkish {
        encoding_rs::WINDOWS_1254
    } else {
        encoding_rs::WINDOWS_1252
    };
    let (read, _) = page.decode_without_bom_handling(text.as_bytes());
    // WHATWG maps the bytes a code page has no character for to C1 controls: those are lost.
    read.chars()
        .filter(|c| !('\u{80}'..='\u{9F}').contains(c))
        .collect::<String>()
        .into_bytes()
}

/// The same misreading saved back as Windows-1252: the original bytes less the lost ones.
fn misdecode_saved_as_cp1252(text: &str) -> Vec<u8> {
    text.bytes()
        .filter(|b| !matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
        .collect()
}

/// Text whose characters are all in Windows-1252, as raw 1252 bytes.
fn cp1252(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable, "{text:?} has characters Windows-1252 lacks");
    bytes.into_owned()
}

/// A clean tree with every status marker, box drawing at every depth, and an icon whose bytes
/// all survive a Windows code page.
const CLEAN: &str = "🌳 **Clean Roadmap**
│
├── 📚 **Basics** [Core] [Now]
│   ├── ✅ Git (daily use)
│   ├── ⏳ Bash — shell
│   └── Editors
│       ├── ⏸️ Vim
│       └── ⏭️ Emacs (skipping)
│
└── Advanced (later)
    ├── ⏸️ Kernels  
    │   └── ✅ Schedulers
    └── ⏳ Drivers
";

#[test]
fn re_encoded_copies_give_the_same_roadmap_as_the_clean_tree() {
    let clean = parse_roadmap(CLEAN.as_bytes()).unwrap();
    assert_eq!(clean.title, "Clean Roadmap");
    assert_eq!(clean.sections[0].icon.as_deref(), Some("📚"));
    assert_eq!(clean.sections[0].tags, ["Core", "Now"]);
    assert_eq!(clean.sections[0].children[1].title, "Bash — shell");
    assert_eq!(clean.sections[1].children[0].title, "Kernels");
    let crlf = CLEAN.replace('\n', "\r\n");
    for (name, bytes) in [
        ("cp1254", misdecode(CLEAN, true)),
        ("cp1252", misdecode(CLEAN, false)),
        ("cp1254 crlf", misdecode(&crlf, true)),
        ("cp1252 crlf", misdecode(&crlf, false)),
        ("saved as cp1252", misdecode_saved_as_cp1252(CLEAN)),
        ("crlf", crlf.clone().into_bytes()),
        (
            "bom",
            [b"\xEF\xBB\xBF".as_slice(), CLEAN.as_bytes()].concat(),
        ),
        (
            "bom cp1254",
            [b"\xEF\xBB\xBF".as_slice(), &misdecode(CLEAN, true)].concat(),
        ),
    ] {
        assert_same(&parse_roadmap(&bytes).unwrap(), &clean, name);
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
fn raw_windows_1252_and_utf16_read_like_utf8() {
    let text =
        "Café — roadmap\n|-- Crème [Goûter]\n|   |-- [x] Brûlée (très “bon”)\n`-- [~] Über\n";
    let clean = parse_roadmap(text.as_bytes()).unwrap();
    assert_eq!(clean.title, "Café — roadmap");
    assert_eq!(
        clean.sections[0].children[0].note.as_deref(),
        Some("très “bon”")
    );
    assert_same(&parse_roadmap(&cp1252(text)).unwrap(), &clean, "cp1252");
    assert_same(
        &parse_roadmap(&cp1252(&text.replace('\n', "\r\n"))).unwrap(),
        &clean,
        "cp1252 crlf",
    );
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    assert_same(&parse_roadmap(&le).unwrap(), &clean, "utf-16le");
    assert_same(&parse_roadmap(&be).unwrap(), &clean, "utf-16be");
}

#[test]
fn clean_utf8_that_only_resembles_mojibake_passes_through() {
    let text = "SÃO PAULO — Ãgua ☁️ âge\n- ☁️ Ça va (naïve)\n- ⚡ Ärger [Straße]\n";
    let r = parse_roadmap(text.as_bytes()).unwrap();
    assert_eq!(r.title, "SÃO PAULO — Ãgua ☁️ âge");
    assert_eq!(
        (
            r.sections[0].icon.as_deref(),
            r.sections[0].title.as_str(),
            r.sections[0].note.as_deref()
        ),
        (Some("☁️"), "Ça va", Some("naïve"))
    );
    assert_eq!(
        (r.sections[1].title.as_str(), r.sections[1].tags.as_slice()),
        ("Ärger", &["Straße".to_string()][..])
    );
}

#[test]
fn what_tree_prints_imports_back_the_same() {
    for (name, bytes) in [
        ("user file", user_file()),
        ("clean", CLEAN.as_bytes().to_vec()),
        ("box", fixture("import/box.txt")),
        ("numbered", fixture("import/numbered.md")),
    ] {
        let r = parse_roadmap(&bytes).unwrap();
        for ascii in [false, true] {
            let text = print_tree(&r, &TreeOptions { ascii, depth: None });
            let back = parse_roadmap(text.as_bytes())
                .unwrap_or_else(|e| panic!("{name} ascii={ascii}: {e}\n{text}"));
            let want = if ascii { to_ascii(&r) } else { r.clone() };
            assert_same(&back, &want, &format!("{name} ascii={ascii}"));
        }
    }
}

#[test]
fn prints_box_and_ascii_trees_with_counts() {
    let r = parse_roadmap(CLEAN.as_bytes()).unwrap();
    assert_eq!(
        print_tree(&r, &TreeOptions::default()),
        "🌳 Clean Roadmap
│
├── 📚 Basics [Core] [Now] — 1/3
│   ├── ✅ Git (daily use)
│   ├── ⏳ Bash — shell
│   └── Editors — 0/1
│       ├── ⏸️ Vim
│       └── ⏭️ Emacs (skipping)
│
└── Advanced (later) — 1/3
    ├── ⏸️ Kernels — 1/1
    │   └── ✅ Schedulers
    └── ⏳ Drivers
"
    );
    assert_eq!(
        print_tree(
            &r,
            &TreeOptions {
                ascii: true,
                depth: Some(2)
            }
        ),
        "Clean Roadmap
|
|-- Basics [Core] [Now] -- 1/3
|   |-- [x] Git (daily use)
|   |-- [~] Bash -- shell
|   `-- Editors -- 0/1
|
`-- Advanced (later) -- 1/3
    |-- [ ] Kernels -- 1/1
    `-- [~] Drivers
"
    );
    let user = parse_roadmap(&user_file()).unwrap();
    let boxed = print_tree(&user, &TreeOptions::default());
    assert!(boxed.starts_with("🌳 BACKEND ENGINEERING ROADMAP\n│\n├── 📚 FOUNDATIONS [Your Current Level] — 4/12\n│   ├── Programming Languages — 2/4\n│   │   ├── ✅ Python (You have this)\n"), "{boxed}");
    let shallow = print_tree(
        &user,
        &TreeOptions {
            ascii: false,
            depth: Some(1),
        },
    );
    assert_eq!(shallow.lines().filter(|l| l.contains("── ")).count(), 10);
    let title_only = TreeOptions {
        ascii: false,
        depth: Some(0),
    };
    assert_eq!(
        print_tree(&user, &title_only),
        "🌳 BACKEND ENGINEERING ROADMAP\n"
    );
}

#[test]
fn a_title_that_looks_like_markup_survives_ascii_printing() {
    for (title, line) in [
        ("# Not a heading", "# # Not a heading"),
        ("|-- not an item", "# |-- not an item"),
        ("|", "# |"),
        ("[x] not done", "[x] not done"),
        ("- a list item", "- a list item"),
    ] {
        let r = Outline {
            title: title.into(),
            sections: vec![node("A", Some(Status::Done), &[], None, vec![])],
        };
        let text = print_tree(
            &r,
            &TreeOptions {
                ascii: true,
                depth: None,
            },
        );
        assert_eq!(text, format!("{line}\n|\n`-- [x] A\n"));
        assert_same(&parse_roadmap(text.as_bytes()).unwrap(), &r, title);
    }
}

/// The clean fixture imported into `site/content` of a fresh folder.
fn imported_clean() -> (assert_fs::TempDir, std::path::PathBuf) {
    let dir = assert_fs::TempDir::new().unwrap();
    let into = dir.path().join("site/content");
    let r = parse_roadmap(CLEAN.as_bytes()).unwrap();
    write_content(&r, &into, false).unwrap();
    (dir, into)
}

#[test]
fn writes_one_file_per_item_with_exact_front_matter() {
    let dir = assert_fs::TempDir::new().unwrap();
    let into = dir.path().join("site/content");
    let r = parse_roadmap(CLEAN.as_bytes()).unwrap();
    let created = write_content(&r, &into, false).unwrap();
    let rel: Vec<String> = created
        .iter()
        .map(|p| {
            p.path
                .strip_prefix(dir.path().join("site"))
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    assert_eq!(
        rel,
        [
            "content/basics/_index.md",
            "content/basics/git.md",
            "content/basics/bash-shell.md",
            "content/basics/editors/_index.md",
            "content/basics/editors/vim.md",
            "content/basics/editors/emacs.md",
            "content/advanced/_index.md",
            "content/advanced/kernels/_index.md",
            "content/advanced/kernels/schedulers.md",
            "content/advanced/drivers.md",
            "waymark.yaml",
        ]
    );
    let read = |p: &str| std::fs::read_to_string(into.join(p)).unwrap();
    assert_eq!(
        read("basics/_index.md"),
        "---\ntitle: \"Basics\"\nicon: \"📚\"\ntags: [\"Core\", \"Now\"]\norder: 1\nsource: \"Basics\"\n---\n"
    );
    assert_eq!(
        read("basics/git.md"),
        "---\ntitle: \"Git\"\nstatus: done\nnote: \"daily use\"\norder: 1\nsource: \"Basics > Git\"\n---\n"
    );
    assert_eq!(
        read("basics/editors/emacs.md"),
        "---\ntitle: \"Emacs\"\nstatus: skipped\nnote: \"skipping\"\norder: 2\nsource: \"Basics > Editors > Emacs\"\n---\n"
    );
    assert_eq!(
        read("advanced/_index.md"),
        "---\ntitle: \"Advanced\"\nnote: \"later\"\norder: 2\nsource: \"Advanced\"\n---\n"
    );
    assert_eq!(
        read("advanced/kernels/_index.md"),
        "---\ntitle: \"Kernels\"\nstatus: not-started\norder: 1\nsource: \"Advanced > Kernels\"\n---\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("site/waymark.yaml")).unwrap(),
        "# Written by `waymark import`; every key is optional (see the README).\ntitle: \"Clean Roadmap\"\n"
    );
}

/// A second import over the first refuses, names the files, and writes nothing.
#[test]
fn refuses_to_overwrite_and_writes_nothing() {
    let (dir, into) = imported_clean();
    let r = parse_roadmap(CLEAN.as_bytes()).unwrap();
    let before = snapshot(dir.path());
    let err = write_content(&r, &into, false).unwrap_err();
    assert_eq!(err.line, None);
    assert!(
        err.message.starts_with(&format!(
            "refusing to overwrite {}, ",
            into.join("basics/_index.md").display()
        )),
        "{err}"
    );
    assert!(
        err.message.ends_with(
            "and 5 more; nothing was written (use --force to update them, keeping their notes and the keys the text does not set, or --into another folder)"
        ),
        "{err}"
    );
    assert_eq!(snapshot(dir.path()), before, "a refusal writes nothing");
}

/// One clash is enough to write nothing at all.
#[test]
fn one_clash_is_enough_to_write_nothing() {
    let r = parse_roadmap(CLEAN.as_bytes()).unwrap();
    let fresh = assert_fs::TempDir::new().unwrap();
    let fresh_into = fresh.path().join("content");
    std::fs::create_dir_all(fresh_into.join("advanced")).unwrap();
    std::fs::write(fresh_into.join("advanced/drivers.md"), "mine").unwrap();
    let err = write_content(&r, &fresh_into, false).unwrap_err();
    assert_eq!(
        err.message,
        format!(
            "refusing to overwrite {}; nothing was written (use --force to update them, keeping their notes and the keys the text does not set, or --into another folder)",
            fresh_into.join("advanced/drivers.md").display()
        )
    );
    assert_eq!(snapshot(fresh.path()).len(), 1);
}

/// --force over its own unchanged files changes no byte and leaves other files alone; notes
/// without front matter get it, and keep every line.
#[test]
fn force_rewrites_the_same_bytes_and_keeps_notes() {
    let (dir, into) = imported_clean();
    let r = parse_roadmap(CLEAN.as_bytes()).unwrap();
    let before = snapshot(dir.path());
    std::fs::write(into.join("basics/mine.md"), "keep me").unwrap();
    let again = write_content(&r, &into, true).unwrap();
    assert!(
        again
            .iter()
            .all(|w| w.outcome == Outcome::Unchanged(Changes::default())),
        "{again:?}"
    );
    let mut after = snapshot(dir.path());
    assert_eq!(
        after.remove("site/content/basics/mine.md").as_deref(),
        Some(b"keep me".as_slice())
    );
    assert_eq!(after, before, "--force rewrites the same bytes");
    std::fs::write(into.join("basics/git.md"), "my notes").unwrap();
    let merged = write_content(&r, &into, true).unwrap();
    let git = merged
        .iter()
        .find(|w| w.path.ends_with("basics/git.md"))
        .unwrap();
    assert!(matches!(git.outcome, Outcome::Replaced(_)), "{git:?}");
    assert_eq!(
        std::fs::read_to_string(into.join("basics/git.md")).unwrap(),
        format!(
            "{}my notes",
            String::from_utf8_lossy(&before["site/content/basics/git.md"])
        )
    );
}

#[test]
fn an_existing_site_config_is_kept_and_special_names_are_avoided() {
    let dir = assert_fs::TempDir::new().unwrap();
    std::fs::write(dir.path().join("waymark.yaml"), "title: Mine\n").unwrap();
    let r = parse_roadmap(
        "T\n- Index\n  - [x] README\n  - [x] C++\n  - [ ] C\n  - [ ] C 2\n- \"Quoted\" \\ back\n  - [ ] ***\n"
            .as_bytes(),
    )
    .unwrap();
    let into = dir.path().join("content");
    let created = write_content(&r, &into, false).unwrap();
    let rel: Vec<String> = created
        .iter()
        .map(|p| {
            p.path
                .strip_prefix(dir.path())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    assert_eq!(
        rel,
        [
            "content/index-2/_index.md",
            "content/index-2/readme-2.md",
            "content/index-2/cpp.md",
            "content/index-2/c.md",
            "content/index-2/c-2.md",
            "content/quoted-back/_index.md",
            "content/quoted-back/topic.md",
        ]
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("waymark.yaml")).unwrap(),
        "title: Mine\n"
    );
    assert_eq!(
        std::fs::read_to_string(into.join("quoted-back/_index.md")).unwrap(),
        "---\ntitle: \"\\\"Quoted\\\" \\\\ back\"\norder: 2\nsource: \"\\\"Quoted\\\" \\\\ back\"\n---\n"
    );
    assert_eq!(
        std::fs::read_to_string(into.join("quoted-back/topic.md")).unwrap(),
        "---\ntitle: \"*\"\nstatus: not-started\norder: 1\nsource: \"\\\"Quoted\\\" \\\\ back > *\"\n---\n"
    );
}

#[test]
fn writing_twice_gives_identical_bytes() {
    let r = parse_roadmap(&user_file()).unwrap();
    let a = assert_fs::TempDir::new().unwrap();
    let b = assert_fs::TempDir::new().unwrap();
    let files = write_content(&r, &a.path().join("content"), false).unwrap();
    write_content(&r, &b.path().join("content"), false).unwrap();
    assert_eq!(files.len(), 154 + 34 + 10 + 1);
    assert_eq!(snapshot(a.path()), snapshot(b.path()));
    let read = |p: &str| std::fs::read_to_string(a.path().join("content").join(p)).unwrap();
    assert_eq!(
        read("foundations/programming-languages/python.md"),
        "---\ntitle: \"Python\"\nstatus: done\nnote: \"You have this\"\norder: 1\nsource: \"FOUNDATIONS > Programming Languages > Python\"\n---\n"
    );
    assert_eq!(
        read("web-frameworks/python-ecosystem/django/_index.md"),
        "---\ntitle: \"Django\"\nstatus: in-progress\nnote: \"Your current focus\"\norder: 1\nsource: \"WEB FRAMEWORKS > Python Ecosystem > Django\"\n---\n"
    );
    assert_eq!(
        read("foundations/_index.md"),
        "---\ntitle: \"FOUNDATIONS\"\nicon: \"📚\"\ntags: [\"Your Current Level\"]\norder: 1\nsource: \"FOUNDATIONS\"\n---\n"
    );
}

#[test]
fn malformed_input_names_the_line_and_writes_nothing() {
    let cases: [(&[u8], &str); 6] = [
        (
            &fixture("import/bad-indent.txt"),
            "4: inconsistent indentation: this item starts at column 3, between its parent's column 1 and the deeper level's column 5; indent it like its siblings",
        ),
        (
            &fixture("import/too-deep.txt"),
            "4: inconsistent indentation: this item is 8 columns deeper than its parent on line 3, but one level is 4 columns; indent it one level below its parent",
        ),
        (
            &fixture("import/no-title.txt"),
            "3: this item has no title, only `[x]`; write its title after the marker",
        ),
        (
            &fixture("import/no-tree.txt"),
            "no tree found: expected lines like `├── Topic`, `|-- Topic` or `- Topic`",
        ),
        (
            b"\x89PNG\r\n\x1a\n\0\0\0",
            "3: this is a binary file (NUL byte at offset 8); import takes a text roadmap",
        ),
        (
            b"",
            "no tree found: expected lines like `├── Topic`, `|-- Topic` or `- Topic`",
        ),
    ];
    for (bytes, want) in cases {
        let err = parse_roadmap(bytes).unwrap_err();
        assert_eq!(err.to_string(), want);
        assert_eq!(
            err.line,
            want.split_once(':').and_then(|(l, _)| l.parse().ok())
        );
    }

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
    assert!(stdout.ends_with("imported \"BACKEND ENGINEERING ROADMAP\": 4 of 154 done (2%), 4 in progress; 34 untracked groups, 10 sections into content\n"), "{stdout}");
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
    let r: Outline = parse_roadmap(text.as_bytes()).unwrap();
    assert_eq!(r.sections.len(), 10);
    assert!(
        text.contains(
            "├── 📚 FOUNDATIONS [Your Current Level] — 4/12\n│   ├── Programming Languages — 2/4\n"
        ),
        "{text}"
    );
}

/// `tree --ascii` promises plain ASCII: every byte it prints is, though the shipped content
/// has emoji icons, em dashes and accented titles.
#[test]
fn tree_ascii_prints_only_ascii() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = waymark(repo).args(["tree", "--ascii"]).output().unwrap();
    assert!(out.status.success());
    let first = out.stdout.iter().position(|b| !b.is_ascii());
    assert_eq!(
        first,
        None,
        "non-ASCII byte in:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("|-- FOUNDATIONS [Your Current Level] -- 4/12\n"),
        "{text}"
    );
    let accented = Outline {
        title: "Café — notes 🌳".into(),
        sections: vec![node(
            "Über",
            Some(Status::Done),
            &["Ñ"],
            Some("naïve"),
            vec![],
        )],
    };
    let printed = print_tree(
        &accented,
        &TreeOptions {
            ascii: true,
            depth: None,
        },
    );
    assert!(printed.is_ascii(), "{printed}");
    assert_eq!(
        printed,
        "Cafe -- notes deciduous tree\n|\n`-- [x] Uber [N] (naive)\n"
    );
}

/// Inputs the fuzzer found where what `tree` printed did not import back the same.
#[test]
fn fuzz_regressions_round_trip() {
    for name in [
        "import/fuzz-cp1252-mojibake.txt",
        "import/fuzz-bold-joins-mojibake.txt",
        "import/fuzz-bom-in-title.txt",
        "import/fuzz-box-title-in-ascii.txt",
        "import/fuzz-layered-mojibake.txt",
        "import/fuzz-lead-chain.txt",
    ] {
        let r = parse_roadmap(&fixture(name)).unwrap();
        for ascii in [false, true] {
            let text = print_tree(&r, &TreeOptions { ascii, depth: None });
            let want = if ascii { to_ascii(&r) } else { r.clone() };
            assert_same(
                &parse_roadmap(text.as_bytes()).unwrap(),
                &want,
                &format!("{name} ascii={ascii}"),
            );
        }
    }
}

#[test]
fn a_mojibake_line_without_signs_of_its_own_is_repaired_with_its_file() {
    let clean = "Cloud\n- ✅ Python\n- ☁️ AWS (Priority)\n- ⏳ Go\n";
    let r = parse_roadmap(&misdecode(clean, false)).unwrap();
    let seen: Vec<(Option<Status>, Option<&str>, &str)> = r
        .sections
        .iter()
        .map(|n| (n.status, n.icon.as_deref(), n.title.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            (Some(Status::Done), None, "Python"),
            (None, None, "AWS"),
            (Some(Status::InProgress), None, "Go"),
        ],
        "☁️ lost two bytes: dropped, not guessed"
    );
}

fn import_in(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = waymark(dir).arg("import").args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// `import --force` over a folder whose topics gained notes, a status, dates, resources and
/// tags since: it updates only what the text says, keeps the rest, and names every change.
#[test]
fn force_keeps_notes_status_and_keys_the_text_does_not_carry() {
    let dir = assert_fs::TempDir::new().unwrap();
    let text = "Rust\n- Basics\n  - [ ] Ownership & borrowing [Core]\n  - [x] Cargo\n";
    std::fs::write(dir.path().join("roadmap.txt"), text).unwrap();
    assert_eq!(import_in(dir.path(), &["roadmap.txt"]).0, 0);
    let own = dir.path().join("content/basics/ownership-borrowing.md");
    let mine = "---\ntitle: \"Ownership & borrowing\"\nstatus: done   # finally\ncompleted: 2026-02-01\norder: 1\ntags: [Mine]\nresources:\n  - {title: Book, url: \"https://doc.rust-lang.org/book\"}\n---\n\nMy notes about borrowing.\n";
    std::fs::write(&own, mine).unwrap();
    // The user renamed a file to order it; it is still the same topic.
    std::fs::rename(
        dir.path().join("content/basics/cargo.md"),
        dir.path().join("content/basics/02-cargo.md"),
    )
    .unwrap();
    let config = dir.path().join("waymark.yaml");
    let settings = "title: Old  # mine\nbase_url: https://me.github.io/rust/\n";
    std::fs::write(&config, settings).unwrap();
    let changed = "Rust 2\n- 📚 Basics\n  - [ ] Ownership & borrowing [Core] [Now]\n  - [x] Cargo (daily)\n  - [ ] Traits\n";
    std::fs::write(dir.path().join("roadmap.txt"), changed).unwrap();

    let (code, out, err) = import_in(dir.path(), &["roadmap.txt", "--force"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "replaced content/basics/_index.md (icon: \"📚\" added)
replaced content/basics/ownership-borrowing.md (tags: [\"Mine\"] → [\"Mine\", \"Core\", \"Now\"]; source: \"Basics > Ownership & borrowing\" added; kept status: done, the text says not-started)
replaced content/basics/02-cargo.md (note: \"daily\" added)
created content/basics/traits.md
replaced waymark.yaml (title: \"Old\" → \"Rust 2\")
imported \"Rust 2\": 1 of 3 done (33%); 0 untracked groups, 1 sections into content; with the statuses kept, the folder has 2 of 3 done (66%)
"
    );
    assert_eq!(
        std::fs::read_to_string(&own).unwrap(),
        mine.replace(
            "tags: [Mine]",
            "tags: [\"Mine\", \"Core\", \"Now\"]\nsource: \"Basics > Ownership & borrowing\""
        )
    );
    assert_eq!(
        std::fs::read_to_string(&config).unwrap(),
        "title: \"Rust 2\"  # mine\nbase_url: https://me.github.io/rust/\n"
    );
    assert!(!dir.path().join("content/basics/cargo.md").exists());
    let check = waymark(dir.path()).arg("check").output().unwrap();
    assert_eq!(check.status.code(), Some(0));

    // Once more: nothing to change, and the status the user set is still named.
    let (code, out, _) = import_in(dir.path(), &["roadmap.txt", "--force"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("kept content/basics/ownership-borrowing.md (kept status: done, the text says not-started)\n4 existing files already said what the roadmap says, left as they were\n"), "{out}");
}

/// A file `--force` cannot read safely, or would have to move, stops the import before any
/// file is written.
#[test]
fn force_refuses_what_it_cannot_merge_and_writes_nothing() {
    let dir = assert_fs::TempDir::new().unwrap();
    std::fs::write(dir.path().join("r.txt"), "R\n- [ ] Git\n- [ ] Shell\n").unwrap();
    assert_eq!(import_in(dir.path(), &["r.txt"]).0, 0);
    let git = dir.path().join("content/git.md");
    std::fs::write(&git, "---\ntitle: Git\ntags: [a\n---\nnotes\n").unwrap();
    std::fs::write(dir.path().join("r.txt"), "R\n- [x] Git\n- [x] Shell\n").unwrap();
    let before = snapshot(dir.path());
    let (code, out, err) = import_in(dir.path(), &["r.txt", "--force"]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err,
        "error: cannot update content/git.md: line 3: invalid YAML in front matter: unclosed bracket '['; fix it (see `waymark check`) or move the file away; nothing was written\n"
    );
    assert_eq!(snapshot(dir.path()), before);

    // A topic that gains subtopics would need its file moved into a folder: not done quietly.
    std::fs::write(&git, "---\ntitle: Git\n---\nnotes\n").unwrap();
    std::fs::write(dir.path().join("r.txt"), "R\n- [x] Git\n  - [ ] Rebase\n").unwrap();
    let before = snapshot(dir.path());
    let (code, _, err) = import_in(dir.path(), &["r.txt", "--force"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error: `Git` now has subtopics, so content/git.md must become content/git/_index.md (its notes and front matter are kept): move it there and import again; nothing was written\n"
    );
    assert_eq!(snapshot(dir.path()), before);
}
