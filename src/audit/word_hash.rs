//! The hash of a word, and ASCII words read and hashed eight bytes at a time.
//!
//! Most of what the audit reads is ASCII, so [`ascii_word`] finds where a word ends
//! and hashes it a machine word at a time: eight bytes are classified together (SWAR,
//! "SIMD within a register": [`alnum_bytes`]), with no branch per byte. [`hash_word`]
//! hashes any lower-cased word the same way, so both paths of `words.rs` agree.
//! The tests check the classification of every byte in every place.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The hash of a word: of the UTF-8 bytes of its lower-case form, eight at a time.
pub(super) fn hash_word(lower: &[u8]) -> u64 {
    let mut h = WORD_SEED;
    for chunk in lower.chunks(8) {
        let mut buf = [0u8; 8];
        buf[..chunk.len()].copy_from_slice(chunk);
        h = word_step(h, u64::from_le_bytes(buf));
    }
    word_end(h, lower.len())
}

#[inline]
fn word_step(h: u64, chunk: u64) -> u64 {
    let h = (h ^ chunk).wrapping_mul(WORD_PRIME);
    h ^ (h >> 32)
}

#[inline]
fn word_end(h: u64, len: usize) -> u64 {
    mix(h ^ len as u64)
}

/// The ASCII word starting at `b[start]`: its [`hash_word`] and where it ends. Eight
/// bytes are read at a time and classified together, so the word's end is found
/// without a branch per byte; bytes past the text read as zero, which ends a word.
#[inline]
pub(super) fn ascii_word(b: &[u8], start: usize) -> (u64, usize) {
    let mut h = WORD_SEED;
    let mut at = start;
    loop {
        let v = if at + 8 <= b.len() {
            u64::from_le_bytes(b[at..at + 8].try_into().expect("eight bytes"))
        } else {
            let mut buf = [0u8; 8];
            buf[..b.len() - at].copy_from_slice(&b[at..]);
            u64::from_le_bytes(buf)
        };
        let other = !alnum_bytes(v) & HIGH;
        if other == 0 {
            h = word_step(h, v | (ONES * 0x20));
            at += 8;
            continue;
        }
        let n = (other.trailing_zeros() / 8) as usize;
        if n > 0 {
            let keep = (1u64 << (8 * n)) - 1;
            // Setting bit 5 lower-cases a letter and leaves a digit as it is.
            h = word_step(h, (v | (ONES * 0x20)) & keep);
        }
        let end = at + n;
        return (word_end(h, end - start), end);
    }
}

/// The high bit of each byte of `v` that is an ASCII letter or digit.
#[inline]
fn alnum_bytes(v: u64) -> u64 {
    let ascii = !v & HIGH;
    let x = v & !HIGH;
    // For seven-bit bytes, neither subtraction borrows across bytes.
    let at_least = |x: u64, lo: u8| (x | HIGH) - ONES * u64::from(lo);
    let at_most = |x: u64, hi: u8| (ONES * u64::from(hi | 0x80)) - x;
    let folded = x | (ONES * 0x20);
    let letter = at_least(folded, b'a') & at_most(folded, b'z');
    let digit = at_least(x, b'0') & at_most(x, b'9');
    (letter | digit) & ascii
}

const WORD_SEED: u64 = 0xCBF2_9CE4_8422_2325;
const WORD_PRIME: u64 = 0x9FB2_1C65_1E98_DF25;

/// splitmix64's finaliser: spreads a hash's bits (a bijection, so it adds no
/// collisions), for word hashes and for maps that take the low bits as the hash.
/// Inlined into the map lookups of `runs.rs`, where the audit's loop calls it.
#[inline]
pub(super) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_classified_in_every_place() {
        for byte in 0..=255u8 {
            for place in 0..8 {
                let v =
                    u64::from(byte) << (8 * place) | 0x2020_2020_2020_2020 & !(0xff << (8 * place));
                let expected = if byte.is_ascii_alphanumeric() {
                    0x80 << (8 * place)
                } else {
                    0
                };
                assert_eq!(alnum_bytes(v), expected, "byte {byte:#x} at {place}");
            }
        }
    }

    proptest::proptest! {
        /// Bytes classified eight at a time as one at a time.
        #[test]
        fn letters_and_digits_found_eight_at_a_time(v in proptest::prelude::any::<u64>()) {
            let expected = v
                .to_le_bytes()
                .iter()
                .enumerate()
                .filter(|(_, b)| b.is_ascii_alphanumeric())
                .fold(0u64, |m, (i, _)| m | 0x80 << (8 * i));
            proptest::prop_assert_eq!(alnum_bytes(v), expected);
        }

    }
}
