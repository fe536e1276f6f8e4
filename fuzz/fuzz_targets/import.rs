//! Importing any bytes as a text roadmap never panics, and what `print_tree` prints of the
//! result imports back as the same roadmap (box drawing) or its ASCII form (ascii).
#![no_main]
use libfuzzer_sys::fuzz_target;
use waymark::import::{TreeOptions, parse_roadmap, print_tree, to_ascii};

fuzz_target!(|bytes: &[u8]| {
    if let Ok(roadmap) = parse_roadmap(bytes) {
        for ascii in [false, true] {
            let text = print_tree(&roadmap, &TreeOptions { ascii, depth: None });
            let back = parse_roadmap(text.as_bytes());
            let want = if ascii { to_ascii(&roadmap) } else { roadmap.clone() };
            assert_eq!(back.as_ref(), Ok(&want), "ascii: {ascii}\n{text}");
        }
    }
});
