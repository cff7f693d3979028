#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 30), seeded from ../shared's tests and models and
# from fuzz/corpus/<target>/ (regression inputs kept in the repository). Exits non-zero on the first
# crash, hang, leak or sanitizer report; the failing input is left in build-fuzz/fuzz/artifacts/.
# Long campaign: MCM_FUZZ_RUNS=1000000 fuzz/run.sh 1800 (a million inputs or 30 min per target, whichever
# comes first; CI: fuzz/run.sh 20); fuzz/run.sh 600 fuzz_cat runs one target.
# MCM_FUZZ_KEEP=1: afterwards, the inputs the run found that add coverage beyond its seeds (libFuzzer's
# merge) join fuzz/corpus/<target>/, so later runs, CI's included, start from them (never the seeds
# themselves: those stay in ../shared). MCM_FUZZ_TIMEOUT=S: the wall-clock time one input may take (25 s;
# raise it on a loaded machine, where a slow input is not a hang).
set -euo pipefail
seconds=${1:-30}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_litmus fuzz_def fuzz_cat fuzz_cfg fuzz_pipeline fuzz_riscv)
here=$(cd "$(dirname "$0")" && pwd)
shared=${MCM_SHARED_DIR:-$here/../../shared}
bin=${MCM_FUZZ_BUILD:-$here/../build-fuzz}/fuzz
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$bin/artifacts"

seeds() {  # target -> directories whose files seed it
  case $1 in
    fuzz_litmus|fuzz_pipeline) echo "$shared/litmus/seed $shared/litmus/kernel $shared/litmus/membarrier" ;;
    fuzz_cat) echo "$shared/models/lkmm $shared/models/lkmm-2018 $here/../src/cat/lib" ;;
    fuzz_def|fuzz_cfg) echo "$shared/models/lkmm $shared/models/lkmm-2018" ;;
    fuzz_riscv) echo "$shared/litmus/riscv/non-mixed-size/BASIC_2_THREAD $shared/litmus/riscv/non-mixed-size/ATOMICS/BASIC_2_THREAD $shared/litmus/riscv/non-mixed-size/CO $shared/litmus/riscv/mixed-size/HAND" ;;
  esac
}
language() {  # target -> dictionary
  case $1 in
    fuzz_litmus|fuzz_pipeline) echo litmus ;; fuzz_cat) echo cat ;; fuzz_def) echo def ;; fuzz_cfg) echo cfg ;;
    fuzz_riscv) echo riscv ;;
  esac
}
suffixes() {  # target -> the file kinds that seed it
  case $1 in
    fuzz_litmus|fuzz_pipeline|fuzz_riscv) echo litmus ;; fuzz_cat) echo "cat bell" ;; fuzz_def) echo def ;; fuzz_cfg) echo cfg ;;
  esac
}

for target in "${targets[@]}"; do
  corpus="$work/$target"; mkdir -p "$corpus"
  for d in $(seeds $target); do
    for suffix in $(suffixes $target); do
      find -L "$d" -maxdepth 3 -type f -name "*.$suffix" -exec cp {} "$corpus/" \; 2>/dev/null || true
    done
  done
  if [ -d "$here/corpus/$target" ]; then cp "$here/corpus/$target"/* "$corpus/"; fi
  echo "== $target: ${seconds}s, $(ls "$corpus" | wc -l) seeds"
  [ -z "${MCM_FUZZ_KEEP:-}" ] || cp -r "$corpus" "$work/$target-seeds"
  log="$work/$target.log"
  status=0
  "$bin/$target" "$corpus" -dict="$here/dict/$(language $target).dict" -max_total_time="$seconds" ${MCM_FUZZ_RUNS:+-runs=$MCM_FUZZ_RUNS} \
    -timeout="${MCM_FUZZ_TIMEOUT:-25}" -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 \
    -artifact_prefix="$bin/artifacts/$target-" >"$log" 2>&1 || status=$?
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE)' "$log" || true
  grep -E '^#[0-9]+[[:space:]].*cov: ' "$log" | tail -1 || true   # the last coverage line: edges (cov) and features (ft)
  if [ $status -ne 0 ]; then
    grep -E -A30 '^==[0-9]+==(ERROR|WARNING)|^SUMMARY|deadly signal|Timeout|out-of-memory' "$log" | head -60
    echo "fuzz: $target failed (input in $bin/artifacts/)"
    exit 1
  fi
  if [ -n "${MCM_FUZZ_KEEP:-}" ]; then
    seeds="$work/$target-seeds"
    ls "$seeds" | sort > "$work/before"
    "$bin/$target" -merge=1 "$seeds" "$corpus" -max_len=8192 -timeout=25 -rss_limit_mb=2048 >"$log" 2>&1
    mkdir -p "$here/corpus/$target"
    ls "$seeds" | sort | comm -13 "$work/before" - | while read -r f; do cp "$seeds/$f" "$here/corpus/$target/"; done
    echo "kept $(ls "$here/corpus/$target" | wc -l) inputs in fuzz/corpus/$target"
  fi
done
