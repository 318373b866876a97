//! Counter-based randomness: row `i` of a data set is generated from `(seed, stream, i)` alone,
//! so any page can be produced without producing the rows before it, and the same seed gives
//! the same world on every machine.

/// SplitMix64's finaliser: a good 64-bit mix of the input.
pub fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Stable 64-bit id of a stream name.
pub fn stream(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3))
}

#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64, stream: u64, i: u64) -> Rng {
        Rng(mix(seed ^ mix(stream ^ mix(i))))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }

    pub fn range(&mut self, lo: i64, hi_inclusive: i64) -> i64 {
        lo + self.below((hi_inclusive - lo + 1).max(1) as u64) as i64
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// One word of a word list.
    pub fn word(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len() as u64) as usize]
    }

    /// Index chosen with the given weights.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| w as u64).sum();
        let mut x = self.below(total);
        for (i, &w) in weights.iter().enumerate() {
            if x < w as u64 {
                return i;
            }
            x -= w as u64;
        }
        weights.len() - 1
    }

    pub fn guid(&mut self) -> Guid {
        Guid::from_bits(self.next_u64(), self.next_u64())
    }
}

/// A GUID formatted the way the service writes them (upper case), kept as text so rows can
/// lend it out as `&str` without allocating.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Guid([u8; 36]);

impl Guid {
    pub fn from_bits(a: u64, b: u64) -> Guid {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&a.to_be_bytes());
        bytes[8..].copy_from_slice(&b.to_be_bytes());
        bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
        bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
        let mut out = [b'-'; 36];
        let mut o = 0;
        for (i, byte) in bytes.iter().enumerate() {
            if matches!(i, 4 | 6 | 8 | 10) {
                o += 1;
            }
            out[o] = HEX[(byte >> 4) as usize];
            out[o + 1] = HEX[(byte & 0xf) as usize];
            o += 2;
        }
        Guid(out)
    }

    pub fn as_str(&self) -> &str {
        // SAFETY: `from_bits` writes only ASCII hex digits and dashes, so the bytes are valid
        // UTF-8; validating them on every use was a noticeable share of producing a page.
        unsafe { std::str::from_utf8_unchecked(&self.0) }
    }
}

impl std::fmt::Debug for Guid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Display for Guid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_inputs_same_numbers_different_rows_differ() {
        let a: Vec<u64> = (0..4).map(|_| Rng::new(7, 1, 42).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        assert_ne!(Rng::new(7, 1, 42).next_u64(), Rng::new(7, 1, 43).next_u64());
        assert_ne!(Rng::new(7, 1, 42).next_u64(), Rng::new(8, 1, 42).next_u64());
    }

    #[test]
    fn guids_look_like_the_service_s() {
        let g = Rng::new(1, 2, 3).guid();
        let s = g.as_str();
        assert_eq!(s.len(), 36);
        assert_eq!(&s[14..15], "4");
        assert!(s.chars().all(|c| c == '-' || c.is_ascii_digit() || c.is_ascii_uppercase()));
    }

    #[test]
    fn weighted_and_below_stay_in_range() {
        let mut r = Rng::new(1, 1, 1);
        let mut seen = [0u32; 3];
        for _ in 0..10_000 {
            seen[r.weighted(&[1, 0, 3])] += 1;
            assert!(r.below(5) < 5);
        }
        assert_eq!(seen[1], 0);
        assert!(seen[2] > seen[0] * 2);
    }
}
