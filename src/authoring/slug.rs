//! The one rule that turns a title into a file name, and so into a topic id, for both
//! `waymark new` and `waymark import`.

/// A readable slug for a title. A `#` or `+` written right after a letter or digit is spelled
/// out before slugging, so languages keep apart: `C#` → `c-sharp`, `C++` → `cpp`,
/// `Google+` → `google-plus`; everything else is slugified (`Node.js + Express` →
/// `node-js-express`). Empty when the title has no letters or digits.
pub fn title_slug(title: &str) -> String {
    let mut spelled = String::with_capacity(title.len() + 8);
    let mut chars = title.chars().peekable();
    let mut after_word = false;
    while let Some(c) = chars.next() {
        match c {
            '+' if after_word && chars.peek() == Some(&'+') => {
                chars.next();
                spelled.push_str("pp");
                continue;
            }
            '+' if after_word => spelled.push_str(" plus "),
            '#' if after_word => spelled.push_str(" sharp "),
            c => spelled.push(c),
        }
        after_word = c.is_alphanumeric();
    }
    slug::slugify(spelled)
}

/// `base` if `taken` says it is free, else `base-2`, `base-3`…: numbering is the last resort.
pub fn first_free(base: &str, mut taken: impl FnMut(&str) -> bool) -> String {
    let mut candidate = base.to_string();
    let mut n = 2;
    while taken(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_keep_readable_ids() {
        let slugs: Vec<String> = [
            "C",
            "C++",
            "C#",
            "F#",
            "Google+",
            "Node.js + Express",
            "A+B",
            "#hashtags",
            "Notepad++",
            "C++17",
            "++",
        ]
        .iter()
        .map(|t| title_slug(t))
        .collect();
        assert_eq!(
            slugs,
            [
                "c",
                "cpp",
                "c-sharp",
                "f-sharp",
                "google-plus",
                "node-js-express",
                "a-plus-b",
                "hashtags",
                "notepadpp",
                "cpp17",
                ""
            ]
        );
        assert_eq!(first_free("c", |s| s == "c" || s == "c-2"), "c-3");
        assert_eq!(first_free("cpp", |s| s == "c"), "cpp");
    }
}
