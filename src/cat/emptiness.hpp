#pragma once
// What can be known before any candidate about a definition that reads candidate
// relations (rf, co, ...): whether its value is empty on every candidate, and of
// which kind that empty value is. A test without RCU or plain accesses leaves the
// LKMM's RCU and data-race definitions empty whatever rf and co are; the evaluator
// binds them once per event structure instead of once per candidate, and its checks
// on them become static.
#include <functional>
#include <optional>
#include <span>

#include "cat/ast.hpp"
#include "cat/value.hpp"

namespace mcm::cat {

// The kind of value the evaluator would produce: `0` (EmptyValue), a set of
// events, a relation, or something this analysis does not follow.
enum class ValueKind { EmptyLiteral, EventSet, Relation, Function, Other };

struct EmptinessFact {
  bool empty = false;  // empty on every candidate (false: not known)
  ValueKind kind = ValueKind::Other;
  const Expr* function = nullptr;  // Function: a top-level `fun` (its calls are followed)
  friend bool operator==(const EmptinessFact&, const EmptinessFact&) = default;
};

// The fact for a value already computed (a static slot).
EmptinessFact factOf(const Value& v);

// The fact for e, from the facts of the global slots it reads; calls of top-level
// functions are followed into their bodies (not recursive ones). What it says holds if
// evaluating e succeeds (a model with a run-time type error may fail instead): the
// evaluator relies on it only after one run has evaluated every definition
// (Model::ranEveryLet). Conservative: complements and reflexive closures are never known
// empty, other primitives and binders are Other.
EmptinessFact factOf(const Expr& e, const std::function<EmptinessFact(int slot)>& slotFact);

// The fact of an operator node (Unary or Binary) from the facts of its operands, in order.
EmptinessFact operatorFact(const Expr& e, std::span<const EmptinessFact> operands);

// The empty value of a kind over n events (kind must not be Other).
Value emptyValue(ValueKind kind, std::size_t n);

}  // namespace mcm::cat
