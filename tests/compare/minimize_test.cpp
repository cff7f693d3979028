// Distinguishing tests, minimised. Expected: store buffering by hand (sc forbids
// both reads of 0, tso allows them; nothing smaller separates the two), and for
// tso against lkmm every minimised seed test is re-judged independently, by the
// kernel's own model files (herd7's linux-kernel.cat) against tso.
#include <gtest/gtest.h>

#include <filesystem>

#include "compare/minimize.hpp"
#include "exec/engine.hpp"
#include "litmus/parser.hpp"
#include "macros/macros.hpp"
#include "models/models.hpp"
#include "riscv/parser.hpp"
#include "riscv/semantics.hpp"
#include "sides.hpp"

namespace {

namespace fs = std::filesystem;
using mcm::compare::Side;

const std::string kShared = MCM_SHARED_DIR;

Side embedded(const std::string& name) { return mcm::testing::embeddedSide(name); }

Side kernelFiles() {
  const std::string d = kShared + "/models/lkmm";
  Side s{"linux-kernel.cfg", mcm::cat::loadModel(d + "/linux-kernel.cat", {d}, d + "/linux-kernel.bell"),
         std::make_shared<const mcm::macros::MacroTable>(mcm::macros::loadDefFile(d + "/linux-kernel.def")), {}};
  s.options.variants = {"lkmmv2"};
  return s;
}

// Does `side` allow the test's exists clause?
bool allows(const mcm::litmus::Test& test, const Side& side) {
  const auto r = mcm::exec::runTest(mcm::macros::expandMacros(test, *side.macros), side.model, side.options);
  return r.positive > 0;
}

std::size_t statements(const mcm::litmus::Test& t) {
  std::size_t n = 0;
  for (const auto& th : t.threads)
    for (const auto& s : th.body) n += s->kind != mcm::litmus::Stmt::Kind::Decl;
  return n;
}

TEST(Minimize, StoreBufferingIsAlreadyMinimal) {
  const auto test = mcm::litmus::parseLitmusFile(kShared + "/litmus/seed/SB+poonceonces.litmus");
  const auto m = mcm::compare::minimizeDifference(test, embedded("sc"), embedded("tso"));
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->allowedBy, 1);
  EXPECT_EQ(m->threads, 2u);
  EXPECT_EQ(m->statements, 4u);
  EXPECT_NE(m->text.find("exists (0:r0=0 /\\ 1:r0=0)"), std::string::npos) << m->text;
}

TEST(Minimize, AgreeingModelsGiveNothing) {
  const auto test = mcm::litmus::parseLitmusFile(kShared + "/litmus/seed/SB+mbonceonces.litmus");
  EXPECT_FALSE(mcm::compare::minimizeDifference(test, embedded("sc"), embedded("tso")).has_value());
}

TEST(Minimize, EverySeedDifferenceBetweenTsoAndLkmmStaysADifference) {
  const Side tso = embedded("tso"), lkmm = embedded("lkmm"), kernel = kernelFiles();
  int minimized = 0, smaller = 0;
  for (const auto& entry : fs::directory_iterator(kShared + "/litmus/seed")) {
    const auto test = mcm::litmus::parseLitmusFile(entry.path().string());
    const auto m = mcm::compare::minimizeDifference(test, tso, lkmm);
    if (!m) continue;
    ++minimized;
    const auto small = mcm::litmus::parseLitmusText(m->text, entry.path().string());
    EXPECT_EQ(m->allowedBy, 1) << m->text;  // tso is stronger: only lkmm allows more
    EXPECT_TRUE(allows(small, kernel)) << m->text;
    EXPECT_FALSE(allows(small, tso)) << m->text;
    EXPECT_LE(small.threads.size(), test.threads.size());
    EXPECT_LE(statements(small), statements(test));
    smaller += statements(small) < statements(test) || small.threads.size() < test.threads.size();
  }
  // compare tso lkmm on the seed corpus: 8 tests differ (the command's own count).
  EXPECT_EQ(minimized, 8);
  EXPECT_GT(smaller, 0) << "some seed test has more than its difference needs (locks, fences)";
}

// RISC-V message passing plus a bystander thread on z. By hand, the smallest variant is MP
// itself: P0 `sw x5,0(x6); sw x5,0(x7)` (x then y), P1 `lw x5,0(x6); lw x7,0(x8)` (y then x);
// 1:x5=1 /\ 1:x7=0 is forbidden by RVTSO (it keeps W->W and R->R order), allowed by RVWMO.
const char* const kRiscvMpPlusBystander = R"(RISCV MP+bystander
{
0:x5=1; 0:x6=x; 0:x7=y;
1:x6=y; 1:x8=x;
2:x5=3; 2:x6=z;
}
 P0          | P1          | P2          ;
 sw x5,0(x6) | lw x5,0(x6) | sw x5,0(x6) ;
 sw x5,0(x7) | lw x7,0(x8) | lw x9,0(x6) ;
exists (1:x5=1 /\ 1:x7=0)
)";

bool riscvAllows(const std::string& text, const Side& side) {
  const auto test = mcm::riscv::parseText(text, "minimized.litmus");
  return mcm::exec::runTest(test.frame, mcm::riscv::threadSource(test), side.model, side.options).positive > 0;
}

TEST(Minimize, RiscvBystanderThreadIsDeletedAndMessagePassingRemains) {
  const Side rvtso = embedded("rvtso"), rvwmo = embedded("rvwmo");
  const auto m = mcm::compare::minimizeRiscvDifference(kRiscvMpPlusBystander, "mp.litmus", rvtso, rvwmo);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->allowedBy, 1) << m->text;
  EXPECT_EQ(m->threads, 2u) << m->text;
  EXPECT_EQ(m->statements, 4u) << m->text;
  EXPECT_EQ(m->text.find("z"), std::string::npos) << m->text;  // P2's init went with it
  EXPECT_NE(m->text.find("exists (1:x5=1 /\\ 1:x7=0"), std::string::npos) << m->text;
  // Re-judged by each model alone.
  EXPECT_TRUE(riscvAllows(m->text, rvwmo)) << m->text;
  EXPECT_FALSE(riscvAllows(m->text, rvtso)) << m->text;
}

TEST(Minimize, RiscvThreadNumbersOfLaterThreadsFollowADeletedOne) {
  // The bystander first: deleting P0 renumbers P1 and P2, typed register items included.
  const std::string text = R"(RISCV renumber
{
uint64_t 1:x5; 0:x5=3; 0:x6=z;
1:x6=y; 1:x8=x;
2:x5=1; 2:x6=x; 2:x7=y;
}
 P0          | P1          | P2          ;
 sw x5,0(x6) | lw x5,0(x6) | sw x5,0(x6) ;
             | lw x7,0(x8) | sw x5,0(x7) ;
exists (1:x5=1 /\ 1:x7=0)
)";
  const auto m = mcm::compare::minimizeRiscvDifference(text, "renumber.litmus", embedded("rvtso"), embedded("rvwmo"));
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->threads, 2u) << m->text;
  EXPECT_NE(m->text.find("uint64_t 0:x5"), std::string::npos) << m->text;
  EXPECT_NE(m->text.find("1:x5=1; 1:x6=x; 1:x7=y;"), std::string::npos) << m->text;
  EXPECT_NE(m->text.find("exists (0:x5=1 /\\ 0:x7=0"), std::string::npos) << m->text;
  EXPECT_TRUE(riscvAllows(m->text, embedded("rvwmo"))) << m->text;
}

}  // namespace
