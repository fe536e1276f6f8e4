//! What the preview makes of any request head (`GET target HTTP/1.1`, then `Name: value`
//! lines): the target, routed under a few base paths, never names a path that could leave the
//! site, and no date or validator header panics or overflows; a date that reads prints as one
//! that reads back the same. (The preview answers `Range` with the whole file, so there is no
//! range parsing to fuzz.)
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::time::{Duration, UNIX_EPOCH};
use waymark::serve::http::{Route, http_date, is_current, parse_http_date, route, site_path};

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let mut lines = text.split("\r\n");
    let first = lines.next().unwrap_or("");
    let target = first.split(' ').nth(1).unwrap_or(first);
    for base in ["/", "/repo/", "/a%20b/"] {
        if let Route::Site(path) = route(target, base) {
            stays_inside(&path, target);
        }
    }
    if let Some(path) = site_path(target) {
        stays_inside(&path, target);
    }
    let (mut none_match, mut modified_since) = (None, None);
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("if-none-match") {
            none_match = Some(value);
        } else if name.eq_ignore_ascii_case("if-modified-since") {
            modified_since = Some(value);
        }
        if let Some(secs) = parse_http_date(value) {
            let printed = http_date(UNIX_EPOCH + Duration::from_secs(secs));
            assert_eq!(parse_http_date(&printed), Some(secs), "{value} -> {printed}");
        }
    }
    for secs in [0, 1_795_511_460, 253_402_300_799] {
        let file = UNIX_EPOCH + Duration::from_secs(secs);
        let _ = is_current(none_match, modified_since, "\"0123456789abcdef\"", file);
    }
});

fn stays_inside(path: &str, target: &str) {
    assert!(!path.starts_with('/'), "{target} -> {path}");
    assert!(!path.contains(['\\', '\0']), "{target} -> {path}");
    assert!(
        !path.split('/').any(|seg| seg == ".." || seg == "."),
        "{target} -> {path}"
    );
}
