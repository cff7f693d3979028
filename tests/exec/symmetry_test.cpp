// Identical threads (symmetry.hpp): found exactly where two threads are the same program,
// and a run that judges one execution of each mirror pair gives what judging every
// candidate gives (RunOptions::countEveryCandidate, which judges each one: the independent
// route, itself compared with herd7 in oracle_test.cpp). The tests run: the corpora's
// tests with identical threads, and the kernel corpus's tests with a copy of their last
// thread added (its registers displayed as the original's are).
#include <gtest/gtest.h>

#include <algorithm>

#include "exec/oracle_summary.hpp"
#include "exec/symmetry.hpp"
#include "exec/thread_paths.hpp"
#include "litmus/locations.hpp"
#include "report/oracle_blocks.hpp"  // tests/report: reads the oracle .out blocks

namespace mcm::exec {
namespace {

using namespace summary;
using Pairs = std::vector<std::pair<int, int>>;

litmus::Test expanded(litmus::Test t) { return macros::expandMacros(t, *macrosOf("")); }

// The thread paths as the engine builds them: locations numbered in name order, each
// thread's parameters and `N:r=v` entries its initial registers.
Pairs identicalThreadsOf(const litmus::Test& t) {
  std::vector<std::string> names;
  for (const auto& th : t.threads)
    for (const auto& p : th.params) names.push_back(p.name);
  for (const auto& item : t.init)
    if (!item.loc.isRegister()) names.push_back(item.loc.name);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  const auto id = [&](const std::string& n) {
    return static_cast<int>(std::lower_bound(names.begin(), names.end(), n) - names.begin());
  };
  NodePool pool;
  std::vector<std::vector<ThreadPath>> perThread;
  for (std::size_t i = 0; i < t.threads.size(); ++i) {
    ThreadSetup setup;
    for (const auto& n : names) setup.symbols[n] = id(n);
    for (const auto& p : t.threads[i].params) setup.initRegisters[p.name] = Val::symbol(id(p.name));
    for (const auto& item : t.init)
      if (item.loc.thread == static_cast<int>(i))
        setup.initRegisters[item.loc.name] = item.value.isSymbol ? Val::symbol(id(item.value.symbol))
                                                                 : Val::integer(static_cast<std::int32_t>(item.value.number));
    perThread.push_back(executeThread(t.threads[i], setup, pool));
  }
  return identicalThreads(perThread, pool);
}

Pairs identicalThreadsOfText(const std::string& threads) {
  return identicalThreadsOf(expanded(litmus::parseLitmusText("C t\n{}\n" + threads + "\nexists (x=1)\n", "t.litmus")));
}

TEST(IdenticalThreads, FoundOnlyWhereThreadsAreTheSameProgram) {
  const std::string p0 = "P0(int *x, int *y) { int r0; WRITE_ONCE(*x, 1); r0 = READ_ONCE(*y); }\n";
  EXPECT_EQ(identicalThreadsOfText(p0 + "P1(int *x, int *y) { int r0; WRITE_ONCE(*x, 1); r0 = READ_ONCE(*y); }"),
            (Pairs{{0, 1}}));
  // Another value, location, register, fence, or a dependency: not the same program.
  for (const char* p1 : {"P1(int *x, int *y) { int r0; WRITE_ONCE(*x, 2); r0 = READ_ONCE(*y); }",
                         "P1(int *x, int *y) { int r0; WRITE_ONCE(*y, 1); r0 = READ_ONCE(*y); }",
                         "P1(int *x, int *y) { int r1; WRITE_ONCE(*x, 1); r1 = READ_ONCE(*y); }",
                         "P1(int *x, int *y) { int r0; WRITE_ONCE(*x, 1); smp_mb(); r0 = READ_ONCE(*y); }",
                         "P1(int *x, int *y) { int r0; WRITE_ONCE(*x, 1); r0 = smp_load_acquire(y); }"})
    EXPECT_EQ(identicalThreadsOfText(p0 + p1), Pairs{}) << p1;
  EXPECT_EQ(identicalThreadsOfText(p0 + "P1(int *x, int *y) { int r0; r0 = READ_ONCE(*x); WRITE_ONCE(*y, r0); }" +
                                   "P2(int *x, int *y) { int r0; r0 = READ_ONCE(*x); WRITE_ONCE(*y, r0 + 1); }"),
            Pairs{});
  EXPECT_EQ(identicalThreadsOfText(p0 + "P1(int *x, int *y) { int r0; r0 = READ_ONCE(*x); WRITE_ONCE(*y, r0); }" +
                                   "P2(int *x, int *y) { int r0; r0 = READ_ONCE(*x); WRITE_ONCE(*y, r0); }"),
            (Pairs{{1, 2}}));
  // Branches: the same alternatives in the same order.
  EXPECT_EQ(identicalThreadsOf(expanded(litmus::parseLitmusFile(kShared + "/litmus/kernel/doc/locking/DCL-fixed.litmus"))),
            (Pairs{{0, 1}}));
  EXPECT_EQ(identicalThreadsOf(expanded(litmus::parseLitmusFile(
                kShared + "/litmus/paulmck/manual/kernel/C-ManfredSpraul-L1G2xchg.litmus"))),
            (Pairs{{1, 2}}));
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

TEST(MirroredThreads, SameResultAsJudgingEveryCandidate) {
  int compared = 0, tooLarge = 0;
  for (const char* rel : {"paulmck/manual/atomic/C-lock2.litmus", "paulmck/manual/atomic/C-trylock2.litmus",
                          "paulmck/manual/kernel/C-ManfredSpraul-L1G2lock.litmus",
                          "paulmck/manual/kernel/C-llist-add-atomic.litmus", "paulmck/manual/demo/C-locktest.litmus",
                          "kernel/doc/locking/DCL-broken.litmus", "kernel/doc/locking/DCL-fixed.litmus"}) {
    const auto test = expanded(litmus::parseLitmusFile(kShared + "/litmus/" + rel));
    expectSameAsEveryCandidate(test, rel, compared, tooLarge);
  }
  EXPECT_EQ(compared, 7);
  int copies = 0, identical = 0;
  // Every test of the kernel, seed and scenario corpora, and every 20th of paulmck's dev half.
  for (const char* corpus : {"kernel", "seed", "seed-scenarios", "paulmck"}) {
    const std::string oracle = corpus == std::string("paulmck") ? "herd7-paulmck-dev" : std::string("herd7-") + corpus;
    const std::size_t every = corpus == std::string("paulmck") ? 20 : 1;
    std::size_t seen = 0;
    for (const auto& [rel, lines] : testing::readOracleBlocks(kShared + "/oracle/" + oracle + ".out")) {
      if (fromOracle(lines).positive < 0 || seen++ % every != 0) continue;
      const std::string path = kShared + "/litmus/" + corpus + "/" + rel;
      const auto test = expanded(withCopyOfLastThread(litmus::parseLitmusFile(path)));
      const int last = static_cast<int>(test.threads.size()) - 2;
      const Pairs pairs = identicalThreadsOf(test);
      ++copies;
      identical += std::find(pairs.begin(), pairs.end(), std::pair{last, last + 1}) != pairs.end();
      expectSameAsEveryCandidate(test, path + " with a copy of its last thread", compared, tooLarge);
    }
  }
  std::cout << compared << " tests compared, " << tooLarge << " over 200,000 candidates; " << identical << " of "
            << copies << " copies found identical\n";
  EXPECT_GT(copies, 200);
  EXPECT_EQ(compared, copies + 7 - tooLarge);
  EXPECT_GE(identical * 10, copies * 9);
}

}  // namespace
}  // namespace mcm::exec
