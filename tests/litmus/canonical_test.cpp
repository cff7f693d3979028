// Canonical renderings of corpus tests, written by hand from each source file
// following the format documented in litmus/printer.hpp:
//   `Result:` is the rest of the header comment's `Result:` line; init items and
//   statements are re-printed one per line (two-space indent, `if` bodies always
//   braced, top-level binary expressions unparenthesised, comments dropped); the
//   condition follows herd's re-printing (globals as [x], flattened /\ and \/).
#include <gtest/gtest.h>

#include <string>

#include "litmus/parser.hpp"
#include "litmus/printer.hpp"

namespace {

std::string render(const std::string& relative) {
  return mcm::litmus::renderCanonical(
      mcm::litmus::parseLitmusFile(std::string(MCM_SHARED_DIR) + "/litmus/" + relative));
}

TEST(Canonical, SeedStoreBuffering) {
  EXPECT_EQ(render("seed/SB+mbonceonces.litmus"),
            "C SB+mbonceonces\n"
            "Init: {}\n"
            "P0(int *x, int *y):\n"
            "  int r0;\n"
            "  WRITE_ONCE(*x, 1);\n"
            "  smp_mb();\n"
            "  r0 = READ_ONCE(*y);\n"
            "P1(int *x, int *y):\n"
            "  int r0;\n"
            "  WRITE_ONCE(*y, 1);\n"
            "  smp_mb();\n"
            "  r0 = READ_ONCE(*x);\n"
            "Condition: exists (0:r0=0 /\\ 1:r0=0)\n");
}

// Plain stores and loads, a declaration with initialiser, an unbraced if.
TEST(Canonical, KernelDepPlain) {
  EXPECT_EQ(render("kernel/tools/dep+plain.litmus"),
            "C dep+plain\n"
            "Result: Never\n"
            "Init: {}\n"
            "P0(int *x, int *y, int *z1, int *z2):\n"
            "  int a = READ_ONCE(*x);\n"
            "  *z1 = a;\n"
            "  *z2 = *z1;\n"
            "  if (*z2 == 1) {\n"
            "    WRITE_ONCE(*y, 1);\n"
            "  }\n"
            "P1(int *x, int *y):\n"
            "  int r = smp_load_acquire(y);\n"
            "  smp_store_release(x, r);\n"
            "Condition: exists ([x]=1 /\\ [y]=1)\n");
}

// Typed init without values, locations, filter.
TEST(Canonical, KernelRoachMotel) {
  EXPECT_EQ(render("kernel/doc/locking/RM-broken.litmus"),
            "C RM-broken\n"
            "Result: DEADLOCK\n"
            "Init:\n"
            "  int x;\n"
            "  atomic_t y;\n"
            "P0(int *x, atomic_t *y, spinlock_t *lck):\n"
            "  int r2;\n"
            "  spin_lock(lck);\n"
            "  r2 = atomic_inc_return(y);\n"
            "  WRITE_ONCE(*x, 1);\n"
            "  spin_unlock(lck);\n"
            "P1(int *x, atomic_t *y, spinlock_t *lck):\n"
            "  int r0;\n"
            "  int r1;\n"
            "  int r2;\n"
            "  spin_lock(lck);\n"
            "  r0 = READ_ONCE(*x);\n"
            "  r1 = READ_ONCE(*x);\n"
            "  r2 = atomic_inc_return(y);\n"
            "  spin_unlock(lck);\n"
            "Locations: [x] 0:r2 1:r0 1:r1 1:r2\n"
            "Filter: 1:r0=0 /\\ 1:r1=1\n"
            "Condition: exists (1:r2=1)\n");
}

// ATOMIC_INIT, a `(void)` cast statement, `exists` on its own line.
TEST(Canonical, KernelAtomicSet) {
  EXPECT_EQ(render("kernel/doc/atomic/Atomic-RMW-ops-are-atomic-WRT-atomic_set.litmus"),
            "C Atomic-RMW-ops-are-atomic-WRT-atomic_set\n"
            "Result: Never\n"
            "Init:\n"
            "  atomic_t v = ATOMIC_INIT(1);\n"
            "P0(atomic_t *v):\n"
            "  (void)atomic_add_unless(v, 1, 0);\n"
            "P1(atomic_t *v):\n"
            "  atomic_set(v, 0);\n"
            "Condition: exists ([v]=2)\n");
}

// No final clause at all.
TEST(Canonical, SelfDeadlockHasNoCondition) {
  EXPECT_EQ(render("paulmck/manual/locked/self-deadlock.litmus"),
            "C self-deadlock\n"
            "Result: DEADLOCK\n"
            "Init: {}\n"
            "P0(spinlock_t *sl):\n"
            "  spin_lock(sl);\n"
            "  spin_lock(sl);\n"
            "  spin_unlock(sl);\n"
            "  spin_unlock(sl);\n"
            "Condition: none\n");
}

// Pointer-typed init with integer and symbol values, a typed register init,
// comments of both kinds, undeclared registers, a trailing comment after exists.
TEST(Canonical, RcuRemove) {
  EXPECT_EQ(render("paulmck/manual/kernel/C-RCU-remove.litmus"),
            "C C-RCU-remove\n"
            "Init:\n"
            "  int *z = 1;\n"
            "  int *y = 2;\n"
            "  int *x = y;\n"
            "  int 0:r1 = z;\n"
            "P0(int *x, int *y, int *z):\n"
            "  rcu_assign_pointer(*x, r1);\n"
            "  synchronize_rcu();\n"
            "  WRITE_ONCE(*y, 0);\n"
            "P1(int *x, int *y, int *z):\n"
            "  rcu_read_lock();\n"
            "  r1 = rcu_dereference(*x);\n"
            "  r2 = rcu_dereference(*r1);\n"
            "  rcu_read_unlock();\n"
            "Locations: 0:r1 1:r1 [x] [y] [z]\n"
            "Condition: exists (1:r2=0)\n");
}

// Doc string on line 2, then key=value info lines and a one-line Result comment.
TEST(Canonical, DiyHeader) {
  EXPECT_EQ(render("paulmck/luc/RelAcq/C-2+2W+fencembonceonce+pooncerelease.litmus"),
            "C C-2+2W+fencembonceonce+pooncerelease\n"
            "Doc: \"FenceMbdWWOnceOnce WseOnceOnce PodWWOnceRelease WseReleaseOnce\"\n"
            "Info: Cycle=WseOnceOnce PodWWOnceRelease WseReleaseOnce FenceMbdWWOnceOnce\n"
            "Info: Relax=WseReleaseOnce\n"
            "Info: Safe=WseOnceOnce FenceMbdWWOnceOnce PodWWOnceRelease\n"
            "Info: Prefetch=0:x=F,0:y=W,1:y=F,1:x=W\n"
            "Info: Com=Ws Ws\n"
            "Info: Orig=FenceMbdWWOnceOnce WseOnceOnce PodWWOnceRelease WseReleaseOnce\n"
            "Result: Sometimes\n"
            "Init: {}\n"
            "P0(int *x, int *y):\n"
            "  WRITE_ONCE(*x, 2);\n"
            "  smp_mb();\n"
            "  WRITE_ONCE(*y, 1);\n"
            "P1(int *y, int *x):\n"
            "  WRITE_ONCE(*y, 2);\n"
            "  smp_store_release(x, 1);\n"
            "Condition: exists ([x]=2 /\\ [y]=2)\n");
}

// intptr_t, casts, deref of a cast, a pointer-valued init, a symbol in the condition.
TEST(Canonical, AutoCastsAndPointerInit) {
  EXPECT_EQ(render("paulmck/auto/C-LB-GRR+R-A+O-Dd.litmus"),
            "C auto/C-LB-GRR+R-A+O-Dd\n"
            "Result: Maybe\n"
            "Init:\n"
            "  x2 = y2;\n"
            "P0(intptr_t *u0, intptr_t *x1):\n"
            "  intptr_t r1 = READ_ONCE(*u0);\n"
            "  smp_store_release(x1, 1);\n"
            "P1(intptr_t *v0, intptr_t *x1, intptr_t *x2):\n"
            "  intptr_t r3 = v0;\n"
            "  intptr_t r1 = smp_load_acquire(x1);\n"
            "  WRITE_ONCE(*x2, r3);\n"
            "P2(intptr_t *x2):\n"
            "  intptr_t r1 = (intptr_t)rcu_dereference(*(intptr_t **)x2);\n"
            "  intptr_t r2 = READ_ONCE(*(intptr_t *)r1);\n"
            "P3(intptr_t *u0, intptr_t *v0):\n"
            "  WRITE_ONCE(*v0, 1);\n"
            "  smp_mb();\n"
            "  WRITE_ONCE(*u0, 1);\n"
            "Condition: exists (2:r2=0 /\\ 0:r1=1 /\\ 1:r1=1 /\\ 2:r1=v0)\n");
}

// A declaration inside an if block; `r4 = (r1 == r4)` loses its outer parentheses.
TEST(Canonical, AutoDeclarationInsideIf) {
  std::string text = render("paulmck/auto/C-LB-GRR+R-A+OB-O+OB-O+R-Oc.litmus");
  EXPECT_NE(text.find("P4(intptr_t *v0, intptr_t *x4):\n"
                      "  intptr_t r4 = 1;\n"
                      "  intptr_t r1 = READ_ONCE(*x4);\n"
                      "  r4 = r1 == r4;\n"
                      "  if (r4) {\n"
                      "    intptr_t r2 = READ_ONCE(*v0);\n"
                      "  }\n"
                      "P5(intptr_t *u0, intptr_t *v0):\n"),
            std::string::npos)
      << text;
}

// forall with a top-level disjunction after a parenthesised conjunction; `{` on the P0 line.
TEST(Canonical, ForallDisjunction) {
  EXPECT_EQ(render("paulmck/manual/atomic/C-atomic-03.litmus"),
            "C C-atomic-03\n"
            "Init:\n"
            "  atomic_t x = ATOMIC_INIT(0);\n"
            "P0(atomic_t *x):\n"
            "  int r0 = atomic_cmpxchg(x, 0, 1);\n"
            "P1(atomic_t *x):\n"
            "  int r0 = atomic_cmpxchg(x, 0, 2);\n"
            "Condition: forall (0:r0=0 /\\ 1:r0=1 /\\ [x]=1 \\/ 0:r0=2 /\\ 1:r0=0 /\\ [x]=2)\n");
}

// A repeated `C rwsem` header line (ignored text), C comments, `-1+256`, a nested if condition.
TEST(Canonical, StrayHeaderLineAndComments) {
  EXPECT_EQ(render("paulmck/manual/kernel/C-JanStancek-rwsem.litmus"),
            "C JanStancek-rwsem\n"
            "Init:\n"
            "  atomic_t rwsem_count = ATOMIC_INIT(1);\n"
            "  int vmacache_seqnum = 10;\n"
            "P0(int *vmacache_seqnum, atomic_t *rwsem_count):\n"
            "  r0 = READ_ONCE(*vmacache_seqnum);\n"
            "  WRITE_ONCE(*vmacache_seqnum, r0 + 1);\n"
            "  r1 = atomic_fetch_add_release(-1 + 256, rwsem_count);\n"
            "P1(int *vmacache_seqnum, atomic_t *rwsem_count, spinlock_t *sem_wait_lock):\n"
            "  r0 = atomic_add_return_acquire(256, rwsem_count);\n"
            "  spin_lock(sem_wait_lock);\n"
            "  r0 = atomic_read(rwsem_count);\n"
            "  if ((r0 & 1) == 0) {\n"
            "    spin_unlock(sem_wait_lock);\n"
            "    r1 = READ_ONCE(*vmacache_seqnum);\n"
            "  }\n"
            "Condition: exists (1:r1=10)\n");
}

}  // namespace
