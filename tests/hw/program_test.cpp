// The generator and the build/run pipeline on tests written directly in herd's
// primitives (what .def expansion produces), so they do not depend on macros/.
#include <gtest/gtest.h>

#include <set>

#include "hw/runner.hpp"
#include "litmus/parser.hpp"
#include "report/herd_text.hpp"

namespace mcm::hw {
namespace {

HwOptions smallRun(unsigned long long iterations) {
  HwOptions o;
  o.build.cacheDir = MCM_HW_CACHE;
  o.run.iterations = iterations;
  o.run.size = 500;
  return o;
}

std::set<std::string> stateLines(const Histogram& h) {
  std::set<std::string> lines;
  for (const auto& line : h.lines) lines.insert(report::renderStateLine(line.state));
  return lines;
}

constexpr const char* kStoreBuffering = R"(C SB
{}
P0(int *x, int *y) { int r0; __store{ONCE}(*x, 1); r0 = __load{ONCE}(*y); }
P1(int *x, int *y) { int r0; __store{ONCE}(*y, 1); r0 = __load{ONCE}(*x); }
exists (0:r0=0 /\ 1:r0=0)
)";

TEST(HwRun, StoreBufferingCountsEveryIteration) {
  const auto result = runOnHardware(litmus::parseLitmusText(kStoreBuffering, "SB.litmus"), smallRun(20000));
  // Each thread reads 0 or 1: at most the four combinations, and every iteration counted.
  const std::set<std::string> possible{"0:r0=0; 1:r0=0;", "0:r0=0; 1:r0=1;", "0:r0=1; 1:r0=0;", "0:r0=1; 1:r0=1;"};
  for (const auto& line : stateLines(result.histogram)) EXPECT_TRUE(possible.count(line)) << line;
  EXPECT_EQ(result.histogram.positive + result.histogram.negative, 20000u);
  EXPECT_EQ(result.run.instances, 20000u);
}

// What `auto` means, per program: SB with sys_membarrier() (__fence{membarrier}, as the
// embedded .def expands it) on one side is staggered when a time-stamp counter exists; plain
// SB never is; a stagger given on the command line is kept. Two threads on one CPU share it:
// the user barrier, not the timebase one.
TEST(HwRun, AutoOptionsFollowTheProgram) {
  const Program plain = generateProgram(litmus::parseLitmusText(kStoreBuffering, "SB.litmus"));
  const Program membarrier = generateProgram(litmus::parseLitmusText(R"(C SB+membarrier
{}
P0(int *x, int *y) { int r0; __store{ONCE}(*x, 1); __fence{membarrier}; r0 = __load{ONCE}(*y); }
P1(int *x, int *y) { int r0; __store{ONCE}(*y, 1); r0 = __load{ONCE}(*x); }
exists (0:r0=0 /\ 1:r0=0)
)", "SB+membarrier.litmus"));
  EXPECT_FALSE(plain.usesMembarrier);
  EXPECT_TRUE(membarrier.usesMembarrier);
  RunOptions two;
  two.cpus = {0, 1};
  EXPECT_EQ(resolveAutoOptions(two, membarrier, true).stagger, kMembarrierStagger);
  EXPECT_EQ(resolveAutoOptions(two, membarrier, false).stagger, 0u);
  EXPECT_EQ(resolveAutoOptions(two, plain, true).stagger, 0u);
  EXPECT_EQ(resolveAutoOptions(two, plain, true).barrier, Barrier::Timebase);
  RunOptions given = two;
  given.stagger = 7;
  given.barrier = Barrier::Pthread;
  EXPECT_EQ(resolveAutoOptions(given, membarrier, true).stagger, 7u);
  EXPECT_EQ(resolveAutoOptions(given, membarrier, true).barrier, Barrier::Pthread);
  RunOptions one;
  one.cpus = {0};
  EXPECT_EQ(resolveAutoOptions(one, plain, true).barrier, Barrier::User);
}

TEST(HwRun, PointersPrintAsSymbolsAndRmwsAreAtomic) {
  // P0 publishes &z in y, both threads increment c with fully ordered RMWs.
  // Derivation: c ends at 2 in every outcome (atomicity); 1:r0 is x or z.
  const auto test = litmus::parseLitmusText(R"(C ptr
{ int *y = &x; }
P0(int **y, int *z, int *c) { __store{RELEASE}(*y, z); int r1 = __atomic_op_return{MB}(c, +, 1); }
P1(int **y, int *c) { int *r0; r0 = __load{ONCE}(*y); __atomic_op{NORETURN}(c, +, 1); }
exists (1:r0=z)
)", "ptr.litmus");
  const auto result = runOnHardware(test, smallRun(5000));
  std::set<std::string> lines = stateLines(result.histogram);
  for (const auto& line : lines) EXPECT_TRUE(line == "1:r0=x;" || line == "1:r0=z;") << line;
  EXPECT_EQ(result.histogram.positive + result.histogram.negative, 5000u);

  const auto counter = litmus::parseLitmusText(R"(C cnt
{}
P0(int *c) { int r0 = __xchg{ONCE}(c, 5); __atomic_op{NORETURN}(c, +, 1); }
P1(int *c) { int r1 = __cmpxchg{MB}(c, 0, 7); __atomic_op{NORETURN}(c, -, 2); }
locations [c]
exists (c=4 /\ 0:r0=0)
)", "cnt.litmus");
  // The four RMWs on c are totally ordered, with A=xchg(5) before B=+1 and C=cmpxchg(0,7)
  // before D=-2. The six interleavings: ABCD, ACBD, ACDB (C fails): r0=0, c=5+1-2=4;
  // CABD, CADB: r0=7, c=4; CDAB: c=7-2=5, r0=5, c=6. So three states.
  const auto r = runOnHardware(counter, smallRun(5000));
  for (const auto& line : stateLines(r.histogram))
    EXPECT_TRUE(line == "0:r0=0; [c]=4;" || line == "0:r0=7; [c]=4;" || line == "0:r0=5; [c]=6;") << line;
  EXPECT_EQ(r.histogram.positive + r.histogram.negative, 5000u);
}

TEST(HwProgram, UnsupportedPrimitivesAreNamed) {
  const auto srcu = litmus::parseLitmusText(R"(C s
{}
P0(struct srcu_struct *s, int *x) { __srcu{sync-srcu}(s); __store{ONCE}(*x, 1); }
exists (x=1)
)", "s.litmus");
  try {
    generateProgram(srcu);
    FAIL() << "expected a diagnostic";
  } catch (const Diagnostic& d) {
    EXPECT_EQ(d.message(), "unsupported on hardware: synchronize_srcu");
    EXPECT_EQ(d.pos().line, 3);
  }
  const auto call = litmus::parseLitmusText("C c\n{}\nP0(int *x) { frobnicate(x); }\nexists (x=0)\n", "c.litmus");
  try {
    generateProgram(call);
    FAIL() << "expected a diagnostic";
  } catch (const Diagnostic& d) {
    EXPECT_EQ(d.message(), "unsupported on hardware: frobnicate (not a .def macro)");
  }
}

TEST(HwProgram, ALockHeldAtTheEndOfAThreadThatAnotherTakesIsRefused) {
  // paulmck's C-no-race: when P0 wins the lock, P1 waits forever.
  const auto held = litmus::parseLitmusText(R"(C h
{}
P0(spinlock_t *s, int *x) { __lock(s); __store{ONCE}(*x, 1); }
P1(spinlock_t *s, int *x) { __lock(s); int r1 = __load{ONCE}(*x); __unlock(s); }
exists (1:r1=1)
)", "h.litmus");
  try {
    generateProgram(held);
    FAIL() << "expected a diagnostic";
  } catch (const Diagnostic& d) {
    EXPECT_EQ(d.message(), "unsupported on hardware: P0 may end holding a lock that P1 takes, which would then wait "
                           "forever (herd7 keeps only the executions where it does not)");
    EXPECT_EQ(d.pos().line, 3);
  }
  // Released in the end, or held by the only thread that takes it: generated.
  for (const char* body : {"P0(spinlock_t *s, int *x) { __lock(s); __store{ONCE}(*x, 1); __unlock(s); }\n"
                           "P1(spinlock_t *s, int *x) { __lock(s); int r1 = __load{ONCE}(*x); __unlock(s); }\n",
                           "P0(spinlock_t *s, int *x) { __lock(s); __store{ONCE}(*x, 1); }\n"
                           "P1(spinlock_t *t, int *x) { __lock(t); int r1 = __load{ONCE}(*x); __unlock(t); }\n"})
    EXPECT_NO_THROW(generateProgram(litmus::parseLitmusText(std::string("C ok\n{}\n") + body + "exists (1:r1=1)\n", "ok.litmus")))
        << body;
}

TEST(HwRun, StuckTestsAreStoppedNotHung) {
  // A self-deadlock (herd: no execution at all) and a loop waiting for a store nobody makes.
  for (const char* body : {"__lock(s); __lock(s);", "while (__load{ONCE}(*x) == 0) { }"}) {
    const auto test = litmus::parseLitmusText(
        std::string("C stuck\n{}\nP0(spinlock_t *s, int *x) { ") + body + " }\nexists (x=0)\n", "stuck.litmus");
    HwOptions o = smallRun(1000);
    o.run.stuckSeconds = 1;
    try {
      runOnHardware(test, o);
      FAIL() << "expected HwError for " << body;
    } catch (const HwError& e) {
      EXPECT_NE(std::string(e.what()).find("exit status 3"), std::string::npos) << e.what();
    }
  }
}

TEST(HwBuild, FailingCompilerShowsItsOutput) {
  HwOptions o = smallRun(10);
  o.build.compiler = "false";  // exits 1 without a word, like a compiler that broke
  o.build.cacheDir = std::string(MCM_HW_CACHE) + "-failing-compiler";
  try {
    runOnHardware(litmus::parseLitmusText(kStoreBuffering, "SB.litmus"), o);
    FAIL() << "expected HwError";
  } catch (const HwError& e) {
    EXPECT_NE(std::string(e.what()).find("the hardware harness failed to compile with 'false'"), std::string::npos)
        << e.what();
  }
}

TEST(HwBuild, MissingCompilerIsAClearError) {
  HwOptions o = smallRun(10);
  o.build.compiler = "mcm-no-such-compiler";
  o.build.cacheDir = std::string(MCM_HW_CACHE) + "-missing-compiler";
  try {
    runOnHardware(litmus::parseLitmusText(kStoreBuffering, "SB.litmus"), o);
    FAIL() << "expected HwError";
  } catch (const HwError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot run the compiler 'mcm-no-such-compiler'"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace mcm::hw
