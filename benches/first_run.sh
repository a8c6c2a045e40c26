#!/usr/bin/env bash
# A new user's first run: clones this repository into a temporary folder,
# runs the README's run command exactly as written there (the first command
# of the block after the README's `first-run` marker), and polls until the
# server answers `/`, `/ar/` and a clinic page; then prints the seconds from
# the start of the command, and the CPU time it took (user + system, from
# /proc: a shared machine stretches the wall time, not the CPU time).
# The clone starts without target/, so cargo compiles everything, as on a
# new machine; crates already in ~/.cargo/registry are not downloaded again.
# Needs the command's port free (1111 unless the command says otherwise).
# The target (issue 29) is at most 3 minutes on two cores, measured on a
# machine nobody else is using.
# Run: benches/first_run.sh          (TIMEOUT=900 seconds unless set)
# Another command, to compare: COMMAND="cargo run --release -- serve" benches/first_run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
timeout=${TIMEOUT:-900}

command=${COMMAND:-}
[ -n "$command" ] || command=$(awk '/<!-- first-run/ {marked=1; next}
  marked && /^```/ {if (inside) exit; inside=1; next}
  inside && !/^#/ && NF {print; exit}' README.md)
[ -n "$command" ] || { echo "no command after the README's first-run marker" >&2; exit 1; }
port=$(printf '%s\n' "$command" | sed -n 's/.*--port[ =]\([0-9]*\).*/\1/p')
port=${port:-1111}
if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
  echo "port $port is in use: stop what listens there first" >&2
  exit 1
fi

work=$(mktemp -d /tmp/tandem-first-run-XXXX)
pid=
cleanup() {
  [ -n "$pid" ] && kill -- "-$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

git clone --quiet "$repo" "$work/tandem"
cd "$work/tandem"
clinic=$(find content/clinics -name '*.md' | grep -v '\.[a-z]*\.md$' | sort | head -1)
clinic=$(basename "$clinic" .md)
paths=("/" "/ar/" "/clinics/$clinic/")

echo "running: $command   (in a fresh clone, $(nproc) cores)" >&2
start=$(date +%s.%N)
setsid bash -c "$command" > "$work/log" 2>&1 &
pid=$!

# User + system time of the command's processes so far: each live process's
# own and that of the children it has waited for (cargo waits for rustc, and
# `cargo run` is still alive, as the server's parent, when this is read).
cpu_seconds() {
  local ticks
  ticks=$(ps -o pgid=,pid= -e | awk -v g="$pid" '$1 == g {print $2}' |
    while read -r p; do awk '{print $14 + $15 + $16 + $17}' "/proc/$p/stat" 2>/dev/null; done |
    awk '{s += $1} END {print s + 0}')
  echo "$ticks $(getconf CLK_TCK)" | awk '{printf "%.0f", $1 / $2}'
}

answered=0
while :; do
  now=$(date +%s.%N)
  elapsed=$(echo "$now - $start" | bc)
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "the command ended before serving:" >&2
    tail -20 "$work/log" >&2
    exit 1
  fi
  ok=0
  for path in "${paths[@]}"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$path" || true)
    [ "$code" = 200 ] && ok=$((ok + 1))
  done
  if [ "$ok" -eq ${#paths[@]} ]; then
    answered=1
    break
  fi
  if [ "$(echo "$elapsed > $timeout" | bc)" = 1 ]; then break; fi
  sleep 1
done

if [ "$answered" = 1 ]; then
  printf 'first run: %.0f s from a fresh clone to %s answering %s (CPU %s s; command: %s)\n' \
    "$elapsed" "127.0.0.1:$port" "${paths[*]}" "$(cpu_seconds)" "$command"
  grep -E 'Finished|Built|Compiling tandem' "$work/log" | sed 's/^/  log: /' || true
else
  echo "no answer after $timeout s" >&2
  tail -20 "$work/log" >&2
  exit 1
fi
