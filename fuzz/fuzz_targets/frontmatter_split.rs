//! Splitting front matter from any text never panics, and the pieces add up to the text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(split) = waymark::content::split::split(text) {
        assert!(text.ends_with(split.body));
        if let Some(yaml) = split.yaml {
            assert!(text.contains(yaml));
        }
    }
});
