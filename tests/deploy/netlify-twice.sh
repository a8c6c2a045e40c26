#!/usr/bin/env bash
# Netlify's own build, twice, on a clean clone: `netlify build --offline`
# (npm's netlify-cli) runs netlify.toml as Netlify does, the local plugin
# netlify/plugins/tandem-binary included. The first build compiles the
# generator and saves it in the build cache; then, as between two deploys,
# the clone is cleaned of everything git does not track but the build cache
# (.netlify/), an editor's content change is committed, and the second build
# must restore the generator and compile nothing. Checks both logs and the
# published site, and prints each build's time.
#
# Not part of scripts/test: the first build compiles the release profile
# (minutes), and netlify-cli is about 350 MB (installed once into
# target/netlify-cli). Run: tests/deploy/netlify-twice.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
version=27.10.2
cli=$repo/target/netlify-cli
netlify=$cli/node_modules/.bin/netlify
if [ ! -x "$netlify" ]; then
  echo "installing netlify-cli@$version into target/netlify-cli" >&2
  npm install --prefix "$cli" --no-audit --no-fund --loglevel=error "netlify-cli@$version"
fi

work=$(mktemp -d /tmp/tandem-netlify-twice-XXXX)
logs=$repo/target/netlify-twice
mkdir -p "$logs"
trap 'rm -rf "$work"' EXIT
git clone --quiet "$repo" "$work/site"
cd "$work/site"

fail() { echo "netlify-twice: $*" >&2; exit 1; }
build() { # build LOG: one `netlify build --offline`, its log and seconds
  local start end
  start=$(date +%s)
  "$netlify" build --offline > "$logs/$1.log" 2>&1 || { tail -30 "$logs/$1.log" >&2; fail "netlify build $1 failed"; }
  end=$(date +%s)
  echo $((end - start))
}
home_ok() {
  grep -q '<html lang="en"' public/index.html || fail "$1: public/index.html is not the English home page"
  [ -f public/_redirects ] || fail "$1: no public/_redirects"
}

first=$(build first)
grep -q 'Compiling tandem' "$logs/first.log" || fail "the first build compiled nothing (see $logs/first.log)"
grep -q 'saved to the build cache' "$logs/first.log" || fail "the first build saved no binary"
home_ok first

# Between two deploys: a fresh checkout, with only Netlify's build cache.
git clean -fdxq -e .netlify
[ ! -e .tandem-bin ] && [ ! -e target ] || fail "git clean left the binary or target/"
printf '\nA line an editor added.\n' >> content/pages/about.md
git -c user.name=editor -c user.email=editor@example.org commit -qam "An editor's change to the About page"

second=$(build second)
if grep -E 'Compiling|cargo build' "$logs/second.log"; then
  fail "the second build compiled (see $logs/second.log)"
fi
grep -q 'restored from the build cache' "$logs/second.log" || fail "the second build did not restore the binary"
grep -q 'no compile' "$logs/second.log" || fail "the second build did not reuse the binary"
grep -q 'A line an editor added.' public/about/index.html || fail "the second build did not publish the change"
home_ok second
echo "netlify build --offline on a clean clone: first ${first} s (compiles the release build), second ${second} s after a content change (no compile); logs in target/netlify-twice/"
