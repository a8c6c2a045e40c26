#!/usr/bin/env bash
# Benchmark: time of `tandem build` on bodies of deeply nested raw HTML
# (issue 30: 40,000 nested <div> took 16.8 s before the depth limit, a 2 MB
# file did not finish in 10 minutes). Prints, for each case, the wall time,
# the exit code and the first line tandem printed, and the ratio of each
# size to the one ten times smaller: linear work shows a ratio of 10 or less.
#  - deep:   N nested <div> in one body (10k, 100k, 1M): an error at its
#            line (past 100 levels), or the file-size error for the largest;
#  - legal:  N sibling blocks of 50 nested <div> (300, 3,000), which build.
# Uses target/release/tandem (built first). Run: benches/nested_html.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="$PWD/target/release/tandem"
work=$(mktemp -d /tmp/nested-XXXX)
trap 'rm -rf "$work"' EXIT

site() { # site FOLDER PYTHON-EXPRESSION-FOR-THE-BODY
  cp -r tests/fixtures/check/_base "$1"
  python3 -c "import sys; body = $2; open(sys.argv[1] + '/content/pages/deep.md', 'w').write('---\ntitle: Deep\n---\nText.\n\n' + body + '\n')" "$1"
}

run() { # run LABEL N PYTHON-EXPRESSION (with n)
  local dir="$work/$1-$2"
  site "$dir" "$(echo "$3" | sed "s/\bn\b/$2/g")"
  local start end code first
  start=$(date +%s.%N)
  set +e
  first=$("$bin" build --root "$dir" --out "$dir-out" 2>&1 | head -1)
  code=${PIPESTATUS[0]}
  set -e
  end=$(date +%s.%N)
  local seconds
  seconds=$(echo "$end - $start" | bc -l)
  printf '%-6s %8d  %7.3f s  exit %d  %s\n' "$1" "$2" "$seconds" "$code" "${first:0:110}"
  echo "$seconds" > "$work/time-$1-$2"
}

ratio() { printf '  %s %s → %s: time ×%.1f for 10× the input\n' "$1" "$2" "$3" \
  "$(echo "$(cat "$work/time-$1-$3") / $(cat "$work/time-$1-$2")" | bc -l)"; }

for n in 10000 100000 1000000; do run deep $n "'<div>' * n + 'x' + '</div>' * n"; done
for n in 300 3000; do run legal $n "('<div>' * 50 + 'x' + '</div>' * 50 + '\n\n') * n"; done
ratio deep 10000 100000
ratio deep 100000 1000000
ratio legal 300 3000
