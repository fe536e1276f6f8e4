//! Topic ids from file and folder names: a numeric ordering prefix dropped, the rest
//! slugified, so ids never depend on order or titles.

/// Splits a numeric ordering prefix such as `01-` or `100_` off a file or folder name.
pub fn split_prefix(name: &str) -> (Option<i64>, &str) {
    let digits = name.len() - name.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = &name[digits..];
    match rest.strip_prefix(['-', '_', '.', ' ']) {
        Some(after) if digits > 0 && !after.is_empty() => (name[..digits].parse().ok(), after),
        _ => (None, name),
    }
}

/// The id segment for a file or folder name: its prefix dropped, then slugified.
pub fn slug_of(name: &str) -> String {
    let (_, rest) = split_prefix(name);
    let s = slug::slugify(rest);
    if s.is_empty() { rest.to_lowercase() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_dropped_from_ids() {
        assert_eq!(split_prefix("01-python"), (Some(1), "python"));
        assert_eq!(split_prefix("100-internet"), (Some(100), "internet"));
        assert_eq!(split_prefix("2024"), (None, "2024"));
        assert_eq!(slug_of("01-Version Control"), "version-control");
    }
}
