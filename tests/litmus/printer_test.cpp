// herd7's condition re-printing rules (herd7-semantics.md §7), on conditions
// written for these tests; the oracle's own lines are checked in corpus_test.cpp.
#include <gtest/gtest.h>

#include "litmus/parser.hpp"
#include "litmus/printer.hpp"

#include <filesystem>

namespace {

using namespace mcm::litmus;

std::string reprint(const std::string& finalSection) {
  mcm::litmus::Test t = parseLitmusText("C t\n{}\nP0(int *x) { }\nP1(int *x) { }\n" + finalSection + "\n", "t.litmus");
  return renderCondition(*t.condition);
}

TEST(HerdCondition, GlobalsInBracketsRegistersBare) {
  EXPECT_EQ(reprint("exists (0:r0=1 /\\ x=2 /\\ 1:r1=y)"), "exists (0:r0=1 /\\ [x]=2 /\\ 1:r1=y)");
}

TEST(HerdCondition, NumbersInDecimal) {
  EXPECT_EQ(reprint("exists (x=0x10 /\\ y=007 /\\ z=-0 /\\ w=-3)"), "exists ([x]=16 /\\ [y]=7 /\\ [z]=0 /\\ [w]=-3)");
}

TEST(HerdCondition, NegationsPrintAsNot) {
  EXPECT_EQ(reprint("exists (x!=1 /\\ ~0:r0=0 /\\ not(y=1 \\/ y=2))"),
            "exists (not ([x]=1) /\\ not (0:r0=0) /\\ not ([y]=1 \\/ [y]=2))");
  EXPECT_EQ(reprint("exists (0:r0==1)"), "exists (0:r0=1)");
}

TEST(HerdCondition, OrInsideAndIsParenthesised) {
  EXPECT_EQ(reprint("exists (0:r0=1 /\\ (0:r1=0 \\/ x=1))"), "exists (0:r0=1 /\\ (0:r1=0 \\/ [x]=1))");
}

TEST(HerdCondition, AndInsideOrIsNot) {
  EXPECT_EQ(reprint("exists ((0:r0=1 /\\ 0:r1=0) \\/ x=1)"), "exists (0:r0=1 /\\ 0:r1=0 \\/ [x]=1)");
}

TEST(HerdCondition, NestedSameConnectivesFlatten) {
  EXPECT_EQ(reprint("exists ((x=1 /\\ (y=1 /\\ z=1)) /\\ w=1)"), "exists ([x]=1 /\\ [y]=1 /\\ [z]=1 /\\ [w]=1)");
  EXPECT_EQ(reprint("exists (x=1 \\/ (y=1 \\/ z=1))"), "exists ([x]=1 \\/ [y]=1 \\/ [z]=1)");
}

TEST(HerdCondition, Implication) {
  EXPECT_EQ(reprint("exists ((x=1 => y=1) => z=1)"), "exists ([x]=1 => [y]=1 => [z]=1)");
  EXPECT_EQ(reprint("exists (x=1 => (y=1 => z=1))"), "exists ([x]=1 => [y]=1 => [z]=1)");
  EXPECT_EQ(reprint("exists (x=1 \\/ (y=1 => z=1))"), "exists ([x]=1 \\/ ([y]=1 => [z]=1))");
  EXPECT_EQ(reprint("exists (x=1 /\\ (y=1 => z=1))"), "exists ([x]=1 /\\ ([y]=1 => [z]=1))");
}

// herd's grammar: %left OR, %left AND, %right IMPLIES, %nonassoc NOT (tightest last),
// so `=>` binds tighter than `/\` and `\/`, and `~` tighter than everything.
TEST(HerdCondition, ParsePrecedence) {
  EXPECT_EQ(reprint("exists (x=1 /\\ y=1 => z=1)"), "exists ([x]=1 /\\ ([y]=1 => [z]=1))");
  EXPECT_EQ(reprint("exists (x=1 => y=1 \\/ z=1)"), "exists (([x]=1 => [y]=1) \\/ [z]=1)");
  EXPECT_EQ(reprint("exists (~x=1 /\\ y=1)"), "exists (not ([x]=1) /\\ [y]=1)");
  EXPECT_EQ(reprint("exists (x=1 \\/ y=1 /\\ z=1)"), "exists ([x]=1 \\/ [y]=1 /\\ [z]=1)");
}

TEST(HerdCondition, FinalAndNotExists) {
  EXPECT_EQ(reprint("final (x=1)"), "exists ([x]=1)");
  EXPECT_EQ(reprint("not exists (x=1)"), "~exists ([x]=1)");
}

TEST(HerdCondition, TopLevelConjunctionAfterParentheses) {
  EXPECT_EQ(reprint("exists (x=1) /\\ (y=1)"), "exists ([x]=1 /\\ [y]=1)");
}

TEST(HerdCondition, QuantifiersConstantsAndRegisterPairs) {
  EXPECT_EQ(reprint("forall (true)"), "forall (true)");
  EXPECT_EQ(reprint("~exists (false \\/ 0:r1=1:r2)"), "~exists (false \\/ 0:r1=1:r2)");
}

}  // namespace

namespace {

// renderLitmus writes tests that read back as the same test: on every C test of
// the seed, kernel and paulmck manual corpora, parse(renderLitmus(t)) prints as t
// (renderCanonical, the header lines renderLitmus leaves out cleared).
TEST(LitmusText, EveryCorpusTestReadsBackTheSame) {
  namespace fs = std::filesystem;
  const std::string shared = MCM_SHARED_DIR;
  int checked = 0;
  for (const std::string dir : {"/litmus/seed", "/litmus/kernel", "/litmus/paulmck/manual"})
    for (const auto& entry : fs::recursive_directory_iterator(shared + dir)) {
      if (entry.path().extension() != ".litmus") continue;
      mcm::litmus::Test t;
      try {
        t = mcm::litmus::parseLitmusFile(entry.path().string());
      } catch (const std::exception&) {
        continue;  // bad-input fixtures
      }
      if (t.arch != "C") continue;
      const std::string text = mcm::litmus::renderLitmus(t);
      mcm::litmus::Test back = mcm::litmus::parseLitmusText(text, t.path);
      for (auto* x : {&t, &back}) {
        x->info.clear();
        x->result.reset();
      }
      EXPECT_EQ(mcm::litmus::renderCanonical(back), mcm::litmus::renderCanonical(t)) << text;
      ++checked;
    }
  EXPECT_GT(checked, 100);
}

}  // namespace
