//! The `tandem` binary: parse the command line, run the command, exit.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc instead of the system allocator: rendering allocates many small
/// strings on every core, where glibc's malloc spent a quarter of the build.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
