#pragma once
// Run-time values of cat: event sets and relations (bit sets / bit matrices),
// single events and pairs taken out of them, tags, tuples, structured sets of
// values, a lazy cartesian choice (the result of `cross`), and functions.
#include <cstddef>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "cat/ast.hpp"
#include "relations/relation.hpp"

namespace mcm::cat {

struct Value;
struct Frame;
using FramePtr = std::shared_ptr<const Frame>;

struct EmptyValue {};     // `0` and `{}`: the empty set of events, relation or set of values
struct UniverseValue {};  // `_`: all events, or all pairs of events where a relation is expected
struct EventValue { std::size_t e; };
struct PairValue { std::size_t from, to; };
struct TagValue { std::string tag; };
struct TupleValue { std::vector<Value> items; };
struct ValueSet { std::vector<Value> items; };  // sorted, unique
// The total orders of `events` that contain `order` (transitively closed, acyclic on
// events): the value of linearisations(events, order), enumerated only when used.
struct LinearOrders {
  rel::EventSet events;
  rel::Relation order;
  bool total = false;  // order is total on events: one linear order
};
// A set of relations: listed, or the linear orders of a partial order (then `orders`).
struct ChoiceFactor {
  std::vector<Value> items;
  std::shared_ptr<const LinearOrders> orders;
};
// One element of each factor, joined by union: the set cross(factors), never built. A
// single factor is that factor's set (so linearisations(s, r) stays lazy).
struct ChoiceProduct { std::vector<ChoiceFactor> factors; };
struct Closure {
  const Expr* fun = nullptr;      // ExprKind::Fun
  FramePtr env;
  const Expr* recGroup = nullptr;  // LetRec whose bindings are re-bound when called
};
struct PrimitiveValue {
  Builtin which;
  std::shared_ptr<const Value> bound;  // `map f`: the function given so far (map is curried)
};
struct ProcedureValue { const Stmt* proc; };

struct Value {
  using Storage = std::variant<EmptyValue, rel::EventSet, rel::Relation, EventValue, PairValue, TagValue,
                               std::shared_ptr<const TupleValue>, std::shared_ptr<const ValueSet>,
                               std::shared_ptr<const ChoiceProduct>, Closure, PrimitiveValue, ProcedureValue,
                               UniverseValue>;
  Storage v;

  Value() = default;
  Value(EmptyValue x) : v(x) {}
  Value(rel::EventSet s) : v(std::move(s)) {}
  Value(rel::Relation r) : v(std::move(r)) {}
  Value(EventValue x) : v(x) {}
  Value(PairValue x) : v(x) {}
  Value(TagValue x) : v(std::move(x)) {}
  Value(Closure x) : v(std::move(x)) {}
  Value(PrimitiveValue x) : v(x) {}
  Value(ProcedureValue x) : v(x) {}
  Value(UniverseValue x) : v(x) {}
  static Value tuple(std::vector<Value> items);
  static Value set(std::vector<Value> items);        // sorts and removes duplicates
  static Value sortedSet(std::vector<Value> items);  // items already sorted, without duplicates
  static Value product(std::vector<ChoiceFactor> factors);

  template <class T> bool is() const { return std::holds_alternative<T>(v); }
  template <class T> const T& as() const { return std::get<T>(v); }
};

// A total order over values (sets of values are kept sorted by it).
int compare(const Value& a, const Value& b);
inline bool operator<(const Value& a, const Value& b) { return compare(a, b) < 0; }
inline bool operator==(const Value& a, const Value& b) { return compare(a, b) == 0; }

std::string kindName(const Value& v);  // "a relation", "a set of events", ... for messages

// Local variables: a persistent chain of single bindings (names are interned ids).
struct Frame {
  FramePtr parent;
  int id;
  Value value;
};
inline FramePtr extendFrame(FramePtr parent, int id, Value v) {
  return std::make_shared<const Frame>(Frame{std::move(parent), id, std::move(v)});
}

}  // namespace mcm::cat
