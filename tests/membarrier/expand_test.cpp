// The literal expansion of sys_membarrier(): placements counted by hand, the
// handler text, bad input, and the union of final states judged by the
// kernel's own model files (independent of mcm's embedded model).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "cat/model.hpp"
#include "litmus/parser.hpp"
#include "membarrier/membarrier.hpp"
#include "models/models.hpp"
#include "support/diagnostic.hpp"

namespace mcm::membarrier {
namespace {

const std::string kShared = MCM_SHARED_DIR;

std::shared_ptr<const cat::Model> kernelModel() {
  static const auto model = [] {
    const std::string dir = kShared + "/models/lkmm";
    return cat::loadModel(dir + "/linux-kernel.cat", {dir}, dir + "/linux-kernel.bell");
  }();
  return model;
}

std::vector<std::string> unionOf(const litmus::Test& test) {
  exec::RunOptions run;
  run.variants = {"lkmmv2"};
  std::vector<std::string> out;
  for (const auto& st : allowedStates(test, *models::defaultModel().macros(), kernelModel(), run)) {
    std::string line;
    for (const auto& [loc, value] : st.entries()) line += std::to_string(loc.thread) + ":" + loc.name + "=" + std::to_string(value.number) + ";";
    out.push_back(line);
  }
  return out;
}

litmus::Test sb(const std::string& p0, const std::string& p1) {
  return litmus::parseLitmusText("C SB\n{}\nP0(int *x, int *y) {\n int r0;\n WRITE_ONCE(*x, 1);\n " + p0 +
                                     "\n r0 = READ_ONCE(*y);\n}\nP1(int *x, int *y) {\n int r0;\n WRITE_ONCE(*y, 1);\n " +
                                     p1 + "\n r0 = READ_ONCE(*x);\n}\nexists (0:r0=0 /\\ 1:r0=0)\n",
                                 "sb.litmus");
}

TEST(MembarrierExpand, PlacementsAreEveryBoundaryOfEveryOtherThread) {
  // One call in P0; P1 has three event statements (its declaration stays in front): 4 boundaries.
  EXPECT_EQ(countPlacements(sb("sys_membarrier();", "barrier();")), 4);
  // Two calls: each thread runs the other's handler at one of 4 boundaries.
  EXPECT_EQ(countPlacements(sb("sys_membarrier();", "smp_memb();")), 16);
  EXPECT_EQ(countPlacements(sb("smp_mb();", "barrier();")), 1);
  const auto placements = expandPlacements(sb("sys_membarrier();", "barrier();"));
  ASSERT_EQ(placements.size(), 4u);
  // Placement 1: the handler between P1's store and its barrier().
  const std::string& text = placements[1].text;
  EXPECT_NE(text.find("WRITE_ONCE(*y, 1);\n\tmemb_seen0 = READ_ONCE(*memb_ipi0);\n\tsmp_mb();\n"
                      "\tWRITE_ONCE(*memb_done0_1, 1);\n\tbarrier();"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("smp_mb();\n\tWRITE_ONCE(*memb_ipi0, 1);\n\tmemb_saw0_1 = READ_ONCE(*memb_done0_1);\n"
                      "\tsmp_mb();"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("exists (0:r0=0 /\\ 1:r0=0 /\\ 0:memb_saw0_1=1 /\\ 1:memb_seen0=1)"), std::string::npos) << text;
  for (const auto& p : placements) EXPECT_NO_THROW(litmus::parseLitmusText(p.text, p.name));
}

// The seed's pairing table, by the literal expansion judged with the kernel's model:
// the store-buffering outcome 0:r0=0 /\ 1:r0=0 is in the union iff the pair is unordered.
TEST(MembarrierExpand, UnionFollowsTheSeedsPairingTable) {
  const std::string sbState = "0:r0=0;1:r0=0;";
  auto allows = [&](const std::string& a, const std::string& b) {
    const auto states = unionOf(sb(a, b));
    return std::find(states.begin(), states.end(), sbState) != states.end();
  };
  EXPECT_TRUE(allows("barrier();", "barrier();"));
  EXPECT_TRUE(allows("smp_mb();", "barrier();"));
  EXPECT_FALSE(allows("smp_mb();", "smp_mb();"));
  EXPECT_FALSE(allows("sys_membarrier();", "barrier();"));
  EXPECT_FALSE(allows("sys_membarrier();", "smp_mb();"));
  EXPECT_FALSE(allows("smp_memb();", "sys_membarrier();"));
  // The other three states stay allowed, projected to the test's own registers.
  EXPECT_EQ(unionOf(sb("sys_membarrier();", "barrier();")),
            (std::vector<std::string>{"0:r0=0;1:r0=1;", "0:r0=1;1:r0=0;", "0:r0=1;1:r0=1;"}));
}

// Without the smp_mb() in the handler (a placement's text edited by hand), the
// outcome comes back: the handler's barrier is what the union relies on.
TEST(MembarrierExpand, HandlerBarrierIsWhatOrders) {
  const auto placements = expandPlacements(sb("sys_membarrier();", "barrier();"));
  std::string text = placements[2].text;  // handler between barrier() and the load
  const std::string handlerMb = "READ_ONCE(*memb_ipi0);\n\tsmp_mb();";
  ASSERT_NE(text.find(handlerMb), std::string::npos);
  text.replace(text.find(handlerMb), handlerMb.size(), "READ_ONCE(*memb_ipi0);\n\tbarrier();");
  exec::RunOptions run;
  run.variants = {"lkmmv2"};
  const auto result = exec::runTest(macros::expandMacros(litmus::parseLitmusText(text, "edited"),
                                                         *models::defaultModel().macros()),
                                    kernelModel(), run);
  EXPECT_GT(result.positive, 0);
}

void expectError(const std::string& body, const std::string& where, const std::string& what) {
  const auto test = litmus::parseLitmusText("C bad\n{}\nP0(int *x) {\n" + body + "\n}\nP1(int *x) {\n WRITE_ONCE(*x, 1);\n}\nexists (x=1)\n",
                                            "bad.litmus");
  try {
    expandPlacements(test);
    FAIL() << "no error for " << body;
  } catch (const Diagnostic& d) {
    EXPECT_EQ(std::string(d.what()).substr(0, where.size()), where) << d.what();
    EXPECT_NE(std::string(d.what()).find(what), std::string::npos) << d.what();
  }
}

TEST(MembarrierExpand, BadInputIsPositioned) {
  expectError(" sys_membarrier(1);", "bad.litmus:4:2: error: sys_membarrier() takes no arguments", "MEMBARRIER_CMD");
  expectError(" if (1) { smp_memb(); }", "bad.litmus:4:11: error: smp_memb() inside a compound statement",
              "top-level");
}

TEST(MembarrierExpand, BoundStopsTheExpansion) {
  const auto test = sb("sys_membarrier();", "sys_membarrier();");
  try {
    expandPlacements(test, {10});
    FAIL();
  } catch (const Diagnostic& d) {
    EXPECT_NE(std::string(d.what()).find("sb.litmus:6:2: error: the literal expansion of sys_membarrier() has 16 "
                                         "placements, more than the bound of 10"),
              std::string::npos)
        << d.what();
  }
}

}  // namespace
}  // namespace mcm::membarrier

namespace mcm::membarrier {
namespace {

// `mcm membarrier-expand TEST DIR` writes one file per placement, each a plain test mcm runs.
TEST(MembarrierExpandCommand, WritesEveryPlacement) {
  const std::string dir = ::testing::TempDir() + "/memb-expand";
  const std::string test = kShared + "/litmus/membarrier/SB+membarrier+barrier.litmus";
  ASSERT_EQ(std::system(("rm -rf " + dir + " && " + MCM_BINARY + " membarrier-expand " + test + " " + dir +
                         " > " + dir + ".out")
                            .c_str()),
            0);
  std::ifstream out(dir + ".out");
  std::string line;
  std::getline(out, line);
  EXPECT_EQ(line, "4 placements of SB+membarrier+barrier written to " + dir);
  for (int i = 0; i < 4; ++i) {
    const std::string file = dir + "/SB+membarrier+barrier+memb" + std::to_string(i) + ".litmus";
    EXPECT_EQ(std::system((std::string(MCM_BINARY) + " run " + file + " | grep -q '^Observation .* Never 0 '").c_str()), 0)
        << file;
  }
  EXPECT_NE(std::system((std::string(MCM_BINARY) + " membarrier-expand --max-placements 3 " + test + " " + dir +
                         " 2>/dev/null")
                            .c_str()),
            0);
}

}  // namespace
}  // namespace mcm::membarrier
