//! Digests of a step's inputs: [`Key`] gathers the parts, [`digest_of`] hashes bytes.

use std::hash::BuildHasherDefault;

/// A 128-bit digest of a step's inputs: wide enough that two different inputs never
/// share one in practice (xxh3, which reads gigabytes a second).
pub type Digest = u128;

/// Builds a [`Digest`] from parts; each part is length-prefixed so that `("ab", "c")`
/// and `("a", "bc")` differ. The parts are gathered and digested in one go: most keys
/// are short, and setting up xxh3's streaming state for each cost more than hashing.
#[derive(Default)]
pub struct Key(Vec<u8>);

impl Key {
    pub fn new(step: &str) -> Key {
        let mut k = Key(Vec::with_capacity(128));
        k.str(step);
        k
    }

    pub fn bytes(&mut self, b: &[u8]) -> &mut Key {
        self.0.extend_from_slice(&(b.len() as u64).to_le_bytes());
        self.0.extend_from_slice(b);
        self
    }

    pub fn str(&mut self, s: &str) -> &mut Key {
        self.bytes(s.as_bytes())
    }

    pub fn digest(&mut self, d: Digest) -> &mut Key {
        self.0.extend_from_slice(&d.to_le_bytes());
        self
    }

    pub fn flag(&mut self, b: bool) -> &mut Key {
        self.0.push(u8::from(b));
        self
    }

    /// Anything serialisable, through its JSON form (the form templates see).
    pub fn serialized(&mut self, v: &impl serde::Serialize) -> &mut Key {
        let start = self.0.len();
        // Serialising plain view structs cannot fail; if it ever did, the marker keeps
        // the key distinct from a successful one.
        if serde_json::to_writer(&mut self.0, v).is_err() {
            self.0.truncate(start);
            self.str("\u{0}unserialisable");
        }
        self
    }

    pub fn finish(&self) -> Digest {
        digest_of(&self.0)
    }
}

/// The digest of one byte string.
pub fn digest_of(bytes: &[u8]) -> Digest {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// For maps keyed by hashes or digests we computed ourselves, which need no hashing
/// again: their low 64 bits are the hash.
#[derive(Default)]
pub struct PrehashedKey(u64);

impl std::hash::Hasher for PrehashedKey {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only u64 and u128 keys are meant to reach here; fold anything else in
        // rather than lose it.
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    fn write_u128(&mut self, n: u128) {
        self.0 = n as u64;
    }
}

/// The `BuildHasher` for maps keyed by ready-made hashes.
pub type Prehashed = BuildHasherDefault<PrehashedKey>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_kept_apart() {
        let a = Key::new("t").str("ab").str("c").finish();
        let b = Key::new("t").str("a").str("bc").finish();
        assert_ne!(a, b);
        assert_eq!(a, Key::new("t").str("ab").str("c").finish());
        assert_ne!(a, Key::new("u").str("ab").str("c").finish());
    }
}
