// Netlify build plugin: the tandem binary, reused across deploys.
//
// Before the build command runs, it restores .tandem-bin/ (the binary and
// its fingerprint, see scripts/fingerprint) from Netlify's build cache, then
// runs scripts/tandem-binary, which keeps the binary when the fingerprint of
// the sources compiled into it is unchanged and otherwise builds it with
// `cargo build --release --locked`. A newly built binary is saved to the
// cache at once, so that it is kept even when the content then fails to
// build. A deploy of a content-only change therefore compiles nothing.
const { readFileSync } = require("node:fs");

const DIR = ".tandem-bin";

function fingerprint() {
  try {
    return readFileSync(`${DIR}/fingerprint`, "utf8").trim();
  } catch {
    return "";
  }
}

module.exports = {
  async onPreBuild({ utils }) {
    if (await utils.cache.restore(DIR)) {
      console.log(`tandem-binary: ${DIR} restored from the build cache (fingerprint ${fingerprint().slice(0, 12)})`);
    } else {
      console.log(`tandem-binary: no ${DIR} in the build cache`);
    }
    const before = fingerprint();
    try {
      await utils.run("scripts/tandem-binary");
    } catch (error) {
      utils.build.failBuild("tandem-binary: building the generator failed", { error });
    }
    if (fingerprint() !== before) {
      await utils.cache.save(DIR);
      console.log(`tandem-binary: ${DIR} saved to the build cache`);
    }
  },
};
