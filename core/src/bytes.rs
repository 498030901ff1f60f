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
