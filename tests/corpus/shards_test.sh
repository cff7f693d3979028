#!/usr/bin/env bash
# `mcm corpus --shard I/N` + `--merge`, run as the README shows: 4 shards of the
# kernel and seed corpora (judged against herd7's results too) through GNU parallel
# (scripts/corpus-parallel.sh) and through the Slurm example run as its array tasks
# would be; each merge must give one run's report byte for byte (apart from the
# per-test CPU times, which no two runs share), its verdict lines and exit status.
# usage: shards_test.sh MCM SHARED_DIR SOURCE_DIR
set -euo pipefail
mcm=$1 shared=$2 src=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One oracle for both roots: their keys do not collide.
{ cat "$shared/oracle/herd7-kernel.tsv"; tail -n +2 "$shared/oracle/herd7-seed.tsv"; } > "$work/herd7.tsv"
cat "$shared/oracle/herd7-kernel.out" "$shared/oracle/herd7-seed.out" > "$work/herd7.out"
args=("$shared/litmus/kernel" "$shared/litmus/seed" --oracle "$work/herd7.tsv" --timeout 120)

fail() { echo "FAIL: $*" >&2; exit 1; }
# Reports and summaries without the run-dependent times.
untimed_json() { sed -E 's/"seconds": [0-9.e+-]+/"seconds": T/' "$1"; }
verdicts() { sed -n '/^run status:/,/^Slowest tests/p' "$1" | grep -v '^Slowest tests'; }

status=0
"$mcm" corpus "${args[@]}" -j 2 --report "$work/one.json" > "$work/one.txt" || status=$?
[ "$status" -le 1 ] || fail "the single run exited $status"
grep -q '^== Summary: 83 tests' "$work/one.txt" || fail "expected 83 tests: $(head -3 "$work/one.txt")"

check_merge() {  # NAME MERGED.json MERGED.txt MERGE-STATUS
  [ "$4" -eq "$status" ] || fail "$1: merge exited $4, one run $status"
  diff <(untimed_json "$work/one.json") <(untimed_json "$2") || fail "$1: merged report differs"
  diff <(verdicts "$work/one.txt") <(verdicts "$3") || fail "$1: merged verdicts differ"
  grep -q '^== Summary: 83 tests' "$3" || fail "$1: merged summary is not over 83 tests"
}

# GNU parallel, 4 shards as local jobs.
merged_status=0
"$src/scripts/corpus-parallel.sh" --shards 4 --mcm "$mcm" --out "$work/parallel" -- "${args[@]}" -j 1 \
  > "$work/parallel.txt" || merged_status=$?
for i in 1 2 3 4; do [ -s "$work/parallel/shard-$i.json" ] || fail "parallel: no report for shard $i"; done
check_merge parallel "$work/parallel/merged.json" "$work/parallel.txt" "$merged_status"

# The Slurm example, its 4 array tasks run one after the other.
mkdir "$work/slurm"
for i in 1 2 3 4; do
  (cd "$work/slurm" && SLURM_ARRAY_TASK_ID=$i SLURM_ARRAY_TASK_COUNT=4 MCM=$mcm \
    bash "$src/scripts/corpus-slurm.sbatch" "${args[@]}") || fail "slurm task $i failed"
done
merged_status=0
"$mcm" corpus --merge "$work"/slurm/corpus-shard-{1,2,3,4}.json --report "$work/slurm/merged.json" \
  > "$work/slurm.txt" || merged_status=$?
check_merge slurm "$work/slurm/merged.json" "$work/slurm.txt" "$merged_status"

# The TSV report of a merge is one run's too.
"$mcm" corpus --merge "$work"/parallel/shard-*.json --report "$work/merged.tsv" > /dev/null || true
"$mcm" corpus "${args[@]}" -j 2 --report "$work/one.tsv" > /dev/null || true
diff <(cut -f1-7,9- "$work/one.tsv") <(cut -f1-7,9- "$work/merged.tsv") || fail "merged TSV differs"

# Overlapping shards are refused.
if "$mcm" corpus --merge "$work/parallel/shard-1.json" "$work/parallel/shard-1.json" > /dev/null 2> "$work/err"; then
  fail "merging a shard twice succeeded"
fi
grep -q 'is also in' "$work/err" || fail "no overlap message: $(cat "$work/err")"
echo "shards: 4 shards via GNU parallel and via the Slurm example merge to one run's report"
