#!/usr/bin/env bash
# -speedcheck true|fast against full runs over a whole corpus (issue 13, goal 6): for
# every test, the verdict line (Ok/No, Loop Ok/No, Undef) with -speedcheck true and with
# -speedcheck fast must be the full run's: herd7's from ../shared/oracle where herd7
# finished the test, else mcm's own full run. Prints the counts and every disagreement.
#
#   bench/speedcheck-verdicts.sh [paulmck|seed|kernel] [--timeout S]
#
# Each run gets S seconds of CPU (default 10); a test whose full verdict is unknown
# (herd7 and mcm both out of time) or that a speedcheck run cannot finish is counted
# apart. Takes tens of minutes on paulmck; not run by ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${MCM_SHARED_DIR:-../shared}
corpus=${1:-paulmck}
shift || true
timeout=10
while [ $# -gt 0 ]; do
  case "$1" in
    --timeout) timeout=$2; shift 2 ;;
    *) echo "speedcheck-verdicts.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
case "$corpus" in
  paulmck) oracles=("$shared/oracle/herd7-paulmck-dev.out" "$shared/oracle/herd7-paulmck-long-dev.out") ;;
  seed) oracles=("$shared/oracle/herd7-seed.out") ;;
  kernel) oracles=("$shared/oracle/herd7-kernel.out") ;;
  *) echo "speedcheck-verdicts.sh: unknown corpus '$corpus' (paulmck, seed or kernel)" >&2; exit 2 ;;
esac
[ -x build/mcm ] || { echo "speedcheck-verdicts.sh: build/mcm not found (build it first)" >&2; exit 2; }
mcm=$PWD/build/mcm
dir=$shared/litmus/$corpus
model=(-conf linux-kernel.cfg -I "$shared/models/lkmm" -timeout "$timeout")

# herd7's verdict per test path: KEY<TAB>VERDICT.
herd=$(mktemp)
trap 'rm -f "$herd"' EXIT
awk '/^#### / { key = $2; next }
     key != "" && /^(Loop )?(Ok|No)$|^Undef$/ { print key "\t" $0; key = "" }' "${oracles[@]}" > "$herd"

verdict() { "$mcm" run "${model[@]}" "$@" 2>/dev/null | grep -E '^(Loop )?(Ok|No)$|^Undef$' || echo "-"; }

(cd "$dir" && find . -name '*.litmus' | sed 's|^\./||' | sort) | while read -r key; do
  full=$(awk -F'\t' -v k="$key" '$1 == k { print $2; exit }' "$herd")
  from=herd7
  if [ -z "$full" ]; then full=$(verdict "$dir/$key"); from=mcm; fi
  printf '%s\t%s\t%s\t%s\t%s\n' "$key" "$from" "$full" "$(verdict -speedcheck true "$dir/$key")" \
    "$(verdict -speedcheck fast "$dir/$key")"
done | awk -F'\t' '
  { n++ }
  $3 == "-" { unknown++; next }
  { by[$2]++ }
  $4 == "-" { slowTrue++ } $4 != "-" && $4 != $3 { print "  -speedcheck true disagrees: " $1 " (" $2 ": " $3 ", true: " $4 ")"; badTrue++ }
  $5 == "-" { slowFast++ } $5 != "-" && $5 != $3 { print "  -speedcheck fast disagrees: " $1 " (" $2 ": " $3 ", fast: " $5 ")"; badFast++ }
  $4 == $3 { okTrue++ } $5 == $3 { okFast++ }
  END {
    printf "%d tests: full verdict from herd7 %d, from mcm %d, unknown (no full run finished, or not a C test) %d\n", n, by["herd7"], by["mcm"], unknown
    printf "-speedcheck true: %d agree, %d disagree, %d unfinished\n", okTrue, badTrue, slowTrue
    printf "-speedcheck fast: %d agree, %d disagree, %d unfinished\n", okFast, badFast, slowFast
  }'
