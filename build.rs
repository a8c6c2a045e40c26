//! Build script: records the commit the binary was built from, for
//! `tandem --version` ("tandem 0.1.0 (commit 1a2b3c4d5e6f)"). Outside a git
//! checkout (a source tarball) the commit reads "unknown".

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
        .filter(|s| !s.is_empty())
}

fn main() {
    let commit = git(&["rev-parse", "--short=12", "HEAD"]).unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=TANDEM_COMMIT={commit}");
    println!("cargo:rerun-if-changed=build.rs");
    // Built again when HEAD moves: a new commit on the branch or another branch.
    if let Some(head) =
        git(&["rev-parse", "--git-path", "HEAD"]).filter(|p| std::path::Path::new(p).exists())
    {
        println!("cargo:rerun-if-changed={head}");
    }
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        // A missing file would make Cargo run this script on every build.
        let loose =
            git(&["rev-parse", "--git-path", &branch]).filter(|p| std::path::Path::new(p).exists());
        if let Some(reference) = loose {
            println!("cargo:rerun-if-changed={reference}");
        }
    }
}
