// `mcm run -o DIR -show MODE [--svg]`: the DOT files are read back and checked
// against the executions of SB+poonceonces derived by hand, and Graphviz's dot
// must accept every file written for the seed corpus.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "cli/dot_reader.hpp"
#include "cli/run_process.hpp"

namespace {

using mcm::test::DotGraph;
using mcm::test::Outcome;
using mcm::test::readDot;
using mcm::test::run;
namespace fs = std::filesystem;
const std::string kShared = MCM_SHARED_DIR;
const std::string kSB = kShared + "/litmus/kernel/tools/SB+poonceonces.litmus";

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), {}};
}

// A fresh output directory per test.
fs::path freshDir(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("mcm-graphs-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(d);
  return d;
}

std::set<std::set<std::string>> edgeSets(const std::vector<DotGraph>& graphs) {
  std::set<std::set<std::string>> out;
  for (const auto& g : graphs) out.insert(g.edges);
  return out;
}

// SB+poonceonces by hand: P0 is a: W x=1; b: R y, P1 is c: W y=1; d: R x. Each
// read takes the other thread's write (rf) or the initial 0 (then it is fr-before
// that write); init writes are not drawn, so neither are their rf and co edges.
// The same shape in RISC-V (sw/lw) has no tags: "a: Wx=1".
const std::string kA = "a: W[once]x=1", kC = "c: W[once]y=1";
std::string b(int v, const std::string& tag = "[once]") { return "b: R" + tag + "y=" + std::to_string(v); }
std::string d(int v, const std::string& tag = "[once]") { return "d: R" + tag + "x=" + std::to_string(v); }
std::set<std::string> sbExecution(int r0, int r1, const std::string& tag = "[once]") {
  const std::string a = "a: W" + tag + "x=1", c = "c: W" + tag + "y=1";
  std::set<std::string> e = {a + " -po-> " + b(r0, tag), c + " -po-> " + d(r1, tag)};
  e.insert(r0 ? c + " -rf-> " + b(r0, tag) : b(r0, tag) + " -fr-> " + c);
  e.insert(r1 ? a + " -rf-> " + d(r1, tag) : d(r1, tag) + " -fr-> " + a);
  return e;
}

Outcome mcmRun(const std::string& args) { return run(std::string(MCM_BINARY) + " run", args); }

TEST(Graphs, SBEveryExecutionMatchesTheHandDerivedOnes) {
  const fs::path dir = freshDir("all");
  Outcome o = mcmRun("-o " + dir.string() + " -show all " + kSB);
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("Observation SB+poonceonces Sometimes 1 3\n"), std::string::npos) << o.out;
  const auto graphs = readDot(slurp(dir / "SB+poonceonces.dot"));
  EXPECT_EQ(graphs.size(), 4u);
  EXPECT_EQ(edgeSets(graphs), (std::set<std::set<std::string>>{sbExecution(0, 0), sbExecution(0, 1),
                                                                 sbExecution(1, 0), sbExecution(1, 1)}));
  fs::remove_all(dir);
}

TEST(Graphs, RiscvSBEveryExecutionMatchesTheHandDerivedOnes) {
  // RVWMO allows all four executions of SB (sw then lw to another location, no fence).
  const fs::path dir = freshDir("riscv");
  Outcome o = mcmRun("-o " + dir.string() + " -show all " + kShared +
                     "/litmus/riscv/non-mixed-size/BASIC_2_THREAD/SB.litmus");
  ASSERT_EQ(o.status, 0) << o.err;
  const auto graphs = readDot(slurp(dir / "SB.dot"));
  EXPECT_EQ(edgeSets(graphs), (std::set<std::set<std::string>>{sbExecution(0, 0, ""), sbExecution(0, 1, ""),
                                                                 sbExecution(1, 0, ""), sbExecution(1, 1, "")}));
  fs::remove_all(dir);
}

TEST(Graphs, ShowSelectsByTheCondition) {
  // exists (0:r0=0 /\ 1:r0=0): prop and cond draw the one execution where both read 0, neg the three others.
  for (const auto& [mode, expected] : std::vector<std::pair<std::string, std::set<std::set<std::string>>>>{
           {"prop", {sbExecution(0, 0)}},
           {"cond", {sbExecution(0, 0)}},
           {"neg", {sbExecution(0, 1), sbExecution(1, 0), sbExecution(1, 1)}}}) {
    const fs::path dir = freshDir(mode);
    Outcome o = mcmRun("-o " + dir.string() + " -show " + mode + " " + kSB);
    ASSERT_EQ(o.status, 0) << o.err;
    EXPECT_EQ(edgeSets(readDot(slurp(dir / "SB+poonceonces.dot"))), expected) << mode;
    fs::remove_all(dir);
  }
  const fs::path none = freshDir("none");
  EXPECT_EQ(mcmRun("-o " + none.string() + " " + kSB).status, 0);  // -show none, herd's default: no graph
  EXPECT_FALSE(fs::exists(none / "SB+poonceonces.dot"));
  fs::remove_all(none);
}

TEST(Graphs, ConfigShowsAndColours) {
  // doshow adds a relation, unshow removes one, edgeattr colours it, showinitwrites draws
  // the initial writes (with their rf and co edges) -- from the command line and from a .cfg.
  const fs::path dir = freshDir("cfg");
  fs::create_directories(dir);
  std::ofstream(dir / "pictures.cfg") << "doshow rfe\nunshow fr\nedgeattr rfe,color,green\nshowinitwrites true\n"
                                         "fontsize 8\n";
  for (const std::string& options :
       {"-conf " + (dir / "pictures.cfg").string(), std::string("-doshow rfe -unshow fr -edgeattr rfe,color,green -showinitwrites true")}) {
    fs::remove(dir / "SB+poonceonces.dot");
    Outcome o = mcmRun("-o " + dir.string() + " -show prop " + options + " " + kSB);
    ASSERT_EQ(o.status, 0) << o.err;
    const auto graphs = readDot(slurp(dir / "SB+poonceonces.dot"));
    ASSERT_EQ(graphs.size(), 1u);
    // Both reads take the initial writes: rf (and rfe: init writes are external) from them,
    // co from them to a and c; no fr.
    const std::string ix = "ix: Wx=0", iy = "iy: Wy=0";
    EXPECT_EQ(graphs[0].edges, (std::set<std::string>{kA + " -po-> " + b(0), kC + " -po-> " + d(0),
                                                      iy + " -rf-> " + b(0), ix + " -rf-> " + d(0),
                                                      iy + " -rfe-> " + b(0), ix + " -rfe-> " + d(0),
                                                      ix + " -co-> " + kA, iy + " -co-> " + kC}))
        << options;
  }
  // rfe, on the execution where both read the other's write, in green.
  Outcome o = mcmRun("-o " + dir.string() + " -show neg -doshow rfe -edgeattr rfe,color,green " + kSB);
  ASSERT_EQ(o.status, 0) << o.err;
  bool seen = false;
  const std::string rfe = kA + " -rfe-> " + d(1);
  for (const auto& g : readDot(slurp(dir / "SB+poonceonces.dot")))
    if (g.edges.contains(rfe)) {
      seen = true;
      EXPECT_NE(g.attributes.at(rfe).find("color=\"green\""), std::string::npos) << g.attributes.at(rfe);
    }
  EXPECT_TRUE(seen);
  fs::remove_all(dir);
}

TEST(Graphs, ShowExpressionAsNameIsDrawn) {
  // An SC model that also shows `po & (W * R) as powr`: SB's three SC executions (not both
  // reading 0), each with the two write-to-read po edges drawn again as powr.
  const fs::path dir = freshDir("show-as");
  fs::create_directories(dir);
  std::ofstream(dir / "sc-powr.cat") << "\"SC with a shown expression\"\n"
                                        "include \"cos-opt.cat\"\n"
                                        "acyclic po | rf | co | fr as sc\n"
                                        "show po & (W * R) as powr\n";
  Outcome o = mcmRun("-model " + (dir / "sc-powr.cat").string() + " -o " + dir.string() + " -show all " + kSB);
  ASSERT_EQ(o.status, 0) << o.err;
  std::set<std::set<std::string>> expected;
  for (auto [r0, r1] : {std::pair{0, 1}, {1, 0}, {1, 1}}) {
    auto e = sbExecution(r0, r1);
    e.insert(kA + " -powr-> " + b(r0));
    e.insert(kC + " -powr-> " + d(r1));
    expected.insert(e);
  }
  EXPECT_EQ(edgeSets(readDot(slurp(dir / "SB+poonceonces.dot"))), expected);
  fs::remove_all(dir);
}

TEST(Graphs, SvgOfSBHasItsEventsAndEdgeLabels) {
  const fs::path dir = freshDir("svg");
  Outcome o = mcmRun("-o " + dir.string() + " -show prop --svg " + kSB);
  ASSERT_EQ(o.status, 0) << o.err;
  const std::string svg = slurp(dir / "SB+poonceonces.svg");
  ASSERT_NE(svg.find("<svg"), std::string::npos);
  for (const std::string& text : {kA, b(0), kC, d(0), std::string("fr"), std::string("po"), std::string("P0"),
                                  std::string("P1")})
    EXPECT_NE(svg.find(">" + text + "</text>"), std::string::npos) << text;
  EXPECT_EQ(svg.find(">rf</text>"), std::string::npos);  // both reads take the initial writes
  fs::remove_all(dir);
}

TEST(Graphs, DotAcceptsEveryGraphWrittenForTheSeedCorpus) {
  // --svg renders each digraph of DIR/NAME.dot with `dot -Tsvg` (an SVG holds one picture) and
  // fails if dot refuses one; each whole .dot file must be accepted too (Graphviz 2.43 once
  // crashed on files whose earlier digraph had a labelled edge parallel to a po edge).
  const fs::path dir = freshDir("seed");
  Outcome o = mcmRun("-o " + dir.string() + " -show all --svg " + kShared + "/litmus/seed/*.litmus >/dev/null");
  ASSERT_EQ(o.status, 0) << o.err;
  std::size_t dots = 0, graphs = 0, svgs = 0;
  for (const auto& f : fs::directory_iterator(dir)) {
    if (f.path().extension() == ".dot") {
      ++dots;
      graphs += readDot(slurp(f.path())).size();
      EXPECT_EQ(std::system(("dot -Tsvg '" + f.path().string() + "' >/dev/null").c_str()), 0) << f.path();
    } else {
      ++svgs;
      EXPECT_NE(slurp(f.path()).find("<svg"), std::string::npos) << f.path();
    }
  }
  EXPECT_EQ(dots, 28u);  // every seed test has allowed executions to draw
  EXPECT_EQ(svgs, graphs);
  fs::remove_all(dir);
}

TEST(Graphs, DotAcceptsEveryWholeFileWrittenForTheKernelCorpus) {
  const fs::path dir = freshDir("kernel");
  const std::string k = kShared + "/litmus/kernel";
  Outcome o = mcmRun("-o " + dir.string() + " -show all " + k + "/*/*.litmus " + k + "/*/*/*.litmus >/dev/null");
  ASSERT_EQ(o.status, 0) << o.err;
  std::size_t dots = 0;
  for (const auto& f : fs::directory_iterator(dir)) {
    ++dots;
    EXPECT_EQ(std::system(("dot -Tsvg '" + f.path().string() + "' >/dev/null").c_str()), 0) << f.path();
  }
  EXPECT_GE(dots, 50u);  // every kernel test but those with no allowed execution
  fs::remove_all(dir);
}

TEST(Graphs, BadShowModeIsRefused) {
  Outcome o = mcmRun("-o /tmp -show maybe " + kSB);
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.err, "mcm run: -show needs one of none, all, prop, neg, cond, wit, not 'maybe'\n");
}

}  // namespace
