// Symmetries (symmetry.hpp): found exactly where threads are the same program up to renaming
// their locations, always a group; and a run that judges one execution of each orbit gives
// what judging every candidate gives (RunOptions::countEveryCandidate, which judges each one:
// the independent route, itself compared with herd7 in oracle_test.cpp). The tests run: the
// corpora's tests with symmetries (identical threads, rings), every kernel, seed and scenario
// test and every 20th paulmck dev test as it is and with a copy of its last thread added (its
// registers displayed as the original's are).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "exec/oracle_summary.hpp"
#include "exec/symmetry.hpp"
#include "exec/thread_paths.hpp"
#include "litmus/locations.hpp"
#include "report/oracle_blocks.hpp"  // tests/report: reads the oracle .out blocks

namespace mcm::exec {
namespace {

using namespace summary;
using Permutations = std::set<std::vector<int>>;

litmus::Test expanded(litmus::Test t) { return macros::expandMacros(t, *macrosOf("")); }

void collectSymbols(const litmus::PropPtr& p, std::vector<std::string>& names) {
  if (!p) return;
  if (p->kind == litmus::Prop::Kind::Atom && !p->rhsLoc && p->rhs.isSymbol) names.push_back(p->rhs.symbol);
  for (const auto& a : p->args) collectSymbols(a, names);
}

// The thread paths and what the final states show, as the engine has them: locations (those
// of the parameters, the initial state and the condition) numbered in name order, each
// thread's parameters and `N:r=v` entries its initial registers.
std::vector<Symmetry> symmetriesOf(const litmus::Test& t) {
  std::vector<std::string> names;
  for (const auto& th : t.threads)
    for (const auto& p : th.params) names.push_back(p.name);
  for (const auto& item : t.init) {
    if (!item.loc.isRegister()) names.push_back(item.loc.name);
    if (item.value.isSymbol) names.push_back(item.value.symbol);
  }
  const auto shown = litmus::displayedLocations(t);
  for (const auto& l : shown)
    if (!l.isRegister()) names.push_back(l.name);
  if (t.condition) collectSymbols(t.condition->prop, names);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  const auto id = [&](const std::string& n) {
    return static_cast<int>(std::lower_bound(names.begin(), names.end(), n) - names.begin());
  };
  const auto value = [&](const litmus::Value& v) {
    return v.isSymbol ? Val::symbol(id(v.symbol)) : Val::integer(static_cast<std::int32_t>(v.number));
  };
  TestShape shape;
  shape.initValues.assign(names.size(), Val::integer(0));
  shape.shownRegisters.resize(t.threads.size());
  for (const auto& item : t.init)
    if (!item.loc.isRegister()) shape.initValues[id(item.loc.name)] = value(item.value);
  for (const auto& l : shown) {
    if (l.isRegister()) shape.shownRegisters[l.thread].insert(l.name);
    else shape.shownLocations.insert(id(l.name));
  }
  NodePool pool;
  std::vector<std::vector<ThreadPath>> perThread;
  for (std::size_t i = 0; i < t.threads.size(); ++i) {
    ThreadSetup setup;
    for (const auto& n : names) setup.symbols[n] = id(n);
    for (const auto& p : t.threads[i].params) setup.initRegisters[p.name] = Val::symbol(id(p.name));
    for (const auto& item : t.init)
      if (item.loc.thread == static_cast<int>(i)) setup.initRegisters[item.loc.name] = value(item.value);
    perThread.push_back(executeThread(t.threads[i], setup, pool));
  }
  return symmetries(perThread, pool, shape);
}

// The symmetries' thread permutations but the identity's, after checking that the first is the
// identity and that they form a group.
Permutations threadPermutationsOf(const litmus::Test& t) {
  const auto found = symmetriesOf(t);
  const std::set<Symmetry> group(found.begin(), found.end());
  EXPECT_EQ(group.size(), found.size());
  Permutations out;
  for (std::size_t g = 0; g < found.size(); ++g) {
    std::vector<int> identity(found[g].thread.size());
    for (std::size_t i = 0; i < identity.size(); ++i) identity[i] = static_cast<int>(i);
    if (g == 0) EXPECT_EQ(found[g].thread, identity);
    else out.insert(found[g].thread);
    for (const auto& h : found) {
      Symmetry gh = h;
      for (int& x : gh.thread) x = found[g].thread[x];
      for (int& l : gh.location) l = found[g].location[l];
      EXPECT_EQ(group.count(gh), 1u) << "not a group";
    }
  }
  return out;
}

Permutations threadPermutationsOfText(const std::string& text) {
  return threadPermutationsOf(expanded(litmus::parseLitmusText("C t\n" + text, "t.litmus")));
}

TEST(Symmetries, FoundOnlyWhereThreadsAreTheSameProgramUpToLocations) {
  const std::string shows = "\nexists (0:r0=0 /\\ 1:r0=0)\n";
  const std::string p0 = "P0(int *x, int *y) { int r0; WRITE_ONCE(*x, 1); r0 = READ_ONCE(*y); }\n";
  EXPECT_EQ(threadPermutationsOfText("{}\n" + p0 + "P1(int *x, int *y) { int r0; WRITE_ONCE(*x, 1); r0 = READ_ONCE(*y); }" + shows),
            (Permutations{{1, 0}}));
  // Another value, a location that cannot be renamed, register, fence, or a dependency: not the same program.
  for (const char* p1 : {"P1(int *x, int *y) { int r0; WRITE_ONCE(*x, 2); r0 = READ_ONCE(*y); }",
                         "P1(int *x, int *y) { int r0; WRITE_ONCE(*y, 1); r0 = READ_ONCE(*y); }",
                         "P1(int *x, int *y) { int r1; WRITE_ONCE(*x, 1); r1 = READ_ONCE(*y); }",
                         "P1(int *x, int *y) { int r0; WRITE_ONCE(*x, 1); smp_mb(); r0 = READ_ONCE(*y); }",
                         "P1(int *x, int *y) { int r0; WRITE_ONCE(*x, 1); r0 = smp_load_acquire(y); }"})
    EXPECT_EQ(threadPermutationsOfText("{}\n" + p0 + p1 + shows), Permutations{}) << p1;
  // A register no final state shows may differ.
  EXPECT_EQ(threadPermutationsOfText("{}\n" + p0 + "P1(int *x, int *y) { int r1; WRITE_ONCE(*x, 1); r1 = READ_ONCE(*y); }" +
                                     "\nexists (x=1)\n"),
            (Permutations{{1, 0}}));
  EXPECT_EQ(threadPermutationsOfText("{}\n" + p0 + "P1(int *x, int *y) { int r0; r0 = READ_ONCE(*x); WRITE_ONCE(*y, r0); }" +
                                     "P2(int *x, int *y) { int r0; r0 = READ_ONCE(*x); WRITE_ONCE(*y, r0 + 1); }" + shows),
            Permutations{});
  EXPECT_EQ(threadPermutationsOfText("{}\n" + p0 + "P1(int *x, int *y) { int r0; r0 = READ_ONCE(*x); WRITE_ONCE(*y, r0); }" +
                                     "P2(int *x, int *y) { int r0; r0 = READ_ONCE(*x); WRITE_ONCE(*y, r0); }" +
                                     "\nexists (0:r0=0 /\\ 1:r0=0 /\\ 2:r0=0)\n"),
            (Permutations{{0, 2, 1}}));
  // Store buffering: the threads trade places with x and y; not when x and y start apart or
  // the final state shows x alone.
  const std::string sb = "P0(int *x, int *y) { int r0; WRITE_ONCE(*x, 1); r0 = READ_ONCE(*y); }\n"
                         "P1(int *x, int *y) { int r0; WRITE_ONCE(*y, 1); r0 = READ_ONCE(*x); }\n";
  EXPECT_EQ(threadPermutationsOfText("{}\n" + sb + shows), (Permutations{{1, 0}}));
  EXPECT_EQ(threadPermutationsOfText("{}\n" + sb + "exists (0:r0=0 /\\ 1:r0=0 /\\ x=1 /\\ y=1)\n"),
            (Permutations{{1, 0}}));
  EXPECT_EQ(threadPermutationsOfText("{ x=1; }\n" + sb + shows), Permutations{});
  EXPECT_EQ(threadPermutationsOfText("{}\n" + sb + "exists (0:r0=0 /\\ 1:r0=0 /\\ x=1)\n"), Permutations{});
  // Three identical threads: every permutation; six, a subgroup of at most kMaxSymmetries
  // (those leaving thread 0 in place: 5! = 120).
  std::string three = "{}\n", six = "{}\n", shown3 = "\nexists (x=1", shown6 = shown3;
  for (int i = 0; i < 6; ++i) {
    const std::string thread = "P" + std::to_string(i) + "(int *x) { int r0; r0 = xchg(x, 1); }\n";
    if (i < 3) three += thread, shown3 += " /\\ " + std::to_string(i) + ":r0=0";
    six += thread, shown6 += " /\\ " + std::to_string(i) + ":r0=0";
  }
  EXPECT_EQ(threadPermutationsOfText(three + shown3 + ")\n"),
            (Permutations{{0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}}));
  const auto sixes = threadPermutationsOfText(six + shown6 + ")\n");
  EXPECT_EQ(sixes.size(), kMaxSymmetries - 1);
  for (const auto& p : sixes) EXPECT_EQ(p[0], 0);
  // Branches: the same alternatives in the same order.
  EXPECT_EQ(threadPermutationsOf(expanded(litmus::parseLitmusFile(kShared + "/litmus/kernel/doc/locking/DCL-fixed.litmus"))),
            (Permutations{{1, 0}}));
  EXPECT_EQ(threadPermutationsOf(expanded(litmus::parseLitmusFile(
                kShared + "/litmus/paulmck/manual/kernel/C-ManfredSpraul-L1G2xchg.litmus"))),
            (Permutations{{0, 2, 1}}));
  // A ring of five threads, each on its own locations and the lock: its rotations.
  EXPECT_EQ(threadPermutationsOf(expanded(litmus::parseLitmusFile(
                kShared + "/litmus/paulmck/manual/absperf/C-SB+l-o-o-u+l-o-o-u+l-o-o-u+l-o-o-u+l-o-o-u-XE.litmus"))),
            (Permutations{{1, 2, 3, 4, 0}, {2, 3, 4, 0, 1}, {3, 4, 0, 1, 2}, {4, 0, 1, 2, 3}}));
}

// The group of three identical threads (all six permutations), by hand: inverses, the
// structures that come first among their images, and cosets.
TEST(SymmetryGroup, InversesFirstStructuresAndCosets) {
  std::string text = "{}\n", shown = "\nexists (x=1";
  for (int i = 0; i < 3; ++i) {
    text += "P" + std::to_string(i) + "(int *x) { int r0; r0 = xchg(x, 1); }\n";
    shown += " /\\ " + std::to_string(i) + ":r0=0";
  }
  const SymmetryGroup group(symmetriesOf(expanded(litmus::parseLitmusText("C t\n" + text + shown + ")\n", "t.litmus"))));
  ASSERT_EQ(group.size(), 6u);
  const auto indexOf = [&](const std::vector<int>& threads) {
    for (std::size_t g = 0; g < group.size(); ++g)
      if (group[static_cast<int>(g)].thread == threads) return static_cast<int>(g);
    ADD_FAILURE() << "not in the group";
    return -1;
  };
  for (std::size_t g = 0; g < group.size(); ++g) {
    const auto& p = group[static_cast<int>(g)].thread;
    const auto& q = group[group.inverse(static_cast<int>(g))].thread;
    for (int i = 0; i < 3; ++i) EXPECT_EQ(q[p[i]], i);
  }
  std::vector<int> fixing;
  EXPECT_FALSE(group.firstOfImages({1, 0, 0}, fixing));  // (0, 0, 1) is its image
  EXPECT_FALSE(group.firstOfImages({0, 1, 0}, fixing));
  ASSERT_TRUE(group.firstOfImages({0, 0, 1}, fixing));
  EXPECT_EQ(fixing, std::vector<int>{indexOf({1, 0, 2})});
  ASSERT_TRUE(group.firstOfImages({0, 0, 0}, fixing));
  EXPECT_EQ(fixing.size(), 5u);
  std::vector<int> reps;
  group.cosetRepresentatives({0}, reps);
  EXPECT_EQ(reps, (std::vector<int>{0, 1, 2, 3, 4, 5}));
  // Fixed by the swap of threads 0 and 1: three images, one per place of thread 2.
  group.cosetRepresentatives({0, indexOf({1, 0, 2})}, reps);
  ASSERT_EQ(reps.size(), 3u);
  EXPECT_EQ(reps[0], 0);
  std::set<int> placesOfThread2;
  for (int g : reps) placesOfThread2.insert(group[g].thread[2]);
  EXPECT_EQ(placesOfThread2, (std::set<int>{0, 1, 2}));
}

// The test with a copy of its last thread, the copy's registers displayed where the original's are.
litmus::Test withCopyOfLastThread(litmus::Test t) {
  const int last = static_cast<int>(t.threads.size()) - 1;
  const int copy = last + 1;
  litmus::Thread th = t.threads.back();
  th.index = copy;
  t.threads.push_back(th);
  for (const auto& l : litmus::displayedLocations(t))
    if (l.thread == last) t.locations.push_back(litmus::Location{copy, l.name, l.pos, l.rank});
  const auto init = t.init;
  for (auto item : init)
    if (item.loc.thread == last) {
      item.loc.thread = copy;
      t.init.push_back(item);
    }
  return t;
}

void expectSameAsEveryCandidate(const litmus::Test& test, const std::string& what, int& compared, int& tooLarge) {
  const auto model = modelOf("");
  RunOptions mirrored;
  mirrored.variants.insert("lkmmv2");
  mirrored.maxCandidates = 200'000;
  RunOptions every = mirrored;
  every.countEveryCandidate = true;
  try {
    const TestResult all = runTest(test, model, every);
    const TestResult once = runTest(test, model, mirrored);
    EXPECT_EQ(fromResult(once), fromResult(all)) << what;
    EXPECT_EQ(once.loopCutoff, all.loopCutoff) << what;
    ++compared;
  } catch (const TooManyCandidates&) {
    ++tooLarge;
  }
}

TEST(SymmetricRuns, SameResultAsJudgingEveryCandidate) {
  int compared = 0, tooLarge = 0;
  // The corpora's tests with identical threads, and rings (each thread on its own locations).
  for (const char* rel : {"paulmck/manual/atomic/C-lock2.litmus", "paulmck/manual/atomic/C-trylock2.litmus",
                          "paulmck/manual/kernel/C-ManfredSpraul-L1G2lock.litmus",
                          "paulmck/manual/kernel/C-llist-add-atomic.litmus", "paulmck/manual/demo/C-locktest.litmus",
                          "kernel/doc/locking/DCL-broken.litmus", "kernel/doc/locking/DCL-fixed.litmus",
                          "paulmck/manual/absperf/C-SB+l-o-o-u+l-o-o-u-C.litmus",
                          "paulmck/manual/absperf/C-SB+l-o-o-u+l-o-o-u-X.litmus",
                          "paulmck/manual/absperf/C-SB+l-o-o-u+l-o-o-u-XE.litmus",
                          "paulmck/manual/absperf/C-SB+l-o-o-u+l-o-o-u+l-o-o-u-CE.litmus",
                          "paulmck/manual/absperf/C-SB+l-o-o-u+l-o-o-u+l-o-o-u-XE.litmus"}) {
    const auto test = expanded(litmus::parseLitmusFile(kShared + "/litmus/" + rel));
    EXPECT_GT(symmetriesOf(test).size(), 1u) << rel;
    expectSameAsEveryCandidate(test, rel, compared, tooLarge);
  }
  // Rings whose final states show locations, and addresses as values: an image's state has them renamed.
  for (const char* text :
       {"C 2+2W-ring\n{}\nP0(int *x, int *y) { WRITE_ONCE(*x, 1); WRITE_ONCE(*y, 2); }\n"
        "P1(int *x, int *y) { WRITE_ONCE(*y, 1); WRITE_ONCE(*x, 2); }\nexists (x=1 /\\ y=1)\n",
        "C 3-ring\n{}\nP0(int *x, int *y) { int r0; WRITE_ONCE(*x, 1); r0 = READ_ONCE(*y); WRITE_ONCE(*y, 2); }\n"
        "P1(int *y, int *z) { int r0; WRITE_ONCE(*y, 1); r0 = READ_ONCE(*z); WRITE_ONCE(*z, 2); }\n"
        "P2(int *z, int *x) { int r0; WRITE_ONCE(*z, 1); r0 = READ_ONCE(*x); WRITE_ONCE(*x, 2); }\n"
        "exists (0:r0=0 /\\ 1:r0=0 /\\ 2:r0=0 /\\ x=2 /\\ y=1 /\\ z=1)\n",
        "C pointer-ring\n{}\nP0(int **s, int *x) { int *r0; WRITE_ONCE(*s, x); r0 = READ_ONCE(*s); }\n"
        "P1(int **s, int *y) { int *r0; WRITE_ONCE(*s, y); r0 = READ_ONCE(*s); }\nexists (0:r0=x /\\ 1:r0=y)\n"}) {
    const auto test = expanded(litmus::parseLitmusText(text, "ring.litmus"));
    EXPECT_GT(symmetriesOf(test).size(), 1u) << text;
    expectSameAsEveryCandidate(test, text, compared, tooLarge);
  }
  EXPECT_EQ(compared, 15);
  int runs = 0, symmetric = 0, copies = 0, identical = 0;
  // Every test of the kernel, seed and scenario corpora, and every 20th of paulmck's dev half,
  // as it is and with a copy of its last thread.
  for (const char* corpus : {"kernel", "seed", "seed-scenarios", "paulmck"}) {
    const std::string oracle = corpus == std::string("paulmck") ? "herd7-paulmck-dev" : std::string("herd7-") + corpus;
    const std::size_t every = corpus == std::string("paulmck") ? 20 : 1;
    std::size_t seen = 0;
    for (const auto& [rel, lines] : testing::readOracleBlocks(kShared + "/oracle/" + oracle + ".out")) {
      if (fromOracle(lines).positive < 0 || seen++ % every != 0) continue;
      const std::string path = kShared + "/litmus/" + corpus + "/" + rel;
      const auto test = expanded(litmus::parseLitmusFile(path));
      symmetric += symmetriesOf(test).size() > 1;
      expectSameAsEveryCandidate(test, path, compared, tooLarge);
      const auto copied = expanded(withCopyOfLastThread(litmus::parseLitmusFile(path)));
      const int last = static_cast<int>(copied.threads.size()) - 2;
      std::vector<int> swap(copied.threads.size());
      for (std::size_t i = 0; i < swap.size(); ++i) swap[i] = static_cast<int>(i);
      std::swap(swap[last], swap[last + 1]);
      const auto found = symmetriesOf(copied);
      identical += std::any_of(found.begin(), found.end(), [&](const Symmetry& g) { return g.thread == swap; });
      expectSameAsEveryCandidate(copied, path + " with a copy of its last thread", compared, tooLarge);
      runs += 2;
      ++copies;
    }
  }
  std::cout << compared << " tests compared, " << tooLarge << " over 200,000 candidates; " << symmetric << " of "
            << copies << " tests with symmetries as they are, " << identical << " copies found identical\n";
  EXPECT_GT(copies, 200);
  EXPECT_EQ(compared, runs + 15 - tooLarge);
  EXPECT_GE(identical * 10, copies * 9);
  EXPECT_GE(symmetric * 20, copies);
}

}  // namespace
}  // namespace mcm::exec
