//! Page snapshots of a small fixture whose names need escaping (`&`, `<`, `"`, `'`): the
//! index, a topic page, the map, the timeline with its burn-up chart, the Atom feed and a
//! badge, exactly as `waymark build` writes them with the built-in theme. A change to a
//! template or a view shows here as a diff to review (`cargo insta review`, or rename the
//! `.snap.new` files the failing run leaves).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{build, site};

/// The files snapshotted, by path in the built site.
const PAGES: [&str; 13] = [
    "index.html",
    "basics/shell/index.html",
    "map/index.html",
    "map/backend/index.html",
    "timeline/index.html",
    "feed.xml",
    "badges/roadmap.svg",
    "badges/card.svg",
    "badges/card-dark.svg",
    "export/roadmap.md",
    "export/roadmap.mmd",
    "export/roadmap.opml",
    "sitemap.xml",
];

#[test]
fn pages_of_the_snapshot_fixture() {
    let dir = site("snapshot");
    build(dir.path(), &["--content", "content", "--output", "out"]);
    for page in PAGES {
        let text = std::fs::read_to_string(dir.path().join("out").join(page)).unwrap();
        let name = page.replace('/', "__");
        insta::assert_snapshot!(name, text);
    }
}
