//! Answers HTTP requests from the in-memory site: GET and HEAD only, content types, ETags and
//! 304s, the site's 404 page, and nothing outside the site.

use super::events::{Hub, format_event, stream};
use super::reply::send;
use super::state::{Served, Shared, Snapshot};
use crate::hash::fingerprint;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tiny_http::{Method, Request};

/// Where pages subscribe to rebuild events.
pub const EVENTS: &str = "/__waymark/events";

const LIVE_RELOAD: &str = include_str!("livereload.js");

/// Answers one request; event streams are handed to a thread of their own.
pub fn handle(request: Request, shared: &Shared, hub: &Hub, server_id: &str) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = send(
            request,
            405,
            &[
                ("Allow", "GET, HEAD"),
                ("Content-Type", "text/plain; charset=utf-8"),
            ],
            &[b"405 Method Not Allowed: the preview serves GET and HEAD only\n"],
        );
        return;
    }
    let url = request.url().to_string();
    let base = shared
        .read()
        .map_or_else(|_| "/".to_string(), |s| s.base().to_string());
    let answer = match route(&url, &base) {
        Route::Events => return subscribe(request, shared, hub, server_id),
        Route::Redirect(to) => Lookup::Redirect(to),
        Route::Site(path) => lookup(shared, &path, &base),
        Route::Outside => Lookup::Outside,
    };
    let _ = match answer {
        Lookup::Found(path, file) => respond_file(request, shared, &path, &file),
        Lookup::Redirect(to) => send(request, 301, &[("Location", &to)], &[]),
        Lookup::Missing => respond_missing(request, shared, true),
        Lookup::Outside => respond_missing(request, shared, false),
    };
}

/// Where a request goes.
#[derive(Debug, PartialEq, Eq)]
pub enum Route {
    /// The live-reload event stream.
    Events,
    /// Elsewhere: the site's root when it is served under a base path.
    Redirect(String),
    /// A path inside the site.
    Site(String),
    /// Nothing the preview serves.
    Outside,
}

/// Routes a request URL for a site served under `base` (`/`, or a path such as `/repo/`).
pub fn route(url: &str, base: &str) -> Route {
    let path = url.split(['?', '#']).next().unwrap_or("");
    if path == EVENTS || path.strip_prefix(base) == Some(&EVENTS[1..]) {
        return Route::Events;
    }
    if base != "/" && (path == "/" || path == base.trim_end_matches('/')) {
        return Route::Redirect(base.to_string());
    }
    match url.strip_prefix(base.trim_end_matches('/')) {
        Some(rest) if rest.starts_with('/') => site_path(rest).map_or(Route::Outside, Route::Site),
        _ => Route::Outside,
    }
}

fn subscribe(request: Request, shared: &Shared, hub: &Hub, server_id: &str) {
    let mut greeting = vec![format_event("hello", server_id)];
    if let Ok(snap) = shared.read()
        && let Some(err) = &snap.error
    {
        greeting.push(format_event(
            "error",
            &serde_json::to_string(err).unwrap_or_default(),
        ));
    }
    let events = hub.subscribe();
    std::thread::spawn(move || stream(request.into_writer(), &greeting, events));
}

enum Lookup {
    Found(String, Served),
    Redirect(String),
    /// Not in the site (yet).
    Missing,
    /// Never in the site.
    Outside,
}

fn lookup(shared: &Shared, path: &str, base: &str) -> Lookup {
    let Ok(snap) = shared.read() else {
        return Lookup::Missing;
    };
    let key = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    };
    if let Some(file) = snap.files.get(&key) {
        return Lookup::Found(key, file.clone());
    }
    if snap.files.contains_key(&format!("{path}/index.html")) {
        return Lookup::Redirect(format!("{base}{}/", crate::render::url_encode(path)));
    }
    Lookup::Missing
}

/// The path inside the site a request URL names, or `None` if it could leave the site.
pub fn site_path(url: &str) -> Option<String> {
    let raw = url.split(['?', '#']).next()?;
    let rest = raw.strip_prefix('/')?;
    let lower = rest.to_ascii_lowercase();
    if lower.contains("%2f")
        || lower.contains("%5c")
        || lower.contains("%00")
        || rest.contains('\\')
    {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(rest)
        .decode_utf8()
        .ok()?
        .into_owned();
    if decoded.contains('\0') || decoded.contains('\\') || decoded.starts_with('/') {
        return None;
    }
    if decoded.split('/').any(|seg| seg == ".." || seg == ".") {
        return None;
    }
    Some(decoded)
}

fn respond_file(
    request: Request,
    shared: &Shared,
    path: &str,
    file: &Served,
) -> std::io::Result<()> {
    let html = path.ends_with(".html");
    // What an HTML page shows depends on the build error too: the overlay is part of it.
    let (tail, error_since) = current_tail(shared);
    let (etag, since) = if html {
        let tag = fingerprint(&[&file.tag.to_le_bytes(), &tail.print.to_le_bytes()]);
        (tag, file.since.max(error_since))
    } else {
        (file.tag, file.since)
    };
    let etag = format!("\"{etag:016x}\"");
    let modified = http_date(since);
    let common = [
        ("ETag", etag.as_str()),
        ("Last-Modified", modified.as_str()),
        ("Cache-Control", "no-cache"),
    ];
    if not_modified(&request, &etag, since) {
        return send(request, 304, &common, &[]);
    }
    let headers = [
        common[0],
        common[1],
        common[2],
        ("Content-Type", content_type(path)),
    ];
    // A page gets the live-reload tail; every file is sent from the served bytes themselves.
    if html {
        send(request, 200, &headers, &spliced(&file.bytes, &tail.html))
    } else {
        send(request, 200, &headers, &[&file.bytes])
    }
}

/// Whether the client's copy is current: `If-None-Match` when sent (it takes precedence),
/// else `If-Modified-Since`.
fn not_modified(request: &Request, etag: &str, since: SystemTime) -> bool {
    let header = |name: &'static str| {
        request
            .headers()
            .iter()
            .find(|h| h.field.equiv(name))
            .map(|h| h.value.as_str().to_string())
    };
    is_current(
        header("If-None-Match").as_deref(),
        header("If-Modified-Since").as_deref(),
        etag,
        since,
    )
}

/// Whether a client that sent these `If-None-Match` and `If-Modified-Since` values holds the
/// file whose validators are `etag` and `since`.
pub fn is_current(
    if_none_match: Option<&str>,
    if_modified_since: Option<&str>,
    etag: &str,
    since: SystemTime,
) -> bool {
    if let Some(tags) = if_none_match {
        return tags
            .split(',')
            .map(|t| t.trim().trim_start_matches("W/"))
            .any(|t| t == etag || t == "*");
    }
    let secs = since.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    if_modified_since
        .and_then(parse_http_date)
        .is_some_and(|client| secs <= client)
}

/// The site's 404 page; or, for a page of the site before any good build, a minimal page showing
/// the error.
fn respond_missing(request: Request, shared: &Shared, in_site: bool) -> std::io::Result<()> {
    let (page, never_built) = shared.read().map_or((None, false), |s| {
        let page = s.files.get("404.html").map(|f| f.bytes.clone());
        (page, in_site && s.files.is_empty() && s.error.is_some())
    });
    let (status, page) = match &page {
        Some(bytes) => (404, bytes.as_slice()),
        // No good build yet: a minimal page that shows the error and reloads once fixed.
        None if never_built => (503, WAITING.as_bytes()),
        None => (404, NOT_FOUND.as_bytes()),
    };
    let headers = [
        ("Content-Type", "text/html; charset=utf-8"),
        ("Cache-Control", "no-cache"),
    ];
    send(
        request,
        status,
        &headers,
        &spliced(page, &current_tail(shared).0.html),
    )
}

const NOT_FOUND: &str = "<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><title>Not found</title><body><h1>Not found</h1></body></html>";
const WAITING: &str = "<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><title>waymark: fix the error to see the site</title><body><h1>The site has not built yet</h1><p>Fix the error below and this page reloads by itself.</p></body></html>";

/// What the preview adds at the end of every page: the live-reload script, and the build's
/// error or warnings. Made once each time they change rather than per request: with a
/// thousand warnings it is hundreds of kilobytes.
#[derive(Debug)]
pub struct Tail {
    /// The snapshot's `error_since` and base when it was made.
    made_for: (SystemTime, String),
    /// The markup.
    html: String,
    /// Its fingerprint, for the pages' `ETag`.
    print: u64,
}

/// The snapshot's tail, made again when its error, warnings (`error_since` dates both) or base
/// changed.
fn tail(snap: &Snapshot) -> Arc<Tail> {
    let made_for = (snap.error_since, snap.base().to_string());
    let mut cached = snap
        .tail
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(t) = cached.as_ref().filter(|t| t.made_for == made_for) {
        return t.clone();
    }
    let html = make_tail(snap.error.as_deref(), &snap.warnings, snap.base());
    let t = Arc::new(Tail::new(made_for, html));
    *cached = Some(t.clone());
    t
}

impl Tail {
    fn new(made_for: (SystemTime, String), html: String) -> Self {
        Tail {
            made_for,
            print: fingerprint(&[html.as_bytes()]),
            html,
        }
    }
}

/// The tail pages get now, and when what it shows last changed; the live-reload script alone
/// if the snapshot cannot be read.
fn current_tail(shared: &Shared) -> (Arc<Tail>, SystemTime) {
    match shared.read() {
        Ok(snap) => (tail(&snap), snap.error_since),
        Err(_) => {
            let made_for = (UNIX_EPOCH, "/".to_string());
            (
                Arc::new(Tail::new(made_for, make_tail(None, &[], "/"))),
                UNIX_EPOCH,
            )
        }
    }
}

fn make_tail(error: Option<&str>, warnings: &[String], base: &str) -> String {
    let base = serde_json::to_string(base)
        .unwrap_or_else(|_| "\"/\"".into())
        .replace("</", "<\\/");
    let script = LIVE_RELOAD.replace("\"__WAYMARK_BASE__\"", &base);
    let mut tail = format!("<script data-waymark-live>{script}</script>{WARNINGS_STYLE}");
    if error.is_none() && !warnings.is_empty() {
        tail.push_str(&warnings_box(warnings));
    }
    if let Some(err) = error {
        let text = format!(
            "waymark: the last edit did not build; showing the last good version.\n\n{err}"
        );
        tail.push_str(&format!(
            "<div id=\"waymark-error\" role=\"alert\" style=\"position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;z-index:2147483647;background:#2b0d0d;color:#ffdede;border:2px solid #ff6b6b;border-radius:8px;padding:1rem;font:14px/1.45 ui-monospace,monospace;white-space:pre-wrap\">{}</div>",
            escape_html(&text)
        ));
    }
    tail
}

/// The page in three parts, to be sent one after the other: up to its last `</body>` (the
/// whole page if it has none), `tail`, and the rest. Nothing is copied: the page is sent from
/// the served bytes, and `</body>` is looked for from the end, where it is.
pub fn spliced<'a>(html: &'a [u8], tail: &'a str) -> [&'a [u8]; 3] {
    const END: &[u8] = b"</body>";
    let at = html
        .windows(END.len())
        .rposition(|w| w == END)
        .unwrap_or(html.len());
    [&html[..at], tail.as_bytes(), &html[at..]]
}

/// How the last good build's warnings look over the page: collapsed at the bottom left,
/// opened on demand. The live-reload script makes the same box when they change.
const WARNINGS_STYLE: &str = "<style data-waymark-live>#waymark-warnings{position:fixed;left:1rem;bottom:1rem;max-width:calc(100% - 2rem);max-height:60vh;overflow:auto;z-index:2147483646;background:#2b230d;color:#fff3cd;border:2px solid #e0b000;border-radius:8px;padding:.4rem .8rem;font:14px/1.45 ui-monospace,monospace}#waymark-warnings pre{white-space:pre-wrap;margin:.5rem 0 0;font:inherit}#waymark-warnings summary{cursor:pointer}</style>";

/// How many warnings the box lists; the rest are counted. It is on every page, and hundreds
/// of warnings would make each page hundreds of kilobytes. The live-reload script has the same
/// number.
pub const WARNINGS_SHOWN: usize = 50;

/// The warnings box, closed; its summary counts them as the script does, and it lists the
/// first [`WARNINGS_SHOWN`].
fn warnings_box(warnings: &[String]) -> String {
    let n = warnings.len();
    let plural = if n == 1 { "" } else { "s" };
    let mut shown = warnings[..n.min(WARNINGS_SHOWN)].join("\n");
    if n > WARNINGS_SHOWN {
        shown.push_str(&more_warnings(n - WARNINGS_SHOWN));
    }
    format!(
        "<details id=\"waymark-warnings\"><summary>waymark: {n} warning{plural} in the last build</summary><pre>{}</pre></details>",
        escape_html(&shown)
    )
}

/// The line that ends a box listing only some of the warnings, as the script writes it.
fn more_warnings(more: usize) -> String {
    format!("\n… and {more} more: run `waymark check` to see them all")
}

/// Text made safe to show inside HTML, by the template engine's own escaper.
fn escape_html(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    // Writing into a `Vec` cannot fail.
    let _ = tera::escape_html(text, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// The content type for a file name, with a charset for text.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// A time in the HTTP date format (RFC 9110), such as `Tue, 24 Nov 2026 09:11:00 GMT`; times
/// outside what the format holds (before 1970, after 9999) are clamped to its ends.
pub fn http_date(t: SystemTime) -> String {
    let last = UNIX_EPOCH + Duration::from_secs(253_402_300_799);
    httpdate::fmt_http_date(t.clamp(UNIX_EPOCH, last))
}

/// Seconds since the epoch of an HTTP date in any of the three forms RFC 9110 has recipients
/// accept (`Tue, 24 Nov 2026 09:11:00 GMT` and the two obsolete ones); `None` if it is not one.
pub fn parse_http_date(s: &str) -> Option<u64> {
    let t = httpdate::parse_http_date(s.trim()).ok()?;
    t.duration_since(UNIX_EPOCH).ok().map(|d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_requests_inside_the_site() {
        assert_eq!(site_path("/a/b/").as_deref(), Some("a/b/"));
        assert_eq!(site_path("/my%20topic/").as_deref(), Some("my topic/"));
        for bad in [
            "/../etc/passwd",
            "/a/%2e%2e/%2e%2e/x",
            "/a%2f..%2fb",
            "/a\\b",
            "/%5c..",
            "//etc/passwd",
            "/a/%00",
            "http://x/y",
            "/./a",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn formats_http_dates() {
        let t = UNIX_EPOCH + std::time::Duration::from_secs(1_795_511_460);
        assert_eq!(http_date(t), "Tue, 24 Nov 2026 09:11:00 GMT");
        assert_eq!(
            parse_http_date("Tue, 24 Nov 2026 09:11:00 GMT"),
            Some(1_795_511_460)
        );
        for secs in [0, 951_782_400, 1_709_164_800, 4_102_444_799] {
            let t = UNIX_EPOCH + std::time::Duration::from_secs(secs);
            assert_eq!(parse_http_date(&http_date(t)), Some(secs));
        }
        assert_eq!(parse_http_date("yesterday"), None);
        assert_eq!(
            parse_http_date("Tuesday, 24-Nov-26 09:11:00 GMT"),
            Some(1_795_511_460)
        );
        let hostile = "Tue, 24 Nov 99999999999999999 09:11:00 GMT";
        assert_eq!(parse_http_date(hostile), None);
        assert_eq!(parse_http_date("Tue, 24 Nov 2026 99:99:99 GMT"), None);
        assert_eq!(
            http_date(UNIX_EPOCH - Duration::from_secs(1)),
            http_date(UNIX_EPOCH)
        );
        let far = UNIX_EPOCH + Duration::from_secs(u64::from(u32::MAX) * 1000);
        assert_eq!(http_date(far), "Fri, 31 Dec 9999 23:59:59 GMT");
    }

    #[test]
    fn the_tail_goes_before_the_last_body_end_tag() {
        let whole = |html: &str| spliced(html.as_bytes(), "<t>").concat();
        assert_eq!(whole("<p>a</body></body>\n"), b"<p>a</body><t></body>\n");
        assert_eq!(whole("<p>no end"), b"<p>no end<t>");
        assert_eq!(whole(""), b"<t>");
    }

    /// The box lists the first warnings and counts the rest, as the live-reload script does
    /// when they change: both use the same number.
    #[test]
    fn a_long_list_of_warnings_is_cut_in_the_box() {
        let many: Vec<String> = (1..=120).map(|i| format!("w{i} <x>")).collect();
        let boxed = warnings_box(&many);
        assert!(boxed.contains("waymark: 120 warnings in the last build"));
        assert!(
            boxed.contains(
                "w50 &lt;x&gt;\n… and 70 more: run `waymark check` to see them all</pre>"
            )
        );
        assert!(!boxed.contains("w51 "));
        let all = warnings_box(&many[..WARNINGS_SHOWN]);
        assert!(all.contains("w50 &lt;x&gt;</pre>"), "{all}");
        assert!(LIVE_RELOAD.contains(&format!("var SHOWN = {WARNINGS_SHOWN};")));
        assert!(LIVE_RELOAD.contains(" more: run `waymark check` to see them all"));
    }

    #[test]
    fn routes_under_a_base_path() {
        let site = |p: &str| Route::Site(p.to_string());
        assert_eq!(route("/a/b/?x", "/"), site("a/b/"));
        assert_eq!(route("/__waymark/events", "/"), Route::Events);
        assert_eq!(route("/repo/__waymark/events", "/repo/"), Route::Events);
        assert_eq!(route("/__waymark/events", "/repo/"), Route::Events);
        assert_eq!(route("/", "/repo/"), Route::Redirect("/repo/".into()));
        assert_eq!(route("/repo", "/repo/"), Route::Redirect("/repo/".into()));
        assert_eq!(route("/repo/", "/repo/"), site(""));
        assert_eq!(route("/repo/a/", "/repo/"), site("a/"));
        assert_eq!(route("/a/", "/repo/"), Route::Outside);
        assert_eq!(route("/repository/a", "/repo/"), Route::Outside);
        assert_eq!(route("/repo/../x", "/repo/"), Route::Outside);
    }
}
