//! The `tandem` binary: parse the command line, run the command, exit.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc instead of the system allocator: rendering allocates many small
/// strings on every core, where glibc's malloc spent a quarter of the build.
#[global_allocator]
static ALLOCATOR: Mimalloc = Mimalloc;

/// mimalloc, entered as C's `malloc` is whenever the alignment asked for is
/// one every block has anyway. The `mimalloc` crate's allocator asks for
/// every block through `mi_malloc_aligned`, whose extra checks cost about
/// ten instructions an allocation and send every block over 1 KiB down its
/// slow path.
struct Mimalloc;

/// The alignment `mi_malloc` gives, as C's `malloc` does: 16 bytes
/// (`MI_MAX_ALIGN_SIZE`) for a block of 16 bytes or more, whose size class
/// is a multiple of 16, and 8 for a smaller one.
const MALLOC_ALIGN: usize = 16;

/// Whether `mi_malloc` gives `layout` its alignment, as std's own `System`
/// allocator decides for `malloc`.
fn plain(align: usize, size: usize) -> bool {
    align <= MALLOC_ALIGN && align <= size
}

/// A block for `layout` from `plain_entry` (given the size) when `mi_malloc`'s
/// alignment suffices, from `aligned_entry` (given the size and alignment)
/// otherwise.
///
/// # Safety
/// The layout's size is not zero (GlobalAlloc's contract), and the entries
/// are mimalloc's.
#[inline(always)]
unsafe fn block(
    layout: std::alloc::Layout,
    plain_entry: unsafe extern "C" fn(usize) -> *mut std::ffi::c_void,
    aligned_entry: unsafe extern "C" fn(usize, usize) -> *mut std::ffi::c_void,
) -> *mut u8 {
    // SAFETY: as the function's contract says.
    unsafe {
        if plain(layout.align(), layout.size()) {
            plain_entry(layout.size()).cast()
        } else {
            aligned_entry(layout.size(), layout.align()).cast()
        }
    }
}

// SAFETY: every block comes from mimalloc and goes back to it through
// `mi_free`, which takes blocks of any alignment; a layout whose alignment
// `mi_malloc` might not meet goes to the aligned entry points.
unsafe impl std::alloc::GlobalAlloc for Mimalloc {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        use libmimalloc_sys::{mi_malloc, mi_malloc_aligned};
        // SAFETY: the layout's size is not zero (GlobalAlloc's contract).
        unsafe { block(layout, mi_malloc, mi_malloc_aligned) }
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        use libmimalloc_sys::{mi_zalloc, mi_zalloc_aligned};
        // SAFETY: as `alloc`.
        unsafe { block(layout, mi_zalloc, mi_zalloc_aligned) }
    }

    unsafe fn dealloc(&self, block: *mut u8, _layout: std::alloc::Layout) {
        // SAFETY: `block` came from this allocator, so from mimalloc.
        unsafe { libmimalloc_sys::mi_free(block.cast()) }
    }

    unsafe fn realloc(
        &self,
        block: *mut u8,
        layout: std::alloc::Layout,
        new_size: usize,
    ) -> *mut u8 {
        use libmimalloc_sys::{mi_realloc, mi_realloc_aligned};
        // SAFETY: `block` came from this allocator with `layout`, and
        // `new_size` is not zero (GlobalAlloc's contract).
        unsafe {
            if plain(layout.align(), new_size) {
                mi_realloc(block.cast(), new_size).cast()
            } else {
                mi_realloc_aligned(block.cast(), new_size, layout.align()).cast()
            }
        }
    }
}

fn main() -> ExitCode {
    without_huge_pages();
    // Only fails when a hash map was made before this line, and then the
    // default source simply stays.
    let _ = ahash::random_state::set_random_source(SeedPerThread);
    let cli = tandem::cli::Cli::parse();
    if matches!(
        cli.command,
        tandem::cli::Command::Build { .. } | tandem::cli::Command::Check { .. }
    ) {
        keep_freed_memory();
    }
    tandem::cmd::run(cli.command)
}

/// Seeds for the hash maps of the template engine (tera uses ahash). ahash's
/// default source adds to one atomic counter shared by every core, and
/// rendering makes several maps per page on every core: that shared
/// counter was about 0.7 % of a build. Each thread counts on its own here;
/// every map still gets a different seed.
struct SeedPerThread;

impl ahash::random_state::RandomSource for SeedPerThread {
    fn gen_hasher_seed(&self) -> usize {
        thread_local! {
            static NEXT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
        }
        NEXT.with(|next| {
            // Starts from where this thread's counter lives, so threads differ.
            let seed = match next.get() {
                0 => next as *const _ as usize,
                seed => seed,
            }
            .wrapping_add(0x9e37_79b9);
            next.set(seed);
            seed
        })
    }
}

/// Asks Linux for ordinary 4 KiB pages only. A build touches most of its
/// memory once, so a transparent huge page buys little: the kernel zeroes all
/// 2 MiB of it at the first touch, and on a virtual machine that hands unused
/// memory back to its host, each fresh huge page is also fetched from the
/// host. On the 2-core VM of the README's figures that zeroing was 17 % of the
/// build's CPU time; without it, 10k × 2 took 7.28 s instead of 8.45 s
/// (medians of 5 runs, each after a Hugo build, as in the benchmark).
#[cfg(target_os = "linux")]
fn without_huge_pages() {
    // SAFETY: PR_SET_THP_DISABLE takes a flag and three unused zeros, and
    // only changes how later page faults are served. If the kernel refuses
    // it, huge pages stay on and nothing else changes.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(not(target_os = "linux"))]
fn without_huge_pages() {}

/// `mi_option_purge_delay`: its place in mimalloc's `mi_option_t` (15 in
/// mimalloc 2 and 3), which libmimalloc-sys does not name for mimalloc 3.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Tells mimalloc never to hand freed memory back to the system, for a
/// command that exits when its one build is done (not `serve`, which runs
/// for hours). By default memory left free for 10 ms is returned, and each
/// stage of a build frees what the next one reuses: every page handed back
/// was faulted in again, zeroed by the kernel. On 10k × 2 that was 34,000 of
/// 189,000 page faults and 0.2 s of system time (1.47 → 1.27 s); the peak
/// grows a little (612 → 641 MB; 2.69 → 3.13 GB on 100k × 1).
fn keep_freed_memory() {
    // SAFETY: mi_option_set stores a number in mimalloc's option table; it
    // takes no pointers, and -1 is the documented "no purging" value.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1);
    }
}

#[cfg(test)]
mod tests {
    use std::alloc::{GlobalAlloc, Layout};

    use super::ALLOCATOR;

    /// Every block meets its layout's alignment, whichever entry point made
    /// it, and keeps its bytes when it grows or shrinks.
    #[test]
    fn blocks_are_aligned_as_asked_and_keep_their_bytes() {
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in (1..300).chain([1023, 1024, 1025, 4096, 70_000]) {
                let layout = Layout::from_size_align(size, align).unwrap();
                // SAFETY: the size is not zero; each block is freed once, with
                // the layout it has.
                unsafe {
                    let block = ALLOCATOR.alloc(layout);
                    assert_eq!(block as usize % align, 0, "{size} bytes, aligned {align}");
                    block.write_bytes(0xA5, size);
                    let grown = ALLOCATOR.realloc(block, layout, size * 3 + 5);
                    assert_eq!(
                        grown as usize % align,
                        0,
                        "grown from {size}, aligned {align}"
                    );
                    assert!((0..size).all(|i| *grown.add(i) == 0xA5));
                    let grown_layout = Layout::from_size_align(size * 3 + 5, align).unwrap();
                    let shrunk = ALLOCATOR.realloc(grown, grown_layout, size.div_ceil(2));
                    assert_eq!(shrunk as usize % align, 0, "shrunk, aligned {align}");
                    assert!((0..size.div_ceil(2)).all(|i| *shrunk.add(i) == 0xA5));
                    let shrunk_layout = Layout::from_size_align(size.div_ceil(2), align).unwrap();
                    ALLOCATOR.dealloc(shrunk, shrunk_layout);
                    let zeroed = ALLOCATOR.alloc_zeroed(layout);
                    assert_eq!(zeroed as usize % align, 0, "zeroed {size}, aligned {align}");
                    assert!((0..size).all(|i| *zeroed.add(i) == 0));
                    ALLOCATOR.dealloc(zeroed, layout);
                }
            }
        }
    }
}
