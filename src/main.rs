//! The `tandem` binary: parse the command line, run the command, exit.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc instead of the system allocator: rendering allocates many small
/// strings on every core, where glibc's malloc spent a quarter of the build.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    without_huge_pages();
    let cli = tandem::cli::Cli::parse();
    tandem::cmd::run(cli.command)
}

/// Asks Linux for ordinary 4 KiB pages only. A build touches most of its
/// memory once, so a transparent huge page buys little: the kernel zeroes all
/// 2 MiB of it at the first touch, and on a virtual machine that hands unused
/// memory back to its host, each fresh huge page is also fetched from the
/// host. On the 2-core VM of the README's figures that zeroing was 17 % of the
/// build's CPU time; without it, 10k × 2 took 6.4 s instead of 7.8 s
/// (medians of 4 runs, each after a Hugo build, as in the benchmark).
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
