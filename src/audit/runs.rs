//! Hashing runs of words, and looking them up: the audit's second hot loop.
//!
//! The technique is Rabin–Karp's, over words instead of bytes: a run's hash is a
//! polynomial over its words' hashes ([`window_hash`]), so the hashes of every run of
//! a given length in a page come from one pass of prefix sums ([`into_prefix_hashes`],
//! [`window_hashes`]), each in constant time, however long the run. The hashes to look
//! for sit in a map behind a bit table, a Bloom filter with one hash function
//! ([`Windows`]): nearly no run of words in a page is a fingerprint, and testing a
//! bit is cheaper than probing a map.
//!
//! Nothing here knows what a word is (that is `words.rs`) or what is looked for
//! (that is the audit's rules, in `mod.rs`). The invariant: equal runs hash alike
//! however they are hashed, so no run is missed (a collision could only stop a build
//! needlessly). The property test holds the prefix sums to the run-by-run hash.

use std::collections::HashMap;

use super::word_hash::mix;

/// Hashes a run's polynomial hash with [`mix`], whose low bits a map can use.
#[derive(Default)]
struct MixedKey(crate::incremental::PrehashedKey);

impl std::hash::Hasher for MixedKey {
    fn finish(&self) -> u64 {
        mix(self.0.finish())
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0.write(bytes);
    }
    fn write_u64(&mut self, n: u64) {
        self.0.write_u64(n);
    }
}

/// The hashes of runs of words to look for, each with its source and passage.
///
/// A bit per hash in a small table sits in front of the map: nearly no run of words in
/// a page is a fingerprint, and testing a bit is cheaper than probing a map.
#[derive(Debug, Default)]
pub(super) struct Windows {
    map: HashMap<u64, (usize, String), std::hash::BuildHasherDefault<MixedKey>>,
    /// Set by [`Windows::seal`]; empty until then, when every lookup goes to the map.
    bits: Vec<u64>,
}

impl Windows {
    pub(super) fn insert(&mut self, h: u64, found: impl FnOnce() -> (usize, String)) {
        self.map.entry(h).or_insert_with(found);
        self.bits.clear();
    }

    /// Fills the bit table: about one bit in sixteen set, so a run that is not a
    /// fingerprint goes to the map about one time in sixteen. A run's bit is picked by
    /// the high bits of its hash.
    pub(super) fn seal(&mut self) {
        let bits = (self.map.len() * 16).next_power_of_two().max(4096);
        self.bits = vec![0; bits / 64];
        for &h in self.map.keys() {
            let i = Self::bit(h, bits);
            self.bits[i / 64] |= 1 << (i % 64);
        }
    }

    #[inline]
    fn bit(h: u64, bits: usize) -> usize {
        (h >> (64 - bits.trailing_zeros())) as usize
    }

    #[inline]
    pub(super) fn get(&self, h: u64) -> Option<&(usize, String)> {
        if !self.bits.is_empty() {
            let i = Self::bit(h, self.bits.len() * 64);
            if self.bits[i / 64] & (1 << (i % 64)) == 0 {
                return None;
            }
        }
        self.map.get(&h)
    }

    pub(super) fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// The hash of a run of words: a polynomial in [`BASE`] over the words' hashes, so
/// that every run of a given length in a page can be hashed in constant time from
/// prefix sums ([`window_hashes`]) rather than word by word. Equal runs always hash
/// alike, so nothing is missed; a collision could only stop a build needlessly.
///
/// The polynomial is left unmixed: its high bits depend on every bit of every word
/// and pick a run's bit in [`Windows`]' table; the map behind it mixes the rest
/// ([`MixedKey`]), which only the rare runs that pass the table pay for.
pub(super) fn window_hash(words: &[u64]) -> u64 {
    words
        .iter()
        .fold(0u64, |acc, w| acc.wrapping_mul(BASE).wrapping_add(*w))
}

const BASE: u64 = 0x9E37_79B9_7F4A_7C15;

/// Turns a text's word hashes into the prefix sums of their polynomial: afterwards
/// `words[i]` is the polynomial over the first `i` words, and there is one entry more.
/// In place, since the audit holds one such list per thread for the largest pages.
pub(super) fn into_prefix_hashes(mut words: Vec<u64>) -> Vec<u64> {
    let mut acc = 0u64;
    for w in words.iter_mut() {
        let word = *w;
        *w = acc;
        acc = acc.wrapping_mul(BASE).wrapping_add(word);
    }
    words.push(acc);
    words
}

/// [`window_hash`] of every run of `len` words, from [`into_prefix_hashes`].
///
/// Inlined into the audit's loop in `mod.rs`: out of line, that loop costs more.
#[inline]
pub(super) fn window_hashes(prefix: &[u64], len: usize) -> impl Iterator<Item = u64> + '_ {
    let shift = BASE.wrapping_pow(len as u32);
    // `prefix` has one more entry than there are words.
    let runs = if len == 0 {
        0
    } else {
        prefix.len().saturating_sub(len)
    };
    (0..runs).map(move |i| prefix[i + len].wrapping_sub(prefix[i].wrapping_mul(shift)))
}

pub(super) fn shingle_hashes(words: &[u64], n: usize) -> impl Iterator<Item = u64> + '_ {
    words.windows(n.max(1)).map(window_hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Every run hashed from the prefix sums is the run hashed word by word.
        #[test]
        fn runs_hashed_at_once_agree_with_each_run(
            words in proptest::collection::vec(proptest::prelude::any::<u64>(), 0..40),
            len in 1usize..12,
        ) {
            let prefix = into_prefix_hashes(words.clone());
            let fast: Vec<u64> = window_hashes(&prefix, len).collect();
            let slow: Vec<u64> = words.windows(len).map(window_hash).collect();
            proptest::prop_assert_eq!(fast, slow);
        }
    }
}
