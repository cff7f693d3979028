// Expansions written by hand from the kernel's linux-kernel.def mapping
// (e.g. smp_store_release(X,V) -> __store{RELEASE}(*X,V)), and the error cases.
#include <gtest/gtest.h>

#include <string>

#include "litmus/parser.hpp"
#include "litmus/printer.hpp"
#include "macros/macros.hpp"
#include "models/models.hpp"

namespace {

using mcm::Diagnostic;
namespace lit = mcm::litmus;
namespace mac = mcm::macros;

lit::Test parseBody(const std::string& body) {
  return lit::parseLitmusText("C t\n{}\nP0(int *x, int *y, atomic_t *v, spinlock_t *s) {\n" + body + "\n}\n",
                              "t.litmus");
}

// The expanded body of P0, one statement per line, no indentation.
std::string expanded(const std::string& body, const mac::MacroTable& table = *mcm::models::defaultModel().macros()) {
  lit::Test t = mac::expandMacros(parseBody(body), table);
  std::string out;
  for (const auto& s : t.threads[0].body) out += lit::renderStmt(*s, "");
  return out;
}

TEST(Expand, OnceAccesses) {
  EXPECT_EQ(expanded("WRITE_ONCE(*x, 1);"), "__store{ONCE}(*x, 1);\n");
  EXPECT_EQ(expanded("r0 = READ_ONCE(*y);"), "r0 = __load{ONCE}(*y);\n");
  EXPECT_EQ(expanded("int r1 = rcu_dereference(*(int **)y);"), "int r1 = __load{ONCE}(*(int **)y);\n");
}

TEST(Expand, ReleaseAcquireAddTheDeref) {
  EXPECT_EQ(expanded("smp_store_release(x, r0 + 1);"), "__store{RELEASE}(*x, r0 + 1);\n");
  EXPECT_EQ(expanded("r0 = smp_load_acquire(y);"), "r0 = __load{ACQUIRE}(*y);\n");
}

TEST(Expand, FencesAndLocks) {
  EXPECT_EQ(expanded("smp_mb(); smp_rmb(); synchronize_rcu(); smp_mb__after_unlock_lock();"),
            "__fence{MB};\n__fence{rmb};\n__fence{sync-rcu};\n__fence{after-unlock-lock};\n");
  EXPECT_EQ(expanded("spin_lock(s); r0 = spin_trylock(s); r1 = spin_is_locked(s); spin_unlock(s);"),
            "__lock(s);\nr0 = __trylock(s);\nr1 = __islocked(s);\n__unlock(s);\n");
}

// atomic_read(X) is READ_ONCE(*X), itself a macro; atomic_set likewise through WRITE_ONCE.
TEST(Expand, NestedDefinitions) {
  EXPECT_EQ(expanded("r0 = atomic_read(v); atomic_set(v, 0);"), "r0 = __load{ONCE}(*v);\n__store{ONCE}(*v, 0);\n");
}

TEST(Expand, NestedUses) {
  EXPECT_EQ(expanded("WRITE_ONCE(*x, READ_ONCE(*y) + 1);"), "__store{ONCE}(*x, __load{ONCE}(*y) + 1);\n");
}

// A multi-statement macro in an unbraced if branch becomes a block.
TEST(Expand, ConditionsAndBranches) {
  EXPECT_EQ(expanded("if (atomic_dec_and_test(v)) smp_store_mb(*x, 1); else spin_unlock(s);"),
            "if (__atomic_op_return{MB}(v, -, 1) == 0) {\n"
            "  __store{ONCE}(*x, 1);\n"
            "  __fence{MB};\n"
            "} else {\n"
            "  __unlock(s);\n"
            "}\n");
}

// The kernel's atomic_* put the operand first and the atomic_t last.
TEST(Expand, AtomicOperations) {
  EXPECT_EQ(expanded("atomic_andnot(3, v);"), "__atomic_op{NORETURN}(v, &~, 3);\n");
  EXPECT_EQ(expanded("r0 = atomic_fetch_add_release(-1 + 256, v);"),
            "r0 = __atomic_fetch_op{RELEASE}(v, +, -1 + 256);\n");
  EXPECT_EQ(expanded("r0 = cmpxchg_acquire(x, 0, 1);"), "r0 = __cmpxchg{ACQUIRE}(x, 0, 1);\n");
  EXPECT_EQ(expanded("(void)atomic_add_unless(v, 1, 0);"), "(void)__atomic_add_unless{MB}(v, 1, 0);\n");
}

TEST(Expand, Srcu) {
  EXPECT_EQ(expanded("r0 = srcu_read_lock(s); srcu_read_unlock(s, r0); synchronize_srcu(s);"),
            "r0 = __load{srcu-lock}(*s);\n__store{srcu-unlock}(*s, r0);\n__srcu{sync-srcu}(s);\n");
}

TEST(Expand, KeepsNonMacroCode) {
  EXPECT_EQ(expanded("int r0 = *x; *y = r0 & 0; while (r0) r0 = r0 - 1;"),
            "int r0 = *x;\n*y = r0 & 0;\nwhile (r0) {\n  r0 = r0 - 1;\n}\n");
}

// herd's legacy built-in applies only when the def has no atomic_add_unless.
TEST(Expand, AtomicAddUnlessFallback) {
  mac::MacroTable minimal = mac::parseDefText("READ_ONCE(X) __load{ONCE}(X)\n", "min.def");
  EXPECT_EQ(expanded("r0 = atomic_add_unless(v, 1, 0);", minimal), "r0 = __atomic_add_unless(v, 1, 0);\n");
}

struct Error {
  int line, col;
  std::string message;
};

Error errorOf(const std::string& body, const mac::MacroTable& table = *mcm::models::defaultModel().macros()) {
  try {
    mac::expandMacros(parseBody(body), table);
  } catch (const Diagnostic& d) {
    EXPECT_EQ(d.file(), "t.litmus");
    return {d.pos().line, d.pos().col, d.message()};
  }
  ADD_FAILURE() << "no error for " << body;
  return {0, 0, ""};
}

// Positions: the body starts on line 4, column 1.
TEST(ExpandErrors, UnknownMacros) {
  Error e = errorOf("  spin_unlock_wait(s);");
  EXPECT_EQ(e.message, "unknown macro spin_unlock_wait");
  EXPECT_EQ(e.line, 4);
  EXPECT_EQ(e.col, 3);
  // Statement position looks only at statement macros, expressions only at expression macros.
  EXPECT_EQ(errorOf("READ_ONCE(*x);").message, "unknown macro READ_ONCE");
  EXPECT_EQ(errorOf("r0 = spin_lock(s);").message, "unknown macro spin_lock");
  EXPECT_EQ(errorOf("WRITE_ONCE(*x, foo(1));").message, "unknown macro foo");
  mac::MacroTable minimal = mac::parseDefText("READ_ONCE(X) __load{ONCE}(X)\n", "min.def");
  EXPECT_EQ(errorOf("r0 = atomic_add_unless(v, 1);", minimal).message, "unknown macro atomic_add_unless");
}

TEST(ExpandErrors, ArgumentMismatch) {
  Error e = errorOf("r0 = 1; WRITE_ONCE(*x);");
  EXPECT_EQ(e.message, "argument mismatch for macro WRITE_ONCE");
  EXPECT_EQ(e.line, 4);
  EXPECT_EQ(e.col, 9);
  EXPECT_EQ(errorOf("r0 = READ_ONCE(*x, 1);").message, "argument mismatch for macro READ_ONCE");
  EXPECT_EQ(errorOf("smp_mb(1);").message, "argument mismatch for macro smp_mb");
}

TEST(ExpandErrors, RecursiveMacro) {
  mac::MacroTable loop = mac::parseDefText("f(X) f(X) + 1\ng(X) { g(X); }\n", "loop.def");
  EXPECT_EQ(errorOf("r0 = f(1);", loop).message, "macro expansion too deep (recursive macro?)");
  EXPECT_EQ(errorOf("g(1);", loop).message, "macro expansion too deep (recursive macro?)");
}

// Each level doubles the tree: 2^30 expansions would exhaust memory without a budget.
TEST(ExpandErrors, ExponentialMacro) {
  std::string def = "m0(X) X\n";
  for (int i = 1; i <= 30; ++i)
    def += "m" + std::to_string(i) + "(X) m" + std::to_string(i - 1) + "(X) + m" + std::to_string(i - 1) + "(X)\n";
  mac::MacroTable doubling = mac::parseDefText(def, "doubling.def");
  EXPECT_EQ(errorOf("r0 = m30(1);", doubling).message, "macro expansion too large");
}

TEST(DefFile, Errors) {
  try {
    mac::parseDefText("A(X) { __fence{MB}; }\nB(X,) __load{ONCE}(X)\n", "bad.def");
    ADD_FAILURE();
  } catch (const Diagnostic& d) {
    EXPECT_EQ(d.what(), std::string("bad.def:2:5: error: expected a macro parameter, found ')'"));
  }
  try {
    mac::parseDefText("A(X) { __fence{MB}; }\nA(Y) { __fence{wmb}; }\n", "dup.def");
    ADD_FAILURE();
  } catch (const Diagnostic& d) {
    EXPECT_EQ(d.what(), std::string("dup.def:2:1: error: macro A is defined twice"));
  }
  EXPECT_THROW(mac::parseDefText("A(X) { __fence{MB};\n", "open.def"), Diagnostic);
  EXPECT_THROW(mac::loadDefFile("/nonexistent/x.def"), Diagnostic);
}

}  // namespace
