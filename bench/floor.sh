#!/usr/bin/env bash
# Benchmark of the floor (issue 13, goal 1): what one `mcm run` of a small test costs, whole
# process, embedded model. Prints, for SB+poonceonces (nothing fails) and
# MP+wmbonceonce+rmbonceonce (a check fails, so the evaluator throws), the instructions
# (callgrind: repeatable), the CPU time and page faults (perf stat, mean of -r runs), and
# the same CPU measure of /bin/true: what any process start costs on this machine.
#
#   bench/floor.sh [-r RUNS]
#
# Uses build/mcm (build it first); valgrind and perf from Debian (linux-perf).
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${MCM_SHARED_DIR:-../shared}
runs=100
if [[ ${1:-} == -r ]]; then runs=$2; fi
[[ -x build/mcm ]] || { echo "floor.sh: build/mcm not found (build it first)" >&2; exit 2; }
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-30s %14s %12s %12s\n' command instructions "CPU ms" "page faults"
stat_of() {  # perf stat's mean task-clock (ms) and page faults of a command
  perf stat -r "$runs" -e task-clock,page-faults "$@" 2>&1 >/dev/null |
    awk '/task-clock/ { ms = $1 } /page-faults/ { pf = $1 } END { printf "%12s %12s", ms, pf }'
}
for t in SB+poonceonces MP+wmbonceonce+rmbonceonce; do
  file=$shared/litmus/seed/$t.litmus
  ir=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null build/mcm run "$file" 2>&1 >/dev/null |
       awk '/refs:/ { gsub(",", "", $NF); print $NF }')
  printf '%-30s %14s %s\n' "mcm run $t" "$ir" "$(stat_of build/mcm run "$file")"
done
printf '%-30s %14s %s\n' "/bin/true" "-" "$(stat_of /bin/true)"
