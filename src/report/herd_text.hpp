#pragma once
// herd7 7.58's per-test text report, byte for byte (herd7-semantics.md §7):
//   Test NAME Allowed|Forbidden|Required / States N / state lines / [Loop ]Ok|No /
//   Witnesses / Positive: P Negative: N / Flag F... / Condition ... /
//   Observation NAME Never|Sometimes|Always P N / Time NAME S.SS / Hash=... / blank line
#include <string>
#include <string_view>

#include "exec/result.hpp"
#include "litmus/ast.hpp"

namespace mcm::report {

// The name herd prints: the name token of line 1 without a trailing ".litmus".
std::string herdTestName(const litmus::Test& test);

// `Allowed` (exists, final), `Forbidden` (~exists) or `Required` (forall).
std::string_view kindWord(litmus::Quantifier q);

// herd's Ok/No: exists needs a positive execution, ~exists none, forall no negative one.
bool conditionHolds(litmus::Quantifier q, long long positive, long long negative);

// `Never` (no positive execution, checked first), `Always` (no negative one) or `Sometimes`.
std::string_view observationWord(long long positive, long long negative);

// The condition herd uses: the test's own, or `forall (true)` when it has none.
litmus::Condition effectiveCondition(const litmus::Test& test);

// One state line: `0:r0=1; [x]=y;` (empty when nothing is displayed); with `hexa`,
// integers as herd's -hexa prints them (0x1f).
std::string renderStateLine(const exec::FinalState& state, bool hexa = false);

// herd7 options that change the text.
struct HerdTextOptions {
  bool hexa = false;        // -hexa true: state values in hexadecimal
  bool undef = false;       // some execution is bad (-badflag): `Undef` instead of Ok/No
  bool candidates = false;  // -candidates true: `Candidates NAME N` after the Time line
  std::string hash;         // printed instead of the test's own when set (herd hashes a test
                            // as written, before -conds/-kinds change its condition;
                            // an assembly test by its code: see herdHash)
};

// The whole block for one test, ending with the blank line. `cpuSeconds` fills the
// Time line, the only line that is not reproducible.
std::string renderHerdText(const litmus::Test& test, const exec::TestResult& result, double cpuSeconds,
                           const HerdTextOptions& options = {});

}  // namespace mcm::report
