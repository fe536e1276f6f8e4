//! Fast, non-cryptographic hashing: fingerprints that tell whether inputs changed between
//! renders, and a cheap hasher for maps keyed by the user's own ids and paths.

/// FxHash's step: folds one 64-bit word into the hash so far.
fn mix(hash: u64, word: u64) -> u64 {
    (hash.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// A fast 64-bit fingerprint of bytes (FxHash over 8-byte words); not for security.
pub fn fingerprint(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0;
    for part in parts {
        let mut chunks = part.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            h = mix(h, u64::from_le_bytes(w));
        }
        let mut tail = [0u8; 8];
        tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        h = mix(h, u64::from_le_bytes(tail) ^ part.len() as u64);
    }
    h
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
    fn fingerprints_tell_parts_apart() {
        assert_ne!(fingerprint(&[b"ab", b"c"]), fingerprint(&[b"a", b"bc"]));
        assert_eq!(fingerprint(&[b"same"]), fingerprint(&[b"same"]));
        assert_ne!(fingerprint(&[b"12345678x"]), fingerprint(&[b"12345678y"]));
    }
}
