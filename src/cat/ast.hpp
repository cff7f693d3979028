#pragma once
// Abstract syntax of cat models. Every node keeps its source position; the
// resolver (resolve.cpp) fills in how each name is found at run time.
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "support/diagnostic.hpp"

namespace mcm::cat {

struct Expr;
struct Stmt;
using ExprPtr = std::unique_ptr<Expr>;
using StmtList = std::vector<std::unique_ptr<Stmt>>;

enum class Builtin {
  None, Domain, Range, Linearisations, Cross, ClassesLoc, DifferentValues, SameValues, Map, OrdersPerLocation,
};

// Where a name lives at run time (decided by the resolver).
struct NameRef {
  enum Kind { Unresolved, Global, Local, Primitive } kind = Unresolved;
  int slot = -1;               // Global: slot index; Local: interned name id
  Builtin builtin = Builtin::None;
};

// A binding pattern: `x`, `_`, `()` or `(a, b, ...)`.
struct Pattern {
  std::vector<std::string> names;  // "" for `_`
  bool tuple = false;              // destructure a tuple (or a pair)
  std::vector<int> ids;            // interned ids of names, filled by the resolver
};

struct Binding {
  SourcePos pos;
  Pattern pat;
  ExprPtr expr;
  std::vector<int> slots;  // top-level bindings: global slot per name
};

enum class ExprKind {
  Var, Empty, Universe, Tag, ExplicitSet, Tuple, Unary, Binary, App, Fun, Let, LetRec,
  MatchSet, MatchTag, Try, If,
};
enum class UnOp { Star, Plus, Opt, Inv, Comp, ToId };
enum class BinOp { Union, Inter, Diff, Seq, Cart, Add };
enum class CondKind { Variant, Equal, Subset, In };

// What only some kinds of expression carry, kept apart: most nodes are names and
// operators, and a model's syntax trees are most of the memory a run of mcm touches
// (each new page costs).
struct ExprDetail {
  Pattern param;                  // Fun
  std::string file;               // Fun: file it is written in (for run-time diagnostics)
  std::vector<Binding> bindings;  // Let / LetRec
  // MatchSet: args = {scrutinee, emptyCase, eltCase}; eltName/restName bound in eltCase.
  std::string eltName, restName;
  int eltId = -1, restId = -1;
  // MatchTag: args[0] scrutinee, tagCases[i] -> args[i+1], then default (if hasDefault).
  std::vector<std::string> tagCases;
  bool hasDefault = false;
};

struct Expr {
  ExprKind kind;
  SourcePos pos;
  int id = -1;                 // the node's number in its model (numberExpressions), -1 if none
  std::string name;            // Var: name; Tag: tag; If/Variant: variant name
  NameRef ref;                 // Var
  UnOp unop{};
  BinOp binop{};
  CondKind cond{};
  bool tryFallback = false;    // Try: resolver found the first branch unbound: use the second
  std::vector<ExprPtr> args;   // operands, set/tuple elements, App: {fn, arg}; If: {a, b, then, else}
  std::unique_ptr<ExprDetail> detail;  // Fun, Let, LetRec, MatchSet, MatchTag

  // For the parser and resolver: creates the detail when it is missing.
  ExprDetail& detailToFill() {
    if (!detail) detail = std::make_unique<ExprDetail>();
    return *detail;
  }
  // For readers: a shared empty detail when there is none.
  const ExprDetail& more() const {
    static const ExprDetail none;
    return detail ? *detail : none;
  }
};

enum class StmtKind { Let, Check, With, Show, Enum, Instructions, Procedure, Call, Forall, IfVariant, Include };
enum class CheckKind { Acyclic, Irreflexive, Empty };

struct Stmt {
  StmtKind kind;
  SourcePos pos;
  std::string file;            // for diagnostics at run time
  bool rec = false;            // Let
  std::vector<Binding> bindings;  // Let
  // Check
  bool flag = false, negated = false;
  CheckKind check{};
  ExprPtr expr;                // Check / With / Call argument / Show-as / Instructions
  std::string name;            // check name (as NAME), With variable, Enum/Procedure/Call name, Include file
  SourcePos namePos;
  int slot = -1;               // With / Enum / Procedure: global slot bound
  std::vector<std::string> tags;  // Enum; Show: the names shown (unshown if negated)
  std::vector<int> tagSlots;      // Enum: slot of each tag's event set (herd naming rule)
  Pattern param;               // Procedure parameters; Forall variable
  StmtList body;               // Procedure / Forall body; IfVariant: statements when the variant is set
  StmtList elseBody;           // IfVariant: statements otherwise
  // IfVariant: after it, each name bound in both branches (or before) has a
  // slot of its own, copied from the branch taken: {slot, then-slot, else-slot}.
  std::vector<std::array<int, 3>> merges;
  NameRef callee;              // Call
};

}  // namespace mcm::cat
