#!/usr/bin/env bash
# Benchmark: building translations from gettext PO files against building
# them from hand-translated `<slug>.<lang>.md` files, on the 10k clinics x 2
# languages corpus of ../shared/bench/gen_corpus.py (its French side is
# 10,000 `.fr.md` translations).
#
# The corpus is copied twice to /dev/shm: one copy as generated (French in
# `.fr.md`), one with its French in i18n/fr/<section>/<slug>.po. The corpus's
# French is not a block-for-block translation of its English, so
# `tandem translations import` refuses most of it (the script shows how
# much): benches/po_fill.py fills each record's template instead (every
# unit translated, links kept). The two builds then alternate over RUNS runs
# (5 unless set); the script prints each one's median wall time, its peak
# RSS and the ratio PO / Markdown, then times `tandem translations update`
# over the converted copy (templates written, every PO merged), twice: the
# first run writes what changed, the second finds nothing to write.
# Targets (issue 25): PO no more than 10% slower, peak memory within 1 GB,
# `update` under 5 s. Needs a quiet machine.
# Run: benches/po_vs_md.sh   (PAGES=1000 RUNS=1 for a smoke run)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
PAGES=${PAGES:-10000}
GEN=../shared/bench/gen_corpus.py
cargo build --release --locked --quiet
bin=$PWD/target/release/tandem

src=/dev/shm/bench-tandem-$PAGES
[ -f "$src/content/site.yaml" ] || python3 "$GEN" --pages "$PAGES" --langs en,fr --format tandem --out "$src" >/dev/null
work=$(mktemp -d /dev/shm/po-vs-md-XXXX)
results=$(mktemp -d /tmp/po-vs-md-XXXX)
trap 'rm -rf "$work" "$results"' EXIT
cp -r "$src" "$work/md"
cp -r "$src" "$work/po"
"$bin" translations import --root "$work/po" >"$results/import" 2>&1 || true
echo "import of the corpus's own French: $(grep -c '' "$results/import") lines of report, $(find "$work/po/i18n" -name '*.po' 2>/dev/null | wc -l) PO files"
rm -rf "$work/po" && cp -r "$src" "$work/po"
"$bin" translations update --root "$work/po" >/dev/null
python=python3; [ -x .venv/bin/python3 ] && python=.venv/bin/python3
"$python" benches/po_fill.py "$work/po"

measure() { # appends "seconds maxrss_kb" for one run of "$2..." to file $1
  local file=$1; shift
  /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1 >> "$file"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for _ in $(seq "$RUNS"); do
  for kind in md po; do
    out=$(mktemp -d /dev/shm/po-vs-md-out-XXXX)
    measure "$results/$kind" env TANDEM_TODAY=2026-01-01 "$bin" build --root "$work/$kind" --out "$out/public"
    rm -rf "$out"
  done
done
md=$(cut -d' ' -f1 "$results/md" | median)
po=$(cut -d' ' -f1 "$results/po" | median)
for kind in md po; do
  printf '%-3s median %6.2f s  peak %5d MB  runs: %s\n' "$kind" \
    "$(cut -d' ' -f1 "$results/$kind" | median)" \
    "$(( $(cut -d' ' -f2 "$results/$kind" | sort -n | tail -1) / 1024 ))" \
    "$(cut -d' ' -f1 "$results/$kind" | tr '\n' ' ')"
done
awk -v a="$po" -v b="$md" 'BEGIN { printf "PO / Markdown: %.3f\n", a / b }'
for run in first second; do
  /usr/bin/time -f "%e s, %M KB" "$bin" translations update --root "$work/po" 2>"$results/update" >/dev/null
  echo "update ($run run): $(tail -1 "$results/update")"
done
