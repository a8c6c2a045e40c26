//! The `tandem` binary: parse the command line, run the command, exit.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc instead of the system allocator: rendering allocates many small
/// strings on every core, where glibc's malloc spent a quarter of the build.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = tandem::cli::Cli::parse();
    tandem::cmd::run(cli.command)
}
