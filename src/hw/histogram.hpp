#pragma once
// From raw outcome counts to klitmus7's report:
//   Test NAME Allowed / Histogram (K states) / `COUNT *>0:r0=0; 1:r0=0;` per state
//   (`*>` when the state satisfies the condition, `:>` otherwise) / Ok|No / Witnesses /
//   Positive: P, Negative: N / Condition ... is validated|is NOT validated / Hash=... /
//   Observation NAME Never|Sometimes|Always P N / Time NAME SECONDS
// States failing the test's filter are dropped, as litmus7 does; states show the
// locations herd displays, in herd's entry and line order.
#include <string>
#include <vector>

#include "exec/result.hpp"
#include "hw/program.hpp"
#include "hw/run.hpp"
#include "litmus/ast.hpp"

namespace mcm::hw {

struct HistogramLine {
  exec::FinalState state;
  bool satisfiesCondition = false;
  unsigned long long count = 0;
};

struct Histogram {
  std::vector<HistogramLine> lines;  // herd's line order
  unsigned long long positive = 0;   // outcomes satisfying the condition's proposition
  unsigned long long negative = 0;
};

Histogram makeHistogram(const litmus::Test& test, const Program& program, const RunResult& run);

std::string renderHistogram(const litmus::Test& test, const Histogram& histogram, double seconds);

}  // namespace mcm::hw
