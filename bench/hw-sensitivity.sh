#!/usr/bin/env bash
# Benchmark: how often `mcm hw` shows store buffering on this machine. Runs the seed
# table's SB pairs (no ordering; compiler barriers only; smp_mb() against a compiler
# barrier) for 10 M iterations each (-n to change) and prints, per test, the weak
# outcomes (the `exists` state) per million iterations and iterations per second.
# Extra arguments go to `mcm hw` (e.g. --barrier user --preload no: the former harness).
#
#   bench/hw-sensitivity.sh [-n ITERATIONS] [mcm hw options...]
#
# Uses build/mcm (build it first). Run it on a quiet machine for the headline number,
# and say so when it is not (`cat /proc/loadavg` is printed alongside).
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${MCM_SHARED_DIR:-../shared}
iterations=10000000
if [[ ${1:-} == -n ]]; then iterations=$2; shift 2; fi
tests=("$shared/litmus/seed/SB+poonceonces.litmus"
       "$shared/litmus/membarrier/SB+barrier+barrier.litmus"
       "$shared/litmus/membarrier/SB+mb+barrier.litmus")
echo "mcm hw -n $iterations $* on $(nproc) CPUs; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-24s %14s %14s\n' test "weak per M" "iterations/s"
for t in "${tests[@]}"; do
  out=$(build/mcm hw -n "$iterations" "$@" "$t")
  awk -v name="$(basename "$t" .litmus)" '
    /^Positive:/ { gsub(",", ""); pos = $2; neg = $4 }
    /^Time /     { secs = $3 }
    END { n = pos + neg; printf "%-24s %14.0f %14.0f\n", name, pos * 1e6 / n, n / secs }' <<<"$out"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
