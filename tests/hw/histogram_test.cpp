// klitmus7's report from raw counts, checked against hand-written expectations.
#include <gtest/gtest.h>

#include "hw/histogram.hpp"
#include "litmus/parser.hpp"

namespace mcm::hw {
namespace {

TEST(HwHistogram, KlitmusFormatFilterAndSymbols) {
  const auto test = litmus::parseLitmusText(R"(C H
{ int *p = &x; }
P0(int **p, int *x, int *y) { int r0 = __load{ONCE}(*p); int r1 = __load{ONCE}(*y); }
P1(int **p, int *y) { __store{ONCE}(*p, y); __store{ONCE}(*y, 1); }
filter (0:r1=0 \/ 0:r1=1)
exists (0:r0=y /\ 0:r1=0)
)", "H.litmus");
  Program program;
  program.globals = {"p", "x", "y"};
  program.recorded = {{0, "r0", {}}, {0, "r1", {}}};
  RunResult run;
  const long long y = kSymbolBase + 2, x = kSymbolBase + 1;
  run.outcomes = {{{y, 0}, 7}, {{x, 0}, 90}, {{y, 1}, 900}, {{x, 1}, 3}, {{x, 5}, 11}};
  run.seconds = 0.126;
  const Histogram h = makeHistogram(test, program, run);
  // The filter drops 0:r1=5; integers sort before symbols, so `x` before `y`.
  // Positive: the 7 outcomes 0:r0=y /\ 0:r1=0; negative 90 + 900 + 3.
  EXPECT_EQ(h.positive, 7u);
  EXPECT_EQ(h.negative, 993u);
  const std::string text = renderHistogram(test, h, run.seconds);
  const std::string expected =
      "Test H Allowed\n"
      "Histogram (4 states)\n"
      "90      :>0:r0=x; 0:r1=0;\n"
      "3       :>0:r0=x; 0:r1=1;\n"
      "7       *>0:r0=y; 0:r1=0;\n"
      "900     :>0:r0=y; 0:r1=1;\n"
      "Ok\n"
      "Witnesses\n"
      "Positive: 7, Negative: 993\n"
      "Condition exists (0:r0=y /\\ 0:r1=0) is validated\n";
  EXPECT_EQ(text.substr(0, expected.size()), expected);
  EXPECT_NE(text.find("\nObservation H Sometimes 7 993\nTime H 0.13\n"), std::string::npos) << text;
}

TEST(HwHistogram, NotExistsSwapsWitnesses) {
  const auto test = litmus::parseLitmusText(R"(C N
{}
P0(int *x) { int r0 = __load{ONCE}(*x); }
~exists (0:r0=1)
)", "N.litmus");
  Program program;
  program.globals = {"x"};
  program.recorded = {{0, "r0", {}}};
  RunResult run;
  run.outcomes = {{{0}, 10}};
  const std::string text = renderHistogram(test, makeHistogram(test, program, run), 0);
  // No outcome has 0:r0=1: the test's claim holds (Ok), its 10 outcomes are witnesses.
  EXPECT_NE(text.find("Test N Forbidden\nHistogram (1 states)\n10      :>0:r0=0;\nOk\nWitnesses\n"
                      "Positive: 10, Negative: 0\nCondition ~exists (0:r0=1) is validated\n"),
            std::string::npos) << text;
  EXPECT_NE(text.find("Observation N Never 0 10\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace mcm::hw
