//! Fast, non-cryptographic hashing: fingerprints that tell whether inputs changed between
//! renders, and a cheap hasher for maps keyed by the user's own ids and paths.

/// FxHash's step: folds one 64-bit word into the hash so far.
fn mix(hash: u64, word: u64) -> u64 {
    (hash.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// A fast 64-bit fingerprint of bytes (FxHash over 8-byte words); not for security.
#[inline]
pub fn fingerprint(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0;
    for part in parts {
        let mut chunks = part.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            h = mix(h, u64::from_le_bytes(w));
        }
        h = mix(h, tail(chunks.remainder()) ^ part.len() as u64);
    }
    h
}

/// The last 0 to 7 bytes of a part as one little-endian word, zero-padded, read as two
/// overlapping loads: copied into a buffer, they cost a `memcpy` call and a load that waits on
/// it, for every word of every topic's notes that the search index looks at.
#[inline]
fn tail(rest: &[u8]) -> u64 {
    let n = rest.len();
    let le16 = |i: usize| u64::from(u16::from_le_bytes([rest[i], rest[i + 1]]));
    let le32 = |i: usize| {
        u64::from(u32::from_le_bytes([
            rest[i],
            rest[i + 1],
            rest[i + 2],
            rest[i + 3],
        ]))
    };
    match n {
        0 => 0,
        1 => u64::from(rest[0]),
        2 | 3 => le16(0) | le16(n - 2) << (8 * (n - 2)),
        _ => le32(0) | le32(n - 4) << (8 * (n - 4)),
    }
}

/// A hasher for maps keyed by ids, paths and words from the user's own files (FxHash): far
/// cheaper than the standard SipHash, and nobody feeds waymark keys to flood its tables.
pub type FastHash = std::hash::BuildHasherDefault<FxHasher>;

/// The hasher behind [`FastHash`].
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fingerprint(&[&self.0.to_le_bytes(), bytes]);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = mix(self.0, n);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The [`FxHasher`] fingerprint of a value.
pub fn hash_of<T: std::hash::Hash + ?Sized>(value: &T) -> u64 {
    use std::hash::Hasher;
    let mut h = FxHasher::default();
    value.hash(&mut h);
    h.finish()
}

/// A fingerprint of bytes as they are written, for hashing serialized data without keeping it.
/// Not the same value as [`fingerprint`] of the same bytes; compare like with like.
#[derive(Debug, Default)]
pub struct Fingerprinter {
    hash: u64,
    word: [u8; 8],
    filled: usize,
    total: u64,
}

impl Fingerprinter {
    /// The fingerprint of everything written.
    pub fn finish(self) -> u64 {
        let mut tail = [0u8; 8];
        tail[..self.filled].copy_from_slice(&self.word[..self.filled]);
        mix(self.hash, u64::from_le_bytes(tail) ^ self.total)
    }
}

impl std::io::Write for Fingerprinter {
    fn write(&mut self, mut data: &[u8]) -> std::io::Result<usize> {
        let n = data.len();
        self.total += n as u64;
        while !data.is_empty() {
            let take = (8 - self.filled).min(data.len());
            self.word[self.filled..self.filled + take].copy_from_slice(&data[..take]);
            self.filled += take;
            data = &data[take..];
            if self.filled == 8 {
                self.hash = mix(self.hash, u64::from_le_bytes(self.word));
                self.filled = 0;
            }
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{Fingerprinter, fingerprint};
    use std::io::Write;

    #[test]
    fn streamed_fingerprints_do_not_depend_on_how_bytes_are_written() {
        let whole = |parts: &[&[u8]]| {
            let mut f = Fingerprinter::default();
            for p in parts {
                let _ = f.write_all(p);
            }
            f.finish()
        };
        let a = whole(&[b"hello, ", b"world and more"]);
        assert_eq!(a, whole(&[b"hel", b"lo, world", b" and more"]));
        assert_ne!(a, whole(&[b"hello, world and mor"]));
        assert_ne!(whole(&[b""]), whole(&[b"\0"]));
    }

    #[test]
    fn a_tail_is_its_bytes_zero_padded() {
        let bytes = b"\x01\x82\x03\xf4\x05\x06\x97";
        for n in 0..8 {
            let mut padded = [0u8; 8];
            padded[..n].copy_from_slice(&bytes[..n]);
            assert_eq!(super::tail(&bytes[..n]), u64::from_le_bytes(padded), "{n}");
        }
    }

    #[test]
    fn fingerprints_tell_parts_apart() {
        assert_ne!(fingerprint(&[b"ab", b"c"]), fingerprint(&[b"a", b"bc"]));
        assert_eq!(fingerprint(&[b"same"]), fingerprint(&[b"same"]));
        assert_ne!(fingerprint(&[b"12345678x"]), fingerprint(&[b"12345678y"]));
    }
}
