//! The service worker, `sw.js` at the root of the output (a worker serves
//! only the pages under its own folder): it keeps the pages a visitor opens
//! and the hashed files they use, so that what they saw keeps working
//! offline (see `worker.js`). Its version is a hash of every search
//! manifest's and theme asset's name and of its own source, so any build
//! that changes them installs a new worker, whose caches replace the old.

use sha2::{Digest, Sha256};

use super::files::short_hash;

/// The worker's source.
const SOURCE: &str = include_str!("worker.js");

/// The service worker of one build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worker {
    /// What its caches are named after; the search page names them too.
    pub version: String,
}

impl Worker {
    /// The worker of a build whose hashed files are named `names`.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut digest = Sha256::new();
        digest.update(SOURCE.as_bytes());
        for name in names {
            digest.update(name.as_bytes());
            digest.update([0]);
        }
        Worker {
            version: short_hash(&digest.finalize()),
        }
    }

    /// Its path under the output root.
    pub fn path(&self) -> &'static str {
        "sw.js"
    }

    /// The script: the source without its comment lines, with its version.
    pub fn bytes(&self) -> Vec<u8> {
        let mut out = String::with_capacity(SOURCE.len());
        for line in SOURCE.lines().filter(|l| !l.trim_start().starts_with("//")) {
            out.push_str(line);
            out.push('\n');
        }
        out.replace("__VERSION__", &self.version).into_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_follows_the_names_and_the_script_carries_it() {
        let one = Worker::new(["search/en/manifest.0123456789.json.gz"]);
        let same = Worker::new(["search/en/manifest.0123456789.json.gz"]);
        let other = Worker::new(["search/en/manifest.abcdefabcd.json.gz"]);
        assert_eq!(one, same);
        assert_ne!(one.version, other.version);
        let script = String::from_utf8(one.bytes()).expect("UTF-8");
        assert!(script.contains(&format!("\"{}\"", one.version)));
        assert!(!script.contains("__VERSION__") && !script.contains("\n//"));
    }
}
