//! Importing any bytes as a text roadmap never panics, and what it prints imports back.
#![no_main]
use libfuzzer_sys::fuzz_target;
use waymark::import::{TreeOptions, parse_roadmap, print_tree};

fuzz_target!(|bytes: &[u8]| {
    if let Ok(roadmap) = parse_roadmap(bytes) {
        let text = print_tree(&roadmap, &TreeOptions::default());
        let _ = parse_roadmap(text.as_bytes());
    }
});
