//! Splitting front matter from any text never panics, the pieces are the text's own slices,
//! and the line numbers given for them are the lines they really start on.
#![no_main]
use libfuzzer_sys::fuzz_target;

fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset].iter().filter(|&&b| b == b'\n').count() + 1
}

fuzz_target!(|text: &str| {
    if let Ok(split) = waymark::content::split::split(text) {
        assert!(text.ends_with(split.body));
        let body_start = text.len() - split.body.len();
        assert_eq!(line_at(text, body_start), split.body_line);
        if let Some(yaml) = split.yaml {
            assert!(text.starts_with("---"));
            let start = yaml.as_ptr() as usize - text.as_ptr() as usize;
            assert!(start + yaml.len() <= body_start);
            assert_eq!(line_at(text, start), split.yaml_line);
        }
    }
});
