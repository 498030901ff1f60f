//! Tables of the 256 byte values, for the loops that read every byte of a tree: one load per
//! byte instead of a chain of comparisons.

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

/// Whether `bytes` holds `byte`, eight bytes at a time: for the short strings of a tree, where
/// the standard search costs more to set up than it saves.
pub(crate) fn contains(bytes: &[u8], byte: u8) -> bool {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    let pattern = ONES * byte as u64;
    let mut words = bytes.chunks_exact(8);
    for chunk in words.by_ref() {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes")) ^ pattern;
        if word.wrapping_sub(ONES) & !word & HIGHS != 0 {
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
