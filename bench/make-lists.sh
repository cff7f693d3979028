#!/usr/bin/env bash
# Writes the fixed test lists bench/speed.sh runs (committed; rerun only to
# change them). From herd7's paulmck oracle (../shared/oracle/herd7-paulmck-dev.tsv):
#   paulmck-sample-400.txt   400 tests herd7 finished, drawn with a fixed seed
#   paulmck-slowest-40.txt   the 40 tests herd7 finished that took it the most CPU
#   paulmck-timeouts.txt     the tests herd7 did not finish in 30 s
# Each line: the test's path under ../shared/litmus/paulmck, then herd7's CPU
# seconds ("-" for a timeout).
set -euo pipefail
cd "$(dirname "$0")/.."
oracle=${MCM_SHARED_DIR:-../shared}/oracle/herd7-paulmck-dev.tsv
seed=13
# The draw: GNU shuf reading a fixed byte stream as its randomness.
finished() { awk -F'\t' 'NR > 1 && $2 == "ok" { print $1 "\t" $10 }' "$oracle" | LC_ALL=C sort; }
finished | shuf -n 400 --random-source=<(yes "$seed") | LC_ALL=C sort > bench/paulmck-sample-400.txt
finished | sort -t$'\t' -k2,2gr | awk 'NR <= 40' | LC_ALL=C sort > bench/paulmck-slowest-40.txt
awk -F'\t' 'NR > 1 && $2 == "timeout" { print $1 "\t-" }' "$oracle" | LC_ALL=C sort > bench/paulmck-timeouts.txt
wc -l bench/paulmck-*.txt
