#!/usr/bin/env bash
# Runs `mcm corpus` as N shards with GNU parallel, on this machine or on the
# machines given to parallel with --sshlogin (each needs mcm and the corpus at the
# same paths), then merges the shards' reports into one run's summary and report.
#
#   scripts/corpus-parallel.sh [--shards N] [--mcm PATH] [--out DIR] [PARALLEL-OPTION]... -- CORPUS-ARGS...
#
# PARALLEL-OPTIONs (--jobs 2, --sshlogin 8/host1,8/host2, --sshloginfile FILE, ...)
# go to parallel as they are; by default all shards run here at once. With
# --sshlogin, each shard's report is brought back (--return) and removed there.
# Output: DIR/shard-I.json and DIR/shard-I.txt per shard, DIR/merged.json; the
# merged summary on stdout; the exit status of `mcm corpus --merge`.
set -euo pipefail

shards=4 mcm=mcm out=. parallel_options=() remote=()
while [ $# -gt 0 ]; do
  case "$1" in
    -S|--sshlogin|--sshloginfile|--slf) remote=(yes); parallel_options+=("$1" "$2"); shift 2 ;;
    --shards) shards=$2; shift 2 ;;
    --mcm) mcm=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --) shift; break ;;
    *) parallel_options+=("$1"); shift ;;
  esac
done
[ $# -gt 0 ] || { echo "usage: $0 [--shards N] [--mcm PATH] [--out DIR] [PARALLEL-OPTION]... -- CORPUS-ARGS..." >&2; exit 2; }
mkdir -p "$out"
out=$(cd "$out" && pwd)

# A shard exits 1 when it has mismatches, which the merge reports; any other failure stops here.
[ ${#remote[@]} -gt 0 ] && remote=(--return "$out/shard-{}.json" --cleanup)
parallel --jobs "$shards" "${parallel_options[@]}" "${remote[@]}" \
  "$(printf '%q ' "$mcm" corpus "$@") --shard {}/$shards --report $out/shard-{}.json > $out/shard-{}.txt || test \$? -eq 1" \
  ::: $(seq 1 "$shards")
reports=()
for i in $(seq 1 "$shards"); do reports+=("$out/shard-$i.json"); done
exec "$mcm" corpus --merge "${reports[@]}" --report "$out/merged.json"
