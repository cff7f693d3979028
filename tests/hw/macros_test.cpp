// Every non-SRCU macro of the kernel's .def, expanded and run on this CPU in one
// thread, so each result can be derived by hand (comments: value returned; cell after).
#include <gtest/gtest.h>

#include "hw/runner.hpp"
#include "litmus/parser.hpp"

namespace mcm::hw {
namespace {

constexpr const char* kEveryMacro = R"(C every-macro
{ int *p = &y; }
P0(int *x, atomic_t *v, spinlock_t *s, int **p, int *y)
{
  int r0; int r1; int r2; int r3; int r4; int r5; int r6; int r7; int r8; int r9;
  int r10; int r11; int r12; int r13; int *r14; int r15; int r16; int r17; int r18; int r19;
  int r20; int r21; int r22; int r23; int r24; int r25; int r26; int r27; int r28; int r29;
  int r30; int r31; int r32; int r33; int r34;

  WRITE_ONCE(*x, 1);
  r0 = READ_ONCE(*x);                     /* 1 */
  smp_store_release(x, 2);
  r1 = smp_load_acquire(x);               /* 2 */
  smp_store_mb(*x, 3);
  r2 = xchg(x, 4);                        /* 3; x=4 */
  r3 = xchg_relaxed(x, 5);                /* 4; x=5 */
  r4 = xchg_acquire(x, 6);                /* 5; x=6 */
  r5 = xchg_release(x, 7);                /* 6; x=7 */
  r6 = cmpxchg(x, 7, 8);                  /* 7; x=8 */
  r7 = cmpxchg_relaxed(x, 0, 9);          /* 8, fails; x=8 */
  r8 = cmpxchg_acquire(x, 8, 10);         /* 8; x=10 */
  r9 = cmpxchg_release(x, 10, 11);        /* 10; x=11 */
  smp_mb(); smp_rmb(); smp_wmb(); barrier();
  smp_mb__before_atomic(); smp_mb__after_atomic(); smp_mb__after_srcu_read_unlock();
  spin_lock(s);
  smp_mb__after_spinlock();
  r10 = spin_is_locked(s);                /* 1 */
  spin_unlock(s);
  smp_mb__after_unlock_lock();
  r11 = spin_is_locked(s);                /* 0 */
  r12 = spin_trylock(s);                  /* 1 */
  r13 = spin_trylock(s);                  /* 0 */
  spin_unlock(s);
  rcu_read_lock();
  r14 = rcu_dereference(*p);              /* y */
  rcu_read_unlock();
  rcu_assign_pointer(*p, x);              /* p=x */
  synchronize_rcu();
  synchronize_rcu_expedited();
  atomic_set(v, 1);
  r15 = atomic_read(v);                   /* 1 */
  atomic_set_release(v, 2);
  r16 = atomic_read_acquire(v);           /* 2 */
  atomic_add(3, v);                       /* v=5 */
  atomic_sub(1, v);                       /* v=4 */
  atomic_inc(v);                          /* v=5 */
  atomic_dec(v);                          /* v=4 */
  atomic_or(8, v);                        /* v=12 */
  atomic_and(14, v);                      /* v=12&14=12 */
  atomic_xor(5, v);                       /* v=12^5=9 */
  atomic_andnot(1, v);                    /* v=9&~1=8 */
  r17 = atomic_add_return(2, v);          /* 10 */
  r18 = atomic_fetch_add_relaxed(1, v);   /* 10; v=11 */
  r19 = atomic_sub_return_acquire(1, v);  /* 10 */
  r20 = atomic_fetch_sub_release(2, v);   /* 10; v=8 */
  r21 = atomic_inc_return(v);             /* 9 */
  r22 = atomic_fetch_dec(v);              /* 9; v=8 */
  r23 = atomic_fetch_or(1, v);            /* 8; v=9 */
  r24 = atomic_fetch_and(3, v);           /* 9; v=9&3=1 */
  r25 = atomic_fetch_xor(3, v);           /* 1; v=1^3=2 */
  r26 = atomic_fetch_andnot(2, v);        /* 2; v=0 */
  r27 = atomic_dec_and_test(v);           /* v=-1: 0 */
  r28 = atomic_inc_and_test(v);           /* v=0: 1 */
  r29 = atomic_add_negative(-5, v);       /* v=-5: 1 */
  r30 = atomic_sub_and_test(-5, v);       /* v=0: 1 */
  r31 = atomic_xchg(v, 7);                /* 0; v=7 */
  r32 = atomic_cmpxchg(v, 7, 9);          /* 7; v=9 */
  r33 = atomic_add_unless(v, 1, 9);       /* v is 9: 0 */
  r34 = atomic_add_unless(v, 1, 0);       /* 1; v=10 */
}

exists (0:r0=1 /\ 0:r1=2 /\ 0:r2=3 /\ 0:r3=4 /\ 0:r4=5 /\ 0:r5=6 /\ 0:r6=7 /\ 0:r7=8 /\
        0:r8=8 /\ 0:r9=10 /\ x=11 /\ 0:r10=1 /\ 0:r11=0 /\ 0:r12=1 /\ 0:r13=0 /\ 0:r14=y /\
        p=x /\ 0:r15=1 /\ 0:r16=2 /\ 0:r17=10 /\ 0:r18=10 /\ 0:r19=10 /\ 0:r20=10 /\
        0:r21=9 /\ 0:r22=9 /\ 0:r23=8 /\ 0:r24=9 /\ 0:r25=1 /\ 0:r26=2 /\ 0:r27=0 /\
        0:r28=1 /\ 0:r29=1 /\ 0:r30=1 /\ 0:r31=0 /\ 0:r32=7 /\ 0:r33=0 /\ 0:r34=1 /\ v=10)
)";

TEST(HwMacros, EveryKernelMacroComputesWhatTheKernelDoes) {
  const litmus::Test test =
      macros::expandMacros(litmus::parseLitmusText(kEveryMacro, "every-macro.litmus"), hardwareMacros());
  HwOptions o;
  o.build.cacheDir = MCM_HW_CACHE;
  o.run.iterations = 100;
  o.run.size = 10;
  const HwResult result = runOnHardware(test, o);
  EXPECT_EQ(result.histogram.positive, 100u) << result.text;
  EXPECT_EQ(result.histogram.negative, 0u) << result.text;
}

}  // namespace
}  // namespace mcm::hw
