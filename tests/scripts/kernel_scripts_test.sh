#!/usr/bin/env bash
# The Linux kernel's LKMM scripts, unchanged, with mcm as herd7 and mselect7: lays
# out linux/tools/memory-model (the kernel's model files, scripts and litmus-tests,
# Documentation/litmus-tests, and a litmus/ directory with part of Paul McKenney's
# corpus) from ../shared and runs what a kernel developer runs.
# usage: kernel_scripts_test.sh BUILD_DIR SHARED_DIR [PAULMCK_DIR | !PAULMCK_TEST]...
#   BUILD_DIR holds the herd7 and mselect7 links to mcm; PAULMCK_DIRs are the
#   directories of ../shared/litmus/paulmck copied to litmus/ (default: all),
#   less the !PAULMCK_TESTs.
set -uo pipefail
bin=$1 shared=$2
shift 2
subset=() excluded=()
for a in "$@"; do
  case "$a" in '!'*) excluded+=("${a#!}") ;; *) subset+=("$a") ;; esac
done
[ ${#subset[@]} -gt 0 ] || subset=(.)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

# The kernel tree.
mm=$work/linux/tools/memory-model
mkdir -p "$mm/litmus-tests" "$mm/litmus" "$work/linux/Documentation/litmus-tests"
cp "$shared"/models/lkmm/* "$mm/"
cp -r "$shared/kernel-scripts/scripts" "$mm/scripts"
cp "$shared"/litmus/kernel/tools/*.litmus "$mm/litmus-tests/"
cp -r "$shared"/litmus/kernel/doc/* "$work/linux/Documentation/litmus-tests/"
(cd "$shared/litmus/paulmck" && find "${subset[@]}" -name '*.litmus' -print0 | xargs -0 cp --parents -t "$mm/litmus")
for t in "${excluded[@]}"; do rm "$mm/litmus/$t" || fail "no test $t to leave out"; done
# herd7 and mselect7 first on PATH, and nothing else of the build.
mkdir "$work/bin"
ln -s "$bin/herd7" "$work/bin/herd7"
ln -s "$bin/mselect7" "$work/bin/mselect7"
export PATH=$work/bin:$PATH
cd "$mm"

# checkalllitmus.sh: the 43 tests of tools/memory-model/litmus-tests.
scripts/checkalllitmus.sh > "$work/all.out" 2>&1
status=$?
outs=$(ls litmus-tests/*.litmus.out | wc -l)
if [ $status -eq 0 ] && [ "$outs" -eq 43 ] && grep -q '^All litmus tests verified as was expected.$' "$work/all.out"; then
  pass "checkalllitmus.sh: 43/43 as expected"
else
  fail "checkalllitmus.sh exited $status with $outs outputs:"; grep '!!!' "$work/all.out" >&2
fi

# checktheselitmus.sh over Documentation/litmus-tests.
docs=(../../Documentation/litmus-tests/*/*.litmus)
scripts/checktheselitmus.sh -- "${docs[@]}" > "$work/docs.out" 2>&1
status=$?
if [ $status -eq 0 ] && grep -q '^All litmus tests verified as was expected.$' "$work/docs.out"; then
  pass "checktheselitmus.sh: ${#docs[@]}/${#docs[@]} Documentation tests as expected"
else
  fail "checktheselitmus.sh on Documentation exited $status:"; grep '!!!' "$work/docs.out" >&2
fi

# Tests the kernel's model does not know: judged "does not know" (exit 254).
for t in litmus/manual/memb/C-Goldblatt-memb-1.litmus:smp_memb litmus/manual/memb/C-Goldblatt-memb-2.litmus:smp_memb \
         litmus/manual/atomic/C-unlock-wait-00.litmus:spin_unlock_wait; do
  test=${t%%:*} name=${t##*:}
  [ -f "$test" ] || continue
  scripts/checktheselitmus.sh -- "$test" > "$work/unknown.out" 2>&1
  LKMM_DESTDIR=. scripts/judgelitmus.sh "$test" > "$work/judge.out" 2>&1
  status=$?
  if [ $status -eq 254 ] && grep -q "!!! Current LKMM version does not know \"$name\" $test" "$work/judge.out"; then
    pass "$test: does not know $name (exit 254)"
  else
    fail "$test: judged with exit $status:"; cat "$work/judge.out" >&2
  fi
  rm -f "$test.out"
done

# The history workflow over litmus/: outputs for every C test with at most 3
# processes (mselect7 -arch C picks them), then a re-run compared with them.
expected=$(find litmus -name '*.litmus' -print0 | xargs -0 awk 'FNR == 1 && $1 == "C" { print FILENAME }' |
           xargs -r grep -L '^P3' | wc -l)
scripts/initlitmushist.sh --procs 3 --jobs 2 --timeout 10m > "$work/init.out" 2>&1
status=$?
made=$(find litmus -name '*.litmus.out' | wc -l)
if [ $status -eq 0 ] && [ "$made" -eq "$expected" ] && [ "$made" -gt 0 ]; then
  pass "initlitmushist.sh: $made outputs, one per C test with at most 3 processes"
else
  fail "initlitmushist.sh exited $status with $made outputs, $expected expected"; tail -5 "$work/init.out" >&2
fi
scripts/checklitmushist.sh --procs 3 --jobs 2 --timeout 10m > "$work/check.out" 2> "$work/check.err"
status=$?
# The tests herd7 cannot run either (unknown macros) have no Observation line;
# every other re-run output must match the first byte for byte (Time aside).
unknown=$(find litmus -name '*.litmus.out' -print0 | xargs -0 grep -l ': Unknown macro ' | wc -l)
exact=$(sed -n 's/^Exact output matches: //p' "$work/check.err")
missing=$(sed -n 's/^Missing Observation line .*: //p' "$work/check.err")
if [ $status -eq 0 ] && [ "${exact:-0}" -eq $((made - unknown)) ] && [ "${missing:-0}" -eq "$unknown" ] &&
   ! grep -q 'Timed out\|Result changed' "$work/check.err"; then
  pass "checklitmushist.sh: ${exact} exact output matches, $unknown tests with unknown macros"
else
  fail "checklitmushist.sh exited $status, ${exact:-0} of $made exact, $unknown with unknown macros:"
  cat "$work/check.err" >&2
fi

# checkghlitmus.sh: with the history in place it reaches its judge step, whose
# complaints include the tests the kernel's model does not know.
scripts/checkghlitmus.sh --procs 3 --jobs 2 --timeout 10m > "$work/gh.out" 2> "$work/gh.err"
if grep -q '!!! Current LKMM version does not know "smp_memb"' "$work/gh.out"; then
  pass "checkghlitmus.sh: ran to its judge step ($(grep -c '!!!' "$work/gh.out") complaints)"
else
  fail "checkghlitmus.sh did not reach its judge step:"; cat "$work/gh.out" "$work/gh.err" >&2
fi

if [ $failures -gt 0 ]; then echo "$failures failed" >&2; exit 1; fi
echo "kernel scripts: all passed"
