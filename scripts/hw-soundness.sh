#!/usr/bin/env bash
# Soundness of `mcm hw` on this machine over whole corpora: runs every test (or every K-th,
# in sorted path order: a deterministic sample) with `mcm hw --against MODEL` and counts
# the tests that ran, the observed states the model forbids (must be 0: a wrong runner or
# a wrong model), and the tests hw refuses, by reason (another architecture, a primitive
# with no user-space counterpart, ...). Exit status 3 if any state was forbidden, 1 if a
# test failed (compiler, stuck thread, timeout), else 0. A test that ran but that the model
# could not judge in time (some of Paul McKenney's tests take it minutes) is counted apart.
#
#   scripts/hw-soundness.sh [-j JOBS] [-k K] [-n ITERATIONS] [--timeout S] [--against MODEL]
#                           [--mcm PATH] [--out DIR [--resume]] PATH...
#
# Defaults: -j 1 (tests compile in parallel, but runs in parallel share CPUs), -k 1 (all),
# -n 1000, --timeout 600 s per test, --against lkmm, build/mcm. DIR (default: a temporary
# directory) receives results.tsv (path, status, detail) and each test's output in log/.
# --resume: the tests DIR/results.tsv already judged (a run that was stopped) are not run again;
# their lines are kept and the summary covers them too (failed, timed-out and unjudged ones run again).
# The full run of README "Hardware runs":  scripts/hw-soundness.sh -j 2 ../shared/litmus
set -euo pipefail
jobs=1 k=1 iterations=1000 timeout=600 against=lkmm out="" resume=0
mcm="$(cd "$(dirname "$0")/.." && pwd)/build/mcm"
while [[ $# -gt 0 ]]; do
  case $1 in
    -j) jobs=$2; shift 2 ;;
    -k) k=$2; shift 2 ;;
    -n) iterations=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --against) against=$2; shift 2 ;;
    --mcm) mcm=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --resume) resume=1; shift ;;
    -*) echo "hw-soundness.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
[[ $# -gt 0 ]] || { echo "usage: hw-soundness.sh [-j JOBS] [-k K] [-n N] [--timeout S] [--against MODEL] [--mcm PATH] [--out DIR [--resume]] PATH..." >&2; exit 2; }
[[ -x $mcm ]] || { echo "hw-soundness.sh: $mcm is not built" >&2; exit 2; }
[[ $resume == 0 || -n $out ]] || { echo "hw-soundness.sh: --resume needs --out DIR" >&2; exit 2; }
[[ -n $out ]] || out=$(mktemp -d)
mkdir -p "$out/log"
touch "$out/results.tsv"
if [[ $resume == 1 ]]; then  # failed, timed-out and unjudged tests (a run killed midway, an older mcm) are tried again
  awk -F'\t' '$2 != "failed" && $2 != "timeout" && $2 != "unjudged"' "$out/results.tsv" > "$out/results.kept"
  mv "$out/results.kept" "$out/results.tsv"
else
  : > "$out/results.tsv"
fi

# One test: its status line on stdout.
one() {
  local file=$1 log status detail
  log="$out/log/$(echo "$file" | tr '/' '_').txt"
  set +e
  timeout "$timeout" "$mcm" hw -n "$iterations" --against "$against" "$file" >"$log" 2>&1
  status=$?
  set -e
  case $status in
    0) if grep -q '^Against .* Ok$' "$log"; then status=ok detail=ok; else detail="unjudged: $(grep -m1 'cannot judge' "$log" || echo 'no Against line')"; status=unjudged; fi ;;
    3) detail=$(grep -m1 '^!!! FORBIDDEN' "$log"); status=forbidden ;;
    2) detail=$(grep -m1 -o 'unsupported on hardware: .*\|[A-Za-z0-9]* test: mcm hw runs C litmus tests only' "$log" ||
                grep -m1 'error' "$log" || echo 'exit status 2')
       detail=${detail//\"*\"/NAME}; status=refused ;;
    124) if grep -q '^Observation ' "$log"; then status=unjudged detail="ran, but the model took over ${timeout} s"
         else status=timeout detail="over ${timeout} s"; fi ;;
    # A refusal the test program itself makes on the path it takes (synchronize_rcu() inside
    # rcu_read_lock(), which would deadlock) ends as a failed program: still a refusal.
    *) if detail=$(grep -m1 -o 'unsupported on hardware: .*' "$log"); then status=refused
       else detail=$(grep -m1 'error' "$log" || echo "exit status $status"); status=failed; fi ;;
  esac
  printf '%s\t%s\t%s\n' "$file" "$status" "$detail"
}
export -f one
export out timeout mcm iterations against

find "$@" -name '*.litmus' | LC_ALL=C sort | awk -v k="$k" '(NR - 1) % k == 0' |
  awk -v judged="$out/results.tsv" 'BEGIN { while ((getline line < judged) > 0) { split(line, f, "\t"); done[f[1]] = 1 } }
                                     !($0 in done)' |
  nice xargs -d '\n' -P "$jobs" -I{} bash -c 'one "$1"' _ {} | tee -a "$out/results.tsv" |
  awk -F'\t' '{ printf "\r%d tests", NR > "/dev/stderr" }'
echo >&2

# Summary: statuses, then the refusals and failures by reason.
awk -F'\t' '
  { status[$2]++; if ($2 != "ok") reason[$2 ": " $3]++; total++ }
  END {
    printf "%d tests: %d ok, %d forbidden, %d refused, %d failed, %d timeout, %d unjudged\n", total,
           status["ok"], status["forbidden"], status["refused"], status["failed"], status["timeout"], status["unjudged"]
    for (r in reason) printf "%7d  %s\n", reason[r], r | "sort -k2"
  }' "$out/results.tsv"
echo "results: $out/results.tsv"
[[ -s $out/results.tsv ]] || { echo "hw-soundness.sh: no test under $*" >&2; exit 1; }
if grep -q $'\tforbidden\t' "$out/results.tsv"; then exit 3; fi
if grep -q $'\t\\(failed\\|timeout\\)\t' "$out/results.tsv"; then exit 1; fi
exit 0
