// Events, base relations and rf solving on small hand-written threads; every
// expected value is derived by hand from herd-semantics.md (§2-§6).
#include <gtest/gtest.h>

#include "ast_builders.hpp"
#include "exec/solver.hpp"
#include "exec/structure.hpp"
#include "exec/thread_paths.hpp"
#include "support/diagnostic.hpp"

namespace mcm::exec {
namespace {

using namespace testing;

// Locations are the given names in byte order; thread parameters hold their addresses.
struct Program {
  std::vector<std::string> locations;
  NodePool pool;
  std::vector<std::vector<ThreadPath>> paths;

  Program(std::vector<std::string> locs, const std::vector<Thread>& threads, bool lkmmv2 = true)
      : locations(std::move(locs)) {
    std::sort(locations.begin(), locations.end());
    for (const auto& t : threads) {
      ThreadSetup setup;
      setup.file = "test.litmus";
      setup.lkmmv2 = lkmmv2;
      for (const auto& p : t.params)
        setup.initRegisters[p.name] = Val::symbol(static_cast<int>(
            std::lower_bound(locations.begin(), locations.end(), p.name) - locations.begin()));
      paths.push_back(executeThread(t, setup, pool));
    }
  }
  int loc(const std::string& name) const {
    return static_cast<int>(std::lower_bound(locations.begin(), locations.end(), name) - locations.begin());
  }
  // The structure of the given path choice (index per thread), init values all 0.
  Structure structure(const std::vector<std::size_t>& pick) {
    std::vector<const ThreadPath*> chosen;
    for (std::size_t i = 0; i < pick.size(); ++i) chosen.push_back(&paths[i][pick[i]]);
    std::vector<int> init;
    for (std::size_t i = 0; i < locations.size(); ++i) init.push_back(pool.constant(Val::integer(0)));
    return buildStructure(chosen, init, pool);
  }
  static std::vector<int> staticLocations(const Structure& s, const NodePool& pool) {
    std::vector<int> out;
    for (std::size_t e = 0; e < s.size(); ++e) {
      const auto& ev = s.events[e];
      if (ev.kind == EventKind::InitWrite) out.push_back(static_cast<int>(e));
      else if (ev.addr < 0) out.push_back(-1);
      else out.push_back(pool[ev.addr].value.n);
    }
    return out;
  }
};

using Pairs = std::set<std::pair<std::size_t, std::size_t>>;
Pairs pairsOf(const rel::Relation& r) {
  Pairs out;
  for (std::size_t a = 0; a < r.universe(); ++a)
    for (std::size_t b = 0; b < r.universe(); ++b)
      if (r.contains(a, b)) out.insert({a, b});
  return out;
}

// herd-semantics §4, ctrl example:
//   r0 = READ_ONCE(*x); r1 = READ_ONCE(*y);                a, b
//   if (r0 == r1) { if (READ_ONCE(*v) == 0) {              c
//        r2 = READ_ONCE(*w); WRITE_ONCE(*z, r2); }          d, e
//     else smp_wmb(); }
//   WRITE_ONCE(*w, 2);                                      f
// ctrl = {a,b}x{c,d,e} u {c}x{d,e}; f has no ctrl; data d->e.
TEST(ExecStructure, CtrlReachesEveryEventOfTheTakenBranchOnly) {
  Program p({"v", "w", "x", "y", "z"},
            {thread(0, {"v", "w", "x", "y", "z"},
                    {assign("r0", readOnce("x")), assign("r1", readOnce("y")),
                     ifStmt(bin(BinOp::Eq, reg("r0"), reg("r1")),
                            block({ifStmt(bin(BinOp::Eq, readOnce("v"), num(0)),
                                          block({assign("r2", readOnce("w")), writeOnce("z", reg("r2"))}),
                                          fence("wmb"))})),
                     writeOnce("w", num(2))})});
  // Paths, else sides first (herd's order): outer false, outer true/inner false, outer true/inner true.
  ASSERT_EQ(p.paths[0].size(), 3u);
  const Structure s = p.structure({2});
  // Events: 5 init writes (0-4), then a=5 b=6 c=7 d=8 e=9 f=10.
  ASSERT_EQ(s.size(), 11u);
  const auto env = programEnvironment(s, Program::staticLocations(s, p.pool), {"lkmmv2"});
  EXPECT_EQ(pairsOf(env.relations.at("ctrl")),
            (Pairs{{5, 7}, {5, 8}, {5, 9}, {6, 7}, {6, 8}, {6, 9}, {7, 8}, {7, 9}}));
  EXPECT_EQ(pairsOf(env.relations.at("data")), (Pairs{{8, 9}}));
  EXPECT_TRUE(env.relations.at("addr").empty());
  // The else path: the wmb fence is controlled by a, b and c.
  const Structure s2 = p.structure({1});
  ASSERT_EQ(s2.size(), 10u);  // a b c F[wmb] f
  const auto env2 = programEnvironment(s2, Program::staticLocations(s2, p.pool), {});
  EXPECT_TRUE(env2.sets.at("Wmb").contains(8));
  EXPECT_EQ(pairsOf(env2.relations.at("ctrl")), (Pairs{{5, 7}, {5, 8}, {6, 7}, {6, 8}, {7, 8}}));
}

// §3: `r0 = READ_ONCE(*x) + READ_ONCE(*y);` the reads are not po-related;
// `WRITE_ONCE(*z, READ_ONCE(*x))` orders R before W.
TEST(ExecStructure, EventsOfOneStatementAreOrderedOnlyByCausality) {
  Program p({"x", "y", "z"}, {thread(0, {"x", "y", "z"},
                                     {assign("r0", bin(BinOp::Add, readOnce("x"), readOnce("y"))),
                                      writeOnce("z", readOnce("x"))})});
  const Structure s = p.structure({0});
  // init 0-2; R x=3, R y=4, R x=5, W z=6.
  EXPECT_EQ(pairsOf(s.po), (Pairs{{3, 5}, {3, 6}, {4, 5}, {4, 6}, {5, 6}}));
}

// §2.2/§2.3: xchg is R*[MB] -> W*[MB] (rmw, po, no data) under lkmmv2, and
// F[mb] R*[once] W*[once] F[mb] without it (2018 def: __xchg{mb}).
TEST(ExecStructure, XchgEventsDependOnTheVariant) {
  auto xchg = [](const std::string& tag) {
    return assign("r0", prim(PrimExpr::Xchg, {tag}, {reg("x"), num(1)}));
  };
  Program v2({"x"}, {thread(0, {"x"}, {xchg("MB")})}, true);
  const Structure s = v2.structure({0});
  ASSERT_EQ(s.size(), 3u);
  auto env = programEnvironment(s, Program::staticLocations(s, v2.pool), {"lkmmv2"});
  EXPECT_EQ(pairsOf(env.relations.at("rmw")), (Pairs{{1, 2}}));
  EXPECT_EQ(pairsOf(s.po), (Pairs{{1, 2}}));
  EXPECT_TRUE(env.relations.at("data").empty());
  EXPECT_EQ(env.sets.at("MB").count(), 2u);
  EXPECT_EQ(env.sets.at("RMW").count(), 2u);

  Program v1({"x"}, {thread(0, {"x"}, {xchg("mb")})}, false);
  const Structure s1 = v1.structure({0});
  ASSERT_EQ(s1.size(), 5u);  // IW, F, R*, W*, F
  auto env1 = programEnvironment(s1, Program::staticLocations(s1, v1.pool), {});
  EXPECT_EQ(env1.sets.at("Mb").elements(), (std::vector<std::size_t>{1, 4}));
  EXPECT_EQ(env1.sets.at("Once").elements(), (std::vector<std::size_t>{2, 3}));
  EXPECT_EQ(pairsOf(s1.po), (Pairs{{1, 2}, {1, 3}, {1, 4}, {2, 3}, {2, 4}, {3, 4}}));
}

// §2.2: atomic_inc is R*[NORETURN] -> W*[NORETURN] with data R->W.
TEST(ExecStructure, AtomicOpHasDataFromItsRead) {
  Program p({"v"}, {thread(0, {"v"}, {primStmt(PrimStmt::AtomicOp, {"NORETURN"}, {reg("v"), num(1)})})});
  const Structure s = p.structure({0});
  auto env = programEnvironment(s, Program::staticLocations(s, p.pool), {"lkmmv2"});
  EXPECT_EQ(pairsOf(env.relations.at("data")), (Pairs{{1, 2}}));
  EXPECT_EQ(pairsOf(env.relations.at("rmw")), (Pairs{{1, 2}}));
}

// §2.2 locks: spin_lock is LKR -> LKW (po, no base rmw), spin_unlock is UL; lock
// events are in none of R, W, M but share `loc` with the lock's init write.
TEST(ExecStructure, LockEventsAreOutsideMemoryAccesses) {
  Program p({"s"}, {thread(0, {"s"}, {primStmt(PrimStmt::Lock, {}, {reg("s")}),
                                      primStmt(PrimStmt::Unlock, {}, {reg("s")})})});
  const Structure s = p.structure({0});
  ASSERT_EQ(s.size(), 4u);  // IW s, LKR, LKW, UL
  auto env = programEnvironment(s, Program::staticLocations(s, p.pool), {"lkmmv2"});
  EXPECT_EQ(env.sets.at("LKR").elements(), (std::vector<std::size_t>{1}));
  EXPECT_EQ(env.sets.at("LKW").elements(), (std::vector<std::size_t>{2}));
  EXPECT_EQ(env.sets.at("UL").elements(), (std::vector<std::size_t>{3}));
  EXPECT_EQ(env.sets.at("M").elements(), (std::vector<std::size_t>{0}));
  EXPECT_TRUE(env.relations.at("rmw").empty());
  EXPECT_EQ(pairsOf(s.po), (Pairs{{1, 2}, {1, 3}, {2, 3}}));
  EXPECT_EQ(pairsOf(env.relations.at("loc")).size(), 16u);
}

// §2.2 trylock: success is LKR -> LKW returning 1, failure a single LF returning 0;
// is_locked is RL (1) or RU (0).
TEST(ExecStructure, TrylockAndIsLockedSplitIntoAlternatives) {
  Program p({"s"}, {thread(0, {"s"}, {assign("r0", prim(PrimExpr::Trylock, {}, {reg("s")})),
                                      assign("r1", prim(PrimExpr::Islocked, {}, {reg("s")}))})});
  ASSERT_EQ(p.paths[0].size(), 4u);
  std::vector<std::vector<EventKind>> shapes;
  for (const auto& path : p.paths[0]) {
    std::vector<EventKind> kinds;
    for (const auto& e : path.events) kinds.push_back(e.kind);
    shapes.push_back(kinds);
  }
  using K = EventKind;
  EXPECT_EQ(shapes, (std::vector<std::vector<K>>{{K::LockRead, K::LockWrite, K::ReadLocked},
                                                 {K::LockRead, K::LockWrite, K::ReadUnlocked},
                                                 {K::LockFail, K::ReadLocked},
                                                 {K::LockFail, K::ReadUnlocked}}));
}

// §2.2 SRCU: srcu_read_lock is a memory read R[srcu-lock], srcu_read_unlock(s, r)
// a memory write W[srcu-unlock] with data from that read; synchronize_srcu is an
// event in Sync-srcu and loc only, never a ctrl target.
TEST(ExecStructure, SrcuLockAndUnlockAreMemoryAccesses) {
  Program p({"s", "x"},
            {thread(0, {"s", "x"},
                    {assign("r0", prim(PrimExpr::Load, {"srcu-lock"}, {deref(reg("s"))})),
                     primStmt(PrimStmt::Store, {"srcu-unlock"}, {deref(reg("s")), reg("r0")}),
                     ifStmt(bin(BinOp::Eq, readOnce("x"), num(0)), primStmt(PrimStmt::Srcu, {"sync-srcu"}, {reg("s")}))})});
  const Structure s = p.structure({1});  // the path where the condition holds
  // IW s=0, IW x=1, R[srcu-lock]=2, W[srcu-unlock]=3, R x=4, sync=5.
  ASSERT_EQ(s.size(), 6u);
  auto env = programEnvironment(s, Program::staticLocations(s, p.pool), {"lkmmv2"});
  EXPECT_EQ(env.sets.at("Srcu-lock").elements(), (std::vector<std::size_t>{2}));
  EXPECT_EQ(env.sets.at("Srcu-unlock").elements(), (std::vector<std::size_t>{3}));
  EXPECT_EQ(env.sets.at("Sync-srcu").elements(), (std::vector<std::size_t>{5}));
  EXPECT_EQ(env.sets.at("M").elements(), (std::vector<std::size_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(pairsOf(env.relations.at("data")), (Pairs{{2, 3}}));
  EXPECT_TRUE(env.relations.at("ctrl").empty());
  EXPECT_TRUE(env.relations.at("loc").contains(5, 0));
}

// §2.2/§2.3 failed RMWs: a failed add_unless or cmpxchg is one R* (in RMW, no rmw
// pair); under lkmmv1 a failed cmpxchg's read is `once` whatever the macro's tag.
TEST(ExecStructure, FailedRmwIsASingleRead) {
  Program p({"v"}, {thread(0, {"v"}, {assign("r0", prim(PrimExpr::AtomicAddUnless, {"MB"}, {reg("v"), num(1), num(0)}))})});
  ASSERT_EQ(p.paths[0].size(), 2u);
  const Structure failed = p.structure({1});
  ASSERT_EQ(failed.size(), 2u);
  auto env = programEnvironment(failed, Program::staticLocations(failed, p.pool), {"lkmmv2"});
  EXPECT_EQ(env.sets.at("RMW").elements(), (std::vector<std::size_t>{1}));
  EXPECT_EQ(env.sets.at("MB").elements(), (std::vector<std::size_t>{1}));
  EXPECT_TRUE(env.relations.at("rmw").empty());

  Program v1({"x"}, {thread(0, {"x"}, {assign("r0", prim(PrimExpr::Cmpxchg, {"mb"}, {reg("x"), num(0), num(1)}))})},
             false);
  const Structure f1 = v1.structure({1});
  ASSERT_EQ(f1.size(), 2u);  // no fences around a failed cmpxchg
  auto env1 = programEnvironment(f1, Program::staticLocations(f1, v1.pool), {});
  EXPECT_EQ(env1.sets.at("Once").elements(), (std::vector<std::size_t>{1}));
}

// §4: `READ_ONCE(*(r3 + (r0 & 0)))` has addr from both reads (symbol + 0 is the symbol).
TEST(ExecStructure, AddressDependencyThroughZeroedArithmetic) {
  Program p({"p", "x", "y"},
            {thread(0, {"p", "x", "y"},
                    {assign("r0", readOnce("x")), assign("r3", readOnce("p")),
                     assign("r1", prim(PrimExpr::Load, {"ONCE"},
                                       {deref(bin(BinOp::Add, reg("r3"), bin(BinOp::BitAnd, reg("r0"), num(0))))}))})});
  const Structure s = p.structure({0});
  // IW p, x, y = 0-2; R x=3, R p=4, R *(..)=5.
  std::vector<int> locs = {0, 1, 2, 1, 0, 2};
  auto env = programEnvironment(s, locs, {"lkmmv2"});
  EXPECT_EQ(pairsOf(env.relations.at("addr")), (Pairs{{3, 5}, {4, 5}}));
  EXPECT_FALSE(s.staticAddresses);
}

// Counts the solvable rf choices of every path combination.
long long solvedCandidates(Program& p) {
  long long solved = 0;
  std::vector<std::size_t> pick(p.paths.size(), 0);
  while (true) {
    const Structure s = p.structure(pick);
    RfSearch search(s, p.pool, "test.litmus");
    search.run([] {}, [&](const Candidate&) { ++solved; });
    std::size_t i = pick.size();
    while (i > 0 && ++pick[i - 1] == p.paths[i - 1].size()) pick[--i] = 0;
    if (i == 0) break;
  }
  return solved;
}

// §5: cmpxchg(x,0,2) racing WRITE_ONCE(*x,1): success reads init 0 (reading 1
// fails the equation), failure reads 1 (reading 0 fails): 2 solved rf choices.
TEST(ExecSolver, CmpxchgSuccessAndFailureCarryEquations) {
  Program p({"x"}, {thread(0, {"x"}, {assign("r0", prim(PrimExpr::Cmpxchg, {"MB"}, {reg("x"), num(0), num(2)}))}),
                    thread(1, {"x"}, {writeOnce("x", num(1))})});
  ASSERT_EQ(p.paths[0].size(), 2u);
  EXPECT_EQ(solvedCandidates(p), 2);
}

// `r0=READ_ONCE(*x); if (r0==1) {...}` with one writer of 1: 2 solved candidates, not 4 (§5).
TEST(ExecSolver, BranchAssumptionsPruneUnsolvableReads) {
  Program p({"x", "y"}, {thread(0, {"x", "y"}, {assign("r0", readOnce("x")),
                                                ifStmt(bin(BinOp::Eq, reg("r0"), num(1)), writeOnce("y", num(1)))}),
                         thread(1, {"x", "y"}, {writeOnce("x", num(1))})});
  EXPECT_EQ(solvedCandidates(p), 2);
}

// §5 lbplain: P0: r0=*x; *y=r0;  P1: r1=*y; *x=r1.  Four rf choices, all solvable;
// when each reads the other's write the value is a free copy cycle.
TEST(ExecSolver, CopyCyclesStayFree) {
  Program p({"x", "y"}, {thread(0, {"x", "y"}, {assign("r0", deref(reg("x"))), plainStore("y", reg("r0"))}),
                         thread(1, {"x", "y"}, {assign("r1", deref(reg("y"))), plainStore("x", reg("r1"))})});
  const Structure s = p.structure({0, 0});
  RfSearch search(s, p.pool, "test.litmus");
  int solved = 0, free = 0;
  search.run([] {}, [&](const Candidate& c) {
    ++solved;
    auto r = RfSearch::resolve(p.pool, p.paths[0][0].registers.at("r0"), c);
    ASSERT_TRUE(r.ok);
    if (r.free) ++free;
    else EXPECT_EQ(r.value, Val::integer(0));
  });
  EXPECT_EQ(solved, 4);
  EXPECT_EQ(free, 1);
}

// An operation on a copied value (r0 + 1) cannot be solved: that candidate is dropped.
TEST(ExecSolver, OperationsOnUnsolvedValuesDropTheCandidate) {
  Program p({"x", "y"},
            {thread(0, {"x", "y"}, {assign("r0", deref(reg("x"))), plainStore("y", bin(BinOp::Add, reg("r0"), num(1)))}),
             thread(1, {"x", "y"}, {assign("r1", deref(reg("y"))), plainStore("x", reg("r1"))})});
  EXPECT_EQ(solvedCandidates(p), 3);
}

// §10: a write through a pointer that may be 0 is a user error.
TEST(ExecSolver, WriteThroughANonSymbolicPointerIsAnError) {
  Program p({"p", "x"}, {thread(0, {"p", "x"}, {assign("r0", readOnce("p")), writeOnce("r0", num(1))})});
  EXPECT_THROW(solvedCandidates(p), Diagnostic);
}

// §5: 32-bit two's complement arithmetic, division toward zero.
TEST(ExecValues, ArithmeticIs32Bit) {
  EXPECT_EQ(*applyBinary(BinOp::Add, Val::integer(2147483647), Val::integer(1)), Val::integer(-2147483647 - 1));
  EXPECT_EQ(*applyBinary(BinOp::Div, Val::integer(-7), Val::integer(2)), Val::integer(-3));
  EXPECT_EQ(*applyBinary(BinOp::Add, Val::symbol(3), Val::integer(0)), Val::symbol(3));
  EXPECT_FALSE(applyBinary(BinOp::Add, Val::symbol(3), Val::integer(1)));
  EXPECT_EQ(*applyBinary(BinOp::Eq, Val::symbol(3), Val::symbol(3)), Val::integer(1));
}

}  // namespace
}  // namespace mcm::exec
