#!/usr/bin/env bash
# Output is deterministic whatever the thread count: `mcm corpus` (its report
# without the per-test CPU times) and `mcm compare` (stdout) give the same bytes
# with -j 1 and -j 2 on the seed and kernel corpora (judged against herd7 too);
# corpus also with -j 3, where the last tests get the idle jobs' threads.
# usage: determinism_test.sh MCM SHARED_DIR
set -euo pipefail
mcm=$1 shared=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
untimed() { awk -F'\t' 'BEGIN { OFS = "\t" } NR == 1 { for (i = 1; i <= NF; i++) if ($i == "cpu_s") c = i } { if (c) $c = "T"; print }' "$1"; }

for j in 1 2; do
  "$mcm" corpus "$shared/litmus/kernel" --oracle "$shared/oracle/herd7-kernel.tsv" -j $j --report "$work/kernel-$j.tsv" \
    > /dev/null 2>&1 || fail "corpus -j $j"
  "$mcm" compare tso lkmm "$shared/litmus/seed" "$shared/litmus/kernel" -j $j > "$work/compare-$j.txt" 2> /dev/null ||
    fail "compare -j $j"
done
"$mcm" corpus "$shared/litmus/kernel" --oracle "$shared/oracle/herd7-kernel.tsv" -j 3 --report "$work/kernel-3.tsv" \
  > /dev/null 2>&1 || fail "corpus -j 3"
[ "$(wc -l < "$work/kernel-1.tsv")" -gt 50 ] || fail "report too short"
grep -q '^Verdict: tso is stronger than lkmm' "$work/compare-1.txt" || fail "no verdict: $(tail -1 "$work/compare-1.txt")"
cmp <(untimed "$work/kernel-1.tsv") <(untimed "$work/kernel-2.tsv") || fail "corpus report differs between -j 1 and -j 2"
cmp <(untimed "$work/kernel-1.tsv") <(untimed "$work/kernel-3.tsv") || fail "corpus report differs between -j 1 and -j 3"
cmp "$work/compare-1.txt" "$work/compare-2.txt" || fail "compare output differs between -j 1 and -j 2"
echo "deterministic: corpus report identical with -j 1, 2 and 3, compare output with -j 1 and 2"
