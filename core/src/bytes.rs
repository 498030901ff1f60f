//! For the loops that read every byte of a tree: tables of the 256 byte values (one load per
//! byte instead of a chain of comparisons), and tests of eight bytes at a time.

/// A `[bool; 256]` that holds, for each byte value `$byte`, whether `$test` is true of it.
macro_rules! byte_table {
    (|$byte:ident| $test:expr) => {{
        let mut table = [false; 256];
        let mut value = 0;
        while value < 256 {
            let $byte = value as u8;
            table[value] = $test;
            value += 1;
        }
        table
    }};
}
pub(crate) use byte_table;

/// `byte` in each of the eight bytes of a word.
pub(crate) const fn splat(byte: u8) -> u64 {
    u64::from_le_bytes([byte; 8])
}

/// The high bit of every byte of `word` below `n` (at most 128), and perhaps of bytes above
/// one, never below the first: the lowest bit set marks the first such byte exactly, and none
/// is set when there is no such byte.
pub(crate) fn below(word: u64, n: u8) -> u64 {
    word.wrapping_sub(splat(n)) & !word & splat(0x80)
}

/// The same for the zero bytes of `word`.
pub(crate) fn zeros(word: u64) -> u64 {
    below(word, 1)
}

/// Whether `bytes` holds `byte`, eight bytes at a time: for the short strings of a tree, where
/// the standard search costs more to set up than it saves.
pub(crate) fn contains(bytes: &[u8], byte: u8) -> bool {
    let mut words = bytes.chunks_exact(8);
    for chunk in words.by_ref() {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        if zeros(word ^ splat(byte)) != 0 {
            return true;
        }
    }
    words.remainder().contains(&byte)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// Eight bytes at a time finds a byte exactly where a plain search does.
        #[test]
        fn contains_agrees_with_a_plain_search(
            bytes in proptest::collection::vec(
                prop::sample::select(vec![0u8, 1, b':', b'K', 0x39, 0x3b, 0x7f, 0x80, 0xff]),
                0..40,
            ),
            byte in prop::sample::select(vec![0u8, b':', b'K', 0xff]),
        ) {
            prop_assert_eq!(super::contains(&bytes, byte), bytes.contains(&byte));
        }
    }
}
