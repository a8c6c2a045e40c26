//! Every fixture case as a test of its own, runnable by name:
//!
//! ```text
//! cargo test --test fixtures                          # all of them
//! cargo test --test fixtures hostile::yaml-alias-bomb # one
//! cargo test --test fixtures check::                  # the validation rules
//! ```
//!
//! The cases are the folders of `tests/fixtures/check/` (one per
//! validation rule) and `tests/fixtures/hostile/` (the hostile-input
//! corpus); what each must do is in `it/cases.rs`.

#[allow(dead_code)]
#[path = "it/support.rs"]
mod support;

#[path = "it/cases.rs"]
mod cases;

use libtest_mimic::{Arguments, Failed, Trial};

fn main() {
    let args = Arguments::from_args();
    let rules = cases::cases("check");
    let hostile = cases::cases("hostile");
    let mut trials = vec![Trial::test("corpus::has_at_least_100_cases", {
        let count = rules.len() + hostile.len();
        move || {
            (count >= 100).then_some(()).ok_or_else(|| {
                Failed::from(format!(
                    "{count} fixture cases; the corpus has at least 100"
                ))
            })
        }
    })];
    for (kind, folder, run) in [
        (
            "check",
            rules,
            cases::rule as fn(&std::path::Path) -> Result<(), String>,
        ),
        ("hostile", hostile, cases::hostile),
    ] {
        for case in folder {
            let name = format!("{kind}::{}", case.file_name().unwrap().to_string_lossy());
            trials.push(Trial::test(name, move || run(&case).map_err(Failed::from)));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}
