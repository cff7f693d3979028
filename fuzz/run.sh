#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 30), seeded from ../shared's tests and models and
# from fuzz/corpus/<target>/ (regression inputs kept in the repository). Exits non-zero on the first
# crash, hang, leak or sanitizer report; the failing input is left in build-fuzz/fuzz/artifacts/.
# Long campaign: fuzz/run.sh 1800   (CI: fuzz/run.sh 20); fuzz/run.sh 600 fuzz_cat runs one target.
set -euo pipefail
seconds=${1:-30}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_litmus fuzz_def fuzz_cat fuzz_cfg fuzz_pipeline)
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
  esac
}
language() {  # target -> dictionary
  case $1 in
    fuzz_litmus|fuzz_pipeline) echo litmus ;; fuzz_cat) echo cat ;; fuzz_def) echo def ;; fuzz_cfg) echo cfg ;;
  esac
}
suffixes() {  # target -> the file kinds that seed it
  case $1 in
    fuzz_litmus|fuzz_pipeline) echo litmus ;; fuzz_cat) echo "cat bell" ;; fuzz_def) echo def ;; fuzz_cfg) echo cfg ;;
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
  log="$work/$target.log"
  status=0
  "$bin/$target" "$corpus" -dict="$here/dict/$(language $target).dict" -max_total_time="$seconds" \
    -timeout=25 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 \
    -artifact_prefix="$bin/artifacts/$target-" >"$log" 2>&1 || status=$?
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE)' "$log" || true
  if [ $status -ne 0 ]; then
    grep -E -A30 '^==[0-9]+==(ERROR|WARNING)|^SUMMARY|deadly signal|Timeout|out-of-memory' "$log" | head -60
    echo "fuzz: $target failed (input in $bin/artifacts/)"
    exit 1
  fi
done
