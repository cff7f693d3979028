// runTest on small hand-written tests judged by the kernel's LKMM files; the
// expected results are derived by hand (herd-semantics.md §5-§7), and each
// one is also what herd7 printed for the same test when that note was written.
#include <gtest/gtest.h>

#include "ast_builders.hpp"
#include "cat/model.hpp"
#include "exec/engine.hpp"
#include "support/diagnostic.hpp"

namespace mcm::exec {
namespace {

using namespace testing;

std::shared_ptr<const cat::Model> lkmm() {
  static const auto model = [] {
    const std::string dir = std::string(MCM_SHARED_DIR) + "/models/lkmm";
    return cat::loadModel(dir + "/linux-kernel.cat", {dir}, dir + "/linux-kernel.bell");
  }();
  return model;
}

TestResult run(const Test& t, long long maxCandidates = 10'000'000) {
  RunOptions o;
  o.variants = {"lkmmv2"};
  o.maxCandidates = maxCandidates;
  return runTest(t, lkmm(), o);
}

Test makeTest(std::vector<Thread> threads, PropPtr prop, Quantifier q = Quantifier::Exists) {
  Test t;
  t.path = "hand.litmus";
  t.name = "hand";
  t.threads = std::move(threads);
  t.condition = Condition{q, std::move(prop), {}};
  return t;
}

// §6: P0 reads x then y, P1 writes x=1 then y=-1; exists (x=1 /\ y=-1) holds in
// all 2x2 rf choices: States 1 ([x]=1; [y]=-1;), Positive 4, Negative 0.
TEST(ExecEngine, PositiveCountsExecutionsNotStates) {
  auto t = makeTest({thread(0, {"x", "y"}, {assign("r0", readOnce("x")), assign("r1", readOnce("y"))}),
                     thread(1, {"x", "y"}, {writeOnce("x", num(1)), writeOnce("y", num(-1))})},
                    conj({atom(globalLoc("x"), 1), atom(globalLoc("y"), -1)}));
  const TestResult r = run(t);
  ASSERT_EQ(r.states.size(), 1u);
  ASSERT_EQ(r.states[0].size(), 2u);
  EXPECT_EQ(r.states[0].entries()[0].first.name, "x");
  EXPECT_EQ(r.states[0].entries()[1].second.number, -1);
  EXPECT_EQ(r.positive, 4);
  EXPECT_EQ(r.negative, 0);
  EXPECT_TRUE(r.flags.empty());
  // The bound counts candidates: 4 rf choices x 1 final-write choice each.
  EXPECT_THROW(run(t, 3), Diagnostic);
  EXPECT_NO_THROW(run(t, 4));
}

// §5: cmpxchg(x,0,2) racing WRITE_ONCE(*x,1): success (r0=0, then x=2 must be
// co-before 1 for atomicity, so [x]=1) and failure (r0=1, [x]=1).
TEST(ExecEngine, CmpxchgRacingAWrite) {
  auto t = makeTest({thread(0, {"x"}, {assign("r0", prim(PrimExpr::Cmpxchg, {"MB"}, {reg("x"), num(0), num(2)}))}),
                     thread(1, {"x"}, {writeOnce("x", num(1))})},
                    conj({atom(regLoc(0, "r0"), 0), atom(globalLoc("x"), 1)}));
  const TestResult r = run(t);
  ASSERT_EQ(r.states.size(), 2u);
  EXPECT_EQ(r.states[0].entries()[0].second.number, 0);
  EXPECT_EQ(r.states[1].entries()[0].second.number, 1);
  EXPECT_EQ(r.states[0].entries()[1].second.number, 1);
  EXPECT_EQ(r.positive, 1);
  EXPECT_EQ(r.negative, 1);
}

// §5 lbplain: P0: r0=*x; *y=r0;  P1: r1=*y; *x=r1;  exists (0:r0=1).
// States 2 (a free value and 0), Positive 0, Negative 4, Flag data-race. herd
// printed the free value as S8: its variables are numbered S1 (register x),
// S2 (read of x), S3 (register y), S4 (register r0), S5..S8 likewise in P1, and
// the class {S2, S4, S6, S8} is named by its highest member.
TEST(ExecEngine, LbPlainKeepsTheFreeValue) {
  auto t = makeTest({thread(0, {"x", "y"}, {assign("r0", deref(reg("x"))), plainStore("y", reg("r0"))}),
                     thread(1, {"x", "y"}, {assign("r1", deref(reg("y"))), plainStore("x", reg("r1"))})},
                    atom(regLoc(0, "r0"), 1));
  const TestResult r = run(t);
  ASSERT_EQ(r.states.size(), 2u);
  EXPECT_EQ(r.states[0].entries()[0].second, (StateValue{StateValue::Kind::Free, 8, ""}));
  EXPECT_EQ(r.states[1].entries()[0].second, (StateValue{StateValue::Kind::Int, 0, ""}));
  EXPECT_EQ(r.positive, 0);
  EXPECT_EQ(r.negative, 4);
  EXPECT_EQ(r.flags, (std::set<std::string>{"data-race"}));
}

// §7: `spin_lock(s); spin_lock(s);` deadlocks: no execution at all.
TEST(ExecEngine, SelfDeadlockHasNoExecutions) {
  auto t = makeTest({thread(0, {"s", "x"}, {primStmt(PrimStmt::Lock, {}, {reg("s")}),
                                           primStmt(PrimStmt::Lock, {}, {reg("s")}),
                                           assign("r0", readOnce("x"))})},
                    atom(regLoc(0, "r0"), 0));
  const TestResult r = run(t);
  EXPECT_TRUE(r.states.empty());
  EXPECT_EQ(r.positive + r.negative, 0);
}

// §6: the filter removes executions before the model; they are not counted.
TEST(ExecEngine, FilterDropsExecutionsBeforeCounting) {
  auto t = makeTest({thread(0, {"x"}, {assign("r0", readOnce("x"))}), thread(1, {"x"}, {writeOnce("x", num(1))})},
                    atom(regLoc(0, "r0"), 1));
  t.filter = atom(regLoc(0, "r0"), 0);
  const TestResult r = run(t);
  ASSERT_EQ(r.states.size(), 1u);
  EXPECT_EQ(r.positive, 0);
  EXPECT_EQ(r.negative, 1);
}

// A filter's register requirements prune the rf search: three reads of x, y, z (each 0 or
// 1: 8 rf choices) filtered to two register rows leave 2 candidates, within a bound of 3
// that the unfiltered test exceeds. The filter's memory atom is checked after the search.
TEST(ExecEngine, FilterRegistersPruneTheRfSearch) {
  auto t = makeTest({thread(0, {"x"}, {assign("r0", readOnce("x"))}), thread(1, {"y"}, {assign("r0", readOnce("y"))}),
                     thread(2, {"z"}, {assign("r0", readOnce("z"))}),
                     thread(3, {"x", "y", "z"}, {writeOnce("x", num(1)), writeOnce("y", num(1)), writeOnce("z", num(1))})},
                    atom(regLoc(0, "r0"), 1));
  EXPECT_THROW(run(t, 3), TooManyCandidates);
  t.filter = conj({disj({conj({atom(regLoc(0, "r0"), 1), atom(regLoc(1, "r0"), 0), atom(regLoc(2, "r0"), 1)}),
                         conj({atom(regLoc(0, "r0"), 0), atom(regLoc(1, "r0"), 0), atom(regLoc(2, "r0"), 0)})}),
                   atom(globalLoc("x"), 1)});
  const TestResult r = run(t, 3);
  ASSERT_EQ(r.states.size(), 2u);
  EXPECT_EQ(r.positive, 1);  // 0:r0=1 (r1 0, r2 1)
  EXPECT_EQ(r.negative, 1);  // all zero
  EXPECT_EQ(r.candidates, 2);
}

// 8 rf choices against a bound of 3: the test is refused before any candidate is judged
// (counted first, not judged until the bound is reached).
TEST(ExecEngine, ATestPastTheBoundIsRefusedBeforeJudgingAnything) {
  auto t = makeTest({thread(0, {"x"}, {assign("r0", readOnce("x"))}), thread(1, {"y"}, {assign("r0", readOnce("y"))}),
                     thread(2, {"z"}, {assign("r0", readOnce("z"))}),
                     thread(3, {"x", "y", "z"}, {writeOnce("x", num(1)), writeOnce("y", num(1)), writeOnce("z", num(1))})},
                    atom(regLoc(0, "r0"), 1));
  RunOptions o;
  o.variants = {"lkmmv2"};
  o.maxCandidates = 3;
  int judged = 0;
  o.observer = [&judged](const CandidateView&) { ++judged; };
  EXPECT_THROW(runTest(t, lkmm(), o), TooManyCandidates);
  EXPECT_EQ(judged, 0);
  o.maxCandidates = 8;
  EXPECT_EQ(runTest(t, lkmm(), o).candidates, 8);
  EXPECT_EQ(judged, 8);
}

// §6 loops: `while (READ_ONCE(*x) == 0) {}` against WRITE_ONCE(*x,1), unrolled twice:
// the condition is read at most 3 times; the paths reading 1 / 0,1 / 0,0,1 leave
// the loop (3 executions, all with [x]=1), the path reading 0,0,0 would need a
// third iteration: it is cut off and dropped.
TEST(ExecEngine, WhileIsUnrolledAndCutOff) {
  auto t = makeTest({thread(0, {"x"}, {whileStmt(bin(BinOp::Eq, readOnce("x"), num(0)), block({}))}),
                     thread(1, {"x"}, {writeOnce("x", num(1))})},
                    atom(globalLoc("x"), 1));
  const TestResult r = run(t);
  EXPECT_TRUE(r.loopCutoff);
  EXPECT_EQ(r.positive, 3);
  EXPECT_EQ(r.negative, 0);
}

// The bound also covers the alternatives of one thread: three independent ifs on
// a read make 2^3 = 8 paths, more than a bound of 4.
TEST(ExecEngine, PathExplosionHitsTheBound) {
  std::vector<StmtPtr> body{assign("r0", readOnce("x"))};
  for (int i = 0; i < 3; ++i) body.push_back(ifStmt(bin(BinOp::Eq, reg("r0"), num(i)), writeOnce("y", num(i))));
  auto t = makeTest({thread(0, {"x", "y"}, body)}, atom(regLoc(0, "r0"), 0));
  EXPECT_THROW(run(t, 4), Diagnostic);
  EXPECT_NO_THROW(run(t, 8));
}

// §10: a condition naming a thread that does not exist.
TEST(ExecEngine, ConditionOnAMissingThreadIsBadProcess) {
  auto t = makeTest({thread(0, {"x"}, {assign("r0", readOnce("x"))})}, atom(regLoc(5, "r0"), 0));
  try {
    run(t);
    FAIL() << "expected a diagnostic";
  } catch (const Diagnostic& d) {
    EXPECT_EQ(d.message(), "Bad process P5");
  }
}

}  // namespace
}  // namespace mcm::exec
