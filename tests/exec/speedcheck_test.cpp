// herd's -speedcheck (RunOptions::speedcheck) against full runs: `true` keeps
// exactly the executions that settle the condition (proposition true for exists
// and ~exists, false for forall), `fast` stops at the first of them; so the
// condition's verdict never changes. Checked on the seed and kernel corpora and
// a sample of Paul McKenney's, with 1 and 3 threads for `fast`.
#include <gtest/gtest.h>

#include <algorithm>

#include "exec/oracle_summary.hpp"
#include "exec/outcome.hpp"
#include "report/oracle_blocks.hpp"  // tests/report: reads the oracle .out blocks

namespace mcm::exec {
namespace {

using namespace summary;
using Speed = RunOptions::SpeedCheck;

RunOptions speed(Speed s, int threads = 1) {
  RunOptions o;
  o.speedcheck = s;
  o.threads = threads;
  return o;
}

// Whether an execution with this final state settles the condition.
bool settles(const litmus::Test& test, const FinalState& state) {
  if (!test.condition) return true;
  const bool holdsThere = holds(test.condition->prop, [&](const litmus::Location& l) {
    for (const auto& [loc, value] : state.entries())
      if (loc == l) return value;
    ADD_FAILURE() << "no value for a location of the condition";
    return StateValue{};
  });
  return holdsThere == (test.condition->quantifier != litmus::Quantifier::Forall);
}

// herd's verdict line: Ok when the condition is validated.
bool validated(const litmus::Test& test, const TestResult& r) {
  if (test.condition && test.condition->quantifier == litmus::Quantifier::NotExists) return r.positive == 0;
  if (test.condition && test.condition->quantifier == litmus::Quantifier::Forall) return r.negative == 0;
  return r.positive > 0;
}

// Returns the number of tests checked.
int checkTests(const std::string& litmusDir, const std::string& oracle, std::size_t every) {
  const auto model = modelOf("lkmm");
  const auto defs = macrosOf("lkmm");
  int checked = 0;
  std::size_t index = 0;
  for (const auto& [rel, lines] : testing::readOracleBlocks(kShared + "/oracle/" + oracle + ".out")) {
    if (index++ % every != 0 || fromOracle(lines).positive < 0) continue;
    const std::string path = kShared + "/litmus/" + litmusDir + "/" + rel;
    const litmus::Test test = litmus::parseLitmusFile(path);
    const TestResult full = runFile(path, model, defs, true);
    if (fromResult(full) != fromOracle(lines)) {  // the full run must be herd7's
      ADD_FAILURE() << rel << " differs from herd7";
      continue;
    }

    const TestResult settling = runFile(path, model, defs, true, speed(Speed::True));
    Summary expected = fromResult(full);
    expected.states.clear();
    for (const auto& s : full.states)
      if (settles(test, s)) expected.states.push_back(stateLine(s));
    const bool forall = test.condition && test.condition->quantifier == litmus::Quantifier::Forall;
    (forall ? expected.positive : expected.negative) = 0;
    Summary got = fromResult(settling);
    EXPECT_TRUE(std::includes(expected.flags.begin(), expected.flags.end(), got.flags.begin(), got.flags.end())) << rel;
    got.flags = expected.flags;  // flags of the settling executions only: a subset
    EXPECT_EQ(got, expected) << rel << "\n  speedcheck: " << describe(got) << "\n  expected:   " << describe(expected);
    EXPECT_EQ(validated(test, settling), validated(test, full)) << rel;

    const TestResult first = runFile(path, model, defs, true, speed(Speed::Fast));
    EXPECT_EQ(validated(test, first), validated(test, full)) << rel;
    EXPECT_LE(first.states.size(), 1u) << rel;
    EXPECT_EQ(first.positive + first.negative, std::min(1LL, settling.positive + settling.negative)) << rel;
    if (!first.states.empty()) {
      EXPECT_NE(std::find(expected.states.begin(), expected.states.end(), stateLine(first.states.front())),
                expected.states.end())
          << rel;
    }
    const TestResult threaded = runFile(path, model, defs, true, speed(Speed::Fast, 3));
    EXPECT_EQ(describe(fromResult(threaded)) + " judged " + std::to_string(threaded.candidates),
              describe(fromResult(first)) + " judged " + std::to_string(first.candidates))
        << rel << ": fast with 3 threads";
    ++checked;
  }
  return checked;
}

TEST(SpeedCheck, SeedCorpus) { EXPECT_EQ(checkTests("seed", "herd7-seed", 1), 28); }
TEST(SpeedCheck, KernelCorpus) { EXPECT_EQ(checkTests("kernel", "herd7-kernel", 1), 53); }
TEST(SpeedCheck, PaulmckSample) { EXPECT_GT(checkTests("paulmck", "herd7-paulmck-dev", 40), 50); }

}  // namespace
}  // namespace mcm::exec
