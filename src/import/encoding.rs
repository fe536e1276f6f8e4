//! Repairs text whose UTF-8 bytes were read as a Windows code page and saved again, some bytes
//! lost on the way (`âœ…` back to `✅`), without guessing what cannot be known.

/// Windows-1252 bytes 0x80–0x9F as characters; `None` where 1252 has no character.
const CP1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// Letters where Windows-1254 (Turkish) differs from 1252, as `(char, byte)`.
const CP1254_LETTERS: [(char, u8); 6] = [
    ('Ğ', 0xD0),
    ('İ', 0xDD),
    ('Ş', 0xDE),
    ('ğ', 0xF0),
    ('ı', 0xFD),
    ('ş', 0xFE),
];

/// Bytes a Windows code page cannot show, so they vanish in such a round trip.
const LOSABLE: [u8; 7] = [0x81, 0x8D, 0x8E, 0x8F, 0x90, 0x9D, 0x9E];

/// Characters that must survive a repair: status markers, tree drawing, the variation selector.
const KNOWN: &str = "✅⏳⏸⏭✔✓☑❌🔄🚧\u{FE0F}├└│─┌┐┬┴┼╰╭┣┗┃━";

/// The byte a character stood for when UTF-8 was misread as Windows-1252 or 1254.
fn byte_of(c: char) -> Option<u8> {
    let code = c as u32;
    if code < 0x80 || (0xA0..=0xFF).contains(&code) {
        return Some(code as u8);
    }
    if let Some(i) = CP1252_HIGH.iter().position(|&x| x == Some(c)) {
        return Some(0x80 + i as u8);
    }
    CP1254_LETTERS
        .iter()
        .find(|(ch, _)| *ch == c)
        .map(|&(_, b)| b)
}

/// Decodes bytes as Windows-1252 (for files that were never UTF-8).
pub fn decode_cp1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize].unwrap_or('\u{FFFD}'),
            _ => b as char,
        })
        .collect()
}

/// Whether the text shows the signs of UTF-8 read as a Windows code page.
pub fn looks_misdecoded(text: &str) -> bool {
    ["â”", "âœ", "â³", "â¸", "â\u{AD}", "ğŸ", "ðŸ", "â€", "Ã"]
        .iter()
        .any(|m| text.contains(m))
}

/// Turns the text back into the bytes it was read from, then decodes them as UTF-8, recovering
/// lost bytes where only one known character fits and dropping what cannot be known.
pub fn repair(text: &str) -> String {
    text.split_inclusive('\n').map(repair_line).collect()
}

fn repair_line(line: &str) -> String {
    let mut bytes = Vec::with_capacity(line.len());
    for c in line.chars() {
        match byte_of(c) {
            Some(b) => bytes.push(b),
            None => bytes.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
        }
    }
    decode_lossy(&bytes)
}

/// Decodes UTF-8 where some continuation bytes may be missing.
fn decode_lossy(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let want = match b {
            0x00..=0x7F => {
                out.push(b as char);
                i += 1;
                continue;
            }
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => {
                i += 1;
                continue;
            }
        };
        let cont = bytes[i + 1..]
            .iter()
            .take(want - 1)
            .take_while(|&&c| (0x80..=0xBF).contains(&c))
            .count();
        let seq = &bytes[i..i + 1 + cont];
        if cont == want - 1
            && let Ok(s) = std::str::from_utf8(seq)
        {
            out.push_str(s);
        } else if let Some(k) = recover(seq) {
            out.push(k);
        }
        i += 1 + cont;
    }
    out
}

/// The one known character whose bytes, less some losable ones, are `seq`.
fn recover(seq: &[u8]) -> Option<char> {
    let mut found = KNOWN.chars().filter(|k| {
        let mut buf = [0; 4];
        is_lossy_copy(k.encode_utf8(&mut buf).as_bytes(), seq)
    });
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// Whether `seq` is `full` with only losable bytes left out.
fn is_lossy_copy(full: &[u8], seq: &[u8]) -> bool {
    if full.len() <= seq.len() {
        return false;
    }
    let mut j = 0;
    for &b in full {
        if j < seq.len() && seq[j] == b {
            j += 1;
        } else if !LOSABLE.contains(&b) {
            return false;
        }
    }
    j == seq.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_markers_with_lost_bytes() {
        assert_eq!(repair("â”œâ”€â”€ âœ… Python"), "├── ✅ Python");
        assert_eq!(repair("â³ Django"), "⏳ Django");
        assert_eq!(repair("â¸ï¸ Go"), "⏸\u{FE0F} Go");
        assert_eq!(repair("ğŸ“š **FOUNDATIONS**"), "📚 **FOUNDATIONS**");
    }

    #[test]
    fn drops_decorations_it_cannot_be_sure_of() {
        assert_eq!(repair("ğŸ¯ **WEB**"), " **WEB**");
    }

    #[test]
    fn clean_text_is_not_flagged() {
        assert!(!looks_misdecoded("├── ✅ Python — café"));
        assert!(looks_misdecoded("â”œâ”€â”€ x"));
    }
}
