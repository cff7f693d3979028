// `mcm explain --dot/--svg`: the witness drawn, its evidence highlighted, checked
// against executions derived by hand.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "cli/dot_reader.hpp"
#include "command_output.hpp"

namespace {

namespace fs = std::filesystem;
const std::string kShared = MCM_SHARED_DIR;
const std::string kMcm = MCM_BINARY;

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), {}};
}

fs::path tempFile(const std::string& name) {
  return fs::temp_directory_path() / ("mcm-explain-" + std::to_string(::getpid()) + "-" + name);
}

// The highlighted edges of the one digraph in `dot`.
std::set<std::string> highlighted(const std::string& dot, std::set<std::string>* all = nullptr) {
  const auto graphs = mcm::test::readDot(dot);
  EXPECT_EQ(graphs.size(), 1u);
  std::set<std::string> out;
  if (graphs.empty()) return out;
  for (const auto& [edge, attributes] : graphs[0].attributes)
    if (attributes.find("penwidth=\"3\"") != std::string::npos) out.insert(edge);
  if (all) *all = graphs[0].edges;
  return out;
}

TEST(ExplainGraph, SbWithFullFencesDrawsThePbCycle) {
  // P0: a: W x=1; b: F[mb]; c: R y=0 and P1: d: W y=1; e: F[mb]; f: R x=0. Both reads take
  // the initial writes, so each is fr-before the other thread's write, which the mb orders
  // before that thread's read: pb = fre; fencerel(Mb) relates c to f and f to c.
  const fs::path dot = tempFile("sb.dot");
  const auto o = mcm::testing::runCommand(kMcm + " explain " + kShared +
                                          "/litmus/kernel/tools/SB+fencembonceonces.litmus --dot " + dot.string());
  ASSERT_EQ(o.status, 0) << o.err;
  std::set<std::string> edges;
  const std::string c = "c: R[once]y=0", f = "f: R[once]x=0", a = "a: W[once]x=1", d = "d: W[once]y=1";
  EXPECT_EQ(highlighted(slurp(dot), &edges),
            (std::set<std::string>{c + " -pb: fre; fencerel(Mb)-> " + f, f + " -pb: fre; fencerel(Mb)-> " + c}));
  for (const std::string& e : {"ix: Wx=0 -rf-> " + f, "iy: Wy=0 -rf-> " + c, "ix: Wx=0 -co-> " + a,
                               "iy: Wy=0 -co-> " + d, f + " -fr-> " + a, c + " -fr-> " + d, a + " -po-> b: F[mb]",
                               "b: F[mb] -po-> " + c})
    EXPECT_TRUE(edges.contains(e)) << e;
  fs::remove(dot);
}

TEST(ExplainGraph, AllowedDataRaceDrawsTheRacingPairs) {
  // P0: a: W x=1; b: F[wmb]; c: W y=1 and P1: d: R y=1; e: F[rmb]; f: R x=0, all plain:
  // c races with d (write then read of y) and f with a (read then write of x).
  const fs::path dot = tempFile("race.dot"), svg = tempFile("race.svg");
  const auto o = mcm::testing::runCommand(kMcm + " explain " + kShared +
                                          "/litmus/paulmck/manual/plain/MP+wmbplainplain+rmbplainplain.litmus --dot " +
                                          dot.string() + " --svg " + svg.string());
  ASSERT_EQ(o.status, 0) << o.err;
  const std::string race = "ww-race | wr-race | rw-race: ";
  EXPECT_EQ(highlighted(slurp(dot)), (std::set<std::string>{"c: Wy=1 -" + race + "wr-race-> d: Ry=1",
                                                            "f: Rx=0 -" + race + "rw-race-> a: Wx=1"}));
  const std::string picture = slurp(svg);
  EXPECT_NE(picture.find("<svg"), std::string::npos);
  // Graphviz writes '-' in text as &#45;.
  EXPECT_NE(picture.find(">ww&#45;race | wr&#45;race | rw&#45;race: wr&#45;race</text>"), std::string::npos) << picture;
  fs::remove(dot);
  fs::remove(svg);
}

TEST(ExplainGraph, MissingDotIsNamed) {
  const fs::path svg = tempFile("nodot.svg");
  const auto o = mcm::testing::runCommand("PATH=/nonexistent " + kMcm + " explain " + kShared +
                                          "/litmus/kernel/tools/SB+poonceonces.litmus --svg " + svg.string());
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.out.find("is allowed"), std::string::npos) << o.out;  // the text still works
  EXPECT_EQ(o.err, "mcm explain: drawing SVG needs Graphviz's dot (Debian package graphviz), which is not installed\n");
  EXPECT_FALSE(fs::exists(svg));
}

}  // namespace
