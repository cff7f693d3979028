#pragma once
// The syntax tree of a C litmus test in herd7's dialect.
//
// One tree serves every consumer: the canonical printer (`mcm parse`), the Hash,
// .def macro expansion (macros/), symbolic execution (exec/) and the hardware
// generator (hw/). Trees are immutable once built and shared through
// shared_ptr<const ...>, so macro expansion can substitute argument subtrees
// without copying them.
//
// After macro expansion a thread body holds no Call expressions and no Call
// statements: only the primitives below (Prim / PrimStmt), plain accesses
// (Deref, Store), registers, arithmetic and control flow.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/diagnostic.hpp"

namespace mcm::litmus {

// A C type as written; only its shape matters to herd (casts are no-ops).
struct Type {
  std::string base;       // "int", "intptr_t", "atomic_t", "spinlock_t", "struct srcu_struct", "void", "char", ...
  int pointers = 0;       // number of '*'
  bool isVolatile = false;
};

enum class BinOp {
  Add, Sub, Mul, Div, BitAnd, BitOr, BitXor,
  AndNot,  // `&~`, only as the operator argument of __atomic_op and friends
  Eq, Ne, Lt, Gt, Le, Ge,
};

// Expression-valued primitives of herd's C dialect (targets of .def expression macros).
enum class PrimExpr {
  Load,             // __load{tags}(loc)
  Xchg,             // __xchg{tags}(loc, value)
  Cmpxchg,          // __cmpxchg{tags}(loc, expected, desired)
  AtomicOpReturn,   // __atomic_op_return{tags}(loc, op, value): returns the new value
  AtomicFetchOp,    // __atomic_fetch_op{tags}(loc, op, value): returns the old value
  AtomicAddUnless,  // __atomic_add_unless{tags}(loc, add, unless): returns 1 if it added
  Trylock,          // __trylock(lock)
  Islocked,         // __islocked(lock)
  Srcu,             // __srcu{tags}(args...) in expression position
};

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

struct Expr {
  enum class Kind {
    Int,     // value
    Name,    // name: a register (thread parameters are registers holding addresses)
    Deref,   // *args[0]
    Cast,    // (type) args[0]
    Binary,  // args[0] op args[1]
    Call,    // name(args...): an expression macro call, before expansion
    Prim,    // prim{tags}(args...); atomic ops carry their operator in `op`
  };
  Kind kind = Kind::Int;
  SourcePos pos;
  long long value = 0;
  std::string name;
  Type type;
  BinOp op = BinOp::Add;
  PrimExpr prim = PrimExpr::Load;
  std::vector<std::string> tags;  // `{once}` -> {"once"}; kept with their exact case
  std::vector<ExprPtr> args;
};

// Statement-level primitives (targets of .def statement macros).
enum class PrimStmt {
  Store,     // __store{tags}(loc, value)
  Fence,     // __fence{tags}
  Lock,      // __lock(lock)
  Unlock,    // __unlock(lock)
  AtomicOp,  // __atomic_op{tags}(loc, op, value): no result
  Srcu,      // __srcu{tags}(args...)
};

struct Stmt;
using StmtPtr = std::shared_ptr<const Stmt>;

struct Stmt {
  enum class Kind {
    Block,     // { body... }
    Decl,      // type name [= expr];  (registers have no block scope in herd)
    Assign,    // name = expr;
    Store,     // *target = expr;  target is the pointer expression (plain store)
    ExprStmt,  // expr;  e.g. (void)atomic_add_unless(...)
    Call,      // name(args...);  a statement macro call, before expansion
    If,        // if (expr) body[0] [else body[1]]
    While,     // while (expr) body[0]
    Prim,      // prim{tags}(args...);
  };
  Kind kind = Kind::Block;
  SourcePos pos;
  Type type;                      // Decl
  std::string name;               // Decl / Assign register, Call macro name
  ExprPtr target;                 // Store
  ExprPtr expr;                   // Decl initialiser (may be null), Assign/Store value, ExprStmt, If/While condition
  std::vector<ExprPtr> args;      // Call / Prim arguments
  PrimStmt prim = PrimStmt::Fence;
  BinOp op = BinOp::Add;          // AtomicOp operator
  std::vector<std::string> tags;  // Prim
  std::vector<StmtPtr> body;      // Block children; If: then [, else]; While: body
};

struct Param {
  Type type;
  std::string name;
  SourcePos pos;
};

struct Thread {
  int index = 0;  // N of P<N>
  SourcePos pos;
  std::vector<Param> params;
  std::vector<StmtPtr> body;
  std::string bodyText;  // raw bytes between the function's braces (herd hashes them)
};

// A value in the init block or a condition: an integer or the address of a location.
struct Value {
  bool isSymbol = false;
  long long number = 0;
  std::string symbol;
  friend bool operator==(const Value&, const Value&) = default;
};

// A register `thread:name` (thread >= 0) or a global location `name` (thread == -1).
struct Location {
  int thread = -1;
  std::string name;
  SourcePos pos;
  int rank = -1;  // a register's place in its architecture's register file (RISC-V x0..x31): herd
                  // orders such registers by it; -1 (C registers): by name
  bool isRegister() const { return thread >= 0; }
  friend bool operator==(const Location& a, const Location& b) {
    return a.thread == b.thread && a.name == b.name;
  }
};

struct InitItem {
  SourcePos pos;
  Location loc;
  std::optional<Type> type;   // absent for untyped `x=1;`
  bool hasValue = false;      // `int x;` and `spinlock_t s;` have none (value 0)
  Value value;
  std::string valueText;      // the value as written (herd hashes it): "007", "y", "2" for ATOMIC_INIT(2)
  bool addressOf = false;     // written `&x`
  bool atomicInit = false;    // written ATOMIC_INIT(n)
};

struct Prop;
using PropPtr = std::shared_ptr<const Prop>;

struct Prop {
  enum class Kind { True, False, Atom, Not, And, Or, Implies };
  Kind kind = Kind::True;
  SourcePos pos;
  Location lhs;                    // Atom
  std::optional<Location> rhsLoc;  // Atom comparing two locations (`0:r1=1:r2`)
  Value rhs;                       // Atom comparing with a value
  std::vector<PropPtr> args;       // Not: 1; And/Or/Implies: 2 or more (flattened)
};

enum class Quantifier { Exists, NotExists, Forall, Final };

struct Condition {
  Quantifier quantifier = Quantifier::Exists;
  PropPtr prop;
  SourcePos pos;
};

struct Test {
  std::string path;          // key everything on the file path: test names repeat
  std::string arch;          // "C"
  std::string name;          // as on line 1
  std::string docString;     // quoted line after the name, without quotes
  std::vector<std::pair<std::string, std::string>> info;  // key=value header lines
  std::optional<std::string> result;  // `Result:` annotation text, e.g. "Sometimes DATARACE"
  std::vector<InitItem> init;
  std::vector<Thread> threads;
  std::vector<Location> locations;    // `locations [...]`
  PropPtr filter;                     // may be null
  std::optional<Condition> condition; // absent when the file has no final clause
  // Locations with no initial value to read (no init write is read from): the
  // offset locations `x+k` of a RISC-V test, which herd7 without -variant mixed
  // treats as locations of their own that only the test's writes define.
  std::vector<std::string> uninitialised;
};

}  // namespace mcm::litmus
