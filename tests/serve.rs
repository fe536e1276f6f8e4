//! `waymark serve` started for real on a free port: HTTP, live-reload events, atomic saves,
//! broken edits, traversal attempts.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// A running `waymark serve`, stopped on drop. What it prints on stderr (expected build
/// errors among it) is captured, for the tests to check, rather than printed into the log.
struct Server {
    child: Child,
    url: String,
    addr: String,
    _site: assert_fs::TempDir,
    dir: std::path::PathBuf,
    stderr: Receiver<String>,
}

impl Server {
    /// Stderr's lines up to the next line that contains `text`, which must come within 10 s.
    fn printed_until(&self, text: &str) -> Vec<String> {
        let mut lines = Vec::new();
        while let Ok(line) = self.stderr.recv_timeout(Duration::from_secs(10)) {
            let done = line.contains(text);
            lines.push(line);
            if done {
                return lines;
            }
        }
        panic!(
            "serve printed no `{text}` within 10 s; it printed:\n{}",
            lines.join("\n")
        );
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start() -> Server {
    start_with(|_| {})
}

fn start_with(setup: impl FnOnce(&Path)) -> Server {
    start_args(setup, &[])
}

fn start_args(setup: impl FnOnce(&Path), extra: &[&str]) -> Server {
    let site = site("rollup");
    setup(site.path());
    let dir = site.path().to_path_buf();
    let mut child = waymark(&dir)
        .args(["serve", "--port", "0"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let rx = lines_of(child.stdout.take().unwrap());
    let stderr = lines_of(child.stderr.take().unwrap());
    let line = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("serve printed its URL");
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap();
    let addr = url
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap()
        .to_string();
    Server {
        child,
        url: url.to_string(),
        addr,
        _site: site,
        dir,
        stderr,
    }
}

/// The lines a child prints on one of its outputs, as they come.
fn lines_of(out: impl Read + Send + 'static) -> Receiver<String> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    rx
}

/// A response: status, headers (lower-case names), body.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn raw(addr: &str, request: &str) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let text = String::from_utf8_lossy(&buf).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Reply {
        status,
        headers,
        body: body.to_string(),
    }
}

fn get(addr: &str, path: &str, extra: &str) -> Reply {
    raw(
        addr,
        &format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n{extra}\r\n"),
    )
}

/// An open event stream: lines arrive on a channel.
fn subscribe(addr: &str) -> Receiver<String> {
    subscribe_at(addr, "/__waymark/events")
}

fn subscribe_at(addr: &str, path: &str) -> Receiver<String> {
    let mut s = TcpStream::connect(addr).unwrap();
    s.write_all(format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").as_bytes())
        .unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(s).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Waits for an event of that name and returns its data line.
fn wait_event(rx: &Receiver<String>, name: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut current = String::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        let Ok(line) = rx.recv_timeout(left) else {
            break;
        };
        if let Some(n) = line.strip_prefix("event: ") {
            current = n.to_string();
        } else if let Some(data) = line.strip_prefix("data: ")
            && current == name
        {
            return data.to_string();
        } else if line.is_empty() && current == name {
            return String::new();
        }
    }
    panic!("no `{name}` event within 10 s");
}

/// Waits for `reload` events until one names `path`, and returns what they all named. After an
/// edit, serve tells the changed topic pages first, then the site-wide pages (the index…).
fn wait_reload_of(rx: &Receiver<String>, path: &str) -> String {
    let mut named = String::new();
    loop {
        let data = wait_event(rx, "reload");
        named.push_str(&data);
        if data.contains(&format!("\"{path}\"")) {
            return named;
        }
    }
}

fn no_event_for(rx: &Receiver<String>, wait: Duration) -> bool {
    let deadline = Instant::now() + wait;
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(line) if line.starts_with("event: ") => return false,
            Ok(_) => {}
            Err(_) => break,
        }
    }
    true
}

fn percent(addr: &str) -> String {
    let doc = scraper::Html::parse_document(&get(addr, "/", "").body);
    texts(&doc, ".big-pct").remove(0)
}

fn set_status(dir: &Path, status: &str) {
    std::fs::write(
        dir.join("content/01-basics/bash.md"),
        format!("---\ntitle: Bash\nstatus: {status}\n---\n"),
    )
    .unwrap();
}

#[test]
fn serves_pages_with_types_validators_and_the_404_page() {
    let s = start();
    let index = get(&s.addr, "/", "");
    assert_eq!(index.status, 200);
    assert_eq!(
        index.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(
        index.body.contains("__waymark/events"),
        "live reload injected"
    );
    let etag = index.header("etag").unwrap().to_string();
    assert_eq!(
        get(&s.addr, "/", &format!("If-None-Match: {etag}\r\n")).status,
        304
    );
    let modified = index.header("last-modified").unwrap().to_string();
    assert_eq!(
        get(&s.addr, "/", &format!("If-Modified-Since: {modified}\r\n")).status,
        304
    );
    assert_eq!(
        get(&s.addr, "/style.css", "").header("content-type"),
        Some("text/css; charset=utf-8")
    );
    assert_eq!(
        get(&s.addr, "/progress.json", "").header("content-type"),
        Some("application/json; charset=utf-8")
    );
    let head = raw(
        &s.addr,
        &format!(
            "HEAD / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            s.addr
        ),
    );
    assert_eq!((head.status, head.body.as_str()), (200, ""));
    let post = raw(
        &s.addr,
        &format!(
            "POST / HTTP/1.1\r\nHost: {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            s.addr
        ),
    );
    assert_eq!(
        (post.status, post.header("allow")),
        (405, Some("GET, HEAD"))
    );
    let missing = get(&s.addr, "/no/such/page/", "");
    assert_eq!(missing.status, 404);
    assert_eq!(
        texts(&scraper::Html::parse_document(&missing.body), "main h1"),
        ["Page not found"]
    );
    let dir = get(&s.addr, "/backend", "");
    assert_eq!(
        (dir.status, dir.header("location")),
        (301, Some("/backend/"))
    );
    assert!(!s.dir.join("output").exists(), "serve never writes output/");
}

#[cfg(unix)]
#[test]
fn nothing_outside_the_site_is_served() {
    let outside = assert_fs::TempDir::new().unwrap();
    std::fs::write(outside.path().join("passwd"), "root:secret\n").unwrap();
    let s = start_with(|dir| {
        std::os::unix::fs::symlink(outside.path(), dir.join("content/etc")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("passwd"), dir.join("content/hostname"))
            .unwrap();
    });
    assert_eq!(get(&s.addr, "/", "").status, 200, "the site built");
    for path in [
        "/../waymark.yaml",
        "/%2e%2e/waymark.yaml",
        "/..%2fwaymark.yaml",
        "/%2E%2E%2Fwaymark.yaml",
        "/..%5cwaymark.yaml",
        "/..\\waymark.yaml",
        "//etc/passwd",
        "/etc/passwd",
        "/etc/hostname",
        "/hostname",
        "/content/01-basics/git.md",
        "/%00",
    ] {
        let r = raw(
            &s.addr,
            &format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        );
        assert_eq!(r.status, 404, "{path}");
        assert!(!r.body.contains("root:"), "{path}");
    }
}

#[test]
fn an_edit_rebuilds_and_tells_the_open_pages() {
    let s = start();
    assert_eq!(percent(&s.addr), "33%");
    let events = subscribe(&s.addr);
    wait_event(&events, "hello");
    set_status(&s.dir, "done");
    let changed = wait_reload_of(&events, "index.html");
    assert!(
        changed.contains("\"basics/bash/index.html\"") && changed.contains("\"index.html\""),
        "{changed}"
    );
    assert!(
        !changed.contains("basics/git/index.html"),
        "pages that show nothing new are not rebuilt: {changed}"
    );
    assert_eq!(percent(&s.addr), "44%");

    let tmp = s.dir.join("content/01-basics/bash.md.tmp");
    std::fs::write(&tmp, "---\ntitle: Bash\nstatus: skipped\n---\n").unwrap();
    std::fs::rename(&tmp, s.dir.join("content/01-basics/bash.md")).unwrap();
    wait_reload_of(&events, "index.html");
    assert_eq!(
        percent(&s.addr),
        "37%",
        "3 done of 8 countable after an atomic save"
    );
}

/// The edited topic's page is shown and told before the site-wide pages are made: the first
/// event names the topic pages that changed, and only a later one the index.
#[test]
fn the_edited_topic_page_is_told_before_the_site_wide_pages() {
    let s = start();
    let events = subscribe(&s.addr);
    wait_event(&events, "hello");
    set_status(&s.dir, "done");
    let first = wait_event(&events, "reload");
    assert!(first.contains("\"basics/bash/index.html\""), "{first}");
    assert!(!first.contains("\"index.html\""), "{first}");
    let page = get(&s.addr, "/basics/bash/", "").body;
    assert!(page.contains("status-done"), "{page}");
    let then = wait_reload_of(&events, "index.html");
    assert!(
        !then.contains("basics/bash/index.html"),
        "told once: {then}"
    );
    assert_eq!(percent(&s.addr), "44%");
    // The terminal says when they were shown, beside the whole rebuild's time.
    s.printed_until("files changed; the changed topic pages shown after");
}

/// A rebuild that fails after it showed the changed topic pages (here a site-wide template
/// that fails on the new figures) puts them back: serve keeps the last good site whole.
#[test]
fn a_rebuild_failing_after_the_topic_pages_were_shown_puts_them_back() {
    let s = start_with(|root| {
        let fails_on_three = "{% if now | length > 2 %}{{ no_such_value.x }}{% endif %}";
        override_templates(root, &[("next.html", fails_on_three)]);
    });
    let shown = |path: &str| {
        let body = get(&s.addr, path, "").body;
        body.split("<script data-waymark-live")
            .next()
            .unwrap()
            .to_string()
    };
    let before = shown("/basics/bash/");
    let events = subscribe(&s.addr);
    wait_event(&events, "hello");
    set_status(&s.dir, "in-progress");
    let first = wait_event(&events, "reload");
    assert!(first.contains("\"basics/bash/index.html\""), "{first}");
    let undone = wait_event(&events, "reload");
    assert!(undone.contains("\"basics/bash/index.html\""), "{undone}");
    assert!(wait_event(&events, "error").contains("next.html"));
    assert_eq!(shown("/basics/bash/"), before, "the last good page is back");
    set_status(&s.dir, "done");
    wait_reload_of(&events, "index.html");
    assert!(shown("/basics/bash/").contains("status-done"));
}

/// A box ticked in the notes moves the topic, its section, the index and the badges. By
/// hand, under `progress: steps` (rollup: 9 topics counted, 3 done; Basics: git and linux
/// done, zsh not started, bash `auto` with 4 boxes): none ticked, 3 / 9 = 33 % and Basics
/// 2 / 4 = 50 %; one ticked, bash in progress worth 1/4: 3.25 / 9 = 36 %, Basics 2.25 / 4 =
/// 56 %; all four, bash done: 4 / 9 = 44 %, Basics 3 / 4 = 75 %.
#[test]
fn a_ticked_box_updates_the_topic_its_section_the_index_and_the_badges() {
    let bash = |ticked: usize| {
        let boxes: String = (0..4)
            .map(|i| format!("- [{}] step {i}\n", if i < ticked { "x" } else { " " }))
            .collect();
        format!("---\ntitle: Bash\nstatus: auto\n---\n{boxes}")
    };
    let s = start_with(|dir| {
        std::fs::write(dir.join("waymark.yaml"), "title: Rollup\nprogress: steps\n").unwrap();
        std::fs::write(dir.join("content/01-basics/bash.md"), bash(0)).unwrap();
    });
    let badge = |name: &str| {
        let svg = get(&s.addr, &format!("/badges/{name}.svg"), "").body;
        let at = svg.rfind("</text>").unwrap();
        svg[svg[..at].rfind('>').unwrap() + 1..at].to_string()
    };
    let steps = || {
        let doc = scraper::Html::parse_document(&get(&s.addr, "/basics/bash/", "").body);
        texts(&doc, ".topic-steps .steps-count").remove(0)
    };
    assert_eq!(
        (percent(&s.addr), badge("basics")),
        ("33%".into(), "50%".into())
    );
    assert_eq!(steps(), "0/4 steps");
    let events = subscribe(&s.addr);
    wait_event(&events, "hello");
    for (ticked, roadmap, basics) in [(1, "36%", "56%"), (4, "44%", "75%")] {
        std::fs::write(s.dir.join("content/01-basics/bash.md"), bash(ticked)).unwrap();
        // The topic page comes first, the index and badges in a later event.
        let changed = wait_reload_of(&events, "index.html");
        for page in [
            "basics/bash/index.html",
            "index.html",
            "badges/roadmap.svg",
            "badges/basics.svg",
        ] {
            assert!(
                changed.contains(&format!("\"{page}\"")),
                "{page}: {changed}"
            );
        }
        assert!(!changed.contains("basics/git/index.html"), "{changed}");
        assert_eq!(percent(&s.addr), roadmap);
        assert_eq!(badge("roadmap"), roadmap);
        assert_eq!(badge("basics"), basics);
        assert_eq!(steps(), format!("{ticked}/4 steps"));
    }
}

#[test]
fn a_broken_edit_keeps_the_last_good_site_until_fixed() {
    let s = start();
    let events = subscribe(&s.addr);
    wait_event(&events, "hello");
    set_status(&s.dir, "[oops");
    let error = wait_event(&events, "error");
    assert!(
        error.starts_with("\"content/01-basics/bash.md:3:9: error: invalid YAML in front matter"),
        "{error}"
    );
    let page = get(&s.addr, "/", "");
    assert_eq!(page.status, 200);
    let doc = scraper::Html::parse_document(&page.body);
    assert_eq!(texts(&doc, ".big-pct"), ["33%"], "the last good site");
    assert!(texts(&doc, "#waymark-error")[0].contains("bash.md:3:9"));
    set_status(&s.dir, "done");
    wait_reload_of(&events, "index.html");
    assert_eq!(percent(&s.addr), "44%");
    assert!(!get(&s.addr, "/", "").body.contains("id=\"waymark-error\""));
    let printed = s.printed_until("build failed");
    assert!(
        printed
            .iter()
            .any(|l| l.starts_with("content/01-basics/bash.md:3:9: error:")),
        "the terminal shows the error too: {printed:?}"
    );
}

/// A successful rebuild's new warnings are printed once, and shown over every page in a
/// closed box that open pages hear about, until they are fixed.
#[test]
fn warnings_of_a_good_rebuild_are_printed_once_and_shown_collapsed() {
    let s = start();
    s.printed_until("rebuilt");
    let events = subscribe(&s.addr);
    wait_event(&events, "hello");
    let notes = "---\ntitle: Git\nstatus: done\n---\nSee [the map](/map/).\n";
    let git = s.dir.join("content/01-basics/git.md");
    std::fs::write(&git, notes).unwrap();
    let warnings: Vec<String> = serde_json::from_str(&wait_event(&events, "warnings")).unwrap();
    let warning = "content/01-basics/git.md:5:5: warning: link `/map/` starts at the server's root";
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].starts_with(warning), "{warnings:?}");
    let printed = s.printed_until("rebuilt");
    assert_eq!(printed.len(), 1, "{printed:?}");
    assert!(printed[0].contains("rebuilt"), "{printed:?}");
    let printed = s.printed_until(warning);
    assert_eq!(printed.len(), 1, "the warning follows the rebuild line");
    // On any page, the box is closed and counts the warnings.
    let page = get(&s.addr, "/tags/", "").body;
    let doc = scraper::Html::parse_document(&page);
    let boxed = doc
        .select(&sel("details#waymark-warnings"))
        .next()
        .expect(&page);
    assert_eq!(boxed.value().attr("open"), None);
    assert_eq!(
        texts(&doc, "#waymark-warnings summary"),
        ["waymark: 1 warning in the last build"]
    );
    assert!(texts(&doc, "#waymark-warnings pre")[0].starts_with(warning));

    // Another edit keeps the warning: not printed again, and no new `warnings` event.
    set_status(&s.dir, "done");
    wait_reload_of(&events, "index.html");
    let printed = s.printed_until("rebuilt");
    assert!(
        s.stderr.recv_timeout(Duration::from_millis(300)).is_err(),
        "{printed:?}"
    );
    std::fs::write(&git, notes.replace("/map/", "../../map/")).unwrap();
    assert_eq!(wait_event(&events, "warnings"), "[]");
    assert!(
        !get(&s.addr, "/tags/", "")
            .body
            .contains("<details id=\"waymark-warnings\"")
    );
}

/// Hundreds of warnings would make every page hundreds of kilobytes: the box lists the first 50
/// and counts the rest.
#[test]
fn a_box_of_many_warnings_lists_the_first_fifty() {
    let s = start_with(|dir| {
        let links: Vec<String> = (0..60).map(|i| format!("[map {i}](/map/{i}/)")).collect();
        let notes = format!("---\ntitle: Git\n---\n{}\n", links.join("\n\n"));
        std::fs::write(dir.join("content/01-basics/git.md"), notes).unwrap();
    });
    let doc = scraper::Html::parse_document(&get(&s.addr, "/tags/", "").body);
    assert_eq!(
        texts(&doc, "#waymark-warnings summary"),
        ["waymark: 60 warnings in the last build"]
    );
    let listed = texts(&doc, "#waymark-warnings pre").remove(0);
    assert_eq!(listed.matches("warning: link").count(), 50);
    assert!(listed.contains("link `/map/49/`") && !listed.contains("link `/map/50/`"));
    assert!(
        listed.ends_with(" ^ … and 10 more: run `waymark check` to see them all"),
        "{listed}"
    );
}

/// A temporary file made and removed in the content folder (`sed -i` makes one on every save)
/// builds nothing: the next rebuild is the next edit's.
#[test]
fn a_temporary_file_made_and_removed_builds_nothing() {
    let s = start();
    s.printed_until("rebuilt");
    let events = subscribe(&s.addr);
    wait_event(&events, "hello");
    // Removed before it is closed: the batch that names it waits for the close, so it is gone
    // by then.
    let temp = s.dir.join("content/01-basics/sedQ1w2E3");
    let mut file = std::fs::File::create(&temp).unwrap();
    file.write_all(b"junk").unwrap();
    std::fs::remove_file(&temp).unwrap();
    drop(file);
    assert!(no_event_for(&events, Duration::from_millis(1000)));
    set_status(&s.dir, "done");
    wait_reload_of(&events, "index.html");
    let printed = s.printed_until("rebuilt");
    assert!(
        !printed.concat().contains("(0 files changed"),
        "{printed:?}"
    );
}

/// A save through a temporary file renamed over the topic (`sed -i`) shows the topic's new
/// text, and nothing of the temporary file.
#[test]
fn a_save_through_a_temporary_file_changes_the_topic() {
    let s = start();
    s.printed_until("rebuilt");
    let events = subscribe(&s.addr);
    wait_event(&events, "hello");
    let folder = s.dir.join("content/01-basics");
    let temp = folder.join("sedA9b8C7");
    std::fs::write(&temp, "---\ntitle: Bash\nstatus: done\n---\n").unwrap();
    std::fs::rename(&temp, folder.join("bash.md")).unwrap();
    let named = wait_reload_of(&events, "index.html");
    assert!(named.contains("\"basics/bash/index.html\""), "{named}");
    wait_status(&s.addr, "/basics/sedA9b8C7", 404);
    assert_eq!(percent(&s.addr), "44%");
}

#[test]
fn editor_swap_files_trigger_no_rebuild_and_streams_do_not_block() {
    let s = start();
    let first = subscribe(&s.addr);
    let second = subscribe(&s.addr);
    wait_event(&first, "hello");
    wait_event(&second, "hello");
    assert_eq!(
        get(&s.addr, "/", "").status,
        200,
        "open event streams do not block pages"
    );
    for name in [".bash.md.swp", "bash.md~", "#bash.md#", "4913", ".#bash.md"] {
        std::fs::write(s.dir.join("content/01-basics").join(name), "junk").unwrap();
    }
    assert!(no_event_for(&first, Duration::from_millis(1500)));
    set_status(&s.dir, "done");
    wait_event(&second, "reload");
}

#[test]
fn a_busy_port_is_a_clear_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let site = site("rollup");
    let out = waymark(site.path())
        .args(["serve", "--port", &port])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(&format!("port {port} on 127.0.0.1 is already in use"))
            && err.contains("--port 0"),
        "{err}"
    );
}

#[test]
fn polling_notices_edits_and_new_folders() {
    let s = start_args(|_| {}, &["--poll"]);
    let events = subscribe(&s.addr);
    wait_event(&events, "hello");
    set_status(&s.dir, "done");
    wait_reload_of(&events, "index.html");
    assert_eq!(percent(&s.addr), "44%");
    std::fs::create_dir(s.dir.join("content/03-ops")).unwrap();
    std::fs::write(
        s.dir.join("content/03-ops/k8s.md"),
        "---\ntitle: K8s\nstatus: todo\n---\n",
    )
    .unwrap();
    let changed = wait_event(&events, "reload");
    assert!(changed.contains("\"ops/k8s/index.html\""), "{changed}");
}

/// Waits until `path` answers with `status`, polling; panics after 10 s.
fn wait_status(addr: &str, path: &str, status: u16) -> Reply {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let r = get(addr, path, "");
        if r.status == status {
            return r;
        }
        assert!(Instant::now() < deadline, "{path} never answered {status}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn folders_renamed_created_and_files_deleted_are_picked_up() {
    let s = start();
    let events = subscribe(&s.addr);
    wait_event(&events, "hello");
    let content = s.dir.join("content");
    std::fs::create_dir(content.join("03-extra")).unwrap();
    std::fs::write(content.join("03-extra/rust.md"), "---\ntitle: Rust\n---\n").unwrap();
    let changed = wait_event(&events, "reload");
    assert!(changed.contains("extra/rust/index.html"), "{changed}");
    wait_status(&s.addr, "/extra/rust/", 200);

    std::fs::rename(content.join("03-extra"), content.join("04-more")).unwrap();
    wait_status(&s.addr, "/more/rust/", 200);
    assert_eq!(get(&s.addr, "/extra/rust/", "").status, 404);

    std::fs::remove_file(content.join("01-basics/zsh.md")).unwrap();
    wait_status(&s.addr, "/basics/zsh/", 404);
    std::fs::remove_dir_all(content.join("04-more")).unwrap();
    wait_status(&s.addr, "/more/rust/", 404);
}

#[test]
fn saving_the_same_text_sends_no_event_and_settings_are_watched() {
    let s = start();
    let events = subscribe(&s.addr);
    wait_event(&events, "hello");
    let bash = s.dir.join("content/01-basics/bash.md");
    let text = std::fs::read_to_string(&bash).unwrap();
    std::fs::write(&bash, &text).unwrap();
    assert!(
        no_event_for(&events, Duration::from_millis(1500)),
        "an unchanged site sends nothing"
    );
    // Settings saved twice by renaming over them, as editors do: both saves are seen.
    for title in ["First Title", "Second Title"] {
        let tmp = s.dir.join("waymark.yaml.new");
        std::fs::write(&tmp, format!("title: \"{title}\"\n")).unwrap();
        std::fs::rename(&tmp, s.dir.join("waymark.yaml")).unwrap();
        wait_reload_of(&events, "index.html");
        assert!(get(&s.addr, "/", "").body.contains(title), "{title}");
    }
}

#[test]
fn a_site_with_a_base_path_is_served_under_it() {
    let s = start_with(|dir| {
        std::fs::write(
            dir.join("waymark.yaml"),
            "title: Sub\nbase_url: https://me.example/repo/\n",
        )
        .unwrap();
    });
    assert_eq!(s.url, format!("http://{}/repo/", s.addr));
    let root = get(&s.addr, "/", "");
    assert_eq!(
        (root.status, root.header("location")),
        (301, Some("/repo/"))
    );
    let index = get(&s.addr, "/repo/", "");
    assert_eq!(index.status, 200);
    assert!(
        index.body.contains("\"/repo/\""),
        "the script knows the base"
    );
    assert_eq!(get(&s.addr, "/repo/basics/bash/", "").status, 200);
    let dir = get(&s.addr, "/repo/basics", "");
    assert_eq!(dir.header("location"), Some("/repo/basics/"));
    assert_eq!(get(&s.addr, "/basics/bash/", "").status, 404);
    let events = subscribe_at(&s.addr, "/repo/__waymark/events");
    wait_event(&events, "hello");
}

#[test]
fn a_first_build_that_fails_still_serves_the_error_until_fixed() {
    let s = start_with(|dir| set_status(dir, "[oops"));
    let page = get(&s.addr, "/", "");
    assert_eq!(page.status, 503);
    let doc = scraper::Html::parse_document(&page.body);
    assert!(texts(&doc, "#waymark-error")[0].contains("bash.md:3:9"));
    let events = subscribe(&s.addr);
    wait_event(&events, "hello");
    assert!(wait_event(&events, "error").contains("bash.md:3:9"));
    set_status(&s.dir, "done");
    wait_reload_of(&events, "index.html");
    assert_eq!(percent(&s.addr), "44%");
}

#[test]
fn a_themes_folder_created_while_serving_is_watched() {
    let s = start();
    assert!(!s.dir.join("themes").exists());
    let css = s.dir.join("themes/default/static/style.css");
    std::fs::create_dir_all(css.parent().unwrap()).unwrap();
    std::fs::write(&css, "body { color: red }\n").unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !get(&s.addr, "/style.css", "").body.contains("red") {
        assert!(Instant::now() < deadline, "the new theme was never used");
        std::thread::sleep(Duration::from_millis(50));
    }
    let events = subscribe(&s.addr);
    wait_event(&events, "hello");
    std::fs::write(&css, "body { color: blue }\n").unwrap();
    wait_reload_of(&events, "style.css");
    assert!(get(&s.addr, "/style.css", "").body.contains("blue"));
}

/// A folder's `_index.md` added beside a file with the same id (issue 13, item 3) is the same
/// error in the preview as in a build, naming both files; removing it brings the site back.
#[test]
fn an_index_file_beside_a_file_with_its_id_is_an_error_in_the_preview() {
    let s = start();
    let events = subscribe(&s.addr);
    wait_event(&events, "hello");
    let folder = s.dir.join("content/01-basics/git");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("_index.md"), "---\ntitle: Git\n---\nNotes.\n").unwrap();
    let error = wait_event(&events, "error");
    assert!(
        error.starts_with("\"content/01-basics/git.md: error: maps to the same id `basics/git` (and URL `basics/git/`) as content/01-basics/git/_index.md; merge their notes into one file and remove the other\\nbuild failed: 1 error, 0 warnings\""),
        "{error}"
    );
    std::fs::remove_dir_all(&folder).unwrap();
    // The site is back as it was: the error goes, no page changed.
    wait_event(&events, "ok");
    assert!(!get(&s.addr, "/", "").body.contains("id=\"waymark-error\""));
}

#[test]
fn a_hostile_date_header_gets_a_full_answer_and_the_server_keeps_serving() {
    let s = start();
    let hostile = "If-Modified-Since: Tue, 24 Nov 99999999999999999 09:11:00 GMT\r\n";
    for _ in 0..3 {
        let reply = get(&s.addr, "/", hostile);
        assert_eq!(reply.status, 200, "a date that is not one is ignored");
        assert!(reply.body.contains("</html>"), "the whole page is sent");
    }
    let far = "If-Modified-Since: Fri, 31 Dec 9999 23:59:59 GMT\r\n";
    assert_eq!(get(&s.addr, "/", far).status, 304, "the last date there is");
    let before = "If-Modified-Since: Thursday, 01-Jan-70 00:00:00 GMT\r\n";
    assert_eq!(get(&s.addr, "/", before).status, 200, "RFC 850 form");
}

/// Requests sent back to back on one connection are answered in order, each whole with its
/// length; a `HEAD` gets a `GET`'s length and no body, a 304 neither.
#[test]
fn requests_on_one_connection_are_answered_in_order_with_their_lengths() {
    let s = start();
    let page = get(&s.addr, "/", "");
    let etag = page.header("etag").unwrap().to_string();
    let host = &s.addr;
    let mut conn = TcpStream::connect(host).unwrap();
    conn.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    conn.write_all(
        format!(
            "GET /style.css HTTP/1.1\r\nHost: {host}\r\n\r\n\
             HEAD / HTTP/1.1\r\nHost: {host}\r\n\r\n\
             GET / HTTP/1.1\r\nHost: {host}\r\nIf-None-Match: {etag}\r\n\r\n\
             GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .as_bytes(),
    )
    .unwrap();
    let mut all = Vec::new();
    conn.read_to_end(&mut all).unwrap();
    let mut rest = all.as_slice();
    let mut answers = Vec::new();
    for has_body in [true, false, false, true] {
        let end = rest.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
        let head = String::from_utf8_lossy(&rest[..end]).into_owned();
        let len: Option<usize> = head
            .lines()
            .find_map(|l| l.strip_prefix("Content-Length: "))
            .map(|v| v.trim().parse().unwrap());
        let body = if has_body { len.unwrap() } else { 0 };
        answers.push((head.lines().next().unwrap().to_string(), len));
        rest = &rest[end + body..];
    }
    assert!(rest.is_empty(), "nothing after the four answers");
    let css = get(&s.addr, "/style.css", "").body.len();
    let status: Vec<&str> = answers.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(
        status,
        [
            "HTTP/1.1 200 OK",
            "HTTP/1.1 200 OK",
            "HTTP/1.1 304 Not Modified",
            "HTTP/1.1 200 OK"
        ]
    );
    let lens: Vec<Option<usize>> = answers.iter().map(|(_, l)| *l).collect();
    let html = page.body.len();
    assert_eq!(lens, [Some(css), Some(html), None, Some(html)]);
}

/// Saves made the ways editors make them, in a burst (in place twice, written beside and
/// renamed over, renamed away to a backup and written anew), are rebuilt as soon as each is
/// written; once quiet, every file served is what a fresh serve of the same folder serves.
#[test]
fn a_burst_of_saves_ends_where_a_fresh_start_begins() {
    let s = start();
    let events = subscribe(&s.addr);
    wait_event(&events, "hello");
    let basics = s.dir.join("content/01-basics");
    set_status(&s.dir, "done");
    set_status(&s.dir, "in-progress");
    let git = std::fs::read_to_string(basics.join("git.md")).unwrap();
    std::fs::write(
        basics.join("git.md.new"),
        git.replace("Git", "Git and friends"),
    )
    .unwrap();
    std::fs::rename(basics.join("git.md.new"), basics.join("git.md")).unwrap();
    std::fs::rename(basics.join("vim.md"), basics.join("vim.md~")).unwrap();
    std::fs::write(
        basics.join("vim.md"),
        "---\ntitle: Vim\nstatus: skipped\n---\nNotes.\n",
    )
    .unwrap();
    wait_event(&events, "reload");
    while !no_event_for(&events, Duration::from_millis(800)) {}

    let fresh = start_with(|root| {
        std::fs::remove_dir_all(root.join("content")).unwrap();
        copy_dir(&s.dir.join("content"), &root.join("content"));
    });
    let site =
        waymark::site::Site::load(&waymark::site::SiteOptions::new(s.dir.join("content"))).unwrap();
    let pages = site.render().unwrap();
    assert!(pages.len() > 10, "{} pages", pages.len());
    for page in pages {
        let path = format!("/{}", page.path.trim_end_matches("index.html")).replace(' ', "%20");
        let (served, want) = (get(&s.addr, &path, ""), get(&fresh.addr, &path, ""));
        assert_eq!(served.status, 200, "{path}");
        assert!(
            served.body == want.body,
            "{path} differs from a fresh serve"
        );
    }
    let doc = scraper::Html::parse_document(&get(&s.addr, "/basics/vim/", "").body);
    assert_eq!(texts(&doc, "h1"), ["Vim"]);
}
