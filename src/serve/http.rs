//! Answers HTTP requests from the in-memory site: GET and HEAD only, content types, ETags and
//! 304s, the site's 404 page, and nothing outside the site.

use super::events::{Hub, format_event, stream};
use super::reply::send;
use super::state::{Served, Shared};
use super::tail::{current_tail, spliced};
use crate::hash::fingerprint;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tiny_http::{Method, Request};

/// Where pages subscribe to rebuild events.
pub const EVENTS: &str = "/__waymark/events";

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
