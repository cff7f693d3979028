#!/usr/bin/env bash
# Benchmark of `mcm run` against herd7 7.58 on Paul McKenney's corpus (issue 13):
# runs each test of the fixed lists (bench/make-lists.sh) single-threaded with the
# same command as herd7's oracle run (-conf linux-kernel.cfg), measures mcm's CPU
# time (perf stat's task-clock; linux-perf from Debian) and prints totals and ratios to
# herd7's CPU from the oracle, by herd7-time bucket as in the issue's table.
#
#   bench/speed.sh [sample|slowest|timeouts|all|LIST] [--herd7 PATH] [--timeout S] [--embedded]
#
# --herd7 PATH also runs that herd7 binary on each finished test and prints its
# measured CPU beside the oracle's. Not run by ctest (takes minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${MCM_SHARED_DIR:-../shared}
which=${1:-sample}
shift || true
herd7="" timeout=60 embedded=""
while [ $# -gt 0 ]; do
  case "$1" in
    --herd7) herd7=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --embedded) embedded=1; shift ;;
    *) echo "speed.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
case "$which" in
  sample) lists=(bench/paulmck-sample-400.txt) ;;
  slowest) lists=(bench/paulmck-slowest-40.txt) ;;
  timeouts) lists=(bench/paulmck-timeouts.txt) ;;
  all) lists=(bench/paulmck-sample-400.txt bench/paulmck-slowest-40.txt bench/paulmck-timeouts.txt) ;;
  *) [ -f "$which" ] || { echo "speed.sh: unknown list '$which' (sample, slowest, timeouts, all or a list file)" >&2; exit 2; }
     lists=("$(realpath "$which")") ;;
esac
[ -x build/mcm ] || { echo "speed.sh: build/mcm not found (build it first)" >&2; exit 2; }
mcm=$PWD/build/mcm
corpus=$shared/litmus/paulmck
model=(-conf linux-kernel.cfg -I "$shared/models/lkmm")
# --embedded: mcm runs its embedded LKMM (what `mcm run T.litmus` does; the same verdicts and
# output, tested against herd7's), herd7 (--herd7) still the kernel's files.
mcm_model=("${model[@]}")
if [ -n "$embedded" ]; then mcm_model=(); fi

# CPU seconds of one command (perf stat's task-clock: /usr/bin/time counts in 10 ms ticks, which
# read 0 for a small test), or "-" if it timed out or failed.
times=$(mktemp)
trap 'rm -f "$times"' EXIT
cpu() {
  if timeout "$timeout" perf stat -x, -e task-clock -o "$times" "$@" >/dev/null 2>&1; then
    awk -F, '/task-clock/ { printf "%.4f", $1 / 1000 }' "$times"
  else
    echo -
  fi
}

# One line per test: path, herd7 CPU (oracle), mcm CPU, herd7 CPU measured here.
measure() {
  while IFS=$'\t' read -r test herd; do
    mine=$(cpu "$mcm" run ${mcm_model[@]+"${mcm_model[@]}"} "$corpus/$test")
    measured=""
    if [ -n "$herd7" ] && [ "$herd" != "-" ]; then measured=$(cpu "$herd7" "${model[@]}" "$corpus/$test"); fi
    printf '%s\t%s\t%s\t%s\n' "$test" "$herd" "$mine" "$measured"
  done
}

summarise() {
  awk -F'\t' -v timeout="$timeout" '
  {
    n++; herd = $2; mine = $3
    if (mine == "-") { unfinished++; print "  over " timeout " s or failed: " $1; next }
    if (mine + 0 > worst) { worst = mine + 0; worstTest = $1 }
    if (herd == "-") { timeouts++; tmine += mine; next }
    b = herd < 0.05 ? 1 : herd < 0.2 ? 2 : herd < 5 ? 3 : 4
    cnt[b]++; h[b] += herd; m[b] += mine; H += herd; M += mine
    if ($4 != "") { measured += $4 }
  }
  END {
    split("under 0.05 s|0.05-0.2 s|0.2-5 s|over 5 s", name, "|")
    printf "%-24s %6s %12s %12s %9s\n", "herd7 CPU per test", "tests", "herd7 CPU s", "mcm CPU s", "herd7/mcm"
    for (b = 1; b <= 4; b++) if (cnt[b])
      printf "%-24s %6d %12.3f %12.3f %8.1fx\n", name[b], cnt[b], h[b], m[b], (m[b] > 0 ? h[b] / m[b] : 0)
    if (H) printf "%-24s %6d %12.3f %12.3f %8.1fx\n", "all herd7 finished", cnt[1]+cnt[2]+cnt[3]+cnt[4], H, M, (M > 0 ? H / M : 0)
    if (measured) printf "herd7 measured here: %.3f s CPU (%.1fx mcm)\n", measured, (M > 0 ? measured / M : 0)
    if (timeouts) printf "herd7 timeouts finished by mcm: %d, %.3f s CPU\n", timeouts, tmine
    if (unfinished) printf "not finished by mcm within %s s: %d\n", timeout, unfinished
    printf "slowest for mcm: %s (%.3f s)\n", worstTest, worst
  }'
}

for list in "${lists[@]}"; do
  echo "== $list"
  measure < "$list" | summarise
done
