//! What the preview adds at the end of every page: the live-reload script, and the last build's
//! error over the page or its warnings in a closed box.

use super::state::{Shared, Snapshot};
use crate::hash::fingerprint;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

const LIVE_RELOAD: &str = include_str!("livereload.js");

/// What the preview adds at the end of every page: the live-reload script, and the build's
/// error or warnings. Made once each time they change rather than per request: it is tens of
/// kilobytes with many warnings.
#[derive(Debug)]
pub struct Tail {
    /// The snapshot's `error_since` and base when it was made.
    made_for: (SystemTime, String),
    /// The markup.
    pub html: String,
    /// Its fingerprint, for the pages' `ETag`.
    pub print: u64,
}

/// The snapshot's tail, made again when its error, warnings (`error_since` dates both) or base
/// changed.
pub fn tail(snap: &Snapshot) -> Arc<Tail> {
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
pub fn current_tail(shared: &Shared) -> (Arc<Tail>, SystemTime) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
