//! The `tandem` binary: parse the command line, run the command, exit.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = tandem::cli::Cli::parse();
    tandem::cmd::run(cli.command)
}
