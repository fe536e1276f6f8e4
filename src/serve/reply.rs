//! Writes a response whole: its head and body in one write, where tiny_http wrote the head and
//! then the body in 8 KB pieces, each its own packet (Nagle's algorithm is off) and each a
//! wake-up for the client.

use std::io::Write;
use std::time::SystemTime;
use tiny_http::{Method, Request, StatusCode};

/// Bodies up to this size go out in the same write as the head; a larger one (a search index
/// of megabytes) is written from its own bytes after the head rather than copied.
const ONE_WRITE: usize = 1 << 20;

/// Answers `request` with `status`, `headers` and a body made of `parts` one after the other
/// (a page, the live-reload tail, the page's end), and its `Date` and `Content-Length`.
pub fn send(
    request: Request,
    status: u16,
    headers: &[(&str, &str)],
    parts: &[&[u8]],
) -> std::io::Result<()> {
    let len: usize = parts.iter().map(|p| p.len()).sum();
    let no_body = matches!(status, 100..=199 | 204 | 304);
    let head = head(&request, status, headers, (!no_body).then_some(len));
    // A `HEAD` gets the head a `GET` would, its `Content-Length` with it.
    let head_only = no_body || len == 0 || *request.method() == Method::Head;
    let mut out = request.into_writer();
    if head_only {
        out.write_all(head.as_bytes())?;
    } else if len <= ONE_WRITE {
        let mut whole = head.into_bytes();
        whole.reserve_exact(len);
        for part in parts {
            whole.extend_from_slice(part);
        }
        out.write_all(&whole)?;
    } else {
        out.write_all(head.as_bytes())?;
        for part in parts {
            out.write_all(part)?;
        }
    }
    out.flush()
}

/// The status line and headers, with the body's length when it has one.
fn head(request: &Request, status: u16, headers: &[(&str, &str)], len: Option<usize>) -> String {
    let reason = StatusCode(status).default_reason_phrase();
    let date = httpdate::fmt_http_date(SystemTime::now());
    let mut head = format!(
        "HTTP/{} {status} {reason}\r\nServer: waymark\r\nDate: {date}\r\n",
        request.http_version()
    );
    // A value that could end the header early or is not ASCII is left out, as tiny_http did.
    let fits = |v: &str| v.bytes().all(|b| b == b'\t' || (b' '..=b'~').contains(&b));
    for (name, value) in headers.iter().filter(|(_, v)| fits(v)) {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(len) = len {
        head.push_str(&format!("Content-Length: {len}\r\n"));
    }
    head.push_str("\r\n");
    head
}
