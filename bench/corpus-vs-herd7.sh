#!/usr/bin/env bash
# Benchmark: mcm over a corpus, single-threaded, beside herd7's own CPU times from
# the oracle TSV for the same tests. Prints the totals on the tests both finished,
# their ratio, and the 10 slowest tests of each tool (the summary of `mcm corpus`).
#
#   bench/corpus-vs-herd7.sh [paulmck|kernel|seed] [extra mcm corpus options...]
#
# Uses build/mcm (build it first) and the kernel's model files from ../shared.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${MCM_SHARED_DIR:-../shared}
corpus=${1:-paulmck}
shift || true
case "$corpus" in
  paulmck) oracle=herd7-paulmck-dev ;;
  kernel) oracle=herd7-kernel ;;
  seed) oracle=herd7-seed ;;
  *) echo "unknown corpus '$corpus' (paulmck, kernel or seed)" >&2; exit 2 ;;
esac
exec build/mcm corpus "$shared/litmus/$corpus" -j 1 --timeout 30 \
  -conf linux-kernel.cfg -I "$shared/models/lkmm" \
  --oracle "$shared/oracle/$oracle.tsv" --report "build/bench-$corpus.tsv" "$@"
