//! Builds that overlap, are stopped (Ctrl-C, SIGTERM, SIGKILL at any moment) or read files that
//! change under them never leave a mixed site; `serve` stops cleanly. Runs the real binary.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const TOPICS: usize = 2000;

/// A site of `topics` topics in 10 sections, with short notes, titled `title`.
fn generated(topics: usize, title: &str) -> assert_fs::TempDir {
    let tmp = assert_fs::TempDir::new().unwrap();
    let content = tmp.path().join("content");
    for t in 0..topics {
        let section = content.join(format!("s{:02}", t % 10));
        if t < 10 {
            std::fs::create_dir_all(&section).unwrap();
            std::fs::write(
                section.join("_index.md"),
                format!("---\ntitle: Section {t}\n---\n"),
            )
            .unwrap();
        }
        let status = ["done", "in-progress", "not-started"][t % 3];
        std::fs::write(
            section.join(format!("t{t:04}.md")),
            format!("---\ntitle: Topic {t}\nstatus: {status}\n---\nNotes on topic {t}.\n"),
        )
        .unwrap();
    }
    set_title(tmp.path(), title);
    tmp
}

fn set_title(dir: &Path, title: &str) {
    std::fs::write(dir.join("waymark.yaml"), format!("title: \"{title}\"\n")).unwrap();
}

/// `waymark build` started in `dir`, its stderr lines on a channel.
fn spawn_build(dir: &Path, args: &[&str]) -> (Child, Receiver<String>) {
    let mut child = waymark(dir)
        .arg("build")
        .args(args)
        .env("WAYMARK_TRACE", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let err = child.stderr.take().unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(err).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    (child, rx)
}

fn signal(child: &Child, name: &str) {
    let ok = std::process::Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill -{name}");
}

fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < Duration::from_secs(120), "{what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The working folder holds some pages: the build is rendering.
fn rendering(dir: &Path) -> bool {
    let work = dir.join(".output.waymark-tmp");
    work.join(".waymark-output").is_file() && std::fs::read_dir(&work).is_ok_and(|d| d.count() > 3)
}

fn nothing_left_beside(dir: &Path) {
    let left = names(dir);
    assert!(
        !left.iter().any(|n| n.contains("waymark-")),
        "nothing left beside the output: {left:?}"
    );
}

fn names(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// The title of the one build every page of the output comes from; panics on a mix, and on
/// files that are missing or not listed in the output's marker.
fn single_build(output: &Path) -> String {
    let files = snapshot(output);
    let listed: BTreeSet<String> = String::from_utf8(files[".waymark-output"].clone())
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    let present: BTreeSet<String> = files
        .keys()
        .filter(|k| *k != ".waymark-output")
        .cloned()
        .collect();
    assert_eq!(listed, present, "the output holds exactly its listed files");
    let titles: BTreeSet<String> = files
        .iter()
        .filter(|(k, _)| k.ends_with(".html"))
        .map(|(k, bytes)| {
            let text = String::from_utf8_lossy(bytes);
            let at = text
                .find("<title>")
                .unwrap_or_else(|| panic!("{k}: no title"));
            let build = text[at..].split("Build ").nth(1).unwrap();
            format!(
                "Build {}",
                &build[..build.find(|c: char| !c.is_ascii_digit()).unwrap()]
            )
        })
        .collect();
    assert_eq!(titles.len(), 1, "pages from several builds: {titles:?}");
    titles.into_iter().next().unwrap()
}

#[test]
fn a_second_build_waits_for_the_first_and_the_output_is_one_builds() {
    let site = generated(TOPICS, "Build 0");
    let dir = site.path();
    let (mut first, _) = spawn_build(dir, &["--base-url", "https://c.example/"]);
    wait_for("the first build renders", || rendering(dir));

    let refused = waymark(dir)
        .args(["build", "--no-wait", "--base-url", "https://d.example/"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&refused.stderr),
        format!(
            "error: another waymark build (process {}) is writing output; run this build again when it has finished, or without --no-wait to wait for it\n",
            first.id()
        )
    );

    let (mut second, lines) = spawn_build(dir, &["--base-url", "https://d.example/"]);
    let said = lines.recv_timeout(Duration::from_secs(60)).unwrap();
    assert_eq!(
        said,
        format!(
            "waiting for another waymark build (process {}) to finish writing output (lock .output.waymark-lock)",
            first.id()
        )
    );
    assert!(first.wait().unwrap().success());
    assert!(second.wait().unwrap().success());

    // The output is exactly what the second build alone writes.
    build(
        dir,
        &["--base-url", "https://d.example/", "--output", "fresh"],
    );
    assert_eq!(snapshot(&dir.join("output")), snapshot(&dir.join("fresh")));
    nothing_left_beside(dir);
}

/// Waits until the moment of the `i`th kill (1 to 20) of a build whose output `lines` are:
/// the first 14 spread over loading and rendering (a first build's render and swap started
/// at `times`), the others around the swap: as it starts (flushing the disk), then as it has
/// put the new site in place and removes the previous one.
fn wait_for_kill(i: u32, times: (Duration, Duration), lines: &Receiver<String>) {
    let (render_from, swap_at) = times;
    if i <= 14 {
        let at = render_from.mul_f64(0.5) + (swap_at - render_from).mul_f64(f64::from(i) / 15.0);
        std::thread::sleep(at);
    } else {
        let step = if i <= 17 {
            "trace: swap"
        } else {
            "trace: swapped"
        };
        let _ = lines.iter().find(|l| l == step);
        std::thread::sleep(Duration::from_millis([0, 2, 20][(i as usize - 15) % 3]));
    }
}

#[test]
fn a_build_killed_at_any_moment_leaves_one_builds_site() {
    let site = generated(TOPICS, "Build 0");
    let dir = site.path();
    let output = dir.join("output");
    // A first build, timed: when rendering starts and when the swap does.
    let start = Instant::now();
    let (mut child, lines) = spawn_build(dir, &[]);
    wait_for("the first build renders", || rendering(dir));
    let render_from = start.elapsed();
    let said = lines.recv_timeout(Duration::from_secs(300)).unwrap();
    assert_eq!(said, "trace: swap");
    let swap_at = start.elapsed();
    assert_eq!(lines.iter().collect::<Vec<_>>(), ["trace: swapped"]);
    assert!(child.wait().unwrap().success());
    assert_eq!(single_build(&output), "Build 0");

    let mut seen = BTreeSet::from(["Build 0".to_string()]);
    let (mut kept_old, mut got_new) = (0, 0);
    for i in 1..=20u32 {
        let title = format!("Build {i}");
        set_title(dir, &title);
        let (mut child, lines) = spawn_build(dir, &[]);
        wait_for_kill(i, (render_from, swap_at), &lines);
        child.kill().unwrap();
        child.wait().unwrap();
        let now = single_build(&output);
        assert!(
            now == title || seen.contains(&now),
            "kill {i}: the output is from {now}"
        );
        if now == title {
            got_new += 1;
        } else {
            kept_old += 1;
        }
        seen.insert(title);
    }
    // The kills fell both before the swap and after it.
    assert!(kept_old > 0 && got_new > 0, "{kept_old} old, {got_new} new");
    // The next build restores a whole site, the same as a fresh build's.
    let out = build(dir, &[]);
    assert!(out.contains("0 removed"), "{out}");
    assert_eq!(single_build(&output), "Build 20");
    build(dir, &["--output", "fresh"]);
    let mut fresh = snapshot(&dir.join("fresh"));
    let mut now = snapshot(&output);
    fresh.remove(".waymark-output");
    now.remove(".waymark-output");
    assert!(fresh == now, "the output equals a fresh build");
    nothing_left_beside(dir);
}

#[test]
fn after_a_killed_build_the_next_rewrites_only_what_changed() {
    // Two copies of a site get the same edit; one has a build killed before its rebuild.
    let (killed, ordinary) = (generated(300, "Build 0"), generated(300, "Build 0"));
    let mut summaries = Vec::new();
    for (dir, kill) in [(killed.path(), true), (ordinary.path(), false)] {
        let first = build(dir, &[]);
        assert!(first.contains(" files written, 0 unchanged"), "{first}");
        std::fs::write(
            dir.join("content/s01/t0001.md"),
            "---\ntitle: Topic 1\nstatus: done\n---\nChanged.\n",
        )
        .unwrap();
        if kill {
            let (mut child, _) = spawn_build(dir, &[]);
            wait_for("the build renders", || rendering(dir));
            child.kill().unwrap();
            child.wait().unwrap();
            assert!(
                dir.join(".output.waymark-tmp").exists(),
                "a working folder was left"
            );
        }
        let out = build(dir, &[]);
        assert!(!dir.join(".output.waymark-tmp").exists());
        summaries.push(out.split(" in ").next().unwrap().to_string());
    }
    assert_eq!(
        summaries[0], summaries[1],
        "the same files written as by an ordinary rebuild"
    );
    assert!(summaries[0].contains(" unchanged"), "{}", summaries[0]);
    let written: usize = summaries[0]
        .split('(')
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(written > 0 && written < 100, "{}", summaries[0]);
}

#[test]
fn ctrl_c_and_sigterm_remove_the_working_folder_and_exit_130() {
    let site = generated(TOPICS, "Build 0");
    let dir = site.path();
    build(dir, &[]);
    let before = snapshot(&dir.join("output"));
    set_title(dir, "Build 1");
    for sig in ["INT", "TERM"] {
        let (mut child, lines) = spawn_build(dir, &[]);
        wait_for("the build renders", || rendering(dir));
        signal(&child, sig);
        assert_eq!(child.wait().unwrap().code(), Some(130), "SIG{sig}");
        let said: Vec<String> = lines.iter().collect();
        assert_eq!(said, ["interrupted: build stopped; output is as it was"]);
        assert_eq!(
            names(dir),
            BTreeSet::from(["content", "output", "waymark.yaml"].map(String::from)),
            "no working folder or lock file is left"
        );
        assert!(
            snapshot(&dir.join("output")) == before,
            "the output is as it was"
        );
    }
}

#[test]
fn serve_stops_on_ctrl_c_and_frees_its_port() {
    let site = site("rollup");
    let mut child = waymark(site.path())
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    let url = line.split_whitespace().nth(1).unwrap();
    let addr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    // An open event stream.
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    std::io::Write::write_all(
        &mut stream,
        format!("GET /__waymark/events HTTP/1.1\r\nHost: {addr}\r\n\r\n").as_bytes(),
    )
    .unwrap();
    let mut events = BufReader::new(stream);
    let mut head = String::new();
    events.read_line(&mut head).unwrap();
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");

    signal(&child, "INT");
    let stopped = Instant::now();
    assert_eq!(child.wait().unwrap().code(), Some(0));
    let freed = loop {
        match std::net::TcpListener::bind(&addr) {
            Ok(_) => break stopped.elapsed(),
            Err(e) => assert!(
                stopped.elapsed() < Duration::from_secs(1),
                "port still taken: {e}"
            ),
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    assert!(freed < Duration::from_secs(1));
    // The event stream was closed, not left hanging.
    let mut rest = String::new();
    events
        .get_mut()
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    std::io::Read::read_to_string(&mut events, &mut rest).unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert!(err.ends_with(&format!("stopped serving {url}\n")), "{err}");
}

#[test]
fn a_file_saved_by_rename_during_the_build_is_read_whole() {
    let site = generated(200, "Build 0");
    let dir = site.path();
    let topic = dir.join("content/s03/t0003.md");
    // Two versions, large enough that reading one takes a while.
    let version = |word: &str| {
        format!(
            "---\ntitle: Topic 3\nstatus: done\n---\nSTART {word}\n\n{}\n\nEND {word}\n",
            format!("{word} ").repeat(200_000)
        )
    };
    let (a, b) = (version("alpha"), version("bravo"));
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let editor = {
        let (stop, topic, dir) = (stop.clone(), topic.clone(), dir.to_path_buf());
        std::thread::spawn(move || {
            let mut n = 0u64;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let tmp = dir.join("content/s03/.t0003.md.swp");
                std::fs::write(&tmp, if n.is_multiple_of(2) { &a } else { &b }).unwrap();
                std::fs::rename(&tmp, &topic).unwrap();
                n += 1;
            }
            n
        })
    };
    for _ in 0..4 {
        build(dir, &[]);
        let page = std::fs::read_to_string(dir.join("output/s03/t0003/index.html")).unwrap();
        let alpha = page.matches("alpha").count();
        let bravo = page.matches("bravo").count();
        assert!(
            (alpha == 200_002 && bravo == 0) || (bravo == 200_002 && alpha == 0),
            "a torn read: {alpha} alpha, {bravo} bravo"
        );
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(
        editor.join().unwrap() > 4,
        "the file was replaced during the builds"
    );
}

#[test]
fn an_output_folder_inside_the_content_is_refused_and_an_old_one_skipped() {
    let site = site("rollup");
    let dir = site.path();
    let err = build_fails(dir, &["--output", "content/site"]);
    assert_eq!(
        err,
        "error: refusing to write the site to content/site: it is inside the content folder content, whose every file is published; pick an --output outside it\n"
    );
    assert!(!dir.join("content/site").exists());

    // A site built there before (by an older waymark) is never read as content.
    build(dir, &["--output", "elsewhere"]);
    std::fs::rename(dir.join("elsewhere"), dir.join("content/site")).unwrap();
    std::fs::write(
        dir.join("content/site/stray.md"),
        "---\nstatus: done\n---\n",
    )
    .unwrap();
    let out = waymark(dir).arg("build").output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(
            "content/site: warning: this folder holds a site waymark built (it has `.waymark-output`), not notes: it is skipped; keep --output outside the content folder"
        ),
        "{err}"
    );
    assert!(!dir.join("output/site").exists());
    assert!(!dir.join("output/site/stray/index.html").exists());
}

#[test]
fn an_output_that_is_a_link_stays_a_link() {
    let site = site("rollup");
    let dir = site.path();
    build(dir, &["--output", "real"]);
    std::os::unix::fs::symlink("real", dir.join("output")).unwrap();
    let out = build(dir, &[]);
    assert!(out.contains("(0 files written"), "{out}");
    assert!(
        std::fs::symlink_metadata(dir.join("output"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(dir.join("real/index.html").is_file());
    nothing_left_beside(dir);
}

#[test]
fn ctrl_c_during_import_leaves_only_whole_files() {
    let tmp = assert_fs::TempDir::new().unwrap();
    let dir = tmp.path();
    let mut text = String::from("My roadmap\n");
    for i in 0..4000 {
        text.push_str(&format!("- [x] Item {i}\n"));
    }
    std::fs::write(dir.join("roadmap.txt"), text).unwrap();
    let mut child = waymark(dir)
        .args(["import", "roadmap.txt"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for("import writes", || {
        std::fs::read_dir(dir.join("content")).is_ok_and(|d| d.count() > 50)
    });
    signal(&child, "INT");
    let status = child.wait().unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    if status.code() == Some(130) {
        assert_eq!(err, "interrupted\n");
    } else {
        assert!(status.success(), "{err}");
    }
    for (name, bytes) in snapshot(&dir.join("content")) {
        assert!(
            !name.contains("waymark-tmp"),
            "a temporary file is left: {name}"
        );
        let text = String::from_utf8(bytes).unwrap();
        assert!(
            text.starts_with("---\n") && text.matches("---\n").count() == 2,
            "{name} is whole: {text:?}"
        );
    }
}
