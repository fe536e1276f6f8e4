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
    bytes.iter().map(|&b| cp1252_char(b)).collect()
}

/// The character Windows-1252 shows for a byte; U+FFFD where it has none.
fn cp1252_char(b: u8) -> char {
    match b {
        0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize].unwrap_or('\u{FFFD}'),
        _ => b as char,
    }
}

/// Turns file bytes (BOM already removed) into text: UTF-8, repaired if it is mojibake; UTF-8
/// that lost bytes when saved from a Windows code page; or plain Windows-1252.
///
/// `**` marks are dropped and repairs repeated while the text still shows signs of mojibake
/// (text misread twice), so what comes out shows none and reads back the same.
pub fn decode(bytes: &[u8]) -> String {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(_) if mostly_utf8(bytes) => {
            let src: Vec<Option<char>> = bytes.iter().map(|&b| Some(cp1252_char(b))).collect();
            decode_lossy(bytes, &src)
        }
        Err(_) => decode_cp1252(bytes),
    };
    settle(text)
}

/// Unwraps `**` bold marks and repairs mojibake, line by line, until neither is left. Bold marks
/// go first so that removing them cannot join two characters into a new sign of mojibake after
/// the repair. Every round that changes a line shortens it, so this ends; a line still showing
/// signs after [`MAX_REPAIRS`] rounds (only contrived text is misread that often) stays as is.
///
/// The first round repairs every line when the text as a whole shows signs: a line whose only
/// damage is an emoji that lost a byte shows none of its own.
pub fn settle(text: String) -> String {
    let whole = looks_misdecoded(&text);
    if !whole && !text.contains("**") {
        return text;
    }
    text.split_inclusive('\n')
        .map(|line| settle_line(line, whole))
        .collect()
}

fn settle_line(line: &str, repair_first: bool) -> String {
    let mut line = line.replace("**", "");
    if repair_first {
        line = repair(&line).replace("**", "");
    }
    for _ in 0..MAX_REPAIRS {
        if !looks_misdecoded(&line) {
            break;
        }
        let repaired = repair(&line).replace("**", "");
        if repaired == line {
            break;
        }
        line = repaired;
    }
    line
}

/// How many layers of mojibake are peeled at most.
const MAX_REPAIRS: usize = 64;

/// Whether invalid UTF-8 still holds more well-formed multi-byte characters than broken bytes,
/// as UTF-8 does that lost a few bytes; plain Windows-1252 text has none.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += chunk.invalid().len();
    }
    good > 0 && good >= bad
}

/// Whether the text shows the signs of UTF-8 read as a Windows code page: the lead characters
/// of the tree and marker characters, or a two-byte character spelled as two (`Ã©` for `é`).
pub fn looks_misdecoded(text: &str) -> bool {
    const SIGNS: [&str; 7] = ["â”", "âœ", "â³", "â¸", "â\u{AD}", "ğŸ", "ðŸ"];
    if SIGNS.iter().any(|m| text.contains(m)) {
        return true;
    }
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let lead = byte_of(c).filter(|b| (0xC2..=0xDF).contains(b) && !c.is_ascii());
        let next = chars
            .peek()
            .and_then(|&n| byte_of(n).filter(|_| !n.is_ascii()));
        if lead.is_some() && next.is_some_and(|b| (0x80..=0xBF).contains(&b)) {
            return true;
        }
    }
    false
}

/// Turns the text back into the bytes it was read from, then decodes them as UTF-8, recovering
/// lost bytes where only one known character fits and dropping what cannot be known.
pub fn repair(text: &str) -> String {
    let mut bytes = Vec::with_capacity(text.len());
    let mut src = Vec::with_capacity(text.len());
    for c in text.chars() {
        match byte_of(c) {
            Some(b) => {
                bytes.push(b);
                src.push(Some(c));
            }
            None => {
                let mut buf = [0; 4];
                let enc = c.encode_utf8(&mut buf).as_bytes();
                bytes.extend_from_slice(enc);
                src.extend(std::iter::repeat_n(None, enc.len()));
            }
        }
    }
    decode_lossy(&bytes, &src)
}

/// Decodes UTF-8 where some continuation bytes may be missing. `src` holds, for each byte, the
/// character it was read from: a lone lead byte with no continuation (`é` in `Café`) was never
/// part of a multi-byte character and stays that character; a broken sequence is recovered if
/// only one known character fits, and dropped otherwise.
fn decode_lossy(bytes: &[u8], src: &[Option<char>]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let keep = |out: &mut String, i: usize| {
        if let Some(Some(c)) = src.get(i) {
            push_joined(out, *c);
        }
    };
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
                keep(&mut out, i);
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
            s.chars().for_each(|c| push_joined(&mut out, c));
        } else if let Some(k) = recover(seq) {
            out.push(k);
        } else if cont == 0 {
            keep(&mut out, i);
        }
        i += 1 + cont;
    }
    out
}

/// Pushes `c`, first joining it with the character before when the two spell a two-byte
/// character as mojibake does (`Ã` then `©`), again and again, so a chain such as `ÂÂÂ\u{A0}`
/// settles in one pass rather than one round per link.
fn push_joined(out: &mut String, mut c: char) {
    while let Some(cb) = byte_of(c).filter(|b| (0x80..=0xBF).contains(b))
        && let Some(prev) = out.chars().next_back()
        && let Some(pb) = byte_of(prev).filter(|b| (0xC2..=0xDF).contains(b) && !prev.is_ascii())
        && let Some(joined) = std::str::from_utf8(&[pb, cb])
            .ok()
            .and_then(|s| s.chars().next())
    {
        out.pop();
        c = joined;
    }
    out.push(c);
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
