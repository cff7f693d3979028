#pragma once
// A definition of relations and event sets compiled for one event structure: evaluated
// again and again (once per coherence order, or per part of a search) into buffers of its
// own, without the interpreter's dispatch, values and allocations. Compiled: names and
// operands the evaluator keeps for the structure (the leaves), and the operators on
// relations and sets over them. Anything else (functions, tags, sets of values, `0`) is left
// to the interpreter.
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "cat/ast.hpp"
#include "cat/value.hpp"

namespace mcm::cat {

// What the evaluator knows of an expression's leaves.
class LeafValues {
 public:
  virtual ~LeafValues() = default;
  // e's value when e is a leaf (a global name, an operand the same for every candidate of the
  // structure, or one the same in every round of a fixpoint); nullptr when it is not one.
  // `stable`: the value stays at that address (the evaluator writes new values there), else it
  // is asked for again at every evaluation.
  virtual const Value* leaf(const Expr& e, bool& stable) = 0;
  // Whether a global name's value is transitive.
  virtual bool transitive(int slot) const = 0;
  // For e `r^-1`, `r+` or `r*` of a global name r: its value, which the evaluator keeps while
  // r does not change (shared by every definition that takes it); nullptr if it keeps none.
  virtual const rel::Relation* closure(const Expr& e) = 0;
};

class CompiledExpr {
 public:
  // nullptr when e, or part of it, is not an operator on relations or sets of leaves holding those.
  static std::unique_ptr<CompiledExpr> compile(const Expr& e, std::size_t n, LeafValues& leaves);

  bool isRelation() const;
  bool transitive() const;  // e is a closure `r+`: its value is transitive
  // The value, valid until the next evaluation: nullptr when a leaf no longer holds the kind
  // it held when compiled (the interpreter evaluates e then).
  const rel::Relation* relation(LeafValues& leaves);
  // The same into `into` (what it held may be taken in exchange): false as relation() gives nullptr.
  bool takeRelation(LeafValues& leaves, rel::Relation& into);
  const rel::EventSet* set(LeafValues& leaves);
  // Whether the value is empty (nullopt as above).
  std::optional<bool> isEmpty(LeafValues& leaves);

  struct Node;
  ~CompiledExpr();
  CompiledExpr();

 private:
  int add(const Expr& e, LeafValues& leaves);
  bool run(int node, LeafValues& leaves);

  std::vector<Node> nodes_;  // the root last
  std::size_t n_ = 0;
  rel::EventSet all_;
};

}  // namespace mcm::cat
