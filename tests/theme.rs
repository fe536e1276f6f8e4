//! A site's theme overrides the drawings and data templates by name, like the pages: the
//! map, the burn-up chart, the feed, the badges and the sitemap, with their views escaped.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{build, html, override_templates, site, texts};

#[test]
fn a_site_theme_overrides_the_map_chart_feed_badge_and_sitemap_by_name() {
    let dir = site("snapshot");
    let overrides = [
        (
            "map.svg",
            r#"<p class="my-map">{{ map.title }}: {{ map.boxes | length }} boxes</p>"#,
        ),
        (
            "burn-up.svg",
            r#"<p class="my-chart">{{ chart.done }} of {{ chart.scope }}</p>"#,
        ),
        (
            "feed.xml",
            "<feed>{% for e in entries %}<t>{{ e.title }}</t>{% endfor %}</feed>\n",
        ),
        (
            "badge.svg",
            "<svg>{{ label }} {{ value }} {{ color }}</svg>\n",
        ),
        ("sitemap.xml", "{{ urls | length }} pages\n"),
    ];
    override_templates(dir.path(), &overrides);
    build(dir.path(), &["--content", "content", "--output", "out"]);
    let out = dir.path().join("out");
    let read = |path: &str| std::fs::read_to_string(out.join(path)).unwrap();
    assert_eq!(
        texts(&html(&out.join("map/backend/index.html")), ".my-map"),
        ["Backend: 3 boxes"]
    );
    assert_eq!(
        texts(&html(&out.join("timeline/index.html")), ".my-chart"),
        ["2 of 4"]
    );
    assert_eq!(
        read("feed.xml"),
        "<feed><t>SQL: joins &amp; indexes with a title long enough to wrap on the map</t><t>Shell &lt;scripts&gt;</t></feed>\n"
    );
    assert_eq!(
        read("badges/basics.svg"),
        "<svg>basics &amp; &quot;tools&quot; 50% #9a6700</svg>\n"
    );
    // 17 pages and the print edition.
    assert_eq!(read("sitemap.xml"), "18 pages\n");
}

/// A theme's topic page that prints the notes without `| safe` gets them escaped, as any
/// string it is given; with `| safe` it gets the HTML as it is.
#[test]
fn a_themes_topic_page_escapes_the_notes_unless_it_marks_them_safe() {
    let dir = site("snapshot");
    override_templates(
        dir.path(),
        &[(
            "topic.html",
            "<pre>{{ page.content }}</pre>\n<div>{{ page.content | safe }}</div>\n",
        )],
    );
    build(dir.path(), &["--content", "content", "--output", "out"]);
    let page = std::fs::read_to_string(dir.path().join("out/basics/git/index.html")).unwrap();
    let notes = "<p>See <a href=\"../../basics/shell/index.html#pipes\">the shell</a>.</p>\n";
    let escaped = notes
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let escaped = escaped.replace('"', "&quot;");
    assert_eq!(page, format!("<pre>{escaped}</pre>\n<div>{notes}</div>\n"));
}
