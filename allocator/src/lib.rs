//! mimalloc as a global allocator, for the many small allocations of loading a tree.
//!
//! The `mimalloc` crate's allocator hands every request to `mi_malloc_aligned`. In mimalloc 3
//! that call takes a slow path (a size-class lookup, then over-allocation) whenever the size is
//! above 1 KiB or the thread's page of that size is used up: about a quarter of the requests of
//! a load, and 3% of its instructions. Every mimalloc block is aligned to 8 bytes, so requests
//! that need no more go to `mi_malloc` and `mi_realloc` here; the others keep the aligned calls.

#![deny(missing_docs)]

use libmimalloc_sys as mi;
use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

/// The alignment every mimalloc block has.
const BLOCK_ALIGNMENT: usize = 8;

/// mimalloc, asked for an alignment only when a request needs more than any block has.
pub struct MiMalloc;

// SAFETY: mimalloc returns blocks of at least the requested size, aligned to 8 bytes by
// `mi_malloc`/`mi_realloc` and to the requested alignment by the `_aligned` calls; `mi_free`
// frees blocks from either.
unsafe impl GlobalAlloc for MiMalloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: plain calls into mimalloc with a size and a power-of-two alignment.
        unsafe {
            if layout.align() <= BLOCK_ALIGNMENT {
                mi::mi_malloc(layout.size()).cast()
            } else {
                mi::mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        unsafe {
            if layout.align() <= BLOCK_ALIGNMENT {
                mi::mi_zalloc(layout.size()).cast()
            } else {
                mi::mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from this allocator.
        unsafe { mi::mi_free(ptr.cast::<c_void>()) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from this allocator with `layout`'s alignment.
        unsafe {
            if layout.align() <= BLOCK_ALIGNMENT {
                mi::mi_realloc(ptr.cast::<c_void>(), new_size).cast()
            } else {
                mi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()).cast()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::MiMalloc;
    use std::alloc::{GlobalAlloc, Layout};

    /// Every size and alignment gets a block of that alignment that holds what is written to
    /// it, through allocation, zeroed allocation and growth.
    #[test]
    fn blocks_are_aligned_and_keep_their_contents() {
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1, 7, 8, 24, 100, 1000, 1025, 1664, 5000, 70_000] {
                let layout = Layout::from_size_align(size, align).unwrap();
                unsafe {
                    let zeroed = MiMalloc.alloc_zeroed(layout);
                    assert_eq!(zeroed as usize % align, 0);
                    assert!((0..size).all(|i| *zeroed.add(i) == 0));
                    MiMalloc.dealloc(zeroed, layout);
                    let block = MiMalloc.alloc(layout);
                    assert_eq!(block as usize % align, 0, "size {size}, align {align}");
                    for i in 0..size {
                        *block.add(i) = i as u8;
                    }
                    let grown = MiMalloc.realloc(block, layout, size * 3);
                    assert_eq!(grown as usize % align, 0);
                    assert!((0..size).all(|i| *grown.add(i) == i as u8));
                    MiMalloc.dealloc(grown, Layout::from_size_align(size * 3, align).unwrap());
                }
            }
        }
    }
}
