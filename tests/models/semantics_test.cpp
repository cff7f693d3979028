// What sc and tso allow. Against herd7's own sc.cat (herd7 -model sc.cat -macros
// linux-kernel.def, on the tests with no lock, RCU or SRCU): on every test
// herd7 finished, the same final states. (Flags may differ: mcm's sc keeps
// LKMM's flags, such as data-race.)
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "exec/engine.hpp"
#include "litmus/parser.hpp"
#include "macros/macros.hpp"
#include "models/models.hpp"
#include "report/herd_text.hpp"
#include "report/oracle_blocks.hpp"

namespace {

const std::string kShared = MCM_SHARED_DIR;

// The `States N` line and the state lines after it.
std::vector<std::string> statesOf(const std::vector<std::string>& lines) {
  std::vector<std::string> out;
  bool on = false;
  for (const auto& l : lines) {
    if (l.rfind("States ", 0) == 0) on = true;
    else if (on && (l == "Ok" || l == "No" || l.rfind("Loop", 0) == 0)) break;
    if (on) out.push_back(l);
  }
  return out;
}

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
    lines.push_back(text.substr(start, nl - start));
  return lines;
}

TEST(ScOracle, SameStatesAsHerdScCat) {
  const auto blocks = mcm::testing::readOracleBlocks(kShared + "/oracle/herd7-sc-dev.out");
  const auto kernelDef = mcm::macros::loadDefFile(kShared + "/models/lkmm/linux-kernel.def");
  const auto& sc = *mcm::models::findEmbeddedModel("sc.cat");
  mcm::exec::RunOptions options;
  options.variants.insert(sc.variants.begin(), sc.variants.end());
  int compared = 0;
  for (const auto& [path, lines] : blocks) {
    const auto want = statesOf(lines);
    if (want.empty()) continue;  // herd7 did not finish it
    ++compared;
    try {
      const auto test = mcm::litmus::parseLitmusFile(kShared + "/litmus/" + path);
      const auto result = mcm::exec::runTest(mcm::macros::expandMacros(test, kernelDef), sc.model(), options);
      EXPECT_EQ(statesOf(splitLines(mcm::report::renderHerdText(test, result, 0))), want) << path;
    } catch (const std::exception& e) {
      ADD_FAILURE() << path << ": " << e.what();
    }
  }
  EXPECT_EQ(compared, 1434) << "the oracle file changed";
}

// The textbook shapes (hand-derived): store buffering separates sc from tso;
// message passing and load buffering separate tso from lkmm; an smp_mb() in
// each thread of SB restores sc under tso; an xchg (a full barrier) too.
TEST(Shapes, ScTsoLkmmOnClassicTests) {
  struct Case {
    const char* test;
    const char* sc;
    const char* tso;
    const char* lkmm;
  };
  const Case cases[] = {
      {"seed/SB+poonceonces.litmus", "Never", "Sometimes", "Sometimes"},
      {"seed/SB+mbonceonces.litmus", "Never", "Never", "Never"},
      {"seed/MP+poonceonces.litmus", "Never", "Never", "Sometimes"},
      {"seed/LB+poonceonces.litmus", "Never", "Never", "Sometimes"},
      {"seed/MP+pooncerelease+poacquireonce.litmus", "Never", "Never", "Never"},
      {"seed/IRIW+poonceonces+OnceOnce.litmus", "Never", "Never", "Sometimes"},
  };
  for (const auto& c : cases) {
    const auto test = mcm::litmus::parseLitmusFile(kShared + "/litmus/" + c.test);
    for (const auto& [name, want] : {std::pair{"sc", c.sc}, {"tso", c.tso}, {"lkmm", c.lkmm}}) {
      const auto& m = *mcm::models::findEmbeddedModel(name);
      mcm::exec::RunOptions options;
      options.variants.insert(m.variants.begin(), m.variants.end());
      const auto result = mcm::exec::runTest(mcm::macros::expandMacros(test, *m.macros()), m.model(), options);
      EXPECT_EQ(mcm::report::observationWord(result.positive, result.negative), want) << c.test << " under " << name;
    }
  }
}

}  // namespace

namespace {

// sc allows a subset of what tso allows, and tso of what lkmm allows, test by test; these RCU
// and SRCU tests once broke the first inclusion (tso ordered RCU's cross-thread fences,
// LKMM's rcu-fence, in its global order; sc did not).
TEST(Inclusion, ScWithinTsoWithinLkmmOnRcuTests) {
  const char* tests[] = {
      "paulmck/manual/demo/C-Figure8.litmus",
      "paulmck/manual/demo/C-LB+rl-deref-o-rul+o-sync-o+rl-o-o-rlu.litmus",
      "paulmck/manual/kernel/C-srcu-observed-4.litmus",
  };
  const auto& lkmm = *mcm::models::findEmbeddedModel("lkmm");
  mcm::exec::RunOptions options;
  options.variants.insert(lkmm.variants.begin(), lkmm.variants.end());
  for (const char* t : tests) {
    const auto test = mcm::macros::expandMacros(mcm::litmus::parseLitmusFile(kShared + "/litmus/" + t), *lkmm.macros());
    const auto results = mcm::exec::runTestModels(
        test, {mcm::models::findEmbeddedModel("sc")->model(), mcm::models::findEmbeddedModel("tso")->model(), lkmm.model()},
        options);
    std::vector<std::set<std::string>> states(3);
    for (std::size_t m = 0; m < 3; ++m)
      for (const auto& s : results[m].states) states[m].insert(mcm::report::renderStateLine(s));
    EXPECT_TRUE(std::includes(states[1].begin(), states[1].end(), states[0].begin(), states[0].end())) << t;
    EXPECT_TRUE(std::includes(states[2].begin(), states[2].end(), states[1].begin(), states[1].end())) << t;
  }
}

}  // namespace
