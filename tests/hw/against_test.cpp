// The model-vs-machine report and the summary table, on hand-made histograms: which
// states are unseen or forbidden, the script line, and the table's arithmetic.
#include <gtest/gtest.h>

#include "hw/against.hpp"
#include "litmus/parser.hpp"
#include "macros/macros.hpp"
#include "models/models.hpp"

namespace mcm::hw {
namespace {

// The SB state 0:r0=A; 1:r0=B;
exec::FinalState sbState(long long a, long long b) {
  exec::FinalState s;
  s.add(litmus::Location{0, "r0"}, exec::StateValue{exec::StateValue::Kind::Int, a, ""});
  s.add(litmus::Location{1, "r0"}, exec::StateValue{exec::StateValue::Kind::Int, b, ""});
  return s;
}

Histogram sbHistogram(std::vector<std::pair<exec::FinalState, unsigned long long>> lines) {
  Histogram h;
  for (auto& [state, count] : lines) h.lines.push_back({state, false, count});
  return h;
}

TEST(HwAgainst, UnseenAndForbiddenStates) {
  // Observed 0/1, 1/0, 0/0; sc allows 0/1, 1/0, 1/1 only.
  const Histogram h = sbHistogram({{sbState(0, 0), 7}, {sbState(0, 1), 40}, {sbState(1, 0), 53}});
  const ModelCheck check = checkAgainst(h, {sbState(0, 1), sbState(1, 0), sbState(1, 1)}, "sc");
  EXPECT_EQ(check.allowed, 3u);
  EXPECT_EQ(check.seen, 2u);
  ASSERT_EQ(check.unseen.size(), 1u);
  EXPECT_EQ(check.unseen[0], "0:r0=1; 1:r0=1;");
  ASSERT_EQ(check.forbidden.size(), 1u);
  EXPECT_EQ(check.forbidden[0].state, "0:r0=0; 1:r0=0;");
  EXPECT_EQ(check.forbidden[0].count, 7u);
  EXPECT_EQ(renderModelCheck("SB", check),
            "States sc allows, never observed (1):\n"
            "  0:r0=1; 1:r0=1;\n"
            "!!! FORBIDDEN by sc, observed 7 times: 0:r0=0; 1:r0=0;\n"
            "Against SB sc allowed=3 seen=2 unseen=1 forbidden=1 FORBIDDEN\n");
}

// Each observed state judged alone, by the embedded LKMM: in SB with smp_mb() on both
// sides 0/0 is forbidden, the other three states are allowed (explanation.txt's SB).
TEST(HwAgainst, ObservedStatesJudgedAlone) {
  const auto test = litmus::parseLitmusText(R"(C SB+mbonceonces
{}
P0(int *x, int *y) { int r0; WRITE_ONCE(*x, 1); smp_mb(); r0 = READ_ONCE(*y); }
P1(int *x, int *y) { int r0; WRITE_ONCE(*y, 1); smp_mb(); r0 = READ_ONCE(*x); }
exists (0:r0=0 /\ 1:r0=0)
)",
                                            "SB+mbonceonces.litmus");
  const auto& lkmm = models::defaultModel();
  const litmus::Test expanded = macros::expandMacros(test, *lkmm.macros());
  exec::RunOptions options;
  options.variants.insert(lkmm.variants.begin(), lkmm.variants.end());
  const Histogram h =
      sbHistogram({{sbState(0, 0), 2}, {sbState(0, 1), 40}, {sbState(1, 0), 50}, {sbState(1, 1), 8}});
  const ModelCheck check = checkObservedStates(h, expanded, lkmm.model(), options, "lkmm");
  EXPECT_FALSE(check.listed);
  EXPECT_EQ(check.seen, 3u);
  ASSERT_EQ(check.forbidden.size(), 1u);
  EXPECT_EQ(check.forbidden[0].state, "0:r0=0; 1:r0=0;");
  EXPECT_EQ(check.forbidden[0].count, 2u);
  EXPECT_EQ(renderModelCheck("SB", check),
            "States lkmm allows: not listed (more than 16384 candidate executions); each observed state was judged "
            "alone\n"
            "!!! FORBIDDEN by lkmm, observed 2 times: 0:r0=0; 1:r0=0;\n"
            "Against SB lkmm allowed=? seen=3 unseen=? forbidden=1 FORBIDDEN\n");
}

TEST(HwAgainst, EverythingSeenNothingForbidden) {
  const Histogram h = sbHistogram({{sbState(0, 1), 1}, {sbState(1, 0), 1}});
  const ModelCheck check = checkAgainst(h, {sbState(0, 1), sbState(1, 0)}, "lkmm");
  EXPECT_EQ(renderModelCheck("T", check),
            "Every state lkmm allows was observed\n"
            "Against T lkmm allowed=2 seen=2 unseen=0 forbidden=0 Ok\n");
}

TEST(HwAgainst, SummaryTableColumnsAndArithmetic) {
  SummaryRow sb{"SB+poonceonces", 3000000, 1234567, ModelCheck{}, ""};
  sb.check->allowed = 4;
  sb.check->seen = 4;
  SummaryRow mp{"MP", 7, 1, ModelCheck{}, ""};  // 1/7 of a million = 142857.14...
  mp.check->allowed = 3;
  mp.check->seen = 2;
  mp.check->forbidden = {{"x", 2}, {"y", 3}};
  SummaryRow judged{"U", 10, 0, std::nullopt, ""};
  SummaryRow broken{"B", 0, 0, std::nullopt, "failed"};
  SummaryRow large{"L", 10, 0, ModelCheck{}, ""};  // judged state by state: allowed states not listed
  large.check->listed = false;
  large.check->seen = 7;
  EXPECT_EQ(renderSummaryTable({sb, mp, judged, broken, large}, "lkmm"),
            "Test            Iterations  Cond/M  Seen/lkmm  Forbidden\n"
            "SB+poonceonces     3000000  411522        4/4  0\n"
            "MP                       7  142857        2/3  5 !!!\n"
            "U                       10       0          -  -\n"
            "B                        -       -          -  failed\n"
            "L                       10       0        7/?  0\n");
}

}  // namespace
}  // namespace mcm::hw
