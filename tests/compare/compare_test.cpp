// Model comparison. Expected states come from herd7's oracle (2018 vs current
// LKMM) or are derived by hand (SB under sc and tso); verdict lines are the
// issue's wording.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "compare/compare.hpp"
#include "compare/exhaustive.hpp"
#include "exec/engine.hpp"
#include "litmus/parser.hpp"
#include "macros/macros.hpp"
#include "models/models.hpp"
#include "sides.hpp"
#include "riscv/annotations.hpp"
#include "riscv/parser.hpp"
#include "riscv/semantics.hpp"

namespace {

namespace fs = std::filesystem;
using mcm::compare::Side;
using mcm::compare::TestComparison;

const std::string kShared = MCM_SHARED_DIR;

Side embedded(const std::string& name) { return mcm::testing::embeddedSide(name); }

Side lkmm2018() {
  const std::string d = kShared + "/models/lkmm-2018";
  return {"lkmm-2018", mcm::cat::loadModel(d + "/linux-kernel.cat", {d}, d + "/linux-kernel.bell"),
          std::make_shared<const mcm::macros::MacroTable>(mcm::macros::loadDefFile(d + "/linux-kernel.def")), {}};
}

TEST(CompareTest, StoreBufferingSeparatesScFromTsoOnOneEnumeration) {
  const auto c = mcm::compare::compareTest(kShared + "/litmus/seed/SB+poonceonces.litmus", embedded("sc"), embedded("tso"));
  ASSERT_TRUE(c.ran()) << c.error[0] << c.error[1];
  EXPECT_TRUE(c.shared);
  EXPECT_EQ(c.states[0], 3);
  EXPECT_EQ(c.states[1], 4);
  EXPECT_TRUE(c.only[0].empty());
  EXPECT_EQ(c.only[1], std::vector<std::string>{"0:r0=0; 1:r0=0;"});
}

// herd7: the 2018 model allows 1:r1=0 on MP+onceassign+derefonce (3 states), the current one does not (2).
TEST(CompareTest, Lkmm2018AgainstCurrentFindsOnceAssignDerefOnce) {
  const auto c = mcm::compare::compareTest(kShared + "/litmus/seed/MP+onceassign+derefonce.litmus", lkmm2018(),
                                           embedded("lkmm"));
  ASSERT_TRUE(c.ran()) << c.error[0] << c.error[1];
  EXPECT_FALSE(c.shared) << "different .def files and variants: one enumeration each";
  EXPECT_EQ(c.states[0], 3);
  EXPECT_EQ(c.states[1], 2);
  ASSERT_EQ(c.only[0].size(), 1u);
  EXPECT_NE(c.only[0][0].find("1:r1=0;"), std::string::npos) << c.only[0][0];
  EXPECT_TRUE(c.only[1].empty());
}

// The shared enumeration gives each model exactly what it gives alone.
TEST(CompareTest, SharedEnumerationEqualsSeparateRuns) {
  const Side sc = embedded("sc"), lkmm = embedded("lkmm");
  for (const auto& entry : fs::directory_iterator(kShared + "/litmus/seed")) {
    const auto shared = mcm::compare::compareTest(entry.path().string(), sc, lkmm);
    Side lkmmAlone = lkmm;
    lkmmAlone.macros = std::make_shared<const mcm::macros::MacroTable>(mcm::models::defaultModel().loadDef());  // defeats sharing
    const auto separate = mcm::compare::compareTest(entry.path().string(), sc, lkmmAlone);
    ASSERT_TRUE(shared.shared);
    ASSERT_FALSE(separate.shared);
    EXPECT_EQ(shared.states, separate.states) << entry.path();
    EXPECT_EQ(shared.only, separate.only) << entry.path();
    EXPECT_EQ(shared.error, separate.error) << entry.path();
  }
}

TEST(CompareTest, ATestOneModelCannotRunIsAnErrorForThatModelOnly) {
  Side noOnce = embedded("lkmm");
  auto table = std::make_shared<mcm::macros::MacroTable>(
      mcm::macros::parseDefText("WRITE_ONCE(X,V) { __store{once}(X,V); }\n", "<test>"));
  noOnce.macros = table;
  const auto c = mcm::compare::compareTest(kShared + "/litmus/seed/SB+poonceonces.litmus", embedded("sc"), noOnce);
  EXPECT_TRUE(c.error[0].empty()) << c.error[0];
  EXPECT_NE(c.error[1].find("READ_ONCE"), std::string::npos) << c.error[1];
  EXPECT_FALSE(c.ran());
}

TestComparison made(const std::string& path, std::vector<std::string> onlyA, std::vector<std::string> onlyB) {
  TestComparison c;
  c.path = path;
  c.only = {std::move(onlyA), std::move(onlyB)};
  return c;
}

TEST(Verdict, StrongerWithThousandsAndPlurals) {
  std::vector<TestComparison> tests(5388 - 412, made("same", {}, {}));
  for (int i = 0; i < 412; ++i) tests.push_back(made("t" + std::to_string(i), {}, {"x"}));
  EXPECT_EQ(mcm::compare::verdictLine(mcm::compare::summarize(tests), "sc", "tso"),
            "Verdict: sc is stronger than tso on 5,388 tests (tso allows 412 outcomes sc forbids; sc allows none that "
            "tso forbids): switching from tso to sc is safe for these tests; from sc to tso breaks 412 tests");
}

TEST(Verdict, WeakerEquivalentIncomparable) {
  using mcm::compare::summarize;
  using mcm::compare::verdictLine;
  EXPECT_EQ(verdictLine(summarize({made("a", {"s1", "s2"}, {}), made("b", {}, {})}), "A", "B"),
            "Verdict: A is weaker than B on 2 tests (A allows 2 outcomes B forbids; B allows none that A forbids): "
            "switching from A to B is safe for these tests; from B to A breaks 1 test");
  EXPECT_EQ(verdictLine(summarize({made("a", {}, {})}), "A", "B"),
            "Verdict: A and B are equivalent on 1 test (each allows exactly the outcomes the other allows): switching "
            "between them is safe for these tests");
  EXPECT_EQ(verdictLine(summarize({made("t1", {"s"}, {}), made("t2", {}, {"s"})}), "A", "B"),
            "Verdict: A and B are incomparable on 2 tests (A allows 1 outcome B forbids, in 1 test, e.g. t1; B allows "
            "1 outcome A forbids, in 1 test, e.g. t2): switching from B to A breaks 1 test; from A to B breaks 1 test");
}

TEST(Verdict, ErrorsAreCountedNotCompared) {
  auto bad = made("bad", {}, {});
  bad.error[1] = "bad.litmus:1:1: error: unknown macro";
  const auto s = mcm::compare::summarize({bad, made("ok", {}, {})});
  EXPECT_EQ(s.tests, 2u);
  EXPECT_EQ(s.compared, 1u);
  EXPECT_EQ(s.errors[0], 0u);
  EXPECT_EQ(s.errors[1], 1u);
}

TEST(Report, JsonRoundTripAndSummary) {
  auto c = made("p", {"x"}, {});
  c.states = {2, 1};
  c.shared = true;
  const auto back = mcm::compare::comparisonFromJson(mcm::compare::toJson(c));
  EXPECT_EQ(back.path, "p");
  EXPECT_EQ(back.only, c.only);
  EXPECT_EQ(back.states, c.states);
  EXPECT_TRUE(back.shared);
  const auto j = mcm::compare::reportJson({c}, "A", "B");
  EXPECT_EQ(j["relation"], "weaker");
  EXPECT_EQ(j["summary"]["aStrictlyMore"], 1);
  EXPECT_EQ(j["differing"].size(), 1u);
}

TEST(Exhaustive, ScIsStrongerThanTsoUpToThreeEvents) {
  const auto r = mcm::compare::exhaustiveCompare(embedded("sc"), embedded("tso"), 3, mcm::compare::defaultVocabulary(), {});
  EXPECT_FALSE(r.counterexample) << *r.counterexample;
  EXPECT_GT(r.programs, 0);
  EXPECT_GT(r.executions, r.programs);
}

// The proof from the models' text (sc, tso and lkmm: the kernel model plus a check of their
// own) agrees with the enumeration, and is not given where the enumeration finds a
// counterexample, nor when the runs would not judge every check.
TEST(Exhaustive, TheProofFromTheModelsAgreesWithTheEnumeration) {
  for (const auto& [a, b] : {std::pair{"sc", "tso"}, {"tso", "lkmm"}, {"sc", "lkmm"}}) {
    EXPECT_TRUE(mcm::compare::provenStronger(embedded(a), embedded(b))) << a << " " << b;
    const auto r = mcm::compare::exhaustiveCompare(embedded(a), embedded(b), 3, mcm::compare::defaultVocabulary(), {});
    EXPECT_FALSE(r.counterexample) << a << " " << b;
  }
  for (const auto& [a, b] : {std::pair{"tso", "sc"}, {"lkmm", "tso"}, {"lkmm", "sc"}}) {
    EXPECT_FALSE(mcm::compare::provenStronger(embedded(a), embedded(b))) << a << " " << b;
    const auto r = mcm::compare::exhaustiveCompare(embedded(a), embedded(b), 4, mcm::compare::defaultVocabulary(), {});
    EXPECT_TRUE(r.counterexample) << a << " " << b;
  }
  Side skipping = embedded("sc");
  skipping.options.checks.skipped = {"sc"};
  EXPECT_FALSE(mcm::compare::provenStronger(skipping, embedded("tso")));
  EXPECT_FALSE(mcm::compare::provenStronger(embedded("sc"), lkmm2018()));  // another .def
}

// Store buffering, 4 events, is the smallest test TSO allows and SC forbids; the
// test printed must show it when run (tso: the outcome happens; sc: never).
TEST(Exhaustive, TsoAgainstScFindsStoreBuffering) {
  const auto r = mcm::compare::exhaustiveCompare(embedded("tso"), embedded("sc"), 6, mcm::compare::defaultVocabulary(), {});
  ASSERT_TRUE(r.counterexample);
  EXPECT_EQ(r.counterexampleEvents, 4);
  EXPECT_NE(r.counterexampleState.find("0:r0=0; 1:r0=0;"), std::string::npos) << r.counterexampleState;
  const auto test = mcm::litmus::parseLitmusText(*r.counterexample, "counterexample.litmus");
  ASSERT_EQ(test.threads.size(), 2u);
  for (const auto& [name, positive] : {std::pair{"tso", true}, {"sc", false}}) {
    const Side s = embedded(name);
    const auto result = mcm::exec::runTest(mcm::macros::expandMacros(test, *s.macros), s.model, s.options);
    EXPECT_EQ(result.positive > 0, positive) << name << "\n" << *r.counterexample;
  }
}

// Slices (mcm compare -j N) merge into what one run gives: the same counts when the
// models agree, the same first counterexample when they do not.
TEST(Exhaustive, SlicesMergeIntoTheSingleRun) {
  const auto vocabulary = mcm::compare::defaultVocabulary();
  for (const auto& [a, b, events] : {std::tuple{"sc", "tso", 3}, {"tso", "sc", 4}}) {
    const auto whole = mcm::compare::exhaustiveCompare(embedded(a), embedded(b), events, vocabulary, {});
    std::vector<mcm::compare::ExhaustiveResult> slices;
    for (int i = 0; i < 3; ++i)
      slices.push_back(mcm::compare::exhaustiveCompare(embedded(a), embedded(b), events, vocabulary, {}, {i, 3}));
    const auto merged = mcm::compare::mergeSlices(slices);
    EXPECT_EQ(merged.counterexample.has_value(), std::string(a) == "tso");
    EXPECT_EQ(merged.counterexample, whole.counterexample) << a << " vs " << b;
    EXPECT_EQ(merged.counterexampleState, whole.counterexampleState);
    EXPECT_EQ(merged.counterexampleEvents, whole.counterexampleEvents);
    if (!whole.counterexample) {
      EXPECT_EQ(merged.programs, whole.programs);
      EXPECT_EQ(merged.executions, whole.executions);
    }
  }
}

TEST(Exhaustive, RvtsoIsStrongerThanRvwmoUpToThreeRiscvEvents) {
  const auto r = mcm::compare::exhaustiveCompare(embedded("rvtso"), embedded("rvwmo"), 3,
                                                 mcm::compare::defaultVocabulary("RISCV"), {});
  EXPECT_FALSE(r.counterexample) << *r.counterexample;
  EXPECT_GT(r.executions, r.programs);
}

// The smallest RISC-V program RVWMO allows and RVTSO forbids has 4 events (message
// passing or load buffering: plain loads/stores, no fence). The printed test is
// checked with herd7's own riscv.cat and riscv-tso.cat, not the embedded models.
TEST(Exhaustive, RvwmoAgainstRvtsoFindsAFourEventRiscvTest) {
  const auto r = mcm::compare::exhaustiveCompare(embedded("rvwmo"), embedded("rvtso"), 4,
                                                 mcm::compare::defaultVocabulary("RISCV"), {});
  ASSERT_TRUE(r.counterexample);
  EXPECT_EQ(r.counterexampleEvents, 4);
  const auto test = mcm::riscv::parseText(*r.counterexample, "counterexample.litmus");
  ASSERT_EQ(test.threads.size(), 2u);
  for (const auto& [cat, positive] : {std::pair{"riscv.cat", true}, {"riscv-tso.cat", false}}) {
    const auto model = mcm::cat::loadModel(kShared + "/models/riscv/" + cat, {}, "", mcm::riscv::annotationSets());
    const auto result = mcm::exec::runTest(test.frame, mcm::riscv::threadSource(test), model, {});
    EXPECT_EQ(result.positive > 0, positive) << cat << "\n" << *r.counterexample;
  }
}

}  // namespace
